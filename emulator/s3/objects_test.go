package s3

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
)

func TestKeysRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "keys")
	keys := []struct {
		name, escaped, key string
	}{
		{"dot dot", "../etc/passwd", "../etc/passwd"},
		{"double slash", "a//b", "a//b"},
		{"leading slash", "/lead", "/lead"},
		{"unicode", "%E6%97%A5%E6%9C%AC/%F0%9F%98%80.txt", "日本/😀.txt"},
		{"encoded slash", "x%2Fy", "x/y"},
		{"percent literal", "100%25", "100%"},
		{"plus and space", "a+b%20c", "a+b c"},
		{"question mark", "what%3F", "what?"},
	}
	for _, k := range keys {
		t.Run(k.name, func(t *testing.T) {
			body := "body of " + k.key
			e.must(a, treq{method: "PUT", target: "/keys/" + k.escaped, body: body}, 200)
			w := e.must(a, treq{method: "GET", target: "/keys/" + k.escaped}, 200)
			if w.Body.String() != body {
				t.Errorf("GET %q = %q, want %q", k.escaped, w.Body, body)
			}
			w = e.must(a, treq{method: "GET", target: "/keys?list-type=2&prefix=" + strings.ReplaceAll(strings.ReplaceAll(escapeQuery(k.key), "+", "%2B"), " ", "%20")}, 200)
			if !strings.Contains(w.Body.String(), "<Key>"+xmlEscape(k.key)+"</Key>") {
				t.Errorf("listing for %q = %s", k.key, w.Body)
			}
		})
	}
	// Nothing escaped the bodies directory.
	entries, _ := os.ReadDir(filepath.Join(e.db.Dir()))
	for _, en := range entries {
		switch en.Name() {
		case "bodies", "tmp", "meta.db", "meta.reserve":
		default:
			t.Errorf("unexpected file in store dir: %s", en.Name())
		}
	}
}

func escapeQuery(s string) string {
	r := strings.NewReplacer("%", "%25", "&", "%26", "?", "%3F", "#", "%23")
	return r.Replace(s)
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func TestListObjectsGolden(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "listing")
	for _, k := range []string{"a.txt", "photos/2024/jan.jpg", "photos/2024/feb.jpg", "photos/2025/mar.jpg", "photos/cover.png", "z/1", "z/2", "zz"} {
		e.must(a, treq{method: "PUT", target: "/listing/" + k, body: k}, 200)
	}
	tests := []struct {
		name, query string
	}{
		{"v2-delimiter", "list-type=2&delimiter=/"},
		{"v2-prefix-delimiter", "list-type=2&prefix=photos/&delimiter=/"},
		{"v2-page1", "list-type=2&max-keys=3"},
		{"v1-marker", "marker=photos/2024/jan.jpg&max-keys=2"},
		{"v1-delimiter-truncated", "delimiter=/&max-keys=2"},
		{"v2-start-after-url", "list-type=2&start-after=photos/2025/mar.jpg&encoding-type=url"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.must(a, treq{method: "GET", target: "/listing?" + tc.query}, 200)
			golden(t, "list-"+tc.name, w.Body.Bytes())
		})
	}
	// Paginating with continuation tokens visits every key exactly once.
	var got []string
	token := ""
	for range 10 {
		q := "list-type=2&max-keys=3"
		if token != "" {
			q += "&continuation-token=" + token
		}
		w := e.must(a, treq{method: "GET", target: "/listing?" + q}, 200)
		body := w.Body.String()
		for _, part := range strings.Split(body, "<Key>")[1:] {
			got = append(got, part[:strings.Index(part, "</Key>")])
		}
		i := strings.Index(body, "<NextContinuationToken>")
		if i < 0 {
			break
		}
		token = body[i+len("<NextContinuationToken>") : strings.Index(body, "</NextContinuationToken>")]
	}
	if len(got) != 8 || got[0] != "a.txt" || got[7] != "zz" {
		t.Errorf("paginated keys = %v, want 8 keys a.txt..zz", got)
	}
	w := e.do(a, treq{method: "GET", target: "/listing?list-type=2&continuation-token=garbage!"})
	if code, _ := errCode(t, w); code != "InvalidArgument" {
		t.Errorf("bad token = %d %s, want InvalidArgument", w.Code, code)
	}
}

