package s3select

import (
	"bytes"
	"strings"
)

// recordWriter appends one output record to a buffer.
type recordWriter interface {
	write(b *bytes.Buffer, fields []Field)
}

// jsonWriter writes a record as a JSON object, its MISSING fields left
// out, then the record delimiter.
type jsonWriter struct{ delim string }

func (w jsonWriter) write(b *bytes.Buffer, fields []Field) {
	Value{K: Struct, Fields: fields}.appendJSON(b)
	b.WriteString(w.delim)
}

// csvWriter writes a record's values as CSV, NULL and MISSING as empty
// fields, quoted always or as needed.
type csvWriter struct{ o *CSVOutput }

func (w csvWriter) write(b *bytes.Buffer, fields []Field) {
	for i, f := range fields {
		if i > 0 {
			b.WriteString(w.o.FieldDelimiter)
		}
		s := f.V.text()
		if w.o.QuoteFields == "ALWAYS" || w.needsQuotes(s) {
			q := w.o.QuoteCharacter
			b.WriteString(q)
			b.WriteString(strings.ReplaceAll(s, q, w.o.QuoteEscapeCharacter+q))
			b.WriteString(q)
		} else {
			b.WriteString(s)
		}
	}
	b.WriteString(w.o.RecordDelimiter)
}

func (w csvWriter) needsQuotes(s string) bool {
	return strings.Contains(s, w.o.FieldDelimiter) || strings.Contains(s, w.o.RecordDelimiter) ||
		strings.Contains(s, w.o.QuoteCharacter) || strings.ContainsAny(s, "\r\n")
}
