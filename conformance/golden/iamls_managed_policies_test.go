package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// Error cases from LocalStack's split IAM managed policy tests,
// tests/aws/services/iam/test_iam_managed_policies.py (recorded from AWS 20
// Feb 2026).

func TestIAMLSManagedPolicyErrors(t *testing.T) {
	src := func(test, key string) string { return lsIAM("managed_policies", test, key, "2026-02-20") }
	const errs = "TestGetAwsManagedPolicy::test_aws_managed_policy_errors"
	lambda := "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
	getVersion := func(ctx context.Context, c *iam.Client) (any, error) {
		return c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(lambda), VersionId: aws.String("v2-does-not-exist")})
	}
	versionPattern := "1 validation error detected: Value at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?"
	Run(t, []Case{
		lsElided("GetPolicyVersion/bad version id", src("TestGetAwsManagedPolicy::test_get_aws_managed_policy_version", "get-version-error"), nil, getVersion, versionPattern),
		lsElided("GetPolicyVersion/bad version id, errors test", src(errs, "get-version-error"), nil, getVersion, versionPattern),
		fails("DeletePolicy/AWS managed", src(errs, "delete-managed-policy-error"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: aws.String(lambda)})
		}, 403, "AccessDenied", "Cannot delete policies outside your own account."),
		fails("DeletePolicyVersion/AWS managed", src(errs, "delete-managed-policy-version-error"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: aws.String(lambda), VersionId: aws.String("v2")})
		}, 403, "AccessDenied", "Cannot delete policy versions for policies outside your own account."),
		fails("SetDefaultPolicyVersion/AWS managed", src(errs, "set-default-managed-policy-version-error"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.SetDefaultPolicyVersion(ctx, &iam.SetDefaultPolicyVersionInput{PolicyArn: aws.String(lambda), VersionId: aws.String("v2")})
		}, 403, "AccessDenied", "Cannot update policies outside your own account."),
	})
}
