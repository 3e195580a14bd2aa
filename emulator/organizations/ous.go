package organizations

import (
	"context"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file holds organizational units and the tree queries.

// maxOUDepth is AWS's limit of nested OUs under the root
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
const maxOUDepth = 5

// isParent reports whether id is the root or an OU of o.
func isParent(o *store.Organization, id string) bool {
	return id == o.Root.ID || o.OUs[id] != nil
}

// targetARN returns the ARN of a root, OU or account id, or "" when o has
// no such target.
func targetARN(o *store.Organization, id string) string {
	switch {
	case id == o.Root.ID:
		return o.Root.ARN
	case o.OUs[id] != nil:
		return o.OUs[id].ARN
	case o.Accounts[id] != nil:
		return o.Accounts[id].ARN
	}
	return ""
}

// validOUName checks Name against the API's 1..128 characters.
func validOUName(name string) error { return checkLength(name, 1, 128) }

func (h *Handler) createOrganizationalUnit(ctx context.Context, c *call) (any, error) {
	var in struct {
		ParentID string  `json:"ParentId"`
		Name     string  `json:"Name"`
		Tags     []tagIO `json:"Tags"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := firstErr(checkID(patParent, in.ParentID), validOUName(in.Name), checkTags(in.Tags)); err != nil {
		return nil, err
	}
	c.keys = requestTagKeys(nil, in.Tags)
	var out ouOut
	err := h.manage(ctx, c, "CreateOrganizationalUnit", func(o *store.Organization) string {
		return parentARN(o, in.ParentID)
	}, func(tx *store.Tx, o *store.Organization) error {
		out = ouOut{}
		if !isParent(o, in.ParentID) {
			return errParentNotFound()
		}
		for _, u := range o.OUs {
			if u.Parent == in.ParentID && u.Name == in.Name {
				return errDuplicateOU()
			}
		}
		if len(o.Path(in.ParentID)) > maxOUDepth {
			return errConstraint("OU_DEPTH_LIMIT_EXCEEDED", "You attempted to create an OU tree that is too many levels deep.")
		}
		u := &store.OrgUnit{ID: newOUID(o.Root.ID), Name: in.Name, Parent: in.ParentID}
		u.ARN = ouARN(o.ManagementAccount, o.ID, u.ID)
		if o.OUs == nil {
			o.OUs = map[string]*store.OrgUnit{}
		}
		o.OUs[u.ID] = u
		attachDefaults(o, u.ID)
		if err := setTags(o, u.ID, in.Tags); err != nil {
			return err
		}
		out = ouShape(u)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"OrganizationalUnit": out}, nil
}

// parentARN is the ARN authz checks for an operation on a parent (the
// organization's when the parent is unknown; the handler then answers
// ParentNotFoundException).
func parentARN(o *store.Organization, id string) string {
	if a := targetARN(o, id); a != "" {
		return a
	}
	return o.ARN
}

func (h *Handler) updateOrganizationalUnit(ctx context.Context, c *call) (any, error) {
	var in struct {
		OUID string  `json:"OrganizationalUnitId"`
		Name *string `json:"Name"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := firstErr(checkID(patOU, in.OUID), optional(in.Name, validOUName)); err != nil {
		return nil, err
	}
	var out ouOut
	err := h.manage(ctx, c, "UpdateOrganizationalUnit", func(o *store.Organization) string { return parentARN(o, in.OUID) },
		func(tx *store.Tx, o *store.Organization) error {
			out = ouOut{}
			u := o.OUs[in.OUID]
			if u == nil {
				return errOUNotFound()
			}
			if in.Name != nil {
				for _, other := range o.OUs {
					if other.ID != u.ID && other.Parent == u.Parent && other.Name == *in.Name {
						return errDuplicateOU()
					}
				}
				u.Name = *in.Name
			}
			out = ouShape(u)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"OrganizationalUnit": out}, nil
}

func (h *Handler) deleteOrganizationalUnit(ctx context.Context, c *call) (any, error) {
	ouID, err := c.decodeID("OrganizationalUnitId", patOU)
	if err != nil {
		return nil, err
	}
	return nil, h.manage(ctx, c, "DeleteOrganizationalUnit", func(o *store.Organization) string { return parentARN(o, ouID) },
		func(tx *store.Tx, o *store.Organization) error {
			if o.OUs[ouID] == nil {
				return errOUNotFound()
			}
			for id := range o.OUs {
				if o.OUs[id].Parent == ouID {
					return errOUNotEmpty()
				}
			}
			for _, a := range o.Accounts {
				if a.Parent == ouID {
					return errOUNotEmpty()
				}
			}
			delete(o.OUs, ouID)
			detachAll(o, ouID)
			delete(o.Tags, ouID)
			return nil
		})
}

func (h *Handler) describeOrganizationalUnit(ctx context.Context, c *call) (any, error) {
	ouID, err := c.decodeID("OrganizationalUnitId", patOU)
	if err != nil {
		return nil, err
	}
	var out ouOut
	err = h.read(ctx, c, "DescribeOrganizationalUnit", func(o *store.Organization) string { return parentARN(o, ouID) },
		func(o *store.Organization) error {
			u := o.OUs[ouID]
			if u == nil {
				return errOUNotFound()
			}
			out = ouShape(u)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"OrganizationalUnit": out}, nil
}

func (h *Handler) listOrganizationalUnitsForParent(ctx context.Context, c *call) (any, error) {
	parentID, err := c.decodeID("ParentId", patParent)
	if err != nil {
		return nil, err
	}
	out := []ouOut{}
	err = h.read(ctx, c, "ListOrganizationalUnitsForParent", func(o *store.Organization) string { return parentARN(o, parentID) },
		func(o *store.Organization) error {
			if !isParent(o, parentID) {
				return errParentNotFound()
			}
			for _, u := range sortedOUs(o, parentID) {
				out = append(out, ouShape(u))
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"OrganizationalUnits": out}, nil
}

// childType names a root or OU id's kind, as ListParents and ListChildren
// report it.
func parentType(id string) string {
	if strings.HasPrefix(id, "r-") {
		return "ROOT"
	}
	return "ORGANIZATIONAL_UNIT"
}

func (h *Handler) listParents(ctx context.Context, c *call) (any, error) {
	childID, err := c.decodeID("ChildId", patChild)
	if err != nil {
		return nil, err
	}
	out := []childOut{}
	err = h.read(ctx, c, "ListParents", func(o *store.Organization) string { return parentARN(o, childID) }, func(o *store.Organization) error {
		p := o.Parent(childID)
		if p == "" {
			return errChildNotFound()
		}
		out = append(out, childOut{ID: p, Type: parentType(p)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Parents": out}, nil
}

func (h *Handler) listChildren(ctx context.Context, c *call) (any, error) {
	var in struct {
		ParentID  string `json:"ParentId"`
		ChildType string `json:"ChildType"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := checkID(patParent, in.ParentID); err != nil {
		return nil, err
	}
	if in.ChildType != "ACCOUNT" && in.ChildType != "ORGANIZATIONAL_UNIT" {
		return nil, errInvalidInput("INVALID_ENUM", "You specified an invalid value.")
	}
	out := []childOut{}
	err := h.read(ctx, c, "ListChildren", func(o *store.Organization) string { return parentARN(o, in.ParentID) },
		func(o *store.Organization) error {
			if !isParent(o, in.ParentID) {
				return errParentNotFound()
			}
			if in.ChildType == "ORGANIZATIONAL_UNIT" {
				for _, u := range sortedOUs(o, in.ParentID) {
					out = append(out, childOut{ID: u.ID, Type: in.ChildType})
				}
				return nil
			}
			for _, a := range sortedAccounts(o, in.ParentID) {
				out = append(out, childOut{ID: a.ID, Type: in.ChildType})
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Children": out}, nil
}
