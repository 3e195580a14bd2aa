package s3select

import (
	"strconv"
	"strings"
)

// Expressions, from the loosest binding: OR, AND, NOT, the predicates
// (comparisons, IS, LIKE, BETWEEN, IN), ||, + -, * / %, unary -, and the
// primaries (literals, paths, calls, CAST, CASE, parentheses).

func (p *parser) expr() (expr, *Error) { return p.or() }

func (p *parser) or() (expr, *Error) {
	l, err := p.and()
	for err == nil && p.accept("OR") {
		var r expr
		if r, err = p.and(); err == nil {
			l = binaryExpr{op: "OR", l: l, r: r}
		}
	}
	return l, err
}

func (p *parser) and() (expr, *Error) {
	l, err := p.not()
	for err == nil && p.accept("AND") {
		var r expr
		if r, err = p.not(); err == nil {
			l = binaryExpr{op: "AND", l: l, r: r}
		}
	}
	return l, err
}

func (p *parser) not() (expr, *Error) {
	if p.accept("NOT") {
		x, err := p.not()
		return unaryExpr{op: "NOT", x: x}, err
	}
	return p.predicate()
}

var comparisons = map[string]string{"=": "=", "<>": "<>", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

func (p *parser) predicate() (expr, *Error) {
	l, err := p.concat()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind == tOp && comparisons[t.text] != "" {
		p.next()
		r, err := p.concat()
		return binaryExpr{op: comparisons[t.text], l: l, r: r}, err
	}
	if p.accept("IS") {
		not := p.accept("NOT")
		switch {
		case p.accept("NULL"):
			return isTest{x: l, kind: Null, not: not}, nil
		case p.accept("MISSING"):
			return isTest{x: l, kind: Missing, not: not}, nil
		}
		return nil, p.unexpected()
	}
	not := p.accept("NOT")
	switch {
	case p.accept("LIKE"):
		return p.like(l, not)
	case p.accept("BETWEEN"):
		lo, err := p.concat()
		if err != nil {
			return nil, err
		}
		if !p.accept("AND") {
			return nil, fail("ParseExpectedKeyword")
		}
		hi, err := p.concat()
		return betweenExpr{x: l, lo: lo, hi: hi, not: not}, err
	case p.accept("IN"):
		list, err := p.parenList()
		return inExpr{x: l, list: list, not: not}, err
	case not:
		return nil, p.unexpected()
	}
	return l, nil
}

func (p *parser) like(x expr, not bool) (expr, *Error) {
	pat, err := p.concat()
	if err != nil {
		return nil, err
	}
	e := likeExpr{x: x, pat: pat, not: not}
	if p.accept("ESCAPE") {
		if e.esc, err = p.concat(); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// parenList reads ( expr, ... ).
func (p *parser) parenList() ([]expr, *Error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	var list []expr
	for {
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		list = append(list, x)
		if !p.accept(",") {
			break
		}
	}
	if !p.accept(")") {
		return nil, fail("ParseExpectedRightParenBuiltinFunctionCall")
	}
	return list, nil
}

// concat is the level of ||, which AWS's operator list does not have:
// refused rather than guessed.
func (p *parser) concat() (expr, *Error) {
	x, err := p.additive()
	if err == nil && p.is("||") {
		return nil, fail("ParseUnknownOperator")
	}
	return x, err
}

func (p *parser) additive() (expr, *Error) {
	return p.binaryLevel([]string{"+", "-"}, p.multiplicative)
}

func (p *parser) multiplicative() (expr, *Error) {
	return p.binaryLevel([]string{"*", "/", "%"}, p.unary)
}

// binaryLevel reads a left-associative chain of the operators ops over
// operands read by next.
func (p *parser) binaryLevel(ops []string, next func() (expr, *Error)) (expr, *Error) {
	l, err := next()
	for err == nil {
		op := ""
		for _, o := range ops {
			if p.is(o) {
				op = o
			}
		}
		if op == "" {
			break
		}
		p.next()
		var r expr
		if r, err = next(); err == nil {
			l = binaryExpr{op: op, l: l, r: r}
		}
	}
	return l, err
}

func (p *parser) unary() (expr, *Error) {
	switch {
	case p.accept("-"):
		x, err := p.unary()
		if lit, ok := x.(litExpr); ok && lit.v.numeric() {
			return litExpr{v: negate(lit.v)}, err
		}
		return unaryExpr{op: "-", x: x}, err
	case p.accept("+"):
		return p.unary()
	}
	return p.primary()
}

func negate(v Value) Value {
	if v.K == Int {
		return intV(-v.I)
	}
	return floatV(-v.F)
}

func (p *parser) primary() (expr, *Error) {
	t := p.peek()
	switch t.kind {
	case tString:
		p.next()
		return litExpr{v: strV(t.text)}, nil
	case tNumber:
		p.next()
		return numberLiteral(t.text)
	case tIon:
		p.next()
		st, _ := parseStamp(t.text) // the lexer checked it
		return litExpr{v: stampV(st)}, nil
	case tIdent:
		p.next()
		if p.is("(") && !t.quoted {
			return p.call(strings.ToUpper(t.text))
		}
		if t.reserved {
			return nil, fail("ParseUnExpectedKeyword") // a reserved word unquoted
		}
		steps, err := p.pathSteps(false)
		if err != nil {
			return nil, err
		}
		return pathExpr{steps: append([]pathStep{{kind: stepName, name: t.text, quoted: t.quoted}}, steps...)}, nil
	case tOp:
		if p.accept("(") {
			x, err := p.expr()
			if err != nil {
				return nil, err
			}
			return x, p.expect(")")
		}
		if t.text == "*" {
			return nil, fail("ParseUnsupportedCallWithStar")
		}
	case tKeyword:
		return p.keywordPrimary(t)
	case tEOF:
		return nil, fail("ParseExpectedExpression")
	}
	return nil, p.unexpected()
}

func (p *parser) keywordPrimary(t token) (expr, *Error) {
	p.next()
	switch t.text {
	case "NULL":
		return litExpr{v: nullV}, nil
	case "MISSING":
		return litExpr{v: missingV}, nil
	case "TRUE", "FALSE":
		return litExpr{v: boolV(t.text == "TRUE")}, nil
	case "CAST":
		return p.cast()
	case "CASE":
		return p.caseExpr()
	}
	p.pos--
	return nil, p.unexpected()
}

func numberLiteral(s string) (expr, *Error) {
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return litExpr{v: intV(i)}, nil
		}
		return nil, fail("IntegerOverflow")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fail("LexerInvalidLiteral")
	}
	return litExpr{v: floatV(f)}, nil
}

// castTypes are the CAST target types this package converts to.
var castTypes = map[string]Kind{
	"INT": Int, "INTEGER": Int, "FLOAT": Float, "DECIMAL": Float, "NUMERIC": Float,
	"STRING": String, "VARCHAR": String, "CHAR": String, "BOOL": Bool, "BOOLEAN": Bool,
	"TIMESTAMP": Timestamp,
}

func (p *parser) cast() (expr, *Error) {
	if !p.accept("(") {
		return nil, fail("ParseExpectedLeftParenAfterCast")
	}
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	if !p.accept("AS") {
		return nil, fail("ParseCastArity")
	}
	t := p.next()
	k, ok := castTypes[strings.ToUpper(t.text)]
	switch {
	case t.kind != tIdent && t.kind != tKeyword:
		return nil, fail("ParseExpectedTypeName")
	case !ok:
		return nil, fail("InvalidDataType")
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	return castExpr{x: x, typ: k}, nil
}

func (p *parser) caseExpr() (expr, *Error) {
	var e caseExpr
	var err *Error
	if p.is("END") {
		return nil, fail("ParseUnsupportedCase")
	}
	if !p.is("WHEN") {
		if e.subject, err = p.expr(); err != nil {
			return nil, err
		}
	}
	for p.accept("WHEN") {
		var w caseWhen
		if w.cond, err = p.expr(); err != nil {
			return nil, err
		}
		if !p.accept("THEN") {
			return nil, fail("ParseExpectedKeyword")
		}
		if w.then, err = p.expr(); err != nil {
			return nil, err
		}
		e.whens = append(e.whens, w)
	}
	if len(e.whens) == 0 {
		return nil, fail("ParseUnsupportedCase")
	}
	if p.accept("ELSE") {
		if e.els, err = p.expr(); err != nil {
			return nil, err
		}
	}
	if !p.accept("END") {
		return nil, fail("ParseExpectedKeyword")
	}
	return e, nil
}
