package golden

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func TestS3RecordedWriteAndCopyPreconditions(t *testing.T) {
	const pre = "s3/test_s3_preconditions.snapshot.json"
	const src, dst = "source-object", "dest-object"
	copySrc := opsBucket + "/" + src
	// lastModified is the source's Last-Modified as HEAD gives it.
	lastModified := func(ctx context.Context, c *s3.Client, b string) (*s3.HeadObjectOutput, error) {
		return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(src)})
	}
	copyWith := func(set func(in *s3.CopyObjectInput, h *s3.HeadObjectOutput)) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			h, err := lastModified(ctx, c, b)
			if err != nil {
				return nil, err
			}
			in := &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(dst), CopySource: aws.String(copySrc)}
			set(in, h)
			return c.CopyObject(ctx, in)
		}
	}
	dayBefore := func(h *s3.HeadObjectOutput) *time.Time { return aws.Time(h.LastModified.Add(-24 * time.Hour)) }
	plain := s3Steps(putKey(src, "data"))
	versioned := s3Steps(versionedOps, putKey(src, "data"))
	cp := "TestS3CopySourcePreconditions::test_s3_copy_object_preconditions"
	mod := "TestS3CopySourcePreconditions::test_s3_copy_object_if_source_modified_since_versioned"
	unmod := "TestS3CopySourcePreconditions::test_s3_copy_object_if_source_unmodified_since_versioned"
	// The recordings take "now" three seconds after the upload; the
	// source's own Last-Modified is as late as "now" can be and still be
	// honoured (a date in the future is ignored).
	cases := []Case{
		s3Fails("CopyObject/every source condition, If-Match failing", localstack(pre, cp, "copy-precondition-if-match", "2026-02-23"), plain,
			copyWith(func(in *s3.CopyObjectInput, h *s3.HeadObjectOutput) {
				in.CopySourceIfModifiedSince, in.CopySourceIfUnmodifiedSince = h.LastModified, dayBefore(h)
				in.CopySourceIfMatch, in.CopySourceIfNoneMatch = aws.String("etag123"), h.ETag
			}), 412, "PreconditionFailed", msgPrecondition),
		s3Fails("CopyObject/source unmodified-since a day before", localstack(pre, cp, "copy-precondition-if-unmodified-since", "2026-02-23"), plain,
			copyWith(func(in *s3.CopyObjectInput, h *s3.HeadObjectOutput) {
				in.CopySourceIfModifiedSince, in.CopySourceIfUnmodifiedSince = h.LastModified, dayBefore(h)
				in.CopySourceIfNoneMatch = h.ETag
			}), 412, "PreconditionFailed", msgPrecondition),
		s3Fails("CopyObject/source If-None-Match its ETag with modified-since", localstack(pre, cp, "copy-precondition-if-none-match", "2026-02-23"), plain,
			copyWith(func(in *s3.CopyObjectInput, h *s3.HeadObjectOutput) {
				in.CopySourceIfModifiedSince, in.CopySourceIfNoneMatch = h.LastModified, h.ETag
			}), 412, "PreconditionFailed", msgPrecondition),
		s3Fails("CopyObject/source not modified since", localstack(pre, cp, "copy-precondition-if-modified-since", "2026-02-23"), plain,
			copyWith(func(in *s3.CopyObjectInput, h *s3.HeadObjectOutput) { in.CopySourceIfModifiedSince = h.LastModified }),
			412, "PreconditionFailed", msgPrecondition),
		s3Fails("CopyObject/source If-None-Match without quotes", localstack(pre, cp, "copy-etag-missing-quotes", "2026-02-23"), plain,
			copyWith(func(in *s3.CopyObjectInput, h *s3.HeadObjectOutput) {
				in.CopySourceIfNoneMatch = aws.String(strings.Trim(aws.ToString(h.ETag), `"`))
			}), 412, "PreconditionFailed", msgPrecondition),
		s3OK("CopyObject/every source condition holding", localstack(pre, cp, "copy-success", "2026-02-23"), plain,
			copyWith(func(in *s3.CopyObjectInput, h *s3.HeadObjectOutput) {
				in.CopySourceIfMatch = aws.String(strings.Trim(aws.ToString(h.ETag), `"`))
				in.CopySourceIfNoneMatch = aws.String("etag123")
				in.CopySourceIfModifiedSince, in.CopySourceIfUnmodifiedSince = dayBefore(h), h.LastModified
			}), map[string]any{"CopyObjectResult.ETag": `"8d777f385d3dfec8815d20f7496026dc"`}),
		s3OK("CopyObject/versioned source modified since a minute before", localstack(pre, mod, "copy-if-modified-since", "2026-02-23"), versioned,
			copyWith(func(in *s3.CopyObjectInput, h *s3.HeadObjectOutput) {
				in.CopySourceIfModifiedSince = aws.Time(h.LastModified.Add(-time.Minute))
			}), map[string]any{"CopyObjectResult.ETag": `"8d777f385d3dfec8815d20f7496026dc"`, "CopySourceVersionId": Present, "VersionId": Present}),
		s3Fails("CopyObject/versioned source modified since its Last-Modified", localstack(pre, mod, "copy-if-modified-since-last-modified", "2026-02-23"), versioned,
			copyWith(func(in *s3.CopyObjectInput, h *s3.HeadObjectOutput) { in.CopySourceIfModifiedSince = h.LastModified }),
			412, "PreconditionFailed", msgPrecondition),
		s3OK("CopyObject/versioned source unmodified since its Last-Modified", localstack(pre, unmod, "copy-if-unmodified-since", "2026-02-23"), versioned,
			copyWith(func(in *s3.CopyObjectInput, h *s3.HeadObjectOutput) { in.CopySourceIfUnmodifiedSince = h.LastModified }),
			map[string]any{"CopyObjectResult.ETag": `"8d777f385d3dfec8815d20f7496026dc"`, "CopySourceVersionId": Present, "VersionId": Present}),
		s3Fails("CopyObject/versioned source unmodified since a day before", localstack(pre, unmod, "copy-past-if-unmodified-since", "2026-02-23"), versioned,
			copyWith(func(in *s3.CopyObjectInput, h *s3.HeadObjectOutput) { in.CopySourceIfUnmodifiedSince = dayBefore(h) }),
			412, "PreconditionFailed", msgPrecondition),
	}
	cases = append(cases, multipartPreconditionCases()...)
	Run(t, cases)
}

