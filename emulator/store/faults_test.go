package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
