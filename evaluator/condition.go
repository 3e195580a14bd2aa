package evaluator

import (
	"cmp"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Condition operators
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).

type opBase uint8

const (
	opString opBase = iota
	opStringIgnoreCase
	opStringLike
	opNumeric
	opDate
	opBool
	opBinary
	opIP
	opArn
	opNull
)

type cmpKind uint8

const (
	cmpEq cmpKind = iota
	cmpLt
	cmpLe
	cmpGt
	cmpGe
)

type setKind uint8

const (
	setNone setKind = iota
	setForAll
	setForAny
)

type opInfo struct {
	base   opBase
	cmp    cmpKind
	negate bool
}

var operators = map[string]opInfo{
	"stringequals":              {opString, cmpEq, false},
	"stringnotequals":           {opString, cmpEq, true},
	"stringequalsignorecase":    {opStringIgnoreCase, cmpEq, false},
	"stringnotequalsignorecase": {opStringIgnoreCase, cmpEq, true},
	"stringlike":                {opStringLike, cmpEq, false},
	"stringnotlike":             {opStringLike, cmpEq, true},
	"numericequals":             {opNumeric, cmpEq, false},
	"numericnotequals":          {opNumeric, cmpEq, true},
	"numericlessthan":           {opNumeric, cmpLt, false},
	"numericlessthanequals":     {opNumeric, cmpLe, false},
	"numericgreaterthan":        {opNumeric, cmpGt, false},
	"numericgreaterthanequals":  {opNumeric, cmpGe, false},
	"dateequals":                {opDate, cmpEq, false},
	"datenotequals":             {opDate, cmpEq, true},
	"datelessthan":              {opDate, cmpLt, false},
	"datelessthanequals":        {opDate, cmpLe, false},
	"dategreaterthan":           {opDate, cmpGt, false},
	"dategreaterthanequals":     {opDate, cmpGe, false},
	"bool":                      {opBool, cmpEq, false},
	"binaryequals":              {opBinary, cmpEq, false},
	"ipaddress":                 {opIP, cmpEq, false},
	"notipaddress":              {opIP, cmpEq, true},
	"arnequals":                 {opArn, cmpEq, false},
	"arnlike":                   {opArn, cmpEq, false},
	"arnnotequals":              {opArn, cmpEq, true},
	"arnnotlike":                {opArn, cmpEq, true},
	"null":                      {opNull, cmpEq, false},
}

type condValue struct {
	raw  string
	pat  pattern    // string operators
	arn  arnPattern // Arn operators
	num  float64    // Numeric
	date instant    // Date
	pfx  netip.Prefix
	ok   bool // the value parsed for its operator
}

type condition struct {
	Operator string // as written, e.g. "ForAnyValue:StringLikeIfExists"
	Key      string // as written
	lkey     string // lower-cased key
	opInfo
	ifExists bool
	set      setKind
	vals     []condValue
}

// parseOperator splits "ForAllValues:StringEqualsIfExists" into its parts.
func parseOperator(name string) (opInfo, setKind, bool, bool) {
	s := strings.ToLower(name)
	set := setNone
	switch {
	case strings.HasPrefix(s, "forallvalues:"):
		set, s = setForAll, s[len("forallvalues:"):]
	case strings.HasPrefix(s, "foranyvalue:"):
		set, s = setForAny, s[len("foranyvalue:"):]
	}
	ifExists := false
	if strings.HasSuffix(s, "ifexists") {
		ifExists, s = true, strings.TrimSuffix(s, "ifexists")
	}
	info, ok := operators[s]
	if !ok || (info.base == opNull && (ifExists || set != setNone)) {
		return info, set, false, false
	}
	return info, set, ifExists, true
}

