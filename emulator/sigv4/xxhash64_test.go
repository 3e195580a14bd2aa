package sigv4

import (
	"encoding/hex"
	"strings"
	"testing"
)

// TestXXHash64 checks XXH64 (seed 0) against the reference implementation's
// values (github.com/Cyan4973/xxHash; "" and "abc" are the spec's examples),
// written whole and in uneven pieces, across the 32-byte stripe and the
// 8/4/1-byte tails.
func TestXXHash64(t *testing.T) {
	long := strings.Repeat("0123456789abcdef", 5) + "xyz" // 83 bytes
	cases := []struct{ in, want string }{
		{"", "ef46db3751d8e999"},
		{"abc", "44bc2cf5ad770999"},
		{"123456789", "8cb841db40e6ae83"},
		{long, "2cf0ab3f2d7c78c7"},
	}
	for _, tc := range cases {
		for _, piece := range []int{1, 3, 7, 31, 32, 33, 1000} {
			d := newXXHash64()
			for p := tc.in; len(p) > 0; {
				n := min(piece, len(p))
				d.Write([]byte(p[:n]))
				p = p[n:]
			}
			if got := hex.EncodeToString(d.Sum(nil)); got != tc.want {
				t.Errorf("XXH64(%d bytes) in pieces of %d: got %s, want %s", len(tc.in), piece, got, tc.want)
			}
		}
	}
	d := newXXHash64()
	d.Write([]byte(long))
	d.Reset()
	if got := hex.EncodeToString(d.Sum(nil)); got != "ef46db3751d8e999" {
		t.Errorf("after Reset: got %s, want XXH64 of nothing", got)
	}
}
