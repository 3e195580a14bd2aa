package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestMemo pins that GetMemo reuses a decoded record exactly while its
// stored bytes are unchanged: a rewrite with other bytes, in the same or a
// later transaction, is decoded again, and a deleted record is not found.
func TestMemo(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	var m store.Memo[store.Bucket]
	put := func(tx *store.Tx, versioning string) error {
		return tx.Put(store.Global, store.KindBucket, "b", &store.Bucket{Name: "b", Versioning: versioning})
	}
	get := func(tx *store.Tx) *store.Bucket {
		t.Helper()
		b, err := store.GetMemo(tx, &m, store.Global, store.KindBucket, "b")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var first, second *store.Bucket
	if err := db.Update(ctx, func(tx *store.Tx) error {
		if err := put(tx, ""); err != nil {
			return err
		}
		first = get(tx)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_ = db.View(ctx, func(tx *store.Tx) error { second = get(tx); return nil })
	if second != first {
		t.Error("unchanged record decoded again")
	}
	if err := db.Update(ctx, func(tx *store.Tx) error {
		if err := put(tx, "Enabled"); err != nil {
			return err
		}
		if b := get(tx); b == first || b.Versioning != "Enabled" {
			t.Errorf("after a rewrite in the transaction: %+v (shared %v)", b, b == first)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_ = db.View(ctx, func(tx *store.Tx) error {
		if b := get(tx); b.Versioning != "Enabled" {
			t.Errorf("after the rewrite committed: Versioning %q", b.Versioning)
		}
		return nil
	})
	// A rolled back rewrite leaves the committed value in force.
	errRollback := errors.New("roll back")
	_ = db.Update(ctx, func(tx *store.Tx) error {
		if err := put(tx, "Suspended"); err != nil {
			return err
		}
		if b := get(tx); b.Versioning != "Suspended" {
			t.Errorf("inside the rewrite: Versioning %q", b.Versioning)
		}
		return errRollback
	})
	_ = db.View(ctx, func(tx *store.Tx) error {
		if b := get(tx); b.Versioning != "Enabled" {
			t.Errorf("after a rolled back rewrite: Versioning %q", b.Versioning)
		}
		return nil
	})
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.Delete(store.Global, store.KindBucket, "b") }); err != nil {
		t.Fatal(err)
	}
	_ = db.View(ctx, func(tx *store.Tx) error {
		if _, err := store.GetMemo(tx, &m, store.Global, store.KindBucket, "b"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted record: %v, want ErrNotFound", err)
		}
		if _, err := store.GetMemo(tx, &m, store.Global, store.S3UploadKind("none"), "k"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing kind: %v, want ErrNotFound", err)
		}
		return nil
	})
}
