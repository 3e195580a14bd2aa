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
	cases = append(cases, wireChunkedMoreCases(c, body)...)
	cases = append(cases, wireChunkedValidationCases(c)...)
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

// wireChunkedMoreCases: lengths, trailers, empty bodies and chunk sizes
// (chunked.rs).
func wireChunkedMoreCases(c func(name, test string, call func(ctx context.Context, w *World, u *argminUsers) (any, error), want Want) Case, body func(string) Want) []Case {
	lenMismatch := wireTrailerPut("len-mismatch", "x-amz-checksum-crc32", wireCRC32("length mismatch"), "length mismatch")
	lenMismatch.decoded, lenMismatch.decodedSet = len("length mismatch")+100, true
	missingSigs := wireChunkedPut("missing-chunksig", "missing sigs")
	big := func(b byte) string { return strings.Repeat(string(b), 8192) }
	multi := wireChunkedPut("signed-multi", big('A'), big('B'), "final chunk")
	unsignedMulti := wireTrailerPut("unsigned-multi", "x-amz-checksum-crc32", wireCRC32(big('X')+big('Y')+"tail"), big('X'), big('Y'), "tail")
	signedTrailer := func(key, data string, date bool) wireChunked {
		p := wireChunked{method: http.MethodPut, path: wireObjectPath(key), contentSHA: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", chunks: []string{data},
			extra: [][2]string{{"x-amz-trailer", "x-amz-checksum-crc32"}}, trailer: "x-amz-checksum-crc32:" + wireCRC32(data), signTrailer: true, dateHeader: date}
		return p
	}
	checksummed := func(key string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), ChecksumMode: "ENABLED"})
		}
	}
	badTrailer := signedTrailer("bad-trailer-sig", "bad trailer sig test", false)
	badTrailer.signTrailer = false
	badTrailer.trailer += "\r\nx-amz-trailer-signature:" + strings.Repeat("0", 64)
	verified := wireTrailerPut("trailing-cksum-verify", "x-amz-checksum-crc32", wireCRC32("verify checksum stored"), "verify checksum stored")
	badValue := wireTrailerPut("bad-cksum-val", "x-amz-checksum-crc32", wireCRC32("wrong data"), "bad checksum value")
	signedEmpty := wireChunkedPut("signed-empty")
	unsignedEmpty := wireTrailerPut("unsigned-empty", "x-amz-checksum-crc32", wireCRC32(""))
	small := wireChunkedPut("small-chunk", "small", "another chunk")
	badMiddle := wireChunkedPut("bad-middle-sig", strings.Repeat("G", 8192), strings.Repeat("B", 8192), "tail")
	badMiddle.badAfter = 1
	nonNumeric := wireTrailerPut("bad-dcl", "x-amz-checksum-crc32", wireCRC32("bad length header"), "bad length header")
	nonNumeric.sentDecoded = "not-a-number"
	notCommitted := Want{Status: http.StatusNotFound, Code: "NoSuchKey"}
	return []Case{
		c("PutObject/x-amz-decoded-content-length 100 over", "test_chunked_decoded_content_length_mismatch", lenMismatch.call(), Want{Refused: true, Status: http.StatusBadRequest}),
		c("GetObject/after a decoded length mismatch", "test_chunked_decoded_content_length_mismatch", wireThen(lenMismatch.call(), argminGet(primary, "len-mismatch")), notCommitted),
		c("GetObject/after an unsigned-payload chunked PUT", "test_chunked_content_encoding_stripped",
			wireThen(wireTrailerPut("enc-strip", "x-amz-checksum-crc32", wireCRC32("encoding strip test"), "encoding strip test").call(), argminGet(primary, "enc-strip")),
			body("encoding strip test")),
		c("PutObject/x-amz-decoded-content-length not a number, unsigned", "test_non_numeric_decoded_content_length", nonNumeric.call(), Want{Refused: true}),
		c("PutObject/signed chunks without chunk-signature", "test_signed_streaming_missing_context_rejected", func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			missingSigs.unsignedChunks = true
			return missingSigs.send(ctx, w, u.primary)
		}, Want{Refused: true, Status: http.StatusBadRequest}),
		c("GetObject/three signed chunks", "test_signed_chunked_multi_chunk", wireThen(multi.call(), argminGet(primary, "signed-multi")),
			body(big('A')+big('B')+"final chunk")),
		c("GetObject/three unsigned chunks and a trailer", "test_unsigned_chunked_multi_chunk", wireThen(unsignedMulti.call(), argminGet(primary, "unsigned-multi")),
			body(big('X')+big('Y')+"tail")),
		c("HeadObject/a signed trailing checksum is stored", "test_signed_chunked_trailing_checksum",
			wireThen(signedTrailer("signed-trailer-cksum", "signed trailing checksum test", false).call(), checksummed("signed-trailer-cksum")),
			Want{Fields: map[string]any{"ChecksumCRC32": Present}}),
		c("GetObject/after a signed trailer, signed with Date", "test_signed_chunked_trailing_checksum_with_date_header",
			wireThen(signedTrailer("signed-trailer-date-header", "signed chunks and trailer using Date", true).call(), argminGet(primary, "signed-trailer-date-header")),
			body("signed chunks and trailer using Date")),
		c("PutObject/a bad trailer signature", "test_signed_chunked_trailing_checksum_bad_trailer_sig", badTrailer.call(), wireChunkMismatch(Present)),
		c("HeadObject/an unsigned trailing checksum is stored", "test_unsigned_trailing_checksum_verified", wireThen(verified.call(), checksummed("trailing-cksum-verify")),
			Want{Fields: map[string]any{"ChecksumCRC32": Present}}),
		c("PutObject/a trailing crc32 of other data", "test_unsigned_trailing_checksum_bad_value", badValue.call(),
			Want{Status: http.StatusBadRequest, Code: "BadDigest", Message: "The CRC32 you specified did not match the calculated checksum.",
				Fields: map[string]any{"header:Error-HostId": Present}}),
		c("GetObject/an empty signed chunked PUT", "test_signed_chunked_empty_object", wireThen(signedEmpty.call(), argminGet(primary, "signed-empty")), body("")),
		c("GetObject/an empty unsigned chunked PUT", "test_unsigned_chunked_empty_object", wireThen(unsignedEmpty.call(), argminGet(primary, "unsigned-empty")), body("")),
		c("PutObject/a small signed chunk before another", "test_signed_chunked_small_non_final_chunk_rejected", small.call(),
			Want{Status: http.StatusForbidden, Code: "InvalidChunkSizeError", Fields: map[string]any{"header:Error-Chunk": "2", "header:Error-BadChunkSize": "5"}}),
		c("GetObject/after a small signed chunk", "test_signed_chunked_small_non_final_chunk_rejected", wireThen(small.call(), argminGet(primary, "small-chunk")), notCommitted),
		c("PutObject/a bad middle chunk signature", "test_signed_multi_chunk_bad_middle_signature", badMiddle.call(), wireChunkMismatch(strings.Repeat("0", 64))),
		c("GetObject/after a bad middle chunk signature", "test_signed_multi_chunk_bad_middle_signature", wireThen(badMiddle.call(), argminGet(primary, "bad-middle-sig")), notCommitted),
	}
}

