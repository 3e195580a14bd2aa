package authz_test

import (
	"context"
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

const acct = "111111111111"

func allow(action, resource string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"` + action + `","Resource":"` + resource + `"}]}`
}

func deny(action, resource string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"` + action + `","Resource":"` + resource + `"}]}`
}

// world builds a store with users, a group, a role and a customer managed
// boundary policy.
func world(t *testing.T) (*store.DB, *authz.Authorizer) {
	t.Helper()
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	set, err := managed.Load()
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		put := func(kind, key string, v any) {
			if err == nil {
				err = tx.Put(acct, kind, key, v)
			}
		}
		put(store.KindPolicy, "/boundary", &store.ManagedPolicy{Name: "boundary", Path: "/",
			ARN: "arn:aws:iam::" + acct + ":policy/boundary", DefaultVersion: "v1",
			Versions: []store.PolicyVersion{{ID: "v1", Document: allow("s3:GetObject", "*"), IsDefault: true}}})
		put(store.KindUser, "direct", &store.User{Name: "direct", ARN: "arn:aws:iam::" + acct + ":user/direct", ID: "AIDADIRECT",
			Policies: store.Policies{Inline: map[string]string{"p": allow("s3:*", "*")}}})
		put(store.KindUser, "grouped", &store.User{Name: "grouped", ARN: "arn:aws:iam::" + acct + ":user/grouped", ID: "AIDAGROUPED",
			Groups: []string{"Readers"}})
		put(store.KindGroup, "readers", &store.Group{Name: "Readers",
			Policies: store.Policies{Attached: []string{"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}}})
		put(store.KindUser, "bounded", &store.User{Name: "bounded", ARN: "arn:aws:iam::" + acct + ":user/bounded", ID: "AIDABOUNDED",
			Policies: store.Policies{Attached: []string{"arn:aws:iam::aws:policy/AdministratorAccess"},
				Boundary: "arn:aws:iam::" + acct + ":policy/boundary"}})
		put(store.KindUser, "denied", &store.User{Name: "denied", ARN: "arn:aws:iam::" + acct + ":user/denied", ID: "AIDADENIED",
			Policies: store.Policies{Inline: map[string]string{"all": allow("*", "*"), "no-delete": deny("s3:DeleteObject", "*")}}})
		put(store.KindRole, "reader", &store.Role{Name: "reader", ARN: "arn:aws:iam::" + acct + ":role/reader", ID: "AROAREADER",
			Policies: store.Policies{Inline: map[string]string{"p": allow("s3:*", "*")}}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return db, authz.New(db, authz.Options{Managed: set})
}

func userCaller(name string) authn.Caller {
	return authn.Caller{Type: evaluator.PrincipalUser, Account: acct, ARN: "arn:aws:iam::" + acct + ":user/" + name,
		UserID: "AIDA" + strings.ToUpper(name), UserName: name}
}

func TestAuthorize(t *testing.T) {
	t.Parallel()
	_, az := world(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	session := func(policies ...string) authn.Caller {
		return authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: acct,
			ARN: "arn:aws:sts::" + acct + ":assumed-role/reader/s", UserID: "AROAREADER:s",
			Session: &store.Session{Account: acct, RoleName: "reader", RoleARN: "arn:aws:iam::" + acct + ":role/reader",
				RoleID: "AROAREADER", SessionName: "s", Issued: now, Expiration: now.Add(time.Hour), SessionPolicies: policies}}
	}
	federated := func(policies ...string) authn.Caller {
		return authn.Caller{Type: evaluator.PrincipalFederatedUser, Account: acct,
			ARN: "arn:aws:sts::" + acct + ":federated-user/fed", UserID: acct + ":fed", UserName: "direct",
			Session: &store.Session{Kind: "GetFederationToken", Account: acct, UserName: "direct", SessionName: "fed",
				Issued: now, Expiration: now.Add(time.Hour), SessionPolicies: policies}}
	}
	tests := []struct {
		name     string
		caller   authn.Caller
		action   string
		resource string
		wantOK   bool
		wantMsg  string // substring of the AccessDenied message
	}{
		{"inline allow", userCaller("direct"), "s3:PutObject", "arn:aws:s3:::b/k", true, ""},
		{"no policy", userCaller("nobody"), "s3:GetObject", "arn:aws:s3:::b/k", false, "because no identity-based policy allows the s3:GetObject action"},
		{"group managed allow", userCaller("grouped"), "s3:GetObject", "arn:aws:s3:::b/k", true, ""},
		{"group read-only blocks write", userCaller("grouped"), "s3:PutObject", "arn:aws:s3:::b/k", false, "no identity-based policy"},
		{"boundary allows", userCaller("bounded"), "s3:GetObject", "arn:aws:s3:::b/k", true, ""},
		{"boundary caps admin", userCaller("bounded"), "iam:CreateUser", "arn:aws:iam::111111111111:user/x", false, "because no permissions boundary allows the iam:CreateUser action"},
		{"explicit deny wins", userCaller("denied"), "s3:DeleteObject", "arn:aws:s3:::b/k", false, "with an explicit deny in an identity-based policy"},
		{"role session", session(), "s3:GetObject", "arn:aws:s3:::b/k", true, ""},
		{"session policy narrows", session(allow("s3:GetObject", "*")), "s3:PutObject", "arn:aws:s3:::b/k", false, "because no session policy allows the s3:PutObject action"},
		{"session policy allows within role", session(allow("s3:GetObject", "*")), "s3:GetObject", "arn:aws:s3:::b/k", true, ""},
		{"federated user without session policy", federated(), "s3:GetObject", "arn:aws:s3:::b/k", false, "because no session policy allows"},
		{"federated user within session policy", federated(allow("s3:GetObject", "*")), "s3:GetObject", "arn:aws:s3:::b/k", true, ""},
		{"federated user outside session policy", federated(allow("s3:GetObject", "*")), "s3:PutObject", "arn:aws:s3:::b/k", false, "because no session policy allows"},
		{"root of own account", authn.Caller{Type: evaluator.PrincipalAccount, Account: acct, ARN: authn.RootARN(acct), UserID: acct}, "iam:CreateRole", "arn:aws:iam::111111111111:role/x", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: tt.caller, Time: now, RequestID: "r"})
			err := az.Authorize(ctx, authz.Check{Action: tt.action, Resource: tt.resource})
			if tt.wantOK {
				if err != nil {
					t.Errorf("Authorize(%s, %s) = %v, want allowed", tt.caller.ARN, tt.action, err)
				}
				return
			}
			e, ok := awserr.As(err)
			if !ok || e.Code != "AccessDenied" {
				t.Fatalf("Authorize(%s, %s) = %v, want AccessDenied", tt.caller.ARN, tt.action, err)
			}
			for _, part := range []string{tt.caller.ARN, tt.action, tt.resource, tt.wantMsg} {
				if !strings.Contains(e.Message, part) {
					t.Errorf("message %q does not contain %q", e.Message, part)
				}
			}
		})
	}
}

func TestCrossAccountMessageHidesReason(t *testing.T) {
	t.Parallel()
	_, az := world(t)
	ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: userCaller("direct"), Time: time.Now()})
	err := az.Authorize(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::theirs/k", ResourceAccount: "222222222222"})
	e, ok := awserr.As(err)
	if !ok || e.Code != "AccessDenied" {
		t.Fatalf("cross-account without resource policy = %v, want AccessDenied", err)
	}
	if strings.Contains(e.Message, "because") || strings.Contains(e.Message, "policy") {
		t.Errorf("cross-account message %q reveals the other account's policies", e.Message)
	}
}

func TestSoftModeAllowsAndLogs(t *testing.T) {
	t.Parallel()
	db, _ := world(t)
	az := authz.New(db, authz.Options{Mode: authz.Soft})
	ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: userCaller("nobody"), Time: time.Now(), RequestID: "req-1"})
	if err := az.Authorize(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}); err != nil {
		t.Fatalf("soft mode Authorize = %v, want nil", err)
	}
	recs := az.Log().Records()
	if len(recs) != 1 || recs[0].Decision != "ImplicitDeny" || recs[0].RequestID != "req-1" {
		t.Errorf("log = %+v, want one ImplicitDeny record for req-1", recs)
	}
}

