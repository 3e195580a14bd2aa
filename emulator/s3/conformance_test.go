package s3

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Tests for divergences from AWS found by testdata/s3tests_like.py.

func TestUserMetadataHeadersAreLowerCase(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "meta")
	e.must(a, treq{method: "PUT", target: "/meta/o", body: "x", header: map[string]string{"X-Amz-Meta-Mixed-Case": "Value1", "x-amz-meta-empty": ""}}, 200)
	tests := []struct {
		name, header string
		want         []string
	}{
		{"lower-case name as sent by S3", "x-amz-meta-mixed-case", []string{"Value1"}},
		{"no canonical spelling", "X-Amz-Meta-Mixed-Case", nil},
		{"empty value kept", "x-amz-meta-empty", []string{""}},
	}
	for _, method := range []string{"GET", "HEAD"} {
		w := e.must(a, treq{method: method, target: "/meta/o"}, 200)
		for _, tc := range tests {
			t.Run(method+" "+tc.name, func(t *testing.T) {
				got := w.Header()[tc.header]
				if strings.Join(got, "|") != strings.Join(tc.want, "|") || (got == nil) != (tc.want == nil) {
					t.Errorf("header %s = %q, want %q", tc.header, got, tc.want)
				}
			})
		}
	}
}

func TestListTimesAreWholeSeconds(t *testing.T) {
	e := newEnv(t)
	e.h.now = func() time.Time { return testNow.Add(169 * time.Millisecond) }
	a := rootOf(acctA)
	e.createBucket(a, "times")
	e.must(a, treq{method: "PUT", target: "/times/o", body: "x"}, 200)
	tests := []struct {
		name, target, want string
	}{
		{"ListObjects", "/times", "<LastModified>2026-03-01T12:00:00.000Z</LastModified>"},
		{"ListObjectsV2", "/times?list-type=2", "<LastModified>2026-03-01T12:00:00.000Z</LastModified>"},
		{"ListObjectVersions", "/times?versions", "<LastModified>2026-03-01T12:00:00.000Z</LastModified>"},
		{"ListBuckets", "/", "<CreationDate>2026-03-01T12:00:00.000Z</CreationDate>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.must(a, treq{method: "GET", target: tc.target}, 200)
			if !strings.Contains(w.Body.String(), tc.want) {
				t.Errorf("body %s, want %s", w.Body, tc.want)
			}
		})
	}
	w := e.must(a, treq{method: "HEAD", target: "/times/o"}, 200)
	if got, want := w.Header().Get("Last-Modified"), "Sun, 01 Mar 2026 12:00:00 GMT"; got != want {
		t.Errorf("Last-Modified = %q, want %q", got, want)
	}
}

func TestURLEncodingTypeSpaces(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "enc")
	for _, k := range []string{"quux%20ab/thud", "asdf%2Bb", "foo%2B1/bar"} {
		e.must(a, treq{method: "PUT", target: "/enc/" + k, body: "x"}, 200)
	}
	e.run(t, a, []step{
		{"v1 space as +", treq{method: "GET", target: "/enc?delimiter=/&encoding-type=url"}, 200, "", "<Prefix>quux+ab/</Prefix>"},
		{"v1 plus as %2B", treq{method: "GET", target: "/enc?delimiter=/&encoding-type=url"}, 200, "", "<Key>asdf%2Bb</Key>"},
		{"v2 space as +", treq{method: "GET", target: "/enc?list-type=2&delimiter=/&encoding-type=url"}, 200, "", "<Prefix>quux+ab/</Prefix>"},
		{"v2 prefix with plus", treq{method: "GET", target: "/enc?list-type=2&delimiter=/&encoding-type=url"}, 200, "", "<Prefix>foo%2B1/</Prefix>"},
		{"versions space as +", treq{method: "GET", target: "/enc?versions&encoding-type=url"}, 200, "", "<Key>quux+ab/thud</Key>"},
	})
}

func TestObjectTagCountLimit(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "tags")
	e.must(a, treq{method: "PUT", target: "/tags/o", body: "x"}, 200)
	tagXML := func(n int) string {
		var b strings.Builder
		b.WriteString("<Tagging><TagSet>")
		for i := 0; i < n; i++ {
			b.WriteString("<Tag><Key>k" + itoa(int64(i)) + "</Key><Value>v</Value></Tag>")
		}
		b.WriteString("</TagSet></Tagging>")
		return b.String()
	}
	header := func(n int) string {
		var parts []string
		for i := 0; i < n; i++ {
			parts = append(parts, "k"+itoa(int64(i))+"=v")
		}
		return strings.Join(parts, "&")
	}
	e.run(t, a, []step{
		{"10 tags", treq{method: "PUT", target: "/tags/o?tagging", body: tagXML(10)}, 200, "", ""},
		{"11 tags", treq{method: "PUT", target: "/tags/o?tagging", body: tagXML(11)}, 400, "BadRequest", "Object tags cannot be greater than 10"},
		{"11 tags on PutObject", treq{method: "PUT", target: "/tags/p", body: "x", header: map[string]string{"x-amz-tagging": header(11)}}, 400, "BadRequest", "Object tags cannot be greater than 10"},
		{"long key is InvalidTag", treq{method: "PUT", target: "/tags/o?tagging", body: "<Tagging><TagSet><Tag><Key>" + strings.Repeat("k", 129) + "</Key><Value>v</Value></Tag></TagSet></Tagging>"}, 400, "InvalidTag", ""},
		{"51 bucket tags", treq{method: "PUT", target: "/tags?tagging", body: tagXML(51)}, 400, "BadRequest", "Bucket tag count cannot be greater than 50"},
	})
}

