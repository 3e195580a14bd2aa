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

// Cases of justincormack/argmin's multipart_acl.rs: multipart uploads in
// buckets that take ACLs, by the bucket owner and another account.

// mpaPublicWrite is the suite's create_public_write_bucket:
// BucketOwnerPreferred, Block Public Access off, public-read-write.
func mpaPublicWrite(extra ...argminStep) []argminStep {
	return append(argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(types.BucketCannedACLPublicReadWrite)), extra...)
}

// mpaUpload is a one-part upload of key by c (canned ACL acl, "" none),
// completed, then next's call with the upload id.
func mpaUpload(c objClient, key, body string, acl types.ObjectCannedACL, next func(id string) objCall) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		b, k := aws.String(argminBkt), aws.String(key)
		up, err := c(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k, ACL: acl})
		if err != nil {
			return up, err
		}
		p, err := c(w, u).UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: strings.NewReader(body)})
		if err != nil {
			return p, err
		}
		done, err := c(w, u).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: p.ETag, PartNumber: aws.Int32(1)}}}})
		if err != nil || next == nil {
			return done, err
		}
		return next(aws.ToString(up.UploadId))(ctx, w, u)
	}
}

func mpaAbort(c objClient, key, id string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key), UploadId: aws.String(id)})
	}
}

func TestArgminMultipartACL(t *testing.T) {
	src := func(test string) string { return argmin("multipart_acl.rs", test) }
	key := "multipart-acl"
	hello := "hello, world!"
	ownerFull := func(id string) objCall { return objSeq(mpaAbort(altClient, key, id), objGet(primary, key, nil)) }
	Run(t, []Case{
		argminCase("CreateMultipartUpload/x-amz-grant-write kept on the object", src("test_create_multipart_upload_grant_write_header_persists_write_grant"),
			argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter)), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				id, err := argminCanonicalID(ctx, primary(w, u), argminBkt)
				if err != nil {
					return nil, err
				}
				// The SDK has no x-amz-grant-write on CreateMultipartUpload; the
				// suite adds it to the request, as here.
				k := "multipart-grant-write"
				created, err := objRaw(http.MethodPost, objKeyPath(k)+"?uploads", nil, ckH("x-amz-grant-write", `id="`+id+`"`))(ctx, w, u)
				if err != nil {
					return created, err
				}
				upID := created.(objRawResult).Elements["UploadId"]
				p, err := primary(w, u).UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(argminBkt), Key: aws.String(k), UploadId: aws.String(upID),
					PartNumber: aws.Int32(1), Body: strings.NewReader(mpFill("x", 1024))})
				if err != nil {
					return p, err
				}
				return objSeq(mpComplete(nil)(k, upID, []*s3.UploadPartOutput{p}), objACLOf(primary, k))(ctx, w, u)
			}, objHasGrant("WRITE owner")),
		argminCase("GetObjectAcl/another account's upload with bucket-owner-full-control is the bucket owner's",
			src("test_abort_completed_multipart_upload_initiator_succeeds_when_owner_is_bucket_owner"),
			mpaPublicWrite(), mpaUpload(altClient, key, hello, types.ObjectCannedACLBucketOwnerFullControl, func(string) objCall { return objACLOf(primary, key) }),
			Want{Fields: map[string]any{"Owner": "owner"}}),
		argminCase("AbortMultipartUpload/another account's completed upload, bucket-owner-full-control", src("test_abort_completed_multipart_upload_initiator_succeeds_when_owner_is_bucket_owner"),
			mpaPublicWrite(), mpaUpload(altClient, key, hello, types.ObjectCannedACLBucketOwnerFullControl, ownerFull), objBodyIs(hello)),
		argminCase("AbortMultipartUpload/the owner's root, of another account's completed upload", src("test_abort_completed_multipart_upload_owner_root_admin_succeeds"),
			mpaPublicWrite(), mpaUpload(altClient, key, hello, "", func(id string) objCall {
				return objSeq(mpaAbort(rootClient, key, id), objGet(altClient, key, nil))
			}), objBodyIs(hello)),
		argminCase("AbortMultipartUpload/another account, of the owner's completed upload", src("test_abort_completed_multipart_upload_rejects_unrelated_cross_account_requester"),
			mpaPublicWrite(), mpaUpload(primary, key, hello, "", func(id string) objCall { return mpaAbort(altClient, key, id) }), argminDenied),
		argminCase("GetObject/the refused abort left the object", src("test_abort_completed_multipart_upload_rejects_unrelated_cross_account_requester"),
			mpaPublicWrite(), mpaUpload(primary, key, hello, "", func(id string) objCall {
				return objSeq(mpaIgnore(mpaAbort(altClient, key, id)), objGet(primary, key, nil))
			}), objBodyIs(hello)),
	})
}

// mpaIgnore is call with its error dropped (a refusal a later call checks).
func mpaIgnore(call objCall) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		_, _ = call(ctx, w, u)
		return nil, nil
	}
}

