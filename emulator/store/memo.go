package store

import (
	"bytes"
	"fmt"
	"sync"
)

// Memo keeps decoded records together with the stored bytes each was
// decoded from, for records that hot write transactions read on every call
// and seldom change (an S3 bucket read by every PutObject). GetMemo
// compares the bytes the transaction reads with the remembered ones, so a
// value is reused exactly when decoding would give the same value: it is
// correct in any transaction, whatever commits around it, with no
// generation to follow.
//
// Values from a Memo are shared by every caller and must not be modified.
// The zero Memo is ready to use; it holds at most maxMemoEntries records
// and starts over when full.
type Memo[T any] struct {
	mu      sync.RWMutex
	entries map[memoKey]memoEntry[T]
}

type memoKey struct{ scope, kind, key string }

type memoEntry[T any] struct {
	raw []byte // a copy of the record's stored bytes
	v   *T
}

const maxMemoEntries = 1024

// GetMemo returns the record scope/kind/key of t as T, decoded in t or, when
// the record's bytes are those m last decoded it from, m's shared copy. It
// returns ErrNotFound when there is none. The value must not be modified.
func GetMemo[T any](t *Tx, m *Memo[T], scope, kind, key string) (*T, error) {
	raw, err := t.stored(scope, kind, key)
	if err != nil {
		return nil, err
	}
	return m.decode(scope, kind, key, raw)
}

// decode returns the record scope/kind/key stored as raw, m's copy when
// m decoded it from the same bytes.
func (m *Memo[T]) decode(scope, kind, key string, raw []byte) (*T, error) {
	k := memoKey{scope, kind, key}
	m.mu.RLock()
	e, ok := m.entries[k]
	m.mu.RUnlock()
	if ok && bytes.Equal(e.raw, raw) {
		return e.v, nil
	}
	v := new(T)
	if err := decodeRecord(kind, key, raw, v); err != nil {
		return nil, fmt.Errorf("decode %s %q: %w", kind, key, err)
	}
	m.mu.Lock()
	if m.entries == nil || len(m.entries) >= maxMemoEntries {
		m.entries = make(map[memoKey]memoEntry[T])
	}
	m.entries[k] = memoEntry[T]{raw: bytes.Clone(raw), v: v}
	m.mu.Unlock()
	return v, nil
}
