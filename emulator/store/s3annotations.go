package store

import "time"

// S3AnnotationKind is the kind holding the annotations of a bucket's
// object versions (PutObjectAnnotation): key = S3AnnotationKey(object
// key, version seq, name) → S3Annotation. An annotation belongs to one
// version and is a record of its own rather than a field of the version
// record: a version may carry up to 1,000 payloads of up to 1 MiB each,
// which GET, HEAD and listings of the object must not read. The version's
// sequence number, not its id, names it, so a "null" version replaced by
// a new one (a new sequence) never lends it the old one's annotations.
// Whoever removes a version removes its annotations in the same
// transaction (DeleteS3Annotations).
func S3AnnotationKind(bucket string) string { return "s3n/" + bucket }

// S3AnnotationPrefix returns the prefix of the S3AnnotationKind keys of
// every annotation of version seq of key (and of no other version): the
// version's index key, whose sequence suffix has a fixed length, and "/".
func S3AnnotationPrefix(key string, seq uint64) string { return S3VersionKey(key, seq) + "/" }

// S3AnnotationKey returns the S3AnnotationKind key of annotation name of
// version seq of key. A version's annotations sort by name, bytewise.
func S3AnnotationKey(key string, seq uint64, name string) string {
	return S3AnnotationPrefix(key, seq) + name
}

// S3Annotation is one annotation of an object version: a named UTF-8
// payload of 1 byte to 1 MiB, kept inline.
type S3Annotation struct {
	Name     string
	Payload  string
	Size     int64  // len(Payload), read by listings that skip Payload
	ETag     string // quoted hex MD5 of Payload
	Modified time.Time
	// ChecksumAlgorithm and Checksum: the payload's checksum (base64) as
	// stored, of type ChecksumType (FULL_OBJECT).
	ChecksumAlgorithm string `json:",omitempty"`
	Checksum          string `json:",omitempty"`
	ChecksumType      string `json:",omitempty"`
}

// DeleteS3Annotations removes every annotation of version seq of key in
// bucket; a version without any costs one seek, and a bucket whose
// versions never had any (every PutObject replacing a null version asks)
// one lookup.
func (t *Tx) DeleteS3Annotations(bucket, key string, seq uint64) error {
	kind := S3AnnotationKind(bucket)
	if b, err := t.bucket(Global, kind, false); err != nil || b == nil {
		return err
	}
	var keys []string
	err := t.walk(Global, kind, S3AnnotationPrefix(key, seq), "", func(k string, _ []byte) error {
		keys = append(keys, k)
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := t.Delete(Global, kind, k); err != nil {
			return err
		}
	}
	return nil
}
