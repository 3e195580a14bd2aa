package accessanalyzer

import (
	"slices"
	"strings"
)

// How CheckNoNewAccess compares Condition elements. Conditions are ANDed
// across operators and keys; the values of one key are ORed, except under
// a negated operator (StringNotEquals, ArnNotLike, NotIpAddress, ...),
// where they are NORed ("Creating a condition with multiple keys or
// values", IAM User Guide,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html).

// conditionsCover reports whether a statement with Condition inner grants
// no more than one with Condition outer: every operator and key of outer
// is in inner (inner's extra ones only narrow it) with values no wider:
// a subset of outer's values under an operator whose values are ORed, a
// superset under a negated one, the same under a negated one with a set
// qualifier (ForAllValues:, ForAnyValue:) or Null.
func conditionsCover(outer, inner *node) bool {
	if outer == nil || len(outer.members) == 0 {
		return true
	}
	if inner == nil {
		return false
	}
	have := conditionEntries(inner)
	absent := absentKeys(have)
	for k, want := range conditionEntries(outer) {
		got, ok := have[k]
		if ok && valuesNoWider(k.op, got, want) {
			continue
		}
		// inner holds only when the key is absent, where this holds too.
		if !absent[k.key] || !holdsWhenAbsent(k.op, want) {
			return false
		}
	}
	return true
}

// absentKeys returns the keys a condition requires to be absent (Null
// "true").
func absentKeys(entries map[condKey][]string) map[string]bool {
	out := map[string]bool{}
	for k, vals := range entries {
		if k.op == "Null" && len(vals) == 1 && isTrue(vals[0]) {
			out[k.key] = true
		}
	}
	return out
}

func isTrue(v string) bool  { return v == `"true"` || v == "true" }
func isFalse(v string) bool { return v == `"false"` || v == "false" }

// holdsWhenAbsent reports whether an entry holds for a request without its
// key: ...IfExists, ForAllValues:, a negated operator without qualifier,
// Null "true" ("Condition element", IAM User Guide; evaluator/condition.go
// decides the same).
func holdsWhenAbsent(op string, vals []string) bool {
	base, qualified := opBase(op)
	switch {
	case base == "Null":
		return slices.ContainsFunc(vals, isTrue)
	case strings.HasSuffix(op, "IfExists"), strings.HasPrefix(op, "ForAllValues:"):
		return true
	case strings.HasPrefix(op, "ForAnyValue:"):
		return false
	}
	return negated(base) && !qualified
}

// requiresPresent reports whether an entry is false for a request without
// its key.
func requiresPresent(op string, vals []string) bool {
	if base, _ := opBase(op); base == "Null" {
		return len(vals) > 0 && !slices.ContainsFunc(vals, func(v string) bool { return !isFalse(v) })
	}
	return !holdsWhenAbsent(op, vals)
}

// condKey is one operator and key (lower case) of a Condition.
type condKey struct{ op, key string }

// conditionEntries maps each operator and key to its values, sorted, in
// canonical form.
func conditionEntries(c *node) map[condKey][]string {
	out := map[condKey][]string{}
	for _, op := range c.members {
		for _, k := range op.val.members {
			var vals []string
			for _, v := range k.val.list() {
				vals = append(vals, canonical(v, false))
			}
			slices.Sort(vals)
			out[condKey{op.key, strings.ToLower(k.key)}] = vals
		}
	}
	return out
}

// opBase strips a set qualifier and IfExists from an operator.
func opBase(op string) (base string, qualified bool) {
	base = strings.TrimSuffix(op, "IfExists")
	for _, q := range []string{"ForAllValues:", "ForAnyValue:"} {
		if b, ok := strings.CutPrefix(base, q); ok {
			return b, true
		}
	}
	return base, false
}

// negated reports an operator whose values are NORed.
func negated(base string) bool {
	return strings.Contains(base, "Not") && base != "Null"
}

// valuesNoWider reports whether values got under op grant no more than want.
func valuesNoWider(op string, got, want []string) bool {
	base, qualified := opBase(op)
	switch {
	case base == "Null" || negated(base) && qualified:
		return slices.Equal(got, want)
	case negated(base):
		return subset(want, got)
	}
	return subset(got, want)
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// conditionsExclude reports whether the two conditions can never hold in
// one request: deny requires a key to be absent (Null "true") that allow
// requires to be present (requiresPresent). The custom-policy-check
// samples' tag-based reference policies (act-on-ec2-instance-with-tag,
// run-ec2-instance-with-tag: a Deny when the tag is Null) pass candidates
// whose Allow conditions on that tag this way.
func conditionsExclude(allow, deny *node) bool {
	if allow == nil || deny == nil {
		return false
	}
	absent := absentKeys(conditionEntries(deny))
	for k, vals := range conditionEntries(allow) {
		if absent[k.key] && requiresPresent(k.op, vals) {
			return true
		}
	}
	return false
}
