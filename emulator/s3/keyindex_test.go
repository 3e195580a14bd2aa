package s3

import (
	"encoding/xml"
	"testing"
)

// Keys that differ only after a NUL byte are different objects: the
// version index must not mix them up (issue 11 item 1).
func TestNULKeysDoNotCollide(t *testing.T) {
	t.Parallel()
	for _, versioning := range []bool{false, true} {
		name := map[bool]string{false: "unversioned", true: "versioned"}[versioning]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			root := rootOf(acctA)
			e.createBucket(root, "nul")
			if versioning {
				e.must(root, treq{method: "PUT", target: "/nul?versioning",
					body: `<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`}, 200)
			}
			e.must(root, treq{method: "PUT", target: "/nul/report%000", body: "planted"}, 200)
			e.must(root, treq{method: "PUT", target: "/nul/report", body: "genuine"}, 200)
			if got := e.must(root, treq{method: "GET", target: "/nul/report"}, 200).Body.String(); got != "genuine" {
				t.Errorf("GET report = %q, want genuine", got)
			}
			if got := e.must(root, treq{method: "GET", target: "/nul/report%000"}, 200).Body.String(); got != "planted" {
				t.Errorf("GET report\\x000 = %q, want planted", got)
			}
			if versioning {
				// Delete the only version of report: report must be gone,
				// not answered with report\x000's bytes.
				vid := e.must(root, treq{method: "HEAD", target: "/nul/report"}, 200).Header().Get("x-amz-version-id")
				e.must(root, treq{method: "DELETE", target: "/nul/report?versionId=" + vid}, 204)
			} else {
				e.must(root, treq{method: "DELETE", target: "/nul/report"}, 204)
			}
			if w := e.do(root, treq{method: "GET", target: "/nul/report"}); w.Code != 404 {
				t.Errorf("GET report after delete = %d %q, want 404", w.Code, w.Body.String())
			}
			if got := e.must(root, treq{method: "GET", target: "/nul/report%000"}, 200).Body.String(); got != "planted" {
				t.Errorf("GET report\\x000 after deleting report = %q, want planted", got)
			}
		})
	}
}

// ListObjectVersions lists keys in byte order, a key's versions newest
// first, also when keys hold NUL bytes.
func TestNULKeysListInOrder(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	root := rootOf(acctA)
	e.createBucket(root, "nul")
	e.must(root, treq{method: "PUT", target: "/nul?versioning",
		body: `<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`}, 200)
	for _, k := range []string{"a%01", "a%000", "a", "a%00", "a%000"} {
		e.must(root, treq{method: "PUT", target: "/nul/" + k, body: k}, 200)
	}
	e.must(root, treq{method: "PUT", target: "/nul/a", body: "a2"}, 200)
	var out struct {
		Versions []struct {
			Key      string
			IsLatest bool
		} `xml:"Version"`
	}
	w := e.must(root, treq{method: "GET", target: "/nul?versions&encoding-type=url"}, 200)
	if err := xml.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	type v struct {
		key    string
		latest bool
	}
	want := []v{{"a", true}, {"a", false}, {"a%00", true}, {"a%000", true}, {"a%000", false}, {"a%01", true}}
	var got []v
	for _, x := range out.Versions {
		got = append(got, v{x.Key, x.IsLatest})
	}
	if len(got) != len(want) {
		t.Fatalf("versions = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("versions = %v, want %v", got, want)
			break
		}
	}
}
