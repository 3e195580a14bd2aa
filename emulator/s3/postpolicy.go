package s3

// A browser POST's policy document: its parsing and its check of the
// form (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html).

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// postPolicy is a decoded POST policy document.
type postPolicy struct {
	expiration time.Time
	conds      []postCond
	minLen     int64
	maxLen     int64
	hasRange   bool
	// badRange is a content-length-range condition whose bounds are not
	// numbers, as written; it fails every form.
	badRange string
}

type postCond struct {
	op    string // "eq" or "starts-with"
	field string // lower-case, without "$"
	value string
	raw   string // as written, for messages
	// unprefixed marks a condition whose field lacks its "$": it never
	// holds (AWS: 403 "Policy Condition failed: [\"eq\",
	// \"success_action_redirect\", ...]", LocalStack test_s3.snapshot.json
	// TestS3PresignedPost::test_post_object_policy_conditions_validation_eq
	// "invalid-condition-missing-prefix", validated 2026-02-21).
	unprefixed bool
}

// parsePostPolicy decodes the base64 policy and checks its shape.
func parsePostPolicy(b64 string) (*postPolicy, error) {
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, errInvalidPolicyDocument("Invalid Simple-Policy.")
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, errInvalidPolicyDocument("Invalid JSON.")
	}
	p := &postPolicy{}
	expRaw, ok := doc["expiration"]
	if !ok {
		return nil, errInvalidPolicyDocument("Policy missing expiration.")
	}
	var exp string
	if json.Unmarshal(expRaw, &exp) != nil {
		return nil, errInvalidPolicyDocument("Invalid 'expiration' value: '" + string(expRaw) + "'")
	}
	t, err := time.Parse(time.RFC3339Nano, exp)
	if err != nil {
		return nil, errInvalidPolicyDocument("Invalid 'expiration' value: '" + exp + "'")
	}
	p.expiration = t
	condRaw, ok := doc["conditions"]
	if !ok {
		return nil, errInvalidPolicyDocument("Policy missing conditions.")
	}
	var conds []json.RawMessage
	if json.Unmarshal(condRaw, &conds) != nil {
		return nil, errInvalidPolicyDocument("Invalid 'conditions' value.")
	}
	if len(conds) == 0 {
		// AWS refuses an empty list with 400 (justincormack/argmin
		// post_object.rs test_post_object_empty_conditions, 2026); its
		// wording is unrecorded, so a missing list's is used.
		return nil, errInvalidPolicyDocument("Policy missing conditions.")
	}
	for _, c := range conds {
		cond, err := parsePostCondition(p, c)
		if err != nil {
			return nil, err
		}
		if cond != nil {
			p.conds = append(p.conds, *cond)
		}
	}
	return p, nil
}

// parsePostCondition reads one condition of a POST policy: an object
// {"field": "value"} or a list [op, ...]; a content-length-range sets p's
// bounds and returns nil. Messages as AWS words them (justincormack/argmin
// crates/s3-tests/tests/post_object.rs, asserted against AWS in 2026:
// test_post_object_missing_content_length_argument,
// test_post_object_policy_{short,long}_{starts_with,eq}_condition,
// test_post_object_policy_unknown_operator_condition,
// test_post_object_policy_scalar_condition).
func parsePostCondition(p *postPolicy, c json.RawMessage) (*postCond, error) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(c, &obj) == nil {
		return parseSimpleCondition(c, obj)
	}
	var arr []json.RawMessage
	if json.Unmarshal(c, &arr) != nil {
		return nil, errInvalidPolicyDocument("Invalid condition test: must be a List or Object.")
	}
	var op string
	if len(arr) == 0 || json.Unmarshal(arr[0], &op) != nil {
		return nil, errInvalidPolicyDocument("Invalid Condition: " + string(c))
	}
	switch strings.ToLower(op) {
	case "content-length-range":
		return nil, parseLengthRange(p, c, arr)
	case "eq", "starts-with":
		if len(arr) != 3 {
			return nil, errInvalidPolicyDocument("Invalid " + map[string]string{"eq": "Eq", "starts-with": "starts-with"}[strings.ToLower(op)] +
				": wrong number of arguments.")
		}
		var field, value string
		if json.Unmarshal(arr[1], &field) != nil || json.Unmarshal(arr[2], &value) != nil {
			return nil, errInvalidPolicyDocument("Invalid Condition: " + string(c))
		}
		name, prefixed := strings.CutPrefix(field, "$")
		return &postCond{op: strings.ToLower(op), field: strings.ToLower(name), value: value, raw: string(c),
			unprefixed: !prefixed}, nil
	}
	return nil, errInvalidPolicyDocument("Invalid Condition: unknown operation '" + op + "'.")
}

