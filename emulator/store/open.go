package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Open opens (creating if needed) the store in dir.
//
// It takes the database's file lock before it touches anything else in
// dir (creating a missing database, create.go, adds only a temporary file
// and the bodies/ and tmp/ directories before), so a second fakeaws on the
// same directory fails with "another fakeaws is using DIR" and leaves the
// first one's uploads in flight alone.
// It refuses a directory whose object bodies have lost their database (a
// missing, empty or new meta.db beside existing bodies): starting empty
// there would sweep every body away. Unless the database is byte for byte
// the one a clean Close left (see cleanclose.go), it reads every page
// before serving, so a damaged meta.db is one clear error here rather than
// a crash later.
func Open(dir string, opts Options) (*DB, error) {
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create store dir: %w", err)
	}
	path := filepath.Join(dir, "meta.db")
	missing, err := checkDatabaseFile(dir, path)
	if err != nil {
		return nil, err
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 2 * time.Second
	}
	var b *bolt.DB
	if missing {
		if b, err = createDatabase(dir, path, timeout, statErr != nil); err != nil {
			return nil, err
		}
	}
	created := b != nil
	if !created {
		err = guard(path, func() error {
			var err error
			b, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout})
			return err
		})
	}
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("another fakeaws is using %s (%s is locked)", dir, path)
	case err != nil:
		return nil, err
	}
	db := &DB{bolt: b, dir: dir, path: path, rehearse: opts.Rehearse}
	db.bodiesSync = newSyncGroup(func() error { return syncDir(filepath.Join(dir, "bodies")) })
	if err := db.prepare(opts, created); err != nil {
		b.Close()
		return nil, err
	}
	if err := db.loadClosed(); err != nil {
		b.Close()
		return nil, err
	}
	db.group.start(db.commitCalls, idleWork{
		due:   func() bool { return !db.keepTrash.Load() && db.inline.pendingTrash() > 0 },
		do:    func() { _ = db.flushTrash() }, // failed: retried when idle again, or at Close
		after: trashIdle,
	})
	return db, nil
}

// prepare readies an open, locked database: working directories, the
// damage check (the clean-shutdown marker, or a full read of every page),
// then the schema version (initialised or migrated). created says Open
// has just created the database (create.go): it holds nothing to sweep.
func (db *DB) prepare(opts Options, created bool) error {
	path := db.path
	if err := removeCreateLeftovers(db.dir); err != nil {
		return err
	}
	if !created { // creating made both directories
		if err := clearWorkDirs(db.dir); err != nil {
			return err
		}
	}
	clean, err := db.verifyOpen(path)
	if err != nil {
		return err
	}
	// From the first write on, only a clean Close vouches for the file.
	if err := removeMarker(db.dir); err != nil {
		return err
	}
	db.uncleanStart.Store(!clean && !created)
	if err := guard(path, func() error { return db.initSchema(path, opts) }); err != nil {
		return err
	}
	ensureReserve(db.dir)
	return nil
}

// clearWorkDirs makes sure bodies/ and tmp/ exist and removes from tmp/
// what writes and resets cut short by a stop or crash left there (with
// the lock held no other fakeaws is writing there). Only the names fakeaws
// gives its own work files go: --data may name a directory that held a
// tmp/ of its own before fakeaws first started there, and its files are
// not fakeaws's to delete.
func clearWorkDirs(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "bodies"), 0o755); err != nil {
		return fmt.Errorf("create store dir: %w", err)
	}
	tmp := filepath.Join(dir, "tmp")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return fmt.Errorf("create tmp: %w", err)
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return fmt.Errorf("clear tmp: %w", err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), bodyTempPrefix) && !strings.HasPrefix(e.Name(), resetTempPrefix) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(tmp, e.Name())); err != nil {
			return fmt.Errorf("clear tmp: %w", err)
		}
	}
	return nil
}

// The names of fakeaws's work files in tmp/: a body being written
// (WriteBodyFile) and the bodies of a Reset being removed.
const (
	bodyTempPrefix  = "body-"
	resetTempPrefix = "reset-"
)

// checkDatabaseFile refuses a missing or empty meta.db beside object
// bodies, before bbolt creates or initialises it, and reports whether
// meta.db is missing (to be created).
func checkDatabaseFile(dir, path string) (missing bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.Size() > 0:
		return false, nil
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	state := "missing"
	if err == nil {
		state = "empty"
	}
	return err != nil, orphanedBodies(dir, path, state)
}

// orphanedBodies returns the refusal to start over bodies that lost their
// database, or nil when there are no bodies.
func orphanedBodies(dir, path, state string) error {
	bodies := filepath.Join(dir, "bodies")
	entries, err := os.ReadDir(bodies)
	if err != nil || len(entries) == 0 {
		return nil
	}
	return fmt.Errorf("%s is %s but %s holds %d object bodies: refusing to start with an empty store, which would delete them; restore meta.db, or remove %s to start empty",
		path, state, bodies, len(entries), dir)
}

