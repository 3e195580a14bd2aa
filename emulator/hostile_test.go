package emulator_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// hostile is one hostile request and AWS's answer to it.
type hostile struct {
	name   string
	req    func(t *testing.T, ts *httptest.Server) *http.Request
	status int
	code   string // the <Code> of the error; "" when none is wanted
}

// s3Hostile is a signed S3 request with a payload signed by its hash.
func s3Hostile(method, path string, body string, header map[string]string) func(*testing.T, *httptest.Server) *http.Request {
	return func(t *testing.T, ts *httptest.Server) *http.Request {
		t.Helper()
		r, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if body == "" {
			r.Body = http.NoBody
		}
		for k, v := range header {
			r.Header.Set(k, v)
		}
		sum := sha256.Sum256([]byte(body))
		hash := hex.EncodeToString(sum[:])
		r.Header.Set("x-amz-content-sha256", hash)
		signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
		if err := signer.SignHTTP(context.Background(), rootCreds, r, hash, "s3", "us-east-1", time.Now()); err != nil {
			t.Fatal(err)
		}
		return r
	}
}

// withRawQuery sets a query after signing: the SDK's signer rewrites the
// query through url.Values, which drops more than 10000 parameters. S3
// refuses the request for its size before it checks the signature.
func withRawQuery(build func(*testing.T, *httptest.Server) *http.Request, query string) func(*testing.T, *httptest.Server) *http.Request {
	return func(t *testing.T, ts *httptest.Server) *http.Request {
		r := build(t, ts)
		r.URL.RawQuery = query
		return r
	}
}

// iamHostile is a signed IAM Query request with form values.
func iamHostile(values url.Values) func(*testing.T, *httptest.Server) *http.Request {
	return queryHostile("iam", "2010-05-08", values)
}

// stsHostile is a signed STS Query request with form values.
func stsHostile(values url.Values) func(*testing.T, *httptest.Server) *http.Request {
	return queryHostile("sts", "2011-06-15", values)
}

