package store

import (
	"bytes"
	"errors"
	"fmt"
)

// Current objects (schema 5).
//
// A key's current version is its newest version: the first record under
// the key's prefix in the bucket's version index (S3VersionKind), whose
// keys sort by object key, then newest first. Up to schema 4 a second
// index, s3o/<bucket>, held a copy of every current record, so each object
// was stored twice; reading the version index instead keeps one copy (a
// small object's metadata went from ~320 to ~200 bytes) and a PutObject
// writes one index record rather than two. A lookup is one cursor seek
// either way, and a listing reads the same number of records.

// legacyObjectPrefix starts the kinds of the current-object index that
// schema 5 dropped (dropCurrentIndex).
const legacyObjectPrefix = "s3o/"

// legacyObjectKind is the schema 4 current-object kind of bucket: key =
// object key → S3Object. Only migrations read it.
func legacyObjectKind(bucket string) string { return legacyObjectPrefix + bucket }

// CurrentObject decodes into o the current version of key in bucket (a
// delete marker if that is the newest version). It returns ErrNotFound
// when key has no version.
func (t *Tx) CurrentObject(bucket, key string, o *S3Object) error {
	b, err := t.bucket(Global, S3VersionKind(bucket), false)
	if err != nil {
		return err
	}
	if b != nil {
		var buf [128]byte
		p := appendIndexKeyPrefix(buf[:0], key)
		if k, v := b.Cursor().Seek(p); k != nil && bytes.HasPrefix(k, p) {
			if err := decodeBinaryObject(keyAt{key, true}, v, o); err != nil {
				return fmt.Errorf("decode current version of %q: %w", key, err)
			}
			return nil
		}
	}
	return fmt.Errorf("object %q: %w", key, ErrNotFound)
}

// ForEachCurrent calls fn with the current version of each key in bucket
// that starts with prefix, in key order, from the first key ≥ start (when
// start is not empty); decode decodes that version (into an S3Object or
// an S3ObjectSummary). Keys whose newest version is a delete marker are
// included. Returning ErrStop from fn ends the walk without error.
func (t *Tx) ForEachCurrent(bucket, prefix, start string, fn func(key string, decode Decoder) error) error {
	b, err := t.bucket(Global, S3VersionKind(bucket), false)
	if err != nil || b == nil {
		return err
	}
	seek := prefix
	if start > prefix {
		seek = start
	}
	p := []byte(S3IndexPrefix(prefix))
	var keyPrefix []byte // the index prefix of the key just visited
	c := b.Cursor()
	n := 0
	for k, v := c.Seek([]byte(S3IndexPrefix(seek))); k != nil && bytes.HasPrefix(k, p); {
		if n++; n%1024 == 0 && t.closing != nil && t.closing.Load() {
			return ErrClosing
		}
		key, end, ok := indexObjectKey(k)
		if !ok {
			return fmt.Errorf("version index key %q: %w", k, errBadRecord)
		}
		raw := v
		err := fn(key, func(out any) error { return decodeBinaryObject(keyAt{key, true}, raw, out) })
		if errors.Is(err, ErrStop) {
			return nil
		}
		if err != nil {
			return err
		}
		// The key's older versions follow; skip them with one seek past
		// its prefix (version suffixes are hex digits, all below 0xff).
		keyPrefix = append(keyPrefix[:0], k[:end]...)
		if k, v = c.Next(); k != nil && bytes.HasPrefix(k, keyPrefix) {
			k, v = c.Seek(append(keyPrefix, 0xff))
		}
	}
	return nil
}

// decodeBinaryObject decodes a version record into out (an S3Object or an
// S3ObjectSummary).
func decodeBinaryObject(at keyAt, raw []byte, out any) error {
	if len(raw) == 0 || raw[0] != recObject {
		return decodeRecord("", "", raw, out) // a JSON record, or a refusal
	}
	return decodeBinary(at, raw, out)
}

// appendIndexKeyPrefix appends S3IndexKeyPrefix(key) to b.
func appendIndexKeyPrefix(b []byte, key string) []byte {
	for i := 0; i < len(key); i++ {
		if key[i] == 0 {
			b = append(b, indexEscape...)
		} else {
			b = append(b, key[i])
		}
	}
	return append(b, indexEnd...)
}

// indexObjectKey returns the object key index key k names and the length
// of k's prefix up to and including the end of that key.
func indexObjectKey(k []byte) (key string, end int, ok bool) {
	i := bytes.IndexByte(k, 0)
	if i >= 0 && i+1 < len(k) && k[i+1] == indexEnd[1] {
		return string(k[:i]), i + 2, true // no NUL inside the key
	}
	key, ok = S3IndexObjectKey(string(k))
	if !ok {
		return "", 0, false
	}
	return key, len(S3IndexKeyPrefix(key)), true
}

// dropCurrentIndex removes every bucket's schema 4 current-object index
// (s3o/<bucket>). Every record there is a copy of its key's newest
// version, written in the same transaction; should one's version be
// missing from the version index all the same, it is put there first, so
// no record is lost. It runs inside the opening transaction: a crash
// leaves the store wholly at schema 4 or wholly at 5.
func dropCurrentIndex(tx *Tx) error {
	buckets, err := bucketNames(tx)
	if err != nil {
		return err
	}
	for _, name := range buckets {
		if err := keepCurrentVersions(tx, name); err != nil {
			return fmt.Errorf("bucket %s: %w", name, err)
		}
		if err := tx.DeleteKind(Global, legacyObjectKind(name)); err != nil {
			return fmt.Errorf("bucket %s: %w", name, err)
		}
	}
	return nil
}

// keepCurrentVersions puts into bucket's version index each schema 4
// current record whose version is not there.
func keepCurrentVersions(tx *Tx, bucket string) error {
	cur, err := tx.bucket(Global, legacyObjectKind(bucket), false)
	if err != nil || cur == nil {
		return err
	}
	versions, err := tx.bucket(Global, S3VersionKind(bucket), true)
	if err != nil {
		return err
	}
	var missing []*S3Object
	err = cur.ForEach(func(k, v []byte) error {
		var o S3Object
		if err := decodeRecord(legacyObjectKind(bucket), string(k), v, &o); err != nil {
			return fmt.Errorf("decode %q: %w", k, err)
		}
		if versions.Get([]byte(S3VersionKey(o.Key, o.Seq))) == nil {
			missing = append(missing, &o)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, o := range missing {
		if err := tx.Put(Global, S3VersionKind(bucket), S3VersionKey(o.Key, o.Seq), o); err != nil {
			return err
		}
	}
	return nil
}
