package organizations

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file holds EnableAllFeatures: the migration of a consolidated
// billing organization to all features ("Enabling all features in your
// organization", Organizations User Guide, and API_EnableAllFeatures):
//
//   - EnableAllFeatures answers an ENABLE_ALL_FEATURES handshake, State
//     REQUESTED, its ARN .../handshake/o-.../enable_all_features/h-...,
//     the organization its one party and resource (as the User Guide's
//     recorded CLI output shows), and "sends a handshake to every invited
//     account": an APPROVE_ALL_FEATURES handshake each; accounts created
//     in the organization are not asked. "Any existing unaccepted account
//     invitations will be cancelled"; "a countdown of 90 days begins".
//   - Each invited account accepts its APPROVE_ALL_FEATURES handshake;
//     "after all invited member accounts accept the handshake, you finalize
//     the feature set change by accepting the handshake that contains
//     "Action": "ENABLE_ALL_FEATURES"".
//   - An organization with all features already answers
//     HandshakeConstraintViolationException
//     ORGANIZATION_ALREADY_HAS_ALL_FEATURES, one with a migration under way
//     ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION (the API
//     reference's reasons).

// allFeaturesLifetime is how long the migration's handshakes stay open.
const allFeaturesLifetime = 90 * 24 * time.Hour

// Handshake actions of the migration.
const (
	actionEnableAllFeatures  = "ENABLE_ALL_FEATURES"
	actionApproveAllFeatures = "APPROVE_ALL_FEATURES"
)

// isOpen reports whether hs can still be answered.
func isOpen(h *Handler, hs *store.OrgHandshake) bool {
	return (hs.State == "OPEN" || hs.State == "REQUESTED") && !h.now().After(hs.Expiration)
}

// pendingMigration is o's open ENABLE_ALL_FEATURES handshake, or nil.
func pendingMigration(h *Handler, o *store.Organization) *store.OrgHandshake {
	for _, hs := range o.Handshakes {
		if hs.Action == actionEnableAllFeatures && isOpen(h, hs) {
			return hs
		}
	}
	return nil
}

// addHandshake gives hs (its account, action, state, dates and the
// rest filled in) an id and ARN and records it in o.
func addHandshake(tx *store.Tx, o *store.Organization, hs *store.OrgHandshake) error {
	hs.ID = newHandshakeID()
	hs.ARN = handshakeARN(o.ManagementAccount, o.ID, hs.Action, hs.ID)
	if o.Handshakes == nil {
		o.Handshakes = map[string]*store.OrgHandshake{}
	}
	o.Handshakes[hs.ID] = hs
	return tx.Put(store.Global, store.KindOrgHandshake, hs.ID, store.OrgRef{OrgID: o.ID})
}

// migrationHandshake is a handshake of the all-features migration.
func migrationHandshake(account, action, parent, state string, now time.Time) *store.OrgHandshake {
	return &store.OrgHandshake{Account: account, State: state, Action: action, Parent: parent,
		Requested: now, Expiration: now.Add(allFeaturesLifetime)}
}

func (h *Handler) enableAllFeatures(ctx context.Context, c *call) (any, error) {
	var out handshakeOut
	err := h.manage(ctx, c, "EnableAllFeatures", nil, func(tx *store.Tx, o *store.Organization) error {
		out = handshakeOut{}
		switch {
		case o.FeatureSet == "ALL":
			return errHandshakeConstraint("ORGANIZATION_ALREADY_HAS_ALL_FEATURES", "The handshake request is invalid because the organization has already enabled all features.")
		case pendingMigration(h, o) != nil:
			return errHandshakeConstraint("ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION", "The handshake request is invalid because the organization has already started the process to enable all features.")
		}
		now := h.now().UTC()
		for _, hs := range o.Handshakes {
			if hs.Action == "INVITE" && isOpen(h, hs) {
				hs.State = "CANCELED"
			}
		}
		parent := migrationHandshake(o.ManagementAccount, actionEnableAllFeatures, "", "REQUESTED", now)
		if err := addHandshake(tx, o, parent); err != nil {
			return err
		}
		for _, id := range slices.Sorted(maps.Keys(o.Accounts)) {
			if a := o.Accounts[id]; id != o.ManagementAccount && a.JoinedMethod == "INVITED" && a.State == "" {
				if err := addHandshake(tx, o, migrationHandshake(id, actionApproveAllFeatures, parent.ID, "OPEN", now)); err != nil {
					return err
				}
			}
		}
		out = handshakeShape(o, parent, false, now)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Handshake": out}, nil
}

// finalizeAllFeatures is the management account accepting the
// ENABLE_ALL_FEATURES handshake: every approval asked of an account still
// in the organization must have been accepted (else
// InvalidHandshakeTransitionException; AWS's answer is not recorded).
func finalizeAllFeatures(h *Handler, o *store.Organization, hs *store.OrgHandshake) error {
	for _, child := range o.Handshakes {
		if child.Parent == hs.ID && child.State != "ACCEPTED" && o.Accounts[child.Account] != nil {
			return errInvalidHandshakeTransition()
		}
	}
	if err := closeHandshake(h, hs, "ACCEPTED"); err != nil {
		return err
	}
	o.FeatureSet = "ALL"
	return nil
}

// cancelApprovals cancels the open approvals asked for migration parent.
func cancelApprovals(h *Handler, o *store.Organization, parent string) {
	for _, child := range o.Handshakes {
		if child.Parent == parent && isOpen(h, child) {
			child.State = "CANCELED"
		}
	}
}

// migrationShape is the answer for a migration handshake: the
// organization is its party (and the approving account, for an
// approval), the organization its resource (and the parent handshake, for
// an approval).
func migrationShape(o *store.Organization, hs *store.OrgHandshake, now time.Time) handshakeOut {
	org := handshakePartyOut{ID: strings.TrimPrefix(o.ID, "o-"), Type: "ORGANIZATION"}
	parties := []handshakePartyOut{org}
	resources := []handshakeResourceOut{{Type: "ORGANIZATION", Value: o.ID}}
	if hs.Action == actionApproveAllFeatures {
		parties = append(parties, handshakePartyOut{ID: hs.Account, Type: "ACCOUNT"})
		resources = append(resources, handshakeResourceOut{Type: "PARENT_HANDSHAKE", Value: hs.Parent})
	}
	state := hs.State
	if (state == "OPEN" || state == "REQUESTED") && now.After(hs.Expiration) {
		state = "EXPIRED"
	}
	return handshakeOut{ID: hs.ID, ARN: hs.ARN, State: state, Action: hs.Action,
		RequestedTimestamp: epoch(hs.Requested), ExpirationTimestamp: epoch(hs.Expiration),
		Parties: parties, Resources: resources}
}
