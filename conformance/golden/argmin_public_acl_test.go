package golden

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's public_access_acl.rs no golden case cited by name:
// unsigned requests against public-read and public-read-write buckets
// (create_public_bucket and create_public_write_bucket: Block Public
// Access deleted, BucketOwnerPreferred, the canned bucket ACL), and
// public-read objects written by multipart upload and copy.

const pubAllUsers = "http://acs.amazonaws.com/groups/global/AllUsers"

// pubAnon is an unsigned request.
func pubAnon(method, path, body string, header http.Header) func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		r, err := http.NewRequestWithContext(ctx, method, w.Endpoint+path, strings.NewReader(body))
		if err != nil {
			return nil, err
		}
		for k, v := range header {
			r.Header[k] = v
		}
		return w.HTTP.Do(r)
	}
}

// pubAnonStep is an unsigned request the set-up needs answered 200.
func pubAnonStep(method, path, body string, header http.Header) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		out, err := pubAnon(method, path, body, header)(ctx, w, u)
		if err != nil {
			return err
		}
		resp := out.(*http.Response)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("unsigned %s %s: %s", method, path, resp.Status)
		}
		return nil
	}
}

// pubOwnership is what GetObjectAcl tells of key: whether the bucket
// owner owns it, and its grants as "PERMISSION grantee" with the bucket
// owner's ID written "owner".
type pubOwnership struct {
	BucketOwnerOwns bool
	Grants          []string
}

func pubObjectOwnership(key string) func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		b, err := root(w).GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(argminBkt)})
		if err != nil {
			return b, err
		}
		o, err := root(w).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return o, err
		}
		owner := aws.ToString(b.Owner.ID)
		got := pubOwnership{BucketOwnerOwns: aws.ToString(o.Owner.ID) == owner}
		for _, g := range o.Grants {
			who := aws.ToString(g.Grantee.URI)
			if id := aws.ToString(g.Grantee.ID); id != "" {
				who = id
				if id == owner {
					who = "owner"
				}
			}
			got.Grants = append(got.Grants, string(g.Permission)+" "+who)
		}
		return got, nil
	}
}

