package main

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// A world the server refuses part-way (accounts[1]'s policy has no
// Resource, which only IAM itself checks) must leave the store as it was:
// not account 111111111111 and its user created before the refusal.
func TestRefusedWorldLeavesStoreAsItWas(t *testing.T) {
	const bad = `{"accounts":[
	 {"id":"111111111111","users":[{"name":"alice"}]},
	 {"id":"222222222222","policies":[{"name":"P","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}}]}]}`
	const before = `{"accounts":[{"id":"333333333333","users":[{"name":"bob"}]}]}`
	for _, tc := range []struct {
		name  string
		prior string // a world applied first, or ""
		want  []string
	}{
		{"fresh store", "", nil},
		{"store with data", before, []string{"333333333333"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := store.Open(t.TempDir(), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			opts := emulator.Options{}
			srv, err := emulator.New(db, opts)
			if err != nil {
				t.Fatal(err)
			}
			if tc.prior != "" {
				c, err := config.Parse([]byte(tc.prior))
				if err != nil {
					t.Fatal(err)
				}
				if err := applyConfig(ctx, srv, opts, "before.json", c); err != nil {
					t.Fatal(err)
				}
			}
			c, err := config.Parse([]byte(bad))
			if err != nil {
				t.Fatal(err)
			}
			err = applyConfig(ctx, srv, opts, "bad.json", c)
			if err == nil || !strings.Contains(err.Error(), "accounts[1].policies[0].document") {
				t.Fatalf("applyConfig = %v, want the refusal naming accounts[1].policies[0].document", err)
			}
			var got []string
			_ = db.View(ctx, func(tx *store.Tx) error { got = tx.Accounts(); return nil })
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("accounts after the refused world = %v, want %v", got, tc.want)
			}
		})
	}
}
