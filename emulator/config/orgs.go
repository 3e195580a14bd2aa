package config

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Organization declares an AWS Organization: its management account, the
// policy types to enable, the OU tree with the accounts placed in it, and
// SCPs/RCPs with their targets ("root", an OU name, or an account id).
//
//	"organization": {
//	  "managementAccount": "111111111111",
//	  "policyTypes": ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
//	  "accounts": ["333333333333"],
//	  "organizationalUnits": [{"name": "Prod", "accounts": ["222222222222"], "organizationalUnits": []}],
//	  "policies": [{"name": "NoDeleteBucket", "type": "SERVICE_CONTROL_POLICY",
//	                "document": {...}, "targets": ["Prod"]}],
//	  "trustedAccess": ["iam.amazonaws.com"],
//	  "delegatedAdministrators": [{"account": "333333333333", "servicePrincipal": "iam.amazonaws.com"}],
//	  "delegationPolicy": {...}
//	}
type Organization struct {
	ManagementAccount string `json:"managementAccount"`
	// FeatureSet is "ALL" (default) or "CONSOLIDATED_BILLING".
	FeatureSet  string   `json:"featureSet"`
	PolicyTypes []string `json:"policyTypes"`
	// Accounts are member accounts placed directly under the root.
	Accounts            []string    `json:"accounts"`
	OrganizationalUnits []OrgUnit   `json:"organizationalUnits"`
	Policies            []OrgPolicy `json:"policies"`
	// TrustedAccess are the service principals given trusted access
	// (EnableAWSServiceAccess).
	TrustedAccess []string `json:"trustedAccess"`
	// DelegatedAdministrators are member accounts registered as a
	// service's delegated administrator (RegisterDelegatedAdministrator);
	// the service needs trusted access.
	DelegatedAdministrators []DelegatedAdministrator `json:"delegatedAdministrators"`
	// DelegationPolicy is the organization's resource-based delegation
	// policy (PutResourcePolicy).
	DelegationPolicy Document `json:"delegationPolicy"`
}

// DelegatedAdministrator registers Account as ServicePrincipal's
// delegated administrator.
type DelegatedAdministrator struct {
	Account          string `json:"account"`
	ServicePrincipal string `json:"servicePrincipal"`
}

// OrgUnit is an organizational unit, its accounts and its child OUs. OU
// names are unique within the file, so targets can name them.
type OrgUnit struct {
	Name                string    `json:"name"`
	Accounts            []string  `json:"accounts"`
	OrganizationalUnits []OrgUnit `json:"organizationalUnits"`
}

// OrgPolicy is an SCP or RCP (or another organization policy type).
type OrgPolicy struct {
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Description string   `json:"description"`
	Document    Document `json:"document"`
	// Targets are "root", OU names and account ids.
	Targets []string `json:"targets"`
}

