package authz_test

import (
	"context"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
)

// TestS3SignatureAge: an S3 request signed with SigV4 carries
// s3:signatureAge, the milliseconds since its signature's time, so a
// bucket policy denying old presigned links ("s3:signatureAge" greater
// than N) applies; found by probing, where the key was absent and such a
// Deny never matched. SigV2 and unsigned requests have none, nor do
// other services.
func TestS3SignatureAge(t *testing.T) {
	t.Parallel()
	az := orgWorld(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, version, action string
		signedAt              time.Time
		want                  string // "" for absent
	}{
		{"presigned ten minutes ago", "AWS4-HMAC-SHA256", "s3:GetObject", now.Add(-10 * time.Minute), "600000"},
		{"signed a little in the future", "AWS4-HMAC-SHA256", "s3:GetObject", now.Add(time.Minute), "0"},
		{"SigV2", "AWS", "s3:GetObject", now.Add(-time.Minute), ""},
		{"not S3", "AWS4-HMAC-SHA256", "iam:GetUser", now.Add(-time.Minute), ""},
	}
	for _, tt := range tests {
		info := &authn.Info{Caller: rootOf(outsider), Time: now, SignatureVersion: tt.version, SignedAt: tt.signedAt}
		_, req, err := az.Decide(authn.WithInfo(context.Background(), info),
			authz.Check{Action: tt.action, Resource: "arn:aws:s3:::b/k", Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if v := req.Context["s3:signatureage"]; len(v) == 1 {
			got = v[0]
		}
		if got != tt.want {
			t.Errorf("%s: s3:signatureAge = %q, want %q", tt.name, got, tt.want)
		}
	}
}
