package s3select

import (
	"encoding/xml"
	"time"
	"unicode/utf8"
)

// Request is a SelectObjectContent request body
// (docs.aws.amazon.com/AmazonS3/latest/API/API_SelectObjectContent.html),
// checked and with its defaults filled in.
type Request struct {
	query    *query
	progress bool
	// compression is NONE, GZIP or BZIP2.
	compression string
	csvIn       *CSVInput // one of csvIn and jsonIn
	jsonType    string    // DOCUMENT or LINES
	csvOut      *CSVOutput
	jsonOut     string // the JSON output's record delimiter, when csvOut is nil
	scan        *scanRange
}

// CSVInput is the CSV InputSerialization, defaults filled in.
type CSVInput struct {
	FileHeaderInfo             string // NONE, USE or IGNORE
	FieldDelimiter             string
	RecordDelimiter            string
	QuoteCharacter             string
	QuoteEscapeCharacter       string
	Comments                   string
	AllowQuotedRecordDelimiter bool
}

// CSVOutput is the CSV OutputSerialization, defaults filled in.
type CSVOutput struct {
	QuoteFields          string // ASNEEDED or ALWAYS
	FieldDelimiter       string
	RecordDelimiter      string
	QuoteCharacter       string
	QuoteEscapeCharacter string
}

// The request body as sent; pointers tell an absent element from an
// empty one.
type wireRequest struct {
	XMLName         xml.Name
	Expression      *string `xml:"Expression"`
	ExpressionType  *string `xml:"ExpressionType"`
	RequestProgress *struct {
		Enabled *string `xml:"Enabled"`
	} `xml:"RequestProgress"`
	Input  *wireInput  `xml:"InputSerialization"`
	Output *wireOutput `xml:"OutputSerialization"`
	Scan   *struct {
		Start *string `xml:"Start"`
		End   *string `xml:"End"`
	} `xml:"ScanRange"`
}

type wireInput struct {
	CompressionType *string `xml:"CompressionType"`
	CSV             *struct {
		FileHeaderInfo             *string `xml:"FileHeaderInfo"`
		Comments                   *string `xml:"Comments"`
		QuoteEscapeCharacter       *string `xml:"QuoteEscapeCharacter"`
		RecordDelimiter            *string `xml:"RecordDelimiter"`
		FieldDelimiter             *string `xml:"FieldDelimiter"`
		QuoteCharacter             *string `xml:"QuoteCharacter"`
		AllowQuotedRecordDelimiter *string `xml:"AllowQuotedRecordDelimiter"`
	} `xml:"CSV"`
	JSON *struct {
		Type *string `xml:"Type"`
	} `xml:"JSON"`
	Parquet *struct{} `xml:"Parquet"`
}

type wireOutput struct {
	CSV *struct {
		QuoteFields          *string `xml:"QuoteFields"`
		QuoteEscapeCharacter *string `xml:"QuoteEscapeCharacter"`
		RecordDelimiter      *string `xml:"RecordDelimiter"`
		FieldDelimiter       *string `xml:"FieldDelimiter"`
		QuoteCharacter       *string `xml:"QuoteCharacter"`
	} `xml:"CSV"`
	JSON *struct {
		RecordDelimiter *string `xml:"RecordDelimiter"`
	} `xml:"JSON"`
}

// ParseRequest reads and checks a SelectObjectContent body, SQL
// expression included, with AWS's error codes for what is missing or not
// valid. Parquet input is answered 501 NotImplemented. now is the time of
// the request, what UTCNOW() answers (the server's clock, which tests may
// set).
func ParseRequest(body []byte, now time.Time) (*Request, *Error) {
	if len(body) == 0 {
		return nil, fail("EmptyRequestBody")
	}
	var w wireRequest
	if err := xml.Unmarshal(body, &w); err != nil || w.XMLName.Local != "SelectObjectContentRequest" {
		return nil, fail("MalformedXML")
	}
	if w.Expression == nil || *w.Expression == "" || w.ExpressionType == nil || w.Input == nil || w.Output == nil {
		return nil, fail("MissingRequiredParameter")
	}
	if *w.ExpressionType != "SQL" {
		return nil, fail("InvalidExpressionType")
	}
	r := &Request{}
	if w.RequestProgress != nil && w.RequestProgress.Enabled != nil {
		switch *w.RequestProgress.Enabled {
		case "true":
			r.progress = true
		case "false":
		default:
			return nil, fail("InvalidRequestParameter")
		}
	}
	var err *Error
	if err = r.input(w.Input); err != nil {
		return nil, err
	}
	if err = r.output(w.Output); err != nil {
		return nil, err
	}
	if w.Scan != nil {
		if r.scan, err = parseScanRange(w.Scan.Start, w.Scan.End); err != nil {
			return nil, err
		}
		if r.compression != "NONE" || r.jsonType == "DOCUMENT" || (r.csvIn != nil && r.csvIn.AllowQuotedRecordDelimiter) {
			return nil, fail("UnsupportedScanRangeInput")
		}
	}
	if r.query, err = parse(*w.Expression, now); err != nil {
		return nil, err
	}
	if r.csvIn != nil && len(r.query.from) > 0 {
		return nil, fail("InvalidKeyPath") // a FROM path is for JSON only
	}
	return r, nil
}

