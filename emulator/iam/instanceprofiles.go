package iam

import (
	"context"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/principals"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

func (h *Handler) instanceProfileARN(ctx context.Context, acct, name string) string {
	return h.entityARN(ctx, acct, store.KindInstanceProfile, "instance-profile", name)
}

// instanceProfileXML renders ip with its roles (roleInProfile views).
func instanceProfileXML(tx *store.Tx, acct string, ip *store.InstanceProfile, withTags bool) (xmlInstanceProfile, error) {
	x := xmlInstanceProfile{Path: ip.Path, InstanceProfileName: ip.Name, InstanceProfileID: ip.ID,
		ARN: ip.ARN, CreateDate: isoTime(ip.Created), Roles: []xmlRole{}}
	if withTags {
		x.Tags = xmlTags(ip.Tags)
	}
	for _, rn := range ip.Roles {
		r, err := loadRole(tx, acct, rn)
		if err != nil {
			if isNoSuchEntity(err) {
				continue
			}
			return x, err
		}
		trust, err := principals.TrustPolicy(tx, r)
		if err != nil {
			return x, err
		}
		x.Roles = append(x.Roles, roleXML(r, trust, roleInProfile))
	}
	return x, nil
}

type instanceProfileResult struct {
	InstanceProfile xmlInstanceProfile `xml:"InstanceProfile"`
}

// createInstanceProfile serves CreateInstanceProfile.
func (h *Handler) createInstanceProfile(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "InstanceProfileName", 1, 128, patName)
	path := v.path(p, "Path")
	tags, terr := v.tags(p)
	if err := v.errThen(terr); err != nil {
		return nil, err
	}
	acct := account(ctx)
	ipARN := arn(acct, "instance-profile", path, name)
	if err := h.authorizeWith(ctx, "CreateInstanceProfile", ipARN, requestTagKeys(nil, tags)); err != nil {
		return nil, err
	}
	ip := &store.InstanceProfile{Name: name, Path: path, ID: ids.Unique(ids.InstanceProfilePrefix),
		ARN: ipARN, Created: h.clock(), Tags: tags}
	var res *instanceProfileResult
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// res afresh, as a second run must.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		res = nil
		if err := insert(tx, acct, store.KindInstanceProfile, key(name), ip, entityExists("Instance Profile %s already exists.", name)); err != nil {
			return err
		}
		x, err := instanceProfileXML(tx, acct, ip, true)
		res = &instanceProfileResult{InstanceProfile: x}
		return err
	})
	if err != nil {
		return nil, wrap("create instance profile", err)
	}
	return res, nil
}

// getInstanceProfile serves GetInstanceProfile.
func (h *Handler) getInstanceProfile(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "InstanceProfileName", 1, 128, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "GetInstanceProfile", h.instanceProfileARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	var res *instanceProfileResult
	err := h.db.View(ctx, func(tx *store.Tx) error {
		ip, err := loadInstanceProfile(tx, acct, name)
		if err != nil {
			return err
		}
		x, err := instanceProfileXML(tx, acct, ip, true)
		if x.Tags == nil {
			// GetInstanceProfile lists Tags even when empty (LocalStack
			// test_iam_instance_profiles.py test_instance_profile_lifecycle
			// "get-instance-profile", validated 2026-02-12);
			// CreateInstanceProfile leaves them out.
			x.Tags = &members[xmlTag]{}
		}
		res = &instanceProfileResult{InstanceProfile: x}
		return err
	})
	if err != nil {
		return nil, wrap("get instance profile", err)
	}
	return res, nil
}

type listInstanceProfilesResult struct {
	InstanceProfiles members[xmlInstanceProfile] `xml:"InstanceProfiles"`
	pageInfo
}

// listInstanceProfiles serves ListInstanceProfiles.
func (h *Handler) listInstanceProfiles(ctx context.Context, p query.Params) (any, error) {
	acct := account(ctx)
	profiles, more, err := listByPath(ctx, h, p, "ListInstanceProfiles", profilesByPath, listedProfileXML(acct))
	if err != nil {
		return nil, err
	}
	return &listInstanceProfilesResult{InstanceProfiles: list(profiles), pageInfo: more}, nil
}

// listedProfileXML renders an instance profile of acct as List* calls do.
func listedProfileXML(acct string) func(*store.Tx, *store.InstanceProfile) (xmlInstanceProfile, error) {
	return func(tx *store.Tx, ip *store.InstanceProfile) (xmlInstanceProfile, error) {
		return instanceProfileXML(tx, acct, ip, false)
	}
}

// listInstanceProfilesForRole serves ListInstanceProfilesForRole.
func (h *Handler) listInstanceProfilesForRole(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "RoleName", 1, 64, patName)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "ListInstanceProfilesForRole", h.roleARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	err := h.db.View(ctx, func(tx *store.Tx) error {
		_, err := loadRole(tx, acct, name)
		return err
	})
	if err != nil {
		return nil, wrap("list instance profiles for role", err)
	}
	profiles, more, err := pageWhere(ctx, h, acct, profilesByPath, pp, func(ip *store.InstanceProfile) bool {
		return containsFold(ip.Roles, name)
	}, listedProfileXML(acct))
	if err != nil {
		return nil, wrap("list instance profiles for role", err)
	}
	return &listInstanceProfilesResult{InstanceProfiles: list(profiles), pageInfo: more}, nil
}

