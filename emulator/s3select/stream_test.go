package s3select

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
)

// event is one decoded message of a stream.
type event struct {
	typ, payload string
}

// decode reads a whole stream back with the SDK's decoder.
func decode(t *testing.T, r io.Reader) []event {
	t.Helper()
	dec := eventstream.NewDecoder()
	var out []event
	for {
		m, err := dec.Decode(r, nil)
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		typ := ""
		if v := m.Headers.Get(":event-type"); v != nil {
			typ = v.String()
		}
		if v := m.Headers.Get(":error-code"); v != nil {
			typ = "error:" + v.String()
		}
		out = append(out, event{typ: typ, payload: string(m.Payload)})
	}
}

// body builds a request body.
func body(expr, input, output string) []byte {
	var esc bytes.Buffer
	_ = xml.EscapeText(&esc, []byte(expr))
	return []byte(`<SelectObjectContentRequest xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Expression>` + esc.String() +
		`</Expression><ExpressionType>SQL</ExpressionType><InputSerialization>` + input +
		`</InputSerialization><OutputSerialization>` + output + `</OutputSerialization></SelectObjectContentRequest>`)
}

// run runs a request over object and returns its events.
func run(t *testing.T, raw []byte, object []byte) ([]event, *Error) {
	t.Helper()
	req, err := parseRequest(raw)
	if err != nil {
		return nil, err
	}
	s, err := Select(req, io.NopCloser(bytes.NewReader(object)), int64(len(object)))
	if err != nil {
		return nil, err
	}
	return decode(t, s), nil
}

func records(evs []event) string {
	var b strings.Builder
	for _, e := range evs {
		if e.typ == "Records" {
			b.WriteString(e.payload)
		}
	}
	return b.String()
}