func TestS3RecordedCopySourceRange(t *testing.T) {
	const test = "TestS3Multipart::test_upload_part_copy_range"
	const src, key = "src-key", "test-upload-part-copy"
	var cases []Case
	for _, r := range []string{"0--1", "0-1,3-4,7-9"} {
		var st mpuState // this case's upload
		begin := func(ctx context.Context, c *s3.Client) error {
			mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(key)})
			if err == nil {
				st.id = mpu.UploadId
			}
			return err
		}
		copyRange := func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: st.id,
				PartNumber: aws.Int32(1), CopySource: aws.String(b + "/" + src), CopySourceRange: aws.String("bytes=" + r)})
		}
		cases = append(cases, s3Fails(fmt.Sprintf("UploadPartCopy/range bytes=%s", r),
			localstack(moreAPI, test, "upload-part-copy-range-exc-"+r, "2026-02-21"),
			s3Steps(putKey(src, "0123456789"), begin), copyRange, 400, "InvalidArgument", msgCopyRange))
	}
	Run(t, cases)
}

func TestS3RecordedCopyInPlaceEncryption(t *testing.T) {
	const test = "TestS3::test_s3_copy_object_in_place_with_encryption"
	const k = "source-object"
	kmsSource := s3Steps(putKeyWith(k, "test", func(in *s3.PutObjectInput) {
		in.ServerSideEncryption, in.BucketKeyEnabled, in.SSEKMSKeyId = types.ServerSideEncryptionAwsKms, aws.Bool(true), aws.String(kmsKeyID)
	}))
	inPlace := func(alg types.ServerSideEncryption) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(k), CopySource: aws.String(b + "/" + k), ServerSideEncryption: alg})
		}
	}
	head := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
	}
	then := func(steps []s3Setup, more ...s3Setup) []s3Setup {
		return append(append([]s3Setup{}, steps...), more...)
	}
	aes := map[string]any{"ServerSideEncryption": "AES256", "SSEKMSKeyId": Absent, "BucketKeyEnabled": Absent}
	Run(t, []Case{
		s3OK("HeadObject/aws:kms with a bucket key", localstack(moreS3, test, "head-object", "2026-02-21"), kmsSource, head,
			map[string]any{"ServerSideEncryption": "aws:kms", "BucketKeyEnabled": true, "SSEKMSKeyId": "arn:aws:kms:us-east-1:" + owner + ":key/" + kmsKeyID}),
		// AWS names its aws/s3 managed key here (fakeaws's stand-in ARN:
		// docs/deviations.md, "S3 recordings, fifth batch"); the source's
		// bucket key is not carried over.
		s3OK("CopyObject/in place to aws:kms without a key", localstack(moreS3, test, "copy-object-in-place-with-sse", "2026-02-21"), kmsSource,
			inPlace(types.ServerSideEncryptionAwsKms), map[string]any{"ServerSideEncryption": "aws:kms", "BucketKeyEnabled": Absent,
				"SSEKMSKeyId": managedKey, "CopyObjectResult.ChecksumCRC32": "2H9+DA=="}),
		s3OK("HeadObject/after an in-place copy to aws:kms without a key", localstack(moreS3, test, "head-copy-with-sse", "2026-02-21"),
			then(kmsSource, run(inPlace(types.ServerSideEncryptionAwsKms))), head,
			map[string]any{"ServerSideEncryption": "aws:kms", "BucketKeyEnabled": Absent, "SSEKMSKeyId": managedKey}),
		s3OK("CopyObject/aws:kms object in place without encryption headers", localstack(moreS3, test, "copy-object-in-place-without-kms-sse", "2026-02-21"),
			then(kmsSource, run(inPlace(types.ServerSideEncryptionAwsKms))), inPlace(""),
			merge(aes, map[string]any{"CopyObjectResult.ETag": `"098f6bcd4621d373cade4e832627b4f6"`})),
		s3OK("HeadObject/after an in-place copy without encryption headers", localstack(moreS3, test, "head-copy-without-kms-sse", "2026-02-21"),
			then(kmsSource, run(inPlace(types.ServerSideEncryptionAwsKms)), run(inPlace(""))), head,
			merge(aes, map[string]any{"ETag": `"098f6bcd4621d373cade4e832627b4f6"`})),
		s3OK("CopyObject/AES256 object in place naming AES256", localstack(moreS3, test, "copy-object-in-place-with-aes", "2026-02-21"),
			then(kmsSource, run(inPlace(types.ServerSideEncryptionAwsKms)), run(inPlace(""))), inPlace(types.ServerSideEncryptionAes256),
			merge(aes, map[string]any{"CopyObjectResult.ETag": `"098f6bcd4621d373cade4e832627b4f6"`})),
		s3OK("HeadObject/after an in-place copy naming AES256", localstack(moreS3, test, "head-copy-with-aes", "2026-02-21"),
			then(kmsSource, run(inPlace(types.ServerSideEncryptionAwsKms)), run(inPlace("")), run(inPlace(types.ServerSideEncryptionAes256))), head,
			merge(aes, map[string]any{"ContentLength": 4})),
	})
}

