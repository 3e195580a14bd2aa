package iam

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/principals"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

const (
	minSessionDuration = 3600
	maxSessionDuration = 43200
)

func (h *Handler) roleARN(ctx context.Context, acct, name string) string {
	return h.entityARN(ctx, acct, store.KindRole, "role", name)
}

// roleView selects which Role fields a response carries (LocalStack
// tests/aws/services/iam/test_iam_roles.py and
// test_iam_account_authorization_details.py, recorded from AWS Feb 2026).
type roleView int

const (
	// roleCreated is CreateRole's answer: no Description (even one just
	// set: test_list_roles_pagination "create-role-0"),
	// MaxSessionDuration or RoleLastUsed.
	roleCreated roleView = iota
	// roleDescribed is UpdateRoleDescription's: roleCreated with the
	// Description (test_update_role "update-role-description-response").
	roleDescribed
	// roleInProfile is a role in an instance profile's Roles: no
	// Description or Tags either
	// (test_get_account_authorization_details_filter_role
	// "role-filter-result").
	roleInProfile
	roleListed // ListRoles: no tags, boundary or RoleLastUsed
	roleFull   // GetRole and friends
)

// roleXML renders r with trust as its (displayed) trust policy.
func roleXML(r *store.Role, trust string, view roleView) xmlRole {
	x := xmlRole{Path: r.Path, RoleName: r.Name, RoleID: r.ID, ARN: r.ARN, CreateDate: isoTime(r.Created),
		AssumeRolePolicyDocument: encodeDocument(trust)}
	if view != roleCreated && view != roleInProfile {
		x.Description = r.Description
	}
	if view == roleListed || view == roleFull {
		x.MaxSessionDuration = r.MaxSessionDuration
	}
	if view != roleListed {
		x.PermissionsBoundary = boundary(r.Boundary)
	}
	if view != roleListed && view != roleInProfile {
		x.Tags = xmlTags(r.Tags)
	}
	if view == roleFull {
		x.RoleLastUsed = &xmlRoleLastUsed{}
		if r.LastUsed != nil {
			x.RoleLastUsed.LastUsedDate = isoTime(*r.LastUsed)
			x.RoleLastUsed.Region = "us-east-1"
		}
	}
	return x
}

// checkTrustPolicy validates a trust policy document and resolves its
// user/role principals to unique ids.
func (h *Handler) checkTrustPolicy(tx *store.Tx, doc string) (map[string]string, error) {
	if !json.Valid([]byte(doc)) {
		// AWS's answer for a trust policy that is not JSON (a trailing
		// comma): LocalStack tests/aws/services/iam/test_iam.snapshot.json,
		// TestIAMExtensions::test_create_role_with_malformed_assume_role_policy_document.
		// Identity policies that are not JSON get "Syntax errors in policy."
		// (CreatePolicy with a trailing comma, quoted from AWS in
		// aws-samples/amazon-ecs-firelens-examples#50).
		return nil, malformedPolicy(msgInvalidJSON)
	}
	pol, err := h.parse(doc, evaluator.KindTrust)
	if err != nil {
		return nil, policyError(err)
	}
	if err := checkTrustActions(pol.Actions()); err != nil {
		return nil, err
	}
	if policySize(doc) > trustPolicySize {
		return nil, limitExceeded("Cannot exceed quota for ACLSizePerRole: %d", trustPolicySize)
	}
	trusted, err := principals.IDs(tx, pol)
	if err != nil {
		return nil, policyError(err)
	}
	if err := checkFederated(tx, doc); err != nil {
		return nil, err
	}
	return trusted, nil
}

// trustActions are the actions a role trust policy may name: the ways of
// assuming a role and what a session may be given on the way
// (Service Authorization Reference, AWS STS: sts:AssumeRole*,
// sts:TagSession, sts:SetSourceIdentity, sts:SetContext).
var trustActions = []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
	"sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"}

// checkTrustActions refuses a trust policy action that matches none of
// trustActions, as AWS answered UpdateAssumeRolePolicy naming
// "sts:InvalidAction" (LocalStack tests/aws/services/iam/test_iam_roles.py,
// TestRoleLifecycle::test_update_assume_role_policy_errors,
// "invalid-action-error", recorded 11 Feb 2026). A wildcard that matches
// one of them ("sts:*", "*") passes.
func checkTrustActions(actions []string) error {
	for _, a := range actions {
		if !slices.ContainsFunc(trustActions, func(t string) bool { return evaluator.MatchAction(a, t) }) {
			return malformedPolicy("AssumeRole policy may only specify STS AssumeRole actions.")
		}
	}
	return nil
}

