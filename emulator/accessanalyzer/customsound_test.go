package accessanalyzer

import (
	"fmt"
	"math/rand"
	"slices"
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
	soundConditions = []string{"", "", `,"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`,
		`,"Condition":{"Bool":{"aws:MultiFactorAuthPresent":["true","false"]}}`, `,"Condition":{"Null":{"aws:MultiFactorAuthPresent":"true"}}`,
		`,"Condition":{"StringNotEquals":{"aws:MultiFactorAuthPresent":"false"}}`,
		`,"Condition":{"StringNotEquals":{"aws:MultiFactorAuthPresent":["false","true"]}}`,
		`,"Condition":{"Null":{"aws:MultiFactorAuthPresent":"false"}}`, `,"Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`}
	// soundMFA are the request contexts: MFA used, not used, key absent.
	soundMFA = []string{"true", "false", ""}
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

func mfaContext(mfa string) evaluator.Context {
	if mfa == "" {
		return evaluator.Context{}
	}
	return evaluator.Context{"aws:MultiFactorAuthPresent": {mfa}}
}

// allows asks the evaluator whether alice, under an identity policy doc,
// may do action on resource, with or without MFA.
func allows(t *testing.T, doc, action, resource, mfa string) bool {
	t.Helper()
	p, err := evaluator.Parse(doc, evaluator.KindIdentity)
	if err != nil {
		t.Fatalf("parse %s: %v", doc, err)
	}
	req := evaluator.Request{Action: action, Resource: resource, ResourceAccount: "111122223333",
		Principal: evaluator.Principal{Type: evaluator.PrincipalUser, ARN: "arn:aws:iam::111122223333:user/alice",
			Account: "111122223333", Username: "alice", UserID: "AIDAALICE"},
		Context: mfaContext(mfa)}
	return evaluator.Evaluate(&req, &evaluator.PolicySet{Identity: []evaluator.NamedPolicy{{Name: "p", Policy: p}}}).Effect == evaluator.Allow
}

func TestCheckAccessNotGrantedIsSound(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for range 300 {
		doc := soundPolicy(rng)
		stmts := mustParse(t, doc)
		for _, a := range soundActions {
			for _, r := range soundResources {
				if !slices.ContainsFunc(soundMFA, func(mfa string) bool { return allows(t, doc, a, r, mfa) }) {
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
		if rng.Intn(2) == 0 {
			// Often the new policy is the old one rewritten.
			newDoc = mutations[rng.Intn(len(mutations))].Replace(oldDoc)
		}
		out := noNewAccess(newRelator(), mustParse(t, newDoc), mustParse(t, oldDoc), false)
		if out.Result == resultFail {
			continue
		}
		passes++
		for _, a := range soundActions {
			for _, r := range soundResources {
				for _, mfa := range soundMFA {
					if allows(t, newDoc, a, r, mfa) && !allows(t, oldDoc, a, r, mfa) {
						t.Fatalf("new %s allows %s on %s (MFA %q), existing %s does not, but CheckNoNewAccess = PASS", newDoc, a, r, mfa, oldDoc)
					}
				}
			}
		}
	}
	if passes < 50 {
		t.Errorf("only %d of the drawn pairs PASS: the test checks too little", passes)
	}
}

// mutations rewrite a policy's wildcards and conditions, into narrower
// ones or wider ones (a narrowed NotAction list or Deny grants more): the
// check must tell which.
var mutations = []*strings.Replacer{
	strings.NewReplacer(`"Action":"*"`, `"Action":"s3:*"`, `"s3:*"`, `"s3:Get*"`, `"Resource":"*"`, `"Resource":"arn:aws:s3:::b/*"`),
	strings.NewReplacer(`"aws:MultiFactorAuthPresent":"true"`, `"aws:MultiFactorAuthPresent":["true","false"]`),
	strings.NewReplacer(`"aws:MultiFactorAuthPresent":["true","false"]`, `"aws:MultiFactorAuthPresent":"true"`),
	strings.NewReplacer(`"StringNotEquals":{"aws:MultiFactorAuthPresent":"false"}`, `"StringNotEquals":{"aws:MultiFactorAuthPresent":["false","true"]}`),
	strings.NewReplacer(`"StringNotEquals":{"aws:MultiFactorAuthPresent":["false","true"]}`, `"StringNotEquals":{"aws:MultiFactorAuthPresent":"false"}`),
	strings.NewReplacer(`"Null":{"aws:MultiFactorAuthPresent":"true"}`, `"Bool":{"aws:MultiFactorAuthPresent":"true"}`),
	strings.NewReplacer(`"Bool":{"aws:MultiFactorAuthPresent":"true"}`, `"Null":{"aws:MultiFactorAuthPresent":"true"}`),
	strings.NewReplacer(`"Null":{"aws:MultiFactorAuthPresent":"true"}`, `"StringNotEquals":{"aws:MultiFactorAuthPresent":"false"}`),
	strings.NewReplacer(`"StringNotEquals":{"aws:MultiFactorAuthPresent":"false"}`, `"Null":{"aws:MultiFactorAuthPresent":"true"}`),
	strings.NewReplacer(`"Null":{"aws:MultiFactorAuthPresent":"false"}`, `"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}`),
	strings.NewReplacer(`"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}`, `"Null":{"aws:MultiFactorAuthPresent":"false"}`),
	strings.NewReplacer(`"Effect":"Deny","Action":"s3:Get*"`, `"Effect":"Deny","Action":"s3:*"`, `"Effect":"Deny","Action":"iam:*"`, `"Effect":"Deny","Action":"*"`),
	strings.NewReplacer(`"Effect":"Deny","Action":"s3:*"`, `"Effect":"Deny","Action":"s3:Get*"`, `"Effect":"Deny","Action":"*"`, `"Effect":"Deny","Action":"iam:*"`),
}

var (
	soundPrincipals = []string{`"Principal":"*"`, `"Principal":{"AWS":"*"}`, `"Principal":{"AWS":"222222222222"}`,
		`"Principal":{"AWS":"arn:aws:iam::222222222222:root"}`, `"Principal":{"AWS":"arn:aws:iam::333333333333:user/bob"}`,
		`"Principal":{"AWS":["222222222222","arn:aws:iam::333333333333:user/bob"]}`, `"NotPrincipal":{"AWS":"arn:aws:iam::333333333333:user/bob"}`}
	soundBucketActions   = []string{`"Action":"s3:*"`, `"Action":"s3:Get*"`, `"Action":["s3:GetObject","s3:ListBucket"]`, `"NotAction":"s3:Put*"`}
	soundBucketResources = []string{`"Resource":"arn:aws:s3:::b/*"`, `"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]`, `"Resource":"arn:aws:s3:::b/logs/*"`,
		`"NotResource":"arn:aws:s3:::b/logs/*"`}
	soundCallers = []evaluator.Principal{
		{Type: evaluator.PrincipalUser, ARN: "arn:aws:iam::222222222222:user/alice", Account: "222222222222", Username: "alice", UserID: "AIDAALICE"},
		{Type: evaluator.PrincipalUser, ARN: "arn:aws:iam::333333333333:user/bob", Account: "333333333333", Username: "bob", UserID: "AIDABOB"},
		{Type: evaluator.PrincipalAssumedRole, ARN: "arn:aws:sts::333333333333:assumed-role/ci/s", Account: "333333333333",
			RoleARN: "arn:aws:iam::333333333333:role/ci", SessionName: "s", UserID: "AROACI:s"},
	}
)

// soundBucketPolicy draws a bucket policy of one to three statements.
func soundBucketPolicy(rng *rand.Rand) string {
	var stmts []string
	for range 1 + rng.Intn(3) {
		effect := "Allow"
		if rng.Intn(5) == 0 {
			effect = "Deny"
		}
		stmts = append(stmts, fmt.Sprintf(`{"Effect":%q,%s,%s,%s%s}`, effect, soundPrincipals[rng.Intn(len(soundPrincipals))],
			soundBucketActions[rng.Intn(len(soundBucketActions))], soundBucketResources[rng.Intn(len(soundBucketResources))],
			soundConditions[rng.Intn(len(soundConditions))]))
	}
	return policy(stmts...)
}

// bucketAllows asks the evaluator whether caller, from another account
// whose identity policy allows everything, may act under bucket policy doc.
func bucketAllows(t *testing.T, doc string, caller evaluator.Principal, action, resource, mfa string) bool {
	t.Helper()
	p, err := evaluator.Parse(doc, evaluator.KindResource)
	if err != nil {
		t.Fatalf("parse %s: %v", doc, err)
	}
	all, _ := evaluator.Parse(policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`), evaluator.KindIdentity)
	req := evaluator.Request{Principal: caller, Action: action, Resource: resource, ResourceAccount: "111122223333",
		Context: mfaContext(mfa)}
	ps := evaluator.PolicySet{Identity: []evaluator.NamedPolicy{{Name: "all", Policy: all}},
		Resource: &evaluator.NamedPolicy{Name: "b", Policy: p}, ResourceKind: evaluator.KindResource}
	return evaluator.Evaluate(&req, &ps).Effect == evaluator.Allow
}

func TestCheckNoNewAccessIsSoundForResourcePolicies(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	passes := 0
	for range 400 {
		newDoc, oldDoc := soundBucketPolicy(rng), soundBucketPolicy(rng)
		switch rng.Intn(4) {
		case 0:
			newDoc = strings.Replace(oldDoc, `"Principal":"*"`, `"Principal":{"AWS":"222222222222"}`, 1)
		case 1:
			newDoc = mutations[rng.Intn(len(mutations))].Replace(oldDoc)
		}
		if out := noNewAccess(newRelator(), mustParse(t, newDoc), mustParse(t, oldDoc), true); out.Result == resultFail {
			continue
		}
		passes++
		for _, caller := range soundCallers {
			for _, a := range []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket"} {
				for _, r := range []string{"arn:aws:s3:::b", "arn:aws:s3:::b/k", "arn:aws:s3:::b/logs/x"} {
					for _, mfa := range soundMFA {
						if bucketAllows(t, newDoc, caller, a, r, mfa) && !bucketAllows(t, oldDoc, caller, a, r, mfa) {
							t.Fatalf("new %s lets %s do %s on %s (MFA %q), existing %s does not, but CheckNoNewAccess = PASS",
								newDoc, caller.ARN, a, r, mfa, oldDoc)
						}
					}
				}
			}
		}
	}
	if passes < 50 {
		t.Errorf("only %d of the drawn pairs PASS: the test checks too little", passes)
	}
}

// TestResourceChecksAreSound: under a bucket policy, whatever the evaluator
// lets a caller of another account do makes CheckAccessNotGranted FAIL for
// it, and whatever it lets an anonymous caller or an account the policy
// never names do makes CheckNoPublicAccess FAIL.
func TestResourceChecksAreSound(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	stranger := evaluator.Principal{Type: evaluator.PrincipalUser, ARN: "arn:aws:iam::444444444444:user/eve",
		Account: "444444444444", Username: "eve", UserID: "AIDAEVE"}
	anonymous := evaluator.Principal{Type: evaluator.PrincipalAnonymous}
	for range 300 {
		doc := soundBucketPolicy(rng)
		stmts := mustParse(t, doc)
		public := noPublicAccess(doc, stmts, "AWS::S3::Bucket").Result == resultFail
		for _, caller := range append([]evaluator.Principal{stranger, anonymous}, soundCallers...) {
			for _, a := range []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket"} {
				for _, r := range []string{"arn:aws:s3:::b", "arn:aws:s3:::b/k", "arn:aws:s3:::b/logs/x"} {
					if !slices.ContainsFunc(soundMFA, func(mfa string) bool { return bucketAllows(t, doc, caller, a, r, mfa) }) {
						continue
					}
					if out := accessNotGranted(newRelator(), stmts, accessInput{Actions: []string{a}, Resources: []string{r}}, true); out.Result != resultFail {
						t.Fatalf("%s lets %s do %s on %s, but CheckAccessNotGranted = PASS", doc, caller.ARN, a, r)
					}
					if (caller == stranger || caller == anonymous) && !public {
						t.Fatalf("%s lets %q do %s on %s, but CheckNoPublicAccess = PASS", doc, caller.ARN, a, r)
					}
				}
			}
		}
	}
}

// TestConditionRelationsAreSound compares every pair of a pool of
// conditions on one key, in every request context (the key true, false or
// absent), with the evaluator: when conditionsCover(outer, inner), outer
// holds wherever inner does; when conditionsExclude(a, b), they never hold
// together.
func TestConditionRelationsAreSound(t *testing.T) {
	conds := []string{`{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, `{"Bool":{"aws:MultiFactorAuthPresent":["true","false"]}}`,
		`{"Null":{"aws:MultiFactorAuthPresent":"true"}}`, `{"Null":{"aws:MultiFactorAuthPresent":"false"}}`,
		`{"StringNotEquals":{"aws:MultiFactorAuthPresent":"false"}}`, `{"StringNotEquals":{"aws:MultiFactorAuthPresent":["false","true"]}}`,
		`{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`, `{"StringEquals":{"aws:MultiFactorAuthPresent":"true"}}`,
		`{"ForAllValues:StringEquals":{"aws:MultiFactorAuthPresent":"true"}}`, `{"ForAnyValue:StringEquals":{"aws:MultiFactorAuthPresent":["true","false"]}}`,
		`{"ForAnyValue:StringNotEquals":{"aws:MultiFactorAuthPresent":"true"}}`, `{"StringEqualsIfExists":{"aws:MultiFactorAuthPresent":"false"}}`,
		`{"Bool":{"aws:MultiFactorAuthPresent":"true"},"Null":{"aws:MultiFactorAuthPresent":"false"}}`}
	holds := func(cond, mfa string) bool {
		return allows(t, policy(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":`+cond+`}`), "s3:GetObject", "arn:aws:s3:::b/k", mfa)
	}
	node := func(cond string) *node {
		return mustParse(t, policy(`{"Effect":"Allow","Action":"s3:*","Condition":`+cond+`}`))[0].condition
	}
	covers, excludes := 0, 0
	for _, a := range conds {
		for _, b := range conds {
			if conditionsCover(node(a), node(b)) {
				covers++
				for _, mfa := range soundMFA {
					if holds(b, mfa) && !holds(a, mfa) {
						t.Errorf("conditionsCover(%s, %s), but with MFA %q only the second holds", a, b, mfa)
					}
				}
			}
			if conditionsExclude(node(a), node(b)) {
				excludes++
				for _, mfa := range soundMFA {
					if holds(a, mfa) && holds(b, mfa) {
						t.Errorf("conditionsExclude(%s, %s), but with MFA %q both hold", a, b, mfa)
					}
				}
			}
		}
	}
	if covers < 20 || excludes < 3 {
		t.Errorf("%d covering and %d excluding pairs: the pool tests too little", covers, excludes)
	}
}
