package s3

import (
	"strings"
	"testing"
	"time"
)

// TestPostObjectLock: a browser POST upload takes the Object Lock form
// fields with PutObject's validation and permission checks.
func TestPostObjectLock(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "plainp")
	e.must(a, treq{method: "PUT", target: "/lkp", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
	allow := func(actions string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[` + actions + `],"Resource":"*"}]}`
	}
	e.h.keys = testKeys{
		"AKIDA":    a,
		"AKIDPUT":  e.user(acctA, "putter", allow(`"s3:PutObject"`)),
		"AKIDLOCK": e.user(acctA, "locker", allow(`"s3:PutObject","s3:PutObjectRetention","s3:PutObjectLegalHold"`)),
	}
	expires := testNow.Add(time.Hour).Format("2006-01-02T15:04:05Z")
	// form signs a policy allowing exactly the fields given.
	form := func(akid, bucket, key string, kv ...string) []formField {
		conds := []string{`{"bucket":"` + bucket + `"}`, `["eq","$key","` + key + `"]`}
		var extra []formField
		for i := 0; i+1 < len(kv); i += 2 {
			conds = append(conds, `["starts-with","$`+kv[i]+`",""]`)
			extra = append(extra, formField{kv[i], kv[i+1]})
		}
		p := b64(`{"expiration":"` + expires + `","conditions":[` + strings.Join(conds, ",") + `]}`)
		return append([]formField{{"key", key}, {"AWSAccessKeyId", akid}, {"signature", sigV2(p)}, {"policy", p}}, extra...)
	}
	lock := func(mode, date string) []string {
		return []string{"x-amz-object-lock-mode", mode, "x-amz-object-lock-retain-until-date", date}
	}
	cases := []struct {
		name      string
		akid      string
		bucket    string
		key       string
		kv        []string
		status    int
		code, msg string
		header    map[string]string // on a HEAD of the object afterwards
	}{
		{"retention", "AKIDA", "lkp", "r", lock("COMPLIANCE", future), 204, "", "", map[string]string{
			"x-amz-object-lock-mode": "COMPLIANCE", "x-amz-object-lock-retain-until-date": "2030-01-01T00:00:00.000Z", "x-amz-object-lock-legal-hold": ""}},
		{"legal hold", "AKIDA", "lkp", "h", []string{"x-amz-object-lock-legal-hold", "ON"}, 204, "", "", map[string]string{
			"x-amz-object-lock-legal-hold": "ON", "x-amz-object-lock-mode": ""}},
		{"all three with permissions", "AKIDLOCK", "lkp", "all", append(lock("GOVERNANCE", future), "x-amz-object-lock-legal-hold", "OFF"), 204, "", "", map[string]string{
			"x-amz-object-lock-mode": "GOVERNANCE", "x-amz-object-lock-legal-hold": "OFF"}},
		{"no lock fields", "AKIDA", "lkp", "n", nil, 204, "", "", map[string]string{"x-amz-object-lock-mode": ""}},
		{"unlocked bucket", "AKIDA", "plainp", "r", []string{"x-amz-object-lock-legal-hold", "ON"}, 400, "InvalidRequest", "Bucket is missing ObjectLockConfiguration", nil},
		{"mode without date", "AKIDA", "lkp", "r", []string{"x-amz-object-lock-mode", "GOVERNANCE"}, 400, "InvalidArgument",
			"x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied", nil},
		{"bad mode", "AKIDA", "lkp", "r", lock("STRICT", future), 400, "InvalidArgument", "Unknown wormMode directive.", nil},
		{"past date", "AKIDA", "lkp", "r", lock("GOVERNANCE", past), 400, "InvalidArgument", "The retain until date must be in the future!", nil},
		{"bad hold", "AKIDA", "lkp", "r", []string{"x-amz-object-lock-legal-hold", "yes"}, 400, "InvalidArgument", "Legal Hold must be either of 'ON' or 'OFF'", nil},
		{"retention without s3:PutObjectRetention", "AKIDPUT", "lkp", "d", lock("GOVERNANCE", future), 403, "AccessDenied", "", nil},
		{"hold without s3:PutObjectLegalHold", "AKIDPUT", "lkp", "d", []string{"x-amz-object-lock-legal-hold", "ON"}, 403, "AccessDenied", "", nil},
		{"put only, no lock fields", "AKIDPUT", "lkp", "d", nil, 204, "", "", map[string]string{"x-amz-object-lock-mode": ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body, ct := buildForm(t, form(tc.akid, tc.bucket, tc.key, tc.kv...), "f", "data")
			w := e.do(anonymous, treq{method: "POST", target: "/" + tc.bucket, body: body, header: map[string]string{"Content-Type": ct}})
			if w.Code != tc.status {
				t.Fatalf("POST = %d %s, want %d", w.Code, w.Body, tc.status)
			}
			code, msg := errCode(t, w)
			if code != tc.code || (tc.msg != "" && msg != tc.msg) {
				t.Errorf("error = %q %q, want %q %q", code, msg, tc.code, tc.msg)
			}
			if tc.header == nil {
				return
			}
			h := e.must(a, treq{method: "HEAD", target: "/" + tc.bucket + "/" + tc.key}, 200)
			for k, want := range tc.header {
				if got := h.Header().Get(k); got != want {
					t.Errorf("HEAD %s = %q, want %q", k, got, want)
				}
			}
		})
	}
}
