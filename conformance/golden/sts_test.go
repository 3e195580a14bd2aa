package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// STS cases. LocalStack's STS snapshots live in
// tests/aws/services/sts/test_sts.snapshot.json.

func stsLS(test, key, validated string) string {
	return localstack("sts/test_sts.snapshot.json", test, key, validated)
}

// stsCaller is the IAM user the STS cases call as: it may assume any role,
// tag sessions and get federation tokens.
const stsCallerPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession","sts:GetFederationToken"],"Resource":"*"}]}`

// trustAccount is the trust policy LocalStack's STS tests give their roles:
// the account itself may assume the role and tag the session.
const trustAccount = `{"Version": "2012-10-17", "Statement": [{"Action": ["sts:AssumeRole", "sts:TagSession"], "Principal": {"AWS": "` + iamAcct + `"}, "Effect": "Allow"}]}`

// asCaller fills c's Setup and Call: Setup makes the roles named (with
// trustAccount) and the caller user; call runs with the caller's key. Each
// case gets its own key holder, as cases run in parallel.
func asCaller(c Case, roles []string, call func(ctx context.Context, w *World, creds aws.Credentials) (any, error)) Case {
	var creds aws.Credentials
	c.Setup = func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		for _, r := range roles {
			if _, err := iamc(w).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(r), AssumeRolePolicyDocument: aws.String(trustAccount)}); err != nil {
				t.Fatalf("set-up CreateRole %s: %v", r, err)
			}
		}
		creds = w.User(ctx, t, iamAcct, "caller", stsCallerPolicy)
	}
	c.Call = func(ctx context.Context, w *World) (any, error) { return call(ctx, w, creds) }
	return c
}

// assume is a Call that assumes a role as the caller with in.
func assume(in *sts.AssumeRoleInput) func(context.Context, *World, aws.Credentials) (any, error) {
	return func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
		return w.STS(creds).AssumeRole(ctx, in)
	}
}

func roleARN(name string) string { return "arn:aws:iam::" + iamAcct + ":role/" + name }

func tags(kv ...string) []types.Tag {
	var out []types.Tag
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return out
}

func TestSTSAssumeRole(t *testing.T) {
	invalid := func(name, arn, session, msg string) Case {
		return asCaller(Case{
			Name:   "AssumeRole/" + name,
			Source: stsLS("TestSTSIntegrations::test_sts_invalid_parameters", name, "2025-07-21"),
			Want:   Want{Status: 400, Code: "ValidationError", Message: msg},
		}, nil, assume(&sts.AssumeRoleInput{RoleArn: aws.String(arn), RoleSessionName: aws.String(session)}))
	}
	Run(t, []Case{
		asCaller(Case{
			Name:   "AssumeRole/success",
			Source: stsLS("TestSTSIntegrations::test_assume_role", "assume-role", "2024-06-05"),
			Want: Want{Fields: map[string]any{
				"AssumedRoleUser.Arn":           "arn:aws:sts::" + iamAcct + ":assumed-role/target/test-assume-role-1a2b",
				"AssumedRoleUser.AssumedRoleId": Match(`^AROA[A-Z0-9]+:test-assume-role-1a2b$`),
				"Credentials.AccessKeyId":       Prefix("ASIA"), "Credentials.SessionToken": Present, "Credentials.Expiration": Present,
				"PackedPolicySize": Absent, "SourceIdentity": Absent}},
		}, []string{"target"}, assume(&sts.AssumeRoleInput{RoleArn: aws.String(roleARN("target")), RoleSessionName: aws.String("test-assume-role-1a2b")})),
		invalid("malformed-arn", "nothing-valid-in-here", "Session1", "nothing-valid-in-here is invalid"),
		invalid("no-partition", "arn::b:::something/test-role", "Session1", "arn::b:::something/test-role is invalid"),
		invalid("no-service", "arn:a::::something/test-role", "Session1", "arn:a::::something/test-role is invalid"),
		invalid("not-enough-colons", "arn:a:::something/test-role", "Session1", "arn:a:::something/test-role is invalid"),
		invalid("no-resource", "arn:a:a::aaaaaaaaaa:", "Session1", "arn:a:a::aaaaaaaaaa: is invalid"),
		invalid("invalid-session-name", "arn:a:b:::something/test-role", "Session1:2",
			`1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*`),
		asCaller(Case{
			Name:   "AssumeRole/transitive key not among tags",
			Source: stsLS("TestSTSAssumeRoleTagging::test_assume_role_tag_validation", "invalid-transitive-tag-keys", "2025-04-10"),
			Want:   Want{Status: 400, Code: "InvalidParameterValue", Message: "The specified transitive tag key must be included in the requested tags."},
		}, []string{"role-1"}, assume(&sts.AssumeRoleInput{RoleArn: aws.String(roleARN("role-1")), RoleSessionName: aws.String("SessionInvalidTransitiveKeys"),
			Tags: tags("SessionTag1", "SessionValue1"), TransitiveTagKeys: []string{"InvalidKey"}})),
		asCaller(Case{
			Name: "AssumeRole/transitive key in another case",
			// The test makes this call between its two recorded errors and
			// expects it to succeed ("transitive tags are case insensitive").
			Source: stsLS("TestSTSAssumeRoleTagging::test_assume_role_tag_validation", "(success between the recorded errors)", "2025-04-10"),
			Want:   Want{Fields: map[string]any{"Credentials.AccessKeyId": Prefix("ASIA"), "PackedPolicySize": Present}},
		}, []string{"role-1"}, assume(&sts.AssumeRoleInput{RoleArn: aws.String(roleARN("role-1")), RoleSessionName: aws.String("SessionInvalidCasingTransitiveKeys"),
			Tags: tags("SessionTag1", "SessionValue1"), TransitiveTagKeys: []string{"sessiontag1"}})),
		asCaller(Case{
			Name:   "AssumeRole/duplicate tag keys by case",
			Source: stsLS("TestSTSAssumeRoleTagging::test_assume_role_tag_validation", "duplicate-tag-keys-different-casing", "2025-04-10"),
			Want:   Want{Status: 400, Code: "InvalidParameterValue", Message: "Duplicate tag keys found. Please note that Tag keys are case insensitive."},
		}, []string{"role-1"}, assume(&sts.AssumeRoleInput{RoleArn: aws.String(roleARN("role-1")), RoleSessionName: aws.String("SessionInvalidCasingTransitiveKeys"),
			Tags: tags("SessionTag1", "SessionValue1", "sessiontag1", "SessionValue2"), TransitiveTagKeys: []string{"sessiontag1"}})),
		chainOverride("override-transitive-tag-error", "SessionTag1"),
		chainOverride("override-transitive-tag-case-ignore-error", "sessiontag1"),
	})
}

