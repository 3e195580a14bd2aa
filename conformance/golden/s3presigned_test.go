package golden

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const presignedURLTest = "TestS3PresignedUrl::"

// rebuffer reads resp's body and puts the same bytes back, so a case can
// look at them and the harness still reads the body.
func rebuffer(resp *http.Response) ([]byte, error) {
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return body, nil
}

// withErrorFields re-buffers resp's body and copies each child element of
// an XML <Error> into resp.Header as "Error-<Name>", so a case can check
// S3's extra error elements (HeadersNotSigned, X-Amz-Expires, ...) with a
// "header:Error-<Name>" field.
func withErrorFields(resp *http.Response, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	body, err := rebuffer(resp)
	if err != nil {
		return nil, err
	}
	var e struct {
		Fields []struct {
			XMLName xml.Name
			Value   string `xml:",chardata"`
		} `xml:",any"`
	}
	if xml.Unmarshal(body, &e) == nil {
		for _, f := range e.Fields {
			resp.Header.Set("Error-"+f.XMLName.Local, f.Value)
		}
	}
	return resp, nil
}

// presignV4Put presigns in with the SDK's SigV4 query presigner (as owner's
// root, us-east-1), valid for expires; it returns the URL and the
// headers the request must carry.
func presignV4Put(ctx context.Context, w *World, in *s3.PutObjectInput, expires time.Duration) (string, http.Header, error) {
	p, err := s3.NewPresignClient(w.S3(Root(owner))).PresignPutObject(ctx, in, s3.WithPresignExpires(expires))
	if err != nil {
		return "", nil, err
	}
	return p.URL, p.SignedHeader, nil
}

