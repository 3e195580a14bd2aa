package authz_test

import (
	"context"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// TestDocSessionPrincipalForms replays "How AWS enforcement code logic
// evaluates requests to allow or deny access"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html)
// for the sessions authz builds the policy sets of: a GetFederationToken
// user without a session policy has none of its user's permissions ("If
// the principal is a role session, then the request is Allowed. Otherwise,
// the request is implicitly denied"), yet a bucket policy naming its
// federated-user ARN grants to it directly ("Permissions granted directly
// to a session are not limited by an implicit deny in an identity-based
// policy, a permissions boundary, or session policy"), while one naming
// "the ARN of the IAM user who federated" is "limited by an implicit deny
// in a permission boundary or session policy". A role session without a
// session policy keeps its role's permissions.
func TestDocSessionPrincipalForms(t *testing.T) {
	t.Parallel()
	_, az := world(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	fed := func(policies ...string) authn.Caller {
		return authn.Caller{Type: evaluator.PrincipalFederatedUser, Account: acct,
			ARN: "arn:aws:sts::" + acct + ":federated-user/fed", UserID: acct + ":fed", UserName: "direct",
			Session: &store.Session{Kind: "GetFederationToken", Account: acct, UserName: "direct", UserID: "AIDADIRECT",
				SessionName: "fed", Issued: now, Expiration: now.Add(time.Hour), SessionPolicies: policies}}
	}
	role := authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: acct,
		ARN: "arn:aws:sts::" + acct + ":assumed-role/reader/s", UserID: "AROAREADER:s",
		Session: &store.Session{Account: acct, RoleName: "reader", RoleARN: "arn:aws:iam::" + acct + ":role/reader",
			RoleID: "AROAREADER", SessionName: "s", Issued: now, Expiration: now.Add(time.Hour)}}
	bucket := func(principal string) *evaluator.NamedPolicy {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + principal +
			`"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
		p, err := evaluator.Parse(doc, evaluator.KindResource)
		if err != nil {
			t.Fatal(err)
		}
		return &evaluator.NamedPolicy{Name: "b", Policy: p}
	}
	tests := []struct {
		name   string
		caller authn.Caller
		policy *evaluator.NamedPolicy
		want   evaluator.Effect
		kind   evaluator.Kind
	}{
		{"federated user, no session policy, no bucket policy", fed(), nil, evaluator.ImplicitDeny, evaluator.KindSession},
		{"federated user, no session policy, bucket policy names the session", fed(), bucket("arn:aws:sts::" + acct + ":federated-user/fed"), evaluator.Allow, evaluator.KindResource},
		{"federated user, no session policy, bucket policy names the user who federated", fed(), bucket("arn:aws:iam::" + acct + ":user/direct"), evaluator.ImplicitDeny, evaluator.KindSession},
		{"federated user, session policy allows, bucket policy names the user who federated", fed(allow("s3:GetObject", "*")), bucket("arn:aws:iam::" + acct + ":user/direct"), evaluator.Allow, evaluator.KindIdentity},
		{"role session, no session policy", role, nil, evaluator.Allow, evaluator.KindIdentity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: tt.caller, Time: now, RequestID: "r"})
			d, _, err := az.Decide(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k",
				ResourcePolicy: tt.policy, ResourceKind: evaluator.KindResource})
			if err != nil {
				t.Fatal(err)
			}
			if d.Effect != tt.want || d.Kind != tt.kind {
				t.Errorf("got %v/%v, want %v/%v", d.Effect, d.Kind, tt.want, tt.kind)
			}
		})
	}
}
