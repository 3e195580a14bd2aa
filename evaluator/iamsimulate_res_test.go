package evaluator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// This file runs iam-simulate's Resource and NotResource matching cases
// (the resourceTests and notResourceTests arrays of
// src/resource/resource.test.ts) against Evaluate, as TestIAMSimulateCorpus
// does for the core engine (see iamsimulate_test.go). Each case gives the
// statement's Resource or NotResource list, its effect, the policy type it
// sits in, the request's resource and whether the statement applies.
// Requests for a resource pattern are out of scope, as in the core corpus.

// iamSimResCase is one ResourceTest.
type iamSimResCase struct {
	Name                  string                     `json:"name"`
	Effect                string                     `json:"effect"`
	PolicyType            string                     `json:"policyType"`
	Resource              iamSimResource             `json:"resource"`
	WildcardOnlyAction    bool                       `json:"wildcardOnlyAction"`
	ExpectMatch           bool                       `json:"expectMatch"`
	Context               map[string]json.RawMessage `json:"context"`
	ResourceStatements    []string                   `json:"resourceStatements"`
	NotResourceStatements []string                   `json:"notResourceStatements"`
}

// iamSimulateResJudged lists resource-matching cases where Evaluate and
// iam-simulate disagree and the AWS documentation sides with fakeaws,
// keyed by "resource.test.ts/<array>/case name".
var iamSimulateResJudged = iamSimJudged(
	iamSimJudge{"resource.test.ts/resourceTests", []string{
		"should not match a wildcard product",
		"should not match a wildcard product with a colon separator",
	}, "a * in the resource component matches any characters, the resource type included (Resource page: \"The " +
		"asterisk (*) character can expand to replace everything within a segment\"); iam-simulate keeps the text " +
		"before the first / or : literal, after the identifiers page's IAM-only example of incorrect wildcard use"},
	iamSimJudge{"resource.test.ts/resourceTests", []string{"should match when request is a single wildcard"},
		"iam-simulate reads a request for resource \"*\" as \"some resource\"; a real request names one ARN"},
	iamSimJudge{"resource.test.ts/resourceTests", []string{
		"scp: P1 arn:aws:sqs rejected",
		"rcp: P4 arn:aws:sqs:* is not valid for RCP",
		"rcp: P5 arn:aws:sqs:us-east-1:* is not valid for RCP",
	}, iamSimOrgShortARN},
	iamSimJudge{"resource.test.ts/notResourceTests", []string{
		"rcp NotResource: P1 arn:aws:sqs rejected (errors not inverted)",
		"rcp NotResource: P2 arn:aws:sqs:us-east-1 rejected (errors not inverted)",
		"rcp NotResource: P3 arn:aws:sqs:us-east-1:111111111111 rejected (errors not inverted)",
		"rcp NotResource: P7 arn:aws:sqs:us-west-2 rejected (errors not inverted)",
		"rcp NotResource: P8 arn:aws:sqs:us-east-1:222222222222 rejected (errors not inverted)",
		"rcp NotResource: PM1 arn:aws:sqs:*:111111111111 rejected (errors not inverted)",
	}, iamSimOrgShortARN},
	iamSimJudge{"resource.test.ts/resourceTests", []string{
		"resource: PM1 arn:aws:sqs:*:111111111111 matches Q (wildcard in middle)",
		"vpce: PM1 arn:aws:sqs:*:111111111111 matches Q (wildcard in middle)",
	}, iamSimResourceShortARN},
	iamSimJudge{"resource.test.ts/notResourceTests", []string{
		"resource NotResource: PM1 arn:aws:sqs:*:111111111111 does not match Q (inverted from match)",
		"vpce NotResource: PM1 arn:aws:sqs:*:111111111111 does not match Q (inverted from match)",
		"resource NotResource: short ARN with wildcard region mismatch in account (5 seg, errors not inverted)",
	}, iamSimResourceShortARN},
	iamSimJudge{"resource.test.ts/notResourceTests", []string{
		"identity NotResource: short ARN service mismatch after expansion (3 seg, errors not inverted)",
	}, "IAM reads arn:aws:ec2 as arn:aws:ec2:*:*:*, which an SQS queue does not match, so the NotResource statement " +
		"applies; iam-simulate keeps its mismatch error from being inverted"},
	iamSimJudge{"resource.test.ts/notResourceTests", []string{"should not match if a variable is missing"},
		"a policy variable with no value makes the resource pattern match nothing, so NotResource applies; the guide " +
			"does not describe NotResource with an unresolved variable (iam-simulate drops the statement)"},
)

