package s3

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"testing"
)

// TestVersionIDs pins the version id format: AWS's characters, an order
// that follows creation, and ids written by earlier fakeaws versions
// (URL-safe base64, no time) still accepted.
func TestVersionIDs(t *testing.T) {
	awsChars := regexp.MustCompile(`^[A-Za-z0-9._]{32}$`)
	prev := uint64(0)
	for i := 0; i < 200; i++ {
		id := newVersionID()
		if !awsChars.MatchString(id) || !validVersionID(id) {
			t.Fatalf("id %q: not 32 of AWS's characters or not valid", id)
		}
		o := versionOrder(id)
		if o <= prev {
			t.Fatalf("id %q: order %d not after %d", id, o, prev)
		}
		prev = o
	}
	var b [24]byte
	_, _ = rand.Read(b[:20])
	sum := sha256.Sum256(b[:20])
	copy(b[20:], sum[:4])
	for _, old := range []string{base64.RawURLEncoding.EncodeToString(b[:]), versionIDEncoding.EncodeToString(b[:])} {
		if !validVersionID(old) || versionOrder(old) != 0 {
			t.Errorf("id %q of an earlier format: valid %v, order %d; want valid, order 0", old, validVersionID(old), versionOrder(old))
		}
	}
	id := []byte(newVersionID())
	id[5] ^= 1 // an altered id is not one fakeaws issued
	if validVersionID(string(id)) || validVersionID("null") != true || validVersionID("made-up") {
		t.Errorf("altered %q or made-up id accepted, or null refused", id)
	}
}
