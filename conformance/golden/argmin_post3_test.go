package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// TestArgminPostAudit is post_object.rs's test functions the
// function-level audit found uncited: SSE-C as form fields (kept, read
// back with the key), as HTTP headers (ignored), incomplete or in lower
// case (refused, nothing written), success_action_status 201 and a
// 16 MiB file.
func TestArgminPostAudit(t *testing.T) {
	src := func(test string) string { return argmin("post_object.rs", test) }
	k := &ssecKey
	ssecForm := func(key, file string, alg string, md5 bool) wirePost {
		p := wirePost{key: key, file: file}
		add := func(name, value string) {
			p.conds = append(p.conds, map[string]string{name: value})
			p.fields = append(p.fields, [2]string{name, value})
		}
		add("x-amz-server-side-encryption-customer-algorithm", alg)
		add("x-amz-server-side-encryption-customer-key", *k.key)
		if md5 {
			add("x-amz-server-side-encryption-customer-key-md5", *k.md5)
		}
		return p
	}
	roundTrip := ssecForm("post-sse-c", "hello from POST with SSE-C", "AES256", true)
	lower := ssecForm("post-sse-c-lowercase", "hello from lowercase POST with SSE-C", "aes256", true)
	incomplete := ssecForm("post-sse-c-missing-md5", "secret", "AES256", false)
	headersOnly := wirePost{key: "post-sse-c-headers-only", file: "hello from POST with header-only SSE-C",
		header: http.Header{"X-Amz-Server-Side-Encryption-Customer-Algorithm": {"AES256"},
			"X-Amz-Server-Side-Encryption-Customer-Key": {*k.key}, "X-Amz-Server-Side-Encryption-Customer-Key-Md5": {*k.md5}}}
	success := wirePost{key: "post-success-201", file: "data", conds: []any{[]any{"starts-with", "$success_action_status", ""}},
		fields: [][2]string{{"success_action_status", "201"}}}
	big := strings.Repeat("\x2a", 16<<20)
	large := wirePost{key: "post-16mb", file: big, fileName: "large16mb.bin", conds: []any{[]any{"content-length-range", 0, 20 << 20}}}
	lowerPolicy := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"` + argminObjectsARN +
		`","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption-customer-algorithm":"aes256"}}}]}`
	withKey := map[string]any{"ContentLength": len(roundTrip.file), "SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *k.md5}
	plainHead := func(key string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		}
	}
	Run(t, []Case{
		argminCase("PostObject/SSE-C form fields", src("test_post_object_sse_c_round_trip"), ssecBucket(), roundTrip.send, Want{Status: http.StatusNoContent}),
		argminCase("HeadObject/SSE-C POST object with its key", src("test_post_object_sse_c_round_trip"), ssecBucket(),
			wirePostThen(roundTrip, ssecHead("post-sse-c", k, nil)), Want{Fields: withKey}),
		argminCase("GetObject/SSE-C POST object with its key", src("test_post_object_sse_c_round_trip"), ssecBucket(),
			wirePostThen(roundTrip, ssecGet("post-sse-c", k, nil)),
			ssecBody(roundTrip.file, map[string]any{"Out.SSECustomerAlgorithm": "AES256", "Out.SSECustomerKeyMD5": *k.md5})),
		argminCase("PostObject/SSE-C algorithm aes256 under a policy asking for it", src("test_post_object_sse_c_bucket_policy_rejects_lowercase_algorithm"),
			objBucket(argminPolicy(lowerPolicy)), lower.send,
			Want{Status: http.StatusBadRequest, Code: "InvalidEncryptionAlgorithmError", Fields: map[string]any{"header:Body": Match(`<ArgumentValue>aes256</ArgumentValue>`)}}),
		argminCase("PostObject/SSE-C key without its MD5", src("test_post_object_sse_c_requires_complete_form_fields"), objBucket(), incomplete.send,
			Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		argminCase("GetObject/nothing written by the incomplete SSE-C POST", src("test_post_object_sse_c_requires_complete_form_fields"), objBucket(),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				_, _ = incomplete.send(ctx, w, u)
				return argminGet(primary, "post-sse-c-missing-md5")(ctx, w, u)
			}, Want{Status: http.StatusNotFound, Code: "NoSuchKey"}),
		argminCase("PostObject/SSE-C as HTTP headers", src("test_post_object_sse_c_headers_without_form_fields_are_ignored"), ssecBucket(),
			headersOnly.send, Want{Status: http.StatusNoContent}),
		argminCase("HeadObject/SSE-C headers of a POST ignored", src("test_post_object_sse_c_headers_without_form_fields_are_ignored"), ssecBucket(),
			wirePostThen(headersOnly, plainHead("post-sse-c-headers-only")),
			Want{Fields: map[string]any{"ContentLength": len(headersOnly.file), "SSECustomerAlgorithm": Absent, "SSECustomerKeyMD5": Absent}}),
		argminCase("GetObject/SSE-C headers of a POST ignored", src("test_post_object_sse_c_headers_without_form_fields_are_ignored"), ssecBucket(),
			wirePostThen(headersOnly, argminGet(primary, "post-sse-c-headers-only")),
			Want{Fields: map[string]any{"Body": headersOnly.file, "header:X-Amz-Server-Side-Encryption-Customer-Algorithm": Absent}}),
		argminCase("PostObject/success_action_status 201", src("test_post_object_set_success_code"), objBucket(), success.send,
			Want{Status: http.StatusCreated, Fields: map[string]any{"header:Body": Match(`(?s)<Bucket>.*<Key>.*<ETag>`)}}),
		argminCase("PostObject/a 16 MiB file", src("test_post_object_upload_16mb_non_chunked"), objBucket(), large.send, Want{Status: http.StatusNoContent}),
		argminCase("GetObject/the 16 MiB POST file back", src("test_post_object_upload_16mb_non_chunked"), objBucket(),
			wirePostThen(large, chk2Same("post-16mb", big)), Want{Fields: map[string]any{"Length": 16 << 20, "Same": true}}),
	})
}
