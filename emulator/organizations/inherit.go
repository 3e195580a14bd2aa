package organizations

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
)

// This file computes the effective policy of a management policy type (tag,
// backup, AI services opt-out, chat applications, declarative EC2 ... policies):
// the merge of the policies attached to the root, to each OU on the path
// down to an account and to the account itself, by the inheritance
// operators of the Organizations User Guide ("Understanding management
// policy inheritance", "Inheritance operators",
// https://docs.aws.amazon.com/organizations/latest/userguide/policy-operators.html,
// and its "Inheritance examples"):
//
//   - @@assign overwrites the inherited setting (a value, or a whole array);
//   - @@append adds values to an inherited array (or sets it when nothing
//     is inherited); @@remove takes values out of it; both only for
//     multi-valued settings (JSON arrays);
//   - @@operators_allowed_for_child_policies (a list of value-setting
//     operators, or @@all, or @@none) limits which of them the policies of
//     the levels below may use on that setting; on a group of settings,
//     @@none stops them adding settings to the group, while those already
//     in it keep their own limits ("AI services opt-out policy syntax and
//     examples": under services it "controls whether a child policy can add
//     to or change the list of services", under opt_out_policy "whether a
//     child policy can change only the setting for this specific
//     service"). A limit cannot be lifted lower down, and the limits of
//     several policies at one level intersect (Example 5). A child's use of
//     an operator a parent forbids has no effect (Example 4).
//   - Several policies at one level apply one after another; where two
//     assign the same setting the first one attached wins (Example 6).
//
// The effective policy shows the resulting values without operators
// (Examples 1 to 4); an array @@remove empties is left out (Example 3).

// Value-setting operators, as a set.
type opSet uint8

const (
	opAssign opSet = 1 << iota
	opAppend
	opRemove
	opAll = opAssign | opAppend | opRemove
)

// Operator keys of a management policy.
const (
	keyAssign  = "@@assign"
	keyAppend  = "@@append"
	keyRemove  = "@@remove"
	keyAllowed = "@@operators_allowed_for_child_policies"
)

// opNames maps the names @@operators_allowed_for_child_policies lists to
// the operators they allow.
var opNames = map[string]opSet{keyAssign: opAssign, keyAppend: opAppend, keyRemove: opRemove, "@@all": opAll, "@@none": 0}

// enode is one setting (or group of settings) of an effective policy
// being computed.
type enode struct {
	value    any // the setting's value when has
	has      bool
	children map[string]*enode
	// allowed are the operators the levels below may use on this setting
	// (none: they may not add settings to this group either); next
	// collects the limits of the level being applied, which take effect
	// from the next level on.
	allowed, next opSet
	// assignedAt is the level whose policy last assigned the value (-1:
	// none), so a later policy of the same level does not overwrite it.
	assignedAt int
}

func newNode() *enode {
	return &enode{allowed: opAll, next: opAll, assignedAt: -1}
}

func (n *enode) child(key string) *enode {
	if n.children == nil {
		n.children = map[string]*enode{}
	}
	c := n.children[key]
	if c == nil {
		c = newNode()
		n.children[key] = c
	}
	return c
}

// errNotObject is the answer to a policy document that is not a JSON
// object.
var errNotObject = errors.New("policy document is not a JSON object")

// parseDoc decodes a policy document, keeping numbers as written.
func parseDoc(content string) (map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(content))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("policy document has data after its JSON object")
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, errNotObject
	}
	return m, nil
}

// effectivePolicy merges levels, the policy documents attached to each
// level from the root down to the account (each level's in the order they
// were attached), into the effective policy's JSON text. It answers "" when
// no level has a policy.
func effectivePolicy(levels [][]string) (string, error) {
	root := newNode()
	found := false
	for i, docs := range levels {
		for _, content := range docs {
			doc, err := parseDoc(content)
			if err != nil {
				return "", err
			}
			root.apply(doc, i)
			found = true
		}
		root.endLevel()
	}
	if !found {
		return "", nil
	}
	out, _ := root.render()
	if out == nil {
		out = map[string]any{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// apply merges one policy's object doc into n at level.
func (n *enode) apply(doc map[string]any, level int) {
	ok := n.allowed
	if list, found := doc[keyAllowed]; found {
		n.next &= allowedOps(list)
	}
	if v, found := doc[keyAssign]; found && ok&opAssign != 0 && n.assignedAt != level {
		n.value, n.has, n.assignedAt = v, true, level
	}
	if v, found := doc[keyAppend]; found && ok&opAppend != 0 {
		n.appendValues(v)
	}
	if v, found := doc[keyRemove]; found && ok&opRemove != 0 {
		n.removeValues(v)
	}
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		sub, isObject := doc[k].(map[string]any)
		if strings.HasPrefix(k, "@@") || !isObject || (n.children[k] == nil && n.allowed == 0) {
			continue
		}
		n.child(k).apply(sub, level)
	}
}

// allowedOps reads the list of @@operators_allowed_for_child_policies
// (an unknown name allows nothing more).
func allowedOps(list any) opSet {
	items, _ := list.([]any)
	var s opSet
	for _, it := range items {
		name, _ := it.(string)
		s |= opNames[name]
	}
	return s
}

// appendValues adds the values of the array v that the setting lacks;
// a setting that has no value yet gets them all. A single-valued setting
// or an operand that is not an array is left as it is (the operator is
// for multi-valued settings only).
func (n *enode) appendValues(v any) {
	add, ok := v.([]any)
	if !ok {
		return
	}
	if !n.has {
		n.value, n.has = slices.Clone(add), true
		return
	}
	cur, ok := n.value.([]any)
	if !ok {
		return
	}
	for _, x := range add {
		if !containsValue(cur, x) {
			cur = append(cur, x)
		}
	}
	n.value = cur
}

// removeValues takes the values of the array v out of the setting; an
// array left empty leaves the effective policy.
func (n *enode) removeValues(v any) {
	drop, ok := v.([]any)
	cur, isArray := n.value.([]any)
	if !ok || !n.has || !isArray {
		return
	}
	cur = slices.DeleteFunc(slices.Clone(cur), func(x any) bool { return containsValue(drop, x) })
	n.value = cur
	if len(cur) == 0 {
		n.value, n.has = nil, false
	}
}

func containsValue(list []any, x any) bool {
	return slices.ContainsFunc(list, func(y any) bool { return reflect.DeepEqual(x, y) })
}

// endLevel makes the limits the level just applied set take effect for
// the levels below.
func (n *enode) endLevel() {
	n.allowed &= n.next
	n.next = opAll
	for _, c := range n.children {
		c.endLevel()
	}
}

// render returns the node's effective value: its setting's value, or the
// object of its children's; ok is false when it has none.
func (n *enode) render() (any, bool) {
	if n.has {
		return n.value, true
	}
	obj := map[string]any{}
	for k, c := range n.children {
		if v, ok := c.render(); ok {
			obj[k] = v
		}
	}
	return obj, len(obj) > 0
}