// validate checks the organization section: account ids, unique OU names,
// each account placed once, policy types and targets.
func (o *Organization) validate(bad report) {
	if o == nil {
		return
	}
	const base = "organization"
	if !arns.IsAccountID(o.ManagementAccount) {
		bad(base+".managementAccount", "account id %q: want 12 digits", o.ManagementAccount)
	}
	if o.FeatureSet != "" && o.FeatureSet != "ALL" && o.FeatureSet != "CONSOLIDATED_BILLING" {
		bad(base+".featureSet", "%q: want ALL or CONSOLIDATED_BILLING", o.FeatureSet)
	}
	names := map[string]bool{"root": true}
	placed := map[string]string{o.ManagementAccount: base + ".managementAccount"}
	var walk func(path string, accounts []string, ous []OrgUnit)
	walk = func(path string, accounts []string, ous []OrgUnit) {
		for i, a := range accounts {
			p := fmt.Sprintf("%s.accounts[%d]", path, i)
			switch {
			case !arns.IsAccountID(a):
				bad(p, "account id %q: want 12 digits", a)
			case placed[a] != "":
				bad(p, "account %s is already placed at %s", a, placed[a])
			default:
				placed[a] = p
			}
		}
		for i, u := range ous {
			p := fmt.Sprintf("%s.organizationalUnits[%d]", path, i)
			switch {
			case u.Name == "":
				bad(p+".name", "required")
			case names[strings.ToLower(u.Name)]:
				bad(p+".name", "organizational unit %q is already declared (names are unique in the file)", u.Name)
			}
			names[strings.ToLower(u.Name)] = true
			walk(p, u.Accounts, u.OrganizationalUnits)
		}
	}
	walk(base, o.Accounts, o.OrganizationalUnits)
	o.validateDelegation(bad, placed)
	// Apply finds a policy by type and name and updates it in place, so a
	// second policy of the same name would silently overwrite the first.
	policies := map[string]int{}
	for i, p := range o.Policies {
		pp := fmt.Sprintf("%s.policies[%d]", base, i)
		if p.Name == "" {
			bad(pp+".name", "required")
		} else if j, ok := policies[p.Type+"/"+p.Name]; ok {
			bad(pp+".name", "%s %q is already declared at %s.policies[%d]", p.Type, p.Name, base, j)
		} else {
			policies[p.Type+"/"+p.Name] = i
		}
		if p.Type != store.PolicyTypeSCP && p.Type != store.PolicyTypeRCP && p.Type != "TAG_POLICY" && p.Type != "BACKUP_POLICY" && p.Type != "AISERVICES_OPT_OUT_POLICY" {
			bad(pp+".type", "%q: want SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY", p.Type)
		} else if !slices.Contains(o.PolicyTypes, p.Type) && len(p.Targets) > 0 {
			bad(pp+".type", "policy type %s is not in organization.policyTypes, so the policy cannot be attached", p.Type)
		}
		bad.document(pp+".document", p.Document)
		for j, t := range p.Targets {
			if !names[strings.ToLower(t)] && placed[t] == "" {
				bad(fmt.Sprintf("%s.targets[%d]", pp, j), "%q: want \"root\", an OU name or an account id placed in the organization", t)
			}
		}
	}
}

// validateDelegation checks the trusted access, delegated administrator
// and delegation policy entries: an administrator is a member placed in
// the file (not the management account) of a service given trusted
// access, as RegisterDelegatedAdministrator requires.
func (o *Organization) validateDelegation(bad report, placed map[string]string) {
	const base = "organization"
	for i, sp := range o.TrustedAccess {
		if sp == "" {
			bad(fmt.Sprintf("%s.trustedAccess[%d]", base, i), "required")
		}
	}
	for i, d := range o.DelegatedAdministrators {
		p := fmt.Sprintf("%s.delegatedAdministrators[%d]", base, i)
		switch {
		case d.Account == o.ManagementAccount:
			bad(p+".account", "the management account cannot be a delegated administrator")
		case placed[d.Account] == "":
			bad(p+".account", "%q: want an account id placed in the organization", d.Account)
		}
		if !slices.Contains(o.TrustedAccess, d.ServicePrincipal) {
			bad(p+".servicePrincipal", "%q: want a service principal listed in organization.trustedAccess", d.ServicePrincipal)
		}
	}
	if !o.DelegationPolicy.IsZero() {
		bad.document(base+".delegationPolicy", o.DelegationPolicy)
	}
}

// orgsCall runs one Organizations operation as account's root, decoding
// the response into out (when not nil).
func (ap *applier) orgsCall(account, op string, in, out any) *apiError {
	body, _ := json.Marshal(in)
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1/", strings.NewReader(string(body)))
	r.Header.Set("Content-Type", "application/x-amz-json-1.1")
	r.Header.Set("X-Amz-Target", "AWSOrganizationsV20161128."+op)
	r = r.WithContext(ap.ctx)
	w := httptest.NewRecorder()
	ap.t.ServeAs(w, r, rootCaller(account))
	if w.Code >= 300 {
		var env struct {
			Type    string `json:"__type"`
			Message string `json:"Message"`
		}
		_ = json.Unmarshal(w.Body.Bytes(), &env)
		return &apiError{Status: w.Code, Code: env.Type, Message: env.Message}
	}
	if out != nil {
		if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
			return &apiError{Status: w.Code, Code: "InternalError", Message: err.Error()}
		}
	}
	return nil
}

