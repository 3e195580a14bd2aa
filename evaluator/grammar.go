package evaluator

import (
	"strconv"
	"strings"
)

// IAM checks an identity policy in phases and reports the first phase that
// fails, whatever statement it is in. The order and the messages are
// AWS's answers to CreatePolicy for the 78 invalid and 51 valid documents
// of LocalStack's TestPolicyDocumentValidity
// (tests/aws/services/iam/test_iam_policies.py and .snapshot.json,
// recorded from AWS 10 and 18 Feb 2026; cited below as invalid-N and
// valid-N). Syntax (statementSyntax) comes first; IAM's CreatePolicy then
// requires Version 2012-10-17 (the caller's rule); then iamGrammar.

// iamGrammar checks the statements of an identity-like policy whose syntax
// passed, in IAM's order, and returns the offending statement and AWS's
// message, or (-1, ""):
//
//  1. legacy parsing: every Effect exactly Allow or Deny (invalid-63,
//     "denY") and every Date condition value in IAM's legacy date grammar
//     (invalid-64, -72 to -75), then the resources: the first malformed
//     one is noted, and until one is, each must pass the legacy resource
//     grammar (invalid-36, -71, -77, -68); all "The policy failed legacy
//     parsing";
//  2. unique Sids (invalid-59 has a statement without actions too);
//  3. no Principal (a trust policy sent to PutRolePolicy has no resource,
//     yet AWS named the principal: hashicorp/terraform#13449);
//  4. every statement has actions, 5. and resources (invalid-29 has an
//     action without a vendor too);
//  6. the noted malformed resource (invalid-18 has a two-colon action too);
//  7. every action has a vendor and one colon.
func iamGrammar(elems []stmtElements, vars bool) (int, string) {
	for i := range elems {
		e := &elems[i]
		if (e.effect.str != "Allow" && e.effect.str != "Deny") || !legacyDates(e.cond) {
			return i, MsgLegacy
		}
	}
	at, msg := -1, ""
	for i := range elems {
		for _, r := range resourceStrings(&elems[i]) {
			if _, m := identityResource(r, vars); m != "" && msg == "" {
				if !vars {
					// Without Version 2012-10-17 IAM reads only its legacy
					// grammar and reports only that it failed.
					return i, MsgLegacy
				}
				at, msg = i, m
			}
		}
		if msg == "" && !legacyResources(&elems[i]) {
			return i, MsgLegacy
		}
	}
	if i := duplicateSid(elems); i >= 0 {
		return i, MsgDuplicateSid
	}
	for i := range elems {
		if elems[i].principal != nil || elems[i].notPrincipal != nil {
			return i, MsgNoPrincipal
		}
	}
	for i := range elems {
		if empty(elems[i].action) && empty(elems[i].notAction) {
			return i, MsgNeedActions
		}
	}
	for i := range elems {
		if empty(elems[i].resource) && empty(elems[i].notResource) {
			return i, MsgNeedResources
		}
	}
	if msg != "" {
		return at, msg
	}
	for i := range elems {
		for _, n := range [...]*jnode{elems[i].action, elems[i].notAction} {
			for _, a := range nodeStrings(n) {
				if m := checkAction(a, true); m != "" {
					return i, m
				}
			}
		}
	}
	return -1, ""
}

// nodeStrings returns the strings of a string or list-of-strings element
// (nil when absent).
func nodeStrings(n *jnode) []string {
	switch {
	case n == nil:
		return nil
	case n.kind == 's':
		return []string{n.str}
	}
	out := make([]string, len(n.arr))
	for i, e := range n.arr {
		out[i] = e.str
	}
	return out
}

func resourceStrings(e *stmtElements) []string {
	if e.resource != nil {
		return nodeStrings(e.resource)
	}
	return nodeStrings(e.notResource)
}

// empty reports an absent element or an empty list.
func empty(n *jnode) bool {
	return n == nil || (n.kind == 'a' && len(n.arr) == 0)
}

// duplicateSid returns the first statement repeating an earlier non-empty
// Sid, or -1 (two empty Sids are fine: valid-49).
func duplicateSid(elems []stmtElements) int {
	seen := map[string]bool{}
	for i := range elems {
		if s := elems[i].sid; s != nil && s.str != "" {
			if seen[s.str] {
				return i
			}
			seen[s.str] = true
		}
	}
	return -1
}