func TestRangesAndConditionals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "ranges")
	e.must(a, treq{method: "PUT", target: "/ranges/obj", body: "0123456789", header: map[string]string{"Content-Type": "text/plain", "x-amz-meta-color": "blue"}}, 200)
	etag := `"` + hex.EncodeToString(md5sum("0123456789")) + `"`
	tests := []struct {
		name   string
		header map[string]string
		query  string
		status int
		body   string
		crange string
	}{
		{"full", nil, "", 200, "0123456789", ""},
		{"range", map[string]string{"Range": "bytes=2-4"}, "", 206, "234", "bytes 2-4/10"},
		{"open range", map[string]string{"Range": "bytes=7-"}, "", 206, "789", "bytes 7-9/10"},
		{"suffix range", map[string]string{"Range": "bytes=-3"}, "", 206, "789", "bytes 7-9/10"},
		{"past end clipped", map[string]string{"Range": "bytes=8-100"}, "", 206, "89", "bytes 8-9/10"},
		{"unsatisfiable", map[string]string{"Range": "bytes=10-"}, "", 416, "", ""},
		{"bad syntax ignored", map[string]string{"Range": "bytes=x-y"}, "", 200, "0123456789", ""},
		{"if-match ok", map[string]string{"If-Match": etag}, "", 200, "0123456789", ""},
		{"if-match fails", map[string]string{"If-Match": `"abc"`}, "", 412, "", ""},
		{"if-none-match", map[string]string{"If-None-Match": etag}, "", 304, "", ""},
		{"if-modified-since at modification", map[string]string{"If-Modified-Since": "Sun, 01 Mar 2026 12:00:00 GMT"}, "", 304, "", ""},
		// AWS ignores a date in the future (LocalStack test_s3.snapshot.json,
		// TestS3::test_s3_get_object_preconditions "obj-ignore-future-modified-since").
		{"if-modified-since in the future ignored", map[string]string{"If-Modified-Since": "Sun, 01 Mar 2026 13:00:00 GMT"}, "", 200, "0123456789", ""},
		{"if-modified-since earlier", map[string]string{"If-Modified-Since": "Sun, 01 Mar 2026 11:00:00 GMT"}, "", 200, "0123456789", ""},
		{"if-unmodified-since earlier", map[string]string{"If-Unmodified-Since": "Sun, 01 Mar 2026 11:00:00 GMT"}, "", 412, "", ""},
		{"if-match wins over unmodified-since", map[string]string{"If-Match": etag, "If-Unmodified-Since": "Sun, 01 Mar 2026 11:00:00 GMT"}, "", 200, "0123456789", ""},
		{"response override", nil, "?response-content-type=application/json", 200, "0123456789", ""},
		{"part 1 of simple object", nil, "?partNumber=1", 206, "0123456789", "bytes 0-9/10"},
		{"part 2 of simple object", nil, "?partNumber=2", 416, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(a, treq{method: "GET", target: "/ranges/obj" + tc.query, header: tc.header})
			if w.Code != tc.status {
				t.Fatalf("GET = %d %s, want %d", w.Code, w.Body, tc.status)
			}
			if tc.status < 300 && w.Body.String() != tc.body {
				t.Errorf("body = %q, want %q", w.Body, tc.body)
			}
			if got := w.Header().Get("Content-Range"); got != tc.crange {
				t.Errorf("Content-Range = %q, want %q", got, tc.crange)
			}
		})
	}
	w := e.must(a, treq{method: "HEAD", target: "/ranges/obj"}, 200)
	if w.Body.Len() != 0 || w.Header().Get("Content-Length") != "10" || w.Header().Get("ETag") != etag ||
		rawHeader(w.Header(), "x-amz-meta-color") != "blue" || w.Header().Get("Content-Type") != "text/plain" ||
		w.Header().Get("Last-Modified") != "Sun, 01 Mar 2026 12:00:00 GMT" {
		t.Errorf("HEAD headers = %v body %q", w.Header(), w.Body)
	}
	w = e.must(a, treq{method: "GET", target: "/ranges/obj?response-content-type=application/json"}, 200)
	if got := w.Header().Get("Content-Type"); got != "application/json" {
		t.Errorf("response-content-type override = %q", got)
	}
	w = e.do(a, treq{method: "HEAD", target: "/ranges/missing"})
	if w.Code != 404 || w.Body.Len() != 0 {
		t.Errorf("HEAD missing = %d %q, want 404 without body", w.Code, w.Body)
	}
}

