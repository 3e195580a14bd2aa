package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestClosedAccounts: a closure is known once its transaction commits
// (Batch or Update), not when it fails; it survives a reopen, as does a
// closure only an organization record shows (State set, as stores written
// before closure records hold it); Reset forgets them all.
func TestClosedAccounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{Rehearse: true})
	if err != nil {
		t.Fatal(err)
	}
	if db.AnyAccountClosed() || db.AccountClosed("222222222222") {
		t.Fatal("a fresh store has a closed account")
	}
	steps := []struct {
		name string
		run  func() error
	}{
		{"batch", func() error {
			return db.Batch(ctx, func(tx *store.Tx) error { return tx.CloseAccount("222222222222", time.Now()) })
		}},
		{"failed", func() error {
			err := db.Update(ctx, func(tx *store.Tx) error {
				if err := tx.CloseAccount("444444444444", time.Now()); err != nil {
					return err
				}
				return errors.New("rolled back")
			})
			if err == nil {
				return errors.New("rolled back update succeeded")
			}
			return nil
		}},
		{"organization record only", func() error {
			return db.Update(ctx, func(tx *store.Tx) error {
				return tx.PutOrganization(&store.Organization{ID: "o-abcdefghij", ManagementAccount: "111111111111",
					Accounts: map[string]*store.OrgAccount{"111111111111": {ID: "111111111111"}, "333333333333": {ID: "333333333333", State: "SUSPENDED"}}})
			})
		}},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
	check := func(when string, want map[string]bool) {
		t.Helper()
		for account, closed := range want {
			if got := db.AccountClosed(account); got != closed {
				t.Errorf("%s: AccountClosed(%s) = %v, want %v", when, account, got, closed)
			}
		}
	}
	// The organization record alone is read at Open only.
	check("committed", map[string]bool{"222222222222": true, "444444444444": false, "111111111111": false})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if db, err = store.Open(dir, store.Options{}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	check("reopened", map[string]bool{"222222222222": true, "333333333333": true, "444444444444": false, "111111111111": false})
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if db.AnyAccountClosed() {
		t.Error("Reset kept a closed account")
	}
}
