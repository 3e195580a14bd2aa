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
// src/principal/principal.test.ts against Evaluate, as
// TestIAMSimulateConditions does for condition.test.ts: each it() block
// loads a policy whose statement names principals, builds a request from a
// caller and expects how the statement names it: Match (the caller
// itself, or everyone), SessionRoleMatch (the role of an assumed-role
// session), AccountLevelMatch (the caller's account) or NoMatch. The
// evaluator keeps that class to itself, so the runner reads it from
// decisions on a bucket-style resource policy that allows what the
// statement names (see iamSimPrincipalClass). Blocks about NotPrincipal,
// Discovery mode or helper functions are not mapped.

var (
	iamSimCallerArg   = regexp.MustCompile(`new AwsRequestImpl\(\s*('(?:[^'\\]|\\.)*'|\{[^}]*\})`)
	iamSimExpectClass = regexp.MustCompile(`expect\(result(?:\.explain)?\.matches\)\.(?:toBe|toEqual)\('(\w+)'\)`)
	iamSimPrincipalFn = regexp.MustCompile(`requestMatches(PrincipalStatement|Principal|StatementPrincipals)\(`)
)

// iamSimPrincipalCase is one mapped it() block.
type iamSimPrincipalCase struct {
	name      string
	principal json.RawMessage // the statement's Principal element
	caller    json.RawMessage // iam-simulate's request principal
	want      string
}

// iamSimulatePrincipalJudged lists principal.test.ts cases where Evaluate
// and iam-simulate disagree, keyed by "principal.test.ts/it name".
var iamSimulatePrincipalJudged = iamSimJudged(
	iamSimJudge{"principal.test.ts", []string{"should return Match for matching canonical user principal"},
		"an S3 canonical user id stands for an AWS account (\"The canonical user ID is ... associated with your AWS " +
			"account\"), so naming it delegates like naming the account (docs/deviations.md, Decision); iam-simulate's " +
			"caller is the canonical id itself"},
	iamSimJudge{"principal.test.ts", []string{
		"role arn with a path matches an assumed-role session for the role name",
		"role arn with a path matches an assumed-role session for the role name ignoring case",
	}, "outside the evaluator: which role a session belongs to, its path and the case of its stored name included, " +
		"is the emulator's to resolve (emulator/authn gives the evaluator the stored role ARN, emulator/principals " +
		"resolves policy principals); a session ARN carries neither path nor stored case, so the runner cannot"},
)

func TestIAMSimulatePrincipals(t *testing.T) {
	src := iamSimCheckout(t, "principal cases")
	b, err := os.ReadFile(filepath.Join(src, "src", "principal", "principal.test.ts"))
	if err != nil {
		t.Fatal(err)
	}
	cases, unmapped := iamSimPrincipalCases(string(b))
	if len(cases) == 0 {
		t.Fatal("no case of principal.test.ts could be mapped")
	}
	tally := iamSimJudgeEach(t, "principal.test.ts", cases, func(c *iamSimPrincipalCase) string { return c.name },
		iamSimPrincipalOutcome, iamSimulatePrincipalJudged)
	t.Logf("iam-simulate principal.test.ts: %d cases run, %d agree, %d judged differences, %d blocks not mapped",
		tally.run, tally.agree, tally.judged, unmapped)
}

// iamSimPrincipalOutcome is "" when fakeaws classes the case's caller as
// iam-simulate expects, else what differs.
func iamSimPrincipalOutcome(c *iamSimPrincipalCase) string {
	got, err := iamSimPrincipalClass(c)
	switch {
	case err != nil:
		return err.Error()
	case got != c.want:
		return fmt.Sprintf("principal %s, caller %s: %s, iam-simulate expects %s", c.principal, c.caller, got, c.want)
	}
	return ""
}

// iamSimPrincipalCases maps the it() blocks of principal.test.ts.
func iamSimPrincipalCases(src string) ([]iamSimPrincipalCase, int) {
	return iamSimItBlocks(src, func(block, title string) (iamSimPrincipalCase, bool) {
		c, ok := iamSimPrincipalBlock(block)
		c.name = title
		return c, ok
	})
}

