package golden

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
	"github.com/fakeaws/fakeaws/emulator/expect"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Case is one recorded AWS exchange: the request Call makes (after Setup
// built the world it needs) and what AWS answered.
type Case struct {
	// Name names the subtest; unique within its file.
	Name string
	// Source says where AWS's answer was recorded: a LocalStack snapshot key
	// (with the validated test), an AWS documentation URL, a GitHub issue
	// quoting AWS. Required.
	Source string
	// Options are the server options (zero value: fakeaws's defaults).
	Options emulator.Options
	// Setup prepares the world (buckets, users, objects). Failures here are
	// the test's set-up failing, not the case.
	Setup func(ctx context.Context, t *testing.T, w *World)
	// Call makes the one request the case records and returns the SDK's
	// output and error, or an *http.Response made with w.HTTP / w.Signed.
	Call func(ctx context.Context, w *World) (any, error)
	// Want is AWS's answer.
	Want Want
	// Op names the operation ("S3 OPTIONS (CORS preflight)") of a raw Call
	// the server's decision log cannot name; see coverage_test.go.
	Op string
}

// Want is the part of AWS's answer a case checks.
type Want struct {
	// Status is the HTTP status. Zero means 200 for a success; an error
	// case must give it.
	Status int
	// Code is the AWS error code; empty for a success.
	Code string
	// Message is the exact error message; MessagePrefix a prefix of it.
	// Neither set: the message is not checked.
	Message       string
	MessagePrefix string
	// Refused is for a recording that says only that AWS refused the call:
	// an error answer (status 400 or more), of status Status when that is
	// set; Code and Message are then not checked.
	Refused bool
	// Fields maps a path into the output (or typed error) to its value:
	// "Buckets[0].Name", "ContentLength", "header:Content-Encoding", or
	// "body" (a raw HTTP answer's body as sent). A value is compared with
	// the dereferenced field printed by fmt.Sprint, or is a Matcher
	// (Absent, Present, Prefix, Len, Match).
	Fields map[string]any
}

// Matcher checks a field's value; found is false when the path led to a
// nil pointer, a missing element or an absent header.
type Matcher interface {
	Check(v reflect.Value, found bool) error
}

type matcherFunc func(reflect.Value, bool) error

func (f matcherFunc) Check(v reflect.Value, found bool) error { return f(v, found) }

// Absent wants the field nil, missing or empty.
var Absent Matcher = matcherFunc(func(v reflect.Value, found bool) error {
	if found && !isEmpty(v) {
		return fmt.Errorf("want absent, got %s", show(v))
	}
	return nil
})

// Present wants the field set to a non-empty value.
var Present Matcher = matcherFunc(func(v reflect.Value, found bool) error {
	if !found || isEmpty(v) {
		return errors.New("want present, got absent")
	}
	return nil
})

// EmptyList wants a list the answer carries without members: an empty
// element (<Tags/>), which the SDK reads as a non-nil empty slice.
var EmptyList Matcher = matcherFunc(func(v reflect.Value, found bool) error {
	if !found || v.Kind() != reflect.Slice || v.IsNil() || v.Len() != 0 {
		return fmt.Errorf("want an empty list, got %s", showFound(v, found))
	}
	return nil
})

// Missing wants the element left out of the answer: a nil pointer or a
// nil slice (an empty element is a non-nil empty slice, see EmptyList).
var Missing Matcher = matcherFunc(func(v reflect.Value, found bool) error {
	if found && (v.Kind() != reflect.Slice || !v.IsNil()) {
		return fmt.Errorf("want the element left out, got %s", show(v))
	}
	return nil
})

// Prefix wants a value printed with prefix p.
func Prefix(p string) Matcher {
	return matcherFunc(func(v reflect.Value, found bool) error {
		if !found || !strings.HasPrefix(show(v), p) {
			return fmt.Errorf("want prefix %q, got %s", p, showFound(v, found))
		}
		return nil
	})
}

// Match wants a value printed matching the regular expression re.
func Match(re string) Matcher {
	rx := regexp.MustCompile(re)
	return matcherFunc(func(v reflect.Value, found bool) error {
		if !found || !rx.MatchString(show(v)) {
			return fmt.Errorf("want match %q, got %s", re, showFound(v, found))
		}
		return nil
	})
}

// Len wants a slice, map or string of length n (an absent one has length 0).
func Len(n int) Matcher {
	return matcherFunc(func(v reflect.Value, found bool) error {
		got := 0
		if found {
			switch v.Kind() {
			case reflect.Slice, reflect.Map, reflect.String, reflect.Array:
				got = v.Len()
			default:
				return fmt.Errorf("want length %d, got non-collection %s", n, show(v))
			}
		}
		if got != n {
			return fmt.Errorf("want length %d, got %d (%s)", n, got, showFound(v, found))
		}
		return nil
	})
}

// localstack cites a snapshot recorded against AWS in LocalStack's test
// suite: file under tests/aws/services/, test id, snapshot key, and the
// last_validated_date of the test in the matching *.validation.json.
func localstack(file, test, key, validated string) string {
	return "localstack/localstack tests/aws/services/" + file + " " + test + " \"" + key + "\" (validated against AWS " + validated + ")"
}

// World is one fakeaws server, in process on loopback, with clients for it.
type World struct {
	Server *emulator.Server
	// Endpoint is the server's base URL (path-style).
	Endpoint string
	// ServiceHost is the S3 service host name with the server's port
	// ("s3.localhost.localstack.cloud:PORT"): BUCKET.ServiceHost is a
	// virtual-hosted bucket. Every host name dials the server (see HTTP).
	ServiceHost string
	// HTTP is a plain client for the server (no redirects followed).
	HTTP *http.Client

	mu   sync.Mutex
	last *http.Response // the last raw response an SDK client saw
	// lastOp is the operation ("IAM CreateUser") of last.
	lastOp string
}

// newWorld starts a server with opts over a fresh store; it stops when the
// test ends. The store runs every batched write twice, the first time
// rolled back (store.Options.Rehearse), so each recorded answer is also
// shown to hold when a failing neighbour in its commit round makes a
// write run again.
func newWorld(t *testing.T, opts emulator.Options) *World {
	t.Helper()
	srv := emulatortest.NewOver(t, opts, store.Options{Rehearse: true})
	ts := httptest.NewUnstartedServer(srv)
	ts.Listener = expect.Listener(ts.Listener) // as cmd/fakeaws serves
	ts.Start()
	tr := &http.Transport{}
	addr := ts.Listener.Addr().String()
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	// Every host name (BUCKET.localhost) dials the test server.
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return dialer.DialContext(ctx, network, addr)
	}
	t.Cleanup(func() {
		ts.Close()
		tr.CloseIdleConnections()
	})
	return &World{
		Server:      srv,
		Endpoint:    "http://" + addr,
		ServiceHost: net.JoinHostPort(vhostSuffix, strconv.Itoa(ts.Listener.Addr().(*net.TCPAddr).Port)),
		HTTP: &http.Client{Transport: tr, Timeout: 60 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
	}
}

// Root is the root user of a 12-digit account (auto-created on first use).
func Root(account string) aws.Credentials {
	return aws.Credentials{AccessKeyID: account, SecretAccessKey: "test", Source: "fakeaws root"}
}

// Config is an aws.Config for creds in us-east-1 against the server, with
// LoadDefaultConfig's checksum defaults and no retries.
func (w *World) Config(creds aws.Credentials) aws.Config {
	return w.ConfigIn("us-east-1", creds)
}

// ConfigIn is Config signing for region.
func (w *World) ConfigIn(region string, creds aws.Credentials) aws.Config {
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken),
		HTTPClient:   w.HTTP,
		BaseEndpoint: aws.String(w.Endpoint),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
		Logger:       logging.Nop{},
		APIOptions:   []func(*middleware.Stack) error{w.recordResponse},

		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported,
	}
}

