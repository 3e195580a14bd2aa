package totp

import (
	"testing"
	"time"
)

func TestVectors(t *testing.T) {
	t.Parallel()
	// RFC 6238 appendix B, SHA-1 seed "12345678901234567890", truncated to
	// 6 digits (the 8-digit values end with these).
	seed := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	for _, tc := range []struct {
		unix int64
		want string
	}{
		{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"},
		{1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
	} {
		if got := Code(seed, time.Unix(tc.unix, 0)); got != tc.want {
			t.Errorf("Code(T=%d) = %q, want %q", tc.unix, got, tc.want)
		}
	}
	now := time.Unix(1111111111, 0)
	for _, tc := range []struct {
		code string
		want bool
	}{
		{Code(seed, now), true}, {Code(seed, now.Add(-30*time.Second)), true},
		{Code(seed, now.Add(30*time.Second)), true}, {Code(seed, now.Add(-90*time.Second)), false},
		{"12345", false}, {"abcdef", false},
	} {
		if got := Verify(seed, tc.code, now); got != tc.want {
			t.Errorf("Verify(%q) = %v, want %v", tc.code, got, tc.want)
		}
	}
	if Code("not base32!", now) != "" {
		t.Errorf("TOTP of an invalid seed should be empty")
	}
}
