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
		wantStatus, wantCode := 501, "NotImplemented"
		if sub == "inventory" { // its body is checked first
			wantStatus, wantCode = 400, "MalformedXML"
		}
		if code, _ := errCode(t, w); w.Code != wantStatus || code != wantCode {
			t.Errorf("PUT ?%s = %d %s, want %d %s", sub, w.Code, code, wantStatus, wantCode)
		}
	}
	w := e.do(a, treq{method: "GET", target: "/cfgs?replication"})
	wantAWSError(t, "GET ?replication", w, 404, "ReplicationConfigurationNotFoundError", "The replication configuration was not found")
	w = e.do(a, treq{method: "PUT", target: "/cfgs?replication", body: "<ReplicationConfiguration/>"})
	wantAWSError(t, "PUT ?replication unversioned", w, 400, "InvalidRequest", "Versioning must be 'Enabled' on the bucket to apply a replication configuration")
	e.must(a, treq{method: "PUT", target: "/cfgs?versioning", body: "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"}, 200)
	w = e.do(a, treq{method: "PUT", target: "/cfgs?replication", body: "<ReplicationConfiguration><Role>r</Role></ReplicationConfiguration>"})
	wantAWSError(t, "PUT ?replication without rules", w, 400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema")
	w = e.do(a, treq{method: "PUT", target: "/cfgs?replication",
		body: "<ReplicationConfiguration><Role>r</Role><Rule><Destination><Bucket>arn:aws:s3:::nowhere</Bucket></Destination></Rule></ReplicationConfiguration>"})
	wantAWSError(t, "PUT ?replication to a missing bucket", w, 400, "InvalidRequest", "Destination bucket must have versioning enabled.")
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

// TestInventoryConfigurationChecks: inventory bodies AWS refuses are
// refused with its codes; a valid one reaches NotImplemented.
func TestInventoryConfigurationChecks(t *testing.T) {
	body := func(id, bucket, format string) []byte {
		return []byte(`<InventoryConfiguration><Id>` + id + `</Id><Destination><S3BucketDestination><Bucket>` + bucket +
			`</Bucket><Format>` + format + `</Format></S3BucketDestination></Destination><IsEnabled>true</IsEnabled>` +
			`<IncludedObjectVersions>All</IncludedObjectVersions><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`)
	}
	for _, c := range []struct {
		name, code string
		raw        []byte
	}{
		{"other id", "IdMismatch", body("other", "arn:aws:s3:::d", "CSV")},
		{"bucket name", "InvalidS3DestinationBucket", body("inv", "d", "CSV")},
		{"format", "MalformedXML", body("inv", "arn:aws:s3:::d", "XLS")},
		{"not XML", "MalformedXML", []byte("<Inventory")},
	} {
		if err := checkInventoryConfiguration(c.raw, "inv"); err == nil || !strings.HasPrefix(err.Error(), c.code+":") {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	if err := checkInventoryConfiguration(body("inv", "arn:aws:s3:::d", "Parquet"), "inv"); err != nil {
		t.Errorf("valid configuration: %v", err)
	}
}