// Reasons shared by several resource-matching cases.
const (
	iamSimOrgShortARN = "a resource ARN of fewer than six components in an SCP or RCP: iam-simulate treats it as " +
		"invalid (the statement never applies); Organizations' answer is not recorded, and fakeaws reads SCPs as IAM " +
		"reads identity policies and RCPs as resource-based policies"
	iamSimResourceShortARN = "a resource ARN of fewer than six components in a resource-based policy: iam-simulate " +
		"pads it with :* when it holds a wildcard; no AWS answer is recorded, and fakeaws matches it as a whole " +
		"string (docs/deviations.md, Matching)"
	iamSimShortARNRefused = "an identity, boundary, session or SCP resource ARN of four or five components: fakeaws " +
		"refuses it (AWS's answer is recorded only for an S3 one, refused), iam-simulate pads it with :*"
)

// iamSimResJudgedByRule judges, by its shape rather than its name, the
// family of cases iamSimShortARNRefused describes.
func iamSimResJudgedByRule(c *iamSimResCase, diff string) (string, bool) {
	if !strings.Contains(diff, "does not parse") || !strings.Contains(diff, "must be in ARN format") {
		return "", false
	}
	for _, r := range append(c.ResourceStatements, c.NotResourceStatements...) {
		if n := strings.Count(r, ":"); strings.HasPrefix(r, "arn:") && (n == 3 || n == 4) {
			return iamSimShortARNRefused, true
		}
	}
	return "", false
}

// iamSimDerivedKeys are the keys Evaluate derives from the Principal; a
// case that does not set them must see them missing, as iam-simulate's
// request has only the case's context.
var iamSimDerivedKeys = []string{"aws:username", "aws:userid", "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType"}