func TestArgminPublicACL(t *testing.T) {
	src := func(test string) string { return argmin("public_access_acl.rs", test) }
	b := aws.String(argminBkt)
	path := func(key string) string { return "/" + argminBkt + "/" + key }
	public := func(acl types.BucketCannedACL, more ...argminStep) []argminStep {
		return append(argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(acl)), more...)
	}
	aclBucket := func(more ...argminStep) []argminStep {
		return append(argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter)), more...)
	}
	anonBOFC := pubAnonStep(http.MethodPut, path("anonymous-owner-bofc"), "data", http.Header{"X-Amz-Acl": {"bucket-owner-full-control"}})
	preBOE := argminPut("pre-boe-public", "public", types.ObjectCannedACLPublicRead)
	boe := func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b,
			OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerEnforced}}}})
		return err
	}
	boeBody := "<OwnershipControls><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>"
	anonObj := pubAnonStep(http.MethodPut, path("anonymous-owner-tagging"), "hello", nil)
	tagging := "<Tagging><TagSet><Tag><Key>env</Key><Value>anon</Value></Tag></TagSet></Tagging>"
	getTags := func(key string) func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
			return root(w).GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: aws.String(key)})
		}
	}
	multipart := func(ctx context.Context, w *World, _ *argminUsers) error {
		c, k := root(w), aws.String("multipart-public-read")
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k, ACL: types.ObjectCannedACLPublicRead})
		if err != nil {
			return err
		}
		part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1),
			Body: strings.NewReader(strings.Repeat("x", 1024))})
		if err != nil {
			return err
		}
		_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}})
		return err
	}
	copyTo := func(srcKey, dst string, meta map[string]string) argminStep {
		return func(ctx context.Context, w *World, _ *argminUsers) error {
			in := &s3.CopyObjectInput{Bucket: b, Key: aws.String(dst), CopySource: aws.String(argminBkt + "/" + srcKey), ACL: types.ObjectCannedACLPublicRead}
			if meta != nil {
				in.MetadataDirective, in.Metadata = types.MetadataDirectiveReplace, meta
			}
			_, err := root(w).CopyObject(ctx, in)
			return err
		}
	}
	copied := aclBucket(argminPut("foo123bar", "foo", ""), copyTo("foo123bar", "bar321foo", nil))
	recopied := append(copied[:len(copied):len(copied)], copyTo("bar321foo", "foo123bar", map[string]string{"abc": "def"}))
	altCreate := func(key string) func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
			return alt(w).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String(key)})
		}
	}
	// raced is test_complete_multipart_upload_allows_owner_key_created_after_public_write_initiation:
	// another account begins an upload, the bucket owner writes the key,
	// the other account uploads a part and completes.
	raced := func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		k := aws.String("multipart-public-write-race")
		up, err := alt(w).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
		if err != nil {
			return up, err
		}
		if _, err := root(w).PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: k, Body: strings.NewReader("owner-body")}); err != nil {
			return nil, err
		}
		part, err := alt(w).UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1),
			Body: strings.NewReader(strings.Repeat("x", 1024))})
		if err != nil {
			return part, err
		}
		return alt(w).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}})
	}
	Run(t, []Case{
		argminCase("PutObject/unsigned, bucket-owner-full-control, into a public-read-write bucket",
			src("test_anonymous_public_write_put_bucket_owner_full_control_makes_bucket_owner_object_owner"), public(types.BucketCannedACLPublicReadWrite),
			pubAnon(http.MethodPut, path("anonymous-owner-bofc"), "data", http.Header{"X-Amz-Acl": {"bucket-owner-full-control"}}), Want{}),
		argminCase("GetObjectAcl/the bucket owner owns an unsigned bucket-owner-full-control upload",
			src("test_anonymous_public_write_put_bucket_owner_full_control_makes_bucket_owner_object_owner"), public(types.BucketCannedACLPublicReadWrite, anonBOFC),
			pubObjectOwnership("anonymous-owner-bofc"), Want{Fields: map[string]any{"BucketOwnerOwns": true, "Grants": []string{"FULL_CONTROL owner"}}}),
		argminCase("GetObject/the bucket owner reads an unsigned bucket-owner-full-control upload",
			src("test_anonymous_public_write_put_bucket_owner_full_control_makes_bucket_owner_object_owner"), public(types.BucketCannedACLPublicReadWrite, anonBOFC),
			argminGet(root2, "anonymous-owner-bofc"), Want{Fields: map[string]any{"Body": "data"}}),
		argminCase("GetObject/unsigned, a public-read object before BucketOwnerEnforced", src("test_bucket_owner_enforced_disables_legacy_public_read_object_acl"),
			aclBucket(preBOE), pubAnon(http.MethodGet, path("pre-boe-public"), "", nil), Want{Fields: map[string]any{"body": "public"}}),
		argminCase("GetObject/unsigned, a public-read object after BucketOwnerEnforced", src("test_bucket_owner_enforced_disables_legacy_public_read_object_acl"),
			aclBucket(preBOE, boe), pubAnon(http.MethodGet, path("pre-boe-public"), "", nil), argminDenied),
		argminCase("PutBucketOwnershipControls/BucketOwnerEnforced while the bucket ACL is public-read", src("test_public_read_bucket_acl_blocks_bucket_owner_enforced_transition"),
			public(types.BucketCannedACLPublicRead), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"?ownershipControls", []byte(boeBody), nil)
			}, Want{Status: http.StatusBadRequest, Code: "InvalidBucketAclWithObjectOwnership"}),
		argminCase("PutBucketOwnershipControls/BucketOwnerEnforced once the bucket ACL is private", src("test_public_read_bucket_acl_blocks_bucket_owner_enforced_transition"),
			public(types.BucketCannedACLPublicRead, argminBucketACL(types.BucketCannedACLPrivate)), func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return nil, boe(ctx, w, nil)
			}, Want{}),
		argminCase("GetObject/unsigned, a public-read object in a public-read bucket", src("test_anon_get_object_public_bucket"),
			public(types.BucketCannedACLPublicRead, argminPut("obj", "public data", types.ObjectCannedACLPublicRead)),
			pubAnon(http.MethodGet, path("obj"), "", nil), Want{Fields: map[string]any{"body": "public data"}}),
		argminCase("HeadObject/unsigned, a public-read object in a public-read bucket", src("test_anon_head_object_public_bucket"),
			public(types.BucketCannedACLPublicRead, argminPut("obj", "head me", types.ObjectCannedACLPublicRead)),
			pubAnon(http.MethodHead, path("obj"), "", nil), Want{}),
		argminCase("HeadBucket/unsigned, a public-read bucket", src("test_anon_head_bucket_public"), public(types.BucketCannedACLPublicRead),
			pubAnon(http.MethodHead, "/"+argminBkt, "", nil), Want{}),
		argminCase("PutObject/unsigned, into a public-read bucket", src("test_anon_put_object_public_bucket_fail"), public(types.BucketCannedACLPublicRead),
			pubAnon(http.MethodPut, path("anon-upload"), "should fail", nil), argminDenied),
		argminCase("DeleteObject/unsigned, in a public-read bucket", src("test_anon_delete_object_public_bucket_fail"),
			public(types.BucketCannedACLPublicRead, argminPut("obj", "data", "")), pubAnon(http.MethodDelete, path("obj"), "", nil), argminDenied),
		argminCase("GetObject/the object an unsigned DeleteObject was refused", src("test_anon_delete_object_public_bucket_fail"),
			public(types.BucketCannedACLPublicRead, argminPut("obj", "data", ""), func(ctx context.Context, w *World, u *argminUsers) error {
				out, err := pubAnon(http.MethodDelete, path("obj"), "", nil)(ctx, w, u)
				if err == nil {
					out.(*http.Response).Body.Close()
				}
				return err
			}), argminGet(root2, "obj"), Want{Fields: map[string]any{"Body": "data"}}),
		argminCase("ListObjects/unsigned, a public-read bucket", src("test_anon_list_objects_v1_public_bucket"),
			public(types.BucketCannedACLPublicRead, argminPut("obj1", "a", "")), pubAnon(http.MethodGet, "/"+argminBkt, "", nil),
			Want{Fields: map[string]any{"body": bktAll("<Key>obj1</Key>")}}),
		argminCase("ListObjectsV2/unsigned, a public-read bucket", src("test_anon_list_objects_v2_public_bucket"),
			public(types.BucketCannedACLPublicRead, argminPut("obj1", "a", "")), pubAnon(http.MethodGet, "/"+argminBkt+"?list-type=2", "", nil),
			Want{Fields: map[string]any{"body": bktAll("<Key>obj1</Key>")}}),
		argminCase("GetBucketAcl/unsigned, a public-read-write bucket", src("test_anon_get_bucket_acl_public_write_bucket_fail"),
			public(types.BucketCannedACLPublicReadWrite), pubAnon(http.MethodGet, "/"+argminBkt+"?acl", "", nil), argminDenied),
		argminCase("PutBucketAcl/unsigned, a public-read-write bucket", src("test_anon_put_bucket_acl_public_write_bucket_fail"),
			public(types.BucketCannedACLPublicReadWrite), pubAnon(http.MethodPut, "/"+argminBkt+"?acl", "", http.Header{"X-Amz-Acl": {"private"}}), argminDenied),
		argminCase("GetObjectTagging/the bucket owner, of an unsigned upload", src("test_anonymous_public_write_object_get_object_tagging_behavior"),
			public(types.BucketCannedACLPublicReadWrite, anonObj), getTags("anonymous-owner-tagging"), Want{Fields: map[string]any{"TagSet": Len(0)}}),
		argminCase("GetObjectTagging/unsigned, of an unsigned upload", src("test_anonymous_public_write_object_get_object_tagging_behavior"),
			public(types.BucketCannedACLPublicReadWrite, anonObj), pubAnon(http.MethodGet, path("anonymous-owner-tagging")+"?tagging", "", nil), argminDenied),
		argminCase("PutObjectTagging/unsigned, of an unsigned upload", src("test_anonymous_public_write_object_put_object_tagging_behavior"),
			public(types.BucketCannedACLPublicReadWrite, anonObj), pubAnon(http.MethodPut, path("anonymous-owner-tagging")+"?tagging", tagging,
				http.Header{"Content-Md5": {argminMD5([]byte(tagging))}}), argminDenied),
		argminCase("GetObjectTagging/no tags written by a refused unsigned PutObjectTagging", src("test_anonymous_public_write_object_put_object_tagging_behavior"),
			public(types.BucketCannedACLPublicReadWrite, anonObj, func(ctx context.Context, w *World, u *argminUsers) error {
				out, err := pubAnon(http.MethodPut, path("anonymous-owner-tagging")+"?tagging", tagging, http.Header{"Content-Md5": {argminMD5([]byte(tagging))}})(ctx, w, u)
				if err == nil {
					out.(*http.Response).Body.Close()
				}
				return err
			}), getTags("anonymous-owner-tagging"), Want{Fields: map[string]any{"TagSet": Len(0)}}),
		argminCase("GetObjectAcl/a multipart upload begun public-read", src("test_multipart_upload_public_read_acl_allows_anonymous_get"), aclBucket(multipart),
			pubObjectOwnership("multipart-public-read"), Want{Fields: map[string]any{"Grants": []string{"FULL_CONTROL owner", "READ " + pubAllUsers}}}),
		argminCase("GetObject/unsigned, a multipart upload begun public-read", src("test_multipart_upload_public_read_acl_allows_anonymous_get"), aclBucket(multipart),
			pubAnon(http.MethodGet, path("multipart-public-read"), "", nil), Want{Fields: map[string]any{"body": strings.Repeat("x", 1024)}}),
		argminCase("GetObject/another account, a public-read copy", src("test_copy_object_public_read_acl_allows_cross_account_get"), copied,
			argminGet(altClient, "bar321foo"), Want{Fields: map[string]any{"Body": "foo"}}),
		argminCase("GetObjectAcl/a public-read copy", src("test_copy_object_public_read_acl_allows_cross_account_get"), copied,
			pubObjectOwnership("bar321foo"), Want{Fields: map[string]any{"Grants": []string{"FULL_CONTROL owner", "READ " + pubAllUsers}}}),
		argminCase("GetObject/another account, a public-read copy back with REPLACE", src("test_copy_object_public_read_acl_allows_cross_account_get"), recopied,
			argminGet(altClient, "foo123bar"), Want{Fields: map[string]any{"Body": "foo"}}),
		argminCase("HeadObject/the metadata of a copy back with REPLACE", src("test_copy_object_public_read_acl_allows_cross_account_get"), recopied,
			func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return root(w).HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: aws.String("foo123bar")})
			}, Want{Fields: map[string]any{"Metadata.abc": "def"}}),
		argminCase("CreateMultipartUpload/unsigned, a public-read-write bucket", src("test_anon_create_multipart_upload_public_write_bucket_fail"),
			public(types.BucketCannedACLPublicReadWrite), pubAnon(http.MethodPost, path("anon-multipart")+"?uploads", "", nil), argminDenied),
		argminCase("CreateMultipartUpload/another account, over the bucket owner's key in a public-read-write bucket",
			src("test_signed_create_multipart_upload_public_write_bucket_rejects_existing_owner_key"),
			public(types.BucketCannedACLPublicReadWrite, argminPut("multipart-existing-owner-key", "owner-body", "")), altCreate("multipart-existing-owner-key"), argminDenied),
		argminCase("CompleteMultipartUpload/another account's, over a key the bucket owner wrote after it began",
			src("test_complete_multipart_upload_allows_owner_key_created_after_public_write_initiation"), public(types.BucketCannedACLPublicReadWrite),
			raced, Want{Fields: map[string]any{"ETag": Present}}),
	})
}

func root2(w *World, _ *argminUsers) *s3.Client { return root(w) }