// organization applies the organization section: create (or find) the
// organization, enable the policy types, build the OU tree, bring the
// accounts in (invitation and handshake) and place them, then create or
// update the policies and attach them.
func (ap *applier) organization(o *Organization) error {
	const base = "organization"
	mgmt := o.ManagementAccount
	err := ap.t.DB().Update(ap.ctx, func(tx *store.Tx) error {
		_, err := tx.EnsureAccount(mgmt, ap.now())
		return err
	})
	if err != nil {
		return err
	}
	fs := o.FeatureSet
	if fs == "" {
		fs = "ALL"
	}
	var desc struct {
		Organization struct {
			MasterAccountID string `json:"MasterAccountId"`
		}
	}
	if e := ap.orgsCall(mgmt, "CreateOrganization", map[string]string{"FeatureSet": fs}, nil); e != nil && !e.is("AlreadyInOrganizationException") {
		return blame(base, e)
	}
	if e := ap.orgsCall(mgmt, "DescribeOrganization", map[string]string{}, &desc); e != nil {
		return blame(base, e)
	}
	if desc.Organization.MasterAccountID != mgmt {
		return &Error{Path: base + ".managementAccount", Message: fmt.Sprintf("account %s is a member of another organization", mgmt)}
	}
	var roots struct {
		Roots []struct {
			ID string `json:"Id"`
		}
	}
	if e := ap.orgsCall(mgmt, "ListRoots", map[string]string{}, &roots); e != nil || len(roots.Roots) == 0 {
		return blame(base, e)
	}
	root := roots.Roots[0].ID
	for i, t := range o.PolicyTypes {
		if e := ap.orgsCall(mgmt, "EnablePolicyType", map[string]string{"RootId": root, "PolicyType": t}, nil); e != nil && !e.is("PolicyTypeAlreadyEnabledException") {
			return blame(fmt.Sprintf("%s.policyTypes[%d]", base, i), e)
		}
	}
	ids := map[string]string{"root": root}
	if err := ap.orgTree(mgmt, base, root, o.Accounts, o.OrganizationalUnits, ids); err != nil {
		return err
	}
	for i := range o.Policies {
		if err := ap.orgPolicy(mgmt, fmt.Sprintf("%s.policies[%d]", base, i), &o.Policies[i], ids); err != nil {
			return err
		}
	}
	return ap.orgDelegation(mgmt, o)
}

// orgDelegation gives the services trusted access, registers the
// delegated administrators (one already registered is kept) and puts the
// delegation policy (PutResourcePolicy creates or replaces it).
func (ap *applier) orgDelegation(mgmt string, o *Organization) error {
	const base = "organization"
	for i, sp := range o.TrustedAccess {
		if e := ap.orgsCall(mgmt, "EnableAWSServiceAccess", map[string]string{"ServicePrincipal": sp}, nil); e != nil {
			return blame(fmt.Sprintf("%s.trustedAccess[%d]", base, i), e)
		}
	}
	for i, d := range o.DelegatedAdministrators {
		in := map[string]string{"AccountId": d.Account, "ServicePrincipal": d.ServicePrincipal}
		if e := ap.orgsCall(mgmt, "RegisterDelegatedAdministrator", in, nil); e != nil && !e.is("AccountAlreadyRegisteredException") {
			return blame(fmt.Sprintf("%s.delegatedAdministrators[%d]", base, i), e)
		}
	}
	if o.DelegationPolicy.IsZero() {
		return nil
	}
	doc, _ := o.DelegationPolicy.Text()
	if e := ap.orgsCall(mgmt, "PutResourcePolicy", map[string]string{"Content": doc}, nil); e != nil {
		return blame(base+".delegationPolicy", e)
	}
	return nil
}

// orgTree places accounts under parent and builds the OUs below it,
// recording each OU's id by lower-cased name in ids.
func (ap *applier) orgTree(mgmt, path, parent string, accounts []string, ous []OrgUnit, ids map[string]string) error {
	for i, a := range accounts {
		if err := ap.orgAccount(mgmt, fmt.Sprintf("%s.accounts[%d]", path, i), a, parent); err != nil {
			return err
		}
		ids[a] = a
	}
	var existing struct {
		OrganizationalUnits []struct {
			ID   string `json:"Id"`
			Name string `json:"Name"`
		}
	}
	if e := ap.orgsCall(mgmt, "ListOrganizationalUnitsForParent", map[string]string{"ParentId": parent}, &existing); e != nil {
		return blame(path, e)
	}
	for i, u := range ous {
		p := fmt.Sprintf("%s.organizationalUnits[%d]", path, i)
		id := ""
		for _, x := range existing.OrganizationalUnits {
			if x.Name == u.Name {
				id = x.ID
			}
		}
		if id == "" {
			var created struct {
				OrganizationalUnit struct {
					ID string `json:"Id"`
				}
			}
			if e := ap.orgsCall(mgmt, "CreateOrganizationalUnit", map[string]string{"ParentId": parent, "Name": u.Name}, &created); e != nil {
				return blame(p, e, "name", ".name")
			}
			id = created.OrganizationalUnit.ID
		}
		ids[strings.ToLower(u.Name)] = id
		if err := ap.orgTree(mgmt, p, id, u.Accounts, u.OrganizationalUnits, ids); err != nil {
			return err
		}
	}
	return nil
}

