package sigv4

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
)

// encodeChunkedMinio frames data as minio-go's StreamingReader (signed) and
// StreamingUSReader (unsigned) do (pkg/signer/request-signature-streaming.go
// addSignedTrailer, request-signature-streaming-unsigned-trailer.go
// addTrailer): the trailer line ends with a bare "\n", then "\r\n", then
// the trailer signature line when signed, then "\r\n".
func encodeChunkedMinio(key []byte, amzDate, scope, seed string, data []byte, chunk int, trailer, value string) []byte {
	var b bytes.Buffer
	prev := writeChunks(&b, key, amzDate, scope, seed, data, chunk)
	line := trailer + ":" + value + "\n"
	b.WriteString(line)
	if key != nil {
		sum := sha256.Sum256([]byte(line))
		sts := "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + prev + "\n" + hex.EncodeToString(sum[:])
		b.WriteString("\r\nx-amz-trailer-signature:" + hex.EncodeToString(hmacSHA256(key, sts)) + "\r\n\r\n")
	} else {
		b.WriteString("\r\n\r\n")
	}
	return b.Bytes()
}

// TestMinioTrailerFraming: minio-go's trailing checksums (its default for
// PutObject with a checksum, signed and unsigned) end the trailer line
// with a bare "\n"; S3 accepts them, so must we. A trailer line with a
// bare "\n" that is not followed by the rest of the framing is still
// malformed.
func TestMinioTrailerFraming(t *testing.T) {
	data := bytes.Repeat([]byte("minio-go trailer "), 1000)
	key := deriveKey(testSecret, "20150830", "us-east-1", "s3")
	h, _ := Checksum("CRC32C")
	h.Write(data)
	good := ChecksumString(h)
	const trailer = "x-amz-checksum-crc32c"
	for _, signed := range []bool{false, true} {
		for _, tc := range []struct {
			name, value, wantCode string
		}{
			{"good", good, ""},
			{"wrong", "AAAAAA==", "BadDigest"},
		} {
			t.Run(fmt.Sprintf("signed=%v/%s", signed, tc.name), func(t *testing.T) {
				mode, k := streamingUnsigned, []byte(nil)
				if signed {
					mode, k = streamingSignedTr, key
				}
				hdr := http.Header{}
				hdr.Set("X-Amz-Trailer", trailer)
				hdr.Set("Content-Encoding", "aws-chunked")
				hdr.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(data)))
				r, sig := signS3WithSig(t, "PUT", "http://localhost/b/k", nil, mode, hdr)
				r.Body = io.NopCloser(bytes.NewReader(encodeChunkedMinio(k, "20150830T123600Z", "20150830/us-east-1/s3/aws4_request", sig, data, 8192, trailer, tc.value)))
				if _, err := testVerifier(testTime).Verify(r); err != nil {
					t.Fatalf("Verify: got %v, want success", err)
				}
				got, err := io.ReadAll(r.Body)
				if code := errCode(err); code != tc.wantCode {
					t.Fatalf("Read: got %v, want code %q", err, tc.wantCode)
				}
				if !bytes.Equal(got, data) {
					t.Fatalf("got %d bytes, want the %d-byte payload", len(got), len(data))
				}
				if err == nil {
					if got := r.Body.(TrailerReader).Trailers().Get(trailer); got != good {
						t.Fatalf("Trailers: got %s=%q, want %q", trailer, got, good)
					}
				}
			})
		}
	}
	t.Run("bare newline without a trailer announced", func(t *testing.T) {
		hdr := http.Header{}
		hdr.Set("Content-Encoding", "aws-chunked")
		hdr.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(data)))
		r, sig := signS3WithSig(t, "PUT", "http://localhost/b/k", nil, streamingUnsigned, hdr)
		r.Body = io.NopCloser(bytes.NewReader(encodeChunkedMinio(nil, "", "", sig, data, 8192, trailer, good)))
		if _, err := testVerifier(testTime).Verify(r); err != nil {
			t.Fatalf("Verify: got %v, want success", err)
		}
		if _, err := io.ReadAll(r.Body); errCode(err) == "" {
			t.Fatal("Read: got success for a trailer that x-amz-trailer did not announce")
		}
	})
}
