package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// editClosed runs fn on the closed store's meta.db through bbolt itself:
// what a hand edit, or damage that bbolt still reads, leaves behind.
func editClosed(t *testing.T, dir string, fn func(*bolt.Tx) error) {
	t.Helper()
	b, err := bolt.Open(filepath.Join(dir, "meta.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
}

// A body that a committed record names but that is gone, or not the size
// the record says, is store.ErrBodyDamaged for CheckBodies and
// OpenBodySized, with the body named in the error; an intact one of
// either kind passes both.
func TestCheckBodies(t *testing.T) {
	t.Parallel()
	large := strings.Repeat("f", store.InlineMax+1)
	tests := []struct {
		name   string
		body   string
		damage func(t *testing.T, dir, id string)
		want   string // "" for no error
	}{
		{"intact file", large, nil, ""},
		{"intact inline", "small", nil, ""},
		{"file deleted", large, func(t *testing.T, dir, id string) {
			if err := os.Remove(filepath.Join(dir, "bodies", id)); err != nil {
				t.Fatal(err)
			}
		}, "is missing from"},
		{"file truncated", large, func(t *testing.T, dir, id string) {
			if err := os.Truncate(filepath.Join(dir, "bodies", id), 10); err != nil {
				t.Fatal(err)
			}
		}, "holds 10 bytes, its record says 65537"},
		{"file emptied", large, func(t *testing.T, dir, id string) {
			if err := os.Truncate(filepath.Join(dir, "bodies", id), 0); err != nil {
				t.Fatal(err)
			}
		}, "holds 0 bytes"},
		{"inline deleted from meta.db", "small", func(t *testing.T, dir, id string) {
			editClosed(t, dir, func(btx *bolt.Tx) error {
				c := btx.Bucket([]byte("_bodies")).Cursor()
				for k, _ := c.First(); k != nil; k, _ = c.Next() {
					if err := c.Delete(); err != nil {
						return err
					}
				}
				return nil
			})
		}, "meta.db (inline bodies)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			db, err := store.Open(dir, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			id := putObject(t, db, "k", tc.body)
			if tc.damage != nil {
				db.Close()
				tc.damage(t, dir, id)
				if db, err = store.Open(dir, store.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			defer db.Close()
			part := store.S3Part{Body: id, Size: int64(len(tc.body))}
			check := func(what string, err error) {
				t.Helper()
				switch {
				case tc.want == "" && err != nil:
					t.Errorf("%s of an intact body: %v", what, err)
				case tc.want != "" && (!errors.Is(err, store.ErrBodyDamaged) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), id)):
					t.Errorf("%s = %v, want ErrBodyDamaged naming %s and saying %q", what, err, id, tc.want)
				}
			}
			check("CheckBodies", db.CheckBodies([]store.S3Part{part}))
			f, err := db.OpenBodySized(part.Body, part.Size)
			check("OpenBodySized", err)
			if err == nil {
				f.Close()
			}
		})
	}
}

// Open refuses a meta.db whose schema version it cannot read, or newer
// than it writes, with the reason, and leaves the file and the bodies
// beside it as they were: an older fakeaws must never write into, migrate
// or sweep a store laid out by a newer one.
func TestOpenRefusesUnknownSchema(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		version []byte // nil: delete the key
		noFile  bool   // store only inline bodies
		want    string
	}{
		{"newer", []byte("7"), false, "store schema 7 is newer than this fakeaws (6)"},
		{"much newer", []byte("1000"), false, "store schema 1000 is newer"},
		{"not a number", []byte("six"), false, `bad schema version "six"`},
		{"empty", []byte{}, false, `bad schema version ""`},
		{"lost, with records", nil, false, "has records but no schema version"},
		{"lost, with records and inline bodies only", nil, true, "has records but no schema version"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			db, err := store.Open(dir, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			putObject(t, db, "small", "inline")
			large := ""
			if !tc.noFile {
				large = putObject(t, db, "large", strings.Repeat("f", store.InlineMax+1))
			}
			if err := db.Update(context.Background(), func(tx *store.Tx) error {
				return tx.Put("111111111111", store.KindUser, "alice", map[string]string{"Name": "alice"})
			}); err != nil {
				t.Fatal(err)
			}
			db.Close()
			editClosed(t, dir, func(btx *bolt.Tx) error {
				meta := btx.Bucket([]byte("_meta"))
				if tc.version == nil {
					return meta.Delete([]byte("schema_version"))
				}
				return meta.Put([]byte("schema_version"), tc.version)
			})
			os.Remove(filepath.Join(dir, "meta.clean")) // as after a crash: every page is read
			before, err := os.ReadFile(filepath.Join(dir, "meta.db"))
			if err != nil {
				t.Fatal(err)
			}
			db, err = store.Open(dir, store.Options{})
			if err == nil {
				db.Close()
				t.Fatalf("Open of a store with schema version %q succeeded", tc.version)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Open = %v, want %q", err, tc.want)
			}
			after, err := os.ReadFile(filepath.Join(dir, "meta.db"))
			if err != nil || !bytes.Equal(before, after) {
				t.Errorf("refused Open changed meta.db (%v)", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "bodies", large)); large != "" && err != nil {
				t.Errorf("refused Open lost a body file: %v", err)
			}
		})
	}
}

