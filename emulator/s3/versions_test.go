package s3

import (
	"context"
	"fmt"
	"regexp"
	"sync"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
)

const enableVersioning = "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"

// TestVersionSequenceContinuesOldNumbering pins the upgrade from stores
// whose buckets numbered versions with Bucket.NextSeq: the version
// index's counter starts at 0 there, yet a new version must sort newer
// than every stored one (it is the current version and listed first).
func TestVersionSequenceContinuesOldNumbering(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "old")
	e.must(a, treq{method: "PUT", target: "/old?versioning", body: enableVersioning}, 200)
	// As an older fakeaws left it: versions 1..7 of k, NextSeq 8 in the
	// bucket record, no counter on the version index.
	const oldNext = 8
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		var b store.Bucket
		if err := tx.Get(store.Global, store.KindBucket, "old", &b); err != nil {
			return err
		}
		b.NextSeq = oldNext
		if err := tx.Put(store.Global, store.KindBucket, "old", &b); err != nil {
			return err
		}
		for seq := uint64(1); seq < oldNext; seq++ {
			o := &store.S3Object{Key: "k", VersionID: newVersionID(), Seq: seq, Owner: acctA, Modified: testNow, ETag: `"d41d8cd98f00b204e9800998ecf8427e"`}
			if err := tx.Put(store.Global, store.S3VersionKind("old"), versionKey("k", seq), o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, wantSeq := range []uint64{oldNext, oldNext + 1} {
		body := fmt.Sprintf("new %d", i)
		put := e.must(a, treq{method: "PUT", target: "/old/k", body: body}, 200)
		vid := put.Header().Get("x-amz-version-id")
		if got := e.must(a, treq{method: "GET", target: "/old/k"}, 200).Body.String(); got != body {
			t.Errorf("PUT #%d: GET = %q, want %q", i+1, got, body)
		}
		list := e.must(a, treq{method: "GET", target: "/old?versions"}, 200).Body.String()
		first := regexp.MustCompile(`<Version><Key>k</Key><VersionId>([^<]+)</VersionId><IsLatest>(true|false)</IsLatest>`).FindStringSubmatch(list)
		if first == nil || first[1] != vid || first[2] != "true" {
			t.Errorf("PUT #%d: first listed version %q, want %s, latest", i+1, first, vid)
		}
		var cur *store.S3Object
		if err := e.db.View(context.Background(), func(tx *store.Tx) (err error) { cur, err = currentObject(tx, "old", "k"); return err }); err != nil {
			t.Fatal(err)
		}
		if cur == nil || cur.Seq != wantSeq || cur.VersionID != vid {
			t.Errorf("PUT #%d: current = %+v, want seq %d version %s", i+1, cur, wantSeq, vid)
		}
	}
}

// TestObjectWritesKeepBucketCache pins that writing objects rewrites no
// bucket record: the bucket generation stays, and a GET after each write
// is served from the bucket cache entry the GET before it made.
func TestObjectWritesKeepBucketCache(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "kept")
	e.must(a, treq{method: "PUT", target: "/kept?versioning", body: enableVersioning}, 200)
	e.must(a, treq{method: "PUT", target: "/kept/k", body: "hello"}, 200)
	e.must(a, treq{method: "GET", target: "/kept/k"}, 200)
	cached := e.h.buckets.get("kept", e.h.generations())
	if cached == nil {
		t.Fatal("GET did not cache the bucket")
	}
	writes := []struct {
		name string
		do   func()
	}{
		{"PutObject", func() { e.must(a, treq{method: "PUT", target: "/kept/k", body: "again"}, 200) }},
		{"CopyObject", func() {
			e.must(a, treq{method: "PUT", target: "/kept/copy", header: map[string]string{"x-amz-copy-source": "/kept/k"}}, 200)
		}},
		{"CompleteMultipartUpload", func() {
			id, body := e.mpu("kept", "multi", nil, "hello ", "world")
			e.must(a, treq{method: "POST", target: "/kept/multi?uploadId=" + id, body: body}, 200)
		}},
		{"DeleteObject (delete marker)", func() { e.must(a, treq{method: "DELETE", target: "/kept/copy"}, 204) }},
	}
	for _, w := range writes {
		gen := e.db.BucketGeneration()
		w.do()
		if got := e.db.BucketGeneration(); got != gen {
			t.Errorf("%s: bucket generation %d → %d", w.name, gen, got)
		}
		e.must(a, treq{method: "GET", target: "/kept/k"}, 200)
		if got := e.h.buckets.get("kept", e.h.generations()); got != cached {
			t.Errorf("%s: GET after it did not use the cached bucket (%p, want %p)", w.name, got, cached)
		}
	}
}

// putUnderLoad starts writers goroutines that keep PUTting small objects
// into buckets (so other writes share commits with them) until the
// returned stop is called; a PUT that fails is a test error.
func putUnderLoad(t *testing.T, e *env, a authn.Caller, writers int, buckets ...string) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for g := range writers {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				for _, bucket := range buckets {
					target := fmt.Sprintf("/%s/load-%d-%d", bucket, g, i%8)
					if w := e.do(a, putMD5(target, "load")); w.Code != 200 {
						t.Errorf("PUT %s = %d %s", target, w.Code, w.Body)
						return
					}
				}
			}
		})
	}
	return func() { close(done); wg.Wait() }
}

// TestPutSeesBucketChangesUnderLoad pins that a PutObject commits under
// the bucket state its transaction reads, not a decoded copy from before:
// while other PUTs keep committing (and sharing commits), each change of
// versioning or of the default retention is honoured by the next PUT.
func TestPutSeesBucketChangesUnderLoad(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "vers")
	e.must(a, treq{method: "PUT", target: "/locked", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
	defer putUnderLoad(t, e, a, 4, "vers", "locked")()
	rule := `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule></ObjectLockConfiguration>`
	noRule := `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>`
	for i := range 20 {
		versioned := i%2 == 0
		status := "Suspended"
		if versioned {
			status = "Enabled"
		}
		e.must(a, treq{method: "PUT", target: "/vers?versioning", body: "<VersioningConfiguration><Status>" + status + "</Status></VersioningConfiguration>"}, 200)
		w := e.must(a, putMD5(fmt.Sprintf("/vers/probe-%d", i), "probe"), 200)
		if got := w.Header().Get("x-amz-version-id") != ""; got != versioned {
			t.Errorf("round %d, versioning %s: PUT answered version id %q", i, status, w.Header().Get("x-amz-version-id"))
		}
		if got := e.must(a, treq{method: "HEAD", target: fmt.Sprintf("/vers/probe-%d", i)}, 200).Header().Get("x-amz-version-id"); (got != "null") != versioned {
			t.Errorf("round %d, versioning %s: stored version id %q", i, status, got)
		}
		doc := noRule
		if versioned {
			doc = rule
		}
		e.must(a, putMD5("/locked?object-lock", doc), 200)
		e.must(a, putMD5(fmt.Sprintf("/locked/probe-%d", i), "probe"), 200)
		mode := e.must(a, treq{method: "HEAD", target: fmt.Sprintf("/locked/probe-%d", i)}, 200).Header().Get("x-amz-object-lock-mode")
		if (mode == "GOVERNANCE") != versioned {
			t.Errorf("round %d, default retention %v: new object's lock mode %q", i, versioned, mode)
		}
	}
}
