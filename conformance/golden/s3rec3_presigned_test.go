package golden

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// invalidV4URL is LocalStack's _make_url_invalid for a SigV4 presigned URL:
// the same credential, date, expiry and signature, with only host signed
// and the other query parameters (response-*, ...) left out.
func invalidV4URL(w *World, path, presigned string) (string, error) {
	u, err := url.Parse(presigned)
	if err != nil {
		return "", err
	}
	q := u.Query()
	return fmt.Sprintf("%s%s?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%s&X-Amz-Date=%s&X-Amz-Expires=%s&X-Amz-SignedHeaders=host&X-Amz-Signature=%s",
		w.Endpoint, path, url.QueryEscape(q.Get("X-Amz-Credential")), q.Get("X-Amz-Date"), q.Get("X-Amz-Expires"), q.Get("X-Amz-Signature")), nil
}

func TestS3RecordedPresignedSignatureMismatch(t *testing.T) {
	const test = "TestS3PresignedUrl::test_presigned_url_signature_authentication[s3v4-False]"
	const k = "temp.txt"
	path := "/" + opsBucket + "/" + k
	body := "this should be found in when you download " + k + "."
	setup := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, opsBucket)
		object(ctx, t, w, opsBucket, k, "123")
	}
	mismatch := Want{Status: 403, Code: "SignatureDoesNotMatch",
		Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
		Fields: map[string]any{"header:Error-AWSAccessKeyId": Present, "header:Error-SignatureProvided": Present, "header:Error-StringToSign": Prefix("AWS4-HMAC-SHA256\n"),
			"header:Error-StringToSignBytes": Present, "header:Error-CanonicalRequest": Present, "header:Error-CanonicalRequestBytes": Present}}
	send := func(method string, presign func(ctx context.Context, c *s3.PresignClient) (string, error)) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			u, err := presign(ctx, s3.NewPresignClient(w.S3(Root(owner))))
			if err != nil {
				return nil, err
			}
			bad, err := invalidV4URL(w, path, u)
			if err != nil {
				return nil, err
			}
			return sendRaw(ctx, w, method, bad, body, http.Header{"Content-Type": {"my-fake-content/type"}})
		}
	}
	Run(t, []Case{
		{Name: "GetObject/presigned URL stripped of its response-* parameters", Source: localstack(moreS3, test, "invalid-get-1", "2026-02-21"), Setup: setup,
			Call: send(http.MethodGet, func(ctx context.Context, c *s3.PresignClient) (string, error) {
				p, err := c.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), ResponseContentType: aws.String("text/plain"),
					ResponseContentDisposition: aws.String("attachment;  filename=test.txt")}, s3.WithPresignExpires(20*time.Second))
				if err != nil {
					return "", err
				}
				return p.URL, nil
			}), Want: mismatch},
		{Name: "PutObject/presigned URL stripped of its signed Content-Type", Source: localstack(moreS3, test, "invalid-put-1", "2026-02-21"), Setup: setup,
			Call: send(http.MethodPut, func(ctx context.Context, c *s3.PresignClient) (string, error) {
				p, err := c.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), ContentType: aws.String("text/plain")},
					s3.WithPresignExpires(20*time.Second))
				if err != nil {
					return "", err
				}
				return p.URL, nil
			}), Want: mismatch},
	})
}

// presignV2 is a SigV2 query-signed URL for method on /bucket/key, valid
// for 20 seconds, with the sub-resource parameters in sub (response-*,
// signed as S3 signs them) and contentType as the signed Content-Type.
func presignV2(w *World, creds aws.Credentials, method, path, contentType string, sub map[string]string) string {
	return presignV2Until(w, creds, method, path, contentType, sub, time.Now().Add(20*time.Second))
}

// presignV2Until is presignV2 expiring at until.
func presignV2Until(w *World, creds aws.Credentials, method, path, contentType string, sub map[string]string, until time.Time) string {
	expires := strconv.FormatInt(until.Unix(), 10)
	names := make([]string, 0, len(sub))
	for k := range sub {
		names = append(names, k)
	}
	sort.Strings(names)
	resource := path
	q := url.Values{}
	for i, k := range names {
		sep := "&"
		if i == 0 {
			sep = "?"
		}
		resource += sep + k + "=" + sub[k]
		q.Set(k, sub[k])
	}
	m := hmac.New(sha1.New, []byte(creds.SecretAccessKey))
	m.Write([]byte(method + "\n\n" + contentType + "\n" + expires + "\n" + resource))
	q.Set("AWSAccessKeyId", creds.AccessKeyID)
	q.Set("Expires", expires)
	q.Set("Signature", base64.StdEncoding.EncodeToString(m.Sum(nil)))
	return w.Endpoint + path + "?" + q.Encode()
}

