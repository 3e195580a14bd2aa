package sigv4

import (
	"bytes"
	"io"
	"net/http"
	"testing"
)

// TestChunkedBodyAnswers pins S3's answers to aws-chunked bodies that are
// framed wrong or whose length is not x-amz-decoded-content-length, as
// versity/versitygw's issues quote them from S3: #1666 (unsigned: a wrong
// chunk size, a missing CRLF, a cut body: IncompleteBody "The request body
// terminated unexpectedly"), #1685 (signed: the same for a missing or
// malformed chunk-signature), #1684 and #1676 (the decoded length: the
// Content-Length IncompleteBody with NumberBytesExpected and
// NumberBytesProvided) and #1656 (an x-amz-decoded-content-length that is
// not a number: MissingContentLength 411). A chunk signature that does not
// verify stays SignatureDoesNotMatch.
func TestChunkedBodyAnswers(t *testing.T) {
	key := deriveKey(testSecret, "20150830", "us-east-1", "s3")
	const amzDate, scope = "20150830T123600Z", "20150830/us-east-1/s3/aws4_request"
	data := bytes.Repeat([]byte("0123456789abcdef"), 1000) // 16,000 bytes
	const terminated = "The request body terminated unexpectedly"
	const mismatch = "You did not provide the number of bytes specified by the Content-Length HTTP header"
	type answer struct {
		code, msg, expected, provided string
	}
	cases := []struct {
		name    string
		signed  bool
		decoded string
		// body frames data; seed is the request's signature.
		body func(seed string) []byte
		want answer
	}{
		{"unsigned, chunk size not hex", false, "16000", func(string) []byte {
			return append([]byte("zz\r\n"), encodeChunked(nil, "", "", "", data, 8192, "", "")...)
		}, answer{code: "IncompleteBody", msg: terminated}},
		{"unsigned, a chunk's CRLF missing", false, "16000", func(string) []byte {
			b := encodeChunked(nil, "", "", "", data, 8192, "", "")
			i := bytes.Index(b, []byte("\r\n1e80\r\n"))
			return append(b[:i:i], b[i+2:]...)
		}, answer{code: "IncompleteBody", msg: terminated}},
		{"unsigned, cut short", false, "16000", func(string) []byte {
			return encodeChunked(nil, "", "", "", data, 8192, "", "")[:10000]
		}, answer{code: "IncompleteBody", msg: terminated}},
		{"unsigned, decoded length larger", false, "16001", func(string) []byte {
			return encodeChunked(nil, "", "", "", data, 8192, "", "")
		}, answer{"IncompleteBody", mismatch, "16001", "16000"}},
		{"signed, chunk-signature missing", true, "16000", func(string) []byte {
			return []byte("2000\r\n" + string(data[:8192]) + "\r\n")
		}, answer{code: "IncompleteBody", msg: terminated}},
		{"signed, chunk-signature not hex", true, "16000", func(string) []byte {
			return []byte("2000;chunk-signature=xyz\r\n" + string(data[:8192]) + "\r\n")
		}, answer{code: "IncompleteBody", msg: terminated}},
		{"signed, chunk signed for another request", true, "16000", func(string) []byte {
			return encodeChunked(key, amzDate, scope, emptySHA256, data, 8192, "", "")
		}, answer{code: "SignatureDoesNotMatch", msg: msgSigMismatchS3}},
		{"signed, decoded length smaller", true, "3", func(seed string) []byte {
			return encodeChunked(key, amzDate, scope, seed, data[:5], 8192, "", "")
		}, answer{"IncompleteBody", mismatch, "3", "5"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mode := streamingUnsigned
			if c.signed {
				mode = streamingSigned
			}
			hdr := http.Header{}
			hdr.Set("Content-Encoding", "aws-chunked")
			hdr.Set("X-Amz-Decoded-Content-Length", c.decoded)
			r, sig := signS3WithSig(t, "PUT", "http://localhost/b/k", nil, mode, hdr)
			r.Body = io.NopCloser(bytes.NewReader(c.body(sig)))
			if _, err := testVerifier(testTime).Verify(r); err != nil {
				t.Fatalf("Verify: got %v, want success", err)
			}
			_, err := io.ReadAll(r.Body)
			e, ok := err.(*Error)
			if !ok || e.Code != c.want.code || e.Message != c.want.msg || e.Status != http.StatusBadRequest && e.Status != http.StatusForbidden {
				t.Fatalf("Read: got %v, want %s %q", err, c.want.code, c.want.msg)
			}
			if c.want.expected != "" && (e.Field("NumberBytesExpected") != c.want.expected || e.Field("NumberBytesProvided") != c.want.provided) {
				t.Errorf("NumberBytesExpected, NumberBytesProvided = %q, %q; want %q, %q",
					e.Field("NumberBytesExpected"), e.Field("NumberBytesProvided"), c.want.expected, c.want.provided)
			}
		})
	}
	for _, mode := range []string{streamingUnsigned, streamingSigned} {
		hdr := http.Header{}
		hdr.Set("Content-Encoding", "aws-chunked")
		hdr.Set("X-Amz-Decoded-Content-Length", "abc")
		r, _ := signS3WithSig(t, "PUT", "http://localhost/b/k", nil, mode, hdr)
		_, err := testVerifier(testTime).Verify(r)
		if e, ok := err.(*Error); !ok || e.Code != "MissingContentLength" || e.Status != http.StatusLengthRequired {
			t.Errorf("%s with x-amz-decoded-content-length abc: Verify = %v, want 411 MissingContentLength", mode, err)
		}
	}
}

