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

// wireObjectPath is key's escaped path in argminBkt.
func wireObjectPath(key string) string { return "/" + argminBkt + "/" + key }

// wirePresigned sends s presigned by the suite's primary user with body,
// the signed headers and extra (headers the signature leaves out); edit,
// when set, tampers with the URL first.
func wirePresigned(s wireSig, body string, extra http.Header, edit func(string) string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		if s.expires == 0 {
			s.expires = 900
		}
		u2, header := wirePresignURL(w, u.primary, s)
		if edit != nil {
			u2 = edit(u2)
		}
		for k, vs := range extra {
			header[http.CanonicalHeaderKey(k)] = vs
		}
		return wireSend(ctx, w, s.method, u2, body, header)
	}
}

// wireHeaderSigned sends s signed in an Authorization header by the
// primary user, with extra headers the signature leaves out.
func wireHeaderSigned(s wireSig, body string, extra http.Header) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		url, header := wireHeaderAuth(w, u.primary, s)
		for k, vs := range extra {
			header[http.CanonicalHeaderKey(k)] = vs
		}
		return wireSend(ctx, w, s.method, url, body, header)
	}
}

// wireThen runs call and, when it answered, returns what next answers:
// the suite's read-back after a write.
func wireThen(call, next func(ctx context.Context, w *World, u *argminUsers) (any, error)) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		if _, err := call(ctx, w, u); err != nil {
			return nil, err
		}
		return next(ctx, w, u)
	}
}

func wireNotSigned(header string) Want {
	return Want{Status: http.StatusForbidden, Code: "AccessDenied", Fields: map[string]any{"header:Error-HeadersNotSigned": header}}
}

func wireBody(body string) Want { return Want{Fields: map[string]any{"header:Body": body}} }