func md5Header(body string) map[string]string {
	return map[string]string{"Content-MD5": base64.StdEncoding.EncodeToString(md5sum(body))}
}

func md5sum(s string) []byte {
	h := md5.Sum([]byte(s))
	return h[:]
}

func TestPutObjectDigests(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "digests")
	good := base64.StdEncoding.EncodeToString(md5sum("hello"))
	tests := []struct {
		name   string
		header map[string]string
		status int
		code   string
	}{
		{"good md5", map[string]string{"Content-MD5": good}, 200, ""},
		{"bad md5", map[string]string{"Content-MD5": base64.StdEncoding.EncodeToString(md5sum("other"))}, 400, "BadDigest"},
		{"invalid md5", map[string]string{"Content-MD5": "nope"}, 400, "InvalidDigest"},
		{"good crc32", map[string]string{"x-amz-checksum-crc32": "NhCmhg=="}, 200, ""},
		{"bad crc32", map[string]string{"x-amz-checksum-crc32": "AAAAAA=="}, 400, "BadDigest"},
		{"good sha256", map[string]string{"x-amz-checksum-sha256": "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="}, 200, ""},
		{"public acl on enforced bucket", map[string]string{"x-amz-acl": "public-read"}, 400, "AccessControlListNotSupported"},
		{"owner full control ok", map[string]string{"x-amz-acl": "bucket-owner-full-control"}, 200, ""},
		{"bad tagging", map[string]string{"x-amz-tagging": "aws:x=1"}, 400, "InvalidTag"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(a, treq{method: "PUT", target: "/digests/" + strings.ReplaceAll(tc.name, " ", "-"), body: "hello", header: tc.header})
			if w.Code != tc.status {
				t.Fatalf("PUT = %d %s, want %d", w.Code, w.Body, tc.status)
			}
			if code, _ := errCode(t, w); code != tc.code {
				t.Errorf("code = %q, want %q", code, tc.code)
			}
			if tc.status == 200 && w.Header().Get("ETag") != `"5d41402abc4b2a76b9719d911017c592"` {
				t.Errorf("ETag = %q", w.Header().Get("ETag"))
			}
		})
	}
	w := e.must(a, treq{method: "HEAD", target: "/digests/good-crc32", header: map[string]string{"x-amz-checksum-mode": "ENABLED"}}, 200)
	if got := w.Header().Get("x-amz-checksum-crc32"); got != "NhCmhg==" {
		t.Errorf("stored crc32 = %q", got)
	}
}

// failingReader returns n bytes and then an error, as a body whose
// signature fails mid-stream does.
type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("chunk signature mismatch")
	}
	if len(p) > f.n {
		p = p[:f.n]
	}
	for i := range p {
		p[i] = 'x'
	}
	f.n -= len(p)
	return len(p), nil
}

func TestPutObjectFailingBodyLeavesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "crash")
	r := httptest.NewRequest("PUT", "http://127.0.0.1:4566/crash/half", &failingReader{n: 1 << 20})
	r.ContentLength = 2 << 20
	r = r.WithContext(authn.WithInfo(r.Context(), &authn.Info{RequestID: "R", Caller: a, Time: testNow}))
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	if w.Code < 400 {
		t.Fatalf("PUT with failing body = %d, want an error", w.Code)
	}
	if w := e.do(a, treq{method: "HEAD", target: "/crash/half"}); w.Code != 404 {
		t.Errorf("HEAD after failed PUT = %d, want 404", w.Code)
	}
	for _, dir := range []string{"bodies", "tmp"} {
		entries, err := os.ReadDir(filepath.Join(e.db.Dir(), dir))
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 0 {
			t.Errorf("%s/ holds %d files after a failed PUT, want 0", dir, len(entries))
		}
	}
}

func TestSweep(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "sweep")
	e.must(a, treq{method: "PUT", target: "/sweep/keep", body: "keep"}, 200)
	orphan, _, err := e.db.WriteBodyFile(strings.NewReader("orphan"))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.h.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.OpenBody(orphan); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("orphan body still present after Sweep: %v", err)
	}
	if w := e.must(a, treq{method: "GET", target: "/sweep/keep"}, 200); w.Body.String() != "keep" {
		t.Errorf("referenced body lost: %q", w.Body)
	}
}

