package s3

import (
	"strings"
	"testing"
)

// TestWriteExtraPermissions pins which permissions beyond s3:PutObject a
// write asks for (docs/deviations.md, "S3 authorization probes"):
//   - tags set by the request need s3:PutObjectTagging (PutObject API
//     reference, Permissions), on CopyObject with REPLACE as on PutObject;
//   - ACL headers need no s3:PutObjectAcl: AWS's sources conflict. An
//     anonymous caller allowed only by the bucket ACL's WRITE put objects
//     with x-amz-acl public-read-write on AWS (LocalStack
//     test_s3.snapshot.json, TestS3::test_s3_batch_delete_public_objects_using_requests,
//     validated 2026-02-21), and the User Guide's bucket-owner-full-control
//     bucket policy grants s3:PutObject alone; rclone sends x-amz-acl:
//     private on every upload;
//   - CopyObject with the default COPY tagging directive needs neither
//     s3:GetObjectTagging on the source nor s3:PutObjectTagging on the
//     destination (the CopyObject API reference asks only for s3:GetObject
//     and s3:PutObject).
func TestWriteExtraPermissions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.openBucket(a, "perms", "ObjectWriter")
	e.must(a, treq{method: "PUT", target: "/perms/src", body: "s", header: map[string]string{"x-amz-tagging": "team=a"}}, 200)
	writer := e.user(acctA, "writer", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`)
	const denied = "User: arn:aws:iam::111111111111:user/writer is not authorized to perform: "
	copyFrom := func(kv ...string) map[string]string {
		h := map[string]string{"x-amz-copy-source": "/perms/src"}
		for i := 0; i+1 < len(kv); i += 2 {
			h[kv[i]] = kv[i+1]
		}
		return h
	}
	cases := []struct {
		name   string
		r      treq
		status int
		msg    string // prefix of the error message
	}{
		{"private canned ACL", treq{method: "PUT", target: "/perms/private", body: "x", header: map[string]string{"x-amz-acl": "private"}}, 200, ""},
		{"bucket-owner-full-control", treq{method: "PUT", target: "/perms/bofc", body: "x", header: map[string]string{"x-amz-acl": "bucket-owner-full-control"}}, 200, ""},
		{"public-read", treq{method: "PUT", target: "/perms/pub", body: "x", header: map[string]string{"x-amz-acl": "public-read"}}, 200, ""},
		{"grant header", treq{method: "PUT", target: "/perms/grant", body: "x", header: map[string]string{"x-amz-grant-read": `uri="http://acs.amazonaws.com/groups/global/AllUsers"`}}, 200, ""},
		{"multipart upload with an ACL", treq{method: "POST", target: "/perms/mpu?uploads", header: map[string]string{"x-amz-acl": "authenticated-read"}}, 200, ""},
		{"copy with an ACL", treq{method: "PUT", target: "/perms/copy-acl", header: copyFrom("x-amz-acl", "public-read")}, 200, ""},
		{"copy keeping the source's tags", treq{method: "PUT", target: "/perms/copy-tags", header: copyFrom()}, 200, ""},
		{"put with tags", treq{method: "PUT", target: "/perms/tagged", body: "x", header: map[string]string{"x-amz-tagging": "k=v"}}, 403, denied + "s3:PutObjectTagging"},
		{"copy replacing tags", treq{method: "PUT", target: "/perms/copy-replace", header: copyFrom("x-amz-tagging-directive", "REPLACE", "x-amz-tagging", "k=v")}, 403, denied + "s3:PutObjectTagging"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(writer, tc.r)
			if w.Code != tc.status {
				t.Fatalf("%s %s = %d %s, want %d", tc.r.method, tc.r.target, w.Code, w.Body, tc.status)
			}
			if _, msg := errCode(t, w); !strings.HasPrefix(msg, tc.msg) {
				t.Errorf("message = %q, want prefix %q", msg, tc.msg)
			}
		})
	}
	// The default COPY directive carried the source's tags over.
	if w := e.must(a, treq{method: "GET", target: "/perms/copy-tags?tagging"}, 200); !strings.Contains(w.Body.String(), "<Key>team</Key><Value>a</Value>") {
		t.Errorf("copied tags = %s", w.Body)
	}
	// An anonymous caller allowed by the bucket ACL's WRITE alone sets a
	// public-read-write object ACL (the LocalStack recording above).
	e.must(a, treq{method: "PUT", target: "/perms?acl", header: map[string]string{"x-amz-acl": "public-read-write"}}, 200)
	e.must(anonymous, treq{method: "PUT", target: "/perms/anon", body: "x", header: map[string]string{"x-amz-acl": "public-read-write"}}, 200)
}
