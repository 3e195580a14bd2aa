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

// Cases of argmin's ownership.rs test functions the first replay
// (TestArgminOwnership in argmin_test.go) did not cite: what a bucket
// policy lets the bucket owner do with another account's private object
// in an ObjectWriter bucket, and how BucketOwnerEnforced hands the object
// to the bucket owner and back.

// own2Policy lets the alternate account write objects and, when actions
// is not "", the owner's account do actions on them.
func own2Policy(actions string) string {
	st := `{"Sid":"AllowAltWriterPutObject","Effect":"Allow","Principal":` + argminAltRoot +
		`,"Action":"s3:PutObject","Resource":"` + argminObjectsARN + `"}`
	if actions != "" {
		st += `,{"Sid":"AllowBucketOwner","Effect":"Allow","Principal":` + argminOwnerRoot +
			`,"Action":` + actions + `,"Resource":"` + argminObjectsARN + `"}`
	}
	return `{"Version":"2012-10-17","Statement":[` + st + `]}`
}

// own2Bucket creates argminBkt with ObjectWriter (at creation, or after it
// when later), the policy, and the alternate account's "writer-owned".
func own2Bucket(later bool, policy string, more ...argminStep) []argminStep {
	create := func(ctx context.Context, w *World, _ *argminUsers) error {
		in := &s3.CreateBucketInput{Bucket: aws.String(argminBkt)}
		if !later {
			in.ObjectOwnership = types.ObjectOwnershipObjectWriter
		}
		_, err := root(w).CreateBucket(ctx, in)
		return err
	}
	steps := argminSteps(create)
	if later {
		steps = append(steps, own2Ownership(types.ObjectOwnershipObjectWriter))
	}
	steps = append(steps, argminPolicy(policy), argminAltPut("writer-owned", "data"))
	return append(steps, more...)
}

// own2Ownership sets argminBkt's Object Ownership ("" deletes the
// ownership controls).
func own2Ownership(o types.ObjectOwnership) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		if o == "" {
			_, err := root(w).DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String(argminBkt)})
			return err
		}
		_, err := root(w).PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(argminBkt),
			OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: o}}}})
		return err
	}
}

// own2Owner answers whether c sees key's ACL Owner as the owner's account
// ("owner") or the alternate one ("alt").
func own2Owner(c func(w *World, u *argminUsers) *s3.Client) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		ownerID, altID, err := objIDs(ctx, w)
		if err != nil {
			return nil, err
		}
		out, err := c(w, u).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String("writer-owned")})
		if err != nil {
			return out, err
		}
		return struct{ Owner string }{map[string]string{ownerID: "owner", altID: "alt"}[aws.ToString(out.Owner.ID)]}, nil
	}
}

func TestArgminOwnershipForeignObjects(t *testing.T) {
	src := func(test string) string { return argmin("ownership.rs", test) }
	key := aws.String("writer-owned")
	b := aws.String(argminBkt)
	get := argminGet(primary, "writer-owned")
	call := func(f func(ctx context.Context, c *s3.Client) (any, error)) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) { return f(ctx, primary(w, u)) }
	}
	matrix := own2Bucket(false, own2Policy(`["s3:GetObject","s3:GetObjectAcl","s3:GetObjectTagging","s3:GetObjectAttributes","s3:PutObjectAcl","s3:PutObjectTagging"]`))
	mx := src("test_bucket_policy_foreign_owned_object_access_matrix_matches_aws")
	overwrite := own2Bucket(false, own2Policy(`"s3:PutObject"`))
	put := call(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: key, Body: strings.NewReader("owner-data")})
	})
	readable := own2Bucket(false, own2Policy(`"s3:GetObject"`))
	cases := []Case{
		argminCase("GetObject/ObjectWriter at creation: the bucket owner may not read another account's object", src("test_create_time_object_writer_bucket_policy_does_not_grant_bucket_owner_read_of_private_foreign_owned_object"),
			own2Bucket(false, own2Policy(`"s3:GetObject"`)), get, argminDenied),
		argminCase("GetObject/the policy's owner access: denied", mx, matrix, get, argminDenied),
		argminCase("HeadObject/the policy's owner access: denied", mx, matrix, call(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: key})
		}), Want{Status: http.StatusForbidden, Code: "Forbidden"}),
		argminCase("GetObjectAttributes/the policy's owner access: denied", mx, matrix, call(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: b, Key: key, ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesObjectSize}})
		}), argminDenied),
		argminCase("GetObjectAcl/the policy's owner access: denied", mx, matrix, own2Owner(primary), argminDenied),
		argminCase("GetObjectTagging/the policy's owner access: allowed", mx, matrix, argminTagging(primary, false), Want{}),
		argminCase("PutObjectAcl/the policy's owner access: denied", mx, matrix, call(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: b, Key: key, ACL: types.ObjectCannedACLPrivate})
		}), argminDenied),
		argminCase("PutObjectTagging/the policy's owner access: allowed", mx, matrix, argminTagging(primary, true), Want{}),
		argminCase("PutObject/the bucket owner overwrites another account's object", src("test_bucket_policy_allows_bucket_owner_put_object_overwrite_of_private_foreign_owned_object"),
			overwrite, put, Want{}),
		argminCase("GetObject/the bucket owner's overwrite", src("test_bucket_policy_allows_bucket_owner_put_object_overwrite_of_private_foreign_owned_object"),
			append(overwrite[:len(overwrite):len(overwrite)], objStep(put)), get, Want{Fields: map[string]any{"Body": "owner-data"}}),
		argminCase("DeleteObject/the bucket owner deletes another account's object", src("test_bucket_owner_can_delete_private_foreign_owned_object"),
			own2Bucket(false, own2Policy("")), call(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: key})
			}), Want{Status: http.StatusNoContent}),
		argminCase("CopyObject/the bucket owner copies another account's object", src("test_bucket_policy_does_not_grant_bucket_owner_copy_object_from_private_foreign_owned_object"),
			readable, call(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: b, Key: aws.String("copied"), CopySource: aws.String(argminBkt + "/writer-owned")})
			}), argminDenied),
		argminCase("UploadPartCopy/the bucket owner copies another account's object", src("test_bucket_policy_does_not_grant_bucket_owner_upload_part_copy_from_private_foreign_owned_object"),
			readable, call(func(ctx context.Context, c *s3.Client) (any, error) {
				up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String("copied-mpu")})
				if err != nil {
					return nil, err
				}
				return c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: b, Key: aws.String("copied-mpu"), UploadId: up.UploadId,
					PartNumber: aws.Int32(1), CopySource: aws.String(argminBkt + "/writer-owned")})
			}), argminDenied),
	}
	Run(t, append(cases, own2BOECases()...))
}

