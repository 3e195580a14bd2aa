package store

import "time"

// CommitStats reports, for benchmarks, how many transactions have been
// committed since the database was created, how many page writes (pwrite
// calls) and pages bbolt has made, and the database file's size in pages.
func (db *DB) CommitStats() (c CommitCounts, err error) {
	commits, err := db.lastTxID()
	s := db.bolt.Stats().TxStats
	return CommitCounts{Commits: commits, Writes: s.GetWrite(), Pages: s.GetPageCount(),
		WriteTime: s.GetWriteTime(), SpillTime: s.GetSpillTime()}, err
}

// CommitCounts are the counters CommitStats reads.
type CommitCounts struct {
	Commits              uint64
	Writes, Pages        int64
	WriteTime, SpillTime time.Duration
}

// KeepRemovedBodiesQueued stops the committer deleting removed inline
// bodies when it is idle: they wait for a full batch, or Close.
func (db *DB) KeepRemovedBodiesQueued() { db.keepTrash.Store(true) }

// TrashBatch is how many removed inline bodies a commit deletes together.
const TrashBatch = trashBatch

// PendingCalls is how many Batch calls wait for the committer's next round.
func (db *DB) PendingCalls() int {
	db.group.mu.Lock()
	defer db.group.mu.Unlock()
	return len(db.group.pending)
}

// StoreFileError is storeFileError, for tests.
func (db *DB) StoreFileError(err error) error { return db.storeFileError(err) }
