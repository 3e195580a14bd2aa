package reliability

// Attack and fault probes from outside (session 2026-12-06): each test is
// a probe that found a real bug in the binary, kept so it stays fixed.

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// other is a second account, whose root attacks account's resources.
const other = "222222222222"

// IAM has no resource-based policies, so nothing lets one account read,
// change or delete another's customer managed policy, nor use it as a
// permissions boundary. Before the fix the root of another account could
// GetPolicyVersion, CreatePolicyVersion (set as default), DeletePolicy and
// tag a policy it named by ARN, and make it its own users' boundary.
func TestOtherAccountsPolicyUntouchable(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	ctx, cancel := stepCtx()
	defer cancel()
	owner := iam.NewFromConfig(s.rootConfig())
	const doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	const evil = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	out, err := owner.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("owned"), PolicyDocument: aws.String(doc)})
	if err != nil {
		t.Fatal(hung("CreatePolicy", err))
	}
	policy := out.Policy.Arn
	attacker := iam.NewFromConfig(s.config(other, "test", ""))
	if _, err := attacker.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("intruder")}); err != nil {
		t.Fatal(hung("CreateUser in the other account", err))
	}
	steps := []struct {
		name string
		run  func() error
		code string
	}{
		{"GetPolicy", func() error {
			_, err := attacker.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: policy})
			return err
		}, "AccessDenied"},
		{"GetPolicyVersion", func() error {
			_, err := attacker.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: policy, VersionId: aws.String("v1")})
			return err
		}, "AccessDenied"},
		{"CreatePolicyVersion", func() error {
			_, err := attacker.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: policy,
				PolicyDocument: aws.String(evil), SetAsDefault: true})
			return err
		}, "AccessDenied"},
		{"TagPolicy", func() error {
			_, err := attacker.TagPolicy(ctx, &iam.TagPolicyInput{PolicyArn: policy, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
			return err
		}, "AccessDenied"},
		{"DeletePolicy", func() error {
			_, err := attacker.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: policy})
			return err
		}, "AccessDenied"},
		{"PutUserPermissionsBoundary", func() error {
			_, err := attacker.PutUserPermissionsBoundary(ctx, &iam.PutUserPermissionsBoundaryInput{UserName: aws.String("intruder"),
				PermissionsBoundary: policy})
			return err
		}, "NoSuchEntity"},
		{"CreateUser with a boundary", func() error {
			_, err := attacker.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bounded"), PermissionsBoundary: policy})
			return err
		}, "NoSuchEntity"},
	}
	for _, st := range steps {
		if err := st.run(); codeOf(err) != st.code {
			t.Errorf("%s on %s from account %s = %v; want %s", st.name, aws.ToString(policy), other, err, st.code)
		}
	}
	got, err := owner.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: policy})
	if err != nil {
		t.Fatal(hung("GetPolicy by its owner", err))
	}
	if v := aws.ToString(got.Policy.DefaultVersionId); v != "v1" {
		t.Errorf("the owner's policy has default version %s after the attack, want v1", v)
	}
}
