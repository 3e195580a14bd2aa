package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// putMany commits one object record per body, all in one transaction, and
// returns the bodies' ids in order.
func putMany(t *testing.T, db *store.DB, n int) []string {
	t.Helper()
	ids := make([]string, n)
	objs := make([]*store.S3Object, n)
	for i := range n {
		id, size, err := db.WriteBody(strings.NewReader(fmt.Sprintf("body %d", i)))
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
		objs[i] = &store.S3Object{Key: fmt.Sprintf("k%05d", i), Size: size, Parts: []store.S3Part{{Body: id, Size: size}}}
	}
	if err := db.Batch(context.Background(), func(tx *store.Tx) error {
		for _, o := range objs {
			if err := tx.Put(store.Global, store.S3VersionKind(inlineBucketName), store.S3VersionKey(o.Key, 0), o); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ids
}

// stored reports whether inline body id is still in the database (read
// straight, without the flush BodyIDs makes first).
func stored(t *testing.T, db *store.DB, id string) bool {
	t.Helper()
	f, err := db.OpenBody(id)
	if err == nil {
		f.Close()
		return true
	}
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("OpenBody(%s) = %v", id, err)
	}
	return false
}

// Removed inline bodies wait until a batch of them is queued, and the
// commit after that deletes them all.
func TestInlineRemovalBatched(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	db.KeepRemovedBodiesQueued()
	ids := putMany(t, db, store.TrashBatch)
	if err := db.RemoveBodies(ids[:store.TrashBatch-1]); err != nil {
		t.Fatal(err)
	}
	putObject(t, db, "other", "x")
	if !stored(t, db, ids[0]) {
		t.Fatalf("removed body deleted by a commit with %d of %d queued", store.TrashBatch-1, store.TrashBatch)
	}
	if err := db.RemoveBodies(ids[store.TrashBatch-1:]); err != nil {
		t.Fatal(err)
	}
	putObject(t, db, "another", "y")
	for _, id := range ids {
		if stored(t, db, id) {
			t.Fatalf("removed body %s still stored after a full batch was committed", id)
		}
	}
}

// A quiet server deletes removed inline bodies once its committer is idle,
// with no further write.
func TestInlineRemovalWhenIdle(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	old := putObject(t, db, "k", "old")
	putObject(t, db, "k", "new")
	if err := db.RemoveBodies([]string{old}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for stored(t, db, old) {
		if time.Now().After(deadline) {
			t.Fatal("removed body still stored 30 s after the last write")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A record may not name an inline body queued for deletion, though it is
// still stored: the deletion would take it from under the record.
func TestInlineQueuedBodyNotNamedAgain(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	db.KeepRemovedBodiesQueued()
	id := putObject(t, db, "k", "old")
	if err := db.RemoveBodies([]string{id}); err != nil {
		t.Fatal(err)
	}
	if !stored(t, db, id) {
		t.Fatal("queued body deleted before a batch was full")
	}
	o := &store.S3Object{Key: "again", Size: 3, Parts: []store.S3Part{{Body: id, Size: 3}}}
	err := db.Batch(context.Background(), func(tx *store.Tx) error {
		return tx.Put(store.Global, store.S3VersionKind(inlineBucketName), store.S3VersionKey(o.Key, 0), o)
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("record naming a body queued for deletion = %v, want ErrNotFound", err)
	}
}

// queuedRemovalChildEnv makes the test binary a process that overwrites
// an object, queues the old body's deletion, says so and waits to be
// killed (TestKilledWithQueuedRemoval).
const queuedRemovalChildEnv = "FAKEAWS_STORE_QUEUED_REMOVAL_CHILD"

// queuedRemovalChild prints "kept ID", "old ID", "new ID" then "acked".
func queuedRemovalChild(dir string) int {
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	db.KeepRemovedBodiesQueued()
	put := func(key, body string) string {
		id, n, err := db.WriteBody(strings.NewReader(body))
		if err != nil {
			panic(err)
		}
		o := &store.S3Object{Key: key, Size: n, Parts: []store.S3Part{{Body: id, Size: n}}}
		if err := db.Batch(context.Background(), func(tx *store.Tx) error {
			return tx.Put(store.Global, store.S3VersionKind(inlineBucketName), store.S3VersionKey(key, 0), o)
		}); err != nil {
			panic(err)
		}
		return id
	}
	fmt.Println("kept", put("kept", "kept"))
	old := put("k", "old")
	fmt.Println("old", old)
	fmt.Println("new", put("k", "new"))
	if err := db.RemoveBodies([]string{old}); err != nil {
		panic(err)
	}
	fmt.Println("acked")
	select {}
}

// A process killed with removed inline bodies still queued loses no data:
// the next start needs a sweep, which removes the dead body and keeps the
// live ones.
func TestKilledWithQueuedRemoval(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cmd, r := startChild(t, queuedRemovalChildEnv, dir)
	ids := map[string]string{}
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			_ = cmd.Process.Kill()
			t.Fatalf("child ended before acknowledging its writes (%v); ids so far %v", err, ids)
		}
		if line == "acked\n" {
			break
		}
		name, id, _ := strings.Cut(strings.TrimSpace(line), " ")
		ids[name] = id
	}
	_ = cmd.Process.Kill()
	_, _ = io.Copy(io.Discard, r)
	_ = cmd.Wait()

	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.NeedsSweep() {
		t.Error("NeedsSweep after a kill = false")
	}
	if !stored(t, db, ids["old"]) {
		t.Fatal("the queued body was deleted before the kill; the test needs it queued")
	}
	live := map[string]bool{ids["kept"]: true, ids["new"]: true}
	if err := db.SweepBodies(func(id string) bool { return live[id] }); err != nil {
		t.Fatal(err)
	}
	want := []string{ids["kept"], ids["new"]}
	slices.Sort(want)
	if got := storedIDs(t, db); !slices.Equal(got, want) {
		t.Errorf("bodies after the sweep = %v, want %v (old %s removed)", got, want, ids["old"])
	}
	for key, id := range map[string]string{"kept": ids["kept"], "k": ids["new"]} {
		var o store.S3Object
		if err := db.View(context.Background(), func(tx *store.Tx) error {
			return tx.Get(store.Global, store.S3VersionKind(inlineBucketName), store.S3VersionKey(key, 0), &o)
		}); err != nil || o.Parts[0].Body != id {
			t.Errorf("record %s after the kill = %+v, %v; want body %s", key, o.Parts, err, id)
		}
	}
}
