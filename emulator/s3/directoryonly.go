package s3

// What a general purpose bucket answers to the request features only
// directory buckets (S3 Express One Zone) serve; fakeaws serves no
// directory buckets. Recorded against AWS in justincormack/argmin
// crates/s3-tests/tests/directory_bucket_features.rs (2026): PutObject
// with x-amz-write-offset-bytes (an append) or x-amz-rename-source, and
// PUT ?renameObject (RenameObject), are 501 NotImplemented naming the
// header or query parameter and write nothing; GET ?session
// (CreateSession) is a plain ListObjects; DeleteObject's
// x-amz-if-match-last-modified-time and x-amz-if-match-size are in
// delete.go.

import (
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// msgNotImplementedHeader is S3's NotImplemented message.
const msgNotImplementedHeader = "A header you provided implies functionality that is not implemented"

// errNotImplementedHere is S3's 501 NotImplemented naming header, the
// answer to a request asking for a feature fakeaws does not serve.
func errNotImplementedHere(header string) *awserr.Error {
	return awserr.New(codeNotImplemented, http.StatusNotImplemented, msgNotImplementedHeader).With("Header", header)
}

// refuseHeaders is errNotImplementedHere for the first of headers r
// carries (sent at all, even empty), or nil.
func refuseHeaders(r *http.Request, headers ...string) error {
	for _, hd := range headers {
		if _, ok := r.Header[http.CanonicalHeaderKey(hd)]; ok {
			return errNotImplementedHere(hd)
		}
	}
	return nil
}

// directoryOnlyHeaders are the PutObject headers only directory buckets
// serve.
var directoryOnlyHeaders = []string{"x-amz-write-offset-bytes", "x-amz-rename-source"}

// refuseDirectoryOnlyHeaders is 501 NotImplemented naming the first
// directory-bucket header r carries, or nil.
func refuseDirectoryOnlyHeaders(r *http.Request) error {
	return refuseHeaders(r, directoryOnlyHeaders...)
}

// refuseRenameObject is 501 NotImplemented naming the renameObject query
// parameter for a PUT of an object naming it, or nil. AWS's message for a
// query parameter is not recorded; S3's NotImplemented message is used.
func refuseRenameObject(rq *req) error {
	if _, ok := rq.q["renameObject"]; !ok || rq.r.Method != http.MethodPut || rq.level() != levelObject {
		return nil
	}
	return awserr.New(codeNotImplemented, http.StatusNotImplemented, msgNotImplementedHeader).With("QueryParameter", "renameObject")
}

// refuseConditionalAbort is 501 NotImplemented naming
// x-amz-if-match-initiated-time when an AbortMultipartUpload carries it,
// or nil. The conditional abort is for directory buckets only
// (API_AbortMultipartUpload); AWS's answer on a general purpose bucket is
// not recorded, and DeleteObject's directory-only conditions are 501
// there (delete.go), so the abort is refused alike rather than done
// without its condition.
func refuseConditionalAbort(r *http.Request) error {
	return refuseHeaders(r, "x-amz-if-match-initiated-time")
}
