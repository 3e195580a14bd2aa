package golden

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// RestoreObject of an archived object (emulator/s3/restore.go).

const restoreBucket = "restore-bucket"

// archivedKey makes restoreBucket with key in storage class sc.
func archivedKey(key string, sc types.StorageClass) func(ctx context.Context, t *testing.T, w *World) {
	return func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		c := w.S3(Root(owner))
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(restoreBucket)}); err != nil {
			t.Fatalf("set-up CreateBucket: %v", err)
		}
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(restoreBucket), Key: aws.String(key),
			Body: strings.NewReader("body data"), StorageClass: sc}); err != nil {
			t.Fatalf("set-up PutObject: %v", err)
		}
	}
}

// restoreFor3Days restores key of restoreBucket for 3 days, Bulk.
func restoreFor3Days(key string) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		return w.S3(Root(owner)).RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: aws.String(restoreBucket), Key: aws.String(key),
			RestoreRequest: &types.RestoreRequest{Days: aws.Int32(3), GlacierJobParameters: &types.GlacierJobParameters{Tier: types.TierBulk}}})
	}
}

func TestS3Restore(t *testing.T) {
	Run(t, []Case{
		{
			Name:   "RestoreObject/DEEP_ARCHIVE object",
			Source: localstack("s3/test_s3.snapshot.json", "TestS3DeepArchive::test_s3_get_deep_archive_object_restore", "restore_object", "2026-02-21"),
			Setup:  archivedKey("deep", types.StorageClassDeepArchive),
			Call:   restoreFor3Days("deep"),
			Want:   Want{Status: 202},
		},
		{
			// The same text, with its request id, in an AWS CLI session
			// quoted by a public backup tool's storage tests (search
			// "candide.test.bucket.1"); AWS's older wording, "Restore is
			// not allowed, as object's storage class is not GLACIER", is
			// in github.com/bugqq/learnaws RestoreArchivedObject.java.
			Name: "RestoreObject/STANDARD object",
			Source: "aws s3api restore-object of a STANDARD object, as recorded in a public backup tool's tests " +
				"(search \"candide.test.bucket.1\"): InvalidObjectState, Restore is not allowed for the object's current storage class",
			Setup: archivedKey("warm", types.StorageClassStandard),
			Call:  restoreFor3Days("warm"),
			Want:  Want{Status: 403, Code: "InvalidObjectState", Message: "Restore is not allowed for the object's current storage class"},
		},
	})
}
