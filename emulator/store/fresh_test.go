package store_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestNewStoreNeedsNoSweep pins that a store created in an empty directory
// starts with nothing to sweep (no background walk and forced collection
// competing with the first requests), and that reopening it after a clean
// close, which only reads the schema version, still opens it.
func TestNewStoreNeedsNoSweep(t *testing.T) {
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if db.NeedsSweep() {
		t.Error("NeedsSweep on a new store = true")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("reopen = %v", err)
	}
	defer db.Close()
	if db.NeedsSweep() {
		t.Error("NeedsSweep after a clean close = true")
	}
	if err := db.Check(); err != nil {
		t.Errorf("Check = %v", err)
	}
}

// BenchmarkOpenNew is Open creating a store in a directory that does not
// exist yet, as the first start of fakeaws does (Close not timed).
func BenchmarkOpenNew(b *testing.B) {
	parent := b.TempDir()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		db, err := store.Open(filepath.Join(parent, strconv.Itoa(i)), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
