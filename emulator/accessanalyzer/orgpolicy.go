package accessanalyzer

import "github.com/fakeaws/fakeaws/emulator/orgsyntax"

// This file holds the checks of organization policies
// (RESOURCE_CONTROL_POLICY, SERVICE_CONTROL_POLICY) beyond the IAM
// grammar: the RCP_SYNTAX_ERROR_* and SCP_SYNTAX_ERROR_PRINCIPAL checks of
// AWS's policy check reference. The rules themselves live in
// emulator/orgsyntax, which Organizations' CreatePolicy and UpdatePolicy
// apply too; here they become findings located at the element they name.

// checkOrgSyntax reports the statement's breaches of the RCP or SCP rules.
func (v *validator) checkOrgSyntax(st *stmt) {
	var check func(orgsyntax.Statement) []orgsyntax.Violation
	switch v.in.Type {
	case ResourceControlPolicy:
		check = orgsyntax.RCPStatement
	case ServiceControlPolicy:
		check = orgsyntax.SCPStatement
	default:
		return
	}
	os, actions := v.orgStatement(st)
	for _, viol := range check(os) {
		r := viol.Rule
		v.add(issue{code: r.Code, typ: Error, title: r.Title}, r.Details, v.orgLocation(st, viol, actions))
	}
}

// orgStatement reads what the rules need of st, and the Action entries
// (strings only) in the order orgsyntax indexes them.
func (v *validator) orgStatement(st *stmt) (orgsyntax.Statement, []located) {
	os := orgsyntax.Statement{
		Allow:           st.allow(),
		HasPrincipal:    st.principal != nil,
		PrincipalIsStar: st.principal != nil && st.principal.val.kind == kString && st.principal.val.str == "*",
		HasNotPrincipal: st.notPrincipal != nil,
		HasResource:     st.resource != nil,
		HasNotResource:  st.notRes != nil,
		HasNotAction:    st.notAction != nil,
		HasCondition:    st.condition != nil,
	}
	if st.resource != nil {
		entries := st.resource.val.list()
		os.ResourceIsStar = len(entries) > 0
		for _, n := range entries {
			if n.kind != kString || n.str != "*" {
				os.ResourceIsStar = false
			}
		}
	}
	var actions []located
	if st.action != nil {
		base := v.elem(st, st.action)
		if st.action.val.kind == kArray {
			for i, e := range st.action.val.elems {
				if e.kind == kString {
					actions = append(actions, located{e, base.p.index(i)})
				}
			}
		} else if st.action.val.kind == kString {
			actions = []located{base}
		}
	}
	for _, a := range actions {
		os.Actions = append(os.Actions, a.n.str)
	}
	return os, actions
}

// orgLocation is where a violation points: the element it names, the
// Action entry, or the statement.
func (v *validator) orgLocation(st *stmt, viol orgsyntax.Violation, actions []located) located {
	var m *member
	switch viol.Element {
	case "Action":
		return actions[viol.Index]
	case "Principal":
		m = st.principal
	case "NotPrincipal":
		m = st.notPrincipal
	case "Resource":
		m = st.resource
	case "NotResource":
		m = st.notRes
	case "NotAction":
		m = st.notAction
	case "Condition":
		m = st.condition
	}
	if m == nil {
		return st.at
	}
	return v.elem(st, m)
}
