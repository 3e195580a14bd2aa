package sigv4

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const suiteToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

// parseRawRequest reads a test-suite .req file into the request a server
// would see; the request line is kept verbatim in RequestURI.
func parseRawRequest(t *testing.T, data string) *http.Request {
	t.Helper()
	head, body, _ := strings.Cut(strings.TrimSuffix(data, "\n"), "\n\n")
	lines := strings.Split(head, "\n")
	method, rest, _ := strings.Cut(lines[0], " ")
	uri := strings.TrimSuffix(rest, " HTTP/1.1")
	r := &http.Request{
		Method:        method,
		RequestURI:    uri,
		Header:        http.Header{},
		Body:          io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)),
	}
	u, err := url.ParseRequestURI(uri)
	if err != nil {
		u = &url.URL{Path: uri}
	}
	r.URL = u
	for _, l := range lines[1:] {
		if l == "" {
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("bad header line %q", l)
		}
		if strings.EqualFold(name, "Host") {
			r.Host = value
			continue
		}
		r.Header.Add(name, value)
	}
	return r.WithContext(context.Background())
}

func TestAWSSigV4TestSuite(t *testing.T) {
	var reqs []string
	err := filepath.Walk("testdata/aws-sig-v4-test-suite", func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".req") {
			reqs = append(reqs, p)
		}
		return err
	})
	if err != nil || len(reqs) < 20 {
		t.Fatalf("found %d test-suite requests (err %v), want at least 20", len(reqs), err)
	}
	v := testVerifier(testTime)
	v.Lookup = func(ctx context.Context, akid string) (Key, error) {
		if akid != testAKID {
			return Key{}, InvalidAccessKeyID("service", akid)
		}
		return Key{Secret: testSecret}, nil
	}
	read := func(t *testing.T, p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, p := range reqs {
		base := strings.TrimSuffix(p, ".req")
		t.Run(filepath.Base(base), func(t *testing.T) {
			raw, authz := read(t, p), read(t, base+".authz")
			creqWant, stsWant := read(t, base+".creq"), read(t, base+".sts")
			v := *v
			if strings.Contains(raw, "X-Amz-Security-Token") {
				v.Lookup = func(context.Context, string) (Key, error) {
					return Key{Secret: testSecret, SessionToken: suiteToken}, nil
				}
			}

			// The canonical request and string to sign.
			r := parseRawRequest(t, raw)
			a, _ := parseAuthorization(authz)
			a.splitSigned()
			body, _ := io.ReadAll(r.Body)
			var found bool
			for _, uri := range canonicalURIs(r, false) {
				creq := canonicalRequest(r, uri, canonicalQuery(parseQuery(rawQuery(r)), ""), a.signed, a.signedRaw, sha256Hex(body))
				if creq == creqWant {
					found = true
				}
			}
			if !found {
				t.Errorf("canonical request candidates do not include the suite's:\n%s", creqWant)
			}
			if got := stringToSign("20150830T123600Z", a.cred.scope(), creqWant); got != stsWant {
				t.Errorf("string to sign: got\n%s\nwant\n%s", got, stsWant)
			}

			// Verify accepts the published signature.
			r = parseRawRequest(t, raw)
			r.Header.Set("Authorization", authz)
			res, err := v.Verify(r)
			if err != nil {
				t.Fatalf("Verify: got %v, want success", err)
			}
			if res.Service != "service" || res.Region != "us-east-1" || res.AccessKeyID != testAKID {
				t.Errorf("got result %+v, want service/us-east-1/%s", res, testAKID)
			}
			if b, _ := io.ReadAll(r.Body); string(b) != string(body) {
				t.Errorf("body after Verify: got %q, want %q", b, body)
			}

			// And rejects a signature with one digit changed.
			last := byte('0')
			if authz[len(authz)-1] == '0' {
				last = '1'
			}
			bad := authz[:len(authz)-1] + string(last)
			r = parseRawRequest(t, raw)
			r.Header.Set("Authorization", bad)
			_, err = v.Verify(r)
			e, ok := err.(*Error)
			if !ok || e.Code != "SignatureDoesNotMatch" || e.Message != msgSigMismatchQuery {
				t.Fatalf("tampered signature: got %v, want SignatureDoesNotMatch with the IAM/STS message", err)
			}
		})
	}
}