func stats(evs []event) string {
	for _, e := range evs {
		if e.typ == "Stats" {
			return e.payload
		}
	}
	return ""
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// The inputs of moto's AWS-verified tests/test_s3/test_s3_select.py.
var (
	simpleJSON    = `{"a1": "b1", "a2": "b2", "a3": null}`
	nestedJSON    = `{"a1": {"b1": "b2"}, "a2": [true, false], "a3": true, "a4": [1, 5]}`
	extensiveJSON = `[{"staff": [{"name": "Janelyn M", "city": "Chicago", "kids": [{"Name": "Josh"}, {"Name": "Jay"}]}, {"name": "Stacy P", "city": "Seattle", "kids": {"Name": "Josh"}}], "country": "USA"}]`
	simpleCSV     = "a,b,c\ne,r,f\ny,u,i\nq,w,y"
)

func longJSON() string {
	var b strings.Builder
	for i := range 5 {
		fmt.Fprintf(&b, `{"a": {"b%d": "s"}, "c": "d%d"}`, i, i)
	}
	return b.String()
}

const (
	jsonDoc   = `<JSON><Type>DOCUMENT</Type></JSON>`
	jsonComma = `<JSON><RecordDelimiter>,</RecordDelimiter></JSON>`
)

func statsXML(scanned, processed, returned int) string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?><Stats><BytesScanned>%d</BytesScanned><BytesProcessed>%d</BytesProcessed><BytesReturned>%d</BytesReturned></Stats>`, scanned, processed, returned)
}

// TestMotoVerified replays the assertions of moto's AWS-verified
// test_s3_select.py (getmoto/moto, recorded from AWS).
func TestMotoVerified(t *testing.T) {
	cases := []struct {
		name, expr, in, out, object string
		records, stats              string
		jsonEqual                   any // records (less the last byte) as JSON
	}{
		{name: "test_query_all", expr: "SELECT * FROM S3Object", in: jsonDoc, out: jsonComma, object: simpleJSON,
			records: `{"a1":"b1","a2":"b2","a3":null},`},
		{name: "test_count_function", expr: "SELECT count(*) FROM S3Object", in: jsonDoc, out: jsonComma, object: simpleJSON,
			records: `{"_1":1},`, stats: statsXML(36, 36, 9)},
		{name: "test_count_csv", expr: "SELECT count(*) FROM S3Object", in: `<CSV><FileHeaderInfo>USE</FileHeaderInfo><FieldDelimiter>,</FieldDelimiter></CSV>`,
			out: jsonComma, object: simpleCSV, records: `{"_1":3},`},
		{name: "test_default_record_delimiter", expr: "SELECT count(*) FROM S3Object", in: `<CSV><FileHeaderInfo>USE</FileHeaderInfo></CSV>`,
			out: `<JSON/>`, object: simpleCSV, records: "{\"_1\":3}\n"},
		{name: "test_extensive_json__select_list", expr: "select * from s3object[*].staff[*] s", in: jsonDoc, out: jsonComma,
			object: extensiveJSON, records: `{},`},
		{name: "test_extensive_json__select_all", expr: "select * from s3object s", in: jsonDoc, out: jsonComma,
			object: extensiveJSON, jsonEqual: map[string]any{"_1": mustJSON(extensiveJSON)}},
		{name: "test_nested_json__select_all", expr: "select * from s3object s", in: jsonDoc, out: jsonComma,
			object: nestedJSON, jsonEqual: mustJSON(nestedJSON)},
		{name: "test_long_json__select_subdocument", expr: "select * from s3object[*].a", in: jsonDoc, out: jsonComma,
			object: longJSON(), records: `{"b0":"s"},{"b1":"s"},{"b2":"s"},{"b3":"s"},{"b4":"s"},`, stats: statsXML(145, 145, 55)},
		{name: "test_long_json__where_filter", expr: "select * from s3object[*] s where s.c = 'd2'", in: jsonDoc, out: jsonComma,
			object: longJSON(), records: `{"a":{"b2":"s"},"c":"d2"},`, stats: statsXML(145, 145, 26)},
		{name: "test_bzipped_csv_to_csv/count", expr: "SELECT count(*) FROM S3Object", in: `<CSV/>`,
			out: `<CSV><RecordDelimiter>_</RecordDelimiter><FieldDelimiter>:</FieldDelimiter></CSV>`, object: simpleCSV, records: "4_"},
		{name: "test_bzipped_csv_to_csv/count default output", expr: "SELECT count(*) FROM S3Object", in: `<CSV/>`,
			out: `<CSV/>`, object: simpleCSV, records: "4\n"},
		{name: "test_bzipped_csv_to_csv/mirror", expr: "SELECT * FROM S3Object", in: `<CSV/>`,
			out: `<CSV/>`, object: simpleCSV, records: "a,b,c\ne,r,f\ny,u,i\nq,w,y\n"},
		{name: "test_bzipped_csv_to_csv/mirror with delimiters", expr: "SELECT * FROM S3Object", in: `<CSV/>`,
			out: "<CSV><RecordDelimiter>\n</RecordDelimiter><FieldDelimiter>:</FieldDelimiter></CSV>", object: simpleCSV, records: "a:b:c\ne:r:f\ny:u:i\nq:w:y\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evs, err := run(t, body(c.expr, c.in, c.out), []byte(c.object))
			if err != nil {
				t.Fatalf("error %v", err)
			}
			got := records(evs)
			if c.records != "" && got != c.records {
				t.Errorf("records %q, want %q", got, c.records)
			}
			if c.jsonEqual != nil {
				want, _ := json.Marshal(c.jsonEqual)
				if !strings.HasSuffix(got, ",") || !jsonSame(got[:len(got)-1], string(want)) {
					t.Errorf("records %s, want %s,", got, want)
				}
			}
			if c.stats != "" && stats(evs) != c.stats {
				t.Errorf("stats %s, want %s", stats(evs), c.stats)
			}
			if last := evs[len(evs)-1]; last.typ != "End" {
				t.Errorf("last event %q, want End", last.typ)
			}
		})
	}
}

func mustJSON(s string) any {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		panic(err)
	}
	return v
}

func jsonSame(a, b string) bool {
	x, y := mustJSONOK(a), mustJSONOK(b)
	xs, _ := json.Marshal(x)
	ys, _ := json.Marshal(y)
	return x != nil && string(xs) == string(ys)
}

func mustJSONOK(s string) any {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return nil
	}
	return v
}

func TestCompressed(t *testing.T) {
	evs, err := run(t, body("SELECT count(*) FROM S3Object", `<CompressionType>GZIP</CompressionType>`+jsonDoc, jsonComma), gz(nestedJSON))
	if err != nil || records(evs) != `{"_1":1},` {
		t.Fatalf("gzip: %v %q", err, records(evs))
	}
	if want := statsXML(len(gz(nestedJSON)), len(nestedJSON), 9); stats(evs) != want {
		t.Errorf("stats %s, want %s", stats(evs), want)
	}
	_, err = run(t, body("SELECT count(*) FROM S3Object", `<CompressionType>GZIP</CompressionType>`+jsonDoc, jsonComma), []byte(nestedJSON))
	if err == nil || err.Code != "InvalidCompressionFormat" {
		t.Errorf("not gzip: %v", err)
	}
}
