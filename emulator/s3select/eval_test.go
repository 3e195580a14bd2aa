package s3select

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// runJSON runs expr over object with the given input and JSON output (one
// record a line) and returns the records, or the error code.
func runJSON(t *testing.T, expr, in, object string) (string, string) {
	t.Helper()
	evs, err := run(t, body(expr, in, `<JSON/>`), []byte(object))
	if err != nil {
		return "", err.Code
	}
	for _, e := range evs {
		if len(e.typ) > 6 && e.typ[:6] == "error:" {
			return records(evs), e.typ[6:]
		}
	}
	return records(evs), ""
}

const people = `{"name":"Ann","age":31,"city":"Oslo","tags":["a","b"]}
{"name":"bob","age":25,"city":null}
{"name":"Cid","age":40.5,"city":"Rome","x":{"y":[10,20]}}
`

func TestEvalJSON(t *testing.T) {
	lines := `<JSON><Type>LINES</Type></JSON>`
	cases := []struct{ expr, want, code string }{
		{"SELECT s.name FROM S3Object s WHERE s.age > 30", "{\"name\":\"Ann\"}\n{\"name\":\"Cid\"}\n", ""},
		{"SELECT s.name FROM S3Object s WHERE s.age BETWEEN 25 AND 31", "{\"name\":\"Ann\"}\n{\"name\":\"bob\"}\n", ""},
		{"SELECT s.name FROM S3Object s WHERE s.age NOT BETWEEN 25 AND 31", "{\"name\":\"Cid\"}\n", ""},
		{"SELECT s.name FROM S3Object s WHERE s.city IS NULL", "{\"name\":\"bob\"}\n", ""},
		{"SELECT s.name FROM S3Object s WHERE s.x IS MISSING", "{\"name\":\"Ann\"}\n{\"name\":\"bob\"}\n", ""},
		{"SELECT s.name FROM S3Object s WHERE s.city IN ('Oslo', 'Rome') AND NOT s.name = 'Cid'", "{\"name\":\"Ann\"}\n", ""},
		{"SELECT s.name FROM S3Object s WHERE LOWER(s.name) LIKE '_o%'", "{\"name\":\"bob\"}\n", ""},
		{"SELECT s.name FROM S3Object s WHERE s.name LIKE 'A!%' ESCAPE '!'", "", ""},
		{"SELECT s.name FROM S3Object s WHERE s.city <> 'Oslo' OR s.city IS NULL", "{\"name\":\"bob\"}\n{\"name\":\"Cid\"}\n", ""},
		{"SELECT s.x.y[1] FROM S3Object s WHERE s.x.y[0] = 10", "{\"_1\":20}\n", ""},
		{"SELECT s.tags[0] AS t, UPPER(s.name) FROM S3Object s LIMIT 1", "{\"t\":\"a\",\"_2\":\"ANN\"}\n", ""},
		{"SELECT * FROM S3Object s LIMIT 0", "", ""},
		{"SELECT COUNT(*), COUNT(s.city), SUM(s.age), MIN(s.age), MAX(s.age), AVG(s.age) FROM S3Object s",
			"{\"_1\":3,\"_2\":2,\"_3\":96.5,\"_4\":25,\"_5\":40.5,\"_6\":32.166666666666664}\n", ""},
		{"SELECT MAX(s.name) FROM S3Object s", "", "IncorrectSqlFunctionArgumentType"},
		{"SELECT SUM(s.age) AS total FROM S3Object s WHERE s.age < 40", "{\"total\":56}\n", ""},
		{"SELECT AVG(s.nothing), COUNT(*) FROM S3Object s WHERE s.age > 100", "{\"_1\":null,\"_2\":0}\n", ""},
		{"SELECT s.age * 2 + 1, s.age / 2, s.age % 7, -s.age FROM S3Object s LIMIT 1", "{\"_1\":63,\"_2\":15,\"_3\":3,\"_4\":-31}\n", ""},
		{"SELECT s.name || '!' FROM S3Object s LIMIT 1", "", "ParseUnknownOperator"},
		{"SELECT s.name FROM S3Object s WHERE s.age = '31' OR s.age <> '25' AND s.name = 'bob'", "{\"name\":\"bob\"}\n", ""},
		{"SELECT CHAR_LENGTH(s.name), SUBSTRING(s.name, 2), SUBSTRING(s.name FROM 0 FOR 2), TRIM(BOTH 'A' FROM s.name) FROM S3Object s LIMIT 1",
			"{\"_1\":3,\"_2\":\"nn\",\"_3\":\"An\",\"_4\":\"nn\"}\n", ""},
		{"SELECT COALESCE(s.city, 'none'), NULLIF(s.name, 'bob') FROM S3Object s WHERE s.name = 'bob'", "{\"_1\":\"none\",\"_2\":null}\n", ""},
		{"SELECT CASE WHEN s.age > 30 THEN 'old' ELSE 'young' END AS a FROM S3Object s", "{\"a\":\"old\"}\n{\"a\":\"young\"}\n{\"a\":\"old\"}\n", ""},
		{"SELECT CAST(s.age AS INT), CAST(s.age AS STRING), CAST('1.5' AS FLOAT), CAST('TRUE' AS BOOL) FROM S3Object s WHERE s.name = 'Cid'",
			"{\"_1\":40,\"_2\":\"40.5\",\"_3\":1.5,\"_4\":true}\n", ""},
		{"SELECT * FROM S3Object s WHERE s.name > 1", "", "InvalidDataType"},
		{"SELECT s.name + 1 FROM S3Object s", "", "InvalidDataType"},
		{"SELECT CAST(s.name AS INT) FROM S3Object s", "", "CastFailed"},
		{"SELECT s.age / 0 FROM S3Object s", "", "ExternalEvalException"},
		{"SELECT LOWER(s.age) FROM S3Object s", "", "IncorrectSqlFunctionArgumentType"},
		{"SELECT SUM(s.name) FROM S3Object s", "", "IncorrectSqlFunctionArgumentType"},
		{"SELECT 9223372036854775807 + s.age FROM S3Object s", "", "IntegerOverflow"},
	}
	for _, c := range cases {
		got, code := runJSON(t, c.expr, lines, people)
		if got != c.want || code != c.code {
			t.Errorf("%s:\n got %q %s\nwant %q %s", c.expr, got, code, c.want, c.code)
		}
	}
}

