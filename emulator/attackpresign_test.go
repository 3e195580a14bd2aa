package emulator_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// presigned is a presigned request as s for method and path, changed by
// change (nil: none) after signing.
func presigned(who func(*attackEnv) rawSigner, method, path, expires string, change func(*http.Request)) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		r := atkReq(t, method, e.url(path), nil)
		if method == http.MethodPut {
			r = atkReq(t, method, e.url(path), []byte("x"))
		}
		who(e).presign(r, expires)
		if change != nil {
			change(r)
		}
		return r
	}
}

func atkRoot(e *attackEnv) rawSigner    { return e.root }
func atkSession(e *attackEnv) rawSigner { return e.session }

func TestAttackPresigned(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	runAttacks(t, e, []attack{
		{name: "response-content-type added", req: presigned(atkRoot, "GET", "/atk/obj", "300", func(r *http.Request) {
			r.URL.RawQuery += "&response-content-type=text/html"
		}), status: 403, code: "SignatureDoesNotMatch"},
		{name: "versionId added", req: presigned(atkRoot, "GET", "/atk/secret", "300", func(r *http.Request) {
			r.URL.RawQuery = "versionId=x&" + r.URL.RawQuery
		}), status: 403, code: "SignatureDoesNotMatch"},
		{name: "x-amz-acl header added to a PUT", req: presigned(atkRoot, "PUT", "/atk/c1", "300", func(r *http.Request) {
			r.Header.Set("x-amz-acl", "public-read")
		}), status: 403, code: "AccessDenied", message: notSigned, absent: "/atk/c1"},
		{name: "x-amz-acl parameter added to a PUT", req: presigned(atkRoot, "PUT", "/atk/c2", "300", func(r *http.Request) {
			r.URL.RawQuery += "&x-amz-acl=public-read"
		}), status: 403, code: "SignatureDoesNotMatch", absent: "/atk/c2"},
		{name: "method changed", req: presigned(atkRoot, "GET", "/atk/c3", "300", func(r *http.Request) {
			r.Method = http.MethodPut
			r.Body = io.NopCloser(strings.NewReader("x"))
			r.ContentLength = 1
		}), status: 403, code: "SignatureDoesNotMatch", absent: "/atk/c3"},
		{name: "X-Amz-Expires over a week", req: presigned(atkRoot, "GET", "/atk/obj", "604801", nil),
			status: 400, code: "AuthorizationQueryParametersError"},
		{name: "X-Amz-Expires negative", req: presigned(atkRoot, "GET", "/atk/obj", "-1", nil),
			status: 400, code: "AuthorizationQueryParametersError"},
		{name: "expired", req: func(t *testing.T, e *attackEnv) *http.Request {
			s := e.root
			s.at = time.Now().Add(-10 * time.Minute)
			r := atkReq(t, "GET", e.url("/atk/obj"), nil)
			s.presign(r, "60")
			return r
		}, status: 403, code: "AccessDenied", message: "Request has expired"},
		{name: "signed an hour ahead", req: func(t *testing.T, e *attackEnv) *http.Request {
			s := e.root
			s.at = time.Now().Add(time.Hour)
			r := atkReq(t, "GET", e.url("/atk/obj"), nil)
			s.presign(r, "60")
			return r
		}, status: 403, code: "AccessDenied", message: "Request is not yet valid"},
		{name: "session token removed", req: presigned(atkSession, "GET", "/atk/obj", "300", func(r *http.Request) {
			q := r.URL.Query()
			q.Del("X-Amz-Security-Token")
			r.URL.RawQuery = q.Encode()
		}), status: 403, code: "InvalidAccessKeyId"},
		{name: "session token moved to a header", req: presigned(atkSession, "GET", "/atk/obj", "300", func(r *http.Request) {
			q := r.URL.Query()
			r.Header.Set("X-Amz-Security-Token", q.Get("X-Amz-Security-Token"))
			q.Del("X-Amz-Security-Token")
			r.URL.RawQuery = q.Encode()
		}), status: 403, code: "AccessDenied", message: notSigned},
		{name: "session token altered", req: presigned(atkSession, "GET", "/atk/obj", "300", func(r *http.Request) {
			q := r.URL.Query()
			tok := q.Get("X-Amz-Security-Token")
			q.Set("X-Amz-Security-Token", tok[:len(tok)-4]+"AAAA")
			r.URL.RawQuery = q.Encode()
			// Well formed but not the key's: an unknown key, as AWS
			// answers a mismatched token (justincormack/argmin
			// guides/aws-compatibility.md, presigned slice).
		}), status: 403, code: "InvalidAccessKeyId"},
		{name: "second signature parameter", req: presigned(atkRoot, "PUT", "/atk/c4", "300", func(r *http.Request) {
			r.URL.RawQuery = "X-Amz-Signature=" + strings.Repeat("0", 64) + "&" + r.URL.RawQuery
		}), status: 403, code: "SignatureDoesNotMatch", absent: "/atk/c4"},
		{name: "header and query auth together", req: presigned(atkRoot, "GET", "/atk/obj", "300", func(r *http.Request) {
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=111111111111/20200101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00")
		}), status: 400, code: "InvalidArgument"},
		{name: "body not the one its X-Amz-Content-Sha256 names", req: func(t *testing.T, e *attackEnv) *http.Request {
			r := atkReq(t, "PUT", e.url("/atk/c5?X-Amz-Content-Sha256="+atkSHA256([]byte("good"))), []byte("evil"))
			e.root.presignPayload(r, "60", atkSHA256([]byte("good")))
			return r
		}, status: 400, code: "XAmzContentSHA256Mismatch", absent: "/atk/c5"},
		{name: "region not the bucket's", req: func(t *testing.T, e *attackEnv) *http.Request {
			s := e.root
			s.region = "eu-west-1"
			r := atkReq(t, "GET", e.url("/atk/obj"), nil)
			// Path-style: redirected to the bucket's Region (s3.reachedRegion).
			s.presign(r, "60")
			return r
		}, status: 301, code: "PermanentRedirect"},
	})
}