func TestDecisionLogRing(t *testing.T) {
	t.Parallel()
	l := authz.NewDecisionLog(3)
	for _, a := range []string{"a", "b", "c", "d"} {
		l.Add(authz.Record{Action: a})
	}
	var got []string
	for _, r := range l.Records() {
		got = append(got, r.Action)
	}
	if strings.Join(got, "") != "bcd" {
		t.Errorf("Records() = %v, want [b c d]", got)
	}
}

func TestPolicyKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ arn, account, key string }{
		{"arn:aws:iam::111111111111:policy/Read", "111111111111", "/read"},
		{"arn:aws:iam::111111111111:policy/team/a/Read", "111111111111", "/team/a/read"},
		{"arn:aws:iam::aws:policy/service-role/X", "aws", "/service-role/x"},
	}
	for _, tt := range tests {
		a, k, ok := authz.PolicyKey(tt.arn)
		if !ok || a != tt.account || k != tt.key {
			t.Errorf("PolicyKey(%q) = %q, %q, %v; want %q, %q, true", tt.arn, a, k, ok, tt.account, tt.key)
		}
	}
	// Read as arns.ParseIAM reads IAM ARNs: a 12-digit account (or "aws"),
	// fakeaws's partition, no region, a name.
	for _, bad := range []string{"arn:aws:iam::aws:role/x", "nope", "arn:aws:iam::1:policyX",
		"arn:aws:iam::1:policy/x", "arn:aws:iam:::policy/x", "arn:aws:iam::111111111111:policy/",
		"arn:aws:iam::111111111111:policy/a/", "arn:aws-cn:iam::111111111111:policy/x",
		"arn:aws:iam:us-east-1:111111111111:policy/x"} {
		if _, _, ok := authz.PolicyKey(bad); ok {
			t.Errorf("PolicyKey(%q) ok, want not ok", bad)
		}
	}
}

