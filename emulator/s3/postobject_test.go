package s3

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/sigv4"
)

// testKeys resolves AKIDs to root callers with a fixed secret.
type testKeys map[string]authn.Caller

const testSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

func (k testKeys) ResolveKey(_ context.Context, akid, _ string) (authn.Caller, sigv4.Key, error) {
	c, ok := k[akid]
	if !ok {
		return authn.Caller{}, sigv4.Key{}, awserr.New("InvalidAccessKeyId", http.StatusForbidden,
			"The AWS Access Key Id you provided does not exist in our records.")
	}
	c.AccessKeyID = akid
	return c, sigv4.Key{Secret: testSecret}, nil
}

type formField struct{ name, value string }

// postForm builds a multipart body: fields in order, then the file.
func buildForm(t *testing.T, fields []formField, filename, content string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range fields {
		if err := mw.WriteField(f.name, f.value); err != nil {
			t.Fatal(err)
		}
	}
	if filename != "-" {
		fw, err := mw.CreateFormFile("file", filename)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(content))
	}
	mw.Close()
	return buf.String(), mw.FormDataContentType()
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func sigV2(policy string) string {
	m := hmac.New(sha1.New, []byte(testSecret))
	m.Write([]byte(policy))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func sigV4(policy, date, region string) string {
	k := hmacSHA256([]byte("AWS4"+testSecret), date)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, "s3")
	k = hmacSHA256(k, "aws4_request")
	return hex.EncodeToString(hmacSHA256(k, policy))
}

