package iam

import (
	"context"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// entityARN returns the ARN of the named entity of storeKind in acct as
// stored (with its path), or the ARN it would have at path "/" when it does
// not exist. Authorization uses it as the resource.
func (h *Handler) entityARN(ctx context.Context, acct, storeKind, arnKind, name string) string {
	var rec struct{ ARN string }
	_ = h.db.View(ctx, func(tx *store.Tx) error {
		return tx.Get(acct, storeKind, key(name), &rec)
	})
	if rec.ARN != "" {
		return rec.ARN
	}
	return arn(acct, arnKind, "/", name)
}

func (h *Handler) userARN(ctx context.Context, acct, name string) string {
	return h.entityARN(ctx, acct, store.KindUser, "user", name)
}

type userResult struct {
	User xmlUser `xml:"User"`
}

// createUser serves CreateUser.
func (h *Handler) createUser(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "UserName", 1, 64, patName)
	path := v.path(p, "Path")
	bnd, hasBoundary := v.optional(p, "PermissionsBoundary", 20, 2048, "")
	tags, err := v.tags(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	acct := account(ctx)
	userARN := arn(acct, "user", path, name)
	if err := h.authorizeWith(ctx, "CreateUser", userARN, boundaryKeys(requestTagKeys(nil, tags), bnd)); err != nil {
		return nil, err
	}
	u := &store.User{Name: name, Path: path, ID: ids.Unique(ids.UserPrefix), ARN: userARN,
		Created: h.clock(), Tags: tags}
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// u.Boundary afresh, as a second run must.
	err = h.db.Batch(ctx, func(tx *store.Tx) error {
		u.Boundary = ""
		if tx.Exists(acct, store.KindUser, key(name)) {
			return entityExists("User with name %s already exists.", name)
		}
		if err := checkAccountQuota(tx, acct, store.KindUser); err != nil {
			return err
		}
		if hasBoundary {
			if err := h.useBoundary(tx, acct, bnd, ""); err != nil {
				return err
			}
			u.Boundary = bnd
		}
		return saveUser(tx, acct, u)
	})
	if err != nil {
		return nil, wrap("create user", err)
	}
	return &userResult{User: userXML(u, true)}, nil
}

// getUser serves GetUser. Without UserName it describes the caller: an IAM
// user, or the root user (ARN arn:aws:iam::ACCOUNT:root, UserId the account
// id).
func (h *Handler) getUser(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 128, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	c := caller(ctx)
	acct := c.Account
	if !named {
		switch {
		case c.Root():
			if err := h.authorize(ctx, "GetUser", c.ARN); err != nil {
				return nil, err
			}
			a, err := h.accountRecord(ctx, acct)
			if err != nil {
				return nil, wrap("get account", err)
			}
			return &userResult{User: xmlUser{Path: "", UserID: acct, ARN: authn.RootARN(acct),
				CreateDate: isoTime(a.Created)}}, nil
		case c.Type == evaluator.PrincipalUser && c.UserName != "":
			name = c.UserName
		default:
			return nil, awserr.ValidationError("Must specify userName when calling with non-User credentials")
		}
	}
	if err := h.authorize(ctx, "GetUser", h.userARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	u, err := viewOne(ctx, h, func(tx *store.Tx) (*store.User, error) {
		return loadUser(tx, acct, name)
	})
	if err != nil {
		return nil, wrap("get user", err)
	}
	return &userResult{User: userXML(u, true)}, nil
}

type listUsersResult struct {
	Users members[xmlUser] `xml:"Users"`
	pageInfo
}

// listUsers serves ListUsers.
func (h *Handler) listUsers(ctx context.Context, p query.Params) (any, error) {
	users, more, err := listByPath(ctx, h, p, "ListUsers", usersByPath, func(_ *store.Tx, u *store.User) (xmlUser, error) {
		return userXML(u, false), nil
	})
	if err != nil {
		return nil, err
	}
	return &listUsersResult{Users: list(users), pageInfo: more}, nil
}

// updateUser serves UpdateUser: a new name and/or path. The unique id is
// kept; access keys, MFA devices and group memberships follow the rename.
func (h *Handler) updateUser(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "UserName", 1, 128, patName)
	newName, renamed := v.optional(p, "NewUserName", 1, 64, patName)
	newPath, repathed := v.optional(p, "NewPath", 1, 512, patPath)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	oldARN := h.userARN(ctx, acct, name)
	if err := h.authorizeMove(ctx, "UpdateUser", "user", oldARN, name, newName, newPath); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	var id string
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		u, err := loadUser(tx, acct, name)
		if err != nil {
			return err
		}
		var oldName string
		oldName, id = u.Name, u.ID
		if renamed && key(newName) != key(oldName) && tx.Exists(acct, store.KindUser, key(newName)) {
			return entityExists("User with name %s already exists.", newName)
		}
		if renamed {
			u.Name = newName
		}
		if repathed {
			u.Path = newPath
		}
		u.ARN = arn(acct, "user", u.Path, u.Name)
		if renamed {
			if err := tx.Delete(acct, store.KindUser, key(oldName)); err != nil {
				return err
			}
			if err := renameUserRefs(tx, acct, oldName, newName); err != nil {
				return err
			}
		}
		return saveUser(tx, acct, u)
	})
	if err == nil && renamed {
		h.authz.RenameAccessEntity(id, newName)
	}
	return nil, wrap("update user", err)
}

