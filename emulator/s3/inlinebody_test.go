package s3

import (
	"slices"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// Small bodies live inside meta.db and large ones in files
// (store.InlineMax); every read and every replacement works on both, and
// a replaced body of either kind is removed.
func TestInlineAndFileBodies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "kinds")
	small := "small body 0123456789"
	large := strings.Repeat("L0123456789", store.InlineMax/10)
	get := func(target string, header map[string]string, want string, code int) {
		t.Helper()
		w := e.must(a, treq{method: "GET", target: target, header: header}, code)
		if w.Body.String() != want {
			t.Errorf("GET %s %v = %d bytes %.40q, want %d bytes %.40q", target, header, w.Body.Len(), w.Body, len(want), want)
		}
	}
	stored := func(want int) {
		t.Helper()
		ids, err := e.db.BodyIDs()
		if err != nil || len(ids) != want {
			t.Errorf("bodies stored = %d (%v), want %d", len(ids), err, want)
		}
	}
	inline := func(key string) bool {
		t.Helper()
		var o store.S3Object
		if err := e.db.View(t.Context(), func(tx *store.Tx) error {
			return tx.CurrentObject("kinds", key, &o)
		}); err != nil {
			t.Fatal(err)
		}
		return store.IsInline(o.Parts[0].Body)
	}

	e.must(a, treq{method: "PUT", target: "/kinds/k", body: small}, 200)
	if !inline("k") {
		t.Fatal("a small PUT is not inline")
	}
	get("/kinds/k", nil, small, 200)
	get("/kinds/k", map[string]string{"Range": "bytes=6-9"}, small[6:10], 206)
	get("/kinds/k", map[string]string{"Range": "bytes=-5"}, small[len(small)-5:], 206)

	// Inline → file, then file → inline: the replaced body goes.
	e.must(a, treq{method: "PUT", target: "/kinds/k", body: large}, 200)
	if inline("k") {
		t.Fatal("a large PUT is inline")
	}
	get("/kinds/k", nil, large, 200)
	stored(1)
	e.must(a, treq{method: "PUT", target: "/kinds/k", body: small}, 200)
	get("/kinds/k", nil, small, 200)
	stored(1)

	// CopyObject from an inline source, to a key holding a file.
	e.must(a, treq{method: "PUT", target: "/kinds/dst", body: large}, 200)
	e.must(a, treq{method: "PUT", target: "/kinds/dst", header: map[string]string{"x-amz-copy-source": "/kinds/k"}}, 200)
	get("/kinds/dst", nil, small, 200)
	if !inline("dst") {
		t.Error("a copy of a small object is not inline")
	}
	// And from a file source.
	e.must(a, treq{method: "PUT", target: "/kinds/big", body: large}, 200)
	e.must(a, treq{method: "PUT", target: "/kinds/dst", header: map[string]string{"x-amz-copy-source": "/kinds/big"}}, 200)
	get("/kinds/dst", nil, large, 200)
	stored(3) // k, big, dst

	// Deleting frees both kinds.
	for _, k := range []string{"k", "dst", "big"} {
		e.must(a, treq{method: "DELETE", target: "/kinds/" + k}, 204)
	}
	stored(0)
}

// Versions keep their bodies, inline or not, until the version is deleted.
func TestInlineBodiesOfVersions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "vkinds")
	e.must(a, treq{method: "PUT", target: "/vkinds?versioning", body: "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"}, 200)
	bodies := []string{"one", strings.Repeat("two", store.InlineMax), "three"}
	var ids []string
	for _, b := range bodies {
		ids = append(ids, e.must(a, treq{method: "PUT", target: "/vkinds/k", body: b}, 200).Header().Get("x-amz-version-id"))
	}
	for i, id := range ids {
		if w := e.must(a, treq{method: "GET", target: "/vkinds/k?versionId=" + id}, 200); w.Body.String() != bodies[i] {
			t.Errorf("version %d = %d bytes, want %d", i, w.Body.Len(), len(bodies[i]))
		}
	}
	for i, id := range ids {
		e.must(a, treq{method: "DELETE", target: "/vkinds/k?versionId=" + id}, 204)
		got, err := e.db.BodyIDs()
		if err != nil || len(got) != len(ids)-1-i {
			t.Errorf("after deleting version %d: %d bodies (%v), want %d", i, len(got), err, len(ids)-1-i)
		}
		if slices.Contains(got, "") {
			t.Error("an empty body id")
		}
	}
}
