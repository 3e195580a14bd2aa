package s3

import "testing"

// This file holds the issue-10 acceptance fixes: S3 answers checked
// against AWS recordings during the audit, each citing its source.

// TestPutBucketPolicyDocumentShape: a bucket policy that is not JSON, or a
// JSON object without Statement, is refused with S3's own texts (LocalStack
// test_s3_api.snapshot.json TestS3BucketPolicy::test_bucket_policy_exc,
// recorded against AWS 2026-02-21: put-empty-bucket-policy,
// put-bucket-policy-randomstring, put-bucket-policy-empty-json).
func TestPutBucketPolicyDocumentShape(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "shapes")
	const firstByte = "Policies must be valid JSON and the first byte must be '{'"
	cases := []struct{ name, doc, msg string }{
		{"empty", "", firstByte},
		{"random string", "invalid json", firstByte},
		{"empty object", "{}", "Missing required field Statement"},
		{"version only", `{"Version":"2012-10-17"}`, "Missing required field Statement"},
	}
	for _, c := range cases {
		w := e.do(a, treq{method: "PUT", target: "/shapes?policy", body: c.doc})
		wantAWSError(t, "PutBucketPolicy "+c.name, w, 400, "MalformedPolicy", c.msg)
	}
	if w := e.do(a, treq{method: "GET", target: "/shapes?policy"}); w.Code != 404 {
		t.Errorf("GetBucketPolicy after refused puts = %d, want 404", w.Code)
	}
}
