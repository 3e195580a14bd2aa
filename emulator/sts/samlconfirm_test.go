package sts

import (
	"net/http"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/saml/samltest"
)

// TestSAMLSubjectConfirmation: "There must be exactly one
// SubjectConfirmation element with a SubjectConfirmationData element that
// includes both the NotOnOrAfter attribute and a Recipient attribute. These
// attributes include a value that must match the AWS endpoint"
// (id_roles_providers_create_saml_assertions.html#saml_subject-name-id).
// fakeaws accepted assertions confirmed for another service provider's
// endpoint, with no confirmation, with two, and without NotOnOrAfter.
func TestSAMLSubjectConfirmation(t *testing.T) {
	t.Parallel()
	e, idp := samlEnv(t)
	now := e.clock.Now()
	until := now.Add(5 * time.Minute).UTC().Format("2006-01-02T15:04:05Z")
	bearer := func(attrs string) string {
		return `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData` + attrs +
			`></saml:SubjectConfirmationData></saml:SubjectConfirmation>`
	}
	aws := bearer(` NotOnOrAfter="` + until + `" Recipient="https://signin.aws.amazon.com/saml"`)
	// The role's trust policy asks nothing of SAML:aud here, so only the
	// confirmation rule can refuse.
	e.role(acctA, "open", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"`+testProviderARN+
		`"},"Action":"sts:AssumeRoleWithSAML"}]}`, 0, nil)
	roleARN := "arn:aws:iam::" + acctA + ":role/open"
	rows := []struct {
		name          string
		recipient     string
		confirmations []string
		ok            bool
	}{
		{name: "one bearer confirmation for AWS", confirmations: []string{aws}, ok: true},
		{name: "regional endpoint", recipient: "https://eu-west-1.signin.aws.amazon.com/saml", ok: true},
		{name: "another service provider's endpoint", recipient: "https://app.example.com/acs"},
		{name: "urn:amazon:webservices is an audience, not an endpoint", recipient: "urn:amazon:webservices"},
		{name: "no confirmation", confirmations: []string{}},
		{name: "two confirmations", confirmations: []string{aws, aws}},
		{name: "no NotOnOrAfter", confirmations: []string{bearer(` Recipient="https://signin.aws.amazon.com/saml"`)}},
		{name: "no Recipient", confirmations: []string{bearer(` NotOnOrAfter="` + until + `"`)}},
		{name: "not bearer", confirmations: []string{`<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"><saml:SubjectConfirmationData NotOnOrAfter="` +
			until + `" Recipient="https://signin.aws.amazon.com/saml"></saml:SubjectConfirmationData></saml:SubjectConfirmation>`}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			a := samltest.Assertion{IssueInstant: now, Recipient: row.recipient, Confirmations: row.confirmations,
				Attributes: samltest.RoleAttributes(roleARN, testProviderARN, "alice")}
			resp := e.call(anonymous, map[string]string{"Action": "AssumeRoleWithSAML", "RoleArn": roleARN,
				"PrincipalArn": testProviderARN, "SAMLAssertion": idp.Base64(a)})
			if row.ok {
				wantOK(t, "AssumeRoleWithSAML", resp)
				return
			}
			wantErr(t, "AssumeRoleWithSAML", resp, http.StatusBadRequest, "InvalidIdentityToken", msgSAMLConfirmation)
		})
	}
}

// TestSAMLSessionDuration: the SessionDuration attribute "can be used to
// shorten the duration of the session" of AssumeRoleWithSAML and is a whole
// number of seconds from 900 to 43200
// (id_roles_providers_create_saml_assertions.html#saml_role-session-duration).
// fakeaws ignored it: the credentials lasted DurationSeconds.
func TestSAMLSessionDuration(t *testing.T) {
	t.Parallel()
	e, idp := samlEnv(t)
	now := e.clock.Now()
	rows := []struct {
		name     string
		values   []string // nil: no attribute
		duration string   // DurationSeconds, "" for the default hour
		lasts    time.Duration
		bad      bool
	}{
		{name: "absent", lasts: time.Hour},
		{name: "shorter than DurationSeconds", values: []string{"1800"}, duration: "7200", lasts: 30 * time.Minute},
		{name: "shorter than the default hour", values: []string{"900"}, lasts: 15 * time.Minute},
		{name: "longer than DurationSeconds does not extend", values: []string{"43200"}, duration: "3600", lasts: time.Hour},
		{name: "below 900", values: []string{"899"}, bad: true},
		{name: "above 43200", values: []string{"43201"}, bad: true},
		{name: "not a number", values: []string{"1h"}, bad: true},
		{name: "two values", values: []string{"900", "1800"}, bad: true},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			attrs := samltest.RoleAttributes(testSAMLRoleARN, testProviderARN, "alice")
			if row.values != nil {
				attrs = append(attrs, samltest.Attribute{Name: samltest.AttrSessionDuration, Values: row.values})
			}
			params := map[string]string{"Action": "AssumeRoleWithSAML", "RoleArn": testSAMLRoleARN, "PrincipalArn": testProviderARN,
				"SAMLAssertion": idp.Base64(samltest.Assertion{IssueInstant: now, NotOnOrAfter: now.Add(24 * time.Hour), Attributes: attrs})}
			if row.duration != "" {
				params["DurationSeconds"] = row.duration
			}
			resp := e.call(anonymous, params)
			if row.bad {
				wantErr(t, "AssumeRoleWithSAML", resp, http.StatusBadRequest, "InvalidIdentityToken", msgSAMLSessionDuration)
				return
			}
			wantOK(t, "AssumeRoleWithSAML", resp)
			if want := isoTime(now.Add(row.lasts)); resp.Result.Credentials.Expiration != want {
				t.Errorf("Expiration = %s, want %s", resp.Result.Credentials.Expiration, want)
			}
		})
	}
}

