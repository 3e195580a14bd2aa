package emulator_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"mime/multipart"
	"net/http"
	"testing"
	"time"
)

// formField is one field of a browser POST form, in order.
type formField struct{ name, value string }

// postPolicyForm is a SigV4-signed browser POST form for s: the policy
// (expiring in expires, with conditions, a JSON array's inside) and its
// signature, then fields, then the file (unless fileFirst, which puts
// it before the fields).
type postPolicyForm struct {
	s          rawSigner
	expires    time.Duration
	conditions string
	fields     []formField
	content    string
	fileFirst  bool
}

func (p postPolicyForm) request(t *testing.T, e *attackEnv, bucket string) *http.Request {
	t.Helper()
	date := time.Now().UTC().Format("20060102T150405Z")
	cred := p.s.akid + "/" + date[:8] + "/us-east-1/s3/aws4_request"
	policy := base64.StdEncoding.EncodeToString([]byte(`{"expiration":"` + time.Now().Add(p.expires).UTC().Format("2006-01-02T15:04:05Z") +
		`","conditions":[` + p.conditions + `,{"x-amz-algorithm":"AWS4-HMAC-SHA256"},{"x-amz-credential":"` + cred + `"},{"x-amz-date":"` + date + `"}]}`))
	s := p.s
	s.scopeDate = date[:8]
	fields := append([]formField{{"x-amz-algorithm", "AWS4-HMAC-SHA256"}, {"x-amz-credential", cred}, {"x-amz-date", date},
		{"policy", policy}, {"x-amz-signature", hex.EncodeToString(atkHMAC(s.key(), policy))}}, p.fields...)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	file := func() {
		fw, _ := mw.CreateFormFile("file", "f.txt")
		fw.Write([]byte(p.content))
	}
	if p.fileFirst {
		file()
	}
	for _, f := range fields {
		mw.WriteField(f.name, f.value)
	}
	if !p.fileFirst {
		file()
	}
	mw.Close()
	r := atkReq(t, "POST", e.url("/"+bucket), buf.Bytes())
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return r
}

func post(p func(*attackEnv) postPolicyForm) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request { return p(e).request(t, e, "atk") }
}

// TestAttackBrowserPost sends browser POST uploads whose policy or form
// does not allow what they try: S3 answers with the policy check's 403
// "Invalid according to Policy: ..." or the form's 400 InvalidArgument
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html;
// messages as LocalStack's test_s3.snapshot.json TestS3PresignedPost records
// them), and nothing is written.
func TestAttackBrowserPost(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	w := e.writer(t)
	anyKey := `{"bucket":"atk"},["starts-with","$key",""]`
	runAttacks(t, e, []attack{
		{name: "expired policy", req: post(func(e *attackEnv) postPolicyForm {
			return postPolicyForm{s: e.root, expires: -time.Minute, conditions: anyKey, fields: []formField{{"key", "g1"}}, content: "x"}
		}), status: 403, code: "AccessDenied", message: "Invalid according to Policy: Policy expired.", absent: "/atk/g1"},
		{name: "field no condition covers", req: post(func(e *attackEnv) postPolicyForm {
			return postPolicyForm{s: e.root, expires: time.Hour, conditions: anyKey, fields: []formField{{"key", "g2"}, {"acl", "public-read"}}, content: "x"}
		}), status: 403, code: "AccessDenied", message: "Invalid according to Policy: Extra input fields: acl", absent: "/atk/g2"},
		{name: "policy for another bucket", req: post(func(e *attackEnv) postPolicyForm {
			return postPolicyForm{s: e.root, expires: time.Hour, conditions: `{"bucket":"other"},["starts-with","$key",""]`, fields: []formField{{"key", "g3"}}, content: "x"}
		}), status: 403, code: "AccessDenied", message: `Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "other"]`, absent: "/atk/g3"},
		{name: "any key, but the signer may write pub/ only", req: post(func(e *attackEnv) postPolicyForm {
			return postPolicyForm{s: w, expires: time.Hour, conditions: anyKey, fields: []formField{{"key", "g4"}}, content: "x"}
		}), status: 403, code: "AccessDenied", absent: "/atk/g4"},
		{name: "another account's key", req: post(func(e *attackEnv) postPolicyForm {
			return postPolicyForm{s: e.other, expires: time.Hour, conditions: anyKey, fields: []formField{{"key", "g5"}}, content: "x"}
		}), status: 403, code: "AccessDenied", message: "Access Denied", absent: "/atk/g5"},
		{name: "over content-length-range", req: post(func(e *attackEnv) postPolicyForm {
			return postPolicyForm{s: e.root, expires: time.Hour, conditions: anyKey + `,["content-length-range",0,3]`, fields: []formField{{"key", "g6"}}, content: "four"}
		}), status: 400, code: "EntityTooLarge", absent: "/atk/g6"},
		{name: "field repeated", req: post(func(e *attackEnv) postPolicyForm {
			return postPolicyForm{s: e.root, expires: time.Hour, conditions: anyKey, fields: []formField{{"key", "g7"}, {"key", "secret"}}, content: "x"}
		}), status: 400, code: "InvalidArgument", message: "Bucket POST contains more than one field named key", absent: "/atk/g7"},
		{name: "file before the fields", req: post(func(e *attackEnv) postPolicyForm {
			return postPolicyForm{s: e.root, expires: time.Hour, conditions: anyKey, fields: []formField{{"key", "g8"}}, content: "x", fileFirst: true}
		}), status: 400, code: "InvalidArgument", absent: "/atk/g8"},
		{name: "session token with a long-term key", req: post(func(e *attackEnv) postPolicyForm {
			return postPolicyForm{s: w, expires: time.Hour, conditions: anyKey + `,["starts-with","$x-amz-security-token",""]`,
				fields: []formField{{"key", "pub/g9"}, {"x-amz-security-token", e.session.token}}, content: "x"}
		}), status: 400, code: "InvalidToken", absent: "/atk/pub/g9"},
		{name: "session key without its token", req: post(func(e *attackEnv) postPolicyForm {
			return postPolicyForm{s: e.session, expires: time.Hour, conditions: anyKey, fields: []formField{{"key", "g10"}}, content: "x"}
		}), status: 403, code: "InvalidAccessKeyId", absent: "/atk/g10"},
	})
}
