package accessanalyzer

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/evaluator"
)

// The custom checks must be sound the way AWS's are: whenever the
// evaluator allows a request under a policy, CheckAccessNotGranted for
// that action and resource FAILs, and whenever the new policy allows a
// request the existing one does not, CheckNoNewAccess FAILs. These tests
// draw policies from a pool of statements and check both against the
// evaluator's own decisions, request by request.

var (
	soundActions   = []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "iam:GetUser", "iam:PassRole", "sts:AssumeRole"}
	soundResources = []string{"arn:aws:s3:::b", "arn:aws:s3:::b/k", "arn:aws:s3:::b/logs/x", "arn:aws:s3:::c/k",
		"arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/ci"}
	soundActionElems = []string{`"Action":"*"`, `"Action":"s3:*"`, `"Action":"s3:Get*"`, `"Action":["s3:GetObject","iam:GetUser"]`,
		`"Action":"iam:*"`, `"NotAction":"iam:*"`, `"NotAction":["s3:*","sts:*"]`, `"Action":"s3:?utObject"`, `"Action":"*:Get*"`}
	soundResourceElems = []string{`"Resource":"*"`, `"Resource":"arn:aws:s3:::b/*"`, `"Resource":["arn:aws:s3:::b","arn:aws:s3:::c/*"]`,
		`"Resource":"arn:aws:s3:::b/logs/*"`, `"NotResource":"arn:aws:s3:::b/*"`, `"Resource":"arn:aws:iam::*:role/*"`,
		`"Resource":"arn:aws:s3:::*/k"`, `"Resource":"arn:aws:iam::111122223333:user/${aws:username}"`}
	soundConditions = []string{"", "", `,"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`}
)

// soundPolicy draws a policy of one to three statements.
func soundPolicy(rng *rand.Rand) string {
	n := 1 + rng.Intn(3)
	var stmts []string
	for i := 0; i < n; i++ {
		effect := "Allow"
		if rng.Intn(4) == 0 {
			effect = "Deny"
		}
		stmts = append(stmts, fmt.Sprintf(`{"Effect":%q,%s,%s%s}`, effect,
			soundActionElems[rng.Intn(len(soundActionElems))], soundResourceElems[rng.Intn(len(soundResourceElems))],
			soundConditions[rng.Intn(len(soundConditions))]))
	}
	return policy(stmts...)
}

// allows asks the evaluator whether alice, under an identity policy doc,
// may do action on resource, with or without MFA.
func allows(t *testing.T, doc, action, resource string, mfa bool) bool {
	t.Helper()
	p, err := evaluator.Parse(doc, evaluator.KindIdentity)
	if err != nil {
		t.Fatalf("parse %s: %v", doc, err)
	}
	req := evaluator.Request{Action: action, Resource: resource, ResourceAccount: "111122223333",
		Principal: evaluator.Principal{Type: evaluator.PrincipalUser, ARN: "arn:aws:iam::111122223333:user/alice",
			Account: "111122223333", Username: "alice", UserID: "AIDAALICE"},
		Context: evaluator.Context{"aws:MultiFactorAuthPresent": {fmt.Sprint(mfa)}}}
	return evaluator.Evaluate(&req, &evaluator.PolicySet{Identity: []evaluator.NamedPolicy{{Name: "p", Policy: p}}}).Effect == evaluator.Allow
}

func TestCheckAccessNotGrantedIsSound(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for range 300 {
		doc := soundPolicy(rng)
		stmts := mustParse(t, doc)
		for _, a := range soundActions {
			for _, r := range soundResources {
				if !allows(t, doc, a, r, true) && !allows(t, doc, a, r, false) {
					continue
				}
				for _, acc := range []accessInput{{Actions: []string{a}, Resources: []string{r}}, {Actions: []string{a}}, {Resources: []string{r}}} {
					if out := accessNotGranted(newRelator(), stmts, acc, false); out.Result != resultFail {
						t.Fatalf("%s allows %s on %s, but CheckAccessNotGranted(%v) = %s", doc, a, r, acc, out.Result)
					}
				}
			}
		}
	}
}

func TestCheckNoNewAccessIsSound(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	passes := 0
	for range 400 {
		newDoc, oldDoc := soundPolicy(rng), soundPolicy(rng)
		if rng.Intn(3) == 0 {
			// Often the new policy is the old one narrowed or reordered.
			newDoc = narrowed(oldDoc)
		}
		out := noNewAccess(newRelator(), mustParse(t, newDoc), mustParse(t, oldDoc), false)
		if out.Result == resultFail {
			continue
		}
		passes++
		for _, a := range soundActions {
			for _, r := range soundResources {
				for _, mfa := range []bool{true, false} {
					if allows(t, newDoc, a, r, mfa) && !allows(t, oldDoc, a, r, mfa) {
						t.Fatalf("new %s allows %s on %s (MFA %v), existing %s does not, but CheckNoNewAccess = PASS", newDoc, a, r, mfa, oldDoc)
					}
				}
			}
		}
	}
	if passes < 50 {
		t.Errorf("only %d of the drawn pairs PASS: the test checks too little", passes)
	}
}

// narrowed rewrites a policy's wildcards into narrower ones, so the new
// policy is often within the old one (not always: a narrowed NotAction
// list or Deny grants more, which the check must catch too).
func narrowed(doc string) string {
	return strings.NewReplacer(`"Action":"*"`, `"Action":"s3:*"`, `"s3:*"`, `"s3:Get*"`,
		`"Resource":"*"`, `"Resource":"arn:aws:s3:::b/*"`).Replace(doc)
}
