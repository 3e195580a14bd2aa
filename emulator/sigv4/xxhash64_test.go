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
