package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Sentinel errors. Callers test them with errors.Is.
var (
	// ErrNotFound: the record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrExists: a record with that key already exists.
	ErrExists = errors.New("already exists")
	// ErrConflict: the change conflicts with other records (e.g. deleting
	// something still in use).
	ErrConflict = errors.New("conflict")
)

// SchemaVersion is the record layout version this code writes.
//
//   - 1: the first layout.
//   - 2: S3 version and upload index keys escape NUL bytes in object keys
//     (see S3IndexPrefix); schema 1 keys are rewritten on open.
//   - 3: S3 object, version and upload records are binary (objcodec.go),
//     not JSON; schema 2 records are rewritten on open.
//   - 4: bodies of at most InlineMax bytes may be stored inline in the
//     "_bodies" bucket (inline.go). Schema 3 stores hold only body files,
//     which schema 4 reads as they are, so nothing is rewritten; the
//     version is raised so that an older fakeaws refuses a store whose
//     inline bodies it could not read.
//   - 5: the current-object index (s3o/<bucket>), a copy of each key's
//     newest version, is dropped: the version index alone answers
//     (s3current.go). Schema 4 stores lose that index on open.
//   - 6: access keys indexed by user and users by group
//     (KindAccessKeysByUser, KindGroupMembers; iamindex.go), kept by
//     Put and Delete. Schema 5 stores have them built on open.
const SchemaVersion = 6

// migrations upgrade a store from the version they are indexed by to the
// next one. Each runs inside the opening transaction.
var migrations = map[int]func(*Tx) error{
	1: migrateS3IndexKeys,
	2: migrateBinaryRecords,
	3: func(*Tx) error { return nil }, // inline bodies: nothing to rewrite
	4: dropCurrentIndex,
	5: buildIAMIndexes,
}

var (
	metaBucket   = []byte("_meta")
	globalBucket = []byte("_global")
	versionKey   = []byte("schema_version")
)

// Global is the scope for records that span accounts.
const Global = ""

// Kinds of records. Each is a nested bbolt bucket inside its scope.
const (
	KindAccount         = "account" // one record, key "account"
	KindUser            = "users"
	KindGroup           = "groups"
	KindRole            = "roles"
	KindPolicy          = "policies"
	KindInstanceProfile = "instance-profiles"
	KindMFADevice       = "mfa-devices"
	KindOIDCProvider    = "oidc-providers"
	KindAccessKey       = "access-keys" // Global: access key id → AccessKey
	KindSession         = "sessions"    // Global: no longer written (sessions are sealed in their tokens)
	KindBucket          = "buckets"     // Global: bucket name → Bucket
)

// Options configure Open.
type Options struct {
	// Migrate, when set, runs after the store's own migrations have
	// brought records written by schema version from up to SchemaVersion,
	// inside the opening transaction.
	Migrate func(tx *Tx, from int) error
	// Timeout bounds the wait for the file lock (default 2s).
	Timeout time.Duration
	// Rehearse (for tests) runs every Batch round once more before it
	// commits, in a transaction rolled back, as a round is when a call
	// fails after changing something: a test of the Batch callers then
	// shows that each function gives its answer when run a second time.
	Rehearse bool
}

// DB is an open store.
type DB struct {
	bolt *bolt.DB
	dir  string
	path string // meta.db
	// gen counts committed writes to identity records; see Generation.
	gen atomic.Uint64
	// bucketGen counts committed writes to bucket records; see
	// BucketGeneration.
	bucketGen atomic.Uint64
	// reclaim holds the removal of replaced bodies while readers that may
	// still name them are pinned (see PinBodies).
	reclaim reclaimer
	// group gathers concurrent Batch calls into shared commits.
	group commitGroup
	// rehearse is Options.Rehearse.
	rehearse bool
	// uncleanStart is set when the last run did not close cleanly (or left
	// bodies to sweep) until a sweep completes; removalFailed once a body
	// removal failed. Either means body files may be unreferenced.
	uncleanStart  atomic.Bool
	removalFailed atomic.Bool
	// closing is set when Close begins: long walks (ForEach) stop with
	// ErrClosing, so background work does not hold Close up.
	closing   atomic.Bool
	closeOnce sync.Once
	closeErr  error
	// bodiesSync shares fsyncs of the bodies directory among concurrent
	// WriteBody calls.
	bodiesSync *syncGroup
	// inline holds inline bodies staged for their first commit and those
	// removed, for a later commit to delete (inline.go, inlinetrash.go).
	inline inlineState
	// keepTrash (tests only) stops the committer deleting removed inline
	// bodies when idle, so a test can kill a process that has some queued.
	keepTrash atomic.Bool
	// closed is the set of closed accounts (closed.go).
	closed closedSet
}

