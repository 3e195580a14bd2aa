package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// presignedPosts4: browser POST uploads (LocalStack TestS3PresignedPost
// tests; their asserts hold AWS's answers).
func presignedPosts4() []Case {
	const pp = "TestS3PresignedPost::"
	post := func(p policyForm) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			out, err := p.send(ctx, w, opsBucket)
			if err != nil {
				return nil, err
			}
			return withXMLFields(out.(*http.Response), nil)
		}
	}
	inBucket := map[string]string{"bucket": opsBucket}
	expires := time.Now().Add(10 * time.Minute).UTC().Format(http.TimeFormat)
	meta := policyForm{key: "test-presigned-post-key-metadata", file: "test-body-tagging",
		fields: [][2]string{{"x-amz-meta-test-1", "test-meta-1"}, {"x-amz-meta-TEST-2", "test-meta-2"}, {"Content-Type", "text/plain"}, {"Expires", expires}},
		conds: []any{inBucket, []string{"eq", "$x-amz-meta-test-1", "test-meta-1"}, []string{"eq", "$x-amz-meta-TEST-2", "test-meta-2"},
			[]string{"eq", "$Content-Type", "text/plain"}, []string{"eq", "$Expires", expires}}}
	status201 := policyForm{key: "key-${filename}", fileName: "my-file", file: "something body", fields: [][2]string{{"success_action_status", "201"}},
		conds: []any{inBucket, []string{"eq", "$success_action_status", "201"}}}
	redirect := func(to string) policyForm {
		return policyForm{key: "key-test", fileName: "my-file", file: "something body", fields: [][2]string{{"success_action_redirect", to}},
			conds: []any{inBucket, []string{"eq", "$success_action_redirect", to}}}
	}
	renamed := func(from, to string) func([][2]string) [][2]string {
		return func(fields [][2]string) [][2]string {
			for i := range fields {
				if fields[i][0] == from {
					fields[i][0] = to
				}
			}
			return fields
		}
	}
	sized := func(edit func([][2]string) [][2]string) policyForm {
		return policyForm{key: "validate-policy-casing", file: "aaaaa", conds: []any{inBucket, []any{"content-length-range", 5, 10}}, edit: edit}
	}
	const etag = `"43281e21fce675ac3bcb3524b38ca4ed"`
	return []Case{
		{Name: "PostObject/metadata, Content-Type and Expires fields", Source: s3rec4(pp+"test_post_object_with_metadata", "(asserts)"),
			Setup: withBucket(opsBucket), Call: post(meta), Want: Want{Status: 204}},
		{Name: "HeadObject/after a POST with metadata fields", Source: s3rec4(pp+"test_post_object_with_metadata", "head-object"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				bucket(ctx, t, w, opsBucket)
				out, err := meta.send(ctx, w, opsBucket)
				if err != nil || out.(*http.Response).StatusCode != http.StatusNoContent {
					t.Fatalf("set-up POST: %v %v", out, err)
				}
			},
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("test-presigned-post-key-metadata")})
			}),
			Want: Want{Fields: map[string]any{"Metadata": Len(2), "header:X-Amz-Meta-Test-1": "test-meta-1", "header:X-Amz-Meta-Test-2": "test-meta-2", "ContentType": "text/plain",
				"ContentLength": 17, "ETag": `"a7d8531d918474360de3e2eaeb110cda"`, "ExpiresString": expires}}},
		{Name: "PostObject/success_action_status 201", Source: s3rec4(pp+"test_s3_presigned_post_success_action_status_201_response", "(asserts)"),
			Setup: withBucket(opsBucket), Call: post(status201),
			Want: Want{Status: 201, Fields: map[string]any{"header:Etag": etag, "header:Location": Match(`/key-my-file$`), "header:Xml-Bucket": opsBucket,
				"header:Xml-Key": "key-my-file", "header:Xml-ETag": etag, "header:Xml-Location": Match(`/key-my-file$`)}}},
		{Name: "PostObject/success_action_redirect", Source: s3rec4(pp+"test_s3_presigned_post_success_action_redirect", "(asserts)"),
			Setup: withBucket(opsBucket), Call: post(redirect("http://localhost.test/random")),
			Want: Want{Status: 303, Fields: map[string]any{"header:Location": Match(`^http://localhost\.test/random\?(.*&)?key=key-test(&|$)`),
				"header:Body": Absent}}},
		{Name: "PostObject/success_action_redirect S3 cannot read", Source: s3rec4(pp+"test_s3_presigned_post_success_action_redirect", "(asserts)"),
			Setup: withBucket(opsBucket), Call: post(redirect("/wrong/redirect/relative")), Want: Want{Status: 204}},
		{Name: "PostObject/70000-byte file", Source: s3rec4(pp+"test_post_object_with_files", "(asserts)"), Setup: withBucket(opsBucket),
			Call: func(ctx context.Context, w *World) (any, error) {
				body := strings.Repeat("0", 70000)
				out, err := post(policyForm{key: "test-presigned-post-key", file: body, conds: []any{inBucket}})(ctx, w)
				if err != nil || out.(*http.Response).StatusCode != http.StatusNoContent {
					return out, err
				}
				return w.S3(Root(owner)).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("test-presigned-post-key")})
			},
			Want: Want{Fields: map[string]any{"ContentLength": 70000}}},
		{Name: "PostObject/Policy field capitalized", Source: s3rec4(pp+"test_post_object_policy_casing[s3v4]", "(asserts)"),
			Setup: withBucket(opsBucket), Call: post(sized(renamed("policy", "Policy"))), Want: Want{Status: 204}},
		{Name: "PostObject/Policy and X-Amz-Credential fields capitalized", Source: s3rec4(pp+"test_post_object_policy_casing[s3v4]", "(asserts)"),
			Setup: withBucket(opsBucket), Call: post(sized(func(f [][2]string) [][2]string {
				return renamed("x-amz-credential", "X-Amz-Credential")(renamed("policy", "Policy")(f))
			})), Want: Want{Status: 204}},
	}
}
