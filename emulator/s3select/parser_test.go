package s3select

import (
	"strings"
	"testing"
	"time"
)

func TestParseErrors(t *testing.T) {
	cases := []struct{ expr, code string }{
		{"SELECT * FROM S3Object", ""},
		{"select s._1, s._2 as x FROM S3Object[*] AS s WHERE s._1 LIKE 'a%' LIMIT 3", ""},
		{"SELECT COUNT(*) AS cnt, SUM(CAST(s.a AS INT)) FROM S3Object s", ""},
		{"SELECT TRIM(LEADING 'x' FROM s.a), SUBSTRING(s.a FROM 2 FOR 3), SUBSTRING(s.a, 1) FROM S3Object s", ""},
		{"SELECT CASE WHEN s.a = '1' THEN 'one' ELSE 'other' END FROM S3Object s", ""},
		{"SELECT s.a[0].\"B\" FROM S3Object s WHERE s.b IS NOT MISSING AND s.c NOT IN (1, 2) AND s.d NOT BETWEEN 1 AND 2", ""},
		{"SELECT", "ParseEmptySelect"},
		{"SELECT * ", "ParseSelectMissingFrom"},
		{"SELECT *, a FROM S3Object", "ParseAsteriskIsNotAloneInSelectList"},
		{"SELECT a, * FROM S3Object", "ParseAsteriskIsNotAloneInSelectList"},
		{"UPDATE S3Object", "ParseUnsupportedSyntax"},
		{"SELECT * FROM S3Object WHERE", "ParseExpectedExpression"},
		{"SELECT * FROM S3Object s GROUP BY s.a", "ParseExpectedIdentForGroupName"},
		{"SELECT * FROM S3Object s JOIN S3Object t", "ParseMalformedJoin"},
		{"SELECT * FROM S3Object s, S3Object t", "ParseMalformedJoin"},
		{"SELECT * FROM S3Object LIMIT -1", "EvaluatorNegativeLimit"},
		{"SELECT * FROM S3Object LIMIT x", "ParseExpectedNumber"},
		{"SELECT * FROM Other", "UnsupportedSqlStructure"},
		{"SELECT * FROM S3Object WHERE a = 'x", "LexerInvalidLiteral"},
		{"SELECT * FROM S3Object WHERE a # 1", "LexerInvalidChar"},
		{"SELECT SUM(*) FROM S3Object", "ParseUnsupportedCallWithStar"},
		{"SELECT MAX(a, b) FROM S3Object", "ParseNonUnaryAgregateFunctionCall"},
		{"SELECT COUNT(COUNT(*)) FROM S3Object", "UnsupportedSqlOperation"},
		{"SELECT a, COUNT(*) FROM S3Object", "UnsupportedSqlOperation"},
		{"SELECT * FROM S3Object WHERE COUNT(*) > 1", "UnsupportedSqlOperation"},
		{"SELECT UTCNOW() FROM S3Object", ""},
		{"SELECT NOW() FROM S3Object", "UnsupportedFunction"},
		{"SELECT UTCNOW(1) FROM S3Object", "EvaluatorInvalidArguments"},
		{"SELECT DATE_ADD(week, 1, `2010T`) FROM S3Object", "ParseExpectedDatePart"},
		{"SELECT DATE_ADD('year', 1, `2010T`) FROM S3Object", "ParseExpectedDatePart"},
		{"SELECT DATE_DIFF(timezone_hour, `2010T`, `2011T`) FROM S3Object", "ParseExpectedDatePart"},
		{"SELECT EXTRACT(timezone_minute FROM `2010T`) FROM S3Object", ""},
		{"SELECT EXTRACT(year, `2010T`) FROM S3Object", "ParseExpectedKeyword"},
		{"SELECT DATE_ADD(year 1, `2010T`) FROM S3Object", "ParseExpectedArgumentDelimiter"},
		{"SELECT DATE_ADD(year, 1) FROM S3Object", "EvaluatorInvalidArguments"},
		{"SELECT DATE_DIFF(year, `2010T`, `2011T`, 1) FROM S3Object", "EvaluatorInvalidArguments"},
		{"SELECT TO_STRING(`2010T`) FROM S3Object", "EvaluatorInvalidArguments"},
		{"SELECT TO_TIMESTAMP('2010', 'yyyy') FROM S3Object", "EvaluatorInvalidArguments"},
		{"SELECT * FROM S3Object WHERE a < `2010`", "LexerInvalidIONLiteral"},
		{"SELECT * FROM S3Object WHERE a < `{a: 1}`", "LexerInvalidIONLiteral"},
		{"SELECT * FROM S3Object WHERE a < `2010T", "LexerInvalidIONLiteral"},
		{"SELECT * FROM S3Object WHERE a < ` 2010-02-28T10:00:00.5+01:00 `", ""},
		{"SELECT LOWER(a, b) FROM S3Object", "EvaluatorInvalidArguments"},
		{"SELECT CAST(a AS TIMESTAMP) FROM S3Object", ""},
		{"SELECT TIMESTAMP '2007-02-23T12:14Z' FROM S3Object", "ParseUnExpectedKeyword"},
		{"SELECT CAST(a AS BLOB) FROM S3Object", "InvalidDataType"},
		{"SELECT CAST a FROM S3Object", "ParseExpectedLeftParenAfterCast"},
		{"SELECT CAST(a) FROM S3Object", "ParseCastArity"},
		{"SELECT a FROM S3Object WHERE a IS 1", "ParseUnexpectedToken"},
		{"SELECT CASE END FROM S3Object", "ParseUnsupportedCase"},
		{"SELECT 99999999999999999999 FROM S3Object", "IntegerOverflow"},
	}
	for _, c := range cases {
		_, err := parse(c.expr, time.Now())
		got := ""
		if err != nil {
			got = err.Code
		}
		if got != c.code {
			t.Errorf("%s: got %q, want %q", c.expr, got, c.code)
		}
	}
}

