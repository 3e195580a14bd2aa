package s3

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/sigv4"
)

func sumOf(t *testing.T, alg string, data ...[]byte) []byte {
	t.Helper()
	h, ok := sigv4.Checksum(alg)
	if !ok {
		t.Fatalf("no %s", alg)
	}
	for _, d := range data {
		h.Write(d)
	}
	return h.Sum(nil)
}

// mpu uploads parts to a new upload created with hdr and completes it,
// returning the Complete response body.
func (e *env) mpu(bucket, key string, hdr map[string]string, parts ...string) (string, string) {
	e.t.Helper()
	a := rootOf(acctA)
	w := e.must(a, treq{method: "POST", target: "/" + bucket + "/" + key + "?uploads", header: hdr}, 200)
	body := w.Body.String()
	id := body[strings.Index(body, "<UploadId>")+10 : strings.Index(body, "</UploadId>")]
	var sb strings.Builder
	sb.WriteString("<CompleteMultipartUpload>")
	for i, p := range parts {
		part := treq{method: "PUT", target: fmt.Sprintf("/%s/%s?partNumber=%d&uploadId=%s", bucket, key, i+1, id), body: p}
		if alg := hdr["x-amz-checksum-algorithm"]; alg != "" {
			part.header = map[string]string{"x-amz-checksum-" + strings.ToLower(alg): base64.StdEncoding.EncodeToString(sumOf(e.t, alg, []byte(p)))}
		}
		w := e.must(a, part, 200)
		// Each part names its checksum, as AWS requires for an upload
		// with an algorithm (COMPOSITE) and allows for FULL_OBJECT.
		var ck string
		if alg := strings.ToUpper(hdr["x-amz-checksum-algorithm"]); alg != "" {
			ck = fmt.Sprintf("<Checksum%s>%s</Checksum%s>", alg, w.Header().Get("x-amz-checksum-"+strings.ToLower(alg)), alg)
		}
		fmt.Fprintf(&sb, "<Part><PartNumber>%d</PartNumber><ETag>%s</ETag>%s</Part>", i+1, w.Header().Get("ETag"), ck)
	}
	sb.WriteString("</CompleteMultipartUpload>")
	return id, sb.String()
}

