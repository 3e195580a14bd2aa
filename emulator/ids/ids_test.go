package ids

import (
	"regexp"
	"testing"

	"github.com/google/uuid"
)

// TestRequestIsUUIDv4: request ids parse as random (version 4, RFC 4122
// variant) UUIDs in canonical lower-case form, and differ.
func TestRequestIsUUIDv4(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		id := Request()
		u, err := uuid.Parse(id)
		if err != nil || u.String() != id || u.Version() != 4 || u.Variant() != uuid.RFC4122 {
			t.Fatalf("Request() = %q: parse %v, version %v, variant %v; want a canonical version 4 UUID", id, err, u.Version(), u.Variant())
		}
		if seen[id] {
			t.Fatalf("Request() repeated %q", id)
		}
		seen[id] = true
	}
}

// TestS3Request: S3 request ids are 16 characters of [0-9A-Z], differ, and
// use the whole alphabet.
func TestS3Request(t *testing.T) {
	t.Parallel()
	seen, chars := map[string]bool{}, map[rune]bool{}
	for range 1000 {
		id := S3Request()
		if !regexp.MustCompile(`^[0-9A-Z]{16}$`).MatchString(id) {
			t.Fatalf("S3Request() = %q; want 16 of [0-9A-Z]", id)
		}
		if seen[id] {
			t.Fatalf("S3Request() repeated %q", id)
		}
		seen[id] = true
		for _, c := range id {
			chars[c] = true
		}
	}
	if len(chars) != 36 {
		t.Fatalf("16,000 characters drew %d of the 36", len(chars))
	}
}

func BenchmarkRequest(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Request()
	}
}
