package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// bucketStats is where one bbolt bucket's bytes go.
type bucketStats struct {
	Name       string `json:"name"`
	Keys       int    `json:"keys"`
	KeyBytes   int64  `json:"key_bytes"`
	ValueBytes int64  `json:"value_bytes"`
	LeafPages  int    `json:"leaf_pages"`
	LeafOver   int    `json:"leaf_overflow_pages"`
	LeafAlloc  int    `json:"leaf_alloc"`
	LeafInuse  int    `json:"leaf_inuse"`
	Branch     int    `json:"branch_pages"`
	BranchOver int    `json:"branch_overflow_pages"`
	BranchUse  int    `json:"branch_inuse"`
	Depth      int    `json:"depth"`
}

// storeStats is the breakdown of a meta.db.
type storeStats struct {
	FileBytes       int64         `json:"file_bytes"`
	PageSize        int           `json:"page_size"`
	HighWaterPages  int64         `json:"high_water_pages"`
	FreePages       int           `json:"free_pages"`
	PendingPages    int           `json:"pending_pages"`
	FreelistInuse   int           `json:"freelist_inuse"`
	InlineBodyBytes int64         `json:"inline_body_bytes"`
	Buckets         []bucketStats `json:"buckets"`
}

// stats prints where the bytes of dir's meta.db go, as JSON.
func stats(dir string, w io.Writer) error {
	path := filepath.Join(dir, "meta.db")
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	st := storeStats{FileBytes: fi.Size(), PageSize: db.Info().PageSize}
	ds := db.Stats()
	st.FreePages, st.PendingPages, st.FreelistInuse = ds.FreePageN, ds.PendingPageN, ds.FreelistInuse
	err = db.View(func(tx *bolt.Tx) error {
		st.HighWaterPages = tx.Size() / int64(st.PageSize)
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return walk(string(name), b, &st)
		})
	})
	if err != nil {
		return err
	}
	sort.Slice(st.Buckets, func(i, j int) bool { return st.Buckets[i].Name < st.Buckets[j].Name })
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(st)
}

func walk(name string, b *bolt.Bucket, st *storeStats) error {
	s := b.Stats()
	bs := bucketStats{Name: name, LeafPages: s.LeafPageN, LeafOver: s.LeafOverflowN, LeafAlloc: s.LeafAlloc,
		LeafInuse: s.LeafInuse, Branch: s.BranchPageN, BranchOver: s.BranchOverflowN, BranchUse: s.BranchInuse, Depth: s.Depth}
	var subs []string
	err := b.ForEach(func(k, v []byte) error {
		if v == nil {
			subs = append(subs, string(k))
			return nil
		}
		bs.Keys++
		bs.KeyBytes += int64(len(k))
		bs.ValueBytes += int64(len(v))
		if name == "_bodies" && len(v) > 0 {
			st.InlineBodyBytes += int64(len(v) - 1)
		}
		return nil
	})
	if err != nil {
		return err
	}
	st.Buckets = append(st.Buckets, bs)
	for _, sub := range subs {
		if err := walk(name+"/"+sub, b.Bucket([]byte(sub)), st); err != nil {
			return fmt.Errorf("%s: %w", sub, err)
		}
	}
	return nil
}
