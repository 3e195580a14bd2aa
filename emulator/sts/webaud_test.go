package sts

import (
	"net/http"
	"testing"
	"time"
)

// TestWebIdentityAudienceKeys: <provider>:aud is azp when the token has one
// and aud otherwise, and <provider>:oaud is aud in both cases, as the IAM
// condition key reference gives them for Google ID tokens (its two example
// trust policies are the roles here). fakeaws let a token whose azp named
// another client pass a trust policy's :aud condition through its aud, and
// set no :oaud without azp.
func TestWebIdentityAudienceKeys(t *testing.T) {
	t.Parallel()
	e := newEnv(t, true)
	host := "127.0.0.1:4566/_fakeaws/oidc"
	iss := localBase + IssuerPath
	prov := e.provider(acctA, host, "web-app", "android-app")
	trust := func(aud, oaud string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + prov.ARN + `"},` +
			`"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"` + host + `:aud":"` + aud + `","` +
			host + `:oaud":"` + oaud + `","` + host + `:sub":"u"}}}]}`
	}
	// "azp Field Not Set": aud matches both keys.
	plain := e.role(acctA, "Plain", trust("web-app", "web-app"), 0, nil)
	// "azp Field Set": :aud is azp, :oaud is aud.
	hybrid := e.role(acctA, "Hybrid", trust("android-app", "web-app"), 0, nil)
	audOnly := e.role(acctA, "AudOnly", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"`+prov.ARN+`"},`+
		`"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"`+host+`:aud":"web-app"}}}]}`, 0, nil)

	rows := []struct {
		name   string
		role   string
		claims map[string]any
		status int
		code   string
	}{
		{name: "no azp", role: plain.ARN, claims: map[string]any{"aud": "web-app"}, status: 200},
		{name: "no azp, registered aud among others", role: plain.ARN, claims: map[string]any{"aud": []any{"other", "web-app"}}, status: 200},
		{name: "azp set", role: hybrid.ARN, claims: map[string]any{"aud": "web-app", "azp": "android-app"}, status: 200},
		{name: "aud only", role: audOnly.ARN, claims: map[string]any{"aud": "web-app"}, status: 200},
		{name: "azp of another client does not pass as aud", role: audOnly.ARN, claims: map[string]any{"aud": "web-app", "azp": "someone-else"},
			status: 403, code: "AccessDenied"},
		{name: "azp set, policy written for no azp", role: plain.ARN, claims: map[string]any{"aud": "web-app", "azp": "android-app"},
			status: 403, code: "AccessDenied"},
		{name: "neither registered", role: plain.ARN, claims: map[string]any{"aud": "other", "azp": "someone-else"},
			status: 400, code: "InvalidIdentityToken"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			tok, err := e.issuer.Mint(TokenRequest{Issuer: iss, Subject: "u", Claims: row.claims, ExpiresIn: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			resp := e.call(anonymous, map[string]string{"Action": "AssumeRoleWithWebIdentity", "RoleArn": row.role,
				"RoleSessionName": "aud", "WebIdentityToken": tok})
			if row.status != http.StatusOK {
				wantErr(t, "AssumeRoleWithWebIdentity", resp, row.status, row.code, "")
				return
			}
			wantOK(t, "AssumeRoleWithWebIdentity", resp)
		})
	}
}