// S3 is a path-style S3 client for creds; virtual-hosted (S3VirtualHost)
// when the environment sets GOLDEN_S3_ADDRESSING=virtual, to run every SDK
// S3 case that way (raw requests keep their paths).
func (w *World) S3(creds aws.Credentials, opts ...func(*s3.Options)) *s3.Client {
	if os.Getenv("GOLDEN_S3_ADDRESSING") == "virtual" {
		return w.S3VirtualHost(creds, opts...)
	}
	return s3.NewFromConfig(w.Config(creds), append([]func(*s3.Options){func(o *s3.Options) { o.UsePathStyle = true }}, opts...)...)
}

// vhostSuffix is the host name under which the virtual-hosted clients
// put bucket names: one of fakeaws's default suffixes (CONTRACT.md).
const vhostSuffix = "s3.localhost.localstack.cloud"

// S3VirtualHost is an S3 client for creds that addresses buckets
// virtual-hosted style, as the SDKs do by default: the SDK puts the bucket
// in the host name (BUCKET.ServiceHost) and the World's transport dials
// that name to the server, keeping the Host header the SDK set.
func (w *World) S3VirtualHost(creds aws.Credentials, opts ...func(*s3.Options)) *s3.Client {
	cfg := w.Config(creds)
	cfg.BaseEndpoint = aws.String("http://" + w.ServiceHost)
	return s3.NewFromConfig(cfg, opts...)
}

