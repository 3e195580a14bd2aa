package s3

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestAnnotationNames: the naming guidelines (S3 User Guide,
// annotations-managing: 1-512 bytes, Unicode letters, digits, "_", "."
// and "-", not starting with aws or s3; DeleteObjectAnnotation's
// AnnotationName: case-insensitive).
func TestAnnotationNames(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, code string
	}{
		{"ml.sentiment", ""},
		{"etl_status-2", ""},
		{"données.1", ""},
		{"名前", ""},
		{"नाम", ""}, // letters with combining vowel signs
		{strings.Repeat("n", 512), ""},
		{strings.Repeat("é", 256), ""}, // 512 bytes
		{"awsy", codeInvalidAnnotationName},
		{"AWS.x", codeInvalidAnnotationName},
		{"s3thing", codeInvalidAnnotationName},
		{"S3", codeInvalidAnnotationName},
		{"a3s", ""},
		{"has space", codeInvalidAnnotationName},
		{"slash/name", codeInvalidAnnotationName},
		{"at@sign", codeInvalidAnnotationName},
		{"", codeInvalidAnnotationName},
		{"bad\xffutf8", codeInvalidAnnotationName},
		{strings.Repeat("n", 513), codeAnnotationNameTooLong},
		{strings.Repeat("é", 257), codeAnnotationNameTooLong},
	} {
		err := checkAnnotationName(c.name)
		got := ""
		if err != nil {
			got = strings.SplitN(err.Error(), ":", 2)[0]
		}
		if got != c.code {
			t.Errorf("checkAnnotationName(%.20q) = %v, want %q", c.name, err, c.code)
		}
	}
}

// annotationBucket is a bucket with object k, versioned when asked.
func annotationBucket(e *env, name string, versioned bool) {
	a := rootOf(acctA)
	e.createBucket(a, name)
	if versioned {
		e.must(a, treq{method: "PUT", target: "/" + name + "?versioning", body: versioningOn}, 200)
	}
	e.must(a, treq{method: "PUT", target: "/" + name + "/k", body: "object"}, 200)
}

// TestAnnotationRequests: each operation's answers and refusals, and
// that none of them touches the object.
func TestAnnotationRequests(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	annotationBucket(e, "ann", false)
	put := func(name, body string, hdr map[string]string) treq {
		return treq{method: "PUT", target: "/ann/k?annotation&annotationName=" + name, body: body, header: hdr}
	}
	e.run(t, rootOf(acctA), []step{
		{"put", put("note", "hello", nil), 200, "", "<PutObjectAnnotationOutput"},
		{"replace", put("note", "hello again", nil), 200, "", "<AnnotationName>note</AnnotationName>"},
		{"get missing", treq{method: "GET", target: "/ann/k?annotation&annotationName=none"}, 404, codeNoSuchAnnotation, ""},
		{"list", treq{method: "GET", target: "/ann/k?annotation"}, 200, "", "<AnnotationName>note</AnnotationName>"},
		{"empty payload", put("e", "", nil), 400, string(codeInvalidRequest), msgAnnotationPayloadSize},
		{"payload over 1 MiB", put("big", strings.Repeat("a", maxAnnotationPayload+1), nil), 400, string(codeInvalidRequest), msgAnnotationPayloadSize},
		{"payload of 1 MiB", put("max", strings.Repeat("a", maxAnnotationPayload), nil), 200, "", ""},
		{"not UTF-8", put("bin", "\xff\xfe", nil), 415, codeUnsupportedMediaType, ""},
		{"reserved name", put("aws.x", "1", nil), 400, codeInvalidAnnotationName, ""},
		{"no name", treq{method: "PUT", target: "/ann/k?annotation", body: "1"}, 400, codeInvalidAnnotationName, ""},
		{"bad checksum", put("c", "abc", map[string]string{"x-amz-checksum-crc32": "AAAAAA=="}), 400, string(codeBadDigest), ""},
		{"if-match fails", put("c", "abc", map[string]string{"x-amz-object-if-match": `"0000"`}), 412, string(codePreconditionFailed), ""},
		{"missing key", treq{method: "PUT", target: "/ann/none?annotation&annotationName=a", body: "1"}, 404, string(codeNoSuchKey), ""},
		{"list missing key", treq{method: "GET", target: "/ann/none?annotation"}, 404, string(codeNoSuchKey), ""},
		{"bad prefix", treq{method: "GET", target: "/ann/k?annotation&annotation-prefix=" + strings.Repeat("p", 513)}, 400, codeInvalidPrefix, ""},
		{"bad page size", treq{method: "GET", target: "/ann/k?annotation&max-annotation-results=0"}, 400, string(codeInvalidArgument), ""},
		{"page size over 1000", treq{method: "GET", target: "/ann/k?annotation&max-annotation-results=1001"}, 400, string(codeInvalidArgument), ""},
		{"page size of 1000", treq{method: "GET", target: "/ann/k?annotation&max-annotation-results=1000"}, 200, "", "<MaxAnnotationResults>1000</MaxAnnotationResults>"},
		{"bad token", treq{method: "GET", target: "/ann/k?annotation&continuation-token=zz"}, 400, string(codeInvalidArgument), ""},
	})
	if w := e.must(rootOf(acctA), treq{method: "GET", target: "/ann/k?annotation&annotationName=note"}, 200); w.Body.String() != "hello again" {
		t.Errorf("replaced payload = %q", w.Body)
	}
	e.run(t, rootOf(acctA), []step{
		{"delete", treq{method: "DELETE", target: "/ann/k?annotation&annotationName=note"}, 204, "", ""},
		{"delete again", treq{method: "DELETE", target: "/ann/k?annotation&annotationName=note"}, 204, "", ""},
		{"gone", treq{method: "GET", target: "/ann/k?annotation&annotationName=note"}, 404, codeNoSuchAnnotation, ""},
	})
	w := e.must(rootOf(acctA), treq{method: "GET", target: "/ann/k?annotation&annotationName=max"}, 200)
	if w.Body.Len() != maxAnnotationPayload || w.Header().Get("Content-Length") != itoa(maxAnnotationPayload) ||
		w.Header().Get("Last-Modified") == "" || w.Header().Get("X-Amz-Server-Side-Encryption") != "AES256" {
		t.Errorf("GetObjectAnnotation = %d bytes, %v", w.Body.Len(), w.Header())
	}
	w = e.must(rootOf(acctA), treq{method: "GET", target: "/ann/k"}, 200)
	if w.Body.String() != "object" || w.Header().Get("X-Amz-Version-Id") != "" {
		t.Errorf("object after annotation calls = %q %v, want its body unchanged", w.Body, w.Header())
	}
}