// chainOverride assumes role-1 with a transitive tag, then role-2 from that
// session setting the same tag key again.
func chainOverride(key, tagKey string) Case {
	return asCaller(Case{
		Name:   "AssumeRole/chained " + key,
		Source: stsLS("TestSTSAssumeRoleTagging::test_iam_role_chaining_override_transitive_tags", key, "2025-04-10"),
		Want: Want{Status: 400, Code: "InvalidParameterValue",
			Message: "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session."},
	}, []string{"role-1", "role-2"}, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
		first, err := w.STS(creds).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("role-1")),
			RoleSessionName: aws.String("Session1"), Tags: tags("SessionTag1", "SessionValue1"), TransitiveTagKeys: []string{"SessionTag1"}})
		if err != nil {
			return nil, err
		}
		c := first.Credentials
		sess := aws.Credentials{AccessKeyID: *c.AccessKeyId, SecretAccessKey: *c.SecretAccessKey, SessionToken: *c.SessionToken}
		return w.STS(sess).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("role-2")),
			RoleSessionName: aws.String("Session2SessionTagOverride"), Tags: tags(tagKey, "SessionValue2")})
	})
}

func TestSTSSessions(t *testing.T) {
	Run(t, []Case{
		asCaller(Case{
			Name:   "GetFederationToken/no policy",
			Source: stsLS("TestSTSIntegrations::test_get_federation_token", "get-federation-token", "2024-06-05"),
			Want: Want{Fields: map[string]any{"PackedPolicySize": 0,
				"FederatedUser.Arn":             "arn:aws:sts::" + iamAcct + ":federated-user/TestName1a2b",
				"FederatedUser.FederatedUserId": iamAcct + ":TestName1a2b", "Credentials.AccessKeyId": Prefix("ASIA")}},
		}, nil, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			return w.STS(creds).GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("TestName1a2b"), DurationSeconds: aws.Int32(900)})
		}),
		asCaller(Case{
			Name:   "GetCallerIdentity/user",
			Source: cliExample("sts/get-caller-identity.rst"),
			Want:   Want{Fields: map[string]any{"Account": iamAcct, "Arn": "arn:aws:iam::" + iamAcct + ":user/caller", "UserId": Prefix("AIDA")}},
		}, nil, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			return w.STS(creds).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		}),
		{
			Name: "GetCallerIdentity/root",
			Source: "AWS's answer as quoted in kubeflow/testing#961 (aws sts get-caller-identity as root: " +
				"Account and UserId the account id, Arn arn:aws:iam::ACCOUNT:root)",
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.STS(Root(iamAcct)).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			},
			Want: Want{Fields: map[string]any{"Account": iamAcct, "UserId": iamAcct, "Arn": "arn:aws:iam::" + iamAcct + ":root"}},
		}, {
			Name:   "AssumeRole/as root",
			Source: "AWS's answer as quoted in kubeflow/testing#961 (AssumeRole as root: AccessDenied \"Roles may not be assumed by root accounts.\")",
			Setup:  setup(mkRole("target", "", trustAccount)),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.STS(Root(iamAcct)).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("target")), RoleSessionName: aws.String("hehe")})
			},
			Want: Want{Status: 403, Code: "AccessDenied", Message: "Roles may not be assumed by root accounts."},
		},
		asCaller(Case{
			Name: "AssumeRole/no such role",
			Source: "AWS's answer as quoted in 99designs/aws-vault#668 (a role ARN that names no role: AccessDenied " +
				"\"User: ... is not authorized to perform: sts:AssumeRole on resource: arn:...\")",
			Want: Want{Status: 403, Code: "AccessDenied",
				Message: "User: arn:aws:iam::" + iamAcct + ":user/caller is not authorized to perform: sts:AssumeRole on resource: " + roleARN("missing")},
		}, nil, assume(&sts.AssumeRoleInput{RoleArn: aws.String(roleARN("missing")), RoleSessionName: aws.String("session")})),
		asCaller(Case{
			Name:   "GetSessionToken/user",
			Source: cliExample("sts/get-session-token.rst"),
			Want: Want{Fields: map[string]any{"Credentials.AccessKeyId": Prefix("ASIA"), "Credentials.SecretAccessKey": Len(40),
				"Credentials.SessionToken": Present, "Credentials.Expiration": Present}},
		}, nil, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			return w.STS(creds).GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(900)})
		}),
	})
}
