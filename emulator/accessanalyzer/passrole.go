package accessanalyzer

import (
	"strings"

	"github.com/fakeaws/fakeaws/evaluator"
)

// The iam:PassRole (security warnings) and iam:CreateServiceLinkedRole
// (general warnings) checks of AWS's "IAM policy validation check
// reference": an Allow statement that grants the action on every role,
// through a wildcard in Resource or through NotResource. Which check a
// statement gets depends on how it reaches the action: by name, through a
// wildcard in Action ("*", "iam:*", "iam:Pass*"), or through NotAction.

// reach is how a statement grants an action.
type reach int

const (
	reachNone reach = iota
	reachNamed
	reachStar
	reachNotAction
)

// grantCheck is one action's six checks: [reach-1][0] for a wildcard in
// Resource, [reach-1][1] for NotResource.
type grantCheck struct {
	action string // lower case
	// skipKey, when the statement's Condition names it, narrows the
	// wildcard-resource forms enough ("add the iam:PassedToService
	// condition key to your statement").
	skipKey string
	checks  [3][2]issueText
}

// issueText is a check and its finding details.
type issueText struct {
	i       issue
	details string
}

func sw(code, title, details string) issueText {
	return issueText{issue{code, SecurityWarning, title}, details}
}

func gw(code, title, details string) issueText {
	return issueText{issue{code, Warning, title}, details}
}

var grantChecks = []grantCheck{
	{action: "iam:passrole", skipKey: "iam:passedtoservice", checks: [3][2]issueText{
		{sw("PASS_ROLE_WITH_STAR_IN_RESOURCE", "Pass role with star in resource", "Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement."),
			sw("PASS_ROLE_WITH_NOT_RESOURCE", "Pass role with NotResource", "Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.")},
		{sw("PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", "Pass role with star in action and resource", "Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement."),
			sw("PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", "Pass role with star in action and NotResource", "Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.")},
		{sw("PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", "Pass role with star in resource and NotAction", "Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement."),
			sw("PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", "Pass role with NotAction and NotResource", "Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources.. We recommend that you specify resource ARNs instead.")},
	}},
	{action: "iam:createservicelinkedrole", checks: [3][2]issueText{
		{gw("CREATE_SLR_WITH_STAR_IN_RESOURCE", "Create SLR with star in resource", "Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead."),
			gw("CREATE_SLR_WITH_NOT_RESOURCE", "Create SLR with NotResource", "Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead.")},
		{gw("CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", "Create SLR with star in action and resource", "Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead."),
			gw("CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", "Create SLR with star in action and NotResource", "Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.")},
		{gw("CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", "Create SLR with star in resource and NotAction", "Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead."),
			gw("CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE", "Create SLR with NotAction and NotResource", "Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.")},
	}},
}

// checkRoleGrants makes the PassRole and CreateServiceLinkedRole checks on
// an Allow statement of an identity or resource policy.
func (v *validator) checkRoleGrants(st *stmt) {
	if !st.allow() || (v.in.Type != IdentityPolicy && v.in.Type != ResourcePolicy) || v.trustPolicy() {
		return
	}
	for _, g := range grantChecks {
		r := actionReach(st, g.action)
		if r == reachNone {
			continue
		}
		switch {
		case st.resource != nil && st.notRes == nil:
			if g.skipKey != "" && conditionHasKey(st, g.skipKey) {
				continue
			}
			if at, ok := v.roleWildcard(st); ok {
				c := g.checks[r-1][0]
				v.add(c.i, c.details, at)
			}
		case st.notRes != nil && st.resource == nil && !hasEntry(st.notRes.val, "*"):
			c := g.checks[r-1][1]
			v.add(c.i, c.details, v.elem(st, st.notRes))
		}
	}
}

// actionReach tells how the statement's Action or NotAction grants action.
func actionReach(st *stmt, action string) reach {
	if st.notAction != nil {
		if st.action != nil {
			return reachNone
		}
		for _, n := range st.notAction.val.list() {
			if n.kind == kString && evaluator.MatchWildcard(strings.ToLower(n.str), action) {
				return reachNone
			}
		}
		return reachNotAction
	}
	if st.action == nil {
		return reachNone
	}
	r := reachNone
	for _, n := range st.action.val.list() {
		if n.kind != kString {
			continue
		}
		switch a := strings.ToLower(n.str); {
		case a == action:
			return reachNamed
		case evaluator.MatchWildcard(a, action):
			r = reachStar
		}
	}
	return r
}

// roleWildcard returns the first Resource entry with a wildcard that can
// name IAM roles: "*", or an IAM ARN whose resource part, up to its first
// wildcard, can begin "role/".
func (v *validator) roleWildcard(st *stmt) (located, bool) {
	base := v.elem(st, st.resource)
	for i, n := range st.resource.val.list() {
		at := base
		if st.resource.val.kind == kArray {
			at = located{n, base.p.index(i)}
		}
		if n.kind != kString || !strings.ContainsAny(n.str, "*?") {
			continue
		}
		if n.str == "*" {
			return at, true
		}
		parts := strings.SplitN(n.str, ":", 6)
		if len(parts) < 6 || !evaluator.MatchWildcard(strings.ToLower(parts[2]), "iam") {
			continue
		}
		res := parts[5]
		lit := res[:strings.IndexAny(res+"*", "*?")]
		if strings.HasPrefix(lit, "role/") || strings.HasPrefix("role/", lit) {
			return at, true
		}
	}
	return located{}, false
}

// conditionHasKey reports whether the statement's Condition names key
// (lower case) under any operator.
func conditionHasKey(st *stmt, key string) bool {
	for _, k := range st.conditionKeys() {
		if strings.ToLower(k.key) == key {
			return true
		}
	}
	return false
}

// hasEntry reports whether a string-or-array element holds s.
func hasEntry(n *node, s string) bool {
	for _, e := range n.list() {
		if e.kind == kString && e.str == s {
			return true
		}
	}
	return false
}
