package iam

import (
	"context"
	"regexp"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestSimulateFailsClosed: SimulatePrincipalPolicy answers as the
// authorizer decides when a stored policy no longer parses or a boundary no
// longer exists (a damaged store or world file; the API refuses both). It
// left them out, so the simulation allowed what every request was refused.
func TestSimulateFailsClosed(t *testing.T) {
	t.Parallel()
	const (
		allowS3   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
		boundary  = "arn:aws:iam::" + testAccount + ":policy/S3Boundary"
		userARN   = "arn:aws:iam::" + testAccount + ":user/"
		decisionR = `<EvalDecision>([a-zA-Z]+)</EvalDecision>`
	)
	cases := []struct {
		name   string
		damage func(u *store.User) // applied to the stored user
		drop   string              // a managed policy removed from the store
		want   string
	}{
		{"a deny policy that no longer parses", func(u *store.User) { u.Inline["deny"] = `{"Version":` }, "", "explicitDeny"},
		{"a boundary that no longer exists", nil, boundary, "implicitDeny"},
		{"intact (control)", nil, "", "allowed"},
	}
	for i, c := range cases {
		name := "u" + string(rune('a'+i))
		e := newEnv(t)
		e.must("CreateUser", "UserName", name)
		e.must("PutUserPolicy", "UserName", name, "PolicyName", "allow", "PolicyDocument", allowS3)
		e.must("PutUserPolicy", "UserName", name, "PolicyName", "deny", "PolicyDocument", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}`)
		e.must("CreatePolicy", "PolicyName", "S3Boundary", "PolicyDocument", allowS3)
		e.must("PutUserPermissionsBoundary", "UserName", name, "PermissionsBoundary", boundary)
		err := e.db.Update(context.Background(), func(tx *store.Tx) error {
			var u store.User
			if err := tx.Get(testAccount, store.KindUser, name, &u); err != nil {
				return err
			}
			if c.damage != nil {
				c.damage(&u)
			}
			if c.drop != "" {
				acct, key, _ := authz.PolicyKey(c.drop)
				if err := tx.Delete(acct, store.KindPolicy, key); err != nil {
					return err
				}
			}
			return tx.Put(testAccount, store.KindUser, name, &u)
		})
		if err != nil {
			t.Fatalf("%s: damaging the store: %v", c.name, err)
		}
		r := e.call("SimulatePrincipalPolicy", "PolicySourceArn", userARN+name, "ActionNames.member.1", "s3:DeleteBucket")
		m := regexp.MustCompile(decisionR).FindStringSubmatch(r.body)
		if m == nil || m[1] != c.want {
			t.Errorf("%s: %d %s, want EvalDecision %s", c.name, r.status, r.body, c.want)
		}
	}
}
