package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/accessanalyzer"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/clock"
	"github.com/fakeaws/fakeaws/emulator/iam"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/organizations"
	"github.com/fakeaws/fakeaws/emulator/query"
	s3emu "github.com/fakeaws/fakeaws/emulator/s3"
	"github.com/fakeaws/fakeaws/emulator/sessiontoken"
	"github.com/fakeaws/fakeaws/emulator/sigv4"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/sts"
)

// Version is reported by /_fakeaws/health.
const Version = "0.1.0"

// Options configure a Server.
type Options struct {
	// IAM is the enforcement mode (--iam).
	IAM authz.Mode
	// StrictAccounts turns off auto-created accounts.
	StrictAccounts bool
	// Now is the wall clock (default time.Now). The server runs a movable
	// clock over it (see Clock and POST /_fakeaws/clock).
	Now func() time.Time
	// Logger receives server logs (default: discard).
	Logger *slog.Logger
	// AdminFromAnywhere lets non-loopback clients, and (unless AdminHosts
	// is set) requests for any Host name, reach /_fakeaws/*. Cross-origin
	// state changes stay refused.
	AdminFromAnywhere bool
	// AdminHosts are further Host names (no port) under which /_fakeaws/*
	// answers, besides the loopback ones (--admin-host). With
	// AdminFromAnywhere they are the only other names served.
	AdminHosts []string
	// BodyReadTimeout is the longest a request body may stall before the
	// connection is cut with RequestTimeout (default DefaultBodyReadTimeout;
	// negative: never). It bounds stalls, not the whole body, so large
	// uploads are not cut.
	BodyReadTimeout time.Duration
	// BodyMinRate is the slowest average rate, in bytes per second, at which
	// a request body may arrive (default DefaultBodyMinRate): a body dripped
	// slower is cut after about BodyReadTimeout.
	BodyMinRate int64
	// ResponseWriteTimeout is the longest a response may make no progress
	// (a client that stops reading) before the connection is cut (default
	// DefaultResponseWriteTimeout; negative: never). Each 32 KiB written
	// must reach the client within it, so large downloads are not cut.
	ResponseWriteTimeout time.Duration
	// StartingWorld re-creates the world the server started from (the
	// --config world) after POST /_fakeaws/reset empties the store; nil
	// leaves it empty.
	StartingWorld func(ctx context.Context, s *Server) error
	// VirtualHostSuffixes are the host suffixes of virtual-hosted S3
	// requests (default: s3.localhost.localstack.cloud, localhost.localstack.cloud,
	// s3.amazonaws.com, localhost).
	VirtualHostSuffixes []string
	// LegacyBucketDefaults gives new buckets S3's older defaults
	// (ObjectWriter ownership and no Block Public Access, as before April
	// 2023; SSE-C allowed, as before April 2026): not what AWS does today
	// (--legacy-bucket-defaults).
	LegacyBucketDefaults bool
}

// Server is the fakeaws http.Handler.
type Server struct {
	db     *store.DB
	opts   Options
	log    *slog.Logger
	authn  *authn.Authenticator
	authz  *authz.Authorizer
	iam    *iam.Handler
	sts    *sts.Handler
	s3     *s3emu.Handler
	orgs   *organizations.Handler
	aa     *accessanalyzer.Handler
	issuer *sts.Issuer
	// admin is the /_fakeaws/* router, built on the first admin request:
	// compiling its route patterns would delay every start for a
	// console most runs never open.
	admin func() http.Handler
	clock *clock.Clock
	// requests is held for reading by every service request and for
	// writing by Reset.
	requests sync.RWMutex
	notes    lessonNotes
	// actionNames maps each Query service's actions to "service:Action",
	// the name the decision log describes a request by, made once rather
	// than once per request.
	actionNames map[string]map[string]string
}

// DefaultVirtualHostSuffixes are the hosts under which BUCKET.<suffix> names
// a bucket.
var DefaultVirtualHostSuffixes = s3emu.DefaultVirtualHostSuffixes

