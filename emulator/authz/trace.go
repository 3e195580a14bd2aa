package authz

import (
	"cmp"
	"context"
	"sync"
	"time"
)

// Trace follows the decisions of one HTTP request. Each decision enters the
// decision log as soon as it is made (a request streaming a large body
// shows in the console while it runs, without status); when the response
// is done the server completes them with what the client finally got
// (status and error code). A request refused before any decision (a bad
// signature, an expired token, a missing bucket) gets a record of its own
// then.
type Trace struct {
	mu               sync.Mutex
	operation        string
	action, resource string
	// logged are the sequence numbers of the request's records in the log;
	// it starts in room, which holds a request's few decisions without an
	// allocation of their own.
	logged []uint64
	room   [4]uint64
}

// TraceKey is the context key under which WithTrace stores a *Trace. A
// context may answer it itself: the server's per-request context carries
// the trace and the caller in one layer, without WithTrace's copy.
type TraceKey struct{}

// WithTrace returns ctx carrying t; decisions made under it go to t.
func WithTrace(ctx context.Context, t *Trace) context.Context {
	return context.WithValue(ctx, TraceKey{}, t)
}

func traceFrom(ctx context.Context) *Trace {
	t, _ := ctx.Value(TraceKey{}).(*Trace)
	return t
}

// SetOperation names the API operation the request is serving (GetObject,
// HeadObject, AssumeRole). It does nothing without a trace.
func SetOperation(ctx context.Context, op string) {
	if t := traceFrom(ctx); t != nil {
		t.mu.Lock()
		t.operation = op
		t.mu.Unlock()
	}
}

// Describe names the IAM action and the resource of the request as far as
// the service has read them, for a refusal that comes before any decision.
func Describe(ctx context.Context, action, resource string) {
	if t := traceFrom(ctx); t != nil {
		t.mu.Lock()
		t.action, t.resource = action, resource
		t.mu.Unlock()
	}
}

// Operation is the operation named by SetOperation.
func (t *Trace) Operation() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.operation
}

// log adds r to l now, named by the request's operation, and remembers it
// for Finish.
func (t *Trace) log(l *DecisionLog, r Record) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r.Operation = t.operation
	if t.logged == nil {
		t.logged = t.room[:0]
	}
	t.logged = append(t.logged, l.add(r))
}

// Outcome is what the client got for a traced request.
type Outcome struct {
	Time      time.Time
	RequestID string
	Status    int
	ErrorCode string
	// Message is the error message the client got.
	Message string
	// Principal, Action and Resource describe a refusal that came before
	// any decision, as far as they are known.
	Principal, Action, Resource string
	// Hint, when set, replaces the hint the error code gives (Hint).
	Hint string
}

// Refused is the Decision of a record for a request refused outside policy
// evaluation: authentication, validation, or a missing resource.
const Refused = "Refused"

// Finish completes t's logged decisions with the operation, status and
// error code of o. An error response with no decision becomes one Refused
// record carrying o's message and a hint for the learner.
func (l *DecisionLog) Finish(t *Trace, o Outcome) {
	t.mu.Lock()
	// A copy: t.logged may be t.room, which a decision logged after this
	// could write while the loop below reads it.
	var room [4]uint64
	logged, op := append(room[:0], t.logged...), t.operation
	if o.Action == "" {
		o.Action = t.action
	}
	if o.Resource == "" {
		o.Resource = t.resource
	}
	t.logged = nil
	t.mu.Unlock()
	if len(logged) == 0 {
		if o.Status < 400 {
			return
		}
		principal := o.Principal
		if principal == "" {
			principal = "unknown"
		}
		l.Add(Record{Time: o.Time, RequestID: o.RequestID, Principal: principal, Operation: op, Action: o.Action,
			Resource: o.Resource, Decision: Refused, Message: o.Message, Status: o.Status, ErrorCode: o.ErrorCode,
			Hint: cmp.Or(o.Hint, Hint(o.ErrorCode, o.Message))})
		return
	}
	for i, seq := range logged {
		last := i == len(logged)-1
		l.update(seq, func(r *Record) {
			r.Operation, r.Status, r.ErrorCode = op, o.Status, o.ErrorCode
			if r.Decision != Refused && o.ErrorCode != "" && r.Message == "" && last {
				// Allowed, yet refused later (NoSuchKey, a validation
				// error): the client's message belongs on the last decision.
				r.Message = o.Message
			}
		})
	}
}