func TestArgminWirePresigned(t *testing.T) {
	src := func(test string) string { return argmin("presigned.rs", test) }
	get := func(key string) wireSig { return wireSig{method: http.MethodGet, path: wireObjectPath(key)} }
	put := func(key string) wireSig { return wireSig{method: http.MethodPut, path: wireObjectPath(key)} }
	withObj := func(key, body string) []argminStep {
		return argminSteps(argminBucket(false, ""), argminPut(key, body, ""))
	}
	bucket := argminSteps(argminBucket(false, ""))
	noHost := get("k")
	noHost.noHost = true
	noHostPresigned := noHost
	noHostPresigned.payload = wireSHA256("")
	// scoped is sent to S3's us-east-1 host, as the suite's requests are:
	// on fakeaws's plain endpoint, which serves every Region, a foreign
	// scope names the Region reached.
	scoped := func(region, service string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			s := get("k")
			s.region, s.service, s.host = region, service, wireRegional(w)
			return wirePresigned(s, "", nil, nil)(ctx, w, u)
		}
	}
	dated := func(date time.Time, expires int) wireSig {
		s := get("k")
		s.date, s.expires = date, expires
		return s
	}
	signedBody := func(body string) wireSig {
		s := put("signed-body")
		s.payload = wireSHA256(body)
		return s
	}
	withACL := put("foo")
	withACL.signed = [][2]string{{"x-amz-acl", "private"}}
	readBack := func(key string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return argminGet(primary, key)
	}
	queryError := func(message string) Want {
		return Want{Status: http.StatusBadRequest, Code: "AuthorizationQueryParametersError", Message: message,
			Fields: map[string]any{"header:Error-RequestId": Present, "header:Error-HostId": Present, "header:Error-Resource": Absent}}
	}
	wrongRegion := queryError("Error parsing the X-Amz-Credential parameter; the region 'us-west-2' is wrong; expecting 'us-east-1'")
	wrongRegion.Fields["header:Error-Region"] = "us-east-1"
	wrongService := queryError(`Error parsing the X-Amz-Credential parameter; incorrect service "execute-api". This endpoint belongs to "s3".`)
	wrongService.Fields["header:Error-Region"] = Absent
	dateError := func(message string) Want {
		return Want{Status: http.StatusForbidden, Code: "AccessDenied", Message: message,
			Fields: map[string]any{"header:Error-RequestId": Present, "header:Error-HostId": Present, "header:Error-Resource": Absent}}
	}
	replaceExpires := func(v string) func(string) string {
		return func(u string) string { return strings.Replace(u, "X-Amz-Expires=600", "X-Amz-Expires="+v, 1) }
	}
	expires600 := get("k")
	expires600.expires = 600
	forbidden := Want{Refused: true, Status: http.StatusForbidden}
	Run(t, []Case{
		argminCase("GetObject/header SigV4 without host signed", src("test_header_sigv4_requires_host_signed_header"),
			withObj("k", "header sigv4 missing signed host"), wireHeaderSigned(noHost, "", nil), wireNotSigned("host")),
		argminCase("GetObject/presigned without host signed", src("test_presigned_sigv4_requires_host_signed_header"),
			withObj("k", "presigned sigv4 missing signed host"), wirePresigned(noHostPresigned, "", nil, nil), wireNotSigned("host")),
		argminCase("GetObject/header SigV4 with an unsigned x-amz-meta header", src("test_header_sigv4_unsigned_amz_header_reports_headers_not_signed"),
			withObj("k", "x"), wireHeaderSigned(get("k"), "", http.Header{"X-Amz-Meta-Unsigned": {"value"}}), wireNotSigned("x-amz-meta-unsigned")),
		argminCase("GetObject/presigned with an unsigned x-amz-meta header", src("test_presigned_sigv4_unsigned_amz_header_reports_headers_not_signed"),
			withObj("k", "x"), wirePresigned(get("k"), "", http.Header{"X-Amz-Meta-Unsigned": {"value"}}, nil), wireNotSigned("x-amz-meta-unsigned")),
		argminCase("GetObject/presigned with an unsigned x-amz-security-token", src("test_presigned_sigv4_unsigned_security_token_reports_headers_not_signed"),
			withObj("k", "x"), wirePresigned(get("k"), "", http.Header{"X-Amz-Security-Token": {"unsigned-token"}}, nil), wireNotSigned("x-amz-security-token")),
		argminCase("PutObject/presigned with an unsigned x-amz-acl", src("test_presigned_sigv4_unsigned_acl_header_reports_headers_not_signed"),
			bucket, wirePresigned(put("k"), "presigned sigv4 unsigned acl header", http.Header{"X-Amz-Acl": {"private"}}, nil), wireNotSigned("x-amz-acl")),
		argminCase("GetObject/presigned with an unsigned x-amz-content-sha256 hash", src("test_presigned_sigv4_unsigned_amz_content_sha256_mismatches_signature"),
			withObj("k", "presigned sigv4 unsigned amz header"),
			wirePresigned(get("k"), "", http.Header{"X-Amz-Content-Sha256": {wireSHA256("presigned sigv4 unsigned amz header")}}, nil),
			Want{Status: http.StatusForbidden, Code: "SignatureDoesNotMatch"}),
		argminCase("GetObject/presigned with an unsigned x-amz-content-sha256 UNSIGNED-PAYLOAD", src("test_presigned_sigv4_unsigned_amz_content_sha256_unsigned_payload_is_accepted"),
			withObj("k", "presigned sigv4 unsigned payload header"),
			wirePresigned(get("k"), "", http.Header{"X-Amz-Content-Sha256": {"UNSIGNED-PAYLOAD"}}, nil), wireBody("presigned sigv4 unsigned payload header")),
		argminCase("GetObject/presigned for another region", src("test_presigned_sigv4_wrong_region_scope_returns_query_parameters_error"),
			bucket, scoped("us-west-2", "s3"), wrongRegion),
		argminCase("GetObject/presigned for another service", src("test_presigned_sigv4_wrong_service_scope_returns_query_parameters_error"),
			bucket, scoped("us-east-1", "execute-api"), wrongService),
		argminCase("GetObject/presigned", src("test_presigned_get_object"),
			withObj("obj", "presigned get content"), wirePresigned(get("obj"), "", nil, nil), wireBody("presigned get content")),
		argminCase("GetObject/presigned, no such key", src("test_presigned_get_object_nonexistent"),
			bucket, wirePresigned(get("no-such-key"), "", nil, nil), Want{Status: http.StatusNotFound, Code: "NoSuchKey"}),
		argminCase("PutObject/presigned", src("test_presigned_put_object"),
			bucket, wirePresigned(put("uploaded"), "presigned put content", nil, nil), Want{}),
		argminCase("GetObject/after a presigned PutObject", src("test_presigned_put_object"),
			bucket, wireThen(wirePresigned(put("uploaded"), "presigned put content", nil, nil), readBack("uploaded")),
			Want{Fields: map[string]any{"Body": "presigned put content"}}),
		argminCase("PutObject/presigned with a signed x-amz-acl", src("test_object_presigned_put_object_with_acl"),
			argminSteps(argminBucket(false, types.ObjectOwnershipBucketOwnerPreferred)),
			wireThen(wirePresigned(withACL, "hello world", nil, nil), wirePresigned(get("foo"), "", nil, nil)), wireBody("hello world")),
		argminCase("PutObject/presigned with a signed payload hash", src("test_presigned_put_object_signed_payload"),
			bucket, wireThen(wirePresigned(signedBody("presigned put with signed payload"), "presigned put with signed payload", nil, nil), readBack("signed-body")),
			Want{Fields: map[string]any{"Body": "presigned put with signed payload"}}),
		argminCase("PutObject/presigned for another body", src("test_presigned_put_object_signed_payload_mismatch"),
			bucket, wirePresigned(signedBody("the body that was signed"), "different body content",
				http.Header{"X-Amz-Content-Sha256": {wireSHA256("different body content")}}, nil), forbidden),
		argminCase("DeleteObject/presigned", src("test_presigned_delete_object"),
			withObj("todelete", "bye"), wirePresigned(wireSig{method: http.MethodDelete, path: wireObjectPath("todelete")}, "", nil, nil),
			Want{Status: http.StatusNoContent}),
		argminCase("GetObject/after a presigned DeleteObject", src("test_presigned_delete_object"),
			withObj("todelete", "bye"), wireThen(wirePresigned(wireSig{method: http.MethodDelete, path: wireObjectPath("todelete")}, "", nil, nil), readBack("todelete")),
			Want{Status: http.StatusNotFound, Code: "NoSuchKey"}),
		argminCase("HeadObject/presigned", src("test_presigned_head_object"),
			withObj("obj", "head test"), wirePresigned(wireSig{method: http.MethodHead, path: wireObjectPath("obj")}, "", nil, nil), Want{}),
		argminCase("GetObject/presigned, expired", src("test_presigned_get_expired"),
			withObj("k", "data"), wirePresigned(dated(time.Now().Add(-2*time.Second), 1), "", nil, nil), forbidden),
		argminCase("GetObject/presigned, signature tampered", src("test_presigned_get_bad_signature"),
			withObj("k", "data"), wirePresigned(get("k"), "", nil, func(u string) string {
				return strings.Replace(u, "X-Amz-Signature=", "X-Amz-Signature=0000000000000000", 1)
			}), forbidden),
		argminCase("GetObject/presigned, key tampered", src("test_presigned_get_tampered_key"),
			argminSteps(argminBucket(false, ""), argminPut("original", "data", "")), wirePresigned(get("original"), "", nil, func(u string) string {
				return strings.Replace(u, "/original?", "/different?", 1)
			}), forbidden),
		argminCase("PutObject/through a URL presigned for GET", src("test_presigned_wrong_method"),
			withObj("obj", "data"), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				s := get("obj")
				s.expires = 900
				url, _ := wirePresignURL(w, u.primary, s)
				return wireSend(ctx, w, http.MethodPut, url, "overwrite attempt", nil)
			}, forbidden),
		argminCase("GetObject/unchanged after a PUT through a URL presigned for GET", src("test_presigned_wrong_method"),
			withObj("obj", "data"), wireThen(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				s := get("obj")
				s.expires = 900
				url, _ := wirePresignURL(w, u.primary, s)
				return wireSend(ctx, w, http.MethodPut, url, "overwrite attempt", nil)
			}, readBack("obj")), Want{Fields: map[string]any{"Body": "data"}}),
		argminCase("GetObject/presigned without X-Amz-Signature", src("test_presigned_missing_signature"),
			withObj("k", "data"), wirePresigned(get("k"), "", nil, func(u string) string {
				return u[:strings.Index(u, "&X-Amz-Signature=")]
			}), Want{Refused: true}),
		argminCase("GetObject/presigned, round trip", src("test_presigned_put_get_round_trip"),
			bucket, wireThen(wirePresigned(put("roundtrip"), "round-trip content via presigned URLs", nil, nil), wirePresigned(get("roundtrip"), "", nil, nil)),
			wireBody("round-trip content via presigned URLs")),
		argminCase("GetObject/presigned with response-content-type", src("test_presigned_get_response_content_type"),
			withObj("obj", "data"), wirePresigned(wireSig{method: http.MethodGet, path: wireObjectPath("obj"), query: "response-content-type=application/pdf"}, "", nil, nil),
			Want{Fields: map[string]any{"header:Content-Type": "application/pdf"}}),
		argminCase("GetObject/presigned, X-Amz-Expires over seven days", src("test_object_raw_get_x_amz_expires_out_max_range"),
			withObj("k", "data"), wirePresigned(expires600, "", nil, replaceExpires("604801")), Want{Refused: true, Status: http.StatusBadRequest}),
		argminCase("GetObject/presigned, X-Amz-Expires negative", src("test_object_raw_get_x_amz_expires_out_positive_range"),
			withObj("k", "data"), wirePresigned(expires600, "", nil, replaceExpires("-1")), Want{Refused: true, Status: http.StatusBadRequest}),
		argminCase("GetObject/presigned, X-Amz-Expires zero", src("test_object_raw_get_x_amz_expires_out_range_zero"),
			withObj("k", "data"), wirePresigned(expires600, "", nil, replaceExpires("0")), forbidden),
		argminCase("GetObject/presigned at the epoch", src("test_object_raw_get_x_amz_epoch_date_is_expired"),
			withObj("k", "data"), wirePresigned(dated(time.Unix(0, 0), 1), "", nil, nil), dateError("Request has expired")),
		argminCase("GetObject/presigned in 2100", src("test_object_raw_get_x_amz_future_date_is_not_valid_yet"),
			withObj("k", "data"), wirePresigned(dated(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), 900), "", nil, nil), dateError("Request is not yet valid")),
		argminCase("PutObject/presigned, expired", src("test_object_raw_put_authenticated_expired"),
			bucket, wirePresigned(func() wireSig { s := put("obj"); s.date, s.expires = time.Now().Add(-2*time.Second), 1; return s }(), "data", nil, nil), forbidden),
		argminCase("OPTIONS/on a presigned GET URL", src("test_object_raw_get_x_amz_expires_not_expired"),
			publicObj(), wirePresignedAs(http.MethodOptions, get("obj")), Want{Refused: true, Status: http.StatusBadRequest}),
		argminCase("GetObject/presigned, public-read object", src("test_object_raw_get_x_amz_expires_not_expired"),
			publicObj(), wirePresigned(get("obj"), "", nil, nil), wireBody("data")),
	})
}

// publicObj is create_public_bucket with key "obj" public-read: PAB off,
// BucketOwnerPreferred, public-read bucket ACL.
func publicObj() []argminStep {
	return argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(types.BucketCannedACLPublicRead),
		func(ctx context.Context, w *World, _ *argminUsers) error {
			_, err := root(w).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("obj"),
				Body: strings.NewReader("data"), ACL: types.ObjectCannedACLPublicRead})
			return err
		})
}

// wirePresignedAs sends the URL presigned for s with another method.
func wirePresignedAs(method string, s wireSig) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		s.expires = 600
		url, _ := wirePresignURL(w, u.primary, s)
		return wireSend(ctx, w, method, url, "", nil)
	}
}
