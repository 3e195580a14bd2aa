// Package emulatortest starts whole fakeaws servers for tests, the way
// net/http/httptest starts HTTP servers: over a fresh store in the test's
// temporary directory, torn down (and the store checked for consistency)
// when the test ends.
package emulatortest

import (
	"net/http/httptest"
	"testing"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/store/storetest"
)

// New builds a server with opts over a fresh store. When the test ends the
// store's consistency is checked and it is closed.
func New(t testing.TB, opts emulator.Options) *emulator.Server {
	t.Helper()
	return NewOver(t, opts, store.Options{})
}

// NewOver is New over a store opened with storeOpts (store.Options.Rehearse
// for tests that show each write is right when it runs twice).
func NewOver(t testing.TB, opts emulator.Options, storeOpts store.Options) *emulator.Server {
	t.Helper()
	srv, err := emulator.New(storetest.Open(t, storeOpts), opts)
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	return srv
}

// Start is New served on a loopback httptest server that is closed when the
// test ends (before the store is).
func Start(t testing.TB, opts emulator.Options) (*httptest.Server, *emulator.Server) {
	t.Helper()
	return StartOver(t, opts, store.Options{})
}

// StartOver is Start over a store opened with storeOpts.
func StartOver(t testing.TB, opts emulator.Options, storeOpts store.Options) (*httptest.Server, *emulator.Server) {
	t.Helper()
	srv := NewOver(t, opts, storeOpts)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, srv
}
