package query_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
)

func TestParamsListAndPairs(t *testing.T) {
	t.Parallel()
	p := query.Params{Values: url.Values{
		"PolicyArns.member.2.arn":  {"arn:b"},
		"PolicyArns.member.1.arn":  {"arn:a"},
		"PolicyArns.member.10.arn": {"arn:j"},
		"TagKeys.member.1":         {"k1"},
		"Tags.member.2.Key":        {"team"},
		"Tags.member.2.Value":      {"blue"},
		"Tags.member.1.Key":        {"env"},
		"Tags.member.1.Value":      {""},
	}}
	if got := strings.Join(p.List("PolicyArns.member", "arn"), ","); got != "arn:a,arn:b,arn:j" {
		t.Errorf("List(PolicyArns) = %s, want arn:a,arn:b,arn:j (numeric order)", got)
	}
	if got := strings.Join(p.List("TagKeys.member", ""), ","); got != "k1" {
		t.Errorf("List(TagKeys) = %s, want k1", got)
	}
	pairs := p.Pairs("Tags.member", "Key", "Value")
	if len(pairs) != 2 || pairs[0] != [2]string{"env", ""} || pairs[1] != [2]string{"team", "blue"} {
		t.Errorf("Pairs(Tags) = %v, want [[env ] [team blue]]", pairs)
	}
}

func TestParamsValidation(t *testing.T) {
	t.Parallel()
	p := query.Params{Values: url.Values{"N": {"x"}, "Empty": {""}}}
	if _, err := p.Required("RoleName"); err == nil {
		t.Error("Required(missing) = nil, want ValidationError")
	} else if e, _ := awserr.As(err); e.Code != "ValidationError" || !strings.Contains(e.Message, "'roleName'") {
		t.Errorf("Required(missing) = %v, want ValidationError naming roleName", err)
	}
	if v, err := p.Required("Empty"); err != nil || v != "" {
		t.Errorf("Required(present but empty) = %q, %v; want \"\", nil", v, err)
	}
	// AWS's Query front end: MalformedInput, with a message only for an
	// empty value (justincormack/argmin sts_oracle.rs, DurationSeconds).
	for name, wantMsg := range map[string]string{"N": "", "Empty": "missing value for decimal type"} {
		_, err := p.Int(name, 0)
		if e, ok := awserr.As(err); !ok || e.Code != "MalformedInput" || e.Status != 400 || e.Message != wantMsg {
			t.Errorf("Int(%s) = %v, want 400 MalformedInput %q", name, err, wantMsg)
		}
	}
	if n, err := p.Int("Absent", 7); err != nil || n != 7 {
		t.Errorf("Int(absent) = %d, %v; want 7, nil", n, err)
	}
}

type result struct {
	Name  string `xml:"Name"`
	Count int    `xml:"Count"`
}

func TestServeEnvelope(t *testing.T) {
	t.Parallel()
	svc := &query.Service{Namespace: "https://example.amazonaws.com/doc/1/", Version: "1", Actions: map[string]query.Handler{
		"Describe": func(context.Context, query.Params) (any, error) { return &result{Name: "a<b", Count: 2}, nil },
		"Delete":   func(context.Context, query.Params) (any, error) { return nil, nil },
		"Fail": func(context.Context, query.Params) (any, error) {
			return nil, awserr.New("NoSuchEntity", 404, "The role with name x cannot be found.")
		},
		"Crash": func(context.Context, query.Params) (any, error) { return nil, http.ErrBodyNotAllowed },
	}}
	tests := []struct {
		action     string
		wantStatus int
		want       []string
	}{
		{"Describe", 200, []string{`<DescribeResponse xmlns="https://example.amazonaws.com/doc/1/">`, "<DescribeResult>", "<Name>a&lt;b</Name>", "<Count>2</Count>", "<RequestId>req-9</RequestId>"}},
		{"Delete", 200, []string{"<DeleteResponse", "<RequestId>req-9</RequestId>"}},
		{"Fail", 404, []string{"<ErrorResponse", "<Type>Sender</Type>", "<Code>NoSuchEntity</Code>", "<RequestId>req-9</RequestId>"}},
		{"Crash", 500, []string{"<Code>InternalError</Code>", "<Type>Receiver</Type>"}},
		{"Nope", 400, []string{"<Code>InvalidAction</Code>"}},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", nil)
			r = r.WithContext(authn.WithInfo(r.Context(), &authn.Info{RequestID: "req-9"}))
			w := httptest.NewRecorder()
			svc.Serve(w, r, url.Values{"Action": {tt.action}, "Version": {"1"}})
			body := w.Body.String()
			if w.Code != tt.wantStatus {
				t.Errorf("%s status = %d, want %d", tt.action, w.Code, tt.wantStatus)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("%s body lacks %q:\n%s", tt.action, s, body)
				}
			}
			if strings.Contains(body, "ErrBodyNotAllowed") || strings.Contains(body, "request method or response status code does not allow body") {
				t.Errorf("%s leaked an internal error to the client:\n%s", tt.action, body)
			}
			if err := xml.Unmarshal(w.Body.Bytes(), new(struct{})); err != nil {
				t.Errorf("%s body is not well-formed XML: %v", tt.action, err)
			}
			if strings.Contains(body, "Result>\n\n") {
				t.Errorf("%s body has a blank line inside the result", tt.action)
			}
			// Names as AWS spells them, stored so that they go out so
			// (botocore's debug log of IAM answers:
			// {'x-amzn-RequestId': ..., 'Content-Type': 'text/xml', ...}).
			want := http.Header{"Content-Type": {"text/xml"}, "x-amzn-RequestId": {"req-9"}}
			for k := range want {
				if got := w.Header()[k]; !slices.Equal(got, want[k]) {
					t.Errorf("%s header %s = %q, want %q", tt.action, k, got, want[k])
				}
			}
			if got := w.Header()["X-Amzn-Requestid"]; got != nil {
				t.Errorf("%s also sends the canonical X-Amzn-Requestid: %q", tt.action, got)
			}
		})
	}
}

