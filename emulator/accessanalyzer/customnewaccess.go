package accessanalyzer

import (
	"slices"
	"strings"
)

// CheckNoNewAccess (API reference, API_CheckNoNewAccess.html): does the
// new policy grant access the existing one does not?
//
// fakeaws answers PASS only when it can show that every Allow statement of
// the new policy is covered by the existing policy: each of its actions
// (one by one, or its NotAction list as a whole) on each of its resources
// is granted by a single existing Allow statement whose actions and
// resources contain it (pattern containment, evaluator/relate.go), whose
// principals include the new statement's (resource policies), and whose
// Condition, if any, the new statement repeats with values no wider
// (customconditions.go). And every Deny statement of the existing policy
// must be kept (repeated, or contained in a new Deny statement), or no new
// Allow statement may reach what it denied. Anything else is new access: a
// FAIL naming the new statement.

// The message and reason of the CLI reference's check-no-new-access
// example (aws-cli awscli/examples/accessanalyzer/check-no-new-access.rst).
// No PASS answer is recorded; msgNoNewAccess is fakeaws's wording, the
// negation of AWS's FAIL message.
const (
	msgNewAccess   = "The modified permissions grant new access compared to your existing policy."
	msgNoNewAccess = "The modified permissions do not grant new access compared to your existing policy."
	reasonNew      = "New access in the statement"
)

// noNewAccess compares the new policy's statements with the existing ones.
func noNewAccess(r *relator, newStmts, old []checkStatement, resourcePolicy bool) *checkOutput {
	dropped := droppedDenies(r, newStmts, old, resourcePolicy)
	var reasons []reasonSummary
	for i := range newStmts {
		st := &newStmts[i]
		if !st.allow {
			continue
		}
		if !covered(r, st, old, resourcePolicy) || reachesAny(r, st, dropped) {
			reasons = append(reasons, reason(reasonNew, st))
		}
	}
	return verdict(reasons, msgNoNewAccess, msgNewAccess)
}

// droppedDenies returns the existing Deny statements the new policy does
// not keep: no new Deny statement is the same (but for its Sid) or denies
// at least as much (its actions, resources and principals contain the old
// one's, and its Condition holds whenever the old one's does). The
// custom-policy-check samples' "explicitly denies access to sensitive
// bucket" candidate passes this way.
func droppedDenies(r *relator, newStmts, old []checkStatement, resourcePolicy bool) []*checkStatement {
	var out []*checkStatement
	for i := range old {
		d := &old[i]
		if d.allow {
			continue
		}
		if !slices.ContainsFunc(newStmts, func(n checkStatement) bool { return !n.allow && denies(r, &n, d, resourcePolicy) }) {
			out = append(out, d)
		}
	}
	return out
}

// denies reports whether deny statement n denies everything d does.
func denies(r *relator, n, d *checkStatement, resourcePolicy bool) bool {
	if n.text == d.text {
		return true
	}
	return r.contains(actionRelation, n.actions, d.actions) && r.contains(resourceRelation, n.resources, d.resources) &&
		conditionsCover(n.condition, d.condition) && (!resourcePolicy || principalsCover(r, n.principal, d.principal))
}

// reachesAny reports whether allow can grant something one of dropped
// denied (principals aside): their actions and resources overlap, and
// their conditions do not exclude each other.
func reachesAny(r *relator, allow *checkStatement, dropped []*checkStatement) bool {
	for _, d := range dropped {
		if setsOverlap(r, actionRelation, allow.actions, d.actions) &&
			setsOverlap(r, resourceRelation, allow.resources, d.resources) &&
			!conditionsExclude(allow.condition, d.condition) {
			return true
		}
	}
	return false
}

// setsOverlap reports whether two pattern sets can match a common string.
func setsOverlap(r *relator, rel relation, a, b patternSet) bool {
	if a.not && b.not {
		return true // both leave out only a few strings
	}
	if a.not {
		a, b = b, a
	}
	for _, p := range a.pats {
		if r.mayMatch(rel, b, p) {
			return true
		}
	}
	return false
}

