package evaluator

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const (
	allowS3All   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	allowGetOnly = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	denyPut      = `{"Version":"2012-10-17","Statement":[{"Sid":"NoPut","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}`
	bucketObj    = "arn:aws:s3:::bucket/key"
)

type decCase struct {
	name string
	req  Request
	ps   PolicySet
	want Effect
	kind Kind
}

func runDecCases(t *testing.T, cases []decCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Evaluate(&c.req, &c.ps)
			if d.Effect != c.want || d.Kind != c.kind {
				t.Errorf("got %v/%v, want %v/%v (%s)", d.Effect, d.Kind, c.want, c.kind, d.Message(&c.req))
			}
			// The detailed evaluation must reach the same verdict.
			dd := EvaluatePolicies(&c.req, &c.ps)
			if dd.Effect != d.Effect || dd.Kind != d.Kind {
				t.Errorf("EvaluatePolicies: got %v/%v, want %v/%v", dd.Effect, dd.Kind, d.Effect, d.Kind)
			}
		})
	}
}

func TestDecisionIdentityBoundarySession(t *testing.T) {
	alice := userP(acctA, "alice")
	sess := sessionP(acctA, "R", "s1")
	get := func(p Principal, action string) Request {
		return Request{Principal: p, Action: action, Resource: bucketObj, ResourceAccount: acctA}
	}
	id := func(docs ...string) []NamedPolicy {
		var out []NamedPolicy
		for i, d := range docs {
			out = append(out, named(t, "id"+string(rune('0'+i)), d, KindIdentity))
		}
		return out
	}
	runDecCases(t, []decCase{
		{"no policies is implicit deny", get(alice, "s3:GetObject"), PolicySet{}, ImplicitDeny, KindIdentity},
		{"identity allows", get(alice, "s3:GetObject"), PolicySet{Identity: id(allowS3All)}, Allow, KindIdentity},
		{"explicit deny beats allow", get(alice, "s3:PutObject"), PolicySet{Identity: id(allowS3All, denyPut)}, ExplicitDeny, KindIdentity},
		{"deny for other action does not apply", get(alice, "s3:GetObject"), PolicySet{Identity: id(allowS3All, denyPut)}, Allow, KindIdentity},
		{"boundary caps identity", get(alice, "s3:PutObject"), PolicySet{Identity: id(allowS3All), Boundary: namedPtr(t, "b", allowGetOnly, KindBoundary)}, ImplicitDeny, KindBoundary},
		{"boundary and identity both allow", get(alice, "s3:GetObject"), PolicySet{Identity: id(allowS3All), Boundary: namedPtr(t, "b", allowGetOnly, KindBoundary)}, Allow, KindIdentity},
		// Fail closed: a boundary whose policy could not be had (nil)
		// allows nothing, as a session policy entry without one does.
		{"boundary without a policy allows nothing", get(alice, "s3:GetObject"), PolicySet{Identity: id(allowS3All), Boundary: &NamedPolicy{Name: "gone"}}, ImplicitDeny, KindBoundary},
		{"session policy entry without a policy allows nothing", get(sess, "s3:GetObject"), PolicySet{Identity: id(allowS3All), Session: []NamedPolicy{{Name: "gone"}}, HasSession: true}, ImplicitDeny, KindSession},
		{"boundary alone grants nothing", get(alice, "s3:GetObject"), PolicySet{Boundary: namedPtr(t, "b", allowS3All, KindBoundary)}, ImplicitDeny, KindIdentity},
		{"explicit deny in boundary", get(alice, "s3:PutObject"), PolicySet{Identity: id(allowS3All), Boundary: namedPtr(t, "b", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}`, KindBoundary)}, ExplicitDeny, KindBoundary},
		{"session policy caps", get(sess, "s3:PutObject"), PolicySet{Identity: id(allowS3All), Session: id(allowGetOnly), HasSession: true}, ImplicitDeny, KindSession},
		{"session policy allows", get(sess, "s3:GetObject"), PolicySet{Identity: id(allowS3All), Session: id(allowGetOnly), HasSession: true}, Allow, KindIdentity},
		{"session without session policies is not capped", get(sess, "s3:PutObject"), PolicySet{Identity: id(allowS3All), HasSession: true}, Allow, KindIdentity},
		{"session policy alone grants nothing", get(sess, "s3:GetObject"), PolicySet{Session: id(allowS3All), HasSession: true}, ImplicitDeny, KindIdentity},
		{"explicit deny in session policy", get(sess, "s3:PutObject"), PolicySet{Identity: id(allowS3All), Session: id(allowS3All, denyPut), HasSession: true}, ExplicitDeny, KindSession},
		{"boundary failure reported before session", get(sess, "s3:PutObject"), PolicySet{Identity: id(allowS3All), Boundary: namedPtr(t, "b", allowGetOnly, KindBoundary), Session: id(allowGetOnly), HasSession: true}, ImplicitDeny, KindBoundary},
		{"NotAction allows everything else", get(alice, "s3:GetObject"), PolicySet{Identity: id(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`)}, Allow, KindIdentity},
		{"NotAction excludes", Request{Principal: alice, Action: "iam:CreateUser", Resource: "*"}, PolicySet{Identity: id(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`)}, ImplicitDeny, KindIdentity},
		{"NotResource deny outside bucket", Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::other/k"}, PolicySet{Identity: id(allowS3All, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::bucket","arn:aws:s3:::bucket/*"]}]}`)}, ExplicitDeny, KindIdentity},
		{"NotResource deny inside bucket does not apply", get(alice, "s3:GetObject"), PolicySet{Identity: id(allowS3All, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::bucket","arn:aws:s3:::bucket/*"]}]}`)}, Allow, KindIdentity},
		{"condition deny applies", Request{Principal: alice, Action: "s3:GetObject", Resource: bucketObj, Context: ctxOf("aws:SecureTransport", "false")}, PolicySet{Identity: id(allowS3All, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`)}, ExplicitDeny, KindIdentity},
		{"condition deny with missing key does not apply", get(alice, "s3:GetObject"), PolicySet{Identity: id(allowS3All, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`)}, Allow, KindIdentity},
	})
}

// TestDecisionShortResourceARN: IAM reads an identity-like policy's
// resource "arn:partition:service" as "arn:partition:service:*:*:*" (its
// CreatePolicy answer names "a:b:cadfsdf" as "arn:b:cadfsdf:*:*:*" and
// accepts "arn:aws:fdsasf": LocalStack's TestPolicyDocumentValidity,
// invalid-22 and valid-9, recorded from AWS Feb 2026). Found by
// iam-simulate's resource.test.ts case "identity: P1 arn:aws:sqs matches
// Q" and its session and boundary twins.
func TestDecisionShortResourceARN(t *testing.T) {
	alice := userP(acctA, "alice")
	sess := sessionP(acctA, "R", "s1")
	queue := "arn:aws:sqs:us-east-1:" + acctA + ":test-queue"
	on := func(p Principal, resource string) Request {
		return Request{Principal: p, Action: "sqs:SendMessage", Resource: resource, ResourceAccount: acctA}
	}
	doc := func(effect, element, resource string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"` + effect + `","Action":"*","` + element + `":"` + resource + `"}]}`
	}
	id := func(docs ...string) []NamedPolicy {
		var out []NamedPolicy
		for i, d := range docs {
			out = append(out, named(t, "id"+string(rune('0'+i)), d, KindIdentity))
		}
		return out
	}
	allowAll := doc("Allow", "Resource", "*")
	runDecCases(t, []decCase{
		{"service-only ARN allows the service's resources", on(alice, queue), PolicySet{Identity: id(doc("Allow", "Resource", "arn:aws:sqs"))}, Allow, KindIdentity},
		{"service-only ARN allows nothing of another service", on(alice, "arn:aws:sns:us-east-1:"+acctA+":topic"), PolicySet{Identity: id(doc("Allow", "Resource", "arn:aws:sqs"))}, ImplicitDeny, KindIdentity},
		{"service-only ARN in a deny", on(alice, queue), PolicySet{Identity: id(allowAll, doc("Deny", "Resource", "arn:aws:sqs"))}, ExplicitDeny, KindIdentity},
		{"service-only NotResource excludes the service", on(alice, queue), PolicySet{Identity: id(doc("Allow", "NotResource", "arn:aws:sqs"))}, ImplicitDeny, KindIdentity},
		{"service-only ARN in a boundary", on(alice, queue), PolicySet{Identity: id(allowAll), Boundary: namedPtr(t, "b", doc("Allow", "Resource", "arn:aws:sns"), KindBoundary)}, ImplicitDeny, KindBoundary},
		{"service-only ARN in a session policy", on(sess, queue), PolicySet{Identity: id(allowAll), Session: id(doc("Allow", "Resource", "arn:aws:sqs")), HasSession: true}, Allow, KindIdentity},
	})
}

func TestDecisionResourcePolicies(t *testing.T) {
	alice := userP(acctA, "alice")
	sess := sessionP(acctA, "R", "s1")
	bobB := userP(acctB, "bob")
	req := func(p Principal, action string) Request {
		return Request{Principal: p, Action: action, Resource: bucketObj, ResourceAccount: acctA}
	}
	bucket := func(effect, principal string) *NamedPolicy {
		return namedPtr(t, "bucket", resDoc(effect, principal, "s3:*", "arn:aws:s3:::bucket/*"), KindResource)
	}
	bnd := func() *NamedPolicy {
		return namedPtr(t, "b", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`, KindBoundary)
	}
	ids := []NamedPolicy{named(t, "id", allowS3All, KindIdentity)}
	runDecCases(t, []decCase{
		{"same account: bucket policy naming user allows alone", req(alice, "s3:GetObject"), PolicySet{Resource: bucket("Allow", `{"AWS":"arn:aws:iam::111122223333:user/alice"}`)}, Allow, KindResource},
		{"same account: naming user is not limited by boundary", req(alice, "s3:GetObject"), PolicySet{Boundary: bnd(), Resource: bucket("Allow", `{"AWS":"arn:aws:iam::111122223333:user/alice"}`)}, Allow, KindResource},
		{"same account: naming session ARN is not limited by session policy", req(sess, "s3:GetObject"), PolicySet{HasSession: true, Session: []NamedPolicy{named(t, "s", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`, KindSession)}, Resource: bucket("Allow", `{"AWS":"arn:aws:sts::111122223333:assumed-role/R/s1"}`)}, Allow, KindResource},
		{"same account: naming role ARN allows without identity", req(sess, "s3:GetObject"), PolicySet{HasSession: true, Resource: bucket("Allow", `{"AWS":"arn:aws:iam::111122223333:role/R"}`)}, Allow, KindResource},
		{"same account: naming role ARN capped by boundary", req(sess, "s3:GetObject"), PolicySet{HasSession: true, Boundary: bnd(), Resource: bucket("Allow", `{"AWS":"arn:aws:iam::111122223333:role/R"}`)}, ImplicitDeny, KindBoundary},
		{"same account: naming role ARN capped by session policy", req(sess, "s3:GetObject"), PolicySet{HasSession: true, Session: []NamedPolicy{named(t, "s", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`, KindSession)}, Resource: bucket("Allow", `{"AWS":"arn:aws:iam::111122223333:role/R"}`)}, ImplicitDeny, KindSession},
		{"same account: naming role by AROA id", req(sess, "s3:GetObject"), PolicySet{HasSession: true, Resource: bucket("Allow", `{"AWS":"AROAEXAMPLEROLEID01"}`)}, Allow, KindResource},
		{"same account: naming account root delegates (no identity)", req(alice, "s3:GetObject"), PolicySet{Resource: bucket("Allow", `{"AWS":"arn:aws:iam::111122223333:root"}`)}, ImplicitDeny, KindIdentity},
		{"same account: naming account id delegates (identity allows)", req(alice, "s3:GetObject"), PolicySet{Identity: ids, Resource: bucket("Allow", `{"AWS":"111122223333"}`)}, Allow, KindIdentity},
		{"same account: identity alone suffices", req(alice, "s3:GetObject"), PolicySet{Identity: ids, Resource: bucket("Allow", `{"AWS":"arn:aws:iam::111122223333:user/carol"}`)}, Allow, KindIdentity},
		{"same account: resource deny beats identity allow", req(alice, "s3:GetObject"), PolicySet{Identity: ids, Resource: bucket("Deny", `"*"`)}, ExplicitDeny, KindResource},
		{"cross account: identity only", req(bobB, "s3:GetObject"), PolicySet{Identity: ids}, ImplicitDeny, KindResource},
		{"cross account: resource only", req(bobB, "s3:GetObject"), PolicySet{Resource: bucket("Allow", `{"AWS":"arn:aws:iam::444455556666:user/bob"}`)}, ImplicitDeny, KindIdentity},
		{"cross account: both allow", req(bobB, "s3:GetObject"), PolicySet{Identity: ids, Resource: bucket("Allow", `{"AWS":"arn:aws:iam::444455556666:user/bob"}`)}, Allow, KindIdentity},
		{"cross account: account grant plus identity", req(bobB, "s3:GetObject"), PolicySet{Identity: ids, Resource: bucket("Allow", `{"AWS":"444455556666"}`)}, Allow, KindIdentity},
		{"cross account: boundary still caps", req(bobB, "s3:GetObject"), PolicySet{Identity: ids, Boundary: bnd(), Resource: bucket("Allow", `{"AWS":"444455556666"}`)}, ImplicitDeny, KindBoundary},
		{"cross account: other account named", req(bobB, "s3:GetObject"), PolicySet{Identity: ids, Resource: bucket("Allow", `{"AWS":"111122223333"}`)}, ImplicitDeny, KindResource},
		{"anonymous with Principal *", req(Principal{Type: PrincipalAnonymous}, "s3:GetObject"), PolicySet{Resource: bucket("Allow", `"*"`)}, Allow, KindResource},
		{"anonymous with AWS *", req(Principal{Type: PrincipalAnonymous}, "s3:GetObject"), PolicySet{Resource: bucket("Allow", `{"AWS":"*"}`)}, Allow, KindResource},
		{"anonymous without resource policy", req(Principal{Type: PrincipalAnonymous}, "s3:GetObject"), PolicySet{}, ImplicitDeny, KindResource},
		{"anonymous not matched by account grant", req(Principal{Type: PrincipalAnonymous}, "s3:GetObject"), PolicySet{Resource: bucket("Allow", `{"AWS":"111122223333"}`)}, ImplicitDeny, KindResource},
		{"root of owner account allowed", req(rootP(acctA), "s3:GetObject"), PolicySet{}, Allow, KindIdentity},
		{"root of owner account denied by bucket policy", req(rootP(acctA), "s3:GetObject"), PolicySet{Resource: bucket("Deny", `"*"`)}, ExplicitDeny, KindResource},
		{"root cross account needs resource grant", req(rootP(acctB), "s3:GetObject"), PolicySet{}, ImplicitDeny, KindResource},
		{"root cross account with account grant", req(rootP(acctB), "s3:GetObject"), PolicySet{Resource: bucket("Allow", `{"AWS":"444455556666"}`)}, Allow, KindResource},
		{"service principal", req(Principal{Type: PrincipalService, Service: "logging.s3.amazonaws.com"}, "s3:PutObject"), PolicySet{Resource: bucket("Allow", `{"Service":"logging.s3.amazonaws.com"}`)}, Allow, KindResource},
		{"service principal not named", req(Principal{Type: PrincipalService, Service: "ec2.amazonaws.com"}, "s3:PutObject"), PolicySet{Resource: bucket("Allow", `{"Service":"logging.s3.amazonaws.com"}`)}, ImplicitDeny, KindResource},
		{"NotPrincipal deny spares named user and account", req(alice, "s3:GetObject"), PolicySet{Identity: ids, Resource: namedPtr(t, "bucket", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:user/alice","arn:aws:iam::111122223333:root"]},"Action":"s3:*","Resource":"*"}]}`, KindResource)}, Allow, KindIdentity},
		{"NotPrincipal deny hits others", req(userP(acctA, "carol"), "s3:GetObject"), PolicySet{Identity: ids, Resource: namedPtr(t, "bucket", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:user/alice","arn:aws:iam::111122223333:root"]},"Action":"s3:*","Resource":"*"}]}`, KindResource)}, ExplicitDeny, KindResource},
		{"NotPrincipal cross account needs account listed", req(bobB, "s3:GetObject"), PolicySet{Identity: ids, Resource: namedPtr(t, "bucket", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::444455556666:user/bob"},"Action":"s3:*","Resource":"*"}]}`, KindResource)}, ExplicitDeny, KindResource},
		{"ACL-like extra resource grant", req(bobB, "s3:GetObject"), PolicySet{Identity: ids, ExtraResource: []NamedPolicy{named(t, "acl", resDoc("Allow", `{"CanonicalUser":"cafe"}`, "s3:GetObject", "*"), KindResource)}}, ImplicitDeny, KindResource},
	})
}

func TestDecisionTrust(t *testing.T) {
	alice := userP(acctA, "alice")
	bobB := userP(acctB, "bob")
	roleARN := "arn:aws:iam::111122223333:role/R"
	assume := func(p Principal, action string) Request {
		return Request{Principal: p, Action: action, Resource: roleARN, ResourceAccount: acctA}
	}
	trust := func(principal string) *NamedPolicy {
		return namedPtr(t, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":`+principal+`,"Action":"sts:AssumeRole"}]}`, KindTrust)
	}
	idAssume := []NamedPolicy{named(t, "id", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111122223333:role/R"}]}`, KindIdentity)}
	web := Principal{Type: PrincipalFederatedUser, Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}
	runDecCases(t, []decCase{
		{"trust naming user allows alone", assume(alice, "sts:AssumeRole"), PolicySet{Resource: trust(`{"AWS":"arn:aws:iam::111122223333:user/alice"}`), ResourceKind: KindTrust}, Allow, KindTrust},
		{"trust must allow even if identity allows", assume(alice, "sts:AssumeRole"), PolicySet{Identity: idAssume, Resource: trust(`{"AWS":"arn:aws:iam::111122223333:user/carol"}`), ResourceKind: KindTrust}, ImplicitDeny, KindTrust},
		{"no trust policy", assume(alice, "sts:AssumeRole"), PolicySet{Identity: idAssume, ResourceKind: KindTrust}, ImplicitDeny, KindTrust},
		{"trust naming account needs identity allow", assume(alice, "sts:AssumeRole"), PolicySet{Resource: trust(`{"AWS":"arn:aws:iam::111122223333:root"}`), ResourceKind: KindTrust}, ImplicitDeny, KindIdentity},
		{"trust naming account with identity allow", assume(alice, "sts:AssumeRole"), PolicySet{Identity: idAssume, Resource: trust(`{"AWS":"111122223333"}`), ResourceKind: KindTrust}, Allow, KindTrust},
		{"cross account trust naming user still needs identity", assume(bobB, "sts:AssumeRole"), PolicySet{Resource: trust(`{"AWS":"arn:aws:iam::444455556666:user/bob"}`), ResourceKind: KindTrust}, ImplicitDeny, KindIdentity},
		{"cross account trust and identity", assume(bobB, "sts:AssumeRole"), PolicySet{Identity: idAssume, Resource: trust(`{"AWS":"444455556666"}`), ResourceKind: KindTrust}, Allow, KindTrust},
		{"trust deny", assume(alice, "sts:AssumeRole"), PolicySet{Identity: idAssume, Resource: namedPtr(t, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}]}`, KindTrust), ResourceKind: KindTrust}, ExplicitDeny, KindTrust},
		{"service trust", assume(Principal{Type: PrincipalService, Service: "ec2.amazonaws.com"}, "sts:AssumeRole"), PolicySet{Resource: trust(`{"Service":"ec2.amazonaws.com"}`), ResourceKind: KindTrust}, Allow, KindTrust},
		{"web identity trust only", assume(web, "sts:AssumeRoleWithWebIdentity"), PolicySet{Resource: namedPtr(t, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/*"}}}]}`, KindTrust), ResourceKind: KindTrust}, ImplicitDeny, KindTrust},
		{"web identity trust with claim", Request{Principal: web, Action: "sts:AssumeRoleWithWebIdentity", Resource: roleARN, ResourceAccount: acctA, Context: ctxOf("token.actions.githubusercontent.com:sub", "repo:org/app:ref:refs/heads/main")}, PolicySet{Resource: namedPtr(t, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/*"}}}]}`, KindTrust), ResourceKind: KindTrust}, Allow, KindTrust},
		{"role chaining: trust names role, boundary caps", assume(sessionP(acctA, "Other", "s"), "sts:AssumeRole"), PolicySet{HasSession: true, Boundary: namedPtr(t, "b", allowS3All, KindBoundary), Resource: trust(`{"AWS":"arn:aws:iam::111122223333:role/Other"}`), ResourceKind: KindTrust}, ImplicitDeny, KindBoundary},
		{"role chaining: trust names role", assume(sessionP(acctA, "Other", "s"), "sts:AssumeRole"), PolicySet{HasSession: true, Resource: trust(`{"AWS":"arn:aws:iam::111122223333:role/Other"}`), ResourceKind: KindTrust}, Allow, KindTrust},
	})
}

func TestDecisionStatementsAndMissingKeys(t *testing.T) {
	alice := userP(acctA, "alice")
	doc := `{"Version":"2012-10-17","Statement":[
 {"Sid":"Get","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"}}},
 {"Sid":"Tagged","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"red"}}},
 {"Sid":"DenyPut","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}`
	ps := PolicySet{Identity: []NamedPolicy{named(t, "user/alice/inline", doc, KindIdentity)}}
	req := Request{Principal: alice, Action: "s3:GetObject", Resource: bucketObj}
	d := Evaluate(&req, &ps)
	if d.Effect != Allow {
		t.Fatalf("got %v, want Allow", d.Effect)
	}
	want := []StatementRef{{Kind: KindIdentity, Policy: "user/alice/inline", Sid: "Get", Index: 0, Effect: "Allow", Start: Position{2, 2}, End: Position{2, 134}}}
	if !reflect.DeepEqual(d.Statements, want) {
		t.Errorf("Statements: got %+v, want %+v", d.Statements, want)
	}
	if got := d.MissingContextKeys; !reflect.DeepEqual(got, []string{"aws:SourceIp", "aws:ResourceTag/team"}) {
		t.Errorf("MissingContextKeys: got %q", got)
	}
	dd := EvaluatePolicies(&req, &ps)
	if len(dd.Policies) != 1 || len(dd.Policies[0].Matched) != 1 || len(dd.Policies[0].Failed) != 1 {
		t.Fatalf("Policies: got %+v", dd.Policies)
	}
	if f := dd.Policies[0].Failed[0]; f.Statement.Sid != "Tagged" || f.Key != "aws:ResourceTag/team" || !f.Missing || f.Operator != "StringEquals" {
		t.Errorf("Failed: got %+v", f)
	}
	if len(dd.Matched) != 1 || dd.Matched[0].Sid != "Get" {
		t.Errorf("Matched: got %+v", dd.Matched)
	}

	req.Action = "s3:PutObject"
	d = Evaluate(&req, &ps)
	if d.Effect != ExplicitDeny || len(d.Statements) != 1 || d.Statements[0].Sid != "DenyPut" {
		t.Errorf("got %v %+v, want ExplicitDeny by DenyPut", d.Effect, d.Statements)
	}
}

func TestMessages(t *testing.T) {
	alice := userP(acctA, "alice")
	req := Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key"}
	pre := "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/key"
	cases := []struct {
		name string
		d    Decision
		want string
	}{
		{"implicit identity", Decision{Effect: ImplicitDeny, Kind: KindIdentity}, pre + " because no identity-based policy allows the s3:GetObject action"},
		{"implicit boundary", Decision{Effect: ImplicitDeny, Kind: KindBoundary}, pre + " because no permissions boundary allows the s3:GetObject action"},
		{"implicit session", Decision{Effect: ImplicitDeny, Kind: KindSession}, pre + " because no session policy allows the s3:GetObject action"},
		{"implicit resource", Decision{Effect: ImplicitDeny, Kind: KindResource}, pre + " because no resource-based policy allows the s3:GetObject action"},
		{"implicit trust", Decision{Effect: ImplicitDeny, Kind: KindTrust}, pre},
		{"explicit identity", Decision{Effect: ExplicitDeny, Kind: KindIdentity}, pre + " with an explicit deny in an identity-based policy"},
		{"explicit boundary", Decision{Effect: ExplicitDeny, Kind: KindBoundary}, pre + " with an explicit deny in a permissions boundary"},
		{"explicit session", Decision{Effect: ExplicitDeny, Kind: KindSession}, pre + " with an explicit deny in a session policy"},
		{"explicit resource", Decision{Effect: ExplicitDeny, Kind: KindResource}, pre + " with an explicit deny in a resource-based policy"},
		{"explicit trust", Decision{Effect: ExplicitDeny, Kind: KindTrust}, pre + " with an explicit deny in the role trust policy"},
		{"allow", Decision{Effect: Allow}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.d.Message(&req); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	q := Decision{Effect: ImplicitDeny}.MessageFor(&req, true)
	if want := `User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::bucket/key" because no identity-based policy allows the s3:GetObject action`; q != want {
		t.Errorf("quoted: got %q, want %q", q, want)
	}
	anon := Request{Principal: Principal{Type: PrincipalAnonymous}, Action: "s3:ListAllMyBuckets", Resource: "*"}
	if got, want := (Decision{Effect: ImplicitDeny, Kind: KindResource}).Message(&anon), "User: anonymous is not authorized to perform: s3:ListAllMyBuckets because no resource-based policy allows the s3:ListAllMyBuckets action"; got != want {
		t.Errorf("anonymous: got %q, want %q", got, want)
	}
}

func TestMissingContextKeysIncludeUnresolvedVariables(t *testing.T) {
	t.Parallel()
	pol, err := Parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}`, KindIdentity)
	if err != nil {
		t.Fatal(err)
	}
	req := &Request{Principal: Principal{Type: PrincipalAssumedRole, Account: "111111111111",
		ARN: "arn:aws:sts::111111111111:assumed-role/r/s", RoleARN: "arn:aws:iam::111111111111:role/r"},
		Action: "s3:GetObject", Resource: "arn:aws:s3:::b/alice/k", Context: Context{}}
	d := EvaluatePolicies(req, &PolicySet{Identity: []NamedPolicy{{Name: "p", Policy: pol}}})
	if d.Effect != ImplicitDeny {
		t.Errorf("Effect = %v, want ImplicitDeny (a role session has no aws:username)", d.Effect)
	}
	if len(d.MissingContextKeys) != 1 || d.MissingContextKeys[0] != "aws:username" {
		t.Errorf("MissingContextKeys = %v, want [aws:username]", d.MissingContextKeys)
	}
}

func TestKindJSON(t *testing.T) {
	t.Parallel()
	for k := KindIdentity; k <= KindTrust; k++ {
		b, err := json.Marshal(StatementRef{Kind: k})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"Kind":"`+k.String()+`"`) {
			t.Errorf("json.Marshal(StatementRef{Kind: %v}) = %s, want the kind's name", k, b)
		}
		var back StatementRef
		if err := json.Unmarshal(b, &back); err != nil || back.Kind != k {
			t.Errorf("round trip of %s = %v, %v; want %v", b, back.Kind, err, k)
		}
	}
	var k Kind
	if err := k.UnmarshalText([]byte("nonsense")); err == nil {
		t.Error(`UnmarshalText("nonsense") = nil, want an error`)
	}
}
