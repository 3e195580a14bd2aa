package authz

import (
	"encoding/json"
	"io"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/evaluator"
)

// Record is one logged decision, as /_fakeaws/decisions prints it.
type Record struct {
	Time      time.Time `json:"time"`
	RequestID string    `json:"requestId,omitempty"`
	Principal string    `json:"principal"`
	// Operation is the API operation (GetObject, HeadObject, AssumeRole).
	Operation string `json:"operation,omitempty"`
	Action    string `json:"action"`
	Resource  string `json:"resource"`
	// Decision is Allow, ExplicitDeny, ImplicitDeny, or Refused for a
	// request refused outside policy evaluation.
	Decision   string                   `json:"decision"`
	Kind       string                   `json:"kind,omitempty"`
	Statements []evaluator.StatementRef `json:"statements,omitempty"`
	Message    string                   `json:"message,omitempty"`
	// Status and ErrorCode are what the client got: the HTTP status and
	// AWS error code ("" for success) of the whole request.
	Status    int    `json:"status,omitempty"`
	ErrorCode string `json:"errorCode,omitempty"`
	// Hint explains a Refused record for a learner.
	Hint string `json:"hint,omitempty"`
	// ResourceAccount owns the resource, when it is not the caller's.
	ResourceAccount string `json:"resourceAccount,omitempty"`
	// Context holds the service's condition keys (sts:ExternalId,
	// s3:prefix, ...), so the decision can be explained again.
	Context map[string][]string `json:"context,omitempty"`
	// Caller is who sent the request, without its key, secret and token:
	// explaining the decision again uses the caller's own session (its
	// session policies, tags, MFA), as the real request did. Not printed.
	Caller *authn.Caller `json:"-"`
}

// withoutSecrets copies c without its access key, secret and session
// token, for the log.
func withoutSecrets(c *authn.Caller) *authn.Caller {
	out := *c
	out.AccessKeyID = ""
	if c.Session != nil {
		s := *c.Session
		s.AccessKeyID, s.Secret, s.Token = "", "", ""
		out.Session = &s
	}
	return &out
}

// DecisionLog keeps the most recent decisions in a ring.
type DecisionLog struct {
	mu   sync.Mutex
	ring []Record
	// seqs[i] is the sequence number of ring[i] (1 for the first record
	// ever added), so a record can be completed in place while it is
	// still in the ring.
	seqs []uint64
	seq  uint64
	next int
	full bool
}

// NewDecisionLog keeps up to size records.
func NewDecisionLog(size int) *DecisionLog {
	return &DecisionLog{ring: make([]Record, size), seqs: make([]uint64, size)}
}

// Add appends r, dropping the oldest record when full.
func (l *DecisionLog) Add(r Record) { l.add(r) }

// add appends r and returns its sequence number.
func (l *DecisionLog) add(r Record) uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	l.ring[l.next], l.seqs[l.next] = r, l.seq
	l.next = (l.next + 1) % len(l.ring)
	if l.next == 0 {
		l.full = true
	}
	return l.seq
}

// update applies fn to the record numbered seq, if the ring still holds it.
func (l *DecisionLog) update(seq uint64, fn func(*Record)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if seq == 0 || seq > l.seq || l.seq-seq >= uint64(len(l.ring)) {
		return
	}
	i := (l.next - int(l.seq-seq) - 1 + len(l.ring)) % len(l.ring)
	if l.seqs[i] == seq {
		fn(&l.ring[i])
	}
}

// Records returns the logged decisions, oldest first.
func (l *DecisionLog) Records() []Record {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.full {
		return append([]Record(nil), l.ring[:l.next]...)
	}
	return append(append([]Record(nil), l.ring[l.next:]...), l.ring[:l.next]...)
}

// Reset empties the log.
func (l *DecisionLog) Reset() {
	l.mu.Lock()
	clear(l.ring)
	clear(l.seqs)
	l.next, l.full = 0, false
	l.mu.Unlock()
}

// WriteJSONLines writes the records as JSON lines, oldest first.
func (l *DecisionLog) WriteJSONLines(w io.Writer) error {
	enc := json.NewEncoder(w)
	for _, r := range l.Records() {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

// Find returns the logged decision of request id: its first denial or
// refusal, else its last decision.
func (l *DecisionLog) Find(id string) (Record, bool) {
	var found Record
	ok := false
	for _, r := range l.Records() {
		if r.RequestID != id {
			continue
		}
		if !ok || found.Decision == "Allow" {
			found, ok = r, true
		}
	}
	return found, ok
}