func TestS3RecordedCopyInPlaceSuspended(t *testing.T) {
	const test = "TestS3::test_s3_copy_object_in_place_suspended_only"
	const k = "source-object"
	const etag = `"88bac95f31528d13a072c05f2a1cf371"`
	put := putKeyWith(k, `{"key": "value"}`, func(in *s3.PutObjectInput) {
		in.ContentType, in.Metadata = aws.String("application/json"), map[string]string{"key": "value"}
	})
	replace := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(k), CopySource: aws.String(b + "/" + k),
			MetadataDirective: types.MetadataDirectiveReplace})
	}
	suspend := func(ctx context.Context, c *s3.Client) error {
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(opsBucket),
			VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
		return err
	}
	head := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
	}
	steps := func(more ...s3Setup) []s3Setup {
		return append(append(append([]s3Setup{}, allowACLs...), put), more...)
	}
	copied := map[string]any{"CopyObjectResult.ETag": etag, "CopyObjectResult.ChecksumCRC32": "MzVIGw==", "CopySourceVersionId": Absent}
	Run(t, []Case{
		s3OK("CopyObject/in place with REPLACE, never versioned", localstack(moreS3, test, "copy-in-place-non-versioned", "2026-02-21"), steps(), replace,
			merge(copied, map[string]any{"VersionId": Absent, "header:X-Amz-Version-Id": Absent})),
		s3OK("HeadObject/after an in-place REPLACE copy", localstack(moreS3, test, "head-object-copied", "2026-02-21"), steps(run(replace)), head,
			map[string]any{"ETag": etag, "Metadata": Len(0), "ContentLength": 16, "VersionId": Absent, "ContentType": "binary/octet-stream"}),
		s3OK("CopyObject/in place with REPLACE, versioning suspended", localstack(moreS3, test, "copy-in-place-versioned-suspended", "2026-02-21"),
			steps(run(replace), suspend), replace, merge(copied, map[string]any{"VersionId": "null"})),
		s3OK("HeadObject/after an in-place copy, versioning suspended", localstack(moreS3, test, "head-object-copied-suspended", "2026-02-21"),
			steps(run(replace), suspend, run(replace)), head, map[string]any{"ETag": etag, "VersionId": "null", "Metadata": Len(0), "ContentType": "binary/octet-stream"}),
		s3OK("CopyObject/null version in place, versioning suspended", localstack(moreS3, test, "copy-in-place-versioned-suspended-twice", "2026-02-21"),
			steps(run(replace), suspend, run(replace)), replace, merge(copied, map[string]any{"VersionId": "null"})),
	})
}