func TestParseFormLimits(t *testing.T) {
	t.Parallel()
	big := strings.NewReader("Action=X&Data=" + strings.Repeat("a", query.MaxFormBytes))
	r := httptest.NewRequest(http.MethodPost, "/", big)
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if _, err := query.ParseForm(r); err == nil {
		t.Error("ParseForm(oversized body) = nil, want an error")
	}
	r = httptest.NewRequest(http.MethodPost, "/?Version=1", strings.NewReader("Action=ListUsers"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	v, err := query.ParseForm(r)
	if err != nil || v.Get("Action") != "ListUsers" || v.Get("Version") != "1" {
		t.Errorf("ParseForm = %v, %v; want Action and Version merged from body and URL", v, err)
	}
}

// TestMalformedURLQuery: a Query request whose URL query cannot be read
// whole (a bad escape, a semicolon, more than Go's 10000 parameters) is
// MalformedQueryString, 404, as its form body already was, instead of
// running the action on whatever parsed
// (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).
func TestMalformedURLQuery(t *testing.T) {
	t.Parallel()
	var many strings.Builder
	many.WriteString("Action=ListUsers&Version=2010-05-08")
	for i := range 10_001 {
		fmt.Fprintf(&many, "&p%d=x", i)
	}
	for _, tt := range []struct{ name, method, rawQuery string }{
		{"GET, over 10000 parameters", http.MethodGet, many.String()},
		{"POST, over 10000 parameters in the URL", http.MethodPost, many.String()},
		{"GET, bad escape", http.MethodGet, "Action=ListUsers&UserName=%zz"},
		{"GET, semicolon", http.MethodGet, "Action=ListUsers;UserName=bob"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/", strings.NewReader(""))
			r.URL.RawQuery = tt.rawQuery
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			v, err := query.ParseForm(r)
			e, ok := awserr.As(err)
			if !ok || e.Code != "MalformedQueryString" || e.Status != http.StatusNotFound || v != nil {
				t.Errorf("ParseForm = %d values, %v; want 404 MalformedQueryString and no values", len(v), err)
			}
		})
	}
	r := httptest.NewRequest(http.MethodGet, "/?Action=ListUsers&Version=2010-05-08", nil)
	if v, err := query.ParseForm(r); err != nil || v.Get("Action") != "ListUsers" {
		t.Errorf("ParseForm(well-formed GET) = %v, %v; want Action ListUsers", v, err)
	}
}

// TestServeFrontEnd replays what AWS's Query front end answers before a
// request reaches the service, as recorded against STS by
// justincormack/argmin crates/s3-tests/src/bin/sts_oracle.rs (run against
// sts.amazonaws.com, 2026-07): the probe names are the oracle's.
func TestServeFrontEnd(t *testing.T) {
	t.Parallel()
	const fault = `<ErrorResponse xmlns="http://webservices.amazon.com/AWSFault/2005-15-09">`
	svc := &query.Service{Namespace: "https://sts.amazonaws.com/doc/2011-06-15/", Version: "2011-06-15",
		Actions: map[string]query.Handler{"GetCallerIdentity": func(context.Context, query.Params) (any, error) { return nil, nil }}}
	tests := []struct {
		probe, method, target, body, contentType string
		wantStatus                               int
		wantLocation, wantMessage                string
	}{
		{"missing-action", "POST", "/", "Version=2011-06-15", formCT, 302, "https://aws.amazon.com/iam", ""},
		{"get-missing-action", "GET", "/?Version=2011-06-15", "", "", 302, "https://aws.amazon.com/iam?Version=2011-06-15", ""},
		{"post-without-content-type", "POST", "/", "Action=GetCallerIdentity&Version=2011-06-15", "", 302, "https://aws.amazon.com/iam", ""},
		{"post-content-type-with-charset", "POST", "/", "Action=GetCallerIdentity&Version=2011-06-15", formCT + "; charset=utf-8", 200, "", ""},
		{"unknown-action", "POST", "/", "Action=NoSuchAction&Version=2011-06-15", formCT, 400, "", "Could not find operation NoSuchAction for version 2011-06-15"},
		{"missing-version", "POST", "/", "Action=GetCallerIdentity", formCT, 400, "", "Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED"},
		{"empty-version", "POST", "/", "Action=GetCallerIdentity&Version=", formCT, 400, "", "Could not find operation GetCallerIdentity for version "},
		{"unsupported-version", "POST", "/", "Action=GetCallerIdentity&Version=2000-01-01", formCT, 400, "", "Could not find operation GetCallerIdentity for version 2000-01-01"},
		{"duplicate-action", "POST", "/", "Action=GetCallerIdentity&Action=NoSuchAction&Version=2011-06-15", formCT, 200, "", ""},
		{"duplicate-action-invalid-first", "POST", "/", "Action=NoSuchAction&Action=GetCallerIdentity&Version=2011-06-15", formCT, 400, "", "Could not find operation NoSuchAction for version 2011-06-15"},
		{"duplicate-version", "POST", "/", "Action=GetCallerIdentity&Version=2011-06-15&Version=2000-01-01", formCT, 200, "", ""},
		{"duplicate-version-invalid-first", "POST", "/", "Action=GetCallerIdentity&Version=2000-01-01&Version=2011-06-15", formCT, 400, "", "Could not find operation GetCallerIdentity for version 2000-01-01"},
		{"empty-action", "POST", "/", "Action=&Version=2011-06-15", formCT, 400, "", "Could not find operation  for version 2011-06-15"},
		{"unknown-parameter", "POST", "/", "Action=GetCallerIdentity&Version=2011-06-15&Unknown=value", formCT, 200, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.probe, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			r = r.WithContext(authn.WithInfo(r.Context(), &authn.Info{RequestID: "req-1"}))
			values, err := query.ParseForm(r)
			if err != nil {
				t.Fatalf("ParseForm: %v", err)
			}
			w := httptest.NewRecorder()
			svc.Serve(w, r, values)
			body := w.Body.String()
			requestID := rawHeader(w.Header(), awserr.RequestIDHeader)
			if w.Code != tt.wantStatus || w.Header().Get("Location") != tt.wantLocation || len(requestID) != 1 || requestID[0] != "req-1" {
				t.Fatalf("status %d, Location %q, x-amzn-RequestId %q; want %d, %q, req-1",
					w.Code, w.Header().Get("Location"), requestID, tt.wantStatus, tt.wantLocation)
			}
			switch {
			case tt.wantStatus == 302 && (body != "" || w.Header().Get("Content-Length") != "0"):
				t.Errorf("redirect body %q, Content-Length %q; want empty, 0", body, w.Header().Get("Content-Length"))
			case tt.wantMessage != "":
				want := fault + "\n  <Error>\n    <Type>Sender</Type>\n    <Code>InvalidAction</Code>\n    <Message>" +
					tt.wantMessage + "</Message>\n  </Error>\n  <RequestId>req-1</RequestId>\n</ErrorResponse>\n"
				if body != want {
					t.Errorf("body\n%s\nwant\n%s", body, want)
				}
			}
		})
	}
}

const formCT = "application/x-www-form-urlencoded"

// rawHeader is the values stored under exactly name, which need not be
// canonical (AWS's spellings are stored as they are sent).
func rawHeader(h http.Header, name string) []string {
	for k, v := range h {
		if k == name {
			return v
		}
	}
	return nil
}
