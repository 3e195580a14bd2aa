package evaluator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// This file runs iam-simulate's condition-operator cases
// (src/condition/<type>/<Operator>.test.ts, arrays of BaseOperatorTest:
// policy values, one request value, the expected match) against Evaluate,
// as TestIAMSimulateCorpus does for the core engine (see
// iamsimulate_test.go). The arrays are TypeScript object literals; tsLiteral
// turns one into JSON.

// iamSimOpCase is one BaseOperatorTest.
type iamSimOpCase struct {
	Name           string                     `json:"name"`
	RequestContext map[string]json.RawMessage `json:"requestContext"`
	PolicyValues   []string                   `json:"policyValues"`
	TestValue      string                     `json:"testValue"`
	Expected       bool                       `json:"expected"`
}

// iamSimOpKey is the context key the request value is put under. Its
// vendor is not one whose keys the evaluator derives or types.
const iamSimOpKey = "iamsimulate:TestKey"

// iamSimulateOpsJudged lists operator cases where Evaluate and
// iam-simulate disagree and the AWS documentation sides with fakeaws,
// keyed by "file/case name".
var iamSimulateOpsJudged = iamSimJudged(
	iamSimJudge{"arn/ArnNotLike.test.ts", []string{
		"should return an error if a variable is not defined",
	}, iamSimNoValue},
	iamSimJudge{"string/StringNotEquals.test.ts", []string{"should return replacement errors"}, iamSimNoValue},
	iamSimJudge{"string/StringNotEqualsIgnoreCase.test.ts", []string{"should return replacement errors"}, iamSimNoValue},
	iamSimJudge{"string/StringNotLike.test.ts", []string{"Should return replacement errors"}, iamSimNoValue},
	iamSimJudge{"arn/ArnNotLike.test.ts", []string{
		"should return false if not a valid request arn",
		"should return false if not a valid policy arn",
	}, iamSimBadValue},
	iamSimJudge{"date/DateNotEquals.test.ts", []string{
		"should return false if the policy values are not valid dates",
		"should return false if the test value is not a number",
	}, iamSimBadValue},
	iamSimJudge{"numeric/NumericNotEquals.test.ts", []string{
		"should return false if the policy values are not numbers",
		"should return false if the test value is not a number",
	}, iamSimBadValue},
	iamSimJudge{"ipaddress/NotIpAddress.test.ts", []string{
		"should be false if the key value is not a valid IP address",
		"V4: should be false if the policy value is not a valid CIDR block",
		"V6: should be false if the policy value is not a valid CIDR block",
	}, iamSimBadValue},
	iamSimJudge{"boolean/Bool.test.ts", []string{
		"should replace variables",
		"should ignore case in replaced variables",
	}, "policy variables in Bool values: the Condition operators page lists them as supported, the Policy variables " +
		"page says \"You can't use a policy variable with ... Boolean\"; fakeaws takes the reading that grants less, " +
		"so an Allow (as these cases are run) does not substitute them (docs/deviations.md, Policy evaluation, Matching)"},
	iamSimJudge{"date/DateEquals.test.ts", []string{"should match dates to epochs"},
		"iam-simulate reads an integer date as epoch milliseconds (JavaScript's Date); AWS's epoch dates are Unix " +
			"time, in seconds (Condition operators, Date condition operators: \"epoch (UNIX) time\"; aws:EpochTime " +
			"in the global condition context keys, e.g. 1696231100), so 1704067200000 is not 2024-01-01"},
)

// Reasons shared by several operator cases.
const (
	iamSimNoValue = "an inverted operator against a policy variable with no value matches: \"Inverted condition " +
		"operators ... do match against a null value\" (Policy variables page, \"Policy variables with no value\"; " +
		"docs/deviations.md, Matching)"
	iamSimBadValue = "a negated operator with a value that does not parse for it (not an ARN, date, number or IP) " +
		"is true in fakeaws, false in iam-simulate; AWS does not document it (docs/deviations.md, Parsing, " +
		"Condition values)"
)

var (
	// tsArithmetic is the one expression the cases hold:
	// (1704067200000 - 1).toString().
	tsArithmetic  = regexp.MustCompile(`^\((\d+)\s*([+-])\s*(\d+)\)\.toString\(\)`)
	iamSimOpArray = regexp.MustCompile(`const (\w+): BaseOperatorTest\[\] = \[`)
	iamSimOpCall  = regexp.MustCompile(`testOperator\(\s*'[^']*',\s*(\w+),\s*(\w+)\s*\)`)
)

func TestIAMSimulateConditionOperators(t *testing.T) {
	src := iamSimCheckout(t, "condition-operator cases")
	dir := filepath.Join(src, "src", "condition")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.test.ts"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no operator test files under %s (%v)", dir, err)
	}
	sort.Strings(files)
	seen := map[string]bool{}
	var total iamSimTally
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		rel = filepath.ToSlash(rel)
		t.Run(rel, func(t *testing.T) {
			tally := iamSimRunOpFile(t, f, rel, seen)
			total.add(tally)
		})
	}
	iamSimUnseen(t, iamSimulateOpsJudged, seen)
	t.Logf("iam-simulate condition operators: %d files, %d cases run, %d agree, %d judged differences",
		len(files), total.run, total.agree, total.judged)
}