// iamSimPrincipalBlock maps one it() block, if it asks how one statement's
// Principal names one caller in strict mode.
func iamSimPrincipalBlock(block string) (iamSimPrincipalCase, bool) {
	var c iamSimPrincipalCase
	fn := iamSimPrincipalFn.FindStringSubmatch(block)
	exp := iamSimExpectClass.FindAllStringSubmatch(block, -1)
	caller := iamSimCallerArg.FindStringSubmatch(block)
	if fn == nil || len(exp) != 1 || caller == nil || strings.Contains(block, "iscovery") {
		return c, false
	}
	c.want = exp[0][1]
	var pol struct {
		Statement []map[string]json.RawMessage
	}
	if !iamSimLiteralAfter(block, "loadPolicy(", &pol) || len(pol.Statement) != 1 {
		return c, false
	}
	p, ok := pol.Statement[0]["Principal"]
	if !ok {
		return c, false // NotPrincipal
	}
	if fn[1] == "PrincipalStatement" && iamSimPrincipalCount(p) != 1 {
		return c, false // only the first principal would be asked about
	}
	lit, err := tsLiteral("[" + caller[1] + "]")
	if err != nil {
		return c, false
	}
	var callers []json.RawMessage
	if json.Unmarshal([]byte(lit), &callers) != nil || len(callers) != 1 {
		return c, false
	}
	c.principal, c.caller = p, callers[0]
	return c, true
}

// iamSimPrincipalCount counts the values of a Principal element.
func iamSimPrincipalCount(p json.RawMessage) int {
	var byType map[string]json.RawMessage
	if json.Unmarshal(p, &byType) != nil {
		return 1 // "*"
	}
	n := 0
	for _, v := range byType {
		var many []string
		if json.Unmarshal(v, &many) == nil {
			n += len(many)
		} else {
			n++
		}
	}
	return n
}

// iamSimPrincipalCaller maps iam-simulate's request principal: ARNs and
// {"type":"Anonymous"} as in the core corpus, a name ending in
// amazonaws.com as a service, 64 hexadecimal digits as a user of the
// account that S3 canonical user id stands for, any other name as a
// web-identity provider.
func iamSimPrincipalCaller(raw json.RawMessage) (Principal, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil && !strings.HasPrefix(s, "arn:") && !strings.HasSuffix(s, ".amazonaws.com") {
		if len(s) == 64 && strings.Trim(strings.ToLower(s), "0123456789abcdef") == "" {
			// A user of the account the canonical id stands for.
			return Principal{Type: PrincipalUser, Account: "555555555555", ARN: "arn:aws:iam::555555555555:user/canonical",
				Username: "canonical", UserID: "AIDAIAMSIMULATEUSER", CanonicalUser: s}, nil
		}
		return Principal{Type: PrincipalFederatedUser, Federated: s, ARN: s}, nil
	}
	return iamSimPrincipal(raw)
}

// iamSimPrincipalClass reads how the statement names the caller from three
// decisions on a resource-based policy allowing what it names: alone in
// the caller's account (a grant to the caller itself, a role or everyone
// allows), with a permissions boundary that allows nothing (only a grant
// to the caller itself or everyone allows), and from another account
// beside an identity policy that allows everything (any grant naming the
// caller, its account included, allows).
func iamSimPrincipalClass(c *iamSimPrincipalCase) (string, error) {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + string(c.principal) + `,"Action":"*","Resource":"*"}]}`
	rp, err := Parse(doc, KindResource)
	if err != nil {
		return "", fmt.Errorf("resource policy does not parse: %v", err)
	}
	p, err := iamSimPrincipalCaller(c.caller)
	if err != nil {
		return "", err
	}
	allows := func(ps PolicySet, account string) bool {
		ps.Resource, ps.ResourceKind = &NamedPolicy{Name: "resource", Policy: rp}, KindResource
		ps.HasSession = p.Type == PrincipalAssumedRole
		req := Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key", ResourceAccount: account}
		return Evaluate(&req, &ps).Effect == Allow
	}
	home := p.Account
	if home == "" {
		home = "555555555555"
	}
	nothing, _ := Parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"none:None","Resource":"*"}]}`, KindBoundary)
	everything, _ := Parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, KindIdentity)
	switch {
	case allows(PolicySet{Boundary: &NamedPolicy{Name: "boundary", Policy: nothing}}, home):
		return "Match", nil
	case allows(PolicySet{}, home):
		return "SessionRoleMatch", nil
	case hasIdentitySide(&Request{Principal: p}) && allows(PolicySet{Identity: []NamedPolicy{{Name: "identity", Policy: everything}}}, "999988887777"):
		return "AccountLevelMatch", nil
	}
	return "NoMatch", nil
}
