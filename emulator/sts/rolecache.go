package sts

import (
	"strings"
	"sync"
)

// roleCacheSize bounds the roles kept; past it the cache starts over.
const roleCacheSize = 1024

// roleCache keeps the roles (record and resolved trust policy) that
// AssumeRole read, each with the store generation read before reading it,
// so repeated assumptions of one role skip decoding its record and
// resolving its trust policy's principals. An entry is valid while the
// generation is unchanged: any identity write (a role, its trust policy, a
// principal it names, a reset) changes it (store.DB.Generation).
type roleCache struct {
	mu      sync.Mutex
	entries map[roleCacheKey]roleCacheEntry
}

type roleCacheKey struct{ account, name string }

type roleCacheEntry struct {
	gen  uint64
	role *roleRecord // shared: read-only
}

func cacheKey(ref roleRef) roleCacheKey {
	return roleCacheKey{ref.Account, strings.ToLower(ref.Name)}
}

// get returns the role cached for ref at generation gen (nil when none).
func (c *roleCache) get(ref roleRef, gen uint64) *roleRecord {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[cacheKey(ref)]
	if !ok || e.gen != gen {
		return nil
	}
	return e.role
}

// put keeps r for ref, read at generation gen.
func (c *roleCache) put(ref roleRef, gen uint64, r *roleRecord) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= roleCacheSize {
		c.entries = make(map[roleCacheKey]roleCacheEntry)
	}
	c.entries[cacheKey(ref)] = roleCacheEntry{gen: gen, role: r}
}
