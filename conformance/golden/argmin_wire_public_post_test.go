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

// wireAnonPost posts an unsigned form of fields and file to argminBkt,
// as public_access_post_object.rs builds it.
func wireAnonPost(fields ...[2]string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		const boundary = "----argmin-s3-post-boundary"
		var b strings.Builder
		for _, f := range fields {
			b.WriteString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1] + "\r\n")
		}
		b.WriteString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"test.txt\"\r\n\r\ndata\r\n--" + boundary + "--\r\n")
		return wireRawPost("multipart/form-data; boundary="+boundary, b.String())(ctx, w, u)
	}
}

// wireAnonGet is an unsigned GET of path.
func wireAnonGet(path string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return wireSend(ctx, w, http.MethodGet, w.Endpoint+path, "", nil)
	}
}

func TestArgminWirePublicPost(t *testing.T) {
	src := func(test string) string { return argmin("public_access_post_object.rs", test) }
	// create_public_write_bucket: PAB off, BucketOwnerPreferred, public-read-write.
	bucket := argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(types.BucketCannedACLPublicReadWrite))
	posted := func(key, acl string) []argminStep {
		fields := [][2]string{{"key", key}}
		if acl != "" {
			fields = append(fields, [2]string{"acl", acl})
		}
		fields = append(fields, [2]string{"Content-Type", "text/plain"})
		return append(append([]argminStep(nil), bucket...), func(ctx context.Context, w *World, u *argminUsers) error {
			_, err := wireAnonPost(fields...)(ctx, w, u)
			return err
		})
	}
	const anonID = "65a011a29cdf8ec533ec3d1ccaae921c"
	anonACL := Want{Fields: map[string]any{"header:Body": Match(`<Owner><ID>` + anonID + `</ID></Owner>.*<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>` +
		anonID + `</ID></Grantee><Permission>FULL_CONTROL</Permission>`)}}
	ownerAndGrant := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		owner, err := argminCanonicalID(ctx, primary(w, u), argminBkt)
		if err != nil {
			return nil, err
		}
		out, err := primary(w, u).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String("post-anon-bofc")})
		if err != nil {
			return nil, err
		}
		full := false
		for _, g := range out.Grants {
			full = full || (g.Permission == types.PermissionFullControl && g.Grantee != nil && aws.ToString(g.Grantee.ID) == owner)
		}
		return struct{ OwnerIsBucketOwner, BucketOwnerFullControl bool }{aws.ToString(out.Owner.ID) == owner, full}, nil
	}
	Run(t, []Case{
		argminCase("PostObject/unsigned, public-read-write bucket", src("test_post_object_anonymous_public_write_uses_special_anonymous_owner_id"),
			bucket, wireAnonPost([2]string{"key", "post-anon-owner"}, [2]string{"Content-Type", "text/plain"}), Want{Status: http.StatusNoContent}),
		argminCase("GetObjectAcl/unsigned, of an anonymous POST", src("test_post_object_anonymous_public_write_uses_special_anonymous_owner_id"),
			posted("post-anon-owner", ""), wireAnonGet("/"+argminBkt+"/post-anon-owner?acl"), anonACL),
		argminCase("HeadObject/the bucket owner's user, of an anonymous POST", src("test_post_object_anonymous_public_write_uses_special_anonymous_owner_id"),
			posted("post-anon-owner", ""), wireHead("post-anon-owner"), Want{Status: http.StatusForbidden, Code: "Forbidden"}),
		argminCase("GetObject/the bucket owner's user, of an anonymous POST", src("test_post_object_anonymous_public_write_uses_special_anonymous_owner_id"),
			posted("post-anon-owner", ""), argminGet(primary, "post-anon-owner"), argminDenied),
		argminCase("PostObject/unsigned with acl public-read", src("test_post_object_anonymous_public_read_request"),
			bucket, wireAnonPost([2]string{"key", "post-anon"}, [2]string{"acl", "public-read"}, [2]string{"Content-Type", "text/plain"}), Want{Status: http.StatusNoContent}),
		argminCase("GetObject/the bucket owner's user, of an anonymous public-read POST", src("test_post_object_anonymous_public_read_request"),
			posted("post-anon", "public-read"), argminGet(primary, "post-anon"), Want{Fields: map[string]any{"Body": "data"}}),
		argminCase("GetObjectAcl/unsigned, of an anonymous public-read POST", src("test_post_object_anonymous_public_read_request"),
			posted("post-anon", "public-read"), wireAnonGet("/"+argminBkt+"/post-anon?acl"), anonACL),
		argminCase("PostObject/unsigned with acl bucket-owner-full-control", src("test_post_object_anonymous_bucket_owner_full_control_request"),
			bucket, wireAnonPost([2]string{"key", "post-anon-bofc"}, [2]string{"acl", "bucket-owner-full-control"}, [2]string{"Content-Type", "text/plain"}),
			Want{Status: http.StatusNoContent}),
		argminCase("GetObject/the bucket owner's user, of an anonymous bucket-owner-full-control POST", src("test_post_object_anonymous_bucket_owner_full_control_request"),
			posted("post-anon-bofc", "bucket-owner-full-control"), argminGet(primary, "post-anon-bofc"), Want{Fields: map[string]any{"Body": "data"}}),
		argminCase("GetObjectAcl/the bucket owner owns an anonymous bucket-owner-full-control POST", src("test_post_object_anonymous_bucket_owner_full_control_request"),
			posted("post-anon-bofc", "bucket-owner-full-control"), ownerAndGrant, Want{Fields: map[string]any{"OwnerIsBucketOwner": true, "BucketOwnerFullControl": true}}),
	})
}
