package iam

import (
	"context"
	"encoding/xml"
	"flag"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
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

const testAccount = "111111111111"

// fixedNow is the test clock.
var fixedNow = time.Date(2026, 11, 23, 15, 4, 5, 0, time.UTC)

type testEnv struct {
	t   testing.TB
	db  *store.DB
	h   *Handler
	now time.Time
}

func newEnv(t testing.TB) *testEnv {
	t.Helper()
	// Every batched write runs twice (store.Options.Rehearse): the tests
	// show each is right when a failing neighbour in its commit round
	// makes it run again.
	db := storetest.Open(t, store.Options{Rehearse: true})
	set, err := managed.Load()
	if err != nil {
		t.Fatalf("load managed: %v", err)
	}
	e := &testEnv{t: t, db: db, now: fixedNow}
	az := authz.New(db, authz.Options{Managed: set})
	e.h = New(Options{DB: db, Authz: az, Managed: set, Now: func() time.Time { return e.now },
		Logger: slog.New(slog.NewTextHandler(testWriter{t}, nil))})
	return e
}

func rootInfo(acct string) *authn.Info {
	return &authn.Info{RequestID: "req-1", Time: fixedNow, Caller: authn.Caller{
		Type: evaluator.PrincipalAccount, Account: acct, ARN: authn.RootARN(acct), UserID: acct}}
}

func userInfo(acct, name string) *authn.Info {
	return &authn.Info{RequestID: "req-1", Time: fixedNow, Caller: authn.Caller{
		Type: evaluator.PrincipalUser, Account: acct, ARN: "arn:aws:iam::" + acct + ":user/" + name,
		UserID: "AIDAEXAMPLE", UserName: name}}
}

type response struct {
	status int
	body   string
}

// code returns the error code in an error response ("" for success).
func (r response) code() string {
	m := regexp.MustCompile(`<Code>([^<]*)</Code>`).FindStringSubmatch(r.body)
	if m == nil {
		return ""
	}
	return m[1]
}

func (r response) message() string {
	m := regexp.MustCompile(`<Message>([^<]*)</Message>`).FindStringSubmatch(r.body)
	if m == nil {
		return ""
	}
	var s string
	_ = xml.Unmarshal([]byte("<m>"+m[1]+"</m>"), &s)
	return s
}

// field returns the text of the first element named name.
func (r response) field(name string) string {
	m := regexp.MustCompile(`<` + name + `>([^<]*)</` + name + `>`).FindStringSubmatch(r.body)
	if m == nil {
		return ""
	}
	var s string
	_ = xml.Unmarshal([]byte("<m>"+m[1]+"</m>"), &s)
	return s
}

// call runs action as info with params given as alternating key, value.
func (e *testEnv) callAs(info *authn.Info, action string, kv ...string) response {
	e.t.Helper()
	vals := url.Values{"Action": {action}, "Version": {"2010-05-08"}}
	for i := 0; i+1 < len(kv); i += 2 {
		vals.Add(kv[i], kv[i+1])
	}
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req = req.WithContext(authn.WithInfo(context.Background(), info))
	rec := httptest.NewRecorder()
	e.h.Service().Serve(rec, req, vals)
	return response{status: rec.Code, body: rec.Body.String()}
}

func (e *testEnv) call(action string, kv ...string) response {
	e.t.Helper()
	return e.callAs(rootInfo(testAccount), action, kv...)
}

// must runs action as root and fails the test unless it succeeds.
func (e *testEnv) must(action string, kv ...string) response {
	e.t.Helper()
	r := e.call(action, kv...)
	if r.status != http.StatusOK {
		e.t.Fatalf("%s(%v) = %d %s, want 200", action, kv, r.status, r.body)
	}
	return r
}

// golden compares body with testdata/name.golden.xml after masking ids
// (rewriting it with -update).
func golden(t *testing.T, name, body string) {
	t.Helper()
	body = regexp.MustCompile(`(AROA|AIDA|ANPA|AGPA|AIPA)[A-Z0-9]{17}`).ReplaceAllString(body, "${1}XXXXXXXXXXXXXXXXX")
	path := filepath.Join("testdata", name+".golden.xml")
	if *update {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update): %v", err)
	}
	if string(want) != body {
		t.Errorf("%s: body differs from golden file\ngot:\n%s\nwant:\n%s", name, body, want)
	}
}

const trustRoot = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}]}`

const s3Read = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bucket","arn:aws:s3:::bucket/*"]}]}`

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}
