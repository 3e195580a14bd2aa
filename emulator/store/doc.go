// Package store keeps fakeaws's state: bbolt for every record, and object
// bodies as plain files beside it.
//
// # Layout
//
// One bbolt database (meta.db) holds a top-level bucket per account
// ("acct/111122223333") with a nested bucket per record kind (users, roles,
// policies, ...), a "_global" bucket for names that span accounts (access
// keys, sessions, S3 bucket names, closed accounts: closed.go) and a
// "_meta" bucket with the schema version. Names users choose never collide with these: every user-visible
// name lives inside a kind bucket.
//
// Two kinds in each account scope index IAM records for the writes that
// would otherwise walk them all (iamindex.go): access-keys-by-user
// ("<user>/<key id>", the keys themselves are in "_global") and
// group-members ("<group>/<user>"). Put and Delete of an access key or a
// user keep them in the same transaction; readers confirm each entry
// against its record.
//
// An S3 bucket's version and upload indexes are keyed by the object key and
// a suffix. Object keys may hold any byte, so the key is escaped first
// (S3IndexPrefix): keys differing only after a NUL never share an index
// entry, and the index still sorts in object key order. Its metrics,
// analytics, inventory and Intelligent-Tiering configurations are records
// of a kind of their own (S3ConfigKind, "<sub-resource>/<id>"), which
// DeleteBucket removes with the versions and uploads; a store written
// before they were kept simply has none, so no migration was needed. The
// annotations of object versions are records of their own too
// (S3AnnotationKind, keyed by the version's index key and the name),
// removed with their version in the same transaction
// (Tx.DeleteS3Annotations).
//
// SchemaVersion numbers the layout; Open migrates an older store in place
// inside its opening transaction.
//
// Close leaves a clean-shutdown marker (meta.clean) so the next Open need
// not read every page to rule out damage; see cleanclose.go.
//
// Records are JSON, except S3 object, version and upload records, which
// are the bulk of a large store: they use a compact binary encoding
// (objcodec.go, 74 bytes for a small PUT) that keeps every byte of
// their strings. Each API call runs in one transaction through DB.View or
// DB.Update; a Tx is valid only inside its closure and byte slices from bbolt
// are never kept after it ends.
//
// # Object bodies
//
// WriteBody takes a body and returns an id for the records that name it.
// A body of at most InlineMax bytes is staged in memory and stored inline,
// in meta.db's "_bodies" bucket, by the same transaction as the first
// record naming it (Tx.Put does this for S3 object and upload records), so
// concurrent small PUTs share one commit and one fsync (Batch) and the
// body is durable exactly when its record is. A larger body streams to a
// temporary file, is fsynced and renamed into bodies/ (WriteBodyFile);
// only then does the caller commit the metadata that names it. Either way
// a crash before that commit leaves at most an unreferenced body, never a
// half-written object that a reader could see; SweepBodies removes
// unreferenced bodies of both kinds. Inline ids are version 7 UUIDs, file
// ids version 4 (IsInline). Readers pin bodies (PinBodies); a removed
// inline body is deleted by the next commit once no reader holds it
// (inline.go).
//
// # Errors
//
// Methods return ErrNotFound, ErrExists or ErrConflict (wrapped with
// context); callers test them with errors.Is and map them to AWS codes.
package store
