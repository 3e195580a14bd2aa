package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// STS cases from LocalStack's AWS recordings
// (tests/aws/services/sts/test_sts.snapshot.json) that sts_test.go and
// stsops_test.go do not replay yet.

func TestSTSRecInvalidParameters(t *testing.T) {
	// TestSTSIntegrations::test_sts_invalid_parameters (botocore's parameter
	// validation off): each RoleArn AWS refused, with the session name
	// Session1.
	var cases []Case
	for _, c := range []struct{ key, arn string }{
		{"malformed-arn", "nothing-valid-in-here"},
		{"no-partition", "arn::b:::something/test-role"},
		{"no-service", "arn:a::::something/test-role"},
		{"not-enough-colons", "arn:a:::something/test-role"},
		{"no-resource", "arn:a:a::aaaaaaaaaa:"},
	} {
		cases = append(cases, asCaller(Case{
			Name:   "AssumeRole/" + c.key,
			Source: stsLS("TestSTSIntegrations::test_sts_invalid_parameters", c.key, "2025-07-21"),
			Want:   Want{Status: 400, Code: "ValidationError", Message: c.arn + " is invalid"},
		}, nil, assume(&sts.AssumeRoleInput{RoleArn: aws.String(c.arn), RoleSessionName: aws.String("Session1")})))
	}
	Run(t, cases)
}

func TestSTSRecRoles(t *testing.T) {
	// The roles TestSTSAssumeRoleTagging creates: CreateRole's answer with
	// the trust policy as written (an Action list, an account principal).
	var cases []Case
	for _, c := range []struct{ test, key string }{
		{"TestSTSAssumeRoleTagging::test_assume_role_tag_validation", "role-1"},
		{"TestSTSAssumeRoleTagging::test_iam_role_chaining_override_transitive_tags", "role-2"},
	} {
		cases = append(cases, Case{
			Name:   "CreateRole/" + c.key + " of " + c.test,
			Source: stsLS(c.test, c.key, "2025-04-10"),
			Call: func(ctx context.Context, w *World) (any, error) {
				out, err := iamc(w).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(c.key), AssumeRolePolicyDocument: aws.String(trustAccount)})
				if err != nil {
					return nil, err
				}
				return withTrust(out.Role), nil
			},
			Want: Want{Fields: map[string]any{"Role.RoleName": c.key, "Role.Path": "/", "Role.Arn": roleARN(c.key),
				"Role.RoleId": Prefix("AROA"), "Role.MaxSessionDuration": Absent, "Role.RoleLastUsed": Absent, "Role.Tags": noElement,
				"Trust.Document": canonJSON(trustAccount)}},
		})
	}
	Run(t, cases)
}

func TestSTSRecSessionTokenChaining(t *testing.T) {
	// AssumeRole called with GetSessionToken credentials counts as role
	// chaining for the one-hour cap: AWS's answer as quoted in
	// mmmorris1975/aws-runas#11 and 99designs/aws-vault#263 (both calling
	// AssumeRole with session-token credentials).
	const src = "AWS's answer as quoted in mmmorris1975/aws-runas#11 and 99designs/aws-vault#263 " +
		"(AssumeRole with GetSessionToken credentials, DurationSeconds over an hour: ValidationError " +
		"\"The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.\")"
	fromSessionToken := func(duration int32) func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
		return func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			if _, err := iamc(w).UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: aws.String("target"), MaxSessionDuration: aws.Int32(43200)}); err != nil {
				return nil, err
			}
			st, err := w.STS(creds).GetSessionToken(ctx, &sts.GetSessionTokenInput{})
			if err != nil {
				return nil, err
			}
			return w.STS(sessionOf(st.Credentials)).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("target")),
				RoleSessionName: aws.String("Session1"), DurationSeconds: aws.Int32(duration)})
		}
	}
	Run(t, []Case{
		asCaller(Case{
			Name:   "AssumeRole/session-token credentials over one hour",
			Source: src,
			Want:   Want{Status: 400, Code: "ValidationError", Message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."},
		}, []string{"target"}, fromSessionToken(7200)),
		asCaller(Case{
			Name:   "AssumeRole/session-token credentials for one hour",
			Source: src + "; the same tools' one-hour sessions succeed",
			Want:   Want{Fields: map[string]any{"AssumedRoleUser.Arn": "arn:aws:sts::" + iamAcct + ":assumed-role/target/Session1"}},
		}, []string{"target"}, fromSessionToken(3600)),
	})
}

func TestSTSRecUserARN(t *testing.T) {
	Run(t, []Case{asCaller(Case{
		Name: "AssumeRole/a user's ARN as RoleArn",
		Source: "AWS's answer as quoted in amzn/selling-partner-api-models#55 and #2523 and abuzuhri/Amazon-SP-API-CSharp#471 " +
			"(a user's own ARN passed as RoleArn: 403 AccessDenied \"User: arn:aws:iam::ACCT:user/NAME is not authorized to perform: " +
			"sts:AssumeRole on resource: arn:aws:iam::ACCT:user/NAME\")",
		Want: Want{Status: 403, Code: "AccessDenied", Message: "User: arn:aws:iam::" + iamAcct + ":user/caller is not authorized to perform: " +
			"sts:AssumeRole on resource: arn:aws:iam::" + iamAcct + ":user/caller"},
	}, nil, assume(&sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + iamAcct + ":user/caller"), RoleSessionName: aws.String("Session1")}))})
}
