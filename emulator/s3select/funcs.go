package s3select

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The scalar functions, LIKE and CAST.

func evalCall(x callExpr, e *env) (Value, *Error) {
	args := make([]Value, len(x.args))
	for i, a := range x.args {
		v, err := eval(a, e)
		if err != nil {
			return v, err
		}
		args[i] = v
	}
	switch x.name {
	case "COALESCE":
		for _, a := range args {
			if !a.absent() {
				return a, nil
			}
		}
		return nullV, nil
	case "NULLIF":
		if args[0].absent() || (!args[1].absent() && equal(args[0], args[1])) {
			return nullV, nil
		}
		return args[0], nil
	}
	if dateFuncs[x.name] {
		return evalDate(x.name, args)
	}
	if args[0].absent() {
		return nullV, nil
	}
	if args[0].K != String {
		return missingV, fail("IncorrectSqlFunctionArgumentType")
	}
	s := args[0].S
	switch x.name {
	case "LOWER":
		return strV(strings.ToLower(s)), nil
	case "UPPER":
		return strV(strings.ToUpper(s)), nil
	case "CHAR_LENGTH", "CHARACTER_LENGTH":
		return intV(int64(utf8.RuneCountInString(s))), nil
	case "SUBSTRING":
		return substring(s, args[1:])
	}
	return missingV, fail("UnsupportedFunction")
}

// substring is SUBSTRING: length characters from start, counted from 1;
// a start below 1 is 1 (SQL reference, "String functions").
func substring(s string, args []Value) (Value, *Error) {
	for _, a := range args {
		if a.absent() {
			return nullV, nil
		}
		if a.K != Int {
			return missingV, fail("IncorrectSqlFunctionArgumentType")
		}
	}
	r := []rune(s)
	start := max(args[0].I, 1)
	end := int64(len(r)) + 1
	if len(args) == 2 {
		if args[1].I < 0 {
			return missingV, fail("IllegalSqlFunctionArgument")
		}
		if start <= math.MaxInt64-args[1].I {
			end = min(end, start+args[1].I)
		}
	}
	if start >= end {
		return strV(""), nil
	}
	return strV(string(r[start-1 : end-1])), nil
}

func evalTrim(x trimExpr, e *env) (Value, *Error) {
	v, err := eval(x.x, e)
	if err != nil || v.absent() {
		return nullV, err
	}
	chars := " "
	if x.chars != nil {
		c, err := eval(x.chars, e)
		if err != nil || c.absent() {
			return nullV, err
		}
		if c.K != String {
			return missingV, fail("IncorrectSqlFunctionArgumentType")
		}
		chars = c.S
	}
	if v.K != String {
		return missingV, fail("IncorrectSqlFunctionArgumentType")
	}
	s := v.S
	if x.where != "TRAILING" {
		s = strings.TrimLeft(s, chars)
	}
	if x.where != "LEADING" {
		s = strings.TrimRight(s, chars)
	}
	return strV(s), nil
}

func evalLike(x likeExpr, e *env) (Value, *Error) {
	v, err := eval(x.x, e)
	if err != nil {
		return v, err
	}
	pat, err := eval(x.pat, e)
	if err != nil {
		return pat, err
	}
	esc := Value{K: String}
	if x.esc != nil {
		if esc, err = eval(x.esc, e); err != nil {
			return esc, err
		}
	}
	if v.absent() || pat.absent() || esc.absent() {
		return nullV, nil
	}
	if v.K != String || pat.K != String || esc.K != String || utf8.RuneCountInString(esc.S) > 1 {
		return missingV, fail("LikeInvalidInputs")
	}
	var escape rune = -1
	if esc.S != "" {
		escape, _ = utf8.DecodeRuneInString(esc.S)
	}
	p, ok := compileLike([]rune(pat.S), escape)
	if !ok {
		return missingV, fail("EvaluatorLikePatternInvalidEscapeSequence")
	}
	return boolV(likeMatch(p, []rune(v.S)) != x.not), nil
}

// likeItem is one element of a LIKE pattern: a literal rune, any one
// rune (_) or any run of runes (%).
type likeItem struct {
	r        rune
	one, any bool
}

func compileLike(pat []rune, escape rune) ([]likeItem, bool) {
	var out []likeItem
	for i := 0; i < len(pat); i++ {
		switch c := pat[i]; {
		case c == escape:
			if i+1 >= len(pat) || (pat[i+1] != '%' && pat[i+1] != '_' && pat[i+1] != escape) {
				return nil, false
			}
			i++
			out = append(out, likeItem{r: pat[i]})
		case c == '%':
			out = append(out, likeItem{any: true})
		case c == '_':
			out = append(out, likeItem{one: true})
		default:
			out = append(out, likeItem{r: c})
		}
	}
	return out, true
}

// likeMatch matches s against p, backtracking over the last % only.
func likeMatch(p []likeItem, s []rune) bool {
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && !p[pi].any && (p[pi].one || p[pi].r == s[si]):
			pi++
			si++
		case pi < len(p) && p[pi].any:
			star, mark = pi, si
			pi++
		case star >= 0:
			mark++
			pi, si = star+1, mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi].any {
		pi++
	}
	return pi == len(p)
}

// cast converts v to type k, or answers CastFailed. NULL and MISSING stay
// as they are.
func cast(v Value, k Kind) (Value, *Error) {
	if v.absent() || v.K == k {
		return v, nil
	}
	switch k {
	case Int:
		return castInt(v)
	case Float:
		switch v.K {
		case Int:
			return floatV(float64(v.I)), nil
		case String:
			if f, err := strconv.ParseFloat(strings.TrimSpace(v.S), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
				return floatV(f), nil
			}
		}
	case String:
		if v.K == Int || v.K == Float || v.K == Bool || v.K == Timestamp {
			return strV(v.text()), nil
		}
	case Timestamp:
		return castTimestamp(v)
	case Bool:
		switch v.K {
		case String:
			if b, ok := map[string]bool{"true": true, "false": false}[strings.ToLower(strings.TrimSpace(v.S))]; ok {
				return boolV(b), nil
			}
		case Int:
			return boolV(v.I != 0), nil
		case Float:
			return boolV(v.F != 0), nil
		}
	}
	return missingV, fail("CastFailed")
}

func castInt(v Value) (Value, *Error) {
	switch v.K {
	case Float:
		if t := math.Trunc(v.F); t >= math.MinInt64 && t < math.MaxInt64 {
			return intV(int64(t)), nil
		}
		return missingV, fail("IntegerOverflow")
	case Bool:
		if v.B {
			return intV(1), nil
		}
		return intV(0), nil
	case String:
		s := strings.TrimSpace(v.S)
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return intV(i), nil
		} else if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return missingV, fail("IntegerOverflow")
		}
	}
	return missingV, fail("CastFailed")
}