// parseSimpleCondition reads {"field": "value"}, an exact match.
func parseSimpleCondition(c json.RawMessage, obj map[string]json.RawMessage) (*postCond, error) {
	if len(obj) != 1 {
		return nil, errInvalidPolicyDocument("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.")
	}
	for k, v := range obj {
		var s string
		if json.Unmarshal(v, &s) != nil {
			return nil, errInvalidPolicyDocument("Invalid Simple-Condition: value must be a string.")
		}
		return &postCond{op: "eq", field: strings.ToLower(strings.TrimPrefix(k, "$")), value: s, raw: string(c)}, nil
	}
	return nil, nil
}

// parseLengthRange reads ["content-length-range", min, max] into p.
func parseLengthRange(p *postPolicy, c json.RawMessage, arr []json.RawMessage) error {
	if len(arr) != 3 {
		return errInvalidPolicyDocument("Invalid content-length-range: wrong number of arguments.")
	}
	lo, okLo, numLo := rangeBound(arr[1])
	hi, okHi, numHi := rangeBound(arr[2])
	switch {
	case !numLo || !numHi:
		return errInvalidPolicyDocument("Invalid content-length-range condition: " + string(c))
	case !okLo || !okHi:
		// A bound written as a string that is not a number fails at
		// check time, as AWS answers it: 403 "Policy Condition failed:
		// [\"content-length-range\", \"test\", \"10\"]" (LocalStack
		// test_s3.snapshot.json
		// TestS3PresignedPost::test_post_object_policy_validation_size
		// "invalid-content-length-wrong-type", validated 2026-02-21).
		p.badRange = `["content-length-range", ` + string(arr[1]) + ", " + string(arr[2]) + "]"
	case lo < 0 || hi < lo:
		return errInvalidPolicyDocument("Invalid content-length-range condition: " + string(c))
	default:
		p.minLen, p.maxLen, p.hasRange = lo, hi, true
	}
	return nil
}

// rangeBound reads a content-length-range bound: a JSON integer, or a
// string holding one (AWS accepts ["content-length-range", "5", "10"]:
// LocalStack TestS3PresignedPost::test_post_object_policy_validation_size).
// ok is false for a string that is no integer; isNum is false for any
// other JSON value.
func rangeBound(raw json.RawMessage) (n int64, ok, isNum bool) {
	if json.Unmarshal(raw, &n) == nil {
		return n, true, true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return 0, false, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n, err == nil, true
}

// postExempt are the form fields that need no policy condition.
func postExempt(name string) bool {
	switch name {
	case "policy", "x-amz-signature", "signature", "awsaccesskeyid", "file":
		return true
	}
	return strings.HasPrefix(name, "x-ignore-")
}

// check applies the policy to the form: expiration, every condition, and
// no form field without a condition.
func (p *postPolicy) check(now time.Time, f *postForm, bucket string) error {
	if !now.Before(p.expiration) {
		return errPolicy("Policy expired.")
	}
	if p.badRange != "" {
		return errPolicy("Policy Condition failed: " + p.badRange)
	}
	covered := map[string]bool{}
	for _, c := range p.conds {
		if c.unprefixed {
			return errPolicy("Policy Condition failed: " + c.rawForm())
		}
		covered[c.field] = true
		var got string
		var present bool
		if c.field == "bucket" {
			got, present = bucket, true
		} else {
			got, present = f.fields[c.field]
		}
		ok := present
		if ok {
			switch c.op {
			case "eq":
				ok = got == c.value
			case "starts-with":
				ok = strings.HasPrefix(got, c.value)
				if !ok && c.field == "content-type" && strings.Contains(got, ",") {
					ok = true
					for _, part := range strings.Split(got, ",") {
						ok = ok && strings.HasPrefix(strings.TrimSpace(part), c.value)
					}
				}
			}
		}
		if !ok {
			return errPolicy("Policy Condition failed: " + c.rawForm())
		}
	}
	for name := range f.fields {
		if !postExempt(name) && !covered[name] {
			return errPolicy("Extra input fields: " + f.names[name])
		}
	}
	// The bucket counts as a field too: a policy must name it.
	if !covered["bucket"] {
		return errPolicy("Extra input fields: bucket")
	}
	return nil
}

func (c postCond) rawForm() string {
	if c.unprefixed {
		return fmt.Sprintf(`["%s", "%s", "%s"]`, c.op, c.field, c.value)
	}
	return fmt.Sprintf(`["%s", "$%s", "%s"]`, c.op, c.field, c.value)
}