func TestEvalCSV(t *testing.T) {
	const data = "id,Name,score\n1,ann,10\n2,\"Bob, Jr\",7\n3,\"say \"\"hi\"\"\",12\n"
	use := `<CSV><FileHeaderInfo>USE</FileHeaderInfo></CSV>`
	cases := []struct{ in, expr, want, code string }{
		{use, "SELECT s.name FROM S3Object s WHERE CAST(s.score AS INT) > 8", "{\"name\":\"ann\"}\n{\"name\":\"say \\\"hi\\\"\"}\n", ""},
		{use, "SELECT s.\"Name\", s._1 FROM S3Object s WHERE s.id = '2'", "{\"Name\":\"Bob, Jr\",\"_1\":\"2\"}\n", ""},
		{use, "SELECT s.\"name\" FROM S3Object s WHERE s.id = '2'", "", "MissingHeaderName"},
		{use, "SELECT s.\"nothere\" FROM S3Object s", "", "MissingHeaderName"},
		{use, "SELECT s.nothere FROM S3Object s LIMIT 1", "{}\n", ""},
		{use, "SELECT _1 FROM S3Object[*] LIMIT 1", "{\"_1\":\"1\"}\n", ""},
		{use, "SELECT * FROM S3Object[*].a", "", "InvalidKeyPath"},
		{use, "SELECT SUM(CAST(score AS INT)) FROM S3Object", "{\"_1\":29}\n", ""},
		{`<CSV><FileHeaderInfo>IGNORE</FileHeaderInfo></CSV>`, "SELECT _2 FROM S3Object WHERE _1 = '1'", "{\"_2\":\"ann\"}\n", ""},
		{`<CSV/>`, "SELECT COUNT(*) FROM S3Object", "{\"_1\":4}\n", ""},
		{`<CSV/>`, "SELECT _9 FROM S3Object LIMIT 1", "{}\n", ""},
		{use, "SELECT * FROM S3Object WHERE score > 8", "", "InvalidDataType"},
	}
	for _, c := range cases {
		got, code := runJSON(t, c.expr, c.in, data)
		if got != c.want || code != c.code {
			t.Errorf("%s:\n got %q %s\nwant %q %s", c.expr, got, code, c.want, c.code)
		}
	}
}