// New builds a Server over an open store.
func New(db *store.DB, opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.VirtualHostSuffixes == nil {
		opts.VirtualHostSuffixes = DefaultVirtualHostSuffixes
	}
	if opts.BodyReadTimeout == 0 {
		opts.BodyReadTimeout = DefaultBodyReadTimeout
	}
	if opts.BodyMinRate == 0 {
		opts.BodyMinRate = DefaultBodyMinRate
	}
	if opts.ResponseWriteTimeout == 0 {
		opts.ResponseWriteTimeout = DefaultResponseWriteTimeout
	}
	set, err := managed.Load()
	if err != nil {
		return nil, fmt.Errorf("load AWS managed policies: %w", err)
	}
	s := &Server{db: db, opts: opts, log: opts.Logger, clock: clock.New(opts.Now)}
	// Every expiry is judged on the movable clock; only the SigV4
	// request-time check reads the wall clock (authn.Wall).
	opts.Now = s.clock.Now
	s.opts.Now = s.clock.Now
	s.authz = authz.New(db, authz.Options{Mode: opts.IAM, Managed: set, Logger: opts.Logger})
	s.issuer, err = sts.NewIssuer(sts.IssuerOptions{DB: db, Now: opts.Now, Logger: opts.Logger})
	if err != nil {
		return nil, fmt.Errorf("start OIDC issuer: %w", err)
	}
	s.iam = iam.New(iam.Options{DB: db, Authz: s.authz, Managed: set, Now: opts.Now, Logger: opts.Logger})
	sessions := sessiontoken.New(db, opts.Now)
	s.sts = sts.New(sts.Options{DB: db, Authz: s.authz, Managed: set, Now: opts.Now, Logger: opts.Logger, Issuer: s.issuer, Sessions: sessions})
	s.orgs = organizations.New(organizations.Options{DB: db, Authz: s.authz, Now: opts.Now, Logger: opts.Logger})
	s.aa = accessanalyzer.New(accessanalyzer.Options{DB: db, Authz: s.authz, Logger: opts.Logger})
	s.authn = &authn.Authenticator{DB: db, Strict: opts.StrictAccounts, Now: opts.Now, Wall: s.clock.Wall,
		Keys: sigv4.NewKeyCache(4096), Sessions: sessions}
	// S3 verifies browser POST uploads itself (their signature is in the
	// form body), resolving keys through the same authenticator.
	s.s3 = s3emu.New(s3emu.Options{DB: db, Authz: s.authz, Now: opts.Now, Logger: opts.Logger,
		VirtualHostSuffixes: opts.VirtualHostSuffixes, Keys: s.authn, LegacyBucketDefaults: opts.LegacyBucketDefaults})
	s.authn.BucketFromHost = s.s3.BucketFromHost
	s.actionNames = map[string]map[string]string{
		"iam": qualifiedActions("iam", s.iam.Service()),
		"sts": qualifiedActions("sts", s.sts.Service()),
	}
	s.admin = sync.OnceValue(func() http.Handler { return s.guardAdmin(s.adminRoutes()) })
	// After a clean shutdown no body can be unreferenced (the store
	// knows: see store.DB.NeedsSweep), so the walk over every object is
	// skipped and start-up touches none of them.
	if db.NeedsSweep() {
		go s.sweepBodies(time.Now())
	}
	return s, nil
}

// sweepMargin keeps bodies written up to this long before start-up out of
// the background sweep, so a wall clock stepping back a little cannot make
// a body written since start-up (metadata not yet committed) look old.
const sweepMargin = time.Minute

// sweepBodies removes the body files that writes cut short before
// started left behind. It runs in the background, so start-up does not
// wait for a walk over every object; only files older than started (less
// sweepMargin) are candidates, so live writes are never touched.
func (s *Server) sweepBodies(started time.Time) {
	err := s.s3.SweepBefore(context.Background(), started.Add(-sweepMargin))
	if err != nil && !errors.Is(err, store.ErrClosing) {
		s.log.Warn("sweep unreferenced object bodies", "err", err)
	}
	debug.FreeOSMemory() // the walk's reference set is garbage now
}

// Close writes to the store what the server keeps in memory between
// writes: the latest use of each access key, coalesced to one write an
// hour while serving (GetAccessKeyLastUsed reads it), and likewise the
// last accessed data of users and roles (the last accessed reports). A
// failure of one does not stop the other; the error names each that
// failed. Call it once the HTTP server has stopped, before closing the
// store.
func (s *Server) Close(ctx context.Context) error {
	var errs []error
	if err := s.authn.FlushLastUse(ctx); err != nil {
		errs = append(errs, fmt.Errorf("write access key last use: %w", err))
	}
	// Tried even when the first write failed: each kind is kept apart.
	if err := s.authz.FlushServiceAccess(ctx); err != nil {
		errs = append(errs, fmt.Errorf("write last accessed data: %w", err))
	}
	return errors.Join(errs...)
}

