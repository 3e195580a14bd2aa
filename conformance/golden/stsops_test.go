package golden

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/fakeaws/fakeaws/emulator/saml/samltest"
	stsemu "github.com/fakeaws/fakeaws/emulator/sts"
)

// STS cases for the actions and shapes sts_test.go leaves out.

func stsAPIRef(op, what string) string {
	return "https://docs.aws.amazon.com/STS/latest/APIReference/API_" + op + ".html (" + what + ")"
}

// sessionOf turns STS credentials into aws.Credentials.
func sessionOf(c *types.Credentials) aws.Credentials {
	return aws.Credentials{AccessKeyID: *c.AccessKeyId, SecretAccessKey: *c.SecretAccessKey, SessionToken: *c.SessionToken}
}

// roleSession assumes role "target" as the caller and returns the session.
func roleSession(ctx context.Context, w *World, creds aws.Credentials, in *sts.AssumeRoleInput) (aws.Credentials, error) {
	if in == nil {
		in = &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("target")), RoleSessionName: aws.String("Session1")}
	}
	out, err := w.STS(creds).AssumeRole(ctx, in)
	if err != nil {
		return aws.Credentials{}, fmt.Errorf("first AssumeRole: %w", err)
	}
	return sessionOf(out.Credentials), nil
}