// own2BOECases are the probe_bucket_owner_enforced tests: another
// account's object in an ObjectWriter bucket is its own until
// BucketOwnerEnforced hands it to the bucket owner, and its own again
// once the ownership controls are deleted.
func own2BOECases() []Case {
	var cases []Case
	for _, p := range []struct {
		test   string
		later  bool
		policy string
	}{
		{"test_probe_bucket_owner_enforced_bucket_policy_get_object_sequence_for_pre_boe_foreign_owned_object", false, own2Policy(`"s3:GetObject"`)},
		{"test_probe_bucket_owner_enforced_bucket_policy_get_object_sequence_for_post_creation_object_writer_foreign_owned_object", true, own2Policy(`"s3:GetObject"`)},
		{"test_probe_bucket_owner_enforced_get_object_sequence_without_read_policy_for_pre_boe_foreign_owned_object", false, own2Policy("")},
	} {
		src := argmin("ownership.rs", p.test)
		n := map[bool]string{false: "ObjectWriter at creation", true: "ObjectWriter set later"}[p.later]
		if p.policy == own2Policy("") {
			n += ", no read policy"
		}
		before := own2Bucket(p.later, p.policy)
		during := own2Bucket(p.later, p.policy, own2Ownership(types.ObjectOwnershipBucketOwnerEnforced))
		after := own2Bucket(p.later, p.policy, own2Ownership(types.ObjectOwnershipBucketOwnerEnforced), own2Ownership(""))
		get := argminGet(primary, "writer-owned")
		cases = append(cases,
			argminCase("GetObjectAcl/"+n+": another account's object is its own", src, before, own2Owner(altClient), Want{Fields: map[string]any{"Owner": "alt"}}),
			argminCase("GetObject/"+n+": the bucket owner may not read it", src, before, get, argminDenied),
			argminCase("GetObjectAcl/"+n+": BucketOwnerEnforced gives it to the bucket owner", src, during, own2Owner(primary), Want{Fields: map[string]any{"Owner": "owner"}}),
			argminCase("GetObject/"+n+": the bucket owner reads it under BucketOwnerEnforced", src, during, get, Want{Fields: map[string]any{"Body": "data"}}),
			argminCase("GetObjectAcl/"+n+": deleting the ownership controls gives it back", src, after, own2Owner(altClient), Want{Fields: map[string]any{"Owner": "alt"}}),
			argminCase("GetObject/"+n+": the bucket owner may not read it again", src, after, get, argminDenied))
	}
	return cases
}

// own2BOEBucket creates argminBkt with ownership at creation.
func own2BOEBucket(o types.ObjectOwnership) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(argminBkt), ObjectOwnership: o})
		return err
	}
}

