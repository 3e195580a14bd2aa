package golden

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/fakeaws/fakeaws/emulator/saml/samltest"
)

// STS cases, second batch: AWS answers that integration suites run against
// AWS rely on, and answers quoted from AWS in GitHub issues.

// ansibleSTS cites the amazon.aws collection's sts_assume_role integration
// target, which runs against AWS and asserts on AWS's error text.
func ansibleSTS(task, assertion string) string {
	return "ansible-collections/amazon.aws tests/integration/targets/sts_assume_role/tasks/main.yml \"" + task +
		"\" (integration test against AWS; asserts " + assertion + ")"
}

func TestSTSRec2(t *testing.T) {
	session := func(in *sts.AssumeRoleInput) *sts.AssumeRoleInput {
		in.RoleArn = aws.String(roleARN("r"))
		in.RoleSessionName = aws.String("AnsibleTest")
		return in
	}
	Run(t, []Case{
		asCaller(Case{
			Name: "AssumeRole/session policy not JSON",
			// The amazon.aws target long asserted "The policy is not in the
			// valid JSON format."; AWS's newer answer, quoted when the
			// collection stopped matching the text (pull request #2778,
			// 2025-12-09), is the JSON parser's own message. The newer wins.
			Source: ansibleSTS("Test assume role with invalid policy", `MalformedPolicyDocument for policy "invalid policy"`) +
				`; AWS's text quoted in ansible-collections/amazon.aws#2778: "Unexpected character ('i' (code 105)): expected a valid value (number, String, array, object, 'true', 'false' or 'null')\n at [Source: java.io.StringReader@52b5743d; line: 1, column: 2]"`,
			Want: Want{Status: 400, Code: "MalformedPolicyDocument",
				MessagePrefix: "Unexpected character ('i' (code 105)): expected a valid value (number, String, array, object, 'true', 'false' or 'null')\n at [Source: java.io.StringReader@"},
		}, []string{"r"}, assume(session(&sts.AssumeRoleInput{Policy: aws.String("invalid policy")}))),
		asCaller(Case{
			Name:   "AssumeRole/external id with spaces",
			Source: ansibleSTS("Test assume role with invalid external id", `"Member must satisfy regular expression pattern:"`),
			Want: Want{Status: 400, Code: "ValidationError",
				Message: "1 validation error detected: Value 'invalid external id' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*"},
		}, []string{"r"}, assume(session(&sts.AssumeRoleInput{ExternalId: aws.String("invalid external id")}))),
		asCaller(Case{
			Name:   "AssumeRole/MFA serial number with spaces",
			Source: ansibleSTS("Test assume role with invalid mfa serial number", `"Member must satisfy regular expression pattern:"`),
			Want: Want{Status: 400, Code: "ValidationError",
				Message: "1 validation error detected: Value 'invalid serial number' at 'serialNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=/:,.@-]*"},
		}, []string{"r"}, assume(session(&sts.AssumeRoleInput{SerialNumber: aws.String("invalid serial number")}))),
		asCaller(Case{
			Name:   "AssumeRole/MFA token code not digits",
			Source: ansibleSTS("Test assume role with invalid mfa token code", `"Member must satisfy regular expression pattern:"`),
			Want:   Want{Status: 400, Code: "ValidationError", MessagePrefix: "2 validation errors detected: "},
		}, []string{"r"}, assume(session(&sts.AssumeRoleInput{TokenCode: aws.String("invalid token code")}))),
		asCaller(Case{
			Name:   "AssumeRole/RoleArn too short",
			Source: ansibleSTS("Test assume role with invalid role_arn", `"Member must have length greater than or equal to 20"`),
			Want: Want{Status: 400, Code: "ValidationError",
				Message: "1 validation error detected: Value 'invalid role arn' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"},
		}, nil, assume(&sts.AssumeRoleInput{RoleArn: aws.String("invalid role arn"), RoleSessionName: aws.String("AnsibleTest")})),
		asCaller(Case{
			Name:   "AssumeRole/role of a nine-digit account",
			Source: ansibleSTS("Test assume not existing sts role", `"is not authorized to perform: sts:AssumeRole" for arn:aws:iam::123456789:role/non-existing-role`),
			Want: Want{Status: 403, Code: "AccessDenied",
				MessagePrefix: "User: arn:aws:iam::" + iamAcct + ":user/caller is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789:role/non-existing-role"},
		}, nil, assume(&sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789:role/non-existing-role"), RoleSessionName: aws.String("AnsibleTest")})),
	})
}

func TestSTSRec2SAML(t *testing.T) {
	var assertion string
	Run(t, []Case{{
		Name: "AssumeRoleWithSAML/assertion past NotOnOrAfter",
		Source: "AWS's answer as quoted in Versent/saml2aws#759 (2022: \"ExpiredTokenException: Response has expired\", status 400, " +
			"for an assertion whose Conditions NotOnOrAfter, one minute after NotBefore, had passed)",
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			now := time.Now()
			idp, err := samltest.New("https://idp.example.com/saml", now)
			must(t, "samltest.New", err)
			_, err = iamc(w).CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("MySAMLProvider"), SAMLMetadataDocument: aws.String(idp.Metadata())})
			must(t, "CreateSAMLProvider", err)
			trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + samlARN + `"},"Action":"sts:AssumeRoleWithSAML"}]}`
			must(t, "CreateRole", mkRole("r", "", trust)(ctx, iamc(w)))
			assertion = idp.Base64(samltest.Assertion{IssueInstant: now.Add(-2 * time.Minute), NotOnOrAfter: now.Add(-time.Minute),
				Attributes: samltest.RoleAttributes(roleARN("r"), samlARN, "alice")})
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.STS(aws.Credentials{}).AssumeRoleWithSAML(ctx, &sts.AssumeRoleWithSAMLInput{RoleArn: aws.String(roleARN("r")),
				PrincipalArn: aws.String(samlARN), SAMLAssertion: aws.String(assertion)})
		},
		Want: Want{Status: 400, Code: "ExpiredTokenException", Message: "Response has expired"},
	}})
}

