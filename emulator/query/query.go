// Package query speaks the AWS Query protocol shared by IAM and STS:
// form-encoded parameters in, XML out, wrapped in
// <ActionResponse><ActionResult>…</ActionResult><ResponseMetadata> and
// errors in <ErrorResponse>.
//
// Each service keeps its own route table (action name → Handler); this
// package owns the envelope, so no handler writes HTTP itself.
package query

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// MaxFormBytes bounds a Query request body (IAM's own limit is far lower
// than this; policy documents are at most a few KB).
const MaxFormBytes = 1 << 20

// Handler runs one action. It returns the value marshalled inside
// <ActionResult> (nil for actions whose response has no result element).
type Handler func(ctx context.Context, p Params) (any, error)

// Service is one Query API: its XML namespace, its API version and its
// actions.
type Service struct {
	Namespace string
	// Version is the API version requests must name ("2010-05-08").
	Version string
	Actions map[string]Handler
	Logger  *slog.Logger
}

// faultNamespace is the namespace of the errors AWS's Query front end
// answers before a request reaches the service: an action or API version
// it does not know (InvalidAction), recorded against STS in
// justincormack/argmin crates/s3-tests/src/bin/sts_oracle.rs.
const faultNamespace = "http://webservices.amazon.com/AWSFault/2005-15-09"

// noVersion stands for a missing Version parameter in InvalidAction's
// message, as AWS writes it.
const noVersion = "NO_VERSION_SPECIFIED"

// productPage is where AWS's IAM and STS endpoints redirect a request that
// names no action (STS's recorded answer: 302 to https://aws.amazon.com/iam,
// with a GET's query string; sts_oracle.rs missing-action,
// get-missing-action).
const productPage = "https://aws.amazon.com/iam"

// Params are the request's form values.
type Params struct{ url.Values }

// ParseForm reads the Query parameters of r: the URL query merged with a
// form-encoded POST body.
func ParseForm(r *http.Request) (url.Values, error) {
	// r.URL.Query() would drop what it cannot parse, or everything past
	// Go's 10000 parameters, and the action would run on what is left.
	var values url.Values
	if r.URL.RawQuery != "" {
		var err error
		if values, err = url.ParseQuery(r.URL.RawQuery); err != nil {
			return nil, malformedQuery(err)
		}
	}
	if r.Method == http.MethodPost && r.Body != nil && formBody(r) {
		body, err := readForm(r.Body, r.ContentLength)
		if err != nil {
			return nil, err
		}
		if len(body) > MaxFormBytes {
			return nil, awserr.New("RequestEntityTooLarge", http.StatusRequestEntityTooLarge,
				"Request body too large")
		}
		form, err := parseQuery(string(body))
		if err != nil {
			return nil, malformedQuery(err)
		}
		if len(values) == 0 {
			return form, nil // nothing to merge (SDKs send no query string)
		}
		for k, v := range form {
			values[k] = append(values[k], v...)
		}
	}
	if values == nil {
		values = url.Values{}
	}
	return values, nil
}

// readForm reads a form body to its end, but no more than MaxFormBytes+1
// bytes (one more tells a body too large), as
// io.ReadAll(io.LimitReader(body, MaxFormBytes+1)) does. A body of known
// length (as a form's is) is read into one buffer its own size, instead of
// io.ReadAll's 512 bytes for a form of a hundred.
func readForm(body io.Reader, length int64) ([]byte, error) {
	if length < 0 || length > MaxFormBytes {
		return io.ReadAll(io.LimitReader(body, MaxFormBytes+1))
	}
	// One byte more than announced, to meet the end without growing.
	b := make([]byte, length+1)
	n, err := io.ReadFull(body, b)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return b[:n], nil
	case err != nil:
		return b[:n], err
	}
	// Longer than announced: read the rest as io.ReadAll would.
	rest, err := io.ReadAll(io.LimitReader(body, MaxFormBytes+1-int64(n)))
	return append(b, rest...), err
}

