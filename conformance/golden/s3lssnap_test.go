package golden

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases found by running LocalStack's own S3 test suites against fakeaws
// with snapshot verification (conformance/localstack-snap/run.sh): each
// answer differed from the one LocalStack recorded from AWS.

// postFileAsField sends a signed browser POST whose file is a plain form
// field: its part names no filename, as a Node.js form-data client may send
// it (LocalStack issue 10309).
func postFileAsField(ctx context.Context, w *World, key, file string) (*http.Response, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range append(postFields(Root(owner), key, false), [2]string{"file", file}) {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, w.Endpoint+"/"+opsBucket, &body)
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return w.HTTP.Do(r)
}

// postedAsField is a Setup: opsBucket with key uploaded by postFileAsField.
func postedAsField(key, file string) func(context.Context, *testing.T, *World) {
	return func(ctx context.Context, t *testing.T, w *World) {
		bucket(ctx, t, w, opsBucket)
		resp, err := postFileAsField(ctx, w, key, file)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("set-up POST: %s", resp.Status)
		}
	}
}

func TestS3LocalStackSnapshots(t *testing.T) {
	const fileAsString = "TestS3PresignedPost::test_post_object_with_file_as_string"
	listOps := onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b)})
	})
	Run(t, []Case{{
		Name:   "PostObject/file as a plain field keeps ${filename} in the key",
		Source: s3LS(fileAsString, "list-objects", "2026-02-21"),
		Setup:  postedAsField("file-as-field-${filename}", "test-body-file-as-field-filename-replacement"),
		Call:   listOps,
		Want: Want{Fields: map[string]any{"KeyCount": 1, "Contents[0].Key": "file-as-field-${filename}",
			"Contents[0].Size": 44, "Contents[0].ETag": `"31ac3a102af06a3d79f0172d01158b49"`}},
	}, {
		Name:   "HeadObject/after a POST with the file as a plain field",
		Source: s3LS(fileAsString, "head-object", "2026-02-21"),
		Setup:  postedAsField("test-presigned-post-file-as-field", "test-body-file-as-field"),
		Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("test-presigned-post-file-as-field")})
		}),
		Want: Want{Fields: map[string]any{"ContentLength": 23, "ETag": `"518feee9a33977e5047cda470999729a"`, "ContentType": "binary/octet-stream"}},
	}})
}

// s3In is a path-style S3 client of owner's root signing for region.
func s3In(w *World, region string) *s3.Client {
	return s3.NewFromConfig(w.ConfigIn(region, Root(owner)), func(o *s3.Options) { o.UsePathStyle = true })
}

// createdInEU is a Setup: the bucket golden-eu created through eu-west-1's
// endpoint with the LocationConstraint "EU".
func createdInEU(ctx context.Context, t *testing.T, w *World) {
	if _, err := createInEU(ctx, w); err != nil {
		t.Fatalf("set-up CreateBucket EU: %v", err)
	}
}

func createInEU(ctx context.Context, w *World) (any, error) {
	return s3In(w, "eu-west-1").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("golden-eu"),
		CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintEu}})
}

// TestS3LocalStackEULocation: "EU", the alias of eu-west-1, on eu-west-1's
// endpoint.
func TestS3LocalStackEULocation(t *testing.T) {
	const eu = "TestS3::test_create_bucket_with_eu_location_constraint"
	Run(t, []Case{{
		Name:   "CreateBucket/eu-west-1 endpoint, constraint EU",
		Source: s3LS(eu, "get-bucket-location", "2026-02-21") + " (the bucket is created)",
		Call:   createInEU,
	}, {
		Name:   "GetBucketLocation/bucket created with EU",
		Source: s3LS(eu, "get-bucket-location", "2026-02-21"),
		Setup:  createdInEU,
		Call: func(ctx context.Context, w *World) (any, error) {
			return s3In(w, "eu-west-1").GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("golden-eu")})
		},
		Want: Want{Fields: map[string]any{"LocationConstraint": "EU"}},
	}, {
		Name:   "ListBuckets/bucket created with EU",
		Source: s3LS(eu, "list-bucket-response", "2026-02-21") + " (the test asserts BucketRegion eu-west-1)",
		Setup:  createdInEU,
		Call: func(ctx context.Context, w *World) (any, error) {
			return s3In(w, "eu-west-1").ListBuckets(ctx, &s3.ListBucketsInput{Prefix: aws.String("golden-eu")})
		},
		Want: Want{Fields: map[string]any{"Buckets": Len(1), "Buckets[0].BucketRegion": "eu-west-1", "Buckets[0].BucketArn": "arn:aws:s3:::golden-eu"}},
	}})
}
