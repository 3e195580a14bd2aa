package s3select

import (
	"time"
)

// The date functions of AWS's SQL reference ("Date functions"):
// DATE_ADD, DATE_DIFF, EXTRACT, TO_STRING (tostring.go), TO_TIMESTAMP and
// UTCNOW.

// dateParts are the date parts of DATE_ADD and DATE_DIFF with the
// precision a result needs to show them; EXTRACT also takes
// TIMEZONE_HOUR and TIMEZONE_MINUTE.
var dateParts = map[string]tsPrec{
	"YEAR": precYear, "MONTH": precMonth, "DAY": precDay,
	"HOUR": precMinute, "MINUTE": precMinute, "SECOND": precSecond,
}

// partSeconds are the lengths of the time-based date parts.
var partSeconds = map[string]int64{"DAY": 86400, "HOUR": 3600, "MINUTE": 60, "SECOND": 1}

// evalDate runs the date function name over its evaluated arguments; a
// date part is a string literal first. NULL or MISSING arguments give
// NULL; a timestamp argument of another type is
// IncorrectSqlFunctionArgumentType.
func evalDate(name string, args []Value) (Value, *Error) {
	for _, a := range args {
		if a.absent() {
			return nullV, nil
		}
	}
	switch name {
	case "TO_TIMESTAMP":
		if args[0].K != String {
			return missingV, fail("IncorrectSqlFunctionArgumentType")
		}
		if st, ok := parseStamp(args[0].S); ok {
			return stampV(st), nil
		}
		return missingV, fail("ValueParseFailure")
	case "TO_STRING":
		if args[0].K != Timestamp || args[1].K != String {
			return missingV, fail("IncorrectSqlFunctionArgumentType")
		}
		s, err := formatStamp(args[0].T, args[1].S)
		return strV(s), err
	}
	part := args[0].S
	for _, a := range args[1:] {
		if a.K != Timestamp && (name != "DATE_ADD" || a.K != Int) {
			return missingV, fail("IncorrectSqlFunctionArgumentType")
		}
	}
	switch name {
	case "DATE_ADD":
		if args[1].K != Int || args[2].K != Timestamp {
			return missingV, fail("IncorrectSqlFunctionArgumentType")
		}
		st, err := dateAdd(part, args[1].I, args[2].T)
		return stampV(st), err
	case "DATE_DIFF":
		return intV(dateDiff(part, args[1].T, args[2].T)), nil
	}
	return extract(part, args[1].T), nil
}

// maxYearSeconds bounds a DATE_ADD quantity: more than the span of the
// years 1 to 9999 leaves the range a timestamp can show.
const maxYearSeconds = 10000 * 366 * 86400

// dateAdd is DATE_ADD: months and years move the date in the
// timestamp's own offset, the day clamped to the end of a shorter month
// (Jan 31 plus a month is Feb 28 or 29); days, hours, minutes and seconds
// move the instant. The result gains the precision the part needs
// (DATE_ADD(month, 1, `2010T`) is `2010-02T`). A result outside the
// years 1 to 9999 is IllegalSqlFunctionArgument.
func dateAdd(part string, q int64, st *Stamp) (*Stamp, *Error) {
	r := *st
	r.prec = max(r.prec, dateParts[part])
	t := st.t
	if part == "YEAR" || part == "MONTH" {
		if part == "YEAR" {
			if q > 10000 || q < -10000 {
				return nil, fail("IllegalSqlFunctionArgument")
			}
			q *= 12
		}
		if q > 12*10000 || q < -12*10000 {
			return nil, fail("IllegalSqlFunctionArgument")
		}
		m := int64(t.Year())*12 + int64(t.Month()) - 1 + q
		y, mon := int(m/12), int(m%12)+1
		if m < 0 || y < 1 || y > 9999 {
			return nil, fail("IllegalSqlFunctionArgument")
		}
		r.t = time.Date(y, time.Month(mon), min(t.Day(), daysIn(y, mon)), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
		return &r, nil
	}
	unit := partSeconds[part]
	if q > maxYearSeconds/unit || q < -maxYearSeconds/unit {
		return nil, fail("IllegalSqlFunctionArgument")
	}
	r.t = time.Unix(t.Unix()+q*unit, int64(t.Nanosecond())).In(t.Location())
	if y := r.t.Year(); y < 1 || y > 9999 {
		return nil, fail("IllegalSqlFunctionArgument")
	}
	return &r, nil
}

// dateDiff is DATE_DIFF: how many whole date parts from a to b, negative
// when b is earlier. Years, months and days count calendar units, b read
// in a's offset, a unit being whole only when the time of day reaches a's
// (DATE_DIFF(day, `2010-01-01T23:00`, `2010-01-02T01:00`) is 0: "need to
// be at least 24h apart"); hours, minutes and seconds count the time
// between the two instants, truncated.
func dateDiff(part string, a, b *Stamp) int64 {
	ta, tb := a.t, b.t.In(a.t.Location())
	if part == "HOUR" || part == "MINUTE" || part == "SECOND" {
		d := tb.Unix() - ta.Unix()
		n := tb.Nanosecond() - ta.Nanosecond()
		if d > 0 && n < 0 {
			d--
		} else if d < 0 && n > 0 {
			d++
		}
		return d / partSeconds[part]
	}
	da := civil(ta)
	db := civil(tb)
	ca, cb := clock(ta), clock(tb)
	switch {
	case db.After(da) && cb < ca:
		db = db.AddDate(0, 0, -1)
	case db.Before(da) && cb > ca:
		db = db.AddDate(0, 0, 1)
	}
	if part == "DAY" {
		return (db.Unix() - da.Unix()) / 86400
	}
	packed := func(t time.Time) int64 {
		return (int64(t.Year())*12+int64(t.Month())-1)*32 + int64(t.Day())
	}
	months := (packed(db) - packed(da)) / 32
	if part == "YEAR" {
		return months / 12
	}
	return months
}

// civil is the date of t, at midnight UTC.
func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// clock is the time of day of t in nanoseconds.
func clock(t time.Time) int64 {
	return (int64(t.Hour())*3600+int64(t.Minute())*60+int64(t.Second()))*1e9 + int64(t.Nanosecond())
}

// extract is EXTRACT: a field of the timestamp in its own offset, an
// integer; SECOND with a fraction is a decimal. TIMEZONE_HOUR and
// TIMEZONE_MINUTE are the parts of the offset (0 when unknown).
func extract(part string, st *Stamp) Value {
	t := st.t
	switch part {
	case "YEAR":
		return intV(int64(t.Year()))
	case "MONTH":
		return intV(int64(t.Month()))
	case "DAY":
		return intV(int64(t.Day()))
	case "HOUR":
		return intV(int64(t.Hour()))
	case "MINUTE":
		return intV(int64(t.Minute()))
	case "SECOND":
		if t.Nanosecond() != 0 {
			return floatV(float64(t.Second()) + float64(t.Nanosecond())/1e9)
		}
		return intV(int64(t.Second()))
	case "TIMEZONE_HOUR":
		return intV(int64(st.offsetMinutes() / 60))
	}
	return intV(int64(st.offsetMinutes() % 60))
}

// utcNow is UTCNOW(): the time of the request in UTC, to the millisecond
// (the reference's example: 2017-10-13T16:02:11.123Z).
func utcNow(now time.Time) *Stamp {
	now = now.UTC().Truncate(time.Millisecond)
	frac := now.Format(".000")[1:]
	return &Stamp{t: now, prec: precSecond, frac: frac}
}
