package golden

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Error cases from LocalStack's split IAM OIDC tests,
// tests/aws/services/iam/test_iam_oidc.py (recorded from AWS 17-18 Feb 2026).

func TestIAMLSOIDCErrors(t *testing.T) {
	src := func(test, key, date string) string { return lsIAM("oidc", test, key, date) }
	const create, ops = "TestOIDCProviderCreateErrors::", "TestOIDCProviderOperations::"
	thumb := strings.Repeat("a", 40)
	url := "https://oidc-dup.example.com"
	provider := func(u string, tags ...types.Tag) func(context.Context, *iam.Client) error {
		return func(ctx context.Context, c *iam.Client) error {
			_, err := c.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String(u), ThumbprintList: []string{thumb}, Tags: tags})
			return err
		}
	}
	createCall := func(u string, thumbs, clients []string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String(u), ThumbprintList: thumbs, ClientIDList: clients})
		}
	}
	arnOf := func(host string) string { return "arn:aws:iam::" + iamAcct + ":oidc-provider/" + host }
	var clients []string
	for i := 0; i < 101; i++ {
		clients = append(clients, strconv.Itoa(i))
	}
	var fifty []types.Tag
	for i := 0; i < 50; i++ {
		fifty = append(fifty, types.Tag{Key: aws.String(fmt.Sprintf("k%02d", i)), Value: aws.String(fmt.Sprintf("v%d", i))})
	}
	Run(t, []Case{
		fails("CreateOpenIDConnectProvider/URL without scheme", src(create+"test_create_open_id_connect_provider_invalid_url", "invalid-url", "2026-02-18"), nil,
			createCall("example.org", []string{thumb}, nil), 400, "ValidationError", "Invalid Open ID Connect Provider URL"),
		fails("CreateOpenIDConnectProvider/exists", src(create+"test_create_open_id_connect_provider_duplicate_error", "duplicate-error", "2026-02-17"), steps(provider(url)),
			createCall(url, []string{thumb}, nil), 409, "EntityAlreadyExists", "Provider with url "+url+" already exists."),
		lsElided("CreateOpenIDConnectProvider/three members too long", src(create+"test_create_open_id_connect_provider_validation_errors", "multiple-validation-errors", "2026-02-17"), nil,
			createCall(strings.Repeat("b", 256), []string{strings.Repeat("b", 41)}, []string{strings.Repeat("b", 256)}),
			"3 validation errors detected: Value at 'clientIDList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 1]; "+
				"Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]; "+
				"Value at 'url' failed to satisfy constraint: Member must have length less than or equal to 255"),
		fails("CreateOpenIDConnectProvider/six thumbprints", src(create+"test_create_open_id_connect_provider_too_many_thumbprints", "too-many-thumbprints", "2026-02-17"), nil,
			createCall("https://oidc-thumbs.example.com", []string{thumb, strings.Repeat("b", 40), strings.Repeat("c", 40), strings.Repeat("d", 40), strings.Repeat("e", 40), strings.Repeat("f", 40)}, nil),
			400, "InvalidInput", "Thumbprint list must contain fewer than 5 entries."),
		fails("CreateOpenIDConnectProvider/101 client ids", src(create+"test_create_open_id_connect_provider_quota_error", "quota-error", "2026-02-17"), nil,
			createCall("https://oidc-clients.example.com", []string{thumb}, clients), 409, "LimitExceeded", "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100"),
		fails("GetOpenIDConnectProvider/no such provider", src(ops+"test_get_open_id_connect_provider_not_found", "not-found-error", "2026-02-18"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arnOf("non-existent.example.com"))})
		}, 404, "NoSuchEntity", "OpenIDConnect Provider not found for arn "+arnOf("non-existent.example.com")),
		fails("GetOpenIDConnectProvider/deleted", src(ops+"test_delete_open_id_connect_provider", "get-not-found-error", "2026-02-18"), steps(provider(url), lsDeleteOIDC(arnOf("oidc-dup.example.com"))), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arnOf("oidc-dup.example.com"))})
		}, 404, "NoSuchEntity", "OpenIDConnect Provider not found for arn "+arnOf("oidc-dup.example.com")),
		fails("DeleteOpenIDConnectProvider/deleted", src(ops+"test_delete_open_id_connect_provider", "deletion-not-found-error", "2026-02-18"), steps(provider(url), lsDeleteOIDC(arnOf("oidc-dup.example.com"))), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arnOf("oidc-dup.example.com"))})
		}, 404, "NoSuchEntity", "OpenId connect Provider "+arnOf("oidc-dup.example.com")+" cannot be found."),
		fails("TagOpenIDConnectProvider/51st tag", src("TestOIDCProviderTags::test_open_id_connect_provider_tags_limit", "tags-limit-error", "2026-02-18"), steps(provider(url, fifty...)), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.TagOpenIDConnectProvider(ctx, &iam.TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arnOf("oidc-dup.example.com")), Tags: iamTags("string", "string")})
		}, 409, "LimitExceeded", "The number of tags has reached the maximum limit."),
	})
}

func lsDeleteOIDC(arn string) func(context.Context, *iam.Client) error {
	return func(ctx context.Context, c *iam.Client) error {
		_, err := c.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)})
		return err
	}
}
