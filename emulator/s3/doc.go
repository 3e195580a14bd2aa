// Package s3 serves the S3 REST API: buckets, objects, multipart uploads,
// bucket policies, ACLs, Block Public Access and object ownership, with
// AWS's XML shapes, error codes and statuses.
//
// # What it owns
//
//   - The route table (routes.go): path-style and virtual-hosted requests,
//     bucket vs object routes, sub-resources chosen by query parameters.
//     Object keys are taken from the request's escaped path and unescaped
//     once, so "../", "//" and percent-encodings round-trip; keys are opaque
//     strings in bbolt and never paths on disk.
//   - Decoding requests, encoding responses and the S3 error envelope
//     (<Error><Code/><Message/>...<RequestId/><HostId/></Error>; HEAD errors
//     have no body).
//   - Mapping every operation to its IAM action, resource ARN and S3
//     condition keys as the Service Authorization Reference lists them, and
//     asking emulator/authz. Bucket policies, ACL grants (translated into
//     resource-side statements), Block Public Access and object ownership
//     decide which resource-side policies take part.
//   - Object bodies: taken through store.DB.WriteBody, which keeps a body
//     of at most store.InlineMax bytes for the commit of its record (inside
//     meta.db) and streams a larger one to a body file, never buffering it
//     whole; metadata naming a body is committed only with or after the
//     body, so a failed upload leaves nothing visible. Multipart objects
//     keep their parts as separate bodies and are streamed part after part
//     on GET.
//
// # What it leaves to others
//
// Authentication (emulator/sigv4, emulator/authn): the request's
// authn.Info is already in the context and aws-chunked bodies are already
// decoded. The decision itself is emulator/authz's and the evaluator's.
//
// # Bucket configurations and CORS
//
// CORS rules are enforced: OPTIONS preflights are answered from them
// without authorization (browsers send them unsigned), and requests with
// an Origin header get Access-Control-* headers (cors.go). Lifecycle,
// default encryption, website, logging, notification, request payment and
// accelerate configurations are validated, stored and returned (config.go,
// lifecycle.go); the default encryption is what objects report. So are
// replication (replication.go) and the metrics, analytics, inventory and
// Intelligent-Tiering configurations kept by id (bucketconfigs.go), none of
// which fakeaws acts on. Browser
// POST uploads verify their SigV4/SigV2 policy signature here, through
// Options.Keys, and authorize the signer (postobject.go).
//
// # Object Lock
//
// Object Lock (objectlock.go) is enforced: buckets created with
// x-amz-bucket-object-lock-enabled, or versioned buckets given a
// configuration, keep versioning Enabled; the default retention is
// stamped on each new version; retention and legal hold are set by the
// x-amz-object-lock-* headers (form fields of a browser POST upload) or
// PutObjectRetention / PutObjectLegalHold; GET/HEAD show them only to
// callers allowed s3:GetObjectRetention / s3:GetObjectLegalHold;
// deleting a protected version is refused (GOVERNANCE yields to
// x-amz-bypass-governance-retention with s3:BypassGovernanceRetention).
// Event holds (eventhold.go) protect a version until released, then
// retain it for their duration from the release.
//
// # Object annotations
//
// Annotations (annotations.go, annotationlist.go, annotationcheck.go,
// annotationcopy.go) are named UTF-8 payloads of one object version, kept
// as records of their own (store.S3AnnotationKind) and removed in the
// transaction that deletes or replaces their version; CopyObject copies
// them unless told to exclude them. They never change the object.
//
// # Caveats
//
// See docs/deviations.md (S3 section): nothing is encrypted, lifecycle rules never
// run, no replication or notifications delivered.
//
// Reference: https://docs.aws.amazon.com/AmazonS3/latest/API/Welcome.html
package s3
