package s3

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"net/http/httptest"
	"net/textproto"
	"regexp"
	"strings"
	"testing"
	"time"

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

const lsS3 = "test_s3.snapshot.json "

// TestSnapshotRangeChecksum: a GET whose Range is ignored or covers the
// whole object answers the object's checksum; a part of it does not.
func TestSnapshotRangeChecksum(t *testing.T) {
	const test = lsAPI + "TestS3ObjectCRUD::test_get_object_range "
	setup := func(e *env) []string {
		e.must(rootOf(acctA), treq{method: "PUT", target: "/bkt/k", body: "0123456789",
			header: map[string]string{"x-amz-checksum-crc32": "poTHxg=="}}, 200)
		return nil
	}
	var cases []snapCase
	for _, tc := range []struct {
		key, rng    string
		status      int
		contentRng  string
		hasChecksum bool
	}{
		{"get-0-8", "bytes=0-8", 206, "bytes 0-8/10", false},
		{"get-1-0", "bytes=1-0", 200, absent, true},
		{"get--15", "bytes=-15", 206, "bytes 0-9/10", true},
		{"get-0-100", "bytes=0-100", 206, "bytes 0-9/10", true},
		{"get-multiple-ranges", "bytes=0-1,3-4,7-9", 200, absent, true},
		{"get-wrong-format", "0-1", 200, absent, true},
		{"get--9", "bytes=-9", 206, "bytes 1-9/10", false},
	} {
		want := map[string]string{"Content-Range": tc.contentRng, "x-amz-checksum-crc32": absent, "x-amz-checksum-type": absent}
		if tc.hasChecksum {
			want["x-amz-checksum-crc32"], want["x-amz-checksum-type"] = "poTHxg==", "FULL_OBJECT"
		}
		rng := tc.rng
		cases = append(cases, snapCase{
			name: test + tc.key + " 2026-02-21", setup: setup,
			req: func([]string) treq {
				return treq{method: "GET", target: "/bkt/k", header: map[string]string{"Range": rng, "x-amz-checksum-mode": "ENABLED"}}
			},
			status: tc.status, headers: want,
		})
	}
	runSnapCases(t, cases)
}

// TestSnapshotUploadPartCopyRange: a copy range past the end of the source
// is 400, worded by where it starts.
func TestSnapshotUploadPartCopyRange(t *testing.T) {
	const test = lsAPI + "TestS3Multipart::test_upload_part_copy_range "
	setup := func(e *env) []string {
		e.must(rootOf(acctA), put("/bkt/src", "0123456789"), 200)
		return []string{e.uploadID("dest")}
	}
	copyRange := func(rng string) func([]string) treq {
		return func(v []string) treq {
			return treq{method: "PUT", target: "/bkt/dest?partNumber=1&uploadId=" + v[0],
				header: map[string]string{"x-amz-copy-source": "bkt/src", "x-amz-copy-source-range": rng}}
		}
	}
	formMsg := "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy"
	runSnapCases(t, []snapCase{{
		name: test + "upload-part-copy-range-exc-0-100 2026-02-21", setup: setup, req: copyRange("bytes=0-100"),
		status: 400, code: "InvalidArgument", msg: "Range specified is not valid for source object of size: 10",
		elems: map[string]string{"ArgumentName": "x-amz-copy-source-range", "ArgumentValue": "bytes=0-100"},
	}, {
		name: test + "upload-part-copy-range-exc-100-200 2026-02-21", setup: setup, req: copyRange("bytes=100-200"),
		status: 400, code: "InvalidRequest", msg: "The specified copy range is invalid for the source object size",
		elems: map[string]string{"ArgumentName": absent},
	}, {
		name: test + "upload-part-copy-range-exc--15 2026-02-21", setup: setup, req: copyRange("bytes=-15"),
		status: 400, code: "InvalidArgument", msg: formMsg,
		elems: map[string]string{"ArgumentName": "x-amz-copy-source-range", "ArgumentValue": "bytes=-15"},
	}, {
		name: test + "upload-part-copy-1 2026-02-21", setup: setup, req: copyRange("bytes=0-9"),
		elems: map[string]string{"ETag": `"781e5e245d69b566979b86e28d23f2c7"`},
	}})
}

