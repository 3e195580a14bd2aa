package reliability

// AWS Organizations probes from outside (session 2026-12-06): each test
// drives the binary as a client would and found a real difference from
// AWS, kept so it stays fixed. The finer cases are table tests in
// emulator/organizations (probe_test.go) and emulator/authz (orgs_test.go).

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// A member account under an RCP denying s3:* and sts:* to everyone: AWS
// applies RCPs to "the resources that are authorized as part of an
// operation request", those of the action's "Resource type" column (RCP
// page), so ListBuckets (s3:ListAllMyBuckets, no resource type) and
// GetSessionToken pass while CreateBucket is denied by the RCP. ListBuckets
// was denied. RCPFullAWSAccess could also be detached from an account with
// another RCP, which AWS never allows (NON_DETACHABLE_POLICY), and an RCP
// naming a principal other than "*" was accepted.
func TestProbeRCPScopeThroughBinary(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	ctx, cancel := stepCtx()
	defer cancel()
	org := organizations.NewFromConfig(s.rootConfig())
	step := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, hung(name, err))
		}
	}
	_, err := org.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll})
	step("CreateOrganization", err)
	roots, err := org.ListRoots(ctx, &organizations.ListRootsInput{})
	step("ListRoots", err)
	_, err = org.EnablePolicyType(ctx, &organizations.EnablePolicyTypeInput{RootId: roots.Roots[0].Id, PolicyType: orgtypes.PolicyTypeResourceControlPolicy})
	step("EnablePolicyType", err)
	ca, err := org.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("m"), Email: aws.String("m@example.com")})
	step("CreateAccount", err)
	ds, err := org.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: ca.CreateAccountStatus.Id})
	step("DescribeCreateAccountStatus", err)
	member := aws.ToString(ds.CreateAccountStatus.AccountId)

	_, err = org.CreatePolicy(ctx, &organizations.CreatePolicyInput{Name: aws.String("named"), Description: aws.String(""), Type: orgtypes.PolicyTypeResourceControlPolicy,
		Content: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::` + account + `:root"},"Action":"s3:*","Resource":"*"}]}`)})
	if codeOf(err) != "MalformedPolicyDocumentException" {
		t.Errorf("CreatePolicy with an RCP naming a principal = %v, want MalformedPolicyDocumentException", err)
	}
	p, err := org.CreatePolicy(ctx, &organizations.CreatePolicyInput{Name: aws.String("NoS3NoSTS"), Description: aws.String(""), Type: orgtypes.PolicyTypeResourceControlPolicy,
		Content: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":["s3:*","sts:*"],"Resource":"*"}]}`)})
	step("CreatePolicy", err)
	_, err = org.AttachPolicy(ctx, &organizations.AttachPolicyInput{PolicyId: p.Policy.PolicySummary.Id, TargetId: aws.String(member)})
	step("AttachPolicy", err)
	_, err = org.DetachPolicy(ctx, &organizations.DetachPolicyInput{PolicyId: aws.String("p-RCPFullAWSAccess"), TargetId: aws.String(member)})
	if codeOf(err) != "InvalidInputException" {
		t.Errorf("DetachPolicy RCPFullAWSAccess = %v, want InvalidInputException", err)
	}

	// An administrator of the member account.
	adm := iam.NewFromConfig(s.config(member, "test", ""))
	_, err = adm.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("dev")})
	step("CreateUser", err)
	_, err = adm.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("dev"), PolicyArn: aws.String("arn:aws:iam::aws:policy/AdministratorAccess")})
	step("AttachUserPolicy", err)
	key, err := adm.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("dev")})
	step("CreateAccessKey", err)
	dev := s.config(aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey), "")

	if _, err := s3Client(dev).ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil {
		t.Errorf("ListBuckets under the RCP = %v, want success (s3:ListAllMyBuckets has no resource type)", hung("ListBuckets", err))
	}
	if _, err := sts.NewFromConfig(dev).GetSessionToken(ctx, &sts.GetSessionTokenInput{}); err != nil {
		t.Errorf("GetSessionToken under the RCP = %v, want success", hung("GetSessionToken", err))
	}
	_, err = s3Client(dev).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("rcp-probe-" + member)})
	if codeOf(err) != "AccessDenied" {
		t.Errorf("CreateBucket under the RCP = %v, want AccessDenied", err)
	}
}
