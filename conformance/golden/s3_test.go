package golden

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// owner is the account the S3 cases act as.
const owner = "111111111111"

// bucket creates a bucket owned by owner.
func bucket(ctx context.Context, t *testing.T, w *World, name string) {
	t.Helper()
	if _, err := w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("set-up CreateBucket %s: %v", name, err)
	}
}

// object puts key with body into bucket as owner.
func object(ctx context.Context, t *testing.T, w *World, bucketName, key, body string) {
	t.Helper()
	if _, err := w.S3(Root(owner)).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucketName),
		Key: aws.String(key), Body: strings.NewReader(body)}); err != nil {
		t.Fatalf("set-up PutObject %s/%s: %v", bucketName, key, err)
	}
}

func withBucket(name string) func(context.Context, *testing.T, *World) {
	return func(ctx context.Context, t *testing.T, w *World) { bucket(ctx, t, w, name) }
}

func TestS3Buckets(t *testing.T) {
	Run(t, []Case{{
		Name:   "CreateBucket/uppercase name",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3::test_s3_uppercase_bucket_name", "uppercase-bucket", "2026-02-21"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("UPPER-case-bucket")})
		},
		Want: Want{Status: 400, Code: "InvalidBucketName", Message: "The specified bucket is not valid."},
	}, {
		Name:   "DeleteBucket/no such bucket",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3::test_delete_bucket_no_such_bucket", "expected_error", "2026-02-21"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("does-not-exist-localstack-test")})
		},
		Want: Want{Status: 404, Code: "NoSuchBucket", Message: "The specified bucket does not exist"},
	}, {
		Name:   "CreateBucket/success",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3::test_create_bucket_head_bucket", "create_bucket", "2026-02-21"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("golden-create")})
		},
		Want: Want{Fields: map[string]any{"Location": "/golden-create", "BucketArn": "arn:aws:s3:::golden-create"}},
	}, {
		Name:   "HeadBucket/success",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3::test_create_bucket_head_bucket", "head_bucket_filtered_header", "2026-02-21"),
		Setup:  withBucket("golden-head"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("golden-head")})
		},
		Want: Want{Fields: map[string]any{"AccessPointAlias": false, "BucketArn": "arn:aws:s3:::golden-head",
			"BucketRegion": "us-east-1", "header:Content-Type": "application/xml"}},
	}, {
		Name:   "HeadBucket/not found",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3::test_create_bucket_head_bucket", "head_bucket_not_exist", "2026-02-21"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("golden-missing")})
		},
		// A HEAD error has no body: the SDKs name the code from the status
		// (botocore "404" / "Not Found", aws-sdk-go-v2 "NotFound" / "").
		Want: Want{Status: 404, Code: "NotFound"},
	}, {
		Name:   "ListBuckets/BucketArn",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3::test_delete_bucket_with_content", "list-buckets", "2026-02-21"),
		Setup:  withBucket("golden-list"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).ListBuckets(ctx, &s3.ListBucketsInput{})
		},
		Want: Want{Fields: map[string]any{
			"Buckets":              Len(1),
			"Buckets[0].Name":      "golden-list",
			"Buckets[0].BucketArn": "arn:aws:s3:::golden-list",
			"Owner.ID":             Present,
		}},
	}})
}

func TestS3Objects(t *testing.T) {
	Run(t, []Case{{
		Name:   "GetObject/no such bucket",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3::test_get_object_no_such_bucket", "expected_error", "2026-02-21"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("golden-missing"), Key: aws.String("k")})
		},
		Want: Want{Status: 404, Code: "NoSuchBucket", Message: "The specified bucket does not exist"},
	}, {
		Name:   "GetObject/no such key",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3::test_range_key_not_exists", "exc", "2026-02-21"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			bucket(ctx, t, w, "golden-get")
			object(ctx, t, w, "golden-get", "other-key", "x")
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("golden-get"), Key: aws.String("my-key"),
				Range: aws.String("bytes=1-2")})
		},
		Want: Want{Status: 404, Code: "NoSuchKey", Message: "The specified key does not exist."},
	}, {
		Name:   "UploadPart/no such upload",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3::test_multipart_no_such_upload", "upload-exc", "2026-02-21"),
		Setup:  withBucket("golden-mpu"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("golden-mpu"), Key: aws.String("k"),
				UploadId: aws.String("fakeid"), PartNumber: aws.Int32(1), Body: strings.NewReader("x")})
		},
		Want: Want{Status: 404, Code: "NoSuchUpload",
			Message: "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."},
	}})
}