// wireChunkedValidationCases: the streaming modes' header and trailer
// checks (chunked.rs).
func wireChunkedValidationCases(c func(name, test string, call func(ctx context.Context, w *World, u *argminUsers) (any, error), want Want) Case) []Case {
	malformedTrailer := Want{Status: http.StatusBadRequest, Code: "MalformedTrailerError",
		Message: "The request contained trailing data that was not well-formed or did not conform to our published schema.", Fields: map[string]any{"header:Error-HostId": Present}}
	// declared is an unsigned-payload body declaring a crc32 trailer but
	// framed without one.
	declared := func(key, data string) wireChunked {
		p := wireTrailerPut(key, "x-amz-checksum-crc32", "", data)
		p.trailer = ""
		return p
	}
	multi := wireChunked{method: http.MethodPut, path: wireObjectPath("signed-multi-trailer"), contentSHA: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
		chunks: []string{strings.Repeat("M", 8192), "multi-trailer"}, extra: [][2]string{{"x-amz-trailer", "x-amz-checksum-crc32"}},
		trailer: "x-amz-checksum-crc32:" + wireCRC32(strings.Repeat("M", 8192)+"multi-trailer"), signTrailer: true}
	noEncoding := declared("no-ce", "no content-encoding")
	noEncoding.skipEncoding = true
	wrongEncoding := declared("wrong-ce", "wrong content-encoding")
	wrongEncoding.skipEncoding, wrongEncoding.sentEncoding = true, "gzip"
	noDecoded := declared("no-dcl", "no decoded content length")
	noDecoded.skipDecoded = true
	unknown := wireChunked{method: http.MethodPut, path: wireObjectPath("bad-token"), contentSHA: "STREAMING-UNKNOWN-ALGORITHM", chunks: []string{"unsupported token"}}
	undeclared := wireTrailerPut("trailer-no-decl", "x-amz-checksum-crc32", wireCRC32("trailer without declaration"), "trailer without declaration")
	undeclared.extra = nil
	return []Case{
		c("HeadObject/signed chunks with a signed trailer", "test_signed_multi_chunk_with_trailing_checksum",
			wireThen(multi.call(), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("signed-multi-trailer"), ChecksumMode: "ENABLED"})
			}), Want{Fields: map[string]any{"ChecksumCRC32": Present, "ContentLength": 8192 + len("multi-trailer")}}),
		c("PutObject/STREAMING-UNSIGNED-PAYLOAD-TRAILER without Content-Encoding", "test_streaming_missing_content_encoding", noEncoding.call(), malformedTrailer),
		c("PutObject/STREAMING-UNSIGNED-PAYLOAD-TRAILER with Content-Encoding gzip", "test_streaming_wrong_content_encoding", wrongEncoding.call(), malformedTrailer),
		c("PutObject/STREAMING-UNSIGNED-PAYLOAD-TRAILER without x-amz-decoded-content-length", "test_streaming_missing_decoded_content_length", noDecoded.call(),
			Want{Status: http.StatusLengthRequired, Code: "MissingContentLength", Message: "You must provide the Content-Length HTTP header.",
				Fields: map[string]any{"header:Error-HostId": Present}}),
		c("PutObject/STREAMING-UNKNOWN-ALGORITHM", "test_streaming_unsupported_token", unknown.call(),
			Want{Status: http.StatusBadRequest, Code: "InvalidArgument", Message: wireStreamingTokens,
				Fields: map[string]any{"header:Error-ArgumentName": "x-amz-content-sha256", "header:Error-ArgumentValue": "STREAMING-UNKNOWN-ALGORITHM"}}),
		c("PutObject/a trailer no x-amz-trailer declares", "test_trailer_present_without_declaration", undeclared.call(), malformedTrailer),
		c("PutObject/a declared trailer left out", "test_declared_trailer_missing_from_body", declared("decl-no-trailer", "declared trailer missing").call(), malformedTrailer),
	}
}

