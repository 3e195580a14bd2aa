package s3select

import (
	"regexp"
	"testing"
	"time"
)

func mustStamp(t *testing.T, s string) *Stamp {
	t.Helper()
	st, ok := parseStamp(s)
	if !ok {
		t.Fatalf("parseStamp(%q) failed", s)
	}
	return st
}

// TestStampText reads the text forms of the reference's "Data types"
// page and writes them back at their precision.
func TestStampText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"2007T", "2007T"},
		{"2007-02T", "2007-02T"},
		{"2007-02-23", "2007-02-23"},
		{"2007-02-23T", "2007-02-23"},
		{"2007-04-05T14:30Z", "2007-04-05T14:30Z"},
		{"2007-04-05T14:30+00:00", "2007-04-05T14:30Z"},
		{"2007-04-05T14:30-00:00", "2007-04-05T14:30-00:00"},
		{"2007-04-05T14:30", "2007-04-05T14:30-00:00"},
		{"2007-02-23T12:14:33.079-08:00", "2007-02-23T12:14:33.079-08:00"},
		{"2007-02-23T12:14:33.0790+05:45", "2007-02-23T12:14:33.0790+05:45"},
		{"2007-02-23T12:14:33.123456789012Z", "2007-02-23T12:14:33.123456789012Z"},
		{"2000-02-29", "2000-02-29"},
		{"0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"},
	}
	for _, c := range cases {
		if got := mustStamp(t, c.in).text(); got != c.want {
			t.Errorf("%s: text %q, want %q", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"", "2007", "2007-02", "07T", "0000T", "2007-13T", "2007-00T", "2007-02-30",
		"1900-02-29", "2007-02-23T1", "2007-02-23T24:00Z", "2007-02-23T12:60Z", "2007-02-23T12:14:60Z",
		"2007-02-23T12:14:33.Z", "2007-02-23T12:14+24:00", "2007-02-23T12:14+01", "2007-02-23T12:14Zx",
		"2007-02-23 12:14Z", "2007-02-23t12:14z", "1969-07-20T20:18+08:00Z", "+2007T", "２００７T"} {
		if _, ok := parseStamp(bad); ok {
			t.Errorf("parseStamp(%q) succeeded", bad)
		}
	}
}

// TestDateAdd checks DATE_ADD's precision, its month-end clamping and
// its range.
func TestDateAdd(t *testing.T) {
	cases := []struct {
		part string
		q    int64
		in   string
		want string
	}{
		{"YEAR", 5, "2010-01-01T", "2015-01-01"},
		{"MONTH", 1, "2010T", "2010-02T"},
		{"MONTH", 13, "2010T", "2011-02T"},
		{"MONTH", -1, "2010T", "2009-12T"},
		{"MONTH", 1, "2010-01-31", "2010-02-28"},
		{"MONTH", 1, "2012-01-31", "2012-02-29"},
		{"MONTH", -2, "2010-05-31T10:00+02:00", "2010-03-31T10:00+02:00"},
		{"YEAR", 1, "2012-02-29", "2013-02-28"},
		{"YEAR", -4, "2012-02-29", "2008-02-29"},
		{"DAY", -1, "2017-01-10T", "2017-01-09"},
		{"DAY", 1, "2010T", "2010-01-02"},
		{"DAY", 1, "2012-02-28T23:30+05:00", "2012-02-29T23:30+05:00"},
		{"HOUR", 1, "2017T", "2017-01-01T01:00-00:00"},
		{"HOUR", 1, "2017-01-02T03:04Z", "2017-01-02T04:04Z"},
		{"HOUR", 22, "2017-12-31T03:04+07:00", "2018-01-01T01:04+07:00"},
		{"MINUTE", 1, "2017-01-02T03:04:05.006Z", "2017-01-02T03:05:05.006Z"},
		{"SECOND", 1, "2017-01-02T03:04:05.006Z", "2017-01-02T03:04:06.006Z"},
		{"SECOND", 1, "2017-01-02T03:04Z", "2017-01-02T03:04:01Z"},
		{"SECOND", -1, "2017-01-01T00:00:00.5-03:30", "2016-12-31T23:59:59.5-03:30"},
		{"YEAR", 7989, "2010T", "9999T"},
	}
	for _, c := range cases {
		got, err := dateAdd(c.part, c.q, mustStamp(t, c.in))
		if err != nil || got.text() != c.want {
			t.Errorf("DATE_ADD(%s, %d, %s) = %v %v, want %s", c.part, c.q, c.in, got, err, c.want)
		}
	}
	for _, c := range []struct {
		part string
		q    int64
	}{{"YEAR", 7990}, {"YEAR", -2010}, {"MONTH", -24120}, {"DAY", 1 << 40}, {"SECOND", -1 << 62}, {"YEAR", 1 << 62}} {
		if _, err := dateAdd(c.part, c.q, mustStamp(t, "2010T")); err == nil || err.Code != "IllegalSqlFunctionArgument" {
			t.Errorf("DATE_ADD(%s, %d) = %v, want IllegalSqlFunctionArgument", c.part, c.q, err)
		}
	}
}

// TestDateDiff checks DATE_DIFF's whole units: calendar units need the
// time of day reached, time units truncate toward zero.
func TestDateDiff(t *testing.T) {
	cases := []struct {
		part, a, b string
		want       int64
	}{
		{"YEAR", "2010-01-01T", "2011-01-01T", 1},
		{"MONTH", "2010T", "2010-05T", 4},
		{"YEAR", "2010T", "2010-05T", 0},
		{"MONTH", "2010T", "2011T", 12},
		{"MONTH", "2011T", "2010T", -12},
		{"DAY", "2010-01-01T23:00", "2010-01-02T01:00", 0},
		{"DAY", "2010-01-01T23:00Z", "2010-01-02T23:00Z", 1},
		{"DAY", "2010-01-02T01:00Z", "2010-01-01T23:00Z", 0},
		{"DAY", "2010-01-03T01:00Z", "2010-01-01T23:00Z", -1},
		{"MONTH", "2010-01-31", "2010-02-28", 0},
		{"MONTH", "2010-01-31", "2010-03-01", 1},
		{"YEAR", "2012-02-29", "2013-02-28", 0},
		{"YEAR", "2012-02-29", "2016-02-29", 4},
		{"DAY", "2010-01-01T00:00+05:00", "2010-01-01T20:00-05:00", 1},
		{"HOUR", "2010-01-01T00:00:00.5Z", "2010-01-01T02:00:00.4Z", 1},
		{"HOUR", "2010-01-01T02:00:00.4Z", "2010-01-01T00:00:00.5Z", -1},
		{"MINUTE", "2010-01-01T00:00+01:00", "2010-01-01T00:00Z", 60},
		{"SECOND", "2017-01-02T03:04:05.006Z", "2017-01-02T03:04:20.005Z", 14},
		{"SECOND", "0001T", "9999-12-31T23:59:59Z", 315537897599},
	}
	for _, c := range cases {
		if got := dateDiff(c.part, mustStamp(t, c.a), mustStamp(t, c.b)); got != c.want {
			t.Errorf("DATE_DIFF(%s, %s, %s) = %d, want %d", c.part, c.a, c.b, got, c.want)
		}
	}
}

// TestToString checks TO_STRING's pattern letters (the reference's
// table) and its refusals.
func TestToString(t *testing.T) {
	st := mustStamp(t, "2007-02-03T04:05:06.789-08:30")
	cases := []struct{ pat, want string }{
		{"yy y yyyy yyy yyyyy", "07 2007 2007 2007 02007"},
		{"M MM MMM MMMM MMMMM", "2 02 Feb February F"},
		{"d dd a h hh H HH m mm s ss", "3 03 AM 4 04 4 04 5 05 6 06"},
		{"S SS SSS SSSS SSSSSSSSS n", "7 78 789 7890 789000000 789000000"},
		{"X XX XXX XXXX XXXXX", "-0830 -0830 -08:30 -0830 -08:30"},
		{"x xx xxx xxxx xxxxx", "-0830 -0830 -08:30 -0830 -08:30"},
		{"'T''s' '' 'y' - / : ,.", "T's ' y - / : ,."},
		{"", ""},
	}
	for _, c := range cases {
		got, err := formatStamp(st, c.pat)
		if err != nil || got != c.want {
			t.Errorf("TO_STRING(%s, %q) = %q %v, want %q", st.text(), c.pat, got, err, c.want)
		}
	}
	noon := mustStamp(t, "2007-02-03T12:00+07:00")
	for pat, want := range map[string]string{"h a": "12 PM", "X": "+07", "x": "+07", "XX": "+0700", "xxx": "+07:00"} {
		if got, _ := formatStamp(noon, pat); got != want {
			t.Errorf("TO_STRING(%s, %q) = %q, want %q", noon.text(), pat, got, want)
		}
	}
	midnight := mustStamp(t, "2007-02-03T00:00Z")
	for pat, want := range map[string]string{"h a": "12 AM", "X": "Z", "XXX": "Z", "x": "+00", "xx": "+0000", "xxxxx": "+00:00"} {
		if got, _ := formatStamp(midnight, pat); got != want {
			t.Errorf("TO_STRING(%s, %q) = %q, want %q", midnight.text(), pat, got, want)
		}
	}
	for _, bad := range []string{"MMMMMM", "ddd", "aa", "hhh", "HHH", "mmm", "sss", "SSSSSSSSSS", "XXXXXX", "xxxxxx",
		"E", "D", "G", "q", "Z", "z", "y 'T", "'", "[yyyy]", "y#", "{y}"} {
		if _, err := formatStamp(st, bad); err == nil || err.Code != "EvaluatorInvalidTimestampFormatPattern" {
			t.Errorf("TO_STRING pattern %q: %v, want EvaluatorInvalidTimestampFormatPattern", bad, err)
		}
	}
}

// TestDateQueries runs the date functions, timestamp comparisons and
// casts in queries, with their errors.
func TestDateQueries(t *testing.T) {
	lines := `<JSON><Type>LINES</Type></JSON>`
	const events = `{"n":"a","w":"2020-01-31T10:00:00Z","p":"y"}
{"n":"b","w":"2020-03-01T00:00+01:00","p":"MMM"}
{"n":"c","w":"2019-12T","p":1}
`
	cases := []struct{ expr, want, code string }{
		{"SELECT s.n FROM S3Object s WHERE CAST(s.w AS TIMESTAMP) > `2020-01-31T10:00Z`", "{\"n\":\"b\"}\n", ""},
		{"SELECT s.n FROM S3Object s WHERE TO_TIMESTAMP(s.w) BETWEEN `2019T` AND `2020-02T`", "{\"n\":\"a\"}\n{\"n\":\"c\"}\n", ""},
		{"SELECT s.n FROM S3Object s WHERE CAST(s.w AS TIMESTAMP) = `2020-02-29T23:00:00.000Z`", "{\"n\":\"b\"}\n", ""},
		{"SELECT s.n FROM S3Object s WHERE CAST(s.w AS TIMESTAMP) IN (`2019-12-01T00:00Z`)", "{\"n\":\"c\"}\n", ""},
		{"SELECT DATE_ADD(month, 1, CAST(s.w AS TIMESTAMP)) AS t FROM S3Object s",
			"{\"t\":\"2020-02-29T10:00:00Z\"}\n{\"t\":\"2020-04-01T00:00+01:00\"}\n{\"t\":\"2020-01T\"}\n", ""},
		{"SELECT EXTRACT(DAY FROM TO_TIMESTAMP(s.w)) AS d, EXTRACT(timezone_hour FROM TO_TIMESTAMP(s.w)) AS z FROM S3Object s LIMIT 2",
			"{\"d\":31,\"z\":0}\n{\"d\":1,\"z\":1}\n", ""},
		{"SELECT EXTRACT(SECOND FROM `2017-01-02T03:04:05.25Z`), EXTRACT(SECOND FROM `2017-01-02T03:04:05Z`), EXTRACT(TIMEZONE_MINUTE FROM `2017-01-02T03:04-08:30`) FROM S3Object s LIMIT 1",
			"{\"_1\":5.25,\"_2\":5,\"_3\":-30}\n", ""},
		{"SELECT DATE_DIFF(day, `2020-01-01T`, TO_TIMESTAMP(s.w)) AS d FROM S3Object s", "{\"d\":30}\n{\"d\":59}\n{\"d\":-31}\n", ""},
		{"SELECT TO_STRING(TO_TIMESTAMP(s.w), s.p) AS s FROM S3Object s LIMIT 2", "{\"s\":\"2020\"}\n{\"s\":\"Mar\"}\n", ""},
		{"SELECT CAST(`2010-01-01T` AS STRING), CAST(`2010T` AS TIMESTAMP) FROM S3Object s LIMIT 1", "{\"_1\":\"2010-01-01\",\"_2\":\"2010T\"}\n", ""},
		{"SELECT TO_TIMESTAMP(s.nothing), DATE_ADD(year, NULL, `2010T`), EXTRACT(year FROM s.nothing) FROM S3Object s LIMIT 1",
			"{\"_1\":null,\"_2\":null,\"_3\":null}\n", ""},
		{"SELECT s.n FROM S3Object s WHERE CAST(s.w AS TIMESTAMP) = s.w", "", ""},
		{"SELECT s.n FROM S3Object s WHERE CAST(s.w AS TIMESTAMP) < s.w", "", "InvalidDataType"},
		{"SELECT CAST(s.p AS TIMESTAMP) FROM S3Object s", "", "CastFailed"},
		{"SELECT CAST(1 AS TIMESTAMP) FROM S3Object s", "", "CastFailed"},
		{"SELECT TO_TIMESTAMP('2007') FROM S3Object s", "", "ValueParseFailure"},
		{"SELECT TO_TIMESTAMP(2007) FROM S3Object s", "", "IncorrectSqlFunctionArgumentType"},
		{"SELECT DATE_ADD(year, 1.5, `2010T`) FROM S3Object s", "", "IncorrectSqlFunctionArgumentType"},
		{"SELECT DATE_ADD(year, 1, s.w) FROM S3Object s", "", "IncorrectSqlFunctionArgumentType"},
		{"SELECT DATE_DIFF(year, `2010T`, '2011T') FROM S3Object s", "", "IncorrectSqlFunctionArgumentType"},
		{"SELECT TO_STRING(s.w, 'y') FROM S3Object s", "", "IncorrectSqlFunctionArgumentType"},
		{"SELECT TO_STRING(`2010T`, s.p) FROM S3Object s", "", "IncorrectSqlFunctionArgumentType"},
		{"SELECT TO_STRING(`2010T`, 'yyyy-ddd') FROM S3Object s", "", "EvaluatorInvalidTimestampFormatPattern"},
		{"SELECT DATE_ADD(year, 9000, `2010T`) FROM S3Object s", "", "IllegalSqlFunctionArgument"},
		{"SELECT MAX(TO_TIMESTAMP(s.w)) FROM S3Object s", "", "IncorrectSqlFunctionArgumentType"},
	}
	for _, c := range cases {
		got, code := runJSON(t, c.expr, lines, events)
		if got != c.want || code != c.code {
			t.Errorf("%s:\n got %q %s\nwant %q %s", c.expr, got, code, c.want, c.code)
		}
	}
}

// TestTimestampCSV writes timestamps into CSV output in their text form.
func TestTimestampCSV(t *testing.T) {
	evs, err := run(t, body("SELECT TO_TIMESTAMP(_1), DATE_ADD(second, 30, TO_TIMESTAMP(_1)) FROM S3Object",
		`<CSV/>`, `<CSV/>`), []byte("2007-02-23T12:14Z\n2007T\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := "2007-02-23T12:14Z,2007-02-23T12:14:30Z\n2007T,2007-01-01T00:00:30-00:00\n"
	if got := records(evs); got != want {
		t.Errorf("CSV records %q, want %q", got, want)
	}
}

// TestUTCNow checks UTCNOW(): the time of the request in UTC to the
// millisecond, one value for every row.
func TestUTCNow(t *testing.T) {
	before := time.Now().UTC().Truncate(time.Millisecond)
	got, code := runJSON(t, "SELECT UTCNOW() AS t, DATE_DIFF(second, UTCNOW(), UTCNOW()) AS d FROM S3Object s",
		`<JSON><Type>LINES</Type></JSON>`, "{}\n{}\n")
	after := time.Now().UTC()
	m := regexp.MustCompile(`^\{"t":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)","d":0\}\n`).FindStringSubmatch(got)
	if code != "" || m == nil || len(got) != 2*len(m[0]) || got[:len(m[0])] != got[len(m[0]):] {
		t.Fatalf("UTCNOW rows %q %s", got, code)
	}
	at, err := time.Parse("2006-01-02T15:04:05.000Z", m[1])
	if err != nil || at.Before(before) || at.After(after) {
		t.Errorf("UTCNOW %s not between %s and %s", m[1], before, after)
	}
}
