package s3select

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
)

// ScanRange (docs.aws.amazon.com/AmazonS3/latest/API/API_ScanRange.html):
// a record is processed when its first byte is in the range. It applies
// to uncompressed CSV without quoted record delimiters and to JSON LINES;
// anything else is UnsupportedScanRangeInput.

// scanRange is the request's range as sent; nil ends are absent.
type scanRange struct{ start, end *int64 }

func parseScanRange(start, end *string) (*scanRange, *Error) {
	if start == nil && end == nil {
		return nil, fail("InvalidScanRange") // "when specified, it must not be empty"
	}
	r := &scanRange{}
	for _, p := range []struct {
		in  *string
		out **int64
	}{{start, &r.start}, {end, &r.end}} {
		if p.in == nil {
			continue
		}
		n, err := strconv.ParseInt(*p.in, 10, 64)
		if err != nil || n < 0 {
			return nil, fail("InvalidScanRange")
		}
		*p.out = &n
	}
	if r.start != nil && r.end != nil && *r.start > *r.end {
		return nil, fail("InvalidScanRange")
	}
	return r, nil
}

// bounds is the first and last byte of the range in an object of size
// bytes: End alone is the last End bytes.
func (r *scanRange) bounds(size int64) (lo, hi int64) {
	lo, hi = 0, size-1
	switch {
	case r.start != nil && r.end != nil:
		lo, hi = *r.start, min(*r.end, hi)
	case r.start != nil:
		lo = *r.start
	default:
		lo = max(0, size-*r.end)
	}
	return lo, hi
}

// offsetSource is a source that tells where its last record began.
type offsetSource interface {
	source
	lastStart() int64
}

func (s *csvSource) lastStart() int64 { return s.start }

// ranged yields the records of src whose first byte is in [lo, hi].
type ranged struct {
	src    offsetSource
	lo, hi int64
}

func (r *ranged) next() (Value, bool, *Error) {
	for {
		v, ok, err := r.src.next()
		if err != nil || !ok {
			return v, ok, err
		}
		switch at := r.src.lastStart(); {
		case at > r.hi:
			return missingV, false, nil
		case at >= r.lo:
			return v, true, nil
		}
	}
}

// linesSource reads JSON LINES one line at a time, so that each record's
// offset is known.
type linesSource struct {
	br         *bufio.Reader
	off, start int64
}

func newLinesSource(r io.Reader) *linesSource {
	return &linesSource{br: bufio.NewReaderSize(r, 64<<10)}
}

func (s *linesSource) lastStart() int64 { return s.start }

func (s *linesSource) next() (Value, bool, *Error) {
	for {
		start := s.off
		line, err := s.line()
		if err != nil {
			return missingV, false, err
		}
		if line == nil {
			return missingV, false, nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		src := newJSONSource(bytes.NewReader(line))
		v, ok, perr := src.next()
		if perr != nil || !ok {
			return missingV, false, fail("JSONParsingError")
		}
		if _, more, _ := src.next(); more {
			return missingV, false, fail("JSONParsingError") // two values on a line
		}
		s.start = start
		return v, true, nil
	}
}

// line reads up to and including the next newline; nil at the end.
func (s *linesSource) line() ([]byte, *Error) {
	var buf []byte
	for {
		chunk, err := s.br.ReadSlice('\n')
		buf = append(buf, chunk...)
		s.off += int64(len(chunk))
		if len(buf) > maxRecord {
			return nil, fail("OverMaxRecordSize")
		}
		switch err {
		case nil:
			return buf, nil
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			if len(buf) == 0 {
				return nil, nil
			}
			return buf, nil
		}
		return nil, readError(err, "JSONParsingError")
	}
}
