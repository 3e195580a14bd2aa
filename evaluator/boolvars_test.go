package evaluator

import "testing"

// Policy variables in Bool values. The IAM User Guide's Condition operators
// page lists the Boolean operators with "Policy variables – Supported"; its
// Policy variables page says "You can't use a policy variable with other
// operators, such as Numeric, Date, Boolean, Binary, IP address, or Null"
// (both as published in 2026). AWS's answer is not recorded, so each
// statement takes the reading under which it grants less (boolVars): a Deny
// substitutes the variable, an Allow reads "${...}" literally and never
// matches (docs/deviations.md, Policy evaluation, Matching).
func TestBoolPolicyVariables(t *testing.T) {
	alice := userP(acctA, "alice")
	doc := func(effect, value string) []NamedPolicy {
		d := `{"Version":"2012-10-17","Statement":[`
		if effect == "Deny" {
			d += `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},`
		}
		d += `{"Effect":"` + effect + `","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"` + value + `"}}}]}`
		return []NamedPolicy{named(t, "user/alice/inline", d, KindIdentity)}
	}
	legacy := func(value string) []NamedPolicy {
		d := `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},` +
			`{"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"` + value + `"}}}]}`
		return []NamedPolicy{named(t, "user/alice/inline", d, KindIdentity)}
	}
	get := func(ctx ...any) Request {
		return Request{Principal: alice, Action: "s3:GetObject", Resource: bucketObj, ResourceAccount: acctA, Context: ctxOf(ctx...)}
	}
	const tls, want = "aws:SecureTransport", "iamtest:WantTLS"
	runDecCases(t, []decCase{
		// A Deny substitutes: it denies where the substituted value matches.
		{"Deny, the variable matches", get(tls, "false", want, "false"), PolicySet{Identity: doc("Deny", "${iamtest:WantTLS}")}, ExplicitDeny, KindIdentity},
		{"Deny, the variable differs", get(tls, "true", want, "false"), PolicySet{Identity: doc("Deny", "${iamtest:WantTLS}")}, Allow, KindIdentity},
		{"Deny, case is ignored after substitution", get(tls, "false", want, "FALSE"), PolicySet{Identity: doc("Deny", "${iamtest:WantTLS}")}, ExplicitDeny, KindIdentity},
		{"Deny, a default value substitutes", get(tls, "false"), PolicySet{Identity: doc("Deny", "${iamtest:WantTLS, 'false'}")}, ExplicitDeny, KindIdentity},
		// "Policy variables with no value": the condition does not match.
		{"Deny, no value", get(tls, "false"), PolicySet{Identity: doc("Deny", "${iamtest:WantTLS}")}, Allow, KindIdentity},
		{"Deny, a value neither true nor false", get(tls, "false", want, "no"), PolicySet{Identity: doc("Deny", "${iamtest:WantTLS}")}, Allow, KindIdentity},
		{"Deny, a multivalued key does not substitute", get(tls, "false", want, []string{"false", "true"}), PolicySet{Identity: doc("Deny", "${iamtest:WantTLS}")}, Allow, KindIdentity},
		{"Deny, text around the variable", get(tls, "false", want, "se"), PolicySet{Identity: doc("Deny", "fal${iamtest:WantTLS}")}, ExplicitDeny, KindIdentity},
		// Version 2008-10-17 has no variables: "${...}" is literal text.
		{"Deny, 2008-10-17 reads it literally", get(tls, "false", want, "false"), PolicySet{Identity: legacy("${iamtest:WantTLS}")}, Allow, KindIdentity},
		// An Allow reads the value literally: never true or false.
		{"Allow, the variable would match", get(tls, "true", want, "true"), PolicySet{Identity: doc("Allow", "${iamtest:WantTLS}")}, ImplicitDeny, KindIdentity},
		{"Allow, a default that would match", get(tls, "true"), PolicySet{Identity: doc("Allow", "${iamtest:WantTLS, 'true'}")}, ImplicitDeny, KindIdentity},
		// Literal values, unchanged.
		{"Allow, a literal true", get(tls, "true"), PolicySet{Identity: doc("Allow", "TRUE")}, Allow, KindIdentity},
		{"Deny, a literal false", get(tls, "false"), PolicySet{Identity: doc("Deny", "false")}, ExplicitDeny, KindIdentity},
		{"Deny, a literal that is not a boolean", get(tls, "maybe"), PolicySet{Identity: doc("Deny", "maybe")}, Allow, KindIdentity},
	})
}
