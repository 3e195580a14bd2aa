package authz_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// TestPrincipalContextKeys pins the principal keys each kind of caller
// puts in the request context, as "Policy variables" (Principal key
// values) and "AWS global condition context keys" list them (the names of
// rows may repeat: each row checks a few keys): aws:username only for IAM
// users, never for a GetFederationToken user, although that
// user acts with its IAM user's policies (AWS Knowledge Center, "How do I
// use IAM policy variables with federated users?": ${aws:username} "isn't
// present if the principal is a federated user"; use ${aws:userid}, which
// is ACCOUNT:caller-specified-name).
func TestPrincipalContextKeys(t *testing.T) {
	t.Parallel()
	_, az := world(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	federated := authn.Caller{Type: evaluator.PrincipalFederatedUser, Account: acct,
		ARN: "arn:aws:sts::" + acct + ":federated-user/fed", UserID: acct + ":fed", UserName: "direct",
		Session: &store.Session{Kind: "GetFederationToken", Account: acct, UserName: "direct", SessionName: "fed",
			Issued: now, Expiration: now.Add(time.Hour), SessionPolicies: []string{allow("*", "*")}}}
	role := authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: acct,
		ARN: "arn:aws:sts::" + acct + ":assumed-role/reader/s", UserID: "AROAREADER:s",
		Session: &store.Session{Account: acct, RoleName: "reader", RoleARN: "arn:aws:iam::" + acct + ":role/reader",
			RoleID: "AROAREADER", SessionName: "s", Issued: now, Expiration: now.Add(time.Hour)}}
	root := authn.Caller{Type: evaluator.PrincipalAccount, Account: acct, ARN: authn.RootARN(acct), UserID: acct}
	web := authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: acct,
		ARN: "arn:aws:sts::" + acct + ":assumed-role/reader/w", UserID: "AROAREADER:w",
		Session: &store.Session{Account: acct, RoleName: "reader", RoleARN: "arn:aws:iam::" + acct + ":role/reader",
			RoleID: "AROAREADER", SessionName: "w", Issued: now, Expiration: now.Add(time.Hour),
			Federated: "arn:aws:iam::" + acct + ":oidc-provider/token.actions.githubusercontent.com"}}
	anonymous := authn.Caller{Type: evaluator.PrincipalAnonymous}
	tests := []struct {
		name   string
		caller authn.Caller
		want   map[string]string // "" = absent
	}{
		{"IAM user", userCaller("direct"), map[string]string{
			"aws:username": "direct", "aws:userid": "AIDADIRECT", "aws:principaltype": "User",
			"aws:principalarn": "arn:aws:iam::" + acct + ":user/direct"}},
		{"federated user", federated, map[string]string{
			"aws:username": "", "aws:userid": acct + ":fed", "aws:principaltype": "FederatedUser",
			"aws:principalarn": "arn:aws:sts::" + acct + ":federated-user/fed"}},
		{"role session", role, map[string]string{
			"aws:username": "", "aws:userid": "AROAREADER:s", "aws:principaltype": "AssumedRole",
			"aws:principalarn": "arn:aws:iam::" + acct + ":role/reader"}},
		{"root", root, map[string]string{
			"aws:username": "", "aws:userid": acct, "aws:principaltype": "Account",
			"aws:principalarn": "arn:aws:iam::" + acct + ":root"}},
		// Anonymous requests carry aws:PrincipalAccount ("anonymous"),
		// aws:PrincipalType and aws:userid, but neither aws:PrincipalArn
		// nor aws:PrincipalIsAWSService ("AWS global condition context
		// keys", each key's Availability).
		{"anonymous", anonymous, map[string]string{
			"aws:username": "", "aws:userid": "anonymous", "aws:principaltype": "Anonymous",
			"aws:principalaccount": "anonymous", "aws:principalarn": "", "aws:principalisawsservice": ""}},
		// The MFA keys are "not present for federated identities".
		{"role session", role, map[string]string{"aws:multifactorauthpresent": "false", "aws:principalisawsservice": "false"}},
		{"web identity session", web, map[string]string{"aws:multifactorauthpresent": "", "aws:tokenissuetime": "2026-11-23T12:00:00Z"}},
		{"IAM user (long-term keys)", userCaller("direct"), map[string]string{"aws:multifactorauthpresent": "", "aws:principalaccount": acct}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: tt.caller, Time: now, RequestID: "r"})
			_, req, err := az.Decide(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"})
			if err != nil {
				t.Fatal(err)
			}
			for k, want := range tt.want {
				got := strings.Join(req.Context[k], ",")
				if got != want {
					t.Errorf("%s: context %s = %q, want %q", tt.caller.ARN, k, got, want)
				}
			}
		})
	}
}

