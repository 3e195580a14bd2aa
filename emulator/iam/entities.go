package iam

import (
	"context"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// entityKind describes users, groups and roles for the actions they share
// (tags, boundaries, attached and inline policies).
type entityKind struct {
	param     string // "UserName"
	storeKind string // store.KindUser
	arnKind   string // "user"
	label     string // "user" in messages
	quota     string // "PoliciesPerUser"
	sizeLimit int    // aggregate inline policy size
}

func kindOf(param string) entityKind {
	switch param {
	case "GroupName":
		return entityKind{param, store.KindGroup, "group", "group", "PoliciesPerGroup", 5120}
	case "RoleName":
		return entityKind{param, store.KindRole, "role", "role", "PoliciesPerRole", 10240}
	}
	return entityKind{"UserName", store.KindUser, "user", "user", "PoliciesPerUser", 2048}
}

// entity is a loaded user, group or role.
type entity struct {
	kind  entityKind
	user  *store.User
	group *store.Group
	role  *store.Role
}

func (e *entity) policies() *store.Policies {
	switch {
	case e.user != nil:
		return &e.user.Policies
	case e.group != nil:
		return &e.group.Policies
	}
	return &e.role.Policies
}

func (e *entity) tags() *[]store.Tag {
	switch {
	case e.user != nil:
		return &e.user.Tags
	case e.role != nil:
		return &e.role.Tags
	}
	return nil
}

func (e *entity) name() string {
	switch {
	case e.user != nil:
		return e.user.Name
	case e.group != nil:
		return e.group.Name
	}
	return e.role.Name
}

func (e *entity) save(tx *store.Tx, acct string) error {
	switch {
	case e.user != nil:
		return saveUser(tx, acct, e.user)
	case e.group != nil:
		return saveGroup(tx, acct, e.group)
	}
	return saveRole(tx, acct, e.role)
}

func loadEntity(tx *store.Tx, acct string, k entityKind, name string) (*entity, error) {
	e := &entity{kind: k}
	var err error
	switch k.storeKind {
	case store.KindUser:
		e.user, err = loadUser(tx, acct, name)
	case store.KindGroup:
		e.group, err = loadGroup(tx, acct, name)
	default:
		e.role, err = loadRole(tx, acct, name)
	}
	return e, err
}

// nameLimit is the longest name accepted when naming an existing entity.
func nameLimit(k entityKind) int {
	if k.storeKind == store.KindRole {
		return 64
	}
	return 128
}

// tagEntity serves TagUser and TagRole.
func (h *Handler) tagEntity(ctx context.Context, p query.Params, action, param string, _ int) (any, error) {
	k := kindOf(param)
	var v validator
	name := v.required(p, param, 1, nameLimit(k), patName)
	if !p.Has("Tags.member.1") && len(p.Pairs("Tags.member", "Key", "Value")) == 0 {
		v.errs = append(v.errs, "Value null at 'tags' failed to satisfy constraint: Member must not be null")
	}
	tags, terr := v.tags(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	if terr != nil {
		return nil, terr
	}
	acct := account(ctx)
	if err := h.authorize(ctx, action, h.entityARN(ctx, acct, k.storeKind, k.arnKind, name)); err != nil {
		return nil, err
	}
	err := h.db.Update(ctx, func(tx *store.Tx) error {
		e, err := loadEntity(tx, acct, k, name)
		if err != nil {
			return err
		}
		t := e.tags()
		merged, err := mergeTags(*t, tags, k.label)
		if err != nil {
			return err
		}
		*t = merged
		return e.save(tx, acct)
	})
	return nil, wrap(action, err)
}

// untagEntity serves UntagUser and UntagRole.
func (h *Handler) untagEntity(ctx context.Context, p query.Params, action, param string, _ int) (any, error) {
	k := kindOf(param)
	var v validator
	name := v.required(p, param, 1, nameLimit(k), patName)
	keys := v.tagKeys(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, action, h.entityARN(ctx, acct, k.storeKind, k.arnKind, name)); err != nil {
		return nil, err
	}
	err := h.db.Update(ctx, func(tx *store.Tx) error {
		e, err := loadEntity(tx, acct, k, name)
		if err != nil {
			return err
		}
		t := e.tags()
		*t = removeTags(*t, keys)
		return e.save(tx, acct)
	})
	return nil, wrap(action, err)
}

// listEntityTags serves ListUserTags and ListRoleTags.
func (h *Handler) listEntityTags(ctx context.Context, p query.Params, action, param string, _ int) (any, error) {
	k := kindOf(param)
	var v validator
	name := v.required(p, param, 1, nameLimit(k), patName)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, action, h.entityARN(ctx, acct, k.storeKind, k.arnKind, name)); err != nil {
		return nil, err
	}
	var tags []store.Tag
	err := h.db.View(ctx, func(tx *store.Tx) error {
		e, err := loadEntity(tx, acct, k, name)
		if err != nil {
			return err
		}
		tags = *e.tags()
		return nil
	})
	if err != nil {
		return nil, wrap(action, err)
	}
	return tagsPage(tags, pp), nil
}

// setBoundary serves Put/Delete{User,Role}PermissionsBoundary.
func (h *Handler) setBoundary(ctx context.Context, p query.Params, action, param string, put bool) (any, error) {
	k := kindOf(param)
	var v validator
	name := v.required(p, param, 1, nameLimit(k), patName)
	var bnd string
	if put {
		bnd = v.arnParam(p, "PermissionsBoundary")
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, action, h.entityARN(ctx, acct, k.storeKind, k.arnKind, name)); err != nil {
		return nil, err
	}
	err := h.db.Update(ctx, func(tx *store.Tx) error {
		e, err := loadEntity(tx, acct, k, name)
		if err != nil {
			return err
		}
		pol := e.policies()
		if put {
			if err := h.useBoundary(tx, acct, bnd, pol.Boundary); err != nil {
				return err
			}
			pol.Boundary = bnd
		} else {
			if pol.Boundary != "" {
				if err := h.releaseBoundary(tx, pol.Boundary); err != nil {
					return err
				}
			}
			pol.Boundary = ""
		}
		return e.save(tx, acct)
	})
	return nil, wrap(action, err)
}

// useBoundary checks that policyARN is a managed policy usable as a
// permissions boundary and counts the use, releasing old.
func (h *Handler) useBoundary(tx *store.Tx, acct, policyARN, old string) error {
	if !validPolicyARN(policyARN) {
		return invalidInput("ARN %s is not valid.", policyARN)
	}
	if strings.EqualFold(policyARN, old) {
		return nil
	}
	mp, err := h.lookupPolicy(tx, policyARN)
	if err != nil {
		if e, ok := awserr.As(err); ok && e.Code == codeNoSuchEntity {
			return noSuchEntity("Scope ARN: %s does not exist or is not attachable.", policyARN)
		}
		return err
	}
	if old != "" {
		if err := h.releaseBoundary(tx, old); err != nil {
			return err
		}
	}
	if mp.customer != nil {
		mp.customer.BoundaryUses++
		return savePolicy(tx, mp.customer)
	}
	return nil
}

// releaseBoundary uncounts a permissions boundary use.
func (h *Handler) releaseBoundary(tx *store.Tx, policyARN string) error {
	mp, err := h.lookupPolicy(tx, policyARN)
	if err != nil || mp.customer == nil {
		return nil // gone or AWS managed: nothing counted
	}
	if mp.customer.BoundaryUses > 0 {
		mp.customer.BoundaryUses--
	}
	return savePolicy(tx, mp.customer)
}
