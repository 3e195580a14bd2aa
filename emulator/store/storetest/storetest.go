// Package storetest opens stores for tests: a fresh store in the test's
// temporary directory whose consistency is checked, and which is closed,
// when the test ends. Production code never imports it.
package storetest

import (
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// Open opens a fresh store with opts. When the test ends the store's
// consistency is checked (a failure fails the test) and it is closed.
func Open(t testing.TB, opts store.Options) *store.DB {
	t.Helper()
	db, err := store.Open(t.TempDir(), opts)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Check(); err != nil {
			t.Errorf("store consistency check: %v", err)
		}
		db.Close()
	})
	return db
}
