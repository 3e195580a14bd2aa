package sts

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/saml/samltest"
	"github.com/fakeaws/fakeaws/evaluator"
)

// decideAs decides action on resource for the session sealed in resp's
// credentials, as a request from sourceIP.
func decideAs(t *testing.T, e *env, resp response, sourceIP, action, resource string) (evaluator.Effect, map[string][]string) {
	t.Helper()
	wantOK(t, "assume", resp)
	s := e.session(resp.Result.Credentials.AccessKeyID, resp.Result.Credentials.SessionToken)
	ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: sessionCaller(s), Time: e.clock.Now(), RequestID: "r", SourceIP: sourceIP})
	d, req, err := e.az.Decide(ctx, authz.Check{Action: action, Resource: resource})
	if err != nil {
		t.Fatal(err)
	}
	return d.Effect, req.Context
}

// TestSAMLSessionKeys: saml:namequalifier, saml:sub and saml:sub_type are
// in the context of the requests a SAML session makes, so the IAM User
// Guide's per-user folder policy (id_roles_providers_saml.html) works; the
// keys were in the trust check only, and the policy allowed nothing. The
// session's issue-time aws:SourceIp does not stand in for the request's.
func TestSAMLSessionKeys(t *testing.T) {
	t.Parallel()
	e, idp := samlEnv(t)
	folder := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject"],` +
		`"Resource":["arn:aws:s3:::exampleorgBucket/backup/${saml:namequalifier}/${saml:sub}","arn:aws:s3:::exampleorgBucket/backup/${saml:namequalifier}/${saml:sub}/*"],` +
		`"Condition":{"StringEquals":{"saml:sub_type":"persistent"}}}}`
	e.role(acctA, "backup", samlTrust, 0, nil, folder)
	roleARN := "arn:aws:iam::" + acctA + ":role/backup"
	a := samltest.Assertion{IssueInstant: e.clock.Now(), NameID: "alice", Attributes: samltest.RoleAttributes(roleARN, testProviderARN, "alice")}
	resp := e.call(anonymous, map[string]string{"Action": "AssumeRoleWithSAML", "RoleArn": roleARN, "PrincipalArn": testProviderARN,
		"SAMLAssertion": idp.Base64(a)})
	nq := samlNameQualifier("https://idp.example.com/metadata", acctA, "corp")
	rows := []struct {
		resource string
		want     evaluator.Effect
	}{
		{"arn:aws:s3:::exampleorgBucket/backup/" + nq + "/alice/notes.txt", evaluator.Allow},
		{"arn:aws:s3:::exampleorgBucket/backup/" + nq + "/bob/notes.txt", evaluator.ImplicitDeny},
	}
	for _, row := range rows {
		got, keys := decideAs(t, e, resp, "10.0.0.9", "s3:GetObject", row.resource)
		if got != row.want {
			t.Errorf("s3:GetObject %s = %v, want %v", row.resource, got, row.want)
		}
		if ip := strings.Join(keys["aws:sourceip"], ","); ip != "10.0.0.9" {
			t.Errorf("aws:SourceIp = %q, want the request's 10.0.0.9", ip)
		}
	}
}

// TestWebIdentitySessionKeys: the token's <provider>:sub, :aud and :amr
// are in the context of the requests a web identity session makes ("additional
// condition keys are available when the temporary security credentials are
// used to make a request", IAM condition key reference), as in Cognito's
// ${cognito-identity.amazonaws.com:sub} folder policies; they were in the
// trust check only.
func TestWebIdentitySessionKeys(t *testing.T) {
	t.Parallel()
	e := newEnv(t, true)
	const host = "token.example.com"
	prov := e.provider(acctA, host, "app")
	e.role(acctA, "folders", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"`+prov.ARN+
		`"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`, 0, nil,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${`+host+`:sub}/*",`+
			`"Condition":{"StringEquals":{"`+host+`:aud":"app"},"ForAnyValue:StringEquals":{"`+host+`:amr":"authenticated"}}}]}`)
	tok, err := e.issuer.Mint(TokenRequest{Issuer: "https://" + host, Subject: "u-42", Audience: []string{"app"},
		Claims: map[string]any{"amr": []any{"authenticated", "accounts.google.com"}}, ExpiresIn: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	resp := e.call(anonymous, map[string]string{"Action": "AssumeRoleWithWebIdentity", "RoleArn": "arn:aws:iam::" + acctA + ":role/folders",
		"RoleSessionName": "web", "WebIdentityToken": tok})
	for resource, want := range map[string]evaluator.Effect{
		"arn:aws:s3:::b/u-42/f": evaluator.Allow,
		"arn:aws:s3:::b/u-7/f":  evaluator.ImplicitDeny,
	} {
		if got, _ := decideAs(t, e, resp, "10.0.0.9", "s3:GetObject", resource); got != want {
			t.Errorf("s3:GetObject %s = %v, want %v", resource, got, want)
		}
	}
}
