package golden

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3 Select (SelectObjectContent) as moto's AWS-verified
// tests/test_s3/test_s3_select.py recorded it from AWS: the objects its
// create_test_files puts, each query, and the events asserted, read
// through aws-sdk-go-v2's event stream reader; and aws-sdk-js-v3's e2e
// test, run against AWS.

const motoSelect = "tests/test_s3/test_s3_select.py"

// The objects of create_test_files (json.dumps of the test's values).
const (
	selSimpleJSON    = `{"a1": "b1", "a2": "b2", "a3": null}`
	selListJSON      = `[{"a1": "b1", "a2": "b2", "a3": null}, {"a1": "b2", "a3": "b3"}]`
	selNestedJSON    = `{"a1": {"b1": "b2"}, "a2": [true, false], "a3": true, "a4": [1, 5]}`
	selExtensiveJSON = `[{"staff": [{"name": "Janelyn M", "city": "Chicago", "kids": [{"Name": "Josh"}, {"Name": "Jay"}]}, {"name": "Stacy P", "city": "Seattle", "kids": {"Name": "Josh"}}], "country": "USA"}]`
	selCSV           = "a,b,c\ne,r,f\ny,u,i\nq,w,y"
	// bz2.compress of selNestedJSON and selCSV (Go has no bzip2 writer).
	selNestedBZ2 = "QlpoOTFBWSZTWeBhMQ4AAB+bgFAEPhAACjMEHgogAFRENGgGENBp6oTyQHqDJRrggVoeK4hgtniXJmSgr9MhaTVLsWVh6uHhy4IN0+LuSKcKEhwMJiHA"
	selCSVBZ2    = "QlpoOTFBWSZTWVtNUJUAAAXRgAAQAAQ7IDKgIAAiJ+qaaYT1CAaAOTMdvLXltMhg0HxdyRThQkFtNUJU"
)

func selLongJSON() string {
	var b strings.Builder
	for i := range 5 {
		fmt.Fprintf(&b, `{"a": {"b%d": "s"}, "c": "d%d"}`, i, i)
	}
	return b.String()
}

func selBytes(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func selGzip(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return b.Bytes()
}

// selectFiles puts create_test_files's objects in opsBucket.
func selectFiles() []s3Setup {
	objs := map[string][]byte{
		"simple.json": []byte(selSimpleJSON), "list.json": []byte(selListJSON), "simple_csv": []byte(selCSV),
		"extensive.json": []byte(selExtensiveJSON), "nested.json": []byte(selNestedJSON), "long.json": []byte(selLongJSON()),
		"json.gzip": selGzip(selNestedJSON), "json.bz2": selBytes(selNestedBZ2),
		"csv.gzip": selGzip(selCSV), "csv.bz2": selBytes(selCSVBZ2),
	}
	var steps []s3Setup
	for k, v := range objs {
		steps = append(steps, func(ctx context.Context, c *s3.Client) error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), Body: bytes.NewReader(v)})
			return err
		})
	}
	return steps
}

// selectAnswer is a SelectObjectContent answer as the SDK read it: the
// events in order, each Records payload, and the Stats details.
type selectAnswer struct {
	Events  []string
	Records []string
	Stats   string
}

// selectCall runs a query on key and drains its event stream.
func selectCall(key, expr string, in *types.InputSerialization, out *types.OutputSerialization) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		res, err := c.SelectObjectContent(ctx, &s3.SelectObjectContentInput{Bucket: aws.String(b), Key: aws.String(key),
			Expression: aws.String(expr), ExpressionType: types.ExpressionTypeSql, InputSerialization: in, OutputSerialization: out})
		if err != nil {
			return nil, err
		}
		st := res.GetStream()
		defer st.Close()
		var a selectAnswer
		for ev := range st.Events() {
			switch v := ev.(type) {
			case *types.SelectObjectContentEventStreamMemberRecords:
				a.Events = append(a.Events, "Records")
				a.Records = append(a.Records, string(v.Value.Payload))
			case *types.SelectObjectContentEventStreamMemberStats:
				a.Events = append(a.Events, "Stats")
				d := v.Value.Details
				a.Stats = fmt.Sprintf("BytesScanned=%d BytesProcessed=%d BytesReturned=%d",
					aws.ToInt64(d.BytesScanned), aws.ToInt64(d.BytesProcessed), aws.ToInt64(d.BytesReturned))
			case *types.SelectObjectContentEventStreamMemberEnd:
				a.Events = append(a.Events, "End")
			default:
				a.Events = append(a.Events, fmt.Sprintf("%T", ev))
			}
		}
		return a, st.Err()
	}
}