// IAM is an IAM client for creds.
func (w *World) IAM(creds aws.Credentials) *iam.Client { return iam.NewFromConfig(w.Config(creds)) }

// STS is an STS client for creds.
func (w *World) STS(creds aws.Credentials) *sts.Client { return sts.NewFromConfig(w.Config(creds)) }

// User creates IAM user name in account with an inline policy (none when
// policy is empty) and returns an access key of it.
func (w *World) User(ctx context.Context, t *testing.T, account, name, policy string) aws.Credentials {
	t.Helper()
	c := w.IAM(Root(account))
	if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)}); err != nil {
		t.Fatalf("set-up CreateUser %s: %v", name, err)
	}
	if policy != "" {
		if _, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name),
			PolicyName: aws.String("golden"), PolicyDocument: aws.String(policy)}); err != nil {
			t.Fatalf("set-up PutUserPolicy %s: %v", name, err)
		}
	}
	k, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)})
	if err != nil {
		t.Fatalf("set-up CreateAccessKey %s: %v", name, err)
	}
	return aws.Credentials{AccessKeyID: *k.AccessKey.AccessKeyId, SecretAccessKey: *k.AccessKey.SecretAccessKey}
}

// Signed sends a request signed with SigV4 for service s3 in us-east-1
// (UNSIGNED-PAYLOAD unless header sets X-Amz-Content-Sha256), for what the
// SDK will not send: odd headers, malformed values, CORS requests.
func (w *World) Signed(ctx context.Context, creds aws.Credentials, method, path string, body []byte, header http.Header) (*http.Response, error) {
	return w.SignedURL(ctx, creds, method, w.Endpoint+path, body, header)
}

// SignedURL is Signed to a full URL, e.g. one on a virtual-hosted bucket
// ("http://BUCKET." + w.ServiceHost + "/key").
func (w *World) SignedURL(ctx context.Context, creds aws.Credentials, method, u string, body []byte, header http.Header) (*http.Response, error) {
	r, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, vs := range header {
		r.Header[http.CanonicalHeaderKey(k)] = vs
	}
	if r.Header.Get("X-Amz-Content-Sha256") == "" {
		r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
	}
	if body == nil {
		r.Body, r.ContentLength = http.NoBody, 0
	}
	err = v4.NewSigner().SignHTTP(ctx, creds, r, r.Header.Get("X-Amz-Content-Sha256"), "s3", "us-east-1", time.Now())
	if err != nil {
		return nil, err
	}
	return w.HTTP.Do(r)
}

