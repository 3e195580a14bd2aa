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
// A statement sent alone (not in a list) comes back in a list of one, and
// a one-element list of actions or resources as the string it holds
// (justincormack/argmin crates/s3-tests/tests/bucket_policy.rs
// test_bucket_policy_get_returns_normalized_json, asserted against AWS in
// 2026: `"Statement": {... "Resource": ["arn"], "Action":
// ["s3:ListBucket"] ...}` reads back as `"Statement":[{...
// "Action":"s3:ListBucket","Resource":"arn"}]`). Other values (Principal,
// Condition blocks) are kept as sent, only compacted: how AWS rewrites them
// is not recorded.

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
// them, as a list of statements with each one's elements in statementOrder
// and its one-element lists of actions and resources as their element.
func orderStatements(raw json.RawMessage) json.RawMessage {
	var list []map[string]json.RawMessage
	var one map[string]json.RawMessage
	switch {
	case json.Unmarshal(raw, &one) == nil:
		list = []map[string]json.RawMessage{one}
	case json.Unmarshal(raw, &list) != nil:
		return raw
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			b.WriteByte(',')
		}
		collapseSingletons(s)
		if writeOrdered(&b, s, statementOrder) != nil {
			return raw
		}
	}
	b.WriteByte(']')
	return b.Bytes()
}

// singletonElements are the statement elements whose one-element list AWS
// writes back as its element.
var singletonElements = []string{"Action", "NotAction", "Resource", "NotResource"}

// collapseSingletons replaces, in statement st, each one-element list of
// singletonElements by its element.
func collapseSingletons(st map[string]json.RawMessage) {
	for _, k := range singletonElements {
		var list []json.RawMessage
		if v, ok := st[k]; ok && json.Unmarshal(v, &list) == nil && len(list) == 1 {
			st[k] = list[0]
		}
	}
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
