// Command fillstore writes N small objects straight into a fakeaws data
// directory, through emulator/store, the way PutObject records them (a
// version record, the body stored inline in meta.db as
// store.WriteBody keeps a small body), so start-up, RSS and listing over a
// large store can be measured without N signed PUTs. Keys arrive in order;
// a server filled by concurrent clients (bench/loadgen -op fill) sees them
// slightly out of order.
//
// With -stats it writes nothing and prints, as JSON, where the bytes of
// DIR's meta.db go: bbolt's page statistics for every bucket, the bytes of
// keys and values, and the bytes of the inline bodies themselves.
//
//	go run ./bench/fillstore -data DIR -n 100000
//
// The objects land in bucket loadgen-list (the bucket bench/loadgen lists),
// owned by account 111111111111.
package main

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

func main() {
	dir := flag.String("data", "", "data directory (created if needed)")
	n := flag.Int("n", 100000, "objects to write")
	showStats := flag.Bool("stats", false, "write nothing: print where the bytes of DIR's meta.db go (JSON)")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "fillstore: -data is required")
		os.Exit(2)
	}
	if *showStats {
		if err := stats(*dir, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "fillstore:", err)
			os.Exit(1)
		}
		return
	}
	if err := fill(*dir, *n); err != nil {
		fmt.Fprintln(os.Stderr, "fillstore:", err)
		os.Exit(1)
	}
}

const (
	bucket  = "loadgen-list"
	account = "111111111111"
	perTx   = 2000
)

func fill(dir string, n int) error {
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	owner := []store.S3Grant{{GranteeType: "CanonicalUser", ID: store.CanonicalID(account), Account: account, Permission: "FULL_CONTROL"}}
	b := store.Bucket{Name: bucket, Account: account, Region: "us-east-1", Created: time.Now().UTC(),
		Ownership: "BucketOwnerEnforced", ACL: owner}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.Put(store.Global, store.KindBucket, bucket, &b) }); err != nil {
		return err
	}
	body := make([]byte, 100)
	for i := range body {
		body[i] = 'y'
	}
	sum := md5.Sum(body)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	// Every body this fixture writes is named by a record, as after a
	// server's clean run: nothing for a start-up sweep to find.
	defer db.SweepBodies(func(string) bool { return true })
	for start := 0; start < n; start += perTx {
		ids := make([]string, 0, perTx)
		for i := start; i < min(n, start+perTx); i++ {
			id, _, err := db.WriteBody(bytes.NewReader(body))
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		err := db.Update(ctx, func(tx *store.Tx) error {
			for j, id := range ids {
				key := fmt.Sprintf("obj/%08d", start+j+1)
				seq, err := tx.NextSequence(store.Global, store.S3VersionKind(bucket), 1)
				if err != nil {
					return err
				}
				o := &store.S3Object{Key: key, VersionID: "null", Seq: seq, Owner: account,
					Modified: time.Now().UTC(), Size: int64(len(body)), ETag: etag,
					Parts:             []store.S3Part{{Body: id, Size: int64(len(body)), ETag: etag}},
					ChecksumAlgorithm: "CRC64NVME", Checksum: "PyXv7/UIFaQ=", ChecksumType: "FULL_OBJECT", ACL: owner}
				if err := tx.Put(store.Global, store.S3VersionKind(bucket), store.S3VersionKey(key, o.Seq), o); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
