package sts_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	iamsdk "github.com/aws/aws-sdk-go-v2/service/iam"
	stssdk "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// issued is what an operation that issues credentials answers about its
// token.
type issued struct {
	creds             credsOut
	size, utilization *int32
}

type credsOut struct{ id, secret, token string }

// TestSessionTokenSize drives MinimumSessionTokenSize and the
// SessionTokenSize and SessionTokenUtilization answers (STS, September
// 2026: one 4,096-byte token limit) through aws-sdk-go-v2 for three of the
// operations that issue credentials; the tokens still work.
func TestSessionTokenSize(t *testing.T) {
	t.Parallel()
	ts := newServer(t)
	ctx := context.Background()
	ops := tokenIssuers(t, ts.URL)
	rows := []struct {
		min             *int32
		wantUtilization int32 // -1: whatever the natural size gives, at most 20
	}{
		{nil, -1},
		{aws.Int32(0), -1},
		{aws.Int32(2048), 50},
		{aws.Int32(3000), 73},
		{aws.Int32(4096), 100},
	}
	for op, call := range ops {
		for _, row := range rows {
			got, err := call(row.min)
			if err != nil {
				t.Fatalf("%s min %v: %v", op, aws.ToInt32(row.min), err)
			}
			n := int32(len(got.creds.token))
			if got.size == nil || *got.size != n {
				t.Errorf("%s min %d: SessionTokenSize %v, want the token's %d bytes", op, aws.ToInt32(row.min), got.size, n)
			}
			if n < aws.ToInt32(row.min) || n > max(aws.ToInt32(row.min)+7, 900) {
				t.Errorf("%s min %d: token of %d bytes", op, aws.ToInt32(row.min), n)
			}
			u := aws.ToInt32(got.utilization)
			if got.utilization == nil || row.wantUtilization >= 0 && u != row.wantUtilization ||
				row.wantUtilization < 0 && (u < 1 || u > 20) {
				t.Errorf("%s min %d: SessionTokenUtilization %v, want %d", op, aws.ToInt32(row.min), got.utilization, row.wantUtilization)
			}
			// The padded token still authenticates.
			c := got.creds
			who := stssdk.New(stssdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(ts.URL), Credentials: creds(c.id, c.secret, c.token)})
			if _, err := who.GetCallerIdentity(ctx, &stssdk.GetCallerIdentityInput{}); err != nil {
				t.Errorf("%s min %d: GetCallerIdentity with the token: %v", op, aws.ToInt32(row.min), err)
			}
		}
	}
	for _, bad := range []struct {
		min  int32
		want string
	}{
		{4097, "1 validation error detected: Value '4097' at 'minimumSessionTokenSize' failed to satisfy constraint: Member must have value less than or equal to 4096"},
		{-1, "1 validation error detected: Value '-1' at 'minimumSessionTokenSize' failed to satisfy constraint: Member must have value greater than or equal to 0"},
	} {
		for op, call := range ops {
			_, err := call(aws.Int32(bad.min))
			var ae smithy.APIError
			if !errors.As(err, &ae) || ae.ErrorCode() != "ValidationError" || ae.ErrorMessage() != bad.want {
				t.Errorf("%s min %d: %v, want ValidationError %q", op, bad.min, err, bad.want)
			}
		}
	}
}

// tokenIssuers makes a user allowed sts:* and a role trusting its account,
// and returns three operations that issue credentials as that user, each
// asking for a token of at least min bytes.
func tokenIssuers(t *testing.T, endpoint string) map[string]func(min *int32) (issued, error) {
	t.Helper()
	ctx := context.Background()
	const acct = "111111111111"
	iamc := iamsdk.New(iamsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint), Credentials: creds(acct, "test", "")})
	mustIAM(t, "CreateUser", func() error {
		_, err := iamc.CreateUser(ctx, &iamsdk.CreateUserInput{UserName: aws.String("dev")})
		return err
	})
	mustIAM(t, "PutUserPolicy", func() error {
		_, err := iamc.PutUserPolicy(ctx, &iamsdk.PutUserPolicyInput{UserName: aws.String("dev"), PolicyName: aws.String("p"),
			PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:*","Resource":"*"}]}`)})
		return err
	})
	mustIAM(t, "CreateRole", func() error {
		_, err := iamc.CreateRole(ctx, &iamsdk.CreateRoleInput{RoleName: aws.String("r"),
			AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acct + `:root"},"Action":"sts:AssumeRole"}]}`)})
		return err
	})
	key, err := iamc.CreateAccessKey(ctx, &iamsdk.CreateAccessKeyInput{UserName: aws.String("dev")})
	if err != nil {
		t.Fatalf("CreateAccessKey: %v", err)
	}
	stsc := stssdk.New(stssdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: creds(aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey), "")})
	return map[string]func(min *int32) (issued, error){
		"GetSessionToken": func(min *int32) (issued, error) {
			out, err := stsc.GetSessionToken(ctx, &stssdk.GetSessionTokenInput{MinimumSessionTokenSize: min})
			if err != nil {
				return issued{}, err
			}
			return issued{credsOf(out.Credentials.AccessKeyId, out.Credentials.SecretAccessKey, out.Credentials.SessionToken),
				out.SessionTokenSize, out.SessionTokenUtilization}, nil
		},
		"GetFederationToken": func(min *int32) (issued, error) {
			out, err := stsc.GetFederationToken(ctx, &stssdk.GetFederationTokenInput{Name: aws.String("bob"), MinimumSessionTokenSize: min})
			if err != nil {
				return issued{}, err
			}
			return issued{credsOf(out.Credentials.AccessKeyId, out.Credentials.SecretAccessKey, out.Credentials.SessionToken),
				out.SessionTokenSize, out.SessionTokenUtilization}, nil
		},
		"AssumeRole": func(min *int32) (issued, error) {
			out, err := stsc.AssumeRole(ctx, &stssdk.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + acct + ":role/r"),
				RoleSessionName: aws.String("s1"), MinimumSessionTokenSize: min})
			if err != nil {
				return issued{}, err
			}
			return issued{credsOf(out.Credentials.AccessKeyId, out.Credentials.SecretAccessKey, out.Credentials.SessionToken),
				out.SessionTokenSize, out.SessionTokenUtilization}, nil
		},
	}
}

func credsOf(id, secret, token *string) credsOut {
	return credsOut{aws.ToString(id), aws.ToString(secret), aws.ToString(token)}
}

func mustIAM(t *testing.T, op string, f func() error) {
	t.Helper()
	if err := f(); err != nil {
		t.Fatalf("%s: %v", op, err)
	}
}
