package sigv4

import "sync"

// KeyCache remembers derived SigV4 signing keys. A signing key depends only
// on the secret, the date, the region and the service, so a client's
// requests on one day share it and skip the four-HMAC derivation. It is safe
// for concurrent use.
type KeyCache struct {
	mu  sync.Mutex
	max int
	m   map[keyScope][]byte
}

// keyScope is what a signing key is derived from. A struct key, not a
// joined string, so a lookup allocates nothing.
type keyScope struct{ secret, date, region, service string }

// NewKeyCache returns a cache holding up to max keys; when full it starts
// over, which is cheap and bounds memory.
func NewKeyCache(max int) *KeyCache {
	return &KeyCache{max: max, m: make(map[keyScope][]byte)}
}

func (c *KeyCache) get(secret, date, region, service string) []byte {
	id := keyScope{secret, date, region, service}
	c.mu.Lock()
	k, ok := c.m[id]
	c.mu.Unlock()
	if ok {
		return k
	}
	k = deriveKey(secret, date, region, service)
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[id] = k
	c.mu.Unlock()
	return k
}

// signingKey derives (or recalls) the signing key for a credential scope.
func (v *Verifier) signingKey(secret, date, region, service string) []byte {
	if v.Keys == nil {
		return deriveKey(secret, date, region, service)
	}
	return v.Keys.get(secret, date, region, service)
}
