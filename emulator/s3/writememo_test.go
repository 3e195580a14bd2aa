package s3

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
)

// completeUpload creates a multipart upload of key in bucket, uploads one
// part (with its Content-MD5, as Object Lock buckets require) and
// completes it, returning the completion's answer.
func (e *env) completeUpload(c authn.Caller, bucket, key string) string {
	e.t.Helper()
	w := e.must(c, treq{method: "POST", target: "/" + bucket + "/" + key + "?uploads"}, 200)
	body := w.Body.String()
	id := body[strings.Index(body, "<UploadId>")+10 : strings.Index(body, "</UploadId>")]
	part := e.must(c, putMD5(fmt.Sprintf("/%s/%s?partNumber=1&uploadId=%s", bucket, key, id), "part"), 200)
	done := fmt.Sprintf("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>%s</ETag></Part></CompleteMultipartUpload>",
		part.Header().Get("ETag"))
	return e.must(c, treq{method: "POST", target: "/" + bucket + "/" + key + "?uploadId=" + id, body: done}, 200).
		Header().Get("x-amz-version-id")
}

// DeleteObject, CopyObject and CompleteMultipartUpload authorize with the
// shared cached bucket and commit under the bucket record their own
// transaction reads (bucketRecord, a store.Memo): while PUTs keep
// committing, each change of versioning or of the default retention is
// honoured by the next delete, copy and completion (a memo that ignored
// the stored bytes would keep answering with the old state).
func TestObjectWritesSeeBucketChangesUnderLoad(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "vers")
	e.must(a, treq{method: "PUT", target: "/locked", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
	e.must(a, treq{method: "PUT", target: "/vers/src", body: "source"}, 200)
	e.must(a, putMD5("/locked/src", "source"), 200)
	defer putUnderLoad(t, e, a, 3, "vers", "locked")()
	rule := `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule></ObjectLockConfiguration>`
	noRule := `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>`
	lockMode := func(target string) string {
		return e.must(a, treq{method: "HEAD", target: target}, 200).Header().Get("x-amz-object-lock-mode")
	}
	for i := range 12 {
		on := i%2 == 0
		status, doc := "Suspended", noRule
		if on {
			status, doc = "Enabled", rule
		}
		e.must(a, treq{method: "PUT", target: "/vers?versioning", body: "<VersioningConfiguration><Status>" + status + "</Status></VersioningConfiguration>"}, 200)
		e.must(a, putMD5("/locked?object-lock", doc), 200)

		// DeleteObject: a versioned bucket gets a marker with a new id,
		// a suspended one a "null" marker.
		e.must(a, treq{method: "PUT", target: fmt.Sprintf("/vers/del-%d", i), body: "x"}, 200)
		w := e.must(a, treq{method: "DELETE", target: fmt.Sprintf("/vers/del-%d", i)}, 204)
		if id := w.Header().Get("x-amz-version-id"); w.Header().Get("x-amz-delete-marker") != "true" || (id != "null") != on || id == "" {
			t.Errorf("round %d, versioning %s: DELETE answered marker %q, version id %q", i, status,
				w.Header().Get("x-amz-delete-marker"), id)
		}

		// CopyObject: the copy's version id, and the default retention.
		w = e.must(a, treq{method: "PUT", target: fmt.Sprintf("/vers/copy-%d", i), header: map[string]string{"x-amz-copy-source": "/vers/src"}}, 200)
		if got := w.Header().Get("x-amz-version-id"); (got != "null") != on || got == "" {
			t.Errorf("round %d, versioning %s: CopyObject answered version id %q", i, status, got)
		}
		target := fmt.Sprintf("/locked/copy-%d", i)
		e.must(a, treq{method: "PUT", target: target, header: map[string]string{"x-amz-copy-source": "/locked/src"}}, 200)
		if mode := lockMode(target); (mode == "GOVERNANCE") != on {
			t.Errorf("round %d, default retention %v: copy's lock mode %q", i, on, mode)
		}

		// CompleteMultipartUpload: likewise.
		if got := e.completeUpload(a, "vers", fmt.Sprintf("mpu-%d", i)); (got != "") != on {
			t.Errorf("round %d, versioning %s: CompleteMultipartUpload answered version id %q", i, status, got)
		}
		for _, k := range []string{"copy", "mpu"} {
			target := fmt.Sprintf("/vers/%s-%d", k, i)
			if got := e.must(a, treq{method: "HEAD", target: target}, 200).Header().Get("x-amz-version-id"); (got != "null") != on {
				t.Errorf("round %d, versioning %s: %s stored with version id %q", i, status, target, got)
			}
		}
		e.completeUpload(a, "locked", fmt.Sprintf("mpu-%d", i))
		if mode := lockMode(fmt.Sprintf("/locked/mpu-%d", i)); (mode == "GOVERNANCE") != on {
			t.Errorf("round %d, default retention %v: completed upload's lock mode %q", i, on, mode)
		}
	}
}
