package s3select

import (
	"fmt"
	"strconv"
	"strings"
)

// TO_STRING(timestamp, pattern): the pattern letters of the reference's
// table (yy y yyyy, M MM MMM MMMM MMMMM, d dd, a, h hh, H HH, m mm, s ss,
// S to SSSSSSSSS, n, X to XXXXX, x to xxxxx). Text in single quotes is
// written as it is (two quotes are one), as is any character that is not a
// letter. Any other letter, a letter repeated more often than the table
// has it, an unterminated quote or one of # { } [ ] is
// EvaluatorInvalidTimestampFormatPattern.

var monthNames = [...]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// formatStamp writes st with pattern.
func formatStamp(st *Stamp, pattern string) (string, *Error) {
	bad := fail("EvaluatorInvalidTimestampFormatPattern")
	var b strings.Builder
	p := []rune(pattern)
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'':
			lit, n, ok := quotedPattern(p[i:])
			if !ok {
				return "", bad
			}
			b.WriteString(lit)
			i += n
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			n := 1
			for i+n < len(p) && p[i+n] == c {
				n++
			}
			s, ok := patternField(st, byte(c), n)
			if !ok {
				return "", bad
			}
			b.WriteString(s)
			i += n
		case strings.ContainsRune("#{}[]", c):
			return "", bad
		default:
			b.WriteRune(c)
			i++
		}
	}
	return b.String(), nil
}

// quotedPattern reads a quoted literal at the start of p: two quotes are
// one quote, and inside quoted text two quotes are one quote.
func quotedPattern(p []rune) (string, int, bool) {
	if len(p) > 1 && p[1] == '\'' {
		return "'", 2, true
	}
	var b strings.Builder
	for i := 1; i < len(p); i++ {
		if p[i] != '\'' {
			b.WriteRune(p[i])
			continue
		}
		if i+1 < len(p) && p[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), i + 1, true
	}
	return "", 0, false
}

// patternField writes the field of letter c repeated n times.
func patternField(st *Stamp, c byte, n int) (string, bool) {
	t := st.t
	num := func(v, most int) (string, bool) {
		return fmt.Sprintf("%0*d", n, v), n <= most
	}
	switch c {
	case 'y':
		if n == 2 {
			return fmt.Sprintf("%02d", t.Year()%100), true
		}
		return num(t.Year(), 19)
	case 'M':
		switch n {
		case 1, 2:
			return num(int(t.Month()), 2)
		case 3:
			return monthNames[t.Month()-1][:3], true
		case 4:
			return monthNames[t.Month()-1], true
		case 5:
			return monthNames[t.Month()-1][:1], true
		}
		return "", false
	case 'd':
		return num(t.Day(), 2)
	case 'a':
		if t.Hour() < 12 {
			return "AM", n == 1
		}
		return "PM", n == 1
	case 'h':
		return num((t.Hour()+11)%12+1, 2)
	case 'H':
		return num(t.Hour(), 2)
	case 'm':
		return num(t.Minute(), 2)
	case 's':
		return num(t.Second(), 2)
	case 'S':
		return fmt.Sprintf("%09d", t.Nanosecond())[:min(n, 9)], n <= 9
	case 'n':
		return num(t.Nanosecond(), 19)
	case 'X', 'x':
		return offsetField(st.offsetMinutes(), c == 'X', n)
	}
	return "", false
}

// offsetField writes an offset: X and x give +HH and the minutes when not
// zero, XX and xx +HHMM, XXX and xxx +HH:MM (four and five letters the
// same, an offset having no seconds); X writes Z for a zero offset.
func offsetField(off int, z bool, n int) (string, bool) {
	if n > 5 {
		return "", false
	}
	if off == 0 && z {
		return "Z", true
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m := strconv.Itoa(100 + off/60)[1:], strconv.Itoa(100 + off%60)[1:]
	switch {
	case n == 1 && m == "00":
		return sign + h, true
	case n == 3 || n == 5:
		return sign + h + ":" + m, true
	}
	return sign + h + m, true
}
