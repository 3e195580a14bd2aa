package iam

import (
	"sync"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// usageCache keeps, per account, the attachment and boundary counts of AWS
// managed policies (policyUsage), which GetPolicy and ListPolicies answer:
// counting them decodes every user, group and role of the account, ~8 ms
// with 1,000 users and 1,000 roles. An entry is valid while the store's
// identity generation it was read under is current; every committed write
// to users, groups or roles moves it (store.DB.Generation), as for the
// authorizer's identity cache and the authenticator's key cache.
type usageCache struct {
	mu      sync.Mutex
	entries map[string]usageEntry
}

type usageEntry struct {
	gen uint64
	u   *usage
}

// maxCachedUsage bounds the cache; when full it starts over.
const maxCachedUsage = 1024

// policyUsageAt is policyUsage(tx, acct) through h's cache. gen must have
// been read (h.db.Generation) before tx began, so an entry is never
// labelled with a generation newer than the records it counted. The usage
// returned is shared and must only be read.
func (h *Handler) policyUsageAt(tx *store.Tx, acct string, gen uint64) (*usage, error) {
	h.usage.mu.Lock()
	e, ok := h.usage.entries[acct]
	h.usage.mu.Unlock()
	if ok && e.gen == gen {
		return e.u, nil
	}
	u, err := policyUsage(tx, acct)
	if err != nil {
		return nil, err
	}
	h.usage.mu.Lock()
	if h.usage.entries == nil || len(h.usage.entries) >= maxCachedUsage {
		h.usage.entries = make(map[string]usageEntry)
	}
	h.usage.entries[acct] = usageEntry{gen: gen, u: u}
	h.usage.mu.Unlock()
	return u, nil
}