// TestFederatedUserHasNoUsernameVariable is the decision the key makes: an
// IAM user's home-folder policy (${aws:username}) does not reach the
// federated users it creates with GetFederationToken (found by probing).
func TestFederatedUserHasNoUsernameVariable(t *testing.T) {
	t.Parallel()
	db, az := world(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	home := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}`
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(acct, store.KindUser, "homed", &store.User{Name: "homed", ARN: "arn:aws:iam::" + acct + ":user/homed", ID: "AIDAHOMED",
			Policies: store.Policies{Inline: map[string]string{"home": home}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	federated := authn.Caller{Type: evaluator.PrincipalFederatedUser, Account: acct,
		ARN: "arn:aws:sts::" + acct + ":federated-user/fed", UserID: acct + ":fed", UserName: "homed",
		Session: &store.Session{Kind: "GetFederationToken", Account: acct, UserName: "homed", UserID: "AIDAHOMED", SessionName: "fed",
			Issued: now, Expiration: now.Add(time.Hour), SessionPolicies: []string{allow("*", "*")}}}
	tests := []struct {
		name   string
		caller authn.Caller
		want   evaluator.Effect
	}{
		{"the user itself", userCaller("homed"), evaluator.Allow},
		{"its federated user", federated, evaluator.ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: tt.caller, Time: now, RequestID: "r"})
			d, _, err := az.Decide(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/homed/f"})
			if err != nil {
				t.Fatal(err)
			}
			if d.Effect != tt.want {
				t.Errorf("Decide(%s, s3:GetObject b/homed/f) = %v, want %v", tt.caller.ARN, d.Effect, tt.want)
			}
		})
	}
}

// TestAnonymousKeyDecisions shows what the anonymous keys decide in a
// bucket policy: AWS's own example denying callers that are not AWS
// services keys on aws:PrincipalIsAWSService, which anonymous requests do
// not carry (so a plain Bool does not match them), and aws:PrincipalAccount
// names them "anonymous".
func TestAnonymousKeyDecisions(t *testing.T) {
	t.Parallel()
	_, az := world(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	publicRead := `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`
	tests := []struct {
		name   string
		policy string
		want   evaluator.Effect
	}{
		{"Bool aws:PrincipalIsAWSService false does not match", `{"Version":"2012-10-17","Statement":[` + publicRead +
			`,{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:PrincipalIsAWSService":"false"}}}]}`, evaluator.Allow},
		{"aws:PrincipalAccount is anonymous", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalAccount":"anonymous"}}}]}`, evaluator.Allow},
		{"aws:userid is anonymous", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:userid":"anonymous"}}}]}`, evaluator.Allow},
		{"aws:PrincipalArn absent", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Null":{"aws:PrincipalArn":"false"}}}]}`, evaluator.ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := evaluator.Parse(tt.policy, evaluator.KindResource)
			if err != nil {
				t.Fatal(err)
			}
			ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: authn.Caller{Type: evaluator.PrincipalAnonymous}, Time: now, RequestID: "r"})
			d, _, err := az.Decide(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: acct,
				ResourcePolicy: &evaluator.NamedPolicy{Name: "b", Policy: p}, ResourceKind: evaluator.KindResource})
			if err != nil {
				t.Fatal(err)
			}
			if d.Effect != tt.want {
				t.Errorf("anonymous s3:GetObject under %s = %v, want %v", tt.name, d.Effect, tt.want)
			}
		})
	}
}
