package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's presigned.rs test functions the first replay
// (argmin_wire_presigned_test.go) did not cite: presigned SSE-C writes
// and reads, recorded before April 2026, when new buckets allowed SSE-C
// (the set-up unblocks it: ssecBucket), and the *_tenant tests.

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
		argminCase("PutObject/presigned with its SSE-C headers", src("test_presigned_sse_c_put_object"), ssecBucket(),
			wirePresigned(sig(http.MethodPut, "uploaded-sse-c"), "presigned sse-c put content", nil, nil), Want{Fields: sseHeaders}),
		argminCase("GetObject/after a presigned SSE-C PutObject", src("test_presigned_sse_c_put_object"), ssecBucket(),
			wireThen(wirePresigned(sig(http.MethodPut, "uploaded-sse-c"), "presigned sse-c put content", nil, nil), ssecGet("uploaded-sse-c", &k, nil)),
			ssecBody("presigned sse-c put content", nil)),
		argminCase("HeadObject/presigned with its SSE-C headers", src("test_presigned_sse_c_head_object"), stored("obj-head-sse-c"),
			wirePresigned(sig(http.MethodHead, "obj-head-sse-c"), "", nil, nil), Want{Fields: sseHeaders}),
	})
}

// altPresigned sends s presigned by the alternate account's root with
// body and the signed headers, as argmin's *_tenant tests do with its
// alternate client.
func altPresigned(s wireSig, method, body string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		s.expires = 600
		u2, header := wirePresignURL(w, Root(argminAlt), s)
		return wireSend(ctx, w, method, u2, body, header)
	}
}

// altBucket has the alternate account create argminBkt with ownership,
// then run more with its client.
func altBucket(ownership types.ObjectOwnership, more func(ctx context.Context, c *s3.Client) error) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		c, b := alt(w), aws.String(argminBkt)
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b, ObjectOwnership: ownership}); err != nil {
			return err
		}
		if more == nil {
			return nil
		}
		return more(ctx, c)
	}
}

func TestArgminWirePresignedTenant(t *testing.T) {
	src := func(test string) string { return argmin("presigned.rs", test) }
	get := wireSig{method: http.MethodGet, path: wireObjectPath("obj")}
	// create_public_bucket by the alternate account, "obj" public-read.
	public := argminSteps(altBucket(types.ObjectOwnershipBucketOwnerPreferred, func(ctx context.Context, c *s3.Client) error {
		b := aws.String(argminBkt)
		if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b}); err != nil {
			return err
		}
		if _, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPublicRead}); err != nil {
			return err
		}
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("obj"), Body: strings.NewReader("data"),
			ACL: types.ObjectCannedACLPublicRead})
		return err
	}))
	withACL := wireSig{method: http.MethodPut, path: wireObjectPath("foo"), signed: [][2]string{{"x-amz-acl", "private"}}}
	Run(t, []Case{
		argminCase("OPTIONS/on a GET URL another account presigned", src("test_object_raw_get_x_amz_expires_not_expired_tenant"),
			public, altPresigned(get, http.MethodOptions, ""), Want{Refused: true, Status: http.StatusBadRequest}),
		argminCase("GetObject/presigned by another account, its public-read object", src("test_object_raw_get_x_amz_expires_not_expired_tenant"),
			public, altPresigned(get, http.MethodGet, ""), wireBody("data")),
		argminCase("PutObject/presigned by another account with a signed x-amz-acl", src("test_object_presigned_put_object_with_acl_tenant"),
			argminSteps(altBucket(types.ObjectOwnershipBucketOwnerPreferred, nil)),
			wireThen(altPresigned(withACL, http.MethodPut, "hello world"),
				altPresigned(wireSig{method: http.MethodGet, path: wireObjectPath("foo")}, http.MethodGet, "")), wireBody("hello world")),
	})
}
