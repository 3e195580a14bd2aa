package evaluator

import (
	"fmt"
	"strings"
	"testing"
)

// benchSet builds 10 identity policies of 10 statements each, in the shapes
// real policies have: action lists with wildcards, ARNs with wildcards,
// a condition on some statements. Only the last statement of the last
// policy allows s3:GetObject on the bucket.
func benchSet(b testing.TB) (PolicySet, Request) {
	services := []string{"ec2", "iam", "dynamodb", "sqs", "sns", "lambda", "kms", "logs", "cloudwatch", "s3"}
	var ps PolicySet
	for p := 0; p < 10; p++ {
		var stmts []string
		for s := 0; s < 10; s++ {
			svc := services[(p+s)%len(services)]
			if svc == "s3" {
				svc = "s3-outposts"
			}
			action := fmt.Sprintf(`["%s:Describe*","%s:List*","%s:Get%dThing"]`, svc, svc, svc, s)
			res := fmt.Sprintf(`"arn:aws:%s:us-east-1:111122223333:thing/%d/*"`, svc, s)
			if svc == "iam" { // global, and its paths name a resource type
				res = fmt.Sprintf(`"arn:aws:iam::111122223333:role/thing/%d/*"`, s)
			}
			cond := ""
			if s%3 == 0 {
				cond = `,"Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`
			}
			if p == 9 && s == 9 {
				action = `["s3:GetObject","s3:ListBucket"]`
				res = `["arn:aws:s3:::bench-bucket","arn:aws:s3:::bench-bucket/*"]`
				cond = `,"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`
			}
			stmts = append(stmts, fmt.Sprintf(`{"Sid":"S%d","Effect":"Allow","Action":%s,"Resource":%s%s}`, s, action, res, cond))
		}
		doc := `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
		ps.Identity = append(ps.Identity, named(b, fmt.Sprintf("policy-%d", p), doc, KindIdentity))
	}
	ctx := Context{}
	ctx.Set("aws:SourceIp", "10.1.2.3")
	ctx.Set("aws:RequestedRegion", "us-east-1")
	ctx.Set("aws:SecureTransport", "true")
	req := Request{Principal: userP(acctA, "alice"), Action: "s3:GetObject", Resource: "arn:aws:s3:::bench-bucket/some/key.txt", ResourceAccount: acctA, Context: ctx}
	return ps, req
}

// The benchmarks' policy set parses and decides as they expect (they run
// only with -bench, so this keeps them from breaking unseen).
func TestBenchSet(t *testing.T) {
	ps, req := benchSet(t)
	if d := Evaluate(&req, &ps); d.Effect != Allow {
		t.Fatalf("s3:GetObject: got %v, want Allow", d.Effect)
	}
	req.Action = "s3:PutObject"
	if d := Evaluate(&req, &ps); d.Effect != ImplicitDeny {
		t.Fatalf("s3:PutObject: got %v, want ImplicitDeny", d.Effect)
	}
}

func BenchmarkEvaluateAllow(b *testing.B) {
	ps, req := benchSet(b)
	if d := Evaluate(&req, &ps); d.Effect != Allow {
		b.Fatalf("got %v, want Allow", d.Effect)
	}
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(&req, &ps)
	}
}

func BenchmarkEvaluateImplicitDeny(b *testing.B) {
	ps, req := benchSet(b)
	req.Action = "s3:PutObject"
	if d := Evaluate(&req, &ps); d.Effect != ImplicitDeny {
		b.Fatalf("got %v, want ImplicitDeny", d.Effect)
	}
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(&req, &ps)
	}
}

func BenchmarkEvaluateBucketPolicy(b *testing.B) {
	ps, req := benchSet(b)
	ps.Resource = named2(b, "bucket", resDoc("Allow", `{"AWS":"arn:aws:iam::111122223333:root"}`, "s3:*", "arn:aws:s3:::bench-bucket/*"), KindResource)
	ps.Boundary = named2(b, "boundary", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","ec2:*"],"Resource":"*"},{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`, KindBoundary)
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(&req, &ps)
	}
}

func named2(b *testing.B, name, doc string, k Kind) *NamedPolicy {
	np := named(b, name, doc, k)
	return &np
}

func BenchmarkParse(b *testing.B) {
	doc := `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(doc, KindIdentity); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCacheParse(b *testing.B) {
	doc := `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/${aws:username}/*"}]}`
	c := NewCache(16)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Parse(doc, KindIdentity); err != nil {
			b.Fatal(err)
		}
	}
}
