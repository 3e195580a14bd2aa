package s3

import (
	"crypto/md5"
	"crypto/sha512"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
)

// TestNewChecksumAlgorithms: S3 takes MD5, SHA512, XXHASH64, XXHASH3 and
// XXHASH128 checksums besides the CRCs, SHA1 and SHA256
// (x-amz-checksum-md5/-sha512/-xxhash64/-xxhash3/-xxhash128 and ChecksumMD5/ChecksumSHA512/ChecksumXXHASH* in
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html and
// API_Checksum.html; versitygw's integration tests, run against AWS's
// behaviour, upload with each). A wrong value is BadDigest as for the
// other algorithms; like SHA1/SHA256 they cannot be FULL_OBJECT for a
// multipart upload.
func TestNewChecksumAlgorithms(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "cks")
	const data = "123456789"
	md5sum := md5.Sum([]byte(data))
	sha := sha512.Sum512([]byte(data))
	good := map[string]string{
		"md5":       base64.StdEncoding.EncodeToString(md5sum[:]),
		"sha512":    base64.StdEncoding.EncodeToString(sha[:]),
		"xxhash64":  "jLhB20DmroM=",             // 8cb841db40e6ae83, XXH64 of "123456789"
		"xxhash3":   "ctyxi2ehff8=",             // 72dcb18b67a17dff, XXH3-64
		"xxhash128": "MxGUd+3l3NXpcWQnaB1YYA==", // 33119477ede5dcd5e9716427681d5860, XXH3-128
	}
	wrong := map[string]string{
		"md5":       base64.StdEncoding.EncodeToString(make([]byte, 16)),
		"sha512":    base64.StdEncoding.EncodeToString(make([]byte, 64)),
		"xxhash64":  base64.StdEncoding.EncodeToString(make([]byte, 8)),
		"xxhash3":   base64.StdEncoding.EncodeToString(make([]byte, 8)),
		"xxhash128": base64.StdEncoding.EncodeToString(make([]byte, 16)),
	}
	for alg, v := range good {
		hdr := "x-amz-checksum-" + alg
		w := e.must(a, treq{method: "PUT", target: "/cks/" + alg, body: data, header: map[string]string{hdr: v}}, 200)
		wantHeader(t, "PutObject "+alg, w, hdr, v)
		w = e.must(a, treq{method: "HEAD", target: "/cks/" + alg, header: map[string]string{"x-amz-checksum-mode": "ENABLED"}}, 200)
		wantHeader(t, "HeadObject "+alg, w, hdr, v)
		wantHeader(t, "HeadObject "+alg, w, "x-amz-checksum-type", "FULL_OBJECT")
		w = e.do(a, treq{method: "PUT", target: "/cks/" + alg, body: data, header: map[string]string{hdr: wrong[alg]}})
		wantAWSError(t, "PutObject wrong "+alg, w, 400, "BadDigest",
			"The "+strings.ToUpper(alg)+" you specified did not match the calculated checksum.")
	}
	for _, tc := range []struct {
		name      string
		header    map[string]string
		code, msg string
	}{
		{"xxhash3 of a wrong size", map[string]string{"x-amz-checksum-xxhash3": "AAAA"}, "InvalidRequest", "Value for x-amz-checksum-xxhash3 header is invalid."},
		{"xxhash128 and crc32", map[string]string{"x-amz-checksum-xxhash128": wrong["md5"], "x-amz-checksum-crc32": "AAAAAA=="}, "InvalidRequest",
			"Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."},
		// An empty checksum header is sent, not absent: S3's answers to
		// --checksum-crc32 '' (versity/versitygw#1189) and to
		// --checksum-sha1 '' --checksum-crc32 '' (versitygw#1188).
		{"empty crc32", map[string]string{"x-amz-checksum-crc32": ""}, "InvalidRequest", "Value for x-amz-checksum-crc32 header is invalid."},
		{"empty sha1 and crc32", map[string]string{"x-amz-checksum-sha1": "", "x-amz-checksum-crc32": ""}, "InvalidRequest",
			"Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."},
	} {
		w := e.do(a, treq{method: "PUT", target: "/cks/refused", body: data, header: tc.header})
		wantAWSError(t, "PutObject "+tc.name, w, 400, tc.code, tc.msg)
	}
	e.must(a, treq{method: "HEAD", target: "/cks/refused"}, 404)
	cases := []struct {
		name, alg, typ string
		status         int
		code, msg      string
	}{
		{"SHA512 FULL_OBJECT", "SHA512", "FULL_OBJECT", 400, "InvalidRequest", "The FULL_OBJECT checksum type cannot be used with the sha512 checksum algorithm."},
		{"MD5 FULL_OBJECT", "MD5", "FULL_OBJECT", 400, "InvalidRequest", "The FULL_OBJECT checksum type cannot be used with the md5 checksum algorithm."},
		{"XXHASH64 FULL_OBJECT", "XXHASH64", "FULL_OBJECT", 400, "InvalidRequest", "The FULL_OBJECT checksum type cannot be used with the xxhash64 checksum algorithm."},
		{"XXHASH128 FULL_OBJECT", "XXHASH128", "FULL_OBJECT", 400, "InvalidRequest", "The FULL_OBJECT checksum type cannot be used with the xxhash128 checksum algorithm."},
		{"unknown", "XXHASH", "", 400, "InvalidRequest", msgUnsupportedChecksum},
		{"XXHASH3 default", "XXHASH3", "", 200, "", ""},
		{"SHA512 COMPOSITE", "SHA512", "COMPOSITE", 200, "", ""},
		{"XXHASH64 default", "XXHASH64", "", 200, "", ""},
	}
	for _, tc := range cases {
		hdr := map[string]string{"x-amz-checksum-algorithm": tc.alg}
		if tc.typ != "" {
			hdr["x-amz-checksum-type"] = tc.typ
		}
		w := e.do(a, treq{method: "POST", target: "/cks/mpu?uploads", header: hdr})
		if tc.status != 200 {
			wantAWSError(t, "CreateMultipartUpload "+tc.name, w, tc.status, tc.code, tc.msg)
			continue
		}
		if w.Code != 200 {
			t.Errorf("CreateMultipartUpload %s = %d %s", tc.name, w.Code, w.Body)
		}
		wantHeader(t, "CreateMultipartUpload "+tc.name, w, "x-amz-checksum-type", "COMPOSITE")
	}
}

