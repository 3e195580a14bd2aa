package evaluator

import "strings"

// AllowsService reports whether a statement of p with Effect Allow can
// allow some action of the service namespace ("s3", "iam"): an Action
// pattern that can match an action "namespace:X", or a NotAction list that
// leaves some action of the namespace out. Resource and Condition are not
// read: this is the test IAM's last accessed reports and
// ListPoliciesGrantingServiceAccess make of a permissions policy ("It only
// applies permissions policy logic",
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPoliciesGrantingServiceAccess.html).
func (p *Policy) AllowsService(namespace string) bool {
	for i := range p.stmts {
		st := &p.stmts[i]
		if !st.allow {
			continue
		}
		if st.notAction {
			if !anyCoversService(st.rawActions, namespace) {
				return true
			}
			continue
		}
		for _, pat := range st.rawActions {
			if patternReachesService(pat, namespace) {
				return true
			}
		}
	}
	return false
}

// patternReachesService reports whether the Action pattern pat matches some
// action "namespace:X". An action has exactly one colon, so the part of pat
// before its first '*' decides: when it is at least as long as
// "namespace:", its start must match that ('?' matching any one
// character), and the rest of pat can always meet some action name X; when
// shorter, a '*' follows it, which can absorb the rest of "namespace:".
func patternReachesService(pat, namespace string) bool {
	target := namespace + ":"
	star := strings.IndexByte(pat, '*')
	head := pat
	if star >= 0 {
		head = pat[:star]
	}
	if len(head) >= len(target) {
		if star < 0 && len(head) == len(target) {
			return false // "namespace:" itself names no action
		}
		return MatchAction(head[:len(target)], target)
	}
	return star >= 0 && MatchAction(head+"*", target)
}

// anyCoversService reports whether one of the patterns matches every
// action of namespace: it ends in '*' and matches "namespace:", so its
// final '*' can absorb any action name.
func anyCoversService(patterns []string, namespace string) bool {
	for _, pat := range patterns {
		if strings.HasSuffix(pat, "*") && MatchAction(pat, namespace+":") {
			return true
		}
	}
	return false
}

// AllowsAction reports whether a statement of p with Effect Allow names
// action ("iam:CreateUser") in its Action, or leaves it out of its
// NotAction. Like AllowsService it reads neither Resource nor Condition.
func (p *Policy) AllowsAction(action string) bool {
	for i := range p.stmts {
		st := &p.stmts[i]
		if !st.allow {
			continue
		}
		matched := false
		for _, pat := range st.rawActions {
			if MatchAction(pat, action) {
				matched = true
				break
			}
		}
		if matched != st.notAction {
			return true
		}
	}
	return false
}
