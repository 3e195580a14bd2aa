package evaluator

import (
	"container/list"
	"crypto/sha256"
	"sync"
)

// Cache memoises Parse by a SHA-256 of (kind, document), keeping at most
// max entries (least recently used are dropped). Parse errors are cached
// too. It is safe for concurrent use; the *Policy values it returns are
// shared and immutable.
type Cache struct {
	mu    sync.Mutex
	max   int
	ll    *list.List
	items map[[32]byte]*list.Element
}

type cacheEntry struct {
	key [32]byte
	p   *Policy
	err error
}

// NewCache returns a cache holding up to max parsed policies (max <= 0
// means 1024).
func NewCache(max int) *Cache {
	if max <= 0 {
		max = 1024
	}
	return &Cache{max: max, ll: list.New(), items: map[[32]byte]*list.Element{}}
}

func cacheKey(doc string, kind Kind) [32]byte {
	h := sha256.New()
	h.Write([]byte{byte(kind)})
	h.Write([]byte(doc))
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// Parse returns the cached result of Parse(doc, kind), parsing on a miss.
func (c *Cache) Parse(doc string, kind Kind) (*Policy, error) {
	k := cacheKey(doc, kind)
	c.mu.Lock()
	if el, ok := c.items[k]; ok {
		c.ll.MoveToFront(el)
		ent := el.Value.(*cacheEntry)
		c.mu.Unlock()
		return ent.p, ent.err
	}
	c.mu.Unlock()

	p, err := Parse(doc, kind)

	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		ent := el.Value.(*cacheEntry)
		return ent.p, ent.err
	}
	c.items[k] = c.ll.PushFront(&cacheEntry{key: k, p: p, err: err})
	for c.ll.Len() > c.max {
		el := c.ll.Back()
		c.ll.Remove(el)
		delete(c.items, el.Value.(*cacheEntry).key)
	}
	return p, err
}

// Len returns the number of cached entries.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}
