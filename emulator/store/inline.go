package store

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Inline bodies.
//
// A body of at most InlineMax bytes is not a file: WriteBody keeps it in
// memory (staged) under an id of its own kind, and the transaction that
// first puts an S3 record naming that id stores the bytes in the
// "_bodies" bucket of meta.db, in the same commit. Concurrent small PUTs
// thus share one bbolt commit (Batch) and pay no fsync of their own: the
// body is durable exactly when its record is, and a crash cannot leave one
// without the other.
//
// Inline ids are version 7 UUIDs (time-ordered, so the bucket grows at its
// right edge, and the sweep can tell a young body from an old one); body
// files keep version 4 UUIDs. Records name both kinds the same way.
//
// Removal follows the file rules: RemoveBodies defers an inline body while
// a reader that may still find it is pinned, then queues it; a later
// commit deletes it, together with others (inlinetrash.go), or Close does.
// A crash before that leaves an unreferenced inline body, which the sweep
// removes like a file.

// InlineMax is the largest body kept in meta.db rather than in a file of
// its own. At 64 KiB the bytes cost little next to the fsyncs a body file
// needs (its own, and a directory's), the staged bytes stay bounded (64
// writers hold at most 4 MiB), and a shared commit of 64 such writes is
// one 4 MiB sequential write. Larger bodies stream to files.
const InlineMax = 64 << 10

// inlineBucket holds inline bodies: raw 16-byte id → format byte + bytes.
var inlineBucket = []byte("_bodies")

// inlineFormat is the first byte of every stored inline body.
const inlineFormat = 0

// IsInline reports whether id names an inline body (rather than a file).
func IsInline(id string) bool {
	return len(id) == 36 && id[14] == '7' && id[8] == '-' && id[13] == '-'
}

// inlineKey is the bbolt key of inline body id: its 16 raw bytes. It is
// returned by value so that a lookup allocates nothing; a caller that
// hands the key to Put must keep its bytes alive until the commit (bbolt
// keeps the slice), which storeInlineBody does by putting the key bytes
// of the staged allocation instead.
func inlineKey(id string) (uuid.UUID, bool) {
	u, err := uuid.Parse(id)
	if err != nil || u.Version() != 7 {
		return uuid.UUID{}, false
	}
	return u, true
}

// inlineTime is when inline body id was staged.
func inlineTime(key []byte) time.Time {
	var u uuid.UUID
	copy(u[:], key)
	sec, nsec := u.Time().UnixTime()
	return time.Unix(sec, nsec)
}

// inlineState holds the staged inline bodies (written, not yet committed)
// and the removed ones waiting for a commit to delete them (inlinetrash.go).
type inlineState struct {
	mu sync.Mutex
	// staged maps an id to its stored form: the 16-byte key, then the
	// value (format byte and bytes), in one allocation.
	staged map[string][]byte
	trash  trash
}

// stage keeps a copy of data under a new inline id. The copy is laid out
// as bbolt will store it, so the commit (on the committer's time, which
// every writer in the round waits for) neither allocates nor copies it.
func (s *inlineState) stage(data []byte) (string, error) {
	u, err := uuid.NewV7()
	if err != nil {
		return "", fmt.Errorf("inline body id: %w", err)
	}
	kv := make([]byte, len(u)+1+len(data))
	n := copy(kv, u[:])
	kv[n] = inlineFormat
	copy(kv[n+1:], data)
	id := u.String()
	s.mu.Lock()
	if s.staged == nil {
		s.staged = map[string][]byte{}
	}
	s.staged[id] = kv
	s.mu.Unlock()
	return id, nil
}

// stagedBody returns the stored form of staged body id (see staged).
func (s *inlineState) stagedBody(id string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, ok := s.staged[id]
	return data, ok
}

// unstage forgets staged bodies: they are committed, or abandoned.
func (s *inlineState) unstage(ids []string) {
	if len(ids) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		delete(s.staged, id)
	}
}

