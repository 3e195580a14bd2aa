package iam

import (
	"context"
	"errors"

	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

const maxGroupsPerUser = 10

func (h *Handler) groupARN(ctx context.Context, acct, name string) string {
	return h.entityARN(ctx, acct, store.KindGroup, "group", name)
}

type groupResult struct {
	Group xmlGroup `xml:"Group"`
}

// createGroup serves CreateGroup.
func (h *Handler) createGroup(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "GroupName", 1, 128, patName)
	path := v.path(p, "Path")
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	groupARN := arn(acct, "group", path, name)
	if err := h.authorize(ctx, "CreateGroup", groupARN); err != nil {
		return nil, err
	}
	g := &store.Group{Name: name, Path: path, ID: ids.Unique(ids.GroupPrefix), ARN: groupARN, Created: h.clock()}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads g, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		return insert(tx, acct, store.KindGroup, key(name), g, entityExists("Group with name %s already exists.", name))
	})
	if err != nil {
		return nil, wrap("create group", err)
	}
	return &groupResult{Group: groupXML(g)}, nil
}

type getGroupResult struct {
	Group xmlGroup         `xml:"Group"`
	Users members[xmlUser] `xml:"Users"`
	pageInfo
}

// getGroup serves GetGroup: the group and a page of its users.
func (h *Handler) getGroup(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "GroupName", 1, 128, patName)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "GetGroup", h.groupARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	var g *store.Group
	var users []*store.User
	var more pageInfo
	err := h.db.View(ctx, func(tx *store.Tx) error {
		users, more = nil, pageInfo{}
		var err error
		if g, err = loadGroup(tx, acct, name); err != nil {
			return err
		}
		// Members in user key order, the page's order: the walk starts
		// at the marker and stops one past the page.
		return tx.EachGroupMember(acct, g.Name, pp.marker, func(k string, u *store.User) error {
			if len(users) == pp.maxItems {
				more = pageInfo{IsTruncated: true, Marker: encodeMarker(k)}
				return store.ErrStop
			}
			users = append(users, u)
			return nil
		})
	})
	if err != nil {
		return nil, wrap("get group", err)
	}
	res := &getGroupResult{Group: groupXML(g), pageInfo: more}
	for _, u := range users {
		res.Users.Member = append(res.Users.Member, userXML(u, false))
	}
	return res, nil
}

type listGroupsResult struct {
	Groups members[xmlGroup] `xml:"Groups"`
	pageInfo
}

// listGroups serves ListGroups.
func (h *Handler) listGroups(ctx context.Context, p query.Params) (any, error) {
	groups, more, err := listByPath(ctx, h, p, "ListGroups", groupsByPath, func(_ *store.Tx, g *store.Group) (xmlGroup, error) {
		return groupXML(g), nil
	})
	if err != nil {
		return nil, err
	}
	return &listGroupsResult{Groups: list(groups), pageInfo: more}, nil
}

func groupsPage(groups []*store.Group, pp pageParams) *listGroupsResult {
	pg, more := page(groups, func(g *store.Group) string { return key(g.Name) }, pp)
	res := &listGroupsResult{pageInfo: more}
	for _, g := range pg {
		res.Groups.Member = append(res.Groups.Member, groupXML(g))
	}
	return res
}

// updateGroup serves UpdateGroup: a new name and/or path; memberships
// follow the rename.
func (h *Handler) updateGroup(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "GroupName", 1, 128, patName)
	newName, renamed := v.optional(p, "NewGroupName", 1, 128, patName)
	newPath, repathed := v.optional(p, "NewPath", 1, 512, patPath)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	oldARN := h.groupARN(ctx, acct, name)
	if err := h.authorizeMove(ctx, "UpdateGroup", "group", oldARN, name, newName, newPath); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		g, err := loadGroup(tx, acct, name)
		if err != nil {
			return err
		}
		oldName := g.Name
		if renamed && key(newName) != key(oldName) && tx.Exists(acct, store.KindGroup, key(newName)) {
			return entityExists("Group with name %s already exists.", newName)
		}
		if renamed {
			g.Name = newName
		}
		if repathed {
			g.Path = newPath
		}
		g.ARN = arn(acct, "group", g.Path, g.Name)
		if renamed {
			if err := tx.Delete(acct, store.KindGroup, key(oldName)); err != nil {
				return err
			}
			members, err := tx.GroupMembers(acct, oldName)
			if err != nil {
				return err
			}
			for _, u := range members {
				u.Groups[indexFold(u.Groups, oldName)] = newName
				if err := saveUser(tx, acct, u); err != nil {
					return err
				}
			}
		}
		return saveGroup(tx, acct, g)
	})
	return nil, wrap("update group", err)
}

