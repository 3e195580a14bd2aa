package iam

import (
	"context"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// authorizeWith is authorize with service condition keys (iam:PolicyARN,
// iam:PermissionsBoundary).
func (h *Handler) authorizeWith(ctx context.Context, action, resource string, keys map[string][]string) error {
	if h.authz == nil {
		return nil
	}
	return h.authz.Authorize(ctx, authz.Check{Action: "iam:" + action, Resource: resource, Context: keys})
}

func (h *Handler) attachUserPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.attach(ctx, p, "AttachUserPolicy", "UserName")
}

func (h *Handler) attachGroupPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.attach(ctx, p, "AttachGroupPolicy", "GroupName")
}

func (h *Handler) attachRolePolicy(ctx context.Context, p query.Params) (any, error) {
	return h.attach(ctx, p, "AttachRolePolicy", "RoleName")
}

func (h *Handler) detachUserPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.detach(ctx, p, "DetachUserPolicy", "UserName")
}

func (h *Handler) detachGroupPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.detach(ctx, p, "DetachGroupPolicy", "GroupName")
}

func (h *Handler) detachRolePolicy(ctx context.Context, p query.Params) (any, error) {
	return h.detach(ctx, p, "DetachRolePolicy", "RoleName")
}

func (h *Handler) listAttachedUserPolicies(ctx context.Context, p query.Params) (any, error) {
	return h.listAttached(ctx, p, "ListAttachedUserPolicies", "UserName")
}

func (h *Handler) listAttachedGroupPolicies(ctx context.Context, p query.Params) (any, error) {
	return h.listAttached(ctx, p, "ListAttachedGroupPolicies", "GroupName")
}

func (h *Handler) listAttachedRolePolicies(ctx context.Context, p query.Params) (any, error) {
	return h.listAttached(ctx, p, "ListAttachedRolePolicies", "RoleName")
}

// attach serves Attach{User,Group,Role}Policy.
func (h *Handler) attach(ctx context.Context, p query.Params, action, param string) (any, error) {
	k := kindOf(param)
	var v validator
	name := v.required(p, param, 1, nameLimit(k), patName)
	policyARN := v.arnParam(p, "PolicyArn")
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorizeWith(ctx, action, h.entityARN(ctx, acct, k.storeKind, k.arnKind, name),
		map[string][]string{"iam:PolicyARN": {policyARN}}); err != nil {
		return nil, err
	}
	if !validPolicyARN(policyARN) {
		return nil, invalidInput("ARN %s is not valid.", policyARN)
	}
	err := h.db.Update(ctx, func(tx *store.Tx) error {
		e, err := loadEntity(tx, acct, k, name)
		if err != nil {
			return err
		}
		r, err := h.lookupPolicy(tx, policyARN)
		if err != nil || (r.customer != nil && !strings.HasPrefix(r.customer.ARN, "arn:aws:iam::"+acct+":")) {
			if err != nil && !isNoSuchEntity(err) {
				return err
			}
			return noSuchEntity("Policy %s does not exist or is not attachable.", policyARN)
		}
		pol := e.policies()
		if containsFold(pol.Attached, policyARN) {
			return nil // attaching twice changes nothing
		}
		if len(pol.Attached) >= maxAttached {
			return limitExceeded("Cannot exceed quota for %s: %d", k.quota, maxAttached)
		}
		pol.Attached = append(pol.Attached, r.arn())
		if r.customer != nil {
			r.customer.Attachments++
			if err := savePolicy(tx, r.customer); err != nil {
				return err
			}
		}
		return e.save(tx, acct)
	})
	return nil, wrap(action, err)
}

// detach serves Detach{User,Group,Role}Policy.
func (h *Handler) detach(ctx context.Context, p query.Params, action, param string) (any, error) {
	k := kindOf(param)
	var v validator
	name := v.required(p, param, 1, nameLimit(k), patName)
	policyARN := v.arnParam(p, "PolicyArn")
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorizeWith(ctx, action, h.entityARN(ctx, acct, k.storeKind, k.arnKind, name),
		map[string][]string{"iam:PolicyARN": {policyARN}}); err != nil {
		return nil, err
	}
	if !validPolicyARN(policyARN) {
		return nil, invalidInput("ARN %s is not valid.", policyARN)
	}
	err := h.db.Update(ctx, func(tx *store.Tx) error {
		e, err := loadEntity(tx, acct, k, name)
		if err != nil {
			return err
		}
		pol := e.policies()
		i := indexFold(pol.Attached, policyARN)
		if i < 0 {
			return noSuchPolicy(policyARN)
		}
		pol.Attached = append(pol.Attached[:i], pol.Attached[i+1:]...)
		if r, err := h.lookupPolicy(tx, policyARN); err == nil && r.customer != nil {
			if r.customer.Attachments > 0 {
				r.customer.Attachments--
			}
			if err := savePolicy(tx, r.customer); err != nil {
				return err
			}
		}
		return e.save(tx, acct)
	})
	return nil, wrap(action, err)
}

type listAttachedResult struct {
	AttachedPolicies members[xmlAttachedPolicy] `xml:"AttachedPolicies"`
	pageInfo
}

// listAttached serves ListAttached{User,Group,Role}Policies.
func (h *Handler) listAttached(ctx context.Context, p query.Params, action, param string) (any, error) {
	k := kindOf(param)
	var v validator
	name := v.required(p, param, 1, nameLimit(k), patName)
	prefix := v.pathPrefix(p)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, action, h.entityARN(ctx, acct, k.storeKind, k.arnKind, name)); err != nil {
		return nil, err
	}
	var items []xmlAttachedPolicy
	err := h.db.View(ctx, func(tx *store.Tx) error {
		e, err := loadEntity(tx, acct, k, name)
		if err != nil {
			return err
		}
		for _, a := range e.policies().Attached {
			name, path := policyNamePath(a)
			if pathPrefixMatch(path, prefix) {
				items = append(items, xmlAttachedPolicy{PolicyName: name, PolicyARN: a})
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrap(action, err)
	}
	pg, more := page(items, func(x xmlAttachedPolicy) string { return strings.ToLower(x.PolicyName) + "\x00" + x.PolicyARN }, pp)
	return &listAttachedResult{AttachedPolicies: list(pg), pageInfo: more}, nil
}

// policyNamePath splits a managed policy ARN into its name and path.
func policyNamePath(policyARN string) (name, path string) {
	_, res, _ := strings.Cut(policyARN, ":policy")
	i := strings.LastIndexByte(res, '/')
	if i < 0 {
		return res, "/"
	}
	return res[i+1:], res[:i+1]
}
