package iam

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// indexCase is a write that asks the IAM indexes (store.KindAccessKeysByUser,
// store.KindGroupMembers) which keys a user has or who is in a group.
type indexCase struct {
	name  string
	setup []step
	// stray are records written straight into the store after setup, as
	// no API call would: index entries no record confirms, keys of
	// other users and accounts.
	stray  []func(*store.Tx) error
	action string
	kv     []string
	status int
	code   string
	// message is AWS's whole message, when set.
	message string
	// then is a read after the action, whose body must hold every one of
	// has and none of lacks.
	then       step
	has, lacks []string
}

func runIndexCases(t *testing.T, cases []indexCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			for _, st := range tc.setup {
				e.must(st.action, st.kv...)
			}
			for _, w := range tc.stray {
				if err := e.db.Update(context.Background(), w); err != nil {
					t.Fatal(err)
				}
			}
			r := e.call(tc.action, tc.kv...)
			want := tc.status
			if want == 0 {
				want = http.StatusOK
			}
			if r.status != want || r.code() != tc.code || (tc.message != "" && r.message() != tc.message) {
				t.Fatalf("%s(%v) = %d %q %q, want %d %q %q", tc.action, tc.kv, r.status, r.code(), r.message(), want, tc.code, tc.message)
			}
			if tc.then.action == "" {
				return
			}
			body := e.must(tc.then.action, tc.then.kv...).body
			for _, s := range tc.has {
				if !strings.Contains(body, s) {
					t.Errorf("%s(%v) lacks %q:\n%s", tc.then.action, tc.then.kv, s, body)
				}
			}
			for _, s := range tc.lacks {
				if strings.Contains(body, s) {
					t.Errorf("%s(%v) holds %q:\n%s", tc.then.action, tc.then.kv, s, body)
				}
			}
		})
	}
}

// strayEntry writes index entry key of kind in testAccount.
func strayEntry(kind, key string) func(*store.Tx) error {
	return func(tx *store.Tx) error { return tx.Put(testAccount, kind, key, struct{}{}) }
}

// strayKey writes access key id of user in acct (with its index entry).
func strayKey(id, acct, user string) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		return tx.Put(store.Global, store.KindAccessKey, id, &store.AccessKey{ID: id, Secret: "s", Account: acct,
			UserName: user, Status: "Active", Created: fixedNow})
	}
}

