package golden

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// justincormack/argmin crates/s3-tests/tests/object_lock.rs: the
// object-lock headers of PutObject, CopyObject and CreateMultipartUpload,
// and the deletes a retention or legal hold refuses. Asserted against AWS
// S3 (2026).

// olkCopyFrom copies objBkt2/src into argminBkt's olkKey as the primary
// user with the object-lock headers of until and hold (the suite's
// copy_object with object_lock_*), recording the version.
func (s *olk) copyFrom(until time.Time, hold types.ObjectLockLegalHoldStatus) objCall {
	return s.record(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(olkKey),
			CopySource: aws.String(objBkt2 + "/src"), ObjectLockMode: types.ObjectLockModeGovernance,
			ObjectLockRetainUntilDate: aws.Time(until), ObjectLockLegalHoldStatus: hold})
	})
}

// olkSource is a plain second bucket with key "src".
func olkSource() []argminStep {
	return argminSteps(func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := primary(w, u).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(objBkt2)})
		return err
	}, func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(objBkt2), Key: aws.String("src"), Body: http.NoBody})
		return err
	})
}

// olkLockedHead wants HeadObject's object-lock fields.
func olkLockedHead(until time.Time) Want {
	return Want{Fields: map[string]any{"ObjectLockMode": "GOVERNANCE", "ObjectLockRetainUntilDate": until.Format(time.RFC3339),
		"ObjectLockLegalHoldStatus": "ON"}}
}

func TestArgminObjLockWrites(t *testing.T) {
	src := func(test string) string { return argmin("object_lock.rs", test) }
	gov, on := types.ObjectLockRetentionModeGovernance, types.ObjectLockLegalHoldStatusOn
	day := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	past := time.Now().Add(-time.Minute).UTC().Truncate(time.Second)
	c := func(name, test string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
		return olkCase(name, src(test), build, want)
	}
	invalidReq := Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}
	invalidArg := Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}
	notFound := Want{Status: http.StatusNotFound, Code: "NotFound"}
	head := objHead(primary, olkKey, nil)
	lockHeaders := olkUploadLockHeaders(day)
	Run(t, []Case{
		c("GetObjectRetention/set by PutObject's headers", "test_object_lock_put_object_headers_persist", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.put(olkKey, "abc", olkLockHeaders(day, on))), s.getRetention(primary, 0)
		}, olkRetained("GOVERNANCE", day)),
		c("GetObjectLegalHold/set by PutObject's headers", "test_object_lock_put_object_headers_persist", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.put(olkKey, "abc", olkLockHeaders(day, on))), s.getHold(primary, 0)
		}, olkHeld("ON")),
		c("HeadObject/the lock set by PutObject's headers", "test_object_lock_uploading_obj", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.put(olkKey, "abc", olkLockHeaders(day, on))), head
		}, olkLockedHead(day)),
		c("HeadObject/the lock set by PutObjectLegalHold and PutObjectRetention", "test_object_lock_get_obj_metadata", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.put(olkKey, "abc", nil), objStep(s.putHold(primary, -1, on)),
				objStep(s.putRetention(primary, -1, olkRetention(gov, day), false))), head
		}, olkLockedHead(day)),
		c("PutObject/object-lock headers on a bucket without Object Lock", "test_object_lock_put_object_headers_invalid_bucket", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(objPrimaryBucket), objPut(primary, olkKey, "abc", olkLockHeaders(day, ""))
		}, invalidReq),
		c("PutObject/a retain-until date in the past", "test_object_lock_put_object_headers_reject_past_retain_until", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket), objPut(primary, olkKey, "abc", olkLockHeaders(past, ""))
		}, invalidArg),
		c("HeadObject/the refused past retain-until date wrote nothing", "test_object_lock_put_object_headers_reject_past_retain_until", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, objIgnore(objPut(primary, olkKey, "abc", olkLockHeaders(past, "")))), head
		}, notFound),
		c("GetObjectRetention/set by CopyObject's headers", "test_object_lock_copy_object_headers_persist", func(s *olk) ([]argminStep, objCall) {
			return append(olkSource(), olkLockBucket, objStep(s.copyFrom(day, on))), s.getRetention(primary, 0)
		}, olkRetained("GOVERNANCE", day)),
		c("GetObjectLegalHold/set by CopyObject's headers", "test_object_lock_copy_object_headers_persist", func(s *olk) ([]argminStep, objCall) {
			return append(olkSource(), olkLockBucket, objStep(s.copyFrom(day, on))), s.getHold(primary, 0)
		}, olkHeld("ON")),
		c("CopyObject/a retain-until date in the past", "test_object_lock_copy_object_headers_reject_past_retain_until", func(s *olk) ([]argminStep, objCall) {
			return append(olkSource(), olkLockBucket), s.copyFrom(past, "")
		}, invalidArg),
		c("HeadObject/the refused copy wrote nothing", "test_object_lock_copy_object_headers_reject_past_retain_until", func(s *olk) ([]argminStep, objCall) {
			return append(olkSource(), olkLockBucket, objIgnore(s.copyFrom(past, ""))), head
		}, notFound),
		c("GetObjectRetention/set by CreateMultipartUpload's headers", "test_object_lock_create_multipart_upload_headers_persist", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.upload(olkKey, lockHeaders)), s.getRetention(primary, 0)
		}, olkRetained("GOVERNANCE", day)),
		c("GetObjectLegalHold/set by CreateMultipartUpload's headers", "test_object_lock_create_multipart_upload_headers_persist", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.upload(olkKey, lockHeaders)), s.getHold(primary, 0)
		}, olkHeld("ON")),
		c("CreateMultipartUpload/a retain-until date in the past", "test_object_lock_create_multipart_upload_headers_reject_past_retain_until",
			func(s *olk) ([]argminStep, objCall) {
				return argminSteps(olkLockBucket), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					return primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(olkKey),
						ObjectLockMode: types.ObjectLockModeGovernance, ObjectLockRetainUntilDate: aws.Time(past)})
				}
			}, invalidArg),
	})
}

