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

// justincormack/argmin crates/s3-tests/tests/object_lock_acl.rs (an
// ObjectWriter object-lock bucket) and public_access_object_lock.rs (a
// public-read-write object-lock bucket: anonymous and other-account
// callers). Asserted against AWS S3 (2026).

func TestArgminObjLockACLBucket(t *testing.T) {
	src := func(test string) string { return argmin("object_lock_acl.rs", test) }
	gov, on, off := types.ObjectLockRetentionModeGovernance, types.ObjectLockLegalHoldStatusOn, types.ObjectLockLegalHoldStatusOff
	day := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	// aclLock is setup_acl_object_lock_bucket: Object Lock and ObjectWriter.
	aclLock := objPrimaryBucketWith(s3.CreateBucketInput{ObjectLockEnabledForBucket: aws.Bool(true), ObjectOwnership: types.ObjectOwnershipObjectWriter})
	c := func(name, test string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
		return olkCase(name, src(test), build, want)
	}
	lockHeaders := olkUploadLockHeaders(day)
	Run(t, []Case{
		c("GetObjectRetention/set by PutObject's headers", "test_object_lock_acl_put_object_headers_persist", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(aclLock, s.put(olkKey, "abc", olkLockHeaders(day, on))), s.getRetention(primary, 0)
		}, olkRetained("GOVERNANCE", day)),
		c("GetObjectLegalHold/set by PutObject's headers", "test_object_lock_acl_put_object_headers_persist", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(aclLock, s.put(olkKey, "abc", olkLockHeaders(day, on))), s.getHold(primary, 0)
		}, olkHeld("ON")),
		c("GetObjectRetention/of the version named", "test_object_lock_acl_put_get_retention", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(aclLock, s.put(olkKey, "abc", nil)), objSeq(s.putRetention(primary, 0, olkRetention(gov, day), false), s.getRetention(primary, 0))
		}, olkRetained("GOVERNANCE", day)),
		c("GetObjectLegalHold/ON", "test_object_lock_acl_put_get_legal_hold", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(aclLock, s.put(olkKey, "abc", nil)), objSeq(s.putHold(primary, 0, on), s.getHold(primary, 0))
		}, olkHeld("ON")),
		c("GetObjectLegalHold/OFF after ON", "test_object_lock_acl_put_get_legal_hold", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(aclLock, s.put(olkKey, "abc", nil)), objSeq(s.putHold(primary, 0, on), s.putHold(primary, 0, off), s.getHold(primary, 0))
		}, olkHeld("OFF")),
		c("GetObjectRetention/set by CreateMultipartUpload's headers", "test_object_lock_acl_multipart_headers_persist", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(aclLock, s.upload(olkKey, lockHeaders)), s.getRetention(primary, 0)
		}, olkRetained("GOVERNANCE", day)),
		c("GetObjectLegalHold/set by CreateMultipartUpload's headers", "test_object_lock_acl_multipart_headers_persist", func(s *olk) ([]argminStep, objCall) {
			return argminSteps(aclLock, s.upload(olkKey, lockHeaders)), s.getHold(primary, 0)
		}, olkHeld("ON")),
	})
}

// olkPublicLockBucket is setup_public_write_object_lock_bucket: an
// object-lock bucket of the primary user with Block Public Access deleted,
// BucketOwnerPreferred and the public-read-write ACL.
func olkPublicLockBucket() []argminStep {
	return argminSteps(olkLockBucket, func(ctx context.Context, w *World, u *argminUsers) error {
		b := aws.String(argminBkt)
		if _, err := primary(w, u).DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b}); err != nil {
			return err
		}
		_, err := primary(w, u).PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b,
			OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred}}}})
		return err
	}, argminBucketACL(types.BucketCannedACLPublicReadWrite))
}

func TestArgminObjLockPublic(t *testing.T) {
	src := func(test string) string { return argmin("public_access_object_lock.rs", test) }
	gov := types.ObjectLockRetentionModeGovernance
	day := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	c := func(name, test string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
		return olkCase(name, src(test), build, want)
	}
	// locked: "plain" by the primary user, then olkKey retained (version 1).
	locked := func(s *olk) []argminStep {
		return append(olkPublicLockBucket(), s.put("plain", "plain", nil), s.put(olkKey, "locked", nil),
			objStep(s.putRetention(primary, 1, olkRetention(gov, day), false)))
	}
	retentionXML := olkXML("ObjectLockRetention", "<Mode>GOVERNANCE</Mode><RetainUntilDate>"+day.Format(time.RFC3339)+"</RetainUntilDate>")
	holdXML := olkXML("LegalHold", "<Status>ON</Status>")
	anon := func(method, query, body string) func(s *olk) ([]argminStep, objCall) {
		return func(s *olk) ([]argminStep, objCall) {
			var h http.Header
			if body != "" {
				h = http.Header{"Content-Md5": {argminMD5([]byte(body))}}
			}
			return append(olkPublicLockBucket(), s.put(olkKey, "locked", nil)), bktUnsigned(method, objKeyPath(olkKey)+"?"+query, h, []byte(body))
		}
	}
	anonDenied := Want{Status: http.StatusForbidden, Code: "AccessDenied"}
	Run(t, []Case{
		c("DeleteObject/another account puts a delete marker on the public-write bucket", "test_object_lock_delete_object_bypass_requires_bucket_admin",
			func(s *olk) ([]argminStep, objCall) {
				return locked(s), objDelete(altClient, "plain", nil)
			}, Want{Status: http.StatusNoContent, Fields: map[string]any{"DeleteMarker": true}}),
		c("DeleteObject/another account may not bypass governance on the public-write bucket", "test_object_lock_delete_object_bypass_requires_bucket_admin",
			func(s *olk) ([]argminStep, objCall) {
				return locked(s), s.delete(altClient, 1, true)
			}, argminDenied),
		c("GetObjectRetention/anonymous", "test_object_lock_anonymous_get_object_retention_denied_message", anon(http.MethodGet, "retention", ""), anonDenied),
		c("PutObjectRetention/anonymous", "test_object_lock_anonymous_put_object_retention_denied_message", anon(http.MethodPut, "retention", retentionXML), anonDenied),
		c("GetObjectLegalHold/anonymous", "test_object_lock_anonymous_get_object_legal_hold_denied_message", anon(http.MethodGet, "legal-hold", ""), anonDenied),
		c("PutObjectLegalHold/anonymous", "test_object_lock_anonymous_put_object_legal_hold_denied_message", anon(http.MethodPut, "legal-hold", holdXML), anonDenied),
		c("DeleteObjects/another account's bypass: the plain key gets a marker, the retained version is refused", "test_object_lock_multi_delete_bypass_requires_bucket_admin",
			func(s *olk) ([]argminStep, objCall) {
				return locked(s), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					return alt(w).DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(argminBkt), BypassGovernanceRetention: aws.Bool(true),
						Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: aws.String("plain")}, {Key: aws.String(olkKey), VersionId: s.at(1)}}}})
				}
			}, Want{Fields: map[string]any{"Deleted": Len(1), "Errors": Len(1), "Deleted[0].Key": "plain", "Deleted[0].DeleteMarker": true,
				"Deleted[0].DeleteMarkerVersionId": Present, "Errors[0].Code": "AccessDenied", "Errors[0].Key": olkKey, "Errors[0].VersionId": Present}}),
	})
}
