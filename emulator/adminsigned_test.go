package emulator_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// TestSignedRequestsUnderAdminPathsAreAWSRequests: admin endpoints are
// never behind SigV4, so a signed request whose path starts with
// /_fakeaws/ is an S3 request to a virtual-hosted bucket for a key under
// "_fakeaws/" (the Go SDK addresses BUCKET.localhost:4566 for an endpoint
// of localhost:4566). Before the fix the admin routes took it: a multipart
// upload of the key _fakeaws/reset (POST ?uploads) reset the whole store,
// and such keys could be neither written nor read.
func TestSignedRequestsUnderAdminPathsAreAWSRequests(t *testing.T) {
	t.Parallel()
	ts, _ := emulatortest.Start(t, emulator.Options{})
	u, _ := url.Parse(ts.URL)
	vhost := "pub.localhost:" + u.Port()
	send := func(method, host, path, body string) (int, string) {
		t.Helper()
		r, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if host != "" {
			r.Host = host
		}
		sum := sha256.Sum256([]byte(body))
		r.Header.Set("x-amz-content-sha256", hex.EncodeToString(sum[:]))
		creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hex.EncodeToString(sum[:]), "s3", "us-east-1", time.Now()); err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := send(http.MethodPut, "", "/pub", ""); code != http.StatusOK {
		t.Fatalf("CreateBucket pub = %d %s", code, body)
	}

	code, body := send(http.MethodPost, vhost, "/_fakeaws/reset?uploads", "")
	if code != http.StatusOK || !strings.Contains(body, "<Key>_fakeaws/reset</Key>") {
		t.Errorf("CreateMultipartUpload of _fakeaws/reset on %s = %d %s, want S3's InitiateMultipartUploadResult", vhost, code, body)
	}
	if code, body := send(http.MethodHead, "", "/pub", ""); code != http.StatusOK {
		t.Fatalf("bucket pub after the upload of _fakeaws/reset: HeadBucket = %d %s (the store was reset)", code, body)
	}

	if code, body := send(http.MethodPut, vhost, "/_fakeaws/health", "hi"); code != http.StatusOK {
		t.Errorf("PutObject _fakeaws/health on %s = %d %s", vhost, code, body)
	}
	if code, body := send(http.MethodGet, vhost, "/_fakeaws/health", ""); code != http.StatusOK || body != "hi" {
		t.Errorf("GetObject _fakeaws/health on %s = %d %q, want 200 \"hi\"", vhost, code, body)
	}
	// Path-style, the bucket would be "_fakeaws", which no bucket can be.
	if code, body := send(http.MethodPost, "", "/_fakeaws/reset", ""); code == http.StatusOK || strings.Contains(body, `"reset"`) {
		t.Errorf("signed POST /_fakeaws/reset = %d %s, want an S3 error, not a reset", code, body)
	}

	// Unsigned, the admin endpoints answer as before.
	resp, err := http.Get(ts.URL + "/_fakeaws/health")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"status":"ok"`) {
		t.Errorf("unsigned GET /_fakeaws/health = %d %s", resp.StatusCode, b)
	}
}
