package s3select

import (
	"math"
	"strings"
)

// env is what an expression is evaluated against: one row of the FROM
// clause, or, for an aggregate query's SELECT list, the aggregates.
type env struct {
	row      Value
	alias    string // the FROM alias, upper-cased
	implicit bool   // the alias was not written
	aggs     []Value
}

// eval evaluates x. Operands of the wrong type are InvalidDataType
// (fakeaws converts no type implicitly: AWS's SQL reference asks for CAST).
func eval(x expr, e *env) (Value, *Error) {
	switch x := x.(type) {
	case litExpr:
		return x.v, nil
	case pathExpr:
		return e.resolve(x.steps)
	case unaryExpr:
		return evalUnary(x, e)
	case binaryExpr:
		return evalBinary(x, e)
	case likeExpr:
		return evalLike(x, e)
	case betweenExpr:
		return evalBetween(x, e)
	case inExpr:
		return evalIn(x, e)
	case isTest:
		v, err := eval(x.x, e)
		if err != nil {
			return v, err
		}
		is := v.K == Missing || (x.kind == Null && v.K == Null)
		return boolV(is != x.not), nil
	case callExpr:
		return evalCall(x, e)
	case castExpr:
		v, err := eval(x.x, e)
		if err != nil {
			return v, err
		}
		return cast(v, x.typ)
	case trimExpr:
		return evalTrim(x, e)
	case caseExpr:
		return evalCase(x, e)
	case *aggExpr:
		if e.aggs == nil {
			return missingV, fail("UnsupportedSqlOperation")
		}
		return e.aggs[x.slot], nil
	}
	return missingV, fail("UnsupportedSqlStructure")
}

// resolve follows a path: from the FROM alias (written or implicit) or
// from a field of the row.
func (e *env) resolve(steps []pathStep) (Value, *Error) {
	first := steps[0]
	v := e.row
	rest := steps[1:]
	if first.quoted || !strings.EqualFold(first.name, e.alias) || (e.implicit && e.row.Positional && first.name == "_1") {
		rest = steps
	}
	for _, s := range rest {
		var err *Error
		switch s.kind {
		case stepName:
			v, err = v.member(s.name, s.quoted)
		case stepIndex:
			v = v.index(s.index)
		default:
			return missingV, fail("ParseInvalidPathComponent")
		}
		if err != nil {
			return missingV, err
		}
	}
	return v, nil
}

// truth reads a condition: true, false or unknown (NULL, MISSING).
func truth(v Value) (t, known bool, err *Error) {
	switch v.K {
	case Bool:
		return v.B, true, nil
	case Null, Missing:
		return false, false, nil
	}
	return false, false, fail("InvalidDataType")
}

func evalUnary(x unaryExpr, e *env) (Value, *Error) {
	v, err := eval(x.x, e)
	if err != nil || v.absent() {
		return v, err
	}
	if x.op == "NOT" {
		t, _, err := truth(v)
		return boolV(!t), err
	}
	switch v.K {
	case Int:
		if v.I == math.MinInt64 {
			return missingV, fail("IntegerOverflow")
		}
		return intV(-v.I), nil
	case Float:
		return floatV(-v.F), nil
	}
	return missingV, fail("InvalidDataType")
}

func evalBinary(x binaryExpr, e *env) (Value, *Error) {
	l, err := eval(x.l, e)
	if err != nil {
		return l, err
	}
	if x.op == "AND" || x.op == "OR" {
		return evalLogic(x, l, e)
	}
	r, err := eval(x.r, e)
	if err != nil {
		return r, err
	}
	switch x.op {
	case "=", "<>", "<", "<=", ">", ">=":
		return compareOp(x.op, l, r)
	}
	return arith(x.op, l, r)
}

// evalLogic is AND and OR in three-valued logic.
func evalLogic(x binaryExpr, l Value, e *env) (Value, *Error) {
	lt, lk, err := truth(l)
	if err != nil {
		return missingV, err
	}
	and := x.op == "AND"
	if lk && lt != and { // false AND _, true OR _
		return boolV(lt), nil
	}
	r, err := eval(x.r, e)
	if err != nil {
		return r, err
	}
	rt, rk, err := truth(r)
	if err != nil {
		return missingV, err
	}
	switch {
	case rk && rt != and:
		return boolV(rt), nil
	case lk && rk:
		return boolV(and), nil
	}
	return nullV, nil
}

// compareOp compares l and r; NULL or MISSING gives NULL. Values of
// different types are unequal (NULLIF(1, '1') is 1, NULLIF(1.0, 1) NULL:
// SQL reference, "Conditional functions"); only numbers with numbers,
// strings with strings and booleans with booleans are ordered.
func compareOp(op string, l, r Value) (Value, *Error) {
	if l.absent() || r.absent() {
		return nullV, nil
	}
	switch op {
	case "=":
		return boolV(equal(l, r)), nil
	case "<>":
		return boolV(!equal(l, r)), nil
	}
	c, err := compare(l, r)
	if err != nil {
		return missingV, err
	}
	switch op {
	case "<":
		return boolV(c < 0), nil
	case "<=":
		return boolV(c <= 0), nil
	case ">":
		return boolV(c > 0), nil
	}
	return boolV(c >= 0), nil
}