func queryHostile(service, version string, values url.Values) func(*testing.T, *httptest.Server) *http.Request {
	return func(t *testing.T, ts *httptest.Server) *http.Request {
		t.Helper()
		values.Set("Version", version)
		body := values.Encode()
		r, err := http.NewRequest(http.MethodPost, ts.URL+"/", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		sum := sha256.Sum256([]byte(body))
		if err := v4.NewSigner().SignHTTP(context.Background(), rootCreds, r, hex.EncodeToString(sum[:]), service, "us-east-1", time.Now()); err != nil {
			t.Fatal(err)
		}
		return r
	}
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// billionLaughs is an XML entity-expansion bomb in a Tagging document.
const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>k</Key><Value>&lol9;</Value></Tag></TagSet></Tagging>`

// externalEntity asks the parser to read a local file into a tag.
const externalEntity = `<?xml version="1.0"?>
<!DOCTYPE Tagging [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>k</Key><Value>&xxe;</Value></Tag></TagSet></Tagging>`

// deleteObjectsHostile is a DeleteObjects request for key.
func deleteObjectsHostile(key string) func(*testing.T, *httptest.Server) *http.Request {
	body := `<Delete><Object><Key>` + key + `</Key></Object></Delete>`
	return s3Hostile(http.MethodPost, "/hostile?delete", body, map[string]string{"Content-MD5": contentMD5(body)})
}

// nestedXML is a Delete document whose Object is nested depth deep and
// never closed.
func nestedXML(depth int) string {
	return `<Delete>` + strings.Repeat("<Object>", depth) + `<Key>k</Key>`
}

// nestedPolicy is a policy whose Statement is depth nested arrays.
func nestedPolicy(depth int) string {
	return `{"Version":"2012-10-17","Statement":` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}`
}

// bigPolicy is a valid policy of at least size non-space characters.
func bigPolicy(size int) string {
	var actions []string
	for n := 60; n < size; n += 25 {
		actions = append(actions, fmt.Sprintf(`"s3:GetObject%010d"`, len(actions)))
	}
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[` + strings.Join(actions, ",") +
		`],"Resource":"*"}]}`
}

func manyForm(n int) url.Values {
	v := form("Action", "ListUsers")
	for i := range n {
		v.Set(fmt.Sprintf("p%d", i), "x")
	}
	return v
}

func manyQueryParams(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "&p%d=%d", i, i)
	}
	return b.String()[1:]
}

var codeRE = regexp.MustCompile(`<Code>([^<]*)</Code>`)

// TestHostileInput sends hostile requests at a running server and checks
// each gets AWS's error, never a 5xx, and that a key naming a path outside
// the data directory stays a key.
func TestHostileInput(t *testing.T) {
	t.Parallel()
	ts, _ := emulatortest.Start(t, emulator.Options{})
	client := &http.Client{Timeout: time.Minute}
	send := func(t *testing.T, r *http.Request) (int, string) {
		t.Helper()
		resp, err := client.Do(r)
		if err != nil {
			t.Fatalf("%s %.80s: %v", r.Method, r.URL, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		return resp.StatusCode, string(b)
	}
	if code, body := send(t, s3Hostile(http.MethodPut, "/hostile", "", nil)(t, ts)); code != http.StatusOK {
		t.Fatalf("CreateBucket = %d %s", code, body)
	}
	if code, body := send(t, iamHostile(form("Action", "CreateUser", "UserName", "victim"))(t, ts)); code != http.StatusOK {
		t.Fatalf("CreateUser = %d %s", code, body)
	}
	if code, body := send(t, iamHostile(form("Action", "CreateRole", "RoleName", "victim", "AssumeRolePolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`))(t, ts)); code != http.StatusOK {
		t.Fatalf("CreateRole = %d %s", code, body)
	}

	if code, body := send(t, s3Hostile(http.MethodPut, "/hostile/obj", "0123456789", nil)(t, ts)); code != http.StatusOK {
		t.Fatalf("PutObject = %d %s", code, body)
	}
	tests := []hostile{
		// S3 refuses a header section over 8192 bytes: RequestHeaderSectionTooLarge, 400,
		// "The request header and query parameters used to make the request exceed the maximum
		// allowed size" (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html;
		// S3's body carries <MaxSizeAllowed>8192</MaxSizeAllowed>).
		{"headers over 8 KiB", s3Hostile(http.MethodPut, "/hostile/h", "x", map[string]string{"X-Junk": strings.Repeat("j", 9000)}),
			http.StatusBadRequest, "RequestHeaderSectionTooLarge"},
		{"many small headers over 8 KiB", s3Hostile(http.MethodGet, "/hostile", "", manyHeaders(400)),
			http.StatusBadRequest, "RequestHeaderSectionTooLarge"},
		{"10k query parameters", withRawQuery(s3Hostile(http.MethodGet, "/hostile", "", nil), manyQueryParams(10_001)),
			http.StatusBadRequest, "RequestHeaderSectionTooLarge"},
		// Over net/http's 1 MiB of headers Go answers 431 itself, before fakeaws (docs/deviations.md).
		{"headers over 2 MiB", s3Hostile(http.MethodGet, "/hostile", "", map[string]string{"X-Junk": strings.Repeat("j", 2<<20)}),
			http.StatusRequestHeaderFieldsTooLarge, ""},
		// A Query request whose form cannot be read is MalformedQueryString, 404
		// (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html); Go reads
		// at most 10000 parameters.
		{"IAM form of 10k parameters", iamHostile(manyForm(10_001)),
			http.StatusNotFound, "MalformedQueryString"},
		// User metadata over 2 KB: MetadataTooLarge, 400 (same page).
		{"metadata over 2 KB", s3Hostile(http.MethodPut, "/hostile/meta", "x", map[string]string{"x-amz-meta-big": strings.Repeat("m", 3000)}),
			http.StatusBadRequest, "MetadataTooLarge"},
		// Keys are at most 1024 bytes: KeyTooLongError, 400, "Your key is too long" (same page).
		{"key of 1025 bytes", s3Hostile(http.MethodPut, "/hostile/"+strings.Repeat("k", 1025), "x", nil),
			http.StatusBadRequest, "KeyTooLongError"},
		{"URL of 200 KiB", s3Hostile(http.MethodPut, "/hostile/"+strings.Repeat("k", 200<<10), "x", nil),
			http.StatusBadRequest, "KeyTooLongError"},
		{"GET a key of 200 KiB", s3Hostile(http.MethodGet, "/hostile/"+strings.Repeat("k", 200<<10), "", nil),
			http.StatusBadRequest, "KeyTooLongError"},
		// An XML body S3 cannot use is MalformedXML, 400 (same page).
		{"entity expansion bomb", s3Hostile(http.MethodPut, "/hostile?tagging", billionLaughs,
			map[string]string{"Content-MD5": contentMD5(billionLaughs)}),
			http.StatusBadRequest, "MalformedXML"},
		{"external entity", s3Hostile(http.MethodPut, "/hostile?tagging", externalEntity,
			map[string]string{"Content-MD5": contentMD5(externalEntity)}),
			http.StatusBadRequest, "MalformedXML"},
		{"XML nested 100k deep, unclosed", s3Hostile(http.MethodPost, "/hostile?delete", nestedXML(100_000),
			map[string]string{"Content-MD5": contentMD5(nestedXML(100_000))}),
			http.StatusBadRequest, "MalformedXML"},
		// Hostile values in ordinary places: an answer, never a 5xx. fakeaws ignores a
		// Range it cannot parse (the whole object, as RFC 9110 allows); S3's answer to
		// these two is unrecorded, so only "not a 5xx" is asserted.
		{"range beyond int64", s3Hostile(http.MethodGet, "/hostile/obj", "", map[string]string{"Range": "bytes=99999999999999999999-"}),
			0, ""},
		{"range with a negative end", s3Hostile(http.MethodGet, "/hostile/obj", "", map[string]string{"Range": "bytes=5--1"}),
			0, ""},
		// ".." cannot be a bucket name: S3's answer for such a copy source
		// (aws/aws-sdk-cpp#1647; emulator/s3 copy.go).
		{"copy source climbing out", s3Hostile(http.MethodPut, "/hostile/copy", "", map[string]string{"x-amz-copy-source": "/../../etc/passwd"}),
			http.StatusBadRequest, "InvalidArgument"},
		{"copy source of a 2000-byte key", s3Hostile(http.MethodPut, "/hostile/copy", "", map[string]string{"x-amz-copy-source": "/hostile/" + strings.Repeat("k", 2000)}),
			http.StatusNotFound, "NoSuchKey"},
		{"max-keys beyond int64", s3Hostile(http.MethodGet, "/hostile?list-type=2&max-keys=99999999999999999999", "", nil), http.StatusBadRequest, "InvalidArgument"},
		{"max-keys negative", s3Hostile(http.MethodGet, "/hostile?list-type=2&max-keys=-1", "", nil), http.StatusBadRequest, "InvalidArgument"},
		{"part number negative", s3Hostile(http.MethodGet, "/hostile/obj?partNumber=-1", "", nil), http.StatusBadRequest, "InvalidArgument"},
		{"upload id of a path", s3Hostile(http.MethodGet, "/hostile/obj?uploadId=../../etc/passwd", "", nil), http.StatusNotFound, "NoSuchUpload"},
		{"version id of a path", s3Hostile(http.MethodGet, "/hostile/obj?versionId=../../etc/passwd", "", nil), http.StatusBadRequest, "InvalidArgument"},
		{"continuation token garbage", s3Hostile(http.MethodGet, "/hostile?list-type=2&continuation-token=%00%ff%fe", "", nil), http.StatusBadRequest, "InvalidArgument"},
		{"DeleteObjects of an empty key", deleteObjectsHostile(""), http.StatusBadRequest, "UserKeyMustBeSpecified"},
		{"DeleteObjects of a 1025-byte key", deleteObjectsHostile(strings.Repeat("k", 1025)), http.StatusBadRequest, "KeyTooLongError"},
		// IAM: a document that is not a policy is MalformedPolicyDocument, 400; quotas are
		// LimitExceeded, 409 ("Cannot exceed quota for PolicySize: 6144" for managed policies,
		// "Maximum policy size of N bytes exceeded for user|role X" inline; IAM quotas page
		// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); over
		// the PolicyDocument parameter's 131072 characters it is ValidationError, 400
		// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html).
		{"policy nested 3000 deep", iamHostile(form("Action", "CreatePolicy", "PolicyName", "nested", "PolicyDocument", nestedPolicy(3000))),
			http.StatusBadRequest, "MalformedPolicyDocument"},
		{"inline role policy nested 5000 deep", iamHostile(form("Action", "PutRolePolicy", "RoleName", "victim", "PolicyName", "nested", "PolicyDocument", nestedPolicy(5000))),
			http.StatusBadRequest, "MalformedPolicyDocument"},
		{"object nested 3000 deep", iamHostile(form("Action", "CreatePolicy", "PolicyName", "nested-object", "PolicyDocument",
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":`+strings.Repeat(`{"a":`, 1200)+`"x"`+strings.Repeat("}", 1200)+`}}`)),
			http.StatusBadRequest, "MalformedPolicyDocument"},
		{"session policy nested 1000 deep", stsHostile(form("Action", "GetFederationToken", "Name", "nested", "Policy", nestedPolicy(1000))),
			http.StatusBadRequest, "MalformedPolicyDocument"},
		{"session policy over 2048", stsHostile(form("Action", "GetFederationToken", "Name", "big", "Policy", bigPolicy(2100))),
			http.StatusBadRequest, "ValidationError"},
		{"managed policy over 6144", iamHostile(form("Action", "CreatePolicy", "PolicyName", "big", "PolicyDocument", bigPolicy(6200))),
			http.StatusConflict, "LimitExceeded"},
		{"user policy over 2048", iamHostile(form("Action", "PutUserPolicy", "UserName", "victim", "PolicyName", "big", "PolicyDocument", bigPolicy(2100))),
			http.StatusConflict, "LimitExceeded"},
		{"role policy over 10240", iamHostile(form("Action", "PutRolePolicy", "RoleName", "victim", "PolicyName", "big", "PolicyDocument", bigPolicy(10300))),
			http.StatusConflict, "LimitExceeded"},
		{"policy over 131072 characters", iamHostile(form("Action", "CreatePolicy", "PolicyName", "huge", "PolicyDocument", bigPolicy(140_000))),
			http.StatusBadRequest, "ValidationError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := send(t, tt.req(t, ts))
			code := ""
			if m := codeRE.FindStringSubmatch(body); m != nil {
				code = m[1]
			}
			if tt.status == 0 { // any answer but a 5xx
				if status >= 500 {
					t.Errorf("%s = %d %s, want no 5xx", tt.name, status, trim(body))
				}
				return
			}
			if status != tt.status || code != tt.code {
				t.Errorf("%s = %d %s, want %d %s", tt.name, status, trim(body), tt.status, tt.code)
			}
			if strings.Contains(body, "root:") {
				t.Errorf("%s: the answer holds a line of /etc/passwd: %s", tt.name, trim(body))
			}
		})
	}
}