// Clock is the server's movable clock: Advance expires sessions, presigned
// URLs and retention without waiting.
func (s *Server) Clock() *clock.Clock { return s.clock }

// Authorizer exposes the authorizer (decision log, policy cache).
func (s *Server) Authorizer() *authz.Authorizer { return s.authz }

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	continueEmptyBody(w, r)
	// What the wrapper keeps for the request is one allocation, and the
	// connection's deadlines are reached through w once for both the body
	// and the response watch.
	st := new(requestState)
	conn := deadlinesOf(w)
	w, progress := startResponseProgress(&st.pw, conn, w, s.opts.ResponseWriteTimeout)
	defer progress.done()
	if isAdminRequest(r) {
		s.serveAdmin(w, r, ids.Request(), st, conn)
		return
	}
	// Every request's decisions, and every refusal, reach the decision log
	// with the status and error code the client got.
	st.ow = outcomeWriter{ResponseWriter: w, sandbox: r.Method == http.MethodGet}
	ow := &st.ow
	st.ctx = requestContext{Context: r.Context(), st: st}
	r = r.WithContext(&st.ctx)
	defer func() {
		p := recover()
		if st.requestID == "" { // a panic before the service was known
			st.requestID = ids.S3Request()
		}
		if p != nil && p != http.ErrAbortHandler {
			s.log.Error("panic serving request", "requestId", st.requestID, "panic", p, "stack", string(debug.Stack()))
			s.writeS3Error(ow, r, st.requestID, awserr.Internal())
		}
		s.finish(r, &st.trace, ow, st.info, st.requestID)
		if p == http.ErrAbortHandler {
			panic(p)
		}
	}()
	startBodyProgress(&st.pb, conn, r, s.opts.BodyReadTimeout, s.opts.BodyMinRate)
	s.serve(ow, r, st)
}

// continueEmptyBody sends the interim 100 Continue that an "Expect:
// 100-continue" request with an empty body gets from S3 before its final
// answer. net/http sends one only when a handler reads a non-empty body;
// botocore, which sends the header on every PutObject, takes a final answer
// that comes without it as an early response and misreads the next response
// on the connection (boto/botocore#3755: the next PUT hangs until its read
// timeout). moto's AWS-verified tests put an empty object and then another
// on one connection without that stall.
func continueEmptyBody(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength == 0 && r.ProtoAtLeast(1, 1) &&
		strings.EqualFold(strings.TrimSpace(r.Header.Get("Expect")), "100-continue") {
		w.WriteHeader(http.StatusContinue)
	}
}

// requestState is what ServeHTTP keeps for one request until it logs the
// outcome, in one allocation: the decision trace, the writer that notes
// the answer's status and error, what authentication found (nil until it
// has run), the request's context and the body and response watches.
type requestState struct {
	// requestID is set once the service is known (requestIDFor).
	requestID string
	trace     authz.Trace
	ow        outcomeWriter
	info      *authn.Info
	// caller is the Info the handlers see (authn.FromContext): info once
	// the request has been dispatched, nil before.
	caller *authn.Info
	ctx    requestContext
	pw     progressWriter
	pb     progressBody
}

// requestContext is a request's context carrying its decision trace and,
// once dispatched, its caller: one layer where authz.WithTrace and
// authn.WithInfo would add two, each with a copy of the request.
type requestContext struct {
	context.Context
	st *requestState
}

// Value answers the trace and caller keys from the request's state and
// every other key from the parent context.
func (c *requestContext) Value(key any) any {
	switch key.(type) {
	case authz.TraceKey:
		return &c.st.trace
	case authn.InfoKey:
		if c.st.caller != nil {
			return c.st.caller
		}
	}
	return c.Context.Value(key)
}

func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request, requestID string, st *requestState, conn deadlines) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Error("panic serving request", "requestId", requestID, "panic", p, "stack", string(debug.Stack()))
			s.writeS3Error(w, r, requestID, awserr.Internal())
		}
	}()
	startBodyProgress(&st.pb, conn, r, s.opts.BodyReadTimeout, s.opts.BodyMinRate)
	s.admin().ServeHTTP(w, r)
}

