package emulator_test

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// attackEnv is a server with a bucket, an object, a read-only IAM user
// and a role session, for attack probes to aim at.
type attackEnv struct {
	ts      *httptest.Server
	root    rawSigner
	reader  rawSigner // IAM user allowed s3:GetObject and s3:ListBucket on atk only
	session rawSigner // role session of role "atk-role" (s3:* on atk)
	other   rawSigner // root of another account
	// secretVersion is the version id of /atk/secret.
	secretVersion string
}

func (e *attackEnv) url(path string) string { return e.ts.URL + path }

// s3 signs an S3 request as the signer with its payload hash signed.
func (e *attackEnv) s3(t *testing.T, s rawSigner, method, path, body string, header map[string]string) *http.Request {
	t.Helper()
	var b []byte
	if body != "" {
		b = []byte(body)
	}
	r := atkReq(t, method, e.url(path), b)
	signed := []string{"host", "x-amz-content-sha256", "x-amz-date"}
	for k, v := range header {
		r.Header.Set(k, v)
		signed = append(signed, strings.ToLower(k))
	}
	if s.token != "" {
		signed = append(signed, "x-amz-security-token")
	}
	s.signHeader(r, signed, atkSHA256(b))
	return r
}

// query sends a signed Query API call (IAM or STS) and fails the test
// unless it answers 200.
func (e *attackEnv) query(t *testing.T, s rawSigner, service string, kv ...string) string {
	t.Helper()
	status, out := atkDo(t, e.queryReq(t, s, service, kv...))
	if status != http.StatusOK {
		t.Fatalf("%s %v = %d %s", service, kv, status, out)
	}
	return out
}

// queryReq is a signed Query API request (IAM or STS).
func (e *attackEnv) queryReq(t *testing.T, s rawSigner, service string, kv ...string) *http.Request {
	t.Helper()
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	v.Set("Version", map[string]string{"iam": "2010-05-08", "sts": "2011-06-15"}[service])
	body := []byte(v.Encode())
	r := atkReq(t, http.MethodPost, e.url("/"), body)
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	s.service = service
	signed := []string{"content-type", "host", "x-amz-date"}
	if s.token != "" {
		signed = append(signed, "x-amz-security-token")
	}
	s.signHeader(r, signed, atkSHA256(body))
	r.Header.Del("X-Amz-Content-Sha256")
	return r
}

