package s3

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeKey checks that decoding an escaped key path either fails or
// yields a key that escapes back to something decoding to the same key.
func FuzzDecodeKey(f *testing.F) {
	for _, s := range []string{"a/b", "../etc/passwd", "a//b", "%E6%97%A5", "x%2Fy", "100%25", "%zz", "a+b", "%00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, escaped string) {
		k, err := decodeKey(escaped)
		if err != nil {
			if k != "" {
				t.Errorf("decodeKey(%q) = %q with error %v", escaped, k, err)
			}
			return
		}
		again, err := decodeKey(url.PathEscape(k))
		if err != nil && len(k) <= 1024 {
			t.Fatalf("re-decoding %q: %v", k, err)
		}
		if err == nil && again != k {
			t.Errorf("round trip %q → %q → %q", escaped, k, again)
		}
	})
}

// FuzzTarget checks that any request path splits into a bucket and key
// without panicking, and that keys are never altered beyond one unescape.
func FuzzTarget(f *testing.F) {
	for _, s := range []string{"/b/k", "/b", "/", "/b/../x", "/b//x", "/b/%2e%2e/x"} {
		f.Add(s)
	}
	h := New(Options{})
	f.Fuzz(func(t *testing.T, path string) {
		u, err := url.Parse("http://127.0.0.1" + path)
		if err != nil || !strings.HasPrefix(u.EscapedPath(), "/") {
			return
		}
		rq := &req{r: newTestRequest(u)}
		if err := h.target(rq); err != nil {
			return
		}
		if rq.hasKey && rq.key == "" {
			t.Errorf("path %q: hasKey with empty key", path)
		}
	})
}

// FuzzDeleteObjectsXML checks the DeleteObjects body parser: an error
// means no result, and a result has 1..1000 keys.
func FuzzDeleteObjectsXML(f *testing.F) {
	f.Add(`<Delete><Quiet>true</Quiet><Object><Key>a</Key><VersionId>v</VersionId></Object></Delete>`)
	f.Add(`<Delete><Object><Key>../x</Key></Object></Delete>`)
	f.Add(`<Delete>`)
	f.Add(`<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>&lt;</Key></Object></Delete>`)
	f.Fuzz(func(t *testing.T, body string) {
		in, err := parseDeleteRequest([]byte(body))
		if err != nil {
			if in != nil {
				t.Errorf("error with a result")
			}
			return
		}
		if n := len(in.Objects); n < 1 || n > 1000 {
			t.Errorf("%d objects accepted", n)
		}
	})
}

// FuzzCompleteMultipartXML checks the CompleteMultipartUpload body parser.
func FuzzCompleteMultipartXML(f *testing.F) {
	f.Add(`<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"abc"</ETag></Part></CompleteMultipartUpload>`)
	f.Add(`<CompleteMultipartUpload></CompleteMultipartUpload>`)
	f.Add(`<CompleteMultipartUpload><Part><PartNumber>x</PartNumber></Part></CompleteMultipartUpload>`)
	f.Fuzz(func(t *testing.T, body string) {
		in, err := parseCompleteRequest([]byte(body))
		if err != nil {
			if in != nil {
				t.Errorf("error with a result")
			}
			return
		}
		if n := len(in.Parts); n < 1 || n > 10000 {
			t.Errorf("%d parts accepted", n)
		}
		for _, p := range in.Parts {
			if !utf8.ValidString(p.ETag) {
				t.Errorf("invalid UTF-8 ETag %q", p.ETag)
			}
		}
	})
}
