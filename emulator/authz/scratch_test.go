package authz

import (
	"strings"
	"testing"
	"time"
)

func TestLowerKey(t *testing.T) {
	keys := []string{"sts:RoleSessionName", "sts:ExternalId", "sts:SourceIdentity", "sts:DurationSeconds",
		"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:TagKeys", "aws:SourceIp",
		"aws:RequestedRegion", "s3:VersionId", "iam:PolicyARN", "iam:PermissionsBoundary",
		"s3:prefix", "aws:RequestTag/Team", "S3:X-Amz-Acl", ""}
	for _, k := range keys {
		if got, want := lowerKey(k), strings.ToLower(k); got != want {
			t.Errorf("lowerKey(%q) = %q, want %q", k, got, want)
		}
	}
	var sink string
	if n := testing.AllocsPerRun(10, func() { sink = lowerKey("sts:RoleSessionName") }); n != 0 || sink == "" {
		t.Errorf("lowerKey of a known key allocates %v times, want 0", n)
	}
}

func TestSecondClock(t *testing.T) {
	var c secondClock
	base := time.Date(2026, 12, 5, 23, 59, 59, 0, time.FixedZone("x", 3600))
	tests := []struct {
		now            time.Time
		current, epoch string
	}{
		{base, "2026-12-05T22:59:59Z", "1796511599"},
		{base.Add(999 * time.Millisecond), "2026-12-05T22:59:59Z", "1796511599"},
		{base.Add(time.Second), "2026-12-05T23:00:00Z", "1796511600"},
		{base, "2026-12-05T22:59:59Z", "1796511599"}, // back in time: a clock set back
	}
	for _, tt := range tests {
		current, epoch := c.format(tt.now)
		if current != tt.current || epoch != tt.epoch {
			t.Errorf("format(%v) = %s, %s; want %s, %s", tt.now, current, epoch, tt.current, tt.epoch)
		}
		if want := tt.now.UTC().Format(time.RFC3339); current != want {
			t.Errorf("format(%v) = %s, time.Format says %s", tt.now, current, want)
		}
	}
}
