package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/fakeaws/fakeaws/emulator/store"
)

const inlineBucketName = "obj"

// putObject writes body with WriteBody and commits an object record naming
// it at key, through Batch as PutObject does.
func putObject(t *testing.T, db *store.DB, key, body string) string {
	t.Helper()
	id, n, err := db.WriteBody(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	o := &store.S3Object{Key: key, Size: n, Parts: []store.S3Part{{Body: id, Size: n}}}
	if err := db.Batch(context.Background(), func(tx *store.Tx) error {
		return tx.Put(store.Global, store.S3VersionKind(inlineBucketName), store.S3VersionKey(key, o.Seq), o)
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

// readBody reads a committed body whole.
func readBody(t *testing.T, db *store.DB, id string) (string, error) {
	t.Helper()
	f, err := db.OpenBody(id)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	return string(b), err
}

func storedIDs(t *testing.T, db *store.DB) []string {
	t.Helper()
	ids, err := db.BodyIDs()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	return ids
}

// Small bodies are inline, large ones files; each is readable (and
// seekable) once its record commits, and not before.
func TestWriteBodyInlineOrFile(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	tests := []struct {
		name   string
		size   int
		inline bool
	}{
		{"empty", 0, true},
		{"1 KiB", 1 << 10, true},
		{"at the limit", store.InlineMax, true},
		{"one past the limit", store.InlineMax + 1, false},
		{"1 MiB", 1 << 20, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := strings.Repeat("abcdefghij", tc.size/10+1)[:tc.size]
			id, n, err := db.WriteBody(strings.NewReader(body))
			if err != nil || n != int64(tc.size) {
				t.Fatalf("WriteBody = %d, %v; want %d", n, err, tc.size)
			}
			if store.IsInline(id) != tc.inline {
				t.Fatalf("IsInline(%s) = %v, want %v", id, !tc.inline, tc.inline)
			}
			if tc.inline {
				if _, err := db.OpenBody(id); !errors.Is(err, store.ErrNotFound) {
					t.Fatalf("OpenBody before commit = %v, want ErrNotFound", err)
				}
			}
			key := "k/" + tc.name
			o := &store.S3Object{Key: key, Size: n, Parts: []store.S3Part{{Body: id, Size: n}}}
			if err := db.Update(t.Context(), func(tx *store.Tx) error {
				return tx.Put(store.Global, store.S3VersionKind(inlineBucketName), store.S3VersionKey(key, o.Seq), o)
			}); err != nil {
				t.Fatal(err)
			}
			if got, err := readBody(t, db, id); err != nil || got != body {
				t.Fatalf("OpenBody after commit = %d bytes, %v; want %d", len(got), err, len(body))
			}
			if tc.size < 10 {
				return
			}
			f, err := db.OpenBody(id)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.Seek(int64(tc.size-7), io.SeekStart); err != nil {
				t.Fatal(err)
			}
			if tail, err := io.ReadAll(f); err != nil || string(tail) != body[tc.size-7:] {
				t.Errorf("read after Seek = %q, %v; want %q", tail, err, body[tc.size-7:])
			}
		})
	}
}

// A record that names an inline body neither staged nor committed is
// refused, so no commit can acknowledge an object whose bytes are gone.
func TestInlineRecordWithoutBodyRefused(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	id, n, err := db.WriteBody(strings.NewReader("abandoned"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveBody(id); err != nil {
		t.Fatal(err)
	}
	o := &store.S3Object{Key: "k", Size: n, Parts: []store.S3Part{{Body: id, Size: n}}}
	err = db.Batch(t.Context(), func(tx *store.Tx) error {
		return tx.Put(store.Global, store.S3VersionKind(inlineBucketName), store.S3VersionKey("k", o.Seq), o)
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("commit naming a removed inline body = %v, want ErrNotFound", err)
	}
	if err := db.View(t.Context(), func(tx *store.Tx) error {
		if tx.Exists(store.Global, store.S3VersionKind(inlineBucketName), store.S3VersionKey("k", 0)) {
			return errors.New("the record was committed")
		}
		return nil
	}); err != nil {
		t.Error(err)
	}
}

// Concurrent small writes share commits and every one is readable after.
func TestInlineBatchedWrites(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	const n = 64
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids[i] = putObject(t, db, fmt.Sprintf("k%03d", i), fmt.Sprintf("body %d", i))
		}()
	}
	wg.Wait()
	for i, id := range ids {
		if got, err := readBody(t, db, id); err != nil || got != fmt.Sprintf("body %d", i) {
			t.Errorf("body %d = %q, %v", i, got, err)
		}
	}
}

// Removing inline bodies waits for pinned readers: even committing every
// queued deletion (as BodyIDs does first) keeps a pinned reader's body.
func TestInlineRemovalWaitsForReaders(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	old := putObject(t, db, "k", "old")
	release := db.PinBodies()
	newID := putObject(t, db, "k", "new") // an overwrite
	if err := db.RemoveBodies([]string{old}); err != nil {
		t.Fatal(err)
	}
	if got := storedIDs(t, db); !slices.Contains(got, old) {
		t.Fatalf("bodies while a reader is pinned = %v; want %s kept", got, old)
	}
	if got, err := readBody(t, db, old); err != nil || got != "old" {
		t.Fatalf("pinned reader's body = %q, %v; want it kept", got, err)
	}
	release()
	if got := storedIDs(t, db); !slices.Equal(got, []string{newID}) {
		t.Errorf("bodies after release = %v, want only %s", got, newID)
	}
	if _, err := db.OpenBody(old); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("replaced body after release = %v, want ErrNotFound", err)
	}
}

// Close commits queued deletions, so a clean close leaves no orphan and
// asks for no sweep.
func TestInlineRemovalCommittedAtClose(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A first start needs a sweep until one completes.
	if err := db.SweepBodies(func(string) bool { return true }); err != nil {
		t.Fatal(err)
	}
	kept := putObject(t, db, "kept", "kept")
	gone := putObject(t, db, "gone", "gone")
	if err := db.RemoveBodies([]string{gone}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.NeedsSweep() {
		t.Error("NeedsSweep after a clean close with queued deletions")
	}
	if got := storedIDs(t, db); !slices.Equal(got, []string{kept}) {
		t.Errorf("bodies after reopen = %v, want only %s", got, kept)
	}
}

// The sweep removes committed inline bodies no record names (the deletion
// was queued when the process died), keeping young ones beside live
// writes.
func TestSweepInlineBodies(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	kept := putObject(t, db, "kept", "kept")
	orphan := putObject(t, db, "orphan", "orphan")
	young := putObject(t, db, "young", "young")
	refs := map[string]bool{kept: true}
	// An hour ago: every body here is younger, so none is a candidate.
	if err := db.SweepBodiesBefore(func(id string) bool { return refs[id] }, time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := storedIDs(t, db); len(got) != 3 {
		t.Errorf("bodies after a sweep limited to an hour ago = %d, want 3 (all too young)", len(got))
	}
	refs[young] = true
	if err := db.SweepBodiesBefore(func(id string) bool { return refs[id] }, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	want := []string{kept, young}
	slices.Sort(want)
	if got := storedIDs(t, db); !slices.Equal(got, want) {
		t.Errorf("bodies after sweep = %v, want %v (orphan %s removed)", got, want, orphan)
	}
}

// Reset removes inline bodies with the records.
func TestResetRemovesInlineBodies(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	id := putObject(t, db, "k", "small")
	if err := db.Reset(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenBody(id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("inline body after Reset = %v, want ErrNotFound", err)
	}
	fresh := putObject(t, db, "k", "after")
	if got, err := readBody(t, db, fresh); err != nil || got != "after" {
		t.Errorf("body written after Reset = %q, %v", got, err)
	}
}

// A schema 3 store (body files only, no inline bucket) opens as schema 4
// with its bodies readable, and takes inline bodies from then on.
func TestMigrateV3KeepsBodyFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	id, n, err := db.WriteBodyFile(strings.NewReader("schema 3 body"))
	if err != nil {
		t.Fatal(err)
	}
	o := &store.S3Object{Key: "k", Size: n, Parts: []store.S3Part{{Body: id, Size: n}}}
	if err := db.Update(t.Context(), func(tx *store.Tx) error {
		return tx.Put(store.Global, store.S3VersionKind(inlineBucketName), store.S3VersionKey("k", o.Seq), o)
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := bolt.Open(filepath.Join(dir, "meta.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Update(func(btx *bolt.Tx) error {
		if btx.Bucket([]byte("_bodies")) != nil {
			return errors.New("a file-only store has an inline bucket")
		}
		return btx.Bucket([]byte("_meta")).Put([]byte("schema_version"), []byte("3"))
	}); err != nil {
		t.Fatal(err)
	}
	b.Close()
	os.Remove(filepath.Join(dir, "meta.clean")) // the file changed since Close

	db, err = store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("Open schema 3: %v", err)
	}
	defer db.Close()
	var got store.S3Object
	if err := db.View(t.Context(), func(tx *store.Tx) error {
		return tx.CurrentObject(inlineBucketName, "k", &got)
	}); err != nil {
		t.Fatal(err)
	}
	if body, err := readBody(t, db, got.Parts[0].Body); err != nil || body != "schema 3 body" {
		t.Errorf("schema 3 body = %q, %v", body, err)
	}
	inline := putObject(t, db, "new", "inline now")
	if !store.IsInline(inline) {
		t.Errorf("a small body after migration is not inline: %s", inline)
	}
	db.Close()
	b, err = bolt.Open(filepath.Join(dir, "meta.db"), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.View(func(btx *bolt.Tx) error {
		if v := string(btx.Bucket([]byte("_meta")).Get([]byte("schema_version"))); v != fmt.Sprint(store.SchemaVersion) {
			return fmt.Errorf("schema after migration = %s, want %d", v, store.SchemaVersion)
		}
		return nil
	}); err != nil {
		t.Error(err)
	}
}
