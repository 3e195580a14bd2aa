package store_test

import (
	"context"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// closedStore writes records of n bytes in total into a new store, closes
// it cleanly and returns its directory.
func closedStore(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; n > 0; i++ {
		size := min(n, 512<<10)
		n -= size
		value := strings.Repeat(fmt.Sprintf("%c", 'a'+i%26), size-6) + "NEEDLE"
		if err := db.Update(context.Background(), func(tx *store.Tx) error {
			return tx.Put("111111111111", "records", fmt.Sprint(i), value)
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SweepBodies(func(string) bool { return true }); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCleanCloseMarkerPieces: in a store larger than one checksummed piece
// (4 MiB), a byte changed in any piece after a clean close is refused,
// and the untouched store opens without the page check.
func TestCleanCloseMarkerPieces(t *testing.T) {
	t.Parallel()
	dir := closedStore(t, 10<<20)
	path := filepath.Join(dir, "meta.db")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	marker, err := os.ReadFile(filepath.Join(dir, "meta.clean"))
	if err != nil {
		t.Fatal(err)
	}
	if pieces := strings.Count(string(marker), ",") + 1; pieces < 3 {
		t.Fatalf("marker %q has %d checksums for a %d-byte file, want one per 4 MiB", marker, pieces, len(raw))
	}
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("reopen after a clean close: %v", err)
	}
	if db.NeedsSweep() {
		t.Error("NeedsSweep after a clean close = true")
	}
	db.Close()

	// The last value's tail lies in a later piece than the first's.
	first, last := strings.Index(string(raw), "NEEDLE"), strings.LastIndex(string(raw), "NEEDLE")
	if last/(4<<20) == first/(4<<20) {
		t.Fatalf("values at %d and %d lie in one piece", first, last)
	}
	for _, off := range []int{first, last} {
		t.Run(fmt.Sprintf("byte %d", off), func(t *testing.T) {
			dir := closedStore(t, 10<<20)
			path := filepath.Join(dir, "meta.db")
			overwrite(t, path, int64(off), []byte("X"))
			db, err := store.Open(dir, store.Options{})
			if err == nil {
				db.Close()
				t.Fatalf("Open after byte %d changed following a clean close succeeded", off)
			}
			if !strings.Contains(err.Error(), path+" is damaged") || !strings.Contains(err.Error(), "checksum") {
				t.Errorf("Open = %q, want %s is damaged (checksum)", err, path)
			}
		})
	}
}

// TestCleanCloseMarkerV1: a marker written by an older fakeaws (one
// CRC-32C of the whole file) is still honoured: trusted when it matches,
// damage when it does not.
func TestCleanCloseMarkerV1(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		flip    uint32 // XORed into the recorded checksum
		damaged bool
	}{
		{"matching", 0, false},
		{"other checksum", 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := closedStore(t, 64<<10)
			path := filepath.Join(dir, "meta.db")
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			marker := filepath.Join(dir, "meta.clean")
			current, err := os.ReadFile(marker)
			if err != nil {
				t.Fatal(err)
			}
			var size, txid int64
			if _, err := fmt.Sscanf(string(current), "fakeaws clean close v2 size=%d txid=%d", &size, &txid); err != nil {
				t.Fatalf("marker %q: %v", current, err)
			}
			crc := crc32.Checksum(raw, crc32.MakeTable(crc32.Castagnoli)) ^ tc.flip
			v1 := fmt.Sprintf("fakeaws clean close v1 size=%d txid=%d crc32c=%08x sweep=false\n", size, txid, crc)
			if err := os.WriteFile(marker, []byte(v1), 0o600); err != nil {
				t.Fatal(err)
			}
			db, err := store.Open(dir, store.Options{})
			switch {
			case tc.damaged && err == nil:
				db.Close()
				t.Fatal("Open with a v1 marker whose checksum differs succeeded")
			case tc.damaged && !strings.Contains(err.Error(), "checksum"):
				t.Errorf("Open = %q, want damage by checksum", err)
			case !tc.damaged && err != nil:
				t.Fatalf("Open with a matching v1 marker = %v", err)
			case !tc.damaged:
				defer db.Close()
				if db.NeedsSweep() {
					t.Error("NeedsSweep with a matching v1 marker (sweep=false) = true")
				}
			}
		})
	}
}