func contentMD5(s string) string {
	sum := md5.Sum([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}

func manyHeaders(n int) map[string]string {
	h := map[string]string{}
	for i := range n {
		h[fmt.Sprintf("X-Junk-%d", i)] = "0123456789"
	}
	return h
}

func trim(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// TestTraversalKeyStaysAKey stores objects whose keys climb out of the
// bucket: each stays a key (listed, read back by name) and nothing is
// written outside the data directory.
func TestTraversalKeyStaysAKey(t *testing.T) {
	t.Parallel()
	ts, _ := emulatortest.Start(t, emulator.Options{})
	client := &http.Client{Timeout: time.Minute}
	do := func(method, path, body string) (int, string) {
		t.Helper()
		resp, err := client.Do(s3Hostile(method, path, body, nil)(t, ts))
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	passwd, _ := os.ReadFile("/etc/passwd")
	if code, body := do(http.MethodPut, "/climb", ""); code != http.StatusOK {
		t.Fatalf("CreateBucket = %d %s", code, body)
	}
	keys := []string{"../../etc/passwd", "../../../../../../../../tmp/fakeaws-escaped", "a/../../b", "..", "./.", `..\..\windows`}
	for _, key := range keys {
		path := "/climb/" + key
		if code, body := do(http.MethodPut, path, "content of "+key); code != http.StatusOK {
			t.Errorf("PUT %q = %d %s, want 200", key, code, trim(body))
			continue
		}
		if code, body := do(http.MethodGet, path, ""); code != http.StatusOK || body != "content of "+key {
			t.Errorf("GET %q = %d %q, want 200 with its content", key, code, trim(body))
		}
	}
	code, list := do(http.MethodGet, "/climb?list-type=2", "")
	if code != http.StatusOK {
		t.Fatalf("ListObjectsV2 = %d %s", code, list)
	}
	for _, key := range keys {
		if !strings.Contains(list, "<Key>"+xmlEscape(key)+"</Key>") {
			t.Errorf("ListObjectsV2 lacks key %q: %s", key, trim(list))
		}
	}
	if after, _ := os.ReadFile("/etc/passwd"); !bytes.Equal(after, passwd) {
		t.Errorf("/etc/passwd changed")
	}
	if _, err := os.Stat(filepath.Join("/tmp", "fakeaws-escaped")); err == nil {
		t.Errorf("/tmp/fakeaws-escaped exists: a key escaped the data directory")
	}
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
