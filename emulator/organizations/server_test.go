package organizations_test

import (
	"net/http/httptest"
	"testing"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// startServer is emulatortest.Start over a store that runs every batched
// write twice (store.Options.Rehearse): the tests show each organization
// write is right when a failing neighbour in its commit round makes it
// run again.
func startServer(t testing.TB) (*httptest.Server, *emulator.Server) {
	t.Helper()
	db, err := store.Open(t.TempDir(), store.Options{Rehearse: true})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Check(); err != nil {
			t.Errorf("store consistency check: %v", err)
		}
		db.Close()
	})
	srv, err := emulator.New(db, emulator.Options{})
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, srv
}
