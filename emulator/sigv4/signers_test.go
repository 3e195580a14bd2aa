package sigv4

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// signS3 signs a request for S3 with the SDK signer and returns what the
// server would see.
func signS3(t testing.TB, method, url string, body []byte, payloadHash string, hdr http.Header) *http.Request {
	r, _ := signS3WithSig(t, method, url, body, payloadHash, hdr)
	return r
}

func signS3WithSig(t testing.TB, method, url string, body []byte, payloadHash string, hdr http.Header) (*http.Request, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("X-Amz-Content-Sha256", payloadHash)
	creds := aws.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, payloadHash, "s3", "us-east-1", testTime, func(o *v4.SignerOptions) {
		o.DisableURIPathEscaping = true
	}); err != nil {
		t.Fatal(err)
	}
	a, _ := parseAuthorization(req.Header.Get("Authorization"))
	return toServer(t, req), a.signature
}

func strconvFormat(n int64) string { return strconv.FormatInt(n, 10) }

func newPresigner() *v4.Signer { return v4.NewSigner() }

func testCreds() aws.Credentials {
	return aws.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret}
}

func s3Opts(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }
