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
			az := orgWorldWith(t, func(o *store.Organization) map[string]string {
				o.Policies["p-broken0001"] = &store.OrgPolicy{ID: "p-broken0001", ARN: "broken", Type: tt.typ, Content: tt.content,
					Targets: []string{"ou-ab12-prod0001"}}
				return nil
			})
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

// TestDamagedOrganizationRecordDenies stores organization records that
// contradict each other: the member account's SCPs and RCPs cannot be
// known, so the member's requests and requests to its resources are
// denied, not decided as if the account were in no organization.
func TestDamagedOrganizationRecordDenies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		damage func(o *store.Organization) map[string]string
	}{
		{"member record names a missing organization", func(o *store.Organization) map[string]string {
			return map[string]string{orgMember: "o-gone000000"}
		}},
		{"account's OU is missing", func(o *store.Organization) map[string]string {
			delete(o.OUs, "ou-ab12-prod0001")
			return nil
		}},
		{"account missing from the tree", func(o *store.Organization) map[string]string {
			delete(o.Accounts, orgMember)
			return nil
		}},
		{"OU cycle", func(o *store.Organization) map[string]string {
			o.OUs["ou-ab12-prod0001"].Parent = "ou-ab12-prod0001"
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			az := orgWorldWith(t, tt.damage)
			for _, c := range []struct {
				caller         authn.Caller
				action, target string
				kind           evaluator.Kind
			}{
				{rootOf(orgMember), "iam:CreateUser", "arn:aws:iam::" + orgMember + ":user/x", evaluator.KindSCP},
				{rootOf(outsider), "s3:GetObject", "arn:aws:s3:::b/k", evaluator.KindRCP},
			} {
				ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: c.caller, Time: time.Now()})
				d, req, err := az.Decide(ctx, authz.Check{Action: c.action, Resource: c.target, ResourceAccount: orgMember})
				if err != nil {
					t.Fatal(err)
				}
				if d.Effect != evaluator.ExplicitDeny || d.Kind != c.kind {
					t.Errorf("Decide(%s) = %v/%v, want ExplicitDeny/%v (%s)", c.action, d.Effect, d.Kind, c.kind, d.Message(req))
				}
			}
		})
	}
}

// orgWorldWith stores orgWorld's tree with FullAWSAccess SCP and RCP
// everywhere, changed by mutate, which returns member records to
// overwrite (account → organization id).
func orgWorldWith(t *testing.T, mutate func(o *store.Organization) map[string]string) *authz.Authorizer {
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
		},
	}
	refs := map[string]string{orgMgmt: o.ID, orgMember: o.ID}
	for a, id := range mutate(o) {
		refs[a] = id
	}
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		for a, id := range refs {
			if err := tx.Put(store.Global, store.KindOrgMember, a, store.OrgRef{OrgID: id}); err != nil {
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
