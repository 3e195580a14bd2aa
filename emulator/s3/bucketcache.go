package s3

import (
	"errors"
	"sync"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// bucketCache keeps decoded buckets for the read path (GetObject,
// HeadObject and the region check every signed request makes), so a GET
// does not decode the bucket record's JSON, and the owner account's, on
// every request. An entry is valid while both store generations it was
// read under are current: the bucket generation (bucket records) and the
// identity generation (the account's Block Public Access and the policy
// principals resolved from IAM records).
//
// Entries are shared and must be treated as read-only: only handlers that
// change nothing in the bucket (getObject, and the authorization of object
// writes: startWrite, copyObject and its source, deleteObject(s),
// uploadFor) use them. Handlers that change the bucket load their own copy
// with loadBucket.
type bucketCache struct {
	mu      sync.RWMutex
	entries map[string]cachedBucket
}

type cachedBucket struct {
	gen generations
	b   *bucketState
}

// generations are the store generations a cached value was derived under.
type generations struct{ identity, buckets uint64 }

// maxCachedBuckets bounds the cache; when full it starts over.
const maxCachedBuckets = 1024

// generations reads the store's generations; read them before the
// transaction that derives the value to cache.
func (h *Handler) generations() generations {
	return generations{identity: h.db.Generation(), buckets: h.db.BucketGeneration()}
}

// get returns the cached bucket name if it was read under gen.
func (c *bucketCache) get(name string, gen generations) *bucketState {
	c.mu.RLock()
	e, ok := c.entries[name]
	c.mu.RUnlock()
	if !ok || e.gen != gen {
		return nil
	}
	return e.b
}

// put caches b, read in a transaction that began after gen was read.
func (c *bucketCache) put(name string, gen generations, b *bucketState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= maxCachedBuckets {
		c.entries = make(map[string]cachedBucket)
	}
	c.entries[name] = cachedBucket{gen: gen, b: b}
}

// loadBucketShared is loadBucket through the cache: the bucket it returns
// may be shared with other requests and must not be changed. gen must have
// been read before tx began.
func (h *Handler) loadBucketShared(tx *store.Tx, name string, gen generations) (*bucketState, error) {
	if b := h.buckets.get(name, gen); b != nil {
		return b, nil
	}
	b, err := loadBucket(tx, name)
	if err != nil {
		return nil, err
	}
	h.buckets.put(name, gen, b)
	return b, nil
}

// bucketShared is bucket through the cache: the bucket it returns may be
// shared with other requests and must not be changed. A cached bucket
// needs no transaction at all.
func (h *Handler) bucketShared(rq *req) (*bucketState, error) {
	gen := h.generations()
	if b := h.buckets.get(rq.bucket, gen); b != nil {
		return b, nil
	}
	var b *bucketState
	err := h.db.View(rq.ctx, func(tx *store.Tx) error {
		var err error
		b, err = h.loadBucketShared(tx, rq.bucket, gen)
		return err
	})
	return b, err
}

// bucketRecord reads bucket name's record as tx sees it, for the object
// writes that commit under it (PutObject, CopyObject, DeleteObject,
// CompleteMultipartUpload): only the record, without the account or the
// resolved policy that authorization needs (loadBucket). The value is
// shared while the record's stored bytes are unchanged (store.Memo), so it
// must only be read. NoSuchBucket when the bucket is gone.
func (h *Handler) bucketRecord(tx *store.Tx, name string) (*store.Bucket, error) {
	b, err := store.GetMemo(tx, &h.bucketRecords, store.Global, store.KindBucket, name)
	if errors.Is(err, store.ErrNotFound) {
		return nil, errNoSuchBucket(name)
	}
	return b, err
}

// cachedRegion returns the region of bucket name when the cache holds it
// for the current generations.
func (h *Handler) cachedRegion(name string) (string, bool) {
	if b := h.buckets.get(name, h.generations()); b != nil {
		return b.Region, true
	}
	return "", false
}
