package s3

import (
	"context"
	"encoding/base64"
	"encoding/xml"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/store/storetest"
	"github.com/fakeaws/fakeaws/evaluator"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	acctA = "111111111111"
	acctB = "222222222222"
)

var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

type env struct {
	t  *testing.T
	db *store.DB
	h  *Handler
}

func newEnv(t *testing.T) *env {
	t.Helper()
	// Every object write runs twice (store.Options.Rehearse): the tests
	// show each is right when a failing neighbour in its commit round
	// makes it run again.
	db := storetest.Open(t, store.Options{Rehearse: true})
	set, err := managed.Load()
	if err != nil {
		t.Fatal(err)
	}
	az := authz.New(db, authz.Options{Managed: set})
	h := New(Options{DB: db, Authz: az, Now: func() time.Time { return testNow }, MinPartSize: 5})
	return &env{t: t, db: db, h: h}
}

func rootOf(acct string) authn.Caller {
	return authn.Caller{Type: evaluator.PrincipalAccount, Account: acct, ARN: authn.RootARN(acct), UserID: acct}
}

var anonymous = authn.Caller{Type: evaluator.PrincipalAnonymous}

// user creates an IAM user in acct with inline policies and returns its
// caller.
func (e *env) user(acct, name string, policies ...string) authn.Caller {
	e.t.Helper()
	u := store.User{Name: name, Path: "/", ID: "AIDA" + strings.ToUpper(name) + "XXXXXXXXXXXX", ARN: "arn:aws:iam::" + acct + ":user/" + name,
		Created: testNow, Policies: store.Policies{Inline: map[string]string{}}}
	for i, p := range policies {
		u.Inline["p"+string(rune('0'+i))] = p
	}
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		if _, err := tx.EnsureAccount(acct, testNow); err != nil {
			return err
		}
		return tx.Put(acct, store.KindUser, strings.ToLower(name), &u)
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return authn.Caller{Type: evaluator.PrincipalUser, Account: acct, ARN: u.ARN, UserID: u.ID, UserName: name}
}

// req is a test request.
type treq struct {
	method, target string
	body           string
	header         map[string]string
	host           string
}

func (e *env) do(c authn.Caller, r treq) *httptest.ResponseRecorder {
	e.t.Helper()
	var body io.Reader = http.NoBody
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	hr := httptest.NewRequest(r.method, "http://127.0.0.1:4566"+r.target, body)
	if r.host != "" {
		hr.Host = r.host
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	sdkContentMD5(hr, r.body)
	hr = hr.WithContext(authn.WithInfo(hr.Context(), &authn.Info{RequestID: "REQ1", Caller: c, Region: "us-east-1", Time: testNow}))
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, hr)
	canonicalNames(w.Header())
	return w
}

// sdkContentMD5 adds the Content-MD5 every SDK sends with PutBucketCors
// and PutBucketTagging, which S3 requires (requireIntegrity), unless the
// test sent a checksum of its own: the tests of these configurations are
// about their bodies.
func sdkContentMD5(hr *http.Request, body string) {
	q := hr.URL.Query()
	bucketOnly := strings.Count(strings.Trim(hr.URL.Path, "/"), "/") == 0
	if hr.Method != http.MethodPut || !bucketOnly || !(q.Has("cors") || q.Has("tagging")) || hr.Header.Get("Content-Md5") != "" {
		return
	}
	for k := range hr.Header {
		if strings.HasPrefix(strings.ToLower(k), "x-amz-checksum-") {
			return
		}
	}
	hr.Header.Set("Content-Md5", base64.StdEncoding.EncodeToString(md5sum(body)))
}

// canonicalNames undoes wireName in h: the names the handler writes in
// AWS's spelling (wirenames.go; TestWireHeaderNames checks that spelling
// on the wire) go back to their canonical form, as an HTTP client reads
// them, so that tests ask for them with Get. User metadata keeps the
// spelling it was sent with, which tests read with rawHeader.
func canonicalNames(h http.Header) {
	for k, vs := range h {
		c := http.CanonicalHeaderKey(k)
		if c != k && wireName(c) == k && !strings.HasPrefix(k, "x-amz-meta-") {
			delete(h, k)
			h[c] = append(h[c], vs...)
		}
	}
}

// must performs r and fails the test unless the status is want.
func (e *env) must(c authn.Caller, r treq, want int) *httptest.ResponseRecorder {
	e.t.Helper()
	w := e.do(c, r)
	if w.Code != want {
		e.t.Fatalf("%s %s = %d %s, want %d", r.method, r.target, w.Code, w.Body.String(), want)
	}
	return w
}

// errCode extracts Code and Message from an S3 error body.
// step is one request of a table-driven test and what it must answer.
type step struct {
	name   string
	r      treq
	status int
	code   string // error code ("" for none)
	body   string // substring of the response body
}

// run sends each step as c, in order, each as a subtest.
func (e *env) run(t *testing.T, c authn.Caller, steps []step) {
	t.Helper()
	for _, tc := range steps {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(c, tc.r)
			if w.Code != tc.status {
				t.Fatalf("%s %s = %d %s, want %d", tc.r.method, tc.r.target, w.Code, w.Body, tc.status)
			}
			if code, _ := errCode(t, w); code != tc.code {
				t.Errorf("code = %q, want %q", code, tc.code)
			}
			if !strings.Contains(w.Body.String(), tc.body) {
				t.Errorf("body %s does not contain %s", w.Body, tc.body)
			}
		})
	}
}

func errCode(t *testing.T, w *httptest.ResponseRecorder) (code, msg string) {
	t.Helper()
	// S3's <Error>, or S3 Control's <ErrorResponse><Error>.
	var e struct {
		XMLName xml.Name
		Code    string
		Message string
		Error   struct{ Code, Message string }
	}
	if w.Body.Len() == 0 {
		return "", ""
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatalf("error body %q: %v", w.Body.String(), err)
	}
	if e.XMLName.Local == "ErrorResponse" {
		return e.Error.Code, e.Error.Message
	}
	return e.Code, e.Message
}

func (e *env) createBucket(c authn.Caller, name string) {
	e.t.Helper()
	e.must(c, treq{method: "PUT", target: "/" + name}, 200)
}

// openBucket creates a bucket with Block Public Access removed and ACLs
// enabled (ObjectWriter), for ACL and public-policy tests.
func (e *env) openBucket(c authn.Caller, name, ownership string) {
	e.t.Helper()
	e.must(c, treq{method: "PUT", target: "/" + name, header: map[string]string{"x-amz-object-ownership": ownership}}, 200)
	e.must(c, treq{method: "DELETE", target: "/" + name + "?publicAccessBlock"}, 204)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden.xml")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden %s: %v (run with -update)", path, err)
	}
	if string(got) != string(want) {
		t.Errorf("%s mismatch:\ngot:  %s\nwant: %s", name, got, want)
	}
}

// rawHeader returns header k exactly as spelled (S3 sends user metadata as
// lower-case x-amz-meta-* names, which SDKs use as the metadata keys).
func rawHeader(h http.Header, k string) string {
	return strings.Join(h[k], ",")
}
