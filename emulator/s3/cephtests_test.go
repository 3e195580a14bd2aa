package s3

import (
	"mime"
	"strings"
	"testing"
)

// Answers found by running ceph/s3-tests (conformance/s3tests) where
// fakeaws differed from AWS.

// S3 keeps Content-Encoding as sent and only drops aws-chunked, which
// frames the request body (ceph/s3-tests
// test_object_content_encoding_aws_chunked; LocalStack test_s3.snapshot.json
// TestS3PutObjectChecksum::test_s3_checksum_with_content_encoding, recorded
// against AWS, for "gzip, aws-chunked").
func TestStoredContentEncoding(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "enc")
	tests := []struct{ sent, want string }{
		{"gzip", "gzip"},
		{"deflate, gzip", "deflate, gzip"},
		{"deflate,gzip", "deflate,gzip"},
		// A plain PUT's aws-chunked is kept (argmin object_crud.rs
		// test_object_content_encoding_aws_chunked, against AWS in 2026);
		// a streaming upload's is dropped (conformance/golden, LocalStack's
		// test_s3_checksum_with_content_encoding).
		{"gzip, aws-chunked", "gzip, aws-chunked"},
		{"aws-chunked, gzip", "aws-chunked, gzip"},
		{"aws-chunked", "aws-chunked"},
	}
	for _, tc := range tests {
		t.Run(tc.sent, func(t *testing.T) {
			e.must(a, treq{method: "PUT", target: "/enc/o", body: "x", header: map[string]string{"Content-Encoding": tc.sent}}, 200)
			w := e.must(a, treq{method: "HEAD", target: "/enc/o"}, 200)
			if got := w.Header().Get("Content-Encoding"); got != tc.want {
				t.Errorf("Content-Encoding %q stored as %q, want %q", tc.sent, got, tc.want)
			}
		})
	}
}

// User metadata is stored RFC 2047-decoded and returned encoded when it is
// not plain ASCII; the values are the responses LocalStack recorded from
// AWS in test_s3.snapshot.json (TestS3::test_user_metadata_rfc2047_encoded,
// TestS3PresignedUrl::test_put_unicode_metadata_with_sig_s3). ceph/s3-tests'
// test_object_set_get_unicode_metadata expects the raw value back, which
// AWS does not return either.
func TestUserMetadataRFC2047(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "meta2047")
	tests := []struct{ name, sent, want string }{
		{"plain ascii", "plain value", "plain value"},
		{"q-encoded ascii decoded", "=?UTF-8?Q?actually-ascii?=", "actually-ascii"},
		{"b-encoded ascii decoded", "=?UTF-8?B?YWJj?=", "abc"},
		{"mostly ascii as Q", mime.BEncoding.Encode("UTF-8", "test_—_file%E2%80%94_é_2?.pdf"), "=?UTF-8?Q?test=5F=E2=80=94=5Ffile%E2%80%94=5F=C3=A9=5F2=3F.pdf?="},
		{"space as underscore", mime.BEncoding.Encode("UTF-8", "ÄMÄZÕÑ S3"), "=?UTF-8?Q?=C3=84M=C3=84Z=C3=95=C3=91_S3?="},
		// Header bytes are ISO-8859-1 characters to S3 (argmin
		// object_crud.rs test_object_metadata_unicode_accepted, against
		// AWS in 2026): UTF-8 sent raw comes back encoded twice.
		{"raw UTF-8 header", "Hello World\u00e9", "=?UTF-8?Q?Hello_World=C3=83=C2=A9?="},
		{"control bytes as B", "=?UTF-8?B?AAECAw==?=", "=?UTF-8?B?AAECAw==?="},
		{"replacement characters as B", "=?UTF-8?B?77+977+977+977+977+977+977+9?=", "=?UTF-8?B?77+977+977+977+977+977+977+9?="},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e.must(a, treq{method: "PUT", target: "/meta2047/o", body: "x", header: map[string]string{"x-amz-meta-v": tc.sent}}, 200)
			for _, method := range []string{"GET", "HEAD"} {
				w := e.must(a, treq{method: method, target: "/meta2047/o"}, 200)
				// S3 sends user metadata under lower-case names, kept
				// as sent (not canonicalized) by the handler.
				var got []string
				for k, vs := range w.Header() {
					if k == "x-amz-meta-v" {
						got = vs
					}
				}
				if len(got) != 1 || got[0] != tc.want {
					t.Errorf("%s: x-amz-meta-v = %q, want %q", method, got, tc.want)
				}
			}
		})
	}
}

// A long non-ASCII value is split into encoded-words that each fit RFC
// 2047's 75 characters and decode back to the value.
func TestEncodeMetaValueSplitsLongWords(t *testing.T) {
	v := strings.Repeat("é", 80)
	got := encodeMetaValue(v)
	words := strings.Split(got, " ")
	if len(words) < 2 {
		t.Fatalf("encodeMetaValue(80×é) = %q, want several words", got)
	}
	for _, w := range words {
		if len(w) > 75 || !strings.HasPrefix(w, "=?UTF-8?B?") {
			t.Errorf("word %q: longer than 75 or not B-encoded", w)
		}
	}
	var dec mime.WordDecoder
	if back, err := dec.DecodeHeader(got); err != nil || back != v {
		t.Errorf("decodes to %q, %v; want the value", back, err)
	}
}
