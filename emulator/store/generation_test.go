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
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
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
		{"object", func() { write(store.Global, store.S3ObjectKind("b"), "k") }, false},
		{"version", func() { write(store.Global, store.S3VersionKind("b"), "k") }, false},
		{"upload", func() { write(store.Global, store.S3UploadKind("b"), "k") }, false},
		{"delete object kind", func() {
			if err := db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteKind(store.Global, store.S3ObjectKind("b")) }); err != nil {
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
