package organizations

import (
	"context"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// This file decides which accounts may call an operation at all, before
// IAM decides for the principal: the management account calls every
// operation; a member account only what AWS lets it
// ("Reference: API operations by account", Organizations API Reference):
//
//   - a delegated administrator for any AWS service
//     (RegisterDelegatedAdministrator) calls the read-only operations,
//     "It grants read-only access to AWS Organizations service data",
//     with its own IAM permissions;
//   - an account the organization's resource-based delegation policy
//     (PutResourcePolicy) names calls the read-only operations and the
//     policy management ones ("Delegated administrator for AWS
//     Organizations", Organizations User Guide), when both its IAM
//     policies and the delegation policy allow it, as for any
//     cross-account request.
//
// Anything else is AccessDeniedException, as before.

// readOnlyOps are the operations "you can call from the management account
// or a member account that is a delegated administrator" (API reference's
// list by account; DescribeOrganization, which any member may call, is
// served apart).
var readOnlyOps = map[string]bool{
	"DescribeAccount": true, "DescribeCreateAccountStatus": true, "DescribeHandshake": true,
	"DescribeOrganizationalUnit": true, "DescribePolicy": true, "DescribeResourcePolicy": true,
	"ListAWSServiceAccessForOrganization": true, "ListAccounts": true, "ListAccountsForParent": true,
	"ListChildren": true, "ListCreateAccountStatus": true, "ListDelegatedAdministrators": true,
	"ListDelegatedServicesForAccount": true, "ListHandshakesForOrganization": true,
	"ListOrganizationalUnitsForParent": true, "ListParents": true, "ListPolicies": true,
	"ListPoliciesForTarget": true, "ListRoots": true, "ListTagsForResource": true,
	"ListTargetsForPolicy": true,
}

// policyManagementOps are the write operations a delegation policy can
// delegate: creating, updating, deleting, attaching, detaching and tagging
// policies (the User Guide's "Resource-based policy examples for AWS
// Organizations"). Everything else stays with the management account.
var policyManagementOps = map[string]bool{
	"CreatePolicy": true, "UpdatePolicy": true, "DeletePolicy": true,
	"AttachPolicy": true, "DetachPolicy": true, "TagResource": true, "UntagResource": true,
}

// Grants: how an account is let in to an operation (see grantOf).
const (
	grantManagement = "management"
	grantAdmin      = "delegated administrator"
)

// grantOf says how account may call operation name in o: grantManagement,
// grantAdmin, the delegation policy's id and text (so a change to the
// policy is a change of grant), or "" when it may not.
func grantOf(o *store.Organization, account, name string) string {
	switch {
	case account == o.ManagementAccount:
		return grantManagement
	case o.Accounts[account] == nil || o.Accounts[account].State != "":
		// Not a member, or a closed one.
		return ""
	case readOnlyOps[name] && len(o.DelegatedAdmins[account]) > 0:
		return grantAdmin
	case (readOnlyOps[name] || policyManagementOps[name]) && o.ResourcePolicy != nil:
		return "policy " + o.ResourcePolicy.ID + " " + o.ResourcePolicy.Content
	}
	return ""
}

// admit checks the caller's account may call operation name in o
// (grantOf) and that authz allows it organizations:<name> on resource,
// through the delegation policy for a member it lets in. It returns the
// grant, which manage checks again in its write transaction.
func (h *Handler) admit(ctx context.Context, c *call, name string, o *store.Organization, resource string) (string, error) {
	g := grantOf(o, c.caller.Account, name)
	switch g {
	case "":
		return "", errAccessDenied()
	case grantManagement, grantAdmin:
		return g, h.authorizeIn(ctx, c, name, o, resource)
	}
	pol, err := h.authz.Parse(o.ResourcePolicy.Content, evaluator.KindResource)
	if err != nil {
		// Fail closed: a stored delegation policy that no longer parses
		// lets no member in.
		h.logger.Error("delegation policy does not parse; denying", "organization", o.ID, "err", err)
		return "", errAccessDenied()
	}
	np := &evaluator.NamedPolicy{Name: "resource policy " + o.ResourcePolicy.ID, Policy: pol}
	return g, h.authorizeWith(ctx, c, name, o, resource, np)
}

// authorizeWith is authorizeIn for a member account the delegation policy
// names: each resource is the management account's, with the delegation
// policy as its resource policy, so both the caller's IAM policies and the
// delegation policy must allow (and SCPs, which apply to members).
func (h *Handler) authorizeWith(ctx context.Context, c *call, name string, o *store.Organization, resource string, np *evaluator.NamedPolicy) error {
	return h.authorizeEach(ctx, c, name, o, resource, authz.Check{ResourceAccount: o.ManagementAccount,
		ResourcePolicy: np, ResourceKind: evaluator.KindResource})
}
