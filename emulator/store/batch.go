package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Group commit: concurrent writers share one bbolt transaction and one
// fsync pair. Batch queues a call; the committer (commitGroup.run) takes
// every call queued so far and commits them together (commitCalls), and
// each caller is answered only once its round is durable.

// Batch runs fn in a read-write transaction it may share with other
// concurrent Batch calls, so they share one commit and one fsync; it
// returns once the transaction holding fn's writes is durable, or fn's
// own error (fn's writes are then discarded, the others' kept). Use it for
// hot, independent writes such as PutObject.
//
// A function that fails before changing anything leaves the others
// alone. fn may still run more than once: when another function in its
// group fails after changing something, the group is rolled back and the
// rest run again in a new transaction, where fn may find other records
// than the first time. So fn must be idempotent: it sets every captured
// variable it reports through on every run (resetting them first), never
// accumulates into one, and must not touch anything outside the
// transaction (files, caches) until Batch has returned nil. A panic in fn
// becomes an error.
// Once Close has begun, Batch returns ErrClosing.
func (db *DB) Batch(ctx context.Context, fn func(*Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c := &groupCall{fn: fn, done: make(chan error, 1)}
	if !db.group.join(c) {
		return ErrClosing
	}
	return <-c.done
}

// commitGroup is the queue of Batch calls waiting for a commit, and the
// one long-lived goroutine (the committer, started by Open, stopped by
// Close) that commits them: each round takes every call queued so far, so
// no caller waits for more than the commit after the one in progress when
// it arrived. One goroutine for every round keeps its stack, grown once to
// the depth of a bbolt commit, rather than growing a fresh one each round.
type commitGroup struct {
	mu      sync.Mutex
	pending []*groupCall
	stopped bool
	// wake holds one token when calls may be pending; exited is closed
	// when the committer has drained the queue after stop.
	wake   chan struct{}
	exited chan struct{}
}

// groupCall is one Batch call.
type groupCall struct {
	fn       func(*Tx) error
	done     chan error
	identity bool
	buckets  bool
	inlined  []string // inline bodies its records stored
	closed   []string // accounts it closed (Tx.CloseAccount)
	answered bool     // done has its result
}

// idleWork is what the committer does once no call has arrived for after
// while due reports work waiting: deleting removed inline bodies, so a
// quiet server does not keep them.
type idleWork struct {
	due   func() bool
	do    func()
	after time.Duration
}

// start runs the committer until stop.
func (g *commitGroup) start(commit func([]*groupCall), idle idleWork) {
	g.wake = make(chan struct{}, 1)
	g.exited = make(chan struct{})
	go g.run(commit, idle)
}

// join queues c for the committer; false means the group has stopped and
// c will never run.
func (g *commitGroup) join(c *groupCall) bool {
	g.mu.Lock()
	if g.stopped {
		g.mu.Unlock()
		return false
	}
	g.pending = append(g.pending, c)
	g.mu.Unlock()
	g.signal()
	return true
}

func (g *commitGroup) signal() {
	select {
	case g.wake <- struct{}{}:
	default: // a token is already waiting
	}
}

// run commits queued calls round after round; once stopped it drains the
// queue and exits.
func (g *commitGroup) run(commit func([]*groupCall), idle idleWork) {
	defer close(g.exited)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		g.mu.Lock()
		calls, stopped := g.pending, g.stopped
		g.pending = nil
		g.mu.Unlock()
		switch {
		case len(calls) > 0:
			commit(calls)
		case stopped:
			return
		default:
			g.wait(idle, timer)
		}
	}
}

// wait waits for a call, doing the idle work if it is due and none comes
// for its delay.
func (g *commitGroup) wait(idle idleWork, timer *time.Timer) {
	if idle.due == nil || !idle.due() {
		<-g.wake
		return
	}
	timer.Reset(idle.after)
	select {
	case <-g.wake:
		timer.Stop()
	case <-timer.C:
		idle.do()
	}
}

// stop refuses further calls and returns once every queued call has been
// committed (or has failed).
func (g *commitGroup) stop() {
	if g.exited == nil {
		return // never started (Open failed before start)
	}
	g.mu.Lock()
	g.stopped = true
	g.mu.Unlock()
	g.signal()
	<-g.exited
}

// commitCalls runs calls in one transaction. A call that fails before it
// changed anything gets its error at once and the transaction goes on
// without it. A call that fails after changing something gets its error,
// the transaction is rolled back, and the calls not yet answered run again
// in a new one. The transaction also deletes the removed inline bodies
// queued so far when a batch of them waits, or else counts their bytes
// (inlinetrash.go).
func (db *DB) commitCalls(calls []*groupCall) {
	if db.rehearse {
		db.rehearseCalls(calls)
	}
	trash := db.inline.takeTrash(false)
	defer func() { db.inline.giveBack(trash) }() // nil once committed
	for len(calls) > 0 {
		var ran []*groupCall
		undone := -1
		err := db.bolt.Update(func(btx *bolt.Tx) error {
			if err := deleteInline(btx, trash); err != nil {
				return err
			}
			if trash == nil {
				db.inline.measureTrash(btx)
			}
			for i, c := range calls {
				tx := db.newTx(btx)
				err := callSafely(c.fn, tx)
				switch {
				case err == nil:
					c.identity, c.buckets, c.inlined, c.closed = tx.identity, tx.buckets, tx.inlined, tx.closed
					ran = append(ran, c)
				case !tx.changed:
					c.answer(err)
				default:
					c.answer(err)
					undone = i
					return err
				}
			}
			return nil
		})
		err = db.storeFileError(err)
		if undone >= 0 {
			calls = unanswered(calls[:undone], calls[undone+1:])
			continue
		}
		if err == nil {
			trash = nil
			var identity, buckets bool
			for _, c := range ran {
				db.inline.unstage(c.inlined)
				db.closed.add(c.closed)
				identity, buckets = identity || c.identity, buckets || c.buckets
			}
			db.bump(identity, buckets)
		}
		for _, c := range ran {
			c.answer(err)
		}
		return
	}
}

// errRehearsal rolls a rehearsal back.
var errRehearsal = errors.New("rehearsal")

// rehearseCalls runs calls in a transaction that is rolled back, ignoring
// their answers (Options.Rehearse). It runs them last to first: calls that
// touch the same records then find other records than in the real run,
// as a call run again after a failing neighbour may, so one that keeps
// what a run found instead of resetting it answers wrong.
func (db *DB) rehearseCalls(calls []*groupCall) {
	_ = db.bolt.Update(func(btx *bolt.Tx) error {
		for _, c := range slices.Backward(calls) {
			_ = callSafely(c.fn, db.newTx(btx))
		}
		return errRehearsal
	})
}

// answer gives c its result; c is then done and runs no more.
func (c *groupCall) answer(err error) {
	c.answered = true
	c.done <- err
}

// unanswered returns the calls of ran (which ran in a transaction since
// rolled back) and of rest (which did not run) that have no answer yet,
// in order: the calls a new transaction must run again.
func unanswered(ran, rest []*groupCall) []*groupCall {
	out := make([]*groupCall, 0, len(ran)+len(rest))
	for _, c := range ran {
		if !c.answered {
			out = append(out, c)
		}
	}
	return append(out, rest...)
}

// callSafely runs fn, turning a panic into an error: fn runs on the
// committer goroutine, where a panic would end the process.
func callSafely(fn func(*Tx) error, tx *Tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in batched transaction: %v", p)
		}
	}()
	return fn(tx)
}
