package emulator_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// adminRequest sends one request to srv as if from a loopback client
// asking for host, with the given headers.
func adminRequest(srv http.Handler, method, path, host string, header map[string]string, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.RemoteAddr = "127.0.0.1:40000"
	r.Host = host
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	return w
}

// wantRefused checks a 403 with a JSON error naming why.
func wantRefused(t *testing.T, what string, w *httptest.ResponseRecorder, because string) {
	t.Helper()
	if w.Code != http.StatusForbidden {
		t.Errorf("%s = %d %s, want 403", what, w.Code, w.Body)
		return
	}
	var body struct{ Error string }
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || !strings.Contains(body.Error, because) {
		t.Errorf("%s body = %s, want a JSON error mentioning %q", what, w.Body, because)
	}
	if strings.Contains(w.Body.String(), "eyJ") {
		t.Errorf("%s leaked a token: %s", what, w.Body)
	}
}

func TestAdminRefusesNonLoopbackHost(t *testing.T) {
	t.Parallel()
	srv := emulatortest.New(t, emulator.Options{})
	refused := []string{"evil.example", "evil.example:4566", "127.0.0.1.evil.example", "localhost.evil.example:80",
		"10.0.0.1:4566", "", "[2001:db8::1]:4566"}
	paths := []struct{ method, path, body string }{
		{http.MethodGet, "/_fakeaws/world", ""},
		{http.MethodGet, "/_fakeaws/decisions", ""},
		{http.MethodGet, "/_fakeaws/health", ""},
		{http.MethodGet, "/_fakeaws/ui", ""},
		{http.MethodGet, "/_fakeaws/explain?principal=111111111111&action=s3:GetObject&resource=arn:aws:s3:::b/k", ""},
		{http.MethodGet, "/_fakeaws/explain/operations", ""},
		{http.MethodGet, "/_fakeaws/oidc/.well-known/openid-configuration", ""},
		{http.MethodPost, "/_fakeaws/oidc/token", `{"sub":"x","aud":"sts.amazonaws.com"}`},
		{http.MethodPost, "/_fakeaws/reset", ""},
	}
	for _, host := range refused {
		for _, p := range paths {
			w := adminRequest(srv, p.method, p.path, host, nil, p.body)
			wantRefused(t, p.method+" "+p.path+" Host "+host, w, "loopback Host")
		}
	}
	allowed := []string{"127.0.0.1:4566", "127.0.0.1", "127.1.2.3:80", "localhost", "LOCALHOST:4566", "localhost.:4566",
		"[::1]:4566", "[::1]", "bucket.localhost:4566", "a.b.localhost"}
	for _, host := range allowed {
		if w := adminRequest(srv, http.MethodGet, "/_fakeaws/health", host, nil, ""); w.Code != http.StatusOK {
			t.Errorf("GET /_fakeaws/health Host %q = %d %s, want 200", host, w.Code, w.Body)
		}
	}
}

func TestAdminAnywhereServesAnyHost(t *testing.T) {
	t.Parallel()
	srv := emulatortest.New(t, emulator.Options{AdminFromAnywhere: true})
	r := httptest.NewRequest(http.MethodGet, "/_fakeaws/health", nil)
	r.RemoteAddr = "203.0.113.9:5555"
	r.Host = "fakeaws.internal:4566"
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Errorf("health with --admin-anywhere from 203.0.113.9 = %d %s, want 200", w.Code, w.Body)
	}
	// Cross-origin state changes stay refused.
	w = adminRequest(srv, http.MethodPost, "/_fakeaws/reset", "fakeaws.internal:4566",
		map[string]string{"Origin": "http://evil.example", "Content-Type": "text/plain"}, "x=y")
	wantRefused(t, "cross-origin reset with --admin-anywhere", w, "cross-origin")
}

