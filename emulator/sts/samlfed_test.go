package sts

import (
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/saml/samltest"
	"github.com/fakeaws/fakeaws/emulator/store"
)

const (
	testProviderARN = "arn:aws:iam::" + acctA + ":saml-provider/corp"
	testSAMLRoleARN = "arn:aws:iam::" + acctA + ":role/saml-reader"
	samlTrust       = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + testProviderARN + `"},` +
		`"Action":["sts:AssumeRoleWithSAML","sts:TagSession"],"Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}`
)

// samlEnv is an env with a SAML provider "corp" trusting a test IdP and a
// role saml-reader trusting the provider.
func samlEnv(t *testing.T) (*env, *samltest.IdP) {
	t.Helper()
	e := newEnv(t, false)
	idp, err := samltest.New("https://idp.example.com/metadata", e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.update(func(tx *store.Tx) error {
		return tx.Put(acctA, store.KindSAMLProvider, "corp", &store.SAMLProvider{ARN: testProviderARN, Name: "corp",
			Metadata: idp.Metadata(), Created: e.clock.Now()})
	})
	e.role(acctA, "saml-reader", samlTrust, 7200, nil,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`)
	e.role(acctA, "other", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::`+acctA+`:root"},"Action":"sts:AssumeRole"}]}`, 3600, nil)
	return e, idp
}

func TestAssumeRoleWithSAML(t *testing.T) {
	t.Parallel()
	e, idp := samlEnv(t)
	now := e.clock.Now()
	good := samltest.Assertion{IssueInstant: now, NameID: "alice", Attributes: append(
		samltest.RoleAttributes(testSAMLRoleARN, testProviderARN, "alice@example.com"),
		samltest.Attribute{Name: "https://aws.amazon.com/SAML/Attributes/PrincipalTag:Dept", Values: []string{"eng"}})}
	resp := e.call(anonymous, map[string]string{"Action": "AssumeRoleWithSAML", "RoleArn": testSAMLRoleARN,
		"PrincipalArn": testProviderARN, "SAMLAssertion": idp.Base64(good), "DurationSeconds": "7200"})
	wantOK(t, "AssumeRoleWithSAML", resp)
	r := resp.Result
	if want := "arn:aws:sts::" + acctA + ":assumed-role/saml-reader/alice@example.com"; r.AssumedRoleUser.Arn != want {
		t.Errorf("AssumedRoleUser.Arn = %q, want %q", r.AssumedRoleUser.Arn, want)
	}
	if want := isoTime(now.Add(2 * time.Hour)); r.Credentials.Expiration != want {
		t.Errorf("Expiration = %s, want %s", r.Credentials.Expiration, want)
	}
	for _, f := range []struct{ name, got, want string }{
		{"Subject", fieldOf(resp.Body, "Subject"), "alice"},
		{"SubjectType", fieldOf(resp.Body, "SubjectType"), "persistent"},
		{"Issuer", fieldOf(resp.Body, "Issuer"), "https://idp.example.com/metadata"},
		{"Audience", fieldOf(resp.Body, "Audience"), "https://signin.aws.amazon.com/saml"},
		// BASE64(SHA1("https://idp.example.com/metadata" + "111111111111" + "/corp")).
		{"NameQualifier", fieldOf(resp.Body, "NameQualifier"), samlNameQualifier("https://idp.example.com/metadata", acctA, "corp")},
	} {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
	s := e.session(r.Credentials.AccessKeyID, r.Credentials.SessionToken)
	if s.Kind != "AssumeRoleWithSAML" || s.Federated != testProviderARN || s.Subject != "alice" || s.Tags["Dept"] != "eng" || s.SessionName != "alice@example.com" {
		t.Errorf("session = %+v", s)
	}
	caller := sessionCaller(s)
	ctx := authn.WithInfo(t.Context(), &authn.Info{Caller: caller, Time: now})
	if err := e.az.Authorize(ctx, authz.Check{Action: "s3:ListAllMyBuckets", Resource: "*"}); err != nil {
		t.Errorf("SAML session s3:ListAllMyBuckets: %v", err)
	}
}

func TestSAMLNameQualifierDocumented(t *testing.T) {
	t.Parallel()
	// The pseudocode of the AssumeRoleWithSAML reference:
	// BASE64 ( SHA1 ( "https://example.com/saml" + "123456789012" + "/MySAMLIdP" ) ),
	// computed independently with `printf %s ... | openssl sha1 -binary | base64`.
	if got, want := samlNameQualifier("https://example.com/saml", "123456789012", "MySAMLIdP"), "1uAJanUnBc2XeUkHURMht+xam2c="; got != want {
		t.Errorf("samlNameQualifier = %q, want %q", got, want)
	}
}

func TestAssumeRoleWithSAMLErrors(t *testing.T) {
	t.Parallel()
	e, idp := samlEnv(t)
	now := e.clock.Now()
	other, err := samltest.New("https://idp.example.com/metadata", now)
	if err != nil {
		t.Fatal(err)
	}
	base := samltest.Assertion{IssueInstant: now, Attributes: samltest.RoleAttributes(testSAMLRoleARN, testProviderARN, "alice")}
	with := func(f func(*samltest.Assertion)) samltest.Assertion {
		a := base
		f(&a)
		return a
	}
	rows := []struct {
		name      string
		idp       *samltest.IdP
		a         samltest.Assertion
		params    map[string]string
		status    int
		code, msg string
	}{
		{"missing parameters", idp, base, map[string]string{"RoleArn": "", "PrincipalArn": "", "SAMLAssertion": ""}, 400, "ValidationError",
			// An empty ARN fails its "]+" pattern and its length, as AWS
			// answers an empty AssumeRole RoleArn (justincormack/argmin
			// sts_oracle.rs assume-role-empty-role-arn).
			"5 validation errors detected: Value '' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patText + "; " +
				"Value '' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
				"Value '' at 'principalArn' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patText + "; " +
				"Value '' at 'principalArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
				"Value at 'sAMLAssertion' failed to satisfy constraint: Member must have length greater than or equal to 4"},
		{"provider is not a SAML provider ARN", idp, base, map[string]string{"PrincipalArn": "arn:aws:iam::" + acctA + ":role/saml-reader"}, 400, "ValidationError", "Request ARN is invalid"},
		{"no such provider", idp, base, map[string]string{"PrincipalArn": "arn:aws:iam::" + acctA + ":saml-provider/nope"}, 400, "InvalidIdentityToken", msgSAMLNoProvider},
		{"not base64", idp, base, map[string]string{"SAMLAssertion": "!!!!"}, 400, "InvalidIdentityToken", msgSAMLInvalid},
		{"unsigned", idp, with(func(a *samltest.Assertion) { a.Unsigned = true }), nil, 400, "InvalidIdentityToken", msgSAMLSignature},
		{"signed by another key", other, base, nil, 400, "InvalidIdentityToken", msgSAMLSignature},
		{"tampered", idp, with(func(a *samltest.Assertion) {
			a.Tamper = func(s string) string { return strings.Replace(s, ">alice<", ">root<", 1) }
		}), nil, 400, "InvalidIdentityToken", msgSAMLSignature},
		{"issuer not the provider's entity", idp, with(func(a *samltest.Assertion) { a.Issuer = "https://evil.example.com" }), nil, 400, "InvalidIdentityToken", msgSAMLIssuer},
		{"issued more than 5 minutes ago", idp, with(func(a *samltest.Assertion) {
			a.IssueInstant = now.Add(-6 * time.Minute)
			a.NotOnOrAfter = now.Add(time.Hour)
		}), nil, 400, "ExpiredTokenException", msgSAMLRedeem},
		{"past NotOnOrAfter", idp, with(func(a *samltest.Assertion) { a.NotOnOrAfter = now }), nil, 400, "ExpiredTokenException", msgSAMLExpired},
		{"wrong audience", idp, with(func(a *samltest.Assertion) { a.Audience = "https://app.example.com" }), nil, 400, "InvalidIdentityToken", msgSAMLAudience},
		{"no session name", idp, with(func(a *samltest.Assertion) {
			a.Attributes = []samltest.Attribute{{Name: samltest.AttrRole, Values: []string{testSAMLRoleARN + "," + testProviderARN}}}
		}), nil, 400, "InvalidIdentityToken", msgSAMLSessionName},
		{"bad session name", idp, with(func(a *samltest.Assertion) {
			a.Attributes = samltest.RoleAttributes(testSAMLRoleARN, testProviderARN, "alice smith")
		}), nil, 400, "InvalidIdentityToken", msgSAMLSessionName},
		{"role not offered by the assertion", idp, base, map[string]string{"RoleArn": "arn:aws:iam::" + acctA + ":role/other"}, 403, "AccessDenied", msgSAMLDenied},
		{"trust does not name the provider", idp, with(func(a *samltest.Assertion) {
			a.Attributes = samltest.RoleAttributes("arn:aws:iam::"+acctA+":role/other", testProviderARN, "alice")
		}), map[string]string{"RoleArn": "arn:aws:iam::" + acctA + ":role/other"}, 403, "AccessDenied", msgSAMLDenied},
		{"trust condition on SAML:aud fails", idp, with(func(a *samltest.Assertion) { a.Recipient = "https://us-east-2.signin.aws.amazon.com/saml" }),
			nil, 403, "AccessDenied", msgSAMLDenied},
		{"duration above the role's maximum", idp, base, map[string]string{"DurationSeconds": "10800"}, 400, "ValidationError",
			"The requested DurationSeconds exceeds the MaxSessionDuration set for this role."},
		{"malformed session policy", idp, base, map[string]string{"Policy": "{"}, 400, "MalformedPolicyDocument", ""},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			params := map[string]string{"Action": "AssumeRoleWithSAML", "RoleArn": testSAMLRoleARN, "PrincipalArn": testProviderARN,
				"SAMLAssertion": row.idp.Base64(row.a)}
			for k, v := range row.params {
				params[k] = v
			}
			wantErr(t, "AssumeRoleWithSAML", e.call(anonymous, params), row.status, row.code, row.msg)
		})
	}
	// Regional sign-in endpoints are accepted audiences.
	regional := with(func(a *samltest.Assertion) { a.Audience = "https://eu-west-1.signin.aws.amazon.com/saml" })
	wantOK(t, "regional audience", e.call(anonymous, map[string]string{"Action": "AssumeRoleWithSAML", "RoleArn": testSAMLRoleARN,
		"PrincipalArn": testProviderARN, "SAMLAssertion": idp.Base64(regional)}))
}

// fieldOf returns the text of the first element name in body.
func fieldOf(body, name string) string {
	_, rest, ok := strings.Cut(body, "<"+name+">")
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, "</"+name+">")
	return v
}

// TestSAMLSessionNameOK pins the assertion's RoleSessionName rule,
// [a-zA-Z_0-9+=,.@-]{2,64}, at its edges.
func TestSAMLSessionNameOK(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"ab", true},
		{"a", false},
		{"", false},
		{strings.Repeat("x", 64), true},
		{strings.Repeat("x", 65), false},
		{"user+tag=1,a.b@c-d_E9", true},
		{"has space", false},
		{"slash/no", false},
		{"colon:no", false},
		{"ünï", false},
	} {
		if got := samlSessionNameOK(tc.name); got != tc.ok {
			t.Errorf("samlSessionNameOK(%q) = %v, want %v", tc.name, got, tc.ok)
		}
	}
}