func TestCSVReader(t *testing.T) {
	cases := []struct {
		name, in, data, want, code string
	}{
		{"delimiters", `<CSV><FieldDelimiter>;</FieldDelimiter><RecordDelimiter>|</RecordDelimiter></CSV>`, "a;b|c;d|", "a,b\nc,d\n", ""},
		{"multi-byte delimiter", `<CSV><FieldDelimiter>╦</FieldDelimiter></CSV>`, "\"a\"╦\"b\"╦c\n", "a,b,c\n", ""},
		{"crlf", "<CSV><RecordDelimiter>&#13;&#10;</RecordDelimiter></CSV>", "a,b\r\nc,d", "a,b\nc,d\n", ""},
		{"comments", `<CSV><Comments>#</Comments></CSV>`, "#x,y\na,b\n#z\n", "a,b\n", ""},
		{"quoted delimiter", `<CSV/>`, "\"a,b\",c\n", "\"a,b\",c\n", ""},
		{"escape", `<CSV><QuoteEscapeCharacter>\</QuoteEscapeCharacter></CSV>`, "\"a\\\"b\",c\n", "\"a\"\"b\",c\n", ""},
		{"quoted newline refused", `<CSV/>`, "\"a\nb\",c\n", "", "CSVEscapingRecordDelimiter"},
		{"quoted newline allowed", `<CSV><AllowQuotedRecordDelimiter>TRUE</AllowQuotedRecordDelimiter></CSV>`, "\"a\nb\",c\n", "\"a\nb\",c\n", ""},
		{"unterminated quote", `<CSV/>`, "\"ab,c\n", "", "CSVEscapingRecordDelimiter"},
		{"unterminated quote at end", `<CSV/>`, "\"ab,c", "", "CSVParsingError"},
	}
	for _, c := range cases {
		evs, err := run(t, body("SELECT * FROM S3Object", c.in, `<CSV/>`), []byte(c.data))
		code := ""
		if err != nil {
			code = err.Code
		}
		if got := records(evs); got != c.want || code != c.code {
			t.Errorf("%s: got %q %s, want %q %s", c.name, got, code, c.want, c.code)
		}
	}
}

