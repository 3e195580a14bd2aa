package config

import (
	"regexp"
	"strings"
	"testing"
)

// TestValidAccessKeyID: the hand-written check accepts exactly what the
// pattern it replaced, ^AKIA[A-Z0-9]{12,124}$, accepts.
func TestValidAccessKeyID(t *testing.T) {
	re := regexp.MustCompile(`^AKIA[A-Z0-9]{12,124}$`)
	for _, id := range []string{
		"", "AKIA", "AKIA00000000000", "AKIA000000000000", "AKIAEMRYSMERLIN00001",
		"AKIA" + strings.Repeat("Z", 124), "AKIA" + strings.Repeat("Z", 125),
		"ASIA0000000000000000", "akia0000000000000000", "AKIA00000000000000a0",
		"AKIA0000000000000000 ", "AKIA000000000000000-", "AKIA00000000000000É",
		"XAKIA0000000000000000",
	} {
		if got, want := validAccessKeyID(id), re.MatchString(id); got != want {
			t.Errorf("validAccessKeyID(%q) = %t, want %t", id, got, want)
		}
	}
}
