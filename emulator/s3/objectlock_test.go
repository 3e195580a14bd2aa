package s3

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
)

// lockMD5Header returns the Content-MD5 header for body plus extra headers.
func lockMD5Header(body string, kv ...string) map[string]string {
	sum := md5.Sum([]byte(body))
	m := map[string]string{"Content-MD5": base64.StdEncoding.EncodeToString(sum[:])}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// putMD5 is a PUT whose body carries its Content-MD5.
func putMD5(target, body string, kv ...string) treq {
	return treq{method: "PUT", target: target, body: body, header: lockMD5Header(body, kv...)}
}

// lockStep is one Object Lock request and what it must answer; {v1} in
// target is replaced by the version id the step named "put v1" got.
type lockStep struct {
	name   string
	r      treq
	status int
	code   string
	body   string            // substring of the body
	header map[string]string // response headers that must be present
}

func (e *env) runLock(t *testing.T, c authn.Caller, steps []lockStep) {
	t.Helper()
	vars := map[string]string{}
	for _, tc := range steps {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r
			for k, v := range vars {
				r.target = strings.ReplaceAll(r.target, "{"+k+"}", v)
				r.body = strings.ReplaceAll(r.body, "{"+k+"}", v)
			}
			h := map[string]string{}
			for k, v := range r.header {
				for name, val := range vars {
					v = strings.ReplaceAll(v, "{"+name+"}", val)
				}
				h[k] = v
			}
			if _, ok := h["Content-MD5"]; ok {
				h["Content-MD5"] = lockMD5Header(r.body)["Content-MD5"]
			}
			r.header = h
			w := e.do(c, r)
			if w.Code != tc.status {
				t.Fatalf("%s %s = %d %s, want %d", r.method, r.target, w.Code, w.Body, tc.status)
			}
			if code, _ := errCode(t, w); code != tc.code {
				t.Errorf("code = %q, want %q", code, tc.code)
			}
			if !strings.Contains(w.Body.String(), tc.body) {
				t.Errorf("body %s does not contain %s", w.Body, tc.body)
			}
			for k, want := range tc.header {
				if got := w.Header().Get(k); got != want {
					t.Errorf("header %s = %q, want %q", k, got, want)
				}
			}
			if m := regexp.MustCompile(`^put (v\d)`).FindStringSubmatch(tc.name); m != nil {
				vars[m[1]] = w.Header().Get("x-amz-version-id")
			}
		})
	}
}

const (
	future = "2030-01-01T00:00:00Z"
	later  = "2031-01-01T00:00:00Z"
	past   = "2020-01-01T00:00:00Z"
)

func retention(mode, date string) string {
	return "<Retention><Mode>" + mode + "</Mode><RetainUntilDate>" + date + "</RetainUntilDate></Retention>"
}

