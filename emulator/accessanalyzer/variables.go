package accessanalyzer

import (
	"fmt"
	"strings"
)

// The policy variable checks of AWS's "IAM policy validation check
// reference": a variable's syntax (${name} or ${name, 'default'}) in
// Resource, NotResource and Condition values, and variables in the
// elements that take none (Action, NotAction, Principal, NotPrincipal).

// variableEscapes are ${*}, ${?} and ${$}: the characters themselves.
var variableEscapes = map[string]bool{"*": true, "?": true, "$": true}

// checkVariableSyntax reports each malformed variable of l's string.
func (v *validator) checkVariableSyntax(l located) {
	s := l.n.str
	for {
		start := strings.Index(s, "${")
		if start < 0 {
			return
		}
		end := strings.IndexByte(s[start:], '}')
		if end < 0 {
			v.add(issueMissingBrace, "The policy variable is missing a closing curly brace. Add } after the variable text.", l)
			return
		}
		if msg, i := variableProblem(s[start+2 : start+end]); msg != "" {
			v.add(i, msg, l)
		}
		s = s[start+end+1:]
	}
}

// variableProblem judges the text between ${ and }.
func variableProblem(content string) (string, issue) {
	if variableEscapes[content] {
		return "", issue{}
	}
	if strings.TrimSpace(content) == "" {
		return "Empty policy variable. Remove the ${ } variable structure or provide a variable within the structure.", issueEmptyVariable
	}
	name, def, hasDefault := strings.Cut(content, ",")
	if hasDefault {
		d := strings.TrimSpace(def)
		if len(d) < 2 || d[0] != '\'' || d[len(d)-1] != '\'' {
			return "The policy variable default value must begin and end with a single quote. Add the missing quote.", issueMissingQuote
		}
	}
	if strings.ContainsAny(name, " \t") {
		return "A space is not supported within the policy variable text. Remove the space.", issueSpaceInVariable
	}
	return "", issue{}
}

// checkVariableElement reports a variable in an element that takes none.
func (v *validator) checkVariableElement(l located) {
	if l.n.kind != kString {
		return
	}
	start := strings.Index(l.n.str, "${")
	if start < 0 {
		return
	}
	variable := l.n.str[start:]
	if end := strings.IndexByte(variable, '}'); end >= 0 {
		variable = variable[:end+1]
	}
	v.add(issueVariableInElement, fmt.Sprintf("Policy variables are supported in the Resource and Condition elements. Remove the policy variable %s from this element.", variable), l)
}

// checkServiceWildcard reports a service name (of an action or a resource
// ARN) that a wildcard completes ("*code*"): it may match services with
// similar names, future ones too. A service of just "*" is every service,
// not a name.
func (v *validator) checkServiceWildcard(service string, l located) {
	if service != "*" && strings.ContainsAny(service, "*?") {
		v.add(issueWildcardInService, "Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.", l)
	}
}
