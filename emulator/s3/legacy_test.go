package s3

import (
	"strings"
	"testing"
)

// Options.LegacyBucketDefaults gives new buckets S3's older defaults:
// ObjectWriter ownership and no Block Public Access (so a public ACL at
// creation is accepted), as before April 2023, and SSE-C allowed, as
// before April 2026; the default (off) keeps AWS's current ones.
func TestLegacyBucketDefaults(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		legacy        bool
		ownership     string
		pabStatus     int
		publicACLCode int
		ssecCode      int
	}{
		{legacy: false, ownership: "BucketOwnerEnforced", pabStatus: 200, publicACLCode: 400, ssecCode: 403},
		{legacy: true, ownership: "ObjectWriter", pabStatus: 404, publicACLCode: 200, ssecCode: 200},
	} {
		e := newEnv(t)
		e.h.legacy = tt.legacy
		e.createBucket(rootOf(acctA), "plain")
		w := e.must(rootOf(acctA), treq{method: "GET", target: "/plain?ownershipControls"}, 200)
		if !strings.Contains(w.Body.String(), "<ObjectOwnership>"+tt.ownership+"</ObjectOwnership>") {
			t.Errorf("legacy=%v: GetBucketOwnershipControls = %s, want %s", tt.legacy, w.Body, tt.ownership)
		}
		w = e.do(rootOf(acctA), treq{method: "GET", target: "/plain?publicAccessBlock"})
		if w.Code != tt.pabStatus {
			t.Errorf("legacy=%v: GetPublicAccessBlock = %d %s, want %d", tt.legacy, w.Code, w.Body, tt.pabStatus)
		}
		w = e.do(rootOf(acctA), treq{method: "PUT", target: "/public", header: map[string]string{"x-amz-acl": "public-read"}})
		if w.Code != tt.publicACLCode {
			t.Errorf("legacy=%v: CreateBucket public-read = %d %s, want %d", tt.legacy, w.Code, w.Body, tt.publicACLCode)
		}
		w = e.do(rootOf(acctA), treq{method: "PUT", target: "/plain/k", body: "x", header: ssecHeaders()})
		if w.Code != tt.ssecCode {
			t.Errorf("legacy=%v: SSE-C PutObject = %d %s, want %d", tt.legacy, w.Code, w.Body, tt.ssecCode)
		}
	}
}
