package sts

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

const localBase = "http://127.0.0.1:4566"

var anonymous = authn.Caller{Type: evaluator.PrincipalAnonymous}

// githubTrust is the trust policy GitHub's documentation gives for Actions
// OIDC, with the provider host replaced.
func githubTrust(providerARN, host string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + providerARN + `"},` +
		`"Action":"sts:AssumeRoleWithWebIdentity","Condition":{` +
		`"StringEquals":{"` + host + `:aud":"sts.amazonaws.com"},` +
		`"StringLike":{"` + host + `:sub":"repo:org/repo:*"}}}]}`
}

func (e *env) provider(account, url string, clientIDs ...string) store.OIDCProvider {
	e.t.Helper()
	p := store.OIDCProvider{ARN: "arn:aws:iam::" + account + ":oidc-provider/" + url, URL: url, ClientIDs: clientIDs,
		Created: e.clock.Now()}
	e.update(func(tx *store.Tx) error {
		return tx.Put(account, store.KindOIDCProvider, strings.ToLower(url), &p)
	})
	return p
}

// mintHTTP asks the issuer's token endpoint for a token.
func mintHTTP(t *testing.T, iss *Issuer, body string, contentType string) string {
	t.Helper()
	srv := iss.Handler(func(*http.Request) string { return localBase })
	r := httptest.NewRequest(http.MethodPost, IssuerPath+"/token", strings.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("POST token: %d %s", w.Code, w.Body.String())
	}
	var out struct {
		IDToken string `json:"id_token"`
		Token   string `json:"token"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil || out.IDToken == "" || out.IDToken != out.Token {
		t.Fatalf("token response %s: %v", w.Body.String(), err)
	}
	return out.IDToken
}

func TestAssumeRoleWithWebIdentity(t *testing.T) {
	t.Parallel()
	e := newEnv(t, true)
	host := "127.0.0.1:4566/_fakeaws/oidc"
	iss := localBase + IssuerPath
	prov := e.provider(acctA, host, "sts.amazonaws.com")
	role := e.role(acctA, "GitHubActions", githubTrust(prov.ARN, host), 7200, nil)
	e.role(acctA, "TagsOK", strings.Replace(githubTrust(prov.ARN, host), `"sts:AssumeRoleWithWebIdentity"`,
		`["sts:AssumeRoleWithWebIdentity","sts:TagSession"]`, 1), 0, nil)

	mint := func(sub string, aud []string, claims map[string]any, ttl time.Duration) string {
		tok, err := e.issuer.Mint(TokenRequest{Issuer: iss, Subject: sub, Audience: aud, Claims: claims, ExpiresIn: ttl})
		if err != nil {
			t.Fatalf("Mint: %v", err)
		}
		return tok
	}
	good := mintHTTP(t, e.issuer, `{"sub":"repo:org/repo:ref:refs/heads/main","aud":"sts.amazonaws.com"}`, "application/json")
	goodForm := mintHTTP(t, e.issuer, url.Values{"sub": {"repo:org/repo:pull_request"}, "aud": {"sts.amazonaws.com"}}.Encode(),
		"application/x-www-form-urlencoded")
	tampered := func() string {
		parts := strings.Split(good, ".")
		claims, _ := base64.RawURLEncoding.DecodeString(parts[1])
		claims = []byte(strings.Replace(string(claims), "repo:org/repo", "repo:org/evil", 1))
		return parts[0] + "." + base64.RawURLEncoding.EncodeToString(claims) + "." + parts[2]
	}()
	otherIssuer, err := e.issuer.Mint(TokenRequest{Issuer: "https://token.actions.githubusercontent.com", Subject: "repo:org/repo:x",
		Audience: []string{"sts.amazonaws.com"}})
	if err != nil {
		t.Fatal(err)
	}
	expiredAt := e.clock.Now().Add(-time.Minute).Unix()

	rows := []struct {
		name   string
		role   string
		token  string
		extra  map[string]string
		status int
		code   string
		msg    string
	}{
		{name: "token from the JSON endpoint", token: good, status: 200},
		{name: "token from the form endpoint", token: goodForm, status: 200},
		{name: "audience among several", token: mint("repo:org/repo:x", []string{"other", "sts.amazonaws.com"}, nil, time.Hour), status: 200},
		{name: "wrong audience", token: mint("repo:org/repo:x", []string{"my-app"}, nil, time.Hour), status: 400,
			code: "InvalidIdentityToken", msg: "Incorrect token audience"},
		{name: "expired", token: mint("repo:org/repo:x", []string{"sts.amazonaws.com"}, nil, -time.Minute), status: 400,
			code: "ExpiredTokenException", msg: "Token expired: current date/time " + itoa(e.clock.Now().Unix()) +
				" must be before the expiration date/time " + itoa(expiredAt)},
		{name: "subject the trust policy does not allow", token: mint("repo:org/other:x", []string{"sts.amazonaws.com"}, nil, time.Hour),
			status: 403, code: "AccessDenied", msg: "Not authorized to perform sts:AssumeRoleWithWebIdentity"},
		{name: "no provider for the issuer", token: otherIssuer, status: 400, code: "InvalidIdentityToken",
			msg: "No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com"},
		{name: "tampered claims", token: tampered, status: 400, code: "InvalidIdentityToken"},
		{name: "not a JWT", token: "abcd.efgh", status: 400, code: "InvalidIdentityToken",
			msg: "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)"},
		{name: "missing role", role: "arn:aws:iam::" + acctA + ":role/Nope", token: good, status: 403, code: "AccessDenied"},
		{name: "session tags need sts:TagSession", token: mint("repo:org/repo:x", []string{"sts.amazonaws.com"},
			map[string]any{sessionTagsClaim: map[string]any{"principal_tags": map[string]any{"team": []any{"red"}}}}, time.Hour),
			status: 403, code: "AccessDenied"},
		{name: "session tags allowed", role: "arn:aws:iam::" + acctA + ":role/TagsOK", token: mint("repo:org/repo:x", []string{"sts.amazonaws.com"},
			map[string]any{sessionTagsClaim: map[string]any{"principal_tags": map[string]any{"team": []any{"red"}}}}, time.Hour),
			status: 200},
		{name: "over the role's maximum", token: good, extra: map[string]string{"DurationSeconds": "7201"}, status: 400, code: "ValidationError"},
		{name: "token too short", token: "abc", status: 400, code: "ValidationError"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			arn := role.ARN
			if row.role != "" {
				arn = row.role
			}
			params := map[string]string{"Action": "AssumeRoleWithWebIdentity", "RoleArn": arn,
				"RoleSessionName": "gha", "WebIdentityToken": row.token}
			for k, v := range row.extra {
				params[k] = v
			}
			resp := e.call(anonymous, params)
			if row.status != 200 {
				wantErr(t, "AssumeRoleWithWebIdentity", resp, row.status, row.code, row.msg)
				return
			}
			wantOK(t, "AssumeRoleWithWebIdentity", resp)
			r := resp.Result
			if r.Audience != "sts.amazonaws.com" || r.Provider != prov.ARN || !strings.HasPrefix(r.SubjectFromWebIdentityToken, "repo:org/repo:") {
				t.Errorf("result Audience=%q Provider=%q Subject=%q", r.Audience, r.Provider, r.SubjectFromWebIdentityToken)
			}
			if !strings.HasSuffix(r.AssumedRoleUser.Arn, ":assumed-role/"+arn[strings.LastIndex(arn, "/")+1:]+"/gha") {
				t.Errorf("AssumedRoleUser.Arn = %s", r.AssumedRoleUser.Arn)
			}
			s := e.session(r.Credentials.AccessKeyID, r.Credentials.SessionToken)
			if s.Kind != "AssumeRoleWithWebIdentity" || s.Federated != prov.ARN || s.Subject != r.SubjectFromWebIdentityToken {
				t.Errorf("stored session = %+v", s)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestWebIdentityRemoteIssuer verifies tokens of an issuer that is not
// fakeaws's own through its discovery document and JWKS over HTTP.
func TestWebIdentityRemoteIssuer(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false) // no local issuer: everything goes over HTTP
	remote, err := NewIssuer(IssuerOptions{Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	var base string
	mux.Handle(IssuerPath+"/", remote.Handler(func(*http.Request) string { return base }))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	base = srv.URL
	iss := srv.URL + IssuerPath
	host := strings.TrimPrefix(iss, "http://")
	prov := e.provider(acctA, host, "my-client")
	role := e.role(acctA, "Remote", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"`+prov.ARN+
		`"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"`+host+`:aud":"my-client","`+host+`:sub":"u-1"}}}]}`, 0, nil)

	tok, err := remote.Mint(TokenRequest{Issuer: iss, Subject: "u-1", Audience: []string{"my-client"}})
	if err != nil {
		t.Fatal(err)
	}
	resp := e.call(anonymous, map[string]string{"Action": "AssumeRoleWithWebIdentity", "RoleArn": role.ARN,
		"RoleSessionName": "remote", "WebIdentityToken": tok})
	wantOK(t, "AssumeRoleWithWebIdentity via remote JWKS", resp)

	// A token signed by another key with the same kid does not verify.
	impostor, err := NewIssuer(IssuerOptions{Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	// Its own key is loaded first, then named by remote's kid.
	if _, _, err := impostor.signingKey(); err != nil {
		t.Fatal(err)
	}
	impostor.key.kid = remote.key.kid
	bad, _ := impostor.Mint(TokenRequest{Issuer: iss, Subject: "u-1", Audience: []string{"my-client"}})
	wantErr(t, "impostor token", e.call(anonymous, map[string]string{"Action": "AssumeRoleWithWebIdentity", "RoleArn": role.ARN,
		"RoleSessionName": "remote", "WebIdentityToken": bad}), http.StatusBadRequest, "InvalidIdentityToken", "")

	// An issuer that cannot be reached.
	srv.Close()
	e.provider(acctA, "127.0.0.1:1/nowhere", "my-client")
	gone, _ := remote.Mint(TokenRequest{Issuer: "http://127.0.0.1:1/nowhere", Subject: "u-1", Audience: []string{"my-client"}})
	wantErr(t, "unreachable issuer", e.call(anonymous, map[string]string{"Action": "AssumeRoleWithWebIdentity", "RoleArn": role.ARN,
		"RoleSessionName": "remote", "WebIdentityToken": gone}), http.StatusBadRequest, "InvalidIdentityToken", msgNoKey)
}

func TestIssuerEndpoints(t *testing.T) {
	t.Parallel()
	e := newEnv(t, true)
	h := e.issuer.Handler(func(*http.Request) string { return localBase })
	get := func(path string) map[string]any {
		t.Helper()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
		var out map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		return out
	}
	conf := get(IssuerPath + "/.well-known/openid-configuration")
	if conf["issuer"] != localBase+IssuerPath || conf["jwks_uri"] != localBase+IssuerPath+"/jwks" {
		t.Errorf("discovery = %v", conf)
	}
	jwks := get(IssuerPath + "/jwks")
	keys, _ := jwks["keys"].([]any)
	if len(keys) != 1 || keys[0].(map[string]any)["kid"] != e.issuer.KeyID() || keys[0].(map[string]any)["alg"] != "RS256" {
		t.Errorf("jwks = %v", jwks)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, IssuerPath+"/token", nil))
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET token: %d, want 405", w.Code)
	}

	tok := mintHTTP(t, e.issuer, `{"sub":"me","aud":["a","b"],"claims":{"amr":["mfa"],"custom":"x"},"expires_in":60}`, "application/json")
	claims, err := e.issuer.Verify(tok)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if claims["iss"] != localBase+IssuerPath || claims["sub"] != "me" || claims["custom"] != "x" {
		t.Errorf("claims = %v", claims)
	}
	if aud, _ := claims["aud"].([]any); len(aud) != 2 {
		t.Errorf("aud = %v, want [a b]", claims["aud"])
	}
	e.clock.Advance(61 * time.Second)
	if _, err := e.issuer.Verify(tok); err == nil || !strings.Contains(err.Error(), "expired") {
		t.Errorf("Verify after expiry = %v, want expired", err)
	}

	// The key is kept in the store: a second issuer over it verifies the
	// first one's tokens.
	again, err := NewIssuer(IssuerOptions{DB: e.db, Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if again.KeyID() != e.issuer.KeyID() {
		t.Errorf("restarted issuer kid %s, want %s", again.KeyID(), e.issuer.KeyID())
	}
	fresh, _ := e.issuer.Mint(TokenRequest{Issuer: "x", Subject: "y"})
	if _, err := again.Verify(fresh); err != nil {
		t.Errorf("restarted issuer Verify: %v", err)
	}
	other, _ := NewIssuer(IssuerOptions{Now: e.clock.Now})
	if _, err := other.Verify(fresh); err == nil {
		t.Error("an unrelated issuer verified the token")
	}
}

func FuzzParseJWT(f *testing.F) {
	iss, err := NewIssuer(IssuerOptions{Now: func() time.Time { return time.Unix(1700000000, 0) }})
	if err != nil {
		f.Fatal(err)
	}
	tok, _ := iss.Mint(TokenRequest{Issuer: "https://x", Subject: "s", Audience: []string{"a"}})
	f.Add(tok)
	f.Add("a.b.c")
	f.Add("eyJhbGciOiJSUzI1NiJ9.e30.")
	f.Add("eyJhbGciOiJub25lIn0.eyJleHAiOjF9.")
	f.Add(strings.Repeat("A", 30) + "..")
	f.Fuzz(func(t *testing.T, s string) {
		j, err := parseJWT(s)
		if err != nil {
			if j != nil {
				t.Fatalf("parseJWT(%q) returned a token and an error", s)
			}
			return
		}
		if j.Claims == nil {
			t.Fatalf("parseJWT(%q) returned nil claims", s)
		}
		_, _, _ = j.numericDate("exp")
		_ = j.strs("aud")
		// Only the real token verifies: anything else the fuzzer makes
		// must fail signature verification.
		if err := iss.verifySignature(j); err == nil && s != tok {
			t.Fatalf("forged token %q verified", s)
		}
		if _, err := iss.Verify(s); err == nil && s != tok {
			t.Fatalf("Verify accepted forged token %q", s)
		}
	})
}