func TestObjectLockConfiguration(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "plain")
	e.createBucket(a, "vers")
	e.must(a, treq{method: "PUT", target: "/vers?versioning", body: "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"}, 200)
	days := `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule></ObjectLockConfiguration>`
	bad := func(inner string) string {
		return `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention>` + inner + `</DefaultRetention></Rule></ObjectLockConfiguration>`
	}
	e.runLock(t, a, []lockStep{
		{"create locked", treq{method: "PUT", target: "/locked", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200, "", "", nil},
		{"versioning enabled", treq{method: "GET", target: "/locked?versioning"}, 200, "", "<Status>Enabled</Status>", nil},
		{"cannot suspend", treq{method: "PUT", target: "/locked?versioning", body: "<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>"}, 409, "InvalidBucketState", "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.", nil},
		{"config enabled", treq{method: "GET", target: "/locked?object-lock"}, 200, "", `<ObjectLockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>`, nil},
		{"put no md5", treq{method: "PUT", target: "/locked?object-lock", body: days}, 400, "InvalidRequest", "Content-MD5", nil},
		{"put days", putMD5("/locked?object-lock", days), 200, "", "", nil},
		{"get days", treq{method: "GET", target: "/locked?object-lock"}, 200, "", "<Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule>", nil},
		{"days and years", putMD5("/locked?object-lock", bad("<Mode>GOVERNANCE</Mode><Days>1</Days><Years>1</Years>")), 400, "MalformedXML", "", nil},
		{"no period", putMD5("/locked?object-lock", bad("<Mode>GOVERNANCE</Mode>")), 400, "MalformedXML", "", nil},
		{"bad mode", putMD5("/locked?object-lock", bad("<Mode>STRICT</Mode><Days>1</Days>")), 400, "MalformedXML", "", nil},
		{"zero days", putMD5("/locked?object-lock", bad("<Mode>GOVERNANCE</Mode><Days>0</Days>")), 400, "InvalidArgument", "<Message>Default retention period must be a positive integer value.</Message><ArgumentName>Days</ArgumentName><RequestId>", nil},
		{"not enabled", putMD5("/locked?object-lock", "<ObjectLockConfiguration/>"), 400, "MalformedXML", "", nil},
		{"unversioned", putMD5("/plain?object-lock", days), 409, "InvalidBucketState", "to apply a Object Lock configuration", nil},
		{"enable on versioned", putMD5("/vers?object-lock", "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>"), 200, "", "", nil},
		{"versioned now locked", treq{method: "GET", target: "/vers?object-lock"}, 200, "", "<ObjectLockEnabled>Enabled</ObjectLockEnabled>", nil},
		// Default retention: one day from the write.
		{"put v1", putMD5("/locked/d", "x"), 200, "", "", nil},
		{"default applied", treq{method: "HEAD", target: "/locked/d"}, 200, "", "", map[string]string{
			"x-amz-object-lock-mode": "GOVERNANCE", "x-amz-object-lock-retain-until-date": "2026-03-02T12:00:00.000Z"}},
		{"put without integrity", treq{method: "PUT", target: "/locked/n", body: "x"}, 400, "InvalidRequest", "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters", nil},
		{"delete default-locked version", treq{method: "DELETE", target: "/locked/d?versionId={v1}"}, 403, "AccessDenied", "Access Denied because object protected by object lock.", nil},
		{"bypass", treq{method: "DELETE", target: "/locked/d?versionId={v1}", header: map[string]string{"x-amz-bypass-governance-retention": "true"}}, 204, "", "", nil},
	})
}