func TestResourceTagsReachConditions(t *testing.T) {
	t.Parallel()
	db, _ := world(t)
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(acct, store.KindUser, "abac", &store.User{Name: "abac", ARN: "arn:aws:iam::" + acct + ":user/abac", ID: "AIDAABAC",
			Tags: []store.Tag{{Key: "team", Value: "blue"}},
			Policies: store.Policies{Inline: map[string]string{"p": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*",
				"Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}]}`}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	az := authz.New(db, authz.Options{})
	ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: userCaller("abac"), Time: time.Now()})
	tests := []struct {
		tags   []store.Tag
		wantOK bool
	}{
		{[]store.Tag{{Key: "team", Value: "blue"}}, true},
		{[]store.Tag{{Key: "team", Value: "red"}}, false},
		{nil, false},
	}
	for _, tt := range tests {
		err := az.Authorize(ctx, authz.Check{Action: "sts:AssumeRole", Resource: "arn:aws:iam::" + acct + ":role/r", ResourceTags: tt.tags})
		if (err == nil) != tt.wantOK {
			t.Errorf("AssumeRole on role tagged %v = %v, want allowed=%v", tt.tags, err, tt.wantOK)
		}
	}
}

// The identity cache must never serve policies older than the last write.
func TestIdentityCacheSeesWrites(t *testing.T) {
	t.Parallel()
	db, az := world(t)
	ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: userCaller("direct"), Time: time.Now()})
	check := authz.Check{Action: "s3:PutObject", Resource: "arn:aws:s3:::b/k"}
	if err := az.Authorize(ctx, check); err != nil {
		t.Fatalf("before the change: %v, want allowed", err)
	}
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		var u store.User
		if err := tx.Get(acct, store.KindUser, "direct", &u); err != nil {
			return err
		}
		u.Inline = map[string]string{"p": allow("s3:GetObject", "*")}
		return tx.Put(acct, store.KindUser, "direct", &u)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := az.Authorize(ctx, check); err == nil {
		t.Error("after narrowing the user's policy, PutObject is still allowed (stale identity cache)")
	}
}

