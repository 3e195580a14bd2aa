package iam

import (
	"context"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// providerKind is what OpenID Connect and SAML providers differ in for the
// actions they share: both are named by an ARN in the caller's account.
type providerKind struct {
	storeKind string
	// keyFromARN splits a provider ARN into its account and store key.
	keyFromARN func(providerARN string) (acct, k string, ok bool)
	// missing is the NoSuchEntity error for providerARN.
	missing func(providerARN string) error
	// deleteMissing is the NoSuchEntity error for deleting providerARN.
	deleteMissing func(providerARN string) error
}

var (
	oidcProviders = providerKind{store.KindOIDCProvider, oidcKeyFromARN, noSuchOIDCProvider, oidcDeleteMissing}
	samlProviders = providerKind{store.KindSAMLProvider, samlStoreKey, noSuchSAMLProvider, noSuchSAMLProvider}
)

// oidcDeleteMissing is DeleteOpenIDConnectProvider's answer for a provider
// that does not exist, not GetOpenIDConnectProvider's (LocalStack
// test_iam_oidc.py TestOIDCProviderOperations::
// test_delete_open_id_connect_provider, "deletion-not-found-error",
// recorded 18 Feb 2026); DeleteSAMLProvider answers as GetSAMLProvider
// does (test_iam_saml_providers.py, 13 Feb 2026).
func oidcDeleteMissing(providerARN string) error {
	return noSuchEntity("OpenId connect Provider %s cannot be found.", providerARN)
}

// providerKey authorizes action on providerARN (with the request's
// condition keys, nil for none) and returns the account and store key the
// ARN names: InvalidInput when it is malformed, NoSuchEntity when it names
// another account's provider.
func (h *Handler) providerKey(ctx context.Context, kind providerKind, action, providerARN string, keys map[string][]string) (acct, k string, err error) {
	if err := h.authorizeWith(ctx, action, providerARN, keys); err != nil {
		return "", "", err
	}
	acct, k, ok := kind.keyFromARN(providerARN)
	if !ok {
		return "", "", invalidInput("ARN %s is not valid.", providerARN)
	}
	if acct != account(ctx) {
		return "", "", kind.missing(providerARN)
	}
	return acct, k, nil
}

// withProvider authorizes action on the provider providerARN names (with
// the request's condition keys, nil for none), loads it, applies fn and
// saves it, in one transaction (fn nil: read only).
func withProvider[T any](ctx context.Context, h *Handler, kind providerKind, action, providerARN string, keys map[string][]string, fn func(*T) error) (*T, error) {
	acct, k, err := h.providerKey(ctx, kind, action, providerARN, keys)
	if err != nil {
		return nil, err
	}
	var rec *T
	load := func(tx *store.Tx) error {
		var err error
		rec, err = get[T](tx, acct, kind.storeKind, k, kind.missing(providerARN))
		return err
	}
	if fn == nil {
		err = h.db.View(ctx, load)
	} else {
		// Shares a commit with concurrent writes (store.DB.Batch); a run
		// loads rec afresh, as a second run must.
		err = h.db.Batch(ctx, func(tx *store.Tx) error {
			if err := load(tx); err != nil {
				return err
			}
			if err := fn(rec); err != nil {
				return err
			}
			return tx.Put(acct, kind.storeKind, k, rec)
		})
	}
	if err != nil {
		return nil, wrap(action, err)
	}
	return rec, nil
}

// deleteProvider serves DeleteOpenIDConnectProvider and DeleteSAMLProvider.
func (h *Handler) deleteProvider(ctx context.Context, kind providerKind, action, providerARN string) error {
	acct, k, err := h.providerKey(ctx, kind, action, providerARN, nil)
	if err != nil {
		return err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err = h.db.Batch(ctx, func(tx *store.Tx) error {
		return remove(tx, acct, kind.storeKind, k, kind.deleteMissing(providerARN))
	})
	return wrap(action, err)
}

// samlStoreKey splits a SAML provider ARN into its account and store key
// (the lower-cased name).
func samlStoreKey(providerARN string) (acct, k string, ok bool) {
	acct, name, ok := samlKeyFromARN(providerARN)
	return acct, strings.ToLower(name), ok
}
