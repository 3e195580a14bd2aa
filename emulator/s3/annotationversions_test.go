package s3

import (
	"context"
	"encoding/xml"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// storedAnnotations counts the annotation records bucket holds, orphans
// included.
func storedAnnotations(e *env, bucket string) int {
	e.t.Helper()
	n := 0
	err := e.db.View(context.Background(), func(tx *store.Tx) error {
		return tx.ForEach(store.Global, store.S3AnnotationKind(bucket), "", "", func(string, store.Decoder) error {
			n++
			return nil
		})
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func annotate(e *env, target, name string) {
	e.t.Helper()
	e.must(rootOf(acctA), treq{method: "PUT", target: target + "?annotation&annotationName=" + name, body: "payload"}, 200)
}

// TestAnnotationsGoWithUnversionedObject: "In a non-versioned bucket, if
// you delete or overwrite the object, the annotations are deleted with
// it" (S3 User Guide, annotations-overview): overwriting, deleting
// (DeleteObject and DeleteObjects) and a multipart upload over the key
// leave no annotation behind, to resurface on the next object of the key.
func TestAnnotationsGoWithUnversionedObject(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	annotationBucket(e, "plain", false)
	for _, replace := range []struct {
		name string
		do   func()
	}{
		{"overwrite", func() { e.must(a, treq{method: "PUT", target: "/plain/k", body: "new"}, 200) }},
		{"delete", func() {
			e.must(a, treq{method: "DELETE", target: "/plain/k"}, 204)
			e.must(a, treq{method: "PUT", target: "/plain/k", body: "again"}, 200)
		}},
		{"delete objects", func() {
			e.must(a, treq{method: "POST", target: "/plain?delete", body: `<Delete><Object><Key>k</Key></Object></Delete>`,
				header: map[string]string{"Content-Md5": md5b64(`<Delete><Object><Key>k</Key></Object></Delete>`)}}, 200)
			e.must(a, treq{method: "PUT", target: "/plain/k", body: "again"}, 200)
		}},
		{"multipart upload over", func() { e.completeUpload(a, "plain", "k") }},
		{"copy over", func() {
			e.must(a, treq{method: "PUT", target: "/plain/src", body: "src"}, 200)
			e.must(a, treq{method: "PUT", target: "/plain/k", header: map[string]string{"x-amz-copy-source": "/plain/src",
				"x-amz-object-annotation-directive": "EXCLUDE"}}, 200)
			e.must(a, treq{method: "DELETE", target: "/plain/src"}, 204)
		}},
	} {
		annotate(e, "/plain/k", "note")
		replace.do()
		if names, _ := listedNames(e, "/plain/k?annotation"); len(names) != 0 {
			t.Errorf("%s: the new object lists %v", replace.name, names)
		}
		if n := storedAnnotations(e, "plain"); n != 0 {
			t.Errorf("%s: %d annotation records left behind", replace.name, n)
		}
	}
}

// TestAnnotationsBelongToVersions: each version has its own; a new
// version starts with none; a delete marker hides them (NoSuchKey, 405
// when named) and keeps them; deleting a version deletes its own.
func TestAnnotationsBelongToVersions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	annotationBucket(e, "vers", true)
	v1 := versionOf(e, "/vers/k")
	annotate(e, "/vers/k", "on-v1")
	e.must(a, treq{method: "PUT", target: "/vers/k", body: "two"}, 200)
	marker := e.must(a, treq{method: "DELETE", target: "/vers/k"}, 204).Header().Get("X-Amz-Version-Id")
	e.run(t, a, []step{
		{"current is a marker", treq{method: "GET", target: "/vers/k?annotation&annotationName=on-v1"}, 404, string(codeNoSuchKey), ""},
		{"the marker named", treq{method: "GET", target: "/vers/k?annotation&annotationName=on-v1&versionId=" + marker}, 405, string(codeMethodNotAllowed), ""},
		{"remove the marker", treq{method: "DELETE", target: "/vers/k?versionId=" + marker}, 204, "", ""},
		{"v2 has none", treq{method: "GET", target: "/vers/k?annotation&annotationName=on-v1"}, 404, codeNoSuchAnnotation, ""},
		{"annotate v1 by id", treq{method: "PUT", target: "/vers/k?annotation&annotationName=second&versionId=" + v1, body: "x"}, 200, "", ""},
	})
	if names, _ := listedNames(e, "/vers/k?annotation&versionId="+v1); len(names) != 2 {
		t.Errorf("v1 lists %v, want on-v1 and second", names)
	}
	e.must(a, treq{method: "DELETE", target: "/vers/k?versionId=" + v1}, 204)
	e.run(t, a, []step{
		{"v1 gone", treq{method: "GET", target: "/vers/k?annotation&annotationName=on-v1&versionId=" + v1}, 404, string(codeNoSuchVersion), ""},
	})
	if n := storedAnnotations(e, "vers"); n != 0 {
		t.Errorf("%d annotation records outlive their version", n)
	}
}

// versionOf is the current version id of target.
func versionOf(e *env, target string) string {
	e.t.Helper()
	w := e.must(rootOf(acctA), treq{method: "HEAD", target: target}, 200)
	return w.Header().Get("X-Amz-Version-Id")
}

// TestAnnotationsCrossAccount: another account needs a bucket policy
// granting each annotation action, one by one.
func TestAnnotationsCrossAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	annotationBucket(e, "shared", false)
	annotate(e, "/shared/k", "note")
	b := rootOf(acctB)
	get := treq{method: "GET", target: "/shared/k?annotation&annotationName=note"}
	put := treq{method: "PUT", target: "/shared/k?annotation&annotationName=other", body: "1"}
	e.run(t, rootOf(acctA), []step{
		{"expected owner differs", treq{method: "GET", target: get.target, header: map[string]string{"x-amz-expected-bucket-owner": acctB}}, 403, "AccessDenied", ""},
		{"expected owner matches", treq{method: "GET", target: "/shared/k?annotation", header: map[string]string{"x-amz-expected-bucket-owner": acctA}}, 200, "", ""},
	})
	e.run(t, b, []step{
		{"no policy: get", get, 403, "AccessDenied", ""},
		{"no policy: list", treq{method: "GET", target: "/shared/k?annotation"}, 403, "AccessDenied", ""},
	})
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acctB +
		`:root"},"Action":"s3:GetObjectAnnotation","Resource":"arn:aws:s3:::shared/*"}]}`
	e.must(rootOf(acctA), treq{method: "PUT", target: "/shared?policy", body: policy}, 204)
	if w := e.must(b, get, 200); w.Body.String() != "payload" {
		t.Errorf("granted get = %q", w.Body)
	}
	e.run(t, b, []step{
		{"put not granted", put, 403, "AccessDenied", ""},
		{"delete not granted", treq{method: "DELETE", target: "/shared/k?annotation&annotationName=note"}, 403, "AccessDenied", ""},
		{"list not granted", treq{method: "GET", target: "/shared/k?annotation"}, 403, "AccessDenied", ""},
	})
	var out struct {
		Names []string `xml:"Annotations>AnnotationEntry>AnnotationName"`
	}
	w := e.must(rootOf(acctA), treq{method: "GET", target: "/shared/k?annotation"}, 200)
	if err := xml.Unmarshal(w.Body.Bytes(), &out); err != nil || len(out.Names) != 1 {
		t.Errorf("after refused writes: %v %v", out.Names, err)
	}
}

// TestAnnotationsCopied: CopyObject copies the source version's
// annotations unless x-amz-object-annotation-directive is EXCLUDE
// (API_CopyObject, AnnotationDirective), also onto its own key, and with
// the copy's checksum algorithm when it names one.
func TestAnnotationsCopied(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	annotationBucket(e, "cpy", false)
	annotate(e, "/cpy/k", "note")
	copyTo := func(dst string, hdr map[string]string) treq {
		h := map[string]string{"x-amz-copy-source": "/cpy/k"}
		for k, v := range hdr {
			h[k] = v
		}
		return treq{method: "PUT", target: dst, header: h}
	}
	e.run(t, a, []step{
		{"bad directive", copyTo("/cpy/bad", map[string]string{"x-amz-object-annotation-directive": "REPLACE"}), 400, string(codeInvalidArgument), ""},
		{"default copies", copyTo("/cpy/copied", nil), 200, "", ""},
		{"exclude", copyTo("/cpy/bare", map[string]string{"x-amz-object-annotation-directive": "EXCLUDE"}), 200, "", ""},
		{"query form", treq{method: "PUT", target: "/cpy/bare2?x-amz-object-annotation-directive=EXCLUDE",
			header: map[string]string{"x-amz-copy-source": "/cpy/k"}}, 200, "", ""},
		{"onto itself", copyTo("/cpy/k", map[string]string{"x-amz-metadata-directive": "REPLACE"}), 200, "", ""},
		{"new algorithm", copyTo("/cpy/sha", map[string]string{"x-amz-checksum-algorithm": "SHA256"}), 200, "", ""},
	})
	for target, want := range map[string]int{"/cpy/copied": 1, "/cpy/bare": 0, "/cpy/bare2": 0, "/cpy/k": 1, "/cpy/sha": 1} {
		if names, _ := listedNames(e, target+"?annotation"); len(names) != want {
			t.Errorf("%s lists %v, want %d annotations", target, names, want)
		}
	}
	w := e.must(a, treq{method: "GET", target: "/cpy/sha?annotation&annotationName=note", header: map[string]string{"x-amz-checksum-mode": "ENABLED"}}, 200)
	// SHA-256 of "payload".
	if got := w.Header().Get("X-Amz-Checksum-Sha256"); got != "I59Z7VXnN8dxR89VrQwbAwttfudIp0JpUvm4UtWpNeU=" || w.Body.String() != "payload" {
		t.Errorf("copy with SHA256: %q %q", got, w.Body)
	}
}

// TestAnnotationsCopyNeedsPermission: copying annotations needs
// s3:GetObjectAnnotation on the source and s3:PutObjectAnnotation on
// the destination; a copy that excludes them, or of a source without
// any, needs neither.
func TestAnnotationsCopyNeedsPermission(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	annotationBucket(e, "perm", false)
	e.must(rootOf(acctA), treq{method: "PUT", target: "/perm/plain", body: "x"}, 200)
	annotate(e, "/perm/k", "note")
	copier := e.user(acctA, "copier", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}`)
	e.run(t, copier, []step{
		{"annotated source", treq{method: "PUT", target: "/perm/c1", header: map[string]string{"x-amz-copy-source": "/perm/k"}}, 403, "AccessDenied", ""},
		{"excluded", treq{method: "PUT", target: "/perm/c2", header: map[string]string{"x-amz-copy-source": "/perm/k",
			"x-amz-object-annotation-directive": "EXCLUDE"}}, 200, "", ""},
		{"source without any", treq{method: "PUT", target: "/perm/c3", header: map[string]string{"x-amz-copy-source": "/perm/plain"}}, 200, "", ""},
	})
	full := e.user(acctA, "full", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject",`+
		`"s3:GetObjectAnnotation","s3:PutObjectAnnotation"],"Resource":"*"}]}`)
	e.must(full, treq{method: "PUT", target: "/perm/c4", header: map[string]string{"x-amz-copy-source": "/perm/k"}}, 200)
	if names, _ := listedNames(e, "/perm/c4?annotation"); len(names) != 1 {
		t.Errorf("copy by an allowed caller lists %v", names)
	}
}

// TestAnnotationsUnderObjectLock: a legal hold refuses annotation writes
// (bypass or not), GOVERNANCE retention unless bypassed; reads go on.
func TestAnnotationsUnderObjectLock(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.must(a, treq{method: "PUT", target: "/locked", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
	e.must(a, treq{method: "PUT", target: "/locked/held", body: "x", header: map[string]string{"x-amz-object-lock-legal-hold": "ON",
		"Content-Md5": md5b64("x")}}, 200)
	e.must(a, treq{method: "PUT", target: "/locked/gov", body: "x", header: map[string]string{"x-amz-object-lock-mode": "GOVERNANCE",
		"x-amz-object-lock-retain-until-date": testNow.Add(24 * time.Hour).Format(time.RFC3339), "Content-Md5": md5b64("x")}}, 200)
	bypass := map[string]string{"x-amz-bypass-governance-retention": "true"}
	e.run(t, a, []step{
		{"legal hold: put", treq{method: "PUT", target: "/locked/held?annotation&annotationName=a", body: "1"}, 403, "AccessDenied", "object lock legal hold."},
		{"legal hold: put bypassing", treq{method: "PUT", target: "/locked/held?annotation&annotationName=a", body: "1", header: bypass}, 403, "AccessDenied", ""},
		{"legal hold: list", treq{method: "GET", target: "/locked/held?annotation"}, 200, "", "<ListObjectAnnotationsOutput"},
		{"governance: put", treq{method: "PUT", target: "/locked/gov?annotation&annotationName=a", body: "1"}, 403, "AccessDenied", "object lock retention."},
		{"governance: put bypassing", treq{method: "PUT", target: "/locked/gov?annotation&annotationName=a", body: "1", header: bypass}, 200, "", ""},
		{"governance: delete", treq{method: "DELETE", target: "/locked/gov?annotation&annotationName=a"}, 403, "AccessDenied", ""},
		{"governance: delete bypassing", treq{method: "DELETE", target: "/locked/gov?annotation&annotationName=a", header: bypass}, 204, "", ""},
	})
}

// TestAnnotationIfMatchCondition: s3:x-amz-object-if-match is the
// annotation writes' condition key for x-amz-object-if-match: a bucket
// policy can require it.
func TestAnnotationIfMatchCondition(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	annotationBucket(e, "cond", false)
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObjectAnnotation",` +
		`"Resource":"arn:aws:s3:::cond/*","Condition":{"Null":{"s3:x-amz-object-if-match":"true"}}}]}`
	e.must(rootOf(acctA), treq{method: "PUT", target: "/cond?policy", body: policy}, 204)
	u := e.user(acctA, "writer", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	etag := e.must(u, treq{method: "HEAD", target: "/cond/k"}, 200).Header().Get("ETag")
	e.run(t, u, []step{
		{"without the header", treq{method: "PUT", target: "/cond/k?annotation&annotationName=a", body: "1"}, 403, "AccessDenied", ""},
		{"with it", treq{method: "PUT", target: "/cond/k?annotation&annotationName=a", body: "1",
			header: map[string]string{"x-amz-object-if-match": etag}}, 200, "", ""},
	})
}

// envAt is newEnv over the store in dir, which outlives it.
func envAt(t *testing.T, dir string) *env {
	t.Helper()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	set, err := managed.Load()
	if err != nil {
		t.Fatal(err)
	}
	h := New(Options{DB: db, Authz: authz.New(db, authz.Options{Managed: set}), Now: func() time.Time { return testNow }, MinPartSize: 5})
	return &env{t: t, db: db, h: h}
}

// TestAnnotationsSurviveReopen: an acknowledged annotation is in the
// store when it is opened again, with its checksum, and a version's
// deletion acknowledged before took its annotations with it.
func TestAnnotationsSurviveReopen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	e := envAt(t, dir)
	annotationBucket(e, "kept", true)
	annotate(e, "/kept/k", "note")
	v1 := versionOf(e, "/kept/k")
	e.must(rootOf(acctA), treq{method: "PUT", target: "/kept/k", body: "v2"}, 200)
	annotate(e, "/kept/k", "on-v2")
	e.must(rootOf(acctA), treq{method: "DELETE", target: "/kept/k?versionId=" + v1}, 204)
	if err := e.db.Close(); err != nil {
		t.Fatal(err)
	}
	e = envAt(t, dir)
	defer e.db.Close()
	w := e.must(rootOf(acctA), treq{method: "GET", target: "/kept/k?annotation&annotationName=on-v2",
		header: map[string]string{"x-amz-checksum-mode": "ENABLED"}}, 200)
	if w.Body.String() != "payload" || w.Header().Get("X-Amz-Checksum-Crc64nvme") == "" {
		t.Errorf("after reopening: %q %v", w.Body, w.Header())
	}
	if n := storedAnnotations(e, "kept"); n != 1 {
		t.Errorf("after reopening: %d annotation records, want on-v2 alone", n)
	}
}

// TestAnnotationsRefusedOnSSEC: "Objects encrypted with SSE-C cannot
// have annotations" (API_PutObjectAnnotation); an SSE-C copy gets none.
func TestAnnotationsRefusedOnSSEC(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	annotationBucket(e, "custkey", false)
	e.must(a, treq{method: "PUT", target: "/custkey?encryption", body: allowSSEC}, 200)
	e.must(a, treq{method: "PUT", target: "/custkey/secret", body: "x", header: ssecHeaders()}, 200)
	annotate(e, "/custkey/k", "note")
	copyHdr := ssecHeaders()
	copyHdr["x-amz-copy-source"] = "/custkey/k"
	e.run(t, a, []step{
		{"put", treq{method: "PUT", target: "/custkey/secret?annotation&annotationName=a", body: "1"}, 400, string(codeInvalidRequest), msgAnnotationSSEC},
		{"list", treq{method: "GET", target: "/custkey/secret?annotation"}, 200, "", "<Annotations></Annotations>"},
		{"SSE-C copy of an annotated object", treq{method: "PUT", target: "/custkey/copy", header: copyHdr}, 200, "", ""},
	})
	if names, _ := listedNames(e, "/custkey/copy?annotation"); len(names) != 0 {
		t.Errorf("SSE-C copy lists %v", names)
	}
}
