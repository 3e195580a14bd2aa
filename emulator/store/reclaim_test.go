package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

func writeBody(t *testing.T, db *store.DB, s string) string {
	t.Helper()
	id, _, err := db.WriteBodyFile(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func bodyExists(t *testing.T, db *store.DB, id string) bool {
	t.Helper()
	f, err := db.OpenBody(id)
	if errors.Is(err, store.ErrNotFound) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	return true
}

// A pinned reader keeps the bodies removed after its pin; readers pinned
// later do not hold them (they cannot find them).
func TestPinBodiesDefersRemoval(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	a, b, c := writeBody(t, db, "a"), writeBody(t, db, "b"), writeBody(t, db, "c")

	if err := db.RemoveBodies([]string{a}); err != nil {
		t.Fatal(err)
	}
	if bodyExists(t, db, a) {
		t.Error("body removed with no reader pinned is still there")
	}

	release1 := db.PinBodies()
	if err := db.RemoveBodies([]string{b}); err != nil {
		t.Fatal(err)
	}
	release2 := db.PinBodies() // pinned after b's removal: does not hold b
	if err := db.RemoveBodies([]string{c}); err != nil {
		t.Fatal(err)
	}
	if !bodyExists(t, db, b) || !bodyExists(t, db, c) {
		t.Fatal("bodies removed while an older reader is pinned are gone")
	}
	release1()
	release1() // a second release is harmless
	if bodyExists(t, db, b) {
		t.Error("body b still there after the only reader that could see it released")
	}
	if !bodyExists(t, db, c) {
		t.Error("body c removed while a reader pinned before its removal is still pinned")
	}
	release2()
	if bodyExists(t, db, c) {
		t.Error("body c still there after every reader released")
	}
}

// Reset leaves an empty bodies directory and forgets removals waiting for
// readers.
func TestResetRemovesBodies(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	kept := writeBody(t, db, "kept")
	release := db.PinBodies()
	if err := db.RemoveBodies([]string{writeBody(t, db, "waiting")}); err != nil {
		t.Fatal(err)
	}
	if err := db.Reset(t.Context()); err != nil {
		t.Fatal(err)
	}
	release()
	if bodyExists(t, db, kept) {
		t.Error("a body survived Reset")
	}
	fresh := writeBody(t, db, "after reset")
	if !bodyExists(t, db, fresh) {
		t.Error("a body written after Reset is missing")
	}
}
