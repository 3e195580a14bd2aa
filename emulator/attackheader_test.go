package emulator_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// after builds a request with build, then sets header on it unsigned.
func atkAfter(build func(*testing.T, *attackEnv) *http.Request, header map[string]string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		r := build(t, e)
		for k, v := range header {
			if k == "Host" {
				r.Host = v
				continue
			}
			r.Header.Set(k, v)
		}
		return r
	}
}

func atkPut(path, body string, header map[string]string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		return e.s3(t, e.root, http.MethodPut, path, body, header)
	}
}

const notSigned = "There were headers present in the request which were not signed"

func TestAttackUnsignedHeaders(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	runAttacks(t, e, []attack{
		{name: "x-amz-acl added", req: atkAfter(atkPut("/atk/a1", "x", nil), map[string]string{"x-amz-acl": "public-read"}),
			status: 403, code: "AccessDenied", message: notSigned, absent: "/atk/a1"},
		{name: "x-amz-copy-source added", req: atkAfter(atkPut("/atk/a2", "", nil), map[string]string{"x-amz-copy-source": "/atk/secret"}),
			status: 403, code: "AccessDenied", message: notSigned, absent: "/atk/a2"},
		{name: "x-amz-tagging added", req: atkAfter(atkPut("/atk/a3", "x", nil), map[string]string{"x-amz-tagging": "a=b"}),
			status: 403, code: "AccessDenied", message: notSigned, absent: "/atk/a3"},
		{name: "x-amz-grant-full-control added", req: atkAfter(atkPut("/atk/a4", "x", nil), map[string]string{"x-amz-grant-full-control": "id=abc"}),
			status: 403, code: "AccessDenied", message: notSigned, absent: "/atk/a4"},
		{name: "host changed", req: atkAfter(atkPut("/atk/a5", "x", nil), map[string]string{"Host": "other.example"}),
			status: 403, code: "SignatureDoesNotMatch", absent: "/atk/a5"},
		{name: "body differs from x-amz-content-sha256", req: func(t *testing.T, e *attackEnv) *http.Request {
			r := e.s3(t, e.root, http.MethodPut, "/atk/a6", "good", nil)
			r.Body = http.NoBody
			r.Body = atkReq(t, "PUT", e.url("/"), []byte("evil")).Body
			return r
		}, status: 400, code: "XAmzContentSHA256Mismatch", absent: "/atk/a6"},
	})
}

