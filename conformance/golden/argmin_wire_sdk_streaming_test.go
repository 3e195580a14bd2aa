package golden

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// TestArgminWireSDKStreaming: sdk_streaming.rs's uploads through the SDK
// (here aws-sdk-go-v2's, with its default checksums), read back.
func TestArgminWireSDKStreaming(t *testing.T) {
	src := func(test string) string { return argmin("sdk_streaming.rs", test) }
	pattern := make([]byte, 1<<20)
	for i := range pattern {
		pattern[i] = byte(i % 251)
	}
	put := func(key string, data []byte, alg types.ChecksumAlgorithm) argminStep {
		return func(ctx context.Context, w *World, u *argminUsers) error {
			_, err := primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
				Body: bytes.NewReader(data), ChecksumAlgorithm: alg})
			return err
		}
	}
	head := func(key string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), ChecksumMode: types.ChecksumModeEnabled})
		}
	}
	with := func(s ...argminStep) []argminStep { return append(argminSteps(argminBucket(false, "")), s...) }
	const crcData, shaData = "file stream with trailing crc32 checksum", "file stream with trailing sha256 checksum"
	const inMem = "in-memory body with auto crc32"
	parts := [2]string{strings.Repeat("A", 5<<20), strings.Repeat("B", 5<<20)}
	Run(t, []Case{
		argminCase("GetObject/after an SDK PutObject", src("test_sdk_put_from_file"), with(put("streaming-file", []byte("hello from file stream"), "")),
			argminGet(primary, "streaming-file"), Want{Fields: map[string]any{"Body": "hello from file stream"}}),
		argminCase("GetObject/after an SDK PutObject with CRC32", src("test_sdk_put_from_file_with_trailing_crc32"),
			with(put("streaming-file-crc32", []byte(crcData), types.ChecksumAlgorithmCrc32)), argminGet(primary, "streaming-file-crc32"),
			Want{Fields: map[string]any{"Body": crcData}}),
		argminCase("HeadObject/an SDK PutObject's CRC32", src("test_sdk_put_from_file_with_trailing_crc32"),
			with(put("streaming-file-crc32", []byte(crcData), types.ChecksumAlgorithmCrc32)), head("streaming-file-crc32"),
			Want{Fields: map[string]any{"ChecksumCRC32": Present}}),
		argminCase("HeadObject/an SDK PutObject's SHA256", src("test_sdk_put_from_file_with_trailing_sha256"),
			with(put("streaming-file-sha256", []byte(shaData), types.ChecksumAlgorithmSha256)), head("streaming-file-sha256"),
			Want{Fields: map[string]any{"ChecksumSHA256": Present}}),
		argminCase("GetObject/a 1 MiB SDK PutObject", src("test_sdk_put_large_file"), with(put("streaming-large", pattern, "")),
			argminGet(primary, "streaming-large"), Want{Fields: map[string]any{"Body": string(pattern)}}),
		argminCase("HeadObject/a 1 MiB SDK PutObject's CRC32", src("test_sdk_put_large_file_with_trailing_crc32"),
			with(put("streaming-large-crc32", pattern, types.ChecksumAlgorithmCrc32)), head("streaming-large-crc32"),
			Want{Fields: map[string]any{"ChecksumCRC32": Present, "ContentLength": len(pattern)}}),
		argminCase("GetObject/after an in-memory SDK PutObject with CRC32", src("test_sdk_put_inmemory_auto_checksum"),
			with(put("streaming-inmem-crc32", []byte(inMem), types.ChecksumAlgorithmCrc32)), argminGet(primary, "streaming-inmem-crc32"),
			Want{Fields: map[string]any{"Body": inMem}}),
		argminCase("HeadObject/an in-memory SDK PutObject's CRC32", src("test_sdk_put_inmemory_auto_checksum"),
			with(put("streaming-inmem-crc32", []byte(inMem), types.ChecksumAlgorithmCrc32)), head("streaming-inmem-crc32"),
			Want{Fields: map[string]any{"ChecksumCRC32": Present}}),
		argminCase("GetObject/two 5 MiB parts uploaded through the SDK", src("test_sdk_multipart_from_file"),
			with(sdkTwoParts("streaming-multipart", parts)), argminGet(primary, "streaming-multipart"),
			Want{Fields: map[string]any{"Body": parts[0] + parts[1]}}),
	})
}

// sdkTwoParts uploads key in one multipart upload of parts, in order, as
// the primary user.
func sdkTwoParts(key string, parts [2]string) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		c, b, k := primary(w, u), aws.String(argminBkt), aws.String(key)
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
		if err != nil {
			return err
		}
		var done []types.CompletedPart
		for i, p := range parts {
			n := aws.Int32(int32(i + 1))
			out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: n, Body: strings.NewReader(p)})
			if err != nil {
				return err
			}
			done = append(done, types.CompletedPart{ETag: out.ETag, PartNumber: n})
		}
		_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
		return err
	}
}
