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
// Condition, if any, the new statement repeats. And every Deny statement of
// the existing policy must still be in the new one, or no new Allow
// statement may reach what it denied. Anything else is new access: a
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
	dropped := droppedDenies(newStmts, old)
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
// not repeat (compared without their Sid).
func droppedDenies(newStmts, old []checkStatement) []*checkStatement {
	var out []*checkStatement
	for i := range old {
		d := &old[i]
		if d.allow {
			continue
		}
		if !slices.ContainsFunc(newStmts, func(n checkStatement) bool { return n.text == d.text }) {
			out = append(out, d)
		}
	}
	return out
}

// reachesAny reports whether allow can grant something one of denies
// denied (principals and conditions aside).
func reachesAny(r *relator, allow *checkStatement, denies []*checkStatement) bool {
	for _, d := range denies {
		if setsOverlap(r, actionRelation, allow.actions, d.actions) &&
			setsOverlap(r, resourceRelation, allow.resources, d.resources) {
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
func covered(r *relator, st *checkStatement, old []checkStatement, resourcePolicy bool) bool {
	for _, acts := range pieces(st.actions) {
		for _, res := range pieces(st.resources) {
			if !slices.ContainsFunc(old, func(e checkStatement) bool {
				return e.allow && r.contains(actionRelation, e.actions, acts) &&
					r.contains(resourceRelation, e.resources, res) &&
					(!resourcePolicy || principalsCover(r, e.principal, st.principal)) &&
					conditionsCover(e.condition, st.condition)
			}) {
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
// (wildcards, which reference policies may use, as ARN patterns; an
// account id stands for its root ARN).
func principalsCover(r *relator, outer, inner principalSet) bool {
	switch {
	case outer.star:
		return true
	case outer.not || inner.not || inner.star || !outer.present || !inner.present:
		return outer.not && inner.not && outer.text == inner.text
	}
	for key, vals := range inner.values {
		for _, v := range vals {
			if !slices.ContainsFunc(outer.values[key], func(o string) bool {
				return r.covers(resourceRelation, rootARN(key, o), rootARN(key, v))
			}) {
				return false
			}
		}
	}
	return true
}

// rootARN writes a bare account id of an AWS principal as its root ARN.
func rootARN(key, v string) string {
	if key == "AWS" && len(v) == 12 && strings.Trim(v, "0123456789") == "" {
		return "arn:aws:iam::" + v + ":root"
	}
	return v
}

// conditionsCover reports whether a statement with Condition inner grants
// no more than one with Condition outer: outer has none, or inner repeats
// every operator and key of outer with the same values (conditions are
// ANDed, so inner's extra ones only narrow it).
func conditionsCover(outer, inner *node) bool {
	if outer == nil || len(outer.members) == 0 {
		return true
	}
	if inner == nil {
		return false
	}
	want := conditionEntries(outer)
	have := conditionEntries(inner)
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

// conditionEntries maps "operator\x00lower-case key" to the key's values,
// sorted, in canonical form.
func conditionEntries(c *node) map[string]string {
	out := map[string]string{}
	for _, op := range c.members {
		if op.val.kind != kObject {
			out[op.key] = canonical(op.val, false)
			continue
		}
		for _, k := range op.val.members {
			vals := make([]string, 0, len(k.val.list()))
			for _, v := range k.val.list() {
				vals = append(vals, canonical(v, false))
			}
			slices.Sort(vals)
			out[op.key+"\x00"+strings.ToLower(k.key)] = strings.Join(vals, ",")
		}
	}
	return out
}
