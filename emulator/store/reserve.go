package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// Space reserve.
//
// On a full disk every write is refused, and the way out is to delete
// objects. But a delete is a bbolt commit too: it writes copies of the
// pages it changes, and the freelist, before the pages it frees can be
// used. Once meta.db has no free page left and cannot grow, even a DELETE
// fails, and the store can only be freed from outside
// (reliability TestFullDiskMetadataWrites: metadata-only writes go on
// succeeding on a full disk while free pages last, and use them up).
//
// Open therefore keeps a small file, meta.reserve, beside meta.db when
// the disk has room for it. The writes that free space commit through
// BatchFreeing: when their commit meets a full disk, the reserve is
// removed and the commit tried once more, now with room for the pages it
// needs. The reserve comes back at the next Open that has room for it.

const (
	reserveName = "meta.reserve"
	// reserveSize is 64 pages of 4 KiB: a delete's copied branch of the
	// tree, its freelist and meta page many times over.
	reserveSize = 256 << 10
)

// ensureReserve writes the reserve file when it is missing or short and
// the disk has room; a disk without room is no error (the reserve is
// then missing until a later start).
func ensureReserve(dir string) {
	path := filepath.Join(dir, reserveName)
	if fi, err := os.Stat(path); err == nil && fi.Size() >= reserveSize {
		return
	}
	// Real blocks (written bytes, not a hole), so removing it frees them.
	if err := os.WriteFile(path, make([]byte, reserveSize), 0o600); err != nil {
		os.Remove(path)
	}
}

// releaseReserve removes the reserve file, freeing its blocks.
func (db *DB) releaseReserve() {
	_ = os.Remove(filepath.Join(db.dir, reserveName))
}

// BatchFreeing is Batch for the writes that free space (deletes): when
// the commit fails because the disk is full, the space reserve is
// released and fn runs once more in a new commit, so a full disk can
// still be freed through the API. fn must be written for Batch (run again
// from the start, it gives its answer afresh).
func (db *DB) BatchFreeing(ctx context.Context, fn func(*Tx) error) error {
	err := db.Batch(ctx, fn)
	if !errors.Is(err, syscall.ENOSPC) {
		return err
	}
	db.releaseReserve()
	return db.Batch(ctx, fn)
}
