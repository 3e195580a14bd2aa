package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/fakeaws/fakeaws/emulator/store"
)

const (
	acctA = "111111111111"
	acctB = "222222222222"
)

// indexOf lists the entries of both IAM indexes in acct, each as
// "<kind>:<key>", in key order.
func indexOf(t *testing.T, tx *store.Tx, acct string) []string {
	t.Helper()
	var out []string
	for _, kind := range []string{store.KindAccessKeysByUser, store.KindGroupMembers} {
		err := tx.ForEach(acct, kind, "", "", func(k string, _ store.Decoder) error {
			out = append(out, kind+":"+k)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func putKey(id, acct, user string) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		return tx.Put(store.Global, store.KindAccessKey, id, &store.AccessKey{ID: id, Account: acct, UserName: user, Status: "Active"})
	}
}

func deleteKey(id string) func(*store.Tx) error {
	return func(tx *store.Tx) error { return tx.Delete(store.Global, store.KindAccessKey, id) }
}

func putUser(acct, name string, groups ...string) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		return tx.Put(acct, store.KindUser, strings.ToLower(name), &store.User{Name: name, Groups: groups})
	}
}

func deleteUser(acct, name string) func(*store.Tx) error {
	return func(tx *store.Tx) error { return tx.Delete(acct, store.KindUser, strings.ToLower(name)) }
}

// TestIAMIndexesFollowWrites: Put and Delete of access keys and users keep
// KindAccessKeysByUser and KindGroupMembers as the records are, whoever
// writes them, including a writer with its own record type (the config
// loader, tests).
func TestIAMIndexesFollowWrites(t *testing.T) {
	t.Parallel()
	a := func(k string) string { return store.KindAccessKeysByUser + ":" + k }
	m := func(k string) string { return store.KindGroupMembers + ":" + k }
	cases := []struct {
		name         string
		writes       []func(*store.Tx) error
		wantA, wantB []string
	}{
		{"user's key", []func(*store.Tx) error{putKey("AKIA1", acctA, "Alice")}, []string{a("alice/AKIA1")}, nil},
		{"root key", []func(*store.Tx) error{putKey("AKIA1", acctA, "")}, []string{a("/AKIA1")}, nil},
		{"status change keeps the entry", []func(*store.Tx) error{putKey("AKIA1", acctA, "alice"), putKey("AKIA1", acctA, "alice")},
			[]string{a("alice/AKIA1")}, nil},
		{"key moves to another user", []func(*store.Tx) error{putKey("AKIA1", acctA, "alice"), putKey("AKIA1", acctA, "Carol")},
			[]string{a("carol/AKIA1")}, nil},
		{"key moves to another account", []func(*store.Tx) error{putKey("AKIA1", acctA, "alice"), putKey("AKIA1", acctB, "alice")},
			nil, []string{a("alice/AKIA1")}},
		{"key deleted", []func(*store.Tx) error{putKey("AKIA1", acctA, "alice"), putKey("AKIA2", acctA, "alice"), deleteKey("AKIA1")},
			[]string{a("alice/AKIA2")}, nil},
		{"user in groups", []func(*store.Tx) error{putUser(acctA, "Alice", "Devs", "ops")},
			[]string{m("devs/alice"), m("ops/alice")}, nil},
		{"user leaves a group", []func(*store.Tx) error{putUser(acctA, "alice", "devs", "ops"), putUser(acctA, "alice", "ops")},
			[]string{m("ops/alice")}, nil},
		{"group renamed in the user's list", []func(*store.Tx) error{putUser(acctA, "alice", "devs"), putUser(acctA, "alice", "Engineers")},
			[]string{m("engineers/alice")}, nil},
		{"user renamed", []func(*store.Tx) error{putUser(acctA, "alice", "devs"), deleteUser(acctA, "alice"), putUser(acctA, "Carol", "devs")},
			[]string{m("devs/carol")}, nil},
		{"user deleted", []func(*store.Tx) error{putUser(acctA, "alice", "devs"), putUser(acctA, "bob", "devs"), deleteUser(acctA, "alice")},
			[]string{m("devs/bob")}, nil},
		{"user without groups", []func(*store.Tx) error{putUser(acctA, "alice")}, nil, nil},
		{"group listed twice in other case", []func(*store.Tx) error{putUser(acctA, "alice", "devs", "DEVS")},
			[]string{m("devs/alice")}, nil},
		{"user record of the writer's own type", []func(*store.Tx) error{func(tx *store.Tx) error {
			return tx.Put(acctB, store.KindUser, "alice", map[string]any{"Name": "alice", "Groups": []string{"Devs"}})
		}, putUser(acctA, "alice", "devs")}, []string{m("devs/alice")}, []string{m("devs/alice")}},
		{"key record of the writer's own type", []func(*store.Tx) error{func(tx *store.Tx) error {
			return tx.Put(store.Global, store.KindAccessKey, "AKIA1", struct{ Account, UserName string }{acctB, "Bob"})
		}}, nil, []string{a("bob/AKIA1")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := openTest(t)
			ctx := context.Background()
			for _, w := range tc.writes {
				if err := db.Update(ctx, w); err != nil {
					t.Fatal(err)
				}
			}
			_ = db.View(ctx, func(tx *store.Tx) error {
				if got := indexOf(t, tx, acctA); !slices.Equal(got, tc.wantA) {
					t.Errorf("index of %s = %q, want %q", acctA, got, tc.wantA)
				}
				if got := indexOf(t, tx, acctB); !slices.Equal(got, tc.wantB) {
					t.Errorf("index of %s = %q, want %q", acctB, got, tc.wantB)
				}
				return nil
			})
		})
	}
}