// sendRaw sends method to u with body and header, and exposes its error
// fields (see withErrorFields).
func sendRaw(ctx context.Context, w *World, method, u, body string, header http.Header) (any, error) {
	r, err := http.NewRequestWithContext(ctx, method, u, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, vs := range header {
		r.Header[http.CanonicalHeaderKey(k)] = vs
	}
	return withErrorFields(w.HTTP.Do(r))
}

// TestS3PresignedURLErrors: answers to presigned URLs that are expired,
// tampered with or sent with headers they did not sign.
func TestS3PresignedURLErrors(t *testing.T) {
	const b = "golden-presigned"
	const notSigned = "There were headers present in the request which were not signed"
	const mismatch = "The request signature we calculated does not match the signature you provided. Check your key and signing method."
	// botocore's request for test_put_object_with_md5_and_chunk_signature_bad_headers:
	// streaming headers sent to a presigned PUT URL that signed none of them.
	badHeaders := func(decoded bool) http.Header {
		h := http.Header{"Content-Md5": {"pX8KKuGXS1f2VTcuJpqjkw=="}, "Content-Type": {"application/octet-stream"},
			"X-Amz-Content-Sha256": {"STREAMING-AWS4-HMAC-SHA256-PAYLOAD"}, "X-Amz-Date": {"20211122T191045Z"}}
		if decoded {
			h.Set("X-Amz-Decoded-Content-Length", "test")
		}
		return h
	}
	badHeadersCall := func(decoded bool) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			u, _, err := presignV4Put(ctx, w, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-runtime.properties"),
				ContentType: aws.String("application/octet-stream"), ContentMD5: aws.String("pX8KKuGXS1f2VTcuJpqjkw==")}, time.Hour)
			if err != nil {
				return nil, err
			}
			return sendRaw(ctx, w, http.MethodPut, u, "test", badHeaders(decoded))
		}
	}
	Run(t, []Case{{
		Name: "PutObject/SigV4 presigned URL with unsigned streaming headers and x-amz-decoded-content-length",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_put_object_with_md5_and_chunk_signature_bad_headers[s3v4-True]",
			"with-decoded-content-length", "2026-02-21"),
		Setup: withBucket(b),
		Call:  badHeadersCall(true),
		Want: Want{Status: 403, Code: "AccessDenied", Message: notSigned,
			Fields: map[string]any{"header:Error-HeadersNotSigned": "x-amz-date, x-amz-decoded-content-length"}},
	}, {
		Name: "PutObject/SigV4 presigned URL with unsigned streaming headers",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_put_object_with_md5_and_chunk_signature_bad_headers[s3v4-True]",
			"without-decoded-content-length", "2026-02-21"),
		Setup: withBucket(b),
		Call:  badHeadersCall(false),
		Want: Want{Status: 403, Code: "AccessDenied", Message: notSigned,
			Fields: map[string]any{"header:Error-HeadersNotSigned": "x-amz-date"}},
	}, {
		Name:   "GetObject/SigV4 presigned URL expired",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_presigned_url_signature_authentication_expired[s3v4-False]", "expired", "2026-02-21"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			bucket(ctx, t, w, b)
			object(ctx, t, w, b, "temp.txt", "123")
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			p, err := s3.NewPresignClient(w.S3(Root(owner))).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("temp.txt")},
				s3.WithPresignExpires(time.Second))
			if err != nil {
				return nil, err
			}
			time.Sleep(2 * time.Second)
			return sendRaw(ctx, w, http.MethodGet, p.URL, "", nil)
		},
		Want: Want{Status: 403, Code: "AccessDenied", Message: "Request has expired",
			Fields: map[string]any{"header:Error-X-Amz-Expires": "1", "header:Error-Expires": Present, "header:Error-ServerTime": Present}},
	}, {
		Name: "PutObject/SigV4 presigned URL with a header value other than the signed one",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_s3_put_presigned_url_with_different_headers[s3v4]",
			"content-type-exception", "2026-02-21"),
		Setup: withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			u, _, err := presignV4Put(ctx, w, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("key-double-header-param"),
				ContentType: aws.String("text/plain")}, 10*time.Second)
			if err != nil {
				return nil, err
			}
			return sendRaw(ctx, w, http.MethodPut, u, "test_data", http.Header{"Content-Type": {"text/xml"}})
		},
		Want: Want{Status: 403, Code: "SignatureDoesNotMatch", Message: mismatch,
			Fields: map[string]any{"header:Error-AWSAccessKeyId": owner, "header:Error-CanonicalRequest": Present,
				"header:Error-CanonicalRequestBytes": Present, "header:Error-StringToSign": Prefix("AWS4-HMAC-SHA256\n"),
				"header:Error-StringToSignBytes": Present, "header:Error-SignatureProvided": Present}},
	}, {
		Name: "PutObject/SigV4 presigned URL with a signed query parameter sent again as a header",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_s3_put_presigned_url_same_header_and_qs_parameter",
			"override-signed-qs", "2026-02-21"),
		Setup: withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			u, _, err := presignV4Put(ctx, w, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("key-double-header-param"),
				RequestPayer: "requester"}, 10*time.Second)
			if err != nil {
				return nil, err
			}
			return sendRaw(ctx, w, http.MethodPut, u, "test_data", http.Header{"X-Amz-Expires": {"5"}})
		},
		Want: Want{Status: 403, Code: "AccessDenied", Message: notSigned,
			Fields: map[string]any{"header:Error-HeadersNotSigned": "x-amz-expires"}},
	}, {
		Name:   "GetObject/SigV4 presigned URL without X-Amz-Date",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_s3_put_presigned_url_missing_sig_param[s3v4]", "missing-param-exception", "2026-02-21"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			bucket(ctx, t, w, b)
			object(ctx, t, w, b, "key-missing-param", "something")
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			p, err := s3.NewPresignClient(w.S3(Root(owner))).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("key-missing-param")})
			if err != nil {
				return nil, err
			}
			u, err := url.Parse(p.URL)
			if err != nil {
				return nil, err
			}
			q := u.Query()
			q.Del("X-Amz-Date")
			u.RawQuery = q.Encode()
			return sendRaw(ctx, w, http.MethodGet, u.String(), "", nil)
		},
		Want: Want{Status: 400, Code: "AuthorizationQueryParametersError",
			Message: "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."},
	}, {
		Name:   "GetObject/SigV4 presigned URL with a double-encoded credential",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_presigned_double_encoded_credentials", "error-malformed", "2026-02-21"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			bucket(ctx, t, w, b)
			object(ctx, t, w, b, "foo-key", "foobar")
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			p, err := s3.NewPresignClient(w.S3(Root(owner))).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("foo-key")})
			if err != nil {
				return nil, err
			}
			return sendRaw(ctx, w, http.MethodGet, strings.ReplaceAll(p.URL, "%2F", "%252F"), "", nil)
		},
		Want: Want{Status: 400, Code: "AuthorizationQueryParametersError",
			Message: `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`},
	}, {
		Name:   "PutObject/SigV4 presigned URL with an unsigned x-amz-meta-* header",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_put_url_metadata_with_sig_s3v4[True]", "wrong-meta-headers", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			u, signed, err := presignV4Put(ctx, w, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("key-by-hostname"),
				Metadata: map[string]string{"foo": "bar"}}, time.Hour)
			if err != nil {
				return nil, err
			}
			h := http.Header{"X-Amz-Meta-Wrong": {"wrong"}}
			for k, vs := range signed {
				if k != "Host" {
					h[k] = vs // what the presigner signed, as botocore's caller sends it
				}
			}
			return sendRaw(ctx, w, http.MethodPut, u, "content 123", h)
		},
		Want: Want{Status: 403, Code: "AccessDenied", Message: notSigned,
			Fields: map[string]any{"header:Error-HeadersNotSigned": "x-amz-meta-wrong"}},
	}})
}

