package emulator_test

import (
	"testing"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// BenchmarkNew is the server's share of start-up: building a Server over
// an open, empty store (route tables, caches, the OIDC issuer), as
// cmd/fakeaws does before it listens.
func BenchmarkNew(b *testing.B) {
	db, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	b.ReportAllocs()
	for b.Loop() {
		srv, err := emulator.New(db, emulator.Options{})
		if err != nil {
			b.Fatal(err)
		}
		_ = srv
	}
}