func TestPostObject(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.h.keys = testKeys{"AKIDA": rootOf(acctA), "AKIDB": rootOf(acctB)}
	a := rootOf(acctA)
	e.createBucket(a, "posts")
	e.openBucket(a, "public-posts", "ObjectWriter")
	e.must(a, treq{method: "PUT", target: "/public-posts?acl", header: map[string]string{"x-amz-acl": "public-read-write"}}, 200)

	future := testNow.Add(time.Hour).Format("2006-01-02T15:04:05Z")
	past := testNow.Add(-time.Hour).Format("2006-01-02T15:04:05Z")
	policy := b64(`{"expiration":"` + future + `","conditions":[{"bucket":"posts"},["starts-with","$key","foo"],{"acl":"private"},["starts-with","$Content-Type","text/plain"],["content-length-range",0,1024]]}`)
	v2 := func(policy string, extra ...formField) []formField {
		f := []formField{{"key", "foo.txt"}, {"AWSAccessKeyId", "AKIDA"}, {"acl", "private"}, {"signature", sigV2(policy)}, {"policy", policy}, {"Content-Type", "text/plain"}}
		return append(f, extra...)
	}
	date := testNow.Format("20060102")
	policy4 := b64(`{"expiration":"` + future + `","conditions":[{"bucket":"posts"},["starts-with","$key","v4/"],{"x-amz-algorithm":"AWS4-HMAC-SHA256"},{"x-amz-credential":"AKIDA/` + date + `/us-east-1/s3/aws4_request"},{"x-amz-date":"` + date + `T000000Z"},{"success_action_status":"201"},["starts-with","$x-amz-meta-foo",""]]}`)
	v4 := []formField{{"key", "v4/${filename}"}, {"x-amz-algorithm", "AWS4-HMAC-SHA256"}, {"x-amz-credential", "AKIDA/" + date + "/us-east-1/s3/aws4_request"},
		{"x-amz-date", date + "T000000Z"}, {"x-amz-signature", sigV4(policy4, date, "us-east-1")}, {"policy", policy4},
		{"success_action_status", "201"}, {"x-amz-meta-foo", "bar"}}
	tests := []struct {
		name     string
		bucket   string
		fields   []formField
		filename string
		content  string
		status   int
		code     string
		msg      string
		key      string // object that must then exist
	}{
		{"v2 ok", "posts", v2(policy), "f.txt", "bar", 204, "", "", "foo.txt"},
		{"v4 ok with filename", "posts", v4, "up.txt", "v4 body", 201, "", "", "v4/up.txt"},
		{"anonymous public bucket", "public-posts", []formField{{"key", "anon.txt"}, {"Content-Type", "text/plain"}}, "a.txt", "x", 204, "", "", "anon.txt"},
		{"anonymous private bucket", "posts", []formField{{"key", "anon.txt"}}, "a.txt", "x", 403, "AccessDenied", "", ""},
		{"bad signature", "posts", []formField{{"key", "foo.txt"}, {"AWSAccessKeyId", "AKIDA"}, {"acl", "private"}, {"signature", "AAAA"}, {"policy", policy}, {"Content-Type", "text/plain"}}, "f", "x", 403, "SignatureDoesNotMatch", "", ""},
		{"unknown key", "posts", []formField{{"key", "foo.txt"}, {"AWSAccessKeyId", "AKIDX"}, {"acl", "private"}, {"signature", sigV2(policy)}, {"policy", policy}, {"Content-Type", "text/plain"}}, "f", "x", 403, "InvalidAccessKeyId", "", ""},
		{"missing signature", "posts", []formField{{"key", "foo.txt"}, {"AWSAccessKeyId", "AKIDA"}, {"policy", policy}}, "f", "x", 400, "InvalidArgument", "", ""},
		{"missing key", "posts", []formField{{"AWSAccessKeyId", "AKIDA"}, {"acl", "private"}, {"signature", sigV2(policy)}, {"policy", policy}, {"Content-Type", "text/plain"}}, "f", "x", 400, "InvalidArgument",
			"Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.", ""},
		{"key condition fails", "posts", []formField{{"key", "bar.txt"}, {"AWSAccessKeyId", "AKIDA"}, {"acl", "private"}, {"signature", sigV2(policy)}, {"policy", policy}, {"Content-Type", "text/plain"}}, "f", "x", 403, "AccessDenied",
			`Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "foo"]`, ""},
		{"extra field", "posts", v2(policy, formField{"x-amz-meta-extra", "1"}), "f", "x", 403, "AccessDenied", "Invalid according to Policy: Extra input fields: x-amz-meta-extra", ""},
		{"ignored field", "posts", v2(policy, formField{"x-ignore-me", "1"}), "f", "x", 204, "", "", ""},
		{"too large", "posts", v2(policy), "f", strings.Repeat("x", 1025), 400, "EntityTooLarge", "", ""},
		{"expired", "posts", v2(b64(`{"expiration":"` + past + `","conditions":[{"bucket":"posts"}]}`)), "f", "x", 403, "AccessDenied", "Invalid according to Policy: Policy expired.", ""},
		{"empty conditions", "posts", v2(b64(`{"expiration":"` + future + `","conditions":[]}`)), "f", "x", 400, "InvalidPolicyDocument", "Invalid Policy: Policy missing conditions.", ""},
		{"no expiration", "posts", v2(b64(`{"conditions":[]}`)), "f", "x", 400, "InvalidPolicyDocument", "Invalid Policy: Policy missing expiration.", ""},
		{"expiration case sensitive", "posts", v2(b64(`{"EXPIRATION":"` + future + `","conditions":[]}`)), "f", "x", 400, "InvalidPolicyDocument", "", ""},
		{"no conditions", "posts", v2(b64(`{"expiration":"` + future + `"}`)), "f", "x", 400, "InvalidPolicyDocument", "Invalid Policy: Policy missing conditions.", ""},
		{"bad json", "posts", v2(b64(`{"expiration":`)), "f", "x", 400, "InvalidPolicyDocument", "Invalid Policy: Invalid JSON.", ""},
		{"bad range", "posts", v2(b64(`{"expiration":"` + future + `","conditions":[["content-length-range",0]]}`)), "f", "x", 400, "InvalidPolicyDocument", "", ""},
		{"too small", "posts", v2(b64(`{"expiration":"` + future + `","conditions":[{"bucket":"posts"},["starts-with","$key",""],{"acl":"private"},["eq","$Content-Type","text/plain"],["content-length-range",10,20]]}`)), "f", "x", 400, "EntityTooSmall", "", ""},
		{"case-insensitive conditions", "posts", v2(b64(`{"expiration":"` + future + `","conditions":[{"bUcKeT":"posts"},["StArTs-WiTh","$KeY","foo"],{"AcL":"private"},["StArTs-WiTh","$CoNtEnT-TyPe","text/plain"]]}`)), "f", "x", 204, "", "", ""},
		{"no bucket condition", "posts", v2(b64(`{"expiration":"` + future + `","conditions":[["starts-with","$key",""],{"acl":"private"},["eq","$Content-Type","text/plain"]]}`)), "f", "x", 403, "AccessDenied", "Invalid according to Policy: Extra input fields: bucket", ""},
		{"no file", "posts", v2(policy), "-", "", 400, "InvalidArgument", "POST requires exactly one file upload per request.", ""},
		{"other account", "posts", []formField{{"key", "foo.txt"}, {"AWSAccessKeyId", "AKIDB"}, {"acl", "private"}, {"signature", sigV2(policy)}, {"policy", policy}, {"Content-Type", "text/plain"}}, "f", "x", 403, "AccessDenied", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body, ct := buildForm(t, tc.fields, tc.filename, tc.content)
			w := e.do(anonymous, treq{method: "POST", target: "/" + tc.bucket, body: body, header: map[string]string{"Content-Type": ct}})
			if w.Code != tc.status {
				t.Fatalf("POST = %d %s, want %d", w.Code, w.Body, tc.status)
			}
			if w.Code >= 300 {
				code, msg := errCode(t, w)
				if code != tc.code {
					t.Errorf("code = %q, want %q", code, tc.code)
				}
				if tc.msg != "" && msg != tc.msg {
					t.Errorf("message = %q, want %q", msg, tc.msg)
				}
				return
			}
			if tc.key != "" {
				// The anonymous user owns what it posts to the
				// ObjectWriter bucket; the bucket owner may not read it
				// (TestAnonymousOwnership).
				reader := a
				if tc.bucket == "public-posts" {
					reader = anonymous
				}
				g := e.must(reader, treq{method: "GET", target: "/" + tc.bucket + "/" + tc.key}, 200)
				if g.Body.String() != tc.content {
					t.Errorf("object body = %q, want %q", g.Body, tc.content)
				}
				if g.Header().Get("ETag") != w.Header().Get("ETag") {
					t.Errorf("ETag %q, POST said %q", g.Header().Get("ETag"), w.Header().Get("ETag"))
				}
			}
		})
	}
	// success_action_status 201 returns a PostResponse; metadata is kept.
	body, ct := buildForm(t, v4, "doc.txt", "hi")
	w := e.must(anonymous, treq{method: "POST", target: "/posts", body: body, header: map[string]string{"Content-Type": ct}}, 201)
	for _, want := range []string{"<PostResponse>", "<Bucket>posts</Bucket>", "<Key>v4/doc.txt</Key>", "<ETag>&quot;"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("201 body %s lacks %s", w.Body, want)
		}
	}
	g := e.must(a, treq{method: "HEAD", target: "/posts/v4/doc.txt"}, 200)
	if rawHeader(g.Header(), "x-amz-meta-foo") != "bar" {
		t.Errorf("x-amz-meta-foo = %q", rawHeader(g.Header(), "x-amz-meta-foo"))
	}
	// success_action_redirect answers 303 with bucket, key and etag.
	rp := b64(`{"expiration":"` + future + `","conditions":[{"bucket":"posts"},["starts-with","$key",""],["starts-with","$success_action_redirect","http://"]]}`)
	body, ct = buildForm(t, []formField{{"key", "r.txt"}, {"AWSAccessKeyId", "AKIDA"}, {"signature", sigV2(rp)}, {"policy", rp}, {"success_action_redirect", "http://example.com/done"}}, "r", "r")
	w = e.must(anonymous, treq{method: "POST", target: "/posts", body: body, header: map[string]string{"Content-Type": ct}}, 303)
	if loc, want := w.Header().Get("Location"), "http://example.com/done?bucket=posts&key=r.txt&etag=%22"+strings.Trim(w.Header().Get("ETag"), `"`)+"%22"; loc != want {
		t.Errorf("redirect Location = %q, want %q (bucket, key, etag in that order)", loc, want)
	}
	// Without a key resolver, signed POSTs are not implemented.
	e.h.keys = nil
	body, ct = buildForm(t, v2(policy), "f", "x")
	w = e.do(anonymous, treq{method: "POST", target: "/posts", body: body, header: map[string]string{"Content-Type": ct}})
	if code, _ := errCode(t, w); w.Code != 501 || code != "NotImplemented" {
		t.Errorf("POST without Keys = %d %s, want 501 NotImplemented", w.Code, code)
	}
}
