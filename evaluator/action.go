package evaluator

import (
	"strings"
	"unicode/utf8"
)

// match reports whether s matches p. Wildcards: * matches any run of
// characters (including none), ? exactly one character. With fold, ASCII
// letters compare case-insensitively (the pattern is already lower case
// when fold is used for actions). Variables resolve through e; a variable
// that cannot be resolved makes the pattern match nothing.
func (p *pattern) match(s string, fold bool, e *evalState) bool {
	if p.star {
		return true
	}
	if p.literal {
		if fold {
			return equalFoldASCII(s, p.lit)
		}
		return s == p.lit
	}
	toks := p.toks
	ti, si := 0, 0
	starTi, starSi := -1, 0
	for {
		if ti < len(toks) {
			t := &toks[ti]
			switch t.kind {
			case tStar:
				starTi, starSi = ti, si
				ti++
				continue
			case tQuest:
				if si < len(s) {
					_, sz := utf8.DecodeRuneInString(s[si:])
					si += sz
					ti++
					continue
				}
			default:
				lit := t.lit
				if t.kind == tVar {
					v, ok := e.resolveVar(t)
					if !ok {
						return false
					}
					lit = v
				}
				if hasPrefixFold(s[si:], lit, fold) {
					si += len(lit)
					ti++
					continue
				}
			}
		} else if si == len(s) {
			return true
		}
		if starTi < 0 || starSi >= len(s) {
			return false
		}
		_, sz := utf8.DecodeRuneInString(s[starSi:])
		starSi += sz
		si = starSi
		ti = starTi + 1
	}
}

func hasPrefixFold(s, prefix string, fold bool) bool {
	if len(s) < len(prefix) {
		return false
	}
	if !fold {
		return s[:len(prefix)] == prefix
	}
	return equalFoldASCII(s[:len(prefix)], prefix)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

// MatchWildcard reports whether value matches pattern, where * matches any
// sequence of characters and ? any single character, case-sensitively. It is
// the matcher behind StringLike; exported for tests and other packages.
func MatchWildcard(pattern, value string) bool {
	p := compilePattern(pattern, false, true, false)
	return p.match(value, false, nil)
}

// MatchAction reports whether action ("s3:GetObject") matches an Action
// element pattern ("s3:Get*"), case-insensitively.
func MatchAction(pattern, action string) bool {
	p := compilePattern(pattern, false, true, true)
	return p.match(action, true, nil)
}

// serviceHash is FNV-1a over the lower-cased service prefix of an action
// (the text before the first ':'); never 0.
func serviceHash(action string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(action) && action[i] != ':'; i++ {
		h ^= uint64(lowerASCII(action[i]))
		h *= 1099511628211
	}
	if h == 0 {
		h = 1
	}
	return h
}

// patternServiceHash is serviceHash for an Action pattern whose service
// prefix is literal, else 0 (no pre-filter possible).
func patternServiceHash(pat string) uint64 {
	for i := 0; i < len(pat) && pat[i] != ':'; i++ {
		if pat[i] == '*' || pat[i] == '?' {
			return 0
		}
	}
	if strings.IndexByte(pat, ':') < 0 {
		return 0
	}
	return serviceHash(pat)
}
