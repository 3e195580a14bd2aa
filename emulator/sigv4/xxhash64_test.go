package sigv4

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

// TestXXHash64Checksum checks what S3's XXHASH64 checksum is made of: XXH64
// with seed 0, its digest big-endian (the reference implementation's
// canonical form, github.com/Cyan4973/xxHash; "" and "abc" are the spec's
// examples), base64-encoded, whether the body arrives whole or in pieces.
func TestXXHash64Checksum(t *testing.T) {
	long := strings.Repeat("0123456789abcdef", 5) + "xyz" // 83 bytes
	cases := []struct{ in, want string }{
		{"", "ef46db3751d8e999"},
		{"abc", "44bc2cf5ad770999"},
		{"123456789", "8cb841db40e6ae83"},
		{long, "2cf0ab3f2d7c78c7"},
	}
	for _, tc := range cases {
		raw, err := hex.DecodeString(tc.want)
		if err != nil {
			t.Fatal(err)
		}
		want := base64.StdEncoding.EncodeToString(raw)
		for _, piece := range []int{1, 7, 32, 33, 1000} {
			h, ok := Checksum("xxhash64")
			if !ok {
				t.Fatal(`Checksum("xxhash64") is not known`)
			}
			for p := tc.in; len(p) > 0; {
				n := min(piece, len(p))
				h.Write([]byte(p[:n]))
				p = p[n:]
			}
			if got := ChecksumString(h); got != want {
				t.Errorf("XXHASH64 of %d bytes in pieces of %d = %s, want %s", len(tc.in), piece, got, want)
			}
		}
	}
}

// TestXXHashChecksumsAsAWSCRT holds the three xxHash checksums to the bytes
// AWS's own checksum library gives for "Hello world" (awslabs/aws-checksums
// tests/xxhash_test.c, commit 4833b079: test_xxhash64, test_xxhash3_64,
// test_xxhash3_128, seed 0), the library the AWS CRT-based SDKs compute
// S3's XXHASH64, XXHASH3 and XXHASH128 with: XXH3-64 big-endian, XXH3-128
// with its high half first, as fakeaws sends them (base64 of these bytes).
func TestXXHashChecksumsAsAWSCRT(t *testing.T) {
	cases := []struct{ algorithm, want, wantBase64 string }{
		{"XXHASH64", "c500b0c912b376d8", "xQCwyRKzdtg="},
		{"XXHASH3", "b6acb9d84a38ff74", "tqy52Eo4/3Q="},
		{"XXHASH128", "7351f89812f97382b91d05b31e04dd7f", "c1H4mBL5c4K5HQWzHgTdfw=="},
	}
	for _, tc := range cases {
		h, ok := Checksum(tc.algorithm)
		if !ok {
			t.Fatalf("Checksum(%q) is not known", tc.algorithm)
		}
		h.Write([]byte("Hello world"))
		if got := hex.EncodeToString(h.Sum(nil)); got != tc.want {
			t.Errorf("%s(Hello world) = %s, want %s", tc.algorithm, got, tc.want)
		}
		if got := ChecksumString(h); got != tc.wantBase64 {
			t.Errorf("%s(Hello world) as sent = %s, want %s", tc.algorithm, got, tc.wantBase64)
		}
	}
}
