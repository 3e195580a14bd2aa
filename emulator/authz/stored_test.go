package authz_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// broken is a stored document that no longer parses (an element a newer
// grammar rejects).
const broken = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*","Future":1}]}`

// TestUnparsableStoredPolicyDenies stores, for each place a policy can
// come from, an Allow everything beside a policy that no longer parses:
// the request must be denied explicitly, naming the broken policy, and the
// reason must be logged. Skipping the broken policy would allow it.
func TestUnparsableStoredPolicyDenies(t *testing.T) {
	t.Parallel()
	admin := "arn:aws:iam::aws:policy/AdministratorAccess"
	brokenARN := "arn:aws:iam::" + acct + ":policy/broken"
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	user := func(name string, p store.Policies, groups ...string) *store.User {
		return &store.User{Name: name, ARN: "arn:aws:iam::" + acct + ":user/" + name, ID: "AIDA" + strings.ToUpper(name),
			Policies: p, Groups: groups}
	}
	roleSession := func(policies ...string) authn.Caller {
		return authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: acct,
			ARN: "arn:aws:sts::" + acct + ":assumed-role/admin/s", UserID: "AROAADMIN:s",
			Session: &store.Session{Account: acct, RoleName: "admin", RoleARN: "arn:aws:iam::" + acct + ":role/admin",
				RoleID: "AROAADMIN", SessionName: "s", Issued: now, Expiration: now.Add(time.Hour), SessionPolicies: policies}}
	}
	tests := []struct {
		name       string
		caller     authn.Caller
		wantPolicy string // the broken policy's name in the log
	}{
		{"user inline", userCaller("inline"), "user/inline/broken"},
		{"group inline", userCaller("grouped2"), "group/Brokens/broken"},
		{"customer managed", userCaller("managed"), brokenARN},
		{"permissions boundary", userCaller("bounded2"), brokenARN},
		{"role inline", authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: acct,
			ARN: "arn:aws:sts::" + acct + ":assumed-role/brokenrole/s", UserID: "AROABROKEN:s",
			Session: &store.Session{Account: acct, RoleName: "brokenrole", RoleARN: "arn:aws:iam::" + acct + ":role/brokenrole",
				RoleID: "AROABROKEN", SessionName: "s", Issued: now, Expiration: now.Add(time.Hour)}}, "role/brokenrole/broken"},
		{"session policy", roleSession(broken), "session-policy/0"},
	}
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		for _, rec := range []struct {
			kind, key string
			v         any
		}{
			{store.KindPolicy, "/broken", &store.ManagedPolicy{Name: "broken", Path: "/", ARN: brokenARN, DefaultVersion: "v1",
				Versions: []store.PolicyVersion{{ID: "v1", Document: broken, IsDefault: true}}}},
			{store.KindUser, "inline", user("inline", store.Policies{Attached: []string{admin}, Inline: map[string]string{"broken": broken}})},
			{store.KindUser, "grouped2", user("grouped2", store.Policies{Attached: []string{admin}}, "Brokens")},
			{store.KindGroup, "brokens", &store.Group{Name: "Brokens", Policies: store.Policies{Inline: map[string]string{"broken": broken}}}},
			{store.KindUser, "managed", user("managed", store.Policies{Attached: []string{admin, brokenARN}})},
			{store.KindUser, "bounded2", user("bounded2", store.Policies{Attached: []string{admin}, Boundary: brokenARN})},
			{store.KindRole, "brokenrole", &store.Role{Name: "brokenrole", ARN: "arn:aws:iam::" + acct + ":role/brokenrole", ID: "AROABROKEN",
				Policies: store.Policies{Attached: []string{admin}, Inline: map[string]string{"broken": broken}}}},
			{store.KindRole, "admin", &store.Role{Name: "admin", ARN: "arn:aws:iam::" + acct + ":role/admin", ID: "AROAADMIN",
				Policies: store.Policies{Attached: []string{admin}}}},
		} {
			if err := tx.Put(acct, rec.kind, rec.key, rec.v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	set, err := managed.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			az := authz.New(db, authz.Options{Managed: set, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: tt.caller, Time: now, RequestID: "r"})
			err := az.Authorize(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"})
			e, ok := awserr.As(err)
			if !ok || e.Code != "AccessDenied" {
				t.Fatalf("Authorize(%s, s3:GetObject) beside a broken %s = %v, want AccessDenied", tt.caller.ARN, tt.name, err)
			}
			if !strings.Contains(e.Message, "explicit deny") {
				t.Errorf("message %q, want an explicit deny", e.Message)
			}
			recs := az.Log().Records()
			if len(recs) != 1 || recs[0].Decision != "ExplicitDeny" || len(recs[0].Statements) == 0 ||
				recs[0].Statements[0].Policy != tt.wantPolicy || recs[0].Statements[0].Sid != authz.UnreadablePolicySid {
				t.Errorf("decision log = %+v, want an ExplicitDeny by %s statement %s", recs, tt.wantPolicy, authz.UnreadablePolicySid)
			}
			if !strings.Contains(logs.String(), "does not parse") || !strings.Contains(logs.String(), tt.wantPolicy) {
				t.Errorf("log = %q, want the reason naming %s", logs.String(), tt.wantPolicy)
			}
		})
	}
}

