package s3

import (
	"encoding/base64"
	"encoding/hex"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// TestCanonicalHeaderTables pins that the header names the hot paths pass
// to http.Header in canonical form are the canonical forms of the names
// S3 documents: a typo would silently never match a request header.
func TestCanonicalHeaderTables(t *testing.T) {
	for i, a := range checksumAlgs {
		if want := http.CanonicalHeaderKey("x-amz-checksum-" + a); checksumHeaders[i] != want || checksumHeader(strings.ToUpper(a)) != want {
			t.Errorf("checksum header of %s = %q / %q, want %q", a, checksumHeaders[i], checksumHeader(strings.ToUpper(a)), want)
		}
	}
	for _, g := range grantHeaders {
		if want := http.CanonicalHeaderKey(g.header); g.canonical != want {
			t.Errorf("grant header %s: canonical %q, want %q", g.header, g.canonical, want)
		}
	}
	for _, h := range storedHeaders {
		if want := http.CanonicalHeaderKey(h); h != want {
			t.Errorf("stored header %q, want %q", h, want)
		}
	}
	for _, c := range condHeaders {
		if want := http.CanonicalHeaderKey(c.header); c.header != want || !strings.HasPrefix(c.key, "s3:") {
			t.Errorf("condition header %q (key %q), want canonical %q", c.header, c.key, want)
		}
	}
	if got := checksumHeader("md5"); got != "X-Amz-Checksum-Md5" {
		t.Errorf("checksumHeader(md5) = %q", got)
	}
}

// TestHostID pins x-amz-id-2: base64 of "fakeaws/<request id>/s3", for
// short and long request ids alike.
func TestHostID(t *testing.T) {
	for _, rid := range []string{"", "REQ1", ids.S3Request(), strings.Repeat("x", 200)} {
		if got, want := hostID(rid), base64.StdEncoding.EncodeToString([]byte("fakeaws/"+rid+"/s3")); got != want {
			t.Errorf("hostID(%q) = %q, want %q", rid, got, want)
		}
	}
}

// TestETagOf pins the ETag form: the digest's lower-case hex in quotes.
func TestETagOf(t *testing.T) {
	for _, n := range []int{0, 16, 64, 100} {
		sum := make([]byte, n)
		for i := range sum {
			sum[i] = byte(i * 37)
		}
		if got, want := etagOf(sum), `"`+hex.EncodeToString(sum)+`"`; got != want {
			t.Errorf("etagOf(%d bytes) = %s, want %s", n, got, want)
		}
	}
}

// TestResultSet pins that result.set stores headers as http.Header.Set
// does, and that the values sharing one allocation stay independent.
func TestResultSet(t *testing.T) {
	var res result
	want := http.Header{}
	for i, kv := range [][2]string{{"ETag", `"abc"`}, {"x-amz-version-id", "v1"}, {"x-amz-checksum-crc32", "AAAA"},
		{"x-amz-version-id", "v2"}, {"Content-Type", ""}, {"x-amz-server-side-encryption", "AES256"}, {"X-Amz-Checksum-Type", "FULL_OBJECT"}} {
		res.set(kv[0], kv[1])
		if kv[1] != "" {
			want.Set(kv[0], kv[1])
		}
		if !reflect.DeepEqual(res.header, want) {
			t.Fatalf("after set #%d (%s): %v, want %v", i+1, kv[0], res.header, want)
		}
	}
	res.header["Etag"] = append(res.header["Etag"], "more")
	if got := res.header.Get("X-Amz-Version-Id"); got != "v2" {
		t.Errorf("appending to one header changed another: %q", got)
	}
	raw := "x-amz-meta-Mixed" // user metadata keeps its spelling
	res.setRaw(raw, "m")
	if got := res.header[raw]; len(got) != 1 || got[0] != "m" {
		t.Errorf("setRaw stored %q", got)
	}
}
