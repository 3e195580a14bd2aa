package store

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Clean-shutdown marker.
//
// Reading every page of meta.db at start-up (readAll) is what makes a
// damaged file one clear error, but it costs time and memory in
// proportion to the data. Close therefore records, in meta.clean beside
// the database, the file's size, its last transaction id and a CRC-32C of
// its whole contents. The next Open trusts the file without reading its
// pages only when all three still match, that is when meta.db is byte for
// byte the file a clean close left; computing the checksum reads the file
// with plain reads, so it costs no resident memory. Every other case is
// checked page by page as before:
//
//   - no marker (first start, or the last run crashed or was killed):
//     the marker is removed at Open, before the first write, so a run that
//     does not close cleanly leaves none;
//   - a different size or transaction id (the file was replaced, e.g.
//     restored from a backup): the page check decides.
//
// Same size and transaction id but another checksum means the bytes
// changed with no transaction: damage. That is refused outright, even
// where the page check would pass (a flipped byte inside a value), so a
// clean start is held to a stronger standard than the page check.
//
// The marker also says whether body files may be left unreferenced (a
// removal that failed or was still held by a reader at Close); when not,
// the start-up sweep of unreferenced bodies is not needed (NeedsSweep).

const markerName = "meta.clean"

// cleanMarker is the content of meta.clean.
type cleanMarker struct {
	size  int64
	txid  uint64
	crc   uint32
	sweep bool
}

const markerFormat = "fakeaws clean close v1 size=%d txid=%d crc32c=%08x sweep=%t\n"

func (m cleanMarker) String() string {
	return fmt.Sprintf(markerFormat, m.size, m.txid, m.crc, m.sweep)
}

// readMarker returns the marker in dir; ok is false when there is none or
// it cannot be read (the page check then runs, so nothing is trusted).
func readMarker(dir string) (m cleanMarker, ok bool) {
	raw, err := os.ReadFile(filepath.Join(dir, markerName))
	if err != nil {
		return m, false
	}
	n, err := fmt.Sscanf(string(raw), markerFormat, &m.size, &m.txid, &m.crc, &m.sweep)
	return m, err == nil && n == 4
}

// removeMarker removes the marker durably, so that a run that goes on to
// write and then crashes is checked in full at its next start.
func removeMarker(dir string) error {
	err := os.Remove(filepath.Join(dir, markerName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("remove clean-shutdown marker: %w", err)
	}
	return syncDir(dir)
}

// writeMarker records that the closed database at path is clean. It is
// written to a temporary file, fsynced and renamed, so a crash leaves the
// old state (no marker) or the whole new one.
func writeMarker(dir, path string, txid uint64, sweep bool) error {
	size, crc, err := fileChecksum(path)
	if err != nil {
		return err
	}
	m := cleanMarker{size: size, txid: txid, crc: crc, sweep: sweep}
	tmp := filepath.Join(dir, markerName+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("write clean-shutdown marker: %w", err)
	}
	_, err = io.WriteString(f, m.String())
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, markerName))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write clean-shutdown marker: %w", err)
	}
	return syncDir(dir)
}

// fileChecksum returns the size and CRC-32C of the file at path, read with
// plain reads (page cache only, no resident memory in this process).
func fileChecksum(path string) (int64, uint32, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	h := crc32.New(crc32.MakeTable(crc32.Castagnoli))
	n, err := io.CopyBuffer(h, f, make([]byte, 256<<10))
	if err != nil {
		return 0, 0, fmt.Errorf("checksum %s: %w", path, err)
	}
	return n, h.Sum32(), nil
}

// lastTxID returns the id of the database's last committed transaction.
func (db *DB) lastTxID() (id uint64, err error) {
	err = db.bolt.View(func(btx *bolt.Tx) error {
		id = uint64(btx.ID())
		return nil
	})
	return id, err
}

// verifyOpen decides how much of the freshly opened database at path must
// be read before serving: nothing when the clean-shutdown marker matches
// it, every page otherwise. It reports whether the store was closed
// cleanly with nothing left to sweep.
func (db *DB) verifyOpen(path string) (cleanNoSweep bool, err error) {
	m, ok := readMarker(db.dir)
	if ok {
		var txid uint64
		if err := guard(path, func() (err error) { txid, err = db.lastTxID(); return err }); err != nil {
			return false, err
		}
		fi, err := os.Stat(path)
		if err != nil {
			return false, err
		}
		if fi.Size() == m.size && txid == m.txid {
			_, crc, err := fileChecksum(path)
			if err != nil {
				return false, err
			}
			if crc != m.crc {
				return false, &damagedError{path: path, cause: fmt.Sprintf(
					"its contents changed after the clean shutdown at transaction %d without a new transaction: checksum %08x, recorded %08x",
					m.txid, crc, m.crc)}
			}
			return !m.sweep, nil
		}
	}
	return false, guard(path, func() error { return damaged(path, db.readAll()) })
}