func TestVersioning(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "versioned")
	e.must(a, treq{method: "PUT", target: "/versioned?versioning", body: "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"}, 200)
	v1 := e.must(a, treq{method: "PUT", target: "/versioned/k", body: "one"}, 200).Header().Get("x-amz-version-id")
	v2 := e.must(a, treq{method: "PUT", target: "/versioned/k", body: "two"}, 200).Header().Get("x-amz-version-id")
	if v1 == "" || v2 == "" || v1 == v2 {
		t.Fatalf("version ids %q %q", v1, v2)
	}
	if w := e.must(a, treq{method: "GET", target: "/versioned/k?versionId=" + v1}, 200); w.Body.String() != "one" {
		t.Errorf("GET v1 = %q", w.Body)
	}
	w := e.must(a, treq{method: "DELETE", target: "/versioned/k"}, 204)
	marker := w.Header().Get("x-amz-version-id")
	if w.Header().Get("x-amz-delete-marker") != "true" || marker == "" {
		t.Errorf("DELETE headers = %v", w.Header())
	}
	w = e.do(a, treq{method: "GET", target: "/versioned/k"})
	if code, _ := errCode(t, w); w.Code != 404 || code != "NoSuchKey" || w.Header().Get("x-amz-delete-marker") != "true" {
		t.Errorf("GET after delete = %d %s %v", w.Code, code, w.Header())
	}
	w = e.must(a, treq{method: "GET", target: "/versioned?versions"}, 200)
	body := w.Body.String()
	if strings.Count(body, "<Version>") != 2 || strings.Count(body, "<DeleteMarker>") != 1 ||
		!strings.Contains(body, "<VersionId>"+marker+"</VersionId><IsLatest>true</IsLatest>") {
		t.Errorf("ListObjectVersions = %s", body)
	}
	// Removing the marker brings v2 back.
	e.must(a, treq{method: "DELETE", target: "/versioned/k?versionId=" + marker}, 204)
	if w := e.must(a, treq{method: "GET", target: "/versioned/k"}, 200); w.Body.String() != "two" {
		t.Errorf("GET after removing marker = %q", w.Body)
	}
	if w := e.do(a, treq{method: "GET", target: "/versioned/k?versionId=" + newVersionID()}); w.Code != 404 {
		t.Errorf("GET unknown version = %d", w.Code)
	}
}

