package emulator_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/evaluator"
)

// The benchmarks here follow bench/loadgen: the same requests, signed the
// same way, but served in-process so pprof sees only the server.

var benchRoot = aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}

// asRoot runs a Query API call as the account's root without a signature.
func asRoot(b *testing.B, srv *emulator.Server, form string) string {
	b.Helper()
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:4566/", strings.NewReader(form))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	root := authn.Caller{Type: evaluator.PrincipalAccount, Account: "111111111111", ARN: authn.RootARN("111111111111"), UserID: "111111111111"}
	srv.ServeAs(w, r, root)
	if w.Code != 200 {
		b.Fatalf("%s = %d %s", form, w.Code, w.Body)
	}
	return w.Body.String()
}

// benchUser makes an IAM user allowed everything, as loadgen's userKey does,
// and returns its credentials.
func benchUser(b *testing.B, srv *emulator.Server) aws.Credentials {
	b.Helper()
	asRoot(b, srv, "Action=CreateUser&Version=2010-05-08&UserName=bench")
	allowAll := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	asRoot(b, srv, "Action=PutUserPolicy&Version=2010-05-08&UserName=bench&PolicyName=all&PolicyDocument="+url.QueryEscape(allowAll))
	body := asRoot(b, srv, "Action=CreateAccessKey&Version=2010-05-08&UserName=bench")
	id := regexp.MustCompile(`<AccessKeyId>([^<]+)</AccessKeyId>`).FindStringSubmatch(body)
	secret := regexp.MustCompile(`<SecretAccessKey>([^<]+)</SecretAccessKey>`).FindStringSubmatch(body)
	if id == nil || secret == nil {
		b.Fatalf("no key in %s", body)
	}
	return aws.Credentials{AccessKeyID: id[1], SecretAccessKey: secret[1]}
}

// signedBody signs a request with body for service at now.
func signedBody(b *testing.B, creds aws.Credentials, method, target, service string, body []byte) *http.Request {
	r := httptest.NewRequest(method, target, bytes.NewReader(body))
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	if service == "s3" {
		r.Header.Set("X-Amz-Content-Sha256", hash)
	} else {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hash, service, "us-east-1", time.Now()); err != nil {
		b.Fatal(err)
	}
	return r
}

// replay serves a copy of a signed request with its body restored.
func replay(srv http.Handler, r *http.Request, body []byte) *httptest.ResponseRecorder {
	c := r.Clone(r.Context())
	c.Body = nopCloser{bytes.NewReader(body)}
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, c)
	return w
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

func benchQuery(b *testing.B, srv *emulator.Server, creds aws.Credentials, form string) {
	r := signedBody(b, creds, http.MethodPost, "http://127.0.0.1:4566/", "sts", []byte(form))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if w := replay(srv, r, []byte(form)); w.Code != 200 {
				b.Fatalf("%s = %d %s", form, w.Code, w.Body)
			}
		}
	})
}

// BenchmarkAssumeRole is loadgen's assumerole: an IAM user allowed
// everything assumes a role of its own account that trusts the account.
func BenchmarkAssumeRole(b *testing.B) {
	srv := benchServer(b)
	user := benchUser(b, srv)
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`
	asRoot(b, srv, "Action=CreateRole&Version=2010-05-08&RoleName=bench-role&AssumeRolePolicyDocument="+url.QueryEscape(trust))
	benchQuery(b, srv, user, "Action=AssumeRole&Version=2011-06-15&RoleSessionName=bench&RoleArn="+
		url.QueryEscape("arn:aws:iam::111111111111:role/bench-role"))
}

// BenchmarkGetSessionToken is loadgen's getsessiontoken.
func BenchmarkGetSessionToken(b *testing.B) {
	srv := benchServer(b)
	benchQuery(b, srv, benchUser(b, srv), "Action=GetSessionToken&Version=2011-06-15")
}

// BenchmarkSignedPutObject is loadgen's putobject: header-signed 1 KiB
// PUTs from many goroutines, fsync on, so concurrent writers can share
// commits.
func BenchmarkSignedPutObject(b *testing.B) {
	srv := benchServer(b)
	kib := bytes.Repeat([]byte("x"), 1024)
	var reqs [64]*http.Request
	for i := range reqs {
		reqs[i] = signedBody(b, benchRoot, http.MethodPut, "http://127.0.0.1:4566/bench-bucket/put-"+strconv.Itoa(i), "s3", kib)
	}
	var seq atomic.Int64
	b.SetParallelism(32)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if w := replay(srv, reqs[seq.Add(1)%int64(len(reqs))], kib); w.Code != 200 {
				b.Fatalf("PUT = %d %s", w.Code, w.Body)
			}
		}
	})
}

// BenchmarkPresignedGetObject is loadgen's presigned.
func BenchmarkPresignedGetObject(b *testing.B) {
	srv := benchServer(b)
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:4566/bench-bucket/key?X-Amz-Expires=3600", nil)
	u, _, err := v4.NewSigner().PresignHTTP(context.Background(), benchRoot, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, u, nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("GET = %d %s", w.Code, w.Body)
		}
	}
}
