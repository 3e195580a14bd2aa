package store

import "time"

// S3 records. Buckets live in the Global scope (names are global across
// accounts); each bucket's objects, versions and uploads live in kinds named
// after the bucket, also in the Global scope, so deleting a bucket is one
// DeleteKind per kind.

// S3VersionKind is the kind holding every version of a bucket's objects:
// key = S3VersionKey(object key, seq) → S3Object. Versions of a key sort
// newest first, and the newest is the key's current version (possibly a
// delete marker): Tx.CurrentObject and Tx.ForEachCurrent read it.
func S3VersionKind(bucket string) string { return "s3v/" + bucket }

// S3UploadKind is the kind holding a bucket's multipart uploads in progress:
// key = S3UploadKey(object key, upload id) → S3Upload.
func S3UploadKind(bucket string) string { return "s3u/" + bucket }

// S3ConfigKind is the kind holding a bucket's configurations kept by id
// (metrics, analytics, inventory, Intelligent-Tiering): key =
// S3ConfigKey(sub-resource, id) → S3BucketConfig. A bucket may have up to
// 1,000 of each, so they are records of their own rather than fields of
// the Bucket record every request reads; they sort by id within a
// sub-resource, the order AWS lists them in.
func S3ConfigKind(bucket string) string { return "s3c/" + bucket }

// S3ConfigKey is the S3ConfigKind key of configuration id of sub-resource
// sub ("metrics", "analytics", "inventory", "intelligent-tiering").
func S3ConfigKey(sub, id string) string { return sub + "/" + id }

// S3BucketConfig is one configuration kept by id: its validated XML
// document, without namespace (the root element is the configuration's,
// e.g. MetricsConfiguration).
type S3BucketConfig struct {
	ID  string
	Doc string
}

// S3VersionSuffix renders seq so that larger (newer) sequence numbers sort
// first.
func S3VersionSuffix(seq uint64) string {
	const hex = "0123456789abcdef"
	v := ^seq
	b := make([]byte, 16)
	for i := 15; i >= 0; i-- {
		b[i] = hex[v&15]
		v >>= 4
	}
	return string(b)
}

// S3Grant is one ACL grant.
type S3Grant struct {
	// GranteeType is "CanonicalUser", "Group" or "AmazonCustomerByEmail".
	GranteeType string
	ID          string `json:",omitempty"` // canonical user id
	DisplayName string `json:",omitempty"`
	URI         string `json:",omitempty"` // group URI
	Email       string `json:",omitempty"`
	// Account is the account id behind ID (resolved when the grant is set).
	Account    string `json:",omitempty"`
	Permission string // FULL_CONTROL, READ, WRITE, READ_ACP, WRITE_ACP
}

