package s3select

import (
	"bufio"
	"compress/bzip2"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
)

// maxRecord is AWS's limit on one record of the input or result: 1 MB
// (OverMaxRecordSize).
const maxRecord = 1 << 20

// source yields the records of the object one at a time; ok is false at
// the end.
type source interface {
	next() (rec Value, ok bool, err *Error)
}

// counter counts the bytes read through it.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// decompressed reads the object through its CompressionType. A stream
// that is not of the type is InvalidCompressionFormat; one cut short or
// damaged later, TruncatedInput.
type decompressed struct {
	r    io.Reader
	seen bool // some bytes came out
}

func (d *decompressed) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	if n > 0 {
		d.seen = true
	}
	if err != nil && err != io.EOF {
		if d.seen {
			return n, fail("TruncatedInput")
		}
		return n, fail("InvalidCompressionFormat")
	}
	return n, err
}

func decompress(compression string, r io.Reader) (io.Reader, *Error) {
	switch compression {
	case "GZIP":
		z, err := gzip.NewReader(r)
		if err != nil {
			return nil, fail("InvalidCompressionFormat")
		}
		return &decompressed{r: z}, nil
	case "BZIP2":
		return &decompressed{r: bzip2.NewReader(r)}, nil
	}
	return r, nil
}

// readError turns an error of the object's reader into the answer:
// decompression errors as they are, anything else as parseCode.
func readError(err error, parseCode string) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return fail(parseCode)
}

// jsonSource reads JSON values, one record each: a DOCUMENT is one or
// more values in a row, LINES one per line. Object members keep their
// order. A record longer than maxRecord is OverMaxRecordSize, found
// while it is read (the reader stops the decoder), so that no object is
// held whole.
type jsonSource struct {
	dec *json.Decoder
	lim *recordLimit
}

func newJSONSource(r io.Reader) *jsonSource {
	lim := &recordLimit{r: r, limit: maxRecord + jsonReadAhead}
	dec := json.NewDecoder(bufio.NewReaderSize(lim, jsonReadAhead))
	dec.UseNumber()
	return &jsonSource{dec: dec, lim: lim}
}

// jsonReadAhead is the buffer in front of the decoder: what it may have
// read beyond the record it decodes.
const jsonReadAhead = 64 << 10

// recordLimit fails a read that goes past limit bytes of r.
type recordLimit struct {
	r     io.Reader
	n     int64
	limit int64
}

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.n >= l.limit {
		return 0, fail("OverMaxRecordSize")
	}
	if int64(len(p)) > l.limit-l.n {
		p = p[:l.limit-l.n]
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	return n, err
}

func (s *jsonSource) next() (Value, bool, *Error) {
	// The next record starts at the decoder's offset; it and the
	// decoder's buffers may take maxRecord beyond it.
	s.lim.limit = s.dec.InputOffset() + maxRecord + 2*jsonReadAhead
	if !s.dec.More() {
		// More answers false at the end and before a stray ] or }.
		if _, err := s.dec.Token(); err != io.EOF {
			return missingV, false, readError(err, "JSONParsingError")
		}
		return missingV, false, nil
	}
	start := s.dec.InputOffset()
	v, err := s.value()
	if err != nil {
		return missingV, false, readError(err, "JSONParsingError")
	}
	if s.dec.InputOffset()-start > maxRecord {
		return missingV, false, fail("OverMaxRecordSize")
	}
	return v, true, nil
}

// value reads one JSON value from its first token.
func (s *jsonSource) value() (Value, error) {
	t, err := s.dec.Token()
	if err != nil {
		return missingV, err
	}
	switch t := t.(type) {
	case json.Delim:
		if t == '[' {
			var l []Value
			for s.dec.More() {
				v, err := s.value()
				if err != nil {
					return missingV, err
				}
				l = append(l, v)
			}
			_, err := s.dec.Token()
			return Value{K: List, L: l}, err
		}
		var fields []Field
		for s.dec.More() {
			k, err := s.dec.Token()
			if err != nil {
				return missingV, err
			}
			v, err := s.value()
			if err != nil {
				return missingV, err
			}
			fields = append(fields, Field{Name: k.(string), V: v})
		}
		_, err := s.dec.Token()
		return Value{K: Struct, Fields: fields}, err
	case json.Number:
		return jsonNumber(string(t)), nil
	case string:
		return strV(t), nil
	case bool:
		return boolV(t), nil
	}
	return nullV, nil
}

// jsonNumber is an integer when written as one and it fits, else a float.
func jsonNumber(s string) Value {
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return intV(i)
		}
	}
	f, _ := strconv.ParseFloat(s, 64) // the decoder checked the syntax
	return floatV(f)
}
