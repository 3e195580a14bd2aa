package emulator_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

const emptySHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// benchServer is a server with one bucket and one object owned by
// 111111111111.
func benchServer(b *testing.B) *emulator.Server {
	b.Helper()
	db, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	srv, err := emulator.New(db, emulator.Options{})
	if err != nil {
		b.Fatal(err)
	}
	root := authn.Caller{Type: evaluator.PrincipalAccount, Account: "111111111111", ARN: authn.RootARN("111111111111"), UserID: "111111111111"}
	for _, r := range []*http.Request{
		httptest.NewRequest(http.MethodPut, "http://127.0.0.1:4566/bench-bucket", nil),
		httptest.NewRequest(http.MethodPut, "http://127.0.0.1:4566/bench-bucket/key", strings.NewReader("hello")),
	} {
		w := httptest.NewRecorder()
		srv.ServeAs(w, r, root)
		if w.Code != 200 {
			b.Fatalf("setup %s %s = %d %s", r.Method, r.URL, w.Code, w.Body)
		}
	}
	return srv
}

func signed(b *testing.B, method, url, service string) *http.Request {
	r := httptest.NewRequest(method, url, nil)
	r.Header.Set("x-amz-content-sha256", emptySHA)
	creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, emptySHA, service, "us-east-1", time.Now()); err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkSignedGetObject is the whole path of an authenticated,
// authorized S3 GET: SigV4 check, key lookup, policy gathering, evaluation,
// metadata read and body copy.
func BenchmarkSignedGetObject(b *testing.B) {
	srv := benchServer(b)
	r := signed(b, http.MethodGet, "http://127.0.0.1:4566/bench-bucket/key", "s3")
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("GET = %d %s", w.Code, w.Body)
		}
	}
}

// BenchmarkSignedGetCallerIdentity is the lightest signed Query API call.
func BenchmarkSignedGetCallerIdentity(b *testing.B) {
	srv := benchServer(b)
	r := signed(b, http.MethodGet, "http://127.0.0.1:4566/?Action=GetCallerIdentity&Version=2011-06-15", "sts")
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("GetCallerIdentity = %d %s", w.Code, w.Body)
		}
	}
}