// serve authenticates, routes and serves a non-admin request; st.info is
// set once authentication has run.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, st *requestState) {
	// Every service request runs under the read side of requests, Reset
	// under the write side: a reset never meets a request half done.
	s.requests.RLock()
	defer s.requests.RUnlock()
	svc, values, err := s.classify(r)
	requestID := requestIDFor(svc, err)
	st.requestID = requestID
	if unknown, ok := asUnknownService(err); ok {
		authz.Describe(r.Context(), unknown.scope+":*", "")
		writeUnknownService(w, r, requestID, unknown)
		return
	}
	if err == nil && svc.name == "s3" {
		err = s3emu.CheckHeaderSection(r)
	}
	if err != nil {
		s.writeS3Error(w, r, requestID, err)
		return
	}
	if values != nil {
		s.describe(r, svc, values)
	}
	if svc.name == "sts" {
		setExtendedRequestID(w.Header(), r, requestID, s.opts.Now())
	}
	if svc.name != "s3" {
		if e := sigv4.V2Refusal(r); e != nil {
			s.describeUnauthenticated(r, svc)
			s.writeError(w, r, svc, requestID, &awserr.Error{Code: awserr.Code(e.Code), Status: e.Status, Message: e.Message})
			return
		}
	}
	in, err := s.authn.Authenticate(r, requestID)
	st.info = in
	if err != nil {
		if values == nil {
			s.describeUnauthenticated(r, svc)
		}
		s.writeError(w, r, svc, requestID, err)
		return
	}
	if svc.query != nil && in.Caller.Anonymous() && !(svc.name == "sts" && sts.AllowsAnonymous(values.Get("Action"))) {
		s.writeError(w, r, svc, requestID, awserr.New("MissingAuthenticationToken", http.StatusForbidden,
			"Missing Authentication Token"))
		return
	}
	if svc.name == "iam" {
		if err := sts.IAMRefusal(&in.Caller); err != nil {
			s.writeError(w, r, svc, requestID, err)
			return
		}
	}
	st.caller = in // r's context answers authn.FromContext from here on
	s.dispatch(w, r, svc, values, in)
}

// describe names a Query request's operation for the decision log.
func (s *Server) describe(r *http.Request, svc service, values url.Values) {
	if svc.query == nil {
		return
	}
	action := values.Get("Action")
	authz.SetOperation(r.Context(), action)
	name, ok := s.actionNames[svc.name][action]
	if !ok {
		name = svc.name + ":" + action
	}
	authz.Describe(r.Context(), name, values.Get("RoleArn"))
}

// qualifiedActions maps each of q's actions to "prefix:Action".
func qualifiedActions(prefix string, q *query.Service) map[string]string {
	m := make(map[string]string, len(q.Actions))
	for action := range q.Actions {
		m[action] = prefix + ":" + action
	}
	return m
}

// describeJSON names a JSON protocol request's operation (the
// X-Amz-Target's last part) for the decision log.
func describeJSON(r *http.Request, svc service) {
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		op := target[strings.LastIndexByte(target, '.')+1:]
		authz.SetOperation(r.Context(), op)
		authz.Describe(r.Context(), svc.name+":"+op, "")
	}
}

// describeUnauthenticated names the operation of a signed Query, JSON or S3
// request whose authentication failed, so the decision log says which
// call was refused (GetCallerIdentity, AssumeRole): the form is otherwise
// read only after verification. The body is read only when it is still
// the client's form (Verify restores what it hashed).
func (s *Server) describeUnauthenticated(r *http.Request, svc service) {
	// Only the operation: the action stays empty, as no policy was asked
	// (explaining the row again must not decide it as if it were signed).
	switch {
	case svc.json != nil:
		if target := r.Header.Get("X-Amz-Target"); target != "" {
			authz.SetOperation(r.Context(), target[strings.LastIndexByte(target, '.')+1:])
		}
	case svc.query != nil:
		if values, err := query.ParseForm(r); err == nil {
			authz.SetOperation(r.Context(), values.Get("Action"))
		}
	case svc.name == "s3":
		s.s3.DescribeUnauthenticated(r)
	}
}

// ServeAs serves r as caller without checking a signature: the config
// loader and in-process tools use it to act as an account's root.
func (s *Server) ServeAs(w http.ResponseWriter, r *http.Request, caller authn.Caller) {
	svc, values, err := s.classify(r)
	requestID := requestIDFor(svc, err)
	if err != nil {
		s.writeS3Error(w, r, requestID, err)
		return
	}
	info := &authn.Info{RequestID: requestID, Caller: caller, Time: s.opts.Now(),
		SourceIP: "127.0.0.1", SignatureVersion: "AWS4-HMAC-SHA256", AuthType: "REST-HEADER"}
	s.dispatch(w, r.WithContext(authn.WithInfo(r.Context(), info)), svc, values, info)
}

// DB is the store the server serves.
func (s *Server) DB() *store.DB { return s.db }

