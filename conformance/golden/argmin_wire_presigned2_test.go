package golden

import (
	"context"
	"net/http"
	"testing"
)

// Cases of argmin's presigned.rs test functions the first replay
// (argmin_wire_presigned_test.go) did not cite: presigned SSE-C reads.
// The suite's buckets there are created with SSE-C allowed
// (create_bucket_with_sse_c_enabled: ssecBucket here).

func TestArgminWirePresignedSSEC(t *testing.T) {
	src := func(test string) string { return argmin("presigned.rs", test) }
	const body = "presigned get sse-c content"
	k := ssecKey
	signed := [][2]string{{"x-amz-server-side-encryption-customer-algorithm", *k.alg},
		{"x-amz-server-side-encryption-customer-key", *k.key}, {"x-amz-server-side-encryption-customer-key-md5", *k.md5}}
	stored := func(key string) []argminStep { return ssecBucket(objStep(ssecPut(key, body, &k, nil))) }
	sig := func(method, key string) wireSig {
		return wireSig{method: method, path: wireObjectPath(key), signed: signed}
	}
	// unsent presigns with the SSE-C headers signed, then sends none of
	// them.
	unsent := func(s wireSig) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			s.expires = 900
			u2, _ := wirePresignURL(w, u.primary, s)
			return wireSend(ctx, w, s.method, u2, "", http.Header{})
		}
	}
	sseHeaders := map[string]any{"header:X-Amz-Server-Side-Encryption-Customer-Algorithm": "AES256",
		"header:X-Amz-Server-Side-Encryption-Customer-Key-Md5": *k.md5}
	withBody := map[string]any{"header:Body": body}
	for name, v := range sseHeaders {
		withBody[name] = v
	}
	Run(t, []Case{
		argminCase("GetObject/presigned with its SSE-C headers", src("test_presigned_sse_c_get_object"), stored("obj-sse-c"),
			wirePresigned(sig(http.MethodGet, "obj-sse-c"), "", nil, nil), Want{Fields: withBody}),
		argminCase("GetObject/presigned with SSE-C headers signed and not sent", src("test_presigned_sse_c_get_requires_signed_headers"),
			stored("obj-sse-c-missing-headers"), unsent(sig(http.MethodGet, "obj-sse-c-missing-headers")),
			Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("HeadObject/presigned with its SSE-C headers", src("test_presigned_sse_c_head_object"), stored("obj-head-sse-c"),
			wirePresigned(sig(http.MethodHead, "obj-head-sse-c"), "", nil, nil), Want{Fields: sseHeaders}),
	})
}
