package golden

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// wirePostThen posts p and, when it answered, returns what next answers.
func wirePostThen(p wirePost, next func(ctx context.Context, w *World, u *argminUsers) (any, error)) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return wireThen(p.send, next)
}

func wireHead(key string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
	}
}

// wireRawDoc is make_policy_raw: an expiration an hour on and conds.
func wireRawDoc(conds ...any) func(cred, amzDate string) any {
	return func(string, string) any { return map[string]any{"expiration": wirePostExpiry(), "conditions": conds} }
}

// wireBucketKeyDoc is make_policy(bucket, key) without the SigV4
// conditions, as the suite's hand-built forms sign it.
func wireBucketKeyDoc(key string, conds ...any) func(cred, amzDate string) any {
	return wireRawDoc(append([]any{map[string]string{"bucket": argminBkt}, map[string]string{"key": key}}, conds...)...)
}

// wireSigV4Conds are the SigV4 conditions of cred and date.
func wireSigV4Conds(cred, amzDate string) []any {
	return []any{map[string]string{"x-amz-algorithm": "AWS4-HMAC-SHA256"}, map[string]string{"x-amz-credential": cred},
		map[string]string{"x-amz-date": amzDate}}
}

func wirePolicyDocError(message string) Want {
	return Want{Status: http.StatusBadRequest, Code: "InvalidPolicyDocument", Message: message,
		Fields: map[string]any{"header:Error-RequestId": Present, "header:Error-HostId": Present, "header:Error-Resource": Absent}}
}

// wireRefused is an assertion of the status alone: status (any error
// status when 0).
func wireRefused(status int) Want { return Want{Refused: true, Status: status} }