// deleteUser serves DeleteUser: the user must have no access keys, MFA
// devices, group memberships, inline or attached policies.
func (h *Handler) deleteUser(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "UserName", 1, 128, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "DeleteUser", h.userARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	var id string
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		u, err := loadUser(tx, acct, name)
		if err != nil {
			return err
		}
		keys, err := tx.AccessKeysOf(acct, u.Name)
		if err != nil {
			return err
		}
		if len(keys) > 0 {
			return deleteConflict(msgDeleteKeys)
		}
		if tx.Exists(acct, store.KindLoginProfile, key(u.Name)) {
			return deleteConflict(msgDeleteLoginProfile)
		}
		if certs, err := userSigningCertificates(tx, acct, u.Name); err != nil || len(certs) > 0 {
			if err != nil {
				return err
			}
			return deleteConflict(msgDeleteSigningCerts)
		}
		if keys, err := userSSHPublicKeys(tx, acct, u.Name); err != nil || len(keys) > 0 {
			if err != nil {
				return err
			}
			// AWS's text for a user with an SSH public key (quoted in
			// rebuy-de/aws-nuke#470 and #522, hashicorp/terraform-provider-aws#4176).
			return deleteConflict(msgDeleteReferenced)
		}
		if creds, err := userServiceCredentials(tx, acct, u.Name); err != nil || len(creds) > 0 {
			if err != nil {
				return err
			}
			return deleteConflict(msgDeleteReferenced)
		}
		devs, err := all[store.MFADevice](tx, acct, store.KindMFADevice)
		if err != nil {
			return err
		}
		for _, d := range devs {
			if d.EnabledFor(u.Name) {
				return deleteConflict(msgDeleteMFA)
			}
		}
		switch {
		case len(u.Groups) > 0:
			return deleteConflict(msgRemoveFromGroups)
		case len(u.Inline) > 0:
			return deleteConflict(msgDeletePolicies)
		case len(u.Attached) > 0:
			return deleteConflict(msgDetachPolicies)
		}
		if u.Boundary != "" {
			if err := h.releaseBoundary(tx, u.Boundary); err != nil {
				return err
			}
		}
		if err := tx.DeleteServiceAccess(acct, u.ID); err != nil {
			return err
		}
		id = u.ID
		return tx.Delete(acct, store.KindUser, key(u.Name))
	})
	if err == nil {
		h.authz.ForgetAccessEntity(id)
	}
	return nil, wrap("delete user", err)
}

// putUserPermissionsBoundary serves PutUserPermissionsBoundary.
func (h *Handler) putUserPermissionsBoundary(ctx context.Context, p query.Params) (any, error) {
	return h.setBoundary(ctx, p, "PutUserPermissionsBoundary", "UserName", true)
}

// deleteUserPermissionsBoundary serves DeleteUserPermissionsBoundary.
func (h *Handler) deleteUserPermissionsBoundary(ctx context.Context, p query.Params) (any, error) {
	return h.setBoundary(ctx, p, "DeleteUserPermissionsBoundary", "UserName", false)
}
