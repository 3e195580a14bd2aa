package store

import "fmt"

// NextSequence returns the next number of kind's sequence in scope: a
// counter kept with the kind itself (bbolt's per-bucket sequence), so
// numbering a record rewrites no other record. Numbers only grow, and a
// number is never less than floor: a caller that numbered records some
// other way before can pass the next number that way would have given,
// and the sequence continues from there. The counter is part of the
// transaction: it moves only when the transaction commits, and goes away
// with the kind (DeleteKind).
//
// It writes nothing to any record, so it changes neither Generation nor
// BucketGeneration.
func (t *Tx) NextSequence(scope, kind string, floor uint64) (uint64, error) {
	b, err := t.bucket(scope, kind, true)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", kind, err)
	}
	if b == nil {
		return 0, fmt.Errorf("sequence of %s: read-only transaction", kind)
	}
	next := b.Sequence() + 1
	if next < floor {
		next = floor
	}
	t.changed = true
	if err := b.SetSequence(next); err != nil {
		return 0, fmt.Errorf("sequence of %s: %w", kind, err)
	}
	return next, nil
}