// federationPolicy is myfile.json of the AWS CLI's get-federation-token
// example.
const federationPolicy = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "ec2:Describe*",
            "Resource": "*"
        },
        {
            "Effect": "Allow",
            "Action": "elasticloadbalancing:Describe*",
            "Resource": "*"
        },
        {
            "Effect": "Allow",
            "Action": [
                "cloudwatch:ListMetrics",
                "cloudwatch:GetMetricStatistics",
                "cloudwatch:Describe*"
            ],
            "Resource": "*"
        },
        {
            "Effect": "Allow",
            "Action": "autoscaling:Describe*",
            "Resource": "*"
        }
    ]
}`

func TestSTSMoreShapes(t *testing.T) {
	sourceTrust := `{"Version": "2012-10-17", "Statement": [{"Action": ["sts:AssumeRole", "sts:SetSourceIdentity"], "Principal": {"AWS": "` + iamAcct + `"}, "Effect": "Allow"}]}`
	callerWithSourceIdentity := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole","sts:SetSourceIdentity"],"Resource":"*"}]}`
	Run(t, []Case{
		{
			Name: "GetCallerIdentity/unknown access key",
			Source: quoted("aws-azure-login/aws-azure-login#251 (botocore debug log of STS's body: 403, Type Sender, Code InvalidClientTokenId, " +
				"Message \"The security token included in the request is invalid\"); hashicorp/terraform-provider-aws#13695 quotes it with a final period"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.STS(aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}).
					GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			},
			Want: Want{Status: 403, Code: "InvalidClientTokenId", MessagePrefix: "The security token included in the request is invalid"},
		},
		asCaller(Case{
			Name:   "GetSessionToken/with session credentials",
			Source: quoted("aws/aws-sdk-net#1704 and apache/hadoop#6538 (GetSessionToken with session credentials: 403 AccessDenied \"Cannot call GetSessionToken with session credentials\")"),
			Want:   Want{Status: 403, Code: "AccessDenied", Message: "Cannot call GetSessionToken with session credentials"},
		}, []string{"target"}, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			sess, err := roleSession(ctx, w, creds, nil)
			if err != nil {
				return nil, err
			}
			return w.STS(sess).GetSessionToken(ctx, &sts.GetSessionTokenInput{})
		}),
		asCaller(Case{
			Name:   "GetFederationToken/with session credentials",
			Source: quoted("fwdcloudsec/granted#151 (operation error STS: GetFederationToken, StatusCode: 403, api error AccessDenied: Cannot call GetFederationToken with session credentials)"),
			Want:   Want{Status: 403, Code: "AccessDenied", Message: "Cannot call GetFederationToken with session credentials"},
		}, []string{"target"}, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			sess, err := roleSession(ctx, w, creds, nil)
			if err != nil {
				return nil, err
			}
			return w.STS(sess).GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("Bob")})
		}),
		asCaller(Case{
			Name:   "GetFederationToken/policy and managed policy",
			Source: cliExample("sts/get-federation-token.rst") + " (PackedPolicySize 36 for myfile.json and AmazonS3ReadOnlyAccess)",
			Want: Want{Fields: map[string]any{"PackedPolicySize": 36, "FederatedUser.FederatedUserId": iamAcct + ":Bob",
				"FederatedUser.Arn": "arn:aws:sts::" + iamAcct + ":federated-user/Bob"}},
		}, nil, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			return w.STS(creds).GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("Bob"), Policy: aws.String(federationPolicy),
				PolicyArns: []types.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")}}, DurationSeconds: aws.Int32(900)})
		}),
		asCaller(Case{
			Name: "GetAccessKeyInfo/own key",
			Source: stsAPIRef("GetAccessKeyInfo", "Response Elements: Account, \"The number used to identify the AWS account\"; "+
				"the example's response is <Account>111122223333</Account>"),
			Want: Want{Fields: map[string]any{"Account": iamAcct}},
		}, nil, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			return w.STS(Root(iamAcct)).GetAccessKeyInfo(ctx, &sts.GetAccessKeyInfoInput{AccessKeyId: aws.String(creds.AccessKeyID)})
		}),
		{
			Name: "GetAccessKeyInfo/id too short",
			Source: stsAPIRef("GetAccessKeyInfo", "AccessKeyId: Length Constraints: Minimum length of 16; an out-of-constraint value is "+
				"ValidationError \"1 validation error detected: ...\" as in the recorded "+stsLS("TestSTSIntegrations::test_sts_invalid_parameters", "invalid-session-name", "2025-07-21")+")"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.STS(Root(iamAcct)).GetAccessKeyInfo(ctx, &sts.GetAccessKeyInfoInput{AccessKeyId: aws.String("AKIA")})
			},
			Want: Want{Status: 400, Code: "ValidationError",
				Message: "1 validation error detected: Value 'AKIA' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16"},
		},
		{
			Name: "DecodeAuthorizationMessage/denied request",
			Source: cliExample("sts/decode-authorization-message.rst") + " (DecodedMessage is the JSON document " +
				"{\"allowed\":false,\"explicitDeny\":...,\"matchedStatements\":{\"items\":[...]},\"failures\":{\"items\":[]},\"context\":{\"principal\":{...},\"action\":...,\"resource\":...,\"conditions\":{\"items\":[...]}}})",
			Call: func(ctx context.Context, w *World) (any, error) {
				msg := stsemu.EncodeAuthorizationMessage(stsemu.AuthorizationDetails{Context: stsemu.MessageContext{
					Principal: stsemu.MessagePrincipal{ID: "AIDAEXAMPLE", ARN: userARN("Bob")}, Action: "ec2:RunInstances", Resource: "arn:aws:ec2:us-east-1:" + iamAcct + ":instance/*"}})
				return w.STS(Root(iamAcct)).DecodeAuthorizationMessage(ctx, &sts.DecodeAuthorizationMessageInput{EncodedMessage: aws.String(msg)})
			},
			Want: Want{Fields: map[string]any{"DecodedMessage": decodedMessageShape{}}},
		},
		{
			Name:   "DecodeAuthorizationMessage/not a message",
			Source: stsAPIRef("DecodeAuthorizationMessage", "Errors: InvalidAuthorizationMessageException, HTTP 400: the message is not valid, for example because it was not encoded by AWS"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.STS(Root(iamAcct)).DecodeAuthorizationMessage(ctx, &sts.DecodeAuthorizationMessageInput{EncodedMessage: aws.String("EXAMPLEWodyRNrtlQARDip-eTA6i6DrlUhHhPQrLWB")})
			},
			Want: Want{Status: 400, Code: "InvalidAuthorizationMessageException"},
		},
		{
			Name:   "AssumeRoleWithWebIdentity/not a JWT",
			Source: stsAPIRef("AssumeRoleWithWebIdentity", "Errors: InvalidIdentityToken, HTTP 400: the web identity token could not be validated"),
			Setup:  setup(mkRole("web", "", lambdaTrust)),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.STS(aws.Credentials{}).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(roleARN("web")),
					RoleSessionName: aws.String("app1"), WebIdentityToken: aws.String("not-a-token")})
			},
			Want: Want{Status: 400, Code: "InvalidIdentityToken"},
		},
		webIdentitySuccess(),
		{
			Name:   "AssumeRoleWithSAML/not an assertion",
			Source: stsAPIRef("AssumeRoleWithSAML", "Errors: InvalidIdentityToken, HTTP 400: the identity token could not be validated"),
			Setup:  setup(mkRole("saml", "", lambdaTrust)),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.STS(aws.Credentials{}).AssumeRoleWithSAML(ctx, &sts.AssumeRoleWithSAMLInput{RoleArn: aws.String(roleARN("saml")),
					PrincipalArn: aws.String(samlARN), SAMLAssertion: aws.String(strings.Repeat("QUFB", 2))})
			},
			Want: Want{Status: 400, Code: "InvalidIdentityToken"},
		},
		chainedSourceIdentity(sourceTrust, callerWithSourceIdentity),
		samlSuccess(),
	})
}

