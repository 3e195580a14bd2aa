package store

import "sync"

// syncGroup shares fsyncs of one directory among concurrent callers. A
// caller needs an fsync that started after its own change to the directory
// (a rename into it); any such fsync will do, so callers that arrive while
// one runs wait for the next and all share it: under load there is one
// directory fsync per round instead of one per writer, and each caller
// still returns only once its change is durable.
type syncGroup struct {
	// fsync syncs the directory.
	fsync func() error

	mu       sync.Mutex
	cond     sync.Cond // signalled when a round ends; L is &mu
	started  uint64    // rounds started
	finished uint64    // the last round that ended
	running  bool
	failed   uint64 // the last round that failed (0: none)
	err      error  // its error
	waiters  int    // callers blocked until a round ends (tests read it)
}

func newSyncGroup(fsync func() error) *syncGroup {
	g := &syncGroup{fsync: fsync}
	g.cond.L = &g.mu
	return g
}

// sync returns once an fsync that started after the call has ended: nil
// when it succeeded, its error otherwise.
func (g *syncGroup) sync() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	// A round running now may have started before the caller's change:
	// only the next one counts.
	need := g.started + 1
	for g.finished < need {
		if g.running {
			g.waiters++
			g.cond.Wait()
			g.waiters--
			continue
		}
		g.running = true
		g.started++
		round := g.started
		g.mu.Unlock()
		err := g.fsync()
		g.mu.Lock()
		g.running, g.finished = false, round
		if err != nil {
			g.failed, g.err = round, err
		}
		g.cond.Broadcast()
	}
	// Fail closed: a failed round at or after the one needed may have
	// lost the caller's change, whatever later rounds answered.
	if g.failed >= need {
		return g.err
	}
	return nil
}
