package evaluator

import "strings"

// arnPattern matches ARNs the way IAM does for Resource and the Arn*
// condition operators: each of the six colon-separated components
// (arn:partition:service:region:account:resource) is matched separately, and
// the final resource component may itself contain colons. A pattern or value
// that does not have six components is matched as a whole string.
type arnPattern struct {
	whole pattern
	split bool
	parts [6]pattern
}

func compileARN(s string, vars bool) arnPattern {
	a := arnPattern{whole: compilePattern(s, vars, true, false)}
	if a.whole.star {
		return a
	}
	// Split on the first five colons outside ${...}.
	var cuts []int
	depth := false
	for i := 0; i < len(s) && len(cuts) < 5; i++ {
		switch {
		case vars && s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth = true
		case depth && s[i] == '}':
			depth = false
		case !depth && s[i] == ':':
			cuts = append(cuts, i)
		}
	}
	if len(cuts) < 5 {
		return a
	}
	a.split = true
	prev := 0
	for i, c := range cuts {
		a.parts[i] = compilePattern(s[prev:c], vars, true, false)
		prev = c + 1
	}
	a.parts[5] = compilePattern(s[prev:], vars, true, false)
	return a
}

// splitARN splits s into its six components without allocating.
func splitARN(s string) (parts [6]string, ok bool) {
	n := 0
	prev := 0
	for i := 0; i < len(s) && n < 5; i++ {
		if s[i] == ':' {
			parts[n] = s[prev:i]
			n++
			prev = i + 1
		}
	}
	if n < 5 {
		return parts, false
	}
	parts[5] = s[prev:]
	return parts, true
}

func (a *arnPattern) match(s string, e *evalState) bool {
	if a.whole.star {
		return true
	}
	if a.split {
		if parts, ok := splitARN(s); ok {
			for i := range a.parts {
				if !a.parts[i].match(parts[i], false, e) {
					return false
				}
			}
			return true
		}
	}
	return a.whole.match(s, false, e)
}

// MatchARN reports whether arn matches an ARN pattern with wildcards,
// component by component (no policy variables).
func MatchARN(pattern, arn string) bool {
	p := compileARN(pattern, false)
	return p.match(arn, nil)
}

// validARNish reports whether s is "*" or looks like an ARN with at least six
// components, as IAM requires of identity-policy resources.
func validARNish(s string) bool {
	if s == "*" {
		return true
	}
	if !strings.HasPrefix(s, "arn:") {
		return false
	}
	return strings.Count(s, ":") >= 5
}