// chainedSourceIdentity: a role session with source identity "alice"
// assumes another role asking for source identity "mallory".
func chainedSourceIdentity(trust, callerPolicy string) Case {
	var creds aws.Credentials
	return Case{
		Name: "AssumeRole/chained session changes its source identity",
		Source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html#id_credentials_temp_control-access_monitor-chain " +
			"(\"If the user attempts to set a source identity that is different from the value set when CriticalRole was assumed, the assume role request will be denied.\"); " +
			"AWS's answer recorded in justincormack/argmin guides/aws-compatibility.md (SourceIdentity slice, 2026-07-14): " +
			"HTTP 400 ValidationError \"The source identity is already set for this assume role session\"",
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			must(t, "CreateRole target", mkRole("target", "", trust)(ctx, iamc(w)))
			must(t, "CreateRole next", mkRole("next", "", trust)(ctx, iamc(w)))
			creds = w.User(ctx, t, iamAcct, "caller", callerPolicy)
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			sess, err := roleSession(ctx, w, creds, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("target")),
				RoleSessionName: aws.String("Session1"), SourceIdentity: aws.String("alice")})
			if err != nil {
				return nil, err
			}
			return w.STS(sess).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("next")),
				RoleSessionName: aws.String("Session2"), SourceIdentity: aws.String("mallory")})
		},
		Want: Want{Status: 400, Code: "ValidationError", Message: "The source identity is already set for this assume role session"},
	}
}

// decodedMessageShape wants the JSON document of an authorization message
// with the top-level members AWS's example shows.
type decodedMessageShape struct{}

func (decodedMessageShape) Check(v reflect.Value, found bool) error {
	if !found {
		return fmt.Errorf("want a decoded message, got absent")
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(v.String()), &doc); err != nil {
		return fmt.Errorf("DecodedMessage is not JSON: %v", err)
	}
	for _, k := range []string{"allowed", "explicitDeny", "matchedStatements", "failures", "context"} {
		if _, ok := doc[k]; !ok {
			return fmt.Errorf("DecodedMessage has no %q: %s", k, v.String())
		}
	}
	var c struct {
		Principal  struct{ ID, ARN string } `json:"principal"`
		Action     string                   `json:"action"`
		Conditions struct {
			Items []any `json:"items"`
		} `json:"conditions"`
	}
	if err := json.Unmarshal(doc["context"], &c); err != nil || c.Principal.ARN == "" || c.Action == "" {
		return fmt.Errorf("DecodedMessage context lacks principal.arn or action: %s", doc["context"])
	}
	return nil
}

