package accessanalyzer

import (
	"fmt"
	"iter"
	"strings"

	"github.com/fakeaws/fakeaws/evaluator"
)

// maxRedundancyEntries bounds the REDUNDANT_ACTION and REDUNDANT_RESOURCE
// checks' work.
const maxRedundancyEntries = 1000

// statementElements are the elements a statement may hold.
var statementElements = map[string]bool{"Sid": true, "Effect": true, "Principal": true, "NotPrincipal": true,
	"Action": true, "NotAction": true, "Resource": true, "NotResource": true, "Condition": true}

// stmt is one statement's elements, nil when absent.
type stmt struct {
	at                                  located
	effect, principal, notPrincipal     *member
	action, notAction, resource, notRes *member
	condition                           *member
}

func (v *validator) checkStatement(s located) {
	st := stmt{at: s}
	for i := range s.n.members {
		m := &s.n.members[i]
		switch m.key {
		case "Effect":
			st.effect = m
		case "Principal":
			st.principal = m
		case "NotPrincipal":
			st.notPrincipal = m
		case "Action":
			st.action = m
		case "NotAction":
			st.notAction = m
		case "Resource":
			st.resource = m
		case "NotResource":
			st.notRes = m
		case "Condition":
			st.condition = m
			v.collectVariables(m.val, s.p.value("Condition"))
		}
		if !statementElements[m.key] {
			v.add(issuePolicyElement, fmt.Sprintf("The policy element %s is not valid.", m.key),
				located{&node{start: m.keyStart, end: m.keyEnd}, s.p.value(m.key)})
		}
	}
	v.checkEffect(&st)
	v.checkPrincipals(&st)
	v.checkTrustElements(&st)
	v.checkRoleGrants(&st)
	v.checkPairedKeys(&st)
	v.checkActions(&st)
	v.checkResources(&st)
	v.checkActionResourceKinds(&st)
	v.checkCondition(&st)
	v.checkOrgSyntax(&st)
}

func (v *validator) elem(st *stmt, m *member) located { return located{m.val, st.at.p.value(m.key)} }

// allow reports whether the statement's Effect is Allow.
func (st *stmt) allow() bool {
	return st.effect != nil && st.effect.val.kind == kString && st.effect.val.str == "Allow"
}

func (v *validator) checkEffect(st *stmt) {
	if st.effect == nil {
		v.add(issueMissingEffect, "Add an Effect element to the policy statement with a value of Allow or Deny.", st.at)
		return
	}
	if e := st.effect.val; e.kind != kString || (e.str != "Allow" && e.str != "Deny") {
		v.add(issueInvalidEffect, fmt.Sprintf("The effect %s is not valid. Use Allow or Deny.", v.in.Document[e.start:e.end]),
			v.elem(st, st.effect))
	}
}

func (v *validator) combination(st *stmt, a, b *member) {
	v.add(issueElementCombination, fmt.Sprintf("The policy elements %s and %s can not be used in the same statement. Remove one of these elements.", a.key, b.key),
		v.elem(st, b))
}

// oneOf returns whichever of an element and its Not form (a, b) the
// statement has, a when it has both, and reports having both.
func (v *validator) oneOf(st *stmt, a, b *member) *member {
	if a == nil {
		return b
	}
	if b != nil {
		v.combination(st, a, b)
	}
	return a
}

func (v *validator) checkPrincipals(st *stmt) {
	p := v.oneOf(st, st.principal, st.notPrincipal)
	switch v.in.Type {
	case ServiceControlPolicy:
		return // SCP_SYNTAX_ERROR_PRINCIPAL (orgpolicy.go)
	case IdentityPolicy:
		if p != nil {
			v.add(issueUnsupportedPrinc, fmt.Sprintf("The policy type %s does not support the Principal element. Remove the Principal element.", v.in.Type),
				v.elem(st, p))
		}
		return
	case ResourcePolicy:
		if p == nil {
			v.add(issueMissingPrincipal, "Add a Principal element to the policy statement.", st.at)
			return
		}
		v.checkPrincipalShape(st, p)
		v.checkPrincipalReferences(st)
		v.checkFederation(st)
	}
	if st.notPrincipal != nil && st.allow() {
		v.add(issueAllowNotPrincipal, "Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.",
			v.elem(st, st.notPrincipal))
	}
	if st.principal != nil {
		v.checkPrincipalValues(st)
	}
}

