package store_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// versionsFixture is a bucket's versions, oldest first per key: keys with
// one version, several versions, a delete marker on top, a delete marker
// under a newer version, and keys holding NUL and 0xFF bytes.
func versionsFixture() []store.S3Object {
	mod := time.Date(2026, 12, 5, 21, 0, 0, 123456789, time.UTC)
	v := func(key, vid string, seq uint64, marker bool) store.S3Object {
		o := store.S3Object{Key: key, VersionID: vid, Seq: seq, DeleteMarker: marker, Owner: "111111111111",
			Modified: mod.Add(time.Duration(seq) * time.Second)}
		if !marker {
			o.Size, o.ETag = int64(seq), fmt.Sprintf(`"%032x"`, seq)
		}
		return o
	}
	return []store.S3Object{
		v("a", "null", 1, false),
		v("a\x00", "null", 2, false),
		v("a\x00b", "v3", 3, false), v("a\x00b", "v4", 4, false),
		v("b", "v5", 5, false), v("b", "v6", 6, false), v("b", "v7", 7, true),
		v("c", "v8", 8, true), v("c", "v9", 9, false),
		v("c/d", "null", 10, false),
		v("c\xff", "null", 11, false),
		v("d", "v12", 12, false), v("d", "v13", 13, false), v("d", "v14", 14, false),
	}
}

// currentOf returns the newest version of each key, in key order.
func currentOf(versions []store.S3Object) []store.S3Object {
	newest := map[string]store.S3Object{}
	var keys []string
	for _, o := range versions {
		if _, ok := newest[o.Key]; !ok {
			keys = append(keys, o.Key)
		}
		if o.Seq >= newest[o.Key].Seq {
			newest[o.Key] = o
		}
	}
	out := make([]store.S3Object, 0, len(keys))
	for _, k := range keys {
		out = append(out, newest[k])
	}
	return out
}