// legacyResources reports whether a statement's resources pass IAM's
// legacy grammar: an ARN of fewer than six components must not contain
// "::" ("arn:aws:s3::example_bucket": invalid-36, -71; "arn:aws::fdsasf":
// invalid-77), and the service must not be empty
// ("arn:aws::::example_bucket": invalid-68).
func legacyResources(e *stmtElements) bool {
	for _, r := range resourceStrings(e) {
		if r == "*" {
			continue
		}
		parts := strings.SplitN(r, ":", 4)
		if (strings.Count(r, ":") < 5 && strings.Contains(r, "::")) || (len(parts) > 2 && parts[2] == "") {
			return false
		}
	}
	return true
}

// legacyDates reports whether every value of the Date operators in a
// Condition element passes IAM's legacy date grammar.
func legacyDates(cond *jnode) bool {
	if cond == nil {
		return true
	}
	for i, op := range cond.keys {
		info, _, _, ok := parseOperator(op)
		if !ok || info.base != opDate {
			continue
		}
		for _, v := range cond.vals[i].vals {
			raws, _ := condValues(v)
			for _, r := range raws {
				if !legacyDate(r) {
					return false
				}
			}
		}
	}
	return true
}

// legacyDate reports whether s is a date IAM's legacy grammar reads: a
// Unix time in [0, 2^63-1] ("9223372036854775808" fails: invalid-75), or
// an ISO 8601 date, case-insensitive, whose fields may be cut short
// ("01T", "-292275054": valid-30, -37) and are range-checked ("234-13"
// fails: invalid-72), with a time of one-or-two-digit fields
// ("2016-12-13t2:00:00.593194+23": valid-36), a fraction of at most nine
// digits (invalid-74) and a two-digit zone hour (invalid-73).
func legacyDate(s string) bool {
	l := strings.ToLower(s)
	if !strings.ContainsAny(l, "t-") {
		_, ok := legacyInt(l, 0, 1<<63-1)
		return ok
	}
	date, clock, _ := strings.Cut(l, "t")
	return legacyCalendar(date) && legacyClock(clock)
}

// legacyInt parses a non-empty run of decimal digits within [lo, hi].
func legacyInt(s string, lo, hi int64) (int64, bool) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n >= lo && n <= hi
}

// legacyCalendar checks [-]year[-month[-day]].
func legacyCalendar(date string) bool {
	neg := strings.HasPrefix(date, "-")
	parts := strings.Split(strings.TrimPrefix(date, "-"), "-")
	if len(parts) > 3 {
		return false
	}
	year, ok := legacyInt(parts[0], 0, 292278993)
	if !ok || (neg && year > 292275054) {
		return false
	}
	bounds := [...]int64{12, 31}
	for i, p := range parts[1:] {
		if _, ok := legacyInt(p, 1, bounds[i]); !ok {
			return false
		}
	}
	return true
}

// legacyClock checks [hours][:minutes[:seconds[.fraction][z|±hh]]]; what
// follows a third colon (a zone's minutes) is not read.
func legacyClock(clock string) bool {
	if clock == "" {
		return true
	}
	parts := strings.Split(clock, ":")
	if _, ok := legacyInt(parts[0], 0, 23); parts[0] != "" && !ok {
		return false
	}
	if _, ok := legacyInt(part(parts, 1), 0, 59); len(parts) > 1 && !ok {
		return false
	}
	if len(parts) < 3 {
		return true
	}
	sec := parts[2]
	if z := strings.IndexAny(sec, "z+-"); z >= 0 {
		zone := sec[z+1:]
		if sec[z] == 'z' && zone != "" {
			return false
		}
		if _, ok := legacyInt(zone, 0, 23); sec[z] != 'z' && (len(zone) != 2 || !ok) {
			return false
		}
		sec = sec[:z]
	}
	whole, frac, hasFrac := strings.Cut(sec, ".")
	if _, ok := legacyInt(whole, 0, 59); !ok {
		return false
	}
	_, ok := legacyInt(frac, 0, 999999999)
	return !hasFrac || ok
}

func part(parts []string, i int) string {
	if i < len(parts) {
		return parts[i]
	}
	return ""
}
