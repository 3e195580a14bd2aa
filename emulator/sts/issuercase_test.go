package sts

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestWebIdentityIssuerPathCase: a provider is found by its lower-cased
// URL, but iss is a case-sensitive URL (OpenID Connect Core 1.0, section 2)
// and the signing keys come from iss. Two tenants of one issuer host whose
// paths differ only in case are different issuers: a token of /TENANT must
// not assume a role that trusts the provider for /tenant. fakeaws verified
// it with /TENANT's keys and issued credentials.
func TestWebIdentityIssuerPathCase(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	victim, err := NewIssuer(IssuerOptions{Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	attacker, err := NewIssuer(IssuerOptions{Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	var base string
	mux := http.NewServeMux()
	mux.Handle("/tenant/", http.StripPrefix("/tenant", victim.Handler(func(*http.Request) string { return base + "/tenant" })))
	mux.Handle("/TENANT/", http.StripPrefix("/TENANT", attacker.Handler(func(*http.Request) string { return base + "/TENANT" })))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	base = srv.URL
	host := strings.TrimPrefix(srv.URL, "http://")

	prov := e.provider(acctA, host+"/tenant"+IssuerPath, "my-client")
	role := e.role(acctA, "Tenant", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"`+prov.ARN+
		`"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`, 0, nil)
	call := func(tok string) response {
		return e.call(anonymous, map[string]string{"Action": "AssumeRoleWithWebIdentity", "RoleArn": role.ARN,
			"RoleSessionName": "tenant", "WebIdentityToken": tok})
	}

	own := base + "/tenant" + IssuerPath
	tok, err := victim.Mint(TokenRequest{Issuer: own, Subject: "u", Audience: []string{"my-client"}})
	if err != nil {
		t.Fatal(err)
	}
	wantOK(t, "the provider's own issuer", call(tok))
	upperHost, err := victim.Mint(TokenRequest{Issuer: "http://" + strings.ToUpper(host) + "/tenant" + IssuerPath, Subject: "u", Audience: []string{"my-client"}})
	if err != nil {
		t.Fatal(err)
	}
	wantOK(t, "the host in another case", call(upperHost))

	other := base + "/TENANT" + IssuerPath
	forged, err := attacker.Mint(TokenRequest{Issuer: other, Subject: "u", Audience: []string{"my-client"}})
	if err != nil {
		t.Fatal(err)
	}
	wantErr(t, "another tenant whose path differs in case", call(forged), http.StatusBadRequest, "InvalidIdentityToken",
		"No OpenIDConnect provider found in your account for "+other)
}
