package s3select

// The parsed query: a SELECT over the records of the object.

// query is a parsed SELECT.
type query struct {
	star  bool         // SELECT *
	items []selectItem // otherwise the SELECT list
	from  []pathStep   // the path after S3Object (its leading [*] dropped)
	alias string       // the FROM alias, upper-cased, or the implicit one
	// implicit is set when alias was not written: then a CSV record's
	// column _1 wins over an implicit _1.
	implicit bool
	where    expr       // nil: every record
	limit    int64      // -1: no LIMIT
	aggs     []*aggExpr // the aggregate calls of the SELECT list
}

// selectItem is one expression of the SELECT list and its output name.
type selectItem struct {
	x    expr
	name string
}

// stepKind is the kind of one step of a path.
type stepKind uint8

const (
	stepName    stepKind = iota // .name
	stepIndex                   // [n]
	stepWild                    // [*]
	stepMembers                 // .* (FROM only)
)

type pathStep struct {
	kind   stepKind
	name   string
	quoted bool
	index  int64
}

// expr is a node of an expression.
type expr interface{ isExpr() }

type (
	litExpr struct{ v Value }
	// pathExpr is a reference: the FROM alias or a field of the record,
	// then fields and indexes.
	pathExpr  struct{ steps []pathStep }
	unaryExpr struct {
		op string // NOT, -
		x  expr
	}
	binaryExpr struct {
		op   string // AND OR = <> < <= > >= + - * / %
		l, r expr
	}
	likeExpr struct {
		x, pat, esc expr // esc nil: no ESCAPE
		not         bool
	}
	betweenExpr struct {
		x, lo, hi expr
		not       bool
	}
	inExpr struct {
		x    expr
		list []expr
		not  bool
	}
	isTest struct {
		x    expr
		kind Kind // Null or Missing
		not  bool
	}
	callExpr struct {
		name string // upper-cased
		args []expr
	}
	castExpr struct {
		x   expr
		typ Kind
	}
	// trimExpr is TRIM([LEADING|TRAILING|BOTH] [chars] FROM x).
	trimExpr struct {
		where string
		chars expr // nil: spaces
		x     expr
	}
	caseExpr struct {
		subject expr // nil: searched CASE
		whens   []caseWhen
		els     expr // nil: NULL
	}
	// aggExpr is an aggregate call; slot is its index in query.aggs.
	aggExpr struct {
		fn   string // COUNT SUM AVG MIN MAX
		x    expr   // nil: COUNT(*)
		slot int
	}
)

type caseWhen struct{ cond, then expr }

func (litExpr) isExpr()     {}
func (pathExpr) isExpr()    {}
func (unaryExpr) isExpr()   {}
func (binaryExpr) isExpr()  {}
func (likeExpr) isExpr()    {}
func (betweenExpr) isExpr() {}
func (inExpr) isExpr()      {}
func (isTest) isExpr()      {}
func (callExpr) isExpr()    {}
func (castExpr) isExpr()    {}
func (trimExpr) isExpr()    {}
func (caseExpr) isExpr()    {}
func (*aggExpr) isExpr()    {}