func TestIAMSimulateResources(t *testing.T) {
	src := iamSimCheckout(t, "resource-matching cases")
	b, err := os.ReadFile(filepath.Join(src, "src", "resource", "resource.test.ts"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var total iamSimTally
	for _, array := range []string{"resourceTests", "notResourceTests"} {
		t.Run(array, func(t *testing.T) {
			cases, err := iamSimResCases(string(b), array)
			if err != nil {
				t.Fatal(err)
			}
			tally := iamSimRunResCases(t, array, cases, seen)
			t.Logf("%s: %d run, %d agree, %d judged, %d out of scope", array, tally.run, tally.agree, tally.judged, tally.outOfScope)
			total.add(tally)
		})
	}
	iamSimUnseen(t, iamSimulateResJudged, seen)
	t.Logf("iam-simulate resource matching: %d cases run, %d agree, %d judged differences, %d out of scope",
		total.run, total.agree, total.judged, total.outOfScope)
}

// iamSimResCases reads the array named array of resource.test.ts.
func iamSimResCases(src, array string) ([]iamSimResCase, error) {
	marker := "const " + array + ": ResourceTest[] = "
	i := strings.Index(src, marker)
	if i < 0 {
		return nil, fmt.Errorf("%s not found", array)
	}
	lit, err := tsLiteral(src[i+len(marker):])
	if err != nil {
		return nil, err
	}
	var cases []iamSimResCase
	return cases, json.Unmarshal([]byte(lit), &cases)
}

func iamSimRunResCases(t *testing.T, array string, cases []iamSimResCase, seen map[string]bool) iamSimTally {
	var tally iamSimTally
	for i := range cases {
		c := &cases[i]
		key := "resource.test.ts/" + array + "/" + c.Name
		seen[key] = true
		if r := c.Resource.Resource; r != "*" && strings.ContainsAny(r, "*?") {
			tally.outOfScope++
			continue
		}
		diff := iamSimResOutcome(c)
		why, judged := iamSimulateResJudged[key]
		if !judged && diff != "" {
			why, judged = iamSimResJudgedByRule(c, diff)
		}
		tally.judge(t, strconv.Quote(c.Name), diff, why, judged)
	}
	return tally
}

// iamSimResOutcome puts the case's statement into a policy of its type
// and asks whether it applied: an Allow statement must allow, a Deny
// statement (beside an allow-everything statement) must deny.
func iamSimResOutcome(c *iamSimResCase) string {
	effect := c.Effect
	if effect == "" {
		effect = "Allow"
	}
	req, ps, err := iamSimResRequest(c, effect)
	if err != nil {
		return err.Error()
	}
	d := Evaluate(&req, &ps)
	applied := d.Effect == Allow
	if effect == "Deny" {
		applied = d.Effect == ExplicitDeny
	}
	if applied != c.ExpectMatch {
		return fmt.Sprintf("%s statement in a %s policy, request resource %q: applied %v, iam-simulate expects %v (%v/%v)",
			effect, c.policyType(), c.Resource.Resource, applied, c.ExpectMatch, d.Effect, d.Kind)
	}
	return ""
}

func (c *iamSimResCase) policyType() string {
	if c.PolicyType == "" {
		return "identity"
	}
	return c.PolicyType
}

// iamSimResRequest builds the request and the policies of a case.
func iamSimResRequest(c *iamSimResCase, effect string) (Request, PolicySet, error) {
	el, list := "Resource", c.ResourceStatements
	if list == nil {
		el, list = "NotResource", c.NotResourceStatements
	}
	values, err := json.Marshal(list)
	if err != nil {
		return Request{}, PolicySet{}, err
	}
	const allowAll = `{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`
	stmt := `{"Effect":"` + effect + `","Principal":"*","Action":"*","` + el + `":` + string(values) + `}`
	doc := `{"Version":"2012-10-17","Statement":[` + stmt
	if effect == "Deny" {
		doc += "," + allowAll
	}
	doc += "]}"
	// The caller is in the resource's account: these cases are about the
	// statement, not about crossing accounts.
	acct := c.Resource.AccountID
	if acct == "" {
		acct = "123456789012"
	}
	user := Principal{Type: PrincipalUser, ARN: "arn:aws:iam::" + acct + ":user/iamsimulate", Account: acct,
		UserID: "AIDAIAMSIMULATEUSER", Username: "iamsimulate"}
	req := Request{Principal: user, Action: "s3:GetBucket", Resource: c.Resource.Resource,
		ResourceAccount: c.Resource.AccountID, Context: Context{}}
	for _, k := range iamSimDerivedKeys {
		req.Context.Set(k)
	}
	if err := iamSimSetContext(req.Context, c.Context); err != nil {
		return req, PolicySet{}, err
	}
	ps, err := iamSimResPolicies(c.policyType(), doc, &req)
	return req, ps, err
}

// iamSimResPolicies places doc as a policy of policyType; the other
// layers allow everything.
func iamSimResPolicies(policyType, doc string, req *Request) (PolicySet, error) {
	noPrincipal := strings.ReplaceAll(doc, `"Principal":"*",`, "")
	allowAll := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	var ps PolicySet
	var err error
	parse := func(d string, k Kind) NamedPolicy {
		p, e := Parse(d, k)
		if e != nil && err == nil {
			err = fmt.Errorf("%s policy does not parse: %v", policyType, e)
		}
		return NamedPolicy{Name: policyType, Policy: p}
	}
	switch policyType {
	case "identity", "session", "pb":
		kinds := map[string]Kind{"identity": KindIdentity, "session": KindSession, "pb": KindBoundary}
		ps.Identity = []NamedPolicy{parse(noPrincipal, kinds[policyType])}
	case "resource", "vpce":
		req.Principal = Principal{Type: PrincipalAnonymous}
		np := parse(doc, KindResource)
		ps.Resource, ps.ResourceKind = &np, KindResource
	case "scp":
		ps.Identity = []NamedPolicy{parse(allowAll, KindIdentity)}
		ps.SCP = []OrgLevel{{Target: "r-root", Policies: []NamedPolicy{parse(noPrincipal, KindSCP)}}}
	case "rcp":
		ps.Identity = []NamedPolicy{parse(allowAll, KindIdentity)}
		ps.RCP = []OrgLevel{{Target: "r-root", Policies: []NamedPolicy{parse(doc, KindRCP)}}}
	default:
		return ps, fmt.Errorf("policy type %q not understood", policyType)
	}
	return ps, err
}