// checkPrincipalValues warns of a wildcard principal without a condition
// in a resource policy (fakeaws's check) and of IAM users and roles the
// world does not hold.
func (v *validator) checkPrincipalValues(st *stmt) {
	base := v.elem(st, st.principal)
	var wildcard *located
	// Only "*" and {"AWS": "*"} name anyone; {"Service": "*"} is
	// UNSUPPORTED_WILDCARD_IN_PRINCIPAL (principal.go).
	visit := func(n *node, p path, anyone bool) {
		if n.kind != kString {
			return
		}
		if n.str == "*" && anyone && wildcard == nil {
			wildcard = &located{n, p}
		}
		v.checkWorld(n, p)
		v.checkVariableElement(located{n, p})
	}
	switch pv := base.n; pv.kind {
	case kString:
		visit(pv, base.p, true)
	case kObject:
		for _, m := range pv.members {
			kp := base.p.key(m.key)
			if m.val.kind == kArray {
				for i, e := range m.val.elems {
					visit(e, kp.index(i), m.key == "AWS")
				}
			} else {
				visit(m.val, kp, m.key == "AWS")
			}
		}
	}
	if wildcard != nil && v.in.Type == ResourcePolicy && st.allow() && st.condition == nil {
		v.add(issueWildcardNoCondition, "The Principal * allows anyone, in any account and unauthenticated, and no Condition narrows it. Name the principals, or add a Condition such as aws:PrincipalOrgID or aws:SourceAccount.",
			*wildcard)
	}
}

// entries returns a string-or-array element's values with their paths,
// reporting values that are not strings.
func (v *validator) entries(st *stmt, m *member) []located {
	var strs []located
	for _, l := range v.values(st, m) {
		if l.n.kind != kString {
			v.add(issueDataType, "The text does not match the expected JSON data type String.", l)
			continue
		}
		strs = append(strs, l)
	}
	return strs
}

// values returns a string-or-array element's values with their paths.
func (v *validator) values(st *stmt, m *member) []located {
	base := v.elem(st, m)
	if m.val.kind != kArray {
		return []located{base}
	}
	var out []located
	for i, e := range m.val.elems {
		out = append(out, located{e, base.p.index(i)})
	}
	return out
}

func (v *validator) checkActions(st *stmt) {
	m := v.oneOf(st, st.action, st.notAction)
	if m == nil {
		v.add(issueMissingAction, "Add an Action or NotAction element to the policy statement.", st.at)
		return
	}
	if m.val.kind == kArray && len(m.val.elems) == 0 {
		v.add(issueEmptyArrayAction, "This statement includes no actions and does not affect the policy. Specify actions.", v.elem(st, m))
		return
	}
	acts := v.entries(st, m)
	if m == st.action {
		v.checkPolicyActions(acts)
	}
	for _, a := range acts {
		v.checkAction(a)
		v.checkVariableElement(a)
		if svc, _, ok := strings.Cut(a.n.str, ":"); ok {
			v.checkServiceWildcard(svc, a)
		}
	}
	v.checkRedundant(acts, issueRedundantAction, v.actionCovers,
		"The %d action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: %s.")
}

// checkAction reports an action the catalogue's service does not have.
func (v *validator) checkAction(a located) {
	svc, name, ok := strings.Cut(a.n.str, ":")
	if !ok || strings.Contains(name, "${") {
		return // a variable is VARIABLE_UNSUPPORTED_IN_ELEMENT
	}
	svc = strings.ToLower(svc)
	if _, known := v.cat[svc]; !known || len(v.cat.expand(svc, name)) > 0 {
		return
	}
	details := fmt.Sprintf("The action %s does not exist.", a.n.str)
	if !strings.ContainsAny(name, "*?") {
		details = fmt.Sprintf("The action %s does not exist. Did you mean %s:%s?", a.n.str, svc, v.cat.nearest(svc, name))
	}
	v.add(issueInvalidAction, details, a)
}

// actionCovers reports whether action pattern a grants everything b does.
func (v *validator) actionCovers(a, b string) bool {
	if a == "*" {
		return true
	}
	sa, na, ok1 := strings.Cut(strings.ToLower(a), ":")
	sb, nb, ok2 := strings.Cut(strings.ToLower(b), ":")
	if !ok1 || !ok2 || sa != sb {
		return false
	}
	if !strings.ContainsAny(nb, "*?") {
		// An action the catalogue lacks is INVALID_ACTION, not redundant.
		if acts, known := v.cat[sb]; known && acts[nb] == "" {
			return false
		}
		return evaluator.MatchWildcard(na, nb)
	}
	// A wildcard is covered when every catalogued action it names is.
	names := v.cat.expand(sb, nb)
	if len(names) == 0 {
		return na == nb
	}
	for _, n := range names {
		if !evaluator.MatchWildcard(na, strings.ToLower(n)) {
			return false
		}
	}
	return true
}

