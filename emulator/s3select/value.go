package s3select

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// Kind is the type of a Value.
type Kind uint8

// The kinds of values: MISSING (an absent field), NULL, and the types
// S3 Select's SQL computes with.
const (
	Missing Kind = iota
	Null
	Bool
	Int
	Float
	String
	List
	Struct
	Timestamp
)

// Value is one SQL value. A CSV record is a Struct of strings whose
// fields also answer to their positions (_1, _2, ...).
type Value struct {
	K      Kind
	B      bool
	I      int64
	F      float64
	S      string
	L      []Value
	Fields []Field
	T      *Stamp // a Timestamp
	// Positional is set on CSV records: _N names the N-th field.
	Positional bool
}

// Field is a named member of a Struct, in the order of the input.
type Field struct {
	Name string
	V    Value
}

var (
	missingV = Value{K: Missing}
	nullV    = Value{K: Null}
)

func boolV(b bool) Value     { return Value{K: Bool, B: b} }
func intV(i int64) Value     { return Value{K: Int, I: i} }
func floatV(f float64) Value { return Value{K: Float, F: f} }
func strV(s string) Value    { return Value{K: String, S: s} }

// absent reports a NULL or MISSING value.
func (v Value) absent() bool { return v.K == Missing || v.K == Null }

func (v Value) numeric() bool { return v.K == Int || v.K == Float }

func (v Value) float() float64 {
	if v.K == Int {
		return float64(v.I)
	}
	return v.F
}

// member looks up a field of a Struct by name: exactly when quoted,
// case-insensitively otherwise, where more than one match is
// AmbiguousFieldName. A CSV record answers _N with its N-th field; a
// quoted name it does not have, or one that matches only in another
// case, is MissingHeaderName.
func (v Value) member(name string, quoted bool) (Value, *Error) {
	if v.K != Struct {
		return missingV, nil
	}
	found, n := -1, 0
	for i, f := range v.Fields {
		if quoted && f.Name == name {
			return f.V, nil
		}
		if strings.EqualFold(f.Name, name) {
			found, n = i, n+1
		}
	}
	if n > 1 && !quoted {
		return missingV, fail("AmbiguousFieldName")
	}
	if quoted && (found >= 0 || v.Positional && !isPosition(name)) {
		// A quoted name must match exactly: AWS answers 400
		// MissingHeaderName (SQL reference, "Case sensitivity of
		// header/attribute names").
		return missingV, fail("MissingHeaderName")
	}
	if found >= 0 {
		return v.Fields[found].V, nil
	}
	if v.Positional {
		if i, ok := position(name); ok {
			if i <= len(v.Fields) {
				return v.Fields[i-1].V, nil
			}
			return missingV, nil
		}
	}
	return missingV, nil
}

func isPosition(name string) bool {
	_, ok := position(name)
	return ok
}

// position reads a positional column name _N (N from 1).
func position(name string) (int, bool) {
	if len(name) < 2 || name[0] != '_' {
		return 0, false
	}
	n, err := strconv.Atoi(name[1:])
	if err != nil || n < 1 || name[1] == '+' || name[1] == '0' {
		return 0, false
	}
	return n, true
}

// index is element i (from 0) of a List, MISSING otherwise.
func (v Value) index(i int64) Value {
	if v.K != List || i < 0 || i >= int64(len(v.L)) {
		return missingV
	}
	return v.L[i]
}

// text is a value as a CSV field: strings as they are, timestamps in
// their text form, numbers and booleans as in JSON, NULL and MISSING empty, lists and structs as JSON.
func (v Value) text() string {
	switch v.K {
	case Missing, Null:
		return ""
	case String:
		return v.S
	case Timestamp:
		return v.T.text()
	}
	var b bytes.Buffer
	v.appendJSON(&b)
	return b.String()
}

// appendJSON writes v as JSON; a MISSING member of a struct or list is
// left out by the caller.
func (v Value) appendJSON(b *bytes.Buffer) {
	switch v.K {
	case Missing, Null:
		b.WriteString("null")
	case Bool:
		b.WriteString(strconv.FormatBool(v.B))
	case Int:
		b.WriteString(strconv.FormatInt(v.I, 10))
	case Float:
		b.WriteString(formatFloat(v.F))
	case String:
		writeJSONString(b, v.S)
	case Timestamp:
		writeJSONString(b, v.T.text())
	case List:
		b.WriteByte('[')
		first := true
		for _, e := range v.L {
			if e.K == Missing {
				continue
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			e.appendJSON(b)
		}
		b.WriteByte(']')
	case Struct:
		b.WriteByte('{')
		first := true
		for _, f := range v.Fields {
			if f.V.K == Missing {
				continue
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			writeJSONString(b, f.Name)
			b.WriteByte(':')
			f.V.appendJSON(b)
		}
		b.WriteByte('}')
	}
}

// formatFloat writes a float as its shortest decimal, with a fraction
// or exponent so that it reads back as a float.
func formatFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "null"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

func writeJSONString(b *bytes.Buffer, s string) {
	// S3 Select writes <, > and & as they are, not HTML-escaped.
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)       // a string always encodes
	b.Truncate(b.Len() - 1) // Encode ends with a newline
}