func TestArgminMultipartACLCrossAccount(t *testing.T) {
	src := func(test string) string { return argmin("multipart_acl.rs", test) }
	key := "multipart-cross-account"
	// Another account starts an upload (and its part) in an ObjectWriter
	// bucket; then step runs with the upload id.
	altUpload := func(part bool, step func(id string) objCall) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			up, err := alt(w).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
			if err != nil {
				return up, err
			}
			if part {
				p, err := alt(w).UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(argminBkt), Key: aws.String(key), UploadId: up.UploadId,
					PartNumber: aws.Int32(1), Body: strings.NewReader(mpFill("m", ckPartSize))})
				if err != nil {
					return p, err
				}
			}
			return step(aws.ToString(up.UploadId))(ctx, w, u)
		}
	}
	writer := mpaPublicWrite(func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(argminBkt),
			OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipObjectWriter}}}})
		return err
	})
	Run(t, []Case{
		argminCase("ListParts/the bucket owner, of another account's upload", src("test_bucket_owner_can_manage_cross_account_object_writer_multipart_without_policy"),
			writer, altUpload(true, func(id string) objCall { return mpListParts(nil)(key, id) }),
			Want{Fields: map[string]any{"Parts": Len(1), "Parts[0].PartNumber": 1}}),
		argminCase("ListParts/after the bucket owner aborted another account's upload", src("test_bucket_owner_can_manage_cross_account_object_writer_multipart_without_policy"),
			writer, altUpload(true, func(id string) objCall { return objSeq(mpAbort(key, id), mpListParts(nil)(key, id)) }),
			Want{Status: http.StatusNotFound, Code: "NoSuchUpload"}),
		argminCase("UploadPart/another account's upload after the bucket ACL became private", src("test_multipart_initiator_cannot_continue_after_bucket_acl_change"),
			mpaPublicWrite(), altUpload(false, func(id string) objCall {
				return objSeq(mpaStepCall(argminBucketACL(types.BucketCannedACLPrivate)), func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
					return alt(w).UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(argminBkt), Key: aws.String(key), UploadId: aws.String(id),
						PartNumber: aws.Int32(1), Body: strings.NewReader(mpFill("x", 1024))})
				})
			}), argminDenied),
		argminCase("AbortMultipartUpload/its initiator, after the bucket ACL became private", src("test_multipart_initiator_cannot_continue_after_bucket_acl_change"),
			mpaPublicWrite(), altUpload(false, func(id string) objCall {
				return objSeq(mpaStepCall(argminBucketACL(types.BucketCannedACLPrivate)), mpaAbort(altClient, key, id))
			}), Want{Status: http.StatusNoContent}),
	})
}

// mpaStepCall is a set-up step as a call.
func mpaStepCall(s argminStep) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) { return nil, s(ctx, w, u) }
}

func TestArgminMultipartACLListOwners(t *testing.T) {
	src := argmin("multipart_acl.rs", "test_list_multipart_upload_owner")
	// The owner's user starts multipart1, another account multipart2; a
	// lister lists them: Owners by role (objACLView's names), and whether
	// the two Initiator IDs are set and differ.
	type view struct {
		Count          int
		Owner1, Owner2 string
		Initiators     string
	}
	list := func(lister objClient) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			if _, err := primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("multipart1")}); err != nil {
				return nil, err
			}
			if _, err := alt(w).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("multipart2")}); err != nil {
				return nil, err
			}
			ownerID, altID, err := objIDs(ctx, w)
			if err != nil {
				return nil, err
			}
			out, err := lister(w, u).ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(argminBkt)})
			if err != nil {
				return out, err
			}
			role := map[string]string{ownerID: "owner", altID: "alt"}
			v := view{Count: len(out.Uploads)}
			var inits []string
			for _, up := range out.Uploads {
				owner := role[aws.ToString(up.Owner.ID)]
				if aws.ToString(up.Key) == "multipart1" {
					v.Owner1 = owner
				} else {
					v.Owner2 = owner
				}
				if up.Initiator != nil && aws.ToString(up.Initiator.ID) != "" {
					inits = append(inits, aws.ToString(up.Initiator.ID))
				}
			}
			if v.Initiators = "same or missing"; len(inits) == 2 && inits[0] != inits[1] {
				v.Initiators = "distinct"
			}
			return v, nil
		}
	}
	var cases []Case
	for _, l := range []struct {
		name   string
		lister objClient
	}{{"the bucket owner's user", primary}, {"another account", altClient}} {
		cases = append(cases, argminCase("ListMultipartUploads/as "+l.name+": each upload's Owner and Initiator", src, mpaPublicWrite(), list(l.lister),
			Want{Fields: map[string]any{"Count": 2, "Owner1": "owner", "Owner2": "alt", "Initiators": "distinct"}}))
	}
	Run(t, cases)
}
