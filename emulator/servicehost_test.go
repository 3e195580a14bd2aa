package emulator_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// TestServiceScopeOnS3Hosts: a request signed for IAM that reaches one of
// AWS's own S3 host names gets S3's refusal (argmin headers.rs
// test_put_wrong_service, against AWS), but on fakeaws's own names, which
// serve every service on one endpoint (CONTRACT.md), IAM answers it.
func TestServiceScopeOnS3Hosts(t *testing.T) {
	ts, _ := emulatortest.Start(t, emulator.Options{})
	tests := []struct {
		host   string
		status int
		code   string
	}{
		{"s3.localhost.localstack.cloud:4566", 200, ""},
		{"localhost:4566", 200, ""},
		{"s3.us-east-1.amazonaws.com", 400, "AuthorizationHeaderMalformed"},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			body := "Action=ListUsers&Version=2010-05-08"
			r, err := http.NewRequest(http.MethodPost, ts.URL+"/", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			r.Host = tt.host
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
			if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, sha256Hex(body), "iam", "us-east-1", time.Now()); err != nil {
				t.Fatal(err)
			}
			resp, err := ts.Client().Do(r)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			got := string(raw)
			if resp.StatusCode != tt.status || !strings.Contains(got, tt.code) {
				t.Errorf("ListUsers on %s = %d %s, want %d %s", tt.host, resp.StatusCode, got, tt.status, tt.code)
			}
		})
	}
}
