package evaluator

import (
	"strings"
	"testing"
)

// seed004Role is the role policy of seed 004, with the account id where
// the bucket name belongs.
const seed004Role = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:PutObjectAcl"],"Resource":"arn:aws:s3:::222222222222/cross-account-bucket"}]}`

func TestWhyNot(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		req        Request
		ps         PolicySet
		wantFailed []string // per statement of the first policy: "" when it applies
		wantIn     []string // phrases the first policy's summaries must hold
		wantSides  [2]bool  // caller allowed, resource allowed
	}{
		{
			name: "seed 004: an account id where the bucket name goes",
			req: Request{Principal: sessionP("222222222222", "role-in-accountb", "s"), Action: "s3:PutObject",
				Resource: "arn:aws:s3:::cross-account-bucket/test.txt", ResourceAccount: "222222222222"},
			ps:         PolicySet{Identity: []NamedPolicy{named(t, "role/role-in-accountb/p", seed004Role, KindIdentity)}, HasSession: true},
			wantFailed: []string{PartResource},
			wantIn: []string{"statement #1 allows s3:PutObject on arn:aws:s3:::222222222222/cross-account-bucket, which does not match arn:aws:s3:::cross-account-bucket/test.txt",
				`names a bucket called "222222222222"`},
		},
		{
			name: "action, principal and condition",
			req: Request{Principal: userP(acctA, "bob"), Action: "sts:AssumeRole", Resource: "arn:aws:iam::" + acctB + ":role/r",
				ResourceAccount: acctB, Context: Context{}},
			ps: PolicySet{
				Identity:     []NamedPolicy{named(t, "user/bob/p", `{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"Assume","Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`, KindIdentity)},
				Resource:     namedPtr(t, "trust policy of role/r", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::`+acctA+`:user/alice"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]}`, KindTrust),
				ResourceKind: KindTrust},
			wantFailed: []string{PartAction, ""},
			wantIn:     []string{`statement #1 (Sid "Read") allows s3:GetObject on *: it is not about sts:AssumeRole`, `statement #2 (Sid "Assume") allows sts:AssumeRole on *: it applies`},
			wantSides:  [2]bool{true, false},
		},
		{
			name: "bucket ARN for objects",
			req: Request{Principal: userP(acctA, "alice"), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k",
				ResourceAccount: acctA},
			ps:         PolicySet{Identity: []NamedPolicy{named(t, "user/alice/p", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b"}]}`, KindIdentity)}},
			wantFailed: []string{PartResource},
			wantIn:     []string{"arn:aws:s3:::b is the bucket itself; its objects are arn:aws:s3:::b/*"},
			wantSides:  [2]bool{false, false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checks := WhyNot(&tt.req, &tt.ps)
			if len(checks) == 0 {
				t.Fatalf("WhyNot(%s) = no policies", tt.name)
			}
			first := checks[0]
			if len(first.Statements) != len(tt.wantFailed) {
				t.Fatalf("statements = %d, want %d", len(first.Statements), len(tt.wantFailed))
			}
			var all []string
			for i, sc := range first.Statements {
				if sc.Failed != tt.wantFailed[i] {
					t.Errorf("statement %d failed = %q, want %q (%s)", i, sc.Failed, tt.wantFailed[i], sc.Summary)
				}
				if !strings.HasPrefix(strings.TrimSpace(sc.Text), "{") {
					t.Errorf("statement %d text = %q, want the statement's JSON", i, sc.Text)
				}
				all = append(all, sc.Summary)
			}
			joined := strings.Join(all, "\n")
			for _, w := range tt.wantIn {
				if !strings.Contains(joined, w) {
					t.Errorf("summaries\n%s\nlack %q", joined, w)
				}
			}
			// WhyNot agrees with the evaluator statement by statement.
			d := EvaluatePolicies(&tt.req, &tt.ps)
			matched := map[string]bool{}
			for _, ref := range d.Matched {
				matched[ref.Policy+"#"+string(rune('0'+ref.Index))] = true
			}
			for _, pc := range checks {
				for _, sc := range pc.Statements {
					if got := matched[sc.Statement.Policy+"#"+string(rune('0'+sc.Statement.Index))]; got != sc.Applies {
						t.Errorf("%s: WhyNot applies = %v, EvaluatePolicies matched = %v", sc.Label, sc.Applies, got)
					}
				}
			}
			sides := Sides(&tt.req, &tt.ps, checks)
			if tt.req.ResourceAccount != tt.req.Principal.Account {
				if sides[0].Allowed != tt.wantSides[0] || sides[1].Allowed != tt.wantSides[1] {
					t.Errorf("sides allowed = %v/%v, want %v (%+v)", sides[0].Allowed, sides[1].Allowed, tt.wantSides, sides)
				}
				if !sides[1].Allowed && sides[1].Fix == "" {
					t.Errorf("resource side denies without a fix: %+v", sides[1])
				}
			}
		})
	}
}

func TestSidesRootCannotAssume(t *testing.T) {
	t.Parallel()
	req := Request{Principal: rootP(acctA), Action: "sts:AssumeRole", Resource: "arn:aws:iam::" + acctB + ":role/r", ResourceAccount: acctB}
	ps := PolicySet{Resource: namedPtr(t, "trust policy of role/r", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::`+acctA+`:root"},"Action":"sts:AssumeRole"}]}`, KindTrust), ResourceKind: KindTrust}
	sides := Sides(&req, &ps, WhyNot(&req, &ps))
	if sides[0].Allowed || !strings.Contains(sides[0].Says, "root user cannot assume a role") {
		t.Errorf("caller side of root AssumeRole = %+v, want not allowed: root cannot assume a role", sides[0])
	}
	if !sides[1].Allowed {
		t.Errorf("resource side = %+v, want the trust policy to allow", sides[1])
	}
}

func TestNearest(t *testing.T) {
	cases := []struct {
		want       string
		candidates []string
		fold       bool
		nearest    string
	}{
		{"s3:GetObjet", []string{"s3:PutObject", "s3:GetObject", "s3:GetBucketAcl"}, false, "s3:GetObject"},
		{"S3:GETOBJECT", []string{"s3:PutObject", "s3:GetObject"}, true, "s3:GetObject"},
		{"S3:GETOBJECT", []string{"s3:GetObject", "S3:PUTOBJECT"}, false, "S3:PUTOBJECT"},
		{"ab", []string{"ac", "ad"}, false, "ac"}, // equals: the first
		{"x", nil, false, ""},
	}
	for _, c := range cases {
		if got := Nearest(c.want, c.candidates, c.fold); got != c.nearest {
			t.Errorf("Nearest(%q, %q, %v) = %q, want %q", c.want, c.candidates, c.fold, got, c.nearest)
		}
	}
}

// TestWhyNotAccountPrincipal: a trust policy naming arn:aws:iam::A:root
// (seed 000's) matches a user of A, and the why-not says the account is
// named, not its root user, and that the user's own policies must allow
// too (IAM User Guide, "AWS account principals").
func TestWhyNotAccountPrincipal(t *testing.T) {
	t.Parallel()
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acctA + `:root"},"Action":"sts:AssumeRole"}]}`
	for _, tt := range []struct {
		name   string
		caller Principal
		want   string // in the Principal part's detail; "" for none
	}{
		{"a user of the account", userP(acctA, "merlin"), "the statement names account " + acctA + " (the account, not only its root user): every user and role of " + acctA + " matches, and arn:aws:iam::" + acctA + ":user/merlin's own identity policies must allow sts:AssumeRole too"},
		{"the account's root user", rootP(acctA), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := Request{Principal: tt.caller, Action: "sts:AssumeRole", Resource: "arn:aws:iam::" + acctB + ":role/r", ResourceAccount: acctB}
			ps := PolicySet{Resource: namedPtr(t, "trust policy of role/r", trust, KindTrust), ResourceKind: KindTrust}
			checks := WhyNot(&req, &ps)
			var got *PartCheck
			for _, pc := range checks {
				for _, sc := range pc.Statements {
					for i := range sc.Parts {
						if sc.Parts[i].Part == PartPrincipal {
							got = &sc.Parts[i]
						}
					}
				}
			}
			if got == nil || !got.Matched {
				t.Fatalf("Principal part = %+v, want a match", got)
			}
			if got.Detail != tt.want {
				t.Errorf("Principal detail = %q, want %q", got.Detail, tt.want)
			}
		})
	}
}

// TestSidesResourceWithoutPolicy: an IAM user (ListUsers acts on
// arn:aws:iam::A:user/) cannot have a resource-based policy (IAM's only
// one is the role trust policy), so the resource side must not suggest a
// bucket policy; across accounts it says to act as a role of the account.
func TestSidesResourceWithoutPolicy(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, resourceAccount, wantSays, wantFix string
	}{
		{"same account", acctA, "cannot have a resource-based policy: only the caller's identity policies decide", ""},
		{"across accounts", acctB, "cannot have a resource-based policy, so account " + acctB + " cannot grant it to another account's principal",
			"act as a role of account " + acctB + " that may iam:ListUsers"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := Request{Principal: userP(acctA, "bob"), Action: "iam:ListUsers", Resource: "arn:aws:iam::" + tt.resourceAccount + ":user/",
				ResourceAccount: tt.resourceAccount}
			ps := PolicySet{Identity: []NamedPolicy{named(t, "user/bob/p", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, KindIdentity)}}
			sides := Sides(&req, &ps, WhyNot(&req, &ps))
			res := sides[1]
			if res.Allowed || !strings.Contains(res.Says, tt.wantSays) {
				t.Errorf("resource side says %q, want it to hold %q", res.Says, tt.wantSays)
			}
			if !strings.HasPrefix(res.Fix, tt.wantFix) || (tt.wantFix == "" && res.Fix != "") || strings.Contains(res.Fix, "bucket policy") {
				t.Errorf("resource side fix = %q, want %q (and no bucket policy)", res.Fix, tt.wantFix)
			}
		})
	}
}

// sidesVerdict reads a request's two sides the way a learner does: every
// required side must allow, and some side must.
func sidesVerdict(sides []SideCheck) bool {
	some := false
	for _, s := range sides {
		if s.Required && !s.Allowed {
			return false
		}
		some = some || s.Allowed
	}
	return some
}

// TestSidesAgreeWithDecision: the two sides must tell the decision
// Evaluate makes, for every form a resource-based or trust policy can name
// the caller in within one account ("How AWS enforcement code logic
// evaluates requests to allow or deny access": a user, a role session or
// "*" grants on its own; a role ARN is limited by the boundary and session
// policies; an account delegates to its identity-based policies).
func TestSidesAgreeWithDecision(t *testing.T) {
	t.Parallel()
	const (
		ec2Only = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`
		s3All   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","sts:AssumeRole"],"Resource":"*"}]}`
	)
	sess := sessionP(acctA, "R", "s")
	user := userP(acctA, "alice")
	resource := func(principal string) *NamedPolicy {
		return namedPtr(t, "bucket", resDoc("Allow", principal, "s3:GetObject", "arn:aws:s3:::b/*"), KindResource)
	}
	trust := func(principal string) *NamedPolicy {
		return namedPtr(t, "trust policy of role/T", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":`+principal+`,"Action":"sts:AssumeRole"}]}`, KindTrust)
	}
	get := func(p Principal) Request {
		return Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: acctA}
	}
	assume := func(p Principal) Request {
		return Request{Principal: p, Action: "sts:AssumeRole", Resource: "arn:aws:iam::" + acctA + ":role/T", ResourceAccount: acctA}
	}
	id := []NamedPolicy{named(t, "id", s3All, KindIdentity)}
	bd := namedPtr(t, "boundary", ec2Only, KindBoundary)
	type sc struct {
		name     string
		req      Request
		ps       PolicySet
		wantSays string // in the resource side's Says, when set
		// wantDetail is in the resource statement's Principal detail.
		wantDetail string
	}
	var cases []sc
	for _, form := range []struct{ name, principal string }{
		{"session ARN", `{"AWS":"` + sess.ARN + `"}`},
		{"role ARN", `{"AWS":"` + sess.RoleARN + `"}`},
		{"account", `{"AWS":"` + acctA + `"}`},
		{"star", `"*"`},
	} {
		for _, ids := range [][]NamedPolicy{nil, id} {
			for _, b := range []*NamedPolicy{nil, bd} {
				label := form.name
				if ids != nil {
					label += ", identity allows"
				}
				if b != nil {
					label += ", boundary silent"
				}
				cases = append(cases,
					sc{"bucket names " + label, get(sess), PolicySet{Identity: ids, Boundary: b, HasSession: true, Resource: resource(form.principal)}, "", ""},
					sc{"trust names " + label, assume(sess), PolicySet{Identity: ids, Boundary: b, HasSession: true, Resource: trust(form.principal), ResourceKind: KindTrust}, "", ""})
			}
		}
	}
	cases = append(cases,
		sc{"bucket names the user, boundary silent", get(user), PolicySet{Boundary: bd, Resource: resource(`{"AWS":"` + user.ARN + `"}`)}, "", ""},
		sc{"role ARN capped: the side says why", get(sess), PolicySet{Boundary: bd, HasSession: true, Resource: resource(`{"AWS":"` + sess.RoleARN + `"}`)},
			"names the role " + sess.RoleARN + ", so its grant is limited by the permissions boundary and session policies",
			"the statement names the role " + sess.RoleARN + ", which " + sess.ARN + " comes from: what it grants is limited by the permissions boundary and session policies"},
		sc{"account delegates: the side says so", get(sess), PolicySet{HasSession: true, Resource: resource(`{"AWS":"` + acctA + `"}`)},
			"names account " + acctA + ": it grants nothing on its own", ""},
	)
	// Other callers, and a side that denies whatever the other grants.
	xs, xu := sessionP(acctB, "R", "s"), userP(acctB, "bob")
	anon, svc := Principal{Type: PrincipalAnonymous}, Principal{Type: PrincipalService, Service: "ec2.amazonaws.com"}
	denyS3 := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`
	scp := []OrgLevel{{Target: "r-root", Policies: []NamedPolicy{named(t, "scp", ec2Only, KindSCP)}}}
	for _, c := range []struct {
		name string
		req  Request
		ps   PolicySet
	}{
		{"other account's session named, identity allows", get(xs), PolicySet{Identity: id, HasSession: true, Resource: resource(`{"AWS":"` + xs.ARN + `"}`)}},
		{"other account's session named, identity silent", get(xs), PolicySet{HasSession: true, Resource: resource(`{"AWS":"` + xs.ARN + `"}`)}},
		{"other account named, identity allows", get(xu), PolicySet{Identity: id, Resource: resource(`{"AWS":"` + acctB + `"}`)}},
		{"other account, no resource policy", get(xu), PolicySet{Identity: id}},
		{"anonymous, star", get(anon), PolicySet{Resource: resource(`"*"`)}},
		{"anonymous, no resource policy", get(anon), PolicySet{}},
		{"service named", get(svc), PolicySet{Resource: resource(`{"Service":"ec2.amazonaws.com"}`)}},
		{"root, no policy", get(rootP(acctA)), PolicySet{}},
		{"root session, task policy denies", get(rootP(acctA)), PolicySet{HasSession: true, Session: []NamedPolicy{named(t, "task", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"s3:DeleteBucketPolicy","Resource":"*"}]}`, KindSession)}}},
		{"root session, task action", Request{Principal: rootP(acctA), Action: "s3:DeleteBucketPolicy", Resource: "arn:aws:s3:::b", ResourceAccount: acctA},
			PolicySet{HasSession: true, Session: []NamedPolicy{named(t, "task", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"s3:DeleteBucketPolicy","Resource":"*"}]}`, KindSession)}}},
		{"root, bucket denies", get(rootP(acctA)), PolicySet{Resource: namedPtr(t, "bucket", resDoc("Deny", `"*"`, "s3:GetObject", "arn:aws:s3:::b/*"), KindResource)}},
		{"other account's root named", get(rootP(acctB)), PolicySet{Resource: resource(`{"AWS":"` + acctB + `"}`)}},
		{"identity denies, bucket names the user", get(user), PolicySet{Identity: []NamedPolicy{named(t, "deny", denyS3, KindIdentity)}, Resource: resource(`{"AWS":"` + user.ARN + `"}`)}},
		{"SCP does not allow, bucket names the user", get(user), PolicySet{SCP: scp, Resource: resource(`{"AWS":"` + user.ARN + `"}`)}},
	} {
		cases = append(cases, sc{c.name, c.req, c.ps, "", ""})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Evaluate(&c.req, &c.ps)
			sides := Sides(&c.req, &c.ps, WhyNot(&c.req, &c.ps))
			if got := sidesVerdict(sides); got != (d.Effect == Allow) {
				t.Errorf("decision %v (%s), but the sides say allowed=%v:\n%+v\n%+v", d.Effect, d.Message(&c.req), got, sides[0], sides[1])
			}
			if c.wantSays != "" && !strings.Contains(sides[1].Says, c.wantSays) {
				t.Errorf("resource side says %q, want %q", sides[1].Says, c.wantSays)
			}
			if c.wantDetail != "" && !strings.Contains(principalDetail(WhyNot(&c.req, &c.ps)), c.wantDetail) {
				t.Errorf("principal detail %q, want %q", principalDetail(WhyNot(&c.req, &c.ps)), c.wantDetail)
			}
		})
	}
}

// principalDetail is the Principal part's detail of the first resource or
// trust statement WhyNot checked.
func principalDetail(checks []PolicyCheck) string {
	for _, pc := range checks {
		if pc.Kind != KindResource && pc.Kind != KindTrust {
			continue
		}
		for _, sc := range pc.Statements {
			for _, p := range sc.Parts {
				if p.Part == PartPrincipal {
					return p.Detail
				}
			}
		}
	}
	return ""
}
