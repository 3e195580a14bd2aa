package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestCheckDuringWrites: Check while commits free and reuse pages reports
// no problem. bbolt's check in a read-only transaction is not safe beside
// a writer: it read the freelist as the committer changed it (a data race
// under -race, and "page N: reachable freed" for a sound file).
func TestCheckDuringWrites(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	kind := store.S3UploadKind("b")
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				key := fmt.Sprintf("w%d-%03d", w, i%200)
				err := db.Batch(ctx, func(tx *store.Tx) error {
					if i%3 == 2 {
						if err := tx.Delete(store.Global, kind, key); !errors.Is(err, store.ErrNotFound) {
							return err
						}
						return nil
					}
					return tx.Put(store.Global, kind, key, map[string]string{"pad": fmt.Sprintf("%0300d", i)})
				})
				if err != nil {
					t.Errorf("write %s: %v", key, err)
					return
				}
			}
		}()
	}
	for range 200 {
		if err := db.Check(); err != nil {
			t.Errorf("Check during writes: %v", err)
			break
		}
	}
	close(stop)
	wg.Wait()
}
