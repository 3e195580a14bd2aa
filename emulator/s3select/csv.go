package s3select

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
)

// csvSource reads CSV records with the request's delimiters, quote and
// escape characters and comment character. With FileHeaderInfo USE the
// first record names the columns, with IGNORE it is skipped; the columns
// also answer to _1, _2, ...
type csvSource struct {
	in      *CSVInput
	br      *bufio.Reader
	header  []string
	started bool
	fd, rd  []byte
	q, esc  []byte
	comment []byte
	off     int64 // bytes of the input consumed
	start   int64 // where the last record returned began
}

func newCSVSource(in *CSVInput, r io.Reader) *csvSource {
	s := &csvSource{in: in, br: bufio.NewReaderSize(r, 64<<10),
		fd: []byte(in.FieldDelimiter), rd: []byte(in.RecordDelimiter),
		q: []byte(in.QuoteCharacter), esc: []byte(in.QuoteEscapeCharacter), comment: []byte(in.Comments)}
	return s
}

func (s *csvSource) next() (Value, bool, *Error) {
	if !s.started {
		s.started = true
		if s.in.FileHeaderInfo != "NONE" {
			h, ok, err := s.record()
			if err != nil || !ok {
				return missingV, false, err
			}
			if s.in.FileHeaderInfo == "USE" {
				s.header = h
			}
		}
	}
	cols, ok, err := s.record()
	if err != nil || !ok {
		return missingV, false, err
	}
	fields := make([]Field, len(cols))
	for i, c := range cols {
		name := "_" + strconv.Itoa(i+1)
		if i < len(s.header) {
			name = s.header[i]
		}
		fields[i] = Field{Name: name, V: strV(c)}
	}
	return Value{K: Struct, Fields: fields, Positional: true}, true, nil
}

// readByte reads one byte of the input.
func (s *csvSource) readByte() (byte, error) {
	c, err := s.br.ReadByte()
	if err == nil {
		s.off++
	}
	return c, err
}

// skip consumes n bytes the caller has peeked.
func (s *csvSource) skip(n int) {
	d, _ := s.br.Discard(n)
	s.off += int64(d)
}

// has reports whether the input continues with p.
func (s *csvSource) has(p []byte) bool {
	if len(p) == 0 {
		return false
	}
	b, _ := s.br.Peek(len(p))
	return bytes.Equal(b, p)
}

// record reads the next record that is not a comment; ok is false at the
// end of the input.
func (s *csvSource) record() (cols []string, ok bool, err *Error) {
	for {
		if _, perr := s.br.Peek(1); perr != nil {
			if perr == io.EOF {
				return nil, false, nil
			}
			return nil, false, readError(perr, "CSVParsingError")
		}
		comment := s.has(s.comment)
		s.start = s.off
		cols, err = s.fields()
		if err != nil || !comment {
			return cols, err == nil, err
		}
	}
}

// fields reads the fields of one record and its record delimiter.
func (s *csvSource) fields() ([]string, *Error) {
	var cols []string
	var cur bytes.Buffer
	size := 0
	for {
		quoted := s.has(s.q)
		if quoted {
			s.skip(len(s.q))
			if err := s.quotedField(&cur); err != nil {
				return nil, err
			}
		}
		for {
			if size+cur.Len() > maxRecord {
				return nil, fail("OverMaxRecordSize")
			}
			if s.has(s.fd) || s.has(s.rd) {
				break
			}
			n, err := s.plainText(&cur)
			if n > 0 {
				continue
			}
			if err == nil {
				// A delimiter's first byte that does not begin one.
				var c byte
				if c, err = s.readByte(); err == nil {
					cur.WriteByte(c)
					continue
				}
			}
			if err == io.EOF {
				return append(cols, cur.String()), nil
			}
			return nil, readError(err, "CSVParsingError")
		}
		size += cur.Len()
		cols = append(cols, cur.String())
		cur.Reset()
		if s.has(s.rd) {
			s.skip(len(s.rd))
			return cols, nil
		}
		s.skip(len(s.fd))
	}
}

// plainText copies into cur the buffered bytes before the next one that
// may begin the field or record delimiter, and reports how many.
func (s *csvSource) plainText(cur *bytes.Buffer) (int, error) {
	buf, err := s.br.Peek(max(s.br.Buffered(), 1))
	if len(buf) == 0 {
		return 0, err
	}
	i := 0
	for i < len(buf) && buf[i] != s.fd[0] && buf[i] != s.rd[0] {
		i++
	}
	cur.Write(buf[:i])
	s.skip(i)
	return i, nil
}

// quotedField reads a quoted field's text up to its closing quote: the
// escape character (the quote itself by default) before a quote makes it
// part of the text; a record delimiter inside quotes needs AllowQuotedRecordDelimiter.
func (s *csvSource) quotedField(cur *bytes.Buffer) *Error {
	for {
		if cur.Len() > maxRecord {
			return fail("OverMaxRecordSize")
		}
		switch {
		case !bytes.Equal(s.esc, s.q) && s.has(append(append([]byte{}, s.esc...), s.q...)):
			s.skip(len(s.esc) + len(s.q))
			cur.Write(s.q)
			continue
		case s.has(s.q):
			s.skip(len(s.q))
			if s.has(s.q) { // a doubled quote
				s.skip(len(s.q))
				cur.Write(s.q)
				continue
			}
			return nil
		case s.has(s.rd) && !s.in.AllowQuotedRecordDelimiter:
			return fail("CSVEscapingRecordDelimiter")
		}
		c, err := s.readByte()
		if err == io.EOF {
			return fail("CSVParsingError") // an unterminated quote
		}
		if err != nil {
			return readError(err, "CSVParsingError")
		}
		cur.WriteByte(c)
	}
}