// Authorize reuses its request and context map from call to call: a key
// one call put in must be gone for the next.
func TestAuthorizeForgetsEarlierContext(t *testing.T) {
	t.Parallel()
	db, _ := world(t)
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(acct, store.KindUser, "abac", &store.User{Name: "abac", ARN: "arn:aws:iam::" + acct + ":user/abac", ID: "AIDAABAC",
			Policies: store.Policies{Inline: map[string]string{"p": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*",
				"Condition":{"StringEquals":{"aws:ResourceTag/team":"blue","sts:ExternalId":"x"}}}]}`}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	az := authz.New(db, authz.Options{})
	ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: userCaller("abac"), Time: time.Now()})
	blue := []store.Tag{{Key: "team", Value: "blue"}}
	external := map[string][]string{"sts:ExternalId": {"x"}}
	tests := []struct {
		tags   []store.Tag
		cond   map[string][]string
		wantOK bool
	}{
		{blue, external, true},
		{nil, external, false},
		{blue, external, true},
		{blue, nil, false},
		{blue, external, true},
		{nil, nil, false},
	}
	for round := 0; round < 20; round++ {
		for i, tt := range tests {
			err := az.Authorize(ctx, authz.Check{Action: "sts:AssumeRole", Resource: "arn:aws:iam::" + acct + ":role/r",
				ResourceTags: tt.tags, Context: tt.cond})
			if (err == nil) != tt.wantOK {
				t.Fatalf("round %d, check %d (tags %v, context %v) = %v, want allowed=%v", round, i, tt.tags, tt.cond, err, tt.wantOK)
			}
		}
	}
}

// The decision log keeps each decision's caller without its access key;
// decisions of one caller may share that copy, but never across a change
// of who the caller is.
func TestLoggedCallerHasNoKeyAndFollowsTheCaller(t *testing.T) {
	t.Parallel()
	_, az := world(t)
	check := authz.Check{Action: "s3:PutObject", Resource: "arn:aws:s3:::b/k"}
	callers := []authn.Caller{userCaller("direct"), userCaller("direct"), userCaller("direct")}
	callers[0].AccessKeyID = "AKIAFIRSTKEY0000"
	callers[1].AccessKeyID = "AKIASECONDKEY000"
	callers[2].AccessKeyID = "AKIASECONDKEY000"
	callers[2].UserID = "AIDARECREATED" // same name, a new user
	for _, c := range callers {
		ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: c, Time: time.Now()})
		if err := az.Authorize(ctx, check); err != nil {
			t.Fatalf("Authorize as %s (%s): %v", c.ARN, c.UserID, err)
		}
	}
	recs := az.Log().Records()
	if len(recs) != len(callers) {
		t.Fatalf("%d records, want %d", len(recs), len(callers))
	}
	for i, c := range callers {
		got := recs[i].Caller // oldest first
		want := c
		want.AccessKeyID = ""
		if got == nil || *got != want {
			t.Errorf("decision %d logged caller %+v, want %+v", i, got, want)
		}
	}
}

// A session caller's decisions are logged without the session's key,
// secret and token; decisions of one session record share the copy, and a
// caller with another session record (a new token) gets its own.
func TestLoggedSessionCallerHasNoSecrets(t *testing.T) {
	t.Parallel()
	_, az := world(t)
	now := time.Now()
	session := func(name, token string) *store.Session {
		return &store.Session{Kind: "GetFederationToken", Account: acct, UserName: "direct", SessionName: name,
			Issued: now, Expiration: now.Add(time.Hour), AccessKeyID: "ASIAEXAMPLE00000", Secret: "secret", Token: token,
			SessionPolicies: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`}}
	}
	caller := func(s *store.Session) authn.Caller {
		return authn.Caller{Type: evaluator.PrincipalFederatedUser, Account: acct,
			ARN: "arn:aws:sts::" + acct + ":federated-user/" + s.SessionName, UserID: acct + ":" + s.SessionName,
			UserName: "direct", AccessKeyID: s.AccessKeyID, Session: s}
	}
	first, second := session("fed", "token-1"), session("fed", "token-2")
	second.SessionName = "other"
	callers := []authn.Caller{caller(first), caller(first), caller(second)}
	check := authz.Check{Action: "s3:PutObject", Resource: "arn:aws:s3:::b/k"}
	for _, c := range callers {
		ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: c, Time: now})
		if err := az.Authorize(ctx, check); err != nil {
			t.Fatalf("Authorize as %s: %v", c.ARN, err)
		}
	}
	recs := az.Log().Records()
	if len(recs) != len(callers) {
		t.Fatalf("%d records, want %d", len(recs), len(callers))
	}
	for i, c := range callers {
		got := recs[i].Caller
		if got == nil || got.Session == nil {
			t.Fatalf("decision %d logged caller %+v, want one with a session", i, got)
		}
		s := got.Session
		if got.AccessKeyID != "" || s.AccessKeyID != "" || s.Secret != "" || s.Token != "" {
			t.Errorf("decision %d logged key %q, session key %q, secret %q, token %q; want none",
				i, got.AccessKeyID, s.AccessKeyID, s.Secret, s.Token)
		}
		if got.ARN != c.ARN || s.SessionName != c.Session.SessionName {
			t.Errorf("decision %d logged %s (session %q), want %s (session %q)", i, got.ARN, s.SessionName, c.ARN, c.Session.SessionName)
		}
	}
	if first.Secret != "secret" || first.Token != "token-1" {
		t.Errorf("the caller's own session lost its secrets: %+v", first)
	}
}

// The decision log keeps a check's context as it was asked: a copy of a
// map the service reuses, the map itself when the check says it is
// frozen.
func TestLoggedContext(t *testing.T) {
	t.Parallel()
	_, az := world(t)
	ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: userCaller("direct"), Time: time.Now()})
	reused := map[string][]string{"s3:prefix": {"a/"}}
	frozen := map[string][]string{"sts:RoleSessionName": {"s"}}
	for _, c := range []authz.Check{
		{Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", Context: reused},
		{Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", Context: frozen, ContextFrozen: true},
	} {
		if err := az.Authorize(ctx, c); err != nil {
			t.Fatalf("Authorize(%v): %v", c.Context, err)
		}
	}
	reused["s3:prefix"] = []string{"changed/"}
	recs := az.Log().Records()
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	if got := recs[0].Context["s3:prefix"]; len(got) != 1 || got[0] != "a/" {
		t.Errorf("logged context of a reused map = %v, want s3:prefix [a/] as asked", recs[0].Context)
	}
	if got := recs[1].Context["sts:RoleSessionName"]; len(got) != 1 || got[0] != "s" {
		t.Errorf("logged frozen context = %v, want sts:RoleSessionName [s]", recs[1].Context)
	}
}
