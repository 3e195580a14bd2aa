package s3

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// BenchmarkListObjectsV2 times one ListObjectsV2 page of 1,000 keys from
// the middle of a bucket of 100,000 small objects (issue 12: < 20 ms).
func BenchmarkListObjectsV2(b *testing.B) {
	const objects = 100000
	db, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	set, _ := managed.Load()
	h := New(Options{DB: db, Authz: authz.New(db, authz.Options{Managed: set}), Now: time.Now})
	root := rootOf(acctA)
	do := func(method, target string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, "http://127.0.0.1:4566"+target, http.NoBody)
		r = r.WithContext(authn.WithInfo(context.Background(), &authn.Info{RequestID: "B", Caller: root, Time: time.Now()}))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code >= 300 {
			b.Fatalf("%s %s = %d %s", method, target, w.Code, w.Body)
		}
		return w
	}
	do("PUT", "/bench")
	fillBucket(b, db, "bench", objects)
	target := "/bench?list-type=2&max-keys=1000&start-after=" + fmt.Sprintf("obj/%08d", objects/2)
	if w := do("GET", target); w.Body.Len() < 1000*100 {
		b.Fatalf("list page is %d bytes, want 1,000 entries", w.Body.Len())
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		do("GET", target)
	}
}

// fillBucket writes n small objects into bucket straight through the store,
// recorded as PutObject records them (bodies are not written).
func fillBucket(b *testing.B, db *store.DB, bucket string, n int) {
	b.Helper()
	owner := []store.S3Grant{{GranteeType: "CanonicalUser", ID: store.CanonicalID(acctA), Account: acctA, Permission: "FULL_CONTROL"}}
	etag := `"46234a6de3b2157d3a9510451b33b619"`
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		for i := range n {
			key := fmt.Sprintf("obj/%08d", i+1)
			o := &store.S3Object{Key: key, VersionID: "null", Seq: uint64(i + 1), Owner: acctA,
				Modified: time.Now().UTC(), Size: 100, ETag: etag,
				Parts:             []store.S3Part{{Body: "26e4786a-5708-4042-a9e1-748ec31ac6bd", Size: 100, ETag: etag}},
				ChecksumAlgorithm: "CRC64NVME", Checksum: "PyXv7/UIFaQ=", ChecksumType: "FULL_OBJECT", ACL: owner}
			if err := tx.Put(store.Global, store.S3VersionKind(bucket), store.S3VersionKey(key, o.Seq), o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