// recordResponse keeps the raw HTTP response of every SDK call, so a case
// can check the status and headers of a success too.
func (w *World) recordResponse(stack *middleware.Stack) error {
	return stack.Deserialize.Add(middleware.DeserializeMiddlewareFunc("goldenRecordResponse",
		func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
			middleware.DeserializeOutput, middleware.Metadata, error) {
			out, md, err := next.HandleDeserialize(ctx, in)
			if r, ok := out.RawResponse.(*smithyhttp.Response); ok {
				w.mu.Lock()
				w.last = r.Response
				w.lastOp = sdkOperation(awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx))
				w.mu.Unlock()
			}
			return out, md, err
		}), middleware.After)
}

// Run replays each case against a fresh server of its own.
func Run(t *testing.T, cases []Case) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.Name] {
			t.Errorf("case name %q used twice", c.Name)
		}
		seen[c.Name] = true
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			runCase(t, c)
		})
	}
}

func runCase(t *testing.T, c Case) {
	if strings.TrimSpace(c.Source) == "" {
		t.Fatal("case has no Source: say where AWS's answer was recorded")
	}
	if c.Want.Code != "" && c.Want.Status == 0 {
		t.Fatal("error case has no Want.Status")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w := newWorld(t, c.Options)
	if c.Setup != nil {
		c.Setup(ctx, t, w)
	}
	w.mu.Lock()
	w.last, w.lastOp = nil, ""
	w.mu.Unlock()
	w.Server.Authorizer().Log().Reset()
	out, err := c.Call(ctx, w)
	if ctx.Err() != nil {
		t.Fatalf("Call did not finish within the deadline: %v", err)
	}
	got := w.answer(out, err)
	noteCoverage(c, w.operation(c, out), got.status)
	for _, msg := range check(c.Want, got) {
		t.Error(msg)
	}
	if t.Failed() {
		t.Logf("source: %s", c.Source)
	}
}

// answer is what came back, in the terms Want speaks.
type answer struct {
	status  int
	code    string
	message string
	header  http.Header
	value   reflect.Value // the output, or the typed error
	err     error
	body    []byte // a raw HTTP answer's body ("body" in Want.Fields)
}

func (w *World) answer(out any, err error) answer {
	a := answer{err: err}
	if resp, ok := out.(*http.Response); ok && resp != nil {
		return rawAnswer(resp)
	}
	w.mu.Lock()
	if w.last != nil {
		a.status, a.header = w.last.StatusCode, w.last.Header
	}
	w.mu.Unlock()
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		a.status, a.header = re.HTTPStatusCode(), re.Response.Header
	}
	var ae smithy.APIError
	switch {
	case errors.As(err, &ae):
		a.code, a.message = ae.ErrorCode(), ae.ErrorMessage()
		a.value = reflect.ValueOf(ae)
	case err == nil:
		a.value = reflect.ValueOf(out)
	}
	return a
}

// rawAnswer reads status, headers and an XML error's Code/Message from a
// raw response.
func rawAnswer(resp *http.Response) answer {
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	a := answer{status: resp.StatusCode, header: resp.Header, value: reflect.ValueOf(resp), body: body}
	if resp.StatusCode >= 300 {
		// S3's <Error>, or the <ErrorResponse><Error> of Query and S3 Control.
		var e struct {
			Code, Message string
			Error         struct{ Code, Message string }
		}
		_ = xml.Unmarshal(body, &e) // no body (HEAD) leaves both empty
		a.code, a.message = e.Code, e.Message
		if a.code == "" {
			a.code, a.message = e.Error.Code, e.Error.Message
		}
	}
	return a
}

