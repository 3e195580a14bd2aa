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
		})
	}
}