// initSchema records the schema version in a new database, or migrates an
// older one. A new database beside existing bodies is refused. A database
// already at SchemaVersion is only read: a write transaction there would
// cost a restart two fsyncs for nothing.
func (db *DB) initSchema(path string, opts Options) error {
	current := false
	if err := db.bolt.View(func(btx *bolt.Tx) error {
		if meta := btx.Bucket(metaBucket); meta != nil {
			current = string(meta.Get(versionKey)) == fmt.Sprint(SchemaVersion)
		}
		return nil
	}); err != nil {
		return err
	}
	if current {
		return nil
	}
	fresh := false
	err := db.Update(context.Background(), func(tx *Tx) error {
		meta, err := tx.btx.CreateBucketIfNotExists(metaBucket)
		if err != nil {
			return err
		}
		v := meta.Get(versionKey)
		if v == nil {
			// Records without a version are a store whose version was
			// lost: taking them as this version's layout would misread
			// them, and stamping the version would hide that for good.
			if hasRecords(tx.btx) {
				return damaged(path, errors.New("it has records but no schema version"))
			}
			if err := orphanedBodies(db.dir, path, "new (it has no schema version)"); err != nil {
				return err
			}
			fresh = true
			return meta.Put(versionKey, []byte(fmt.Sprint(SchemaVersion)))
		}
		var from int
		if _, err := fmt.Sscan(string(v), &from); err != nil {
			return fmt.Errorf("%s: bad schema version %q", path, v)
		}
		return migrate(tx, meta, from, opts)
	})
	if err == nil && fresh {
		// A new database beside no bodies has nothing to sweep.
		db.uncleanStart.Store(false)
	}
	return err
}

// hasRecords reports whether btx holds any top-level bucket but _meta.
func hasRecords(btx *bolt.Tx) bool {
	found := false
	_ = btx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		found = found || !bytes.Equal(name, metaBucket)
		return nil
	})
	return found
}

// migrate brings a store written by schema version from up to
// SchemaVersion.
func migrate(tx *Tx, meta *bolt.Bucket, from int, opts Options) error {
	switch {
	case from == SchemaVersion:
		return nil
	case from > SchemaVersion:
		return fmt.Errorf("store schema %d is newer than this fakeaws (%d)", from, SchemaVersion)
	}
	for v := from; v < SchemaVersion; v++ {
		m, ok := migrations[v]
		if !ok {
			return fmt.Errorf("store schema %d needs migration to %d", from, SchemaVersion)
		}
		if err := m(tx); err != nil {
			return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
		}
	}
	if opts.Migrate != nil {
		if err := opts.Migrate(tx, from); err != nil {
			return fmt.Errorf("migrate from %d: %w", from, err)
		}
	}
	return meta.Put(versionKey, []byte(fmt.Sprint(SchemaVersion)))
}

// readAll reads every key and value of every bucket and seeks to every
// key, so every page reachable from the root, branch keys included, is
// read once. Run under guard, a damaged page becomes an error here rather
// than a fault while serving. (bbolt's own Tx.Check is not used: it reads
// in a goroutine of its own, where a fault cannot be recovered.)
func (db *DB) readAll() error {
	return db.bolt.View(func(btx *bolt.Tx) error {
		var sum byte
		err := btx.ForEach(func(name []byte, b *bolt.Bucket) error {
			sum += touchBytes(name)
			return readBucket(b, &sum)
		})
		runtime.KeepAlive(sum)
		return err
	})
}

func readBucket(b *bolt.Bucket, sum *byte) error {
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		*sum += touchBytes(k) + touchBytes(v)
		if sk, _ := b.Cursor().Seek(k); !bytes.Equal(sk, k) {
			return fmt.Errorf("key %q cannot be found again: keys out of order", k)
		}
		if v == nil {
			if nb := b.Bucket(k); nb != nil {
				if err := readBucket(nb, sum); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// touchBytes reads every byte of v, so a key or value that lies outside the
// file faults here, under guard.
func touchBytes(v []byte) byte {
	var sum byte
	for _, c := range v {
		sum += c
	}
	return sum
}

// damagedError reports a meta.db that cannot be read.
type damagedError struct {
	path  string
	cause any
}

func (e *damagedError) Error() string {
	return fmt.Sprintf("%s is damaged (%v): restore it from a backup, or move the data directory away to start empty", e.path, e.cause)
}

// damaged marks err, an inconsistency found while reading, as damage.
func damaged(path string, err error) error {
	if err == nil {
		return nil
	}
	return &damagedError{path: path, cause: err}
}

// guard runs fn with memory faults turned into panics, and turns a panic
// or bbolt's own damage errors into one damagedError. bbolt reads its
// file through a memory map and trusts the page ids it finds, so a damaged
// file shows as a fault or panic as often as an error.
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			err = &damagedError{path: path, cause: p}
		}
	}()
	err = fn()
	if errors.Is(err, berrors.ErrInvalid) || errors.Is(err, berrors.ErrVersionMismatch) ||
		errors.Is(err, berrors.ErrChecksum) {
		return &damagedError{path: path, cause: err}
	}
	return err
}