// parseQuery is url.ParseQuery, answering a small, plain form (what SDKs
// send) from one array of values instead of one slice per key. Whatever
// url.ParseQuery could refuse (a semicolon, a bad escape, too many
// parameters) or that is long goes to url.ParseQuery itself, so results
// and errors are its own.
func parseQuery(q string) (url.Values, error) {
	const maxFast = 32
	n := strings.Count(q, "&") + 1
	if n > maxFast || strings.IndexByte(q, ';') >= 0 {
		return url.ParseQuery(q)
	}
	m := make(url.Values, n)
	vals := make([]string, 0, n)
	for rest := q; rest != ""; {
		var part string
		part, rest, _ = strings.Cut(rest, "&")
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return url.ParseQuery(q)
		}
		if old, ok := m[k]; ok {
			m[k] = append(old, v)
			continue
		}
		vals = append(vals, v)
		m[k] = vals[len(vals)-1 : len(vals) : len(vals)]
	}
	return m, nil
}

// formType is the media type of a Query form body.
const formType = "application/x-www-form-urlencoded"

// formBody reports whether a POST body is read as the form: when its
// Content-Type is the form's, with or without parameters. AWS reads no
// other body: a POST without a Content-Type names no action (STS answers it
// with the redirect of a request without Action; sts_oracle.rs
// post-without-content-type).
func formBody(r *http.Request) bool {
	h := r.Header["Content-Type"]
	if len(h) == 0 {
		return false
	}
	media, _, _ := strings.Cut(h[0], ";")
	return strings.EqualFold(strings.TrimSpace(media), formType)
}

// malformedQuery is the answer to a query string or form that cannot be
// read: MalformedQueryString, 404, as AWS's common errors list it ("The
// query string contains a syntax error",
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).
func malformedQuery(err error) error {
	return awserr.New("MalformedQueryString", http.StatusNotFound, err.Error())
}

// Serve dispatches r (whose form is values) to its action and writes the
// response.
//
// As AWS's front end does, before the service sees it: a request without
// an Action is redirected to the product page; one whose Version is
// missing or not the service's, or whose Action the service lacks, is
// InvalidAction in the front end's own namespace. Of a repeated
// parameter the first value counts.
func (s *Service) Serve(w http.ResponseWriter, r *http.Request, values url.Values) {
	info := authn.FromContext(r.Context())
	action, version := "", noVersion
	if a, named := values["Action"]; named {
		action = a[0]
	} else if r.Method == http.MethodGet || r.Method == http.MethodPost {
		// Recorded for GET and POST; another method without an action
		// (a PUT signed for IAM) is the InvalidAction below.
		redirectToProduct(w, r, info.RequestID)
		return
	}
	if v, ok := values["Version"]; ok {
		version = v[0]
	}
	h, ok := s.Actions[action]
	if !ok || version != s.Version {
		WriteError(w, faultNamespace, info.RequestID, awserr.InvalidAction(action, version))
		return
	}
	result, err := h(r.Context(), Params{values})
	if err != nil {
		s.WriteError(w, info.RequestID, err)
		return
	}
	s.writeResult(w, action, info.RequestID, result)
}

func (s *Service) writeResult(w http.ResponseWriter, action, requestID string, result any) {
	setHeaders(w.Header(), requestID)
	b := envelopes.Get().(*bytes.Buffer)
	defer func() {
		if b.Cap() <= 64<<10 { // a long listing's buffer is not kept
			envelopes.Put(b)
		}
	}()
	b.Reset()
	write := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	write("<", action, `Response xmlns="`, s.Namespace, "\">\n")
	if result != nil {
		write("  <", action, "Result>\n    ")
		if err := writeElements(b, result); err != nil {
			s.logger().Error("marshal result", "action", action, "err", err)
			s.WriteError(w, requestID, err)
			return
		}
		write("\n  </", action, "Result>\n")
	}
	write("  <ResponseMetadata>\n    <RequestId>", requestID, "</RequestId>\n  </ResponseMetadata>\n</", action, "Response>\n")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b.Bytes())
}