// AWS's texts: "Cannot exceed quota for AccessKeysPerUser: 2"
// (bartekj/aws-tools#29, simonw/s3-credentials#64); "Cannot delete
// entity, must delete access keys first." (Terraform destroy logs, as in
// conformance/golden/iam_test.go).
func TestAccessKeyWritesThroughIndex(t *testing.T) {
	t.Parallel()
	key := s("CreateAccessKey", "UserName", "alice")
	rename := s("UpdateUser", "UserName", "alice", "NewUserName", "carol")
	listCarol := s("ListAccessKeys", "UserName", "carol")
	runIndexCases(t, []indexCase{
		{name: "third key", setup: []step{mkUser, key, key}, action: "CreateAccessKey", kv: []string{"UserName", "alice"},
			status: 409, code: "LimitExceeded", message: "Cannot exceed quota for AccessKeysPerUser: 2"},
		{name: "third key named in other case", setup: []step{mkUser, key, s("CreateAccessKey", "UserName", "ALICE")},
			action: "CreateAccessKey", kv: []string{"UserName", "Alice"},
			status: 409, code: "LimitExceeded", message: "Cannot exceed quota for AccessKeysPerUser: 2"},
		{name: "third root key", setup: []step{s("CreateAccessKey"), s("CreateAccessKey")}, action: "CreateAccessKey",
			status: 409, code: "LimitExceeded", message: "Cannot exceed quota for AccessKeysPerUser: 2"},
		{name: "third key after rename", setup: []step{mkUser, key, key, rename}, action: "CreateAccessKey", kv: []string{"UserName", "carol"},
			status: 409, code: "LimitExceeded", message: "Cannot exceed quota for AccessKeysPerUser: 2"},
		{name: "new user under a renamed user's name has no keys", setup: []step{mkUser, key, key, rename, mkUser},
			action: "CreateAccessKey", kv: []string{"UserName", "alice"},
			then: s("ListAccessKeys", "UserName", "alice"), has: []string{"<UserName>alice</UserName>"}, lacks: []string{"carol"}},
		{name: "stray entry of a missing key is not counted", setup: []step{mkUser, key},
			stray:  []func(*store.Tx) error{strayEntry(store.KindAccessKeysByUser, "alice/AKIAGONE000000000000")},
			action: "CreateAccessKey", kv: []string{"UserName", "alice"},
			then: s("ListAccessKeys", "UserName", "alice"), lacks: []string{"AKIAGONE"}},
		{name: "stray entries of other users' keys are not counted", setup: []step{mkUser, s("CreateUser", "UserName", "bob")},
			stray: []func(*store.Tx) error{strayKey("AKIABOB0000000000001", testAccount, "bob"), strayKey("AKIAOTHER00000000001", "222222222222", "alice"),
				strayEntry(store.KindAccessKeysByUser, "alice/AKIABOB0000000000001"), strayEntry(store.KindAccessKeysByUser, "alice/AKIAOTHER00000000001")},
			action: "CreateAccessKey", kv: []string{"UserName", "alice"},
			then: s("ListAccessKeys", "UserName", "alice"), lacks: []string{"AKIABOB", "AKIAOTHER"}},
		{name: "delete user with key", setup: []step{mkUser, key}, action: "DeleteUser", kv: []string{"UserName", "alice"},
			status: 409, code: "DeleteConflict", message: "Cannot delete entity, must delete access keys first."},
		{name: "delete renamed user with key", setup: []step{mkUser, key, rename}, action: "DeleteUser", kv: []string{"UserName", "carol"},
			status: 409, code: "DeleteConflict", message: "Cannot delete entity, must delete access keys first."},
		{name: "delete new user under a renamed user's name", setup: []step{mkUser, key, rename, mkUser},
			action: "DeleteUser", kv: []string{"UserName", "alice"}, then: listCarol, has: []string{"<UserName>carol</UserName>"}},
		{name: "delete user with only stray entries", setup: []step{mkUser, s("CreateUser", "UserName", "bob")},
			stray: []func(*store.Tx) error{strayKey("AKIABOB0000000000001", testAccount, "bob"),
				strayEntry(store.KindAccessKeysByUser, "alice/AKIAGONE000000000000"), strayEntry(store.KindAccessKeysByUser, "alice/AKIABOB0000000000001")},
			action: "DeleteUser", kv: []string{"UserName", "alice"},
			then: s("ListAccessKeys", "UserName", "bob"), has: []string{"AKIABOB0000000000001"}},
		{name: "rename moves keys", setup: []step{mkUser, key}, action: "UpdateUser", kv: []string{"UserName", "alice", "NewUserName", "carol"},
			then: listCarol, has: []string{"<UserName>carol</UserName>", "<AccessKeyId>AKIA"}, lacks: []string{"alice"}},
	})
}

