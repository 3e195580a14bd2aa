package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// wireSignedEdit sends s signed in its header by the primary user (or
// creds when set) with body, after edit changed the headers to send.
func wireSignedEdit(s wireSig, body string, creds *aws.Credentials, edit func(http.Header)) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		c := u.primary
		if creds != nil {
			c = *creds
		}
		url, header := wireHeaderAuth(w, c, s)
		if edit != nil {
			edit(header)
		}
		return wireSend(ctx, w, s.method, url, body, header)
	}
}

func wireWith(name, value string) func(http.Header) {
	return func(h http.Header) { h[http.CanonicalHeaderKey(name)] = []string{value} }
}

// wireUnsigned sends method to path with body and header only.
func wireUnsigned(method, path, body string, header http.Header) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return wireSend(ctx, w, method, w.Endpoint+path, body, header)
	}
}

func TestArgminWireHeaders(t *testing.T) {
	src := func(test string) string { return argmin("headers.rs", test) }
	bucket := argminSteps(argminBucket(false, ""))
	c := func(name, test string, call func(ctx context.Context, w *World, u *argminUsers) (any, error), want Want) Case {
		return argminCase(name, src(test), bucket, call, want)
	}
	put := func(key, body string) wireSig {
		return wireSig{method: http.MethodPut, path: wireObjectPath(key), payload: wireSHA256(body)}
	}
	putWith := func(test, header, value string) Case {
		return c("PutObject/an unsigned "+header+" "+strings.TrimSpace(value), test,
			wireSignedEdit(put("ckobj", "checksum test body"), "checksum test body", nil, wireWith(header, value)), argminNotSigned)
	}
	ok := Want{}
	denied := argminDenied
	skewed := Want{Status: http.StatusForbidden, Code: "RequestTimeTooSkewed"}
	malformed := Want{Status: http.StatusBadRequest, Code: "AuthorizationHeaderMalformed"}
	wrongKey := aws.Credentials{AccessKeyID: "AKIAIOSFODNN7INVALID", SecretAccessKey: "x"}
	at := func(s wireSig, d time.Duration) wireSig { s.date = time.Now().Add(d); return s }
	noSHA := put("obj", "")
	noSHA.noContentSHA = true
	regional := func(method, path string, body string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			s := wireSig{method: method, path: path, payload: wireSHA256(body), region: "us-west-2", host: wireRegional(w)}
			return wireSignedEdit(s, body, nil, nil)(ctx, w, u)
		}
	}
	wrongRegion := Want{Status: http.StatusBadRequest, Code: "AuthorizationHeaderMalformed",
		Fields: map[string]any{"header:Error-Region": "us-east-1", "header:X-Amz-Bucket-Region": "us-east-1"}}
	objectWrongRegion := Want{Status: http.StatusBadRequest, Code: "AuthorizationHeaderMalformed", Fields: map[string]any{"header:Error-Region": "us-east-1"}}
	withRegion := func(s wireSig) wireSig { s.service = "iam"; return s }
	dated := func(value string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return wireUnsigned(http.MethodGet, wireObjectPath("obj"), "", http.Header{"X-Amz-Date": {value}})
	}
	privateInPublic := argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(types.BucketCannedACLPublicRead), argminPut("obj", "data", ""))
	upload := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("missing-content-sha256-part")})
		if err != nil {
			return nil, err
		}
		s := wireSig{method: http.MethodPut, path: wireObjectPath("missing-content-sha256-part"),
			query: "partNumber=1&uploadId=" + aws.ToString(out.UploadId), payload: wireSHA256(""), noContentSHA: true}
		return wireSignedEdit(s, "multipart body sent without x-amz-content-sha256", nil, nil)(ctx, w, u)
	}
	missingSHA := Want{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: "Missing required header for this request: x-amz-content-sha256"}
	rawAuth := func(auth string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			now := time.Now().UTC()
			a := strings.NewReplacer("{akid}", u.primary.AccessKeyID, "{date}", now.Format("20060102")).Replace(auth)
			return wireSend(ctx, w, http.MethodPut, w.Endpoint+wireObjectPath("obj"), "data", http.Header{"Authorization": {a},
				"X-Amz-Date": {now.Format("20060102T150405Z")}, "X-Amz-Content-Sha256": {wireSHA256("data")}})
		}
	}
	Run(t, []Case{
		putWith("test_put_bad_checksum_sha256", "x-amz-checksum-sha256", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
		putWith("test_put_bad_checksum_crc32", "x-amz-checksum-crc32", "AAAAAAA="),
		putWith("test_put_bad_checksum_crc32c", "x-amz-checksum-crc32c", "AAAAAAA="),
		putWith("test_put_bad_checksum_crc64nvme", "x-amz-checksum-crc64nvme", "AAAAAAAAAAA="),
		putWith("test_put_bad_checksum_sha1", "x-amz-checksum-sha1", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
		putWith("test_put_empty_checksum_sha256", "x-amz-checksum-sha256", ""),
		c("PutObject/header SigV4, no checksum", "test_put_no_checksum_succeeds", wireSignedEdit(put("obj", "no checksum body"), "no checksum body", nil, nil), ok),
		c("PutObject/two unsigned checksum headers", "test_put_multiple_checksums", wireSignedEdit(put("ckobj", "multi cksum body"), "multi cksum body", nil, func(h http.Header) {
			h.Set("X-Amz-Checksum-Sha256", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
			h.Set("X-Amz-Checksum-Crc32", "AAAAAAA=")
		}), denied),
		c("PutObject/Content-Type text/plain", "test_put_invalid_content_type", wireSignedEdit(put("ctobj", "content type test"), "content type test", nil, wireWith("Content-Type", "text/plain")), ok),
		c("PutObject/an empty Content-Type", "test_put_empty_content_type", wireSignedEdit(put("ctobj", "empty ct body"), "empty ct body", nil, wireWith("Content-Type", "")), ok),
		c("PutObject/no Content-Type", "test_put_no_content_type", wireSignedEdit(put("ctobj", "no ct body"), "no ct body", nil, nil), ok),
		c("PutObject/an empty Authorization", "test_put_empty_authorization", wireUnsigned(http.MethodPut, wireObjectPath("obj"), "data", http.Header{"Authorization": {""}}), denied),
		c("PutObject/no Authorization, private bucket", "test_put_no_authorization_private", wireUnsigned(http.MethodPut, wireObjectPath("obj"), "data", nil), denied),
		c("PutObject/Authorization garbage", "test_put_malformed_authorization", wireUnsigned(http.MethodPut, wireObjectPath("obj"), "data", http.Header{"Authorization": {"garbage"}}),
			Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		argminCase("CreateBucket/an empty Authorization", src("test_bucket_put_empty_authorization"), nil,
			wireUnsigned(http.MethodPut, "/"+argminBkt, "", http.Header{"Authorization": {""}}), denied),
		c("PutObject/an unknown access key", "test_put_wrong_access_key", wireSignedEdit(put("obj", "wrong key body"), "wrong key body", &wrongKey, nil),
			Want{Status: http.StatusForbidden, Code: "InvalidAccessKeyId"}),
		c("PutObject/a wrong secret", "test_put_wrong_secret_key", func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			bad := aws.Credentials{AccessKeyID: u.primary.AccessKeyID, SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGKEY000"}
			return wireSignedEdit(put("obj", "wrong secret body"), "wrong secret body", &bad, nil)(ctx, w, u)
		}, Want{Status: http.StatusForbidden, Code: "SignatureDoesNotMatch"}),
		c("PutObject/no x-amz-content-sha256", "test_put_missing_content_sha256_header_rejected", wireSignedEdit(noSHA, "body sent without x-amz-content-sha256", nil, nil), missingSHA),
		c("UploadPart/no x-amz-content-sha256", "test_upload_part_missing_content_sha256_header_rejected", upload, missingSHA),
		argminCase("GetObject/unsigned with an empty x-amz-date", src("test_get_date_empty_anonymous"), privateInPublic, dated(""), Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("GetObject/unsigned with x-amz-date garbage", src("test_get_date_invalid_anonymous"), privateInPublic, dated("garbage"), Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("GetObject/unsigned with x-amz-date in 1969", src("test_get_date_before_epoch_anonymous"), privateInPublic, dated("19690101T000000Z"), Want{Refused: true, Status: http.StatusForbidden}),
		c("PutObject/signed 20 minutes ago", "test_put_date_skew_past", wireSignedEdit(at(put("obj", "skew past body"), -20*time.Minute), "skew past body", nil, nil), skewed),
		c("PutObject/signed 20 minutes ahead", "test_put_date_skew_future", wireSignedEdit(at(put("obj", "skew future body"), 20*time.Minute), "skew future body", nil, nil), skewed),
		c("PutObject/x-amz-date changed after signing", "test_put_date_tampered",
			wireSignedEdit(put("obj", "tampered date body"), "tampered date body", nil, wireWith("X-Amz-Date", "20200101T000000Z")), skewed),
		c("PutObject/the signed x-amz-date left out", "test_put_date_missing_signed",
			wireSignedEdit(put("obj", "missing date body"), "missing date body", nil, func(h http.Header) { h.Del("X-Amz-Date") }), denied),
		c("PutObject/an empty User-Agent", "test_put_empty_user_agent", wireSignedEdit(put("obj", "empty ua body"), "empty ua body", nil, wireWith("User-Agent", "")), ok),
		// test_put_no_user_agent sends its HTTP client's own User-Agent.
		c("PutObject/the client's User-Agent", "test_put_no_user_agent", wireSignedEdit(put("obj", "no ua body"), "no ua body", nil, nil), ok),
		c("PutObject/Expect 100-continue", "test_put_expect_100_continue", wireSignedEdit(put("obj", "expect body"), "expect body", nil, wireWith("Expect", "100-continue")), ok),
		c("PutObject/an empty Expect", "test_put_expect_empty", wireSignedEdit(put("obj", "expect empty body"), "expect empty body", nil, wireWith("Expect", "")), ok),
		c("PutObject/Expect garbage", "test_put_expect_garbage", wireSignedEdit(put("obj", "expect garbage body"), "expect garbage body", nil, wireWith("Expect", "garbage")), ok),
		argminCase("CreateBucket/x-amz-acl garbage", src("test_bucket_create_bad_acl"), nil,
			wireSignedEdit(wireSig{method: http.MethodPut, path: "/" + argminBkt, payload: wireSHA256("")}, "", nil, wireWith("X-Amz-Acl", "garbage")), denied),
		c("PutObject/a body other than the one hashed", "test_put_body_sha256_mismatch", wireSignedEdit(put("obj", "the body that was signed"), "different body content", nil, nil),
			Want{Status: http.StatusBadRequest, Code: "XAmzContentSHA256Mismatch"}),
		c("PutObject/a hash of other data, signed", "test_put_content_sha256_mismatch", wireSignedEdit(put("obj", "some other data"), "the actual body", nil, nil),
			Want{Status: http.StatusBadRequest, Code: "XAmzContentSHA256Mismatch"}),
		c("PutObject/UNSIGNED-PAYLOAD", "test_put_unsigned_payload", wireSignedEdit(wireSig{method: http.MethodPut, path: wireObjectPath("obj")}, "unsigned payload body", nil, nil), ok),
		c("PutObject/an empty body", "test_put_empty_body", wireSignedEdit(put("obj", ""), "", nil, nil), ok),
		argminCase("GetObject/UNSIGNED-PAYLOAD", src("test_get_unsigned_payload"), argminSteps(argminBucket(false, ""), argminPut("obj", "data", "")),
			wireSignedEdit(wireSig{method: http.MethodGet, path: wireObjectPath("obj")}, "", nil, nil), wireBody("data")),
		c("PutObject/AWS4-HMAC-SHA512", "test_put_wrong_algorithm", wireSignedEdit(put("obj", "wrong algo body"), "wrong algo body", nil, func(h http.Header) {
			h.Set("Authorization", strings.Replace(h.Get("Authorization"), "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512", 1))
		}), Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		c("PutObject/no Credential", "test_put_missing_credential", rawAuth("AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=abc123"), malformed),
		c("PutObject/no Signature", "test_put_missing_signature",
			rawAuth("AWS4-HMAC-SHA256 Credential={akid}/{date}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date"), malformed),
		c("PutObject/a Credential of three parts", "test_put_bad_credential_scope",
			rawAuth("AWS4-HMAC-SHA256 Credential={akid}/{date}/bad, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=abc123"), malformed),
		c("ListObjects/signed for another region", "test_put_wrong_region", regional(http.MethodGet, "/"+argminBkt, ""), wrongRegion),
		c("PutObject/signed for another region", "test_put_object_wrong_region_includes_region_hint", regional(http.MethodPut, wireObjectPath("obj"), "wrong region body"), objectWrongRegion),
		c("HeadBucket/x-amz-bucket-region", "test_head_bucket_returns_bucket_region_header",
			wireSignedEdit(wireSig{method: http.MethodHead, path: "/" + argminBkt, payload: wireSHA256("")}, "", nil, nil),
			Want{Fields: map[string]any{"header:X-Amz-Bucket-Region": "us-east-1"}}),
		c("PutObject/signed for iam", "test_put_wrong_service", func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			s := withRegion(put("obj", "wrong service body"))
			s.host = wireRegional(w)
			return wireSignedEdit(s, "wrong service body", nil, nil)(ctx, w, u)
		}, malformed),
		argminCase("GetObject/x-amz-security-token with a long-term key", src("test_unexpected_security_token_on_static_credentials_returns_bad_request"),
			argminSteps(argminBucket(false, ""), argminPut("token-check.txt", "token check body", "")),
			wireSignedEdit(wireSig{method: http.MethodGet, path: wireObjectPath("token-check.txt"), payload: wireSHA256(""),
				signed: [][2]string{{"x-amz-security-token", "bad-token-causes-400"}}}, "", nil, nil),
			Want{Status: http.StatusBadRequest, Code: "InvalidToken", Message: "The provided token is malformed or otherwise invalid.",
				Fields: map[string]any{"header:Error-Token-0": "bad-token-causes-400"}}),
		c("PutObject/a key with %80", "test_put_invalid_percent_encoding_in_key",
			wireSignedEdit(wireSig{method: http.MethodPut, path: "/" + argminBkt + "/bad%80key", payload: wireSHA256("")}, "", nil, nil),
			Want{Status: http.StatusBadRequest, Code: "InvalidURI"}),
		c("PutObject/two Authorization headers", "test_put_duplicate_authorization", wireSignedEdit(put("obj", "dup auth body"), "dup auth body", nil, func(h http.Header) {
			h["Authorization"] = []string{h.Get("Authorization"), h.Get("Authorization")}
		}), Want{Status: http.StatusNotImplemented, Code: "NotImplemented", Fields: map[string]any{"header:Error-Header": "Authorization"}}),
	})
}

// argminNotSigned is S3's refusal of an unsigned x-amz-* header.
var argminNotSigned = Want{Status: http.StatusForbidden, Code: "AccessDenied"}
