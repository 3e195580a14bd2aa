package authz_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// gathered renders gathered policies as KIND OWNERTYPE/OWNER NAME-or-ARN,
// marking missing managed policies.
func gathered(list []authz.PrincipalPolicy) string {
	var b strings.Builder
	for _, p := range list {
		b.WriteString(p.Kind.String() + " " + p.OwnerType + "/" + p.Owner + " " + p.Name + p.ARN)
		if p.Missing {
			b.WriteString(" (missing)")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestUserPoliciesOrder(t *testing.T) {
	t.Parallel()
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	set, err := managed.Load()
	if err != nil {
		t.Fatal(err)
	}
	user := &store.User{Name: "u", Groups: []string{"Zeta", "gone", "Alpha"},
		Policies: store.Policies{
			Inline:   map[string]string{"c": allow("s3:*", "*"), "a": allow("s3:*", "*"), "b": allow("s3:*", "*")},
			Attached: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::" + acct + ":policy/deleted"},
			Boundary: "arn:aws:iam::aws:policy/AmazonS3FullAccess"}}
	var got string
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		for _, g := range []*store.Group{
			{Name: "Zeta", Policies: store.Policies{Inline: map[string]string{"z2": allow("*", "*"), "z1": allow("*", "*")}}},
			// A group's Boundary is never set by IAM; if a record had one it
			// would not count.
			{Name: "Alpha", Policies: store.Policies{Attached: []string{"arn:aws:iam::aws:policy/IAMReadOnlyAccess"},
				Boundary: "arn:aws:iam::aws:policy/AdministratorAccess"}},
		} {
			if err := tx.Put(acct, store.KindGroup, strings.ToLower(g.Name), g); err != nil {
				return err
			}
		}
		list, err := authz.UserPolicies(tx, set, acct, user)
		got = gathered(list)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `identity user/u a
identity user/u b
identity user/u c
identity user/u arn:aws:iam::aws:policy/ReadOnlyAccess
identity user/u arn:aws:iam::111111111111:policy/deleted (missing)
boundary user/u arn:aws:iam::aws:policy/AmazonS3FullAccess
identity group/Zeta z1
identity group/Zeta z2
identity group/Alpha arn:aws:iam::aws:policy/IAMReadOnlyAccess
`
	if got != want {
		t.Errorf("UserPolicies =\n%s\nwant\n%s", got, want)
	}
}

func TestSessionPoliciesOrder(t *testing.T) {
	t.Parallel()
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := &store.Session{SessionPolicies: []string{allow("s3:*", "*"), allow("iam:*", "*")},
		PolicyARNs: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}}
	var got string
	err = db.View(context.Background(), func(tx *store.Tx) error {
		list, err := authz.SessionPolicies(tx, nil, s)
		got = gathered(list)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Without a managed set an AWS managed policy is missing.
	want := `session / session-policy/0
session / session-policy/1
session / arn:aws:iam::aws:policy/ReadOnlyAccess (missing)
`
	if got != want {
		t.Errorf("SessionPolicies =\n%s\nwant\n%s", got, want)
	}
}

// TestDecidingStatementStable checks that a decision names the same
// deciding policy on every run when several inline policies decide alike
// (inline policies are kept in a map).
func TestDecidingStatementStable(t *testing.T) {
	t.Parallel()
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	inline := map[string]string{}
	for _, n := range []string{"p7", "p3", "p9", "p1", "p5", "p2", "p8", "p4", "p6"} {
		inline[n] = deny("s3:DeleteObject", "*")
	}
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(acct, store.KindUser, "many", &store.User{Name: "many", ARN: "arn:aws:iam::" + acct + ":user/many",
			ID: "AIDAMANY", Policies: store.Policies{Inline: inline}})
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		// A fresh authorizer each time, so no cached identity side hides
		// a change of order.
		az := authz.New(db, authz.Options{})
		ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: userCaller("many"), Time: time.Now()})
		if az.Authorize(ctx, authz.Check{Action: "s3:DeleteObject", Resource: "arn:aws:s3:::b/k"}) == nil {
			t.Fatal("Authorize = nil, want an explicit deny")
		}
		recs := az.Log().Records()
		if len(recs) != 1 || recs[0].Decision != evaluator.ExplicitDeny.String() || len(recs[0].Statements) == 0 {
			t.Fatalf("log = %+v, want one ExplicitDeny record naming statements", recs)
		}
		if got := recs[0].Statements[0].Policy; got != "user/many/p1" {
			t.Fatalf("run %d: deciding policy %q, want user/many/p1 (the first by name)", i, got)
		}
	}
}
