package s3select

import "strings"

// Function calls: the aggregates, TRIM and SUBSTRING with their keyword
// forms, the date functions with a date part, and the scalar functions of
// funcs.go and datefuncs.go.

var aggregates = map[string]bool{"COUNT": true, "SUM": true, "AVG": true, "MIN": true, "MAX": true}

// arities are the scalar functions with their least and most arguments
// (-1: any number).
var arities = map[string][2]int{
	"LOWER": {1, 1}, "UPPER": {1, 1}, "CHAR_LENGTH": {1, 1}, "CHARACTER_LENGTH": {1, 1},
	"COALESCE": {1, -1}, "NULLIF": {2, 2}, "SUBSTRING": {2, 3}, "TRIM": {1, 1},
	"DATE_ADD": {3, 3}, "DATE_DIFF": {3, 3}, "EXTRACT": {2, 2},
	"TO_STRING": {2, 2}, "TO_TIMESTAMP": {1, 1}, "UTCNOW": {0, 0},
}

// dateFuncs are the date functions of datefuncs.go but UTCNOW, which is
// read as a literal: the time of the request.
var dateFuncs = map[string]bool{"DATE_ADD": true, "DATE_DIFF": true, "EXTRACT": true, "TO_STRING": true, "TO_TIMESTAMP": true}

// call reads the arguments of function name, its "(" next.
func (p *parser) call(name string) (expr, *Error) {
	if aggregates[name] {
		return p.aggregate(name)
	}
	if _, ok := arities[name]; !ok {
		return nil, fail("UnsupportedFunction")
	}
	p.next() // (
	switch name {
	case "TRIM":
		return p.trim()
	case "SUBSTRING":
		return p.substring()
	case "DATE_ADD", "DATE_DIFF", "EXTRACT":
		return p.datePartCall(name)
	}
	var args []expr
	if !p.is(")") {
		for {
			if p.is("*") {
				return nil, fail("ParseUnsupportedCallWithStar")
			}
			x, err := p.expr()
			if err != nil {
				return nil, err
			}
			args = append(args, x)
			if !p.accept(",") {
				break
			}
		}
	}
	if !p.accept(")") {
		return nil, fail("ParseExpectedRightParenBuiltinFunctionCall")
	}
	x, err := checkArity(name, args)
	if err == nil && name == "UTCNOW" {
		return litExpr{v: stampV(utcNow(p.now))}, nil
	}
	return x, err
}

// datePartCall reads DATE_ADD(part, quantity, timestamp),
// DATE_DIFF(part, timestamp1, timestamp2) or EXTRACT(part FROM timestamp)
// after the "(": the part is a word of the reference's list
// (ParseExpectedDatePart), passed on as a string.
func (p *parser) datePartCall(name string) (expr, *Error) {
	t := p.next()
	part := strings.ToUpper(t.text)
	_, ok := dateParts[part]
	if name == "EXTRACT" && (part == "TIMEZONE_HOUR" || part == "TIMEZONE_MINUTE") {
		ok = true
	}
	if t.kind != tIdent || t.quoted || !ok {
		return nil, fail("ParseExpectedDatePart")
	}
	args := []expr{litExpr{v: strV(part)}}
	for range arities[name][0] - 1 {
		switch {
		case name == "EXTRACT":
			if !p.accept("FROM") {
				return nil, fail("ParseExpectedKeyword")
			}
		case p.is(")"):
			return nil, fail("EvaluatorInvalidArguments")
		case !p.accept(","):
			return nil, fail("ParseExpectedArgumentDelimiter")
		}
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		args = append(args, x)
	}
	if p.is(",") {
		return nil, fail("EvaluatorInvalidArguments")
	}
	if !p.accept(")") {
		return nil, fail("ParseExpectedRightParenBuiltinFunctionCall")
	}
	return callExpr{name: name, args: args}, nil
}

func checkArity(name string, args []expr) (expr, *Error) {
	a := arities[name]
	if len(args) < a[0] || a[1] >= 0 && len(args) > a[1] {
		return nil, fail("EvaluatorInvalidArguments")
	}
	return callExpr{name: name, args: args}, nil
}

func (p *parser) aggregate(name string) (expr, *Error) {
	if p.inAgg {
		return nil, fail("UnsupportedSqlOperation") // an aggregate of an aggregate
	}
	p.next() // (
	a := &aggExpr{fn: name}
	if p.accept("*") {
		if name != "COUNT" {
			return nil, fail("ParseUnsupportedCallWithStar")
		}
	} else {
		p.inAgg = true
		x, err := p.expr()
		p.inAgg = false
		if err != nil {
			return nil, err
		}
		a.x = x
		if p.is(",") {
			return nil, fail("ParseNonUnaryAgregateFunctionCall")
		}
	}
	if !p.accept(")") {
		return nil, fail("ParseExpectedRightParenBuiltinFunctionCall")
	}
	a.slot = len(p.aggs)
	p.aggs = append(p.aggs, a)
	return a, nil
}

// trim reads TRIM([[LEADING|TRAILING|BOTH] [chars] FROM] x).
func (p *parser) trim() (expr, *Error) {
	e := trimExpr{where: "BOTH"}
	for _, w := range []string{"LEADING", "TRAILING", "BOTH"} {
		if p.accept(w) {
			e.where = w
		}
	}
	var err *Error
	if !p.accept("FROM") {
		first, err := p.expr()
		if err != nil {
			return nil, err
		}
		if p.accept("FROM") {
			e.chars = first
			e.x, err = p.expr()
		} else {
			e.x = first
		}
		if err != nil {
			return nil, err
		}
	} else if e.x, err = p.expr(); err != nil {
		return nil, err
	}
	if !p.accept(")") {
		return nil, fail("ParseExpectedRightParenBuiltinFunctionCall")
	}
	return e, nil
}

// substring reads SUBSTRING(x, start[, length]) or
// SUBSTRING(x FROM start [FOR length]).
func (p *parser) substring() (expr, *Error) {
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	args := []expr{x}
	keyword := p.accept("FROM")
	if !keyword && !p.accept(",") {
		return nil, fail("EvaluatorInvalidArguments")
	}
	start, err := p.expr()
	if err != nil {
		return nil, err
	}
	args = append(args, start)
	if (keyword && p.accept("FOR")) || (!keyword && p.accept(",")) {
		n, err := p.expr()
		if err != nil {
			return nil, err
		}
		args = append(args, n)
	}
	if !p.accept(")") {
		return nil, fail("ParseExpectedRightParenBuiltinFunctionCall")
	}
	return callExpr{name: "SUBSTRING", args: args}, nil
}
