package sts_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	iamsdk "github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	stssdk "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// newServer starts the whole emulator on an httptest server.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := emulator.New(db, emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() {
		ts.Close()
		if err := db.Check(); err != nil {
			t.Errorf("store check: %v", err)
		}
		db.Close()
	})
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
