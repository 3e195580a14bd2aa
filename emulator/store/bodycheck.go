package store

import (
	"errors"
	"fmt"
	"io"
	"os"

	bolt "go.etcd.io/bbolt"
)

// ErrBodyDamaged marks a body that committed metadata names but that is
// missing, or not the size the metadata records: the data directory was
// changed outside fakeaws (a body file deleted or truncated, a disk
// fault). Readers refuse such a body rather than serve other bytes, or
// answer as if the object did not exist. Callers test it with errors.Is.
var ErrBodyDamaged = errors.New("object body is missing or damaged")

// OpenBodySized opens committed body id, which its record says holds size
// bytes. A body that is gone, or of another size, is ErrBodyDamaged: a
// reader that holds a pin (PinBodies) from before the read transaction
// that found id never meets a body removed by fakeaws itself.
func (db *DB) OpenBodySized(id string, size int64) (io.ReadSeekCloser, error) {
	f, err := db.OpenBody(id)
	if errors.Is(err, ErrNotFound) {
		return nil, db.missingBody(id)
	}
	if err != nil {
		return nil, err
	}
	got, err := f.Seek(0, io.SeekEnd)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("body %s: %w", id, err)
	}
	if got != size {
		f.Close()
		return nil, db.wrongSize(id, got, size)
	}
	return f, nil
}

// CheckBodies reports ErrBodyDamaged for the first part whose body is
// missing or not of the part's size, without opening any: a reader checks
// every part it will stream before it answers, so that damage is an error
// response rather than a body cut off after its headers.
func (db *DB) CheckBodies(parts []S3Part) error {
	var inline []S3Part
	for _, p := range parts {
		if IsInline(p.Body) {
			inline = append(inline, p)
			continue
		}
		fi, err := os.Stat(db.bodyPath(p.Body))
		switch {
		case errors.Is(err, os.ErrNotExist):
			return db.missingBody(p.Body)
		case err != nil:
			return fmt.Errorf("body %s: %w", p.Body, err)
		case fi.Size() != p.Size:
			return db.wrongSize(p.Body, fi.Size(), p.Size)
		}
	}
	if len(inline) == 0 {
		return nil
	}
	return db.bolt.View(func(btx *bolt.Tx) error {
		b := btx.Bucket(inlineBucket)
		for _, p := range inline {
			key, ok := inlineKey(p.Body)
			var v []byte
			if ok && b != nil {
				v = b.Get(key[:])
			}
			switch {
			case v == nil:
				return db.missingBody(p.Body)
			case int64(len(v)-1) != p.Size:
				return db.wrongSize(p.Body, int64(len(v)-1), p.Size)
			}
		}
		return nil
	})
}

// missingBody is the damage error for committed body id that is gone.
func (db *DB) missingBody(id string) error {
	where := db.bodyPath(id)
	if IsInline(id) {
		where = db.path + " (inline bodies)"
	}
	return fmt.Errorf("body %s is missing from %s although a committed record names it: %w", id, where, ErrBodyDamaged)
}

// wrongSize is the damage error for body id holding got bytes, not want.
func (db *DB) wrongSize(id string, got, want int64) error {
	return fmt.Errorf("body %s holds %d bytes, its record says %d: %w", id, got, want, ErrBodyDamaged)
}