// Bucket is an S3 bucket (Global, KindBucket, key = bucket name).
type Bucket struct {
	Name    string
	Account string // owner
	Region  string
	// LocationConstraint is the CreateBucket LocationConstraint when it
	// is an alias of Region rather than its name ("EU" for eu-west-1),
	// which GetBucketLocation returns as sent; "" otherwise.
	LocationConstraint string `json:",omitempty"`
	Created            time.Time
	// Policy is the bucket policy document ("" when none).
	Policy string `json:",omitempty"`
	// PolicyPrincipalIDs maps each IAM user or role ARN the policy names to
	// its unique id when the policy was set (see Role.TrustPrincipalIDs).
	PolicyPrincipalIDs map[string]string `json:",omitempty"`
	// PublicAccessBlock is the bucket-level configuration (nil when none).
	PublicAccessBlock *PublicAccessBlock `json:",omitempty"`
	// Ownership is the object ownership setting: "BucketOwnerEnforced",
	// "BucketOwnerPreferred", "ObjectWriter", or "" when the ownership
	// controls were deleted (behaves as ObjectWriter).
	Ownership string `json:",omitempty"`
	ACL       []S3Grant
	Tags      []Tag `json:",omitempty"`
	// Versioning is "", "Enabled" or "Suspended".
	Versioning string `json:",omitempty"`
	// MFADelete is the versioning configuration's MfaDelete, "Enabled" or
	// "Disabled" once set, "" before.
	MFADelete string `json:",omitempty"`
	// NextSeq is the next version number of a bucket written before
	// versions were numbered by their index's own counter
	// (Tx.NextSequence); that counter starts from it. Nothing updates it.
	NextSeq uint64 `json:",omitempty"`
	// CORS holds the bucket's CORS rules (nil when none).
	CORS []S3CORSRule `json:",omitempty"`
	// Lifecycle is the validated LifecycleConfiguration XML ("" when none).
	Lifecycle string `json:",omitempty"`
	// Encryption is the ServerSideEncryptionConfiguration XML; "" means
	// the default SSE-S3 configuration every bucket has.
	Encryption string `json:",omitempty"`
	// BlockedEncryption is the default encryption's BlockedEncryptionTypes:
	// "SSE-C" (SSE-C writes refused, every bucket created since AWS's
	// April 2026 default), "NONE" (allowed), or "" for a bucket stored by a
	// fakeaws from before that default, which keeps SSE-C allowed as AWS
	// left buckets of accounts holding SSE-C objects.
	BlockedEncryption string `json:",omitempty"`
	// Website, Logging and Notification are the stored configuration XML
	// documents ("" when none / empty).
	Website      string `json:",omitempty"`
	Logging      string `json:",omitempty"`
	Notification string `json:",omitempty"`
	// Replication is the validated ReplicationConfiguration XML ("" when
	// none); fakeaws keeps it and replicates nothing.
	Replication string `json:",omitempty"`
	// Accelerate is "", "Enabled" or "Suspended".
	Accelerate string `json:",omitempty"`
	// ABAC is the PutBucketAbac status: "", "Enabled" or "Disabled". While
	// Enabled, the bucket's tags are the s3:BucketTag/KEY and
	// aws:ResourceTag/KEY condition keys of requests on it.
	ABAC string `json:",omitempty"`
	// RequestPayer is "" (BucketOwner) or "Requester".
	RequestPayer string `json:",omitempty"`
	// ObjectLock: Object Lock is enabled (it can never be disabled, and
	// versioning can no longer be suspended).
	ObjectLock bool `json:",omitempty"`
	// LockRule is the default retention applied to new object versions
	// (nil when none).
	LockRule *S3LockRule `json:",omitempty"`
}

// S3LockRule is an Object Lock default retention: Mode GOVERNANCE or
// COMPLIANCE with a period of Days or Years (at most one is non-zero),
// an event hold duration of HoldDays or HoldYears (likewise), or both.
type S3LockRule struct {
	Mode      string
	Days      int `json:",omitempty"`
	Years     int `json:",omitempty"`
	HoldDays  int `json:",omitempty"`
	HoldYears int `json:",omitempty"`
}

// S3CORSRule is one bucket CORS rule.
type S3CORSRule struct {
	ID             string `json:",omitempty"`
	AllowedMethods []string
	AllowedOrigins []string
	AllowedHeaders []string `json:",omitempty"`
	ExposeHeaders  []string `json:",omitempty"`
	// MaxAgeSeconds is nil when unset.
	MaxAgeSeconds *int `json:",omitempty"`
}

// S3Part is one stored piece of an object body.
type S3Part struct {
	Number   int    `json:",omitempty"`
	Body     string // body id
	Size     int64
	ETag     string            // quoted
	Checksum map[string]string `json:",omitempty"`
	Modified time.Time         `json:",omitzero"`
}

