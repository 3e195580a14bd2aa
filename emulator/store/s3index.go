package store

import (
	"encoding/json"
	"fmt"
	"strings"
)

// S3 index keys. The version and upload kinds of a bucket are keyed by the
// object key followed by a version sequence or an upload id. Object keys
// may hold any byte, NUL included, so the object key is escaped before the
// separator: every NUL becomes NUL 0xFF and the key ends with NUL 0x01.
// The encoding is unambiguous (the first NUL 0x01 ends the key) and keeps
// byte order: index keys sort by object key first, exactly as the keys
// themselves sort, so a prefix scan over the index lists keys in S3's
// order.

const (
	indexEscape = "\x00\xff" // a NUL inside an object key
	indexEnd    = "\x00\x01" // the end of the object key
)

// S3IndexPrefix returns the prefix that every index key of every object
// key starting with prefix begins with.
func S3IndexPrefix(prefix string) string {
	return strings.ReplaceAll(prefix, "\x00", indexEscape)
}

// S3IndexKeyPrefix returns the prefix of the index keys of exactly one
// object key (and of no other).
func S3IndexKeyPrefix(key string) string { return S3IndexPrefix(key) + indexEnd }

// S3VersionKey returns the S3VersionKind key of version seq of key.
func S3VersionKey(key string, seq uint64) string {
	return S3IndexKeyPrefix(key) + S3VersionSuffix(seq)
}

// S3UploadKey returns the S3UploadKind key of upload id of key.
func S3UploadKey(key, id string) string { return S3IndexKeyPrefix(key) + id }

// S3IndexObjectKey returns the object key an index key names. It reports
// false for a key that is not an index key.
func S3IndexObjectKey(k string) (string, bool) {
	// Most object keys hold no NUL: the first one ends the key, which is
	// then a substring, not a copy.
	if i := strings.IndexByte(k, 0); i >= 0 && i+1 < len(k) && k[i+1] == indexEnd[1] {
		return k[:i], true
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(k, 0)
		if i < 0 || i+1 == len(k) {
			return "", false
		}
		b.WriteString(k[:i])
		switch k[i+1] {
		case indexEscape[1]:
			b.WriteByte(0)
			k = k[i+2:]
		case indexEnd[1]:
			return b.String(), true
		default:
			return "", false
		}
	}
}

// bucketNames lists every bucket's name, for migrations that rewrite each
// bucket's kinds.
func bucketNames(tx *Tx) ([]string, error) {
	var buckets []string
	err := tx.ForEach(Global, KindBucket, "", "", func(k string, _ Decoder) error {
		buckets = append(buckets, k)
		return nil
	})
	return buckets, err
}

// migrateS3IndexKeys rewrites every bucket's version and upload index from
// schema 1 keys (object key + NUL + suffix, ambiguous when the key holds a
// NUL) to the escaped keys above. Each record carries its own key, version
// sequence and upload id, so the new keys are built from the records.
func migrateS3IndexKeys(tx *Tx) error {
	buckets, err := bucketNames(tx)
	if err != nil {
		return err
	}
	for _, b := range buckets {
		if err := rekey(tx, S3VersionKind(b), func(o *S3Object) string { return S3VersionKey(o.Key, o.Seq) }); err != nil {
			return fmt.Errorf("bucket %s versions: %w", b, err)
		}
		if err := rekey(tx, S3UploadKind(b), func(u *S3Upload) string { return S3UploadKey(u.Key, u.UploadID) }); err != nil {
			return fmt.Errorf("bucket %s uploads: %w", b, err)
		}
	}
	return nil
}

// rekey rewrites every record of kind under the key newKey gives it.
func rekey[T any](tx *Tx, kind string, newKey func(*T) string) error {
	type entry struct {
		key string
		raw []byte
	}
	b, err := tx.bucket(Global, kind, false)
	if err != nil || b == nil {
		return err
	}
	var entries []entry
	if err := b.ForEach(func(_, v []byte) error {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return err
		}
		entries = append(entries, entry{newKey(&rec), append([]byte(nil), v...)})
		return nil
	}); err != nil {
		return err
	}
	if err := tx.DeleteKind(Global, kind); err != nil {
		return err
	}
	nb, err := tx.bucket(Global, kind, true)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := nb.Put([]byte(e.key), e.raw); err != nil {
			return err
		}
	}
	return nil
}
