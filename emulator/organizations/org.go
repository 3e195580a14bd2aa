package organizations

import (
	"context"
	"errors"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file holds the organization itself and its root.

// accountEmail is the e-mail address fakeaws reports for an account whose
// address it was never told (fakeaws accounts have none).
func accountEmail(id string) string { return id + "@example.com" }

func (h *Handler) createOrganization(ctx context.Context, c *call) (any, error) {
	var in struct{ FeatureSet string }
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	switch in.FeatureSet {
	case "":
		in.FeatureSet = "ALL"
	case "ALL", "CONSOLIDATED_BILLING":
	default:
		return nil, errInvalidInput("INVALID_ENUM", "You specified an invalid value.")
	}
	if err := h.authorize(ctx, c, "CreateOrganization", "*", nil); err != nil {
		return nil, err
	}
	mgmt := c.caller.Account
	var o store.Organization
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// o afresh, as a second run must.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		o = store.Organization{}
		if _, err := tx.OrganizationOf(mgmt); err == nil {
			return errAlreadyInOrg()
		} else if !errors.Is(err, store.ErrNoOrganization) {
			return err
		}
		now := h.now().UTC()
		acct, err := tx.EnsureAccount(mgmt, now)
		if err != nil {
			return err
		}
		id, root := newOrgID(), newRootID()
		o = store.Organization{ID: id, ARN: orgARN(mgmt, id), FeatureSet: in.FeatureSet,
			ManagementAccount: mgmt, ManagementEmail: accountEmail(mgmt), Created: now,
			Root:     store.OrgRoot{ID: root, ARN: rootARN(mgmt, id, root), Name: "Root"},
			Accounts: map[string]*store.OrgAccount{}}
		name := acct.Alias
		if name == "" {
			name = mgmt
		}
		o.Accounts[mgmt] = &store.OrgAccount{ID: mgmt, ARN: accountARN(mgmt, id, mgmt), Name: name,
			Email: o.ManagementEmail, JoinedMethod: "CREATED", Joined: now, Parent: root}
		if err := tx.Put(store.Global, store.KindOrgMember, mgmt, store.OrgRef{OrgID: id}); err != nil {
			return err
		}
		return tx.PutOrganization(&o)
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Organization": organizationShape(&o)}, nil
}

func (h *Handler) describeOrganization(ctx context.Context, c *call) (any, error) {
	// Any member account may describe its organization.
	o, err := h.callerOrg(ctx, c)
	if err != nil {
		return nil, err
	}
	// DescribeOrganization has no resource type: it is authorized on "*".
	if err := h.authorize(ctx, c, "DescribeOrganization", "*", nil); err != nil {
		return nil, err
	}
	return map[string]any{"Organization": organizationShape(o)}, nil
}

func (h *Handler) deleteOrganization(ctx context.Context, c *call) (any, error) {
	return nil, h.manage(ctx, c, "DeleteOrganization", nil, func(tx *store.Tx, o *store.Organization) error {
		if len(o.Accounts) > 1 {
			return errNotEmpty()
		}
		for hid := range o.Handshakes {
			if err := tx.Delete(store.Global, store.KindOrgHandshake, hid); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		if err := tx.Delete(store.Global, store.KindOrgMember, o.ManagementAccount); err != nil {
			return err
		}
		return errDeleted
	})
}

// errDeleted tells manage's caller that the organization record was removed
// rather than changed.
var errDeleted = errors.New("organization deleted")

func (h *Handler) listRoots(ctx context.Context, c *call) (any, error) {
	var out []rootOut
	err := h.read(ctx, c, "ListRoots", nil, func(o *store.Organization) error {
		out = []rootOut{rootShape(o)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Roots": out}, nil
}
