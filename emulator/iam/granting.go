package iam

import (
	"context"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// patServiceNamespace is serviceNamespaceType's pattern (botocore iam model).
const patServiceNamespace = `[\w-]*`

// maxServiceNamespaces is the most ServiceNamespaces one
// ListPoliciesGrantingServiceAccess call takes (serviceNamespaceListType:
// 1 to 200 members).
const maxServiceNamespaces = 200

type listPoliciesGrantingServiceAccessResult struct {
	Entries members[xmlGrantingEntry] `xml:"PoliciesGrantingServiceAccess"`
	pageInfo
}

type xmlGrantingEntry struct {
	ServiceNamespace string                         `xml:"ServiceNamespace"`
	Policies         members[xmlGrantingPolicyItem] `xml:"Policies"`
}

type xmlGrantingPolicyItem struct {
	PolicyName string `xml:"PolicyName"`
	PolicyType string `xml:"PolicyType"`
	PolicyARN  string `xml:"PolicyArn,omitempty"`
	EntityType string `xml:"EntityType,omitempty"`
	EntityName string `xml:"EntityName,omitempty"`
}

// identity is the IAM user, group or role an ARN parameter names, with
// the permissions policies its last accessed data is judged by.
type identity struct {
	kind     string // "user", "group" or "role"
	arn      string
	name     string
	id       string
	path     string
	policies []authz.PrincipalPolicy
}

// loadIdentity reads the user, group or role arn names in acct, and its
// permissions policies: a user's own and its groups', a group's or a
// role's own (API_ListPoliciesGrantingServiceAccess.html). Permissions
// boundaries are left out: "Policies that are attached to users and roles
// as permissions boundaries are not returned."
func (h *Handler) loadIdentity(tx *store.Tx, acct, arn string) (*identity, error) {
	rest, ok := strings.CutPrefix(arn, arns.IAM(acct, ""))
	kind, _, _ := strings.Cut(rest, "/")
	if !ok || !strings.Contains(rest, "/") || (kind != "user" && kind != "group" && kind != "role") {
		return nil, invalidInput("Invalid ARN %s.", arn)
	}
	name := rest[strings.LastIndexByte(rest, '/')+1:]
	id := &identity{kind: kind, name: name}
	var p store.Policies
	var err error
	switch kind {
	case "user":
		var u *store.User
		if u, err = loadUser(tx, acct, name); err == nil {
			id.arn, id.id, id.path = u.ARN, u.ID, u.Path
			id.policies, err = authz.UserPolicies(tx, h.managed, acct, u)
		}
	case "group":
		var g *store.Group
		if g, err = loadGroup(tx, acct, name); err == nil {
			id.arn, id.id, id.path, p = g.ARN, g.ID, g.Path, g.Policies
			id.policies, err = authz.EntityPolicies(tx, h.managed, "group", g.Name, p)
		}
	case "role":
		var r *store.Role
		if r, err = loadRole(tx, acct, name); err == nil {
			id.arn, id.id, id.path, p = r.ARN, r.ID, r.Path, r.Policies
			id.policies, err = authz.EntityPolicies(tx, h.managed, "role", r.Name, p)
		}
	}
	if err != nil {
		return nil, err
	}
	if id.arn != arn {
		// the name exists under another path
		return nil, noSuchEntity("The %s with name %s cannot be found.", kind, name)
	}
	return id, nil
}

// grantingPolicies returns the permissions policies of list (boundaries
// and managed policies deleted since left out) with the parsed policy the
// authorizer decides with, each managed policy once.
func (h *Handler) grantingPolicies(list []authz.PrincipalPolicy) []grantingPolicy {
	var out []grantingPolicy
	seen := map[string]bool{}
	for _, pp := range list {
		if pp.Kind != evaluator.KindIdentity || (pp.ARN != "" && seen[pp.ARN]) {
			continue
		}
		np, ok := h.authz.Gathered(pp, pp.Name)
		if !ok {
			continue
		}
		if pp.ARN != "" {
			seen[pp.ARN] = true
		}
		out = append(out, grantingPolicy{PrincipalPolicy: pp, policy: np.Policy})
	}
	return out
}

// grantingPolicy is one permissions policy and its parsed form.
type grantingPolicy struct {
	authz.PrincipalPolicy
	policy *evaluator.Policy
}

// item is the policy as ListPoliciesGrantingServiceAccess lists it: a
// managed policy by name and ARN, an inline one by name and the entity
// that holds it.
func (g grantingPolicy) item() xmlGrantingPolicyItem {
	if g.ARN != "" {
		return xmlGrantingPolicyItem{PolicyName: g.ARN[strings.LastIndexByte(g.ARN, '/')+1:], PolicyType: "MANAGED", PolicyARN: g.ARN}
	}
	return xmlGrantingPolicyItem{PolicyName: g.Name, PolicyType: "INLINE", EntityType: strings.ToUpper(g.OwnerType), EntityName: g.Owner}
}

// listPoliciesGrantingServiceAccess serves ListPoliciesGrantingServiceAccess:
// for each namespace asked, in the order asked, the permissions policies of
// the user (with its groups), group or role that allow some action of that
// service (evaluator.Policy.AllowsService). Every answer fits one page.
func (h *Handler) listPoliciesGrantingServiceAccess(ctx context.Context, p query.Params) (any, error) {
	var v validator
	arn := v.arnParam(p, "Arn")
	namespaces := v.serviceNamespaces(p)
	v.optional(p, "Marker", 1, 320, patMarker)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "ListPoliciesGrantingServiceAccess", arn); err != nil {
		return nil, err
	}
	var id *identity
	err := h.db.View(ctx, func(tx *store.Tx) (err error) {
		id, err = h.loadIdentity(tx, account(ctx), arn)
		return err
	})
	if err != nil {
		return nil, wrap("list policies granting service access", err)
	}
	policies := h.grantingPolicies(id.policies)
	res := &listPoliciesGrantingServiceAccessResult{}
	for _, ns := range namespaces {
		entry := xmlGrantingEntry{ServiceNamespace: ns}
		for _, g := range policies {
			if g.policy.AllowsService(ns) {
				entry.Policies.Member = append(entry.Policies.Member, g.item())
			}
		}
		res.Entries.Member = append(res.Entries.Member, entry)
	}
	return res, nil
}

// serviceNamespaces reads the required ServiceNamespaces list: 1 to 200
// namespaces of 1 to 64 characters of [\w-].
func (v *validator) serviceNamespaces(p query.Params) []string {
	list := p.List("ServiceNamespaces.member", "")
	if len(list) == 0 {
		v.errs = append(v.errs, "Value null at 'serviceNamespaces' failed to satisfy constraint: Member must not be null")
		return nil
	}
	if len(list) > maxServiceNamespaces {
		v.fail("["+strings.Join(list, ", ")+"]", "serviceNamespaces", "have length less than or equal to 200")
	}
	for i, ns := range list {
		v.str(ns, "serviceNamespaces."+itoa(i+1)+".member", 1, 64, patServiceNamespace)
	}
	return list
}
