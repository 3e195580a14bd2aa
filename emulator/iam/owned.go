package iam

import (
	"context"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// A user's credential-like items (signing certificates, SSH public keys)
// are listed, updated and deleted the same way: authorize the action on
// their owner (the caller when no UserName is given), check that the owner
// exists, then read or change the items in one transaction.

// listOwned returns page pp of the owner's items that load finds, each
// shown by show; what names the listing in a storage error.
func listOwned[T, X any](ctx context.Context, h *Handler, action, what, name string, named bool, pp pageParams,
	load func(tx *store.Tx, acct, user string) ([]T, error), show func(T) X) ([]X, pageInfo, error) {
	user, err := h.keyOwner(ctx, action, name, named)
	if err != nil {
		return nil, pageInfo{}, err
	}
	acct := account(ctx)
	var items []X
	err = h.db.View(ctx, func(tx *store.Tx) error {
		if _, err := ownerName(tx, acct, user); err != nil {
			return err
		}
		recs, err := load(tx, acct, user)
		for _, r := range recs {
			items = append(items, show(r))
		}
		return err
	})
	if err != nil {
		return nil, pageInfo{}, wrap(what, err)
	}
	pg, more := pageInOrder(items, pp)
	return pg, more, nil
}

// changeOwned loads the owner's item id with load and applies change to
// it.
func changeOwned[T any](ctx context.Context, h *Handler, action, name string, named bool, id string,
	load func(tx *store.Tx, acct, user, id string) (*T, error),
	change func(tx *store.Tx, acct string, item *T) error) error {
	return changeOwnedWith(ctx, h, action, name, named, id, nil, load, change)
}

// changeOwnedWith is changeOwned with the request's condition keys.
func changeOwnedWith[T any](ctx context.Context, h *Handler, action, name string, named bool, id string,
	keys map[string][]string,
	load func(tx *store.Tx, acct, user, id string) (*T, error),
	change func(tx *store.Tx, acct string, item *T) error) error {
	user, err := h.keyOwnerWith(ctx, action, name, named, keys)
	if err != nil {
		return err
	}
	acct := account(ctx)
	// Shares a commit with concurrent writes (store.DB.Batch); change
	// gets the item as this run reads it.
	return h.db.Batch(ctx, func(tx *store.Tx) error {
		if _, err := ownerName(tx, acct, user); err != nil {
			return err
		}
		item, err := load(tx, acct, user, id)
		if err != nil {
			return err
		}
		return change(tx, acct, item)
	})
}