func putVersions(t *testing.T, db *store.DB, bucket string, versions []store.S3Object) {
	t.Helper()
	err := db.Update(t.Context(), func(tx *store.Tx) error {
		for _, o := range versions {
			if err := tx.Put(store.Global, store.S3VersionKind(bucket), store.S3VersionKey(o.Key, o.Seq), &o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// listCurrent collects what ForEachCurrent yields.
func listCurrent(t *testing.T, db *store.DB, bucket, prefix, start string, limit int) []store.S3Object {
	t.Helper()
	var out []store.S3Object
	err := db.View(t.Context(), func(tx *store.Tx) error {
		return tx.ForEachCurrent(bucket, prefix, start, func(k string, dec store.Decoder) error {
			if len(out) == limit {
				return store.ErrStop
			}
			var o store.S3Object
			if err := dec(&o); err != nil {
				return err
			}
			if o.Key != k {
				t.Errorf("ForEachCurrent key %q decodes a record of %q", k, o.Key)
			}
			out = append(out, o)
			return nil
		})
	})
	if err != nil {
		t.Fatalf("ForEachCurrent(%q, %q): %v", prefix, start, err)
	}
	return out
}

func keysOf(objs []store.S3Object) []string {
	out := []string{}
	for _, o := range objs {
		out = append(out, fmt.Sprintf("%q@%d", o.Key, o.Seq))
	}
	return out
}

func TestCurrentObjectIsNewestVersion(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	versions := versionsFixture()
	putVersions(t, db, "b", versions)
	err := db.View(t.Context(), func(tx *store.Tx) error {
		for _, want := range currentOf(versions) {
			var got store.S3Object
			if err := tx.CurrentObject("b", want.Key, &got); err != nil {
				t.Errorf("CurrentObject(%q) = %v", want.Key, err)
			} else if !reflect.DeepEqual(got, want) {
				t.Errorf("CurrentObject(%q) =\n %+v, want\n %+v", want.Key, got, want)
			}
		}
		for _, key := range []string{"", "a\x00\x00", "b\x00", "c/", "e", "\xff"} {
			if err := tx.CurrentObject("b", key, &store.S3Object{}); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("CurrentObject(%q) = %v, want ErrNotFound", key, err)
			}
		}
		if err := tx.CurrentObject("no-such-bucket", "a", &store.S3Object{}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("CurrentObject in a bucket without versions = %v, want ErrNotFound", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestForEachCurrent(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	versions := versionsFixture()
	putVersions(t, db, "b", versions)
	all := currentOf(versions)
	pick := func(keys ...string) []store.S3Object {
		var out []store.S3Object
		for _, o := range all {
			for _, k := range keys {
				if o.Key == k {
					out = append(out, o)
				}
			}
		}
		return out
	}
	tests := []struct {
		name, prefix, start string
		limit               int
		want                []store.S3Object
	}{
		{"all", "", "", -1, all},
		{"prefix a", "a", "", -1, pick("a", "a\x00", "a\x00b")},
		{"prefix a NUL", "a\x00", "", -1, pick("a\x00", "a\x00b")},
		{"prefix c", "c", "", -1, pick("c", "c/d", "c\xff")},
		{"start inside a key's versions", "", "b", -1, pick("b", "c", "c/d", "c\xff", "d")},
		{"start between keys", "", "b\x00", -1, pick("c", "c/d", "c\xff", "d")},
		{"start before prefix", "c", "a", -1, pick("c", "c/d", "c\xff")},
		{"start past everything", "", "e", -1, nil},
		{"prefix with no keys", "x", "", -1, nil},
		{"stopped", "", "", 3, pick("a", "a\x00", "a\x00b")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := listCurrent(t, db, "b", tc.prefix, tc.start, tc.limit)
			if !reflect.DeepEqual(keysOf(got), keysOf(tc.want)) {
				t.Errorf("ForEachCurrent(prefix %q, start %q) = %v, want %v", tc.prefix, tc.start, keysOf(got), keysOf(tc.want))
			}
			for i := range min(len(got), len(tc.want)) {
				if !reflect.DeepEqual(got[i], tc.want[i]) {
					t.Errorf("record %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
	// A summary decodes the same fields a listing shows.
	err := db.View(t.Context(), func(tx *store.Tx) error {
		return tx.ForEachCurrent("b", "d", "", func(_ string, dec store.Decoder) error {
			var sum store.S3ObjectSummary
			if err := dec(&sum); err != nil {
				return err
			}
			if want := pick("d")[0]; !reflect.DeepEqual(sum.S3Object, want) {
				t.Errorf("summary of d = %+v, want %+v", sum.S3Object, want)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A schema 4 store kept a copy of each key's newest version in s3o/<bucket>.
// Opening it drops that index; every key reads back the same current
// version, and a current record whose version was missing (never written
// so by fakeaws, but possible in a hand-edited store) is kept as a version.
func TestMigrateV4DropsCurrentIndex(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	versions := versionsFixture()
	putVersions(t, db, "b", versions)
	orphan := store.S3Object{Key: "only/current", VersionID: "null", Seq: 40, Owner: "111111111111", Size: 1, ETag: `"e"`}
	err = db.Update(t.Context(), func(tx *store.Tx) error {
		if err := tx.Put(store.Global, store.KindBucket, "b", &store.Bucket{Name: "b", Account: "111111111111"}); err != nil {
			return err
		}
		for _, o := range slices.Concat(currentOf(versions), []store.S3Object{orphan}) {
			if err := tx.Put(store.Global, "s3o/b", o.Key, &o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	setSchema(t, dir, 4)

	migrated := -1
	db, err = store.Open(dir, store.Options{Migrate: func(_ *store.Tx, from int) error { migrated = from; return nil }})
	if err != nil {
		t.Fatalf("Open(schema 4 store) = %v", err)
	}
	defer db.Close()
	if migrated != 4 {
		t.Errorf("Options.Migrate saw from = %d, want 4", migrated)
	}
	want := currentOf(slices.Concat(versions, []store.S3Object{orphan}))
	got := listCurrent(t, db, "b", "", "", -1)
	if strings.Join(keysOf(got), " ") != strings.Join(sortedKeys(want), " ") {
		t.Errorf("current versions after migration = %v, want %v", keysOf(got), sortedKeys(want))
	}
	err = db.View(t.Context(), func(tx *store.Tx) error {
		for _, w := range want {
			var o store.S3Object
			if err := tx.CurrentObject("b", w.Key, &o); err != nil || !reflect.DeepEqual(o, w) {
				t.Errorf("CurrentObject(%q) after migration = %+v, %v; want %+v", w.Key, o, err, w)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := bolt.Open(filepath.Join(dir, "meta.db"), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	_ = raw.View(func(btx *bolt.Tx) error {
		if btx.Bucket([]byte("_global")).Bucket([]byte("s3o/b")) != nil {
			t.Error("the current-object index is still there after migration")
		}
		return nil
	})
}

// sortedKeys renders objs as keysOf does, in key order.
func sortedKeys(objs []store.S3Object) []string {
	s := slices.Clone(objs)
	slices.SortFunc(s, func(a, b store.S3Object) int { return strings.Compare(a.Key, b.Key) })
	return keysOf(s)
}

// setSchema marks a closed store as written by schema v.
func setSchema(t *testing.T, dir string, v int) {
	t.Helper()
	b, err := bolt.Open(filepath.Join(dir, "meta.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Update(func(btx *bolt.Tx) error {
		return btx.Bucket([]byte("_meta")).Put([]byte("schema_version"), []byte(fmt.Sprint(v)))
	}); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "meta.clean")) // the file changed since Close
}