// TestSAMLAudienceRestrictions: within one AudienceRestriction any
// Audience may name AWS; several restrictions must each name it (SAML 2.0
// Core 2.5.1.4). fakeaws pooled the audiences of all restrictions.
func TestSAMLAudienceRestrictions(t *testing.T) {
	t.Parallel()
	e, idp := samlEnv(t)
	now := e.clock.Now()
	const aws, app = samltest.AudienceAWS, "https://app.example.com"
	rows := []struct {
		name         string
		restrictions [][]string
		ok           bool
	}{
		{name: "AWS among the audiences of one restriction", restrictions: [][]string{{app, aws}}, ok: true},
		{name: "two restrictions naming AWS", restrictions: [][]string{{aws}, {"urn:amazon:webservices", app}}, ok: true},
		{name: "a second restriction for another party only", restrictions: [][]string{{aws}, {app}}},
		{name: "no restriction", restrictions: [][]string{}},
		{name: "an empty restriction", restrictions: [][]string{{aws}, {}}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			a := samltest.Assertion{IssueInstant: now, AudienceRestrictions: row.restrictions,
				Attributes: samltest.RoleAttributes(testSAMLRoleARN, testProviderARN, "alice")}
			resp := e.call(anonymous, map[string]string{"Action": "AssumeRoleWithSAML", "RoleArn": testSAMLRoleARN,
				"PrincipalArn": testProviderARN, "SAMLAssertion": idp.Base64(a)})
			if row.ok {
				wantOK(t, "AssumeRoleWithSAML", resp)
				return
			}
			wantErr(t, "AssumeRoleWithSAML", resp, http.StatusBadRequest, "InvalidIdentityToken", msgSAMLAudience)
		})
	}
}

// TestSAMLAttributeKeys: the assertion's attributes set the trust policy
// keys the IAM User Guide maps them to ("Mapping SAML attributes to AWS
// trust policy context keys"). fakeaws set none: the reference's own
// condition (ForAllValues:StringLike saml:edupersonaffiliation faculty or
// staff) was true for everyone, a student included, as ForAllValues is over
// an absent key, and a StringEquals on saml:mail matched no one.
func TestSAMLAttributeKeys(t *testing.T) {
	t.Parallel()
	e, idp := samlEnv(t)
	now := e.clock.Now()
	trust := func(cond string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + testProviderARN +
			`"},"Action":"sts:AssumeRoleWithSAML","Condition":` + cond + `}]}`
	}
	e.role(acctA, "staff", trust(`{"ForAllValues:StringLike":{"saml:edupersonaffiliation":["faculty","staff"]}}`), 0, nil)
	e.role(acctA, "mail", trust(`{"StringEquals":{"saml:mail":"alice@example.com","saml:givenName":"Alice"}}`), 0, nil)
	const affiliation = "urn:oid:1.3.6.1.4.1.5923.1.1.1.1"
	rows := []struct {
		name  string
		role  string
		attrs []samltest.Attribute
		ok    bool
	}{
		{name: "faculty", role: "staff", attrs: []samltest.Attribute{{Name: affiliation, Values: []string{"faculty"}}}, ok: true},
		{name: "faculty and staff", role: "staff", attrs: []samltest.Attribute{{Name: affiliation, Values: []string{"faculty", "staff"}}}, ok: true},
		{name: "student", role: "staff", attrs: []samltest.Attribute{{Name: affiliation, Values: []string{"student"}}}},
		{name: "staff and student", role: "staff", attrs: []samltest.Attribute{{Name: affiliation, Values: []string{"staff", "student"}}}},
		{name: "AD mail and X.500 givenName", role: "mail", ok: true, attrs: []samltest.Attribute{
			{Name: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", Values: []string{"alice@example.com"}},
			{Name: "2.5.4.42", Values: []string{"Alice"}}}},
		{name: "another mail", role: "mail", attrs: []samltest.Attribute{
			{Name: "0.9.2342.19200300100.1.3", Values: []string{"mallory@example.com"}},
			{Name: "2.5.4.42", Values: []string{"Alice"}}}},
		{name: "no mail", role: "mail", attrs: []samltest.Attribute{{Name: "2.5.4.42", Values: []string{"Alice"}}}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			roleARN := "arn:aws:iam::" + acctA + ":role/" + row.role
			a := samltest.Assertion{IssueInstant: now, Attributes: append(samltest.RoleAttributes(roleARN, testProviderARN, "alice"), row.attrs...)}
			resp := e.call(anonymous, map[string]string{"Action": "AssumeRoleWithSAML", "RoleArn": roleARN,
				"PrincipalArn": testProviderARN, "SAMLAssertion": idp.Base64(a)})
			if row.ok {
				wantOK(t, "AssumeRoleWithSAML", resp)
				return
			}
			wantErr(t, "AssumeRoleWithSAML", resp, http.StatusForbidden, "AccessDenied", msgSAMLDenied)
		})
	}
}