func TestSTSRec2SessionToken(t *testing.T) {
	// community.aws tests/integration/targets/sts_session_token/tasks/main.yml
	// runs against AWS: a 1000-second session expires about 1000 seconds
	// on, and GetCallerIdentity with its credentials names the same user
	// as the long-term key.
	src := func(task, assertion string) string {
		return "ansible-collections/community.aws tests/integration/targets/sts_session_token/tasks/main.yml \"" + task +
			"\" (integration test against AWS; asserts " + assertion + ")"
	}
	var session aws.Credentials
	Run(t, []Case{
		asCaller(Case{
			Name:   "GetSessionToken/1000 seconds",
			Source: src("Get a session token", "duration_seconds 1000 gives an expiration within a minute of 1000 seconds on"),
			Want:   Want{Fields: map[string]any{"Credentials.Expiration": lastsAbout(1000 * time.Second), "Credentials.AccessKeyId": Prefix("ASIA")}},
		}, nil, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			return w.STS(creds).GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(1000)})
		}),
		{
			Name:   "GetCallerIdentity/with GetSessionToken credentials",
			Source: src("Get ARN of user when running with generated token", "the account and ARN equal those of the long-term key"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				caller := w.User(ctx, t, iamAcct, "caller", "")
				out, err := w.STS(caller).GetSessionToken(ctx, &sts.GetSessionTokenInput{})
				must(t, "GetSessionToken", err)
				session = sessionOf(out.Credentials)
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.STS(session).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			},
			Want: Want{Fields: map[string]any{"Account": iamAcct, "Arn": userARN("caller")}},
		},
	})
}

func TestSTSRec2SessionPermissions(t *testing.T) {
	// The role trusts the account for sts:AssumeRole only; the caller's own
	// policy allows everything. Session tags and a source identity each
	// need their own action in the trust policy.
	const trustAssumeOnly = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + iamAcct + `:root"},"Action":"sts:AssumeRole"}]}`
	withRole := func(c Case, in *sts.AssumeRoleInput) Case {
		var creds aws.Credentials
		c.Setup = func(ctx context.Context, t *testing.T, w *World) {
			must(t, "CreateRole", mkRole("r", "", trustAssumeOnly)(ctx, iamc(w)))
			creds = w.User(ctx, t, iamAcct, "caller", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:*","Resource":"*"}]}`)
		}
		c.Call = func(ctx context.Context, w *World) (any, error) { return w.STS(creds).AssumeRole(ctx, in) }
		return c
	}
	denied := func(action string) Want {
		return Want{Status: 403, Code: "AccessDenied",
			Message: "User: " + userARN("caller") + " is not authorized to perform: " + action + " on resource: " + roleARN("r")}
	}
	Run(t, []Case{
		withRole(Case{
			Name: "AssumeRole/session tags without sts:TagSession in the trust policy",
			Source: issue("aws-actions/configure-aws-credentials#54 and 18F/identity-terraform#115",
				"\"User: arn:aws:iam::ACCT:user/NAME is not authorized to perform: sts:TagSession on resource: arn:aws:iam::ACCT:role/NAME\""),
			Want: denied("sts:TagSession"),
		}, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("r")), RoleSessionName: aws.String("session"), Tags: tags("team", "a")}),
		withRole(Case{
			Name: "AssumeRole/source identity without sts:SetSourceIdentity in the trust policy",
			Source: issue("noqdev/iambic#357 and aws/copilot-cli#5358",
				"\"... is not authorized to perform: sts:SetSourceIdentity on resource: arn:aws:iam::ACCT:role/NAME\""),
			Want: denied("sts:SetSourceIdentity"),
		}, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("r")), RoleSessionName: aws.String("session"), SourceIdentity: aws.String("alice")}),
	})
}
