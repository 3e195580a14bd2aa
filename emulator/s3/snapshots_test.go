package s3

import (
	"encoding/xml"
	"fmt"
	"net/http/httptest"
	"net/textproto"
	"regexp"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file replays requests from LocalStack's S3 tests that were recorded
// against AWS (tests/aws/services/s3/*.snapshot.json, each test listed in
// the matching *.validation.json) and compares the answer field by field:
// status, error code and message, and the XML elements the recording shows
// or leaves out (ArgumentName/ArgumentValue, StartAfter, Prefix, ...).

// absent marks an element the recording leaves out.
const absent = "\x00absent"

// snapCase is one recorded request: set-up requests that must succeed,
// then the request whose answer AWS recorded.
type snapCase struct {
	name string // snapshot file, test id and key, validation date
	// setup prepares bucket "bkt" and returns values the request needs.
	setup  func(e *env) []string
	req    func(vals []string) treq
	status int
	code   string
	msg    string
	// elems maps an element name to its recorded value (absent: left out;
	// "" present and empty). Repeated elements match if any occurrence does.
	elems map[string]string
	// headers maps a response header to its value (absent: left out).
	headers map[string]string
}

func runSnapCases(t *testing.T, cases []snapCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.createBucket(rootOf(acctA), "bkt")
			var vals []string
			if c.setup != nil {
				vals = c.setup(e)
			}
			w := e.do(rootOf(acctA), c.req(vals))
			checkSnap(t, c, w)
		})
	}
}