type roleResult struct {
	Role xmlRole `xml:"Role"`
}

// createRole serves CreateRole.
func (h *Handler) createRole(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "RoleName", 1, 64, patName)
	path := v.path(p, "Path")
	doc := v.document(p, "AssumeRolePolicyDocument")
	desc := v.description(p)
	maxDur := minSessionDuration
	if p.Has("MaxSessionDuration") {
		n, err := p.Int("MaxSessionDuration", minSessionDuration)
		if err != nil {
			return nil, err
		}
		v.int(n, "maxSessionDuration", minSessionDuration, maxSessionDuration)
		maxDur = n
	}
	bnd, hasBoundary := v.optional(p, "PermissionsBoundary", 20, 2048, "")
	tags, terr := v.tags(p)
	if err := v.errThen(terr); err != nil {
		return nil, err
	}
	acct := account(ctx)
	roleARN := arn(acct, "role", path, name)
	if err := h.authorizeWith(ctx, "CreateRole", roleARN, boundaryKeys(requestTagKeys(nil, tags), bnd)); err != nil {
		return nil, err
	}
	// CreateRole answers with the document as written: an account-id
	// principal comes back bare ("AWS": "111111111111"), as recorded from
	// AWS (LocalStack tests/aws/services/sts/test_sts.snapshot.json,
	// TestSTSIntegrations::test_assume_role, "create-role"). What is stored,
	// and what GetRole shows, has the root ARN (CanonicalPrincipals).
	written := doc
	doc = principals.Canonical(doc)
	r := &store.Role{Name: name, Path: path, ID: ids.Unique(ids.RolePrefix), ARN: roleARN,
		Created: h.clock(), Description: desc, MaxSessionDuration: maxDur, Tags: tags, TrustPolicy: doc}
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// r's trusted ids and boundary afresh, as a second run must.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		r.TrustPrincipalIDs, r.Boundary = nil, ""
		trusted, err := h.checkTrustPolicy(tx, doc)
		if err != nil {
			return err
		}
		r.TrustPrincipalIDs = trusted
		if tx.Exists(acct, store.KindRole, key(name)) {
			return entityExists("Role with name %s already exists.", name)
		}
		if err := checkAccountQuota(tx, acct, store.KindRole); err != nil {
			return err
		}
		if hasBoundary {
			if err := h.useBoundary(tx, acct, bnd, ""); err != nil {
				return err
			}
			r.Boundary = bnd
		}
		return saveRole(tx, acct, r)
	})
	if err != nil {
		return nil, wrap("create role", err)
	}
	return &roleResult{Role: roleXML(r, written, roleCreated)}, nil
}

// loadRoleView loads a role and renders it as view shows it.
func (h *Handler) loadRoleView(ctx context.Context, acct, name string, view roleView) (*roleResult, error) {
	var res *roleResult
	err := h.db.View(ctx, func(tx *store.Tx) error {
		r, err := loadRole(tx, acct, name)
		if err != nil {
			return err
		}
		trust, err := principals.TrustPolicy(tx, r)
		if err != nil {
			return err
		}
		res = &roleResult{Role: roleXML(r, trust, view)}
		return nil
	})
	return res, err
}

// getRole serves GetRole. Trust policy principals deleted since the policy
// was set show as the unique id they had, as on AWS.
func (h *Handler) getRole(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "RoleName", 1, 64, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "GetRole", h.roleARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	res, err := h.loadRoleView(ctx, acct, name, roleFull)
	if err != nil {
		return nil, wrap("get role", err)
	}
	return res, nil
}

type listRolesResult struct {
	Roles members[xmlRole] `xml:"Roles"`
	pageInfo
}

// listRoles serves ListRoles.
func (h *Handler) listRoles(ctx context.Context, p query.Params) (any, error) {
	roles, more, err := listByPath(ctx, h, p, "ListRoles", rolesByPath, func(tx *store.Tx, r *store.Role) (xmlRole, error) {
		trust, err := principals.TrustPolicy(tx, r)
		return roleXML(r, trust, roleListed), err
	})
	if err != nil {
		return nil, err
	}
	return &listRolesResult{Roles: list(roles), pageInfo: more}, nil
}

