package golden

import (
	"context"
	"hash/crc32"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// wireStreamingTokens is AWS's message for an x-amz-content-sha256 it
// does not take (chunked.rs STREAMING_TOKEN_MESSAGE).
const wireStreamingTokens = "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, " +
	"STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value."

// wireChunkMismatch is chunked.rs's SignatureDoesNotMatch body for a chunk
// signature: every diagnostic element present.
func wireChunkMismatch(provided any) Want {
	return Want{Status: http.StatusForbidden, Code: "SignatureDoesNotMatch",
		Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
		Fields: map[string]any{"header:Error-AWSAccessKeyId": Present, "header:Error-StringToSign": Present, "header:Error-SignatureProvided": provided,
			"header:Error-StringToSignBytes": Present, "header:Error-CanonicalRequest": Present, "header:Error-CanonicalRequestBytes": Present,
			"header:Error-RequestId": Present, "header:Error-HostId": Present}}
}

func wireCRC32(s string) string {
	sum := crc32.ChecksumIEEE([]byte(s))
	return b64([]byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)})
}

func wireHeadObject(key string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
	}
}

func TestArgminWireChunked(t *testing.T) {
	src := func(test string) string { return argmin("chunked.rs", test) }
	bucket := argminSteps(argminBucket(false, ""))
	c := func(name, test string, call func(ctx context.Context, w *World, u *argminUsers) (any, error), want Want) Case {
		return argminCase(name, src(test), bucket, call, want)
	}
	body := func(s string) Want { return Want{Fields: map[string]any{"Body": s}} }
	unsigned := wireTrailerPut("unsigned-chunked", "x-amz-checksum-crc32", wireCRC32("hello from unsigned chunked"), "hello from unsigned chunked")
	legacy := wireChunked{method: http.MethodPut, path: wireObjectPath("legacy"), contentSHA: "STREAMING-UNSIGNED-PAYLOAD", chunks: []string{"hello from unsigned chunked legacy token"}}
	signed := wireChunkedPut("signed-chunked", "hello from signed chunked")
	withHeader := func(key, data, name, value string) wireChunked {
		p := wireChunkedPut(key, data)
		p.extra = [][2]string{{name, value}}
		return p
	}
	ifMatch := func(data string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			out, err := primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("signed-chunked-if-match"), Body: strings.NewReader("original")})
			if err != nil {
				return nil, err
			}
			first := withHeader("signed-chunked-if-match", "conditional replacement", "if-match", aws.ToString(out.ETag))
			if _, err := first.send(ctx, w, u.primary); err != nil {
				return nil, err
			}
			if data == "" {
				return argminGet(primary, "signed-chunked-if-match")(ctx, w, u)
			}
			return withHeader("signed-chunked-if-match", data, "if-match", aws.ToString(out.ETag)).send(ctx, w, u.primary)
		}
	}
	noneMatch := withHeader("signed-chunked-if-none-match", "created through aws-chunked", "if-none-match", "*")
	again := withHeader("signed-chunked-if-none-match", "rejected overwrite", "if-none-match", "*")
	dated := wireChunkedPut("signed-chunked-date-header", "signed chunks using Date")
	dated.dateHeader = true
	encoded := func(enc string) wireChunked {
		p := wireChunkedPut("ce", "hello from signed chunked content-encoding variants")
		p.encoding = enc
		return p
	}
	badSig := wireChunkedPut("bad-sig", "bad sig test")
	badSig.chunkSig = strings.Repeat("0", 64)
	badTerminal := wireChunkedPut("bad-terminal-sig", "payload accepted before terminal signature fails")
	badTerminal.badTerminal = true
	notCommitted := func(key string) Want { return Want{Status: http.StatusNotFound, Code: "NoSuchKey"} }
	cases := []Case{
		c("PutObject/STREAMING-UNSIGNED-PAYLOAD-TRAILER with a crc32 trailer", "test_unsigned_chunked_put", wireThen(unsigned.call(), argminGet(primary, "unsigned-chunked")),
			body("hello from unsigned chunked")),
		c("PutObject/STREAMING-UNSIGNED-PAYLOAD", "test_unsigned_chunked_legacy_token_rejected", legacy.call(),
			Want{Status: http.StatusBadRequest, Code: "InvalidArgument", Message: wireStreamingTokens,
				Fields: map[string]any{"header:Error-ArgumentName": "x-amz-content-sha256", "header:Error-ArgumentValue": "STREAMING-UNSIGNED-PAYLOAD"}}),
		c("PutObject/STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "test_signed_chunked_put", signed.call(), Want{}),
		c("GetObject/after a signed chunked PUT", "test_signed_chunked_put", wireThen(signed.call(), argminGet(primary, "signed-chunked")), body("hello from signed chunked")),
		c("HeadObject/no Content-Encoding after a signed chunked PUT", "test_signed_chunked_put", wireThen(signed.call(), wireHeadObject("signed-chunked")),
			Want{Fields: map[string]any{"ContentEncoding": Absent}}),
		c("PutObject/chunked with If-None-Match * on a new key", "test_signed_chunked_put_conditions_match_ordinary_put", noneMatch.call(), Want{}),
		c("PutObject/chunked with If-None-Match * on an existing key", "test_signed_chunked_put_conditions_match_ordinary_put",
			wireThen(noneMatch.call(), again.call()), Want{Status: http.StatusPreconditionFailed, Code: "PreconditionFailed"}),
		c("GetObject/kept after a refused chunked If-None-Match", "test_signed_chunked_put_conditions_match_ordinary_put",
			wireThen(noneMatch.call(), wireThen(again.call(), argminGet(primary, "signed-chunked-if-none-match"))), body("created through aws-chunked")),
		c("GetObject/after a chunked If-Match PUT", "test_signed_chunked_put_conditions_match_ordinary_put", ifMatch(""), body("conditional replacement")),
		c("PutObject/chunked with a stale If-Match", "test_signed_chunked_put_conditions_match_ordinary_put", ifMatch("stale replacement"),
			Want{Status: http.StatusPreconditionFailed, Code: "PreconditionFailed"}),
		c("GetObject/after a chunked PUT signed with Date", "test_signed_chunked_put_with_date_header",
			wireThen(dated.call(), argminGet(primary, "signed-chunked-date-header")), body("signed chunks using Date")),
		c("PutObject/chunked, bad chunk signature", "test_signed_chunked_bad_signature", badSig.call(), wireChunkMismatch(strings.Repeat("0", 64))),
		c("GetObject/after a bad chunk signature", "test_signed_chunked_bad_signature", wireThen(badSig.call(), argminGet(primary, "bad-sig")), notCommitted("bad-sig")),
		c("PutObject/chunked, bad terminal signature", "test_signed_chunked_bad_terminal_signature_not_committed", badTerminal.call(), wireChunkMismatch(Present)),
		c("GetObject/after a bad terminal signature", "test_signed_chunked_bad_terminal_signature_not_committed",
			wireThen(badTerminal.call(), argminGet(primary, "bad-terminal-sig")), notCommitted("bad-terminal-sig")),
		c("GetObject/after a trailing-checksum PUT", "test_unsigned_chunked_trailing_checksum",
			wireThen(wireTrailerPut("trailing-cksum", "x-amz-checksum-crc32", wireCRC32("trailer test"), "trailer test").call(), argminGet(primary, "trailing-cksum")),
			body("trailer test")),
	}
	for _, e := range []struct{ sent, stored string }{{"gzip", "gzip"}, {"aws-chunked,gzip", "gzip"}, {"aws-chunked, gzip", "gzip"}, {"gzip,aws-chunked", "gzip"},
		{"gzip, aws-chunked", "gzip"}, {"gzip,aws-chunked,br", "gzip,br"}, {"gzip, aws-chunked, br", "gzip, br"}} {
		test := "test_signed_chunked_put_strips_aws_chunked_content_encoding_variants"
		if e.sent == "gzip" {
			test = "test_signed_chunked_put_with_gzip_content_encoding"
		}
		cases = append(cases,
			c("GetObject/chunked with Content-Encoding "+e.sent, test, wireThen(encoded(e.sent).call(), argminGet(primary, "ce")),
				Want{Fields: map[string]any{"Body": "hello from signed chunked content-encoding variants", "header:Content-Encoding": e.stored}}),
			c("HeadObject/chunked with Content-Encoding "+e.sent, test, wireThen(encoded(e.sent).call(), wireHeadObject("ce")),
				Want{Fields: map[string]any{"ContentEncoding": e.stored}}))
	}
	Run(t, cases)
}
