package golden

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// objPrimaryBucketWith creates argminBkt as the primary user with in's
// options (ObjectOwnership, ObjectLockEnabledForBucket).
func objPrimaryBucketWith(in s3.CreateBucketInput) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		in := in // a step shared by parallel cases writes only its own copy
		in.Bucket = aws.String(argminBkt)
		_, err := primary(w, u).CreateBucket(ctx, &in)
		return err
	}
}

// objOnVersion calls next with c and key's current version id.
func objOnVersion(c objClient, key string, next func(ctx context.Context, c *s3.Client, version *string) (any, error)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		head, err := primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return head, err
		}
		return next(ctx, c(w, u), head.VersionId)
	}
}

func TestArgminObjAdminRoot(t *testing.T) {
	src := func(test string) string { return argmin("object_admin_root.rs", test) }
	b := aws.String(argminBkt)
	aclBucket := objPrimaryBucketWith(s3.CreateBucketInput{ObjectOwnership: types.ObjectOwnershipObjectWriter})
	lockBucket := objPrimaryBucketWith(s3.CreateBucketInput{ObjectLockEnabledForBucket: aws.Bool(true)})
	getACL := func(c objClient, key string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return c(w, u).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String(key)})
		}
	}
	putACL := func(c objClient, key string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return c(w, u).PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String(key), ACL: types.ObjectCannedACLPrivate})
		}
	}
	tagged := func(c objClient, key, value string) argminStep {
		return objStep(objPut(c, key, "body", func(in *s3.PutObjectInput) { in.Tagging = aws.String("env=" + value) }))
	}
	getTags := func(c objClient, key string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return c(w, u).GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: aws.String(key)})
		}
	}
	putTags := func(c objClient, key string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return c(w, u).PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b, Key: aws.String(key),
				Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("env"), Value: aws.String("root")}}}})
		}
	}
	delTags := func(c objClient, key string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return c(w, u).DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: b, Key: aws.String(key)})
		}
	}
	tag := func(value string) Want {
		return Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "env", "TagSet[0].Value": value}}
	}
	retain := func(c objClient, key string, days int) objCall {
		return objOnVersion(c, key, func(ctx context.Context, cl *s3.Client, v *string) (any, error) {
			until := time.Now().Add(time.Duration(days) * 24 * time.Hour).UTC().Truncate(time.Second)
			if _, err := cl.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: b, Key: aws.String(key), VersionId: v,
				Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: aws.Time(until)}}); err != nil {
				return nil, err
			}
			return cl.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: b, Key: aws.String(key), VersionId: v})
		})
	}
	hold := func(c objClient, key string) objCall {
		return objOnVersion(c, key, func(ctx context.Context, cl *s3.Client, v *string) (any, error) {
			if _, err := cl.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: b, Key: aws.String(key), VersionId: v,
				LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}}); err != nil {
				return nil, err
			}
			return cl.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: b, Key: aws.String(key), VersionId: v})
		})
	}
	bypass := func(c objClient, key string) objCall {
		return objOnVersion(c, key, func(ctx context.Context, cl *s3.Client, v *string) (any, error) {
			return cl.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: aws.String(key), VersionId: v, BypassGovernanceRetention: aws.Bool(true)})
		})
	}
	retained := Want{Fields: map[string]any{"Retention.Mode": "GOVERNANCE", "Retention.RetainUntilDate": Present}}
	held := Want{Fields: map[string]any{"LegalHold.Status": "ON"}}
	Run(t, []Case{
		argminCase("GetObjectAcl/the root, of its user's object", src("test_same_account_root_and_non_root_object_acl_admin"),
			argminSteps(aclBucket, objStep(objPut(primary, "non-root-object", "one", nil))), getACL(rootClient, "non-root-object"), Want{}),
		argminCase("PutObjectAcl/the root, of its user's object", src("test_same_account_root_and_non_root_object_acl_admin"),
			argminSteps(aclBucket, objStep(objPut(primary, "non-root-object", "one", nil))), putACL(rootClient, "non-root-object"), Want{}),
		argminCase("GetObjectAcl/a user, of its root's object", src("test_same_account_root_and_non_root_object_acl_admin"),
			argminSteps(aclBucket, objStep(objPut(rootClient, "root-object", "two", nil))), getACL(primary, "root-object"), Want{}),
		argminCase("PutObjectAcl/a user, of its root's object", src("test_same_account_root_and_non_root_object_acl_admin"),
			argminSteps(aclBucket, objStep(objPut(rootClient, "root-object", "two", nil))), putACL(primary, "root-object"), Want{}),
		argminCase("GetObjectTagging/the root, of its user's object", src("test_same_account_root_and_non_root_object_tagging_admin"),
			argminSteps(objPrimaryBucket, tagged(primary, "non-root-object", "owner")), getTags(rootClient, "non-root-object"), tag("owner")),
		argminCase("PutObjectTagging/the root, of its user's object", src("test_same_account_root_and_non_root_object_tagging_admin"),
			argminSteps(objPrimaryBucket, tagged(primary, "non-root-object", "owner")),
			objSeq(putTags(rootClient, "non-root-object"), getTags(primary, "non-root-object")), tag("root")),
		argminCase("GetObjectTagging/a user, of its root's object", src("test_same_account_root_and_non_root_object_tagging_admin"),
			argminSteps(objPrimaryBucket, tagged(rootClient, "root-object", "root")), getTags(primary, "root-object"), tag("root")),
		argminCase("DeleteObjectTagging/a user, of its root's object", src("test_same_account_root_and_non_root_object_tagging_admin"),
			argminSteps(objPrimaryBucket, tagged(rootClient, "root-object", "root")),
			objSeq(delTags(primary, "root-object"), getTags(rootClient, "root-object")), Want{Fields: map[string]any{"TagSet": Len(0)}}),
		argminCase("PutObjectRetention/the root, of its user's version", src("test_same_account_root_and_non_root_object_retention_admin"),
			argminSteps(lockBucket, objStep(objPut(primary, "non-root-object", "one", nil))), retain(rootClient, "non-root-object", 1), retained),
		argminCase("PutObjectRetention/a user, of its root's version", src("test_same_account_root_and_non_root_object_retention_admin"),
			argminSteps(lockBucket, objStep(objPut(rootClient, "root-object", "two", nil))), retain(primary, "root-object", 2), retained),
		argminCase("PutObjectLegalHold/the root, of its user's version", src("test_same_account_root_and_non_root_object_legal_hold_admin"),
			argminSteps(lockBucket, objStep(objPut(primary, "non-root-object", "one", nil))), hold(rootClient, "non-root-object"), held),
		argminCase("PutObjectLegalHold/a user, of its root's version", src("test_same_account_root_and_non_root_object_legal_hold_admin"),
			argminSteps(lockBucket, objStep(objPut(rootClient, "root-object", "two", nil))), hold(primary, "root-object"), held),
		argminCase("DeleteObject/the root bypasses governance on its user's version", src("test_same_account_root_and_non_root_bypass_governance_delete_object_version"),
			argminSteps(lockBucket, objStep(objPut(primary, "non-root-object", "one", nil)), objStep(retain(primary, "non-root-object", 2))),
			bypass(rootClient, "non-root-object"), Want{Status: 204}),
		argminCase("DeleteObject/a user bypasses governance on its root's version", src("test_same_account_root_and_non_root_bypass_governance_delete_object_version"),
			argminSteps(lockBucket, objStep(objPut(rootClient, "root-object", "two", nil)), objStep(retain(rootClient, "root-object", 2))),
			bypass(primary, "root-object"), Want{Status: 204}),
	})
}