// iamSimOpFile reads the operator cases of one file: the operator's name
// (the class testOperator is given) and its cases.
func iamSimOpFile(path string) (string, []iamSimOpCase, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	src := string(b)
	call := iamSimOpCall.FindStringSubmatch(src)
	arr := iamSimOpArray.FindStringSubmatchIndex(src)
	if call == nil || arr == nil {
		return "", nil, nil // not a BaseOperatorTest file
	}
	if src[arr[2]:arr[3]] != call[1] {
		return "", nil, fmt.Errorf("testOperator runs %s, the file declares %s", call[1], src[arr[2]:arr[3]])
	}
	lit, err := tsLiteral(src[arr[1]-1:])
	if err != nil {
		return "", nil, err
	}
	var cases []iamSimOpCase
	if err := json.Unmarshal([]byte(lit), &cases); err != nil {
		return "", nil, fmt.Errorf("decoding the cases: %v", err)
	}
	return call[2], cases, nil
}

func iamSimRunOpFile(t *testing.T, path, rel string, seen map[string]bool) iamSimTally {
	op, cases, err := iamSimOpFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var tally iamSimTally
	for i := range cases {
		c := &cases[i]
		key := rel + "/" + c.Name
		seen[key] = true
		diff := iamSimOpOutcome(op, c)
		why, judged := iamSimulateOpsJudged[key]
		tally.judge(t, fmt.Sprintf("%s %q", op, c.Name), diff, why, judged)
	}
	t.Logf("%s (%s): %d run, %d agree, %d judged", rel, op, tally.run, tally.agree, tally.judged)
	return tally
}

// iamSimOpOutcome evaluates, for an anonymous caller (whose context holds
// no key the evaluator derives, like the operator tests' empty request), a
// resource-based policy whose one statement allows everyone under the
// case's condition: "" when Evaluate agrees, else what differs.
func iamSimOpOutcome(op string, c *iamSimOpCase) string {
	values, err := json.Marshal(c.PolicyValues)
	if err != nil {
		return err.Error()
	}
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{` +
		strconv.Quote(op) + `:{"` + iamSimOpKey + `":` + string(values) + `}}}]}`
	p, err := Parse(doc, KindResource)
	if err != nil {
		return "policy does not parse: " + err.Error()
	}
	req := Request{Principal: Principal{Type: PrincipalAnonymous}, Action: "s3:GetObject", Resource: "*",
		ResourceAccount: "123456789012", Context: Context{}}
	if err := iamSimSetContext(req.Context, c.RequestContext); err != nil {
		return err.Error()
	}
	req.Context.Set(iamSimOpKey, c.TestValue)
	d := Evaluate(&req, &PolicySet{Resource: &NamedPolicy{Name: "operator", Policy: p}, ResourceKind: KindResource})
	if got := d.Effect == Allow; got != c.Expected {
		return fmt.Sprintf("policy values %q, request value %q: matched %v, iam-simulate expects %v", c.PolicyValues, c.TestValue, got, c.Expected)
	}
	return ""
}

// tsLiteral turns the TypeScript array or object literal at the start of
// src into JSON: quoted keys, double-quoted strings (single-quoted and
// template strings without substitutions accepted), comments and trailing
// commas dropped, (N ± M).toString() computed. It reads up to the
// bracket that closes the first one.
func tsLiteral(src string) (string, error) {
	var out strings.Builder
	depth := 0
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '/' && strings.HasPrefix(src[i:], "//"):
			i += strings.IndexByte(src[i:]+"\n", '\n')
		case c == '/' && strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i:], "*/")
			if end < 0 {
				return "", fmt.Errorf("unterminated comment")
			}
			i += end + 2
		case c == '\'' || c == '"' || c == '`':
			s, n, err := tsString(src[i:])
			if err != nil {
				return "", err
			}
			out.WriteString(strconv.Quote(s))
			i += n
		case c == '(':
			m := tsArithmetic.FindStringSubmatch(src[i:])
			if m == nil {
				return "", fmt.Errorf("expression not understood: %.40s", src[i:])
			}
			a, _ := strconv.ParseInt(m[1], 10, 64)
			b, _ := strconv.ParseInt(m[3], 10, 64)
			if m[2] == "-" {
				b = -b
			}
			out.WriteString(strconv.Quote(strconv.FormatInt(a+b, 10)))
			i += len(m[0])
		case c == '{' || c == '[':
			depth++
			out.WriteByte(c)
			i++
		case c == '}' || c == ']':
			trimTrailingComma(&out)
			out.WriteByte(c)
			i++
			if depth--; depth == 0 {
				return out.String(), nil
			}
		case c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(src) && (src[j] == '_' || src[j] == '$' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			out.WriteString(tsWord(src[i:j]))
			i = j
		default:
			out.WriteByte(c)
			i++
		}
	}
	return "", fmt.Errorf("unterminated literal")
}

// tsWord spells an identifier as JSON: a literal, or a key to quote.
func tsWord(w string) string {
	switch w {
	case "true", "false", "null":
		return w
	case "undefined":
		return "null"
	}
	return strconv.Quote(w)
}

// trimTrailingComma drops a comma (and the blanks after it) that closes
// the JSON written so far.
func trimTrailingComma(out *strings.Builder) {
	s := strings.TrimRight(out.String(), " \t\r\n")
	if strings.HasSuffix(s, ",") {
		s = s[:len(s)-1]
		out.Reset()
		out.WriteString(s)
	}
}

// tsString reads the quoted string at the start of src and returns its
// value and length. Template strings with ${...} substitutions are
// refused.
func tsString(src string) (string, int, error) {
	q := src[0]
	var b strings.Builder
	for i := 1; i < len(src); i++ {
		c := src[i]
		switch {
		case c == q:
			return b.String(), i + 1, nil
		case c == '\\' && i+1 < len(src):
			i++
			switch src[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(src[i])
			}
		case q == '`' && c == '$' && i+1 < len(src) && src[i+1] == '{':
			return "", 0, fmt.Errorf("template string with a substitution: %.40s", src)
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, fmt.Errorf("unterminated string: %.40s", src)
}
