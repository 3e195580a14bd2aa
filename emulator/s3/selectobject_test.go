package s3

import (
	"bytes"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
)

// selectBody is a SelectObjectContent body over a CSV object with a
// header, answered as CSV.
const selectBody = `<SelectObjectContentRequest><Expression>SELECT s.name FROM S3Object s WHERE CAST(s.n AS INT) &gt; 1</Expression>` +
	`<ExpressionType>SQL</ExpressionType><InputSerialization><CSV><FileHeaderInfo>USE</FileHeaderInfo></CSV></InputSerialization>` +
	`<OutputSerialization><CSV/></OutputSerialization></SelectObjectContentRequest>`

// selectedRecords decodes an event stream and returns its Records
// payloads and the type of its last message.
func selectedRecords(t *testing.T, body []byte) (string, string) {
	t.Helper()
	dec := eventstream.NewDecoder()
	r := bytes.NewReader(body)
	var recs, last string
	for {
		m, err := dec.Decode(r, nil)
		if err == io.EOF {
			return recs, last
		}
		if err != nil {
			t.Fatalf("event stream: %v", err)
		}
		last = m.Headers.Get(":event-type").String()
		if last == "Records" {
			recs += string(m.Payload)
		}
	}
}

// TestSelectObjectContent runs a query through the handler: authorized as
// s3:GetObject, the object read as GetObject reads it (SSE-C headers
// required alike), the answer an event stream.
func TestSelectObjectContent(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	const data = "name,n\nann,1\nbob,2\ncid,3\n"
	e.must(a, treq{method: "PUT", target: "/sel"}, 200)
	e.must(a, treq{method: "PUT", target: "/sel/k.csv", body: data}, 200)
	target := "/sel/k.csv?select&select-type=2"

	w := e.must(a, treq{method: "POST", target: target, body: selectBody}, 200)
	if recs, last := selectedRecords(t, w.Body.Bytes()); recs != "bob\ncid\n" || last != "End" {
		t.Errorf("records %q, last event %q", recs, last)
	}

	// A user with s3:GetObject may; one without may not.
	reader := e.user(acctA, "reader", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::sel/*"}]}`)
	e.must(reader, treq{method: "POST", target: target, body: selectBody}, 200)
	other := e.user(acctA, "other", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::sel/*"}]}`)
	if w := e.do(other, treq{method: "POST", target: target, body: selectBody}); w.Code != 403 {
		t.Errorf("without s3:GetObject = %d, want 403", w.Code)
	}

	wantAWSError(t, "a Range header", e.do(a, treq{method: "POST", target: target, body: selectBody, header: map[string]string{"Range": "bytes=0-1"}}),
		400, "UnsupportedRangeHeader", "A range header is not supported for this operation.")
	wantAWSError(t, "no body", e.do(a, treq{method: "POST", target: target}), 400, "EmptyRequestBody", "The request body cannot be empty.")
	wantAWSError(t, "a parse error", e.do(a, treq{method: "POST", target: target, body: `<SelectObjectContentRequest><Expression>SELECT FROM S3Object</Expression><ExpressionType>SQL</ExpressionType>` +
		`<InputSerialization><CSV/></InputSerialization><OutputSerialization><CSV/></OutputSerialization></SelectObjectContentRequest>`}),
		400, "ParseEmptySelect", "The SQL expression contains an empty SELECT clause.")

	// SSE-C: the key is required, as for GetObject.
	e.must(a, treq{method: "PUT", target: "/sel?encryption", body: allowSSEC}, 200)
	e.must(a, treq{method: "PUT", target: "/sel/c.csv", body: data, header: ssecHeaders()}, 200)
	ctarget := "/sel/c.csv?select&select-type=2"
	wantAWSError(t, "SSE-C object without the key", e.do(a, treq{method: "POST", target: ctarget, body: selectBody}), 400, "InvalidRequest",
		"The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.")
	w = e.must(a, treq{method: "POST", target: ctarget, body: selectBody, header: ssecHeaders()}, 200)
	if recs, _ := selectedRecords(t, w.Body.Bytes()); recs != "bob\ncid\n" {
		t.Errorf("SSE-C records %q", recs)
	}
}

// TestSelectUTCNowReadsServerClock: UTCNOW() is the time of the request
// by the server's clock (Options.Now, which tests and --config worlds may
// set), not the host's.
func TestSelectUTCNowReadsServerClock(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.must(a, treq{method: "PUT", target: "/selnow"}, 200)
	e.must(a, treq{method: "PUT", target: "/selnow/k.csv", body: "x\n"}, 200)
	body := `<SelectObjectContentRequest><Expression>SELECT UTCNOW() FROM S3Object s</Expression>` +
		`<ExpressionType>SQL</ExpressionType><InputSerialization><CSV/></InputSerialization>` +
		`<OutputSerialization><CSV/></OutputSerialization></SelectObjectContentRequest>`
	w := e.must(a, treq{method: "POST", target: "/selnow/k.csv?select&select-type=2", body: body}, 200)
	want := testNow.UTC().Format("2006-01-02T15:04:05.000Z") + "\n"
	if recs, last := selectedRecords(t, w.Body.Bytes()); recs != want || last != "End" {
		t.Errorf("records %q (last event %q), want %q", recs, last, want)
	}
}