func TestSelectNames(t *testing.T) {
	cases := []struct {
		expr  string
		names []string
	}{
		{"SELECT count(*) FROM S3Object", []string{"_1"}},
		{"SELECT count(*) as cnt FROM S3Object", []string{"cnt"}},
		{"SELECT s._2, s.name, 1 + 1, s.a.b FROM S3Object s", []string{"_2", "name", "_3", "b"}},
		{"SELECT LOWER(s.a) lo, s.x y FROM S3Object s", []string{"lo", "y"}},
	}
	for _, c := range cases {
		q, err := parse(c.expr, time.Now())
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		for i, it := range q.items {
			if it.name != c.names[i] {
				t.Errorf("%s: item %d named %q, want %q", c.expr, i, it.name, c.names[i])
			}
		}
	}
}

func TestRequestErrors(t *testing.T) {
	const out = `<JSON/>`
	cases := []struct {
		name, body, code string
	}{
		{"empty", "", "EmptyRequestBody"},
		{"not XML", "<Select", "MalformedXML"},
		{"other root", "<Other/>", "MalformedXML"},
		{"no expression", `<SelectObjectContentRequest><ExpressionType>SQL</ExpressionType><InputSerialization><JSON/></InputSerialization><OutputSerialization><JSON/></OutputSerialization></SelectObjectContentRequest>`, "MissingRequiredParameter"},
		{"expression type", `<SelectObjectContentRequest><Expression>SELECT * FROM S3Object</Expression><ExpressionType>XPATH</ExpressionType><InputSerialization><JSON/></InputSerialization><OutputSerialization><JSON/></OutputSerialization></SelectObjectContentRequest>`, "InvalidExpressionType"},
		{"no output", `<SelectObjectContentRequest><Expression>SELECT * FROM S3Object</Expression><ExpressionType>SQL</ExpressionType><InputSerialization><JSON/></InputSerialization></SelectObjectContentRequest>`, "MissingRequiredParameter"},
		{"two inputs", string(body("SELECT * FROM S3Object", `<JSON/><CSV/>`, out)), "ObjectSerializationConflict"},
		{"two outputs", string(body("SELECT * FROM S3Object", `<JSON/>`, `<JSON/><CSV/>`)), "ObjectSerializationConflict"},
		{"no input format", string(body("SELECT * FROM S3Object", `<CompressionType>NONE</CompressionType>`, out)), "InvalidDataSource"},
		{"compression", string(body("SELECT * FROM S3Object", `<CompressionType>ZIP</CompressionType><JSON/>`, out)), "InvalidCompressionFormat"},
		{"header info", string(body("SELECT * FROM S3Object", `<CSV><FileHeaderInfo>MAYBE</FileHeaderInfo></CSV>`, out)), "InvalidFileHeaderInfo"},
		{"json type", string(body("SELECT * FROM S3Object", `<JSON><Type>LIST</Type></JSON>`, out)), "InvalidJsonType"},
		{"quote fields", string(body("SELECT * FROM S3Object", `<JSON/>`, `<CSV><QuoteFields>NEVER</QuoteFields></CSV>`)), "InvalidQuoteFields"},
		{"long field delimiter", string(body("SELECT * FROM S3Object", `<CSV><FieldDelimiter>;;</FieldDelimiter></CSV>`, out)), "InvalidRequestParameter"},
		{"empty scan range", scanBody(`<CSV/>`, ""), "InvalidScanRange"},
		{"scan range backwards", scanBody(`<CSV/>`, "<Start>9</Start><End>2</End>"), "InvalidScanRange"},
		{"scan range negative", scanBody(`<CSV/>`, "<Start>-1</Start>"), "InvalidScanRange"},
		{"scan range of GZIP", scanBody(`<CompressionType>GZIP</CompressionType><CSV/>`, "<Start>1</Start>"), "UnsupportedScanRangeInput"},
		{"scan range of a JSON document", scanBody(`<JSON><Type>DOCUMENT</Type></JSON>`, "<Start>1</Start>"), "UnsupportedScanRangeInput"},
		{"scan range with quoted record delimiters", scanBody(`<CSV><AllowQuotedRecordDelimiter>TRUE</AllowQuotedRecordDelimiter></CSV>`, "<End>1</End>"), "UnsupportedScanRangeInput"},
		{"scan range of JSON lines", scanBody(`<JSON><Type>LINES</Type></JSON>`, "<End>1</End>"), ""},
		{"parquet", string(body("SELECT * FROM S3Object", `<Parquet/>`, out)), "NotImplemented"},
		{"bad SQL", string(body("SELECT FROM S3Object", `<JSON/>`, out)), "ParseEmptySelect"},
		{"ok", string(body("SELECT * FROM S3Object", `<CSV><FileHeaderInfo>USE</FileHeaderInfo><RecordDelimiter>&#13;&#10;</RecordDelimiter></CSV>`, out)), ""},
	}
	for _, c := range cases {
		_, err := parseRequest([]byte(c.body))
		got := ""
		if err != nil {
			got = err.Code
		}
		if got != c.code {
			t.Errorf("%s: got %q, want %q", c.name, got, c.code)
		}
	}
}

// scanBody is a request with a ScanRange of the given elements.
func scanBody(in, scan string) string {
	return strings.Replace(string(body("SELECT * FROM S3Object", in, `<JSON/>`)),
		"</SelectObjectContentRequest>", "<ScanRange>"+scan+"</ScanRange></SelectObjectContentRequest>", 1)
}

// parseRequest is ParseRequest for a request made now.
func parseRequest(body []byte) (*Request, *Error) {
	return ParseRequest(body, time.Now())
}