func TestCSVOutput(t *testing.T) {
	var b bytes.Buffer
	w := csvWriter{o: &CSVOutput{QuoteFields: "ALWAYS", FieldDelimiter: ",", RecordDelimiter: "\n", QuoteCharacter: "'", QuoteEscapeCharacter: "\\"}}
	w.write(&b, []Field{{V: strV("it's")}, {V: intV(3)}, {V: nullV}})
	if got, want := b.String(), "'it\\'s','3',''\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestLongStream checks that many records go out as several Records
// events, read lazily, and that LIMIT stops the reading.
func TestLongStream(t *testing.T) {
	var obj bytes.Buffer
	for i := range 20000 {
		obj.WriteString("row,")
		obj.WriteString(string(rune('a' + i%26)))
		obj.WriteString("\n")
	}
	evs, err := run(t, body("SELECT * FROM S3Object", `<CSV/>`, `<CSV/>`), obj.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range evs {
		if e.typ == "Records" {
			n++
		}
	}
	if n < 2 || records(evs) != obj.String() {
		t.Errorf("%d Records events, same records %v", n, records(evs) == obj.String())
	}
	evs, _ = run(t, body("SELECT * FROM S3Object LIMIT 2", `<CSV/>`, `<CSV/>`), obj.Bytes())
	if got := records(evs); got != "row,a\nrow,b\n" {
		t.Errorf("LIMIT 2: %q", got)
	}
}

// TestScanRange: a record is processed when its first byte is in the
// range (API_ScanRange); End alone is the last End bytes.
func TestScanRange(t *testing.T) {
	const csv = "h1,h2\naa,1\nbb,2\ncc,3\n"             // records at 6, 11, 16
	const lines = "{\"a\":1}\n{\"a\":2}\n\n{\"a\":3}\n" // records at 0, 8, 17
	cases := []struct{ in, data, scan, want string }{
		{`<CSV><FileHeaderInfo>USE</FileHeaderInfo></CSV>`, csv, "<Start>6</Start><End>11</End>", "{\"h1\":\"aa\",\"h2\":\"1\"}\n{\"h1\":\"bb\",\"h2\":\"2\"}\n"},
		{`<CSV><FileHeaderInfo>USE</FileHeaderInfo></CSV>`, csv, "<Start>7</Start>", "{\"h1\":\"bb\",\"h2\":\"2\"}\n{\"h1\":\"cc\",\"h2\":\"3\"}\n"},
		{`<CSV><FileHeaderInfo>USE</FileHeaderInfo></CSV>`, csv, "<End>5</End>", "{\"h1\":\"cc\",\"h2\":\"3\"}\n"},
		{`<CSV/>`, csv, "<Start>0</Start><End>0</End>", "{\"_1\":\"h1\",\"_2\":\"h2\"}\n"},
		{`<CSV/>`, csv, "<Start>100</Start>", ""},
		{`<JSON><Type>LINES</Type></JSON>`, lines, "<Start>1</Start><End>17</End>", "{\"a\":2}\n{\"a\":3}\n"},
		{`<JSON><Type>LINES</Type></JSON>`, lines, "<End>3</End>", ""},
	}
	for _, c := range cases {
		evs, err := run(t, []byte(scanBody(c.in, c.scan)), []byte(c.data))
		if err != nil {
			t.Fatalf("%s: %v", c.scan, err)
		}
		if got := records(evs); got != c.want {
			t.Errorf("%s %s: got %q, want %q", c.in, c.scan, got, c.want)
		}
	}
}

// TestJSONRecordLimit: a JSON record over 1 MB is OverMaxRecordSize,
// found before the whole object is read.
func TestJSONRecordLimit(t *testing.T) {
	huge := `{"a":"` + strings.Repeat("x", 3<<20) + `"}` + "\n" + `{"a":1}`
	req, err := parseRequest(body("SELECT * FROM S3Object", `<JSON><Type>DOCUMENT</Type></JSON>`, `<JSON/>`))
	if err != nil {
		t.Fatal(err)
	}
	obj := &countingReader{r: strings.NewReader(huge)}
	_, err = Select(req, io.NopCloser(obj), int64(len(huge)))
	if err == nil || err.Code != "OverMaxRecordSize" {
		t.Fatalf("got %v, want OverMaxRecordSize", err)
	}
	if obj.n > 2<<20 {
		t.Errorf("read %d bytes of the object before refusing", obj.n)
	}
	evs, err := run(t, body("SELECT * FROM S3Object", `<JSON><Type>LINES</Type></JSON>`, `<JSON/>`),
		[]byte(`{"a":"`+strings.Repeat("y", 900<<10)+`"}`+"\n"+`{"a":1}`))
	if err != nil || !strings.HasSuffix(records(evs), "{\"a\":1}\n") {
		t.Errorf("records under the limit: %v", err)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestDocExamples replays the examples of AWS's SQL reference for S3
// Select ("SELECT command": FROM clause, attribute access, case
// sensitivity, reserved keywords;
// docs.aws.amazon.com/AmazonS3/latest/userguide/s3-select-sql-reference-select.html).
func TestDocExamples(t *testing.T) {
	const rules = `{ "Rules": [ {"id": "1"}, {"expr": "y > x"}, {"id": "2", "expr": "z = DEBUG"} ]}
{ "created": "June 27", "modified": "July 6" }`
	const dirs = `{ "created": "936864000", "dir_name": "important_docs", "files": [ { "name": "." }, { "name": ".." }, { "name": ".aws" }, { "name": "downloads" } ], "owner": "AWS S3" }
{ "created": "936864000", "dir_name": "other_docs", "files": [ { "name": "." }, { "name": ".." }, { "name": "my stuff" }, { "name": "backup" } ], "owner": "User" }`
	const susan = `{"name": "Susan Smith", "org": "engineering", "projects": [ {"project_name":"project1", "completed":false}, {"project_name":"project2", "completed":true} ] }`
	doc := `<JSON><Type>DOCUMENT</Type></JSON>`
	use := `<CSV><FileHeaderInfo>USE</FileHeaderInfo></CSV>`
	cases := []struct{ in, data, expr, want, code string }{
		{doc, rules, "SELECT id FROM S3Object[*].Rules[*].id", "{\"id\":\"1\"}\n{}\n{\"id\":\"2\"}\n{}\n", ""},
		{doc, rules, "SELECT id FROM S3Object[*].Rules[*].id WHERE id IS NOT MISSING", "{\"id\":\"1\"}\n{\"id\":\"2\"}\n", ""},
		{doc, dirs, "SELECT d.dir_name, d.files FROM S3Object[*] d",
			"{\"dir_name\":\"important_docs\",\"files\":[{\"name\":\".\"},{\"name\":\"..\"},{\"name\":\".aws\"},{\"name\":\"downloads\"}]}\n" +
				"{\"dir_name\":\"other_docs\",\"files\":[{\"name\":\".\"},{\"name\":\"..\"},{\"name\":\"my stuff\"},{\"name\":\"backup\"}]}\n", ""},
		{doc, dirs, "SELECT _1.dir_name, _1.owner FROM S3Object[*]",
			"{\"dir_name\":\"important_docs\",\"owner\":\"AWS S3\"}\n{\"dir_name\":\"other_docs\",\"owner\":\"User\"}\n", ""},
		{doc, `{"books": [{"price": 1}, {"price": 2}]}`, "SELECT price FROM S3Object[*].books[*].price", "{\"price\":1}\n{\"price\":2}\n", ""},
		{doc, `{"books": [{"price": 1}, {"price": 2}]}`, "SELECT _1.price FROM S3Object[*].books[*]", "{\"price\":1}\n{\"price\":2}\n", ""},
		{doc, rules, "SELECT * FROM S3Object.Rules", "", "ParseInvalidPathComponent"},
		{doc, rules, "SELECT COUNT(*), COUNT(id) FROM S3Object[*].Rules[*].id", "{\"_1\":2,\"_2\":2}\n", ""},
		{doc, susan, "Select s.name from S3Object s", "{\"name\":\"Susan Smith\"}\n", ""},
		{doc, susan, "Select s.projects[0].project_name from S3Object s", "{\"project_name\":\"project1\"}\n", ""},
		{use, "NAME\nann\n", "SELECT s.name from S3Object s", "{\"name\":\"ann\"}\n", ""},
		{use, "NAME\nann\n", "SELECT s.\"name\" from S3Object s", "", "MissingHeaderName"},
		{use, "NAME,name\nann,bob\n", "SELECT s.name from S3Object s", "", "AmbiguousFieldName"},
		{use, "NAME,name\nann,bob\n", "SELECT s.\"NAME\" from S3Object s", "{\"NAME\":\"ann\"}\n", ""},
		{use, "CAST\nx\n", "SELECT s.\"CAST\" from S3Object s", "{\"CAST\":\"x\"}\n", ""},
		{use, "CAST\nx\n", "SELECT s.CAST from S3Object s", "", "ParseInvalidPathComponent"},
		{use, "date\nx\n", "SELECT date from S3Object", "", "ParseUnExpectedKeyword"},
	}
	for _, c := range cases {
		got, code := runJSON(t, c.expr, c.in, c.data)
		if got != c.want || code != c.code {
			t.Errorf("%s:\n got %q %s\nwant %q %s", c.expr, got, code, c.want, c.code)
		}
	}
}

// TestFunctionDocs replays the examples of AWS's SQL reference pages
// "String functions" and "Conditional functions".
func TestFunctionDocs(t *testing.T) {
	cases := []struct{ expr, want string }{
		{"CHAR_LENGTH('')", "0"},
		{"CHAR_LENGTH('abcdefg')", "7"},
		{"LOWER('AbCdEfG!@#$')", `"abcdefg!@#$"`},
		{"UPPER('AbCdEfG!@#$')", `"ABCDEFG!@#$"`},
		{"SUBSTRING('123456789', 0)", `"123456789"`},
		{"SUBSTRING('123456789', 1)", `"123456789"`},
		{"SUBSTRING('123456789', 2)", `"23456789"`},
		{"SUBSTRING('123456789', -4)", `"123456789"`},
		{"SUBSTRING('123456789', 0, 999)", `"123456789"`},
		{"SUBSTRING('123456789', 1, 5)", `"12345"`},
		{"TRIM('       foobar         ')", `"foobar"`},
		{"TRIM('      \tfoobar\t         ')", `"\tfoobar\t"`},
		{"TRIM(LEADING FROM '       foobar         ')", `"foobar         "`},
		{"TRIM(TRAILING FROM '       foobar         ')", `"       foobar"`},
		{"TRIM(BOTH FROM '       foobar         ')", `"foobar"`},
		{"TRIM(BOTH '12' FROM '1112211foobar22211122')", `"foobar"`},
		{"COALESCE(1)", "1"},
		{"COALESCE(null)", "null"},
		{"COALESCE(null, null)", "null"},
		{"COALESCE(missing)", "null"},
		{"COALESCE(missing, missing)", "null"},
		{"COALESCE(1, null)", "1"},
		{"COALESCE(null, null, 1)", "1"},
		{"COALESCE(null, 'string')", `"string"`},
		{"COALESCE(missing, 1)", "1"},
		{"NULLIF(1, 1)", "null"},
		{"NULLIF(1, 2)", "1"},
		{"NULLIF(1.0, 1)", "null"},
		{"NULLIF(1, '1')", "1"},
		{"NULLIF(1, NULL)", "1"},
		{"NULLIF(NULL, 1)", "null"},
		{"NULLIF(null, null)", "null"},
		{"NULLIF(missing, null)", "null"},
		{"NULLIF(missing, missing)", "null"},
	}
	for _, c := range cases {
		// The doc writes \t inside the string: a tab.
		expr := strings.ReplaceAll(c.expr, `\t`, "\t")
		got, code := runJSON(t, "SELECT "+expr+" AS v FROM S3Object", `<JSON><Type>LINES</Type></JSON>`, "{}\n")
		want := "{\"v\":" + strings.ReplaceAll(c.want, `\t`, `\t`) + "}\n"
		if code != "" || got != want {
			t.Errorf("%s: got %q %s, want %q", c.expr, got, code, want)
		}
	}
}

// TestContEvents: a scan that sends nothing for a while sends Cont events
// (here after every 64 records, the idle time being zero), which commit
// the answer: a failure after one is an error event.
func TestContEvents(t *testing.T) {
	var obj strings.Builder
	for i := range 1000 {
		obj.WriteString("x," + strings.Repeat("y", i%3) + "\n")
	}
	req, err := parseRequest(body("SELECT COUNT(*) FROM S3Object s WHERE s._2 = 'yy'", `<CSV/>`, `<CSV/>`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := selectEvery(req, io.NopCloser(strings.NewReader(obj.String())), int64(obj.Len()), 0)
	if err != nil {
		t.Fatal(err)
	}
	evs := decode(t, s)
	conts := 0
	for _, e := range evs {
		if e.typ == "Cont" {
			conts++
		}
	}
	if conts < 10 || records(evs) != "333\n" || evs[len(evs)-1].typ != "End" {
		t.Errorf("%d Cont events, records %q, last %q", conts, records(evs), evs[len(evs)-1].typ)
	}
	req, _ = parseRequest(body("SELECT CAST(s._2 AS INT) FROM S3Object s", `<CSV/>`, `<CSV/>`))
	bad := strings.Repeat("1,2\n", 200) + "1,y\n"
	s, err = selectEvery(req, io.NopCloser(strings.NewReader(bad)), int64(len(bad)), 0)
	if err != nil {
		t.Fatalf("a failure after a Cont event answered before the stream: %v", err)
	}
	evs = decode(t, s)
	if last := evs[len(evs)-1].typ; last != "error:CastFailed" {
		t.Errorf("last event %q, want the CastFailed error event", last)
	}
}