func TestDeleteObjects(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "bulk")
	for _, k := range []string{"a", "b", "keep/c"} {
		e.must(a, treq{method: "PUT", target: "/bulk/" + k, body: k}, 200)
	}
	limited := e.user(acctA, "limited", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::bulk/*"},{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::bulk/keep/*"}]}`)
	body := `<Delete><Object><Key>a</Key></Object><Object><Key>keep/c</Key></Object><Object><Key>never-existed</Key></Object></Delete>`
	w := e.must(limited, treq{method: "POST", target: "/bulk?delete", body: body, header: md5Header(body)}, 200)
	got := w.Body.String()
	for _, want := range []string{"<Deleted><Key>a</Key></Deleted>", "<Deleted><Key>never-existed</Key></Deleted>",
		"<Error><Key>keep/c</Key><Code>AccessDenied</Code>"} {
		if !strings.Contains(got, want) {
			t.Errorf("DeleteObjects body %s lacks %s", got, want)
		}
	}
	quiet := `<Delete><Quiet>true</Quiet><Object><Key>b</Key></Object></Delete>`
	w = e.must(a, treq{method: "POST", target: "/bulk?delete", body: quiet, header: md5Header(quiet)}, 200)
	if strings.Contains(w.Body.String(), "<Deleted>") {
		t.Errorf("quiet mode reported deletions: %s", w.Body)
	}
	many := "<Delete>" + strings.Repeat("<Object><Key>x</Key></Object>", 1001) + "</Delete>"
	for name, b := range map[string]string{"too many": many, "garbage": "<Delete><Object>", "empty": "<Delete></Delete>"} {
		w := e.do(a, treq{method: "POST", target: "/bulk?delete", body: b, header: md5Header(b)})
		if code, _ := errCode(t, w); w.Code != 400 || code != "MalformedXML" {
			t.Errorf("%s: DeleteObjects = %d %s, want 400 MalformedXML", name, w.Code, code)
		}
	}
	if w := e.do(a, treq{method: "HEAD", target: "/bulk/keep/c"}); w.Code != 200 {
		t.Errorf("denied key was deleted: HEAD = %d", w.Code)
	}
	integrity := []struct {
		name   string
		header map[string]string
		status int
		code   string
	}{
		{"no integrity header", nil, 400, "InvalidRequest"},
		{"wrong md5", map[string]string{"Content-MD5": "1B2M2Y8AsgTpgAmY7PhCfg=="}, 400, "BadDigest"},
		{"wrong crc32", map[string]string{"x-amz-checksum-crc32": "AAAAAA=="}, 400, "BadDigest"},
		{"crc32", map[string]string{"x-amz-checksum-crc32": base64.StdEncoding.EncodeToString(sumOf(t, "CRC32", []byte(quiet)))}, 200, ""},
	}
	for _, tc := range integrity {
		w := e.do(a, treq{method: "POST", target: "/bulk?delete", body: quiet, header: tc.header})
		if code, _ := errCode(t, w); w.Code != tc.status || (w.Code >= 300 && code != tc.code) {
			t.Errorf("%s: DeleteObjects = %d %s, want %d %s", tc.name, w.Code, code, tc.status, tc.code)
		}
	}
}

func TestMultipart(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "mpu")
	w := e.must(a, treq{method: "POST", target: "/mpu/big?uploads", header: map[string]string{"Content-Type": "text/plain"}}, 200)
	body := w.Body.String()
	id := body[strings.Index(body, "<UploadId>")+10 : strings.Index(body, "</UploadId>")]
	parts := []string{"aaaaaa", "bbbbbbb", "cc"}
	var etags []string
	for i, p := range parts {
		w := e.must(a, treq{method: "PUT", target: fmt.Sprintf("/mpu/big?partNumber=%d&uploadId=%s", i+1, id), body: p}, 200)
		etags = append(etags, w.Header().Get("ETag"))
	}
	w = e.must(a, treq{method: "GET", target: "/mpu/big?uploadId=" + id}, 200)
	if strings.Count(w.Body.String(), "<Part>") != 3 {
		t.Errorf("ListParts = %s", w.Body)
	}
	w = e.must(a, treq{method: "GET", target: "/mpu?uploads"}, 200)
	if !strings.Contains(w.Body.String(), "<UploadId>"+id+"</UploadId>") {
		t.Errorf("ListMultipartUploads = %s", w.Body)
	}
	complete := func(nums ...int) string {
		var sb strings.Builder
		sb.WriteString("<CompleteMultipartUpload>")
		for _, n := range nums {
			fmt.Fprintf(&sb, "<Part><PartNumber>%d</PartNumber><ETag>%s</ETag></Part>", n, etags[n-1])
		}
		sb.WriteString("</CompleteMultipartUpload>")
		return sb.String()
	}
	errTests := []struct {
		name, body, code string
	}{
		{"order", complete(2, 1, 3), "InvalidPartOrder"},
		{"wrong etag", `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"00"</ETag></Part></CompleteMultipartUpload>`, "InvalidPart"},
		{"missing part", `<CompleteMultipartUpload><Part><PartNumber>9</PartNumber><ETag>` + etags[0] + `</ETag></Part></CompleteMultipartUpload>`, "InvalidPart"},
		{"empty", `<CompleteMultipartUpload></CompleteMultipartUpload>`, "MalformedXML"},
	}
	for _, tc := range errTests {
		w := e.do(a, treq{method: "POST", target: "/mpu/big?uploadId=" + id, body: tc.body})
		if code, _ := errCode(t, w); w.Code != 400 || code != tc.code {
			t.Errorf("%s: Complete = %d %s, want 400 %s", tc.name, w.Code, code, tc.code)
		}
	}
	// Nothing visible before completion.
	if w := e.do(a, treq{method: "HEAD", target: "/mpu/big"}); w.Code != 404 {
		t.Errorf("object visible before Complete: %d", w.Code)
	}
	w = e.must(a, treq{method: "POST", target: "/mpu/big?uploadId=" + id, body: complete(1, 2, 3)}, 200)
	var cat []byte
	for _, et := range etags {
		raw, _ := hex.DecodeString(strings.Trim(et, `"`))
		cat = append(cat, raw...)
	}
	sum := md5.Sum(cat)
	wantETag := `"` + hex.EncodeToString(sum[:]) + `-3"`
	if !strings.Contains(w.Body.String(), "<ETag>"+xmlEscapeQuotes(wantETag)+"</ETag>") {
		t.Errorf("Complete body = %s, want ETag %s", w.Body, wantETag)
	}
	w = e.must(a, treq{method: "GET", target: "/mpu/big"}, 200)
	if w.Body.String() != "aaaaaabbbbbbbcc" || w.Header().Get("ETag") != wantETag {
		t.Errorf("GET multipart = %q etag %q", w.Body, w.Header().Get("ETag"))
	}
	w = e.must(a, treq{method: "GET", target: "/mpu/big", header: map[string]string{"Range": "bytes=4-8"}}, 206)
	if w.Body.String() != "aabbb" {
		t.Errorf("range across parts = %q, want aabbb", w.Body)
	}
	w = e.must(a, treq{method: "GET", target: "/mpu/big?partNumber=2"}, 206)
	if w.Body.String() != "bbbbbbb" || w.Header().Get("x-amz-mp-parts-count") != "3" {
		t.Errorf("partNumber=2 = %q %v", w.Body, w.Header())
	}
	if w := e.do(a, treq{method: "GET", target: "/mpu/big?uploadId=" + id}); w.Code != 404 {
		t.Errorf("ListParts after Complete = %d, want 404 NoSuchUpload", w.Code)
	}

	// EntityTooSmall with the real minimum.
	strict := New(Options{DB: e.db, Authz: e.h.authz, Now: e.h.now})
	e2 := &env{t: t, db: e.db, h: strict}
	w = e2.must(a, treq{method: "POST", target: "/mpu/small?uploads"}, 200)
	body = w.Body.String()
	id2 := body[strings.Index(body, "<UploadId>")+10 : strings.Index(body, "</UploadId>")]
	et1 := e2.must(a, treq{method: "PUT", target: "/mpu/small?partNumber=1&uploadId=" + id2, body: "tiny"}, 200).Header().Get("ETag")
	et2 := e2.must(a, treq{method: "PUT", target: "/mpu/small?partNumber=2&uploadId=" + id2, body: "end"}, 200).Header().Get("ETag")
	w = e2.do(a, treq{method: "POST", target: "/mpu/small?uploadId=" + id2, body: fmt.Sprintf(
		"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>%s</ETag></Part><Part><PartNumber>2</PartNumber><ETag>%s</ETag></Part></CompleteMultipartUpload>", et1, et2)})
	if code, _ := errCode(t, w); w.Code != 400 || code != "EntityTooSmall" {
		t.Errorf("Complete with small part = %d %s, want EntityTooSmall", w.Code, code)
	}
	e2.must(a, treq{method: "DELETE", target: "/mpu/small?uploadId=" + id2}, 204)
	if w := e2.do(a, treq{method: "DELETE", target: "/mpu/small?uploadId=" + id2}); w.Code != 404 {
		t.Errorf("second abort = %d, want 404", w.Code)
	}
	// Only the completed object's parts remain stored.
	ids, err := e.db.BodyIDs()
	if err != nil || len(ids) != 3 {
		t.Errorf("bodies stored = %d (%v), want 3", len(ids), err)
	}
}

func xmlEscapeQuotes(s string) string { return strings.ReplaceAll(s, `"`, "&quot;") }

func TestCopyObjectAcrossAccounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := rootOf(acctA), rootOf(acctB)
	e.createBucket(a, "src-a")
	e.createBucket(b, "dst-b")
	e.must(a, treq{method: "PUT", target: "/src-a/doc%20one.txt", body: "payload", header: map[string]string{"x-amz-meta-k": "v", "Content-Type": "text/plain"}}, 200)
	copyHdr := map[string]string{"x-amz-copy-source": "/src-a/doc%20one.txt"}
	// B cannot read A's object yet.
	w := e.do(b, treq{method: "PUT", target: "/dst-b/copy", header: copyHdr})
	if code, msg := errCode(t, w); w.Code != 403 || code != "AccessDenied" || msg != "Access Denied" {
		t.Errorf("copy without source permission = %d %s %q", w.Code, code, msg)
	}
	e.must(a, treq{method: "PUT", target: "/src-a?policy", body: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::src-a/*"}]}`}, 204)
	w = e.must(b, treq{method: "PUT", target: "/dst-b/copy", header: copyHdr}, 200)
	if !strings.Contains(w.Body.String(), "<CopyObjectResult") || !strings.Contains(w.Body.String(), hex.EncodeToString(md5sum("payload"))) {
		t.Errorf("CopyObject body = %s", w.Body)
	}
	w = e.must(b, treq{method: "GET", target: "/dst-b/copy"}, 200)
	if w.Body.String() != "payload" || rawHeader(w.Header(), "x-amz-meta-k") != "v" {
		t.Errorf("copied object = %q %v", w.Body, w.Header())
	}
	// A user in B with only GetObject on the source cannot write the destination.
	reader := e.user(acctB, "copier", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	w = e.do(reader, treq{method: "PUT", target: "/dst-b/copy2", header: copyHdr})
	if code, msg := errCode(t, w); w.Code != 403 || code != "AccessDenied" || !strings.Contains(msg, "s3:PutObject") {
		t.Errorf("copy without destination permission = %d %s %q", w.Code, code, msg)
	}
	// REPLACE directive and copy-source conditions.
	e.must(b, treq{method: "PUT", target: "/dst-b/copy3", header: map[string]string{"x-amz-copy-source": "src-a/doc%20one.txt",
		"x-amz-metadata-directive": "REPLACE", "x-amz-meta-new": "n"}}, 200)
	if w := e.must(b, treq{method: "HEAD", target: "/dst-b/copy3"}, 200); rawHeader(w.Header(), "x-amz-meta-new") != "n" || rawHeader(w.Header(), "x-amz-meta-k") != "" {
		t.Errorf("REPLACE metadata = %v", w.Header())
	}
	w = e.do(b, treq{method: "PUT", target: "/dst-b/copy4", header: map[string]string{"x-amz-copy-source": "/src-a/doc%20one.txt",
		"x-amz-copy-source-if-match": `"nope"`}})
	if code, _ := errCode(t, w); w.Code != 412 || code != "PreconditionFailed" {
		t.Errorf("copy-source-if-match = %d %s", w.Code, code)
	}
	w = e.do(a, treq{method: "PUT", target: "/src-a/doc%20one.txt", header: copyHdr})
	if code, _ := errCode(t, w); w.Code != 400 || code != "InvalidRequest" {
		t.Errorf("copy onto itself = %d %s", w.Code, code)
	}
}

// TestObjectWriterOwnership reproduces S3's object ownership gotcha: with
// ObjectWriter, an object another account uploads is that account's, and
// the bucket owner cannot read it unless the object ACL grants it.
func TestObjectWriterOwnership(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := rootOf(acctA), rootOf(acctB)
	e.openBucket(a, "shared", "ObjectWriter")
	e.must(a, treq{method: "PUT", target: "/shared?policy", body: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":["s3:PutObject","s3:PutObjectAcl"],"Resource":"arn:aws:s3:::shared/*"}]}`}, 204)
	e.must(b, treq{method: "PUT", target: "/shared/theirs", body: "from B"}, 200)
	e.must(b, treq{method: "PUT", target: "/shared/granted", body: "from B", header: map[string]string{"x-amz-acl": "bucket-owner-full-control"}}, 200)

	w := e.do(a, treq{method: "GET", target: "/shared/theirs"})
	if code, msg := errCode(t, w); w.Code != 403 || code != "AccessDenied" || msg != "Access Denied" {
		t.Errorf("bucket owner GET of B-owned object = %d %s %q, want 403 Access Denied", w.Code, code, msg)
	}
	if w := e.do(a, treq{method: "GET", target: "/shared/granted"}); w.Code != 200 {
		t.Errorf("bucket owner GET with bucket-owner-full-control = %d %s", w.Code, w.Body)
	}
	w = e.must(a, treq{method: "GET", target: "/shared?list-type=2&fetch-owner=true"}, 200)
	if !strings.Contains(w.Body.String(), store.CanonicalID(acctB)) {
		t.Errorf("listing does not show B as owner: %s", w.Body)
	}
	// B fixes it by granting the bucket owner through the object ACL.
	e.must(b, treq{method: "PUT", target: "/shared/theirs?acl", header: map[string]string{"x-amz-acl": "bucket-owner-full-control"}}, 200)
	if w := e.do(a, treq{method: "GET", target: "/shared/theirs"}); w.Code != 200 {
		t.Errorf("bucket owner GET after ACL fix = %d", w.Code)
	}
	// BucketOwnerEnforced: the bucket owner owns everything.
	e.createBucket(a, "enforced")
	e.must(a, treq{method: "PUT", target: "/enforced?policy", body: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":["s3:PutObject","s3:PutObjectAcl"],"Resource":"arn:aws:s3:::enforced/*"}]}`}, 204)
	e.must(b, treq{method: "PUT", target: "/enforced/x", body: "B"}, 200)
	e.must(a, treq{method: "GET", target: "/enforced/x"}, 200)
	w = e.do(b, treq{method: "PUT", target: "/enforced/y", body: "B", header: map[string]string{"x-amz-acl": "public-read"}})
	if code, msg := errCode(t, w); w.Code != 400 || code != "AccessControlListNotSupported" || msg != "The bucket does not allow ACLs" {
		t.Errorf("public ACL on enforced bucket = %d %s %q", w.Code, code, msg)
	}
}

func TestPublicACL(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.openBucket(a, "acls", "BucketOwnerPreferred")
	e.must(a, treq{method: "PUT", target: "/acls/pub", body: "p", header: map[string]string{"x-amz-acl": "public-read"}}, 200)
	e.must(a, treq{method: "PUT", target: "/acls/priv", body: "q"}, 200)
	if w := e.do(anonymous, treq{method: "GET", target: "/acls/pub"}); w.Code != 200 {
		t.Errorf("anonymous GET of public-read object = %d", w.Code)
	}
	if w := e.do(anonymous, treq{method: "GET", target: "/acls/priv"}); w.Code != 403 {
		t.Errorf("anonymous GET of private object = %d", w.Code)
	}
	w := e.must(a, treq{method: "GET", target: "/acls/pub?acl"}, 200)
	if !strings.Contains(w.Body.String(), "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission>") {
		t.Errorf("GetObjectAcl = %s", w.Body)
	}
	// IgnorePublicAcls turns the grant off; BlockPublicAcls refuses new ones.
	e.must(a, treq{method: "PUT", target: "/acls?publicAccessBlock", body: "<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls></PublicAccessBlockConfiguration>"}, 200)
	if w := e.do(anonymous, treq{method: "GET", target: "/acls/pub"}); w.Code != 403 {
		t.Errorf("anonymous GET with IgnorePublicAcls = %d", w.Code)
	}
	w = e.do(a, treq{method: "PUT", target: "/acls/pub2", body: "p", header: map[string]string{"x-amz-acl": "public-read"}})
	if code, _ := errCode(t, w); w.Code != 403 || code != "AccessDenied" {
		t.Errorf("public ACL with BlockPublicAcls = %d %s", w.Code, code)
	}
}

func TestObjectTagging(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "tags")
	e.must(a, treq{method: "PUT", target: "/tags/o", body: "x", header: map[string]string{"x-amz-tagging": "team=blue&env=dev"}}, 200)
	w := e.must(a, treq{method: "GET", target: "/tags/o?tagging"}, 200)
	if !strings.Contains(w.Body.String(), "<Tag><Key>env</Key><Value>dev</Value></Tag><Tag><Key>team</Key><Value>blue</Value></Tag>") {
		t.Errorf("GetObjectTagging = %s", w.Body)
	}
	// s3:ExistingObjectTag conditions see the stored tags.
	blue := e.user(acctA, "blue", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:ExistingObjectTag/team":"blue"}}}]}`)
	e.must(blue, treq{method: "GET", target: "/tags/o"}, 200)
	e.must(a, treq{method: "PUT", target: "/tags/o?tagging", body: "<Tagging><TagSet><Tag><Key>team</Key><Value>red</Value></Tag></TagSet></Tagging>"}, 200)
	if w := e.do(blue, treq{method: "GET", target: "/tags/o"}); w.Code != 403 {
		t.Errorf("GET after retag = %d, want 403", w.Code)
	}
	e.must(a, treq{method: "DELETE", target: "/tags/o?tagging"}, 204)
	w = e.must(a, treq{method: "GET", target: "/tags/o?tagging"}, 200)
	if strings.Contains(w.Body.String(), "<Tag>") {
		t.Errorf("tags after delete = %s", w.Body)
	}
}