// ErrClosing ends a ForEach walk that was running when Close began, and
// is Batch's answer once Close has begun.
var ErrClosing = errors.New("store is closing")

// Close closes the database and, when it closed cleanly, records the
// clean-shutdown marker that lets the next Open skip reading every page.
// Calls after the first return the first one's result.
func (db *DB) Close() error {
	db.closeOnce.Do(func() {
		db.closing.Store(true)
		// Batch calls already queued commit; later ones get ErrClosing.
		db.group.stop()
		// Removed inline bodies still queued are deleted now; if that
		// fails the marker asks the next start to sweep them.
		_ = db.flushTrash()
		err := db.markClean()
		db.closeErr = errors.Join(db.bolt.Close(), err)
	})
	return db.closeErr
}

// markClean writes the clean-shutdown marker while holding the write
// transaction, so no commit changes the file between its checksum and the
// marker, and while still holding the file lock, so a fakeaws starting on
// the directory next cannot remove an old marker only for this one to
// land after it.
func (db *DB) markClean() error {
	btx, err := db.bolt.Begin(true)
	if err != nil {
		return err
	}
	defer btx.Rollback()
	sweep := db.NeedsSweep() || db.reclaim.pendingCount() > 0 || db.inline.pendingTrash() > 0
	// A rolled-back transaction commits nothing: the last committed one
	// is the one before it.
	return writeMarker(db.dir, db.path, uint64(btx.ID())-1, sweep)
}

// NeedsSweep reports whether unreferenced body files may exist: the last
// run did not close cleanly (or a body removal failed or was still waiting
// for a reader when it closed) and no sweep has completed since, or a body
// removal failed in this run. When false, a sweep of unreferenced bodies
// has nothing to find.
func (db *DB) NeedsSweep() bool { return db.uncleanStart.Load() || db.removalFailed.Load() }

// Dir is the directory the store lives in.
func (db *DB) Dir() string { return db.dir }

// Check runs bbolt's consistency check and returns the first problem found.
//
// It runs in a write transaction that it rolls back: bbolt's check reads
// the freelist, which is safe beside commits only there (in a read-only
// transaction a concurrent commit races with it and it reports pages as
// "reachable freed" in a sound file). The check's goroutine is drained to
// its end, so it never outlives the transaction.
func (db *DB) Check() error {
	var first error
	err := db.bolt.Update(func(btx *bolt.Tx) error {
		for err := range btx.Check() {
			if first == nil {
				first = err
			}
		}
		return errCheckDone
	})
	if err != errCheckDone {
		return err
	}
	return first
}

// errCheckDone rolls Check's transaction back: it changes nothing.
var errCheckDone = errors.New("check done")

