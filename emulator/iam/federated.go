package iam

import (
	"encoding/json"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// msgFederated is IAM's MalformedPolicyDocument message for a trust
// policy whose Federated principal is neither an identity provider of the
// account (oidc-provider/..., saml-provider/...) nor a web identity
// provider's domain name (accounts.google.com, cognito-identity.amazonaws.com).
const msgFederated = "Federated principals must be valid domain names or SAML metadata ARNs"

// checkFederated rejects the Federated principals of a trust policy that
// are ARNs of anything but an existing OIDC or SAML provider: IAM refuses
// such a trust policy, which is what tools creating a role before its
// OIDC provider run into.
func checkFederated(tx *store.Tx, doc string) error {
	for _, f := range federatedPrincipals(doc) {
		if !strings.HasPrefix(f, "arn:") {
			continue // a domain name; the parser checks its form
		}
		var kind string
		var acct, k string
		var ok bool
		switch {
		case strings.Contains(f, ":oidc-provider/"):
			kind = store.KindOIDCProvider
			acct, k, ok = oidcKeyFromARN(f)
		case strings.Contains(f, ":saml-provider/"):
			kind = store.KindSAMLProvider
			acct, k, ok = samlStoreKey(f)
		}
		if !ok {
			return malformedPolicy(msgFederated)
		}
		if !tx.Exists(acct, kind, k) {
			return malformedPolicy(msgFederated)
		}
	}
	return nil
}

// federatedPrincipals returns the Principal/NotPrincipal "Federated" values
// of a policy document (which has already been parsed successfully).
func federatedPrincipals(doc string) []string {
	var d struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(doc), &d) != nil {
		return nil
	}
	var stmts []map[string]json.RawMessage
	if json.Unmarshal(d.Statement, &stmts) != nil {
		var one map[string]json.RawMessage
		if json.Unmarshal(d.Statement, &one) != nil {
			return nil
		}
		stmts = append(stmts, one)
	}
	var out []string
	for _, st := range stmts {
		for _, el := range []string{"Principal", "NotPrincipal"} {
			var p map[string]json.RawMessage
			if json.Unmarshal(st[el], &p) != nil {
				continue
			}
			raw, ok := p["Federated"]
			if !ok {
				continue
			}
			var one string
			if json.Unmarshal(raw, &one) == nil {
				out = append(out, one)
				continue
			}
			var many []string
			if json.Unmarshal(raw, &many) == nil {
				out = append(out, many...)
			}
		}
	}
	return out
}