// A --data directory that held a tmp/ of its own before fakeaws first
// started there keeps its files: a start removes from tmp/ only what
// fakeaws's own writes and resets cut short left there. Before, every
// start after the first emptied tmp/ whole (os.RemoveAll), so
// `fakeaws --data .` in a project with a tmp/ lost it on the second start.
func TestOpenKeepsForeignFilesInTmp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp")
	write := func(rel, content string) {
		t.Helper()
		p := filepath.Join(tmp, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("notes.txt", "mine")
	write("build/out.o", "mine too")
	for start := range 3 {
		db, err := store.Open(dir, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if start == 1 {
			// What a kill during a write and during a Reset leave.
			write("body-123456", "half a body")
			write("reset-7890/bodies/x", "a reset body")
		}
		db.Close()
	}
	tests := []struct {
		rel  string
		kept bool
	}{
		{"notes.txt", true},
		{"build/out.o", true},
		{"body-123456", false},
		{"reset-7890", false},
	}
	for _, tc := range tests {
		_, err := os.Stat(filepath.Join(tmp, tc.rel))
		if kept := err == nil; kept != tc.kept {
			t.Errorf("tmp/%s kept = %v (%v), want %v", tc.rel, kept, err, tc.kept)
		}
	}
}

// readOnlyChildEnv makes the test binary mount a tmpfs on the directory it
// names (in user and mount namespaces of its own), set a store up there as
// the case after the '|' says, remount the tmpfs read-only and try to
// Open the store, printing "open failed: ERR" or "opened".
const readOnlyChildEnv = "FAKEAWS_STORE_READONLY_CHILD"

// migrateChildEnv makes the test binary open (and so migrate) the store
// in the directory it names, say "opened", and wait to be killed.
const migrateChildEnv = "FAKEAWS_STORE_MIGRATE_CHILD"

func migrateChild(dir string) int {
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("opened")
	defer db.Close() // never reached: the test kills the process
	select {}
}

// schema5Store writes a store of 3,000 users (a third in groups) with an
// access key each, then takes it back to schema 5 (no IAM indexes).
func schema5Store(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		for i := range 3000 {
			var groups []string
			if i%3 == 0 {
				groups = []string{fmt.Sprint("g", i%7)}
			}
			name := fmt.Sprintf("user%04d", i)
			if err := putUser(acctA, name, groups...)(tx); err != nil {
				return err
			}
			if err := putKey(fmt.Sprintf("AKIA%016d", i), acctA, name)(tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err = errors.Join(err, db.Close()); err != nil {
		t.Fatal(err)
	}
	dropIAMIndexes(t, dir)
	setSchema(t, dir, 5)
	return dir
}

// copyStore copies meta.db of src into a new directory.
func copyStore(t *testing.T, src string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(src, "meta.db"))
	if err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	if err := os.WriteFile(filepath.Join(dst, "meta.db"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return dst
}

// A schema migration killed at random moments (SIGKILL of a process
// opening a schema 5 store of 3,000 users and keys, which builds the IAM
// indexes in its opening transaction) leaves a store that opens, at the
// current schema, with exactly the indexes an uninterrupted migration
// builds: the migration commits whole or not at all.
func TestKillDuringMigration(t *testing.T) {
	t.Parallel()
	v5 := schema5Store(t)
	want := copyStore(t, v5)
	began := time.Now()
	db, err := store.Open(want, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)
	var wantIndex []string
	_ = db.View(context.Background(), func(tx *store.Tx) error { wantIndex = indexOf(t, tx, acctA); return nil })
	db.Close()
	if len(wantIndex) != 4000 {
		t.Fatalf("uninterrupted migration built %d index entries, want 4000", len(wantIndex))
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 5))
	outcomes := map[string]int{}
	for run := range 6 {
		dir := copyStore(t, v5)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), migrateChildEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(3*took + 60*time.Millisecond)))
		time.Sleep(delay)
		_ = cmd.Process.Kill()
		said, _ := io.ReadAll(out)
		_ = cmd.Wait()
		opened := strings.Contains(string(said), "opened")
		if opened {
			outcomes["migrated before the kill"]++
		} else {
			outcomes["killed before Open returned"]++
		}
		db, err := store.Open(dir, store.Options{})
		if err != nil {
			t.Fatalf("run %d (kill after %v): reopen: %v", run, delay, err)
		}
		var got []string
		_ = db.View(context.Background(), func(tx *store.Tx) error { got = indexOf(t, tx, acctA); return nil })
		if err := errors.Join(db.Check(), db.Close()); err != nil {
			t.Errorf("run %d: %v", run, err)
		}
		if !slices.Equal(got, wantIndex) {
			t.Errorf("run %d (kill after %v): %d index entries after the kill and reopen, want the %d an uninterrupted migration builds", run, delay, len(got), len(wantIndex))
		}
	}
	t.Logf("migration took %v; %v", took, outcomes)
}

// Open keeps the space reserve (meta.reserve, which a delete on a full
// disk may give back; reliability TestFullDiskMetadataWrites) beside
// meta.db, and writes it again at a start after it was used.
func TestOpenKeepsSpaceReserve(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	reserve := filepath.Join(dir, "meta.reserve")
	for _, removeBefore := range []bool{false, true} {
		if removeBefore {
			if err := os.Remove(reserve); err != nil {
				t.Fatal(err)
			}
		}
		db, err := store.Open(dir, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		if fi, err := os.Stat(reserve); err != nil || fi.Size() != 256<<10 {
			t.Errorf("reserve after Open (removed before: %v): %v, %v", removeBefore, fi, err)
		}
	}
}

// An error bbolt reports about the database file names meta.db, also in
// the run that created the store (whose file bbolt opened under a
// temporary name, linked to meta.db since); other paths are left as they
// are.
func TestStoreFileErrorsNameMetaDB(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tests := []struct{ path, want string }{
		{filepath.Join(dir, "meta.db.new-2442853513"), filepath.Join(dir, "meta.db")},
		{filepath.Join(dir, "bodies", "x"), filepath.Join(dir, "bodies", "x")},
	}
	for _, tc := range tests {
		err := db.StoreFileError(fmt.Errorf("commit: %w", &fs.PathError{Op: "write", Path: tc.path, Err: syscall.ENOSPC}))
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != tc.want || !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("error about %s = %v, want it about %s, still ENOSPC", tc.path, err, tc.want)
		}
	}
}
