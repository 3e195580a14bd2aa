package organizations_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	iamsdk "github.com/aws/aws-sdk-go-v2/service/iam"
	orgsdk "github.com/aws/aws-sdk-go-v2/service/organizations"
	s3sdk "github.com/aws/aws-sdk-go-v2/service/s3"
	stssdk "github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// Centralized root access: the management account enables IAM's trusted
// access and RootSessions, and an IAM user of it opens a privileged session
// in a member account to unlock a bucket whose policy denies everyone
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user-privileged-task.html).

const (
	unlockTask   = "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"
	denyEveryone = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::locked-out","arn:aws:s3:::locked-out/*"]}]}`
)

type rootWorld struct {
	url, orgID, member string
	admin              aws.CredentialsProvider // the management account's IAM user
	ctx                context.Context
}

func iamAs(url string, creds aws.CredentialsProvider) *iamsdk.Client {
	return iamsdk.New(iamsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(url), Credentials: creds})
}

func stsAs(url string, creds aws.CredentialsProvider) *stssdk.Client {
	return stssdk.New(stssdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(url), Credentials: creds})
}

func rootCreds(account string) aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider(account, "test", "")
}

// newRootWorld makes an organization with one created member account,
// whose bucket locked-out has a policy denying everyone, and an IAM user
// root-admin of the management account allowed sts:AssumeRoot on member
// accounts with the S3 unlock task.
func newRootWorld(t *testing.T) *rootWorld {
	ts, _ := startServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	w := &rootWorld{url: ts.URL, ctx: ctx}
	m := orgClient(ts.URL, mgmt)
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	w.orgID, w.member = orgWithMember(ctx, t, m)

	ms3 := s3Client(ts.URL, w.member, "test")
	_, err := ms3.CreateBucket(ctx, &s3sdk.CreateBucketInput{Bucket: aws.String("locked-out")})
	must("CreateBucket", err)
	_, err = ms3.PutBucketPolicy(ctx, &s3sdk.PutBucketPolicyInput{Bucket: aws.String("locked-out"), Policy: aws.String(denyEveryone)})
	must("PutBucketPolicy", err)

	mi := iamAs(ts.URL, rootCreds(mgmt))
	_, err = mi.CreateUser(ctx, &iamsdk.CreateUserInput{UserName: aws.String("root-admin")})
	must("CreateUser", err)
	_, err = mi.PutUserPolicy(ctx, &iamsdk.PutUserPolicyInput{UserName: aws.String("root-admin"), PolicyName: aws.String("privileged"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoot","Resource":"arn:aws:iam::*:root",
		 "Condition":{"StringEquals":{"sts:TaskPolicyArn":"` + unlockTask + `"}}}]}`)})
	must("PutUserPolicy", err)
	key, err := mi.CreateAccessKey(ctx, &iamsdk.CreateAccessKeyInput{UserName: aws.String("root-admin")})
	must("CreateAccessKey", err)
	w.admin = credentials.NewStaticCredentialsProvider(*key.AccessKey.AccessKeyId, *key.AccessKey.SecretAccessKey, "")
	return w
}

// enable turns on trusted access for IAM and RootSessions.
func (w *rootWorld) enable(t *testing.T) {
	t.Helper()
	if _, err := orgClient(w.url, mgmt).EnableAWSServiceAccess(w.ctx, &orgsdk.EnableAWSServiceAccessInput{
		ServicePrincipal: aws.String("iam.amazonaws.com")}); err != nil {
		t.Fatalf("EnableAWSServiceAccess: %v", err)
	}
	out, err := iamAs(w.url, rootCreds(mgmt)).EnableOrganizationsRootSessions(w.ctx, &iamsdk.EnableOrganizationsRootSessionsInput{})
	if err != nil {
		t.Fatalf("EnableOrganizationsRootSessions: %v", err)
	}
	if got := aws.ToString(out.OrganizationId); got != w.orgID || len(out.EnabledFeatures) != 1 || out.EnabledFeatures[0] != "RootSessions" {
		t.Fatalf("EnableOrganizationsRootSessions = %s %v, want %s [RootSessions]", got, out.EnabledFeatures, w.orgID)
	}
}

func (w *rootWorld) assumeRoot(creds aws.CredentialsProvider, target, task string) (*stssdk.AssumeRootOutput, error) {
	return stsAs(w.url, creds).AssumeRoot(w.ctx, &stssdk.AssumeRootInput{TargetPrincipal: aws.String(target),
		TaskPolicyArn: &ststypes.PolicyDescriptorType{Arn: aws.String(task)}})
}

func TestAssumeRootUnlocksBucketPolicy(t *testing.T) {
	t.Parallel()
	w := newRootWorld(t)
	ms3 := s3Client(w.url, w.member, "test")
	_, err := ms3.GetObject(w.ctx, &s3sdk.GetObjectInput{Bucket: aws.String("locked-out"), Key: aws.String("k")})
	wantDenied(t, "the member's root reads through the deny-everyone policy", err, "explicit deny in a resource-based policy")

	_, err = w.assumeRoot(w.admin, w.member, unlockTask)
	wantDenied(t, "AssumeRoot before RootSessions is enabled", err, "Root sessions are not enabled")
	w.enable(t)

	out, err := w.assumeRoot(w.admin, w.member, unlockTask)
	if err != nil {
		t.Fatalf("AssumeRoot: %v", err)
	}
	c := out.Credentials
	if !strings.HasPrefix(aws.ToString(c.AccessKeyId), "ASIA") || time.Until(aws.ToTime(c.Expiration)) > 15*time.Minute {
		t.Errorf("credentials %s expire %v: want an ASIA key for at most 15 minutes", aws.ToString(c.AccessKeyId), c.Expiration)
	}
	session := credentials.NewStaticCredentialsProvider(*c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken)
	id, err := stsAs(w.url, session).GetCallerIdentity(w.ctx, &stssdk.GetCallerIdentityInput{})
	if err != nil || aws.ToString(id.Arn) != "arn:aws:iam::"+w.member+":root" || aws.ToString(id.Account) != w.member {
		t.Fatalf("GetCallerIdentity = %+v, %v: want the member's root", id, err)
	}
	rs3 := s3sdk.New(s3sdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(w.url), UsePathStyle: true, Credentials: session})
	_, err = rs3.GetObject(w.ctx, &s3sdk.GetObjectInput{Bucket: aws.String("locked-out"), Key: aws.String("k")})
	wantDenied(t, "the task policy allows only the bucket policy calls", err, "explicit deny in a session policy")
	_, err = iamAs(w.url, session).ListUsers(w.ctx, &iamsdk.ListUsersInput{})
	wantDenied(t, "nor IAM", err, "explicit deny in a session policy")
	if _, err := rs3.DeleteBucketPolicy(w.ctx, &s3sdk.DeleteBucketPolicyInput{Bucket: aws.String("locked-out")}); err != nil {
		t.Fatalf("DeleteBucketPolicy in the root session: %v", err)
	}
	if _, err := ms3.PutObject(w.ctx, &s3sdk.PutObjectInput{Bucket: aws.String("locked-out"), Key: aws.String("k"),
		Body: strings.NewReader("x")}); err != nil {
		t.Errorf("the member writes its bucket once the policy is gone: %v", err)
	}
}

func TestAssumeRootRefusals(t *testing.T) {
	t.Parallel()
	w := newRootWorld(t)
	w.enable(t)
	cases := []struct {
		name          string
		creds         aws.CredentialsProvider
		target, task  string
		code, message string
	}{
		{"the management account's root user", rootCreds(mgmt), w.member, unlockTask, "AccessDenied", "Root user credentials cannot call AssumeRoot"},
		{"the management account itself", w.admin, mgmt, unlockTask, "AccessDenied", "not the management account"},
		{"an account outside the organization", w.admin, "999999999999", unlockTask, "AccessDenied", "is not a member of " + w.orgID},
		{"a task policy the user may not use", w.admin, w.member, "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials", "AccessDenied", "sts:AssumeRoot"},
		{"a policy that is not a task policy", w.admin, w.member, "arn:aws:iam::aws:policy/AdministratorAccess", "ValidationError", "TaskPolicyArn must be one of"},
		{"a member's root ARN works as the target", w.admin, "arn:aws:iam::" + w.member + ":root", unlockTask, "", ""},
		{"an IAM user's ARN is no target", w.admin, "arn:aws:iam::" + w.member + ":user/x", unlockTask, "ValidationError", "TargetPrincipal must be"},
		{"a target shorter than 12 characters", w.admin, "12345", unlockTask, "ValidationError", "at 'targetPrincipal' failed to satisfy constraint: Member must have length greater than or equal to 12"},
	}
	for _, c := range cases {
		_, err := w.assumeRoot(c.creds, c.target, c.task)
		if c.code == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		wantCode(t, c.name, err, c.code)
		if err == nil || !strings.Contains(err.Error(), c.message) {
			t.Errorf("%s: %v, want a message containing %q", c.name, err, c.message)
		}
	}
	_, err := stsAs(w.url, w.admin).AssumeRoot(w.ctx, &stssdk.AssumeRootInput{TargetPrincipal: aws.String(w.member),
		TaskPolicyArn: &ststypes.PolicyDescriptorType{Arn: aws.String(unlockTask)}, DurationSeconds: aws.Int32(901)})
	wantCode(t, "DurationSeconds 901", err, "ValidationError")
}

// TestAssumeRootIntoClosedAccount: a closed member's resources are not
// available (API_CloseAccount), so no root session is issued for it.
func TestAssumeRootIntoClosedAccount(t *testing.T) {
	t.Parallel()
	w := newRootWorld(t)
	w.enable(t)
	if _, err := w.assumeRoot(w.admin, w.member, unlockTask); err != nil {
		t.Fatalf("AssumeRoot before the closure: %v", err)
	}
	if _, err := orgClient(w.url, mgmt).CloseAccount(w.ctx, &orgsdk.CloseAccountInput{AccountId: aws.String(w.member)}); err != nil {
		t.Fatalf("CloseAccount: %v", err)
	}
	_, err := w.assumeRoot(w.admin, w.member, unlockTask)
	wantCode(t, "AssumeRoot into the closed account", err, "AccessDenied")
	if err == nil || !strings.Contains(err.Error(), "Account "+w.member+" is closed") {
		t.Errorf("AssumeRoot into the closed account: %v", err)
	}
}
