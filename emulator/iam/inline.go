package iam

import (
	"context"
	"sort"

	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

func (h *Handler) putUserPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.putInline(ctx, p, "PutUserPolicy", "UserName")
}

func (h *Handler) putGroupPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.putInline(ctx, p, "PutGroupPolicy", "GroupName")
}

func (h *Handler) putRolePolicy(ctx context.Context, p query.Params) (any, error) {
	return h.putInline(ctx, p, "PutRolePolicy", "RoleName")
}

func (h *Handler) getUserPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.getInline(ctx, p, "GetUserPolicy", "UserName")
}

func (h *Handler) getGroupPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.getInline(ctx, p, "GetGroupPolicy", "GroupName")
}

func (h *Handler) getRolePolicy(ctx context.Context, p query.Params) (any, error) {
	return h.getInline(ctx, p, "GetRolePolicy", "RoleName")
}

func (h *Handler) listUserPolicies(ctx context.Context, p query.Params) (any, error) {
	return h.listInline(ctx, p, "ListUserPolicies", "UserName")
}

func (h *Handler) listGroupPolicies(ctx context.Context, p query.Params) (any, error) {
	return h.listInline(ctx, p, "ListGroupPolicies", "GroupName")
}

func (h *Handler) listRolePolicies(ctx context.Context, p query.Params) (any, error) {
	return h.listInline(ctx, p, "ListRolePolicies", "RoleName")
}

func (h *Handler) deleteUserPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.deleteInline(ctx, p, "DeleteUserPolicy", "UserName")
}

func (h *Handler) deleteGroupPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.deleteInline(ctx, p, "DeleteGroupPolicy", "GroupName")
}

func (h *Handler) deleteRolePolicy(ctx context.Context, p query.Params) (any, error) {
	return h.deleteInline(ctx, p, "DeleteRolePolicy", "RoleName")
}

func noSuchInline(k entityKind, name string) error {
	return noSuchEntity("The %s policy with name %s cannot be found.", k.label, name)
}

// putInline serves Put{User,Group,Role}Policy. The aggregate size of an
// entity's inline policies (white space excluded) is capped: user 2,048,
// group 5,120, role 10,240.
func (h *Handler) putInline(ctx context.Context, p query.Params, action, param string) (any, error) {
	var v validator
	ref := v.entity(ctx, p, param)
	policyName := v.required(p, "PolicyName", 1, 128, patName)
	doc := v.document(p, "PolicyDocument")
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorizeEntity(ctx, action, ref, nil); err != nil {
		return nil, err
	}
	if err := h.checkIdentityPolicy(doc); err != nil {
		return nil, err
	}
	k := ref.kind
	err := h.changeEntity(ctx, ref, func(tx *store.Tx, e *entity) error {
		pol := e.policies()
		size := policySize(doc)
		for n, d := range pol.Inline {
			if n != policyName {
				size += policySize(d)
			}
		}
		if size > k.sizeLimit {
			return limitExceeded("Maximum policy size of %d bytes exceeded for %s %s", k.sizeLimit, k.label, e.name())
		}
		if pol.Inline == nil {
			pol.Inline = map[string]string{}
		}
		// Inline policy names are case-sensitive... but IAM treats a
		// case-variant name as the same policy; keep the stored spelling.
		for n := range pol.Inline {
			if key(n) == key(policyName) && n != policyName {
				delete(pol.Inline, n)
			}
		}
		pol.Inline[policyName] = doc
		return e.save(tx, ref.acct)
	})
	return nil, wrap(action, err)
}

// inlinePolicy reads what Get*Policy and Delete*Policy name, the entity
// and PolicyName, and authorizes action on the entity.
func (h *Handler) inlinePolicy(ctx context.Context, p query.Params, action, param string) (entityRef, string, error) {
	var v validator
	ref := v.entity(ctx, p, param)
	policyName := v.required(p, "PolicyName", 1, 128, patName)
	if err := v.err(); err != nil {
		return ref, "", err
	}
	if err := h.authorizeEntity(ctx, action, ref, nil); err != nil {
		return ref, "", err
	}
	return ref, policyName, nil
}

// findInline returns the stored name and document of inline policy name.
func findInline(pol *store.Policies, name string) (string, string, bool) {
	if d, ok := pol.Inline[name]; ok {
		return name, d, true
	}
	for n, d := range pol.Inline {
		if key(n) == key(name) {
			return n, d, true
		}
	}
	return "", "", false
}

type getInlineResult struct {
	UserName       string `xml:"UserName,omitempty"`
	GroupName      string `xml:"GroupName,omitempty"`
	RoleName       string `xml:"RoleName,omitempty"`
	PolicyName     string `xml:"PolicyName"`
	PolicyDocument string `xml:"PolicyDocument"`
}

// getInline serves Get{User,Group,Role}Policy.
func (h *Handler) getInline(ctx context.Context, p query.Params, action, param string) (any, error) {
	ref, policyName, err := h.inlinePolicy(ctx, p, action, param)
	if err != nil {
		return nil, err
	}
	res := &getInlineResult{}
	err = h.viewEntity(ctx, ref, func(_ *store.Tx, e *entity) error {
		n, d, ok := findInline(e.policies(), policyName)
		if !ok {
			return noSuchInline(ref.kind, policyName)
		}
		res.PolicyName, res.PolicyDocument = n, encodeDocument(d)
		switch ref.kind.storeKind {
		case store.KindUser:
			res.UserName = e.name()
		case store.KindGroup:
			res.GroupName = e.name()
		default:
			res.RoleName = e.name()
		}
		return nil
	})
	if err != nil {
		return nil, wrap(action, err)
	}
	return res, nil
}

type listInlineResult struct {
	PolicyNames members[string] `xml:"PolicyNames"`
	pageInfo
}

// listInline serves List{User,Group,Role}Policies.
func (h *Handler) listInline(ctx context.Context, p query.Params, action, param string) (any, error) {
	var v validator
	ref := v.entity(ctx, p, param)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorizeEntity(ctx, action, ref, nil); err != nil {
		return nil, err
	}
	var names []string
	err := h.viewEntity(ctx, ref, func(_ *store.Tx, e *entity) error {
		for n := range e.policies().Inline {
			names = append(names, n)
		}
		return nil
	})
	if err != nil {
		return nil, wrap(action, err)
	}
	sort.Strings(names)
	pg, more := page(names, func(s string) string { return s }, pp)
	return &listInlineResult{PolicyNames: list(pg), pageInfo: more}, nil
}

// deleteInline serves Delete{User,Group,Role}Policy.
func (h *Handler) deleteInline(ctx context.Context, p query.Params, action, param string) (any, error) {
	ref, policyName, err := h.inlinePolicy(ctx, p, action, param)
	if err != nil {
		return nil, err
	}
	err = h.changeEntity(ctx, ref, func(tx *store.Tx, e *entity) error {
		pol := e.policies()
		n, _, ok := findInline(pol, policyName)
		if !ok {
			return noSuchInline(ref.kind, policyName)
		}
		delete(pol.Inline, n)
		if len(pol.Inline) == 0 {
			pol.Inline = nil
		}
		return e.save(tx, ref.acct)
	})
	return nil, wrap(action, err)
}
