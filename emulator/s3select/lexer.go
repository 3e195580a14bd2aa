package s3select

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a lexical token of the SQL expression.
type tokKind uint8

const (
	tEOF     tokKind = iota
	tIdent           // a name, unquoted or "quoted"
	tKeyword         // a reserved word, upper-cased in text
	tString          // a 'string' literal
	tNumber          // an integer or decimal literal
	tOp              // an operator or punctuation: = <> ( , . [ * ...
)

type token struct {
	kind   tokKind
	text   string
	quoted bool // a "quoted" identifier
}

// keywords are the reserved words the parser knows; any other word is an
// identifier.
var keywords = map[string]bool{
	"SELECT": true, "FROM": true, "WHERE": true, "LIMIT": true, "AS": true,
	"AND": true, "OR": true, "NOT": true, "LIKE": true, "ESCAPE": true,
	"IN": true, "BETWEEN": true, "IS": true, "NULL": true, "MISSING": true,
	"TRUE": true, "FALSE": true, "CAST": true, "CASE": true, "WHEN": true,
	"THEN": true, "ELSE": true, "END": true, "GROUP": true, "ORDER": true,
	"BY": true, "JOIN": true, "HAVING": true, "DISTINCT": true, "UNION": true,
	"FOR": true, "LEADING": true, "TRAILING": true, "BOTH": true,
}

// lex splits the expression into tokens, or answers LexerInvalidChar or
// LexerInvalidLiteral.
func lex(src string) ([]token, *Error) {
	var out []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '\'':
			s, n, ok := quotedText(src[i:], '\'')
			if !ok {
				return nil, fail("LexerInvalidLiteral")
			}
			out = append(out, token{kind: tString, text: s})
			i += n
		case c == '"':
			s, n, ok := quotedText(src[i:], '"')
			if !ok || s == "" {
				return nil, fail("LexerInvalidLiteral")
			}
			out = append(out, token{kind: tIdent, text: s, quoted: true})
			i += n
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			n := numberLen(src[i:])
			out = append(out, token{kind: tNumber, text: src[i : i+n]})
			i += n
		case isIdentStart(src[i:]):
			n := identLen(src[i:])
			w := src[i : i+n]
			if up := strings.ToUpper(w); keywords[up] {
				out = append(out, token{kind: tKeyword, text: up})
			} else {
				out = append(out, token{kind: tIdent, text: w})
			}
			i += n
		default:
			op := operator(src[i:])
			if op == "" {
				return nil, fail("LexerInvalidChar")
			}
			out = append(out, token{kind: tOp, text: op})
			i += len(op)
		}
	}
	return append(out, token{kind: tEOF}), nil
}

// quotedText reads a literal opened by q, where a doubled q is one q.
func quotedText(s string, q byte) (string, int, bool) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != q {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == q {
			b.WriteByte(q)
			i++
			continue
		}
		return b.String(), i + 1, true
	}
	return "", 0, false
}

func numberLen(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	return i
}

func isIdentStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || unicode.IsLetter(r)
}

func identLen(s string) int {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != '_' && r != '$' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += n
	}
	return i
}

// operators, longest first.
var operators = []string{"<>", "!=", "<=", ">=", "||", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", ",", ".", "[", "]"}

func operator(s string) string {
	for _, op := range operators {
		if strings.HasPrefix(s, op) {
			return op
		}
	}
	return ""
}
