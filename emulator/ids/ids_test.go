package ids

import (
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

func BenchmarkRequest(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Request()
	}
}
