package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestEnsureAccountRefusesUnreadableRecord: an account record that no
// longer decodes is an error, never an absent account. EnsureAccount took
// every read error for "no account yet": a read transaction answered a
// fresh account (so GetOutboundWebIdentityFederationInfo said the feature
// was never enabled, the password policy and alias were gone), and a write
// transaction replaced the stored record with a fresh one, losing the
// account's settings and its outbound issuer for good.
func TestEnsureAccountRefusesUnreadableRecord(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	const acct = "111111111111"
	for _, c := range []struct {
		name string
		run  func(*store.DB, func(*store.Tx) error) error
	}{
		{"read transaction", func(db *store.DB, fn func(*store.Tx) error) error { return db.View(ctx, fn) }},
		{"write transaction", func(db *store.DB, fn func(*store.Tx) error) error { return db.Update(ctx, fn) }},
		{"batch", func(db *store.DB, fn func(*store.Tx) error) error { return db.Batch(ctx, fn) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			db := openTest(t)
			// A record of an account whose Created is no time: it does not
			// decode as a store.Account.
			unreadable := map[string]any{"ID": acct, "Alias": "kept", "Created": 5}
			if err := db.Update(ctx, func(tx *store.Tx) error {
				return tx.Put(acct, store.KindAccount, store.KindAccount, unreadable)
			}); err != nil {
				t.Fatal(err)
			}
			var got *store.Account
			err := c.run(db, func(tx *store.Tx) error {
				var err error
				got, err = tx.EnsureAccount(acct, now)
				return err
			})
			if err == nil || errors.Is(err, store.ErrNotFound) {
				t.Fatalf("EnsureAccount = %+v, %v; want the decode error", got, err)
			}
			var kept map[string]any
			if err := db.View(ctx, func(tx *store.Tx) error {
				return tx.Get(acct, store.KindAccount, store.KindAccount, &kept)
			}); err != nil {
				t.Fatal(err)
			}
			if kept["Alias"] != "kept" || kept["Created"] != 5.0 {
				t.Errorf("stored record after EnsureAccount = %v, want it unchanged", kept)
			}
		})
	}
}
