package s3

import (
	"strings"
	"testing"
)

// TestEventHoldsRefused: every way of asking for an Object Lock event hold
// is 501 NotImplemented and stores nothing, never a write without the
// hold it asked for.
func TestEventHoldsRefused(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.must(a, treq{method: "PUT", target: "/held", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
	e.must(a, treq{method: "PUT", target: "/held/src", body: "source"}, 200)
	hold := map[string]string{"x-amz-object-lock-event-hold": "ON"}
	days := map[string]string{"x-amz-object-lock-event-hold-duration-days": "30"}
	copyHold := map[string]string{"x-amz-copy-source": "/held/src", "x-amz-object-lock-event-hold": "ON"}
	for _, c := range []struct {
		name string
		r    treq
		key  string // object that must not exist afterwards
	}{
		{"PutObject", treq{method: "PUT", target: "/held/a", body: "x", header: hold}, "a"},
		{"PutObject with a duration", treq{method: "PUT", target: "/held/b", body: "x", header: days}, "b"},
		{"CopyObject", treq{method: "PUT", target: "/held/c", header: copyHold}, "c"},
		{"CreateMultipartUpload", treq{method: "POST", target: "/held/d?uploads", header: hold}, "d"},
		{"PutObjectRetention", putMD5("/held/src?retention", `<Retention><EventHold>ON</EventHold></Retention>`), ""},
		{"PutObjectLockConfiguration", putMD5("/held?object-lock",
			`<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultEventHold><Days>1</Days></DefaultEventHold></Rule></ObjectLockConfiguration>`), ""},
	} {
		w := e.do(a, c.r)
		if code, _ := errCode(t, w); w.Code != 501 || code != "NotImplemented" {
			t.Errorf("%s = %d %s, want 501 NotImplemented", c.name, w.Code, code)
		}
		if c.key != "" {
			if w := e.do(a, treq{method: "HEAD", target: "/held/" + c.key}); w.Code != 404 {
				t.Errorf("%s: HEAD %s = %d, want 404", c.name, c.key, w.Code)
			}
		}
	}
	if w := e.do(a, treq{method: "GET", target: "/held?uploads"}); w.Code != 200 || strings.Contains(w.Body.String(), "<Upload>") {
		t.Errorf("uploads after a refused CreateMultipartUpload: %d %s", w.Code, w.Body)
	}
}
