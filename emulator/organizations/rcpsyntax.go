package organizations

import (
	"encoding/json"

	"github.com/fakeaws/fakeaws/emulator/orgsyntax"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file holds the SCP and RCP syntax rules the IAM grammar
// (evaluator.KindSCP, KindRCP) does not cover or words otherwise: an SCP
// names no principal (orgsyntax.SCPDocument), and for RCPs, from the
// Organizations User Guide's "RCP syntax"
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html):
//
//   - "Every RCP must include a Version element with the value 2012-10-17";
//   - "For RCPs that you create, the value [of Effect] must be Deny";
//   - "You can only specify "*" in the Principal element of an RCP";
//   - "You cannot use "*" in the Action element of a customer managed RCP
//     and have to specify the abbreviation for the service";
//   - "The following elements are not supported in RCPs: NotPrincipal,
//     NotAction";
//   - "RCPs only support specifying select service prefixes in the Action
//     element" (Access Analyzer's RCP syntax check, which AWS applies when
//     an RCP names cognito-sync:*, aws-samples/data-perimeter-policy-examples#57):
//     each action's service must be one of the RCP page's services.
//
// The Principal, NotPrincipal, NotAction and Action rules are
// emulator/orgsyntax's, the
// rule set Access Analyzer's ValidatePolicy reports too. Organizations'
// wording for these refusals is not recorded; the detail after
// MalformedPolicyDocumentException's fixed sentence is Access Analyzer's
// finding text for the same rule (RCP_SYNTAX_ERROR_PRINCIPAL, _NOTACTION,
// _ACTION in the IAM User Guide's policy check reference) where there is
// one, else ours (Version, Effect).

// rcpStatement is the part of an RCP statement these rules read.
type rcpStatement struct {
	Effect       string          `json:"Effect"`
	Principal    json.RawMessage `json:"Principal"`
	NotPrincipal json.RawMessage `json:"NotPrincipal"`
	Action       json.RawMessage `json:"Action"`
	NotAction    json.RawMessage `json:"NotAction"`
	Resource     json.RawMessage `json:"Resource"`
	NotResource  json.RawMessage `json:"NotResource"`
	Condition    json.RawMessage `json:"Condition"`
}

// orgSyntax checks an SCP or RCP (typ) against the rules the IAM grammar
// does not cover and returns the detail of the first broken rule, or "".
// It runs before the grammar, so a rule both refuse answers with the shared
// rule's text; a document it cannot read is left to the grammar.
func orgSyntax(typ, content string) string {
	if typ == store.PolicyTypeSCP {
		return orgsyntax.SCPDocument(content)
	}
	var doc struct {
		Version   string          `json:"Version"`
		Statement json.RawMessage `json:"Statement"`
	}
	if json.Unmarshal([]byte(content), &doc) != nil {
		return ""
	}
	var stmts []rcpStatement
	if json.Unmarshal(doc.Statement, &stmts) != nil {
		var one rcpStatement
		if json.Unmarshal(doc.Statement, &one) != nil {
			return ""
		}
		stmts = []rcpStatement{one}
	}
	if doc.Version != "2012-10-17" {
		return `RCPs must have "Version": "2012-10-17".`
	}
	for _, st := range stmts {
		if msg := rcpStatementSyntax(st); msg != "" {
			return msg
		}
	}
	return ""
}

func rcpStatementSyntax(st rcpStatement) string {
	if st.Effect != "Deny" {
		return `RCPs you create must use "Effect": "Deny".`
	}
	if v := orgsyntax.RCPStatement(st.rules()); len(v) > 0 {
		return v[0].Rule.Details
	}
	return ""
}

// rules is what orgsyntax's rules read of st (an Action or Resource that
// is neither a string nor a list of strings is left to the grammar).
func (st rcpStatement) rules() orgsyntax.Statement {
	actions, _ := stringList(st.Action)
	resources, _ := stringList(st.Resource)
	var principal string
	return orgsyntax.Statement{
		Allow:           st.Effect == "Allow",
		HasPrincipal:    st.Principal != nil,
		PrincipalIsStar: json.Unmarshal(st.Principal, &principal) == nil && principal == "*",
		HasNotPrincipal: st.NotPrincipal != nil,
		HasResource:     st.Resource != nil,
		ResourceIsStar:  len(resources) == 1 && resources[0] == "*",
		HasNotResource:  st.NotResource != nil,
		HasNotAction:    st.NotAction != nil,
		HasCondition:    st.Condition != nil,
		Actions:         actions,
	}
}

// stringList reads a string-or-list element (absent: none).
func stringList(raw json.RawMessage) ([]string, bool) {
	if raw == nil {
		return nil, true
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return list, true
	}
	var one string
	if json.Unmarshal(raw, &one) != nil {
		return nil, false
	}
	return []string{one}, true
}