// AWS's text for a group with members: "Cannot delete entity, must remove
// users from group first." (as in TestGroups); removing a user that is not
// in the group succeeds (cloud-custodian/cloud-custodian#4730), a missing
// user is NoSuchEntity.
func TestGroupWritesThroughIndex(t *testing.T) {
	t.Parallel()
	join := s("AddUserToGroup", "GroupName", "devs", "UserName", "alice")
	rename := s("UpdateUser", "UserName", "alice", "NewUserName", "carol")
	regroup := s("UpdateGroup", "GroupName", "devs", "NewGroupName", "ops")
	const hasMembers = "Cannot delete entity, must remove users from group first."
	runIndexCases(t, []indexCase{
		{name: "delete group with member", setup: []step{mkUser, mkGroup, join}, action: "DeleteGroup", kv: []string{"GroupName", "devs"},
			status: 409, code: "DeleteConflict", message: hasMembers},
		{name: "delete group with renamed member", setup: []step{mkUser, mkGroup, join, rename}, action: "DeleteGroup", kv: []string{"GroupName", "devs"},
			status: 409, code: "DeleteConflict", message: hasMembers},
		{name: "delete renamed group with member", setup: []step{mkUser, mkGroup, join, regroup}, action: "DeleteGroup", kv: []string{"GroupName", "ops"},
			status: 409, code: "DeleteConflict", message: hasMembers},
		{name: "delete group after its member left", setup: []step{mkUser, mkGroup, join, s("RemoveUserFromGroup", "GroupName", "devs", "UserName", "alice")},
			action: "DeleteGroup", kv: []string{"GroupName", "devs"}},
		{name: "delete new group under a renamed group's name", setup: []step{mkUser, mkGroup, join, regroup, mkGroup},
			action: "DeleteGroup", kv: []string{"GroupName", "devs"}, then: s("GetGroup", "GroupName", "ops"), has: []string{"<UserName>alice</UserName>"}},
		{name: "delete group with only stray entries", setup: []step{mkUser, mkGroup},
			stray:  []func(*store.Tx) error{strayEntry(store.KindGroupMembers, "devs/ghost"), strayEntry(store.KindGroupMembers, "devs/alice")},
			action: "DeleteGroup", kv: []string{"GroupName", "devs"}},
		{name: "remove non-member", setup: []step{mkUser, mkGroup}, action: "RemoveUserFromGroup", kv: []string{"GroupName", "devs", "UserName", "alice"},
			then: s("ListGroupsForUser", "UserName", "alice"), lacks: []string{"devs"}},
		{name: "remove a renamed member by its old name", setup: []step{mkUser, mkGroup, join, rename},
			action: "RemoveUserFromGroup", kv: []string{"GroupName", "devs", "UserName", "alice"},
			status: 404, code: "NoSuchEntity", message: "The user with name alice cannot be found."},
		{name: "remove a renamed member", setup: []step{mkUser, mkGroup, join, rename},
			action: "RemoveUserFromGroup", kv: []string{"GroupName", "devs", "UserName", "carol"},
			then: s("GetGroup", "GroupName", "devs"), lacks: []string{"carol", "alice"}},
		{name: "rename moves memberships", setup: []step{mkUser, mkGroup, join}, action: "UpdateUser", kv: []string{"UserName", "alice", "NewUserName", "carol"},
			then: s("ListGroupsForUser", "UserName", "carol"), has: []string{"<GroupName>devs</GroupName>"}},
		{name: "group lists a renamed member by its new name", setup: []step{mkUser, mkGroup, join, rename, mkUser},
			action: "GetGroup", kv: []string{"GroupName", "devs"}, then: s("GetGroup", "GroupName", "devs"),
			has: []string{"<UserName>carol</UserName>"}, lacks: []string{"<UserName>alice</UserName>"}},
		{name: "group rename moves memberships", setup: []step{mkUser, mkGroup, join}, action: "UpdateGroup", kv: []string{"GroupName", "devs", "NewGroupName", "ops"},
			then: s("GetGroup", "GroupName", "ops"), has: []string{"<UserName>alice</UserName>"}},
		{name: "a page of members ends at a member, not at a stray entry",
			setup: []step{mkUser, mkGroup, s("CreateUser", "UserName", "bob"), s("CreateUser", "UserName", "carol"), join,
				s("AddUserToGroup", "GroupName", "devs", "UserName", "carol")},
			stray:  []func(*store.Tx) error{strayEntry(store.KindGroupMembers, "devs/bob")},
			action: "GetGroup", kv: []string{"GroupName", "devs", "MaxItems", "1"},
			then: s("GetGroup", "GroupName", "devs", "MaxItems", "1"), has: []string{"<UserName>alice</UserName>", "<Marker>" + encodeMarker("carol") + "</Marker>"}},
		{name: "group lists no stray members", setup: []step{mkUser, mkGroup, s("CreateUser", "UserName", "bob"), join},
			stray:  []func(*store.Tx) error{strayEntry(store.KindGroupMembers, "devs/ghost"), strayEntry(store.KindGroupMembers, "devs/bob")},
			action: "GetGroup", kv: []string{"GroupName", "devs"}, then: s("GetGroup", "GroupName", "devs"),
			has: []string{"<UserName>alice</UserName>"}, lacks: []string{"ghost", "bob"}},
	})
}