// TestNewChecksumComposite: a multipart upload with MD5 gets a COMPOSITE
// checksum, MD5 over the parts' MD5 digests with "-N" appended
// (checking-object-integrity.html, composite checksums), in
// ChecksumMD5 of the Complete answer.
func TestNewChecksumComposite(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "cks")
	parts := []string{"hello ", "md5sum ", "world"}
	id, body := e.mpu("cks", "m", map[string]string{"x-amz-checksum-algorithm": "MD5"}, parts...)
	var cat []byte
	for _, p := range parts {
		s := md5.Sum([]byte(p))
		cat = append(cat, s[:]...)
	}
	whole := md5.Sum(cat)
	want := base64.StdEncoding.EncodeToString(whole[:]) + "-3"
	w := e.must(a, treq{method: "POST", target: "/cks/m?uploadId=" + id, body: body}, 200)
	if !strings.Contains(w.Body.String(), "<ChecksumMD5>"+want+"</ChecksumMD5>") ||
		!strings.Contains(w.Body.String(), "<ChecksumType>COMPOSITE</ChecksumType>") {
		t.Fatalf("CompleteMultipartUpload: want ChecksumMD5 %s COMPOSITE, got %s", want, w.Body)
	}
}

func wantHeader(t *testing.T, what string, w interface{ Header() http.Header }, name, value string) {
	t.Helper()
	if got := w.Header().Get(name); got != value {
		t.Errorf("%s: header %s = %q, want %q", what, name, got, value)
	}
}
