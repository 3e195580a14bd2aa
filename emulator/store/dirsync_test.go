package store

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSyncGroupShares checks that callers arriving while an fsync runs
// wait for the next one, which they all share, and never return on the
// round that was already running when they arrived.
func TestSyncGroupShares(t *testing.T) {
	var calls, ended atomic.Int64
	entered := make(chan struct{}, 8)
	release := make(chan struct{})
	g := newSyncGroup(func() error {
		calls.Add(1)
		entered <- struct{}{}
		<-release
		ended.Add(1)
		return nil
	})
	first := make(chan error, 1)
	go func() { first <- g.sync() }()
	waitFor(t, entered, "the first fsync to start")

	const n = 16
	var wg sync.WaitGroup
	endedAtReturn := make([]int64, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = g.sync()
			endedAtReturn[i] = ended.Load()
		}()
	}
	waitUntil(t, func() bool { return waiting(g) == n }, "the callers to queue behind the running fsync")
	release <- struct{}{} // round 1 ends
	if err := <-first; err != nil {
		t.Fatalf("first sync: %v", err)
	}
	waitFor(t, entered, "the shared second fsync to start")
	release <- struct{}{} // round 2 ends
	wg.Wait()
	if got := calls.Load(); got != 2 {
		t.Errorf("fsync ran %d times for %d callers, want 2 (one shared round)", got, n+1)
	}
	for i := range n {
		if errs[i] != nil {
			t.Errorf("caller %d: %v", i, errs[i])
		}
		if endedAtReturn[i] < 2 {
			t.Errorf("caller %d returned after %d fsyncs; the one running when it arrived does not cover it", i, endedAtReturn[i])
		}
	}
}

// TestSyncGroupFailure checks that the callers of a failed round get its
// error and that a later round answers for itself.
func TestSyncGroupFailure(t *testing.T) {
	boom := errors.New("boom")
	fail := true
	g := newSyncGroup(func() error {
		if fail {
			return boom
		}
		return nil
	})
	if err := g.sync(); !errors.Is(err, boom) {
		t.Fatalf("sync over a failing fsync = %v, want %v", err, boom)
	}
	fail = false
	if err := g.sync(); err != nil {
		t.Fatalf("sync after the failure = %v, want nil", err)
	}
}

// waiting counts the callers blocked on g's next round.
func waiting(g *syncGroup) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.waiters
}

func waitFor(t *testing.T, c <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(30 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
}

func waitUntil(t *testing.T, ok func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}
