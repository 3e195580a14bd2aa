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
// order.
type jsonSource struct {
	dec  *json.Decoder
	last int64
}

func newJSONSource(r io.Reader) *jsonSource {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	dec.UseNumber()
	return &jsonSource{dec: dec}
}

func (s *jsonSource) next() (Value, bool, *Error) {
	if !s.dec.More() {
		// More answers false at the end and before a stray ] or }.
		if _, err := s.dec.Token(); err != io.EOF {
			return missingV, false, readError(err, "JSONParsingError")
		}
		return missingV, false, nil
	}
	v, err := s.value()
	if err != nil {
		return missingV, false, readError(err, "JSONParsingError")
	}
	if off := s.dec.InputOffset(); off-s.last > maxRecord {
		return missingV, false, fail("OverMaxRecordSize")
	} else {
		s.last = off
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
