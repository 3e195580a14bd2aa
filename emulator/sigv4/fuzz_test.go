package sigv4

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func FuzzParseAuthorization(f *testing.F) {
	f.Add("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
	f.Add("AWS4-HMAC-SHA256 Credential=A/2/r/s/aws4_request,SignedHeaders=host,Signature=00")
	f.Add("AWS4-HMAC-SHA256")
	f.Add("AWS4-HMAC-SHA256 Credential=,,,=")
	f.Fuzz(func(t *testing.T, h string) {
		a, ok := parseAuthorization(h)
		if !ok {
			return
		}
		if a.credOK {
			if a.credentialRaw != a.cred.akid+"/"+a.cred.scope() {
				t.Fatalf("credential %q parsed as %+v", a.credentialRaw, a.cred)
			}
		}
		// Verify must never panic on it either.
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Authorization", h)
		r.Header.Set("X-Amz-Date", "20150830T123600Z")
		r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
		_, _ = testVerifier(testTime).Verify(r)
		_, _, _ = Scope(r)
	})
}

func FuzzPresignQuery(f *testing.F) {
	f.Add("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00")
	f.Add("X-Amz-Signature=&&=&X-Amz-Expires=-1")
	f.Add("AWSAccessKeyId=AKIDEXAMPLE&Signature=x&Expires=99999999999")
	f.Add("%zz=%&+&X-Amz-Credential=a/b/c/d/aws4_request")
	f.Fuzz(func(t *testing.T, q string) {
		r := httptest.NewRequest("GET", "/bucket/key", nil)
		r.URL.RawQuery = q
		r.RequestURI = "/bucket/key?" + q
		res, err := testVerifier(testTime).Verify(r)
		if err == nil && !res.Anonymous {
			// Only a correctly signed query may authenticate.
			t.Fatalf("query %q authenticated as %+v", q, res)
		}
		_, _, _ = Scope(r)
		_ = canonicalQuery(parseQuery(q), "X-Amz-Signature")
	})
}

// FuzzChunkedReader feeds framed bodies through the decoder. Arbitrary
// framing must never panic; for a correctly signed body with one byte
// flipped, everything returned before an error must be a prefix of the
// payload (no unverified data), and success implies the whole payload.
func FuzzChunkedReader(f *testing.F) {
	f.Add([]byte("hello, world"), uint16(5), uint32(0), byte(0), false)
	f.Add(bytes.Repeat([]byte("a"), 300), uint16(64), uint32(100), byte(1), true)
	f.Add([]byte(""), uint16(1), uint32(3), byte(0x40), false)
	f.Add([]byte("5\r\nhello\r\n0\r\n\r\n"), uint16(0), uint32(0), byte(0), false)
	key := deriveKey(testSecret, "20150830", "us-east-1", "s3")
	const scope = "20150830/us-east-1/s3/aws4_request"
	const seed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
	f.Fuzz(func(t *testing.T, data []byte, chunk uint16, pos uint32, flip byte, trailer bool) {
		// 1. The input as raw framing, in every mode.
		for _, mode := range []string{streamingSigned, streamingUnsigned, streamingSignedTr} {
			cr := &chunkedReader{decodedLen: -1, body: io.NopCloser(nil)}
			cr.init(bytes.NewReader(data))
			cr.signed = mode != streamingUnsigned
			cr.trailer = mode != streamingSigned
			cr.key, cr.amzDate, cr.scope, cr.prevSig = key, "20150830T123600Z", scope, seed
			if cr.trailer {
				_ = cr.expectTrailers([]string{"x-amz-checksum-crc32"})
			}
			out, err := io.ReadAll(io.LimitReader(cr, 1<<20))
			if cr.signed && len(out) > 0 {
				t.Fatalf("random framing yielded %d bytes from signed chunks", len(out))
			}
			_ = err
			_ = cr.Trailers()
		}
		if chunk == 0 {
			return
		}
		// 2. A correctly signed encoding of data, possibly corrupted.
		h, _ := Checksum("CRC32")
		h.Write(data)
		tname := ""
		if trailer {
			tname = "x-amz-checksum-crc32"
		}
		body := encodeChunked(key, "20150830T123600Z", scope, seed, data, int(chunk), tname, ChecksumString(h))
		corrupted := flip != 0 && len(body) > 0
		if corrupted {
			body[int(pos)%len(body)] ^= flip
		}
		cr := &chunkedReader{decodedLen: int64(len(data)), body: io.NopCloser(nil)}
		cr.init(bytes.NewReader(body))
		cr.signed, cr.trailer = true, trailer
		cr.key, cr.amzDate, cr.scope, cr.prevSig = key, "20150830T123600Z", scope, seed
		if trailer {
			_ = cr.expectTrailers([]string{tname})
		}
		out, err := io.ReadAll(cr)
		if !bytes.HasPrefix(data, out) {
			t.Fatalf("decoded %d bytes that are not a prefix of the payload", len(out))
		}
		if err == nil && !bytes.Equal(out, data) {
			t.Fatalf("success with %d of %d bytes", len(out), len(data))
		}
		// Chunks but the last must be of 8192 bytes at least (smallChunk).
		short := int(chunk) < minChunkSize && len(data) > int(chunk)
		if err != nil && !corrupted && !short {
			t.Fatalf("uncorrupted body failed: %v", err)
		}
		if err == nil && !corrupted && short {
			t.Fatalf("a body of %d-byte chunks was taken", chunk)
		}
	})
}

func BenchmarkVerifyHeader(b *testing.B) {
	req, _ := http.NewRequest("GET", "http://localhost:4566/bucket/some/key.txt?versionId=3", nil)
	r := signS3(b, "GET", req.URL.String(), nil, emptySHA256, http.Header{"Range": {"bytes=0-9"}})
	authz := r.Header.Get("Authorization")
	v := testVerifier(testTime)
	v.Keys = NewKeyCache(16) // as the server verifies
	b.ReportAllocs()
	for b.Loop() {
		r.Header.Set("Authorization", authz)
		if _, err := v.Verify(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyPresigned(b *testing.B) {
	q := url.Values{}
	q.Set("X-Amz-Expires", "3600")
	target := "http://localhost:4566/bucket/some/key.txt?" + q.Encode()
	req, _ := http.NewRequest("GET", target, nil)
	signed, _, err := newPresigner().PresignHTTP(b.Context(), testCreds(), req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", testTime, s3Opts)
	if err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse(signed)
	r := httptest.NewRequest("GET", u.RequestURI(), nil)
	r.Host = u.Host
	v := testVerifier(testTime)
	v.Keys = NewKeyCache(16) // as the server verifies
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(r); err != nil {
			b.Fatal(err)
		}
	}
	_ = strings.TrimSpace
}
