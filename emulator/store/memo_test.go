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

// TestEachMemo pins that EachMemo walks every record of the kind in key
// order, shares a decoded record while its bytes are unchanged, decodes a
// rewritten one again (in the writing transaction too), leaves a deleted
// one out, and stops at ErrStop.
func TestEachMemo(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	var m store.Memo[store.AccessKey]
	put := func(tx *store.Tx, id, user string) error {
		return tx.Put(store.Global, store.KindAccessKey, id, &store.AccessKey{ID: id, Account: "111111111111", UserName: user})
	}
	walk := func(tx *store.Tx) (users string, recs []*store.AccessKey) {
		t.Helper()
		err := store.EachMemo(tx, &m, store.Global, store.KindAccessKey, func(k *store.AccessKey) error {
			users += k.ID + "=" + k.UserName + ","
			recs = append(recs, k)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return users, recs
	}
	var first []*store.AccessKey
	if err := db.Update(ctx, func(tx *store.Tx) error {
		for _, k := range [][2]string{{"AKIAB", "bob"}, {"AKIAA", "ann"}, {"AKIAC", "cy"}} {
			if err := put(tx, k[0], k[1]); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_ = db.View(ctx, func(tx *store.Tx) error {
		var users string
		users, first = walk(tx)
		if users != "AKIAA=ann,AKIAB=bob,AKIAC=cy," {
			t.Errorf("first walk: %s", users)
		}
		return nil
	})
	if err := db.Update(ctx, func(tx *store.Tx) error {
		if err := put(tx, "AKIAB", "bea"); err != nil {
			return err
		}
		if err := tx.Delete(store.Global, store.KindAccessKey, "AKIAC"); err != nil {
			return err
		}
		users, recs := walk(tx)
		if users != "AKIAA=ann,AKIAB=bea," {
			t.Errorf("walk after a rewrite and a delete: %s", users)
		}
		if recs[0] != first[0] || recs[1] == first[1] {
			t.Errorf("shared: unchanged %v (want true), rewritten %v (want false)", recs[0] == first[0], recs[1] == first[1])
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	n := 0
	_ = db.View(ctx, func(tx *store.Tx) error {
		return store.EachMemo(tx, &m, store.Global, store.KindAccessKey, func(*store.AccessKey) error {
			n++
			return store.ErrStop
		})
	})
	if n != 1 {
		t.Errorf("ErrStop: fn called %d times, want 1", n)
	}
}