// TestAnnotationChecksums: the checksum sent or named is stored, else
// CRC64NVME, and returned only with x-amz-checksum-mode ENABLED.
func TestAnnotationChecksums(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	annotationBucket(e, "cks", false)
	w := e.must(a, treq{method: "PUT", target: "/cks/k?annotation&annotationName=d", body: "123456789"}, 200)
	// CRC-64/NVME's check value of "123456789" is 0xae8b14860a799888.
	if got := w.Header().Get("X-Amz-Checksum-Crc64nvme"); got != "rosUhgp5mIg=" || w.Header().Get("X-Amz-Checksum-Type") != "FULL_OBJECT" {
		t.Errorf("default checksum = %q %q, want rosUhgp5mIg= FULL_OBJECT", got, w.Header().Get("X-Amz-Checksum-Type"))
	}
	if w.Header().Get("ETag") != `"25f9e794323b453885f5181f1b624d0b"` {
		t.Errorf("ETag = %q, want the payload's MD5", w.Header().Get("ETag"))
	}
	e.must(a, treq{method: "PUT", target: "/cks/k?annotation&annotationName=s", body: "abc",
		header: map[string]string{"x-amz-checksum-sha256": "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="}}, 200)
	get := treq{method: "GET", target: "/cks/k?annotation&annotationName=s"}
	if w := e.must(a, get, 200); w.Header().Get("X-Amz-Checksum-Sha256") != "" {
		t.Errorf("checksum sent unasked: %v", w.Header())
	}
	get.header = map[string]string{"x-amz-checksum-mode": "ENABLED"}
	if w := e.must(a, get, 200); w.Header().Get("X-Amz-Checksum-Sha256") != "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=" {
		t.Errorf("checksum mode ENABLED: %v", w.Header())
	}
}

// listedNames lists the annotations of /bucket/key, with query appended.
func listedNames(e *env, target string) (names []string, next string) {
	e.t.Helper()
	w := e.must(rootOf(acctA), treq{method: "GET", target: target}, 200)
	var out struct {
		Names []string `xml:"Annotations>AnnotationEntry>AnnotationName"`
		Next  string   `xml:"NextContinuationToken"`
		Count int      `xml:"AnnotationCount"`
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &out); err != nil {
		e.t.Fatal(err)
	}
	if out.Count != len(out.Names) {
		e.t.Errorf("AnnotationCount %d for %d entries", out.Count, len(out.Names))
	}
	return out.Names, out.Next
}

// TestAnnotationListPages: name order, prefix and pages.
func TestAnnotationListPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	annotationBucket(e, "pages", false)
	for _, n := range []string{"page.3", "page.1", "other", "page.2", "page.0"} {
		e.must(rootOf(acctA), treq{method: "PUT", target: "/pages/k?annotation&annotationName=" + n, body: "1"}, 200)
	}
	names, next := listedNames(e, "/pages/k?annotation&annotation-prefix=page.&max-annotation-results=3")
	if strings.Join(names, ",") != "page.0,page.1,page.2" || next == "" {
		t.Fatalf("first page = %v %q", names, next)
	}
	names, next = listedNames(e, "/pages/k?annotation&annotation-prefix=page.&continuation-token="+next)
	if strings.Join(names, ",") != "page.3" || next != "" {
		t.Errorf("second page = %v %q", names, next)
	}
	if names, _ := listedNames(e, "/pages/k?annotation"); strings.Join(names, ",") != "other,page.0,page.1,page.2,page.3" {
		t.Errorf("whole list = %v", names)
	}
}

// TestAnnotationLimit: a version holds at most 1,000 annotations;
// replacing one of them is not a new one.
func TestAnnotationLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	annotationBucket(e, "lim", false)
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		var o store.S3Object
		if err := tx.CurrentObject("lim", "k", &o); err != nil {
			return err
		}
		for i := range maxAnnotations {
			name := "n" + itoa(int64(i))
			if err := tx.Put(store.Global, store.S3AnnotationKind("lim"), store.S3AnnotationKey("k", o.Seq, name),
				&store.S3Annotation{Name: name, Payload: "1", Size: 1}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e.run(t, rootOf(acctA), []step{
		{"one more", treq{method: "PUT", target: "/lim/k?annotation&annotationName=new", body: "1"}, 400, codeAnnotationLimitExceeded, ""},
		{"replace one", treq{method: "PUT", target: "/lim/k?annotation&annotationName=n7", body: "2"}, 200, "", ""},
	})
}
