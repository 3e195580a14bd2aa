package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestSweepBodiesBefore: a sweep beside live writes removes only old
// unreferenced bodies; a body written after its cut-off (metadata perhaps
// not committed yet) stays.
func TestSweepBodiesBefore(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	write := func(s string) string {
		id, _, err := db.WriteBodyFile(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	old, oldKept, fresh := write("old orphan"), write("old referenced"), write("fresh")
	past := time.Now().Add(-time.Hour)
	for _, id := range []string{old, oldKept} {
		if err := os.Chtimes(filepath.Join(db.Dir(), "bodies", id), past, past); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SweepBodiesBefore(func(id string) bool { return id == oldKept }, time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{old: false, oldKept: true, fresh: true} {
		f, err := db.OpenBody(id)
		if err == nil {
			f.Close()
		}
		if got := err == nil; got != want {
			t.Errorf("body %s present = %v (%v), want %v", id, got, err, want)
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			t.Errorf("OpenBody(%s) = %v", id, err)
		}
	}
}