func (r *Request) input(in *wireInput) *Error {
	n := 0
	for _, set := range []bool{in.CSV != nil, in.JSON != nil, in.Parquet != nil} {
		if set {
			n++
		}
	}
	switch {
	case n == 0:
		return fail("InvalidDataSource")
	case n > 1:
		return fail("ObjectSerializationConflict")
	}
	r.compression = "NONE"
	if in.CompressionType != nil {
		switch c := *in.CompressionType; c {
		case "NONE", "GZIP", "BZIP2":
			r.compression = c
		default:
			return fail("InvalidCompressionFormat")
		}
	}
	switch {
	case in.Parquet != nil:
		return NotImplemented("Parquet objects")
	case in.JSON != nil:
		r.jsonType = "DOCUMENT"
		if t := in.JSON.Type; t != nil {
			if *t != "DOCUMENT" && *t != "LINES" {
				return fail("InvalidJsonType")
			}
			r.jsonType = *t
		}
		return nil
	}
	c := in.CSV
	ci := &CSVInput{FileHeaderInfo: "NONE", FieldDelimiter: ",", RecordDelimiter: "\n", QuoteCharacter: `"`, QuoteEscapeCharacter: `"`}
	if c.FileHeaderInfo != nil {
		switch h := *c.FileHeaderInfo; h {
		case "NONE", "USE", "IGNORE":
			ci.FileHeaderInfo = h
		default:
			return fail("InvalidFileHeaderInfo")
		}
	}
	for _, s := range []struct {
		in   *string
		out  *string
		most int
	}{{c.FieldDelimiter, &ci.FieldDelimiter, 1}, {c.RecordDelimiter, &ci.RecordDelimiter, 2},
		{c.QuoteCharacter, &ci.QuoteCharacter, 1}, {c.QuoteEscapeCharacter, &ci.QuoteEscapeCharacter, 1},
		{c.Comments, &ci.Comments, 1}} {
		if s.in == nil {
			continue
		}
		if n := utf8.RuneCountInString(*s.in); n == 0 || n > s.most {
			return fail("InvalidRequestParameter")
		}
		*s.out = *s.in
	}
	if a := c.AllowQuotedRecordDelimiter; a != nil {
		switch *a {
		case "true", "TRUE":
			ci.AllowQuotedRecordDelimiter = true
		case "false", "FALSE":
		default:
			return fail("InvalidRequestParameter")
		}
	}
	r.csvIn = ci
	return nil
}

func (r *Request) output(out *wireOutput) *Error {
	switch {
	case out.CSV != nil && out.JSON != nil:
		return fail("ObjectSerializationConflict")
	case out.CSV == nil && out.JSON == nil:
		return fail("MissingRequiredParameter")
	case out.JSON != nil:
		r.jsonOut = "\n"
		if d := out.JSON.RecordDelimiter; d != nil {
			if n := utf8.RuneCountInString(*d); n == 0 || n > 2 {
				return fail("InvalidRequestParameter")
			}
			r.jsonOut = *d
		}
		return nil
	}
	c := out.CSV
	co := &CSVOutput{QuoteFields: "ASNEEDED", FieldDelimiter: ",", RecordDelimiter: "\n", QuoteCharacter: `"`, QuoteEscapeCharacter: `"`}
	if c.QuoteFields != nil {
		if *c.QuoteFields != "ASNEEDED" && *c.QuoteFields != "ALWAYS" {
			return fail("InvalidQuoteFields")
		}
		co.QuoteFields = *c.QuoteFields
	}
	for _, s := range []struct {
		in   *string
		out  *string
		most int
	}{{c.FieldDelimiter, &co.FieldDelimiter, 1}, {c.RecordDelimiter, &co.RecordDelimiter, 2},
		{c.QuoteCharacter, &co.QuoteCharacter, 1}, {c.QuoteEscapeCharacter, &co.QuoteEscapeCharacter, 1}} {
		if s.in == nil {
			continue
		}
		if n := utf8.RuneCountInString(*s.in); n == 0 || n > s.most {
			return fail("InvalidRequestParameter")
		}
		*s.out = *s.in
	}
	r.csvOut = co
	return nil
}