func TestConditionalWrites(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "cwr")
	w := e.must(a, treq{method: "PUT", target: "/cwr/o", body: "one", header: map[string]string{"If-None-Match": "*"}}, 200)
	etag := w.Header().Get("ETag")
	e.run(t, a, []step{
		{"If-None-Match * on existing", treq{method: "PUT", target: "/cwr/o", body: "two", header: map[string]string{"If-None-Match": "*"}}, 412, "PreconditionFailed", "<Condition>If-None-Match</Condition>"},
		{"If-Match wrong etag", treq{method: "PUT", target: "/cwr/o", body: "two", header: map[string]string{"If-Match": `"0123"`}}, 412, "PreconditionFailed", "<Condition>If-Match</Condition>"},
		{"If-Match on missing key", treq{method: "PUT", target: "/cwr/missing", body: "two", header: map[string]string{"If-Match": etag}}, 404, "NoSuchKey", ""},
		{"unchanged by failures", treq{method: "HEAD", target: "/cwr/o", header: map[string]string{"If-Match": etag}}, 200, "", ""},
		{"If-Match right etag", treq{method: "PUT", target: "/cwr/o", body: "two", header: map[string]string{"If-Match": etag}}, 200, "", ""},
		{"old etag no longer matches", treq{method: "PUT", target: "/cwr/o", body: "three", header: map[string]string{"If-Match": etag}}, 412, "PreconditionFailed", ""},
		{"delete", treq{method: "DELETE", target: "/cwr/o"}, 204, "", ""},
		{"If-None-Match * after delete", treq{method: "PUT", target: "/cwr/o", body: "four", header: map[string]string{"If-None-Match": "*"}}, 200, "", ""},
	})

	// CompleteMultipartUpload honours If-None-Match and keeps the upload.
	w = e.must(a, treq{method: "POST", target: "/cwr/o?uploads"}, 200)
	id := between(w.Body.String(), "<UploadId>", "</UploadId>")
	pw := e.must(a, treq{method: "PUT", target: "/cwr/o?partNumber=1&uploadId=" + id, body: "part"}, 200)
	done := "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + pw.Header().Get("ETag") + "</ETag></Part></CompleteMultipartUpload>"
	e.run(t, a, []step{
		{"complete If-None-Match *", treq{method: "POST", target: "/cwr/o?uploadId=" + id, body: done, header: map[string]string{"If-None-Match": "*"}}, 412, "PreconditionFailed", ""},
		{"upload still listed", treq{method: "GET", target: "/cwr/o?uploadId=" + id}, 200, "", "<PartNumber>1</PartNumber>"},
		{"complete unconditionally", treq{method: "POST", target: "/cwr/o?uploadId=" + id, body: done}, 200, "", "<ETag>"},
	})
}

func between(s, a, b string) string {
	_, rest, _ := strings.Cut(s, a)
	v, _, _ := strings.Cut(rest, b)
	return v
}

func TestGetPartNumberIsRanged(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "pnr")
	e.must(a, treq{method: "PUT", target: "/pnr/o", body: "hello"}, 200)
	e.must(a, treq{method: "PUT", target: "/pnr/empty"}, 200)
	tests := []struct {
		name, target string
		status       int
		crange       string
	}{
		{"part 1 of single-part", "/pnr/o?partNumber=1", http.StatusPartialContent, "bytes 0-4/5"},
		{"part 1 of empty object", "/pnr/empty?partNumber=1", http.StatusOK, ""},
		{"part 2 of single-part", "/pnr/o?partNumber=2", http.StatusRequestedRangeNotSatisfiable, ""},
	}
	for _, tc := range tests {
		for _, method := range []string{"GET", "HEAD"} {
			t.Run(method+" "+tc.name, func(t *testing.T) {
				w := e.do(a, treq{method: method, target: tc.target})
				if w.Code != tc.status || w.Header().Get("Content-Range") != tc.crange {
					t.Errorf("got %d %q, want %d %q", w.Code, w.Header().Get("Content-Range"), tc.status, tc.crange)
				}
				if w.Header().Get("x-amz-mp-parts-count") != "" {
					t.Errorf("x-amz-mp-parts-count on a single-part object")
				}
			})
		}
	}
}

