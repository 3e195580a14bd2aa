package store

import "sync"

// Readers and removed bodies.
//
// A writer commits metadata that no longer names a body, then removes the
// body file. bbolt does not wait for readers before a commit: a GET whose
// read transaction began before that commit still finds the old record and
// would open a file already gone (a 404 for a key that exists, or a body
// cut short after its Content-Length was sent). So readers pin: a pin taken
// before a read transaction keeps every body that transaction can find on
// disk until the pin is released, and RemoveBodies defers removing bodies
// while an older pin is held. Readers that pin later cannot find the
// removed bodies: the commit that dropped them came first.

// reclaimer counts pins by epoch and holds removals until no pin of their
// epoch or before remains.
type reclaimer struct {
	mu      sync.Mutex
	epoch   uint64         // advanced by every removal
	pins    map[uint64]int // epoch → pins held
	pending []retired      // oldest first
}

// retired bodies wait for the pins of epochs up to epoch.
type retired struct {
	epoch uint64
	ids   []string
}

// pin records a reader at the current epoch.
func (r *reclaimer) pin() uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pins == nil {
		r.pins = map[uint64]int{}
	}
	r.pins[r.epoch]++
	return r.epoch
}

// unpin releases a pin taken at epoch and returns the bodies now free to
// remove.
func (r *reclaimer) unpin(epoch uint64) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pins[epoch]--; r.pins[epoch] <= 0 {
		delete(r.pins, epoch)
	}
	return r.ready()
}

// retire queues ids for removal once every pin taken so far is released,
// and returns the bodies free to remove now (ids among them when no pin is
// held).
func (r *reclaimer) retire(ids []string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pending = append(r.pending, retired{epoch: r.epoch, ids: ids})
	r.epoch++
	return r.ready()
}

// ready removes from pending and returns the bodies whose epoch no pin
// still covers. Called with mu held.
func (r *reclaimer) ready() []string {
	oldest := r.epoch // no pin: everything is free
	for e := range r.pins {
		oldest = min(oldest, e)
	}
	var out []string
	n := 0
	for _, p := range r.pending {
		if p.epoch >= oldest {
			break
		}
		out = append(out, p.ids...)
		n++
	}
	r.pending = r.pending[n:]
	return out
}

// pendingCount is the number of removals still waiting for readers.
func (r *reclaimer) pendingCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.pending)
}

// clear forgets every pending removal (Reset removes every body anyway).
func (r *reclaimer) clear() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pending = nil
}