// TestArgminWireChunkedTrailers: trailer framing and inline checksums
// (chunked.rs).
func TestArgminWireChunkedTrailers(t *testing.T) {
	src := func(test string) string { return argmin("chunked.rs", test) }
	bucket := argminSteps(argminBucket(false, ""))
	c := func(name, test string, call func(ctx context.Context, w *World, u *argminUsers) (any, error), want Want) Case {
		return argminCase(name, src(test), bucket, call, want)
	}
	incomplete := Want{Status: http.StatusBadRequest, Code: "IncompleteBody", Message: "The request body terminated unexpectedly"}
	otherDeclared := wireTrailerPut("undecl-trailer", "x-amz-checksum-crc32", wireCRC32("undeclared trailer"), "undeclared trailer")
	otherDeclared.extra = [][2]string{{"x-amz-trailer", "x-amz-checksum-sha256"}}
	nonTrailer := wireChunkedPut("non-trailer-trailers", "non-trailer mode with trailers")
	nonTrailer.trailer = "x-amz-checksum-crc32:AAAA"
	noColon := wireTrailerPut("malformed-trailer", "x-amz-checksum-crc32", "", "malformed trailer")
	noColon.trailer = "no-colon-here"
	inline := func(key, data, header, value string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return wireSignedEdit(wireSig{method: http.MethodPut, path: wireObjectPath(key), signed: [][2]string{{header, value}}}, data, nil, nil)
	}
	badDigest := func(alg string) Want {
		return Want{Status: http.StatusBadRequest, Code: "BadDigest", Message: "The " + alg + " you specified did not match the calculated checksum."}
	}
	both := wireTrailerPut("conflict-cksum", "x-amz-checksum-crc32", wireCRC32("conflict test body"), "conflict test body")
	both.extra = append(both.extra, [2]string{"x-amz-checksum-sha256", wireSHA256B64("wrong")})
	mixed := wireTrailerPut("conflict-mixed", "X-Amz-Checksum-CRC32", wireCRC32("mixed case conflict"), "mixed case conflict")
	mixed.trailer = "x-amz-checksum-crc32:" + wireCRC32("mixed case conflict")
	mixed.extra = append(mixed.extra, [2]string{"x-amz-checksum-sha256", wireSHA256B64("wrong")})
	signedTrailer := func(key, data string) wireChunked {
		return wireChunked{method: http.MethodPut, path: wireObjectPath(key), contentSHA: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", chunks: []string{data},
			extra: [][2]string{{"x-amz-trailer", "x-amz-checksum-crc32"}}, trailer: "x-amz-checksum-crc32:AAAA"}
	}
	noTrailerSig := signedTrailer("missing-trailer-sig", "Hello")
	twoTrailers := signedTrailer("bad-trailer-sig", "Hello")
	twoTrailers.trailer += "\r\nanother-trailer:value\r\nx-amz-trailer-signature:" + strings.Repeat("0", 64)
	badHex := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		p := wireTrailerPut("malformed-hex", "x-amz-checksum-crc32", "", "hello")
		p.rawBody = "zz\r\nhello\r\n0\r\n\r\n"
		return p.send(ctx, w, u.primary)
	}
	Run(t, []Case{
		c("PutObject/a trailer other than the declared one", "test_undeclared_trailer_in_body", otherDeclared.call(),
			Want{Status: http.StatusBadRequest, Code: "MalformedTrailerError",
				Message: "The request contained trailing data that was not well-formed or did not conform to our published schema."}),
		c("PutObject/a trailer in STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "test_non_trailer_mode_with_trailers", nonTrailer.call(), incomplete),
		c("PutObject/a trailer line without a colon", "test_malformed_trailer_line_rejected", noColon.call(), incomplete),
		c("PutObject/UNSIGNED-PAYLOAD with its crc32", "test_streaming_inline_checksum_crc32_valid",
			inline("inline-cksum-ok", "hello streaming checksum", "x-amz-checksum-crc32", wireCRC32("hello streaming checksum")), Want{}),
		c("PutObject/UNSIGNED-PAYLOAD with another crc32", "test_streaming_inline_checksum_crc32_bad_digest",
			inline("inline-cksum-bad", "hello streaming checksum", "x-amz-checksum-crc32", "AAAA/w=="), badDigest("CRC32")),
		c("PutObject/UNSIGNED-PAYLOAD with another crc32c", "test_streaming_inline_checksum_crc32c_bad_digest",
			inline("inline-crc32c-bad", "crc32c inline test data", "x-amz-checksum-crc32c", "AAAA/w=="), badDigest("CRC32C")),
		c("PutObject/UNSIGNED-PAYLOAD with its sha256", "test_streaming_inline_checksum_sha256_valid",
			inline("inline-sha256-ok", "sha256 inline test", "x-amz-checksum-sha256", wireSHA256B64("sha256 inline test")), Want{}),
		c("PutObject/UNSIGNED-PAYLOAD with the empty body's sha256", "test_streaming_inline_checksum_sha256_bad_digest",
			inline("inline-sha256-bad", "sha256 inline test", "x-amz-checksum-sha256", wireSHA256B64("")), badDigest("SHA256")),
		c("PutObject/an inline checksum and a trailing one", "test_inline_plus_trailing_checksum_rejected", both.call(),
			Want{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: "Expecting a single x-amz-checksum- header"}),
		c("PutObject/an inline checksum and a trailing one in mixed case", "test_inline_plus_trailing_checksum_rejected_mixed_case", mixed.call(),
			Want{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: "Expecting a single x-amz-checksum- header"}),
		c("PutObject/a chunk size that is not hex", "test_chunked_malformed_invalid_hex_chunk_size", badHex, Want{Refused: true, Status: http.StatusBadRequest}),
		c("PutObject/a signed trailer without its signature", "test_signed_chunked_missing_trailer_signature", noTrailerSig.call(), incomplete),
		c("PutObject/two trailers and a bad trailer signature", "test_signed_chunked_bad_trailer_signature", twoTrailers.call(), Want{Refused: true, Status: http.StatusForbidden}),
	})
}