func wireSHA256B64(s string) string {
	sum := sha256.Sum256([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}

func wireDrop(names ...string) func([][2]string) [][2]string {
	return func(fields [][2]string) [][2]string {
		var out [][2]string
	next:
		for _, f := range fields {
			for _, n := range names {
				if f[0] == n {
					continue next
				}
			}
			out = append(out, f)
		}
		return out
	}
}

func wireSet(name, value string) func([][2]string) [][2]string {
	return func(fields [][2]string) [][2]string {
		out := append([][2]string(nil), fields...)
		for i := range out {
			if out[i][0] == name {
				out[i][1] = value
			}
		}
		return out
	}
}

func TestArgminWirePost(t *testing.T) {
	src := func(test string) string { return argmin("post_object.rs", test) }
	bucket := argminSteps(argminBucket(false, ""))
	c := func(name, test string, call func(ctx context.Context, w *World, u *argminUsers) (any, error), want Want) Case {
		return argminCase(name, src(test), bucket, call, want)
	}
	post := func(key, file string) wirePost { return wirePost{key: key, file: file} }
	withField := func(p wirePost, cond any, name, value string) wirePost {
		p.conds = append(p.conds, cond)
		p.fields = append(p.fields, [2]string{name, value})
		return p
	}
	anyValue := func(prefix string) []any { return []any{"starts-with", "$" + prefix, ""} }
	wrongService := post("post-wrong-service", "wrong service")
	wrongService.service = "execute-api"
	wrongRegion := post("post-wrong-region", "wrong region")
	wrongRegion.region = "us-west-2"
	credValue := func(region, service string) Matcher {
		return Match(`^[A-Z0-9]+/\d{8}/` + region + `/` + service + `/aws4_request$`)
	}
	token := func(tok string) wirePost {
		p := withField(post("post-unexpected-security-token", "unexpected token"), map[string]string{"x-amz-security-token": tok}, "x-amz-security-token", tok)
		return p
	}
	badSigToken := token("post-bad-signature-unexpected-security-token")
	badSigToken.edit = wireSet("x-amz-signature", strings.Repeat("0", 64))
	invalidToken := Want{Status: http.StatusBadRequest, Code: "InvalidToken", Message: "The provided token is malformed or otherwise invalid."}
	successHeaders := func(status int) Want {
		return Want{Status: status, Fields: map[string]any{"header:Location": Match(`^http://[^/]+/` + argminBkt + `/post-\d+$`),
			"header:X-Amz-Server-Side-Encryption": "AES256", "header:X-Amz-Checksum-Type": "FULL_OBJECT", "header:X-Amz-Checksum-Crc64nvme": Present}}
	}
	defaultSuccess := successHeaders(http.StatusNoContent)
	defaultSuccess.Fields["header:Location"] = Match(`^http://[^/]+/` + argminBkt + `/post-default-success$`)
	defaultSuccess.Fields["header:Body"] = ""
	status200 := successHeaders(http.StatusOK)
	status200.Fields["header:Body"] = ""
	status201 := successHeaders(http.StatusCreated)
	status201.Fields["header:Body"] = Match(`(?s)<Bucket>.*<Key>.*<ETag>`)
	successStatus := func(key, code string) wirePost {
		return withField(post(key, "data"), []any{"starts-with", "$success_action_status", ""}, "success_action_status", code)
	}
	malformed := func(cond any) wirePost {
		p := post("post-bad-clr", "data")
		p.conds = []any{cond}
		return p
	}
	handBuilt := func(key string, doc func(cred, amzDate string) any) wirePost {
		p := post(key, "data")
		p.doc = doc
		return p
	}
	withSigV4 := func(conds ...any) func(cred, amzDate string) any {
		return func(cred, amzDate string) any {
			return map[string]any{"expiration": wirePostExpiry(), "conditions": append(append([]any(nil), conds...), wireSigV4Conds(cred, amzDate)...)}
		}
	}
	fromFilename := handBuilt("uploads/${filename}", withSigV4(map[string]string{"bucket": argminBkt}, []any{"starts-with", "$key", "uploads/"}))
	fromFilename.fileName, fromFilename.file = "myfile.txt", "file content"
	noSigV4Conds := handBuilt("uploads/${filename}", wireRawDoc(map[string]string{"bucket": argminBkt}, []any{"starts-with", "$key", "uploads/"}))
	noSigV4Conds.fileName, noSigV4Conds.file = "myfile.txt", "file content"
	noKey := handBuilt("", wireRawDoc(map[string]string{"bucket": argminBkt}))
	noKey.edit = wireDrop("key")
	badKey := handBuilt("post-bad-key", wireBucketKeyDoc("post-bad-key"))
	badKey.creds = func(*World, *argminUsers) aws.Credentials {
		return aws.Credentials{AccessKeyID: "INVALIDKEY", SecretAccessKey: "fake-secret"}
	}
	emptyKey := handBuilt("post-invalid-key", wireBucketKeyDoc("post-invalid-key"))
	emptyKey.creds = func(*World, *argminUsers) aws.Credentials { return aws.Credentials{SecretAccessKey: "fake-secret"} }
	zeroSig := handBuilt("post-bad-sig", wireBucketKeyDoc("post-bad-sig"))
	zeroSig.edit = wireSet("x-amz-signature", strings.Repeat("0", 64))
	noPolicy := handBuilt("post-no-policy", wireBucketKeyDoc("post-no-policy"))
	noPolicy.edit = func(f [][2]string) [][2]string { return wireSet("x-amz-signature", "abc")(wireDrop("policy")(f)) }
	noSignature := handBuilt("post-no-sig", wireBucketKeyDoc("post-no-sig"))
	noSignature.edit = wireDrop("x-amz-signature")
	doc := func(key string, d map[string]any) wirePost {
		return handBuilt(key, func(string, string) any { return d })
	}
	extraContentType := handBuilt("post-extra-field", wireBucketKeyDoc("post-extra-field"))
	extraContentType.edit = func(f [][2]string) [][2]string {
		return append([][2]string{f[0], {"Content-Type", "text/plain"}}, f[1:]...)
	}
	wantContentType := handBuilt("post-missing-field", wireBucketKeyDoc("post-missing-field", map[string]string{"Content-Type": "text/plain"}))
	otherContentType := handBuilt("post-wrong-value", wireBucketKeyDoc("post-wrong-value", map[string]string{"Content-Type": "text/plain"}))
	otherContentType.edit = func(f [][2]string) [][2]string {
		return append([][2]string{f[0], {"Content-Type", "image/png"}}, f[1:]...)
	}
	redirect := func(w *World) string { return w.Endpoint + "/" + argminBkt }
	large := strings.Repeat("\x42", 1024*1024)
	tagged := func(xml string) wirePost {
		return withField(post("post-tagged", "data"), anyValue("tagging"), "tagging", xml)
	}
	Run(t, []Case{
		c("PostObject/signed by the primary user", "test_post_object_authenticated_request",
			wirePostThen(post("post-test-key", "hello from POST"), argminGet(primary, "post-test-key")), Want{Fields: map[string]any{"Body": "hello from POST"}}),
		c("PostObject/a credential scoped to execute-api", "test_post_object_sigv4_credential_service_must_be_s3", wrongService.send,
			Want{Status: http.StatusBadRequest, Code: "InvalidArgument", Message: `incorrect service "execute-api". This endpoint belongs to "s3".`,
				Fields: map[string]any{"header:Error-ArgumentName": "X-Amz-Credential", "header:Error-ArgumentValue": credValue("us-east-1", "execute-api"),
					"header:Error-RequestId": Present, "header:Error-HostId": Present, "header:Error-Resource": Absent, "header:Error-Region": Absent}}),
		c("PostObject/a credential scoped to another region", "test_post_object_sigv4_credential_region_must_match_bucket_region", wrongRegion.send,
			Want{Status: http.StatusBadRequest, Code: "InvalidArgument", Message: "the region 'us-west-2' is wrong; expecting 'us-east-1'",
				Fields: map[string]any{"header:Error-ArgumentName": "X-Amz-Credential", "header:Error-ArgumentValue": credValue("us-west-2", "s3"),
					"header:Error-Region": "us-east-1", "header:Error-RequestId": Present, "header:Error-HostId": Present, "header:Error-Resource": Absent}}),
		c("PostObject/a security token field a long-term key does not have", "test_post_object_sigv4_unexpected_security_token_rejected",
			token("unexpected-post-security-token").send, invalidToken),
		c("PostObject/a bad signature and an unexpected security token", "test_post_object_sigv4_bad_signature_with_unexpected_security_token_reports_signature_mismatch",
			badSigToken.send, Want{Status: http.StatusForbidden, Code: "SignatureDoesNotMatch"}),
		c("PostObject/an overlong unexpected security token", "test_post_object_sigv4_overlong_unexpected_security_token_rejected",
			token(strings.Repeat("x", 4097)).send, invalidToken),
		c("PostObject/default success headers", "test_post_object_default_success_headers", post("post-default-success", "data").send, defaultSuccess),
		c("PostObject/x-amz-expected-bucket-owner of another account is ignored", "test_post_object_ignores_expected_bucket_owner",
			wirePostThen(wirePost{key: "post-expected-owner", file: "hello from POST expected owner", header: http.Header{"X-Amz-Expected-Bucket-Owner": {"000000000000"}}},
				argminGet(primary, "post-expected-owner")), Want{Fields: map[string]any{"Body": "hello from POST expected owner"}}),
		c("HeadObject/after a POST with x-amz-server-side-encryption", "test_post_object_sse_s3_round_trip",
			wirePostThen(withField(post("post-sse-s3", "hello from POST with SSE-S3"), map[string]string{"x-amz-server-side-encryption": "AES256"}, "x-amz-server-side-encryption", "AES256"),
				wireHead("post-sse-s3")), Want{Fields: map[string]any{"ContentLength": 27, "ServerSideEncryption": "AES256"}}),
		c("HeadObject/a POST inherits the default encryption", "test_post_object_inherits_bucket_default_sse_s3",
			wirePostThen(post("post-default-sse-s3", "hello from POST with inherited SSE-S3"), wireHead("post-default-sse-s3")),
			Want{Fields: map[string]any{"ContentLength": 37, "ServerSideEncryption": "AES256"}}),
		c("PostObject/a file named test.bin", "test_post_object_authenticated_no_content_type",
			wirePost{key: "post-no-ct", file: "data without content type", fileName: "test.bin"}.send, Want{Status: http.StatusNoContent}),
		c("GetObject/a POST's Content-Type field", "test_post_object_set_content_type",
			wirePostThen(withField(post("post-ct", "text content"), []any{"starts-with", "$Content-Type", "text/"}, "Content-Type", "text/plain"), argminGet(primary, "post-ct")),
			Want{Fields: map[string]any{"header:Content-Type": "text/plain"}}),
		c("GetObject/after an empty POST", "test_post_object_empty_body",
			wirePostThen(post("post-empty", ""), argminGet(primary, "post-empty")), Want{Fields: map[string]any{"Body": ""}}),
		c("PostObject/success_action_status 201", "test_post_object_set_success_code_201", successStatus("post-201", "201").send, status201),
		c("PostObject/success_action_status 200", "test_post_object_set_success_code_200", successStatus("post-200", "200").send, status200),
		c("PostObject/success_action_status 999", "test_post_object_set_invalid_success_code", successStatus("post-invalid-code", "999").send, Want{Status: http.StatusNoContent}),
		c("GetObject/a key from ${filename}", "test_post_object_set_key_from_filename",
			wirePostThen(fromFilename, argminGet(primary, "uploads/myfile.txt")), Want{Fields: map[string]any{"Body": "file content"}}),
		c("PostObject/no key field", "test_post_object_no_key_specified", noKey.send, wireRefused(0)),
		c("PostObject/no file", "test_post_object_missing_file", func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			fields, err := post("post-no-file", "").form(u.primary)
			if err != nil {
				return nil, err
			}
			const boundary = "----TestBoundary7MA4YWxkTrZu0gW"
			var b strings.Builder
			for _, f := range fields {
				b.WriteString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1] + "\r\n")
			}
			b.WriteString("--" + boundary + "--\r\n")
			return wireRawPost("multipart/form-data; boundary="+boundary, b.String())(ctx, w, u)
		}, wireRefused(0)),
		c("PostObject/an unknown access key", "test_post_object_authenticated_request_bad_access_key", badKey.send, wireRefused(http.StatusForbidden)),
		c("PostObject/a zero signature", "test_post_object_invalid_signature", zeroSig.send, wireRefused(http.StatusForbidden)),
		c("PostObject/no policy", "test_post_object_missing_policy", noPolicy.send, wireRefused(0)),
		c("PostObject/no signature", "test_post_object_missing_signature", noSignature.send, wireRefused(0)),
		c("PostObject/a policy expired in 2020", "test_post_object_expired_policy",
			doc("post-expired", map[string]any{"expiration": "2020-01-01T00:00:00Z", "conditions": []any{map[string]string{"bucket": argminBkt}, map[string]string{"key": "post-expired"}}}).send,
			wireRefused(http.StatusForbidden)),
		c("PostObject/expiration not a date", "test_post_object_invalid_date_format",
			doc("post-bad-date", map[string]any{"expiration": "not-a-date", "conditions": []any{map[string]string{"bucket": argminBkt}, map[string]string{"key": "post-bad-date"}}}).send,
			wireRefused(http.StatusBadRequest)),
		c("PostObject/Expiration capitalized", "test_post_object_expires_is_case_sensitive",
			doc("post-case-exp", map[string]any{"Expiration": "2099-01-01T00:00:00Z", "conditions": []any{map[string]string{"bucket": argminBkt}, map[string]string{"key": "post-case-exp"}}}).send,
			wireRefused(http.StatusBadRequest)),
		c("PostObject/empty conditions", "test_post_object_empty_conditions", handBuilt("post-empty-cond", wireRawDoc()).send, wireRefused(http.StatusBadRequest)),
		c("PostObject/no conditions", "test_post_object_missing_conditions_list",
			doc("post-no-conditions", map[string]any{"expiration": "2099-01-01T00:00:00Z"}).send, wireRefused(http.StatusBadRequest)),
		c("PostObject/a Bucket condition capitalized", "test_post_object_condition_is_case_sensitive",
			handBuilt("post-case-cond", wireRawDoc(map[string]string{"Bucket": argminBkt}, map[string]string{"key": "post-case-cond"})).send, wireRefused(http.StatusForbidden)),
		c("PostObject/a Key condition capitalized", "test_post_object_case_insensitive_condition_fields",
			handBuilt("post-ci-fields", withSigV4(map[string]string{"bucket": argminBkt}, map[string]string{"Key": "post-ci-fields"})).send, Want{Status: http.StatusNoContent}),
		c("GetObject/a POSTed key with spaces and an ampersand", "test_post_object_escaped_field_values",
			wirePostThen(post("post/special chars & more", "data"), argminGet(primary, "post/special chars & more")), Want{Fields: map[string]any{"Body": "data"}}),
		c("PostObject/a policy without the SigV4 conditions", "test_post_object_missing_sigv4_policy_conditions", noSigV4Conds.send, wireRefused(http.StatusForbidden)),
		c("PostObject/a Content-Type field the policy does not name", "test_post_object_missing_policy_condition", extraContentType.send, wireRefused(http.StatusForbidden)),
		c("PostObject/no Content-Type field for the policy's", "test_post_object_request_missing_policy_specified_field", wantContentType.send, wireRefused(http.StatusForbidden)),
		c("PostObject/a Content-Type field other than the policy's", "test_post_object_invalid_request_field_value", otherContentType.send, wireRefused(http.StatusForbidden)),
		c("PostObject/starts-with Content-Type", "test_post_object_starts_with",
			withField(post("post-starts-with", "<html>"), []any{"starts-with", "$Content-Type", "text/"}, "Content-Type", "text/html").send, Want{Status: http.StatusNoContent}),
		c("PostObject/eq Content-Type", "test_post_object_eq_condition",
			withField(post("post-eq-cond", "{}"), []any{"eq", "$Content-Type", "application/json"}, "Content-Type", "application/json").send, Want{Status: http.StatusNoContent}),
		c("PostObject/within content-length-range", "test_post_object_content_length_range",
			wirePost{key: "post-clr", file: "hello", conds: []any{[]any{"content-length-range", 1, 1024}}}.send, Want{Status: http.StatusNoContent}),
		c("PostObject/over content-length-range", "test_post_object_upload_size_limit_exceeded",
			wirePost{key: "post-too-large", file: "this is way too long", conds: []any{[]any{"content-length-range", 0, 5}}}.send, wireRefused(0)),
		c("PostObject/under content-length-range", "test_post_object_upload_size_below_minimum",
			wirePost{key: "post-too-small", file: "tiny", conds: []any{[]any{"content-length-range", 100, 1024}}}.send, wireRefused(0)),
		c("PostObject/content-length-range with one bound", "test_post_object_missing_content_length_argument",
			malformed([]any{"content-length-range", 0}).send, wirePolicyDocError("Invalid Policy: Invalid content-length-range: wrong number of arguments.")),
		c("PostObject/content-length-range with three bounds", "test_post_object_policy_long_content_length_range_condition",
			malformed([]any{"content-length-range", 0, 1024, 2048}).send, wirePolicyDocError("Invalid Policy: Invalid content-length-range: wrong number of arguments.")),
		c("PostObject/starts-with with one argument", "test_post_object_policy_short_starts_with_condition",
			malformed([]any{"starts-with", "$key"}).send, wirePolicyDocError("Invalid Policy: Invalid starts-with: wrong number of arguments.")),
		c("PostObject/starts-with with three arguments", "test_post_object_policy_long_starts_with_condition",
			malformed([]any{"starts-with", "$key", "post-", "extra"}).send, wirePolicyDocError("Invalid Policy: Invalid starts-with: wrong number of arguments.")),
		c("PostObject/eq with one argument", "test_post_object_policy_short_eq_condition",
			malformed([]any{"eq", "$key"}).send, wirePolicyDocError("Invalid Policy: Invalid Eq: wrong number of arguments.")),
		c("PostObject/eq with three arguments", "test_post_object_policy_long_eq_condition",
			malformed([]any{"eq", "$key", "post-long-eq", "extra"}).send, wirePolicyDocError("Invalid Policy: Invalid Eq: wrong number of arguments.")),
		c("PostObject/an unknown operation", "test_post_object_policy_unknown_operator_condition",
			malformed([]any{"unknown-op", "$key", "post-"}).send, wirePolicyDocError("Invalid Policy: Invalid Condition: unknown operation 'unknown-op'.")),
		c("PostObject/a string condition", "test_post_object_policy_scalar_condition",
			malformed("just a string").send, wirePolicyDocError("Invalid Policy: Invalid condition test: must be a List or Object.")),
		c("PostObject/success_action_redirect", "test_post_object_success_redirect_action", func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			p := withField(post("foo.txt", "bar"), []any{"eq", "$success_action_redirect", redirect(w)}, "success_action_redirect", redirect(w))
			p = withField(p, []any{"starts-with", "$Content-Type", "text/plain"}, "Content-Type", "text/plain")
			return p.send(ctx, w, u)
		}, Want{Status: http.StatusSeeOther, Fields: map[string]any{"header:Body": "",
			"header:Location": Match(`^http://[^/]+/` + argminBkt + `\?bucket=` + argminBkt + `&key=foo\.txt&etag=%2237b51d194a7513e45b56f6524f2d51f2%22$`)}}),
		c("HeadObject/a POSTed x-amz-meta field", "test_post_object_metadata",
			wirePostThen(withField(post("post-meta", "data"), anyValue("x-amz-meta-custom"), "x-amz-meta-custom", "my-value"), wireHead("post-meta")),
			Want{Fields: map[string]any{"Metadata.custom": "my-value"}}),
		c("PostObject/a field the policy does not name", "test_post_object_user_specified_header",
			wirePost{key: "post-ignored", file: "data", fields: [][2]string{{"x-unknown-field", "whatever"}}}.send, wireRefused(http.StatusForbidden)),
		c("GetObject/after a POST with an x-ignore- field", "test_post_object_ignored_header",
			wirePostThen(wirePost{key: "post-ignored-hdr", file: "data", fields: [][2]string{{"x-ignore-me", "value"}}}, argminGet(primary, "post-ignored-hdr")),
			Want{Fields: map[string]any{"Body": "data"}}),
		c("PostObject/a policy for another bucket", "test_post_object_wrong_bucket",
			handBuilt("post-wrong-bucket", wireRawDoc(map[string]string{"bucket": "wrong-bucket-name"}, map[string]string{"key": "post-wrong-bucket"})).send, wireRefused(http.StatusForbidden)),
		c("PostObject/x-amz-checksum-sha256 of the file", "test_post_object_upload_checksum",
			withField(post("post-checksum", "checksum test data"), anyValue("x-amz-checksum-sha256"), "x-amz-checksum-sha256", wireSHA256B64("checksum test data")).send,
			Want{Status: http.StatusNoContent}),
		c("PostObject/x-amz-checksum-sha256 of something else", "test_post_object_upload_checksum",
			withField(post("post-checksum-bad", "checksum test data"), anyValue("x-amz-checksum-sha256"), "x-amz-checksum-sha256",
				base64.StdEncoding.EncodeToString([]byte("wrong-digest-value-here!!!!!!!!"))).send, wireRefused(http.StatusBadRequest)),
		c("GetObject/a 1 MiB POST", "test_post_object_upload_larger_than_chunk",
			wirePostThen(wirePost{key: "post-large", file: large, fileName: "large.bin", conds: []any{[]any{"content-length-range", 0, 2000000}}}, argminGet(primary, "post-large")),
			Want{Fields: map[string]any{"Body": Len(1024 * 1024)}}),
		c("PostObject/an empty access key", "test_post_object_invalid_access_key", emptyKey.send, wireRefused(http.StatusBadRequest)),
		c("PostObject/content-length-range min over max", "test_post_object_invalid_content_length_argument",
			malformed([]any{"content-length-range", 100, 10}).send, wireRefused(http.StatusBadRequest)),
		c("PostObject/no expiration", "test_post_object_missing_expires_condition",
			doc("post-no-expiry", map[string]any{"conditions": []any{map[string]string{"bucket": argminBkt}, []any{"eq", "$key", "post-no-expiry"}}}).send,
			wireRefused(http.StatusBadRequest)),
		c("GetObjectTagging/a POSTed tagging field", "test_post_object_tags_authenticated_request",
			wirePostThen(tagged("<Tagging><TagSet><Tag><Key>env</Key><Value>staging</Value></Tag><Tag><Key>cost-center</Key><Value>123</Value></Tag></TagSet></Tagging>"),
				func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					return primary(w, u).GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(argminBkt), Key: aws.String("post-tagged")})
				}), Want{Fields: map[string]any{"TagSet": Len(2)}}),
		c("PostObject/a malformed tagging field", "test_post_object_tags_malformed_xml",
			tagged("<Tagging><TagSet><Tag><Key>env</Key><Value>staging</Value></TagSet></Tagging>").send, Want{Status: http.StatusBadRequest, Code: "MalformedXML"}),
		c("HeadObject/after a malformed tagging field", "test_post_object_tags_malformed_xml",
			wireThen(tagged("<Tagging><TagSet><Tag><Key>env</Key><Value>staging</Value></TagSet></Tagging>").send, wireHead("post-tagged")),
			Want{Status: http.StatusNotFound, Code: "NotFound"}),
		c("PostObject/a tagging field with a key twice", "test_post_object_tags_duplicate_keys_rejected",
			tagged("<Tagging><TagSet><Tag><Key>env</Key><Value>staging</Value></Tag><Tag><Key>env</Key><Value>prod</Value></Tag></TagSet></Tagging>").send,
			Want{Status: http.StatusBadRequest, Code: "InvalidTag"}),
		c("PostObject/Content-Type text/plain", "test_post_object_wrong_content_type", wireRawPost("text/plain", "hello"),
			Want{Status: http.StatusPreconditionFailed, Code: "PreconditionFailed"}),
		c("PostObject/multipart/form-data without a boundary", "test_post_object_missing_boundary", wireRawPost("multipart/form-data", "data"),
			Want{Status: http.StatusBadRequest, Code: "MalformedPOSTRequest"}),
		c("PostObject/an empty boundary", "test_post_object_empty_boundary", wireRawPost(`multipart/form-data; boundary=""`, "data"),
			wireRefused(http.StatusBadRequest)), // MalformedPOSTRequest or InvalidArgument
		c("PostObject/a part without a name", "test_post_object_part_missing_name",
			wireRawPost("multipart/form-data; boundary=TestBoundary", "--TestBoundary\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--TestBoundary--\r\n"),
			wireRefused(http.StatusBadRequest)), // MalformedPOSTRequest or InvalidArgument
		c("PostObject/unquoted field names", "test_post_object_unquoted_field_names", func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			fields, err := post("test.txt", "").form(u.primary)
			if err != nil {
				return nil, err
			}
			const boundary = "----TestBoundary7MA4YWxkTrZu0gW"
			var b strings.Builder
			for _, f := range fields {
				b.WriteString("--" + boundary + "\r\nContent-Disposition: form-data; name=" + f[0] + "\r\n\r\n" + f[1] + "\r\n")
			}
			b.WriteString("--" + boundary + "\r\nContent-Disposition: form-data; name=file; filename=\"test.txt\"\r\nContent-Type: application/octet-stream\r\n\r\nhello\r\n")
			b.WriteString("--" + boundary + "--\r\n")
			return wireRawPost("multipart/form-data; boundary="+boundary, b.String())(ctx, w, u)
		}, Want{Status: http.StatusNoContent}),
		c("PostObject/response shape", "test_post_object_response_shape", post("shape-post-object.txt", "post-body").send,
			Want{Status: http.StatusNoContent, Fields: map[string]any{"header:Location": Match(`^http.*/` + argminBkt + `/shape-post-object\.txt$`),
				"header:X-Amz-Checksum-Crc64nvme": "1pmdgt0Q3gY=", "header:X-Amz-Checksum-Type": "FULL_OBJECT", "header:Etag": Present,
				"header:X-Amz-Server-Side-Encryption": "AES256", "header:X-Amz-Request-Id": Present, "header:X-Amz-Id-2": Present, "header:Body": ""}}),
	})
	Run(t, wirePostPolicyConditionCases())
}

