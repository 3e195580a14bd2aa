package evaluator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// This file runs the strict-mode cases of iam-simulate's
// src/condition/condition.test.ts against Evaluate. They are vitest code,
// not data: each it(...) block builds a request context and a policy with
// loadPolicy, runs singleConditionMatchesRequest (the first condition) or
// requestMatchesConditions (all of them) and expects a match or not. A
// block is mapped when those pieces can be read from it (literals, or a
// literal bound to a const in the block); the others, and every block of a
// Discovery-mode describe, are counted as not mapped.

var (
	iamSimItBlock    = regexp.MustCompile(`(?m)^\s*it\('((?:[^'\\]|\\.)*)',`)
	iamSimDescribe   = regexp.MustCompile(`(?m)^describe\('((?:[^'\\]|\\.)*)',`)
	iamSimExpectBool = regexp.MustCompile(`expect\((?:response|result)\.matches\)\.(?:toEqual|toBe)\((true|false|'Match'|'NoMatch')\)`)
	iamSimCtxArg     = regexp.MustCompile(`RequestContextImpl\(\s*(\w+)\s*\)`)
)

// iamSimCondCase is one mapped it(...) block.
type iamSimCondCase struct {
	name      string
	condition json.RawMessage // the statement's Condition element
	context   map[string]json.RawMessage
	match     bool
}

// iamSimulateCondJudged lists condition.test.ts cases where Evaluate and
// iam-simulate disagree and the AWS documentation sides with fakeaws, keyed
// by "condition.test.ts/it name".
var iamSimulateCondJudged = iamSimJudged(
	iamSimJudge{"condition.test.ts", []string{"should return no match if the base operation is not found"},
		"IAM refuses a policy with an unknown condition operator (\"Syntax errors in policy.\"), so no decision is " +
			"made with it"},
	iamSimJudge{"condition.test.ts", []string{
		"should treat treat ForAllValues:Null the same as Null",
		"should treat ForAnyValue:Null the same as Null",
	}, "fakeaws refuses Null with a set operator as a syntax error (docs/deviations.md, Parsing); the guide does " +
		"not describe the combination"},
	iamSimJudge{"condition.test.ts", []string{"should return NoMatch if the operation is single value but the key is an array"},
		"a single-valued operator on a multivalued key: the guide only says \"Multivalued context keys require a " +
			"condition set operator\" (Single-valued vs. multivalued context keys); fakeaws matches when any value " +
			"matches (docs/deviations.md, Matching)"},
)

func TestIAMSimulateConditions(t *testing.T) {
	src := iamSimCheckout(t, "condition cases")
	b, err := os.ReadFile(filepath.Join(src, "src", "condition", "condition.test.ts"))
	if err != nil {
		t.Fatal(err)
	}
	cases, discovery, unmapped := iamSimCondCases(string(b))
	if len(cases) == 0 {
		t.Fatal("no case of condition.test.ts could be mapped")
	}
	tally := iamSimJudgeEach(t, "condition.test.ts", cases, func(c *iamSimCondCase) string { return c.name },
		iamSimCondOutcome, iamSimulateCondJudged)
	t.Logf("iam-simulate condition.test.ts: %d cases run, %d agree, %d judged differences; not run: %d Discovery-mode blocks, %d blocks not mapped",
		tally.run, tally.agree, tally.judged, discovery, unmapped)
}

// iamSimCondCases maps the it(...) blocks of condition.test.ts, returning
// the mapped cases and the numbers of Discovery-mode and other blocks left
// out.
func iamSimCondCases(src string) (cases []iamSimCondCase, discovery, unmapped int) {
	its := iamSimItBlock.FindAllStringSubmatchIndex(src, -1)
	describes := iamSimDescribe.FindAllStringSubmatchIndex(src, -1)
	for i, m := range its {
		end := len(src)
		if i+1 < len(its) {
			end = its[i+1][0]
		}
		section := ""
		for _, d := range describes {
			if d[0] < m[0] {
				section = src[d[2]:d[3]]
			}
		}
		block := src[m[0]:end]
		if strings.Contains(section, "Discovery") || strings.Contains(block, "iscovery") {
			discovery++
			continue
		}
		c, ok := iamSimCondBlock(block)
		if !ok {
			unmapped++
			continue
		}
		c.name = strings.ReplaceAll(src[m[2]:m[3]], `\'`, `'`)
		cases = append(cases, c)
	}
	return cases, discovery, unmapped
}

// iamSimCondBlock maps one strict-mode it(...) block.
func iamSimCondBlock(block string) (iamSimCondCase, bool) {
	var c iamSimCondCase
	exp := iamSimExpectBool.FindAllStringSubmatch(block, -1)
	if len(exp) != 1 {
		return c, false
	}
	c.match = exp[0][1] == "true" || exp[0][1] == "'Match'"
	var pol struct {
		Statement []struct {
			Condition map[string]map[string]json.RawMessage
		}
	}
	if !iamSimLiteralAfter(block, "loadPolicy(", &pol) || len(pol.Statement) != 1 || len(pol.Statement[0].Condition) == 0 {
		return c, false
	}
	cond := pol.Statement[0].Condition
	if strings.Contains(block, "singleConditionMatchesRequest(") && (len(cond) != 1 || iamSimOnlyValue(cond) != 1) {
		return c, false // only the first condition would be tested
	}
	c.condition, _ = json.Marshal(cond)
	if m := iamSimCtxArg.FindStringSubmatch(block); m != nil {
		return c, iamSimLiteralAfter(block, "const "+m[1]+" = ", &c.context)
	}
	return c, iamSimLiteralAfter(block, "RequestContextImpl(", &c.context)
}

// iamSimOnlyValue counts the keys under the conditions' operators.
func iamSimOnlyValue(cond map[string]map[string]json.RawMessage) int {
	n := 0
	for _, keys := range cond {
		n += len(keys)
	}
	return n
}

// iamSimLiteralAfter decodes into v the TypeScript literal that follows the
// first occurrence of marker in block.
func iamSimLiteralAfter(block, marker string, v any) bool {
	i := strings.Index(block, marker)
	if i < 0 {
		return false
	}
	rest := strings.TrimLeft(block[i+len(marker):], " \t\r\n")
	if rest == "" || rest[0] != '{' {
		return false
	}
	lit, err := tsLiteral(rest)
	return err == nil && json.Unmarshal([]byte(lit), v) == nil
}

// iamSimCondOutcome evaluates, for an anonymous caller, a resource-based
// policy that allows everyone under the case's conditions.
func iamSimCondOutcome(c *iamSimCondCase) string {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":` +
		string(c.condition) + `}]}`
	p, err := Parse(doc, KindResource)
	if err != nil {
		return "policy does not parse: " + err.Error()
	}
	req := Request{Principal: Principal{Type: PrincipalAnonymous}, Action: "s3:GetObject", Resource: "*",
		ResourceAccount: "123456789012", Context: Context{}}
	if err := iamSimSetContext(req.Context, c.context); err != nil {
		return err.Error()
	}
	d := Evaluate(&req, &PolicySet{Resource: &NamedPolicy{Name: "conditions", Policy: p}, ResourceKind: KindResource})
	if got := d.Effect == Allow; got != c.match {
		return fmt.Sprintf("condition %s, context %v: matched %v, iam-simulate expects %v", c.condition, req.Context, got, c.match)
	}
	return ""
}
