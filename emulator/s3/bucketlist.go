package s3

import (
	"context"
	"sort"
	"strings"
	"sync"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// bucketList keeps, for ListBuckets, every bucket's listing entry (name,
// owner, Region, creation time) in store key order, so a ListBuckets does
// not decode every bucket record's JSON (with its policy, ACL and
// configuration) on every call: ~10 µs per bucket. The list is valid while
// the store's bucket generation read before the transaction that built it
// is current; every committed write to a bucket record (CreateBucket,
// DeleteBucket, any bucket configuration) and Reset move it. Object
// writes do not, so the list survives PUT traffic.
type bucketList struct {
	mu      sync.Mutex
	gen     uint64
	built   bool
	entries []listedBucket
}

// listedBucket is one bucket as ListBuckets lists it. Entries are shared
// by every caller and must only be read.
type listedBucket struct {
	key     string // the bucket record's store key
	account string
	region  string
	xml     xmlBucket
}

// listedBuckets returns every bucket's listing entry in key order, built
// in a read transaction when the cached list is not from the current
// bucket generation.
func (h *Handler) listedBuckets(ctx context.Context) ([]listedBucket, error) {
	gen := h.db.BucketGeneration()
	h.bucketList.mu.Lock()
	if h.bucketList.built && h.bucketList.gen == gen {
		entries := h.bucketList.entries
		h.bucketList.mu.Unlock()
		return entries, nil
	}
	h.bucketList.mu.Unlock()
	var entries []listedBucket
	err := h.db.View(ctx, func(tx *store.Tx) error {
		entries = nil
		return tx.ForEach(store.Global, store.KindBucket, "", "", func(k string, dec store.Decoder) error {
			var b store.Bucket
			if err := dec(&b); err != nil {
				return err
			}
			entries = append(entries, listedBucket{key: k, account: b.Account, region: b.Region,
				xml: xmlBucket{Name: b.Name, CreationDate: xmlTime(b.Created), BucketRegion: b.Region, BucketARN: bucketARN(b.Name)}})
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	h.bucketList.mu.Lock()
	h.bucketList.gen, h.bucketList.built, h.bucketList.entries = gen, true, entries
	h.bucketList.mu.Unlock()
	return entries, nil
}

// walkListedBuckets calls fn with the entries whose key starts with
// prefix, in key order, from the first key ≥ start (when start is not
// empty), as store.Tx.ForEach walks the records, until fn returns false.
func walkListedBuckets(entries []listedBucket, prefix, start string, fn func(*listedBucket) bool) {
	seek := prefix
	if start > prefix {
		seek = start
	}
	for i := sort.Search(len(entries), func(i int) bool { return entries[i].key >= seek }); i < len(entries); i++ {
		if !strings.HasPrefix(entries[i].key, prefix) || !fn(&entries[i]) {
			return
		}
	}
}