// TestUnsignedRequestBodies: an S3 request that is not signed with SigV4
// gets the payload handling its x-amz-content-sha256 asks for. Before, an
// anonymous aws-chunked upload was stored with its chunk framing as the
// object, and a body that did not match its declared hash was stored.
func TestUnsignedRequestBodies(t *testing.T) {
	data := []byte("hello world")
	h, _ := Checksum("CRC32")
	h.Write(data)
	framed := encodeChunked(nil, "", "", "", data, 8192, "x-amz-checksum-crc32", ChecksumString(h))
	for _, c := range []struct {
		name, contentSHA string
		body             []byte
		header           map[string]string
		want             string // decoded body
		code             string
	}{
		{"anonymous aws-chunked", streamingUnsigned, framed,
			map[string]string{"X-Amz-Trailer": "x-amz-checksum-crc32", "X-Amz-Decoded-Content-Length": "11"}, string(data), ""},
		{"anonymous aws-chunked, wrong trailer checksum", streamingUnsigned,
			encodeChunked(nil, "", "", "", data, 8192, "x-amz-checksum-crc32", "AAAAAA=="),
			map[string]string{"X-Amz-Trailer": "x-amz-checksum-crc32", "X-Amz-Decoded-Content-Length": "11"}, "", "BadDigest"},
		{"anonymous, another body's hash", sha256Hex([]byte("other")), data, nil, "", "XAmzContentSHA256Mismatch"},
		{"anonymous, its own hash", sha256Hex(data), data, nil, string(data), ""},
		{"anonymous, chunks claiming signatures", streamingSigned,
			encodeChunked(deriveKey(testSecret, "20150830", "us-east-1", "s3"), "20150830T123600Z", "20150830/us-east-1/s3/aws4_request", emptySHA256, data, 8192, "", ""),
			map[string]string{"X-Amz-Decoded-Content-Length": "11"}, "", "SignatureDoesNotMatch"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := http.NewRequest("PUT", "http://localhost/b/k", bytes.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			r.Header.Set("X-Amz-Content-Sha256", c.contentSHA)
			r.Header.Set("Content-Encoding", "aws-chunked")
			for k, v := range c.header {
				r.Header.Set(k, v)
			}
			res, err := testVerifier(testTime).Verify(r)
			if err != nil || !res.Anonymous {
				t.Fatalf("Verify = %+v, %v; want anonymous", res, err)
			}
			got, err := io.ReadAll(r.Body)
			if code := errCode(err); code != c.code {
				t.Fatalf("Read: got %v, want code %q", err, c.code)
			}
			if c.code == "" && string(got) != c.want {
				t.Errorf("decoded body = %q, want %q", got, c.want)
			}
		})
	}
}