// dispatch serves an authenticated request; r's context carries info
// (authn.FromContext).
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, svc service, values url.Values, info *authn.Info) {
	requestID := info.RequestID
	var err error
	if svc.json != nil {
		// JSON protocol: the operation is the X-Amz-Target's last part.
		describeJSON(r, svc)
		svc.json.ServeHTTP(w, r)
		return
	}
	if svc.query == nil {
		s.s3.ServeHTTP(w, r)
		return
	}
	if values == nil {
		// Signed Query request: the form is read after verification (Verify
		// restores the body it hashed).
		if values, err = query.ParseForm(r); err != nil {
			s.writeError(w, r, svc, requestID, err)
			return
		}
		s.describe(r, svc, values)
	}
	svc.query.Serve(w, r, values)
}

type service struct {
	name  string
	query *query.Service
	// json serves AWS JSON protocol services (Organizations).
	json http.Handler
}

// requestIDFor makes the id of a request classified as svc (or refused
// with err): S3's own form for S3 and for the S3 errors classify answers,
// AWS's UUID form for the Query and JSON services.
func requestIDFor(svc service, err error) string {
	if _, unknown := asUnknownService(err); unknown || err == nil && svc.name != "s3" {
		return ids.Request()
	}
	return ids.S3Request()
}

// classify picks the service: the SigV4 scope's when signed, otherwise the
// Query Action's owner, otherwise S3. For unsigned form posts it returns the
// parsed form (the body is restored for the handler).
func (s *Server) classify(r *http.Request) (service, url.Values, error) {
	if scope, _, ok := sigv4.Scope(r); ok {
		if err := s3ScopeError(r, s.s3, scope); err != nil {
			return service{}, nil, err
		}
		switch scope {
		case "iam":
			return service{"iam", s.iam.Service(), nil}, nil, nil
		case "sts":
			return service{"sts", s.sts.Service(), nil}, nil, nil
		case "s3":
			return service{"s3", nil, nil}, nil, nil
		case "organizations":
			return service{"organizations", nil, s.orgs}, nil, nil
		case accessanalyzer.SigningName:
			return service{accessanalyzer.SigningName, nil, s.aa}, nil, nil
		}
		if scope != "" {
			return service{}, nil, &unknownService{scope: scope}
		}
	}
	if organizations.IsRequest(r) {
		return service{"organizations", nil, s.orgs}, nil, nil
	}
	action := r.URL.Query().Get("Action")
	var values url.Values
	if action == "" && r.Method == http.MethodPost && isFormPost(r) {
		body, err := io.ReadAll(io.LimitReader(r.Body, query.MaxFormBytes+1))
		if err != nil {
			return service{}, nil, err
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if values, err = url.ParseQuery(string(body)); err == nil {
			action = values.Get("Action")
		}
		if action != "" {
			merged := r.URL.Query()
			for k, v := range values {
				merged[k] = append(merged[k], v...)
			}
			values = merged
		}
	}
	switch {
	case action == "":
		return service{"s3", nil, nil}, nil, nil
	case s.sts.HasAction(action):
		return service{"sts", s.sts.Service(), nil}, values, nil
	case s.iam.HasAction(action):
		return service{"iam", s.iam.Service(), nil}, values, nil
	}
	return service{"iam", s.iam.Service(), nil}, values, nil
}

// asUnknownService finds an *unknownService in err. Only a failed
// classify pays for errors.As, whose target escapes.
func asUnknownService(err error) (*unknownService, bool) {
	if err == nil {
		return nil, false
	}
	var unknown *unknownService
	ok := errors.As(err, &unknown)
	return unknown, ok
}

func isFormPost(r *http.Request) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return ct == "application/x-www-form-urlencoded"
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, svc service, requestID string, err error) {
	if svc.name == accessanalyzer.SigningName {
		accessanalyzer.WriteError(w, requestID, err)
		return
	}
	if svc.json != nil {
		organizations.WriteError(w, requestID, err)
		return
	}
	if svc.query != nil {
		svc.query.WriteError(w, requestID, err)
		return
	}
	s.writeS3Error(w, r, requestID, err)
}

func (s *Server) writeS3Error(w http.ResponseWriter, r *http.Request, requestID string, err error) {
	e, ok := awserr.As(err)
	if !ok {
		s.log.Error("internal error", "requestId", requestID, "err", err)
		e = awserr.Internal()
	}
	s3emu.WriteError(w, r, requestID, e)
}

func fromLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