// TestParseStoredDeniesForEveryKind checks the stand-in policy of each kind
// parses and denies.
func TestParseStoredDeniesForEveryKind(t *testing.T) {
	t.Parallel()
	az := authz.New(nil, authz.Options{})
	for _, kind := range []evaluator.Kind{evaluator.KindIdentity, evaluator.KindBoundary, evaluator.KindSession,
		evaluator.KindResource, evaluator.KindTrust, evaluator.KindSCP, evaluator.KindRCP} {
		np := az.ParseStored("p", "{not json", kind)
		if np.Policy == nil || np.Name != "p" {
			t.Errorf("ParseStored(kind %v) = %+v, want a deny-all named p", kind, np)
			continue
		}
		if st := np.Policy.StatementInfo(0); np.Policy.Statements() != 1 || st.Effect != "Deny" || st.Sid != authz.UnreadablePolicySid ||
			np.Policy.Kind() != kind {
			t.Errorf("ParseStored(kind %v) = %s, want one Deny %s of that kind", kind, np.Policy.Source(), authz.UnreadablePolicySid)
		}
	}
}

// TestMissingLimitAllowsNothing: a permissions boundary or managed session
// policy that no longer exists still limits its caller and allows nothing,
// and a GetFederationToken user given no session policy has no
// permissions; each is an implicit deny naming the limit, with an
// explanation that agrees. The stand-in used to be "Statement": [], which
// does not parse, and the nil policy left behind made a user whose
// boundary was gone an administrator.
func TestMissingLimitAllowsNothing(t *testing.T) {
	t.Parallel()
	db, az := world(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	gone := "arn:aws:iam::" + acct + ":policy/gone"
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(acct, store.KindUser, "unbounded", &store.User{Name: "unbounded", ARN: "arn:aws:iam::" + acct + ":user/unbounded",
			ID: "AIDAUNBOUNDED", Policies: store.Policies{Inline: map[string]string{"p": allow("*", "*")}, Boundary: gone}})
	})
	if err != nil {
		t.Fatal(err)
	}
	role := authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: acct,
		ARN: "arn:aws:sts::" + acct + ":assumed-role/reader/s", UserID: "AROAREADER:s",
		Session: &store.Session{Account: acct, RoleName: "reader", RoleARN: "arn:aws:iam::" + acct + ":role/reader",
			RoleID: "AROAREADER", SessionName: "s", Issued: now, Expiration: now.Add(time.Hour), PolicyARNs: []string{gone}}}
	fed := authn.Caller{Type: evaluator.PrincipalFederatedUser, Account: acct,
		ARN: "arn:aws:sts::" + acct + ":federated-user/fed", UserID: acct + ":fed", UserName: "direct",
		Session: &store.Session{Kind: "GetFederationToken", Account: acct, UserName: "direct", UserID: "AIDADIRECT",
			SessionName: "fed", Issued: now, Expiration: now.Add(time.Hour)}}
	tests := []struct {
		name   string
		caller authn.Caller
		kind   evaluator.Kind
		limit  string // the policy the denial names
	}{
		{"boundary that no longer exists", userCaller("unbounded"), evaluator.KindBoundary, gone},
		{"managed session policy that no longer exists", role, evaluator.KindSession, gone},
		{"federated user without a session policy", fed, evaluator.KindSession, "no session policy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			col := &authz.Collector{}
			ctx := authz.WithCollector(authn.WithInfo(context.Background(), &authn.Info{Caller: tt.caller, Time: now, RequestID: "r"}), col)
			d, req, err := az.Decide(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"})
			if err != nil {
				t.Fatal(err)
			}
			if d.Effect != evaluator.ImplicitDeny || d.Kind != tt.kind {
				t.Fatalf("got %v/%v, want ImplicitDeny/%v", d.Effect, d.Kind, tt.kind)
			}
			ps := col.Steps()[0].Policies
			checks := evaluator.WhyNot(req, ps)
			named := false
			for _, pc := range checks {
				named = named || (pc.Kind == tt.kind && pc.Policy == tt.limit && !pc.Allows)
			}
			if !named {
				t.Errorf("why-not checks %+v do not show %s as a %v that allows nothing", checks, tt.limit, tt.kind)
			}
			if caller := evaluator.Sides(req, ps, checks)[0]; caller.Allowed {
				t.Errorf("caller side %+v says allowed; the decision is %v", caller, d.Effect)
			}
		})
	}
}
