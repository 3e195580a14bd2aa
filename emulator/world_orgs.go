package emulator

import (
	"maps"
	"slices"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// worldOrg is one AWS Organization as /_fakeaws/world shows it: its tree
// (root → OUs → accounts, each with the policies attached to it) and its
// policies with their documents.
type worldOrg struct {
	ID                 string           `json:"id"`
	ARN                string           `json:"arn"`
	FeatureSet         string           `json:"featureSet"`
	ManagementAccount  string           `json:"managementAccount"`
	EnabledPolicyTypes []string         `json:"enabledPolicyTypes"`
	Root               worldOrgNode     `json:"root"`
	Policies           []worldOrgPolicy `json:"policies"`
}

// worldOrgNode is the root, an OU or an account.
type worldOrgNode struct {
	ID       string         `json:"id"`
	Type     string         `json:"type"` // ROOT, ORGANIZATIONAL_UNIT, ACCOUNT
	Name     string         `json:"name"`
	Policies []string       `json:"policies"` // attached policy ids
	Children []worldOrgNode `json:"children,omitempty"`
}

type worldOrgPolicy struct {
	ID         string   `json:"id"`
	ARN        string   `json:"arn"`
	Name       string   `json:"name"`
	Type       string   `json:"type"`
	AWSManaged bool     `json:"awsManaged"`
	Content    string   `json:"content"`
	Targets    []string `json:"targets"`
}

// worldOrganizations lists every organization in the store.
func worldOrganizations(tx *store.Tx) ([]worldOrg, error) {
	out := []worldOrg{}
	err := store.Each(tx, store.Global, store.KindOrganization, func(o *store.Organization) error {
		w := worldOrg{ID: o.ID, ARN: o.ARN, FeatureSet: o.FeatureSet, ManagementAccount: o.ManagementAccount,
			EnabledPolicyTypes: append([]string{}, o.Root.PolicyTypes...), Policies: []worldOrgPolicy{}}
		w.Root = orgNode(o, o.Root.ID, "ROOT", o.Root.Name)
		for _, id := range slices.Sorted(maps.Keys(o.Policies)) {
			p := o.Policies[id]
			w.Policies = append(w.Policies, worldOrgPolicy{ID: p.ID, ARN: p.ARN, Name: p.Name, Type: p.Type,
				AWSManaged: p.AWSManaged, Content: p.Content, Targets: append([]string{}, p.Targets...)})
		}
		out = append(out, w)
		return nil
	})
	return out, err
}

// orgNode builds the subtree under id.
func orgNode(o *store.Organization, id, typ, name string) worldOrgNode {
	n := worldOrgNode{ID: id, Type: typ, Name: name, Policies: []string{}}
	for _, pid := range slices.Sorted(maps.Keys(o.Policies)) {
		if slices.Contains(o.Policies[pid].Targets, id) {
			n.Policies = append(n.Policies, pid)
		}
	}
	var ous []*store.OrgUnit
	for _, u := range o.OUs {
		if u.Parent == id {
			ous = append(ous, u)
		}
	}
	slices.SortFunc(ous, func(a, b *store.OrgUnit) int { return strings.Compare(a.Name, b.Name) })
	for _, u := range ous {
		n.Children = append(n.Children, orgNode(o, u.ID, "ORGANIZATIONAL_UNIT", u.Name))
	}
	for _, aid := range slices.Sorted(maps.Keys(o.Accounts)) {
		if a := o.Accounts[aid]; a.Parent == id {
			n.Children = append(n.Children, orgNode(o, a.ID, "ACCOUNT", a.Name))
		}
	}
	return n
}
