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
