package emulator_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// FuzzServe sends arbitrary signed and unsigned requests through the whole
// server: whatever the input, the answer is an AWS error or a success,
// never an internal error (which would mean a bug, or a panic recovered).
func FuzzServe(f *testing.F) {
	seeds := []struct{ method, target, body string }{
		{"GET", "/", ""},
		{"PUT", "/bucket-a", ""},
		{"PUT", "/bucket-a/key%20one", "hello"},
		{"GET", "/bucket-a?list-type=2&prefix=a&delimiter=/", ""},
		{"POST", "/bucket-a?delete", "<Delete><Object><Key>a</Key></Object></Delete>"},
		{"PUT", "/bucket-a?policy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-a/*"}]}`},
		{"POST", "/", "Action=CreateRole&RoleName=r&AssumeRolePolicyDocument=%7B%7D&Version=2010-05-08"},
		{"POST", "/", "Action=AssumeRole&RoleArn=arn:aws:iam::111111111111:role/r&RoleSessionName=s&Version=2011-06-15"},
		{"POST", "/", "Action=CreatePolicy&PolicyName=p&PolicyDocument=%7B%22Version%22%3A1%7D&Version=2010-05-08"},
		{"GET", "/bucket-a/../../etc/passwd", ""},
		{"PUT", "/bucket-a/k?partNumber=1&uploadId=x", "data"},
	}
	for _, s := range seeds {
		f.Add(s.method, s.target, s.body, true)
		f.Add(s.method, s.target, s.body, false)
	}
	db, err := store.Open(f.TempDir(), store.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	srv, err := emulator.New(db, emulator.Options{})
	if err != nil {
		f.Fatal(err)
	}
	signer := v4.NewSigner()
	creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
	f.Fuzz(func(t *testing.T, method, target, body string, sign bool) {
		if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "/_fakeaws") {
			return
		}
		u, err := url.ParseRequestURI(target)
		if err != nil || method == "" || strings.ContainsAny(method, " \r\n\t()<>@,;:\\\"/[]?={}") {
			return
		}
		r, err := http.NewRequest(method, "http://127.0.0.1:4566"+u.RequestURI(), strings.NewReader(body))
		if err != nil {
			return
		}
		r.RemoteAddr = "127.0.0.1:1234"
		service := "s3"
		if strings.HasPrefix(body, "Action=") {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			service = "iam"
			if strings.Contains(body, "Version=2011-06-15") {
				service = "sts"
			}
		}
		if sign {
			r.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
			if service != "s3" {
				r.Header.Del("x-amz-content-sha256")
			}
			hash := "UNSIGNED-PAYLOAD"
			if service != "s3" {
				hash = sha256Hex(body)
			}
			if err := signer.SignHTTP(context.Background(), creds, r, hash, service, "us-east-1", time.Now()); err != nil {
				return
			}
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Errorf("%s %s (signed=%v) body %q = %d %s", method, target, sign, body, w.Code, w.Body)
		}
	})
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
