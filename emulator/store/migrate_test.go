package store_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// writeV1Store builds a schema 1 store by hand, as fakeaws before the NUL
// fix wrote it: version and upload index keys are key + NUL + suffix.
func writeV1Store(t *testing.T, dir string, objects []store.S3Object, uploads []store.S3Upload) {
	t.Helper()
	b, err := bolt.Open(filepath.Join(dir, "meta.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	put := func(btx *bolt.Tx, kind, key string, v any) error {
		g, err := btx.CreateBucketIfNotExists([]byte("_global"))
		if err != nil {
			return err
		}
		k, err := g.CreateBucketIfNotExists([]byte(kind))
		if err != nil {
			return err
		}
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return k.Put([]byte(key), raw)
	}
	err = b.Update(func(btx *bolt.Tx) error {
		meta, err := btx.CreateBucket([]byte("_meta"))
		if err != nil {
			return err
		}
		if err := meta.Put([]byte("schema_version"), []byte("1")); err != nil {
			return err
		}
		if err := put(btx, store.KindBucket, "b", &store.Bucket{Name: "b", Account: "111111111111", NextSeq: 10}); err != nil {
			return err
		}
		for _, o := range objects {
			if err := put(btx, store.S3ObjectKind("b"), o.Key, &o); err != nil {
				return err
			}
			if err := put(btx, store.S3VersionKind("b"), o.Key+"\x00"+store.S3VersionSuffix(o.Seq), &o); err != nil {
				return err
			}
		}
		for _, u := range uploads {
			if err := put(btx, store.S3UploadKind("b"), u.Key+"\x00"+u.UploadID, &u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigrateV1IndexKeys(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	objects := []store.S3Object{
		{Key: "report", VersionID: "v1", Seq: 1},
		{Key: "report\x000", VersionID: "v2", Seq: 2},
		{Key: "plain/key", VersionID: "v3", Seq: 3},
	}
	uploads := []store.S3Upload{{Key: "report", UploadID: "u1"}, {Key: "report\x00u1", UploadID: "u2"}}
	writeV1Store(t, dir, objects, uploads)

	migrated := -1
	db, err := store.Open(dir, store.Options{Migrate: func(_ *store.Tx, from int) error { migrated = from; return nil }})
	if err != nil {
		t.Fatalf("Open(v1 store) = %v", err)
	}
	defer db.Close()
	if migrated != 1 {
		t.Errorf("Options.Migrate saw from = %d, want 1", migrated)
	}
	ctx := context.Background()
	err = db.View(ctx, func(tx *store.Tx) error {
		for _, o := range objects {
			var got store.S3Object
			if err := tx.Get(store.Global, store.S3VersionKind("b"), store.S3VersionKey(o.Key, o.Seq), &got); err != nil {
				t.Errorf("version %q seq %d after migration: %v", o.Key, o.Seq, err)
			} else if got.VersionID != o.VersionID {
				t.Errorf("version %q seq %d = %s, want %s", o.Key, o.Seq, got.VersionID, o.VersionID)
			}
			n := 0
			_ = tx.ForEach(store.Global, store.S3VersionKind("b"), store.S3IndexKeyPrefix(o.Key), "", func(k string, _ store.Decoder) error {
				if key, ok := store.S3IndexObjectKey(k); !ok || key != o.Key {
					t.Errorf("index key %q under %q names %q (%v)", k, o.Key, key, ok)
				}
				n++
				return nil
			})
			if n != 1 {
				t.Errorf("%d versions under %q, want 1", n, o.Key)
			}
		}
		for _, u := range uploads {
			var got store.S3Upload
			if err := tx.Get(store.Global, store.S3UploadKind("b"), store.S3UploadKey(u.Key, u.UploadID), &got); err != nil {
				t.Errorf("upload %q %s after migration: %v", u.Key, u.UploadID, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Reopening a migrated store migrates nothing.
	migrated = -1
	db, err = store.Open(dir, store.Options{Migrate: func(_ *store.Tx, from int) error { migrated = from; return nil }})
	if err != nil {
		t.Fatalf("reopen migrated store: %v", err)
	}
	db.Close()
	if migrated != -1 {
		t.Errorf("reopen ran Migrate from %d", migrated)
	}
}

func TestIndexKeysKeepOrderAndRoundTrip(t *testing.T) {
	t.Parallel()
	// Sorted object keys, NULs and 0xFF bytes included.
	keys := []string{"", "\x00", "\x00\x00", "\x00\x01", "a", "a\x00", "a\x000", "a\x00\xff", "a\x01", "a\xff", "b"}
	for i, k := range keys {
		got, ok := store.S3IndexObjectKey(store.S3VersionKey(k, 7))
		if !ok || got != k {
			t.Errorf("S3IndexObjectKey(S3VersionKey(%q)) = %q, %v", k, got, ok)
		}
		if i == 0 {
			continue
		}
		prev := keys[i-1]
		// Newest and oldest version of neighbouring keys keep key order.
		if !(store.S3VersionKey(prev, 0) < store.S3VersionKey(k, 1<<63)) {
			t.Errorf("index of %q does not sort before index of %q", prev, k)
		}
	}
	if _, ok := store.S3IndexObjectKey("plain"); ok {
		t.Error(`S3IndexObjectKey("plain") reported an index key`)
	}
}