// TestS3ResponseOverrideCharset: a response-* override must fit in an HTTP
// header (ISO-8859-1).
func TestS3ResponseOverrideCharset(t *testing.T) {
	const b = "golden-override-charset"
	const value = "non-ascii-%E2%80%94_—_é_"
	Run(t, []Case{{
		Name:   "GetObject/response-cache-control outside ISO-8859-1",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_get_response_overrides_unicode_metadata_with_sig_s3", "unicode-error", "2026-02-21"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			bucket(ctx, t, w, b)
			object(ctx, t, w, b, "key-non-ascii", "")
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			q := url.Values{"response-cache-control": {value}, "response-content-disposition": {`filename="test_—_file%E2%80%94_é_2.pdf"`}}
			return withErrorFields(w.Signed(ctx, Root(owner), http.MethodGet, "/"+b+"/key-non-ascii?"+q.Encode(), nil, nil))
		},
		Want: Want{Status: 400, Code: "InvalidArgument", Message: "Header value cannot be represented using ISO-8859-1.",
			Fields: map[string]any{"header:Error-ArgumentName": "response-cache-control", "header:Error-ArgumentValue": value}},
	}, {
		Name:   "GetObject/response-content-disposition inside ISO-8859-1",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_get_response_overrides_unicode_metadata_with_sig_s3", "unicode-error (é alone is ISO-8859-1)", "2026-02-21"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			bucket(ctx, t, w, b)
			object(ctx, t, w, b, "key-non-ascii", "")
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("key-non-ascii"),
				ResponseContentType: aws.String("text/plain")})
		},
		Want: Want{Fields: map[string]any{"ContentType": "text/plain"}},
	}})
}

// TestS3PresignedV4QueryMetadata: x-amz-meta-* hoisted into a SigV4
// presigned URL's query (as the JS SDK v3 presigner does) become the
// object's metadata.
func TestS3PresignedV4QueryMetadata(t *testing.T) {
	const b = "golden-v4-query-meta"
	Run(t, []Case{{
		Name:   "PutObject/SigV4 presigned URL with x-amz-meta-* in the query stores the metadata",
		Source: localstack("s3/test_s3.snapshot.json", presignedURLTest+"test_presigned_url_v4_x_amz_in_qs", "head-object", "2026-02-21"),
		Setup:  withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) {
			r, err := http.NewRequestWithContext(ctx, http.MethodPut,
				w.Endpoint+"/"+b+"/temp.txt?X-Amz-Expires=900&x-amz-meta-foo=bar-complicated-no-random&x-amz-storage-class=STANDARD", strings.NewReader("123456"))
			if err != nil {
				return nil, err
			}
			u, _, err := v4.NewSigner().PresignHTTP(ctx, Root(owner), r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
			if err != nil {
				return nil, err
			}
			resp, err := sendRaw(ctx, w, http.MethodPut, u, "123456", nil)
			if err != nil {
				return nil, err
			}
			if hr := resp.(*http.Response); hr.StatusCode != http.StatusOK {
				return resp, nil
			}
			return w.S3(Root(owner)).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("temp.txt")})
		},
		Want: Want{Fields: map[string]any{"Metadata": Len(1), "header:x-amz-meta-foo": "bar-complicated-no-random", "ContentLength": 6}},
	}})
}
