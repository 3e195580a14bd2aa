package iam

import (
	"encoding/json"
	"regexp"
	"strings"
	"sync"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// msgFederated is IAM's MalformedPolicyDocument message for a trust
// policy whose Federated principal is neither an identity provider of the
// account (oidc-provider/..., saml-provider/...) nor a web identity
// provider's domain name (accounts.google.com, cognito-identity.amazonaws.com).
const msgFederated = "Federated principals must be valid domain names or SAML metadata ARNs"

// checkFederated rejects Service principals that are not service names,
// and the Federated principals of a trust policy that
// are ARNs of anything but an existing OIDC or SAML provider: IAM refuses
// such a trust policy, which is what tools creating a role before its
// OIDC provider run into.
func checkFederated(tx *store.Tx, doc string) error {
	for _, svc := range principalValues(doc, "Service") {
		if !servicePrincipalRE().MatchString(svc) {
			return malformedPolicy(`Invalid principal in policy: "SERVICE":"` + svc + `"`)
		}
	}
	for _, f := range principalValues(doc, "Federated") {
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

// servicePrincipalRE is the form of an AWS service principal in the aws
// partition (lambda.amazonaws.com, states.us-east-1.amazonaws.com). IAM
// rejects names it does not know, such as a misspelled service or a China
// partition name (eks.amazonaws.com.cn); fakeaws has no list of services
// and checks the form only.
// It is compiled on first use, not at start-up.
var servicePrincipalRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$`)
})

// principalValues returns the Principal/NotPrincipal values under key
// ("Federated", "Service") of a policy document that has already been
// parsed successfully.
func principalValues(doc, key string) []string {
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
			raw, ok := p[key]
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