// covered reports whether the existing Allow statements grant everything
// st does: each piece of st (one action or its NotAction list, times one
// resource or its NotResource list) within a single existing statement.
// The existing statements whose principals and Condition fit st are found
// once, and those whose actions contain a piece once per action piece.
func covered(r *relator, st *checkStatement, old []checkStatement, resourcePolicy bool) bool {
	var fit []*checkStatement
	for i := range old {
		e := &old[i]
		if e.allow && e.text == st.text {
			return true // the same statement, but for its Sid
		}
		if e.allow && (!resourcePolicy || principalsCover(r, e.principal, st.principal)) && conditionsCover(e.condition, st.condition) {
			fit = append(fit, e)
		}
	}
	for _, acts := range pieces(st.actions) {
		var cands []*checkStatement
		for _, e := range fit {
			if r.contains(actionRelation, e.actions, acts) {
				cands = append(cands, e)
			}
		}
		for _, res := range pieces(st.resources) {
			if !slices.ContainsFunc(cands, func(e *checkStatement) bool { return r.contains(resourceRelation, e.resources, res) }) {
				return false
			}
		}
	}
	return true
}

// pieces splits a positive set into its patterns; a NotX set stays whole.
func pieces(s patternSet) []patternSet {
	if s.not {
		return []patternSet{s}
	}
	out := make([]patternSet, len(s.pats))
	for i, p := range s.pats {
		out[i] = patternSet{pats: []string{p}}
	}
	return out
}

// principalsCover reports whether outer names every principal inner does:
// outer is "*"; or both are NotPrincipal elements written the same; or
// every value of inner is covered by a value of outer under the same key
// (wildcards, which reference policies may use, as ARN patterns). An
// account, as an id or its root ARN, covers every principal of the
// account, as AWS's custom-policy-check samples record
// (allowlist-account-principals: a role of an allowlisted account PASSes).
func principalsCover(r *relator, outer, inner principalSet) bool {
	switch {
	case outer.star:
		return true
	case outer.not || inner.not || inner.star || !outer.present || !inner.present:
		return outer.not && inner.not && outer.text == inner.text
	}
	for key, vals := range inner.values {
		for _, v := range vals {
			if !slices.ContainsFunc(outer.values[key], func(o string) bool { return principalCovers(r, key, o, v) }) {
				return false
			}
		}
	}
	return true
}

// principalCovers reports whether principal value o of key covers v.
func principalCovers(r *relator, key, o, v string) bool {
	if key == "AWS" {
		if acct := accountOf(o); acct != "" && principalAccount(v) == acct {
			return true
		}
		o, v = rootARN(o), rootARN(v)
	}
	return r.covers(resourceRelation, o, v)
}

// accountOf returns the account an AWS principal value names as a whole
// (a bare id or arn:PARTITION:iam::ID:root), else "".
func accountOf(v string) string {
	if isAccountID(v) {
		return v
	}
	parts := strings.Split(v, ":")
	if len(parts) == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[3] == "" && parts[5] == "root" && isAccountID(parts[4]) {
		return parts[4]
	}
	return ""
}

// principalAccount returns the account of an AWS principal value (an id,
// or an IAM or STS ARN without wildcards in its account), else "".
func principalAccount(v string) string {
	if isAccountID(v) {
		return v
	}
	parts := strings.SplitN(v, ":", 6)
	if len(parts) == 6 && parts[0] == "arn" && (parts[2] == "iam" || parts[2] == "sts") && isAccountID(parts[4]) {
		return parts[4]
	}
	return ""
}

func isAccountID(s string) bool { return len(s) == 12 && strings.Trim(s, "0123456789") == "" }

// rootARN writes a bare account id of an AWS principal as its root ARN.
func rootARN(v string) string {
	if isAccountID(v) {
		return "arn:aws:iam::" + v + ":root"
	}
	return v
}