func TestArgminObjLockDeletes(t *testing.T) {
	src := func(test string) string { return argmin("object_lock.rs", test) }
	gov, on, off := types.ObjectLockRetentionModeGovernance, types.ObjectLockLegalHoldStatusOn, types.ObjectLockLegalHoldStatusOff
	day := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	c := func(name, test string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
		return olkCase(name, src(test), build, want)
	}
	retained := func(s *olk) []argminStep {
		return argminSteps(olkLockBucket, s.put(olkKey, "abc", nil), objStep(s.putRetention(primary, -1, olkRetention(gov, day), false)))
	}
	multi := func(s *olk, bypass bool, keys ...string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			var ids []types.ObjectIdentifier
			for i, k := range keys {
				ids = append(ids, types.ObjectIdentifier{Key: aws.String(k), VersionId: s.at(i)})
			}
			in := &s3.DeleteObjectsInput{Bucket: aws.String(argminBkt), Delete: &types.Delete{Objects: ids}}
			if bypass {
				in.BypassGovernanceRetention = aws.Bool(true)
			}
			return primary(w, u).DeleteObjects(ctx, in)
		}
	}
	twoKeys := func(s *olk) []argminStep {
		return argminSteps(olkLockBucket, s.put(olkKey, "abc", nil), s.put("file2", "abc", nil),
			objStep(s.putRetention(primary, -1, olkRetention(gov, day), false)))
	}
	Run(t, []Case{
		c("DeleteObject/a version under GOVERNANCE retention", "test_object_lock_delete_object_with_retention", func(s *olk) ([]argminStep, objCall) {
			return retained(s), s.delete(primary, 0, false)
		}, argminDenied),
		c("DeleteObject/a multipart version under GOVERNANCE retention", "test_object_lock_delete_multipart_object_with_retention", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.upload(olkKey, func(in *s3.CreateMultipartUploadInput) {
				in.ObjectLockMode, in.ObjectLockRetainUntilDate = types.ObjectLockModeGovernance, aws.Time(day)
			})), s.delete(primary, 0, false)
		}, argminDenied),
		c("DeleteObject/without a version, a retained object gets a delete marker", "test_object_lock_delete_object_with_retention_and_marker",
			func(s *olk) ([]argminStep, objCall) { return retained(s), s.delete(primary, -1, false) },
			Want{Status: http.StatusNoContent, Fields: map[string]any{"DeleteMarker": true}}),
		c("DeleteObject/a retained version behind a delete marker", "test_object_lock_delete_object_with_retention_and_marker", func(s *olk) ([]argminStep, objCall) {
			return append(retained(s), objStep(s.record(s.delete(primary, -1, false)))), s.delete(primary, 0, false)
		}, argminDenied),
		c("DeleteObject/a retained version once its delete marker is gone", "test_object_lock_delete_object_with_retention_and_marker", func(s *olk) ([]argminStep, objCall) {
			return append(retained(s), objStep(s.record(s.delete(primary, -1, false))), objStep(s.delete(primary, 1, false))), s.delete(primary, 0, false)
		}, argminDenied),
		c("DeleteObjects/a retained version fails, the other is deleted", "test_object_lock_multi_delete_object_with_retention", func(s *olk) ([]argminStep, objCall) {
			return twoKeys(s), multi(s, false, olkKey, "file2")
		}, Want{Fields: map[string]any{"Deleted": Len(1), "Errors": Len(1), "Errors[0].Code": "AccessDenied", "Errors[0].Key": olkKey,
			"Deleted[0].Key": "file2"}}),
		c("DeleteObjects/with bypass the retained version is deleted", "test_object_lock_multi_delete_object_with_retention", func(s *olk) ([]argminStep, objCall) {
			return append(twoKeys(s), objIgnore(multi(s, false, olkKey, "file2"))), multi(s, true, olkKey)
		}, Want{Fields: map[string]any{"Deleted": Len(1), "Errors": Len(0), "Deleted[0].Key": olkKey}}),
		c("DeleteObject/a version under legal hold", "test_object_lock_delete_object_with_legal_hold_on", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.put(olkKey, "abc", nil), objStep(s.putHold(primary, -1, on))), s.delete(primary, 0, false)
		}, argminDenied),
		c("DeleteObject/a multipart version under legal hold", "test_object_lock_delete_multipart_object_with_legal_hold_on", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.upload(olkKey, func(in *s3.CreateMultipartUploadInput) { in.ObjectLockLegalHoldStatus = on })),
				s.delete(primary, 0, false)
		}, argminDenied),
		c("DeleteObject/a version whose legal hold is OFF", "test_object_lock_delete_object_with_legal_hold_off", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.put(olkKey, "abc", nil), objStep(s.putHold(primary, -1, off))), s.delete(primary, 0, false)
		}, Want{Status: http.StatusNoContent}),
	})
}

// olkUploadLockHeaders sets a CreateMultipartUpload's lock headers:
// GOVERNANCE until day, legal hold ON.
func olkUploadLockHeaders(day time.Time) func(*s3.CreateMultipartUploadInput) {
	return func(in *s3.CreateMultipartUploadInput) {
		in.ObjectLockMode, in.ObjectLockRetainUntilDate = types.ObjectLockModeGovernance, aws.Time(day)
		in.ObjectLockLegalHoldStatus = types.ObjectLockLegalHoldStatusOn
	}
}