// S3Object is one object version (or delete marker).
type S3Object struct {
	Key          string
	VersionID    string // "null" for unversioned writes
	Seq          uint64
	DeleteMarker bool `json:",omitempty"`
	Owner        string
	Modified     time.Time
	Size         int64
	ETag         string // quoted
	// Parts holds the body: one part for a simple PUT, the uploaded parts
	// for a multipart object (streamed in order on GET).
	Parts        []S3Part          `json:",omitempty"`
	Multipart    bool              `json:",omitempty"`
	ContentType  string            `json:",omitempty"`
	Headers      map[string]string `json:",omitempty"` // Content-Encoding, Cache-Control, ...
	Meta         map[string]string `json:",omitempty"` // x-amz-meta-* (lower-case names, no prefix)
	Tags         []Tag             `json:",omitempty"`
	StorageClass string            `json:",omitempty"`
	// ChecksumAlgorithm and Checksum: the x-amz-checksum-* value stored.
	ChecksumAlgorithm string    `json:",omitempty"`
	Checksum          string    `json:",omitempty"`
	ChecksumType      string    `json:",omitempty"` // FULL_OBJECT or COMPOSITE
	ACL               []S3Grant `json:",omitempty"`
	// SSE is the server-side encryption reported for the object
	// ("AES256", "aws:kms", "aws:kms:dsse"; "" means AES256).
	SSE      string `json:",omitempty"`
	KMSKeyID string `json:",omitempty"`
	// BucketKey: an S3 Bucket Key is reported for SSE-KMS.
	BucketKey bool `json:",omitempty"`
	// LockMode ("GOVERNANCE", "COMPLIANCE" or "") and LockUntil are the
	// version's Object Lock retention; LegalHold is "ON", "OFF" or "" when
	// never set.
	LockMode  string    `json:",omitempty"`
	LockUntil time.Time `json:",omitzero"`
	LegalHold string    `json:",omitempty"`
	// EventHold is the version's Object Lock event hold: "ON" while held,
	// "OFF" once released, "" when never placed. EventHoldDays or
	// EventHoldYears (at most one non-zero) is its duration, the
	// retention a release starts.
	EventHold      string `json:",omitempty"`
	EventHoldDays  int    `json:",omitempty"`
	EventHoldYears int    `json:",omitempty"`
	// RestoreExpiry is when the restored copy of an archived version
	// (GLACIER, DEEP_ARCHIVE) made by RestoreObject expires; zero when
	// none was made.
	RestoreExpiry time.Time `json:",omitzero"`
}

// S3Upload is a multipart upload in progress.
type S3Upload struct {
	Key          string
	UploadID     string
	Initiated    time.Time
	Owner        string            // account of the initiator
	Initiator    string            // ARN of the initiator
	ContentType  string            `json:",omitempty"`
	Headers      map[string]string `json:",omitempty"`
	Meta         map[string]string `json:",omitempty"`
	Tags         []Tag             `json:",omitempty"`
	StorageClass string            `json:",omitempty"`
	ACL          []S3Grant         `json:",omitempty"`
	ObjectOwner  string            `json:",omitempty"`
	// ChecksumAlgorithm requested at creation.
	ChecksumAlgorithm string `json:",omitempty"`
	// ChecksumType is COMPOSITE or FULL_OBJECT when an algorithm is set.
	ChecksumType string `json:",omitempty"`
	// SSE and KMSKeyID: the encryption the object will report.
	SSE       string   `json:",omitempty"`
	KMSKeyID  string   `json:",omitempty"`
	BucketKey bool     `json:",omitempty"`
	Parts     []S3Part `json:",omitempty"` // sorted by Number
	// Object Lock settings requested at creation (see S3Object).
	LockMode       string    `json:",omitempty"`
	LockUntil      time.Time `json:",omitzero"`
	LegalHold      string    `json:",omitempty"`
	EventHold      string    `json:",omitempty"`
	EventHoldDays  int       `json:",omitempty"`
	EventHoldYears int       `json:",omitempty"`
	// KeySeq is the Seq of the key's current version when the upload
	// began (0 when there was none), and KeySeqKnown whether it was
	// recorded: a conditional completion after the key changed is a
	// conflict.
	KeySeq      uint64 `json:",omitempty"`
	KeySeqKnown bool   `json:",omitempty"`
}
