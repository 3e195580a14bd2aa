package sigv4

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

const (
	testAKID   = "AKIDEXAMPLE"
	testSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
)

var testTime = time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)

func testVerifier(now time.Time) *Verifier {
	return &Verifier{
		Lookup: func(ctx context.Context, akid string) (Key, error) {
			switch akid {
			case testAKID:
				return Key{Secret: testSecret}, nil
			case "ASIATEMP":
				return Key{Secret: testSecret, SessionToken: "tok"}, nil
			}
			return Key{}, InvalidAccessKeyID("s3", akid)
		},
		Now: func() time.Time { return now },
	}
}

// toServer turns a client request into what an http.Server hands a handler.
func toServer(t testing.TB, r *http.Request) *http.Request {
	t.Helper()
	uri := r.URL.RequestURI()
	if r.URL.Opaque != "" {
		uri = r.URL.Opaque
		if r.URL.RawQuery != "" {
			uri += "?" + r.URL.RawQuery
		}
	}
	sr := httptest.NewRequest(r.Method, uri, r.Body)
	sr.Host = r.Host
	if sr.Host == "" {
		sr.Host = r.URL.Host
	}
	sr.Header = r.Header.Clone()
	sr.ContentLength = r.ContentLength
	if r.ContentLength > 0 {
		sr.Header.Set("Content-Length", strconv.FormatInt(r.ContentLength, 10))
	}
	return sr
}

func errCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return "other:" + err.Error()
}

func TestSDKRoundTripHeader(t *testing.T) {
	creds := aws.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret}
	tests := []struct {
		name, service, method, url, body, secret string
		skew                                     time.Duration
		s3                                       bool
		wantCode                                 string
	}{
		{name: "s3 get", service: "s3", method: "GET", url: "http://localhost:4566/bucket/key.txt", s3: true},
		{name: "s3 space", service: "s3", method: "GET", url: "http://localhost:4566/bucket/a%20b/c.txt", s3: true},
		{name: "iam post", service: "iam", method: "POST", url: "http://localhost:4566/", body: "Action=ListUsers&Version=2010-05-08"},
		{name: "sts post", service: "sts", method: "POST", url: "http://localhost:4566/", body: "Action=GetCallerIdentity&Version=2011-06-15"},
		{name: "wrong secret s3", service: "s3", method: "GET", url: "http://localhost:4566/bucket/k", s3: true, secret: "nope", wantCode: "SignatureDoesNotMatch"},
		{name: "wrong secret iam", service: "iam", method: "POST", url: "http://localhost:4566/", body: "Action=ListUsers", secret: "nope", wantCode: "SignatureDoesNotMatch"},
		{name: "skew s3", service: "s3", method: "GET", url: "http://localhost:4566/b/k", s3: true, skew: 20 * time.Minute, wantCode: "RequestTimeTooSkewed"},
		{name: "skew sts", service: "sts", method: "POST", url: "http://localhost:4566/", body: "Action=GetCallerIdentity", skew: -20 * time.Minute, wantCode: "SignatureDoesNotMatch"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, tc.url, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			ph := sha256Hex([]byte(tc.body))
			if tc.s3 {
				req.Header.Set("X-Amz-Content-Sha256", ph)
			} else {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			}
			c := creds
			if tc.secret != "" {
				c.SecretAccessKey = tc.secret
			}
			signer := v4.NewSigner() // a fresh signer: it caches derived keys per access key
			if err := signer.SignHTTP(context.Background(), c, req, ph, tc.service, "us-east-1", testTime, func(o *v4.SignerOptions) {
				o.DisableURIPathEscaping = tc.s3
			}); err != nil {
				t.Fatal(err)
			}
			sr := toServer(t, req)
			res, err := testVerifier(testTime.Add(tc.skew)).Verify(sr)
			if got := errCode(err); got != tc.wantCode {
				t.Fatalf("got error %v, want code %q", err, tc.wantCode)
			}
			if err != nil {
				return
			}
			if res.Service != tc.service || res.AccessKeyID != testAKID || res.AuthType != "REST-HEADER" {
				t.Fatalf("got result %+v, want service %s", res, tc.service)
			}
		})
	}
}
