package organizations

import (
	"context"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file holds CloseAccount.
//
// CloseAccount (API reference): "You can close an account when all
// features are enabled. You can't close the management account with this
// API"; while the closure is in progress the account's status is
// PENDING_CLOSURE, then SUSPENDED; "You can close only 10% of member
// accounts, between 10 and 1000, within a rolling 30 day period". fakeaws
// closes the account at once (as CreateAccount creates one at once), so
// DescribeAccount already answers SUSPENDED. A closed account stays in the
// organization, calls no Organizations operation and is no delegated
// administrator (delegation.go). Its closure is also a store record of its
// own (store.Tx.CloseAccount): from then on, as AWS makes a closed
// account's resources unavailable, authn refuses its credentials on every
// service, S3 answers AllAccessDisabled for its buckets and STS assumes
// none of its roles, also after a restart.

// closeWindow is the closure quota's rolling period.
const closeWindow = 30 * 24 * time.Hour

// closeQuota is how many member accounts of members the organization may
// close within closeWindow: 10%, at least 10 and at most 1000.
func closeQuota(members int) int {
	return min(max(members/10, 10), 1000)
}

// closedRecently counts the accounts of o closed within closeWindow of now.
func closedRecently(o *store.Organization, now time.Time) int {
	n := 0
	for _, a := range o.Accounts {
		if !a.CloseRequested.IsZero() && now.Sub(a.CloseRequested) < closeWindow {
			n++
		}
	}
	return n
}

func (h *Handler) closeAccount(ctx context.Context, c *call) (any, error) {
	accountID, err := c.decodeID("AccountId", patAccount)
	if err != nil {
		return nil, err
	}
	return nil, h.manage(ctx, c, "CloseAccount", func(o *store.Organization) string { return parentARN(o, accountID) },
		func(tx *store.Tx, o *store.Organization) error {
			a := o.Accounts[accountID]
			now := h.now().UTC()
			switch {
			case a == nil:
				return errAccountNotFound()
			case accountID == o.ManagementAccount:
				return errConstraint("CANNOT_CLOSE_MANAGEMENT_ACCOUNT", "You attempted to close the management account. To close the management account for the organization, you must first either remove or close all member accounts in the organization. Follow standard account closure process using root credentials.")
			case o.FeatureSet != "ALL":
				return errConstraint("ORGANIZATION_NOT_IN_ALL_FEATURES_MODE", "You attempted to perform an operation that requires the organization to be configured to support all features.")
			case a.State != "":
				return errf("AccountAlreadyClosedException", "You attempted to close an account that is already closed.")
			case closedRecently(o, now) >= closeQuota(len(o.Accounts)-1):
				return errConstraint("CLOSE_ACCOUNT_QUOTA_EXCEEDED", "You have exceeded close account quota for the past 30 days.")
			}
			a.State, a.CloseRequested = "SUSPENDED", now
			return tx.CloseAccount(accountID, now)
		})
}
