package reliability

// Attack probes from outside (session 2026-12-06, attack prober): each
// test is a probe that found a hole in the binary, kept, table-driven, so
// it stays closed. docs/deviations.md, "## Attack probes", gives the
// choices made where AWS's answer is not recorded.

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// anonymousGet sends an unsigned GET and returns its status and body.
func (s *server) anonymousGet(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := (&http.Client{Timeout: stepTimeout}).Get(s.url + path)
	if err != nil {
		t.Fatal(hung("anonymous GET "+path, err))
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// A wildcard of a principal type other than AWS ("Service": "*",
// "Federated": "*", "CanonicalUser": "*") names every principal of that
// type, never every caller. Before the fix each matched like "*": a bucket
// policy granting {"Service": "*"} or {"Federated": "*"} let anonymous
// callers and every other account read, and a trust policy naming
// {"Federated": "*"} with sts:AssumeRole let any account's user assume the
// role. AWS documents "*" as everyone only as "Principal": "*" and
// {"AWS": "*"} (IAM User Guide, reference_policies_elements_principal,
// "All principals"); its IAM refuses {"Service": "*"} in a trust policy
// outright (MalformedPolicyDocument "Invalid principal in policy:
// "SERVICE":"*"", as fakeaws does).
func TestWildcardOfOtherPrincipalTypes(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir())
	s.mustCreateBucket(t, "typed-wildcards", false)
	s.put(t, "/typed-wildcards/report", "secret")
	ctx, cancel := stepCtx()
	defer cancel()
	owner := s.s3()
	if _, err := owner.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String("typed-wildcards")}); err != nil {
		t.Fatal(hung("DeletePublicAccessBlock", err))
	}
	outsider := s3Client(s.config(other, "test", ""))
	cases := []struct {
		principal    string
		otherAccount string // the other account's GetObject: "" (allowed) or its error code
	}{
		{`{"Service":"*"}`, "AccessDenied"},
		{`{"Federated":"*"}`, "AccessDenied"},
		// Every canonical user is every account, not anonymous callers.
		{`{"CanonicalUser":"*"}`, ""},
	}
	for _, c := range cases {
		policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + c.principal +
			`,"Action":"s3:GetObject","Resource":"arn:aws:s3:::typed-wildcards/*"}]}`
		if _, err := owner.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("typed-wildcards"), Policy: aws.String(policy)}); err != nil {
			t.Fatal(hung("PutBucketPolicy "+c.principal, err))
		}
		if status, body := s.anonymousGet(t, "/typed-wildcards/report"); status != http.StatusForbidden || !strings.Contains(body, "<Code>AccessDenied</Code>") {
			t.Errorf("anonymous GET under a policy granting %s = %d %.200q, want 403 AccessDenied", c.principal, status, body)
		}
		_, _, _, err := getObject(ctx, outsider, "typed-wildcards", "report", "")
		if codeOf(err) != c.otherAccount {
			t.Errorf("GET by account %s under a policy granting %s = %v, want %q", other, c.principal, err, c.otherAccount)
		}
	}

	// A trust policy naming every identity provider's users.
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"*"},"Action":"sts:AssumeRole"}]}`
	if _, err := iam.NewFromConfig(s.rootConfig()).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("federated-only"),
		AssumeRolePolicyDocument: aws.String(trust)}); err != nil {
		t.Fatal(hung("CreateRole", err))
	}
	cl := iam.NewFromConfig(s.config(other, "test", ""))
	if _, err := cl.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("eve")}); err != nil {
		t.Fatal(hung("CreateUser eve", err))
	}
	if _, err := cl.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("eve"),
		PolicyArn: aws.String("arn:aws:iam::aws:policy/AdministratorAccess")}); err != nil {
		t.Fatal(hung("AttachUserPolicy eve", err))
	}
	key, err := cl.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("eve")})
	if err != nil {
		t.Fatal(hung("CreateAccessKey eve", err))
	}
	eve := sts.NewFromConfig(s.config(aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey), ""))
	_, err = eve.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + account + ":role/federated-only"),
		RoleSessionName: aws.String("probe")})
	if statusOf(err) != http.StatusForbidden || codeOf(err) != "AccessDenied" {
		t.Errorf("AssumeRole of a role trusting {\"Federated\":\"*\"} by an IAM user of another account = %v, want 403 AccessDenied", err)
	}
}
