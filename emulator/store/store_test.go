package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

func openTest(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Check(); err != nil {
			t.Errorf("consistency check: %v", err)
		}
		db.Close()
	})
	return db
}

func TestRecordLifecycle(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	u := store.User{Name: "Alice", ID: "AIDAEXAMPLE", ARN: "arn:aws:iam::111111111111:user/Alice"}

	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.Create("111111111111", store.KindUser, "alice", &u) }); err != nil {
		t.Fatalf("Create: %v", err)
	}
	err := db.Update(ctx, func(tx *store.Tx) error { return tx.Create("111111111111", store.KindUser, "alice", &u) })
	if !errors.Is(err, store.ErrExists) {
		t.Errorf("second Create = %v, want ErrExists", err)
	}
	var got store.User
	if err := db.View(ctx, func(tx *store.Tx) error { return tx.Get("111111111111", store.KindUser, "alice", &got) }); err != nil {
		t.Fatalf("Get: %v", err)
	}
	if got.ARN != u.ARN || got.ID != u.ID {
		t.Errorf("Get = %+v, want %+v", got, u)
	}
	// Same key in another account is a different record.
	err = db.View(ctx, func(tx *store.Tx) error { return tx.Get("222222222222", store.KindUser, "alice", &got) })
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get in other account = %v, want ErrNotFound", err)
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.Delete("111111111111", store.KindUser, "alice") }); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	err = db.Update(ctx, func(tx *store.Tx) error { return tx.Delete("111111111111", store.KindUser, "alice") })
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second Delete = %v, want ErrNotFound", err)
	}
}

// TestDeleteExactKey checks that Delete removes exactly the key named: a
// key that only prefixes, or sorts between, stored keys is not found, and
// its neighbours stay.
func TestDeleteExactKey(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	const acct = "111111111111"
	if err := db.Update(ctx, func(tx *store.Tx) error {
		for _, k := range []string{"bob", "carol"} {
			if err := tx.Put(acct, store.KindUser, k, store.User{Name: k}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatalf("Put: %v", err)
	}
	for _, missing := range []string{"bo", "bobby", "a", "zed", ""} {
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.Delete(acct, store.KindUser, missing) })
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Delete(%q) = %v, want ErrNotFound", missing, err)
		}
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.Delete(acct, store.KindUser, "bob") }); err != nil {
		t.Fatalf("Delete(bob): %v", err)
	}
	var u store.User
	if err := db.View(ctx, func(tx *store.Tx) error { return tx.Get(acct, store.KindUser, "carol", &u) }); err != nil || u.Name != "carol" {
		t.Errorf("Get(carol) after deleting bob = %+v, %v; want carol", u, err)
	}
	err := db.View(ctx, func(tx *store.Tx) error { return tx.Get(acct, store.KindUser, "bob", &u) })
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get(bob) after Delete = %v, want ErrNotFound", err)
	}
}