func TestEmptyContentMD5IsInvalid(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "md5s")
	e.run(t, a, []step{
		{"empty Content-MD5", treq{method: "PUT", target: "/md5s/o", body: "bar", header: map[string]string{"Content-MD5": ""}}, 400, "InvalidDigest", "The Content-MD5 you specified was invalid."},
		{"short Content-MD5", treq{method: "PUT", target: "/md5s/o", body: "bar", header: map[string]string{"Content-MD5": "YWJyYWNhZGFicmE="}}, 400, "InvalidDigest", ""},
		{"nothing stored", treq{method: "HEAD", target: "/md5s/o"}, 404, "", ""},
	})
}

// PutObject with ACL headers needs s3:PutObject only: the ACL is a
// condition key of s3:PutObject, as in AWS's "require
// bucket-owner-full-control" bucket policy example.
func TestPutObjectACLNeedsOnlyPutObject(t *testing.T) {
	e := newEnv(t)
	a, b := rootOf(acctA), rootOf(acctB)
	e.must(a, treq{method: "PUT", target: "/drop", header: map[string]string{"x-amz-object-ownership": "ObjectWriter"}}, 200)
	e.must(a, treq{method: "PUT", target: "/drop?policy", body: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::drop/*","Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}}]}`}, 204)
	e.run(t, b, []step{
		{"with the required ACL", treq{method: "PUT", target: "/drop/ok", body: "x", header: map[string]string{"x-amz-acl": "bucket-owner-full-control"}}, 200, "", ""},
		{"without an ACL", treq{method: "PUT", target: "/drop/no", body: "x"}, 403, "AccessDenied", ""},
		{"with another ACL", treq{method: "PUT", target: "/drop/other", body: "x", header: map[string]string{"x-amz-acl": "private"}}, 403, "AccessDenied", ""},
	})
	e.run(t, a, []step{
		{"bucket owner reads the upload", treq{method: "GET", target: "/drop/ok?acl"}, 200, "", "<Permission>FULL_CONTROL</Permission>"},
	})
}

func TestInvalidStorageClass(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "classes")
	e.run(t, a, []step{
		{"PutObject", treq{method: "PUT", target: "/classes/o", body: "x", header: map[string]string{"x-amz-storage-class": "BOGUS"}}, 400, "InvalidStorageClass", "<StorageClassRequested>BOGUS</StorageClassRequested>"},
		{"CreateMultipartUpload", treq{method: "POST", target: "/classes/o?uploads", header: map[string]string{"x-amz-storage-class": "bogus"}}, 400, "InvalidStorageClass", "The storage class you specified is not valid"},
		{"valid class", treq{method: "PUT", target: "/classes/o", body: "x", header: map[string]string{"x-amz-storage-class": "STANDARD_IA"}}, 200, "", ""},
	})
}

func TestBucketKeyEnabled(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "bkey")
	e.must(a, treq{method: "PUT", target: "/bkey?encryption", body: `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>alias/k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`}, 200)
	const hdr = "x-amz-server-side-encryption-bucket-key-enabled"
	tests := []struct {
		name   string
		header map[string]string
		want   string
	}{
		{"bucket default", nil, "true"},
		{"request turns it off", map[string]string{hdr: "false"}, ""},
		{"request SSE-S3", map[string]string{"x-amz-server-side-encryption": "AES256"}, ""},
		// The bucket's setting applies to a write naming aws:kms without
		// the header (LocalStack test_s3.snapshot.json
		// TestS3::test_s3_sse_default_kms_key "put-obj-default-kms-s3-key-from-bucket").
		{"request SSE-KMS without bucket key", map[string]string{"x-amz-server-side-encryption": "aws:kms"}, "true"},
		{"request SSE-KMS with bucket key", map[string]string{"x-amz-server-side-encryption": "aws:kms", hdr: "true"}, "true"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key := "/bkey/o" + itoa(int64(i))
			w := e.must(a, treq{method: "PUT", target: key, body: "x", header: tc.header}, 200)
			if got := w.Header().Get(hdr); got != tc.want {
				t.Errorf("PUT %s = %q, want %q", hdr, got, tc.want)
			}
			w = e.must(a, treq{method: "HEAD", target: key}, 200)
			if got := w.Header().Get(hdr); got != tc.want {
				t.Errorf("HEAD %s = %q, want %q", hdr, got, tc.want)
			}
		})
	}
}

// An error answered before the body of an Expect: 100-continue request is
// read closes the connection, so the client neither waits for 100 Continue
// nor has to send a body nobody reads.
func TestExpectContinueErrorClosesConnection(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "expect")
	tests := []struct {
		name   string
		header map[string]string
		status int
		conn   string
	}{
		{"error with Expect", map[string]string{"Expect": "100-continue", "x-amz-storage-class": "BOGUS"}, 400, "close"},
		{"error without Expect", map[string]string{"x-amz-storage-class": "BOGUS"}, 400, ""},
		{"success with Expect", map[string]string{"Expect": "100-continue"}, 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(a, treq{method: "PUT", target: "/expect/o", body: "x", header: tc.header})
			if w.Code != tc.status || w.Header().Get("Connection") != tc.conn {
				t.Errorf("got %d Connection %q, want %d %q", w.Code, w.Header().Get("Connection"), tc.status, tc.conn)
			}
		})
	}
}
