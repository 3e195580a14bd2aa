package organizations_test

import (
	"net/http/httptest"
	"testing"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// startServer is emulatortest.Start over a store that runs every batched
// write twice (store.Options.Rehearse): the tests show each organization
// write is right when a failing neighbour in its commit round makes it
// run again.
func startServer(t testing.TB) (*httptest.Server, *emulator.Server) {
	t.Helper()
	return emulatortest.StartOver(t, emulator.Options{}, store.Options{Rehearse: true})
}
