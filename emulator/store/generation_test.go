package store_test

import (
	"context"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestGenerationIgnoresS3Data pins that S3 data writes leave the identity
// generation alone (so identity and key caches survive PutObject), while
// identity writes and Reset change it.
func TestGenerationIgnoresS3Data(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	write := func(scope, kind, key string) {
		t.Helper()
		if err := db.Update(ctx, func(tx *store.Tx) error { return tx.Put(scope, kind, key, map[string]string{"k": key}) }); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		change  func()
		changed bool
	}{
		{"bucket record", func() { write(store.Global, store.KindBucket, "b") }, false},
		{"version", func() { write(store.Global, store.S3VersionKind("b"), "k") }, false},
		{"upload", func() { write(store.Global, store.S3UploadKind("b"), "k") }, false},
		{"delete version kind", func() {
			if err := db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteKind(store.Global, store.S3VersionKind("b")) }); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"read only", func() { _ = db.View(ctx, func(tx *store.Tx) error { return nil }) }, false},
		{"failed update", func() {
			_ = db.Update(ctx, func(tx *store.Tx) error {
				_ = tx.Put("111111111111", store.KindUser, "x", map[string]string{})
				return store.ErrConflict
			})
		}, false},
		{"user", func() { write("111111111111", store.KindUser, "alice") }, true},
		{"delete user", func() {
			if err := db.Update(ctx, func(tx *store.Tx) error { return tx.Delete("111111111111", store.KindUser, "alice") }); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"access key", func() { write(store.Global, store.KindAccessKey, "AKIA") }, true},
		{"reset", func() {
			if err := db.Reset(ctx); err != nil {
				t.Fatal(err)
			}
		}, true},
	}
	for _, tt := range tests {
		before := db.Generation()
		tt.change()
		if got := db.Generation() != before; got != tt.changed {
			t.Errorf("%s: generation changed = %v, want %v", tt.name, got, tt.changed)
		}
	}
}

// TestBucketGeneration pins that writes to bucket records (through Update
// and Batch) and Reset change the bucket generation, and object, version,
// identity and failed writes do not.
func TestBucketGeneration(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	put := func(scope, kind, key string) func(tx *store.Tx) error {
		return func(tx *store.Tx) error { return tx.Put(scope, kind, key, map[string]string{"k": key}) }
	}
	tests := []struct {
		name    string
		change  func() error
		changed bool
	}{
		{"object", func() error { return db.Update(ctx, put(store.Global, store.S3VersionKind("b"), "k")) }, false},
		{"batched object", func() error { return db.Batch(ctx, put(store.Global, store.S3VersionKind("b"), "k2")) }, false},
		{"user", func() error { return db.Update(ctx, put("111111111111", store.KindUser, "alice")) }, false},
		{"failed bucket write", func() error {
			_ = db.Update(ctx, func(tx *store.Tx) error {
				_ = put(store.Global, store.KindBucket, "b")(tx)
				return store.ErrConflict
			})
			return nil
		}, false},
		{"bucket record", func() error { return db.Update(ctx, put(store.Global, store.KindBucket, "b")) }, true},
		{"batched bucket record", func() error { return db.Batch(ctx, put(store.Global, store.KindBucket, "c")) }, true},
		{"delete bucket", func() error {
			return db.Update(ctx, func(tx *store.Tx) error { return tx.Delete(store.Global, store.KindBucket, "b") })
		}, true},
		{"reset", func() error { return db.Reset(ctx) }, true},
	}
	for _, tt := range tests {
		before := db.BucketGeneration()
		if err := tt.change(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := db.BucketGeneration() != before; got != tt.changed {
			t.Errorf("%s: bucket generation changed = %v, want %v", tt.name, got, tt.changed)
		}
	}
}