func TestAdminRefusesCrossOriginStateChanges(t *testing.T) {
	t.Parallel()
	const host = "127.0.0.1:4566"
	tests := []struct {
		name    string
		header  map[string]string
		refused bool
	}{
		{"text/plain form post from another site", map[string]string{"Origin": "http://evil.example", "Content-Type": "text/plain"}, true},
		{"urlencoded form post from another site", map[string]string{"Origin": "http://evil.example", "Content-Type": "application/x-www-form-urlencoded"}, true},
		{"another port on loopback", map[string]string{"Origin": "http://127.0.0.1:3000"}, true},
		{"same host by another name", map[string]string{"Origin": "http://localhost:4566"}, true},
		{"opaque origin", map[string]string{"Origin": "null"}, true},
		{"https origin for http server", map[string]string{"Origin": "https://127.0.0.1:4566"}, true},
		{"Sec-Fetch-Site cross-site", map[string]string{"Sec-Fetch-Site": "cross-site"}, true},
		{"Sec-Fetch-Site same-site", map[string]string{"Sec-Fetch-Site": "same-site"}, true},
		{"same origin, as the console sends", map[string]string{"Origin": "http://127.0.0.1:4566", "Sec-Fetch-Site": "same-origin"}, false},
		{"no browser headers, as curl sends", nil, false},
		{"Sec-Fetch-Site none (typed by the user)", map[string]string{"Sec-Fetch-Site": "none"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := emulatortest.New(t, emulator.Options{})
			// A user that a reset would remove.
			if w := adminRequest(srv, http.MethodPost, "/_fakeaws/reset", host, nil, ""); w.Code != http.StatusOK {
				t.Fatalf("plain reset = %d %s", w.Code, w.Body)
			}
			mint := adminRequest(srv, http.MethodPost, "/_fakeaws/oidc/token", host, tt.header, `{"sub":"ci","aud":"sts.amazonaws.com"}`)
			reset := adminRequest(srv, http.MethodPost, "/_fakeaws/reset", host, tt.header, "")
			if tt.refused {
				wantRefused(t, "POST /_fakeaws/oidc/token", mint, "cross-origin")
				wantRefused(t, "POST /_fakeaws/reset", reset, "cross-origin")
				return
			}
			if mint.Code != http.StatusOK || !strings.Contains(mint.Body.String(), "eyJ") {
				t.Errorf("POST /_fakeaws/oidc/token = %d %s, want 200 with a token", mint.Code, mint.Body)
			}
			if reset.Code != http.StatusOK {
				t.Errorf("POST /_fakeaws/reset = %d %s, want 200", reset.Code, reset.Body)
			}
		})
	}
}

// TestCrossOriginResetKeepsState sends the attack of issue 11 over a real
// connection: a text/plain form post from another site must not wipe the
// store.
func TestCrossOriginResetKeepsState(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	query(t, ts, "111111111111", "iam", "Action=CreateUser&UserName=alice&Version=2010-05-08")
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/_fakeaws/reset", strings.NewReader("a=b"))
	req.Header.Set("Origin", "http://evil.example")
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin reset = %d %s, want 403", resp.StatusCode, b)
	}
	if _, body := query(t, ts, "111111111111", "iam", "Action=GetUser&UserName=alice&Version=2010-05-08"); !strings.Contains(body, "<UserName>alice</UserName>") {
		t.Errorf("after a refused reset GetUser(alice) = %s, want alice still there", body)
	}
}

