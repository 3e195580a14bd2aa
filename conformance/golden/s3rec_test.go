package golden

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3 cases from LocalStack's AWS-recorded snapshots that the other files
// did not cover and where fakeaws answered differently before (session of
// 2026-12-06): copies of an object onto itself, version id format, ...

// copyInPlace copies "source-object" in opsBucket onto itself with the
// input's optional fields set by with.
func copyInPlace(with func(*s3.CopyObjectInput)) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		in := &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"),
			CopySource: aws.String(b + "/source-object")}
		if with != nil {
			with(in)
		}
		return c.CopyObject(ctx, in)
	}
}

// putSource writes "source-object" ("test") into opsBucket with the
// input's optional fields set by with.
func putSource(with func(*s3.PutObjectInput)) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		in := &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("source-object"), Body: strings.NewReader("test")}
		if with != nil {
			with(in)
		}
		_, err := c.PutObject(ctx, in)
		return err
	}
}

func putAES256Default(ctx context.Context, c *s3.Client) error {
	_, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(opsBucket),
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256},
			BucketKeyEnabled:                   aws.Bool(false)}}}})
	return err
}

func TestS3RecordedCopyInPlace(t *testing.T) {
	const testETag = `"098f6bcd4621d373cade4e832627b4f6"` // MD5 of "test"
	Run(t, []Case{
		s3OK("CopyObject/in place with WebsiteRedirectLocation",
			localstack(moreS3, "TestS3::test_s3_copy_object_in_place_website_redirect_location", "copy-object-in-place-with-website-redirection", "2026-02-21"),
			s3Steps(putSource(func(in *s3.PutObjectInput) { in.WebsiteRedirectLocation = aws.String("/test/direct") })),
			copyInPlace(func(in *s3.CopyObjectInput) { in.WebsiteRedirectLocation = aws.String("/test/direct") }),
			map[string]any{"CopyObjectResult.ETag": testETag, "ServerSideEncryption": "AES256",
				"CopyObjectResult.ChecksumType": "FULL_OBJECT"}),
		s3OK("CopyObject/in place of an aws:kms object without headers",
			localstack(moreS3, "TestS3::test_s3_copy_object_in_place_with_encryption", "copy-object-in-place-without-kms-sse", "2026-02-21"),
			s3Steps(putSource(func(in *s3.PutObjectInput) { in.ServerSideEncryption = types.ServerSideEncryptionAwsKms })),
			copyInPlace(nil),
			map[string]any{"CopyObjectResult.ETag": testETag, "ServerSideEncryption": "AES256"}),
		s3OK("CopyObject/in place of an AES256 object with x-amz-server-side-encryption AES256",
			localstack(moreS3, "TestS3::test_s3_copy_object_in_place_with_encryption", "copy-object-in-place-with-aes", "2026-02-21"),
			s3Steps(putSource(nil)),
			copyInPlace(func(in *s3.CopyObjectInput) { in.ServerSideEncryption = types.ServerSideEncryptionAes256 }),
			map[string]any{"CopyObjectResult.ETag": testETag, "ServerSideEncryption": "AES256"}),
		s3OK("CopyObject/in place in a bucket with PutBucketEncryption AES256",
			localstack(moreS3, "TestS3::test_copy_in_place_with_bucket_encryption", "copy-obj", "2026-02-21"),
			s3Steps(putAES256Default, putSource(nil)),
			copyInPlace(nil),
			map[string]any{"CopyObjectResult.ETag": testETag, "ServerSideEncryption": "AES256",
				"CopyObjectResult.ChecksumType": "FULL_OBJECT"}),
		s3Fails("CopyObject/in place of an AES256 object changing nothing",
			localstack(moreS3, "TestS3::test_s3_copy_object_in_place_metadata_directive", "no-metadata-directive-fail", "2026-02-21"),
			s3Steps(putSource(nil)),
			copyInPlace(func(in *s3.CopyObjectInput) { in.Metadata = map[string]string{"key": "value"} }),
			400, "InvalidRequest", msgCopyInPlace),
	})
}

func TestS3RecordedVersionID(t *testing.T) {
	Run(t, []Case{
		s3OK("PutObject/version id characters",
			localstack(moreAPI, "TestS3BucketVersioning::test_object_version_id_format", "put-object", "2026-02-21"),
			s3Steps(versionedOps),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-version-id")})
			},
			// The test asserts 32 characters, each a letter, digit, "." or "_".
			map[string]any{"VersionId": Match(`^[A-Za-z0-9._]{32}$`)}),
	})
}
