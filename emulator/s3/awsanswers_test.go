package s3

import (
	"encoding/base64"
	"net/http/httptest"
	"strings"
	"testing"
)

// This file pins S3 answers to what AWS answers, each case citing the
// recording or document it comes from. LocalStack's snapshots
// (tests/aws/services/s3/*.snapshot.json) are responses recorded against
// AWS.

// wantAWSError fails t unless w is the S3 error status/code/message.
func wantAWSError(t *testing.T, what string, w *httptest.ResponseRecorder, status int, code, msg string) {
	t.Helper()
	gotCode, gotMsg := errCode(t, w)
	if w.Code != status || gotCode != code || gotMsg != msg {
		t.Errorf("%s = %d %s %q, want %d %s %q", what, w.Code, gotCode, gotMsg, status, code, msg)
	}
}

// TestExpectedBucketOwnerMalformed: a value that is not a 12-digit
// account id is 400 InvalidBucketOwnerAWSAccountID, checked before the
// owner is compared (LocalStack test_s3.snapshot.json,
// TestS3::test_get_bucket_policy_invalid_account_id[0000|abcd|0000000000020|aa000000000$]
// and test_delete_bucket_policy_expected_bucket_owner).
func TestExpectedBucketOwnerMalformed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "owned")
	e.must(a, treq{method: "PUT", target: "/owned/k", body: "x"}, 200)
	for _, v := range []string{"0000", "abcd", "0000000000020", "aa000000000$", "invalid"} {
		msg := "The value of the expected bucket owner parameter must be an AWS Account ID... [" + v + "]"
		w := e.do(a, treq{method: "GET", target: "/owned?policy", header: map[string]string{"x-amz-expected-bucket-owner": v}})
		wantAWSError(t, "GetBucketPolicy expected owner "+v, w, 400, "InvalidBucketOwnerAWSAccountID", msg)
		w = e.do(a, treq{method: "GET", target: "/owned/k", header: map[string]string{"x-amz-expected-bucket-owner": v}})
		wantAWSError(t, "GetObject expected owner "+v, w, 400, "InvalidBucketOwnerAWSAccountID", msg)
		w = e.do(a, treq{method: "PUT", target: "/owned/k2", header: map[string]string{"x-amz-copy-source": "/owned/k", "x-amz-source-expected-bucket-owner": v}})
		wantAWSError(t, "CopyObject source expected owner "+v, w, 400, "InvalidBucketOwnerAWSAccountID", msg)
	}
	w := e.do(a, treq{method: "DELETE", target: "/owned?policy", header: map[string]string{"x-amz-expected-bucket-owner": acctB}})
	wantAWSError(t, "DeleteBucketPolicy other owner", w, 403, "AccessDenied", "Access Denied")
	e.must(a, treq{method: "GET", target: "/owned/k", header: map[string]string{"x-amz-expected-bucket-owner": acctA}}, 200)
}

