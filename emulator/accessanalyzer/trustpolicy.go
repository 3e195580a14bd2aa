package accessanalyzer

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/fakeaws/fakeaws/evaluator"
)

// The checks of AWS's "IAM policy validation check reference" on the
// principals a resource policy or role trust policy names: IAM unique IDs
// instead of ARNs, an assumed-role session next to its role, federated
// principals' form and the actions that go with them, and the actions IAM
// Roles Anywhere needs.

var (
	roleIDPattern = regexp.MustCompile(`^AROA[A-Z0-9]{12,}$`)
	userIDPattern = regexp.MustCompile(`^AIDA[A-Z0-9]{12,}$`)
	// domainPattern is an identity provider's domain name
	// (cognito-identity.amazonaws.com, accounts.google.com).
	domainPattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+(/[^\s]*)?$`)
	// providerARN is a SAML or OIDC provider's ARN.
	providerARN = regexp.MustCompile(`^arn:[a-z-]+:iam::[0-9]{12}:(saml-provider|oidc-provider)/\S+$`)
)

// principalValues returns the string values of a Principal map's key,
// with their locations.
func (v *validator) principalValues(st *stmt, key string) []located {
	if st.principal == nil || st.principal.val.kind != kObject {
		return nil
	}
	base := v.elem(st, st.principal)
	var out []located
	for _, m := range st.principal.val.members {
		if m.key != key {
			continue
		}
		kp := base.p.key(m.key)
		if m.val.kind != kArray {
			out = append(out, located{m.val, kp})
			continue
		}
		for i, e := range m.val.elems {
			out = append(out, located{e, kp.index(i)})
		}
	}
	var strs []located
	for _, l := range out {
		if l.n.kind == kString {
			strs = append(strs, l)
		}
	}
	return strs
}

// checkPrincipalReferences runs the checks of this file on a resource
// policy statement's Principal.
func (v *validator) checkPrincipalReferences(st *stmt) {
	if v.in.Type != ResourcePolicy || st.principal == nil {
		return
	}
	aws := v.principalValues(st, "AWS")
	for _, l := range aws {
		switch {
		case roleIDPattern.MatchString(l.n.str):
			v.add(issueRoleReference, fmt.Sprintf("The Principal element includes the IAM role ID %s. We recommend that you use a role ARN instead.", l.n.str), l)
		case userIDPattern.MatchString(l.n.str):
			v.add(issueUserReference, fmt.Sprintf("The Principal element includes the IAM user ID %s. We recommend that you use a user ARN instead.", l.n.str), l)
		}
	}
	if !v.trustPolicy() {
		return
	}
	v.checkRedundantSessions(aws)
	fed := v.principalValues(st, "Federated")
	for _, l := range fed {
		if !providerARN.MatchString(l.n.str) && !domainPattern.MatchString(l.n.str) {
			v.add(issueFederatedSyntax, "The principal value specifies a federated principal that does not match the expected format. Update the federated principal to a domain name or a SAML metadata ARN.", l)
		}
	}
	v.checkFederatedActions(st, fed)
	v.checkRolesAnywhere(st)
}

// checkRedundantSessions reports an assumed-role session principal whose
// role the same list names.
func (v *validator) checkRedundantSessions(aws []located) {
	roles := map[string]string{} // "partition account name" -> role ARN
	for _, l := range aws {
		p := strings.SplitN(l.n.str, ":", 6)
		if len(p) == 6 && p[2] == "iam" && strings.HasPrefix(p[5], "role/") {
			name := p[5][strings.LastIndex(p[5], "/")+1:]
			roles[p[1]+" "+p[4]+" "+name] = l.n.str
		}
	}
	for _, l := range aws {
		p := strings.SplitN(l.n.str, ":", 6)
		if len(p) < 6 || p[2] != "sts" || !strings.HasPrefix(p[5], "assumed-role/") {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(p[5], "assumed-role/"), "/")
		if parent, ok := roles[p[1]+" "+p[4]+" "+name]; ok {
			v.add(issueRedundantTrustPrincipal, fmt.Sprintf("The assumed-role principal %s is redundant with its parent role %s. Remove the assumed-role principal.", l.n.str, parent), l)
		}
	}
}

// checkFederatedActions reports sts:AssumeRoleWithSAML with a principal
// that is not a SAML provider, and sts:AssumeRoleWithWebIdentity with a
// SAML provider.
func (v *validator) checkFederatedActions(st *stmt, fed []located) {
	if len(fed) == 0 || st.action == nil {
		return
	}
	for _, a := range v.values(st, st.action) {
		var wantSAML bool
		switch strings.ToLower(a.n.str) { // "" for a value that is not a string
		case "sts:assumerolewithsaml":
			wantSAML = true
		case "sts:assumerolewithwebidentity":
		default:
			continue
		}
		var wrong []string
		for _, l := range fed {
			if strings.Contains(l.n.str, ":saml-provider/") != wantSAML {
				wrong = append(wrong, l.n.str)
			}
		}
		if len(wrong) > 0 {
			v.add(issueMismatchedAction, fmt.Sprintf("The %s action is invalid with the following principal(s): %s. Use a SAML provider principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action. Ensure the provider is Federated if you use either of the two options.",
				a.n.str, strings.Join(wrong, ", ")), a)
		}
	}
}

// rolesAnywhereActions are the actions IAM Roles Anywhere needs to
// assume a role.
var rolesAnywhereActions = []string{"sts:assumerole", "sts:setsourceidentity", "sts:tagsession"}

// checkRolesAnywhere reports an Allow statement trusting
// rolesanywhere.amazonaws.com without all of rolesAnywhereActions.
func (v *validator) checkRolesAnywhere(st *stmt) {
	if !st.allow() || st.action == nil {
		return
	}
	trusted := false
	for _, l := range v.principalValues(st, "Service") {
		trusted = trusted || l.n.str == "rolesanywhere.amazonaws.com"
	}
	if !trusted {
		return
	}
	for _, want := range rolesAnywhereActions {
		granted := false
		for _, a := range st.action.val.list() {
			granted = granted || (a.kind == kString && evaluator.MatchWildcard(strings.ToLower(a.str), want))
		}
		if !granted {
			v.add(issueRolesAnywhere, "The rolesanywhere.amazonaws.com service principal requires the sts:AssumeRole, sts:SetSourceIdentity, and sts:TagSession permissions to assume a role. Add the missing permissions to the policy.",
				v.elem(st, st.action))
			return
		}
	}
}
