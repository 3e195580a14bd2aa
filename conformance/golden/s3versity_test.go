package golden

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases found by running versity/versitygw's integration suite
// (conformance/versity): S3's MD5, SHA512 and XXHASH checksums. No
// recorded AWS answer exists for them yet; the shapes are the API
// reference's, the values the algorithms' own over the body sent.

const (
	versityBody = "versity checksum"
	// Base64 of the big-endian digests of versityBody (Python hashlib for
	// SHA512 and MD5; XXH64 seed 0 by the reference implementation,
	// github.com/Cyan4973/xxHash via cespare/xxhash).
	versitySHA512   = "F2HgIaJQyW3MK1GZnQCNIrLzLWRFXfIwcnG4/QSBBZaoqLI4ifWxJTb/9/ZMFBKrZxfwk2I8Q7686C9XiVe7RQ=="
	versityMD5      = "opo41e1tbbJsYDt6nDVICw=="
	versityXXHash64 = "62CJ8J6mBVM="
	// XXH3-64 and XXH3-128 (high half first), seed 0, by github.com/zeebo/xxh3.
	versityXXHash3   = "LaiQ7g4rr6g="
	versityXXHash128 = "EwNk6m+lWKu8qoVTHan+UQ=="
	putObjectDoc     = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html (x-amz-checksum-sha512, -md5, -xxhash64, -xxhash3, -xxhash128: " +
		"request headers carrying the base64 digest S3 checks the body against, and response headers returning it, with x-amz-checksum-type FULL_OBJECT for a single-part upload)"
	headObjectDoc = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html (x-amz-checksum-sha512 is returned when x-amz-checksum-mode is ENABLED)"
)

// putChecksummed is a PutObject of versityBody as key with in's checksum
// fields.
func putChecksummed(key string, in s3.PutObjectInput) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		in.Bucket, in.Key, in.Body = aws.String(b), aws.String(key), strings.NewReader(versityBody)
		return c.PutObject(ctx, &in)
	}
}

func TestS3Versity(t *testing.T) {
	Run(t, []Case{
		s3OK("PutObject/SHA512 checksum computed by the SDK", putObjectDoc, nil,
			putChecksummed("sha512", s3.PutObjectInput{ChecksumAlgorithm: types.ChecksumAlgorithmSha512}),
			map[string]any{"ChecksumSHA512": versitySHA512, "ChecksumType": "FULL_OBJECT", "ChecksumCRC64NVME": Absent}),
		s3OK("PutObject/MD5 checksum header", putObjectDoc, nil,
			putChecksummed("md5", s3.PutObjectInput{ChecksumMD5: aws.String(versityMD5)}),
			map[string]any{"ChecksumMD5": versityMD5, "ChecksumType": "FULL_OBJECT"}),
		s3OK("PutObject/XXHASH64 checksum header", putObjectDoc, nil,
			putChecksummed("xxhash64", s3.PutObjectInput{ChecksumXXHASH64: aws.String(versityXXHash64)}),
			map[string]any{"ChecksumXXHASH64": versityXXHash64, "ChecksumType": "FULL_OBJECT"}),
		s3OK("PutObject/XXHASH3 checksum header", putObjectDoc, nil,
			putChecksummed("xxhash3", s3.PutObjectInput{ChecksumXXHASH3: aws.String(versityXXHash3)}),
			map[string]any{"ChecksumXXHASH3": versityXXHash3, "ChecksumType": "FULL_OBJECT"}),
		s3OK("PutObject/XXHASH128 checksum header", putObjectDoc, nil,
			putChecksummed("xxhash128", s3.PutObjectInput{ChecksumXXHASH128: aws.String(versityXXHash128)}),
			map[string]any{"ChecksumXXHASH128": versityXXHash128, "ChecksumType": "FULL_OBJECT"}),
		s3OK("HeadObject/SHA512 checksum", headObjectDoc,
			s3Steps(run(putChecksummed("sha512", s3.PutObjectInput{ChecksumAlgorithm: types.ChecksumAlgorithmSha512}))),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("sha512"), ChecksumMode: types.ChecksumModeEnabled})
			},
			map[string]any{"ChecksumSHA512": versitySHA512, "ChecksumType": "FULL_OBJECT"}),
	})
}