func TestAttackSigV4Header(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	base := []string{"host", "x-amz-content-sha256", "x-amz-date"}
	runAttacks(t, e, []attack{
		{name: "x-amz-date unsigned", req: func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3With(t, e.root, "PUT", "/atk/b1", []byte("x"), nil, []string{"host", "x-amz-content-sha256"}, atkSHA256([]byte("x")))
		}, status: 403, code: "AccessDenied", message: notSigned, absent: "/atk/b1"},
		// S3 takes x-amz-content-sha256 unsigned (zengularity/benji#309,
		// scality/Arsenal#2590): it is the canonical request's last line,
		// so changing it fails the signature.
		{name: "x-amz-content-sha256 unsigned", req: func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3With(t, e.root, "PUT", "/atk/b2", []byte("x"), nil, []string{"host", "x-amz-date"}, atkSHA256([]byte("x")))
		}, status: 200},
		{name: "x-amz-content-sha256 unsigned and changed", req: func(t *testing.T, e *attackEnv) *http.Request {
			r := e.s3With(t, e.root, "PUT", "/atk/b2x", []byte("x"), nil, []string{"host", "x-amz-date"}, atkSHA256([]byte("x")))
			r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
			return r
		}, status: 403, code: "SignatureDoesNotMatch", absent: "/atk/b2x"},
		{name: "host unsigned", req: func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3With(t, e.root, "PUT", "/atk/b3", []byte("x"), nil, []string{"x-amz-content-sha256", "x-amz-date"}, atkSHA256([]byte("x")))
		}, status: 403, code: "AccessDenied", message: notSigned, absent: "/atk/b3"},
		{name: "session token unsigned", req: func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3With(t, e.session, "PUT", "/atk/b4", []byte("x"), nil, base, atkSHA256([]byte("x")))
		}, status: 403, code: "AccessDenied", message: notSigned, absent: "/atk/b4"},
		{name: "signed metadata header repeated", req: func(t *testing.T, e *attackEnv) *http.Request {
			r := e.s3(t, e.root, "PUT", "/atk/b5", "x", map[string]string{"x-amz-meta-a": "1"})
			r.Header.Add("x-amz-meta-a", "2")
			return r
		}, status: 403, code: "SignatureDoesNotMatch", absent: "/atk/b5"},
		{name: "query key added", req: func(t *testing.T, e *attackEnv) *http.Request {
			r := e.s3(t, e.root, "GET", "/atk/obj", "", nil)
			r.URL.RawQuery = "versionId=" + e.secretVersion
			return r
		}, status: 403, code: "SignatureDoesNotMatch"},
		{name: "same query key twice", req: func(t *testing.T, e *attackEnv) *http.Request {
			r := e.s3(t, e.root, "GET", "/atk?list-type=2&prefix=o", "", nil)
			r.URL.RawQuery += "&prefix=s"
			return r
		}, status: 403, code: "SignatureDoesNotMatch"},
		{name: "scope terminator wrong", req: func(t *testing.T, e *attackEnv) *http.Request {
			s := e.root
			s.terminator = "aws4_requesx"
			return e.s3(t, s, "PUT", "/atk/b6", "x", nil)
		}, status: 400, code: "AuthorizationHeaderMalformed", absent: "/atk/b6"},
		{name: "scope date not the request's", req: func(t *testing.T, e *attackEnv) *http.Request {
			s := e.root
			s.scopeDate = "20200101"
			return e.s3(t, s, "PUT", "/atk/b7", "x", nil)
		}, status: 400, code: "AuthorizationHeaderMalformed", absent: "/atk/b7"},
		{name: "scope region not the bucket's", req: func(t *testing.T, e *attackEnv) *http.Request {
			s := e.root
			s.region = "eu-west-1"
			// Path-style: the request reached eu-west-1's endpoint, not the
			// bucket's (s3.reachedRegion), so S3 redirects it, writing nothing.
			return e.s3(t, s, "PUT", "/atk/b8", "x", nil)
		}, status: 301, code: "PermanentRedirect", absent: "/atk/b8"},
		{name: "algorithm in lower case", req: func(t *testing.T, e *attackEnv) *http.Request {
			r := e.s3(t, e.root, "PUT", "/atk/b9", "x", nil)
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256", "aws4-hmac-sha256", 1))
			return r
		}, status: 400, code: "InvalidArgument", absent: "/atk/b9"},
		{name: "request time an hour ahead", req: func(t *testing.T, e *attackEnv) *http.Request {
			s := e.root
			s.at = time.Now().Add(time.Hour)
			return e.s3(t, s, "PUT", "/atk/b10", "x", nil)
		}, status: 403, code: "RequestTimeTooSkewed", absent: "/atk/b10"},
		{name: "session key without its token", req: func(t *testing.T, e *attackEnv) *http.Request {
			s := e.session
			s.token = ""
			return e.s3(t, s, "PUT", "/atk/b11", "x", nil)
		}, status: 403, code: "InvalidAccessKeyId", absent: "/atk/b11"},
		{name: "session key with another session's token", req: func(t *testing.T, e *attackEnv) *http.Request {
			s := e.session
			s.token = e.root.akid + s.token[12:]
			return e.s3(t, s, "PUT", "/atk/b12", "x", nil)
		}, status: 400, code: "InvalidToken", absent: "/atk/b12"},
		{name: "long-term key with a session token", req: func(t *testing.T, e *attackEnv) *http.Request {
			s := e.reader
			s.token = e.session.token
			return e.s3(t, s, "GET", "/atk/obj", "", nil)
		}, status: 400, code: "InvalidToken"},
		{name: "read-only user starts a multipart upload", req: func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3(t, e.reader, "POST", "/atk/b13?uploads", "", nil)
		}, status: 403, code: "AccessDenied"},
		{name: "read-only user puts", req: func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3(t, e.reader, "PUT", "/atk/b14", "x", nil)
		}, status: 403, code: "AccessDenied", absent: "/atk/b14"},
		{name: "version id of another object", req: func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3(t, e.root, "GET", "/atk/obj?versionId="+e.secretVersion, "", nil)
		}, status: 404, code: "NoSuchVersion"},
		{name: "virtual host of another bucket, path of this one", req: func(t *testing.T, e *attackEnv) *http.Request {
			r := atkReq(t, "GET", e.url("/atk/secret"), nil)
			r.Host = "nobucket.s3.localhost.localstack.cloud"
			e.reader.signHeader(r, base, atkSHA256(nil))
			return r
		}, status: 404, code: "NoSuchBucket"},
		{name: "other account writes", req: func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3(t, e.other, "PUT", "/atk/b15", "x", nil)
		}, status: 403, code: "AccessDenied", absent: "/atk/b15"},
		{name: "IAM body changed under UNSIGNED-PAYLOAD", req: func(t *testing.T, e *attackEnv) *http.Request {
			r := atkReq(t, "POST", e.url("/"), []byte("Action=ListUsers&Version=2010-05-08"))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			s := e.root
			s.service = "iam"
			s.signHeader(r, []string{"content-type", "host", "x-amz-content-sha256", "x-amz-date"}, "UNSIGNED-PAYLOAD")
			r.Body = atkReq(t, "POST", e.url("/"), []byte("Action=CreateUser&UserName=evil&Version=2010-05-08")).Body
			r.ContentLength = int64(len("Action=CreateUser&UserName=evil&Version=2010-05-08"))
			return r
		}, status: 403, code: "SignatureDoesNotMatch",
			message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."},
	})
}

// scoped is a root-signed PUT of path whose credential scope names
// service.
func scoped(service, path string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		s := e.root
		s.service = service
		return e.s3(t, s, "PUT", path, "x", nil)
	}
}

// TestAttackScopeService signs an S3 write for another service. fakeaws
// routes a request by its credential scope's service (one endpoint serves
// them all, docs/deviations.md), so the write reaches IAM or STS, which
// find no action in it (400 InvalidAction), or a service fakeaws does not
// serve (501 UnknownService); nothing is written.
func TestAttackScopeService(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	runAttacks(t, e, []attack{
		{name: "iam", req: scoped("iam", "/atk/s1"), status: 400, code: "InvalidAction", absent: "/atk/s1"},
		{name: "sts", req: scoped("sts", "/atk/s2"), status: 400, code: "InvalidAction", absent: "/atk/s2"},
		{name: "S3 in upper case", req: scoped("S3", "/atk/s3"), status: 501, code: "UnknownService", absent: "/atk/s3"},
		{name: "s3-object-lambda", req: scoped("s3-object-lambda", "/atk/s4"), status: 501, code: "UnknownService", absent: "/atk/s4"},
		{name: "empty", req: scoped("", "/atk/s5"), status: 400, code: "AuthorizationHeaderMalformed", absent: "/atk/s5"},
	})
}
