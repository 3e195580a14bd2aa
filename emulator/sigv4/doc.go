// Package sigv4 authenticates incoming requests the way AWS does.
//
// It owns:
//   - SigV4 header authentication (Authorization: AWS4-HMAC-SHA256 ...): the
//     canonical request (S3: path encoded once, never normalised; other
//     services: the SDK's double-encoded path, or the normalised path of the
//     AWS test suite), the string to sign, the signing key and a
//     constant-time signature comparison; request time and skew checks;
//     session-token checks.
//   - SigV4 query authentication (presigned URLs, X-Amz-*), expiry included.
//   - Payload verification: a hex x-amz-content-sha256 is checked as the body
//     streams; aws-chunked bodies (STREAMING-AWS4-HMAC-SHA256-PAYLOAD,
//     STREAMING-UNSIGNED-PAYLOAD-TRAILER,
//     STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER) are decoded, chunk
//     signatures and trailer checksums verified; failures surface as an
//     *Error from the body's Read, before io.EOF.
//   - SigV2 for S3 (header "AWS AKID:sig" and query AWSAccessKeyId/Signature/Expires).
//   - Checksum: the S3 checksum algorithms (CRC32, CRC32C, SHA1, SHA256,
//     CRC64NVME, MD5, SHA512, XXHASH64, XXHASH3, XXHASH128).
//
// It leaves to its caller: finding keys (the Lookup func; no store, no
// bbolt here), deciding whether anonymous requests are allowed, turning
// *Error into the service's error envelope, and authorization.
//
// Caveats: SigV4a (AWS4-ECDSA-P256-SHA256) and browser POST-policy uploads
// are not implemented. Signed chunks are buffered until verified (at most 16
// MiB each). Error messages follow AWS's wording where it is known; a few
// rare cases (malformed aws-chunked framing, non-S3 presigned expiry) use
// descriptive wording of this package's own.
package sigv4