// redirectToProduct answers a request that names no action as AWS's IAM
// and STS endpoints do: 302 to the product page, with a GET's query string,
// and an empty body.
func redirectToProduct(w http.ResponseWriter, r *http.Request, requestID string) {
	location := productPage
	if r.URL.RawQuery != "" {
		location += "?" + r.URL.RawQuery
	}
	h := w.Header()
	h["Location"] = []string{location}
	awserr.SetRequestID(h, requestID)
	h["Content-Length"] = []string{"0"}
	w.WriteHeader(http.StatusFound)
}

// setHeaders sets the Content-Type and x-amzn-RequestId of a Query
// answer, the request id under AWS's spelling (awserr.RequestIDHeader),
// from one slice (each value capped, so an Add elsewhere copies rather
// than writes into its neighbour): one allocation, where two Sets made
// three.
func setHeaders(h http.Header, requestID string) {
	vals := []string{"text/xml", requestID}
	h["Content-Type"] = vals[0:1:1]
	h[awserr.RequestIDHeader] = vals[1:2:2]
}

// envelopes are the buffers writeResult assembles responses in.
var envelopes = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeElements writes to b the children of result's element, indented
// for the envelope: written by result itself (straight into b) when it is
// a ResultWriter, else marshalled with the result struct's own element
// name replaced by <ActionResult>.
func writeElements(b *bytes.Buffer, result any) error {
	if rw, ok := result.(ResultWriter); ok {
		rw.WriteElements(&Elements{b: b})
		return nil
	}
	inner, err := MarshalledElements(result)
	b.WriteString(inner)
	return err
}

// MarshalledElements is what the envelope writes for result when it is
// marshalled by reflection; ResultWriter tests compare against it.
func MarshalledElements(result any) (string, error) {
	out, err := xml.MarshalIndent(result, "  ", "  ")
	if err != nil {
		return "", err
	}
	return stripOuter(string(out)), nil
}

// stripOuter removes the outermost element of a marshalled struct, leaving
// its children.
func stripOuter(s string) string {
	s = strings.TrimSpace(s)
	start := strings.Index(s, ">")
	end := strings.LastIndex(s, "</")
	if start < 0 || end < 0 || end <= start {
		return "" // self-closing: no children
	}
	return strings.Trim(s[start+1:end], " \n")
}

type errorResponse struct {
	XMLName   xml.Name  `xml:"ErrorResponse"`
	Namespace string    `xml:"xmlns,attr"`
	Error     errorBody `xml:"Error"`
	RequestID string    `xml:"RequestId"`
}

// errorBody is the Error element. An empty Message is left out, as AWS
// leaves out the one of IAM's ReportNotPresent (LocalStack
// test_iam_credential_report.py test_get_credential_report_before_generated,
// validated 2026-02-17: no Message; botocore would read an empty element
// as None) and out of most of its MalformedInput answers (Params.Int).
type errorBody struct {
	Type    string `xml:"Type"`
	Code    string `xml:"Code"`
	Message string `xml:"Message,omitempty"`
}

// WriteError renders err in the Query error envelope. Errors that are not
// *awserr.Error become InternalError; their detail goes to the log only.
func (s *Service) WriteError(w http.ResponseWriter, requestID string, err error) {
	e, ok := awserr.As(err)
	if !ok {
		s.logger().Error("internal error", "requestId", requestID, "err", err)
		e = awserr.Internal()
	}
	WriteError(w, s.Namespace, requestID, e)
}

// WriteError renders e in the Query error envelope of namespace.
func WriteError(w http.ResponseWriter, namespace, requestID string, e *awserr.Error) {
	typ := "Sender"
	if e.Receiver {
		typ = "Receiver"
	}
	for k, v := range e.Header {
		w.Header()[k] = v
	}
	setHeaders(w.Header(), requestID)
	w.WriteHeader(e.Status)
	out, _ := xml.MarshalIndent(errorResponse{Namespace: namespace,
		Error:     errorBody{Type: typ, Code: string(e.Code), Message: e.Message},
		RequestID: requestID}, "", "  ")
	_, _ = w.Write(out)
	_, _ = io.WriteString(w, "\n")
}

