package sigv4

import (
	"bytes"
	"testing"
)

func TestKeyCacheMatchesDerivation(t *testing.T) {
	t.Parallel()
	c := NewKeyCache(2)
	scopes := [][4]string{
		{"secret", "20150830", "us-east-1", "s3"},
		{"secret", "20150830", "us-east-1", "iam"},
		{"other", "20150830", "us-east-1", "s3"},
		{"secret", "20150830", "us-east-1", "s3"}, // after a reset
	}
	for _, s := range scopes {
		for range 2 {
			got := c.get(s[0], s[1], s[2], s[3])
			want := deriveKey(s[0], s[1], s[2], s[3])
			if !bytes.Equal(got, want) {
				t.Errorf("KeyCache.get(%v) = %x, want %x", s, got, want)
			}
		}
	}
	if len(c.m) > 2 {
		t.Errorf("cache holds %d keys, want at most 2", len(c.m))
	}
}