// TestCreateBucketPublicACL: CreateBucket with a public ACL while Block
// Public Access is on (the default) is 400
// InvalidBucketAclWithBlockPublicAccessError once ACLs are enabled; with
// the default BucketOwnerEnforced it is InvalidBucketAclWithObjectOwnership
// (the message as an S3ServiceException quotes it in public client code;
// the order as reported from AWS runs of CreateBucket with public-read).
func TestCreateBucketPublicACL(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	const bpaMsg = "Bucket cannot have public ACLs set with BlockPublicAccess enabled"
	cases := []struct {
		name   string
		header map[string]string
		status int
		code   string
		msg    string
	}{
		{"public-read, default ownership", map[string]string{"x-amz-acl": "public-read"}, 400,
			"InvalidBucketAclWithObjectOwnership", "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting"},
		{"public-read, ObjectWriter", map[string]string{"x-amz-acl": "public-read", "x-amz-object-ownership": "ObjectWriter"}, 400,
			"InvalidBucketAclWithBlockPublicAccessError", bpaMsg},
		{"public-read-write, BucketOwnerPreferred", map[string]string{"x-amz-acl": "public-read-write", "x-amz-object-ownership": "BucketOwnerPreferred"}, 400,
			"InvalidBucketAclWithBlockPublicAccessError", bpaMsg},
		{"grant to AllUsers, ObjectWriter", map[string]string{"x-amz-grant-read": `uri="http://acs.amazonaws.com/groups/global/AllUsers"`, "x-amz-object-ownership": "ObjectWriter"}, 400,
			"InvalidBucketAclWithBlockPublicAccessError", bpaMsg},
	}
	for _, c := range cases {
		w := e.do(a, treq{method: "PUT", target: "/pub-acl", header: c.header})
		wantAWSError(t, "CreateBucket "+c.name, w, c.status, c.code, c.msg)
	}
	e.must(a, treq{method: "PUT", target: "/pub-acl", header: map[string]string{"x-amz-acl": "private", "x-amz-object-ownership": "ObjectWriter"}}, 200)
	// The owner recreating its us-east-1 bucket with a public ACL gets the
	// same refusal rather than the legacy 200.
	w := e.do(a, treq{method: "PUT", target: "/pub-acl", header: map[string]string{"x-amz-acl": "public-read", "x-amz-object-ownership": "ObjectWriter"}})
	wantAWSError(t, "CreateBucket again with public-read", w, 400, "InvalidBucketAclWithBlockPublicAccessError", bpaMsg)
}

// TestBucketOwnerDeletesForeignObject: with ObjectWriter, the bucket owner
// may delete an object another account wrote, though it may not read it
// (Access control in Amazon S3, "Resources and ownership",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-management.html).
func TestBucketOwnerDeletesForeignObject(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := rootOf(acctA), rootOf(acctB)
	e.openBucket(a, "dropbox", "ObjectWriter")
	e.must(a, treq{method: "PUT", target: "/dropbox?policy", body: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::dropbox/*"}]}`}, 204)
	for _, k := range []string{"one", "two", "three"} {
		e.must(b, treq{method: "PUT", target: "/dropbox/" + k, body: "from B"}, 200)
	}
	w := e.do(a, treq{method: "GET", target: "/dropbox/one"})
	wantAWSError(t, "bucket owner GET of B's object", w, 403, "AccessDenied", "Access Denied")
	e.must(a, treq{method: "DELETE", target: "/dropbox/one"}, 204)
	if w := e.do(a, treq{method: "HEAD", target: "/dropbox/one"}); w.Code != 404 {
		t.Errorf("HEAD after the bucket owner's delete = %d, want 404", w.Code)
	}
	// A user of the bucket owner's account with s3:DeleteObject, and
	// DeleteObjects.
	cleaner := e.user(acctA, "cleaner", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:DeleteObject","Resource":"*"}]}`)
	e.must(cleaner, treq{method: "DELETE", target: "/dropbox/two"}, 204)
	w = e.must(a, treq{method: "POST", target: "/dropbox?delete", body: "<Delete><Object><Key>three</Key></Object></Delete>",
		header: map[string]string{"Content-MD5": md5b64("<Delete><Object><Key>three</Key></Object></Delete>")}}, 200)
	if got := w.Body.String(); !strings.Contains(got, "<Deleted><Key>three</Key></Deleted>") {
		t.Errorf("DeleteObjects by the bucket owner = %s", got)
	}
	// A user without s3:DeleteObject is still refused, naming the action.
	e.must(b, treq{method: "PUT", target: "/dropbox/four", body: "from B"}, 200)
	nobody := e.user(acctA, "nobody", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	w = e.do(nobody, treq{method: "DELETE", target: "/dropbox/four"})
	if code, msg := errCode(t, w); w.Code != 403 || code != "AccessDenied" || !strings.Contains(msg, "s3:DeleteObject") {
		t.Errorf("DELETE without permission = %d %s %q", w.Code, code, msg)
	}
	// The writer may still delete its own object.
	e.must(b, treq{method: "DELETE", target: "/dropbox/four"}, 204)
}

func md5b64(s string) string { return base64.StdEncoding.EncodeToString(md5sum(s)) }
