package evaluator

// Relations between two patterns, for callers that reason about what a
// policy can grant rather than about one request (IAM Access Analyzer's
// custom policy checks): can two patterns match a common string
// (overlap), and does one match every string the other does (cover). Both
// read the patterns as the matcher compiles them (compilePattern,
// compileARN), so wildcards, case folding of actions and the component
// split of ARNs mean here what they mean in Evaluate.
//
// Overlap errs towards true and cover towards false: a policy variable is
// read as "*" for overlap (it can resolve to anything) and covers only the
// same variable; a split ARN pattern set against one matched whole is
// compared whole, where a "*" may span a colon.

// unit is one position of a pattern: a character, '?', '*' or a variable.
type unit struct {
	kind tokKind // tLit (one rune in r), tQuest, tStar, tVar
	r    rune
	v    string // the variable's key and default, for tVar
}

// units flattens p's tokens into single positions.
func units(p pattern) []unit {
	var out []unit
	for _, t := range p.toks {
		switch t.kind {
		case tLit:
			for _, r := range t.lit {
				out = append(out, unit{kind: tLit, r: r})
			}
		case tVar:
			out = append(out, unit{kind: tVar, v: t.key + "\x00" + t.def + "\x00" + boolKey(t.hasDef)})
		default:
			out = append(out, unit{kind: t.kind})
		}
	}
	return out
}

func boolKey(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// Each relation walks the pairs of positions of its two patterns once: its
// cost is the product of their lengths (callers bound it).

// overlapUnits reports whether some string matches both a and b; a
// variable counts as '*'.
func overlapUnits(a, b []unit) bool {
	seen := make([]bool, (len(a)+1)*(len(b)+1))
	var walk func(i, j int) bool
	walk = func(i, j int) bool {
		k := i*(len(b)+1) + j
		if seen[k] {
			return false
		}
		seen[k] = true
		if i == len(a) && j == len(b) {
			return true
		}
		aStar := i < len(a) && (a[i].kind == tStar || a[i].kind == tVar)
		bStar := j < len(b) && (b[j].kind == tStar || b[j].kind == tVar)
		if aStar && (walk(i+1, j) || j < len(b) && walk(i, j+1)) {
			return true
		}
		if bStar && (walk(i, j+1) || i < len(a) && walk(i+1, j)) {
			return true
		}
		if aStar || bStar || i == len(a) || j == len(b) {
			return false
		}
		if a[i].kind == tLit && b[j].kind == tLit && a[i].r != b[j].r {
			return false
		}
		return walk(i+1, j+1)
	}
	return walk(0, 0)
}

// coverUnits reports whether outer matches every string inner matches: a
// sufficient test, where each of outer's '*' takes a run of inner's
// positions, '?' one character or '?', a character itself, and a
// variable the same variable.
func coverUnits(outer, inner []unit) bool {
	seen := make([]bool, (len(outer)+1)*(len(inner)+1))
	var walk func(i, j int) bool
	walk = func(i, j int) bool {
		k := i*(len(inner)+1) + j
		if seen[k] {
			return false
		}
		seen[k] = true
		if i == len(outer) {
			return j == len(inner)
		}
		o := outer[i]
		if o.kind == tStar {
			return walk(i+1, j) || j < len(inner) && walk(i, j+1)
		}
		if j == len(inner) {
			return false
		}
		in := inner[j]
		switch o.kind {
		case tLit:
			if in.kind != tLit || in.r != o.r {
				return false
			}
		case tQuest:
			if in.kind != tLit && in.kind != tQuest {
				return false
			}
		case tVar:
			if in.kind != tVar || in.v != o.v {
				return false
			}
		}
		return walk(i+1, j+1)
	}
	return walk(0, 0)
}

func actionUnits(s string) []unit { return units(compilePattern(s, false, true, true)) }

// ActionsOverlap reports whether some action matches both Action patterns
// ("s3:Get*" and "s3:*Object"), case-insensitively as MatchAction.
func ActionsOverlap(a, b string) bool {
	return overlapUnits(actionUnits(a), actionUnits(b))
}

// ActionCovers reports whether every action inner matches, outer matches
// too ("s3:*" covers "s3:Get*"). A false answer may be wrong for exotic
// pairs ("s3:*" against "s3:**"), never a true one.
func ActionCovers(outer, inner string) bool {
	return coverUnits(actionUnits(outer), actionUnits(inner))
}

// ResourcesOverlap reports whether some ARN matches both Resource patterns
// (policy variables allowed, read as "*").
func ResourcesOverlap(a, b string) bool {
	pa, pb := compileARN(a, true), compileARN(b, true)
	if pa.whole.star || pb.whole.star {
		return true
	}
	if !pa.split || !pb.split {
		return overlapUnits(units(pa.whole), units(pb.whole))
	}
	for i := range pa.parts {
		if !overlapUnits(units(pa.parts[i]), units(pb.parts[i])) {
			return false
		}
	}
	return true
}

// ResourceCovers reports whether every ARN inner matches, outer matches too
// ("arn:aws:s3:::b/*" covers "arn:aws:s3:::b/logs/*"). Like ActionCovers
// it may answer false for a pair that is covered, never true for one that
// is not.
func ResourceCovers(outer, inner string) bool {
	po, pi := compileARN(outer, true), compileARN(inner, true)
	switch {
	case po.whole.star:
		return true
	case !po.split:
		// outer is matched whole; inner matches a subset of what its
		// whole text matches.
		return coverUnits(units(po.whole), units(pi.whole))
	case !pi.split:
		return false
	}
	for i := range po.parts {
		if !coverUnits(units(po.parts[i]), units(pi.parts[i])) {
			return false
		}
	}
	return true
}