func (s *Service) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}

// Required returns the named parameter or a MissingParameter error. AWS's
// Smithy-era services report a missing required member as ValidationError;
// IAM and STS still answer MissingParameter... except where they validate
// with ValidationError — callers pick via Require.
func (p Params) Required(name string) (string, error) {
	v := p.Get(name)
	if v == "" && !p.Has(name) {
		return "", awserr.ValidationError("1 validation error detected: Value null at '" +
			lowerFirst(name) + "' failed to satisfy constraint: Member must not be null")
	}
	return v, nil
}

// Int returns the integer parameter name, def when absent. Like AWS's
// Query front end it reads a signed 32-bit decimal ("+900" and "0900" are
// 900) and answers anything else with MalformedInput, which names no value:
// "missing value for decimal type" for an empty one, no message at all
// otherwise (recorded for STS DurationSeconds in sts_oracle.rs and
// guides/aws-compatibility.md of justincormack/argmin, 2026-07-13; the
// same front end serves IAM).
func (p Params) Int(name string, def int) (int, error) {
	vs, ok := p.Values[name]
	if !ok {
		return def, nil
	}
	if vs[0] == "" {
		return 0, awserr.MalformedInput("missing value for decimal type")
	}
	n, err := strconv.ParseInt(vs[0], 10, 32)
	if err != nil {
		return 0, awserr.MalformedInput("")
	}
	return int(n), nil
}

// Bool returns the boolean parameter name, def when absent.
func (p Params) Bool(name string, def bool) bool {
	switch strings.ToLower(p.Get(name)) {
	case "true":
		return true
	case "false":
		return false
	}
	return def
}

// List returns the values of a list parameter such as
// "PolicyArns.member.N.arn" (prefix "PolicyArns.member", field "arn") or
// "TagKeys.member.N" (field ""), ordered by N.
func (p Params) List(prefix, field string) []string {
	type item struct {
		n int
		v string
	}
	var items []item
	dotted := prefix + "." // once, not once per parameter
	for k, vs := range p.Values {
		rest, ok := strings.CutPrefix(k, dotted)
		if !ok {
			continue
		}
		idx, tail, _ := strings.Cut(rest, ".")
		if tail != field {
			continue
		}
		n, err := strconv.Atoi(idx)
		if err != nil || len(vs) == 0 {
			continue
		}
		items = append(items, item{n, vs[0]})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].n < items[j].n })
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out
}

// Members returns, in order, the distinct N of the parameters "prefix.N"
// and "prefix.N.…": the members of a list of structures, found even when a
// member's own lists are empty ("prefix.N.List=").
func (p Params) Members(prefix string) []int {
	seen := map[int]bool{}
	var out []int
	dotted := prefix + "."
	for k := range p.Values {
		rest, ok := strings.CutPrefix(k, dotted)
		if !ok {
			continue
		}
		idx, _, _ := strings.Cut(rest, ".")
		n, err := strconv.Atoi(idx)
		if err != nil || n < 1 || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// Pairs returns key/value members such as Tags.member.N.Key/Value, ordered
// by N.
func (p Params) Pairs(prefix, keyField, valueField string) [][2]string {
	var ns []int
	dotted := prefix + "." // once, not once per parameter
	for k := range p.Values {
		rest, ok := strings.CutPrefix(k, dotted)
		if !ok {
			continue
		}
		n, tail, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(n); err == nil && tail == keyField {
			ns = append(ns, i)
		}
	}
	sort.Ints(ns)
	out := make([][2]string, 0, len(ns))
	for _, n := range ns {
		base := prefix + "." + strconv.Itoa(n) + "."
		out = append(out, [2]string{p.Get(base + keyField), p.Get(base + valueField)})
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// ErrNotQuery reports a request without an Action parameter.
var ErrNotQuery = errors.New("not a Query API request")