// conditionSyntax checks a Condition element: an object of operator
// blocks, each an object whose values condValues accepts. An unknown
// operator is a syntax error unless lenient and its block is empty (IAM
// accepts {"a": {}}, and refuses {"x": {"a": "1"}}: LocalStack's
// TestPolicyDocumentValidity valid-19 and invalid-52, recorded from AWS
// Feb 2026).
func conditionSyntax(n *jnode, lenient bool) bool {
	if n.kind != 'o' {
		return false
	}
	for i, opName := range n.keys {
		block := n.vals[i]
		if block.kind != 'o' {
			return false
		}
		if _, _, _, ok := parseOperator(opName); !ok && !(lenient && len(block.keys) == 0) {
			return false
		}
		for _, v := range block.vals {
			if _, ok := condValues(v); !ok {
				return false
			}
		}
	}
	return true
}

// parseConditions compiles a Condition element conditionSyntax accepted;
// an unknown operator (with no keys) adds nothing. keyVendor requires
// every key to be vendor-prefixed, as resource-based policies do; IAM
// accepts a key without one ("a": TestPolicyDocumentValidity valid-32).
// allow is the statement's Effect, which decides how Bool values read
// policy variables (boolVars).
func parseConditions(n *jnode, vars, keyVendor, allow bool) ([]condition, string) {
	var out []condition
	for i, opName := range n.keys {
		info, set, ifExists, ok := parseOperator(opName)
		if !ok {
			continue
		}
		block := n.vals[i]
		for j, key := range block.keys {
			if c := strings.IndexByte(key, ':'); keyVendor && (c <= 0 || c == len(key)-1) {
				return nil, MsgVendor
			}
			raws, _ := condValues(block.vals[j])
			c := condition{Operator: opName, Key: key, lkey: strings.ToLower(key), opInfo: info, ifExists: ifExists, set: set}
			opVars := vars
			if info.base == opBool {
				opVars = boolVars(vars, allow)
			}
			for _, r := range raws {
				c.vals = append(c.vals, compileCondValue(info.base, r, opVars))
			}
			out = append(out, c)
		}
	}
	return out, ""
}

