package s3select

import (
	"bytes"
	"math"
)

// runner runs a query over records, writing the selected rows.
type runner struct {
	q       *query
	w       recordWriter
	out     *bytes.Buffer
	emitted int64
	acc     []accumulator
}

func newRunner(q *query, w recordWriter, out *bytes.Buffer) *runner {
	return &runner{q: q, w: w, out: out, acc: make([]accumulator, len(q.aggs))}
}

// done reports that LIMIT is reached.
func (r *runner) done() bool {
	return len(r.q.aggs) == 0 && r.q.limit >= 0 && r.emitted >= r.q.limit
}

// record runs the query over one input record: each row its FROM path
// yields, filtered by WHERE, is written or aggregated.
func (r *runner) record(rec Value) *Error {
	for _, row := range fromRows(rec, r.q.from) {
		if r.done() {
			return nil
		}
		e := &env{row: row, alias: r.q.alias, implicit: r.q.implicit}
		if r.q.where != nil {
			c, err := eval(r.q.where, e)
			if err != nil {
				return err
			}
			if t, _, err := truth(c); err != nil || !t {
				if err != nil {
					return err
				}
				continue
			}
		}
		if len(r.q.aggs) > 0 {
			if err := r.aggregate(e); err != nil {
				return err
			}
			continue
		}
		fields, err := r.project(e)
		if err != nil {
			return err
		}
		r.w.write(r.out, fields)
		r.emitted++
	}
	return nil
}

// finish writes an aggregate query's one row.
func (r *runner) finish() *Error {
	if len(r.q.aggs) == 0 {
		return nil
	}
	e := &env{row: missingV, alias: r.q.alias, implicit: r.q.implicit, aggs: make([]Value, len(r.acc))}
	for i, a := range r.q.aggs {
		e.aggs[i] = r.acc[i].result(a.fn)
	}
	fields, err := r.project(e)
	if err != nil {
		return err
	}
	r.w.write(r.out, fields)
	return nil
}

// project is the output record of a row: the row itself for SELECT * (a
// value other than a struct as _1), else the SELECT list.
func (r *runner) project(e *env) ([]Field, *Error) {
	if r.q.star {
		if e.row.K == Struct {
			return e.row.Fields, nil
		}
		return []Field{{Name: "_1", V: e.row}}, nil
	}
	fields := make([]Field, len(r.q.items))
	for i, it := range r.q.items {
		v, err := eval(it.x, e)
		if err != nil {
			return nil, err
		}
		fields[i] = Field{Name: it.name, V: v}
	}
	return fields, nil
}

// fromRows applies the FROM path to a record: names and indexes select,
// [*] yields each element of a list and .* each member of an object; a
// wildcard that matches nothing yields MISSING, as "wildcards always emit
// at least one record" (SQL reference, "FROM clause").
func fromRows(rec Value, steps []pathStep) []Value {
	rows := []Value{rec}
	for _, s := range steps {
		next := rows[:0:0]
		for _, v := range rows {
			switch s.kind {
			case stepName:
				m, _ := v.member(s.name, s.quoted)
				next = append(next, m)
			case stepIndex:
				next = append(next, v.index(s.index))
			case stepWild:
				if v.K == List && len(v.L) > 0 {
					next = append(next, v.L...)
				} else {
					next = append(next, missingV)
				}
			case stepMembers:
				if v.K != Struct || len(v.Fields) == 0 {
					next = append(next, missingV)
				}
				for _, f := range v.Fields {
					next = append(next, f.V)
				}
			}
		}
		rows = next
	}
	return rows
}

// accumulator is the running state of one aggregate.
type accumulator struct {
	n     int64 // values counted
	isum  int64
	fsum  float64
	float bool // the sum went to floating point
	best  Value
}

// aggregate adds a row to the aggregates. They skip MISSING values (SQL
// reference, "FROM clause": a wildcard that matches nothing yields a
// MISSING row), COUNT(*) included.
func (r *runner) aggregate(e *env) *Error {
	for i, a := range r.q.aggs {
		acc := &r.acc[i]
		if a.x == nil { // COUNT(*), of the rows that are not MISSING
			if e.row.K != Missing {
				acc.n++
			}
			continue
		}
		v, err := eval(a.x, e)
		if err != nil {
			return err
		}
		if v.absent() {
			continue
		}
		if err := acc.add(a.fn, v); err != nil {
			return err
		}
	}
	return nil
}

func (acc *accumulator) add(fn string, v Value) *Error {
	switch fn {
	case "COUNT":
	case "SUM", "AVG":
		if !v.numeric() {
			return fail("IncorrectSqlFunctionArgumentType")
		}
		if v.K == Float || acc.float {
			if !acc.float {
				acc.float, acc.fsum = true, float64(acc.isum)
			}
			acc.fsum += v.float()
		} else {
			s := acc.isum + v.I
			if (s > acc.isum) != (v.I > 0) {
				return fail("IntegerOverflow")
			}
			acc.isum = s
		}
	default: // MIN, MAX: of numbers (SQL reference, "Aggregate functions")
		if !v.numeric() {
			return fail("IncorrectSqlFunctionArgumentType")
		}
		if acc.n == 0 {
			acc.best = v
			break
		}
		c, err := compare(v, acc.best)
		if err != nil {
			return fail("IncorrectSqlFunctionArgumentType")
		}
		if (fn == "MIN" && c < 0) || (fn == "MAX" && c > 0) {
			acc.best = v
		}
	}
	acc.n++
	return nil
}

func (acc *accumulator) result(fn string) Value {
	switch {
	case fn == "COUNT":
		return intV(acc.n)
	case acc.n == 0:
		return nullV
	case fn == "SUM" && acc.float:
		return floatV(acc.fsum)
	case fn == "SUM":
		return intV(acc.isum)
	case fn == "AVG" && acc.float:
		return floatV(acc.fsum / float64(acc.n))
	case fn == "AVG":
		if acc.isum%acc.n == 0 {
			return intV(acc.isum / acc.n)
		}
		return floatV(float64(acc.isum) / float64(acc.n))
	}
	if acc.best.K == Float && math.IsNaN(acc.best.F) {
		return nullV
	}
	return acc.best
}
