package store

import (
	"bytes"
	"slices"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Deleting removed inline bodies in bulk.
//
// An overwrite leaves the old body of its key dead in "_bodies". Deleting
// each one with the very next commit cost a page per body: a client that
// overwrites keys in a cycle removes bodies staged long ago by writers that
// have drifted apart, so a round's ~27 dead bodies sat in ~27 different
// leaves, and each leaf was rewritten (and, a round later, rewritten again
// for the next dead body beside it). Removed bodies therefore queue until
// trashBatch of them (or trashBytes) wait, and are then deleted together,
// in key order, by one commit: whole runs of neighbours go at once, so
// whole leaves empty out and are freed instead of rewritten. On a real
// server (64 clients overwriting 10,000 1 KiB objects) pages written per
// PUT went from ~3.0 to ~2.4.
//
// Queued bodies are dead, not readable: no committed record names them
// (a reader that found one before it was replaced holds a pin, and
// RemoveBodies queues it only once that pin is released), and a record
// that would name one again is refused (storeInlineBody). When no call has
// reached the committer for trashIdle, it deletes whatever is queued, so a
// quiet server keeps no dead bodies; Close deletes them too. A crash loses
// the queue, not data: the bodies stay unreferenced in "_bodies", the next
// start is unclean (no clean-shutdown marker), and its sweep removes them.

const (
	// trashBatch is how many removed inline bodies wait before a commit
	// deletes them. Pages written per PUT (64 clients overwriting 10,000
	// 1 KiB objects), by batch: 128: 2.6, 256: 2.5, 512: 2.5, 2048: 2.4,
	// 8192: 2.4 (each queued body is ~1 KiB of dead space).
	trashBatch = 1024
	// trashBytes bounds the dead bytes waiting (bodies of up to
	// InlineMax bytes each fill their own overflow pages, which a
	// deletion frees without rewriting neighbours, so large ones gain
	// little from waiting).
	trashBytes = 4 << 20
	// trashIdle is how long the committer waits without calls before it
	// deletes what is queued.
	trashIdle = 100 * time.Millisecond
)

// trash is the queue of removed inline bodies, held in inlineState under
// its mutex.
type trash struct {
	keys []uuid.UUID
	// sized keys (keys[:sized]) are counted in bytes; the committer counts
	// the rest (measureTrash).
	sized int
	bytes int
}

// discard queues committed inline bodies for deletion, and forgets staged
// ones (a body no record named).
func (s *inlineState) discard(ids []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if k, ok := inlineKey(id); ok {
			delete(s.staged, id)
			s.trash.keys = append(s.trash.keys, k)
		}
	}
}

// takeTrash hands the queued deletions, in key order, to a commit when
// enough are queued, or any are and force is set; nil otherwise. giveBack
// returns them when the commit failed.
func (s *inlineState) takeTrash(force bool) []uuid.UUID {
	s.mu.Lock()
	t := s.trash
	if len(t.keys) == 0 || !force && len(t.keys) < trashBatch && t.bytes < trashBytes {
		s.mu.Unlock()
		return nil
	}
	s.trash = trash{}
	s.mu.Unlock()
	slices.SortFunc(t.keys, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	return t.keys
}

func (s *inlineState) giveBack(keys []uuid.UUID) {
	if len(keys) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Appended after the sized ones: they are counted again.
	s.trash.keys = append(s.trash.keys, keys...)
}

// measureTrash counts, inside a write transaction, the bytes of the bodies
// queued since the last count, so that trashBytes bounds what waits.
func (s *inlineState) measureTrash(btx *bolt.Tx) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.trash.sized == len(s.trash.keys) {
		return
	}
	if b := btx.Bucket(inlineBucket); b != nil {
		for _, k := range s.trash.keys[s.trash.sized:] {
			s.trash.bytes += len(b.Get(k[:]))
		}
	}
	s.trash.sized = len(s.trash.keys)
}

// trashed reports whether inline body key is queued for deletion. It is
// asked only when a record names an inline body committed earlier
// (completing a multipart upload of small parts), so a scan will do.
func (s *inlineState) trashed(key uuid.UUID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Contains(s.trash.keys, key)
}

// pendingTrash is the number of deletions no commit has made yet.
func (s *inlineState) pendingTrash() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.trash.keys)
}

// clearTrash forgets queued deletions (Reset removes every body).
func (s *inlineState) clearTrash() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.trash = trash{}
}

// deleteInline deletes inline bodies by key, in key order, inside btx.
func deleteInline(btx *bolt.Tx, keys []uuid.UUID) error {
	if len(keys) == 0 {
		return nil
	}
	b := btx.Bucket(inlineBucket)
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for i := range keys {
		if k, _ := c.Seek(keys[i][:]); k == nil || !bytes.Equal(k, keys[i][:]) {
			continue // never committed, or already gone
		}
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}