// equal compares two present values: numbers by value, lists element by
// element, objects member by member; different types are unequal.
func equal(l, r Value) bool {
	switch {
	case l.numeric() && r.numeric():
		if l.K == Int && r.K == Int {
			return l.I == r.I
		}
		return l.float() == r.float()
	case l.K != r.K:
		return false
	case l.K == String:
		return l.S == r.S
	case l.K == Bool:
		return l.B == r.B
	case l.K == Timestamp:
		return l.T.t.Equal(r.T.t)
	case l.K == List:
		if len(l.L) != len(r.L) {
			return false
		}
		for i := range l.L {
			if !equal(l.L[i], r.L[i]) {
				return false
			}
		}
		return true
	case l.K == Struct:
		return equalFields(l.Fields, r.Fields)
	}
	return l.K == r.K // NULL, MISSING
}

func equalFields(a, b []Field) bool {
	if len(a) != len(b) {
		return false
	}
	for _, f := range a {
		found := false
		for _, g := range b {
			if g.Name == f.Name {
				found = equal(f.V, g.V)
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// compare orders two values of one type (numbers of either kind;
// timestamps by the instant, whatever their precision and offset).
func compare(l, r Value) (int, *Error) {
	switch {
	case l.K == Int && r.K == Int:
		return cmp3(l.I < r.I, l.I > r.I), nil
	case l.numeric() && r.numeric():
		return cmp3(l.float() < r.float(), l.float() > r.float()), nil
	case l.K == String && r.K == String:
		return strings.Compare(l.S, r.S), nil
	case l.K == Bool && r.K == Bool:
		return cmp3(!l.B && r.B, l.B && !r.B), nil
	case l.K == Timestamp && r.K == Timestamp:
		return l.T.t.Compare(r.T.t), nil
	}
	return 0, fail("InvalidDataType")
}

func cmp3(less, more bool) int {
	switch {
	case less:
		return -1
	case more:
		return 1
	}
	return 0
}

func arith(op string, l, r Value) (Value, *Error) {
	if l.absent() || r.absent() {
		return nullV, nil
	}
	if !l.numeric() || !r.numeric() {
		return missingV, fail("InvalidDataType")
	}
	if l.K == Int && r.K == Int {
		return intArith(op, l.I, r.I)
	}
	a, b := l.float(), r.float()
	switch op {
	case "+":
		return floatV(a + b), nil
	case "-":
		return floatV(a - b), nil
	case "*":
		return floatV(a * b), nil
	}
	if b == 0 {
		return missingV, fail("ExternalEvalException") // division by zero
	}
	if op == "/" {
		return floatV(a / b), nil
	}
	return floatV(math.Mod(a, b)), nil
}

func intArith(op string, a, b int64) (Value, *Error) {
	var r int64
	switch op {
	case "+":
		r = a + b
		if (r > a) != (b > 0) {
			return missingV, fail("IntegerOverflow")
		}
	case "-":
		r = a - b
		if (r < a) != (b > 0) {
			return missingV, fail("IntegerOverflow")
		}
	case "*":
		r = a * b
		if a != 0 && (r/a != b || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64)) {
			return missingV, fail("IntegerOverflow")
		}
	default:
		if b == 0 {
			return missingV, fail("ExternalEvalException") // division by zero
		}
		if a == math.MinInt64 && b == -1 {
			return missingV, fail("IntegerOverflow")
		}
		if op == "/" {
			r = a / b
		} else {
			r = a % b
		}
	}
	return intV(r), nil
}

func evalBetween(x betweenExpr, e *env) (Value, *Error) {
	v, err := eval(x.x, e)
	if err != nil {
		return v, err
	}
	lo, err := eval(x.lo, e)
	if err != nil {
		return lo, err
	}
	hi, err := eval(x.hi, e)
	if err != nil {
		return hi, err
	}
	ge, err := compareOp(">=", v, lo)
	if err != nil {
		return ge, err
	}
	le, err := compareOp("<=", v, hi)
	if err != nil {
		return le, err
	}
	in, err := evalLogic(binaryExpr{op: "AND", r: litExpr{v: le}}, ge, e)
	if err != nil || in.K != Bool || !x.not {
		return in, err
	}
	return boolV(!in.B), nil
}

func evalIn(x inExpr, e *env) (Value, *Error) {
	v, err := eval(x.x, e)
	if err != nil {
		return v, err
	}
	unknown := v.absent()
	for _, le := range x.list {
		c, err := eval(le, e)
		if err != nil {
			return c, err
		}
		eq, err := compareOp("=", v, c)
		if err != nil {
			return eq, err
		}
		if eq.K == Bool && eq.B {
			return boolV(!x.not), nil
		}
		unknown = unknown || eq.K != Bool
	}
	if unknown {
		return nullV, nil
	}
	return boolV(x.not), nil
}

func evalCase(x caseExpr, e *env) (Value, *Error) {
	var subject Value
	if x.subject != nil {
		var err *Error
		if subject, err = eval(x.subject, e); err != nil {
			return subject, err
		}
	}
	for _, w := range x.whens {
		c, err := eval(w.cond, e)
		if err != nil {
			return c, err
		}
		if x.subject != nil {
			if c, err = compareOp("=", subject, c); err != nil {
				return c, err
			}
		}
		if c.K == Bool && c.B {
			return eval(w.then, e)
		}
	}
	if x.els == nil {
		return nullV, nil
	}
	return eval(x.els, e)
}
