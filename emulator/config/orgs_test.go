package config_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/emulator/store"
)

const orgWorld = `{
  "accounts": [{"id": "111111111111"}, {"id": "222222222222"}, {"id": "333333333333"}],
  "organization": {
    "managementAccount": "111111111111",
    "policyTypes": ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
    "accounts": ["333333333333"],
    "organizationalUnits": [{"name": "Prod", "accounts": ["222222222222"]}],
    "policies": [{"name": "NoDeleteBucket", "type": "SERVICE_CONTROL_POLICY",
      "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]},
      "targets": ["Prod"]}]
  }
}`

func TestApplyOrganization(t *testing.T) {
	t.Parallel()
	o := organizationAppliedTwice(t, orgWorld, "222222222222")
	if o.ManagementAccount != "111111111111" || len(o.Accounts) != 3 || len(o.OUs) != 1 {
		t.Errorf("organization = mgmt %s, %d accounts, %d OUs; want 111111111111, 3, 1", o.ManagementAccount, len(o.Accounts), len(o.OUs))
	}
	path := o.Path("222222222222")
	if len(path) != 3 || o.OUs[path[1]].Name != "Prod" {
		t.Fatalf("path of 222222222222 = %v, want root/Prod/account", path)
	}
	var scps []string
	for _, p := range o.Attached(path[1], store.PolicyTypeSCP) {
		scps = append(scps, p.Name)
	}
	slices.Sort(scps)
	if !slices.Equal(scps, []string{"FullAWSAccess", "NoDeleteBucket"}) {
		t.Errorf("SCPs on Prod = %v, want FullAWSAccess, NoDeleteBucket", scps)
	}
	if !o.PolicyTypeEnabled(store.PolicyTypeRCP) {
		t.Errorf("RCPs not enabled")
	}
}

// organizationAppliedTwice applies world twice (the second application
// must change nothing) and returns the organization account belongs to.
func organizationAppliedTwice(t *testing.T, world, account string) *store.Organization {
	t.Helper()
	srv := newServer(t)
	c := parse(t, world)
	for round := range 2 {
		if err := config.Apply(context.Background(), srv, c, config.Options{}); err != nil {
			t.Fatalf("Apply (round %d): %v", round, err)
		}
	}
	var o *store.Organization
	err := srv.DB().View(context.Background(), func(tx *store.Tx) error {
		var err error
		o, err = tx.OrganizationOf(account)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestParseOrganizationErrors(t *testing.T) {
	t.Parallel()
	_, err := config.Parse([]byte(`{"organization": {"managementAccount": "1111", "organizationalUnits": [{"name": "A"}, {"name": "a"}],
	  "policies": [{"name": "p", "type": "SERVICE_CONTROL_POLICY", "document": {"Version": "2012-10-17"}, "targets": ["Nowhere"]},
	    {"name": "q", "type": "SERVICE_CONTROL_POLICY", "document": {}}, {"name": "q", "type": "SERVICE_CONTROL_POLICY", "document": {}}]}}`))
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ce *config.Error
		if errors.As(e, &ce) {
			got = append(got, ce.Path)
		}
	}
	want := []string{"organization.managementAccount", "organization.organizationalUnits[1].name", "organization.policies[0].type", "organization.policies[0].targets[0]",
		"organization.policies[2].name"}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("Parse errors at %v, want one at %s", got, w)
		}
	}
}

// TestApplyOrganizationDelegation: trusted access, a delegated
// administrator and the delegation policy come from the file, and a
// second application changes nothing.
func TestApplyOrganizationDelegation(t *testing.T) {
	t.Parallel()
	o := organizationAppliedTwice(t, `{
  "accounts": [{"id": "111111111111"}, {"id": "222222222222"}],
  "organization": {
    "managementAccount": "111111111111",
    "accounts": ["222222222222"],
    "trustedAccess": ["iam.amazonaws.com"],
    "delegatedAdministrators": [{"account": "222222222222", "servicePrincipal": "iam.amazonaws.com"}],
    "delegationPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "organizations:DescribeOrganization", "Resource": "*"}]}
  }
}`, "222222222222")
	if _, ok := o.ServiceAccess["iam.amazonaws.com"]; !ok {
		t.Errorf("trusted access = %v, want iam.amazonaws.com", o.ServiceAccess)
	}
	if _, ok := o.DelegatedAdmins["222222222222"]["iam.amazonaws.com"]; !ok {
		t.Errorf("delegated administrators = %v, want 222222222222 for iam.amazonaws.com", o.DelegatedAdmins)
	}
	if o.ResourcePolicy == nil || !strings.Contains(o.ResourcePolicy.Content, "organizations:DescribeOrganization") {
		t.Errorf("delegation policy = %+v", o.ResourcePolicy)
	}
}

func TestParseOrganizationDelegationErrors(t *testing.T) {
	t.Parallel()
	_, err := config.Parse([]byte(`{"organization": {"managementAccount": "111111111111", "accounts": ["222222222222"],
	  "trustedAccess": ["", "iam.amazonaws.com"],
	  "delegatedAdministrators": [{"account": "111111111111", "servicePrincipal": "iam.amazonaws.com"},
	    {"account": "333333333333", "servicePrincipal": "sso.amazonaws.com"}]}}`))
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ce *config.Error
		if errors.As(e, &ce) {
			got = append(got, ce.Path)
		}
	}
	want := []string{"organization.trustedAccess[0]", "organization.delegatedAdministrators[0].account",
		"organization.delegatedAdministrators[1].account", "organization.delegatedAdministrators[1].servicePrincipal"}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("Parse errors at %v, want one at %s", got, w)
		}
	}
	if slices.Contains(got, "organization.delegatedAdministrators[0].servicePrincipal") {
		t.Errorf("Parse errors at %v: iam.amazonaws.com has trusted access", got)
	}
}