// TestSnapshotTagging: tag errors of the x-amz-tagging header and of
// Tagging bodies.
func TestSnapshotTagging(t *testing.T) {
	const exc = lsAPI + "TestS3BucketObjectTagging::test_object_tagging_exc "
	const val = lsAPI + "TestS3BucketObjectTagging::test_tagging_validation "
	headerMsg := "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates."
	withTags := func(v string) func([]string) treq {
		return func([]string) treq {
			return treq{method: "PUT", target: "/bkt/k", body: "x", header: map[string]string{"x-amz-tagging": v}}
		}
	}
	object := func(e *env) []string { e.must(rootOf(acctA), put("/bkt/k", ""), 200); return nil }
	body := func(target, tag string) func([]string) treq {
		return func([]string) treq {
			return put(target, "<Tagging><TagSet><Tag>"+tag+"</Tag></TagSet></Tagging>")
		}
	}
	runSnapCases(t, []snapCase{{
		name: exc + "put-obj-duplicate-tagging 2026-02-21", req: withTags("key1=val1&key1=val2"),
		status: 400, code: "InvalidArgument", msg: headerMsg,
		elems: map[string]string{"ArgumentName": "x-amz-tagging", "ArgumentValue": "key1=val1&key1=val2"},
	}, {
		name: exc + "put-obj-wrong-format 2026-02-21", req: withTags("key1=val1,key2=val2"),
		status: 400, code: "InvalidArgument", msg: headerMsg,
		elems: map[string]string{"ArgumentName": "x-amz-tagging", "ArgumentValue": "key1=val1,key2=val2", "TagKey": absent},
	}, {
		name: exc + "get-no-key-tags 2026-02-21", req: get("/bkt/fake-key?tagging"),
		status: 404, code: "NoSuchKey", msg: "The specified key does not exist.",
		elems: map[string]string{"Key": "bkt/fake-key"},
	}, {
		name:   exc + "delete-no-key-tags 2026-02-21",
		req:    func([]string) treq { return treq{method: "DELETE", target: "/bkt/fake-key?tagging"} },
		status: 404, code: "NoSuchKey", msg: "The specified key does not exist.",
		elems: map[string]string{"Key": "fake-key"},
	}, {
		name: val + "put-bucket-tags-none-key 2026-02-21", req: body("/bkt?tagging", "<Value>Val1</Value>"),
		status: 400, code: "MalformedXML", msg: "The XML you provided was not well-formed or did not validate against our published schema",
	}, {
		name: val + "put-object-tags-none-value 2026-02-21", setup: object, req: body("/bkt/k?tagging", "<Key>key1</Key>"),
		status: 400, code: "MalformedXML", msg: "The XML you provided was not well-formed or did not validate against our published schema",
	}, {
		name: val + "put-bucket-tags-invalid-value 2026-02-21", req: body("/bkt?tagging", "<Key>Key1</Key><Value>Val1,Val2</Value>"),
		status: 400, code: "InvalidTag", msg: "The TagValue you have provided is invalid",
		elems: map[string]string{"TagKey": "Key1", "TagValue": "Val1,Val2"},
	}})
}

// TestSnapshotListUploadsChecksum: an upload created with a checksum
// algorithm lists it with its type; one created without lists neither.
func TestSnapshotListUploadsChecksum(t *testing.T) {
	runSnapCases(t, []snapCase{{
		name: lsS3 + "TestS3MultipartUploadChecksum::test_multipart_parts_checksum_exceptions_composite list-multiparts 2026-02-21",
		setup: func(e *env) []string {
			e.must(rootOf(acctA), treq{method: "POST", target: "/bkt/k?uploads", header: map[string]string{"x-amz-checksum-algorithm": "CRC32"}}, 200)
			return nil
		},
		req:   get("/bkt?uploads"),
		elems: map[string]string{"ChecksumAlgorithm": "CRC32", "ChecksumType": "COMPOSITE"},
	}, {
		name:  lsS3 + "TestS3MultipartUploadChecksum::test_complete_multipart_parts_checksum_default list-multiparts 2026-02-21",
		setup: func(e *env) []string { e.uploadID("k"); return nil },
		req:   get("/bkt?uploads"),
		elems: map[string]string{"ChecksumAlgorithm": absent, "ChecksumType": absent},
	}})
}