func atkField(body, name string) string {
	m := regexp.MustCompile("<" + name + ">([^<]*)</" + name + ">").FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

func atkMust(t *testing.T, r *http.Request, want int) string {
	t.Helper()
	status, body := atkDo(t, r)
	if status != want {
		t.Fatalf("%s %s = %d %s, want %d", r.Method, r.URL.Path, status, body, want)
	}
	return body
}

const atkTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`

// startAttackEnv builds the world the probes attack.
func startAttackEnv(t *testing.T) *attackEnv {
	t.Helper()
	ts, _ := emulatortest.Start(t, emulator.Options{})
	e := &attackEnv{ts: ts,
		root:  rawSigner{akid: "111111111111", secret: "test", region: "us-east-1", service: "s3"},
		other: rawSigner{akid: "222222222222", secret: "test", region: "us-east-1", service: "s3"},
	}
	atkMust(t, e.s3(t, e.root, http.MethodPut, "/atk", "", nil), http.StatusOK)
	atkMust(t, e.s3(t, e.root, http.MethodPut, "/atk?versioning", `<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`, nil), http.StatusOK)
	atkMust(t, e.s3(t, e.root, http.MethodPut, "/atk/obj", "original", nil), http.StatusOK)
	resp, err := http.DefaultClient.Do(e.s3(t, e.root, http.MethodPut, "/atk/secret", "secret", nil))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT /atk/secret: %v %v", resp, err)
	}
	resp.Body.Close()
	e.secretVersion = resp.Header.Get("X-Amz-Version-Id")

	e.query(t, e.root, "iam", "Action", "CreateUser", "UserName", "reader")
	e.query(t, e.root, "iam", "Action", "PutUserPolicy", "UserName", "reader", "PolicyName", "read", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::atk","arn:aws:s3:::atk/*"]}]}`)
	out := e.query(t, e.root, "iam", "Action", "CreateAccessKey", "UserName", "reader")
	e.reader = rawSigner{akid: atkField(out, "AccessKeyId"), secret: atkField(out, "SecretAccessKey"), region: "us-east-1", service: "s3"}

	e.query(t, e.root, "iam", "Action", "CreateRole", "RoleName", "atk-role", "AssumeRolePolicyDocument", atkTrust)
	e.query(t, e.root, "iam", "Action", "PutRolePolicy", "RoleName", "atk-role", "PolicyName", "s3", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::atk","arn:aws:s3:::atk/*"]}]}`)
	e.query(t, e.root, "iam", "Action", "CreateUser", "UserName", "assumer")
	e.query(t, e.root, "iam", "Action", "PutUserPolicy", "UserName", "assumer", "PolicyName", "assume", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`)
	out = e.query(t, e.root, "iam", "Action", "CreateAccessKey", "UserName", "assumer")
	assumer := rawSigner{akid: atkField(out, "AccessKeyId"), secret: atkField(out, "SecretAccessKey"), region: "us-east-1"}
	out = e.query(t, assumer, "sts", "Action", "AssumeRole", "RoleArn", "arn:aws:iam::111111111111:role/atk-role", "RoleSessionName", "atk")
	e.session = rawSigner{akid: atkField(out, "AccessKeyId"), secret: atkField(out, "SecretAccessKey"),
		token: atkField(out, "SessionToken"), region: "us-east-1", service: "s3"}
	return e
}

// attack is one request AWS refuses, and its answer.
type attack struct {
	name    string
	req     func(t *testing.T, e *attackEnv) *http.Request
	status  int
	code    string
	message string
	// absent is a path ("/atk/key") that must not exist afterwards.
	absent string
}

// awsMessages are the messages S3 writes with these codes, as
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html and
// the recorded answers emulator/sigv4/errors.go cites give them. A probe
// whose message is "" must get the one of its code.
var awsMessages = map[string]string{
	"SignatureDoesNotMatch":     "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
	"InvalidAccessKeyId":        "The AWS Access Key Id you provided does not exist in our records.",
	"InvalidToken":              "The provided token is malformed or otherwise invalid.",
	"XAmzContentSHA256Mismatch": "The provided 'x-amz-content-sha256' header does not match what was computed.",
	"NoSuchVersion":             "The specified version does not exist.",
	"NoSuchBucket":              "The specified bucket does not exist",
	"NoSuchUpload":              "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
	"RequestTimeTooSkewed":      "The difference between the request time and the current time is too large.",
	"MalformedTrailerError":     "The request contained trailing data that was not well-formed or did not conform to our published schema.",
	"InvalidChunkSizeError":     "Only the last chunk is allowed to have a size less than 8192 bytes",
}

type awsErrorBody struct {
	Code    string
	Message string
}

func runAttacks(t *testing.T, e *attackEnv, attacks []attack) {
	t.Helper()
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			status, body := atkDo(t, a.req(t, e))
			got := awsErrorBody{Code: atkField(body, "Code"), Message: html.UnescapeString(atkField(body, "Message"))}
			want := a.message
			if want == "" {
				want = awsMessages[a.code]
			}
			if status != a.status || got.Code != a.code || (want != "" && got.Message != want) {
				t.Errorf("= %d %s %q\n%s\nwant %d %s %q", status, got.Code, got.Message, trim(body), a.status, a.code, want)
			}
			if testing.Verbose() {
				t.Logf("got %d %s %q", status, got.Code, got.Message)
			}
			if a.absent != "" {
				if status, body := atkDo(t, e.s3(t, e.root, http.MethodHead, a.absent, "", nil)); status != http.StatusNotFound {
					t.Errorf("HEAD %s after the attack = %d %s, want 404: it was written", a.absent, status, body)
				}
			}
		})
	}
}

var _ = time.Second

// s3With signs an S3 request as s over exactly the headers signed, with
// payloadHash as x-amz-content-sha256.
func (e *attackEnv) s3With(t *testing.T, s rawSigner, method, path string, body []byte, header map[string]string, signed []string, payloadHash string) *http.Request {
	t.Helper()
	r := atkReq(t, method, e.url(path), body)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	s.signHeader(r, signed, payloadHash)
	return r
}

// regexpAll returns the matches of expr in s.
func regexpAll(expr, s string) []string { return regexp.MustCompile(expr).FindAllString(s, -1) }