// storeInline stores, inside t, the staged inline bodies that parts name,
// and checks that the committed ones they name exist: a record never names
// an inline body that is not in the same commit or an earlier one.
func (t *Tx) storeInline(parts []S3Part) error {
	for _, p := range parts {
		if !IsInline(p.Body) {
			continue
		}
		if err := t.storeInlineBody(p.Body); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) storeInlineBody(id string) error {
	key, ok := inlineKey(id)
	if !ok {
		return fmt.Errorf("body %s: %w", id, ErrNotFound)
	}
	if slices.Contains(t.inlined, id) {
		return nil // the version and the current record name the same body
	}
	b := t.btx.Bucket(inlineBucket)
	kv, staged := t.inline.stagedBody(id)
	if !staged {
		// A body queued for deletion is dead even while it is still
		// stored: naming it again would lose it to the deletion.
		if b == nil || b.Get(key[:]) == nil || t.inline.trashed(key) {
			return fmt.Errorf("body %s: %w", id, ErrNotFound)
		}
		return nil
	}
	t.changed = true
	if b == nil {
		var err error
		if b, err = t.btx.CreateBucket(inlineBucket); err != nil {
			return fmt.Errorf("create inline bodies: %w", err)
		}
	}
	// Keys are time-ordered (UUIDv7), so nearly every insert lands at the
	// right edge, and a page split there is never written into again:
	// pack it full. Ids that commit a little out of order (a writer that
	// staged its body earlier but joined a later commit) still land in the
	// last page or two; with 200 concurrent writers pages stayed 97 % full
	// (0.9 left them 88 % full, ~14 bytes more per small object).
	b.FillPercent = 1.0
	// Key and value share the staged allocation, which outlives the
	// commit as bbolt requires of both.
	n := len(key)
	if err := b.Put(kv[:n:n], kv[n:]); err != nil {
		return err
	}
	t.inlined = append(t.inlined, id)
	return nil
}

// openInline returns a reader over a copy of committed inline body id.
func (db *DB) openInline(id string) (io.ReadSeekCloser, error) {
	key, ok := inlineKey(id)
	if !ok {
		return nil, fmt.Errorf("body %s: %w", id, ErrNotFound)
	}
	var data []byte
	err := db.bolt.View(func(btx *bolt.Tx) error {
		b := btx.Bucket(inlineBucket)
		if b == nil {
			return nil
		}
		if v := b.Get(key[:]); len(v) > 0 {
			if v[0] != inlineFormat {
				return fmt.Errorf("body %s: unknown inline format %d", id, v[0])
			}
			data = append(make([]byte, 0, len(v)-1), v[1:]...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, fmt.Errorf("body %s: %w", id, ErrNotFound)
	}
	return nopCloser{bytes.NewReader(data)}, nil
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// smallBufs holds the buffers WriteBody reads the start of a body into.
var smallBufs = sync.Pool{New: func() any { b := make([]byte, InlineMax+1); return &b }}

// readSmall reads r up to InlineMax+1 bytes into a pooled buffer, which
// the caller returns with smallBufs.Put. small reports that r ended within
// InlineMax bytes; head holds what was read.
func readSmall(r io.Reader) (buf *[]byte, head []byte, small bool, err error) {
	buf = smallBufs.Get().(*[]byte)
	n, err := io.ReadFull(r, *buf)
	switch err {
	case nil:
		return buf, (*buf)[:n], false, nil
	case io.EOF, io.ErrUnexpectedEOF:
		return buf, (*buf)[:n], true, nil
	}
	smallBufs.Put(buf)
	return nil, nil, false, err
}

// inlineIDs lists the committed inline bodies with when they were staged.
func (db *DB) inlineIDs() (ids []string, staged []time.Time, err error) {
	err = db.bolt.View(func(btx *bolt.Tx) error {
		b := btx.Bucket(inlineBucket)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if len(k) != 16 {
				continue
			}
			ids = append(ids, uuid.UUID(k).String())
			staged = append(staged, inlineTime(k))
		}
		return nil
	})
	return ids, staged, err
}
