package golden

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's copy_object.rs and website_redirect.rs test functions
// the first replays (argmin_objcopy_test.go, argmin_bkt_redirect_test.go)
// did not cite: large copies, a copy's canned ACL under Block Public
// Access and ObjectWriter, and the browser POST's website redirect.

// copy2Object copies src to dst in argminBkt as the primary user, with
// canned ACL acl ("" none) and, when meta is set, REPLACE metadata.
func copy2Object(src, dst string, acl types.ObjectCannedACL, meta map[string]string) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.CopyObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(dst), CopySource: aws.String(argminBkt + "/" + src), ACL: acl}
		if meta != nil {
			in.MetadataDirective, in.Metadata = types.MetadataDirectiveReplace, meta
		}
		return primary(w, u).CopyObject(ctx, in)
	}
}

// copy2Length reads key's body as the primary user and answers its length.
func copy2Length(key string) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := primary(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return out, err
		}
		defer out.Body.Close()
		n, err := io.Copy(io.Discard, out.Body)
		return struct{ ContentLength, Read int64 }{aws.ToInt64(out.ContentLength), n}, err
	}
}

// copy2Ownership sets argminBkt's Object Ownership as the owner's root.
func copy2Ownership(o types.ObjectOwnership) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(argminBkt),
			OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: o}}}})
		return err
	}
}

func TestArgminCopyObject2(t *testing.T) {
	src := func(test string) string { return argmin("copy_object.rs", test) }
	const mib16 = 16 << 20
	big := argminSteps(argminBucket(false, ""), argminPut("obj1", strings.Repeat("\x00", mib16), ""),
		bktStep(copy2Object("obj1", "obj2", "", nil)))
	// test_object_copy_canned_acl's bucket: ObjectWriter, Block Public
	// Access all off, "foo" at foo123bar.
	writer := argminSteps(argminBucket(false, ""), copy2Ownership(types.ObjectOwnershipObjectWriter),
		argminPAB(false, false, false, false), argminPut("foo123bar", "foo", ""))
	copied := append(writer[:len(writer):len(writer)], bktStep(copy2Object("foo123bar", "bar321foo", types.ObjectCannedACLPublicRead, nil)))
	back := append(copied[:len(copied):len(copied)],
		bktStep(copy2Object("bar321foo", "foo123bar", types.ObjectCannedACLPublicRead, map[string]string{"abc": "def"})))
	Run(t, []Case{
		argminCase("HeadObject/a 16 MiB copy", src("test_object_copy_16m"), big,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("obj2")})
			}, Want{Fields: map[string]any{"ContentLength": mib16}}),
		argminCase("GetObject/a 16 MiB copy read whole", src("test_object_copy_read_16m"), big, copy2Length("obj2"),
			Want{Fields: map[string]any{"ContentLength": mib16, "Read": mib16}}),
		argminCase("CopyObject/public-read while Block Public Access blocks public ACLs", src("test_object_copy_rejects_public_acl_when_block_public_acls_enabled"),
			argminSteps(argminBucket(false, ""), argminPut("src", "data", ""), copy2Ownership(types.ObjectOwnershipBucketOwnerPreferred),
				argminPAB(true, false, false, false)),
			copy2Object("src", "dst", types.ObjectCannedACLPublicRead, nil), argminDenied),
		argminCase("CopyObject/public-read on an ObjectWriter bucket", src("test_object_copy_canned_acl"), writer,
			copy2Object("foo123bar", "bar321foo", types.ObjectCannedACLPublicRead, nil), Want{}),
		argminCase("GetObject/the public-read copy, by another account", src("test_object_copy_canned_acl"), copied,
			argminGet(altClient, "bar321foo"), Want{Fields: map[string]any{"Body": "foo"}}),
		argminCase("GetObjectAcl/the public-read copy grants AllUsers READ", src("test_object_copy_canned_acl"), copied,
			copy2GroupGrant("bar321foo", types.PermissionRead, "http://acs.amazonaws.com/groups/global/AllUsers"),
			Want{Fields: map[string]any{"Granted": true}}),
		argminCase("GetObject/a public-read copy back with REPLACE, by another account", src("test_object_copy_canned_acl"), back,
			argminGet(altClient, "foo123bar"), Want{Fields: map[string]any{"Body": "foo"}}),
		argminCase("HeadObject/a copy back with REPLACE has the new metadata", src("test_object_copy_canned_acl"), back,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("foo123bar")})
			}, Want{Fields: map[string]any{"Metadata": map[string]string{"abc": "def"}}}),
	})
}

// copy2GroupGrant reads key's ACL as the primary user and answers whether
// it grants perm to the group uri.
func copy2GroupGrant(key string, perm types.Permission, uri string) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := primary(w, u).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return out, err
		}
		for _, g := range out.Grants {
			if g.Permission == perm && g.Grantee != nil && aws.ToString(g.Grantee.URI) == uri {
				return struct{ Granted bool }{true}, nil
			}
		}
		return struct{ Granted bool }{false}, nil
	}
}

func TestArgminWebsiteRedirectPost(t *testing.T) {
	src := func(test string) string { return argmin("website_redirect.rs", test) }
	made := argminSteps(argminBucket(false, ""))
	post := func(key string, cond any, value string) wirePost {
		p := wirePost{key: key, file: "post-body", fileName: "post.txt", fields: [][2]string{{bktRedirectHeader, value}}}
		if cond != nil {
			p.conds = []any{cond}
		}
		return p
	}
	persists := post("post-redirect", map[string]string{bktRedirectHeader: "/docs/post-landing.html"}, "/docs/post-landing.html")
	missing := post("post-redirect-policy-missing", nil, "/docs/policy-missing.html")
	mismatch := post("post-redirect-policy-mismatch", map[string]string{bktRedirectHeader: "/docs/expected.html"}, "/docs/actual.html")
	namesField := Want{Status: http.StatusForbidden, Code: "AccessDenied", Fields: map[string]any{"header:Body": Match(`(?i)` + bktRedirectHeader)}}
	Run(t, []Case{
		argminCase("PostObject/a redirect the policy allows", src("test_post_object_website_redirect_persists"), made,
			persists.send, Want{Status: http.StatusNoContent}),
		argminCase("HeadObject/the redirect a POST set", src("test_post_object_website_redirect_persists"), made,
			wirePostThen(persists, bktHead("post-redirect", "")), Want{Fields: map[string]any{"WebsiteRedirectLocation": "/docs/post-landing.html"}}),
		argminCase("PostObject/a redirect the policy does not name", src("test_post_object_website_redirect_policy_missing_field_is_rejected"), made,
			missing.send, namesField),
		argminCase("HeadObject/no object after a redirect the policy does not name", src("test_post_object_website_redirect_policy_missing_field_is_rejected"),
			made, wirePostThen(missing, bktHead("post-redirect-policy-missing", "")), bktWantRefused),
		argminCase("PostObject/a redirect other than the policy's", src("test_post_object_website_redirect_policy_mismatch_is_rejected"), made,
			mismatch.send, namesField),
		argminCase("HeadObject/no object after a redirect other than the policy's", src("test_post_object_website_redirect_policy_mismatch_is_rejected"),
			made, wirePostThen(mismatch, bktHead("post-redirect-policy-mismatch", "")), bktWantRefused),
	})
}
