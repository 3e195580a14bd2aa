package s3

import (
	"strings"
	"testing"
)

// TestUnmodelledConfigurations: the sub-resources of configurations
// fakeaws does not keep are answered as AWS answers a bucket without one,
// never as the bucket's plain operation: a DELETE of ?metrics once deleted
// the (empty) bucket, a GET of ?replication listed its objects.
func TestUnmodelledConfigurations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.must(a, treq{method: "PUT", target: "/cfgs"}, 200)
	for _, sub := range []string{"metrics", "analytics", "inventory", "intelligent-tiering"} {
		w := e.do(a, treq{method: "DELETE", target: "/cfgs?" + sub + "&id=x"})
		wantAWSError(t, "DELETE ?"+sub, w, 404, "NoSuchConfiguration", "The specified configuration does not exist.")
		w = e.do(a, treq{method: "GET", target: "/cfgs?" + sub + "&id=x"})
		wantAWSError(t, "GET ?"+sub, w, 404, "NoSuchConfiguration", "The specified configuration does not exist.")
		w = e.must(a, treq{method: "GET", target: "/cfgs?" + sub}, 200)
		if !strings.Contains(w.Body.String(), "<IsTruncated>false</IsTruncated>") || strings.Contains(w.Body.String(), "ListBucketResult") {
			t.Errorf("GET ?%s (list) = %s", sub, w.Body)
		}
		w = e.do(a, treq{method: "PUT", target: "/cfgs?" + sub + "&id=x", body: "<X/>"})
		if code, _ := errCode(t, w); w.Code != 501 || code != "NotImplemented" {
			t.Errorf("PUT ?%s = %d %s, want 501 NotImplemented", sub, w.Code, code)
		}
	}
	w := e.do(a, treq{method: "GET", target: "/cfgs?replication"})
	wantAWSError(t, "GET ?replication", w, 404, "ReplicationConfigurationNotFoundError", "The replication configuration was not found")
	w = e.do(a, treq{method: "PUT", target: "/cfgs?replication", body: "<ReplicationConfiguration/>"})
	wantAWSError(t, "PUT ?replication unversioned", w, 400, "InvalidRequest", "Versioning must be 'Enabled' on the bucket to apply a replication configuration")
	e.must(a, treq{method: "DELETE", target: "/cfgs?replication"}, 204)
	// The bucket is still there.
	e.must(a, treq{method: "HEAD", target: "/cfgs"}, 200)
}

// TestSubresourceNeverPlain: a request naming a sub-resource no route
// serves with its method is refused, not served as the plain bucket or
// object operation (which deleted or overwrote data).
func TestSubresourceNeverPlain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.must(a, treq{method: "PUT", target: "/subs"}, 200)
	e.must(a, treq{method: "PUT", target: "/subs/k", body: "data"}, 200)
	for _, r := range []treq{
		{method: "DELETE", target: "/subs/k?acl"},
		{method: "DELETE", target: "/subs/k?retention"},
		{method: "PUT", target: "/subs/k?renameObject"},
		{method: "PUT", target: "/subs/k?encryption"},
		{method: "PUT", target: "/subs/k?uploadId=x"},
		{method: "GET", target: "/subs/k?torrent"},
		{method: "DELETE", target: "/subs?versioning"},
		{method: "DELETE", target: "/subs?metadataTable"},
		{method: "PUT", target: "/subs?abac"},
		{method: "GET", target: "/subs?session"},
	} {
		w := e.do(a, r)
		if code, _ := errCode(t, w); w.Code != 405 || code != "MethodNotAllowed" {
			t.Errorf("%s %s = %d %s, want 405 MethodNotAllowed", r.method, r.target, w.Code, code)
		}
	}
	// Object and bucket are untouched.
	if w := e.must(a, treq{method: "GET", target: "/subs/k"}, 200); w.Body.String() != "data" {
		t.Errorf("GET /subs/k = %q, want data", w.Body)
	}
	// Ordinary query parameters still reach the plain operations.
	e.must(a, treq{method: "GET", target: "/subs/k?x-id=GetObject&response-content-type=text/plain"}, 200)
	e.must(a, treq{method: "GET", target: "/subs?prefix=k&delimiter=/&encoding-type=url"}, 200)
}