// TestIAMIndexReadersTrustRecords: an index entry that its record does not
// confirm (the record is missing, or names another user, account or
// group) adds no key and no member: the record decides.
func TestIAMIndexReadersTrustRecords(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	stray := func(acct, kind, key string) func(*store.Tx) error {
		return func(tx *store.Tx) error { return tx.Put(acct, kind, key, struct{}{}) }
	}
	for _, w := range []func(*store.Tx) error{
		putKey("AKIAALICE", acctA, "alice"), putKey("AKIABOB", acctA, "bob"), putKey("AKIAOTHER", acctB, "alice"),
		putUser(acctA, "alice", "devs"), putUser(acctA, "bob"),
		stray(acctA, store.KindAccessKeysByUser, "alice/AKIAGONE"),  // no such key
		stray(acctA, store.KindAccessKeysByUser, "alice/AKIABOB"),   // bob's key
		stray(acctA, store.KindAccessKeysByUser, "alice/AKIAOTHER"), // another account's alice
		stray(acctA, store.KindGroupMembers, "devs/ghost"),          // no such user
		stray(acctA, store.KindGroupMembers, "devs/bob"),            // bob is in no group
		stray(acctA, store.KindGroupMembers, "ops/alice"),           // alice is not in ops
	} {
		if err := db.Update(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	_ = db.View(ctx, func(tx *store.Tx) error {
		for _, c := range []struct{ acct, user, want string }{
			{acctA, "alice", "AKIAALICE"}, {acctA, "ALICE", "AKIAALICE"}, {acctA, "bob", "AKIABOB"},
			{acctB, "alice", "AKIAOTHER"}, {acctA, "", ""}, {acctA, "ghost", ""},
		} {
			keys, err := tx.AccessKeysOf(c.acct, c.user)
			var got []string
			for _, k := range keys {
				got = append(got, k.ID)
			}
			if err != nil || strings.Join(got, ",") != c.want {
				t.Errorf("AccessKeysOf(%s, %q) = %v, %v; want %s", c.acct, c.user, got, err, c.want)
			}
		}
		for _, c := range []struct{ group, want string }{{"devs", "alice"}, {"DEVS", "alice"}, {"ops", ""}, {"none", ""}} {
			users, err := tx.GroupMembers(acctA, c.group)
			var got []string
			for _, u := range users {
				got = append(got, u.Name)
			}
			if err != nil || strings.Join(got, ",") != c.want {
				t.Errorf("GroupMembers(%q) = %v, %v; want %s", c.group, got, err, c.want)
			}
		}
		return nil
	})
}

// TestMigrateV5BuildsIAMIndexes: a schema 5 store (records, no indexes) is
// opened with an entry in each index for every access key and every
// group membership of every account, and only those.
func TestMigrateV5BuildsIAMIndexes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, w := range []func(*store.Tx) error{
		putUser(acctA, "Alice", "Devs", "ops"), putUser(acctA, "bob", "devs"), putUser(acctA, "carol"),
		putUser(acctB, "alice", "Admins"),
		putKey("AKIAA1", acctA, "Alice"), putKey("AKIAA2", acctA, "alice"), putKey("AKIAB1", acctA, "bob"),
		putKey("AKIAROOT", acctA, ""), putKey("AKIAB2", acctB, "alice"),
	} {
		if err := db.Update(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	dropIAMIndexes(t, dir)
	setSchema(t, dir, 5)

	migrated := -1
	db, err = store.Open(dir, store.Options{Migrate: func(_ *store.Tx, from int) error { migrated = from; return nil }})
	if err != nil {
		t.Fatalf("Open(schema 5 store) = %v", err)
	}
	defer db.Close()
	if migrated != 5 {
		t.Errorf("Options.Migrate saw from = %d, want 5", migrated)
	}
	want := map[string][]string{
		acctA: {store.KindAccessKeysByUser + ":/AKIAROOT", store.KindAccessKeysByUser + ":alice/AKIAA1",
			store.KindAccessKeysByUser + ":alice/AKIAA2", store.KindAccessKeysByUser + ":bob/AKIAB1",
			store.KindGroupMembers + ":devs/alice", store.KindGroupMembers + ":devs/bob", store.KindGroupMembers + ":ops/alice"},
		acctB: {store.KindAccessKeysByUser + ":alice/AKIAB2", store.KindGroupMembers + ":admins/alice"},
	}
	_ = db.View(ctx, func(tx *store.Tx) error {
		for acct, w := range want {
			if got := indexOf(t, tx, acct); !slices.Equal(got, w) {
				t.Errorf("index of %s after migration:\n got %q\nwant %q", acct, got, w)
			}
		}
		return nil
	})
}

// dropIAMIndexes removes the IAM index buckets of every account of the
// closed store in dir, leaving it as schema 5 wrote it.
func dropIAMIndexes(t *testing.T, dir string) {
	t.Helper()
	b, err := bolt.Open(filepath.Join(dir, "meta.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	err = b.Update(func(btx *bolt.Tx) error {
		return btx.ForEach(func(name []byte, top *bolt.Bucket) error {
			for _, kind := range []string{store.KindAccessKeysByUser, store.KindGroupMembers} {
				if top.Bucket([]byte(kind)) != nil {
					if err := top.DeleteBucket([]byte(kind)); err != nil {
						return err
					}
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "meta.clean"))
}
