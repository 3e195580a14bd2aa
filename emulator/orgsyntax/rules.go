package orgsyntax

import (
	"encoding/json"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/policyjson"
)

// Rule is one syntax rule: Access Analyzer's issue code, the title of its
// section in the policy check reference (the anchor of its learnMoreLink)
// and the finding details of the reference's programmatic form. Every rule
// here has finding type ERROR.
type Rule struct {
	Code, Title, Details string
}

// The rules, with the reference's texts.
var (
	// RCPPrincipal: an RCP's Principal must be "*"; NotPrincipal is not
	// supported.
	RCPPrincipal = Rule{"RCP_SYNTAX_ERROR_PRINCIPAL", "RCP syntax error principal",
		`The Principal element contents are not valid. RCPs only support specifying all principals ("*") in the Principal element. The NotPrincipal element is not supported for RCPs.`}
	// RCPAllow: an Allow statement of an RCP must name all principals and
	// all resources and carry no Condition (as RCPFullAWSAccess does).
	RCPAllow = Rule{"RCP_SYNTAX_ERROR_ALLOW", "RCP syntax error allow",
		`RCPs only support specifying all principals ("*") in the Principal element, all resources ("*") in the Resource element, and no Condition element with an effect of Allow.`}
	// RCPNotAction: RCPs have no NotAction.
	RCPNotAction = Rule{"RCP_SYNTAX_ERROR_NOTACTION", "RCP syntax error NotAction",
		"RCPs do not support the NotAction element. Update to use the Action element."}
	// RCPAction: each action must be of a service RCPs support ("Learn
	// more here." is the console's link text; the reference gives it in
	// the programmatic form too).
	RCPAction = Rule{"RCP_SYNTAX_ERROR_ACTION", "RCP syntax error action",
		"RCPs only support specifying select service prefixes in the Action element. Learn more here."}
	// SCPPrincipal: SCPs name no principals.
	SCPPrincipal = Rule{"SCP_SYNTAX_ERROR_PRINCIPAL", "SCP syntax error principal",
		"SCPs do not support specifying principals. Remove the Principal or NotPrincipal element."}
)

// MaxPolicyChars is the size quota of SCPs and RCPs, in characters, white
// space included (Organizations quotas,
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
const MaxPolicyChars = 5120

// Statement is what the rules read of one policy statement.
type Statement struct {
	// Allow is true when Effect is "Allow".
	Allow bool
	// HasPrincipal is true when the statement has a Principal element;
	// PrincipalIsStar when that element is the bare string "*"
	// ({"AWS": "*"} is not: RCPs take only "*").
	HasPrincipal, PrincipalIsStar bool
	HasNotPrincipal               bool
	// HasResource is true when the statement has a Resource element;
	// ResourceIsStar when its every entry is "*" (and it has one).
	HasResource, ResourceIsStar bool
	HasNotResource              bool
	HasNotAction                bool
	HasCondition                bool
	// Actions are the Action element's string entries, in order.
	Actions []string
}

// Violation is one broken rule and the element it is about: "Principal",
// "NotPrincipal", "Resource", "NotResource", "Condition", "NotAction",
// "Action" (Index is then the entry's index in Statement.Actions), or ""
// for the statement as a whole (a missing Principal). Index is -1 but for
// Action entries.
type Violation struct {
	Rule    Rule
	Element string
	Index   int
}

// RCPStatement checks one RCP statement and returns its violations, in
// element order: principals, the Allow rule, NotAction, then each action.
// An Allow statement's principal is judged by the Allow rule; an Allow
// statement may name Action "*" (RCPFullAWSAccess does), a Deny statement
// may not. A missing Principal breaks the principal rule (the RCP syntax
// page has every statement name "*").
func RCPStatement(st Statement) []Violation {
	var out []Violation
	add := func(r Rule, elem string) { out = append(out, Violation{Rule: r, Element: elem, Index: -1}) }
	if st.HasNotPrincipal {
		add(RCPPrincipal, "NotPrincipal")
	}
	switch {
	case !st.HasPrincipal && !st.HasNotPrincipal:
		add(RCPPrincipal, "")
	case st.Allow:
	case st.HasPrincipal && !st.PrincipalIsStar:
		add(RCPPrincipal, "Principal")
	}
	if st.Allow {
		if elem := allowBreach(st); elem != "" {
			add(RCPAllow, elem)
		}
	}
	if st.HasNotAction {
		add(RCPNotAction, "NotAction")
	}
	for i, a := range st.Actions {
		if !RCPActionSupported(a, st.Allow) {
			out = append(out, Violation{Rule: RCPAction, Element: "Action", Index: i})
		}
	}
	return out
}

// allowBreach returns the first element of an Allow statement the RCP
// Allow rule refuses, or "".
func allowBreach(st Statement) string {
	switch {
	case st.HasPrincipal && !st.PrincipalIsStar:
		return "Principal"
	case st.HasNotResource:
		return "NotResource"
	case st.HasResource && !st.ResourceIsStar:
		return "Resource"
	case st.HasCondition:
		return "Condition"
	}
	return ""
}

// RCPActionSupported reports whether an RCP may name action: its service
// prefix (case-insensitive) must be one of the services RCPs support
// (authz.RCPService, the RCP page's list). "*" is allowed only in an Allow
// statement (allow), as in RCPFullAWSAccess.
func RCPActionSupported(action string, allow bool) bool {
	if action == "*" {
		return allow
	}
	svc, _, ok := strings.Cut(action, ":")
	return ok && authz.RCPService(strings.ToLower(svc))
}

// SCPStatement checks one SCP statement: SCPs name no principals. (SCPs
// take the full IAM language since September 2025: Allow with Condition,
// Resource ARNs, NotAction and NotResource, and wildcards anywhere in an
// action (AWS Security Blog, "AWS Organizations service control policy now
// supports full IAM language"), so the reference's SCP_SYNTAX_ERROR_ALLOW_*,
// _NOTRESOURCE and _ACTION_WILDCARD checks no longer match what
// Organizations accepts and are not made.)
func SCPStatement(st Statement) []Violation {
	var out []Violation
	if st.HasPrincipal {
		out = append(out, Violation{Rule: SCPPrincipal, Element: "Principal", Index: -1})
	}
	if st.HasNotPrincipal {
		out = append(out, Violation{Rule: SCPPrincipal, Element: "NotPrincipal", Index: -1})
	}
	return out
}

// scpFields is what SCPStatement reads of a statement.
type scpFields struct {
	Principal    json.RawMessage `json:"Principal"`
	NotPrincipal json.RawMessage `json:"NotPrincipal"`
}

// SCPDocument returns the finding details of the first SCP rule a
// statement of doc breaks, or "" when none does or doc cannot be read (a
// document that is not JSON is left to the IAM grammar).
func SCPDocument(doc string) string {
	for _, st := range policyjson.Statements[scpFields](doc) {
		if v := SCPStatement(Statement{HasPrincipal: st.Principal != nil, HasNotPrincipal: st.NotPrincipal != nil}); len(v) > 0 {
			return v[0].Rule.Details
		}
	}
	return ""
}
