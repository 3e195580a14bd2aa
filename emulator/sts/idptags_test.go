package sts

import (
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// TestWebIdentityTokenTags holds the session tags of an OIDC token to the
// session tag rules of the IAM User Guide (id_session-tags.html: at most
// 50, keys 1-128 and values up to 256 characters, single-valued, keys
// unique whatever their case; id_tags.html: letters, numbers, spaces and
// _ . : / = + - @). fakeaws took the first of several values, kept two keys
// that differ only in case (aws:PrincipalTag/dept then matched either),
// dropped transitive keys that named no tag and accepted any length or
// character.
func TestWebIdentityTokenTags(t *testing.T) {
	t.Parallel()
	e := newEnv(t, true)
	host := "127.0.0.1:4566/_fakeaws/oidc"
	iss := localBase + IssuerPath
	prov := e.provider(acctA, host, "sts.amazonaws.com")
	role := e.role(acctA, "Tagged", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"`+prov.ARN+
		`"},"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"]}]}`, 0, nil)
	many := map[string]any{}
	for i := range 51 {
		many["k"+strconv.Itoa(i)] = []any{"v"}
	}
	fifty := maps.Clone(many)
	delete(fifty, "k50")

	const (
		invalid   = "Unable to validate tags"
		duplicate = "Duplicate tag keys found. Please note that Tag keys are case insensitive."
		notTagged = "The specified transitive tag key must be included in the requested tags."
	)
	rows := []struct {
		name       string
		claim      any
		code, msg  string
		tags       map[string]string
		transitive []string
	}{
		{name: "array of one", claim: map[string]any{"principal_tags": map[string]any{"Dept": []any{"eng"}}, "transitive_tag_keys": []any{"Dept"}},
			tags: map[string]string{"Dept": "eng"}, transitive: []string{"Dept"}},
		{name: "plain string", claim: map[string]any{"principal_tags": map[string]any{"Dept": "eng", "Empty": ""}},
			tags: map[string]string{"Dept": "eng", "Empty": ""}},
		{name: "transitive key in another case", claim: map[string]any{"principal_tags": map[string]any{"Dept": "eng"}, "transitive_tag_keys": []any{"dept"}},
			tags: map[string]string{"Dept": "eng"}, transitive: []string{"Dept"}},
		{name: "fifty tags", claim: map[string]any{"principal_tags": fifty}, tags: stringTags(fifty)},
		{name: "several values", claim: map[string]any{"principal_tags": map[string]any{"Dept": []any{"eng", "ops"}}}, code: "ValidationError", msg: invalid},
		{name: "no value", claim: map[string]any{"principal_tags": map[string]any{"Dept": []any{}}}, code: "ValidationError", msg: invalid},
		{name: "value not a string", claim: map[string]any{"principal_tags": map[string]any{"Dept": 7}}, code: "ValidationError", msg: invalid},
		{name: "keys differing in case", claim: map[string]any{"principal_tags": map[string]any{"Dept": "eng", "dept": "ops"}},
			code: "InvalidParameterValue", msg: duplicate},
		{name: "key of 129 characters", claim: map[string]any{"principal_tags": map[string]any{strings.Repeat("k", 129): "v"}}, code: "ValidationError", msg: invalid},
		{name: "value of 257 characters", claim: map[string]any{"principal_tags": map[string]any{"k": strings.Repeat("v", 257)}}, code: "ValidationError", msg: invalid},
		{name: "empty key", claim: map[string]any{"principal_tags": map[string]any{"": "v"}}, code: "ValidationError", msg: invalid},
		{name: "key with a forbidden character", claim: map[string]any{"principal_tags": map[string]any{"a*b": "v"}}, code: "ValidationError", msg: invalid},
		{name: "value with a forbidden character", claim: map[string]any{"principal_tags": map[string]any{"k": "a#b"}}, code: "ValidationError", msg: invalid},
		{name: "fifty-one tags", claim: map[string]any{"principal_tags": many}, code: "InvalidParameterValue", msg: "The number of session tags exceeds the limit of 50."},
		{name: "transitive key naming no tag", claim: map[string]any{"principal_tags": map[string]any{"Dept": "eng"}, "transitive_tag_keys": []any{"Team"}},
			code: "InvalidParameterValue", msg: notTagged},
		{name: "claim not an object", claim: "Dept=eng", code: "ValidationError", msg: invalid},
		{name: "principal_tags not an object", claim: map[string]any{"principal_tags": []any{"Dept"}}, code: "ValidationError", msg: invalid},
		{name: "transitive_tag_keys not a list", claim: map[string]any{"principal_tags": map[string]any{"Dept": "eng"}, "transitive_tag_keys": "Dept"},
			code: "ValidationError", msg: invalid},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			tok, err := e.issuer.Mint(TokenRequest{Issuer: iss, Subject: "u", Audience: []string{"sts.amazonaws.com"},
				Claims: map[string]any{sessionTagsClaim: row.claim}, ExpiresIn: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			resp := e.call(anonymous, map[string]string{"Action": "AssumeRoleWithWebIdentity", "RoleArn": role.ARN,
				"RoleSessionName": "tags", "WebIdentityToken": tok})
			if row.code != "" {
				wantErr(t, "AssumeRoleWithWebIdentity", resp, 400, row.code, row.msg)
				return
			}
			wantOK(t, "AssumeRoleWithWebIdentity", resp)
			s := e.session(resp.Result.Credentials.AccessKeyID, resp.Result.Credentials.SessionToken)
			if !maps.Equal(s.Tags, row.tags) || !slices.Equal(s.TransitiveTags, row.transitive) {
				t.Errorf("session tags %v transitive %v, want %v %v", s.Tags, s.TransitiveTags, row.tags, row.transitive)
			}
		})
	}
}

func stringTags(m map[string]any) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v.([]any)[0].(string)
	}
	return out
}