func checkSnap(t *testing.T, c snapCase, w *httptest.ResponseRecorder) {
	t.Helper()
	status := c.status
	if status == 0 {
		status = 200
	}
	if w.Code != status {
		t.Fatalf("status %d, want %d; body %s", w.Code, status, w.Body)
	}
	if c.code != "" || w.Code >= 300 {
		code, msg := errCode(t, w)
		if code != c.code || msg != c.msg {
			t.Errorf("error %s %q, want %s %q", code, msg, c.code, c.msg)
		}
	}
	body := w.Body.String()
	for name, want := range c.elems {
		if err := checkElem(body, name, want); err != nil {
			t.Errorf("%v; body %s", err, body)
		}
	}
	for name, want := range c.headers {
		got, ok := w.Header()[textproto.CanonicalMIMEHeaderKey(name)]
		switch {
		case want == absent && ok:
			t.Errorf("header %s = %q, want absent", name, got)
		case want != absent && (!ok || strings.Join(got, ",") != want):
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
}

// checkElem finds <name>value</name> (or <name/> for "") in body, or its
// absence.
func checkElem(body, name, want string) error {
	re := regexp.MustCompile(`<` + name + `(?:\s[^>]*)?(?:/>|>([^<]*)</` + name + `>)`)
	ms := re.FindAllStringSubmatch(body, -1)
	if want == absent {
		if len(ms) > 0 {
			return fmt.Errorf("element %s present (%q), want absent", name, ms[0][0])
		}
		return nil
	}
	var got []string
	for _, m := range ms {
		v := unescapeXML(m[1])
		if v == want {
			return nil
		}
		got = append(got, v)
	}
	if len(ms) == 0 {
		return fmt.Errorf("element %s absent, want %q", name, want)
	}
	return fmt.Errorf("element %s = %q, want %q", name, got, want)
}

func unescapeXML(s string) string {
	var v string
	if err := xml.Unmarshal([]byte("<x>"+s+"</x>"), &v); err != nil {
		return s
	}
	return v
}

// uploadID starts a multipart upload of key in bucket bkt and returns its id.
func (e *env) uploadID(key string) string {
	e.t.Helper()
	w := e.must(rootOf(acctA), treq{method: "POST", target: "/bkt/" + key + "?uploads"}, 200)
	var r struct {
		UploadID string `xml:"UploadId"`
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &r); err != nil {
		e.t.Fatal(err)
	}
	return r.UploadID
}

func put(target, body string) treq { return treq{method: "PUT", target: target, body: body} }

func get(target string) func([]string) treq {
	return func([]string) treq { return treq{method: "GET", target: target} }
}

const (
	lsList = "test_s3_list_operations.snapshot.json "
	lsAPI  = "test_s3_api.snapshot.json "
)

// TestSnapshotArguments: errors that name their argument without echoing
// its value, and the values that are refused.
func TestSnapshotArguments(t *testing.T) {
	runSnapCases(t, []snapCase{{
		name:   lsList + "TestS3ListBuckets::test_list_buckets_region_validation bad-region 2026-02-21",
		req:    func([]string) treq { return treq{method: "GET", target: "/?bucket-region=eu-east-1"} },
		status: 400, code: "InvalidArgument", msg: "Argument value eu-east-1 is not a valid AWS Region",
		elems: map[string]string{"ArgumentName": "bucket-region", "ArgumentValue": absent},
	}, {
		name:   lsList + "TestS3ListObjectsV2::test_list_objects_v2_continuation_start_after exc-continuation-token 2026-02-21",
		req:    get("/bkt?list-type=2&continuation-token=abc"),
		status: 400, code: "InvalidArgument", msg: "The continuation token provided is incorrect",
		elems: map[string]string{"ArgumentName": "continuation-token", "ArgumentValue": absent},
	}, {
		name: lsAPI + "TestS3BucketEncryption::test_s3_default_bucket_encryption_exc put-bucket-encryption-kms-with-aes 2026-02-21",
		req: func([]string) treq {
			return put("/bkt?encryption", `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>`+
				`<SSEAlgorithm>AES256</SSEAlgorithm><KMSMasterKeyID>key</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`)
		},
		status: 400, code: "InvalidArgument", msg: "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse",
		elems: map[string]string{"ArgumentName": "ApplyServerSideEncryptionByDefault", "ArgumentValue": absent},
	}, {
		name: lsAPI + "TestS3BucketOwnershipControls::test_bucket_ownership_controls_exc ownership-wrong-value-at-creation 2026-02-21",
		req: func([]string) treq {
			return treq{method: "PUT", target: "/bkt2", header: map[string]string{"x-amz-object-ownership": "RandomValue"}}
		},
		status: 400, code: "InvalidArgument", msg: "Invalid x-amz-object-ownership header: RandomValue",
		elems: map[string]string{"ArgumentName": "x-amz-object-ownership", "ArgumentValue": absent},
	}, {
		name: lsAPI + "TestS3BucketOwnershipControls::test_bucket_ownership_controls_exc ownership-non-value-at-creation 2026-02-21",
		req: func([]string) treq {
			return treq{method: "PUT", target: "/bkt2", header: map[string]string{"x-amz-object-ownership": ""}}
		},
		status: 400, code: "InvalidArgument", msg: "Invalid x-amz-object-ownership header: ",
		elems: map[string]string{"ArgumentName": "x-amz-object-ownership", "ArgumentValue": absent},
	}})
}

// TestSnapshotEncodingType: encoding-type present but empty is refused by
// every listing, with an empty ArgumentValue.
func TestSnapshotEncodingType(t *testing.T) {
	const test = "TestS3ListObjectsV2::test_list_ops_encoding_type_validation"
	var cases []snapCase
	for _, op := range []struct{ id, query string }{
		{"list_objects_v2", "list-type=2&"}, {"list_objects", ""}, {"list_object_versions", "versions&"}, {"list_multipart_uploads", "uploads&"},
	} {
		for _, v := range []struct{ key, value string }{{"error-wrong-value", "value"}, {"error-empty-value", ""}} {
			want := v.value
			cases = append(cases, snapCase{
				name:   lsList + test + "[" + op.id + "] " + op.id + "-" + v.key + " 2026-02-21",
				req:    get("/bkt?" + op.query + "encoding-type=" + v.value),
				status: 400, code: "InvalidArgument", msg: "Invalid Encoding Method specified in Request",
				elems: map[string]string{"ArgumentName": "encoding-type", "ArgumentValue": want},
			})
		}
	}
	runSnapCases(t, cases)
}

// TestSnapshotListObjectsV2StartAfter: StartAfter is echoed on a first
// page and left out once a continuation-token is sent.
func TestSnapshotListObjectsV2StartAfter(t *testing.T) {
	const test = lsList + "TestS3ListObjectsV2::test_list_objects_v2_continuation_start_after "
	setup := func(e *env) []string {
		for _, k := range []string{"test_1", "test_2", "test_3", "test_8", "test_9"} {
			e.must(rootOf(acctA), put("/bkt/"+k, "hello world"), 200)
		}
		return nil
	}
	runSnapCases(t, []snapCase{{
		name: test + "list-objects-start-after 2026-02-21", setup: setup,
		req:   get("/bkt?list-type=2&start-after=test_7&max-keys=2"),
		elems: map[string]string{"StartAfter": "test_7", "KeyCount": "2", "ContinuationToken": absent},
	}, {
		name: test + "list-objects-start-after-token 2026-02-21", setup: setup,
		req:   get("/bkt?list-type=2&start-after=test_7&continuation-token=" + encodeToken("test_2")),
		elems: map[string]string{"StartAfter": absent, "ContinuationToken": encodeToken("test_2"), "KeyCount": "3", "Key": "test_3"},
	}})
}

// TestSnapshotListMultipartUploads: the markers, Prefix and Initiator of
// ListMultipartUploads.
func TestSnapshotListMultipartUploads(t *testing.T) {
	const next = lsList + "TestS3ListMultipartUploads::test_list_multiparts_next_marker "
	const cps = lsList + "TestS3ListMultipartUploads::test_list_multipart_uploads_marker_common_prefixes "
	two := func(e *env) []string { return []string{e.uploadID("key-a"), e.uploadID("key-b")} }
	folders := func(e *env) []string {
		for _, k := range []string{"folder/aSubfolder/subFile1", "folder/aSubfolder/subFile2", "folder/file1", "folder/file2"} {
			e.uploadID(k)
		}
		return nil
	}
	runSnapCases(t, []snapCase{{
		name:  next + "list-multiparts-empty 2026-02-21",
		req:   get("/bkt?uploads"),
		elems: map[string]string{"Prefix": absent, "KeyMarker": "", "UploadIdMarker": "", "NextKeyMarker": "", "NextUploadIdMarker": "", "MaxUploads": "1000"},
	}, {
		name: next + "list-multiparts-all 2026-02-21", setup: two,
		req: get("/bkt?uploads"),
		// The root user's Initiator is named by the canonical id, as the
		// Owner is, with a DisplayName.
		elems: map[string]string{"ID": store.CanonicalID(acctA), "DisplayName": acctA},
	}, {
		name: next + "list-multiparts-next-upload-only 2026-02-21", setup: two,
		req: func(ids []string) treq {
			return treq{method: "GET", target: "/bkt?uploads&max-uploads=1&upload-id-marker=" + ids[0]}
		},
		elems: map[string]string{"UploadIdMarker": "", "KeyMarker": "", "NextKeyMarker": "key-a", "IsTruncated": "true"},
	}, {
		name: next + "list-multiparts-wrong-id-for-key 2026-02-21", setup: two,
		req: func(ids []string) treq {
			return treq{method: "GET", target: "/bkt?uploads&max-uploads=1&key-marker=key-a&upload-id-marker=" + ids[1]}
		},
		status: 400, code: "InvalidArgument", msg: "Invalid uploadId marker",
		elems: map[string]string{"ArgumentName": "upload-id-marker"},
	}, {
		name: cps + "list-multiparts-manual-prefix 2026-02-21", setup: folders,
		req:   get("/bkt?uploads&prefix=folder/&delimiter=/&max-uploads=1&key-marker=folder/aSubfolder/"),
		elems: map[string]string{"Prefix": "folder/", "NextKeyMarker": "folder/file1", "Key": "folder/file1", "CommonPrefixes": absent, "IsTruncated": "true"},
	}, {
		name: cps + "list-multiparts-manual-first-file 2026-02-21", setup: folders,
		req:   get("/bkt?uploads&prefix=folder/&delimiter=/&max-uploads=1&key-marker=folder/aSubfolder/subFile1"),
		elems: map[string]string{"NextKeyMarker": "folder/file1", "Key": "folder/file1", "CommonPrefixes": absent},
	}})
}