var (
	selJSONDoc = &types.InputSerialization{JSON: &types.JSONInput{Type: types.JSONTypeDocument}}
	selComma   = &types.OutputSerialization{JSON: &types.JSONOutput{RecordDelimiter: aws.String(",")}}
	selCSVIn   = &types.InputSerialization{CSV: &types.CSVInput{FileHeaderInfo: types.FileHeaderInfoUse, FieldDelimiter: aws.String(",")}}
	selBZ2CSV  = &types.InputSerialization{CSV: &types.CSVInput{}, CompressionType: types.CompressionTypeBzip2}
)

func selJSONIn(c types.CompressionType) *types.InputSerialization {
	return &types.InputSerialization{JSON: &types.JSONInput{Type: types.JSONTypeDocument}, CompressionType: c}
}

func selCSVOut(rd, fd string) *types.OutputSerialization {
	o := &types.CSVOutput{}
	if rd != "" {
		o.RecordDelimiter, o.FieldDelimiter = aws.String(rd), aws.String(fd)
	}
	return &types.OutputSerialization{CSV: o}
}

// selCase is a case of test; one Records event with payload when
// records is set, the Stats details when stats is.
func selCase(name, test string, call s3Call, records, stats string, more map[string]any) Case {
	f := map[string]any{"Events": Match(`End\]$`)}
	if records != "" {
		f["Records"], f["Records[0]"] = Len(1), records
	}
	if stats != "" {
		f["Stats"] = stats
	}
	for k, v := range more {
		f[k] = v
	}
	return s3OK("SelectObjectContent/"+name, moto(motoSelect, test, motoDate), selectFiles(), call, f)
}

func TestMotoVerifiedS3Select(t *testing.T) {
	count := "SELECT count(*) FROM S3Object"
	Run(t, []Case{
		selCase("select all of a JSON document", "test_query_all",
			selectCall("simple.json", "SELECT * FROM S3Object", selJSONDoc, selComma), `{"a1":"b1","a2":"b2","a3":null},`, "", nil),
		selCase("count of a JSON document", "test_count_function",
			selectCall("simple.json", count, selJSONDoc, selComma), `{"_1":1},`, "BytesScanned=36 BytesProcessed=36 BytesReturned=9", nil),
		selCase("count with an alias", "test_count_as",
			selectCall("simple.json", "SELECT count(*) as cnt FROM S3Object", selJSONDoc, selComma), `{"cnt":1},`, "", nil),
		selCase("count of a JSON list document", "test_count_list_as",
			selectCall("list.json", "SELECT count(*) as cnt FROM S3Object", selJSONDoc, selComma), `{"cnt":1},`, "", nil),
		selCase("count of CSV with a header", "test_count_csv",
			selectCall("simple_csv", count, selCSVIn, selComma), `{"_1":3},`, "", nil),
		selCase("JSON output's default record delimiter", "test_default_record_delimiter",
			selectCall("simple_csv", count, selCSVIn, &types.OutputSerialization{JSON: &types.JSONOutput{}}), "{\"_1\":3}\n", "", nil),
		selCase("wildcard path through a list document", "test_extensive_json__select_list",
			selectCall("extensive.json", "select * from s3object[*].staff[*] s", selJSONDoc, selComma), `{},`, "", nil),
		selCase("a list document as _1", "test_extensive_json__select_all",
			selectCall("extensive.json", "select * from s3object s", selJSONDoc, selComma),
			`{"_1":[{"staff":[{"name":"Janelyn M","city":"Chicago","kids":[{"Name":"Josh"},{"Name":"Jay"}]},{"name":"Stacy P","city":"Seattle","kids":{"Name":"Josh"}}],"country":"USA"}]},`, "", nil),
		selCase("nested document", "test_nested_json__select_all",
			selectCall("nested.json", "select * from s3object s", selJSONDoc, selComma),
			`{"a1":{"b1":"b2"},"a2":[true,false],"a3":true,"a4":[1,5]},`, "", nil),
		selCase("subdocuments of concatenated documents", "test_long_json__select_subdocument",
			selectCall("long.json", "select * from s3object[*].a", selJSONDoc, selComma),
			`{"b0":"s"},{"b1":"s"},{"b2":"s"},{"b3":"s"},{"b4":"s"},`, "BytesScanned=145 BytesProcessed=145 BytesReturned=55",
			map[string]any{"Events[0]": "Records", "Events[1]": "Stats"}),
		selCase("WHERE over concatenated documents", "test_long_json__where_filter",
			selectCall("long.json", "select * from s3object[*] s where s.c = 'd2'", selJSONDoc, selComma),
			`{"a":{"b2":"s"},"c":"d2"},`, "BytesScanned=145 BytesProcessed=145 BytesReturned=26",
			map[string]any{"Events[0]": "Records", "Events[1]": "Stats"}),
		selCase("gzipped JSON", "test_gzipped_json",
			selectCall("json.gzip", count, selJSONIn(types.CompressionTypeGzip), selComma), `{"_1":1},`, "", nil),
		selCase("bzipped JSON", "test_bzipped_json",
			selectCall("json.bz2", count, selJSONIn(types.CompressionTypeBzip2), selComma), `{"_1":1},`, "", nil),
		selCase("bzipped CSV count to CSV", "test_bzipped_csv_to_csv",
			selectCall("csv.bz2", count, selBZ2CSV, selCSVOut("_", ":")), "4_", "", nil),
		selCase("bzipped CSV count to default CSV", "test_bzipped_csv_to_csv",
			selectCall("csv.bz2", count, selBZ2CSV, selCSVOut("", "")), "4\n", "", nil),
		selCase("bzipped CSV mirrored", "test_bzipped_csv_to_csv",
			selectCall("csv.bz2", "SELECT * FROM S3Object", selBZ2CSV, selCSVOut("", "")), "a,b,c\ne,r,f\ny,u,i\nq,w,y\n", "", nil),
		selCase("bzipped CSV mirrored with delimiters", "test_bzipped_csv_to_csv",
			selectCall("csv.bz2", "SELECT * FROM S3Object", selBZ2CSV, selCSVOut("\n", ":")), "a:b:c\ne:r:f\ny:u:i\nq:w:y\n", "", nil),
	})
}