func TestMultipartChecksums(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "cks")
	parts := []string{"hello ", "multipart ", "world"}
	whole := []byte(strings.Join(parts, ""))
	composite := func(alg string) string {
		var cat []byte
		for _, p := range parts {
			cat = append(cat, sumOf(t, alg, []byte(p))...)
		}
		return base64.StdEncoding.EncodeToString(sumOf(t, alg, cat)) + "-3"
	}
	tests := []struct {
		alg, typ string
		want     string
		wantType string
	}{
		{"CRC32", "", composite("CRC32"), "COMPOSITE"},
		{"CRC32C", "", composite("CRC32C"), "COMPOSITE"},
		{"SHA1", "", composite("SHA1"), "COMPOSITE"},
		{"SHA256", "COMPOSITE", composite("SHA256"), "COMPOSITE"},
		{"CRC64NVME", "", base64.StdEncoding.EncodeToString(sumOf(t, "CRC64NVME", whole)), "FULL_OBJECT"},
		{"CRC32", "FULL_OBJECT", base64.StdEncoding.EncodeToString(sumOf(t, "CRC32", whole)), "FULL_OBJECT"},
	}
	for _, tc := range tests {
		t.Run(tc.alg+tc.typ, func(t *testing.T) {
			key := strings.ToLower(tc.alg + tc.typ)
			hdr := map[string]string{"x-amz-checksum-algorithm": tc.alg}
			if tc.typ != "" {
				hdr["x-amz-checksum-type"] = tc.typ
			}
			id, complete := e.mpu("cks", key, hdr, parts...)
			w := e.must(a, treq{method: "GET", target: "/cks/" + key + "?uploadId=" + id}, 200)
			if !strings.Contains(w.Body.String(), "<ChecksumAlgorithm>"+tc.alg+"</ChecksumAlgorithm>") ||
				!strings.Contains(w.Body.String(), "<Checksum"+tc.alg+">") {
				t.Errorf("ListParts = %s, want per-part %s checksums", w.Body, tc.alg)
			}
			w = e.must(a, treq{method: "POST", target: "/cks/" + key + "?uploadId=" + id, body: complete}, 200)
			elem := "<Checksum" + tc.alg + ">" + tc.want + "</Checksum" + tc.alg + "><ChecksumType>" + tc.wantType + "</ChecksumType>"
			if !strings.Contains(w.Body.String(), elem) {
				t.Errorf("Complete body = %s, want %s", w.Body, elem)
			}
			w = e.must(a, treq{method: "HEAD", target: "/cks/" + key, header: map[string]string{"x-amz-checksum-mode": "ENABLED"}}, 200)
			if got := w.Header().Get("x-amz-checksum-" + strings.ToLower(tc.alg)); got != tc.want {
				t.Errorf("HEAD checksum = %q, want %q", got, tc.want)
			}
			if got := w.Header().Get("x-amz-checksum-type"); got != tc.wantType {
				t.Errorf("HEAD checksum type = %q, want %q", got, tc.wantType)
			}
		})
	}
	// Invalid combinations at creation.
	for _, hdr := range []map[string]string{
		{"x-amz-checksum-algorithm": "CRC64NVME", "x-amz-checksum-type": "COMPOSITE"},
		{"x-amz-checksum-algorithm": "SHA256", "x-amz-checksum-type": "FULL_OBJECT"},
		{"x-amz-checksum-algorithm": "MD4"},
		{"x-amz-checksum-type": "FULL_OBJECT"},
	} {
		w := e.do(a, treq{method: "POST", target: "/cks/bad?uploads", header: hdr})
		if code, _ := errCode(t, w); w.Code != 400 || code != "InvalidRequest" {
			t.Errorf("CreateMultipartUpload %v = %d %s, want 400 InvalidRequest", hdr, w.Code, code)
		}
	}
	// A part sent with another algorithm than the upload's.
	w := e.must(a, treq{method: "POST", target: "/cks/mismatch?uploads", header: map[string]string{"x-amz-checksum-algorithm": "CRC32"}}, 200)
	body := w.Body.String()
	id := body[strings.Index(body, "<UploadId>")+10 : strings.Index(body, "</UploadId>")]
	w = e.do(a, treq{method: "PUT", target: "/cks/mismatch?partNumber=1&uploadId=" + id, body: "abc",
		header: map[string]string{"x-amz-checksum-sha256": base64.StdEncoding.EncodeToString(sumOf(t, "SHA256", []byte("abc")))}})
	if code, msg := errCode(t, w); w.Code != 400 || code != "InvalidRequest" || !strings.Contains(msg, "expected checksum Type: crc32") {
		t.Errorf("mismatched part checksum = %d %s %s", w.Code, code, msg)
	}
	// A part sent without a checksum to a COMPOSITE upload: refused
	// (versity/versitygw#1342, "the correct error that is returned when an
	// UploadPart without a checksum is attempted with a COMPOSITE checksum
	// type"; AWS's lower-case wording as recorded for a mismatch); to a
	// FULL_OBJECT upload taken, its checksum computed (versitygw#1342).
	for _, tc := range []struct {
		hdr  map[string]string
		code int
		msg  string
	}{
		{map[string]string{"x-amz-checksum-algorithm": "SHA256"}, 400, "Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: null"},
		{map[string]string{"x-amz-checksum-algorithm": "CRC32", "x-amz-checksum-type": "COMPOSITE"}, 400, "Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: null"},
		{map[string]string{"x-amz-checksum-algorithm": "CRC32", "x-amz-checksum-type": "FULL_OBJECT"}, 200, ""},
		{map[string]string{"x-amz-checksum-algorithm": "CRC64NVME"}, 200, ""},
		{map[string]string{}, 200, ""},
	} {
		w := e.must(a, treq{method: "POST", target: "/cks/bare-part?uploads", header: tc.hdr}, 200)
		body := w.Body.String()
		id := body[strings.Index(body, "<UploadId>")+10 : strings.Index(body, "</UploadId>")]
		if tc.code == 400 {
			// The checksum headers are read before the upload's algorithm
			// is compared: two empty ones are two sent (versity/versitygw#1188).
			w = e.do(a, treq{method: "PUT", target: "/cks/bare-part?partNumber=1&uploadId=" + id, body: "abc",
				header: map[string]string{"x-amz-checksum-sha1": "", "x-amz-checksum-crc32c": ""}})
			wantAWSError(t, "part with two empty checksum headers", w, 400, "InvalidRequest",
				"Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
		}
		w = e.do(a, treq{method: "PUT", target: "/cks/bare-part?partNumber=1&uploadId=" + id, body: "abc"})
		if code, msg := errCode(t, w); w.Code != tc.code || tc.msg != "" && msg != tc.msg {
			t.Errorf("part without a checksum to an upload %v = %d %s %q, want %d %q", tc.hdr, w.Code, code, msg, tc.code, tc.msg)
		}
	}
	// A composite checksum asserted without its "-N" part count, as
	// minio-go sends it (X-Amz-Checksum-Crc32c: MzD0kQ== with
	// X-Amz-Checksum-Type: COMPOSITE): accepted, stored with the count. A
	// wrong value or a wrong count stays BadDigest.
	bare := strings.TrimSuffix(composite("CRC32C"), "-3")
	for _, tc := range []struct {
		sent string
		code int
	}{{bare, 200}, {composite("CRC32C"), 200}, {bare + "-2", 400}, {"AAAAAA==", 400}} {
		id, complete := e.mpu("cks", "bare", map[string]string{"x-amz-checksum-algorithm": "CRC32C"}, parts...)
		w := e.do(a, treq{method: "POST", target: "/cks/bare?uploadId=" + id, body: complete, header: map[string]string{
			"x-amz-checksum-crc32c": tc.sent, "x-amz-checksum-type": "COMPOSITE"}})
		if w.Code != tc.code {
			t.Errorf("Complete asserting CRC32C %q = %d %s, want %d", tc.sent, w.Code, w.Body, tc.code)
		}
		if tc.code == 200 && !strings.Contains(w.Body.String(), "<ChecksumCRC32C>"+composite("CRC32C")+"</ChecksumCRC32C>") {
			t.Errorf("Complete asserting CRC32C %q = %s, want the value with its part count", tc.sent, w.Body)
		}
	}
	// A wrong whole-object checksum on Complete.
	id, complete := e.mpu("cks", "wrong", map[string]string{"x-amz-checksum-algorithm": "CRC64NVME"}, parts...)
	w = e.do(a, treq{method: "POST", target: "/cks/wrong?uploadId=" + id, body: complete, header: map[string]string{"x-amz-checksum-crc64nvme": "AAAAAAAAAAA="}})
	if code, _ := errCode(t, w); w.Code != 400 || code != "BadDigest" {
		t.Errorf("Complete with wrong checksum = %d %s, want BadDigest", w.Code, code)
	}
}

