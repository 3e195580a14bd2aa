package golden

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Cases of argmin's s3_control.rs test functions the first replay
// (s3controltags_test.go) did not cite: how S3 Control's TagResource takes
// its payload hash, signed in headers and presigned, and its CORS
// preflight from another account.

func s3controlSource(test string) string {
	return "justincormack/argmin crates/s3-tests/tests/s3_control.rs " + test + " (asserted against AWS S3 Control, 2026)"
}

// s3controlSigned is one TagResource to the tagging path of bucket "tagged"
// as the owner's root, signed in headers or presigned: the payload hash is
// signed's SHA-256 (UNSIGNED-PAYLOAD when unsigned), sent in
// x-amz-content-sha256 only when header is set; sent is the body sent and
// secret ("" the root's) signs it.
type s3controlSigned struct {
	signed, sent    string
	header, presign bool
	unsigned        bool // the hash is UNSIGNED-PAYLOAD
	secret          string
}

func s3controlHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func (p s3controlSigned) send(ctx context.Context, w *World) (any, error) {
	path := "/v20180820/tags/" + strings.ReplaceAll(url.PathEscape("arn:aws:s3:::tagged"), "/", "%2F")
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, w.Endpoint+path, strings.NewReader(p.sent))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/xml")
	r.Header.Set("x-amz-account-id", owner)
	hash := s3controlHash(p.signed)
	if p.unsigned {
		hash = "UNSIGNED-PAYLOAD"
	}
	if p.header {
		r.Header.Set("X-Amz-Content-Sha256", hash)
	}
	creds := Root(owner)
	if p.secret != "" {
		creds.SecretAccessKey = p.secret
	}
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping, o.DisableHeaderHoisting = true, true })
	if !p.presign {
		if err := signer.SignHTTP(ctx, creds, r, hash, "s3", "us-east-1", time.Now()); err != nil {
			return nil, err
		}
		return withBodyHeader(mustDo(w.HTTP.Do(r)))
	}
	q := r.URL.Query()
	q.Set("X-Amz-Expires", "900")
	r.URL.RawQuery = q.Encode()
	u, signed, err := signer.PresignHTTP(ctx, creds, r, hash, "s3", "us-east-1", time.Now())
	if err != nil {
		return nil, err
	}
	pr, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(p.sent))
	if err != nil {
		return nil, err
	}
	for k, vs := range signed {
		if !strings.EqualFold(k, "Host") {
			pr.Header[k] = vs
		}
	}
	return withBodyHeader(mustDo(w.HTTP.Do(pr)))
}

// mustDo keeps a transport error's nil response from reaching
// withBodyHeader.
func mustDo(resp *http.Response, err error) *http.Response {
	if err != nil {
		return &http.Response{StatusCode: 599, Header: http.Header{}, Body: http.NoBody}
	}
	return resp
}

func TestArgminS3ControlPayload(t *testing.T) {
	src := s3controlSource("test_s3_control_sigv4_payload_modes_match_aws")
	tagged := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		_, err := w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tagged")})
		must(t, "CreateBucket", err)
	}
	body, other := tagResourceBody("payload", "signed"), tagResourceBody("payload", "altered")
	missing := Want{Status: 400, Code: "InvalidRequest", Message: "Missing required header for this request: x-amz-content-sha256"}
	mismatch := Want{Status: 400, Code: "XAmzContentSHA256Mismatch",
		Message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
		Fields: map[string]any{"header:Body": Match(`<ClientComputedContentSHA256>` + s3controlHash(body) +
			`</ClientComputedContentSHA256><S3ComputedContentSHA256>` + s3controlHash(other) + `</S3ComputedContentSHA256>`)}}
	created := Want{Status: 204, Fields: map[string]any{"header:Body": ""}}
	c := func(name string, p s3controlSigned, want Want) Case {
		return Case{Name: name, Op: "S3 TagResource", Source: src, Setup: tagged, Call: p.send, Want: want}
	}
	Run(t, []Case{
		c("TagResource/signed with the payload's hash in x-amz-content-sha256", s3controlSigned{signed: body, sent: body, header: true}, created),
		c("TagResource/signed over the payload without x-amz-content-sha256", s3controlSigned{signed: body, sent: body}, missing),
		// Not replayed: the same signed for sts (docs/deviations.md).
		c("TagResource/without x-amz-content-sha256, a wrong signature", s3controlSigned{signed: body, sent: body, secret: strings.Repeat("0", 40)}, missing),
		c("TagResource/x-amz-content-sha256 UNSIGNED-PAYLOAD", s3controlSigned{sent: body, header: true, unsigned: true}, created),
		c("TagResource/x-amz-content-sha256 of another payload", s3controlSigned{signed: body, sent: other, header: true}, mismatch),
		c("TagResource/presigned with the payload's hash", s3controlSigned{signed: body, sent: body, header: true, presign: true}, created),
		c("TagResource/presigned without x-amz-content-sha256", s3controlSigned{sent: body, unsigned: true, presign: true}, created),
		c("TagResource/presigned with x-amz-content-sha256 UNSIGNED-PAYLOAD", s3controlSigned{sent: body, header: true, unsigned: true, presign: true}, created),
		c("TagResource/presigned with the hash of another payload", s3controlSigned{signed: body, sent: other, header: true, presign: true}, mismatch),
		// Another account's preflight names the same error whether the
		// bucket (account regional, the owner's) exists or not.
		{Name: "OPTIONS/a CORS preflight from another account, the owner's account regional bucket", Op: "S3 ListTagsForResource",
			Source: s3controlSource("test_s3_control_options_does_not_reveal_foreign_account_regional_bucket_existence"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				t.Helper()
				resp, err := w.Signed(ctx, Root(owner), http.MethodPut, "/argmin-ctl-"+owner+"-us-east-1-an", nil,
					http.Header{"X-Amz-Bucket-Namespace": {"account-regional"}})
				must(t, "CreateBucket", err)
				resp.Body.Close()
			},
			Call: controlPreflight("argmin-ctl-" + owner + "-us-east-1-an"), Want: controlPreflightWant},
		{Name: "OPTIONS/a CORS preflight from another account, no such account regional bucket", Op: "S3 ListTagsForResource",
			Source: s3controlSource("test_s3_control_options_does_not_reveal_foreign_account_regional_bucket_existence"),
			Call:   controlPreflight("argmin-ctl-missing-" + owner + "-us-east-1-an"), Want: controlPreflightWant},
	})
}
