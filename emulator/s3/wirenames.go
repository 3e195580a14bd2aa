package s3

import (
	"net/http"
	"strings"
)

// S3 answers with header names spelled its own way, not in Go's canonical
// form: x-amz-* in lower case and ETag (recorded raw from AWS over
// HTTP/1.1: LocalStack test_s3_cors.snapshot.json, whose `requests`
// header dicts keep the case, e.g. TestS3Cors::test_cors_match_origins
// "get-no-origin" and test_cors_match_methods "put-op", validated 2025;
// curl -v answers from S3 quoted in public write-ups, 2016-2023: "x-amz-id-2",
// "x-amz-request-id", "Date", "Last-Modified", "x-amz-expiration", "ETag",
// "x-amz-storage-class", "x-amz-server-side-encryption",
// "x-amz-version-id", "Accept-Ranges", "Content-Type", "Server",
// "Content-Length"; s3fs-fuse/s3fs-fuse#915, "x-amz-bucket-region").
// The other names S3 sends (Content-*, Last-Modified, Cache-Control,
// Expires, Accept-Ranges, Date, Server, Connection, Location, Vary,
// Access-Control-*) are spelled as Go's canonical form spells them
// (RESTCommonResponseHeaders.html). Go's HTTP/1.1 server writes a header
// map's keys as they are, so a name stored in AWS's spelling goes out so;
// HTTP/2 lower-cases every name anyway.
//
// Handlers keep result headers under canonical names (http.Header's Get
// and Set work on them); writeResult and writeError store each under
// wireName's spelling as they write the answer. The request id headers
// are stored in AWS's spelling from the start (ServeHTTP, WriteError) and
// read back with headerValue.
const (
	hdrRequestID = "x-amz-request-id"
	hdrHostID    = "x-amz-id-2"
)

// awsSpelled are the response header names fakeaws sends whose AWS
// spelling is not their canonical form, in AWS's spelling: the x-amz-*
// names of S3's response headers (the S3 API model's output members, as
// RESTCommonResponseHeaders and each operation's Response Syntax spell
// them, including the one upper-case suffix, customer-key-MD5) and ETag.
// wireName answers these without allocating; another X-Amz-* name is
// lower-cased on each use.
var awsSpelled = []string{
	"ETag", hdrRequestID, hdrHostID,
	"x-amz-version-id", "x-amz-object-version-id", "x-amz-delete-marker", "x-amz-copy-source-version-id",
	"x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id",
	"x-amz-server-side-encryption-bucket-key-enabled", "x-amz-server-side-encryption-context",
	"x-amz-server-side-encryption-customer-algorithm", "x-amz-server-side-encryption-customer-key-MD5",
	"x-amz-checksum-crc32", "x-amz-checksum-crc32c", "x-amz-checksum-crc64nvme", "x-amz-checksum-sha1",
	"x-amz-checksum-sha256", "x-amz-checksum-md5", "x-amz-checksum-sha512", "x-amz-checksum-xxhash64",
	"x-amz-checksum-xxhash3", "x-amz-checksum-xxhash128", "x-amz-checksum-type", "x-amz-checksum-algorithm",
	"x-amz-expiration", "x-amz-restore", "x-amz-storage-class", "x-amz-website-redirect-location",
	"x-amz-mp-parts-count", "x-amz-tagging-count", "x-amz-missing-meta", "x-amz-replication-status",
	"x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold",
	"x-amz-object-lock-event-hold", "x-amz-object-lock-event-hold-duration-days", "x-amz-object-lock-event-hold-duration-years",
	"x-amz-abort-date", "x-amz-abort-rule-id", "x-amz-object-size", "x-amz-request-charged",
	"x-amz-bucket-region", "x-amz-bucket-arn", "x-amz-access-point-alias",
	"x-amz-bucket-location-name", "x-amz-bucket-location-type",
	"x-amz-transition-default-minimum-object-size",
}

// wireNames maps the canonical form of each awsSpelled name to it.
var wireNames = func() map[string]string {
	m := make(map[string]string, len(awsSpelled))
	for _, n := range awsSpelled {
		m[http.CanonicalHeaderKey(n)] = n
	}
	return m
}()

// wireName is the name S3 gives the response header whose name fakeaws
// holds as k: AWS's spelling of a canonical name (ETag, x-amz-*), else k
// as it is (names whose canonical form is AWS's, and names already in
// AWS's spelling, such as user metadata's x-amz-meta-*).
func wireName(k string) string {
	if n, ok := wireNames[k]; ok {
		return n
	}
	if strings.HasPrefix(k, "X-Amz-") {
		return strings.ToLower(k)
	}
	return k
}

// addWire adds the values vs of header k to hdr under k's wire name,
// after any values already there (set by ServeHTTP or applyCORS).
func addWire(hdr http.Header, k string, vs []string) {
	k = wireName(k)
	if prev := hdr[k]; len(prev) > 0 {
		hdr[k] = append(prev, vs...)
	} else {
		hdr[k] = vs
	}
}
