package store

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// Clean-shutdown marker.
//
// Reading every page of meta.db at start-up (readAll) is what makes a
// damaged file one clear error, but it costs time and memory in
// proportion to the data. Close therefore records, in meta.clean beside
// the database, the file's size, its last transaction id and a CRC-32C of
// each 4 MiB of its contents (markerChunk: the pieces are checked in
// parallel, so a large store costs its start less wall time). The next Open trusts the file without reading its
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
	size int64
	txid uint64
	// chunk is the length of the pieces crcs check, each its CRC-32C
	// (the last piece may be shorter); 0 means one piece, the whole file.
	chunk int64
	crcs  []uint32
	sweep bool
}

// markerChunk is the length of the pieces Close checksums.
const markerChunk = 4 << 20

const (
	markerFormat = "fakeaws clean close v2 size=%d txid=%d chunk=%d crc32c=%s sweep=%t\n"
	// markerFormatV1 (one CRC of the whole file) is still read.
	markerFormatV1 = "fakeaws clean close v1 size=%d txid=%d crc32c=%08x sweep=%t\n"
)

func (m cleanMarker) String() string {
	hex := make([]string, len(m.crcs))
	for i, c := range m.crcs {
		hex[i] = fmt.Sprintf("%08x", c)
	}
	return fmt.Sprintf(markerFormat, m.size, m.txid, m.chunk, strings.Join(hex, ","), m.sweep)
}

// readMarker returns the marker in dir; ok is false when there is none or
// it cannot be read (the page check then runs, so nothing is trusted).
func readMarker(dir string) (m cleanMarker, ok bool) {
	raw, err := os.ReadFile(filepath.Join(dir, markerName))
	if err != nil {
		return m, false
	}
	var crc uint32
	if n, err := fmt.Sscanf(string(raw), markerFormatV1, &m.size, &m.txid, &crc, &m.sweep); err == nil && n == 4 {
		m.crcs = []uint32{crc}
		return m, true
	}
	var list string
	n, err := fmt.Sscanf(string(raw), markerFormat, &m.size, &m.txid, &m.chunk, &list, &m.sweep)
	if err != nil || n != 5 || m.chunk <= 0 {
		return m, false
	}
	for _, h := range strings.Split(list, ",") {
		c, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return m, false
		}
		m.crcs = append(m.crcs, uint32(c))
	}
	return m, len(m.crcs) == chunkCount(m.size, m.chunk)
}

// chunkCount is how many pieces of chunk bytes (0: one piece) a file of
// size bytes has; an empty file has one, empty.
func chunkCount(size, chunk int64) int {
	if chunk == 0 || size == 0 {
		return 1
	}
	return int((size + chunk - 1) / chunk)
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
	size, crcs, err := fileChecksums(path, markerChunk)
	if err != nil {
		return err
	}
	m := cleanMarker{size: size, txid: txid, chunk: markerChunk, crcs: crcs, sweep: sweep}
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

// fileChecksums returns the size of the file at path and the CRC-32C of
// each chunk bytes of it (the whole file when chunk is 0), read with plain
// reads (page cache only, no resident memory in this process), the pieces
// spread over up to GOMAXPROCS goroutines.
func fileChecksums(path string, chunk int64) (int64, []uint32, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, nil, err
	}
	size := fi.Size()
	crcs := make([]uint32, chunkCount(size, chunk))
	if chunk == 0 {
		chunk = max(size, 1)
	}
	var next atomic.Int64
	errs := make([]error, min(len(crcs), runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 256<<10)
			for i := next.Add(1) - 1; i < int64(len(crcs)) && errs[w] == nil; i = next.Add(1) - 1 {
				off := i * chunk
				crcs[i], errs[w] = chunkChecksum(f, off, min(chunk, size-off), buf)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return 0, nil, fmt.Errorf("checksum %s: %w", path, err)
	}
	return size, crcs, nil
}

// chunkChecksum is the CRC-32C of the n bytes of f at off.
func chunkChecksum(f *os.File, off, n int64, buf []byte) (uint32, error) {
	h := crc32.New(castagnoli)
	got, err := io.CopyBuffer(h, io.NewSectionReader(f, off, n), buf)
	if err == nil && got != n {
		err = fmt.Errorf("%d bytes at %d: read %d (the file shrank)", n, off, got)
	}
	return h.Sum32(), err
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

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
			_, crcs, err := fileChecksums(path, m.chunk)
			if err != nil {
				return false, err
			}
			for i, crc := range crcs {
				if crc != m.crcs[i] {
					return false, &damagedError{path: path, cause: fmt.Sprintf(
						"its contents changed after the clean shutdown at transaction %d without a new transaction: checksum %08x of piece %d, recorded %08x",
						m.txid, crc, i, m.crcs[i])}
				}
			}
			return !m.sweep, nil
		}
	}
	return false, guard(path, func() error { return damaged(path, db.readAll()) })
}
