package organizations

import (
	"encoding/json"

	"github.com/fakeaws/fakeaws/emulator/orgsyntax"
)

// This file holds the RCP syntax rules the IAM grammar (evaluator.KindRCP)
// does not cover, from the Organizations User Guide's "RCP syntax"
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html):
//
//   - "Every RCP must include a Version element with the value 2012-10-17";
//   - "For RCPs that you create, the value [of Effect] must be Deny";
//   - "You can only specify "*" in the Principal element of an RCP";
//   - "You cannot use "*" in the Action element of a customer managed RCP
//     and have to specify the abbreviation for the service";
//   - "The following elements are not supported in RCPs: NotPrincipal,
//     NotAction" (NotPrincipal is refused by the IAM grammar already);
//   - "RCPs only support specifying select service prefixes in the Action
//     element" (Access Analyzer's RCP syntax check, which AWS applies when
//     an RCP names cognito-sync:*, aws-samples/data-perimeter-policy-examples#57):
//     each action's service must be one of the RCP page's services.
//
// The Principal, NotAction and Action rules are emulator/orgsyntax's, the
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

// rcpSyntax checks a customer RCP (already parsed by the IAM grammar, so
// well-formed JSON with Statement an object or a list) and returns the
// detail of the first broken rule, or "".
func rcpSyntax(content string) string {
	var doc struct {
		Version   string          `json:"Version"`
		Statement json.RawMessage `json:"Statement"`
	}
	if json.Unmarshal([]byte(content), &doc) != nil {
		return "Syntax errors in policy."
	}
	if doc.Version != "2012-10-17" {
		return `RCPs must have "Version": "2012-10-17".`
	}
	var stmts []rcpStatement
	if json.Unmarshal(doc.Statement, &stmts) != nil {
		var one rcpStatement
		if json.Unmarshal(doc.Statement, &one) != nil {
			return "Syntax errors in policy."
		}
		stmts = []rcpStatement{one}
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
	actions, ok := stringList(st.Action)
	if !ok {
		return "Syntax errors in policy."
	}
	resources, _ := stringList(st.Resource)
	var principal string
	os := orgsyntax.Statement{
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
	if v := orgsyntax.RCPStatement(os); len(v) > 0 {
		return v[0].Rule.Details
	}
	return ""
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
