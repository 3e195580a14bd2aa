package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// writeV1Store builds a schema 1 store by hand, as fakeaws before the NUL
// fix wrote it: version and upload index keys are key + NUL + suffix.
func writeV1Store(t *testing.T, dir string, objects []store.S3Object, uploads []store.S3Upload) {
	t.Helper()
	writeJSONStore(t, dir, 1, objects, uploads)
}

// writeJSONStore builds a store of schema 1 or 2 by hand: JSON records,
// index keys as that schema made them.
func writeJSONStore(t *testing.T, dir string, schema int, objects []store.S3Object, uploads []store.S3Upload) {
	t.Helper()
	versionKey := func(o store.S3Object) string { return o.Key + "\x00" + store.S3VersionSuffix(o.Seq) }
	uploadKey := func(u store.S3Upload) string { return u.Key + "\x00" + u.UploadID }
	if schema == 2 {
		versionKey = func(o store.S3Object) string { return store.S3VersionKey(o.Key, o.Seq) }
		uploadKey = func(u store.S3Upload) string { return store.S3UploadKey(u.Key, u.UploadID) }
	}
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
		if err := meta.Put([]byte("schema_version"), []byte(fmt.Sprint(schema))); err != nil {
			return err
		}
		if err := put(btx, store.KindBucket, "b", &store.Bucket{Name: "b", Account: "111111111111", NextSeq: 10}); err != nil {
			return err
		}
		for _, o := range objects {
			if err := put(btx, "s3o/b", o.Key, &o); err != nil { // the current index schema 5 dropped
				return err
			}
			if err := put(btx, store.S3VersionKind("b"), versionKey(o), &o); err != nil {
				return err
			}
		}
		for _, u := range uploads {
			if err := put(btx, store.S3UploadKind("b"), uploadKey(u), &u); err != nil {
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

// A schema 2 store (JSON object, version and upload records) is rewritten
// in the binary encoding when it is opened: every record reads back the
// same, every stored value is binary, and a reopen migrates nothing.
func TestMigrateV2JSONToBinary(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mod := time.Date(2026, 12, 5, 15, 55, 53, 594014870, time.UTC)
	grant := []store.S3Grant{{GranteeType: "CanonicalUser", ID: store.CanonicalID("111111111111"), Account: "111111111111", Permission: "FULL_CONTROL"}}
	var objects []store.S3Object
	for i := range 2500 { // more than one rewrite round of 1,000
		objects = append(objects, store.S3Object{Key: fmt.Sprintf("k/%05d", i), VersionID: "null", Seq: uint64(i + 1),
			Owner: "111111111111", Modified: mod, Size: 100, ETag: `"46234a6de3b2157d3a9510451b33b619"`,
			Parts: []store.S3Part{{Body: "26e4786a-5708-4042-a9e1-748ec31ac6bd", Size: 100, ETag: `"46234a6de3b2157d3a9510451b33b619"`}},
			Meta:  map[string]string{"color": "blue"}, ACL: grant})
	}
	objects = append(objects, store.S3Object{Key: "nul\x00key", VersionID: "v9", Seq: 9000, DeleteMarker: true, Modified: mod})
	uploads := []store.S3Upload{{Key: "up", UploadID: "u1", Initiated: mod, Owner: "111111111111",
		Parts: []store.S3Part{{Number: 1, Body: "b", Size: 5, ETag: `"e"`, Modified: mod}}}}
	writeJSONStore(t, dir, 2, objects, uploads)

	migrated := -1
	db, err := store.Open(dir, store.Options{Migrate: func(_ *store.Tx, from int) error { migrated = from; return nil }})
	if err != nil {
		t.Fatalf("Open(v2 store) = %v", err)
	}
	if migrated != 2 {
		t.Errorf("Options.Migrate saw from = %d, want 2", migrated)
	}
	err = db.View(context.Background(), func(tx *store.Tx) error {
		for _, o := range objects {
			var cur, ver store.S3Object
			if err := tx.CurrentObject("b", o.Key, &cur); err != nil {
				return fmt.Errorf("current %q after migration: %w", o.Key, err)
			}
			if err := tx.Get(store.Global, store.S3VersionKind("b"), store.S3VersionKey(o.Key, o.Seq), &ver); err != nil {
				return fmt.Errorf("version %q after migration: %w", o.Key, err)
			}
			for _, got := range []store.S3Object{cur, ver} {
				if !reflect.DeepEqual(got, o) {
					return fmt.Errorf("%q after migration:\n got %+v\nwant %+v", o.Key, got, o)
				}
			}
		}
		var u store.S3Upload
		if err := tx.Get(store.Global, store.S3UploadKind("b"), store.S3UploadKey("up", "u1"), &u); err != nil || !reflect.DeepEqual(u, uploads[0]) {
			return fmt.Errorf("upload after migration = %+v, %v; want %+v", u, err, uploads[0])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	b, err := bolt.Open(filepath.Join(dir, "meta.db"), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	_ = b.View(func(btx *bolt.Tx) error {
		g := btx.Bucket([]byte("_global"))
		if g.Bucket([]byte("s3o/b")) != nil {
			t.Error("the current-object index is still there after migration")
		}
		for _, kind := range []string{store.S3VersionKind("b"), store.S3UploadKind("b")} {
			_ = g.Bucket([]byte(kind)).ForEach(func(k, v []byte) error {
				if len(v) == 0 || v[0] == '{' {
					t.Errorf("%s %q still JSON after migration", kind, k)
				}
				return nil
			})
		}
		return nil
	})
	b.Close()

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

// Object records keep every byte of their strings, including bytes that
// are not UTF-8 (JSON turned them into U+FFFD): keys, metadata, tags.
func TestObjectRecordsKeepBytes(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	o := &store.S3Object{Key: "caf\xe9/\xff\x00", VersionID: "null", Seq: 3,
		Meta:    map[string]string{"note": "\xc3\x28 bad utf-8", "\xfe": "x"},
		Headers: map[string]string{"Content-Disposition": "attachment; filename=\"\xe9.txt\""},
		Tags:    []store.Tag{{Key: "\x80", Value: "\xbf"}}, ContentType: "text/\xff"}
	u := &store.S3Upload{Key: o.Key, UploadID: "u", Meta: map[string]string{"m": "\xe9"}}
	ctx := context.Background()
	err := db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.Put(store.Global, store.S3VersionKind("b"), store.S3VersionKey(o.Key, o.Seq), o); err != nil {
			return err
		}
		return tx.Put(store.Global, store.S3UploadKind("b"), store.S3UploadKey(u.Key, u.UploadID), u)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.View(ctx, func(tx *store.Tx) error {
		var cur, ver store.S3Object
		if err := tx.CurrentObject("b", o.Key, &cur); err != nil {
			return err
		}
		if err := tx.Get(store.Global, store.S3VersionKind("b"), store.S3VersionKey(o.Key, o.Seq), &ver); err != nil {
			return err
		}
		var up store.S3Upload
		if err := tx.Get(store.Global, store.S3UploadKind("b"), store.S3UploadKey(u.Key, u.UploadID), &up); err != nil {
			return err
		}
		for _, got := range []*store.S3Object{&cur, &ver} {
			if !reflect.DeepEqual(got, o) {
				t.Errorf("object read back = %#v, want %#v", *got, *o)
			}
		}
		if !reflect.DeepEqual(&up, u) {
			t.Errorf("upload read back = %#v, want %#v", up, *u)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