// TestSnapshotObjectAttributesComposite: GetObjectAttributes names a
// COMPOSITE checksum without the "-N" part count.
func TestSnapshotObjectAttributesComposite(t *testing.T) {
	runSnapCases(t, []snapCase{{
		name: lsS3 + "TestS3MultipartUploadChecksum::test_complete_multipart_parts_checksum_composite[CRC32] get-object-attrs 2026-02-21",
		setup: func(e *env) []string {
			a := rootOf(acctA)
			w := e.must(a, treq{method: "POST", target: "/bkt/k?uploads", header: map[string]string{"x-amz-checksum-algorithm": "CRC32"}}, 200)
			body := w.Body.String()
			id := body[strings.Index(body, "<UploadId>")+10 : strings.Index(body, "</UploadId>")]
			// CRC32 of "abc" is NSRBwg==.
			e.must(a, treq{method: "PUT", target: "/bkt/k?partNumber=1&uploadId=" + id, body: "abc",
				header: map[string]string{"x-amz-checksum-crc32": "NSRBwg=="}}, 200)
			e.must(a, treq{method: "POST", target: "/bkt/k?uploadId=" + id, body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>` +
				`<ETag>"900150983cd24fb0d6963f7d28e17f72"</ETag><ChecksumCRC32>NSRBwg==</ChecksumCRC32></Part></CompleteMultipartUpload>`}, 200)
			return nil
		},
		req: func([]string) treq {
			return treq{method: "GET", target: "/bkt/k?attributes", header: map[string]string{"x-amz-object-attributes": "Checksum"}}
		},
		elems: map[string]string{"ChecksumType": "COMPOSITE", "ChecksumCRC32": crcOfCRC("NSRBwg==")},
	}})
}

// TestSnapshotACLErrors: PutBucketAcl's validation, in AWS's order and
// wording.
func TestSnapshotACLErrors(t *testing.T) {
	const test = lsS3 + "TestS3::test_s3_bucket_acl_exceptions "
	acp := func(ownerID, grantee string) func([]string) treq {
		return func([]string) treq {
			return put("/bkt?acl", `<AccessControlPolicy><Owner><ID>`+ownerID+`</ID></Owner><AccessControlList><Grant>`+
				`<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" `+grantee+`</Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>`)
		}
	}
	logDelivery := `xsi:type="Group"><URI>http://acs.amazonaws.com/groups/s3/LogDelivery</URI>`
	grant := func(h, v string) func([]string) treq {
		return func([]string) treq { return treq{method: "PUT", target: "/bkt?acl", header: map[string]string{h: v}} }
	}
	runSnapCases(t, []snapCase{{
		name: test + "put-bucket-grant-acl-fake-uri 2026-02-21", req: grant("x-amz-grant-write", `uri="http://acs.amazonaws.com/groups/s3/FakeGroup"`),
		status: 400, code: "InvalidArgument", msg: "Invalid group uri",
		elems: map[string]string{"ArgumentName": "uri", "ArgumentValue": "http://acs.amazonaws.com/groups/s3/FakeGroup"},
	}, {
		name: test + "put-bucket-grant-acl-wrong-id 2026-02-21", req: grant("x-amz-grant-write", `id="wrong-id"`),
		status: 400, code: "InvalidArgument", msg: "Invalid id",
		elems: map[string]string{"ArgumentName": "id", "ArgumentValue": "wrong-id"},
	}, {
		name: test + "put-bucket-acp-acl-3 2026-02-21", req: acp("wrong-id", logDelivery),
		status: 400, code: "InvalidArgument", msg: "Invalid id",
		elems: map[string]string{"ArgumentName": "CanonicalUser/ID", "ArgumentValue": "wrong-id"},
	}, {
		name: test + "put-bucket-two-type-acl-acp 2026-02-21",
		req: func(v []string) treq {
			r := acp(store.CanonicalID(acctA), `xsi:type="CanonicalUser"><ID>`+store.CanonicalID(acctA)+`</ID>`)(v)
			r.header = map[string]string{"x-amz-acl": "private"}
			return r
		},
		status: 400, code: "UnexpectedContent", msg: "This request does not support content",
	}, {
		name: lsS3 + "TestS3::test_s3_copy_object_wrong_format copy-object-wrong-copy-source 2026-02-21",
		req: func([]string) treq {
			return treq{method: "PUT", target: "/bkt/k", header: map[string]string{"x-amz-copy-source": "wrongformat"}}
		},
		status: 400, code: "InvalidArgument", msg: "Invalid copy source object key",
		elems: map[string]string{"ArgumentName": "x-amz-copy-source", "ArgumentValue": "x-amz-copy-source"},
	}})
}

// crcOfCRC is the COMPOSITE CRC32 of a one-part upload whose part CRC32
// is part (base64), without the "-1" count.
func crcOfCRC(part string) string {
	raw, _ := base64.StdEncoding.DecodeString(part)
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(raw)))
}

// TestSnapshotObjectStateAndLock: archived objects, partNumber with
// Range, and Object Lock header errors.
func TestSnapshotObjectStateAndLock(t *testing.T) {
	archived := func(class string) func(e *env) []string {
		return func(e *env) []string {
			e.must(rootOf(acctA), treq{method: "PUT", target: "/bkt/k", body: "body-test", header: map[string]string{"x-amz-storage-class": class}}, 200)
			return nil
		}
	}
	locked := func(e *env) []string {
		e.must(rootOf(acctA), treq{method: "PUT", target: "/lck", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
		return nil
	}
	lockPut := func(h map[string]string) func([]string) treq {
		return func([]string) treq { return treq{method: "PUT", target: "/lck/k", body: "x", header: h} }
	}
	future := testNow.Add(48 * time.Hour).Format(time.RFC3339)
	const both = "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied"
	runSnapCases(t, []snapCase{{
		name: lsS3 + "TestS3::test_put_object_storage_class[GLACIER-False] get-object 2026-02-21", setup: archived("GLACIER"),
		req:    get("/bkt/k"),
		status: 403, code: "InvalidObjectState", msg: "The operation is not valid for the object's storage class",
		elems: map[string]string{"StorageClass": "GLACIER"}, headers: map[string]string{"x-amz-storage-class": "GLACIER"},
	}, {
		name: lsS3 + "TestS3DeepArchive::test_s3_get_deep_archive_object_restore get-object-invalid-state 2026-02-21", setup: archived("DEEP_ARCHIVE"),
		req:    get("/bkt/k"),
		status: 403, code: "InvalidObjectState", msg: "The operation is not valid for the object's storage class",
		elems: map[string]string{"StorageClass": "DEEP_ARCHIVE"},
	}, {
		name: lsS3 + "TestS3::test_put_object_storage_class[GLACIER_IR-True] get-object 2026-02-21", setup: archived("GLACIER_IR"),
		req: get("/bkt/k"), headers: map[string]string{"x-amz-storage-class": "GLACIER_IR"},
	}, {
		name:  lsS3 + "TestS3::test_get_object_part part-with-range 2026-02-21",
		setup: func(e *env) []string { e.must(rootOf(acctA), put("/bkt/k", "0123456789"), 200); return nil },
		req: func([]string) treq {
			return treq{method: "GET", target: "/bkt/k?partNumber=1", header: map[string]string{"Range": "bytes=0-1"}}
		},
		status: 400, code: "InvalidRequest", msg: "Cannot specify both Range header and partNumber query parameter",
	}, {
		name: lsS3 + "TestS3ObjectLockRetention::test_s3_object_lock_mode_validation put-obj-locked-error-no-retain-date 2026-02-21", setup: locked,
		req:    lockPut(map[string]string{"x-amz-object-lock-mode": "GOVERNANCE"}),
		status: 400, code: "InvalidArgument", msg: both,
		elems: map[string]string{"ArgumentName": "x-amz-object-lock-retain-until-date", "ArgumentValue": absent},
	}, {
		name: lsS3 + "TestS3ObjectLockRetention::test_s3_object_lock_mode_validation put-obj-locked-error-no-mode 2026-02-21", setup: locked,
		req:    lockPut(map[string]string{"x-amz-object-lock-retain-until-date": future}),
		status: 400, code: "InvalidArgument", msg: both,
		elems: map[string]string{"ArgumentName": "x-amz-object-lock-mode", "ArgumentValue": absent},
	}, {
		name: lsS3 + "TestS3ObjectLockRetention::test_s3_object_retention_exc update-retention-past-date 2026-02-21",
		setup: func(e *env) []string {
			locked(e)
			e.must(rootOf(acctA), put("/lck/k", "x"), 200)
			return nil
		},
		req: func([]string) treq {
			body := `<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2020-01-01T00:00:00Z</RetainUntilDate></Retention>`
			return treq{method: "PUT", target: "/lck/k?retention", body: body, header: map[string]string{"Content-MD5": md5b64(body)}}
		},
		status: 400, code: "InvalidArgument", msg: "The retain until date must be in the future!",
		elems: map[string]string{"ArgumentName": "RetainUntilDate", "ArgumentValue": "Tue Dec 31 16:00:00 PST 2019"},
	}, {
		name:  lsS3 + "TestS3::test_s3_invalid_content_md5 upload-part-md5-bad-digest 2026-02-21",
		setup: func(e *env) []string { return []string{e.uploadID("k")} },
		req: func(v []string) treq {
			return treq{method: "PUT", target: "/bkt/k?partNumber=1&uploadId=" + v[0], body: "something",
				header: map[string]string{"Content-MD5": md5b64("something1")}}
		},
		status: 400, code: "BadDigest", msg: "The Content-MD5 you specified did not match what we received.",
		elems: map[string]string{"ExpectedDigest": md5b64("something1"), "CalculatedDigest": md5b64("something")},
	}})
}

// TestSnapshotBucketConfigErrors: lifecycle, website and logging
// configurations AWS refuses, in its wording.
func TestSnapshotBucketConfigErrors(t *testing.T) {
	const lc = lsS3 + "TestS3BucketLifecycle::test_put_bucket_lifecycle_conf_exc "
	const web = lsS3 + "TestS3StaticWebsiteHosting::test_validate_website_configuration "
	lifecycle := func(rule string) func([]string) treq {
		return func([]string) treq {
			body := "<LifecycleConfiguration><Rule>" + rule + "</Rule></LifecycleConfiguration>"
			return treq{method: "PUT", target: "/bkt?lifecycle", body: body, header: map[string]string{"Content-MD5": md5b64(body)}}
		}
	}
	website := func(inner string) func([]string) treq {
		return func([]string) treq {
			return put("/bkt?website", "<WebsiteConfiguration>"+inner+"</WebsiteConfiguration>")
		}
	}
	const index = "<IndexDocument><Suffix>index.html</Suffix></IndexDocument>"
	malformed := "The XML you provided was not well-formed or did not validate against our published schema"
	runSnapCases(t, []snapCase{{
		name:   lc + "missing-noncurrent-version-expiration-data 2026-02-21",
		req:    lifecycle("<ID>r</ID><Filter/><Status>Enabled</Status><NoncurrentVersionExpiration><NewerNoncurrentVersions>2</NewerNoncurrentVersions></NoncurrentVersionExpiration>"),
		status: 400, code: "MalformedXML", msg: malformed,
	}, {
		name:   lc + "wrong-data-no-midnight 2026-02-21",
		req:    lifecycle("<ID>r</ID><Filter/><Status>Enabled</Status><Expiration><Date>2030-01-01T12:00:00Z</Date></Expiration>"),
		status: 400, code: "InvalidArgument", msg: "'Date' must be at midnight GMT",
		elems: map[string]string{"ArgumentName": "Date", "ArgumentValue": "2030-01-01T12:00:00Z"},
	}, {
		name: lc + "duplicate-tag-keys 2026-02-21",
		req: lifecycle("<ID>r</ID><Filter><And><Tag><Key>t</Key><Value>a</Value></Tag><Tag><Key>t</Key><Value>b</Value></Tag></And></Filter>" +
			"<Status>Enabled</Status><Expiration><Days>1</Days></Expiration>"),
		status: 400, code: "InvalidRequest", msg: "Duplicate Tag Keys are not allowed.",
	}, {
		name:   lc + "expired-delete-marker-and-days 2026-02-21",
		req:    lifecycle("<ID>r</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>"),
		status: 400, code: "MalformedXML", msg: malformed,
	}, {
		name: lsS3 + "TestS3BucketLifecycle::test_s3_transition_default_minimum_object_size bad-value 2026-02-21",
		req: func(v []string) treq {
			r := lifecycle("<ID>r</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>")(v)
			r.header["x-amz-transition-default-minimum-object-size"] = "value"
			return r
		},
		status: 400, code: "InvalidRequest", msg: "Invalid TransitionDefaultMinimumObjectSize found: value",
	}, {
		name:   web + "invalid-website-conf-2 2026-02-21",
		req:    website("<RedirectAllRequestsTo><HostName>test</HostName></RedirectAllRequestsTo><IndexDocument><Suffix>/index.html</Suffix></IndexDocument>"),
		status: 400, code: "InvalidArgument", msg: "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.",
		elems: map[string]string{"ArgumentName": "RedirectAllRequestsTo", "ArgumentValue": "not null"},
	}, {
		name:   web + "invalid-website-conf-4 2026-02-21",
		req:    website(index + "<RoutingRules><RoutingRule><Redirect><Protocol>protocol</Protocol></Redirect></RoutingRule></RoutingRules>"),
		status: 400, code: "InvalidRequest", msg: "Invalid protocol, protocol can be http or https. If not defined the protocol will be selected automatically.",
	}, {
		name: web + "invalid-website-conf-5 2026-02-21",
		req: website(index + "<RoutingRules><RoutingRule><Redirect><ReplaceKeyPrefixWith>prefix</ReplaceKeyPrefixWith>" +
			"<ReplaceKeyWith>key-name</ReplaceKeyWith></Redirect></RoutingRule></RoutingRules>"),
		status: 400, code: "InvalidRequest", msg: "You can only define ReplaceKeyPrefix or ReplaceKey but not both.",
	}, {
		name:   web + "invalid-website-conf-6 2026-02-21",
		req:    website(index + "<RoutingRules><RoutingRule><Condition/><Redirect><ReplaceKeyPrefixWith>prefix</ReplaceKeyPrefixWith></Redirect></RoutingRule></RoutingRules>"),
		status: 400, code: "InvalidRequest", msg: "Condition cannot be empty. To redirect all requests without a condition, the condition element shouldn't be present.",
	}, {
		name:   web + "invalid-website-conf-7 2026-02-21",
		req:    website(index + "<RoutingRules/>"),
		status: 400, code: "MalformedXML", msg: malformed,
	}, {
		name: lsS3 + "TestS3StaticWebsiteHosting::test_validate_website_configuration valid 2026-02-21",
		req: website(index + "<RoutingRules><RoutingRule><Condition><KeyPrefixEquals>docs/</KeyPrefixEquals></Condition>" +
			"<Redirect><Protocol>https</Protocol><ReplaceKeyPrefixWith>documents/</ReplaceKeyPrefixWith></Redirect></RoutingRule></RoutingRules>"),
	}})
}

// TestSnapshotLoggingCrossRegion: a logging target in another region is
// 403 CrossLocationLoggingProhibitted.
func TestSnapshotLoggingCrossRegion(t *testing.T) {
	const test = lsS3 + "TestS3BucketLogging::test_put_bucket_logging_cross_locations "
	regional := func(e *env) []string {
		for name, region := range map[string]string{"src-east-2": "us-east-2", "tgt-west-2": "us-west-2"} {
			e.must(rootOf(acctA), put("/"+name, "<CreateBucketConfiguration><LocationConstraint>"+region+"</LocationConstraint></CreateBucketConfiguration>"), 200)
		}
		return nil
	}
	logging := func(source string) func([]string) treq {
		return func([]string) treq {
			return put("/"+source+"?logging", `<BucketLoggingStatus><LoggingEnabled><TargetBucket>tgt-west-2</TargetBucket><TargetPrefix>log</TargetPrefix></LoggingEnabled></BucketLoggingStatus>`)
		}
	}
	runSnapCases(t, []snapCase{{
		name: test + "put-bucket-logging-cross-us-east-1 2026-02-21", setup: regional, req: logging("bkt"),
		status: 403, code: "CrossLocationLoggingProhibitted", msg: "Cross S3 location logging not allowed. ",
		elems: map[string]string{"TargetBucketLocation": "us-west-2", "SourceBucketLocation": absent},
	}, {
		name: test + "put-bucket-logging-different-regions 2026-02-21", setup: regional, req: logging("src-east-2"),
		status: 403, code: "CrossLocationLoggingProhibitted", msg: "Cross S3 location logging not allowed. ",
		elems: map[string]string{"TargetBucketLocation": "us-west-2", "SourceBucketLocation": "us-east-2"},
	}})
}

// TestSnapshotExpirationHeader: x-amz-expiration names the earliest
// matching Expiration rule, at midnight UTC after the object's creation
// plus Days; not with a versionId, not without a matching rule.
func TestSnapshotExpirationHeader(t *testing.T) {
	const multi = lsS3 + "TestS3BucketLifecycle::test_bucket_lifecycle_multiple_rules "
	rules := func(e *env) []string {
		body := "<LifecycleConfiguration>" +
			"<Rule><ID>rule_one</ID><Filter><Prefix>testobject</Prefix></Filter><Status>Enabled</Status><Expiration><Days>7</Days></Expiration></Rule>" +
			"<Rule><ID>rule_two</ID><Filter><Prefix>test</Prefix></Filter><Status>Enabled</Status><Expiration><Days>7</Days></Expiration></Rule>" +
			"<Rule><ID>tagged</ID><Filter><And><Prefix>t</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></And></Filter><Status>Enabled</Status><Expiration><Days>2</Days></Expiration></Rule>" +
			"<Rule><ID>big</ID><Filter><ObjectSizeGreaterThan>100</ObjectSizeGreaterThan></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>" +
			"</LifecycleConfiguration>"
		e.must(rootOf(acctA), treq{method: "PUT", target: "/bkt?lifecycle", body: body, header: map[string]string{"Content-MD5": md5b64(body)}}, 200)
		e.must(rootOf(acctA), put("/bkt/testobject-expiry", "test"), 200)
		return nil
	}
	putKey := func(key string, h map[string]string) func([]string) treq {
		return func([]string) treq { return treq{method: "PUT", target: "/bkt/" + key, body: "test", header: h} }
	}
	// Created 2026-03-01 12:00 UTC: 7 days later is 03-08 12:00, expiring at 03-09 00:00.
	seven := func(id string) string { return `expiry-date="Mon, 09 Mar 2026 00:00:00 GMT", rule-id="` + id + `"` }
	runSnapCases(t, []snapCase{{
		name: multi + "put-object-match-both-rules 2026-02-21", setup: rules, req: putKey("testobject-expiry", nil),
		headers: map[string]string{"x-amz-expiration": seven("rule_one")},
	}, {
		name: multi + "put-object-match-rule-2 2026-02-21", setup: rules, req: putKey("test-one-rule", nil),
		headers: map[string]string{"x-amz-expiration": seven("rule_two")},
	}, {
		name: multi + "put-object-no-match 2026-02-21", setup: rules, req: putKey("no-rules", nil),
		headers: map[string]string{"x-amz-expiration": absent},
	}, {
		name: lsS3 + "TestS3BucketLifecycle::test_bucket_lifecycle_tag_rules put-object-match-both-rules 2026-02-21", setup: rules,
		req:     putKey("tagged-key", map[string]string{"x-amz-tagging": "k=v"}),
		headers: map[string]string{"x-amz-expiration": `expiry-date="Wed, 04 Mar 2026 00:00:00 GMT", rule-id="tagged"`},
	}, {
		name: lsS3 + "TestS3BucketLifecycle::test_bucket_lifecycle_configuration_object_expiry head-object-expiry 2026-02-21", setup: rules,
		req:     func([]string) treq { return treq{method: "HEAD", target: "/bkt/testobject-expiry"} },
		headers: map[string]string{"x-amz-expiration": seven("rule_one")},
	}, {
		name:    lsS3 + "TestS3BucketLifecycle::test_bucket_lifecycle_configuration_object_expiry_versioned head-object-expiry-current-with-version-id 2026-02-21",
		setup:   rules,
		req:     func([]string) treq { return treq{method: "HEAD", target: "/bkt/testobject-expiry?versionId=null"} },
		headers: map[string]string{"x-amz-expiration": absent},
	}})
}

// TestSnapshotAccelerateDottedBucket: a dotted bucket name is refused
// before the configuration is judged.
func TestSnapshotAccelerateDottedBucket(t *testing.T) {
	runSnapCases(t, []snapCase{{
		name:  lsAPI + "TestS3BucketAccelerateConfiguration::test_bucket_acceleration_configuration_exc put-bucket-accelerate-config-dot-bucket 2026-02-21",
		setup: func(e *env) []string { e.createBucket(rootOf(acctA), "test.bucket.dots"); return nil },
		req: func([]string) treq {
			return put("/test.bucket.dots?accelerate", "<AccelerateConfiguration><Status>random</Status></AccelerateConfiguration>")
		},
		status: 400, code: "InvalidRequest", msg: "S3 Transfer Acceleration is not supported for buckets with periods (.) in their names",
	}})
}

// TestSnapshotCORSActualRequestMethod: an actual request carrying
// Access-Control-Request-Method is matched by that method, not its own.
func TestSnapshotCORSActualRequestMethod(t *testing.T) {
	const test = "test_s3_cors.snapshot.json TestS3Cors::test_cors_match_methods "
	const origin = "https://localhost:4200"
	setup := func(e *env) []string {
		body := `<CORSConfiguration><CORSRule><AllowedOrigin>` + origin + `</AllowedOrigin><AllowedMethod>GET</AllowedMethod>` +
			`<AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`
		e.must(rootOf(acctA), treq{method: "PUT", target: "/bkt?cors", body: body, header: map[string]string{"Content-MD5": md5b64(body)}}, 200)
		e.must(rootOf(acctA), put("/bkt/test-cors-method", "test-cors"), 200)
		return nil
	}
	getWith := func(h map[string]string) func([]string) treq {
		return func([]string) treq { return treq{method: "GET", target: "/bkt/test-cors-method", header: h} }
	}
	runSnapCases(t, []snapCase{{
		name: test + "get-wrong-op 2025-03-17", setup: setup,
		req:     getWith(map[string]string{"Origin": origin, "Access-Control-Request-Method": "PUT"}),
		headers: map[string]string{"Access-Control-Allow-Origin": absent, "Vary": absent},
	}, {
		name: test + "get-op 2025-03-17", setup: setup,
		req:     getWith(map[string]string{"Origin": origin}),
		headers: map[string]string{"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "GET", "Access-Control-Max-Age": "3000"},
	}})
}

// TestSnapshotCORSPreflightNoConfig: a preflight to a bucket without CORS
// (or without a bucket) names the BUCKET and, without
// Access-Control-Request-Method, the OPTIONS method.
func TestSnapshotCORSPreflightNoConfig(t *testing.T) {
	const cors = "test_s3_cors.snapshot.json TestS3Cors::"
	options := func(target string, h map[string]string) func([]string) treq {
		return func([]string) treq { return treq{method: "OPTIONS", target: target, header: h} }
	}
	runSnapCases(t, []snapCase{{
		name:   cors + "test_cors_http_options_no_config options-with-origin-and-method 2023-07-31",
		req:    options("/bkt/test-cors-options-no-config", map[string]string{"Origin": "whatever", "Access-Control-Request-Method": "PUT"}),
		status: 403, code: "AccessForbidden", msg: "CORSResponse: CORS is not enabled for this bucket.",
		elems: map[string]string{"Method": "PUT", "ResourceType": "BUCKET"},
	}, {
		name:   cors + "test_cors_http_options_no_config options-with-origin-no-method 2023-07-31",
		req:    options("/bkt/test-cors-options-no-config", map[string]string{"Origin": "whatever"}),
		status: 403, code: "AccessForbidden", msg: "CORSResponse: CORS is not enabled for this bucket.",
		elems: map[string]string{"Method": "OPTIONS", "ResourceType": "BUCKET"},
	}, {
		name:   cors + "test_cors_http_options_non_existent_bucket options-with-origin 2023-07-31",
		req:    options("/no-such-bucket-here/key", map[string]string{"Origin": "whatever"}),
		status: 403, code: "AccessForbidden", msg: "CORSResponse: Bucket not found",
		elems: map[string]string{"Method": "OPTIONS", "ResourceType": "BUCKET"},
	}})
}
