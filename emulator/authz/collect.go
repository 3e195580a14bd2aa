package authz

import (
	"context"
	"sync"

	"github.com/fakeaws/fakeaws/evaluator"
)

// Collector takes the decisions made under a context carrying it, instead
// of the decision log: a what-if explanation runs a service's own
// authorization code (S3's bucket policy, ACL, Block Public Access and
// object ownership rules) and collects every question it asked, with the
// policies met, so each can be explained statement by statement.
type Collector struct {
	// Draft, when set, is tried as one more identity policy of the caller,
	// as IAM's policy simulator tries a policy not yet saved.
	Draft *evaluator.NamedPolicy

	mu    sync.Mutex
	steps []Collected
}

// Collected is one question asked under a Collector.
type Collected struct {
	Check    Check
	Request  *evaluator.Request
	Policies *evaluator.PolicySet
	Decision evaluator.Decision
}

type collectorKey struct{}

// WithCollector returns ctx whose decisions go to c and are not logged.
func WithCollector(ctx context.Context, c *Collector) context.Context {
	return context.WithValue(ctx, collectorKey{}, c)
}

func collectorFrom(ctx context.Context) *Collector {
	c, _ := ctx.Value(collectorKey{}).(*Collector)
	return c
}

// Steps returns the questions collected so far, in order.
func (c *Collector) Steps() []Collected {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Collected(nil), c.steps...)
}

func (c *Collector) collect(ch Check, req *evaluator.Request, ps *evaluator.PolicySet) evaluator.Decision {
	if c.Draft != nil && c.Draft.Policy != nil {
		// The identity side is shared with the cache: copy before adding.
		cp := *ps
		cp.Identity = append(append([]evaluator.NamedPolicy(nil), ps.Identity...), *c.Draft)
		ps = &cp
	}
	d := evaluator.EvaluatePolicies(req, ps)
	c.mu.Lock()
	c.steps = append(c.steps, Collected{Check: ch, Request: req, Policies: ps, Decision: d})
	c.mu.Unlock()
	return d
}
