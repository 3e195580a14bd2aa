package conformance

import (
	"encoding/base32"
	"testing"
	"time"
)

// TestTOTP checks the test's own TOTP against RFC 6238 Appendix B (SHA-1
// rows, last 6 digits of the 8-digit values).
func TestTOTP(t *testing.T) {
	t.Parallel()
	seed := base32.StdEncoding.EncodeToString([]byte("12345678901234567890"))
	tests := []struct {
		unix int64
		want string
	}{
		{59, "287082"},
		{1111111109, "081804"},
		{1111111111, "050471"},
		{1234567890, "005924"},
		{2000000000, "279037"},
	}
	for _, tt := range tests {
		if got := totp(seed, time.Unix(tt.unix, 0)); got != tt.want {
			t.Errorf("totp(t=%d) = %s, want %s", tt.unix, got, tt.want)
		}
	}
}