// condValues accepts a string, number or bool, or a list of them.
func condValues(n *jnode) ([]string, bool) {
	switch n.kind {
	case 's', 'n', 'b':
		return []string{n.str}, true
	case 'a':
		out := make([]string, 0, len(n.arr))
		for _, e := range n.arr {
			switch e.kind {
			case 's', 'n', 'b':
				out = append(out, e.str)
			default:
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

func compileCondValue(base opBase, raw string, vars bool) condValue {
	v := condValue{raw: raw, ok: true}
	switch base {
	case opString, opStringIgnoreCase:
		v.pat = compilePattern(raw, vars, false, false)
	case opStringLike:
		v.pat = compilePattern(raw, vars, true, false)
	case opArn:
		v.arn = compileARN(raw, vars)
	case opNumeric:
		v.num, v.ok = parseNumber(raw)
	case opDate:
		v.date, v.ok = parseDate(raw)
	case opIP:
		v.pfx, v.ok = parseIPOrCIDR(raw)
	case opNull:
		v.ok = boolText(raw)
	case opBool:
		v.pat = compilePattern(raw, vars, false, false)
		v.ok = !v.pat.literal || boolText(v.pat.lit)
	}
	return v
}

// boolText reports whether s is a Bool or Null condition value: true or
// false, in any case.
func boolText(s string) bool {
	return strings.EqualFold(s, "true") || strings.EqualFold(s, "false")
}

// boolVars reports whether the Bool values of a statement substitute
// policy variables (vars: the document's Version has them), given its
// Effect. The IAM User Guide gives two readings: the Condition operators
// page lists the Boolean operators with "Policy variables – Supported",
// the Policy variables page says "You can't use a policy variable with
// other operators, such as Numeric, Date, Boolean, Binary, IP address, or
// Null" (both as published in 2026), and AWS's answer is not recorded. A
// statement takes the reading under which it grants less (fail closed): a
// Deny substitutes, so it denies wherever either reading would; an Allow
// reads "${...}" literally, which is neither true nor false and never
// matches, so it allows only where both readings would. See
// docs/deviations.md (Policy evaluation, Matching).
func boolVars(vars, allow bool) bool {
	return vars && !allow
}

// parseNumber accepts integers and decimals ("10", "-1.5", "2e3"); not
// the hexadecimal, underscore, Inf and NaN forms strconv also knows.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E':
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	"2006-01",
}

// instant is a Date condition value: seconds and nanoseconds since the
// Unix epoch. Unix nanoseconds alone would overflow past 2262, and
// policies name dates such as 2999-01-01 (argmin bucket_policy.rs
// test_bucket_policy_current_time_date_condition_operators: AWS holds
// DateLessThan 2999-01-01T00:00:00Z true today).
type instant struct{ sec, nsec int64 }

// cmp is -1, 0 or +1 as i is before, at or after j.
func (i instant) cmp(j instant) int {
	if c := cmp.Compare(i.sec, j.sec); c != 0 {
		return c
	}
	return cmp.Compare(i.nsec, j.nsec)
}

// parseDate accepts ISO 8601 (W3C profile) dates and epoch seconds.
func parseDate(s string) (instant, bool) {
	if s == "" {
		return instant{}, false
	}
	digits := true
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && !(i == 0 && s[i] == '-') && s[i] != '.' {
			digits = false
			break
		}
	}
	if digits {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) || math.Abs(f) > 1<<62 {
			return instant{}, false
		}
		sec := math.Floor(f)
		return instant{int64(sec), int64((f - sec) * 1e9)}, true
	}
	if len(s) < 7 || s[4] != '-' {
		return instant{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return instant{t.Unix(), int64(t.Nanosecond())}, true
		}
	}
	return instant{}, false
}

func parseIPOrCIDR(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if strings.IndexByte(s, '/') >= 0 {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		a := p.Addr().Unmap()
		bits := p.Bits()
		if p.Addr().Is4In6() {
			bits -= 96
			if bits < 0 {
				return netip.Prefix{}, false
			}
		}
		return netip.PrefixFrom(a, bits).Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), true
}

// valueMatches is the positive (un-negated) test of one request value
// against one policy value.
func (c *condition) valueMatches(v string, pv *condValue, e *evalState) bool {
	if !pv.ok {
		return false
	}
	switch c.base {
	case opString:
		return pv.pat.match(v, false, e)
	case opStringIgnoreCase:
		if pv.pat.literal {
			return strings.EqualFold(v, pv.pat.lit)
		}
		// With its variables substituted the value folds case as a
		// literal one does (the matcher's folding is ASCII, for actions).
		s, ok := pv.pat.expand(e)
		return ok && strings.EqualFold(v, s)
	case opStringLike:
		return pv.pat.match(v, false, e)
	case opArn:
		return pv.arn.match(v, e)
	case opNumeric:
		f, ok := parseNumber(v)
		return ok && compare(c.cmp, f, pv.num)
	case opDate:
		t, ok := parseDate(v)
		return ok && compare(c.cmp, t.cmp(pv.date), 0)
	case opBool:
		want := pv.pat.lit
		if !pv.pat.literal {
			// A substituted value must itself be true or false.
			s, ok := pv.pat.expand(e)
			if !ok || !boolText(s) {
				return false
			}
			want = s
		}
		return strings.EqualFold(v, want)
	case opBinary:
		return v == pv.raw
	case opIP:
		a, err := netip.ParseAddr(strings.TrimSpace(v))
		if err != nil {
			return false
		}
		a = a.Unmap()
		return pv.pfx.Contains(a)
	}
	return false
}

// compare applies a numeric or date operator's comparison to a and b.
func compare[T cmp.Ordered](c cmpKind, a, b T) bool {
	switch c {
	case cmpLt:
		return a < b
	case cmpLe:
		return a <= b
	case cmpGt:
		return a > b
	case cmpGe:
		return a >= b
	}
	return a == b
}

// anyPolicyValue reports whether request value v matches at least one
// policy value (OR across a key's values).
func (c *condition) anyPolicyValue(v string, e *evalState) bool {
	for i := range c.vals {
		if c.valueMatches(v, &c.vals[i], e) {
			return true
		}
	}
	return false
}

// eval evaluates the condition; missing reports that the key was absent.
//
// Rules (Condition operators; Multivalued context keys):
//   - key absent: ...IfExists → true; ForAllValues → true; ForAnyValue →
//     false; negated operators → true; others → false.
//   - Null: "true" holds when the key is absent, "false" when present.
//   - plain operators: true when any request value matches any policy
//     value; a negated operator is the negation of that.
//   - ForAllValues: every request value must pass (the negated form: no
//     request value matches a policy value); ForAnyValue: at least one must.
func (c *condition) eval(e *evalState) (ok bool, missing bool) {
	vals, present := e.lookup(c.lkey)
	if present && (vals.len() == 0 || ((c.set != setNone || c.base == opNull) && allEmpty(vals))) {
		// A key with no values is absent. For the set operators and Null,
		// values that resolve to a null data set (only empty strings) are
		// absent too (Multivalued context keys: "if the key values resolve
		// to a null data set, such as an empty string").
		present = false
	}
	if c.base == opNull {
		for i := range c.vals {
			if strings.EqualFold(c.vals[i].raw, "true") != present {
				return true, false
			}
		}
		return false, false
	}
	if !present {
		switch {
		case c.ifExists, c.set == setForAll:
			return true, true
		case c.set == setForAny:
			return false, true
		}
		return c.negate, true
	}
	if c.set == setNone && setOnlyKeys[c.lkey] {
		// A single-valued operator never matches these keys, even a set
		// of one value equal to the policy's.
		return c.negate, false
	}
	n := vals.len()
	switch c.set {
	case setForAll:
		for i := 0; i < n; i++ {
			if c.anyPolicyValue(vals.at(i), e) == c.negate {
				return false, false
			}
		}
		return true, false
	case setForAny:
		for i := 0; i < n; i++ {
			if c.anyPolicyValue(vals.at(i), e) != c.negate {
				return true, false
			}
		}
		return false, false
	}
	for i := 0; i < n; i++ {
		if c.anyPolicyValue(vals.at(i), e) {
			return !c.negate, false
		}
	}
	return c.negate, false
}

// setOnlyKeys are multivalued keys that only a set operator
// (ForAllValues:, ForAnyValue:) or Null compares: a single-valued operator
// on them does not match, so StringEquals aws:TagKeys "security" is false
// for a request tagging just "security" (justincormack/argmin
// crates/s3-tests/tests/bucket_policy_multivalue.rs
// test_bucket_policy_tag_keys_string_equals_is_accepted_but_does_not_match
// and ..._request_object_tag_keys_string_equals_is_accepted_but_does_not_match,
// asserted against AWS S3, 2026). Other multivalued keys keep the
// any-value reading (docs/deviations.md), AWS's answer for them unrecorded.
var setOnlyKeys = map[string]bool{"aws:tagkeys": true, "s3:requestobjecttagkeys": true}

func allEmpty(v values) bool {
	for i := 0; i < v.len(); i++ {
		if v.at(i) != "" {
			return false
		}
	}
	return true
}

// EvalCondition evaluates a single condition, given as a Condition element
// JSON object such as {"StringLike":{"s3:prefix":"home/*"}}, against ctx
// (Version 2012-10-17 semantics, as an Allow statement reads it: see
// boolVars). It returns false if the block does not parse. It exists for
// tests, fuzzing and tools.
func EvalCondition(block string, ctx Context) bool {
	n, err := parseJSON(block)
	if err != nil || !conditionSyntax(n, false) {
		return false
	}
	cs, msg := parseConditions(n, true, true, true)
	if msg != "" {
		return false
	}
	req := Request{Context: ctx}
	e := evalState{req: &req}
	for i := range cs {
		if ok, _ := cs[i].eval(&e); !ok {
			return false
		}
	}
	return true
}