// TestS3SelectSDKe2e replays aws-sdk-js-v3's e2e test of
// SelectObjectContent (run against AWS by the SDK's CI): an unqualified
// header name, CAST in WHERE, CSV output, and exactly three events.
func TestS3SelectSDKe2e(t *testing.T) {
	const csv = "user_name,age\njsrocks,13\nnode4life,22\nesfuture,29"
	in := &types.InputSerialization{CSV: &types.CSVInput{FileHeaderInfo: types.FileHeaderInfoUse,
		RecordDelimiter: aws.String("\n"), FieldDelimiter: aws.String(",")}}
	Run(t, []Case{
		s3OK("SelectObjectContent/CSV header names and CAST",
			"aws/aws-sdk-js-v3 clients/client-s3/test/e2e/S3.e2e.spec.ts selectObjectContent \"should succeed\" (e2e, run against AWS; commit c1a4254)",
			s3Steps(putKey("users.csv", csv)),
			selectCall("users.csv", "SELECT user_name FROM S3Object WHERE cast(age as int) > 20", in, selCSVOut("", "")),
			map[string]any{"Events": Len(3), "Events[0]": "Records", "Records[0]": "node4life\nesfuture\n",
				"Events[1]": "Stats", "Events[2]": "End"}),
	})
}

// selDocs cites AWS's SQL reference for S3 Select, whose examples give
// the query, the data and the answer.
const selDocs = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-select-sql-reference-select.html "

