package evaluator

import "strings"

// Policy variables (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
//
// A pattern is compiled into tokens: literal text, the wildcards * and ?, and
// ${key} / ${key, 'default'} variables. The escapes ${*}, ${?} and ${$}
// compile to the literal characters. Variables are only recognised in
// documents whose Version is 2012-10-17; in 2008-10-17 documents "${...}" is
// literal text.

type tokKind uint8

const (
	tLit tokKind = iota
	tStar
	tQuest
	tVar
)

type token struct {
	kind   tokKind
	lit    string // literal text (tLit)
	key    string // lower-cased context key (tVar)
	name   string // the key as written, for MissingContextKeys (tVar)
	def    string // default value (tVar)
	hasDef bool
}

// pattern is a compiled string pattern.
type pattern struct {
	toks []token
	// literal is set when the pattern is one literal token (or empty), so
	// matching is a string comparison.
	literal bool
	lit     string
	// star is set when the pattern is exactly "*".
	star bool
}

// compilePattern compiles s. With vars, ${...} is a policy variable; with
// glob, * and ? are wildcards (otherwise literal).
func compilePattern(s string, vars, glob bool, lower bool) pattern {
	if lower {
		s = strings.ToLower(s)
	}
	var toks []token
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, token{kind: tLit, lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if vars && c == '$' && i+1 < len(s) && s[i+1] == '{' {
			j := strings.IndexByte(s[i+2:], '}')
			if j >= 0 {
				inner := s[i+2 : i+2+j]
				switch inner {
				case "*", "?", "$":
					lit.WriteString(inner)
					i += 2 + j
					continue
				}
				if t, ok := parseVariable(inner); ok {
					flush()
					toks = append(toks, t)
					i += 2 + j
					continue
				}
			}
		}
		if glob && c == '*' {
			flush()
			if len(toks) == 0 || toks[len(toks)-1].kind != tStar {
				toks = append(toks, token{kind: tStar})
			}
			continue
		}
		if glob && c == '?' {
			flush()
			toks = append(toks, token{kind: tQuest})
			continue
		}
		lit.WriteByte(c)
	}
	flush()
	p := pattern{toks: toks}
	switch {
	case len(toks) == 0:
		p.literal = true
	case len(toks) == 1 && toks[0].kind == tLit:
		p.literal, p.lit = true, toks[0].lit
	case len(toks) == 1 && toks[0].kind == tStar:
		p.star = true
	}
	return p
}

// parseVariable parses the inside of ${...}: "key" or "key, 'default'".
func parseVariable(inner string) (token, bool) {
	key, def, hasDef := inner, "", false
	if c := strings.IndexByte(inner, ','); c >= 0 {
		key = inner[:c]
		d := strings.TrimSpace(inner[c+1:])
		if len(d) < 2 || d[0] != '\'' || d[len(d)-1] != '\'' {
			return token{}, false
		}
		def, hasDef = d[1:len(d)-1], true
	}
	key = strings.TrimSpace(key)
	if key == "" || strings.ContainsAny(key, " '${}") {
		return token{}, false
	}
	return token{kind: tVar, key: strings.ToLower(key), name: key, def: def, hasDef: hasDef}, true
}

// resolveVar returns the value of a variable token: the single value of its
// context key, else its default. A key with several values does not
// substitute (see docs/deviations.md).
func (e *evalState) resolveVar(t *token) (string, bool) {
	v, ok := e.lookup(t.key)
	if ok && v.len() == 1 {
		return v.at(0), true
	}
	if t.hasDef {
		return t.def, true
	}
	if !ok && e.detailed {
		// The simulator reports variables it could not resolve, as it
		// reports absent condition keys.
		e.noteMissing(t.name)
	}
	return "", false
}

// expand returns a pattern without wildcards (one of literal text and
// variables) with its variables substituted; false when one has no value.
func (p *pattern) expand(e *evalState) (string, bool) {
	var b strings.Builder
	for i := range p.toks {
		t := &p.toks[i]
		switch t.kind {
		case tLit:
			b.WriteString(t.lit)
		case tVar:
			v, ok := e.resolveVar(t)
			if !ok {
				return "", false
			}
			b.WriteString(v)
		default:
			return "", false
		}
	}
	return b.String(), true
}