// TestCompleteChecksumTypeDefault: a completion's whole-object checksum
// sent without x-amz-checksum-type is read in the algorithm's default
// mode. CRC64NVME can only be FULL_OBJECT, so its value is accepted as is
// (aws-sdk-go-v2 feature/s3/manager integ_upload_test.go::
// TestInteg_UploadPresetChecksum/preset_multipart_part/CRC64NVME, run
// against AWS); a CRC32C upload made FULL_OBJECT on request must repeat the
// type (LocalStack test_s3.snapshot.json TestS3MultipartUploadChecksum::
// test_multipart_parts_checksum_exceptions_full_object
// "complete-part-only-checksum-algo" and "complete-success").
func TestCompleteChecksumTypeDefault(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "cktype")
	parts := []string{"hello ", "multipart ", "world"}
	whole := []byte(strings.Join(parts, ""))
	full := func(alg string) string { return base64.StdEncoding.EncodeToString(sumOf(t, alg, whole)) }
	tests := []struct {
		name, alg, createType string
		sent, completeType    string
		wantCode              int
	}{
		{"CRC64NVME default, no type", "CRC64NVME", "", full("CRC64NVME"), "", 200},
		{"CRC64NVME default, wrong value", "CRC64NVME", "", full("CRC32"), "", 400},
		{"CRC64NVME asked FULL_OBJECT, no type", "CRC64NVME", "FULL_OBJECT", full("CRC64NVME"), "", 200},
		{"CRC32C asked FULL_OBJECT, no type", "CRC32C", "FULL_OBJECT", full("CRC32C"), "", 400},
		{"CRC32C asked FULL_OBJECT, with type", "CRC32C", "FULL_OBJECT", full("CRC32C"), "FULL_OBJECT", 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key := strings.ReplaceAll(strings.ToLower(tc.name), " ", "-")
			hdr := map[string]string{"x-amz-checksum-algorithm": tc.alg}
			if tc.createType != "" {
				hdr["x-amz-checksum-type"] = tc.createType
			}
			id, body := e.mpu("cktype", key, hdr, parts...)
			send := map[string]string{"x-amz-checksum-" + strings.ToLower(tc.alg): tc.sent}
			if tc.completeType != "" {
				send["x-amz-checksum-type"] = tc.completeType
			}
			w := e.do(a, treq{method: "POST", target: "/cktype/" + key + "?uploadId=" + id, body: body, header: send})
			if w.Code != tc.wantCode {
				t.Fatalf("Complete = %d %s, want %d", w.Code, w.Body, tc.wantCode)
			}
			if tc.wantCode == 200 {
				if elem := "<Checksum" + tc.alg + ">" + tc.sent + "</Checksum" + tc.alg + ">"; !strings.Contains(w.Body.String(), elem) {
					t.Errorf("Complete body = %s, want %s", w.Body, elem)
				}
				return
			}
			want := "The " + strings.ToLower(tc.alg) + " you specified did not match the calculated checksum."
			if code, msg := errCode(t, w); code != "BadDigest" || msg != want {
				t.Errorf("Complete = %s %q, want BadDigest %q", code, msg, want)
			}
		})
	}
}

