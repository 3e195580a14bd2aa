package emulator_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// v2Put is a SigV2-signed PUT of path as the root user, changed by change
// after signing.
func v2Req(method, path, resource, body string, header map[string]string, change func(*http.Request)) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		var b []byte
		if body != "" {
			b = []byte(body)
		}
		r := atkReq(t, method, e.url(path), b)
		for k, v := range header {
			r.Header.Set(k, v)
		}
		signV2(r, e.root.akid, e.root.secret, resource)
		if change != nil {
			change(r)
		}
		return r
	}
}

// v2Link is a SigV2 presigned link for path, expiring at expires, changed
// by change after signing.
func v2Link(method, path, resource string, expires time.Duration, change func(*http.Request)) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		r := atkReq(t, method, e.url(path), nil)
		if method == http.MethodPut {
			r = atkReq(t, method, e.url(path), []byte("x"))
		}
		presignV2(r, e.root.akid, e.root.secret, resource, time.Now().Add(expires))
		if change != nil {
			change(r)
		}
		return r
	}
}

// TestAttackSigV2 changes SigV2-signed requests after signing. SigV2 signs
// the x-amz-* headers, Content-MD5, Content-Type, the date and the path
// with its sub-resources
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html);
// a change to any of them is SignatureDoesNotMatch, an expired link
// AccessDenied "Request has expired".
func TestAttackSigV2(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	setHeader := func(k, v string) func(*http.Request) { return func(r *http.Request) { r.Header.Set(k, v) } }
	runAttacks(t, e, []attack{
		{name: "x-amz-acl added", req: v2Req("PUT", "/atk/e1", "/atk/e1", "x", nil, setHeader("x-amz-acl", "public-read")),
			status: 403, code: "SignatureDoesNotMatch", absent: "/atk/e1"},
		{name: "x-amz-copy-source added", req: v2Req("PUT", "/atk/e2", "/atk/e2", "", nil, setHeader("x-amz-copy-source", "/atk/secret")),
			status: 403, code: "SignatureDoesNotMatch", absent: "/atk/e2"},
		{name: "Content-Type changed", req: v2Req("PUT", "/atk/e3", "/atk/e3", "x", map[string]string{"Content-Type": "text/plain"}, setHeader("Content-Type", "text/html")),
			status: 403, code: "SignatureDoesNotMatch", absent: "/atk/e3"},
		{name: "signed for another key", req: v2Req("PUT", "/atk/e4", "/atk/e5", "x", nil, nil),
			status: 403, code: "SignatureDoesNotMatch", absent: "/atk/e4"},
		{name: "sub-resource added", req: v2Req("PUT", "/atk/e6", "/atk/e6", "x", nil, func(r *http.Request) { r.URL.RawQuery = "tagging" }),
			status: 403, code: "SignatureDoesNotMatch"},
		{name: "session token added unsigned", req: v2Req("GET", "/atk/obj", "/atk/obj", "", nil, setHeader("x-amz-security-token", "x")),
			status: 400, code: "InvalidToken"},
		{name: "date an hour ago", req: v2Req("GET", "/atk/obj", "/atk/obj", "", nil, func(r *http.Request) {
			r.Header.Set("Date", time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat))
		}), status: 403, code: "RequestTimeTooSkewed"},
		{name: "link expired", req: v2Link("GET", "/atk/obj", "/atk/obj", -time.Minute, nil),
			status: 403, code: "AccessDenied", message: "Request has expired"},
		{name: "link expiry moved", req: v2Link("GET", "/atk/obj", "/atk/obj", time.Minute, func(r *http.Request) {
			r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "Expires=", "Expires=9", 1)
		}), status: 403, code: "SignatureDoesNotMatch"},
		{name: "link used for a sub-resource", req: v2Link("GET", "/atk/obj", "/atk/obj", time.Minute, func(r *http.Request) {
			r.URL.RawQuery = "acl&" + r.URL.RawQuery
		}), status: 403, code: "SignatureDoesNotMatch"},
		{name: "link used with another method", req: v2Link("GET", "/atk/e7", "/atk/e7", time.Minute, func(r *http.Request) {
			r.Method = http.MethodPut
		}), status: 403, code: "SignatureDoesNotMatch", absent: "/atk/e7"},
		{name: "link with x-amz-acl header added", req: v2Link("PUT", "/atk/e8", "/atk/e8", time.Minute, setHeader("x-amz-acl", "public-read")),
			status: 403, code: "SignatureDoesNotMatch", absent: "/atk/e8"},
	})
}

// v2As is a SigV2-signed GET of path by s, carrying token (none when "")
// in x-amz-security-token, signed.
func v2As(who func(*attackEnv) rawSigner, token func(*attackEnv) string, path string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		s := who(e)
		r := atkReq(t, "GET", e.url(path), nil)
		if tok := token(e); tok != "" {
			r.Header.Set("X-Amz-Security-Token", tok)
		}
		signV2(r, s.akid, s.secret, path)
		return r
	}
}

// TestAttackSigV2Sessions signs SigV2 requests with session credentials
// whose token is missing or another session's: S3 answers a session key
// without its token as an unknown key (403 InvalidAccessKeyId), another
// session's token too (as recorded for SigV4 in justincormack/argmin
// guides/aws-compatibility.md), and a session token on a long-term key
// 400 InvalidToken (sigv4.tokenMismatch's sources).
func TestAttackSigV2Sessions(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	theirs := e.sessionOf(t, e.other)
	own := func(e *attackEnv) string { return e.session.token }
	runAttacks(t, e, []attack{
		{name: "session with its token", req: v2As(atkSession, own, "/atk/obj"), status: 200},
		{name: "session without its token", req: v2As(atkSession, func(*attackEnv) string { return "" }, "/atk/obj"), status: 403, code: "InvalidAccessKeyId"},
		{name: "another account's session token", req: v2As(atkSession, func(*attackEnv) string { return theirs.token }, "/atk/obj"), status: 403, code: "InvalidAccessKeyId"},
		{name: "long-term key with a session token", req: v2As(atkReader, own, "/atk/obj"), status: 400, code: "InvalidToken"},
	})
}