func TestObjectLockObjects(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "plain")
	e.must(a, treq{method: "PUT", target: "/lkb", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
	lock := func(mode, date string, kv ...string) []string {
		return append([]string{"x-amz-object-lock-mode", mode, "x-amz-object-lock-retain-until-date", date}, kv...)
	}
	bypass := map[string]string{"x-amz-bypass-governance-retention": "true"}
	e.runLock(t, a, []lockStep{
		{"headers on unlocked bucket", putMD5("/plain/k", "x", lock("GOVERNANCE", future)...), 400, "InvalidRequest", "<Message>Bucket is missing ObjectLockConfiguration</Message>", nil},
		{"mode without date", putMD5("/lkb/k", "x", "x-amz-object-lock-mode", "GOVERNANCE"), 400, "InvalidArgument", "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied</Message><ArgumentName>x-amz-object-lock-retain-until-date</ArgumentName><RequestId>", nil},
		{"bad mode", putMD5("/lkb/k", "x", lock("STRICT", future)...), 400, "InvalidArgument", "<Message>Unknown wormMode directive.</Message><ArgumentName>x-amz-object-lock-mode</ArgumentName><ArgumentValue>STRICT</ArgumentValue>", nil},
		{"past date", putMD5("/lkb/k", "x", lock("GOVERNANCE", past)...), 400, "InvalidArgument", "<Message>The retain until date must be in the future!</Message><ArgumentName>x-amz-object-lock-retain-until-date</ArgumentName><ArgumentValue>" + past + "</ArgumentValue>", nil},
		{"bad date", putMD5("/lkb/k", "x", lock("GOVERNANCE", "abc")...), 400, "InvalidArgument", "<Message>The retain until date must be provided in ISO 8601 format</Message><ArgumentName>x-amz-object-lock-retain-until-date</ArgumentName><ArgumentValue>abc</ArgumentValue>", nil},
		{"bad hold", putMD5("/lkb/k", "x", "x-amz-object-lock-legal-hold", "MAYBE"), 400, "InvalidArgument", "<Message>Legal Hold must be either of 'ON' or 'OFF'</Message><ArgumentName>x-amz-object-lock-legal-hold</ArgumentName><ArgumentValue>MAYBE</ArgumentValue>", nil},
		{"no md5", treq{method: "PUT", target: "/lkb/k", body: "x", header: map[string]string{"x-amz-object-lock-legal-hold": "ON"}}, 400, "InvalidRequest", "Content-MD5 OR x-amz-checksum-", nil},
		{"put v1", putMD5("/lkb/g", "x", lock("GOVERNANCE", future)...), 200, "", "", nil},
		{"head v1", treq{method: "HEAD", target: "/lkb/g"}, 200, "", "", map[string]string{
			"x-amz-object-lock-mode": "GOVERNANCE", "x-amz-object-lock-retain-until-date": "2030-01-01T00:00:00.000Z"}},
		{"get retention", treq{method: "GET", target: "/lkb/g?retention"}, 200, "", `<Retention xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00.000Z</RetainUntilDate></Retention>`, nil},
		{"no legal hold", treq{method: "GET", target: "/lkb/g?legal-hold"}, 404, "NoSuchObjectLockConfiguration", "The specified object does not have a ObjectLock configuration", nil},
		{"delete marker allowed", treq{method: "DELETE", target: "/lkb/g"}, 204, "", "", map[string]string{"x-amz-delete-marker": "true"}},
		{"delete version refused", treq{method: "DELETE", target: "/lkb/g?versionId={v1}"}, 403, "AccessDenied", "Access Denied because object protected by object lock.", nil},
		{"delete objects refused", putMD5ForPost("/lkb?delete", "<Delete><Object><Key>g</Key><VersionId>{v1}</VersionId></Object></Delete>"), 200, "", "<Code>AccessDenied</Code><Message>Access Denied because object protected by object lock.</Message>", nil},
		{"extend", putMD5("/lkb/g?retention&versionId={v1}", retention("GOVERNANCE", later)), 200, "", "", nil},
		{"shorten refused", putMD5("/lkb/g?retention&versionId={v1}", retention("GOVERNANCE", future)), 403, "AccessDenied", "<Message>Access Denied because object protected by object lock.</Message>", nil},
		{"shorten with bypass", putMD5("/lkb/g?retention&versionId={v1}", retention("GOVERNANCE", future), "x-amz-bypass-governance-retention", "true"), 200, "", "", nil},
		// Governance to compliance needs the bypass (ceph/ceph#42505,
		// found testing Amazon S3; ceph/s3-tests
		// test_object_lock_changing_mode_from_governance_without_bypass).
		{"to compliance refused", putMD5("/lkb/g?retention&versionId={v1}", retention("COMPLIANCE", future)), 403, "AccessDenied", "<Message>Access Denied because object protected by object lock.</Message>", nil},
		{"to compliance with bypass", putMD5("/lkb/g?retention&versionId={v1}", retention("COMPLIANCE", future), "x-amz-bypass-governance-retention", "true"), 200, "", "", nil},
		{"compliance shorten with bypass", putMD5("/lkb/g?retention&versionId={v1}", retention("COMPLIANCE", "2029-01-01T00:00:00Z"), "x-amz-bypass-governance-retention", "true"), 403, "AccessDenied", "<Message>Access Denied because object protected by object lock.</Message>", nil},
		{"compliance to governance", putMD5("/lkb/g?retention&versionId={v1}", retention("GOVERNANCE", later)), 403, "AccessDenied", "<Message>Access Denied because object protected by object lock.</Message>", nil},
		{"compliance extend", putMD5("/lkb/g?retention&versionId={v1}", retention("COMPLIANCE", later)), 200, "", "", nil},
		{"compliance no bypass of delete", treq{method: "DELETE", target: "/lkb/g?versionId={v1}", header: bypass}, 403, "AccessDenied", "<Message>Access Denied because object protected by object lock.</Message>", nil},
		{"retention bad xml", putMD5("/lkb/g?retention&versionId={v1}", "<Retention><Mode>X</Mode></Retention>"), 400, "MalformedXML", "", nil},
		// LocalStack test_s3.snapshot.json TestS3ObjectLockRetention::test_s3_object_retention_exc "update-retention-past-date".
		{"retention past", putMD5("/lkb/g?retention&versionId={v1}", retention("COMPLIANCE", past)), 400, "InvalidArgument",
			"<ArgumentName>RetainUntilDate</ArgumentName><ArgumentValue>Tue Dec 31 16:00:00 PST 2019</ArgumentValue>", nil},
		// Legal hold.
		{"put v2", putMD5("/lkb/h", "x", "x-amz-object-lock-legal-hold", "ON"), 200, "", "", map[string]string{}},
		{"head hold", treq{method: "HEAD", target: "/lkb/h"}, 200, "", "", map[string]string{"x-amz-object-lock-legal-hold": "ON"}},
		{"no retention", treq{method: "GET", target: "/lkb/h?retention"}, 404, "NoSuchObjectLockConfiguration", "", nil},
		{"held delete refused", treq{method: "DELETE", target: "/lkb/h?versionId={v2}", header: bypass}, 403, "AccessDenied", "Access Denied because object protected by object lock.", nil},
		{"hold bad", putMD5("/lkb/h?legal-hold", "<LegalHold><Status>on</Status></LegalHold>"), 400, "MalformedXML", "", nil},
		{"hold no md5", treq{method: "PUT", target: "/lkb/h?legal-hold", body: "<LegalHold><Status>OFF</Status></LegalHold>"}, 400, "InvalidRequest", "", nil},
		{"hold off", putMD5("/lkb/h?legal-hold", "<LegalHold><Status>OFF</Status></LegalHold>"), 200, "", "", nil},
		{"get hold", treq{method: "GET", target: "/lkb/h?legal-hold&versionId={v2}"}, 200, "", `<LegalHold xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>OFF</Status></LegalHold>`, nil},
		{"delete released", treq{method: "DELETE", target: "/lkb/h?versionId={v2}"}, 204, "", "", nil},
		// Governance retention removed with bypass, then the version goes.
		{"put v3", putMD5("/lkb/r", "x", lock("GOVERNANCE", future)...), 200, "", "", nil},
		{"remove refused", putMD5("/lkb/r?retention", "<Retention/>"), 403, "AccessDenied", "<Message>Access Denied because object protected by object lock.</Message>", nil},
		{"remove with bypass", putMD5("/lkb/r?retention", "<Retention/>", "x-amz-bypass-governance-retention", "true"), 200, "", "", nil},
		{"removed", treq{method: "GET", target: "/lkb/r?retention"}, 404, "NoSuchObjectLockConfiguration", "", nil},
		{"delete unlocked", treq{method: "DELETE", target: "/lkb/r?versionId={v3}"}, 204, "", "", nil},
		// CopyObject and CreateMultipartUpload take the same headers.
		{"copy with lock", treq{method: "PUT", target: "/lkb/c", header: map[string]string{"x-amz-copy-source": "/lkb/g?versionId={v1}",
			"x-amz-object-lock-mode": "COMPLIANCE", "x-amz-object-lock-retain-until-date": future}}, 200, "", "", nil},
		{"copy lock shown", treq{method: "GET", target: "/lkb/c?retention"}, 200, "", "<Mode>COMPLIANCE</Mode>", nil},
		{"copy to unlocked", treq{method: "PUT", target: "/plain/c", header: map[string]string{"x-amz-copy-source": "/lkb/g",
			"x-amz-object-lock-legal-hold": "ON"}}, 400, "InvalidRequest", "<Message>Bucket is missing ObjectLockConfiguration</Message>", nil},
		{"multipart on unlocked", treq{method: "POST", target: "/plain/m?uploads", header: map[string]string{"x-amz-object-lock-legal-hold": "ON"}}, 400, "InvalidRequest", "<Message>Bucket is missing ObjectLockConfiguration</Message>", nil},
		{"missing key", treq{method: "GET", target: "/lkb/none?retention"}, 404, "NoSuchKey", "", nil},
		{"unlocked bucket", treq{method: "GET", target: "/plain/k?legal-hold"}, 400, "InvalidRequest", "Bucket is missing Object Lock Configuration", nil},
	})
}

func putMD5ForPost(target, body string) treq {
	r := putMD5(target, body)
	r.method = "POST"
	return r
}

// TestObjectLockAuthorization: the lock actions and bypass are authorized
// per action; without s3:BypassGovernanceRetention the header does not help.
func TestObjectLockAuthorization(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.must(a, treq{method: "PUT", target: "/azb", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
	w := e.must(a, putMD5("/azb/k", "x", "x-amz-object-lock-mode", "GOVERNANCE", "x-amz-object-lock-retain-until-date", future), 200)
	v := w.Header().Get("x-amz-version-id")
	allow := func(actions string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[` + actions + `],"Resource":"*"}]}`
	}
	plain := e.user(acctA, "plain", allow(`"s3:GetObject*","s3:PutObject","s3:DeleteObjectVersion","s3:ListBucket"`))
	bypasser := e.user(acctA, "bypasser", allow(`"s3:DeleteObjectVersion","s3:BypassGovernanceRetention","s3:PutObjectRetention","s3:PutObjectLegalHold"`))
	bypass := map[string]string{"x-amz-bypass-governance-retention": "true"}
	retainer := e.user(acctA, "retainer", allow(`"s3:PutObjectRetention","s3:DeleteObjectVersion"`))
	const (
		lockMsg   = "Access Denied because object protected by object lock."
		bypassMsg = "User: arn:aws:iam::111111111111:user/retainer is not authorized to perform: s3:BypassGovernanceRetention"
	)
	cases := []struct {
		name   string
		c      authn.Caller
		r      treq
		status int
		msg    string // prefix of the error message
	}{
		{"get retention needs GetObjectRetention", plain, treq{method: "GET", target: "/azb/k?retention"}, 200, ""},
		{"put retention denied", plain, putMD5("/azb/k?retention", retention("GOVERNANCE", later)), 403, "User: arn:aws:iam::111111111111:user/plain is not authorized to perform: s3:PutObjectRetention"},
		{"legal hold on upload denied", plain, putMD5("/azb/h", "x", "x-amz-object-lock-legal-hold", "ON"), 403, ""},
		{"bypass without permission", plain, treq{method: "DELETE", target: "/azb/k?versionId=" + v, header: bypass}, 403, "User: arn:aws:iam::111111111111:user/plain is not authorized to perform: s3:BypassGovernanceRetention"},
		{"delete without bypass header", plain, treq{method: "DELETE", target: "/azb/k?versionId=" + v}, 403, lockMsg},
		{"shorten without bypass header", retainer, putMD5("/azb/k?retention&versionId="+v, retention("GOVERNANCE", "2029-01-01T00:00:00Z")), 403, lockMsg},
		{"shorten with bypass refused", retainer, putMD5("/azb/k?retention&versionId="+v, retention("GOVERNANCE", "2029-01-01T00:00:00Z"), "x-amz-bypass-governance-retention", "true"), 403, bypassMsg},
		{"extend needs no bypass", retainer, putMD5("/azb/k?retention&versionId="+v, retention("GOVERNANCE", later)), 200, ""},
		{"lock config denied", plain, treq{method: "GET", target: "/azb?object-lock"}, 403, ""},
		{"bypass with permission", bypasser, treq{method: "DELETE", target: "/azb/k?versionId=" + v, header: bypass}, 204, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(tc.c, tc.r)
			if w.Code != tc.status {
				t.Fatalf("%s %s = %d %s, want %d", tc.r.method, tc.r.target, w.Code, w.Body, tc.status)
			}
			if _, msg := errCode(t, w); !strings.HasPrefix(msg, tc.msg) {
				t.Errorf("message = %q, want prefix %q", msg, tc.msg)
			}
		})
	}
}

// TestObjectLockHeadersNeedPermission: GET/HEAD show retention only to
// callers allowed s3:GetObjectRetention and the legal hold only with
// s3:GetObjectLegalHold; without them S3 omits the headers and the read
// still succeeds.
func TestObjectLockHeadersNeedPermission(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.must(a, treq{method: "PUT", target: "/hdb", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
	e.must(a, putMD5("/hdb/k", "x", "x-amz-object-lock-mode", "GOVERNANCE", "x-amz-object-lock-retain-until-date", future,
		"x-amz-object-lock-legal-hold", "ON"), 200)
	allow := func(actions string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[` + actions + `],"Resource":"*"}]}`
	}
	reader := e.user(acctA, "reader", allow(`"s3:GetObject"`))
	ret := e.user(acctA, "ret", allow(`"s3:GetObject","s3:GetObjectRetention"`))
	hold := e.user(acctA, "hold", allow(`"s3:GetObject","s3:GetObjectLegalHold"`))
	denied := e.user(acctA, "denied", allow(`"s3:GetObject*"`),
		`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObjectRetention","Resource":"*"}]}`)
	const none = ""
	cases := []struct {
		name            string
		c               authn.Caller
		method          string
		mode, until, lh string
	}{
		{"root get", a, "GET", "GOVERNANCE", "2030-01-01T00:00:00.000Z", "ON"},
		{"root head", a, "HEAD", "GOVERNANCE", "2030-01-01T00:00:00.000Z", "ON"},
		{"GetObject only", reader, "GET", none, none, none},
		{"GetObject only head", reader, "HEAD", none, none, none},
		{"with GetObjectRetention", ret, "HEAD", "GOVERNANCE", "2030-01-01T00:00:00.000Z", none},
		{"with GetObjectLegalHold", hold, "GET", none, none, "ON"},
		{"retention denied explicitly", denied, "GET", none, none, "ON"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(tc.c, treq{method: tc.method, target: "/hdb/k"})
			if w.Code != 200 {
				t.Fatalf("%s = %d %s, want 200", tc.method, w.Code, w.Body)
			}
			for k, want := range map[string]string{"x-amz-object-lock-mode": tc.mode,
				"x-amz-object-lock-retain-until-date": tc.until, "x-amz-object-lock-legal-hold": tc.lh} {
				if got := w.Header().Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if tc.method == "GET" && w.Body.String() != "x" {
				t.Errorf("body = %q, want %q", w.Body, "x")
			}
		})
	}
}

