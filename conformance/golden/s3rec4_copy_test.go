package golden

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// botocoreCopySource is bucket/key written as botocore writes a string
// CopySource: percent-encoded except letters, digits, "-._~" and "/".
func botocoreCopySource(bucketName, key string) string {
	var b strings.Builder
	for _, c := range []byte(bucketName + "/" + key) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("-._~/", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// copyTo copies key of opsBucket to the same key in dest.
func copyTo(dest, key string) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(dest), Key: aws.String(key), CopySource: aws.String(botocoreCopySource(b, key))})
	}
}

// specialKeyCopies4: copies of keys with characters botocore
// percent-encodes in x-amz-copy-source, and a "+" standing for a space.
func specialKeyCopies4() []Case {
	const test = "TestS3::test_copy_object_special_character"
	const dest = "golden-copy-dest"
	keys := []string{"file%2Fname", "test@key/", "test key/", "test key//", "a/%F0%9F%98%80/", "test+key"}
	var cases []Case
	for _, k := range keys {
		cases = append(cases, s3OK("CopyObject/special character key "+k, s3rec4(test, "copy-object-special-char-"+k),
			s3Steps(createBucketNamed(dest), putKey(k, "test")), copyTo(dest, k),
			map[string]any{"CopyObjectResult.ETag": `"098f6bcd4621d373cade4e832627b4f6"`, "CopyObjectResult.ChecksumCRC32": "2H9+DA==",
				"CopyObjectResult.ChecksumType": "FULL_OBJECT", "ServerSideEncryption": "AES256"}))
	}
	copyAll := []s3Setup{createBucketNamed(dest)}
	for _, k := range keys {
		copyAll = append(copyAll, putKey(k, "test"), run(copyTo(dest, k)))
	}
	listed := map[string]any{"Contents": Len(len(keys)), "KeyCount": 6}
	for i, k := range []string{"a/%F0%9F%98%80/", "file%2Fname", "test key/", "test key//", "test+key", "test@key/"} {
		listed[fmt.Sprintf("Contents[%d].Key", i)] = k
	}
	cases = append(cases, s3OK("ListObjectsV2/copies of special character keys", s3rec4(test, "list-object-copy-dest-special-char"),
		copyAll, func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(dest)})
		}, listed))
	plus := s3OK("CopyObject/x-amz-copy-source with + for a space", s3rec4("TestS3::test_copy_object_special_character_plus_for_space", "(asserts)"),
		s3Steps(putKey("test key.txt", "test-body")), nil, nil)
	plus.Call = rawOn(http.MethodPut, "/"+opsBucket+"/dest-key", http.Header{"X-Amz-Copy-Source": {opsBucket + "%2Ftest+key.txt"}})
	return append(cases, plus)
}