func TestArgminOwnershipControls(t *testing.T) {
	src := func(test string) string { return argmin("ownership.rs", test) }
	b := aws.String(argminBkt)
	call := func(f func(ctx context.Context, c *s3.Client) (any, error)) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) { return f(ctx, primary(w, u)) }
	}
	getOC := call(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b})
	})
	delOC := call(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: b})
	})
	boe := argminSteps(own2BOEBucket(types.ObjectOwnershipBucketOwnerEnforced))
	withSrc := argminSteps(own2BOEBucket(types.ObjectOwnershipBucketOwnerEnforced), argminPut("put-object-no-acl", "data", ""))
	enforced := src("test_create_bucket_bucket_owner_enforced")
	noACL := Want{Status: http.StatusBadRequest, Code: "AccessControlListNotSupported"}
	put := func(acl types.ObjectCannedACL) objCall {
		return objPut(primary, "put-object-"+string(acl), "data", func(in *s3.PutObjectInput) { in.ACL = acl })
	}
	cp := func(acl types.ObjectCannedACL) objCall {
		return call(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: b, Key: aws.String("copy-object-" + string(acl)),
				CopySource: aws.String(argminBkt + "/put-object-no-acl"), ACL: acl})
		})
	}
	mpu := func(acl types.ObjectCannedACL) objCall {
		return call(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String("mpu-" + string(acl)), ACL: acl})
		})
	}
	putBOE := call(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b,
			OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerEnforced}}}})
	})
	granted := argminSteps(own2BOEBucket(types.ObjectOwnershipBucketOwnerPreferred), argminGrantAlt(types.PermissionRead))
	lifecycle := src("test_bucket_create_delete_bucket_ownership")
	cases := []Case{
		argminCase("GetBucketOwnershipControls/BucketOwnerEnforced put", lifecycle,
			argminSteps(argminBucket(false, types.ObjectOwnershipBucketOwnerEnforced)), getOC,
			Want{Fields: map[string]any{"OwnershipControls.Rules": Len(1), "OwnershipControls.Rules[0].ObjectOwnership": "BucketOwnerEnforced"}}),
		argminCase("GetBucketOwnershipControls/after their delete", lifecycle,
			argminSteps(argminBucket(false, types.ObjectOwnershipBucketOwnerEnforced), objStep(delOC)), getOC, Want{Refused: true}),
		argminCase("DeleteBucketOwnershipControls/again", lifecycle,
			argminSteps(argminBucket(false, types.ObjectOwnershipBucketOwnerEnforced), objStep(delOC)), delOC, Want{Status: http.StatusNoContent}),
		argminCase("GetBucketOwnershipControls/BucketOwnerEnforced at creation", enforced, boe, getOC,
			Want{Fields: map[string]any{"OwnershipControls.Rules[0].ObjectOwnership": "BucketOwnerEnforced"}}),
		argminCase("PutBucketAcl/private under BucketOwnerEnforced", enforced, boe, call(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPrivate})
		}), noACL),
		argminCase("PutObjectOwnershipControls/BucketOwnerEnforced while the bucket ACL grants another account", src("test_put_bucket_ownership_enforced_rejects_external_bucket_acl"),
			granted, putBOE, Want{Refused: true, Status: http.StatusBadRequest}),
		argminCase("PutBucketOwnershipControls/BucketOwnerEnforced once the ACL is private", src("test_put_bucket_ownership_enforced_rejects_external_bucket_acl"),
			append(granted[:len(granted):len(granted)], argminBucketACL(types.BucketCannedACLPrivate)), putBOE, Want{}),
		argminCase("PutObject/x-amz-grant-read of another account under BucketOwnerEnforced", src("test_bucket_owner_enforced_rejects_object_acl"), boe,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				_, altID, err := objIDs(ctx, w)
				if err != nil {
					return nil, err
				}
				return w.Signed(ctx, u.primary, http.MethodPut, objKeyPath("testkey"), []byte("hello"),
					http.Header{"X-Amz-Grant-Read": {`id="` + altID + `"`}})
			}, Want{Refused: true, Status: http.StatusBadRequest}),
		argminCase("PutObject/no ACL under BucketOwnerEnforced, key testkey", src("test_bucket_owner_enforced_rejects_object_acl"), boe,
			objPut(primary, "testkey", "hello", nil), Want{}),
		argminCase("PutObject/bucket-owner-full-control under BucketOwnerEnforced, on its own", src("test_bucket_owner_enforced_allows_bucket_owner_full_control"), boe,
			put(types.ObjectCannedACLBucketOwnerFullControl), Want{}),
	}
	for _, acl := range []types.ObjectCannedACL{"", types.ObjectCannedACLBucketOwnerFullControl, types.ObjectCannedACLPrivate,
		types.ObjectCannedACLPublicRead, types.ObjectCannedACLBucketOwnerRead} {
		want, n := Want{}, string(acl)
		if acl == types.ObjectCannedACLPublicRead {
			want = noACL
		}
		if n == "" {
			n = "no ACL"
		}
		cases = append(cases,
			argminCase("PutObject/"+n+" under BucketOwnerEnforced", enforced, boe, put(acl), want),
			argminCase("CopyObject/"+n+" under BucketOwnerEnforced", enforced, withSrc, cp(acl), want))
		if acl != types.ObjectCannedACLPublicRead {
			cases = append(cases, argminCase("CreateMultipartUpload/"+n+" under BucketOwnerEnforced", enforced, boe, mpu(acl), Want{}))
		}
	}
	Run(t, cases)
}
