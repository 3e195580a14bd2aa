package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Creating a store.
//
// A new store holds nothing worth an fsync at each step, yet a crash at
// any instant must leave either no store or a complete one: never a
// meta.db whose first pages or schema version are missing, which the next
// start would call damaged. So the database is built under a temporary
// name beside meta.db (createPrefix), with bbolt's syncs off: bbolt writes
// its first pages (and syncs them; it always does), then the schema
// transaction, then one fdatasync makes the whole file durable. Only then
// is it linked to meta.db (a link, unlike a rename, fails when the name is
// taken, so two fakeaws starting on one new directory cannot replace each
// other's database), and one fsync of the directory makes the name, the
// bodies/ and tmp/ directories and the removal of the temporary name
// durable together, before Open returns and any write is acknowledged.
//
// A crash before the link leaves no meta.db (and a temporary file the next
// Open removes); after it, a complete, synced database. Where the file
// system has no hard links, bbolt creates meta.db in place, as before.

// createPrefix starts the temporary name of a database being created.
const createPrefix = "meta.db.new-"

// createDatabase creates the database at path in dir (which must not have
// one yet; Open has checked that no bodies lie there), opened and locked.
// It returns nil and no error when the database is not to be linked into
// place: another process created meta.db meanwhile, or the file system
// has no hard links (FAT, some network mounts). The caller then opens
// meta.db as it is, creating it there if it is still missing.
func createDatabase(dir, path string, timeout time.Duration, dirCreated bool) (*bolt.DB, error) {
	for _, sub := range []string{"bodies", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("create store dir: %w", err)
		}
	}
	f, err := os.CreateTemp(dir, createPrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
	b, err := buildDatabase(tmp, timeout)
	if err == nil {
		err = os.Link(tmp, path)
	}
	// The temporary name goes either way; if this fails, the next
	// Open removes it (removeCreateLeftovers).
	os.Remove(tmp)
	switch {
	case b != nil && err != nil:
		// The link failed: meta.db was created meanwhile (and its
		// owner, holding the lock, may have removed this temporary
		// file already), or links are not supported.
		b.Close()
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	err = syncDir(dir)
	if err == nil && dirCreated {
		// The store's own directory entry is new too.
		err = syncDir(filepath.Dir(dir))
	}
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("create %s: sync directory: %w", path, err)
	}
	return b, nil
}

// buildDatabase initialises the empty file at tmp as a database at
// SchemaVersion and syncs it once.
func buildDatabase(tmp string, timeout time.Duration) (*bolt.DB, error) {
	b, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: timeout, NoSync: true, NoGrowSync: true})
	if err != nil {
		return nil, err
	}
	err = b.Update(func(btx *bolt.Tx) error {
		meta, err := btx.CreateBucket(metaBucket)
		if err != nil {
			return err
		}
		return meta.Put(versionKey, []byte(fmt.Sprint(SchemaVersion)))
	})
	b.NoSync, b.NoGrowSync = false, false
	if err == nil {
		err = b.Sync()
	}
	if err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// removeCreateLeftovers removes the temporary databases of creations cut
// short by a crash. It runs with meta.db locked: a process still creating
// one now will find meta.db taken when it tries to link its own.
func removeCreateLeftovers(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), createPrefix) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove unfinished database: %w", err)
			}
		}
	}
	return nil
}

// storeFileError names meta.db in an error bbolt reports about its file.
// A store created by this run was opened under its temporary name, and
// bbolt keeps that name in its errors ("write DIR/meta.db.new-123: no
// space left on device") although the file is meta.db by then and the
// temporary name is gone.
func (db *DB) storeFileError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && strings.HasPrefix(filepath.Base(pe.Path), createPrefix) {
		pe.Path = db.path
	}
	return err
}