// wirePostPolicyConditionCases: POSTs under bucket policies that deny
// s3:PutObject on condition keys (post_object.rs).
func wirePostPolicyConditionCases() []Case {
	src := func(test string) string { return argmin("post_object.rs", test) }
	deny := func(conditions ...string) string {
		var sts []string
		for _, c := range conditions {
			sts = append(sts, `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"`+argminObjectsARN+`","Condition":`+c+`}`)
		}
		return `{"Version":"2012-10-17","Statement":[` + strings.Join(sts, ",") + `]}`
	}
	under := func(policy string) []argminStep { return argminSteps(argminBucket(false, ""), argminPolicy(policy)) }
	nullSSE := under(deny(`{"Null":{"s3:x-amz-server-side-encryption":"true"}}`))
	creation := under(deny(`{"Bool":{"s3:ObjectCreationOperation":"true"},"Null":{"s3:if-none-match":"true"}}`))
	noneMatchNull := under(deny(`{"Null":{"s3:if-none-match":"true"}}`))
	noneMatchEquals := under(deny(`{"Null":{"s3:if-none-match":"true"}}`, `{"StringNotEquals":{"s3:if-none-match":"*"}}`))
	ifMatch := under(deny(`{"Null":{"s3:if-match":"true"}}`, `{"StringNotEquals":{"s3:if-match":"\"post-policy-etag\""}}`))
	sse := wirePost{key: "post-sse-s3-policy", file: "hello from POST with SSE-S3 policy",
		conds: []any{map[string]string{"x-amz-server-side-encryption": "AES256"}}, fields: [][2]string{{"x-amz-server-side-encryption", "AES256"}}}
	plain := func(key, file string) wirePost { return wirePost{key: key, file: file} }
	withHeader := func(key, file, name, value string) wirePost {
		return wirePost{key: key, file: file, header: http.Header{name: {value}}}
	}
	put := func(key string, noneMatch bool) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			in := &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), Body: strings.NewReader("PUT with If-None-Match")}
			if noneMatch {
				in.IfNoneMatch = aws.String("*")
			}
			return primary(w, u).PutObject(ctx, in)
		}
	}
	twice := func(p wirePost) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		again := p
		again.file = "overwrite"
		return wireThen(p.send, wireThen(again.send, argminGet(primary, p.key)))
	}
	again := func(p wirePost) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		second := p
		second.file = "overwrite"
		return wireThen(p.send, second.send)
	}
	const noneMatchFile = "POST Object with If-None-Match"
	return []Case{
		argminCase("PostObject/denied without x-amz-server-side-encryption", src("test_post_object_sse_s3_bucket_policy_requires_explicit_header"),
			nullSSE, plain("post-sse-s3-policy", "x").send, argminDenied),
		argminCase("HeadObject/after a denied POST", src("test_post_object_sse_s3_bucket_policy_requires_explicit_header"),
			nullSSE, wireThen(plain("post-sse-s3-policy", "x").send, wireHead("post-sse-s3-policy")), Want{Status: http.StatusNotFound, Code: "NotFound"}),
		argminCase("PostObject/allowed with an x-amz-server-side-encryption field", src("test_post_object_sse_s3_bucket_policy_requires_explicit_header"),
			nullSSE, sse.send, Want{Status: http.StatusNoContent}),
		argminCase("GetObject/a POST allowed by its x-amz-server-side-encryption field", src("test_post_object_sse_s3_bucket_policy_requires_explicit_header"),
			nullSSE, wireThen(sse.send, argminGet(primary, "post-sse-s3-policy")), Want{Fields: map[string]any{"Body": "hello from POST with SSE-S3 policy"}}),
		argminCase("PutObject/denied by ObjectCreationOperation without If-None-Match", src("test_post_object_bucket_policy_object_creation_operation_condition_is_absent"),
			creation, put("post-object-conditional-write-convergence", false), argminDenied),
		argminCase("PutObject/allowed by ObjectCreationOperation with If-None-Match", src("test_post_object_bucket_policy_object_creation_operation_condition_is_absent"),
			creation, put("post-object-conditional-write-put-allowed", true), Want{}),
		argminCase("PostObject/s3:ObjectCreationOperation is absent", src("test_post_object_bucket_policy_object_creation_operation_condition_is_absent"),
			creation, wireThen(plain("post-object-conditional-write-object-creation", "POST Object does not set ObjectCreationOperation").send,
				argminGet(primary, "post-object-conditional-write-object-creation")),
			Want{Fields: map[string]any{"Body": "POST Object does not set ObjectCreationOperation"}}),
		argminCase("PostObject/denied without If-None-Match (Null)", src("test_post_object_bucket_policy_if_none_match_header_is_policy_only"),
			noneMatchNull, plain("post-object-if-none-match-missing", noneMatchFile).send, argminDenied),
		argminCase("PostObject/an If-None-Match header meets the policy (Null)", src("test_post_object_bucket_policy_if_none_match_header_is_policy_only"),
			noneMatchNull, withHeader("post-object-if-none-match-header", noneMatchFile, "If-None-Match", "*").send, Want{Status: http.StatusNoContent}),
		argminCase("PostObject/If-None-Match * over an existing key (Null)", src("test_post_object_bucket_policy_if_none_match_header_is_policy_only"),
			noneMatchNull, again(withHeader("post-object-if-none-match-header", noneMatchFile, "If-None-Match", "*")), Want{Status: http.StatusNoContent}),
		argminCase("GetObject/overwritten by a POST with If-None-Match * (Null)", src("test_post_object_bucket_policy_if_none_match_header_is_policy_only"),
			noneMatchNull, twice(withHeader("post-object-if-none-match-header", noneMatchFile, "If-None-Match", "*")), Want{Fields: map[string]any{"Body": "overwrite"}}),
		argminCase("PostObject/denied without If-None-Match (StringNotEquals)", src("test_post_object_bucket_policy_if_none_match_string_equals"),
			noneMatchEquals, plain("post-object-if-none-match-equals-missing", noneMatchFile).send, argminDenied),
		argminCase("PostObject/If-None-Match * over an existing key (StringNotEquals)", src("test_post_object_bucket_policy_if_none_match_string_equals"),
			noneMatchEquals, again(withHeader("post-object-if-none-match-equals-header", noneMatchFile, "If-None-Match", "*")), Want{Status: http.StatusNoContent}),
		argminCase("GetObject/overwritten by a POST with If-None-Match * (StringNotEquals)", src("test_post_object_bucket_policy_if_none_match_string_equals"),
			noneMatchEquals, twice(withHeader("post-object-if-none-match-equals-header", noneMatchFile, "If-None-Match", "*")), Want{Fields: map[string]any{"Body": "overwrite"}}),
		argminCase("PostObject/denied without If-Match", src("test_post_object_bucket_policy_if_match_string_equals_is_policy_only"),
			ifMatch, plain("post-object-if-match-equals-missing", "x").send, argminDenied),
		argminCase("PostObject/denied with another If-Match", src("test_post_object_bucket_policy_if_match_string_equals_is_policy_only"),
			ifMatch, withHeader("post-object-if-match-equals-wrong", "x", "If-Match", `"wrong"`).send, argminDenied),
		argminCase("PostObject/If-Match the policy names, no such key", src("test_post_object_bucket_policy_if_match_string_equals_is_policy_only"),
			ifMatch, withHeader("post-object-if-match-equals-header", "x", "If-Match", `"post-policy-etag"`).send, Want{Status: http.StatusNoContent}),
		argminCase("GetObject/overwritten by a POST with If-Match the policy names", src("test_post_object_bucket_policy_if_match_string_equals_is_policy_only"),
			ifMatch, twice(withHeader("post-object-if-match-equals-header", "x", "If-Match", `"post-policy-etag"`)), Want{Fields: map[string]any{"Body": "overwrite"}}),
	}
}