// invalidV2URL is LocalStack's _make_url_invalid for a SigV2 presigned URL:
// only AWSAccessKeyId, Signature and Expires are kept.
func invalidV2URL(w *World, path, presigned string) (string, error) {
	u, err := url.Parse(presigned)
	if err != nil {
		return "", err
	}
	q := u.Query()
	return fmt.Sprintf("%s%s?AWSAccessKeyId=%s&Signature=%s&Expires=%s", w.Endpoint, path,
		q.Get("AWSAccessKeyId"), url.QueryEscape(q.Get("Signature")), q.Get("Expires")), nil
}

func TestS3RecordedPresignedV2SignatureMismatch(t *testing.T) {
	const test = "TestS3PresignedUrl::test_presigned_url_signature_authentication[s3-False]"
	const k = "temp.txt"
	path := "/" + opsBucket + "/" + k
	body := "this should be found in when you download " + k + "."
	setup := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, opsBucket)
		object(ctx, t, w, opsBucket, k, "123")
	}
	// SigV2 has no canonical request: the error carries no CanonicalRequest.
	mismatch := Want{Status: 403, Code: "SignatureDoesNotMatch",
		Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
		Fields: map[string]any{"header:Error-AWSAccessKeyId": Present, "header:Error-SignatureProvided": Present, "header:Error-StringToSign": Present,
			"header:Error-StringToSignBytes": Present, "header:Error-CanonicalRequest": Absent}}
	call := func(method, contentType string, sub map[string]string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			bad, err := invalidV2URL(w, path, presignV2(w, Root(owner), method, path, contentType, sub))
			if err != nil {
				return nil, err
			}
			return sendRaw(ctx, w, method, bad, body, http.Header{"Content-Type": {"my-fake-content/type"}})
		}
	}
	Run(t, []Case{
		{Name: "GetObject/SigV2 presigned URL stripped of its response-* parameters", Source: localstack(moreS3, test, "invalid-get-1", "2026-02-21"), Setup: setup,
			Call: call(http.MethodGet, "", map[string]string{"response-content-type": "text/plain", "response-content-disposition": "attachment;  filename=test.txt"}),
			Want: mismatch},
		{Name: "PutObject/SigV2 presigned URL sent with another Content-Type", Source: localstack(moreS3, test, "invalid-put-1", "2026-02-21"), Setup: setup,
			Call: call(http.MethodPut, "text/plain", nil), Want: mismatch},
	})
}

func TestS3RecordedPresignedUnsignedHeaders(t *testing.T) {
	const v4, v2 = "TestS3PresignedUrl::test_s3_put_presigned_url_with_different_headers[s3v4]", "TestS3PresignedUrl::test_s3_put_presigned_url_with_different_headers[s3]"
	const k = "key-double-header-param"
	path := "/" + opsBucket + "/" + k
	setup := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, opsBucket)
		object(ctx, t, w, opsBucket, k, "something")
	}
	mismatch := Want{Status: 403, Code: "SignatureDoesNotMatch",
		Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method."}
	// v4put sends a PUT presigned with Content-Encoding: identity
	// (SigV4: a signed header) carrying header.
	v4put := func(header http.Header) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			u, _, err := presignV4Put(ctx, w, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), ContentEncoding: aws.String("identity")}, 10*time.Second)
			if err != nil {
				return nil, err
			}
			return sendRaw(ctx, w, http.MethodPut, u, "test_data", header)
		}
	}
	// v2put sends a PUT presigned with SigV2 (no Content-Type signed).
	v2put := func(header http.Header) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return sendRaw(ctx, w, http.MethodPut, presignV2(w, Root(owner), http.MethodPut, path, "", nil), "test_data", header)
		}
	}
	Run(t, []Case{
		{Name: "PutObject/SigV4 presigned, an unsigned Content-Type added", Source: localstack(moreS3, v4, "content-type-response", "2026-02-21"), Setup: setup,
			Call: v4put(http.Header{"Content-Encoding": {"identity"}, "Content-Type": {"text/xml"}})},
		{Name: "PutObject/SigV4 presigned, another Content-Encoding", Source: localstack(moreS3, v4, "wrong-content-encoding-response", "2026-02-21"), Setup: setup,
			Call: v4put(http.Header{"Content-Encoding": {"gzip"}}), Want: mismatch},
		{Name: "PutObject/SigV2 presigned, a Content-Type added", Source: localstack(moreS3, v2, "content-type-response", "2026-02-21"), Setup: setup,
			Call: v2put(http.Header{"Content-Encoding": {"identity"}, "Content-Type": {"text/xml"}}), Want: mismatch},
		{Name: "PutObject/SigV2 presigned, another Content-Encoding", Source: localstack(moreS3, v2, "wrong-content-encoding-response", "2026-02-21"), Setup: setup,
			Call: v2put(http.Header{"Content-Encoding": {"gzip"}})},
	})
}

