package s3

import (
	"bytes"
	"encoding/json"
	"sort"
	"sync"
)

// GetBucketPolicy answers the stored policy the way AWS writes it back:
// compact JSON with the policy's and each statement's elements in AWS's
// order, whatever order and spacing PutBucketPolicy sent. Recorded from
// AWS: the AWS CLI's get-bucket-policy example (awscli/examples/s3api/
// get-bucket-policy.rst: {"Version":...,"Statement":[{"Sid":"","Effect":
// ...,"Principal":...,"Action":...,"Resource":...}]} without spaces) and
// LocalStack test_s3.snapshot.json TestS3::test_put_bucket_policy
// "get-bucket-policy" (validated 2026-02-21: Effect, Principal, Action,
// Resource for a statement sent as Action, Effect, Resource, Principal).
// Values (a one-element list or a string, Condition blocks) are kept as
// sent, only compacted: how AWS rewrites them is not recorded.

var (
	policyOrder    = []string{"Version", "Id", "Statement"}
	statementOrder = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
)

// awsPolicyText is doc rewritten as AWS answers it, or doc itself when it
// is not a JSON object (stored policies were validated, so it is).
func awsPolicyText(doc string) string {
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &top); err != nil {
		return doc
	}
	var b bytes.Buffer
	if st, ok := top["Statement"]; ok {
		top["Statement"] = orderStatements(st)
	}
	if err := writeOrdered(&b, top, policyOrder); err != nil {
		return doc
	}
	return b.String()
}

// orderStatements rewrites a Statement value, one statement or a list of
// them, with each statement's elements in statementOrder.
func orderStatements(raw json.RawMessage) json.RawMessage {
	var one map[string]json.RawMessage
	if json.Unmarshal(raw, &one) == nil {
		var b bytes.Buffer
		if writeOrdered(&b, one, statementOrder) == nil {
			return b.Bytes()
		}
		return raw
	}
	var list []map[string]json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return raw
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			b.WriteByte(',')
		}
		if writeOrdered(&b, s, statementOrder) != nil {
			return raw
		}
	}
	b.WriteByte(']')
	return b.Bytes()
}

// writeOrdered writes m as a compact JSON object: the keys of order first,
// in that order, then any others sorted.
func writeOrdered(b *bytes.Buffer, m map[string]json.RawMessage, order []string) error {
	keys := make([]string, 0, len(m))
	known := make(map[string]bool, len(order))
	for _, k := range order {
		known[k] = true
		if _, ok := m[k]; ok {
			keys = append(keys, k)
		}
	}
	var rest []string
	for k := range m {
		if !known[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	keys = append(keys, rest...)
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(k)
		b.Write(name)
		b.WriteByte(':')
		if err := json.Compact(b, m[k]); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// policyTexts remembers awsPolicyText's answers for the policies last
// asked for: the rewrite parses the policy and every statement again, and
// a bucket's policy is read back far more often than it changes. The
// answer is a function of the document alone, so an entry is never stale.
// The zero value is ready; it holds at most maxPolicyTexts documents and
// starts over when full.
type policyTexts struct {
	mu    sync.Mutex
	texts map[string]string
}

const maxPolicyTexts = 64

// awsText is awsPolicyText(doc), remembered.
func (m *policyTexts) awsText(doc string) string {
	m.mu.Lock()
	text, ok := m.texts[doc]
	m.mu.Unlock()
	if ok {
		return text
	}
	text = awsPolicyText(doc)
	m.mu.Lock()
	if m.texts == nil || len(m.texts) >= maxPolicyTexts {
		m.texts = make(map[string]string)
	}
	m.texts[doc] = text
	m.mu.Unlock()
	return text
}
