package s3select

import (
	"fmt"
	"strings"
	"time"
)

// TIMESTAMP values, as AWS's SQL reference ("Data types") defines them:
// a moment with a local offset and a precision, written in the Ion text
// form that follows the W3C note on date and time formats: `2007T`,
// `2007-02T`, `2007-02-23` (or `2007-02-23T`), `2007-02-23T12:14Z`,
// `2007-02-23T12:14:33-08:00`, `2007-02-23T12:14:33.079+05:30`. A
// timestamp less precise than a minute, or with the offset -00:00, has
// an unknown offset and counts as UTC.

// tsPrec is the precision of a timestamp: its last field.
type tsPrec uint8

const (
	precYear tsPrec = iota
	precMonth
	precDay
	precMinute
	precSecond
)

// Stamp is a TIMESTAMP value.
type Stamp struct {
	// t holds the fields in the timestamp's own offset (UTC when the
	// offset is unknown); fields beyond the precision are zero (one for
	// month and day).
	t    time.Time
	prec tsPrec
	// frac is the fraction of a second as written, digits only (second
	// precision; empty: none). t keeps its first nine digits.
	frac    string
	unknown bool // the offset is unknown (-00:00)
}

// parseStamp reads the Ion text form of a timestamp. A time without an
// offset is read as one with an unknown offset: the reference's
// DATE_DIFF example `2010-01-01T23:00` has none.
func parseStamp(s string) (*Stamp, bool) {
	st := &Stamp{unknown: true}
	f := [6]int{0, 1, 1} // year month day hour minute second
	i, ok := 0, true
	field := func(n, lo, hi int) int {
		v := 0
		if i+n > len(s) {
			ok = false
			return 0
		}
		for _, c := range s[i : i+n] {
			if c < '0' || c > '9' {
				ok = false
			}
			v = v*10 + int(c-'0')
		}
		if v < lo || v > hi {
			ok = false
		}
		i += n
		return v
	}
	sep := func(c byte) bool {
		if i < len(s) && s[i] == c {
			i++
			return true
		}
		return false
	}
	f[0] = field(4, 1, 9999)
	switch {
	case !ok:
		return nil, false
	case sep('T'):
		st.prec = precYear
	case !sep('-'):
		return nil, false
	default:
		f[1] = field(2, 1, 12)
		if sep('T') {
			st.prec = precMonth
			break
		}
		if !ok || !sep('-') {
			return nil, false
		}
		f[2] = field(2, 1, 31)
		if !ok || f[2] > daysIn(f[0], f[1]) {
			return nil, false
		}
		st.prec = precDay
		if sep('T') && i < len(s) {
			if !st.parseTime(s[i:], &f) {
				return nil, false
			}
			i = len(s)
		}
	}
	if !ok || i != len(s) {
		return nil, false
	}
	if st.prec < precMinute {
		st.t = time.Date(f[0], time.Month(f[1]), f[2], 0, 0, 0, 0, time.UTC)
	}
	return st, true
}

// parseTime reads hh:mm[:ss[.fraction]][offset] after the T of a date.
func (st *Stamp) parseTime(s string, f *[6]int) bool {
	two := func(s string, hi int) (int, bool) {
		if len(s) < 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
			return 0, false
		}
		v := int(s[0]-'0')*10 + int(s[1]-'0')
		return v, v <= hi
	}
	var ok bool
	if f[3], ok = two(s, 23); !ok || len(s) < 5 || s[2] != ':' {
		return false
	}
	if f[4], ok = two(s[3:], 59); !ok {
		return false
	}
	st.prec, s = precMinute, s[5:]
	if strings.HasPrefix(s, ":") {
		if f[5], ok = two(s[1:], 59); !ok {
			return false
		}
		st.prec, s = precSecond, s[3:]
		if strings.HasPrefix(s, ".") {
			n := 1
			for n < len(s) && s[n] >= '0' && s[n] <= '9' {
				n++
			}
			if n == 1 {
				return false
			}
			st.frac, s = s[1:n], s[n:]
		}
	}
	off := 0
	switch {
	case s == "Z":
		st.unknown = false
	case s == "-00:00" || s == "":
	case len(s) == 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':':
		h, okh := two(s[1:], 23)
		m, okm := two(s[4:], 59)
		if !okh || !okm {
			return false
		}
		off, st.unknown = h*60+m, false
		if s[0] == '-' {
			off = -off
		}
	default:
		return false
	}
	loc := time.UTC
	if off != 0 {
		loc = time.FixedZone("", off*60)
	}
	st.t = time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], fracNanos(st.frac), loc)
	return true
}

// fracNanos is the nanoseconds of the first nine digits of a fraction.
func fracNanos(frac string) int {
	n := 0
	for i := range 9 {
		n *= 10
		if i < len(frac) {
			n += int(frac[i] - '0')
		}
	}
	return n
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// offsetMinutes is the local offset, 0 when unknown.
func (st *Stamp) offsetMinutes() int {
	_, off := st.t.Zone()
	return off / 60
}

// text is the Ion text form of the timestamp, at its precision: how it is
// written in output, as CAST to STRING gives it, and as the reference
// writes function results (`2010-02T`, `2017-01-01T01:00-00:00`).
func (st *Stamp) text() string {
	t := st.t
	var b strings.Builder
	fmt.Fprintf(&b, "%04d", t.Year())
	switch st.prec {
	case precYear:
		b.WriteString("T")
		return b.String()
	case precMonth:
		fmt.Fprintf(&b, "-%02dT", int(t.Month()))
		return b.String()
	}
	fmt.Fprintf(&b, "-%02d-%02d", int(t.Month()), t.Day())
	if st.prec == precDay {
		return b.String()
	}
	fmt.Fprintf(&b, "T%02d:%02d", t.Hour(), t.Minute())
	if st.prec == precSecond {
		fmt.Fprintf(&b, ":%02d", t.Second())
		if st.frac != "" {
			b.WriteString("." + st.frac)
		}
	}
	off := st.offsetMinutes()
	switch {
	case st.unknown:
		b.WriteString("-00:00")
	case off == 0:
		b.WriteString("Z")
	default:
		sign := "+"
		if off < 0 {
			sign, off = "-", -off
		}
		fmt.Fprintf(&b, "%s%02d:%02d", sign, off/60, off%60)
	}
	return b.String()
}

func stampV(st *Stamp) Value { return Value{K: Timestamp, T: st} }

// castTimestamp is CAST(v AS TIMESTAMP): a string in the text form, or
// CastFailed.
func castTimestamp(v Value) (Value, *Error) {
	if v.K == String {
		if st, ok := parseStamp(v.S); ok {
			return stampV(st), nil
		}
	}
	return missingV, fail("CastFailed")
}
