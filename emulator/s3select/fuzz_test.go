package s3select

import (
	"bytes"
	"io"
	"testing"
)

// FuzzSelect runs arbitrary expressions over arbitrary objects in each
// input format: a query may be refused or fail with an error event, but it
// must never panic, never hang, and every answer must decode as an event
// stream that ends in End or an error event.
func FuzzSelect(f *testing.F) {
	seeds := []struct{ expr, object string }{
		{"SELECT * FROM S3Object", `{"a":1}`},
		{"SELECT s.a, s.b FROM S3Object[*] s WHERE s.a > 1 LIMIT 2", "{\"a\":2,\"b\":\"x\"}\n{\"a\":1}"},
		{"SELECT count(*) AS n, SUM(CAST(_1 AS INT)) FROM S3Object WHERE _2 LIKE '%x_'", "1,ax1\n2,bx\n"},
		{"SELECT UPPER(TRIM(LEADING 'a' FROM s.name)) || '!' FROM S3Object s WHERE s.n BETWEEN 1 AND 3 OR s.n IN (5, 6)", `[{"name":"ab","n":2}]`},
		{"SELECT CASE WHEN _1 IS NULL THEN 'n' ELSE SUBSTRING(_1, 2, 3) END FROM S3Object", "abcdef\n\n"},
		{"SELECT COALESCE(NULLIF(s.x, 0), -1.5e3) / 0 FROM S3Object s", `{"x":0}`},
		{"SELECT * FROM S3Object[*].a[1].b", `{"a":[{"b":1},{"b":[2,3]}]}`},
		{"SELECT DATE_ADD(month, -13, CAST(s.t AS TIMESTAMP)), EXTRACT(TIMEZONE_HOUR FROM TO_TIMESTAMP(s.t)) FROM S3Object s WHERE TO_TIMESTAMP(s.t) > `2010-01-31T`",
			`{"t":"2012-03-31T23:59:59.999+05:30"}`},
		{"SELECT DATE_DIFF(day, `2010T`, TO_TIMESTAMP(_1)), TO_STRING(TO_TIMESTAMP(_1), 'MMMM d, y h:m a XXX ''SS''') FROM S3Object",
			"2017-01-02T03:04:05.006Z\n2007T\n"},
		{"SELECT UTCNOW(), DATE_ADD(second, 1, UTCNOW()) FROM S3Object s", "{}"},
	}
	for _, s := range seeds {
		for format := range uint8(4) {
			f.Add(s.expr, []byte(s.object), format)
		}
	}
	inputs := []string{
		`<CSV><FileHeaderInfo>NONE</FileHeaderInfo></CSV>`,
		`<CSV><FileHeaderInfo>USE</FileHeaderInfo><AllowQuotedRecordDelimiter>TRUE</AllowQuotedRecordDelimiter></CSV>`,
		`<JSON><Type>LINES</Type></JSON>`,
		`<JSON><Type>DOCUMENT</Type></JSON>`,
	}
	outputs := []string{`<JSON/>`, `<CSV/>`}
	f.Fuzz(func(t *testing.T, expr string, object []byte, format uint8) {
		raw := body(expr, inputs[int(format)%len(inputs)], outputs[int(format/4)%len(outputs)])
		req, err := parseRequest(raw)
		if err != nil {
			if err.Code == "" {
				t.Fatalf("refusal without a code for %q", expr)
			}
			return
		}
		s, err := Select(req, io.NopCloser(bytes.NewReader(object)), int64(len(object)))
		if err != nil {
			if err.Code == "" {
				t.Fatalf("failure without a code for %q", expr)
			}
			return
		}
		events := decode(t, s)
		if len(events) == 0 {
			t.Fatalf("no events for %q", expr)
		}
		last := events[len(events)-1].typ
		if last != "End" && !bytes.HasPrefix([]byte(last), []byte("error:")) {
			t.Fatalf("stream for %q ends with %q, not End or an error", expr, last)
		}
	})
}