// webIdentitySuccess assumes a role with a token from fakeaws's own OIDC
// issuer, registered as an IAM OIDC provider.
func webIdentitySuccess() Case {
	var token string
	return Case{
		Name: "AssumeRoleWithWebIdentity/success",
		Source: cliExample("sts/assume-role-with-web-identity.rst") + " (SubjectFromWebIdentityToken, AssumedRoleUser " +
			"arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, Provider, Audience, Credentials)",
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			host := strings.TrimPrefix(w.Endpoint, "http://") + "/_fakeaws/oidc"
			p, err := iamc(w).CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://" + host),
				ClientIDList: []string{"sts.amazonaws.com"}, ThumbprintList: []string{thumbprint}})
			must(t, "CreateOpenIDConnectProvider", err)
			trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + *p.OpenIDConnectProviderArn +
				`"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"` + host + `:aud":"sts.amazonaws.com"}}}]}`
			must(t, "CreateRole", mkRole("FederatedWebIdentityRole", "", trust)(ctx, iamc(w)))
			resp, err := w.HTTP.Post(w.Endpoint+"/_fakeaws/oidc/token", "application/json", strings.NewReader(`{"sub":"amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A","aud":"sts.amazonaws.com"}`))
			must(t, "POST /_fakeaws/oidc/token", err)
			defer resp.Body.Close()
			var out struct {
				IDToken string `json:"id_token"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK || out.IDToken == "" {
				t.Fatalf("set-up POST /_fakeaws/oidc/token: %s %v", resp.Status, err)
			}
			token = out.IDToken
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.STS(aws.Credentials{}).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
				RoleArn: aws.String(roleARN("FederatedWebIdentityRole")), RoleSessionName: aws.String("app1"), WebIdentityToken: aws.String(token)})
		},
		Want: Want{Fields: map[string]any{
			"SubjectFromWebIdentityToken": "amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A", "Audience": "sts.amazonaws.com",
			"AssumedRoleUser.Arn":           "arn:aws:sts::" + iamAcct + ":assumed-role/FederatedWebIdentityRole/app1",
			"AssumedRoleUser.AssumedRoleId": Match(`^AROA[A-Z0-9]+:app1$`), "Provider": Present,
			"Credentials.AccessKeyId": Prefix("ASIA"), "Credentials.SessionToken": Present}},
	}
}

// samlSuccess assumes a role with a signed assertion of a test IdP whose
// metadata is registered as an IAM SAML provider.
func samlSuccess() Case {
	var assertion string
	return Case{
		Name: "AssumeRoleWithSAML/success",
		Source: cliExample("sts/assume-role-with-saml.rst") + " (Subject, SubjectType, Issuer, Audience " +
			"https://signin.aws.amazon.com/saml, NameQualifier, AssumedRoleUser, Credentials)",
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			idp, err := samltest.New("https://integ.example.com/idp/shibboleth", time.Now())
			must(t, "samltest.New", err)
			_, err = iamc(w).CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("MySAMLProvider"), SAMLMetadataDocument: aws.String(idp.Metadata())})
			must(t, "CreateSAMLProvider", err)
			trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + samlARN +
				`"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}`
			must(t, "CreateRole", mkRole("TestSaml", "", trust)(ctx, iamc(w)))
			assertion = idp.Base64(samltest.Assertion{IssueInstant: time.Now(), NameID: "SamlExample",
				NameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
				Attributes:   samltest.RoleAttributes(roleARN("TestSaml"), samlARN, "TestSaml")})
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.STS(aws.Credentials{}).AssumeRoleWithSAML(ctx, &sts.AssumeRoleWithSAMLInput{RoleArn: aws.String(roleARN("TestSaml")),
				PrincipalArn: aws.String(samlARN), SAMLAssertion: aws.String(assertion)})
		},
		Want: Want{Fields: map[string]any{"Subject": "SamlExample", "SubjectType": "transient",
			"Issuer": "https://integ.example.com/idp/shibboleth", "Audience": "https://signin.aws.amazon.com/saml", "NameQualifier": Present,
			"AssumedRoleUser.Arn":           "arn:aws:sts::" + iamAcct + ":assumed-role/TestSaml/TestSaml",
			"AssumedRoleUser.AssumedRoleId": Match(`^AROA[A-Z0-9]+:TestSaml$`), "Credentials.AccessKeyId": Prefix("ASIA")}},
	}
}
