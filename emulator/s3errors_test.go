package emulator_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// S3 errors raised before the S3 handler runs (authentication) and by the
// handler itself come from one writer: the same envelope, and HostId equal
// to the x-amz-id-2 header.
func TestS3ErrorsShareOneEnvelope(t *testing.T) {
	_, ts := newServer(t)
	const emptySHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	tests := []struct {
		name, secret, path, wantCode string
		wantStatus                   int
	}{
		{"authentication", "wrong", "/no-such-bucket", "SignatureDoesNotMatch", http.StatusForbidden},
		{"handler", "test", "/no-such-bucket", "NoSuchBucket", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := http.NewRequest(http.MethodGet, ts.URL+tt.path, nil)
			r.Header.Set("X-Amz-Content-Sha256", emptySHA)
			creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: tt.secret}
			if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, emptySHA, "s3", "us-east-1", time.Now()); err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			var body struct {
				Code, RequestId, HostId string
			}
			if err := xml.Unmarshal(raw, &body); err != nil {
				t.Fatalf("body %q: %v", raw, err)
			}
			if resp.StatusCode != tt.wantStatus || body.Code != tt.wantCode {
				t.Fatalf("got %d %s, want %d %s: %s", resp.StatusCode, body.Code, tt.wantStatus, tt.wantCode, raw)
			}
			if body.RequestId == "" || body.RequestId != resp.Header.Get("x-amz-request-id") {
				t.Errorf("RequestId %q, header %q", body.RequestId, resp.Header.Get("x-amz-request-id"))
			}
			if body.HostId == "" || body.HostId == body.RequestId || body.HostId != resp.Header.Get("x-amz-id-2") {
				t.Errorf("HostId %q, x-amz-id-2 %q, RequestId %q: want HostId = x-amz-id-2, derived from the id",
					body.HostId, resp.Header.Get("x-amz-id-2"), body.RequestId)
			}
			if resp.Header.Get("Content-Type") != "application/xml" {
				t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
			}
		})
	}
}
