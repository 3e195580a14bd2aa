package golden

import (
	"context"
	"hash/crc32"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// chunked.rs's UNSIGNED-PAYLOAD and UploadPart cases the function-level
// audit found uncited: a 16 MiB body sent whole, a crc32c sent inline, an
// UploadPart with its checksum inline, an UploadPart whose aws-chunked
// terminal signature is wrong, and a chunk header that is not UTF-8.

// chk2CRC32C is the base64 CRC32C (Castagnoli) of s.
func chk2CRC32C(s string) string {
	sum := crc32.Checksum([]byte(s), crc32.MakeTable(crc32.Castagnoli))
	return b64([]byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)})
}

// chk2Part begins an upload of key (with a CRC32 checksum when crc is set),
// sends part 1 built by part from its query, and answers ListParts.
func chk2Part(key string, crc bool, part func(query string) func(ctx context.Context, w *World, u *argminUsers) (any, error)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key)}
		if crc {
			in.ChecksumAlgorithm = types.ChecksumAlgorithmCrc32
		}
		up, err := primary(w, u).CreateMultipartUpload(ctx, in)
		if err != nil {
			return nil, err
		}
		if _, err := part("partNumber=1&uploadId="+url.QueryEscape(aws.ToString(up.UploadId)))(ctx, w, u); err != nil {
			return nil, err
		}
		return primary(w, u).ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(argminBkt), Key: aws.String(key), UploadId: up.UploadId})
	}
}

// chk2Same reads key back whole and answers its length and whether it is
// want (the suite compares the bytes; a 16 MiB body is not printed).
func chk2Same(key, want string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := primary(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return nil, err
		}
		defer out.Body.Close()
		b, err := io.ReadAll(out.Body)
		return struct {
			Length int
			Same   bool
		}{len(b), string(b) == want}, err
	}
}

func TestArgminChunkedAudit(t *testing.T) {
	src := func(test string) string { return argmin("chunked.rs", test) }
	c := func(name, test string, call objCall, want Want) Case {
		return argminCase(name, src(test), objBucket(), call, want)
	}
	unsigned := func(key, data string, signed ...[2]string) objCall {
		return wireSignedEdit(wireSig{method: http.MethodPut, path: wireObjectPath(key), signed: signed}, data, nil, nil)
	}
	big := strings.Repeat("\x5a", 16<<20)
	partData := "streaming upload part with checksum"
	inlinePart := func(query string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return wireSignedEdit(wireSig{method: http.MethodPut, path: wireObjectPath("streaming-upload-part-inline-cksum"), query: query,
			signed: [][2]string{{"x-amz-checksum-crc32", wireCRC32(partData)}}}, partData, nil, nil)
	}
	badTerminal := func(query string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		p := wireChunkedPut("streaming-upload-part-bad-terminal-sig", "part payload accepted before terminal signature fails")
		p.query, p.badTerminal = query, true
		return p.call()
	}
	// The refused part is answered first; ListParts after it must succeed.
	refusedPart := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		var answer any
		_, err := chk2Part("streaming-upload-part-bad-terminal-sig", false, func(query string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				out, err := badTerminal(query)(ctx, w, u)
				answer = out
				return nil, err
			}
		})(ctx, w, u)
		return answer, err
	}
	nonUTF8 := wireTrailerPut("malformed-utf8", "x-amz-checksum-crc32", "", "hello")
	nonUTF8.rawBody = "\xff\xfe\r\nhello\r\n0\r\n\r\n"
	Run(t, []Case{
		c("PutObject/UNSIGNED-PAYLOAD, 16 MiB sent whole", "test_non_chunked_put_16mb_bypasses_buffered_body_limit", unsigned("non-chunked-put-16mb", big), Want{}),
		c("GetObject/the 16 MiB body back", "test_non_chunked_put_16mb_bypasses_buffered_body_limit",
			wireThen(unsigned("non-chunked-put-16mb", big), chk2Same("non-chunked-put-16mb", big)),
			Want{Fields: map[string]any{"Length": 16 << 20, "Same": true}}),
		c("PutObject/UNSIGNED-PAYLOAD with its crc32c", "test_streaming_inline_checksum_crc32c_valid",
			unsigned("inline-crc32c-ok", "crc32c inline test data", [2]string{"x-amz-checksum-crc32c", chk2CRC32C("crc32c inline test data")}), Want{}),
		c("ListParts/a part sent UNSIGNED-PAYLOAD with its crc32 inline", "test_streaming_upload_part_with_inline_checksum",
			chk2Part("streaming-upload-part-inline-cksum", true, inlinePart),
			Want{Fields: map[string]any{"ChecksumAlgorithm": "CRC32", "Parts": Len(1), "Parts[0].PartNumber": 1, "Parts[0].ChecksumCRC32": wireCRC32(partData)}}),
		c("UploadPart/aws-chunked, bad terminal signature", "test_signed_chunked_upload_part_bad_terminal_signature_not_staged",
			refusedPart, wireChunkMismatch(Present)),
		c("ListParts/no part staged by a bad terminal signature", "test_signed_chunked_upload_part_bad_terminal_signature_not_staged",
			chk2Part("streaming-upload-part-bad-terminal-sig", false, badTerminal), Want{Fields: map[string]any{"Parts": Len(0)}}),
		c("PutObject/a chunk header that is not UTF-8", "test_chunked_malformed_non_utf8_chunk_header", nonUTF8.call(),
			Want{Refused: true, Status: http.StatusBadRequest}),
	})
}