func (v *validator) checkResources(st *stmt) {
	m := v.oneOf(st, st.resource, st.notRes)
	if m != nil && v.trustPolicy() {
		return // ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE (principal.go)
	}
	if m == nil {
		if !v.resourceOptional(st) {
			v.add(issueMissingResource, "Add a Resource or NotResource element to the policy statement.", st.at)
		}
		return
	}
	if m.val.kind == kArray && len(m.val.elems) == 0 {
		v.add(issueEmptyArrayResource, "This statement includes no resources and does not affect the policy. Specify resources.", v.elem(st, m))
		return
	}
	res := v.entries(st, m)
	for _, r := range res {
		if strings.Contains(r.n.str, "${") {
			v.variables = append(v.variables, r)
		}
		v.checkARN(r)
		if m == st.resource {
			v.checkWorld(r.n, r.p)
		}
	}
	v.checkRedundant(res, issueRedundantResource, resourceCovers,
		"The %d resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*): %s")
}

// resourceOptional: role trust policies (and resource policies whose
// actions are all sts:) carry no Resource; SCPs default it to "*" in
// fakeaws's reading of a missing Resource.
func (v *validator) resourceOptional(st *stmt) bool {
	if v.in.ResourceType == trustPolicyType {
		return true
	}
	if v.in.Type != ResourcePolicy || st.action == nil {
		return false
	}
	for _, n := range st.action.val.list() {
		if n.kind != kString || !strings.HasPrefix(strings.ToLower(n.str), "sts:") {
			return false
		}
	}
	return true
}

func resourceCovers(a, b string) bool {
	if strings.Contains(a, "${") || strings.Contains(b, "${") {
		return a == b
	}
	return evaluator.MatchWildcard(a, b) && (!strings.ContainsAny(b, "*?") || a == "*" || strings.HasSuffix(a, "*") && strings.HasPrefix(b, strings.TrimSuffix(a, "*")))
}

// checkRedundant reports entries another entry of the same element
// covers (an exact duplicate counts once: the later one is redundant).
// Actions compare case-insensitively, resources exactly. The comparison is
// quadratic, so elements longer than maxRedundancyEntries are not judged
// (no real policy comes near: IAM's quotas allow a few hundred entries).
func (v *validator) checkRedundant(list []located, i issue, covers func(a, b string) bool, format string) {
	if len(list) > maxRedundancyEntries {
		return
	}
	fold := i == issueRedundantAction
	var redundant []located
	for j, b := range list {
		for k, a := range list {
			if j == k {
				continue
			}
			same := a.n.str == b.n.str || (fold && strings.EqualFold(a.n.str, b.n.str))
			if (same && k < j) || (!same && covers(a.n.str, b.n.str)) {
				redundant = append(redundant, b)
				break
			}
		}
	}
	if len(redundant) > 0 {
		v.add(i, fmt.Sprintf(format, len(redundant), redundant[0].n.str), redundant...)
	}
}

// collectVariables remembers every string under n holding ${...}.
func (v *validator) collectVariables(n *node, p path) {
	switch n.kind {
	case kString:
		if strings.Contains(n.str, "${") {
			v.variables = append(v.variables, located{n, p})
		}
	case kArray:
		for i, e := range n.elems {
			v.collectVariables(e, p.index(i))
		}
	case kObject:
		for _, m := range n.members {
			v.collectVariables(m.val, p.key(m.key))
		}
	}
}

// conditionKeys yields each key of the statement's Condition with the
// operator block that holds it, in document order; nothing when the
// Condition is absent or not an object, and no keys of an operator whose
// value is not an object.
func (st *stmt) conditionKeys() iter.Seq2[*member, *member] {
	return func(yield func(op, k *member) bool) {
		if st.condition == nil || st.condition.val.kind != kObject {
			return
		}
		for i := range st.condition.val.members {
			op := &st.condition.val.members[i]
			if op.val.kind != kObject {
				continue
			}
			for j := range op.val.members {
				if !yield(op, &op.val.members[j]) {
					return
				}
			}
		}
	}
}