func TestForEachPrefixAndStart(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	keys := []string{"a/1", "a/2", "a/3", "b/1"}
	if err := db.Update(ctx, func(tx *store.Tx) error {
		for _, k := range keys {
			if err := tx.Put("111111111111", "objects", k, k); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, prefix, start string
		want                string
	}{
		{"all", "", "", "a/1,a/2,a/3,b/1"},
		{"prefix", "a/", "", "a/1,a/2,a/3"},
		{"start inside prefix", "a/", "a/2", "a/2,a/3"},
		{"start before prefix", "b/", "a/9", "b/1"},
		{"no match", "c/", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			err := db.View(ctx, func(tx *store.Tx) error {
				return tx.ForEach("111111111111", "objects", tt.prefix, tt.start, func(k string, dec store.Decoder) error {
					var v string
					if err := dec(&v); err != nil {
						return err
					}
					if v != k {
						return fmt.Errorf("value %q under key %q", v, k)
					}
					got = append(got, k)
					return nil
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, ",") != tt.want {
				t.Errorf("ForEach(prefix=%q, start=%q) = %q, want %q", tt.prefix, tt.start, strings.Join(got, ","), tt.want)
			}
		})
	}
}

func TestUpdateRollsBackOnError(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.Put("111111111111", store.KindRole, "r", store.Role{Name: "r"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want boom", err)
	}
	_ = db.View(ctx, func(tx *store.Tx) error {
		if tx.Exists("111111111111", store.KindRole, "r") {
			t.Error("record written by a failed transaction is visible")
		}
		return nil
	})
}

func TestWriteBodyFailureLeavesNothing(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	r := io.MultiReader(strings.NewReader("half of a body"), iotest.ErrReader(errors.New("client went away")))
	if _, _, err := db.WriteBodyFile(r); err == nil {
		t.Fatal("WriteBody with a failing reader succeeded")
	}
	for _, sub := range []string{"bodies", "tmp"} {
		entries, err := os.ReadDir(filepath.Join(db.Dir(), sub))
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 0 {
			t.Errorf("%s/ holds %d files after a failed write, want 0", sub, len(entries))
		}
	}
}

func TestBodyRoundTripAndSweep(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	keep, n, err := db.WriteBodyFile(strings.NewReader("hello"))
	if err != nil || n != 5 {
		t.Fatalf("WriteBody = %d, %v; want 5, nil", n, err)
	}
	orphan, _, err := db.WriteBodyFile(strings.NewReader("never committed"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SweepBodies(func(id string) bool { return id == keep }); err != nil {
		t.Fatal(err)
	}
	f, err := db.OpenBody(keep)
	if err != nil {
		t.Fatalf("OpenBody(kept) = %v", err)
	}
	b, _ := io.ReadAll(f)
	f.Close()
	if string(b) != "hello" {
		t.Errorf("body = %q, want hello", b)
	}
	if _, err := db.OpenBody(orphan); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("OpenBody(swept) = %v, want ErrNotFound", err)
	}
	if _, err := db.OpenBody("../meta.db"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("OpenBody(path trick) = %v, want ErrNotFound", err)
	}
}

func TestResetAndReopen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.EnsureAccount("111111111111", now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	var accounts []string
	_ = db.View(ctx, func(tx *store.Tx) error { accounts = tx.Accounts(); return nil })
	if strings.Join(accounts, ",") != "111111111111" {
		t.Errorf("after reopen Accounts() = %v, want [111111111111]", accounts)
	}
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	_ = db.View(ctx, func(tx *store.Tx) error { accounts = tx.Accounts(); return nil })
	if len(accounts) != 0 {
		t.Errorf("after Reset Accounts() = %v, want none", accounts)
	}
}

func TestOpenSameVersionSkipsMigration(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	calls := 0
	db, err = store.Open(dir, store.Options{Migrate: func(*store.Tx, int) error { calls++; return nil }})
	if err != nil {
		t.Fatalf("reopen same version: %v", err)
	}
	db.Close()
	if calls != 0 {
		t.Errorf("Migrate called %d times for the current version, want 0", calls)
	}
}

func ExampleDB_Update() {
	dir, _ := os.MkdirTemp("", "store-example-*")
	defer os.RemoveAll(dir)
	db, _ := store.Open(dir, store.Options{})
	defer db.Close()
	ctx := context.Background()

	_ = db.Update(ctx, func(tx *store.Tx) error {
		return tx.Create("111111111111", store.KindRole, "reader", &store.Role{Name: "Reader", MaxSessionDuration: 3600})
	})
	var r store.Role
	_ = db.View(ctx, func(tx *store.Tx) error { return tx.Get("111111111111", store.KindRole, "reader", &r) })
	fmt.Println(r.Name, r.MaxSessionDuration)
	// Output: Reader 3600
}

func TestGenerationChangesOnCommitOnly(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	g0 := db.Generation()
	_ = db.View(ctx, func(*store.Tx) error { return nil })
	if db.Generation() != g0 {
		t.Error("a read changed the generation")
	}
	_ = db.Update(ctx, func(*store.Tx) error { return errors.New("rolled back") })
	if db.Generation() != g0 {
		t.Error("a rolled-back write changed the generation")
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.Put("111111111111", "k", "a", 1) }); err != nil {
		t.Fatal(err)
	}
	g1 := db.Generation()
	if g1 == g0 {
		t.Error("a committed write left the generation unchanged")
	}
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if db.Generation() == g1 {
		t.Error("Reset left the generation unchanged")
	}
}

// BenchmarkForEach walks 1,000 records, decoding each: what a list page
// or a start-up scan costs per record.
func BenchmarkForEach(b *testing.B) {
	db, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	const n = 1000
	if err := db.Update(ctx, func(tx *store.Tx) error {
		for i := range n {
			if err := tx.Put("111111111111", store.KindUser, fmt.Sprintf("user-%04d", i), store.User{Name: "u"}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		b.Fatalf("Put: %v", err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		seen := 0
		if err := db.View(ctx, func(tx *store.Tx) error {
			return tx.ForEach("111111111111", store.KindUser, "", "", func(_ string, dec store.Decoder) error {
				var u store.User
				seen++
				return dec(&u)
			})
		}); err != nil || seen != n {
			b.Fatalf("ForEach: %d records, %v", seen, err)
		}
	}
}
