package iam

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// benchUsersPerAccount users, each with one access key, are in each of
// the two accounts BenchmarkIAMWritesManyUsers stores (5,000 is the
// UsersPerAccount quota; the benchmark's own user "fresh" takes one).
const benchUsersPerAccount = 4_999

// seedManyUsers writes benchUsersPerAccount users to testAccount and to a
// second account straight into the store, in one transaction (ten
// thousand CreateUser calls would take the benchmark's whole budget):
// each with one access key, every tenth in group "big" of its account.
func seedManyUsers(b *testing.B, e *testEnv) {
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		for _, acct := range []string{testAccount, "222222222222"} {
			if err := seedAccountUsers(tx, acct); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// seedAccountUsers writes seedManyUsers' users, keys and group of acct.
func seedAccountUsers(tx *store.Tx, acct string) error {
	for i := range benchUsersPerAccount {
		name := fmt.Sprintf("user-%05d", i)
		u := &store.User{Name: name, Path: "/", ID: fmt.Sprintf("AIDA%s%05d", acct, i),
			ARN: arn(acct, "user", "/", name), Created: fixedNow}
		if i%10 == 0 {
			u.Groups = []string{"big"}
		}
		if err := saveUser(tx, acct, u); err != nil {
			return err
		}
		k := &store.AccessKey{ID: fmt.Sprintf("AKIA%s%05d", acct, i), Secret: "s", Account: acct,
			UserName: name, Status: "Active", Created: fixedNow}
		if err := tx.Put(store.Global, store.KindAccessKey, k.ID, k); err != nil {
			return err
		}
	}
	return saveGroup(tx, acct, &store.Group{Name: "big", Path: "/", ID: "AGPA" + acct, ARN: arn(acct, "group", "/", "big"), Created: fixedNow})
}

// BenchmarkIAMWritesManyUsers: IAM writes whose commit asks about one
// user's access keys or one group's members, one writer at a time, with
// ~10,000 users and as many access keys in the store (~5,000 users in the
// caller's account). Each op is two
// writes: CreateAccessKey then DeleteAccessKey of a fresh user's key;
// AddUserToGroup then RemoveUserFromGroup; CreateGroup then DeleteGroup;
// UpdateUser renaming a user with a key and a group there and back.
func BenchmarkIAMWritesManyUsers(b *testing.B) {
	ops := []struct {
		name string
		do   func(e *testEnv) response
	}{
		{"CreateDeleteAccessKey", func(e *testEnv) response {
			r := e.call("CreateAccessKey", "UserName", "fresh")
			if r.status != http.StatusOK {
				return r
			}
			return e.call("DeleteAccessKey", "UserName", "fresh", "AccessKeyId", r.field("AccessKeyId"))
		}},
		{"AddRemoveGroupMember", func(e *testEnv) response {
			if r := e.call("AddUserToGroup", "GroupName", "big", "UserName", "fresh"); r.status != http.StatusOK {
				return r
			}
			return e.call("RemoveUserFromGroup", "GroupName", "big", "UserName", "fresh")
		}},
		{"CreateDeleteGroup", func(e *testEnv) response {
			if r := e.call("CreateGroup", "GroupName", "brief"); r.status != http.StatusOK {
				return r
			}
			return e.call("DeleteGroup", "GroupName", "brief")
		}},
		{"RenameUserTwice", func(e *testEnv) response {
			if r := e.call("UpdateUser", "UserName", "user-00010", "NewUserName", "renamed"); r.status != http.StatusOK {
				return r
			}
			return e.call("UpdateUser", "UserName", "renamed", "NewUserName", "user-00010")
		}},
	}
	for _, op := range ops {
		b.Run(op.name, func(b *testing.B) {
			e := newBenchEnv(b)
			seedManyUsers(b, e)
			e.must("CreateUser", "UserName", "fresh")
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if r := op.do(e); r.status != http.StatusOK {
					b.Fatalf("%s: %d %s", op.name, r.status, r.body)
				}
			}
		})
	}
}
