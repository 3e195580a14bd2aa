package authz_test

import (
	"context"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// TestUnparsableStoredOrgPolicyDenies stores an organization whose every
// level carries FullAWSAccess (SCP and RCP), plus, at the member's OU, an
// SCP or RCP that no longer parses. Skipping the broken policy would leave
// FullAWSAccess alone at that level and allow the request (fail open); it
// must deny explicitly, in the broken policy's layer.
func TestUnparsableStoredOrgPolicyDenies(t *testing.T) {
	t.Parallel()
	brokenSCP := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*","Future":1}]}`
	brokenRCP := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*","Future":1}]}`
	tests := []struct {
		name     string
		typ      string
		content  string
		caller   authn.Caller
		action   string
		resource string
		kind     evaluator.Kind
	}{
		{"SCP", store.PolicyTypeSCP, brokenSCP, rootOf(orgMember), "iam:CreateUser", "arn:aws:iam::" + orgMember + ":user/x", evaluator.KindSCP},
		{"SCP that is not JSON", store.PolicyTypeSCP, "{not json", rootOf(orgMember), "iam:CreateUser", "arn:aws:iam::" + orgMember + ":user/x", evaluator.KindSCP},
		{"RCP", store.PolicyTypeRCP, brokenRCP, rootOf(outsider), "s3:GetObject", "arn:aws:s3:::b/k", evaluator.KindRCP},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			az := orgWorldWithBroken(t, tt.typ, tt.content)
			ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: tt.caller, Time: time.Now()})
			d, req, err := az.Decide(ctx, authz.Check{Action: tt.action, Resource: tt.resource, ResourceAccount: orgMember})
			if err != nil {
				t.Fatal(err)
			}
			if d.Effect != evaluator.ExplicitDeny || d.Kind != tt.kind {
				t.Errorf("Decide(%s) = %v/%v, want ExplicitDeny/%v (%s)", tt.action, d.Effect, d.Kind, tt.kind, d.Message(req))
			}
		})
	}
}

// orgWorldWithBroken stores orgWorld's tree with FullAWSAccess SCP and RCP
// everywhere and one policy of typ with content attached to the member's
// OU.
func orgWorldWithBroken(t *testing.T, typ, content string) *authz.Authorizer {
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
	full := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	rcpFull := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
	all := []string{"r-ab12", "ou-ab12-prod0001", orgMgmt, orgMember}
	o := &store.Organization{ID: "o-exampleorg", ARN: "arn:aws:organizations::111111111111:organization/o-exampleorg",
		FeatureSet: "ALL", ManagementAccount: orgMgmt,
		Root: store.OrgRoot{ID: "r-ab12", Name: "Root", PolicyTypes: []string{store.PolicyTypeSCP, store.PolicyTypeRCP}},
		OUs:  map[string]*store.OrgUnit{"ou-ab12-prod0001": {ID: "ou-ab12-prod0001", Name: "Prod", Parent: "r-ab12"}},
		Accounts: map[string]*store.OrgAccount{
			orgMgmt:   {ID: orgMgmt, Parent: "r-ab12"},
			orgMember: {ID: orgMember, Parent: "ou-ab12-prod0001"},
		},
		Policies: map[string]*store.OrgPolicy{
			"p-FullAWSAccess":    {ID: "p-FullAWSAccess", ARN: "scp-full", Type: store.PolicyTypeSCP, Content: full, Targets: all},
			"p-RCPFullAWSAccess": {ID: "p-RCPFullAWSAccess", ARN: "rcp-full", Type: store.PolicyTypeRCP, Content: rcpFull, Targets: all},
			"p-broken0001":       {ID: "p-broken0001", ARN: "broken", Type: typ, Content: content, Targets: []string{"ou-ab12-prod0001"}},
		},
	}
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		for _, a := range []string{orgMgmt, orgMember} {
			if err := tx.Put(store.Global, store.KindOrgMember, a, store.OrgRef{OrgID: o.ID}); err != nil {
				return err
			}
		}
		return tx.PutOrganization(o)
	})
	if err != nil {
		t.Fatal(err)
	}
	return authz.New(db, authz.Options{Managed: set})
}
