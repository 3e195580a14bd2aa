package authz

import (
	"context"
	"sync"
	"time"
)

// Trace collects the decisions of one HTTP request, so that the server can
// add to them what the client finally got (status and error code) before
// they enter the decision log. A request refused before any decision (a bad
// signature, an expired token, a missing bucket) gets a record of its own.
type Trace struct {
	mu               sync.Mutex
	operation        string
	action, resource string
	records          []Record
}

type traceKey struct{}

// WithTrace returns ctx carrying t; decisions made under it go to t.
func WithTrace(ctx context.Context, t *Trace) context.Context {
	return context.WithValue(ctx, traceKey{}, t)
}

func traceFrom(ctx context.Context) *Trace {
	t, _ := ctx.Value(traceKey{}).(*Trace)
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

func (t *Trace) add(r Record) {
	t.mu.Lock()
	t.records = append(t.records, r)
	t.mu.Unlock()
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
}

// Refused is the Decision of a record for a request refused outside policy
// evaluation: authentication, validation, or a missing resource.
const Refused = "Refused"

// Finish moves t's decisions into the log with the operation, status and
// error code of o. An error response with no decision becomes one Refused
// record carrying o's message and a hint for the learner.
func (l *DecisionLog) Finish(t *Trace, o Outcome) {
	t.mu.Lock()
	records, op := t.records, t.operation
	if o.Action == "" {
		o.Action = t.action
	}
	if o.Resource == "" {
		o.Resource = t.resource
	}
	t.records = nil
	t.mu.Unlock()
	if len(records) == 0 {
		if o.Status < 400 {
			return
		}
		principal := o.Principal
		if principal == "" {
			principal = "unknown"
		}
		records = []Record{{Time: o.Time, RequestID: o.RequestID, Principal: principal, Action: o.Action,
			Resource: o.Resource, Decision: Refused, Message: o.Message, Hint: Hint(o.ErrorCode, o.Message)}}
	}
	for i := range records {
		r := &records[i]
		r.Operation, r.Status, r.ErrorCode = op, o.Status, o.ErrorCode
		if r.Decision != Refused && o.ErrorCode != "" && r.Message == "" && i == len(records)-1 {
			// Allowed, yet refused later (NoSuchKey, a validation error):
			// the client's message belongs on the last decision.
			r.Message = o.Message
		}
		l.Add(*r)
	}
}
