package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's expected_bucket_owner.rs the first audit left
// uncited: UploadPartCopy with x-amz-expected-bucket-owner and
// x-amz-source-expected-bucket-owner, and the Object Lock operations
// (bucket configuration, retention, legal hold). The suite's
// expect_owner_denied wants 403 AccessDenied for another account's id
// (its WRONG_OWNER), expect_owner_ok the answer for the owner's own.

// eboOp is one operation of the file's expect_owner_denied /
// expect_owner_ok pairs: call with the expected bucket owner given.
type eboOp struct {
	name, test string
	steps      []argminStep
	call       func(ctx context.Context, c *s3.Client, expected *string) (any, error)
	ok         Want
}

// cases are the operation refused for another expected owner and served
// for the bucket owner's account.
func (op eboOp) cases() []Case {
	src := argmin("expected_bucket_owner.rs", op.test)
	with := func(expected string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return op.call(ctx, primary(w, u), aws.String(expected))
		}
	}
	return []Case{
		argminCase(op.name+"/another expected bucket owner", src, op.steps, with(argminWrongOwner), argminDenied),
		argminCase(op.name+"/the bucket owner's account expected", src, op.steps, with(owner), op.ok),
	}
}

// eboLockBucket is the file's create_object_lock_bucket, with key
// written (its put_object_bytes) when not "".
func eboLockBucket(key, body string, extra ...argminStep) []argminStep {
	steps := argminSteps(olkLockBucket)
	if key != "" {
		steps = append(steps, objStep(objPut(primary, key, body, nil)))
	}
	return append(steps, extra...)
}

func TestArgminExpectedOwnerObjectLock(t *testing.T) {
	b := aws.String(argminBkt)
	// simple_object_lock_configuration; governance_retention_tomorrow.
	cfg := olkDays(types.ObjectLockRetentionModeGovernance, 1, 0)
	until := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	retention := olkRetention(types.ObjectLockRetentionModeGovernance, until)
	hold := &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}
	putConfig := objStep(olkPutConfig(primary, cfg))
	putRetention := objStep(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: b, Key: aws.String("retention"), Retention: retention})
	})
	putHold := objStep(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: b, Key: aws.String("hold"), LegalHold: hold})
	})
	ops := []eboOp{
		{"PutObjectLockConfiguration", "test_object_lock_configuration_expected_bucket_owner", eboLockBucket("", ""),
			func(ctx context.Context, c *s3.Client, e *string) (any, error) {
				return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: b, ObjectLockConfiguration: cfg, ExpectedBucketOwner: e})
			}, Want{}},
		{"GetObjectLockConfiguration", "test_object_lock_configuration_expected_bucket_owner", eboLockBucket("", "", putConfig),
			func(ctx context.Context, c *s3.Client, e *string) (any, error) {
				return c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: b, ExpectedBucketOwner: e})
			}, Want{Fields: map[string]any{"ObjectLockConfiguration.ObjectLockEnabled": "Enabled",
				"ObjectLockConfiguration.Rule.DefaultRetention.Mode": "GOVERNANCE", "ObjectLockConfiguration.Rule.DefaultRetention.Days": 1,
				"ObjectLockConfiguration.Rule.DefaultRetention.Years": Absent}}},
		{"PutObjectRetention", "test_object_retention_expected_bucket_owner", eboLockBucket("retention", "retained"),
			func(ctx context.Context, c *s3.Client, e *string) (any, error) {
				return c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: b, Key: aws.String("retention"), Retention: retention, ExpectedBucketOwner: e})
			}, Want{}},
		{"GetObjectRetention", "test_object_retention_expected_bucket_owner", eboLockBucket("retention", "retained", putRetention),
			func(ctx context.Context, c *s3.Client, e *string) (any, error) {
				return c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: b, Key: aws.String("retention"), ExpectedBucketOwner: e})
			}, olkRetained("GOVERNANCE", until)},
		{"PutObjectLegalHold", "test_object_legal_hold_expected_bucket_owner", eboLockBucket("hold", "held"),
			func(ctx context.Context, c *s3.Client, e *string) (any, error) {
				return c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: b, Key: aws.String("hold"), LegalHold: hold, ExpectedBucketOwner: e})
			}, Want{}},
		{"GetObjectLegalHold", "test_object_legal_hold_expected_bucket_owner", eboLockBucket("hold", "held", putHold),
			func(ctx context.Context, c *s3.Client, e *string) (any, error) {
				return c.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: b, Key: aws.String("hold"), ExpectedBucketOwner: e})
			}, olkHeld("ON")},
	}
	var cases []Case
	for _, op := range ops {
		cases = append(cases, op.cases()...)
	}
	Run(t, cases)
}

// eboUpload is one case's multipart upload of "dst", begun in its set-up
// (each case builds its own; see eboPartCopyCase).
type eboUpload struct{ id *string }

// eboPartCopySize is the file's PART_SIZE: the source "src" is that many
// bytes 'b'.
const eboPartCopySize = 5 * 1024 * 1024

// eboPartCopyCase is a case of test_upload_part_copy_expected_bucket_owner:
// "src" written, an upload of "dst" begun, then UploadPartCopy of "src"
// as part 1 with the two expected owners given, followed by then (nil:
// none) on the copied part.
func eboPartCopyCase(name string, dest, source string, then func(ctx context.Context, c *s3.Client, up *eboUpload, part *s3.UploadPartCopyOutput) (any, error), want Want) Case {
	up := &eboUpload{}
	b := aws.String(argminBkt)
	begin := objStep(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String("dst")})
		if err == nil {
			up.id = out.UploadId
		}
		return out, err
	})
	steps := objBucket(objStep(objPut(primary, "src", strings.Repeat("b", eboPartCopySize), nil)), begin)
	return argminCase(name, argmin("expected_bucket_owner.rs", "test_upload_part_copy_expected_bucket_owner"), steps,
		func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			c := primary(w, u)
			part, err := c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: b, Key: aws.String("dst"), UploadId: up.id, PartNumber: aws.Int32(1),
				CopySource: aws.String(argminBkt + "/src"), ExpectedBucketOwner: aws.String(dest), ExpectedSourceBucketOwner: aws.String(source)})
			if err != nil || then == nil {
				return part, err
			}
			return then(ctx, c, up, part)
		}, want)
}

func TestArgminExpectedOwnerUploadPartCopy(t *testing.T) {
	completeAndHead := func(ctx context.Context, c *s3.Client, up *eboUpload, part *s3.UploadPartCopyOutput) (any, error) {
		b, k := aws.String(argminBkt), aws.String("dst")
		done, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.id,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: part.CopyPartResult.ETag}}}})
		if err != nil {
			return done, err
		}
		return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: k})
	}
	Run(t, []Case{
		eboPartCopyCase("UploadPartCopy/another expected bucket owner", argminWrongOwner, owner, nil, argminDenied),
		eboPartCopyCase("UploadPartCopy/another expected source bucket owner", owner, argminWrongOwner, nil, argminDenied),
		eboPartCopyCase("UploadPartCopy/both owners as expected", owner, owner, nil,
			Want{Fields: map[string]any{"CopyPartResult.ETag": Present}}),
		eboPartCopyCase("HeadObject/the upload completed with the part copied", owner, owner, completeAndHead,
			Want{Status: http.StatusOK, Fields: map[string]any{"ContentLength": eboPartCopySize}}),
	})
}
