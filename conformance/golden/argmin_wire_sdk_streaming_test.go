package golden

import (
	"bytes"
	"context"
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
	})
}
