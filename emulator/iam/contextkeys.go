package iam

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy list
// the condition keys a set of policies references, in document order,
// each once (compared case-insensitively): the keys of Condition blocks and
// the policy variables (${aws:username}) of any string, as the CLI
// reference's example shows ("aws:username" from a Resource, then
// "aws:CurrentTime" from a Condition).

type contextKeysResult struct {
	ContextKeyNames members[string] `xml:"ContextKeyNames"`
}

// getContextKeysForCustomPolicy serves GetContextKeysForCustomPolicy.
func (h *Handler) getContextKeysForCustomPolicy(ctx context.Context, p query.Params) (any, error) {
	var v validator
	docs := v.policyDocs(p, "PolicyInputList")
	if len(docs) == 0 {
		v.errs = append(v.errs, "Value null at 'policyInputList' failed to satisfy constraint: Member must not be null")
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "GetContextKeysForCustomPolicy", "*"); err != nil {
		return nil, err
	}
	return h.contextKeys(docs)
}

// getContextKeysForPrincipalPolicy serves GetContextKeysForPrincipalPolicy:
// the policies of the user (with its groups), group or role, then any
// PolicyInputList documents.
func (h *Handler) getContextKeysForPrincipalPolicy(ctx context.Context, p query.Params) (any, error) {
	var v validator
	source := v.arnParam(p, "PolicySourceArn")
	inputs := v.policyDocs(p, "PolicyInputList")
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "GetContextKeysForPrincipalPolicy", source); err != nil {
		return nil, err
	}
	in := &simInput{context: evaluator.Context{}}
	acct := account(ctx)
	err := h.db.View(ctx, func(tx *store.Tx) error {
		return h.principalPolicies(tx, acct, source, in)
	})
	if err != nil {
		return nil, wrap("get context keys for principal policy", err)
	}
	var docs []string
	for _, sp := range in.identity {
		docs = append(docs, sp.np.Policy.Source())
	}
	for _, sp := range in.boundary {
		docs = append(docs, sp.np.Policy.Source())
	}
	return h.contextKeys(append(docs, inputs...))
}

// contextKeys parses docs (rejecting malformed ones as the simulator does)
// and collects their keys.
func (h *Handler) contextKeys(docs []string) (any, error) {
	var c keyCollector
	for _, doc := range docs {
		if _, err := h.parse(doc, evaluator.KindIdentity); err != nil {
			return nil, policyError(err)
		}
		if err := c.walk(json.NewDecoder(strings.NewReader(doc)), ""); err != nil && !errors.Is(err, io.EOF) {
			return nil, malformedPolicy("Syntax errors in policy.")
		}
	}
	return &contextKeysResult{ContextKeyNames: list(append([]string{}, c.keys...))}, nil
}

// keyCollector gathers context key names in the order first seen.
type keyCollector struct {
	keys []string
	seen map[string]bool
}

func (c *keyCollector) add(k string) {
	k = strings.TrimSpace(k)
	if k == "" || k == "*" || k == "?" || k == "$" {
		return
	}
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	if lk := strings.ToLower(k); !c.seen[lk] {
		c.seen[lk] = true
		c.keys = append(c.keys, k)
	}
}

// variables adds the policy variables of s: ${key} or ${key, 'default'}.
func (c *keyCollector) variables(s string) {
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return
		}
		s = s[i+2:]
		j := strings.IndexByte(s, '}')
		if j < 0 {
			return
		}
		name, _, _ := strings.Cut(s[:j], ",")
		c.add(name)
		s = s[j+1:]
	}
}

// walk reads one JSON value from d. parent is the member name holding it:
// inside "Condition", the members of each operator object are key names.
func (c *keyCollector) walk(d *json.Decoder, parent string) error {
	tok, err := d.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			for d.More() {
				nt, err := d.Token()
				if err != nil {
					return err
				}
				name, _ := nt.(string)
				if parent == "#operator" {
					// A condition key, possibly itself holding a variable.
					c.add(name)
				}
				child := name
				if parent == "Condition" {
					child = "#operator"
				} else if parent == "#operator" {
					child = "#values"
				}
				if err := c.walk(d, child); err != nil {
					return err
				}
			}
		case '[':
			for d.More() {
				if err := c.walk(d, parent); err != nil {
					return err
				}
			}
		}
		_, err := d.Token() // closing delimiter
		return err
	case string:
		c.variables(t)
	}
	return nil
}
