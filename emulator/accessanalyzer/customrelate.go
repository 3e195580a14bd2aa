package accessanalyzer

import (
	"strings"

	"github.com/fakeaws/fakeaws/evaluator"
)

// relator compares patterns for the custom checks with the evaluator's own
// pattern relations (evaluator/relate.go: the matcher's wildcards, case
// folding and ARN components), within a budget of work. Past the budget
// it answers the cautious way (patterns overlap, nothing is covered) and
// records that the policy was too complex; the handler then answers
// UnprocessableEntityException rather than a verdict it did not reach.
type relator struct {
	budget int
	spent  bool
}

// Budgets: one comparison costs the product of the two patterns' lengths;
// a policy of a few hundred ordinary patterns uses a small part of it.
const (
	maxComparison = 1 << 20
	checkBudget   = 1 << 27
)

func newRelator() *relator { return &relator{budget: checkBudget} }

func (r *relator) charge(a, b string) bool {
	cost := (len(a) + 1) * (len(b) + 1)
	if cost > maxComparison || cost > r.budget {
		r.spent = true
		return false
	}
	r.budget -= cost
	return true
}

// relation is a pair of pattern relations: actions (compared without
// case, fold) or resources.
type relation struct {
	overlap func(a, b string) bool
	covers  func(outer, inner string) bool
	fold    bool
}

var (
	actionRelation   = relation{evaluator.ActionsOverlap, evaluator.ActionCovers, true}
	resourceRelation = relation{evaluator.ResourcesOverlap, evaluator.ResourceCovers, false}
)

// plain reports a pattern without wildcards or variables: it matches
// itself alone (an ARN component by component, which for literal text is
// the whole string).
func plain(s string) bool { return !strings.ContainsAny(s, "*?$") }

func (rel relation) equal(a, b string) bool {
	if rel.fold {
		return strings.EqualFold(a, b)
	}
	return a == b
}

func (r *relator) overlap(rel relation, a, b string) bool {
	if a == "*" || b == "*" || rel.equal(a, b) {
		return true
	}
	if plain(a) && plain(b) {
		return false
	}
	return !r.charge(a, b) || rel.overlap(a, b)
}

func (r *relator) covers(rel relation, outer, inner string) bool {
	if outer == "*" || rel.equal(outer, inner) {
		return true
	}
	if plain(outer) && plain(inner) {
		return false
	}
	return r.charge(outer, inner) && rel.covers(outer, inner)
}

// mayMatch reports whether set can match some string pattern x matches.
// A NotX set leaves x out only when one of its patterns covers x.
func (r *relator) mayMatch(rel relation, set patternSet, x string) bool {
	for _, p := range set.pats {
		if set.not && r.covers(rel, p, x) {
			return false
		}
		if !set.not && r.overlap(rel, p, x) {
			return true
		}
	}
	return set.not
}

// matchesAll reports whether set matches every string x matches: one of
// its patterns covers x, or, for a NotX set, none of its patterns can
// match what x does.
func (r *relator) matchesAll(rel relation, set patternSet, x string) bool {
	for _, p := range set.pats {
		if set.not && r.overlap(rel, p, x) {
			return false
		}
		if !set.not && r.covers(rel, p, x) {
			return true
		}
	}
	return set.not
}

// contains reports whether outer matches every string inner matches.
func (r *relator) contains(rel relation, outer, inner patternSet) bool {
	if !inner.not {
		for _, p := range inner.pats {
			if !r.matchesAll(rel, outer, p) {
				return false
			}
		}
		return true
	}
	if !outer.not {
		// inner matches all but a few strings: outer must match all.
		return r.matchesAll(rel, outer, "*")
	}
	// All but inner's patterns ⊆ all but outer's: outer's ⊆ inner's.
	for _, q := range outer.pats {
		if !r.matchesAll(rel, patternSet{pats: inner.pats}, q) {
			return false
		}
	}
	return true
}
