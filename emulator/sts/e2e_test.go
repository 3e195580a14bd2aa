package sts_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	iamsdk "github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	stssdk "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
	"github.com/fakeaws/fakeaws/emulator/saml/samltest"
)

// newServer starts the whole emulator on an httptest server.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	ts, _ := emulatortest.Start(t, emulator.Options{})
	return ts
}

func creds(id, secret, token string) aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider(id, secret, token)
}

// TestFederationEndToEnd: an IAM user's keys get a federation token through
// aws-sdk-go-v2; the federated user can list buckets only when a session
// policy allows it, and GetCallerIdentity reports the federated-user ARN.
func TestFederationEndToEnd(t *testing.T) {
	t.Parallel()
	ts := newServer(t)
	ctx := context.Background()
	const acct = "111111111111"
	root := creds(acct, "test", "")
	iamc := iamsdk.New(iamsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(ts.URL), Credentials: root})
	if _, err := iamc.CreateUser(ctx, &iamsdk.CreateUserInput{UserName: aws.String("proxy")}); err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	if _, err := iamc.PutUserPolicy(ctx, &iamsdk.PutUserPolicyInput{UserName: aws.String("proxy"), PolicyName: aws.String("p"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:GetFederationToken","s3:*"],"Resource":"*"}]}`)}); err != nil {
		t.Fatalf("PutUserPolicy: %v", err)
	}
	key, err := iamc.CreateAccessKey(ctx, &iamsdk.CreateAccessKeyInput{UserName: aws.String("proxy")})
	if err != nil {
		t.Fatalf("CreateAccessKey: %v", err)
	}
	stsc := stssdk.New(stssdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(ts.URL),
		Credentials: creds(aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey), "")})

	rows := []struct {
		name    string
		in      *stssdk.GetFederationTokenInput
		allowed bool
	}{
		{"session policy allows listing", &stssdk.GetFederationTokenInput{Name: aws.String("bob"),
			Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`)}, true},
		{"no session policy", &stssdk.GetFederationTokenInput{Name: aws.String("carol")}, false},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			out, err := stsc.GetFederationToken(ctx, row.in)
			if err != nil {
				t.Fatalf("GetFederationToken: %v", err)
			}
			wantARN := "arn:aws:sts::" + acct + ":federated-user/" + aws.ToString(row.in.Name)
			if got := aws.ToString(out.FederatedUser.Arn); got != wantARN {
				t.Errorf("FederatedUser.Arn = %q, want %q", got, wantARN)
			}
			c := out.Credentials
			fedCreds := creds(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken))
			fedSTS := stssdk.New(stssdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(ts.URL), Credentials: fedCreds})
			id, err := fedSTS.GetCallerIdentity(ctx, &stssdk.GetCallerIdentityInput{})
			if err != nil {
				t.Fatalf("GetCallerIdentity: %v", err)
			}
			if aws.ToString(id.Arn) != wantARN || aws.ToString(id.UserId) != acct+":"+aws.ToString(row.in.Name) {
				t.Errorf("GetCallerIdentity = %s %s, want %s %s:%s", aws.ToString(id.Arn), aws.ToString(id.UserId),
					wantARN, acct, aws.ToString(row.in.Name))
			}
			s3c := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: aws.String(ts.URL), UsePathStyle: true, Credentials: fedCreds})
			_, err = s3c.ListBuckets(ctx, &s3.ListBucketsInput{})
			if row.allowed {
				if err != nil {
					t.Errorf("ListBuckets: %v, want allowed", err)
				}
				return
			}
			var ae smithy.APIError
			if !errors.As(err, &ae) || ae.ErrorCode() != "AccessDenied" {
				t.Errorf("ListBuckets = %v, want AccessDenied", err)
			}
		})
	}
}

// TestSAMLEndToEnd: a SAML provider and role made through the IAM client,
// then AssumeRoleWithSAML without credentials through the STS client, and
// the session's identity.
func TestSAMLEndToEnd(t *testing.T) {
	t.Parallel()
	ts := newServer(t)
	ctx := context.Background()
	const acct = "222222222222"
	iamc := iamsdk.New(iamsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(ts.URL), Credentials: creds(acct, "test", "")})
	idp, err := samltest.New("https://idp.example.com/metadata", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	cp, err := iamc.CreateSAMLProvider(ctx, &iamsdk.CreateSAMLProviderInput{Name: aws.String("corp"), SAMLMetadataDocument: aws.String(idp.Metadata())})
	if err != nil {
		t.Fatalf("CreateSAMLProvider: %v", err)
	}
	providerARN := aws.ToString(cp.SAMLProviderArn)
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + providerARN +
		`"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}`
	cr, err := iamc.CreateRole(ctx, &iamsdk.CreateRoleInput{RoleName: aws.String("sso"), AssumeRolePolicyDocument: aws.String(trust)})
	if err != nil {
		t.Fatalf("CreateRole: %v", err)
	}
	roleARN := aws.ToString(cr.Role.Arn)
	stsc := stssdk.New(stssdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(ts.URL), Credentials: aws.AnonymousCredentials{}})
	rows := []struct {
		name string
		a    samltest.Assertion
		code string
	}{
		{"signed", samltest.Assertion{IssueInstant: time.Now(), Attributes: samltest.RoleAttributes(roleARN, providerARN, "alice")}, ""},
		{"unsigned", samltest.Assertion{IssueInstant: time.Now(), Unsigned: true, Attributes: samltest.RoleAttributes(roleARN, providerARN, "alice")}, "InvalidIdentityToken"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			out, err := stsc.AssumeRoleWithSAML(ctx, &stssdk.AssumeRoleWithSAMLInput{RoleArn: aws.String(roleARN),
				PrincipalArn: aws.String(providerARN), SAMLAssertion: aws.String(idp.Base64(row.a))})
			if row.code != "" {
				var ae smithy.APIError
				if !errors.As(err, &ae) || ae.ErrorCode() != row.code {
					t.Errorf("AssumeRoleWithSAML = %v, want %s", err, row.code)
				}
				return
			}
			if err != nil {
				t.Fatalf("AssumeRoleWithSAML: %v", err)
			}
			if aws.ToString(out.Subject) != "alice" || aws.ToString(out.SubjectType) != "persistent" {
				t.Errorf("Subject = %q (%q), want alice (persistent)", aws.ToString(out.Subject), aws.ToString(out.SubjectType))
			}
			c := out.Credentials
			sess := stssdk.New(stssdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(ts.URL),
				Credentials: creds(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken))})
			id, err := sess.GetCallerIdentity(ctx, &stssdk.GetCallerIdentityInput{})
			if err != nil {
				t.Fatalf("GetCallerIdentity: %v", err)
			}
			if want := "arn:aws:sts::" + acct + ":assumed-role/sso/alice"; aws.ToString(id.Arn) != want {
				t.Errorf("GetCallerIdentity Arn = %q, want %q", aws.ToString(id.Arn), want)
			}
		})
	}
}
