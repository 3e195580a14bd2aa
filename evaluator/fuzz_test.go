package evaluator

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	seeds := []string{
		allowS3All,
		`{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":"iam:*","NotResource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["a*"]},"IpAddressIfExists":{"aws:SourceIp":["10.0.0.0/8","::1"]},"Null":{"aws:x":true}}}}`,
		`{"Statement":[{"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:sts::111122223333:assumed-role/R/s"],"Service":"s3.amazonaws.com"},"Action":"s3:*","Resource":"*"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`,
		`{"Version":"2012-10-17"`, `[]`, `{}`, `{"Statement":[]}`,
	}
	for _, s := range seeds {
		for k := KindIdentity; k <= KindTrust; k++ {
			f.Add(s, uint8(k))
		}
	}
	f.Fuzz(func(t *testing.T, doc string, k uint8) {
		kind := Kind(k % 5)
		p, err := Parse(doc, kind)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("error %T is not *ParseError", err)
			}
			return
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		q, err := Parse(string(b), kind)
		if err != nil {
			t.Fatalf("reparse: %v", err)
		}
		if p.Statements() != q.Statements() {
			t.Fatalf("round trip: got %d statements, want %d", q.Statements(), p.Statements())
		}
		// Evaluating a parsed policy must never panic.
		req := Request{Principal: userP(acctA, "alice"), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/alice/x", Context: Context{"aws:tagkeys": {"a", "b"}, "aws:sourceip": {"10.1.1.1"}}}
		np := NamedPolicy{Name: "p", Policy: p}
		ps := PolicySet{}
		switch kind {
		case KindIdentity:
			ps.Identity = []NamedPolicy{np}
		case KindBoundary:
			ps.Boundary = &np
		case KindSession:
			ps.Session, ps.HasSession = []NamedPolicy{np}, true
		default:
			ps.Resource, ps.ResourceKind = &np, kind
		}
		d := EvaluatePolicies(&req, &ps)
		_ = d.Message(&req)
	})
}

// naiveMatch is an obviously-correct recursive wildcard matcher to compare
// the production matcher against.
func naiveMatch(p, s []rune) bool {
	if len(p) == 0 {
		return len(s) == 0
	}
	switch p[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if naiveMatch(p[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return len(s) > 0 && naiveMatch(p[1:], s[1:])
	}
	return len(s) > 0 && p[0] == s[0] && naiveMatch(p[1:], s[1:])
}

func FuzzMatchWildcard(f *testing.F) {
	f.Add("a*b?c", "axxbyc")
	f.Add("*", "")
	f.Add("home/*/x", "home/a/b/x")
	f.Add("??*", "é")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if len(pattern) > 64 || len(s) > 64 || !utf8.ValidString(pattern) || !utf8.ValidString(s) {
			return // the oracle compares runes; invalid UTF-8 would alias to U+FFFD
		}
		got := MatchWildcard(pattern, s)
		want := naiveMatch([]rune(pattern), []rune(s))
		if got != want {
			t.Fatalf("MatchWildcard(%q, %q) = %v, want %v", pattern, s, got, want)
		}
	})
}

func FuzzCondition(f *testing.F) {
	f.Add(`{"StringLike":{"aws:x":"a*"}}`, "abc")
	f.Add(`{"ForAllValues:NumericLessThan":{"aws:x":[1,2]}}`, "1")
	f.Add(`{"DateGreaterThanIfExists":{"aws:x":"2020-01-01"}}`, "2021-01-01T00:00:00Z")
	f.Add(`{"IpAddress":{"aws:x":"10.0.0.0/8"}}`, "10.1.2.3")
	f.Add(`{"ArnLike":{"aws:x":"arn:aws:s3:::*"}}`, "arn:aws:s3:::b")
	f.Fuzz(func(t *testing.T, block, value string) {
		ctx := Context{}
		ctx.Set("aws:x", value)
		a := EvalCondition(block, ctx)
		// Deterministic.
		if b := EvalCondition(block, ctx); a != b {
			t.Fatalf("non-deterministic result for %q / %q", block, value)
		}
	})
}
