package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestNextSequence pins the counter's rules: numbers grow by one from 1,
// never fall below the floor, roll back with a failed transaction, start
// over once the kind is deleted, and move no generation.
func TestNextSequence(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	kind := store.S3VersionKind("b")
	next := func(floor uint64) uint64 {
		t.Helper()
		var n uint64
		if err := db.Update(ctx, func(tx *store.Tx) (err error) { n, err = tx.NextSequence(store.Global, kind, floor); return err }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	gen, bucketGen := db.Generation(), db.BucketGeneration()
	steps := []struct {
		name  string
		floor uint64
		want  uint64
	}{
		{"first", 0, 1},
		{"second", 0, 2},
		{"floor above", 10, 10},
		{"after floor", 0, 11},
		{"floor below", 5, 12},
		{"floor equal to next", 13, 13},
	}
	for _, s := range steps {
		if got := next(s.floor); got != s.want {
			t.Errorf("%s: NextSequence = %d, want %d", s.name, got, s.want)
		}
	}
	if db.Generation() != gen || db.BucketGeneration() != bucketGen {
		t.Errorf("generations moved: %d→%d, %d→%d", gen, db.Generation(), bucketGen, db.BucketGeneration())
	}
	errRollback := errors.New("roll back")
	if err := db.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.NextSequence(store.Global, kind, 0); err != nil {
			return err
		}
		return errRollback
	}); !errors.Is(err, errRollback) {
		t.Fatalf("failed update = %v", err)
	}
	if got := next(0); got != 14 {
		t.Errorf("after a rolled back transaction: %d, want 14", got)
	}
	if err := db.Batch(ctx, func(tx *store.Tx) error { _, err := tx.NextSequence(store.Global, kind, 0); return err }); err != nil {
		t.Fatal(err)
	}
	if got := next(0); got != 16 {
		t.Errorf("after a batched call: %d, want 16", got)
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteKind(store.Global, kind) }); err != nil {
		t.Fatal(err)
	}
	if got := next(0); got != 1 {
		t.Errorf("after DeleteKind: %d, want 1", got)
	}
	if err := db.View(ctx, func(tx *store.Tx) error { _, err := tx.NextSequence(store.Global, kind, 0); return err }); err == nil {
		t.Error("NextSequence in a read-only transaction succeeded")
	}
}