func TestGetObjectAttributes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "attrs")
	e.must(a, treq{method: "PUT", target: "/attrs/simple", body: "hello", header: map[string]string{
		"x-amz-checksum-sha256": base64.StdEncoding.EncodeToString(sumOf(t, "SHA256", []byte("hello"))), "x-amz-storage-class": "STANDARD_IA"}}, 200)
	id, complete := e.mpu("attrs", "multi", map[string]string{"x-amz-checksum-algorithm": "CRC32"}, "aaaaa", "bbbbb", "cc")
	e.must(a, treq{method: "POST", target: "/attrs/multi?uploadId=" + id, body: complete}, 200)
	all := "ETag,Checksum,ObjectParts,StorageClass,ObjectSize"
	tests := []struct {
		name   string
		target string
		hdr    map[string]string
		status int
		code   string
		golden string
	}{
		{"simple", "/attrs/simple?attributes", map[string]string{"x-amz-object-attributes": all}, 200, "", "get-object-attributes-simple"},
		{"multipart", "/attrs/multi?attributes", map[string]string{"x-amz-object-attributes": all}, 200, "", "get-object-attributes-multipart"},
		{"multipart page", "/attrs/multi?attributes", map[string]string{"x-amz-object-attributes": "ObjectParts", "x-amz-max-parts": "1", "x-amz-part-number-marker": "1"}, 200, "", "get-object-attributes-parts-page"},
		{"missing header", "/attrs/simple?attributes", nil, 400, "InvalidRequest", ""},
		{"bad attribute", "/attrs/simple?attributes", map[string]string{"x-amz-object-attributes": "ETag,Colour"}, 400, "InvalidArgument", ""},
		{"no key", "/attrs/none?attributes", map[string]string{"x-amz-object-attributes": "ETag"}, 404, "NoSuchKey", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(a, treq{method: "GET", target: tc.target, header: tc.hdr})
			if w.Code != tc.status {
				t.Fatalf("GetObjectAttributes = %d %s, want %d", w.Code, w.Body, tc.status)
			}
			if w.Code >= 300 {
				if code, _ := errCode(t, w); code != tc.code {
					t.Errorf("code = %q, want %q", code, tc.code)
				}
				return
			}
			if w.Header().Get("Last-Modified") == "" {
				t.Error("no Last-Modified")
			}
			golden(t, tc.golden, w.Body.Bytes())
		})
	}
	reader := e.user(acctA, "reader", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	w := e.do(reader, treq{method: "GET", target: "/attrs/simple?attributes", header: map[string]string{"x-amz-object-attributes": "ETag"}})
	if code, msg := errCode(t, w); w.Code != 403 || code != "AccessDenied" || !strings.Contains(msg, "s3:GetObjectAttributes") {
		t.Errorf("GetObjectAttributes without s3:GetObjectAttributes = %d %s %s", w.Code, code, msg)
	}
}