// TestS3SelectDocs replays the examples of the SQL reference's SELECT
// command page: FROM paths and the rows they name, attribute access, case
// sensitivity of names, reserved keywords.
func TestS3SelectDocs(t *testing.T) {
	const rules = `{ "Rules": [ {"id": "1"}, {"expr": "y > x"}, {"id": "2", "expr": "z = DEBUG"} ]}` + "\n" +
		`{ "created": "June 27", "modified": "July 6" }`
	const dirs = `{ "created": "936864000", "dir_name": "important_docs", "files": [ { "name": "." }, { "name": ".." }, { "name": ".aws" }, { "name": "downloads" } ], "owner": "AWS S3" }` + "\n" +
		`{ "created": "936864000", "dir_name": "other_docs", "files": [ { "name": "." }, { "name": ".." }, { "name": "my stuff" }, { "name": "backup" } ], "owner": "User" }`
	const susan = `{"name": "Susan Smith", "org": "engineering", "projects": [ {"project_name":"project1", "completed":false}, {"project_name":"project2", "completed":true} ] }`
	lines := &types.OutputSerialization{JSON: &types.JSONOutput{}}
	csvUse := &types.InputSerialization{CSV: &types.CSVInput{FileHeaderInfo: types.FileHeaderInfoUse}}
	steps := s3Steps(putKey("rules.json", rules), putKey("dirs.json", dirs), putKey("susan.json", susan),
		putKey("upper.csv", "NAME\nann\n"), putKey("both.csv", "NAME,name\nann,bob\n"), putKey("cast.csv", "CAST\nx\n"))
	ok := func(name, part, key, expr string, in *types.InputSerialization, records string) Case {
		return s3OK("SelectObjectContent/"+name, selDocs+part, steps, selectCall(key, expr, in, lines),
			map[string]any{"Records": Len(1), "Records[0]": records})
	}
	fails := func(name, part, key, expr string, in *types.InputSerialization, code string) Case {
		c := s3OK("SelectObjectContent/"+name, selDocs+part, steps, selectCall(key, expr, in, lines), nil)
		c.Want = Want{Status: 400, Code: code}
		if code == "" {
			c.Want = Want{Status: 400, Refused: true}
		}
		return c
	}
	Run(t, []Case{
		ok("wildcard path, MISSING as empty records", "(FROM clause, example 1)", "rules.json", "SELECT id FROM S3Object[*].Rules[*].id", selJSONDoc,
			"{\"id\":\"1\"}\n{}\n{\"id\":\"2\"}\n{}\n"),
		ok("wildcard path without MISSING", "(FROM clause, example 1)", "rules.json", "SELECT id FROM S3Object[*].Rules[*].id WHERE id IS NOT MISSING", selJSONDoc,
			"{\"id\":\"1\"}\n{\"id\":\"2\"}\n"),
		ok("alias of the rows", "(FROM clause, example 2)", "dirs.json", "SELECT d.dir_name, d.files FROM S3Object[*] d", selJSONDoc,
			"{\"dir_name\":\"important_docs\",\"files\":[{\"name\":\".\"},{\"name\":\"..\"},{\"name\":\".aws\"},{\"name\":\"downloads\"}]}\n"+
				"{\"dir_name\":\"other_docs\",\"files\":[{\"name\":\".\"},{\"name\":\"..\"},{\"name\":\"my stuff\"},{\"name\":\"backup\"}]}\n"),
		ok("_1 names the rows of S3Object[*]", "(FROM clause, example 2)", "dirs.json", "SELECT _1.dir_name, _1.owner FROM S3Object[*]", selJSONDoc,
			"{\"dir_name\":\"important_docs\",\"owner\":\"AWS S3\"}\n{\"dir_name\":\"other_docs\",\"owner\":\"User\"}\n"),
		ok("attribute of a document", "(Attribute access, JSON example 1)", "susan.json", "Select s.name from S3Object s", selJSONDoc,
			"{\"name\":\"Susan Smith\"}\n"),
		ok("attribute of a list element", "(Attribute access, JSON example 2)", "susan.json", "Select s.projects[0].project_name from S3Object s", selJSONDoc,
			"{\"project_name\":\"project1\"}\n"),
		ok("unquoted header in another case", "(Case sensitivity, example 1)", "upper.csv", "SELECT s.name from S3Object s", csvUse,
			"{\"name\":\"ann\"}\n"),
		fails("quoted header in another case", "(Case sensitivity, example 1)", "upper.csv", `SELECT s."name" from S3Object s`, csvUse, "MissingHeaderName"),
		fails("unquoted header matching two", "(Case sensitivity, example 2)", "both.csv", "SELECT s.name from S3Object s", csvUse, "AmbiguousFieldName"),
		ok("quoted header matching one of two", "(Case sensitivity, example 2)", "both.csv", `SELECT s."NAME" from S3Object s`, csvUse,
			"{\"NAME\":\"ann\"}\n"),
		ok("reserved keyword quoted", "(Using reserved keywords as user-defined terms)", "cast.csv", `SELECT s."CAST" from S3Object s`, csvUse,
			"{\"CAST\":\"x\"}\n"),
		fails("reserved keyword unquoted", "(Using reserved keywords as user-defined terms: a 400 parse error)", "cast.csv", "SELECT s.CAST from S3Object s", csvUse, ""),
	})
}
