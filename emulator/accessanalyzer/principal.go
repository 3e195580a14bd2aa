package accessanalyzer

import (
	"fmt"
	"strings"
)

// The Principal checks of AWS's "IAM policy validation check reference"
// for resource policies and role trust policies: the element's shape (the
// string "*" or a map), the map's keys (AWS, Service, Federated,
// CanonicalUser), empty principals, wildcards, and what role trust
// policies do not take (NotPrincipal, Resource, "Principal": "*").

// principalKeys are the keys of a Principal map ("AWS JSON policy
// elements: Principal", reference_policies_elements_principal.html).
var principalKeys = map[string]bool{"AWS": true, "Service": true, "Federated": true, "CanonicalUser": true}

const noPrincipalsDetails = "This statement includes no principals and does not affect the policy. Specify principals."

// trustPolicy reports a role trust policy.
func (v *validator) trustPolicy() bool { return v.in.ResourceType == trustPolicyType }

// checkPrincipalShape checks a resource policy's Principal or NotPrincipal
// element m.
func (v *validator) checkPrincipalShape(st *stmt, m *member) {
	at := v.elem(st, m)
	switch n := at.n; {
	case n.kind == kString && n.str == "*":
		if v.trustPolicy() && m == st.principal {
			v.add(issueTrustWildcard, `"Principal:" "*" is not supported in the principal element of a role trust policy. Replace the wildcard with a valid principal value.`, at)
		}
	case n.kind == kObject && len(n.members) == 0:
		v.add(issueEmptyObjectPrincipal, noPrincipalsDetails, at)
	case n.kind == kObject:
		for i := range n.members {
			v.checkPrincipalEntry(&n.members[i], at.p.key(n.members[i].key))
		}
	case n.kind == kArray && len(n.elems) == 0:
		v.add(issueEmptyArrayPrincipal, noPrincipalsDetails, at)
	default:
		v.add(issuePrincipalFormat, "The Principal element contents are not valid. Specify a key-value pair in the Principal element.", at)
	}
}

// checkPrincipalEntry checks one "Key": value pair of a Principal map.
func (v *validator) checkPrincipalEntry(m *member, p path) {
	keyAt := located{&node{start: m.keyStart, end: m.keyEnd}, p}
	if !principalKeys[m.key] {
		v.add(issuePrincipalKey, fmt.Sprintf("The principal key %s is not valid.", m.key), keyAt)
		return
	}
	if m.key == "Federated" && v.in.ResourceType != "" && !v.trustPolicy() {
		// Only role trust policies take identity providers.
		v.add(issueFederatedNotSupported, "The policy type does not support a federated identity provider in the principal element. Use a supported principal.", keyAt)
	}
	vals := []located{{m.val, p}}
	if m.val.kind == kArray {
		if len(m.val.elems) == 0 {
			v.add(issueEmptyArrayPrincipal, noPrincipalsDetails, located{m.val, p})
			return
		}
		vals = vals[:0]
		for i, e := range m.val.elems {
			vals = append(vals, located{e, p.index(i)})
		}
	}
	for _, l := range vals {
		if l.n.kind != kString {
			v.add(issueDataType, "The text does not match the expected JSON data type String.", l)
			continue
		}
		if strings.ContainsAny(l.n.str, "*?") && (m.key != "AWS" || l.n.str != "*") {
			v.add(issueWildcardPrincipal, fmt.Sprintf("Wildcards (*, ?) are not supported with the principal key %s. Replace the wildcard with a valid principal value.", m.key), l)
		}
	}
}

// duplicateSid reports a repeated Sid: an error where the policy's
// service refuses it (IAM, Organizations, S3, whose fakeaws parser refuses
// it too), a warning in a resource policy of no given type (AWS answered
// UNIQUE_SIDS_RECOMMENDED there, recorded by ansible-collections/community.aws
// tests/integration/targets/accessanalyzer_validate_policy_info).
func (v *validator) duplicateSid(sid located) {
	if v.in.Type == ResourcePolicy && v.in.ResourceType == "" {
		v.add(issueUniqueSidsRecommended, "We recommend that you use statement IDs that are unique to your policy. Update the Sid value.", sid)
		return
	}
	v.add(issueUniqueSids, "Duplicate statement IDs are not supported for this policy type. Update the Sid value.", sid)
}

// checkTrustElements reports the elements a role trust policy statement
// cannot hold: NotPrincipal, and Resource or NotResource (the policy
// applies to the role it is attached to).
func (v *validator) checkTrustElements(st *stmt) {
	if !v.trustPolicy() {
		return
	}
	if st.notPrincipal != nil {
		v.add(issueTrustNotPrincipal, "Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.", v.elem(st, st.notPrincipal))
	}
	for _, m := range []*member{st.resource, st.notRes} {
		if m != nil {
			v.add(issueTrustResource, "Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element.", v.elem(st, m))
		}
	}
}

// checkSid reports an empty Sid, a Sid an earlier statement has (seen),
// and, in IAM's own policies (identity and role trust policies), a Sid
// with other characters than letters and digits.
func (v *validator) checkSid(sid located, seen map[string]bool) {
	if sid.n.kind != kString {
		return
	}
	if sid.n.str == "" {
		v.add(issueEmptySid, "Add a value to the empty string in the Sid element.", sid)
		return
	}
	if seen[sid.n.str] {
		v.duplicateSid(sid)
	}
	seen[sid.n.str] = true
	if v.in.Type != IdentityPolicy && !v.trustPolicy() {
		return
	}
	for _, c := range sid.n.str {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			v.add(issueUnsupportedSid, "Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]", sid)
			return
		}
	}
}
