package sts

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestAssumeRoleSeesRoleChanges checks that the role cache never answers
// for a role changed or deleted since it was cached: each step assumes the
// role again after a store write.
func TestAssumeRoleSeesRoleChanges(t *testing.T) {
	e := newEnv(t, false)
	alice := e.user(acctA, "alice", allowAssume("*"))
	role := e.role(acctB, "Cached", trustAWS("arn:aws:iam::"+acctA+":root"), 0, nil)
	params := map[string]string{"Action": "AssumeRole", "RoleArn": role.ARN, "RoleSessionName": "cached"}
	setRole := func(fn func(r *store.Role)) {
		e.update(func(tx *store.Tx) error {
			var r store.Role
			if err := tx.Get(acctB, store.KindRole, strings.ToLower(role.Name), &r); err != nil {
				return err
			}
			fn(&r)
			return tx.Put(acctB, store.KindRole, strings.ToLower(role.Name), &r)
		})
	}
	denied := "User: " + alice.ARN + " is not authorized to perform: sts:AssumeRole on resource: " + role.ARN

	wantOK(t, "first AssumeRole", e.call(alice, params))
	wantOK(t, "second AssumeRole (cached role)", e.call(alice, params))

	setRole(func(r *store.Role) { r.TrustPolicy = trustAWS("arn:aws:iam::" + acctB + ":root") })
	wantErr(t, "AssumeRole after the trust policy stopped naming the caller", e.call(alice, params),
		http.StatusForbidden, "AccessDenied", denied)

	setRole(func(r *store.Role) {
		r.TrustPolicy = trustAWS("arn:aws:iam::" + acctA + ":root")
		r.MaxSessionDuration = 3600
	})
	wantOK(t, "AssumeRole after the trust policy names the caller again", e.call(alice, params))
	long := map[string]string{"Action": "AssumeRole", "RoleArn": role.ARN, "RoleSessionName": "cached", "DurationSeconds": "7200"}
	resp := e.call(alice, long)
	if resp.Status != http.StatusBadRequest || resp.Error.Code != "ValidationError" {
		t.Errorf("DurationSeconds above the role's new maximum: got %d %s, want 400 ValidationError", resp.Status, resp.Error.Code)
	}

	e.update(func(tx *store.Tx) error { return tx.Delete(acctB, store.KindRole, strings.ToLower(role.Name)) })
	wantErr(t, "AssumeRole of the deleted role", e.call(alice, params), http.StatusForbidden, "AccessDenied", denied)
}
