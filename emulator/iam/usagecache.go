package iam

import (
	"sync"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// accountCache keeps one value per account derived from the account's IAM
// records, for the read paths that would otherwise decode every record of
// a kind on each call. An entry is valid while the store's identity
// generation it was read under is current; every committed write to IAM
// records moves it (store.DB.Generation), as for the authorizer's identity
// cache and the authenticator's key cache. Values are shared by every
// caller and must only be read. The zero value is ready; it holds at most
// limit accounts and starts over when full.
type accountCache[V any] struct {
	mu      sync.Mutex
	entries map[string]accountEntry[V]
}

type accountEntry[V any] struct {
	gen uint64
	v   V
}

// get returns the value for acct derived in tx, from the cache when it
// was derived under gen. gen must have been read (store.DB.Generation)
// before tx began, so an entry is never labelled with a generation newer
// than the records it was derived from.
func (c *accountCache[V]) get(tx *store.Tx, acct string, gen uint64, limit int, derive func(*store.Tx, string) (V, error)) (V, error) {
	c.mu.Lock()
	e, ok := c.entries[acct]
	c.mu.Unlock()
	if ok && e.gen == gen {
		return e.v, nil
	}
	v, err := derive(tx, acct)
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= limit {
		c.entries = make(map[string]accountEntry[V])
	}
	c.entries[acct] = accountEntry[V]{gen: gen, v: v}
	c.mu.Unlock()
	return v, nil
}

// Bounds of the per-account caches: the usage counts are small; a
// customer policy listing holds up to 1,500 policies (without their
// documents).
const (
	maxCachedUsage    = 1024
	maxCachedListings = 64
)

// policyUsageAt is policyUsage(tx, acct) through h's cache: the AWS
// managed policies' attachment and boundary counts, which GetPolicy and
// ListPolicies answer and which count every user, group and role of the
// account (~8 ms with 1,000 users and 1,000 roles). gen as for
// accountCache.get.
func (h *Handler) policyUsageAt(tx *store.Tx, acct string, gen uint64) (*usage, error) {
	return h.usage.get(tx, acct, gen, maxCachedUsage, policyUsage)
}

// customerPolicyListingAt is customerPolicyListing(tx, acct) through h's
// cache: ListPolicies otherwise decodes every customer managed policy of
// the account, with all its versions' documents (~9 ms for 500). gen as
// for accountCache.get.
func (h *Handler) customerPolicyListingAt(tx *store.Tx, acct string, gen uint64) ([]listedPolicy, error) {
	return h.customerListings.get(tx, acct, gen, maxCachedListings, customerPolicyListing)
}