// addRoleToInstanceProfile serves AddRoleToInstanceProfile (one role per
// profile).
func (h *Handler) addRoleToInstanceProfile(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "InstanceProfileName", 1, 128, patName)
	roleName := v.required(p, "RoleName", 1, 64, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "AddRoleToInstanceProfile", h.instanceProfileARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	if err := h.authorizePassToInstanceProfile(ctx, acct, roleName); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		ip, err := loadInstanceProfile(tx, acct, name)
		if err != nil {
			return err
		}
		r, err := loadChangeableRole(tx, acct, roleName)
		if err != nil {
			return err
		}
		if containsFold(ip.Roles, r.Name) || len(ip.Roles) >= 1 {
			return limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")
		}
		ip.Roles = append(ip.Roles, r.Name)
		return tx.Put(acct, store.KindInstanceProfile, key(ip.Name), ip)
	})
	return nil, wrap("add role to instance profile", err)
}

// authorizePassToInstanceProfile asks for iam:PassRole on the role being
// put into an instance profile: "The caller of this operation must be
// granted the PassRole permission on the IAM role by a permissions policy"
// (API_AddRoleToInstanceProfile). Without it, a caller allowed only
// iam:AddRoleToInstanceProfile handed any role of the account to whatever
// runs with the profile. The role goes to EC2 instances, so
// iam:PassedToService is ec2.amazonaws.com and iam:AssociatedResourceArn
// arn:aws:ec2:*:ACCOUNT:instance/*, the one value the API reference says a
// policy may name for this action.
func (h *Handler) authorizePassToInstanceProfile(ctx context.Context, acct, roleName string) error {
	keys := map[string][]string{
		"iam:PassedToService":       {"ec2.amazonaws.com"},
		"iam:AssociatedResourceArn": {"arn:" + arns.Partition + ":ec2:*:" + acct + ":instance/*"},
	}
	return h.authorizeWith(ctx, "PassRole", h.roleARN(ctx, acct, roleName), keys)
}

// removeRoleFromInstanceProfile serves RemoveRoleFromInstanceProfile.
func (h *Handler) removeRoleFromInstanceProfile(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "InstanceProfileName", 1, 128, patName)
	roleName := v.required(p, "RoleName", 1, 64, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "RemoveRoleFromInstanceProfile", h.instanceProfileARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		ip, err := loadInstanceProfile(tx, acct, name)
		if err != nil {
			return err
		}
		i := indexFold(ip.Roles, roleName)
		if i < 0 {
			return roleNotInProfile(tx, acct, roleName, ip.Name)
		}
		if r, err := loadRole(tx, acct, roleName); err == nil && isProtectedRole(r) {
			return unmodifiableRole(r.Name)
		}
		ip.Roles = append(ip.Roles[:i], ip.Roles[i+1:]...)
		return tx.Put(acct, store.KindInstanceProfile, key(ip.Name), ip)
	})
	return nil, wrap("remove role from instance profile", err)
}

// roleNotInProfile is the answer to removing a role that is not in the
// instance profile: the role's absence when it does not exist, else
// "Role R in Instance Profile P cannot be found." (LocalStack
// test_iam_instance_profiles.py TestInstanceProfileRoles::
// test_role_instance_profile_operations_errors, "remove-nonexistent-role-error"
// and "remove-unattached-role-error", recorded 12 Feb 2026).
func roleNotInProfile(tx *store.Tx, acct, roleName, profile string) error {
	r, err := loadRole(tx, acct, roleName)
	if err != nil {
		return err
	}
	return noSuchEntity("Role %s in Instance Profile %s cannot be found.", r.Name, profile)
}

// deleteInstanceProfile serves DeleteInstanceProfile.
func (h *Handler) deleteInstanceProfile(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "InstanceProfileName", 1, 128, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "DeleteInstanceProfile", h.instanceProfileARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		ip, err := loadInstanceProfile(tx, acct, name)
		if err != nil {
			return err
		}
		if len(ip.Roles) > 0 {
			return deleteConflict(msgRemoveRoles)
		}
		return tx.Delete(acct, store.KindInstanceProfile, key(ip.Name))
	})
	return nil, wrap("delete instance profile", err)
}

func (h *Handler) instanceProfileTags() tagTarget {
	return recordTags(h, store.KindInstanceProfile,
		func(v *validator, p query.Params) string {
			return v.required(p, "InstanceProfileName", 1, 128, patName)
		},
		func(ctx context.Context, name string) string { return h.instanceProfileARN(ctx, account(ctx), name) },
		func(tx *store.Tx, acct, name string) (*store.InstanceProfile, string, error) {
			ip, err := loadInstanceProfile(tx, acct, name)
			return ip, key(name), err
		},
		func(ip *store.InstanceProfile) *[]store.Tag { return &ip.Tags })
}
