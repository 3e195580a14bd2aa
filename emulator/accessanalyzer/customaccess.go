package accessanalyzer

import "slices"

// CheckAccessNotGranted (API reference, API_CheckAccessNotGranted.html):
// does a policy grant any of the listed actions on any of the listed
// resources? "If only actions are specified, IAM Access Analyzer checks
// for access to perform at least one of the actions on any resource in
// the policy. If only resources are specified, then IAM Access Analyzer
// checks for access to perform any action on at least one of the
// resources."
//
// fakeaws answers FAIL when an Allow statement's actions (Action or
// NotAction, wildcards) can match a listed action and its resources can
// match a listed resource, unless a Deny statement of the same policy
// without a Condition (and, in a resource policy, for every principal)
// covers that action on that resource (or what the Allow statement reaches
// of them: the listed pattern or the statement's pattern it overlaps). A
// Condition on the Allow does not make it PASS: the grant exists in some
// request context.

// The messages and reason of AWS's examples in the API model (the
// "Passing check" and "Failing check" examples that the AWS SDKs carry, e.g.
// aws-sdk-ruby's Aws::AccessAnalyzer::Client#check_access_not_granted),
// which since resources joined the check (June 2024) say "actions or
// resources" also when only actions are listed.
const (
	msgAccessGranted    = "The policy document grants access to perform one or more of the listed actions or resources."
	msgAccessNotGranted = "The policy document does not grant access to perform the listed actions or resources."
	reasonAccess        = "One or more of the listed actions or resources in the statement"
)

// accessInput is the API's Access.
type accessInput struct {
	Actions   []string `json:"actions"`
	Resources []string `json:"resources"`
}

// accessNotGranted runs the check on stmts for one access object.
func accessNotGranted(r *relator, stmts []checkStatement, acc accessInput, resourcePolicy bool) *checkOutput {
	actions, resources := acc.Actions, acc.Resources
	if len(actions) == 0 {
		actions = []string{"*"}
	}
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	var denies []*checkStatement
	for i := range stmts {
		if st := &stmts[i]; !st.allow && !st.conditional() && (!resourcePolicy || st.principal.star) {
			denies = append(denies, st)
		}
	}
	var reasons []reasonSummary
	for i := range stmts {
		st := &stmts[i]
		if st.allow && grantsSome(r, st, denies, actions, resources) {
			reasons = append(reasons, reason(reasonAccess, st))
		}
	}
	return verdict(reasons, msgAccessNotGranted, msgAccessGranted)
}

// grantsSome reports whether allow can grant one of actions on one of
// resources that no unconditional deny takes back entirely. The resource
// pieces are computed once, and for each action piece only the denies
// that cover it are tried on them.
func grantsSome(r *relator, allow *checkStatement, denies []*checkStatement, actions, resources []string) bool {
	var resPieces []piece
	for _, res := range resources {
		resPieces = append(resPieces, narrow(r, resourceRelation, allow.resources, res)...)
	}
	if len(resPieces) == 0 {
		return false
	}
	for _, a := range actions {
		for _, ap := range narrow(r, actionRelation, allow.actions, a) {
			var actDenies []*checkStatement
			for _, d := range denies {
				if coversPiece(r, actionRelation, d.actions, ap) {
					actDenies = append(actDenies, d)
				}
			}
			for _, rp := range resPieces {
				if !slices.ContainsFunc(actDenies, func(d *checkStatement) bool {
					return coversPiece(r, resourceRelation, d.resources, rp)
				}) {
					return true
				}
			}
		}
	}
	return false
}

// piece is what a statement grants of a listed pattern x: the strings
// both a pattern of the statement (p) and x match. A deny that covers
// either takes the piece back.
type piece struct{ p, x string }

// narrow returns the pieces of x that set can match: one per pattern of a
// positive set that overlaps x, or x itself for a NotX set that does not
// leave it out.
func narrow(r *relator, rel relation, set patternSet, x string) []piece {
	if set.not {
		if r.mayMatch(rel, set, x) {
			return []piece{{x, x}}
		}
		return nil
	}
	var out []piece
	for _, p := range set.pats {
		if r.overlap(rel, p, x) {
			out = append(out, piece{p, x})
		}
	}
	return out
}

func coversPiece(r *relator, rel relation, set patternSet, pc piece) bool {
	return r.matchesAll(rel, set, pc.p) || r.matchesAll(rel, set, pc.x)
}