// TestSAMLTags holds PrincipalTag attributes to the same rules: one
// AttributeValue each (AWS's example gives one; fakeaws took the first of
// several), lengths and characters, and transitive keys that name a tag.
func TestSAMLTags(t *testing.T) {
	t.Parallel()
	tag := func(k string, v ...string) (string, []string) { return samlAttrPrincipalTag + k, v }
	rows := []struct {
		name  string
		attrs map[string][]string
		code  string
	}{
		{name: "one value each", attrs: attrs(tag("Dept", "eng"))},
		{name: "two values", attrs: attrs(tag("Dept", "eng", "ops")), code: "ValidationError"},
		{name: "no value", attrs: attrs(tag("Dept")), code: "ValidationError"},
		{name: "empty key", attrs: attrs(tag("", "eng")), code: "ValidationError"},
		{name: "long value", attrs: attrs(tag("Dept", strings.Repeat("v", 257))), code: "ValidationError"},
		{name: "forbidden character", attrs: attrs(tag("Dept", "a;b")), code: "ValidationError"},
		{name: "transitive key naming no tag", attrs: map[string][]string{samlAttrPrincipalTag + "Dept": {"eng"},
			samlAttrTransitiveTags: {"Team"}}, code: "InvalidParameterValue"},
		{name: "keys differing in case", attrs: map[string][]string{samlAttrPrincipalTag + "Dept": {"eng"},
			samlAttrPrincipalTag + "dept": {"ops"}}, code: "InvalidParameterValue"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			_, _, err := samlTags(row.attrs)
			if got := errCode(err); got != row.code {
				t.Errorf("samlTags: error %v (code %q), want code %q", err, got, row.code)
			}
		})
	}
}

func attrs(name string, values []string) map[string][]string {
	return map[string][]string{name: values}
}

// errCode is err's AWS error code ("" for nil).
func errCode(err error) string {
	var ae *awserr.Error
	if errors.As(err, &ae) {
		return string(ae.Code)
	}
	if err != nil {
		return "not an AWS error"
	}
	return ""
}