// View runs fn in a read-only transaction.
func (db *DB) View(ctx context.Context, fn func(*Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return db.bolt.View(func(btx *bolt.Tx) error { return fn(db.newTx(btx)) })
}

// newTx is a transaction on btx (nil until bolt opens it) sharing the
// DB's closing flag, inline bodies and closed accounts.
func (db *DB) newTx(btx *bolt.Tx) *Tx {
	return &Tx{btx: btx, closing: &db.closing, inline: &db.inline, closedSet: &db.closed}
}

// Update runs fn in a read-write transaction, committed when fn returns nil.
// The inline bodies that the records fn puts name are stored in the same
// transaction (inline.go).
func (db *DB) Update(ctx context.Context, fn func(*Tx) error) error {
	return db.update(ctx, fn, false)
}

// update is Update; flush has it delete every removed inline body queued,
// not only a full batch (inlinetrash.go).
func (db *DB) update(ctx context.Context, fn func(*Tx) error, flush bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	trash := db.inline.takeTrash(flush)
	tx := db.newTx(nil)
	err := db.bolt.Update(func(btx *bolt.Tx) error {
		tx.btx = btx
		// Removed inline bodies go first: a record naming one would
		// then fail (storeInline) rather than lose its body.
		if err := deleteInline(btx, trash); err != nil {
			return err
		}
		return fn(tx)
	})
	if err != nil {
		db.inline.giveBack(trash)
		return db.storeFileError(err)
	}
	db.inline.unstage(tx.inlined)
	db.closed.add(tx.closed)
	db.bump(tx.identity, tx.buckets)
	return nil
}

// flushTrash commits the deletion of removed inline bodies, if any wait.
func (db *DB) flushTrash() error {
	if db.inline.pendingTrash() == 0 {
		return nil
	}
	return db.update(context.Background(), func(*Tx) error { return nil }, true)
}

// bump moves the generations a committed transaction's writes changed.
func (db *DB) bump(identity, buckets bool) {
	if identity {
		db.gen.Add(1)
	}
	if buckets {
		db.bucketGen.Add(1)
	}
}

// Generation is a number that changes after every committed write to
// identity records: accounts, users, groups, roles, policies, keys,
// providers: everything but S3 buckets and their objects, versions and
// uploads, and last accessed data and reports (KindServiceAccess,
// KindLastAccessedJob), which no identity-side cache derives from. A
// cache of values derived from identity records is valid while the
// generation it read before deriving them is still current. Reset
// changes it too.
func (db *DB) Generation() uint64 { return db.gen.Load() }

// BucketGeneration is a number that changes after every committed write to
// bucket records (KindBucket: configuration, policy, ACL; not objects)
// and at Reset. A cache of values derived from bucket records is valid
// while the bucket generation it read before deriving them is still
// current (and, for values derived from identity records too, the
// Generation).
func (db *DB) BucketGeneration() uint64 { return db.bucketGen.Load() }

// Reset removes every account, record and object body.
//
// Records go first, in one transaction, then the bodies: a crash between
// the two leaves bodies no record names, which the next start sweeps. The
// bodies directory is renamed aside and replaced before it is removed, so a
// body published concurrently lands in one directory or the other and the
// removal never meets a directory being written into. Reset is atomic with
// respect to requests only when the caller keeps requests out while it runs
// (emulator.Server.Reset does).
func (db *DB) Reset(ctx context.Context) error {
	err := db.Update(ctx, func(tx *Tx) error {
		var names [][]byte
		if err := tx.btx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			if !bytes.Equal(name, metaBucket) {
				names = append(names, append([]byte(nil), name...))
			}
			return nil
		}); err != nil {
			return err
		}
		for _, n := range names {
			if err := tx.btx.DeleteBucket(n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reset records: %w", err)
	}
	db.closed.clear()
	db.bump(true, true)
	db.reclaim.clear()
	db.inline.clearTrash()
	bodies := filepath.Join(db.dir, "bodies")
	old, err := os.MkdirTemp(filepath.Join(db.dir, "tmp"), resetTempPrefix+"*")
	if err != nil {
		return fmt.Errorf("reset bodies: %w", err)
	}
	if err := os.Rename(bodies, filepath.Join(old, "bodies")); err != nil {
		return fmt.Errorf("reset bodies: %w", err)
	}
	if err := os.MkdirAll(bodies, 0o755); err != nil {
		return fmt.Errorf("reset bodies: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("reset bodies: %w", err)
	}
	return nil
}

// Tx is one transaction. It is valid only inside the View/Update closure.
type Tx struct {
	btx     *bolt.Tx
	closing *atomic.Bool
	// identity is set once the transaction writes a record of an identity
	// kind (see Generation), buckets once it writes a bucket record (see
	// BucketGeneration).
	identity bool
	buckets  bool
	// inline holds the staged inline bodies; inlined lists those this
	// transaction stored.
	inline  *inlineState
	inlined []string
	// closed lists the accounts the transaction closed (CloseAccount);
	// closedSet is the DB's set of closed accounts (AccountClosed).
	closed    []string
	closedSet *closedSet
	// changed is set before the transaction's first change of any kind
	// (a record, a kind's bucket, a sequence, an inline body): a Batch
	// call that fails before it changed anything leaves the shared
	// transaction as it found it (commitCalls).
	changed bool
}

// touch notes a write to kind.
func (t *Tx) touch(kind string) {
	t.changed = true
	if !t.identity && !isDataKind(kind) && kind != KindServiceAccess && kind != KindLastAccessedJob {
		t.identity = true
	}
	if kind == KindBucket {
		t.buckets = true
	}
}

// isDataKind reports whether kind holds S3 data (buckets, objects,
// versions, uploads) rather than identity records.
func isDataKind(kind string) bool {
	return kind == KindBucket || strings.HasPrefix(kind, "s3")
}

func scopeName(scope string) []byte {
	if scope == Global {
		return globalBucket
	}
	return []byte("acct/" + scope)
}

// bucket returns the kind bucket, creating it in writable transactions when
// create is set. It returns nil when it does not exist.
func (t *Tx) bucket(scope, kind string, create bool) (*bolt.Bucket, error) {
	top := t.btx.Bucket(scopeName(scope))
	if top == nil {
		if !create || !t.btx.Writable() {
			return nil, nil
		}
		t.changed = true
		var err error
		if top, err = t.btx.CreateBucket(scopeName(scope)); err != nil {
			return nil, err
		}
	}
	b := top.Bucket([]byte(kind))
	if b == nil && create && t.btx.Writable() {
		t.changed = true
		var err error
		if b, err = top.CreateBucket([]byte(kind)); err != nil {
			return nil, err
		}
	}
	return fillFor(kind, b), nil
}

// fillFor sets how full bbolt packs the pages of b when it splits them.
// S3 keys mostly arrive in order (numbered or time-stamped names), and
// bbolt's default of one half leaves every page it splits half empty for
// good; 0.9 keeps the object indexes near full.
func fillFor(kind string, b *bolt.Bucket) *bolt.Bucket {
	if b != nil && strings.HasPrefix(kind, "s3") {
		b.FillPercent = 0.9
	}
	return b
}

// Get decodes the record scope/kind/key into v. It returns ErrNotFound when
// there is none.
func (t *Tx) Get(scope, kind, key string, v any) error {
	raw, err := t.stored(scope, kind, key)
	if err != nil {
		return err
	}
	if err := decodeRecord(kind, key, raw, v); err != nil {
		return fmt.Errorf("decode %s %q: %w", kind, key, err)
	}
	return nil
}

// stored returns the stored bytes of scope/kind/key, valid only inside the
// transaction, or ErrNotFound.
func (t *Tx) stored(scope, kind, key string) ([]byte, error) {
	b, err := t.bucket(scope, kind, false)
	if err != nil {
		return nil, err
	}
	var raw []byte
	if b != nil {
		raw = b.Get([]byte(key))
	}
	if raw == nil {
		return nil, fmt.Errorf("%s %q: %w", kind, key, ErrNotFound)
	}
	return raw, nil
}

// Exists reports whether scope/kind/key exists.
func (t *Tx) Exists(scope, kind, key string) bool {
	b, _ := t.bucket(scope, kind, false)
	return b != nil && b.Get([]byte(key)) != nil
}

// Put stores v at scope/kind/key, replacing any record there: S3 objects
// and uploads in their binary encoding (objcodec.go), the rest as JSON.
func (t *Tx) Put(scope, kind, key string, v any) error {
	raw, err := encodeRecord(kind, key, v)
	if err != nil {
		return fmt.Errorf("encode %s %q: %w", kind, key, err)
	}
	b, err := t.bucket(scope, kind, true)
	if err != nil {
		return fmt.Errorf("open %s: %w", kind, err)
	}
	t.touch(kind)
	if err := t.storeInlineOf(v); err != nil {
		return err
	}
	if indexed(scope, kind) {
		return t.putIndexed(b, scope, kind, key, raw, v)
	}
	return b.Put([]byte(key), raw)
}

// putIndexed stores raw at key in b, the bucket of scope/kind, and moves
// the index entries of the record there from those of the record it
// replaces to its own (iamindex.go).
func (t *Tx) putIndexed(b *bolt.Bucket, scope, kind, key string, raw []byte, v any) error {
	old, err := indexEntries(scope, kind, key, b.Get([]byte(key)), nil)
	if err != nil {
		return err
	}
	now, err := indexEntries(scope, kind, key, raw, v)
	if err != nil {
		return err
	}
	if err := b.Put([]byte(key), raw); err != nil {
		return err
	}
	return t.updateIndexes(old, now)
}

// storeInlineOf stores the staged inline bodies an S3 record names.
func (t *Tx) storeInlineOf(v any) error {
	switch r := v.(type) {
	case *S3Object:
		return t.storeInline(r.Parts)
	case *S3Upload:
		return t.storeInline(r.Parts)
	}
	return nil
}

// Create stores v like Put but returns ErrExists if key is taken.
func (t *Tx) Create(scope, kind, key string, v any) error {
	if t.Exists(scope, kind, key) {
		return fmt.Errorf("%s %q: %w", kind, key, ErrExists)
	}
	return t.Put(scope, kind, key, v)
}

// Delete removes scope/kind/key. It returns ErrNotFound when there is none.
func (t *Tx) Delete(scope, kind, key string) error {
	b, err := t.bucket(scope, kind, false)
	if err != nil {
		return err
	}
	if b == nil {
		return fmt.Errorf("%s %q: %w", kind, key, ErrNotFound)
	}
	// One descent of the tree: seek to the key and delete under the
	// cursor (Get then Delete searched twice). A nested bucket under the
	// key reads as a nil value, as Get reports it, so it is not found.
	k := []byte(key)
	c := b.Cursor()
	got, v := c.Seek(k)
	if v == nil || !bytes.Equal(got, k) {
		return fmt.Errorf("%s %q: %w", kind, key, ErrNotFound)
	}
	t.touch(kind)
	if !indexed(scope, kind) {
		return c.Delete()
	}
	old, err := indexEntries(scope, kind, key, v, nil)
	if err != nil {
		return err
	}
	if err := c.Delete(); err != nil {
		return err
	}
	return t.updateIndexes(old, nil)
}

// DeleteKind removes every record of one kind in a scope.
func (t *Tx) DeleteKind(scope, kind string) error {
	top := t.btx.Bucket(scopeName(scope))
	if top == nil || top.Bucket([]byte(kind)) == nil {
		return nil
	}
	t.touch(kind)
	return top.DeleteBucket([]byte(kind))
}

// Decoder decodes the current record inside ForEach.
type Decoder func(v any) error

// ForEach calls fn for each record of scope/kind whose key starts with
// prefix, in key order, starting at the first key ≥ start (when start is
// not empty). Returning ErrStop from fn ends the walk without error.
// fn may keep key; decode is valid only until fn returns.
func (t *Tx) ForEach(scope, kind, prefix, start string, fn func(key string, decode Decoder) error) error {
	// One decoder serves the whole walk (a closure per record was an
	// allocation per record): it decodes the record fn was called with.
	var raw []byte
	var key string
	decode := Decoder(func(out any) error { return decodeRecord(kind, key, raw, out) })
	return t.walk(scope, kind, prefix, start, func(k string, v []byte) error {
		raw, key = v, k // key is fn's to keep; decoded objects share it
		return fn(key, decode)
	})
}

// walk calls fn with the key and stored bytes of each record of
// scope/kind whose key starts with prefix, in key order, from the first
// key ≥ start (when start is not empty). The bytes are valid only during
// the call. It stops when the store is closing (ErrClosing), and returning
// ErrStop from fn ends it without error.
func (t *Tx) walk(scope, kind, prefix, start string, fn func(key string, raw []byte) error) error {
	b, err := t.bucket(scope, kind, false)
	if err != nil || b == nil {
		return err
	}
	c := b.Cursor()
	p := []byte(prefix)
	seek := p
	if start > prefix {
		seek = []byte(start)
	}
	n := 0
	for k, v := c.Seek(seek); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		if n++; n%1024 == 0 && t.closing != nil && t.closing.Load() {
			return ErrClosing
		}
		err := fn(string(k), v)
		if errors.Is(err, ErrStop) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// ErrStop ends a ForEach walk early without an error.
var ErrStop = errors.New("stop")

// Accounts lists the ids of every account that has records.
func (t *Tx) Accounts() []string {
	var out []string
	_ = t.btx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		if s, ok := bytes.CutPrefix(name, []byte("acct/")); ok {
			out = append(out, string(s))
		}
		return nil
	})
	return out
}
