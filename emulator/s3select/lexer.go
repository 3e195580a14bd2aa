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
	tIon             // a `backquoted` Ion literal: a timestamp
)

type token struct {
	kind     tokKind
	text     string
	quoted   bool // a "quoted" identifier
	reserved bool // an unquoted name on AWS's reserved keyword list
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

// reserved is AWS's list of reserved keywords (SQL reference, "Reserved
// keywords"): a column or attribute of one of these names must be
// written in double quotes; unquoted, it is a parse error (a function
// name may still be called).
var reserved = map[string]bool{
	"absolute": true, "action": true, "add": true, "all": true, "allocate": true, "alter": true,
	"and": true, "any": true, "are": true, "as": true, "asc": true, "assertion": true, "at": true,
	"authorization": true, "avg": true, "bag": true, "begin": true, "between": true, "bit": true,
	"bit_length": true, "blob": true, "bool": true, "boolean": true, "both": true, "by": true,
	"cascade": true, "cascaded": true, "case": true, "cast": true, "catalog": true, "char": true,
	"char_length": true, "character": true, "character_length": true, "check": true, "clob": true,
	"close": true, "coalesce": true, "collate": true, "collation": true, "column": true,
	"commit": true, "connect": true, "connection": true, "constraint": true, "constraints": true,
	"continue": true, "convert": true, "corresponding": true, "count": true, "create": true,
	"cross": true, "current": true, "current_date": true, "current_time": true,
	"current_timestamp": true, "current_user": true, "cursor": true, "date": true, "day": true,
	"deallocate": true, "dec": true, "decimal": true, "declare": true, "default": true,
	"deferrable": true, "deferred": true, "delete": true, "desc": true, "describe": true,
	"descriptor": true, "diagnostics": true, "disconnect": true, "distinct": true, "domain": true,
	"double": true, "drop": true, "else": true, "end": true, "end-exec": true, "escape": true,
	"except": true, "exception": true, "exec": true, "execute": true, "exists": true,
	"external": true, "extract": true, "false": true, "fetch": true, "first": true, "float": true,
	"for": true, "foreign": true, "found": true, "from": true, "full": true, "get": true,
	"global": true, "go": true, "goto": true, "grant": true, "group": true, "having": true,
	"hour": true, "identity": true, "immediate": true, "in": true, "indicator": true,
	"initially": true, "inner": true, "input": true, "insensitive": true, "insert": true, "int": true,
	"integer": true, "intersect": true, "interval": true, "into": true, "is": true, "isolation": true,
	"join": true, "key": true, "language": true, "last": true, "leading": true, "left": true,
	"level": true, "like": true, "limit": true, "list": true, "local": true, "lower": true,
	"match": true, "max": true, "min": true, "minute": true, "missing": true, "module": true,
	"month": true, "names": true, "national": true, "natural": true, "nchar": true, "next": true,
	"no": true, "not": true, "null": true, "nullif": true, "numeric": true, "octet_length": true,
	"of": true, "on": true, "only": true, "open": true, "option": true, "or": true, "order": true,
	"outer": true, "output": true, "overlaps": true, "pad": true, "partial": true, "pivot": true,
	"position": true, "precision": true, "prepare": true, "preserve": true, "primary": true,
	"prior": true, "privileges": true, "procedure": true, "public": true, "read": true, "real": true,
	"references": true, "relative": true, "restrict": true, "revoke": true, "right": true,
	"rollback": true, "rows": true, "schema": true, "scroll": true, "second": true, "section": true,
	"select": true, "session": true, "session_user": true, "set": true, "sexp": true, "size": true,
	"smallint": true, "some": true, "space": true, "sql": true, "sqlcode": true, "sqlerror": true,
	"sqlstate": true, "string": true, "struct": true, "substring": true, "sum": true, "symbol": true,
	"system_user": true, "table": true, "temporary": true, "then": true, "time": true,
	"timestamp": true, "timezone_hour": true, "timezone_minute": true, "to": true, "trailing": true,
	"transaction": true, "translate": true, "translation": true, "trim": true, "true": true,
	"tuple": true, "union": true, "unique": true, "unknown": true, "unpivot": true, "update": true,
	"upper": true, "usage": true, "user": true, "using": true, "value": true, "values": true,
	"varchar": true, "varying": true, "view": true, "when": true, "whenever": true, "where": true,
	"with": true, "work": true, "write": true, "year": true, "zone": true,
}

// lex splits the expression into tokens, or answers LexerInvalidChar,
// LexerInvalidLiteral or, for a backquoted Ion literal that is not a
// timestamp (the only Ion literals served), LexerInvalidIONLiteral.
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
		case c == '`':
			end := strings.IndexByte(src[i+1:], '`')
			if end < 0 {
				return nil, fail("LexerInvalidIONLiteral")
			}
			text := strings.TrimSpace(src[i+1 : i+1+end])
			if _, ok := parseStamp(text); !ok {
				return nil, fail("LexerInvalidIONLiteral")
			}
			out = append(out, token{kind: tIon, text: text})
			i += end + 2
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
				out = append(out, token{kind: tIdent, text: w, reserved: reserved[strings.ToLower(w)]})
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
