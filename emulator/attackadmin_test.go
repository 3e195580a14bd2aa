package emulator_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// TestAttackAdminPathSpellings sends state-changing admin requests under
// other spellings of their paths (encoded, doubled or trailing slashes,
// dot segments) and every method, from another origin and for a
// non-loopback Host: CONTRACT.md's guards (loopback Host, no cross-origin
// state change) hold for each, and the world is not reset.
func TestAttackAdminPathSpellings(t *testing.T) {
	t.Parallel()
	srv := emulatortest.New(t, emulator.Options{})
	create := httptestS3(t, srv, http.MethodPut, "/survivor")
	if create.Code != http.StatusOK {
		t.Fatalf("CreateBucket = %d %s", create.Code, create.Body)
	}
	paths := []string{"/_fakeaws/reset", "/_fakeaws/reset/", "/_fakeaws//reset", "/_fakeaws/%72eset", "/%5Ffakeaws/reset",
		"/_fakeaws/./reset", "/_fakeaws/ui/../reset", "/_fakeaws/reset?x=1", "/_fakeaws/clock", "/_fakeaws/lesson/note",
		"/_fakeaws/oidc/token", "/_fakeaws/explain"}
	methods := []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch}
	guards := []struct {
		name, host string
		header     map[string]string
		because    string
	}{
		{"cross-origin", "127.0.0.1:4566", map[string]string{"Origin": "http://evil.example", "Content-Type": "text/plain"}, "cross-origin"},
		{"cross-site fetch", "127.0.0.1:4566", map[string]string{"Sec-Fetch-Site": "cross-site"}, "cross-origin"},
		{"rebinding host", "evil.example:4566", nil, "loopback Host"},
	}
	for _, g := range guards {
		for _, p := range paths {
			for _, m := range methods {
				w := adminRequest(srv, m, p, g.host, g.header, `{"sub":"x","aud":"sts.amazonaws.com"}`)
				wantRefused(t, g.name+" "+m+" "+p, w, g.because)
			}
		}
	}
	if head := httptestS3(t, srv, http.MethodHead, "/survivor"); head.Code != http.StatusOK {
		t.Errorf("HeadBucket after the attempts = %d: the world was reset", head.Code)
	}
}

// httptestS3 serves a root-signed S3 request on srv directly.
func httptestS3(t *testing.T, srv http.Handler, method, path string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "http://127.0.0.1:4566"+path, nil)
	r.RemoteAddr = "127.0.0.1:40000"
	s := rawSigner{akid: "111111111111", secret: "test", region: "us-east-1", service: "s3"}
	s.signHeader(r, []string{"host", "x-amz-content-sha256", "x-amz-date"}, atkSHA256(nil))
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	return w
}
