package emulator_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// s3RequestID is S3's request id form: sixteen of [0-9A-Z] (argmin's
// AWS-backed post_object.rs records Z6F9T2A5ZC30KFKW and
// 4AKJZREYX4YD17VF), where IAM and STS answer UUIDs.
var s3RequestID = regexp.MustCompile(`^[0-9A-Z]{16}$`)

// TestRequestIDForms: each service's answers carry its own request id
// form, in the header and in the body alike.
func TestRequestIDForms(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	uuidForm := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	s3Get := func(key, path string) (*http.Response, string) {
		r, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
		r.Header.Set("X-Amz-Content-Sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
		return sendAs(t, r, key, "s3", "")
	}
	tests := []struct {
		name   string
		send   func() (*http.Response, string)
		header string
		form   *regexp.Regexp
		status int
	}{
		{"S3 ListBuckets", func() (*http.Response, string) { return s3Get("111111111111", "/") }, "x-amz-request-id", s3RequestID, 200},
		{"S3 NoSuchBucket", func() (*http.Response, string) { return s3Get("111111111111", "/no-such-bucket") }, "x-amz-request-id", s3RequestID, 404},
		{"S3 anonymous", func() (*http.Response, string) { return s3Get("", "/no-such-bucket") }, "x-amz-request-id", s3RequestID, 404},
		{"STS GetCallerIdentity", func() (*http.Response, string) {
			return query(t, ts, "111111111111", "sts", "Action=GetCallerIdentity&Version=2011-06-15")
		}, "x-amzn-RequestId", uuidForm, 200},
		{"IAM error", func() (*http.Response, string) {
			return query(t, ts, "111111111111", "iam", "Action=GetUser&UserName=nobody&Version=2010-05-08")
		}, "x-amzn-RequestId", uuidForm, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.send()
			id := resp.Header.Get(tt.header)
			if resp.StatusCode != tt.status || !tt.form.MatchString(id) {
				t.Fatalf("%d, %s %q; want %d and the form %s: %s", resp.StatusCode, tt.header, id, tt.status, tt.form, body)
			}
			// ListBuckets' answer has no RequestId element (API_ListBuckets).
			if tt.name != "S3 ListBuckets" && !strings.Contains(body, "<RequestId>"+id+"</RequestId>") {
				t.Errorf("body does not carry RequestId %s: %s", id, body)
			}
		})
	}
}

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
			if !s3RequestID.MatchString(body.RequestId) || body.RequestId != resp.Header.Get("x-amz-request-id") {
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
