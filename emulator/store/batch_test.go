package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestBatch: concurrent Batch calls all commit; a failing call gets its own
// error and leaves no writes while the others' writes stay; a panic becomes
// that call's error.
func TestBatch(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	const n = 64
	errBoom := errors.New("boom")
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprintf("k%02d", i)
			errs[i] = db.Batch(ctx, func(tx *store.Tx) error {
				if err := tx.Put(store.Global, store.S3UploadKind("b"), key, map[string]int{"i": i}); err != nil {
					return err
				}
				switch i % 16 {
				case 7:
					return errBoom
				case 11:
					panic("test panic")
				}
				return nil
			})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		switch i % 16 {
		case 7:
			if !errors.Is(err, errBoom) {
				t.Errorf("call %d = %v, want its own error", i, err)
			}
		case 11:
			if err == nil || !strings.Contains(err.Error(), "test panic") {
				t.Errorf("call %d = %v, want the panic as an error", i, err)
			}
		default:
			if err != nil {
				t.Errorf("call %d = %v", i, err)
			}
		}
	}
	err := db.View(ctx, func(tx *store.Tx) error {
		for i := range n {
			key := fmt.Sprintf("k%02d", i)
			want := i%16 != 7 && i%16 != 11
			if got := tx.Exists(store.Global, store.S3UploadKind("b"), key); got != want {
				t.Errorf("%s exists = %v, want %v", key, got, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBatchFailureIsolation: calls gathered into one commit round. A call
// that fails before changing anything is answered with its error while the
// others run once and commit; a call that fails after changing something
// leaves none of its changes, and the others still commit (running again).
func TestBatchFailureIsolation(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	kind := store.S3UploadKind("b")
	cases := []struct {
		name string
		// changes: the failing call puts "failed" before it returns
		// errBoom.
		changes bool
		// runs is how often each writer's function runs: the two queued
		// before the failing call run again after a rollback.
		runs [4]int64
	}{
		{"fails before changing anything", false, [4]int64{1, 1, 1, 1}},
		{"fails after changing something", true, [4]int64{2, 2, 1, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := openTest(t)
			ctx := context.Background()
			// The gate holds the committer in a round of its own until
			// every other call has queued for the next one.
			entered, release := make(chan struct{}), make(chan struct{})
			gate := make(chan error, 1)
			go func() {
				gate <- db.Batch(ctx, func(*store.Tx) error { entered <- struct{}{}; <-release; return nil })
			}()
			<-entered
			t.Cleanup(func() {
				select {
				case <-release:
				default:
					close(release)
				}
			})
			// Two writers queue before the failing call, two after it.
			const writers = 4
			var runs [writers]atomic.Int64
			errs := make(chan error, writers)
			write := func(i int) {
				go func() {
					errs <- db.Batch(ctx, func(tx *store.Tx) error {
						runs[i].Add(1)
						return tx.Put(store.Global, kind, fmt.Sprintf("k%d", i), map[string]int{"i": i})
					})
				}()
				waitPending(t, db, i+1+i/2)
			}
			write(0)
			write(1)
			failed := make(chan error, 1)
			go func() {
				failed <- db.Batch(ctx, func(tx *store.Tx) error {
					if tc.changes {
						if err := tx.Put(store.Global, kind, "failed", map[string]int{}); err != nil {
							return err
						}
					}
					return errBoom
				})
			}()
			waitPending(t, db, 3)
			write(2)
			write(3)
			close(release)
			if err := <-gate; err != nil {
				t.Fatal(err)
			}
			if err := <-failed; !errors.Is(err, errBoom) {
				t.Errorf("failing call = %v, want its own error", err)
			}
			for range writers {
				if err := <-errs; err != nil {
					t.Errorf("writer = %v, want nil", err)
				}
			}
			err := db.View(ctx, func(tx *store.Tx) error {
				for i := range writers {
					if !tx.Exists(store.Global, kind, fmt.Sprintf("k%d", i)) {
						t.Errorf("k%d is missing", i)
					}
					if n := runs[i].Load(); n != tc.runs[i] {
						t.Errorf("writer %d ran %d times, want %d", i, n, tc.runs[i])
					}
				}
				if tx.Exists(store.Global, kind, "failed") {
					t.Error("the failed call's record was committed")
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// waitPending waits until n Batch calls are queued for the next round.
func waitPending(t *testing.T, db *store.DB, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for db.PendingCalls() < n {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d Batch calls queued after 30 s", db.PendingCalls(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestBatchGeneration: a batched identity write changes the generation
// before Batch returns; a batched S3 write does not.
func TestBatchGeneration(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	gen := db.Generation()
	if err := db.Batch(ctx, func(tx *store.Tx) error {
		return tx.Put(store.Global, store.S3UploadKind("b"), "k", map[string]int{})
	}); err != nil {
		t.Fatal(err)
	}
	if db.Generation() != gen {
		t.Error("a batched object write changed the generation")
	}
	if err := db.Batch(ctx, func(tx *store.Tx) error {
		return tx.Put("111111111111", store.KindUser, "alice", map[string]int{})
	}); err != nil {
		t.Fatal(err)
	}
	if db.Generation() == gen {
		t.Error("a batched user write left the generation alone")
	}
}

// TestBatchClose: Batch calls racing Close either commit (and their
// writes are there after reopening) or get ErrClosing; none hangs, and a
// call after Close gets ErrClosing.
func TestBatchClose(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const n = 64
	errs := make([]error, n)
	var wg sync.WaitGroup
	batch := func(from, to int) {
		for i := from; i < to; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = db.Batch(ctx, func(tx *store.Tx) error {
					return tx.Put(store.Global, store.S3UploadKind("b"), fmt.Sprintf("k%02d", i), map[string]int{"i": i})
				})
			}()
		}
	}
	// The first half finishes before Close; the second races it.
	batch(0, n/2)
	wg.Wait()
	batch(n/2, n)
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	wg.Wait()
	if err := db.Batch(ctx, func(*store.Tx) error { return nil }); !errors.Is(err, store.ErrClosing) {
		t.Errorf("Batch after Close = %v, want ErrClosing", err)
	}
	db, err = store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	committed := 0
	for i, err := range errs {
		key := fmt.Sprintf("k%02d", i)
		var got map[string]int
		gerr := db.View(ctx, func(tx *store.Tx) error { return tx.Get(store.Global, store.S3UploadKind("b"), key, &got) })
		switch {
		case i < n/2 && err != nil:
			t.Errorf("call %d, before Close, = %v", i, err)
		case err == nil && gerr != nil:
			t.Errorf("call %d succeeded but its record is gone after reopening: %v", i, gerr)
		case err == nil:
			committed++
		case !errors.Is(err, store.ErrClosing):
			t.Errorf("call %d = %v, want nil or ErrClosing", i, err)
		case gerr == nil:
			t.Errorf("call %d got ErrClosing but its record was written", i)
		}
	}
	t.Logf("%d of %d calls committed before Close", committed, n)
}

func BenchmarkBatchParallel(b *testing.B) {
	db, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	var mu sync.Mutex
	seq := 0
	b.ReportAllocs()
	b.SetParallelism(32)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			seq++
			key := fmt.Sprint(seq)
			mu.Unlock()
			if err := db.Batch(ctx, func(tx *store.Tx) error {
				return tx.Put(store.Global, store.S3UploadKind("b"), key, map[string]int{})
			}); err != nil {
				b.Error(err)
			}
		}
	})
}

// BenchmarkPutBody is the store's share of a PutObject from 64 writers:
// WriteBody, then a shared commit of the object and version records naming
// the body. 1 KiB bodies are inline (one shared commit, no fsync of their
// own); 100 KiB ones are files (a file fsync each, a shared directory
// fsync, then the shared commit).
func BenchmarkPutBody(b *testing.B) {
	for _, size := range []int{1 << 10, 100 << 10} {
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			db, err := store.Open(b.TempDir(), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			body := bytes.Repeat([]byte("x"), size)
			var seq atomic.Int64
			before, err := db.CommitStats()
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(size))
			b.SetParallelism(32)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					n := seq.Add(1)
					key := fmt.Sprint("k", n%1000)
					id, size, err := db.WriteBody(bytes.NewReader(body))
					if err != nil {
						b.Fatal(err)
					}
					o := &store.S3Object{Key: key, Seq: uint64(n), Size: size, Parts: []store.S3Part{{Body: id, Size: size}}}
					if err := db.Batch(ctx, func(tx *store.Tx) error {
						return tx.Put(store.Global, store.S3VersionKind("b"), store.S3VersionKey(key, o.Seq), o)
					}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.StopTimer()
			reportCommits(b, db, before)
		})
	}
}

// reportCommits reports how many Batch calls shared a commit, and per
// commit the page writes, the pages allocated and the time bbolt spent
// writing and syncing, since the counts before.
func reportCommits(b *testing.B, db *store.DB, before store.CommitCounts) {
	after, err := db.CommitStats()
	if err != nil {
		b.Fatal(err)
	}
	n := float64(after.Commits - before.Commits)
	if n == 0 {
		return
	}
	b.ReportMetric(float64(b.N)/n, "calls/commit")
	b.ReportMetric(float64(after.Writes-before.Writes)/n, "pwrites/commit")
	b.ReportMetric(float64(after.Pages-before.Pages)/n, "pages/commit")
	b.ReportMetric(float64((after.WriteTime-before.WriteTime).Microseconds())/n, "write-µs/commit")
	b.ReportMetric(float64((after.SpillTime-before.SpillTime).Microseconds())/n, "spill-µs/commit")
}
