package evaluator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// This file runs iam-simulate's src/action/action.test.ts against
// Evaluate, as TestIAMSimulateConditions does for condition.test.ts: each
// it() block loads a statement's Action or NotAction, builds a request for
// one action and expects the element to match or not.

var (
	iamSimActionArg   = regexp.MustCompile(`new AwsRequestImpl\(\s*'[^']*',\s*\{[^}]*\},\s*'((?:[^'\\]|\\.)*)'`)
	iamSimExpectMatch = regexp.MustCompile(`expect\(response\.matches\)\.(?:toBe|toEqual)\((true|false)\)`)
)

// iamSimActionCase is one mapped it() block.
type iamSimActionCase struct {
	name, element string // element is "Action" or "NotAction"
	actions       json.RawMessage
	action        string
	match         bool
}

// iamSimulateActionJudged lists action.test.ts cases where Evaluate and
// iam-simulate disagree, keyed by "action.test.ts/it name".
var iamSimulateActionJudged = iamSimJudged(
	iamSimJudge{"action.test.ts", []string{"should not match a wildcard service in the policy"},
		"a wildcard in an action's vendor (\"*:GetBucket\"): fakeaws accepts and matches it, iam-simulate never " +
			"matches it; IAM's answer is not recorded (LocalStack's recording has only letters, digits, - and . as " +
			"accepted vendor characters and a space as refused)"},
	iamSimJudge{"action.test.ts", []string{
		"should not match an empty action after the colon",
		"should return true for an empty action after the colon",
	}, "fakeaws refuses an action with no name after the vendor (\"s3:\"), so no decision is made with it; IAM's " +
		"answer is not recorded"},
)

func TestIAMSimulateActions(t *testing.T) {
	src := iamSimCheckout(t, "action cases")
	b, err := os.ReadFile(filepath.Join(src, "src", "action", "action.test.ts"))
	if err != nil {
		t.Fatal(err)
	}
	cases, unmapped := iamSimActionCases(string(b))
	if len(cases) == 0 {
		t.Fatal("no case of action.test.ts could be mapped")
	}
	tally := iamSimJudgeEach(t, "action.test.ts", cases, func(c *iamSimActionCase) string { return c.name },
		iamSimActionOutcome, iamSimulateActionJudged)
	t.Logf("iam-simulate action.test.ts: %d cases run, %d agree, %d judged differences, %d blocks not mapped",
		tally.run, tally.agree, tally.judged, unmapped)
}

// iamSimActionCases maps the it() blocks of action.test.ts.
func iamSimActionCases(src string) ([]iamSimActionCase, int) {
	return iamSimItBlocks(src, func(block, title string) (iamSimActionCase, bool) {
		c, ok := iamSimActionBlock(block)
		c.name = title
		return c, ok
	})
}

func iamSimActionBlock(block string) (iamSimActionCase, bool) {
	var c iamSimActionCase
	exp := iamSimExpectMatch.FindAllStringSubmatch(block, -1)
	act := iamSimActionArg.FindStringSubmatch(block)
	var pol struct {
		Statement map[string]json.RawMessage
	}
	if len(exp) != 1 || act == nil || !iamSimLiteralAfter(block, "loadPolicy(", &pol) {
		return c, false
	}
	c.match, c.action = exp[0][1] == "true", act[1]
	for _, el := range []string{"Action", "NotAction"} {
		if v, ok := pol.Statement[el]; ok {
			c.element, c.actions = el, v
		}
	}
	return c, c.element != ""
}

// iamSimActionOutcome asks whether an identity policy with the case's
// Action or NotAction allows the action: "" when Evaluate agrees with the
// expected match.
func iamSimActionOutcome(c *iamSimActionCase) string {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","` + c.element + `":` + string(c.actions) + `,"Resource":"*"}]}`
	p, err := Parse(doc, KindIdentity)
	if err != nil {
		return "policy does not parse: " + err.Error()
	}
	req := Request{Principal: Principal{Type: PrincipalUser, ARN: "arn:aws:iam::111111111111:user/iamsimulate",
		Account: "111111111111", UserID: "AIDAIAMSIMULATEUSER", Username: "iamsimulate"},
		Action: c.action, Resource: "*", ResourceAccount: "111111111111"}
	d := Evaluate(&req, &PolicySet{Identity: []NamedPolicy{{Name: "actions", Policy: p}}})
	if got := d.Effect == Allow; got != c.match {
		return fmt.Sprintf("%s %s, request action %q: matched %v, iam-simulate expects %v", c.element, c.actions, c.action, got, c.match)
	}
	return ""
}
