package store

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// migrateBinaryRecords rewrites every bucket's object, version and upload
// records from JSON (schema 2) to the binary encoding (schema 3). It runs
// inside the opening transaction, so a crash leaves the store wholly at
// schema 2 or wholly at 3. The object key is taken from the bbolt key,
// which holds it exactly (the JSON copy may have lost bytes that are not
// UTF-8).
func migrateBinaryRecords(tx *Tx) error {
	buckets, err := bucketNames(tx)
	if err != nil {
		return err
	}
	object := func(o *S3Object, kind, key string) []byte {
		at := impliedKey(kind, key)
		if at.ok {
			o.Key = at.key
		}
		return encodeObject(o, at)
	}
	upload := func(u *S3Upload, kind, key string) []byte {
		at := impliedKey(kind, key)
		if at.ok {
			u.Key = at.key
		}
		return encodeUpload(u, at)
	}
	for _, b := range buckets {
		if err := reencode(tx, legacyObjectKind(b), object); err != nil {
			return fmt.Errorf("bucket %s objects: %w", b, err)
		}
		if err := reencode(tx, S3VersionKind(b), object); err != nil {
			return fmt.Errorf("bucket %s versions: %w", b, err)
		}
		if err := reencode(tx, S3UploadKind(b), upload); err != nil {
			return fmt.Errorf("bucket %s uploads: %w", b, err)
		}
	}
	return nil
}

// reencode rewrites every JSON record of kind with encode, a thousand at a
// time (bbolt cursors do not survive a Put, so each round seeks again past
// the last key it rewrote).
func reencode[T any](tx *Tx, kind string, encode func(rec *T, kind, key string) []byte) error {
	b, err := tx.bucket(Global, kind, false)
	if err != nil || b == nil {
		return err
	}
	type entry struct{ key, raw []byte }
	var after []byte
	for {
		var batch []entry
		c := b.Cursor()
		k, v := c.First()
		if after != nil {
			if k, v = c.Seek(after); bytes.Equal(k, after) {
				k, v = c.Next()
			}
		}
		for ; k != nil && len(batch) < 1000; k, v = c.Next() {
			if len(v) == 0 || v[0] != '{' {
				continue
			}
			var rec T
			if err := json.Unmarshal(v, &rec); err != nil {
				return fmt.Errorf("decode %q: %w", k, err)
			}
			batch = append(batch, entry{bytes.Clone(k), encode(&rec, kind, string(k))})
		}
		if len(batch) == 0 {
			return nil
		}
		for _, e := range batch {
			if err := b.Put(e.key, e.raw); err != nil {
				return err
			}
		}
		after = batch[len(batch)-1].key
	}
}