// deleteGroup serves DeleteGroup: the group must have no members, inline or
// attached policies.
func (h *Handler) deleteGroup(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "GroupName", 1, 128, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "DeleteGroup", h.groupARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		g, err := loadGroup(tx, acct, name)
		if err != nil {
			return err
		}
		members, err := hasMembers(tx, acct, g.Name)
		if err != nil {
			return err
		}
		switch {
		case members:
			return deleteConflict(msgRemoveFromGroups)
		case len(g.Inline) > 0:
			return deleteConflict(msgDeletePolicies)
		case len(g.Attached) > 0:
			return deleteConflict(msgDetachPolicies)
		}
		return tx.Delete(acct, store.KindGroup, key(g.Name))
	})
	return nil, wrap("delete group", err)
}

// hasMembers reports whether group of acct has a user.
func hasMembers(tx *store.Tx, acct, group string) (bool, error) {
	found := false
	err := tx.EachGroupMember(acct, group, "", func(string, *store.User) error {
		found = true
		return store.ErrStop
	})
	return found, err
}

// addUserToGroup serves AddUserToGroup (adding a member twice is a no-op).
func (h *Handler) addUserToGroup(ctx context.Context, p query.Params) (any, error) {
	err := h.changeMembership(ctx, p, "AddUserToGroup", func(u *store.User, g *store.Group) error {
		if containsFold(u.Groups, g.Name) {
			return errUnchanged
		}
		if len(u.Groups) >= maxGroupsPerUser {
			return limitExceeded("Cannot exceed quota for GroupsPerUser: %d", maxGroupsPerUser)
		}
		u.Groups = append(u.Groups, g.Name)
		return nil
	})
	return nil, wrap("add user to group", err)
}

// removeUserFromGroup serves RemoveUserFromGroup. A user that exists but
// is not in the group is left as it is and the call succeeds, as AWS
// answered (cloud-custodian/cloud-custodian#4730: removing a user that is
// not in the group, like adding one that is, returns no error).
func (h *Handler) removeUserFromGroup(ctx context.Context, p query.Params) (any, error) {
	err := h.changeMembership(ctx, p, "RemoveUserFromGroup", func(u *store.User, g *store.Group) error {
		i := indexFold(u.Groups, g.Name)
		if i < 0 {
			return errUnchanged
		}
		u.Groups = append(u.Groups[:i], u.Groups[i+1:]...)
		return nil
	})
	return nil, wrap("remove user from group", err)
}

// errUnchanged tells changeMembership that the user is already as asked
// and nothing is to be saved.
var errUnchanged = errors.New("membership unchanged")

// changeMembership validates GroupName and UserName, authorizes action on
// the group, and saves the user after change edits its group list (not
// when change returns errUnchanged), in one transaction.
func (h *Handler) changeMembership(ctx context.Context, p query.Params, action string,
	change func(u *store.User, g *store.Group) error) error {
	var v validator
	name := v.required(p, "GroupName", 1, 128, patName)
	user := v.required(p, "UserName", 1, 128, patName) // existingUserNameType
	if err := v.err(); err != nil {
		return err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, action, h.groupARN(ctx, acct, name)); err != nil {
		return err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); change
	// gets the user and group as this run reads them.
	return h.db.Batch(ctx, func(tx *store.Tx) error {
		// The user is looked up first: RemoveUserFromGroup naming neither
		// an existing user nor group names the user (LocalStack
		// test_iam_groups.py TestIAMGroupsMembership::
		// test_remove_user_from_unknown_group, recorded 12 Feb 2026).
		u, err := loadUser(tx, acct, user)
		if err != nil {
			return err
		}
		g, err := loadGroup(tx, acct, name)
		if err != nil {
			return err
		}
		switch err := change(u, g); {
		case errors.Is(err, errUnchanged):
			return nil
		case err != nil:
			return err
		}
		return saveUser(tx, acct, u)
	})
}

// listGroupsForUser serves ListGroupsForUser.
func (h *Handler) listGroupsForUser(ctx context.Context, p query.Params) (any, error) {
	var v validator
	user := v.required(p, "UserName", 1, 128, patName)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "ListGroupsForUser", h.userARN(ctx, acct, user)); err != nil {
		return nil, err
	}
	var groups []*store.Group
	err := h.db.View(ctx, func(tx *store.Tx) error {
		u, err := loadUser(tx, acct, user)
		if err != nil {
			return err
		}
		for _, gn := range u.Groups {
			g, err := loadGroup(tx, acct, gn)
			if err != nil {
				if isNoSuchEntity(err) {
					continue
				}
				return err
			}
			groups = append(groups, g)
		}
		return nil
	})
	if err != nil {
		return nil, wrap("list groups for user", err)
	}
	return groupsPage(groups, pp), nil
}