// defaultChecksumCopies4: copies keep the source's checksum algorithm
// (LocalStack test_s3_copy_object_with_default_checksum).
func defaultChecksumCopies4() []Case {
	const test = "TestS3::test_s3_copy_object_with_default_checksum"
	const body = `{"key": "value"}`
	values := map[types.ChecksumAlgorithm][2]string{
		types.ChecksumAlgorithmCrc32: {"ChecksumCRC32", "MzVIGw=="}, types.ChecksumAlgorithmCrc32c: {"ChecksumCRC32C", "078Ilw=="},
		types.ChecksumAlgorithmSha1: {"ChecksumSHA1", "5zXdjmjYk4EJ8Cw4PMnQVslCpRQ="}, types.ChecksumAlgorithmSha256: {"ChecksumSHA256", "lyTB4g5uPk1/V+0l+dTvsAblCFkNUoyQ2ll/andcE+U="},
		types.ChecksumAlgorithmCrc64nvme: {"ChecksumCRC64NVME", "pX30eiUx5C0="},
	}
	var cases []Case
	for _, alg := range []types.ChecksumAlgorithm{types.ChecksumAlgorithmCrc32, types.ChecksumAlgorithmCrc32c, types.ChecksumAlgorithmSha1,
		types.ChecksumAlgorithmSha256, types.ChecksumAlgorithmCrc64nvme} {
		name, value := values[alg][0], values[alg][1]
		put := putKeyWith("source-object", body, func(in *s3.PutObjectInput) {
			in.ContentType, in.ChecksumAlgorithm, in.Metadata = aws.String("application/json"), alg, map[string]string{"key": "value"}
		})
		inPlace := func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), CopySource: aws.String(b + "/source-object"),
				Metadata: map[string]string{"key1": "value1"}, MetadataDirective: types.MetadataDirectiveReplace})
		}
		toDest := func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("dest-object"), CopySource: aws.String(b + "/source-object")})
		}
		attrs := func(key string) s3Call {
			return func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String(key),
					ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesChecksum}})
			}
		}
		result := map[string]any{"CopyObjectResult." + name: value, "CopyObjectResult.ChecksumType": "FULL_OBJECT",
			"CopyObjectResult.ETag": `"88bac95f31528d13a072c05f2a1cf371"`}
		cases = append(cases,
			s3OK("CopyObject/in place REPLACE keeps "+string(alg), s3rec4(test+"["+string(alg)+"]", "copy-object-in-place-with-no-checksum"),
				s3Steps(put), inPlace, result),
			s3OK("GetObjectAttributes/after in-place copy "+string(alg), s3rec4(test+"["+string(alg)+"]", "object-attrs-after-copy"),
				s3Steps(put, run(inPlace)), attrs("source-object"), map[string]any{"Checksum." + name: value, "Checksum.ChecksumType": "FULL_OBJECT"}),
			s3OK("CopyObject/to another key keeps "+string(alg), s3rec4(test+"["+string(alg)+"]", "copy-object-to-dest-keep-checksum"),
				s3Steps(put, run(inPlace)), toDest, result),
			s3OK("GetObjectAttributes/copy of "+string(alg), s3rec4(test+"["+string(alg)+"]", "dest-object-attrs-after-copy"),
				s3Steps(put, run(inPlace), run(toDest)), attrs("dest-object"), map[string]any{"Checksum." + name: value, "Checksum.ChecksumType": "FULL_OBJECT"}))
	}
	return cases
}

// multipartCopies4: copies of a one-part multipart object
// (LocalStack test_multipart_copy_object_etag, test_multipart_overwrite_key).
func multipartCopies4() []Case {
	const test = "TestS3::test_multipart_copy_object_etag"
	const content = "test content 123"
	mpu := multipartOf("test.file", content, 1)
	copyOf := func(dest string, replace bool) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(dest), CopySource: aws.String(b + "/test.file")}
			if replace {
				in.MetadataDirective = types.MetadataDirectiveReplace
			}
			return c.CopyObject(ctx, in)
		}
	}
	copied := map[string]any{"CopyObjectResult.ETag": `"eee506dd7ada7ded524c77e359a0e7c6"`, "CopyObjectResult.ChecksumCRC64NVME": "BsLNlKumA5I=",
		"CopyObjectResult.ChecksumType": "FULL_OBJECT"}
	return []Case{
		s3OK("CopyObject/of a multipart object", s3rec4(test, "copy-object"), s3Steps(mpu), copyOf("copy.file", false), copied),
		s3OK("CopyObject/multipart object in place REPLACE", s3rec4(test, "copy-object-in-place"), s3Steps(mpu), copyOf("test.file", true), copied),
		s3OK("HeadObject/multipart object copied in place", s3rec4(test, "head-obj"), s3Steps(mpu, run(copyOf("test.file", true))),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("test.file"), ChecksumMode: types.ChecksumModeEnabled})
			}, map[string]any{"ETag": `"eee506dd7ada7ded524c77e359a0e7c6"`, "ChecksumCRC64NVME": "BsLNlKumA5I=", "ChecksumType": "FULL_OBJECT",
				"ContentLength": 16, "PartsCount": Absent}),
		s3OK("CompleteMultipartUpload/over a key", s3rec4("TestS3::test_multipart_overwrite_key", "multipart-upload"), s3Steps(putKey("test.file", content)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("test.file")})
				if err != nil {
					return nil, err
				}
				p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String("test.file"), UploadId: up.UploadId,
					PartNumber: aws.Int32(1), Body: strings.NewReader(content)})
				if err != nil {
					return nil, err
				}
				return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("test.file"), UploadId: up.UploadId,
					MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: p.ETag, PartNumber: aws.Int32(1)}}}})
			}, map[string]any{"ETag": `"b972025bc34adf8d76d6d51e93c035cc-1"`, "ChecksumCRC64NVME": "BsLNlKumA5I=", "ChecksumType": "FULL_OBJECT",
				"ServerSideEncryption": "AES256", "Key": "test.file"}),
	}
}