// check lists every way got differs from want.
func check(want Want, got answer) []string {
	var diffs []string
	add := func(format string, args ...any) { diffs = append(diffs, fmt.Sprintf(format, args...)) }
	if want.Refused {
		if got.status < 400 {
			add("status = %d, want an error answer from the server (err: %v)", got.status, got.err)
		}
		if want.Status != 0 && got.status != want.Status {
			add("status = %d, want %d (err: %v)", got.status, want.Status, got.err)
		}
		return diffs
	}
	if want.Code == "" && got.err != nil {
		add("want success, got error: %v", got.err)
		return diffs
	}
	status := want.Status
	if status == 0 {
		status = http.StatusOK
	}
	if got.status != status {
		add("status = %d, want %d (err: %v)", got.status, status, got.err)
	}
	if got.code != want.Code {
		add("code = %q, want %q (err: %v)", got.code, want.Code, got.err)
	}
	if want.Message != "" && got.message != want.Message {
		add("message = %q, want %q", got.message, want.Message)
	}
	if want.MessagePrefix != "" && !strings.HasPrefix(got.message, want.MessagePrefix) {
		add("message = %q, want prefix %q", got.message, want.MessagePrefix)
	}
	for path, wantV := range want.Fields {
		if err := checkField(got, path, wantV); err != nil {
			add("%s: %v", path, err)
		}
	}
	return diffs
}

func checkField(got answer, path string, want any) error {
	var v reflect.Value
	var found bool
	if name, ok := strings.CutPrefix(path, "header:"); ok {
		vals, ok := got.header[http.CanonicalHeaderKey(name)]
		if ok {
			v, found = reflect.ValueOf(strings.Join(vals, ", ")), true
		}
	} else if path == "body" {
		v, found = reflect.ValueOf(string(got.body)), got.body != nil
	} else {
		var err error
		v, found, err = lookup(got.value, path)
		if err != nil {
			return err
		}
	}
	if m, ok := want.(Matcher); ok {
		return m.Check(v, found)
	}
	if !found {
		return fmt.Errorf("want %v, got absent", want)
	}
	if g, w := show(v), fmt.Sprint(want); g != w {
		return fmt.Errorf("= %s, want %s", g, w)
	}
	return nil
}

var pathStep = regexp.MustCompile(`^([A-Za-z0-9_]+)((?:\[\d+\])*)$`)

// lookup follows a path such as "Contents[1].ChecksumAlgorithm[0]" through
// structs (by field name), slices (by index) and maps (by key, as a name).
func lookup(v reflect.Value, path string) (reflect.Value, bool, error) {
	for _, step := range strings.Split(path, ".") {
		m := pathStep.FindStringSubmatch(step)
		if m == nil {
			return v, false, fmt.Errorf("bad path step %q", step)
		}
		var ok bool
		if v, ok = deref(v); !ok {
			return v, false, nil
		}
		switch v.Kind() {
		case reflect.Struct:
			f := v.FieldByName(m[1])
			if !f.IsValid() {
				return v, false, fmt.Errorf("%s has no field %s", v.Type(), m[1])
			}
			v = f
		case reflect.Map:
			v = v.MapIndex(reflect.ValueOf(m[1]))
			if !v.IsValid() {
				return v, false, nil
			}
		default:
			return v, false, fmt.Errorf("cannot take %s of %s", m[1], v.Type())
		}
		for _, idx := range strings.Split(strings.Trim(m[2], "[]"), "][") {
			if idx == "" {
				continue
			}
			n, _ := strconv.Atoi(idx)
			if v, ok = deref(v); !ok {
				return v, false, nil
			}
			if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
				return v, false, fmt.Errorf("cannot index %s", v.Type())
			}
			if n >= v.Len() {
				return v, false, nil
			}
			v = v.Index(n)
		}
	}
	v, ok := deref(v)
	return v, ok, nil
}

// deref follows pointers and interfaces; ok is false at a nil.
func deref(v reflect.Value) (reflect.Value, bool) {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
	return v, v.IsValid()
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.String, reflect.Array:
		return v.Len() == 0
	case reflect.Invalid:
		return true
	}
	return false
}

func show(v reflect.Value) string {
	if !v.IsValid() {
		return "<absent>"
	}
	if t, ok := v.Interface().(time.Time); ok {
		return t.UTC().Format(time.RFC3339)
	}
	return fmt.Sprint(v.Interface())
}

func showFound(v reflect.Value, found bool) string {
	if !found {
		return "<absent>"
	}
	return strconv.Quote(show(v))
}