func TestS3RecordedCopyInPlaceVersioned(t *testing.T) {
	const test = "TestS3::test_s3_copy_object_in_place_versioned"
	const k = "source-object"
	const etag = `"88bac95f31528d13a072c05f2a1cf371"`
	versioning := func(status types.BucketVersioningStatus) s3Setup {
		return func(ctx context.Context, c *s3.Client) error {
			_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(opsBucket),
				VersioningConfiguration: &types.VersioningConfiguration{Status: status}})
			return err
		}
	}
	put := putKeyWith(k, `{"key": "value"}`, func(in *s3.PutObjectInput) {
		in.ContentType, in.Metadata = aws.String("application/json"), map[string]string{"key": "value"}
	})
	replace := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(k), CopySource: aws.String(b + "/" + k),
			MetadataDirective: types.MetadataDirectiveReplace})
	}
	steps := func(more ...s3Setup) []s3Setup {
		return append(append(append([]s3Setup{}, allowACLs...), versioning(types.BucketVersioningStatusEnabled), put), more...)
	}
	id := Match(`^[A-Za-z0-9._]{32}$`)
	Run(t, []Case{
		s3OK("CopyObject/in place with REPLACE, versioned", localstack(moreS3, test, "copy-in-place-versioned", "2026-02-21"), steps(), replace,
			map[string]any{"CopyObjectResult.ETag": etag, "CopySourceVersionId": id, "VersionId": id}),
		s3OK("CopyObject/in place with REPLACE, suspended, from a real version", localstack(moreS3, test, "copy-in-place-versioned-suspended", "2026-02-21"),
			steps(run(replace), versioning(types.BucketVersioningStatusSuspended)), replace,
			map[string]any{"CopyObjectResult.ETag": etag, "CopySourceVersionId": id, "VersionId": "null"}),
		s3OK("CopyObject/in place from the null version, versioning enabled again", localstack(moreS3, test, "copy-in-place-versioned-re-enabled", "2026-02-21"),
			steps(run(replace), versioning(types.BucketVersioningStatusSuspended), run(replace), versioning(types.BucketVersioningStatusEnabled)), replace,
			map[string]any{"CopyObjectResult.ETag": etag, "CopySourceVersionId": Absent, "header:X-Amz-Copy-Source-Version-Id": Absent, "VersionId": id}),
	})
}

func TestS3RecordedCopyKeepsMetadata(t *testing.T) {
	const test = "TestS3::test_s3_copy_content_type_and_metadata"
	const src, dst = "source-object", "source-object-second-copy"
	put := putKeyWith(src, `{"key": "value"}`, func(in *s3.PutObjectInput) {
		in.ContentType, in.Metadata = aws.String("application/json"), map[string]string{"key": "value"}
	})
	// Without MetadataDirective REPLACE the copy keeps the source's
	// metadata and Content-Type, whatever the request sends.
	copyWith := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(dst), CopySource: aws.String(b + "/" + src),
			Metadata: map[string]string{"another-key": "value"}, ContentType: aws.String("application/javascript")})
	}
	Run(t, []Case{
		s3OK("CopyObject/metadata and Content-Type without a directive", localstack(moreS3, test, "copy_object_second", "2026-02-21"), s3Steps(put), copyWith,
			map[string]any{"CopyObjectResult.ETag": `"88bac95f31528d13a072c05f2a1cf371"`}),
		s3OK("HeadObject/copy made with metadata but no directive", localstack(moreS3, test, "head_object_second_copy", "2026-02-21"), s3Steps(put, run(copyWith)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(dst)})
			}, map[string]any{"ContentType": "application/json", "Metadata": Len(1), "header:X-Amz-Meta-Key": "value", "header:X-Amz-Meta-Another-Key": Absent}),
	})
}