func TestS3RecordedPresignedRefusals(t *testing.T) {
	const k = "key-by-hostname"
	setup := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, opsBucket)
		object(ctx, t, w, opsBucket, "key-expires-in-2", "something")
		object(ctx, t, w, opsBucket, "key-double-header-param", "something")
	}
	mismatch := Want{Status: 403, Code: "SignatureDoesNotMatch",
		Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
		Fields:  map[string]any{"header:Error-CanonicalRequest": Present, "header:Error-StringToSign": Present}}
	Run(t, []Case{
		// The recording waited for a two-second URL to expire; this one
		// expired a minute ago.
		{Name: "GetObject/expired SigV2 presigned URL", Source: localstack(moreS3, "TestS3PresignedUrl::test_s3_presigned_url_expired[s3]", "expired-exception", "2026-02-21"),
			Setup: setup, Call: func(ctx context.Context, w *World) (any, error) {
				return sendRaw(ctx, w, http.MethodGet, presignV2Until(w, Root(owner), http.MethodGet, "/"+opsBucket+"/key-expires-in-2", "", nil, time.Now().Add(-time.Minute)), "", nil)
			}, Want: Want{Status: 403, Code: "AccessDenied", Message: "Request has expired"}},
		{Name: "PutObject/SigV4 presigned with metadata, sent without it", Source: localstack(moreS3, "TestS3PresignedUrl::test_put_url_metadata_with_sig_s3v4[False]", "no-meta-headers", "2026-02-21"),
			Setup: setup, Call: func(ctx context.Context, w *World) (any, error) {
				u, signed, err := presignV4Put(ctx, w, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), Metadata: map[string]string{"foo": "bar"}}, time.Hour)
				if err != nil {
					return nil, err
				}
				if signed.Get("X-Amz-Meta-Foo") == "" {
					return nil, fmt.Errorf("the presigner did not sign x-amz-meta-foo as a header: %v", signed)
				}
				return sendRaw(ctx, w, http.MethodPut, u, "content 123", nil)
			}, Want: mismatch},
		{Name: "PutObject/SigV4 presigned, an unsigned x-amz-request-payer query parameter added", Source: localstack(moreS3,
			"TestS3PresignedUrl::test_s3_put_presigned_url_same_header_and_qs_parameter", "double-header-query-string", "2026-02-21"),
			Setup: setup, Call: func(ctx context.Context, w *World) (any, error) {
				// botocore signs x-amz-request-payer as a header (SignedHeaders
				// host;x-amz-request-payer); aws-sdk-go-v2's presigner would
				// move it to the query, so the URL is presigned here.
				r, err := http.NewRequestWithContext(ctx, http.MethodPut, w.Endpoint+"/"+opsBucket+"/key-double-header-param?X-Amz-Expires=10", nil)
				if err != nil {
					return nil, err
				}
				r.Header.Set("X-Amz-Request-Payer", "requester")
				u, _, err := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableHeaderHoisting = true }).PresignHTTP(ctx, Root(owner), r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
				if err != nil {
					return nil, err
				}
				if !strings.Contains(u, "X-Amz-SignedHeaders=host%3Bx-amz-request-payer") {
					return nil, fmt.Errorf("x-amz-request-payer not signed as a header: %s", u)
				}
				i := strings.Index(u, "?")
				return sendRaw(ctx, w, http.MethodPut, u[:i+1]+"x-amz-request-payer=non-valid&"+u[i+1:], "test_data", http.Header{"X-Amz-Request-Payer": {"requester"}})
			}, Want: mismatch},
	})
}