// orgAccount brings account into the organization (invitation accepted by
// the account's root) unless it is already a member, and moves it under
// parent.
func (ap *applier) orgAccount(mgmt, path, account, parent string) error {
	err := ap.t.DB().Update(ap.ctx, func(tx *store.Tx) error {
		_, err := tx.EnsureAccount(account, ap.now())
		return err
	})
	if err != nil {
		return err
	}
	if e := ap.orgsCall(mgmt, "DescribeAccount", map[string]string{"AccountId": account}, nil); e != nil {
		if !e.is("AccountNotFoundException") {
			return blame(path, e)
		}
		var inv struct {
			Handshake struct {
				ID string `json:"Id"`
			}
		}
		in := map[string]any{"Target": map[string]string{"Id": account, "Type": "ACCOUNT"}}
		if e := ap.orgsCall(mgmt, "InviteAccountToOrganization", in, &inv); e != nil {
			return blame(path, e)
		}
		if e := ap.orgsCall(account, "AcceptHandshake", map[string]string{"HandshakeId": inv.Handshake.ID}, nil); e != nil {
			return blame(path, e)
		}
	}
	var parents struct {
		Parents []struct {
			ID string `json:"Id"`
		}
	}
	if e := ap.orgsCall(mgmt, "ListParents", map[string]string{"ChildId": account}, &parents); e != nil || len(parents.Parents) == 0 {
		return blame(path, e)
	}
	if cur := parents.Parents[0].ID; cur != parent {
		in := map[string]string{"AccountId": account, "SourceParentId": cur, "DestinationParentId": parent}
		if e := ap.orgsCall(mgmt, "MoveAccount", in, nil); e != nil {
			return blame(path, e)
		}
	}
	return nil
}

// orgPolicy creates p (or updates the policy of that name and type) and
// attaches it to its targets.
func (ap *applier) orgPolicy(mgmt, path string, p *OrgPolicy, ids map[string]string) error {
	doc, err := p.Document.Text()
	if err != nil {
		return &Error{Path: path + ".document", Message: err.Error()}
	}
	var list struct {
		Policies []struct {
			ID   string `json:"Id"`
			Name string `json:"Name"`
		}
	}
	if e := ap.orgsCall(mgmt, "ListPolicies", map[string]string{"Filter": p.Type}, &list); e != nil {
		return blame(path, e, "type", ".type")
	}
	id := ""
	for _, x := range list.Policies {
		if x.Name == p.Name {
			id = x.ID
		}
	}
	if id == "" {
		var created struct {
			Policy struct {
				PolicySummary struct {
					ID string `json:"Id"`
				}
			}
		}
		in := map[string]string{"Name": p.Name, "Type": p.Type, "Description": p.Description, "Content": doc}
		if e := ap.orgsCall(mgmt, "CreatePolicy", in, &created); e != nil {
			return blame(path, e, "MalformedPolicyDocumentException", ".document", "POLICY_CONTENT", ".document", "maximum size", ".document")
		}
		id = created.Policy.PolicySummary.ID
	} else {
		in := map[string]string{"PolicyId": id, "Description": p.Description, "Content": doc}
		if e := ap.orgsCall(mgmt, "UpdatePolicy", in, nil); e != nil {
			return blame(path, e, "MalformedPolicyDocumentException", ".document", "POLICY_CONTENT", ".document", "maximum size", ".document")
		}
	}
	for i, t := range p.Targets {
		target := ids[strings.ToLower(t)]
		if target == "" {
			target = ids[t]
		}
		if e := ap.orgsCall(mgmt, "AttachPolicy", map[string]string{"PolicyId": id, "TargetId": target}, nil); e != nil && !e.is("DuplicatePolicyAttachmentException") {
			return blame(fmt.Sprintf("%s.targets[%d]", path, i), e)
		}
	}
	return nil
}
