package s3

import (
	"strings"
	"testing"
)

// TestCopySourceBucketName: an x-amz-copy-source whose bucket could not be
// a bucket name is 400 InvalidArgument "Invalid copy source bucket name"
// with the header as ArgumentValue, for CopyObject and UploadPartCopy
// (AWS's answer quoted in aws/aws-sdk-cpp#1647; versitygw's
// CopyObject_invalid_copy_source / UploadPartCopy_invalid_copy_source).
// A legacy-style name (upper case, underscore) is looked up, not refused.
func TestCopySourceBucketName(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "bkt")
	upload := e.uploadID("mp")
	cases := []struct {
		source    string
		status    int
		code, msg string
	}{
		{"192.168.1.1/foo", 400, "InvalidArgument", "Invalid copy source bucket name"},
		{"my-buc@k&()t/obj", 400, "InvalidArgument", "Invalid copy source bucket name"},
		{"2001:0db8:85a3:0000:0000:8a2e:0370:7334/something", 400, "InvalidArgument", "Invalid copy source bucket name"},
		{"ab/obj", 400, "InvalidArgument", "Invalid copy source bucket name"},
		{"Legacy_Bucket/obj", 404, "NoSuchBucket", "The specified bucket does not exist"},
		{"bucket/%ZZ", 400, "InvalidArgument", "Invalid copy source encoding"},
	}
	for _, tc := range cases {
		for _, target := range []string{"/bkt/dst", "/bkt/mp?partNumber=1&uploadId=" + upload} {
			w := e.do(a, treq{method: "PUT", target: target, header: map[string]string{"x-amz-copy-source": tc.source}})
			what := "PUT " + target + " from " + tc.source
			wantAWSError(t, what, w, tc.status, tc.code, tc.msg)
			if tc.code == "InvalidArgument" {
				wantField(t, what, w, "ArgumentName", "x-amz-copy-source")
				wantField(t, what, w, "ArgumentValue", strings.ReplaceAll(tc.source, "&", "&amp;")) // as XML escapes it
			}
		}
	}
}
