package s3select

import (
	"strconv"
	"strings"
	"time"
)

// maxExpression is AWS's limit on the SQL expression: 256 KB
// (ExpressionTooLong).
const maxExpression = 256 << 10

// parser reads a token list into a query.
type parser struct {
	toks []token
	pos  int
	aggs []*aggExpr
	// inAgg is set while parsing an aggregate's argument.
	inAgg bool
	now   time.Time // the time of the request, for UTCNOW
}

// parse reads the SQL expression of a request made at now.
func parse(src string, now time.Time) (*query, *Error) {
	if len(src) > maxExpression {
		return nil, fail("ExpressionTooLong")
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, now: now}
	return p.query()
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

// is reports whether the next token is the keyword or operator s.
func (p *parser) is(s string) bool {
	t := p.peek()
	return (t.kind == tKeyword || t.kind == tOp) && t.text == s
}

func (p *parser) accept(s string) bool {
	if p.is(s) {
		p.pos++
		return true
	}
	return false
}

func (p *parser) expect(s string) *Error {
	if p.accept(s) {
		return nil
	}
	return p.unexpected()
}

// unexpected is the error for the next token where it stands.
func (p *parser) unexpected() *Error {
	switch t := p.peek(); {
	case t.kind == tKeyword && (t.text == "GROUP" || t.text == "ORDER" || t.text == "HAVING"):
		return fail("ParseExpectedIdentForGroupName")
	case t.kind == tKeyword && t.text == "JOIN":
		return fail("ParseMalformedJoin")
	case t.kind == tKeyword:
		return fail("ParseUnExpectedKeyword")
	case t.kind == tOp:
		return fail("ParseUnexpectedOperator")
	default:
		return fail("ParseUnexpectedToken")
	}
}

func (p *parser) query() (*query, *Error) {
	if !p.accept("SELECT") {
		return nil, fail("ParseUnsupportedSyntax")
	}
	q := &query{limit: -1}
	if err := p.selectList(q); err != nil {
		return nil, err
	}
	if !p.accept("FROM") {
		if p.peek().kind == tEOF {
			return nil, fail("ParseSelectMissingFrom")
		}
		return nil, p.unexpected()
	}
	if err := p.fromClause(q); err != nil {
		return nil, err
	}
	if p.accept("WHERE") {
		w, err := p.expr()
		if err != nil {
			return nil, err
		}
		if len(p.aggs) != len(q.aggs) {
			return nil, fail("UnsupportedSqlOperation") // an aggregate in WHERE
		}
		q.where = w
	}
	if p.accept("LIMIT") {
		if err := p.limit(q); err != nil {
			return nil, err
		}
	}
	if p.peek().kind != tEOF {
		return nil, p.unexpected()
	}
	return q, nil
}

func (p *parser) limit(q *query) *Error {
	neg := p.accept("-")
	t := p.next()
	if t.kind != tNumber {
		return fail("ParseExpectedNumber")
	}
	n, err := strconv.ParseInt(t.text, 10, 64)
	if err != nil {
		return fail("ParseExpectedNumber")
	}
	if neg {
		return fail("EvaluatorNegativeLimit")
	}
	q.limit = n
	return nil
}

func (p *parser) selectList(q *query) *Error {
	if p.accept("*") {
		q.star = true
		if p.is(",") {
			return fail("ParseAsteriskIsNotAloneInSelectList")
		}
		return nil
	}
	if p.is("FROM") || p.peek().kind == tEOF {
		return fail("ParseEmptySelect")
	}
	for {
		if p.is("*") {
			return fail("ParseAsteriskIsNotAloneInSelectList")
		}
		x, err := p.expr()
		if err != nil {
			return err
		}
		it := selectItem{x: x, name: "_" + strconv.Itoa(len(q.items)+1)}
		if pe, ok := x.(pathExpr); ok && pe.steps[len(pe.steps)-1].kind == stepName {
			it.name = pe.steps[len(pe.steps)-1].name
		}
		if p.accept("AS") || p.isIdent() {
			t := p.next()
			if t.kind != tIdent || t.reserved {
				return fail("ParseExpectedIdentForAlias")
			}
			it.name = t.text
		}
		q.items = append(q.items, it)
		if p.is("*") {
			return fail("ParseAsteriskIsNotAloneInSelectList")
		}
		if !p.accept(",") {
			break
		}
	}
	q.aggs = p.aggs
	if len(q.aggs) > 0 {
		for _, it := range q.items {
			if refersToRecord(it.x) {
				// A column beside an aggregate asks for GROUP BY.
				return fail("UnsupportedSqlOperation")
			}
		}
	}
	return nil
}

// fromClause reads S3Object, its path and its alias. S3Object[*] is the
// records themselves, as S3Object is; a path needs the [*] first. Without
// an alias the row is named by the last name of the path, or _1 when the
// path ends otherwise, and plain FROM S3Object by S3Object (SQL
// reference, "FROM clause").
func (p *parser) fromClause(q *query) *Error {
	t := p.next()
	if t.kind != tIdent || !strings.EqualFold(t.text, "S3Object") {
		return fail("UnsupportedSqlStructure")
	}
	steps, err := p.pathSteps(true)
	if err != nil {
		return err
	}
	q.alias, q.implicit = "S3OBJECT", true
	if len(steps) > 0 {
		if steps[0].kind != stepWild {
			return fail("ParseInvalidPathComponent") // FROM S3Object.path
		}
		q.from = steps[1:]
		q.alias = "_1"
		if last := steps[len(steps)-1]; last.kind == stepName {
			q.alias = strings.ToUpper(last.name)
		}
	}
	if p.accept("AS") || p.isIdent() {
		a := p.next()
		if a.kind != tIdent || a.reserved {
			return fail("ParseExpectedIdentForAlias")
		}
		q.alias, q.implicit = strings.ToUpper(a.text), false
	}
	if p.is(",") || p.is("JOIN") {
		return fail("ParseMalformedJoin")
	}
	return nil
}

// isIdent reports whether the next token is a name that may be an alias.
func (p *parser) isIdent() bool {
	t := p.peek()
	return t.kind == tIdent && !t.reserved
}

// pathSteps reads .name, [n] and (when wild) [*] steps.
func (p *parser) pathSteps(wild bool) ([]pathStep, *Error) {
	var steps []pathStep
	for {
		switch {
		case p.accept("."):
			t := p.next()
			switch {
			case t.kind == tOp && t.text == "*" && wild:
				steps = append(steps, pathStep{kind: stepMembers})
			case t.kind == tIdent && !t.reserved:
				steps = append(steps, pathStep{kind: stepName, name: t.text, quoted: t.quoted})
			default:
				// A reserved word needs double quotes (SQL reference,
				// "Using reserved keywords as user-defined terms").
				return nil, fail("ParseInvalidPathComponent")
			}
		case p.accept("["):
			t := p.next()
			switch {
			case t.kind == tOp && t.text == "*" && wild:
				steps = append(steps, pathStep{kind: stepWild})
			case t.kind == tNumber:
				n, err := strconv.ParseInt(t.text, 10, 64)
				if err != nil {
					return nil, fail("ParseInvalidPathComponent")
				}
				steps = append(steps, pathStep{kind: stepIndex, index: n})
			case t.kind == tString:
				steps = append(steps, pathStep{kind: stepName, name: t.text, quoted: true})
			default:
				return nil, fail("ParseInvalidPathComponent")
			}
			if err := p.expect("]"); err != nil {
				return nil, err
			}
		default:
			return steps, nil
		}
	}
}

// refersToRecord reports whether x reads the record outside an aggregate.
func refersToRecord(x expr) bool {
	found := false
	walk(x, func(e expr) bool {
		switch e.(type) {
		case *aggExpr:
			return false
		case pathExpr:
			found = true
		}
		return !found
	})
	return found
}

// walk calls f on x and, while f answers true, on its operands.
func walk(x expr, f func(expr) bool) {
	if x == nil || !f(x) {
		return
	}
	switch e := x.(type) {
	case unaryExpr:
		walk(e.x, f)
	case binaryExpr:
		walk(e.l, f)
		walk(e.r, f)
	case likeExpr:
		walk(e.x, f)
		walk(e.pat, f)
		walk(e.esc, f)
	case betweenExpr:
		walk(e.x, f)
		walk(e.lo, f)
		walk(e.hi, f)
	case inExpr:
		walk(e.x, f)
		for _, l := range e.list {
			walk(l, f)
		}
	case isTest:
		walk(e.x, f)
	case callExpr:
		for _, a := range e.args {
			walk(a, f)
		}
	case castExpr:
		walk(e.x, f)
	case trimExpr:
		walk(e.chars, f)
		walk(e.x, f)
	case caseExpr:
		walk(e.subject, f)
		for _, w := range e.whens {
			walk(w.cond, f)
			walk(w.then, f)
		}
		walk(e.els, f)
	case *aggExpr:
		walk(e.x, f)
	}
}
