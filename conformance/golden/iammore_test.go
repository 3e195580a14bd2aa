package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// More IAM and STS cases: limits and validation answers AWS gave as
// quoted in public issues.

// TestIAMMoreLimits: session durations, key quotas and policy documents
// refused.
func TestIAMMoreLimits(t *testing.T) {
	roleARN := aws.String("arn:aws:iam::" + iamAcct + ":role/limited")
	Run(t, []Case{
		asCaller(Case{Name: "AssumeRole/DurationSeconds over the role's MaxSessionDuration",
			Source: quoted("kreuzwerker/awsu#27 (AssumeRole: 400 ValidationError \"The requested DurationSeconds exceeds the MaxSessionDuration set for this role.\")"),
			Want:   Want{Status: 400, Code: "ValidationError", Message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."}},
			[]string{"limited"}, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
				return w.STS(creds).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: roleARN, RoleSessionName: aws.String("long"), DurationSeconds: aws.Int32(7200)})
			}),
		asCaller(Case{Name: "AssumeRole/role chaining for over an hour",
			Source: quoted("aws/eks-anywhere#9485 and prowler-cloud/prowler#7721 (AssumeRole with role credentials: ValidationError \"The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.\")"),
			Want:   Want{Status: 400, Code: "ValidationError", Message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."}},
			[]string{"limited", "second"}, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
				if _, err := iamc(w).UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: aws.String("second"), MaxSessionDuration: aws.Int32(43200)}); err != nil {
					return nil, err
				}
				if _, err := iamc(w).PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("limited"), PolicyName: aws.String("chain"),
					PolicyDocument: aws.String(stsCallerPolicy)}); err != nil {
					return nil, err
				}
				first, err := w.STS(creds).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: roleARN, RoleSessionName: aws.String("first")})
				if err != nil {
					return nil, err
				}
				c := first.Credentials
				chained := aws.Credentials{AccessKeyID: *c.AccessKeyId, SecretAccessKey: *c.SecretAccessKey, SessionToken: *c.SessionToken}
				return w.STS(chained).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + iamAcct + ":role/second"),
					RoleSessionName: aws.String("chained"), DurationSeconds: aws.Int32(7200)})
			}),
		{Name: "CreateAccessKey/third key",
			Source: quoted("bartekj/aws-tools#29 and simonw/s3-credentials#64 (CreateAccessKey: LimitExceeded \"Cannot exceed quota for AccessKeysPerUser: 2\")"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				c := iamc(w)
				if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("rotator")}); err != nil {
					t.Fatalf("set-up CreateUser: %v", err)
				}
				for i := 0; i < 2; i++ {
					if _, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("rotator")}); err != nil {
						t.Fatalf("set-up CreateAccessKey %d: %v", i+1, err)
					}
				}
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				return iamc(w).CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("rotator")})
			},
			Want: Want{Status: 409, Code: "LimitExceeded", Message: "Cannot exceed quota for AccessKeysPerUser: 2"}},
		{Name: "PutRolePolicy/document with a Principal",
			Source: quoted("hashicorp/terraform#13449 (aws_iam_role_policy, i.e. PutRolePolicy, with a trust policy: MalformedPolicyDocument \"Policy document should not specify a principal.\")"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				if _, err := iamc(w).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("SomeRole"), AssumeRolePolicyDocument: aws.String(trustAccount)}); err != nil {
					t.Fatalf("set-up CreateRole: %v", err)
				}
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				return iamc(w).PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("SomeRole"), PolicyName: aws.String("TrustUser"),
					PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",` +
						`"Principal":{"Service":"ec2.amazonaws.com","AWS":"arn:aws:iam::` + iamAcct + `:root"}}]}`)})
			},
			Want: Want{Status: 400, Code: "MalformedPolicyDocument", Message: "Policy document should not specify a principal."}},
		{Name: "PutBucketPolicy/statement without Principal",
			Source: quoted("spantaleev/matrix-docker-ansible-deploy#1869 (S3 bucket policy without Principal: \"Missing required field Principal\")") +
				"; code MalformedPolicy as https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html lists it (400, \"Policy has invalid resource\" and other policy errors)",
			Setup: withBucket("golden-policy"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("golden-policy"),
					Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::golden-policy/*"}]}`)})
			},
			Want: Want{Status: 400, Code: "MalformedPolicy", Message: "Missing required field Principal"}},
	})
}
