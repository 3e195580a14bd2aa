package s3

import "testing"

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
		{"gzip, aws-chunked", "gzip"},
		{"aws-chunked, gzip", "gzip"},
		{"deflate, aws-chunked, gzip", "deflate, gzip"},
		{"aws-chunked", ""},
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