// updateRole serves UpdateRole (Description, MaxSessionDuration).
func (h *Handler) updateRole(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "RoleName", 1, 64, patName)
	desc, hasDesc := v.optional(p, "Description", 0, 1000, patDescription)
	maxDur, hasDur := 0, p.Has("MaxSessionDuration")
	if hasDur {
		n, err := p.Int("MaxSessionDuration", 0)
		if err != nil {
			return nil, err
		}
		v.int(n, "maxSessionDuration", minSessionDuration, maxSessionDuration)
		maxDur = n
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "UpdateRole", h.roleARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		load := loadChangeableRole
		if !hasDur {
			load = loadDescribableRole
		}
		r, err := load(tx, acct, name)
		if err != nil {
			return err
		}
		if hasDesc {
			r.Description = desc
		}
		if hasDur {
			r.MaxSessionDuration = maxDur
		}
		return saveRole(tx, acct, r)
	})
	if err != nil {
		return nil, wrap("update role", err)
	}
	// UpdateRole's response has an empty <UpdateRoleResult/> (its output
	// shape is wrapped, unlike other Update* actions); SDKs fail without it.
	return &updateRoleResult{}, nil
}

// updateRoleResult is UpdateRole's empty result element.
type updateRoleResult struct{}

// updateRoleDescription serves UpdateRoleDescription.
func (h *Handler) updateRoleDescription(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "RoleName", 1, 64, patName)
	desc := v.required(p, "Description", 0, 1000, patDescription)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "UpdateRoleDescription", h.roleARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		r, err := loadDescribableRole(tx, acct, name)
		if err != nil {
			return err
		}
		r.Description = desc
		return saveRole(tx, acct, r)
	})
	if err != nil {
		return nil, wrap("update role description", err)
	}
	res, err := h.loadRoleView(ctx, acct, name, roleDescribed)
	if err != nil {
		return nil, wrap("update role description", err)
	}
	return res, nil
}

// updateAssumeRolePolicy serves UpdateAssumeRolePolicy.
func (h *Handler) updateAssumeRolePolicy(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "RoleName", 1, 64, patName)
	doc := v.document(p, "PolicyDocument")
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "UpdateAssumeRolePolicy", h.roleARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads doc, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		trusted, err := h.checkTrustPolicy(tx, doc)
		if err != nil {
			return err
		}
		r, err := loadChangeableRole(tx, acct, name)
		if err != nil {
			return err
		}
		r.TrustPolicy, r.TrustPrincipalIDs = principals.Canonical(doc), trusted
		return saveRole(tx, acct, r)
	})
	return nil, wrap("update assume role policy", err)
}

// deleteRole serves DeleteRole: the role must have no attached or inline
// policies and be in no instance profile.
func (h *Handler) deleteRole(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "RoleName", 1, 64, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "DeleteRole", h.roleARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	var id string
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		r, err := loadChangeableRole(tx, acct, name)
		if err != nil {
			return err
		}
		switch {
		case len(r.Attached) > 0:
			return deleteConflict(msgDetachPolicies)
		case len(r.Inline) > 0:
			return deleteConflict(msgDeletePolicies)
		}
		inProfile := false
		if err := store.Each(tx, acct, store.KindInstanceProfile, func(ip *store.InstanceProfile) error {
			inProfile = inProfile || containsFold(ip.Roles, r.Name)
			return nil
		}); err != nil {
			return err
		}
		if inProfile {
			return deleteConflict(msgRemoveRoles)
		}
		if r.Boundary != "" {
			if err := h.releaseBoundary(tx, r.Boundary); err != nil {
				return err
			}
		}
		if err := tx.DeleteServiceAccess(acct, r.ID); err != nil {
			return err
		}
		id = r.ID
		return tx.Delete(acct, store.KindRole, key(r.Name))
	})
	if err == nil {
		h.authz.ForgetAccessEntity(id)
	}
	return nil, wrap("delete role", err)
}

func (h *Handler) putRolePermissionsBoundary(ctx context.Context, p query.Params) (any, error) {
	return h.setBoundary(ctx, p, "PutRolePermissionsBoundary", "RoleName", true)
}

func (h *Handler) deleteRolePermissionsBoundary(ctx context.Context, p query.Params) (any, error) {
	return h.setBoundary(ctx, p, "DeleteRolePermissionsBoundary", "RoleName", false)
}