func TestAdminSecurityHeaders(t *testing.T) {
	t.Parallel()
	srv := emulatortest.New(t, emulator.Options{})
	for _, path := range []string{"/_fakeaws/ui", "/_fakeaws/ui/console.js", "/_fakeaws/ui/console.css", "/_fakeaws/world", "/_fakeaws/health"} {
		w := adminRequest(srv, http.MethodGet, path, "localhost:4566", nil, "")
		if w.Code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", path, w.Code)
		}
		want := map[string]string{
			"X-Frame-Options":        "DENY",
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "no-referrer",
		}
		for k, v := range want {
			if got := w.Header().Get(k); got != v {
				t.Errorf("GET %s %s = %q, want %q", path, k, got, v)
			}
		}
		csp := w.Header().Get("Content-Security-Policy")
		for _, d := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, d) {
				t.Errorf("GET %s Content-Security-Policy = %q, want it to contain %q", path, csp, d)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("GET %s Content-Security-Policy = %q allows inline code", path, csp)
		}
	}
	// The page itself must work under that CSP: no inline script, handler
	// attribute or style.
	page := adminRequest(srv, http.MethodGet, "/_fakeaws/ui", "localhost:4566", nil, "").Body.String()
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<script(\s[^>]*)?>\s*[^<\s]`),
		regexp.MustCompile(`<script>`),
		regexp.MustCompile(`\son[a-z]+\s*=`),
		regexp.MustCompile(`<style`),
		regexp.MustCompile(`\sstyle\s*=`),
		regexp.MustCompile(`javascript:`),
	} {
		if loc := bad.FindStringIndex(page); loc != nil {
			t.Errorf("console page has inline code the CSP would block: %q", page[loc[0]:min(loc[1]+20, len(page))])
		}
	}
	js := adminRequest(srv, http.MethodGet, "/_fakeaws/ui/console.js", "localhost:4566", nil, "")
	if ct := js.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") || !strings.Contains(js.Body.String(), "loadDecisions") {
		t.Errorf("console.js = %q %.60s, want the console script", ct, js.Body)
	}
}

// TestAdminHosts checks --admin-host: the names it gives are served beside
// the loopback ones, and with --admin-anywhere they are the only other
// names served, so a container can answer other containers under its
// service name while a DNS-rebinding name stays refused.
func TestAdminHosts(t *testing.T) {
	t.Parallel()
	const loopback, bridge = "127.0.0.1:40000", "172.18.0.3:40000"
	tests := []struct {
		name    string
		opts    emulator.Options
		peer    string
		host    string
		refusal string // "" when served
	}{
		{"named host from loopback", emulator.Options{AdminHosts: []string{"fakeaws"}}, loopback, "fakeaws:4566", ""},
		{"named host, any case and trailing dot", emulator.Options{AdminHosts: []string{"FakeAWS.", "other"}}, loopback, "fakeaws.:4566", ""},
		{"second named host", emulator.Options{AdminHosts: []string{"fakeaws", "fakeaws.internal"}}, loopback, "fakeaws.internal", ""},
		{"loopback names stay served", emulator.Options{AdminHosts: []string{"fakeaws"}}, loopback, "localhost:4566", ""},
		{"unnamed host refused", emulator.Options{AdminHosts: []string{"fakeaws"}}, loopback, "evil.example:4566", "--admin-host"},
		{"suffix of a named host refused", emulator.Options{AdminHosts: []string{"fakeaws"}}, loopback, "fakeaws.evil.example", "--admin-host"},
		{"empty host refused", emulator.Options{AdminHosts: []string{"fakeaws"}}, loopback, "", "--admin-host"},
		{"named host from another machine needs --admin-anywhere", emulator.Options{AdminHosts: []string{"fakeaws"}}, bridge, "fakeaws:4566", "loopback clients only"},
		{"anywhere with a named host from another container", emulator.Options{AdminFromAnywhere: true, AdminHosts: []string{"fakeaws"}}, bridge, "fakeaws:4566", ""},
		{"anywhere with named hosts keeps loopback names", emulator.Options{AdminFromAnywhere: true, AdminHosts: []string{"fakeaws"}}, bridge, "127.0.0.1:4566", ""},
		{"anywhere with named hosts refuses a rebinding name", emulator.Options{AdminFromAnywhere: true, AdminHosts: []string{"fakeaws"}}, bridge, "evil.example:4566", "--admin-host"},
		{"anywhere alone serves any name", emulator.Options{AdminFromAnywhere: true}, bridge, "evil.example:4566", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := emulatortest.New(t, tt.opts)
			for _, path := range []string{"/_fakeaws/health", "/_fakeaws/world"} {
				r := httptest.NewRequest(http.MethodGet, path, nil)
				r.RemoteAddr, r.Host = tt.peer, tt.host
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, r)
				what := "GET " + path + " from " + tt.peer + " Host " + tt.host
				if tt.refusal != "" {
					wantRefused(t, what, w, tt.refusal)
				} else if w.Code != http.StatusOK {
					t.Errorf("%s = %d %s, want 200", what, w.Code, w.Body)
				}
			}
		})
	}
}
