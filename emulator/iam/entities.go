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

// policyTarget reads param like entity, for the actions on managed policies
// and permissions boundaries (Attach/DetachUserPolicy,
// ListAttachedUserPolicies, Put/DeleteUserPermissionsBoundary): botocore's
// iam model gives their UserName userNameType, at most 64 characters, where
// the other actions naming an existing user take existingUserNameType (128).
func (v *validator) policyTarget(ctx context.Context, p query.Params, param string) entityRef {
	if param != "UserName" {
		return v.entity(ctx, p, param)
	}
	return entityRef{kind: kindOf(param), acct: account(ctx), name: v.required(p, param, 1, 64, patName)}
}

// entityRef is the user, group or role an action's parameters name.
type entityRef struct {
	kind       entityKind
	acct, name string
}

// entity reads param (UserName, GroupName or RoleName), which names an
// existing entity of the caller's account.
func (v *validator) entity(ctx context.Context, p query.Params, param string) entityRef {
	k := kindOf(param)
	return entityRef{kind: k, acct: account(ctx), name: v.required(p, param, 1, nameLimit(k), patName)}
}

// authorizeEntity authorizes action on ref's ARN, with service condition
// keys (nil for none).
func (h *Handler) authorizeEntity(ctx context.Context, action string, ref entityRef, keys map[string][]string) error {
	return h.authorizeWith(ctx, action, h.entityARN(ctx, ref.acct, ref.kind.storeKind, ref.kind.arnKind, ref.name), keys)
}

// viewEntity loads ref and runs fn on it in a read transaction.
func (h *Handler) viewEntity(ctx context.Context, ref entityRef, fn func(*store.Tx, *entity) error) error {
	return h.db.View(ctx, func(tx *store.Tx) error {
		e, err := loadEntity(tx, ref.acct, ref.kind, ref.name)
		if err != nil {
			return err
		}
		return fn(tx, e)
	})
}

// updateEntity loads ref and runs fn on it in an update transaction; fn
// saves what it changes.
func (h *Handler) updateEntity(ctx context.Context, ref entityRef, fn func(*store.Tx, *entity) error) error {
	// Shares a commit with concurrent writes (store.DB.Batch); fn gets
	// the entity as this run reads it, as a second run must.
	return h.db.Batch(ctx, func(tx *store.Tx) error {
		e, err := loadEntity(tx, ref.acct, ref.kind, ref.name)
		if err != nil {
			return err
		}
		return fn(tx, e)
	})
}

// changeEntity is updateEntity for the actions AWS refuses on protected
// roles (service-linked and /aws-reserved/ roles): UnmodifiableEntity.
func (h *Handler) changeEntity(ctx context.Context, ref entityRef, fn func(*store.Tx, *entity) error) error {
	return h.updateEntity(ctx, ref, func(tx *store.Tx, e *entity) error {
		if e.role != nil && isProtectedRole(e.role) {
			return unmodifiableRole(e.role.Name)
		}
		return fn(tx, e)
	})
}

// entityTags is the tag target of TagUser/TagRole and friends.
func (h *Handler) entityTags(param string) tagTarget {
	return tagTarget{
		param: func(ctx context.Context, v *validator, p query.Params) string {
			return v.entity(ctx, p, param).name
		},
		// An explicitly empty list (Tags.member.1 with no Key) passes.
		tagsNull: func(p query.Params) bool {
			return !p.Has("Tags.member.1") && len(p.Pairs("Tags.member", "Key", "Value")) == 0
		},
		tags: func(ctx context.Context, action, name string, keys map[string][]string, change func(*[]store.Tag) error) ([]store.Tag, error) {
			ref := entityRef{kind: kindOf(param), acct: account(ctx), name: name}
			if err := h.authorizeEntity(ctx, action, ref, keys); err != nil {
				return nil, err
			}
			var tags []store.Tag
			var err error
			if change == nil {
				err = h.viewEntity(ctx, ref, func(_ *store.Tx, e *entity) error {
					tags = *e.tags()
					return nil
				})
			} else {
				err = h.updateEntity(ctx, ref, func(tx *store.Tx, e *entity) error {
					if err := change(e.tags()); err != nil {
						return err
					}
					return e.save(tx, ref.acct)
				})
			}
			if err != nil {
				return nil, wrap(action, err)
			}
			return tags, nil
		},
	}
}

// setBoundary serves Put/Delete{User,Role}PermissionsBoundary.
func (h *Handler) setBoundary(ctx context.Context, p query.Params, action, param string, put bool) (any, error) {
	var v validator
	ref := v.policyTarget(ctx, p, param)
	var bnd string
	if put {
		bnd = v.arnParam(p, "PermissionsBoundary")
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	var keys map[string][]string
	if put {
		// The boundary being set is iam:PermissionsBoundary, the one key
		// the Service Authorization Reference lists for
		// Put*PermissionsBoundary (iam:PolicyARN is Attach*/Detach*'s:
		// a condition on it fails here, as on AWS).
		keys = map[string][]string{"iam:PermissionsBoundary": {bnd}}
	}
	if err := h.authorizeEntity(ctx, action, ref, keys); err != nil {
		return nil, err
	}
	err := h.changeEntity(ctx, ref, func(tx *store.Tx, e *entity) error {
		pol := e.policies()
		if put {
			if err := h.useBoundary(tx, ref.acct, bnd, pol.Boundary); err != nil {
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
		return e.save(tx, ref.acct)
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
	if err == nil && mp.customer != nil && policyAccount(mp.customer.ARN) != acct {
		// Another account's policy is not usable here, as AttachUserPolicy
		// refuses it: it would let that account change this one's limits.
		err = noSuchPolicy(policyARN)
	}
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