// TestObjectLockMultipart: the lock headers of CreateMultipartUpload reach
// the version CompleteMultipartUpload makes; without them the bucket's
// default retention applies.
func TestObjectLockMultipart(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.must(a, treq{method: "PUT", target: "/mpl", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
	e.must(a, treq{method: "PUT", target: "/mpd", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
	e.must(a, putMD5("/mpd?object-lock", `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Years>1</Years></DefaultRetention></Rule></ObjectLockConfiguration>`), 200)
	upload := func(target string, hdr map[string]string) string {
		t.Helper()
		w := e.must(a, treq{method: "POST", target: target + "?uploads", header: hdr}, 200)
		var ir struct{ UploadId string }
		if err := xml.Unmarshal(w.Body.Bytes(), &ir); err != nil || ir.UploadId == "" {
			t.Fatalf("CreateMultipartUpload body %s: %v", w.Body, err)
		}
		var parts strings.Builder
		for i, body := range []string{"hello", "world"} {
			n := strconv.Itoa(i + 1)
			pw := e.must(a, treq{method: "PUT", target: target + "?partNumber=" + n + "&uploadId=" + ir.UploadId, body: body, header: lockMD5Header(body)}, 200)
			parts.WriteString("<Part><PartNumber>" + n + "</PartNumber><ETag>" + pw.Header().Get("ETag") + "</ETag></Part>")
		}
		cw := e.must(a, treq{method: "POST", target: target + "?uploadId=" + ir.UploadId,
			body: "<CompleteMultipartUpload>" + parts.String() + "</CompleteMultipartUpload>"}, 200)
		return cw.Header().Get("x-amz-version-id")
	}
	v := upload("/mpl/big", map[string]string{"x-amz-object-lock-mode": "COMPLIANCE",
		"x-amz-object-lock-retain-until-date": future, "x-amz-object-lock-legal-hold": "ON"})
	dv := upload("/mpd/big", nil)
	if v == "" || dv == "" {
		t.Fatalf("CompleteMultipartUpload version ids %q, %q, want both set", v, dv)
	}
	cases := []struct {
		name   string
		r      treq
		status int
		code   string
		body   string
		header map[string]string
	}{
		{"head shows lock", treq{method: "HEAD", target: "/mpl/big?versionId=" + v}, 200, "", "", map[string]string{
			"x-amz-object-lock-mode": "COMPLIANCE", "x-amz-object-lock-retain-until-date": "2030-01-01T00:00:00.000Z",
			"x-amz-object-lock-legal-hold": "ON", "Content-Length": "10"}},
		{"retention", treq{method: "GET", target: "/mpl/big?retention&versionId=" + v}, 200, "",
			"<Mode>COMPLIANCE</Mode><RetainUntilDate>2030-01-01T00:00:00.000Z</RetainUntilDate>", nil},
		{"legal hold", treq{method: "GET", target: "/mpl/big?legal-hold"}, 200, "", "<Status>ON</Status>", nil},
		{"delete refused", treq{method: "DELETE", target: "/mpl/big?versionId=" + v}, 403, "AccessDenied",
			"Access Denied because object protected by object lock.", nil},
		{"default retention", treq{method: "HEAD", target: "/mpd/big?versionId=" + dv}, 200, "", "", map[string]string{
			"x-amz-object-lock-mode": "GOVERNANCE", "x-amz-object-lock-retain-until-date": "2027-03-01T12:00:00.000Z",
			"x-amz-object-lock-legal-hold": ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(a, tc.r)
			if w.Code != tc.status {
				t.Fatalf("%s %s = %d %s, want %d", tc.r.method, tc.r.target, w.Code, w.Body, tc.status)
			}
			if code, _ := errCode(t, w); code != tc.code {
				t.Errorf("code = %q, want %q", code, tc.code)
			}
			if !strings.Contains(w.Body.String(), tc.body) {
				t.Errorf("body %s does not contain %s", w.Body, tc.body)
			}
			for k, want := range tc.header {
				if got := w.Header().Get(k); got != want {
					t.Errorf("header %s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

// TestAWSServerDate: RetainUntilDate as AWS renders it in errors
// (LocalStack test_s3.snapshot.json
// TestS3ObjectLockRetention::test_s3_object_retention_exc
// "update-retention-past-date").
func TestAWSServerDate(t *testing.T) {
	for in, want := range map[string]string{
		"2020-01-01T00:00:00Z": "Tue Dec 31 16:00:00 PST 2019", // the recorded answer
		"2024-07-04T19:30:05Z": "Thu Jul 04 12:30:05 PDT 2024",
		"2024-03-10T09:59:59Z": "Sun Mar 10 01:59:59 PST 2024", // just before the switch
		"2024-03-10T10:00:00Z": "Sun Mar 10 03:00:00 PDT 2024",
		"2024-11-03T08:59:59Z": "Sun Nov 03 01:59:59 PDT 2024",
		"2024-11-03T09:00:00Z": "Sun Nov 03 01:00:00 PST 2024",
		"2005-04-03T10:00:00Z": "Sun Apr 03 03:00:00 PDT 2005",
	} {
		tm, err := time.Parse(time.RFC3339, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := awsServerDate(tm); got != want {
			t.Errorf("awsServerDate(%s) = %q, want %q", in, got, want)
		}
	}
}
