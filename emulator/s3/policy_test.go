package s3

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

func publicReadPolicy(bucket string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}`, bucket)
}

func TestPutBucketPolicyValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "cross-account-bucket")
	// An existing role in account B, to name as principal.
	if err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(acctB, store.KindRole, "role-in-accountb", &store.Role{Name: "role-in-accountb", Path: "/",
			ID: "AROAEXAMPLEEXAMPLE01", ARN: "arn:aws:iam::222222222222:role/role-in-accountb"})
	}); err != nil {
		t.Fatal(err)
	}
	stmt := func(s string) string { return `{"Version":"2012-10-17","Statement":[` + s + `]}` }
	tests := []struct {
		name   string
		doc    string
		status int
		code   string
		msg    string
	}{
		{"seed 004 resource", stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":["s3:GetObject","s3:PutObject","s3:PutObjectAcl"],"Resource":"arn:aws:s3:::222222222222/cross-account-bucket"}`),
			400, "MalformedPolicy", "Policy has invalid resource"},
		{"other bucket", stmt(`{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::other-bucket/*"}`),
			400, "MalformedPolicy", "Policy has invalid resource"},
		{"missing principal", stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account-bucket/*"}`),
			400, "MalformedPolicy", "Missing required field Principal"},
		{"unknown user", stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:user/ghost"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account-bucket/*"}`),
			400, "MalformedPolicy", "Invalid principal in policy"},
		{"bad condition key", stmt(`{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account-bucket/*","Condition":{"StringEquals":{"s3:bogus":"x"}}}`),
			400, "MalformedPolicy", "Policy has an invalid condition key"},
		{"object action on bucket", stmt(`{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account-bucket"}`),
			400, "MalformedPolicy", "Action does not apply to any resource(s) in statement"},
		{"annotation action on bucket", stmt(`{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:ListObjectAnnotations","Resource":"arn:aws:s3:::cross-account-bucket"}`),
			400, "MalformedPolicy", "Action does not apply to any resource(s) in statement"},
		{"annotation actions on objects", stmt(`{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":["s3:PutObjectAnnotation","s3:GetObjectAnnotation","s3:ListObjectAnnotations","s3:DeleteObjectAnnotation"],"Resource":"arn:aws:s3:::cross-account-bucket/*"}`),
			204, "", ""},
		{"non-s3 action", stmt(`{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"iam:CreateUser","Resource":"arn:aws:s3:::cross-account-bucket/*"}`),
			400, "MalformedPolicy", "Policy has invalid action"},
		{"syntax", `{"Version":"2012-10-17","Statement":[`, 400, "MalformedPolicy", ""},
		{"too large", stmt(`{"Sid":"` + strings.Repeat("x", 21000) + `","Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account-bucket/*"}`),
			400, "MalformedPolicy", "Normalized policy document exceeds the maximum allowed size of 20480 bytes"},
		{"public blocked by BPA", publicReadPolicy("cross-account-bucket"), 403, "AccessDenied",
			"User: arn:aws:iam::111111111111:root is not authorized to perform: s3:PutBucketPolicy on resource: \"arn:aws:s3:::cross-account-bucket\" because public policies are prevented by the BlockPublicPolicy setting in S3 Block Public Access."},
		{"valid role principal", stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/role-in-accountb"},"Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::cross-account-bucket/*"},{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::cross-account-bucket"}`),
			204, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(a, treq{method: "PUT", target: "/cross-account-bucket?policy", body: tc.doc})
			if w.Code != tc.status {
				t.Fatalf("PutBucketPolicy = %d %s, want %d", w.Code, w.Body, tc.status)
			}
			code, msg := errCode(t, w)
			if code != tc.code || (tc.msg != "" && msg != tc.msg) {
				t.Errorf("got %s %q, want %s %q", code, msg, tc.code, tc.msg)
			}
		})
	}
	w := e.must(a, treq{method: "GET", target: "/cross-account-bucket?policy"}, 200)
	if !strings.Contains(w.Body.String(), "role-in-accountb") {
		t.Errorf("GetBucketPolicy = %s", w.Body)
	}
	w = e.must(a, treq{method: "GET", target: "/cross-account-bucket?policyStatus"}, 200)
	if !strings.Contains(w.Body.String(), "<IsPublic>false</IsPublic>") {
		t.Errorf("GetBucketPolicyStatus = %s", w.Body)
	}
}

func TestIsPublicPolicy(t *testing.T) {
	t.Parallel()
	stmt := func(s string) string { return `{"Version":"2012-10-17","Statement":[` + s + `]}` }
	tests := []struct {
		name string
		doc  string
		want bool
	}{
		{"star", publicReadPolicy("b"), true},
		{"aws star", stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), true},
		{"account", stmt(`{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), false},
		{"deny star", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`), false},
		{"pinned by source account", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}}}`), false},
		{"wide ip", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}`), true},
		{"narrow ip", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"IpAddress":{"aws:SourceIp":"10.1.0.0/16"}}}`), false},
	}
	for _, tc := range tests {
		if got := isPublicPolicy(tc.doc); got != tc.want {
			t.Errorf("isPublicPolicy(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestPublicPolicyAndRestrictPublicBuckets(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.openBucket(a, "public", "BucketOwnerEnforced")
	e.must(a, treq{method: "PUT", target: "/public?policy", body: publicReadPolicy("public")}, 204)
	e.must(a, treq{method: "PUT", target: "/public/readme", body: "hello"}, 200)
	w := e.must(a, treq{method: "GET", target: "/public?policyStatus"}, 200)
	if !strings.Contains(w.Body.String(), "<IsPublic>true</IsPublic>") {
		t.Errorf("policy status = %s", w.Body)
	}
	if w := e.do(anonymous, treq{method: "GET", target: "/public/readme"}); w.Code != 200 || w.Body.String() != "hello" {
		t.Errorf("anonymous GET of public object = %d %s", w.Code, w.Body)
	}
	// RestrictPublicBuckets: the public grant no longer reaches outsiders.
	e.must(a, treq{method: "PUT", target: "/public?publicAccessBlock", body: "<PublicAccessBlockConfiguration><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>"}, 200)
	w = e.do(anonymous, treq{method: "GET", target: "/public/readme"})
	if code, msg := errCode(t, w); w.Code != 403 || code != "AccessDenied" || msg != "Access Denied" {
		t.Errorf("anonymous GET with RestrictPublicBuckets = %d %s %q", w.Code, code, msg)
	}
	if w := e.do(rootOf(acctB), treq{method: "GET", target: "/public/readme"}); w.Code != 403 {
		t.Errorf("cross-account GET with RestrictPublicBuckets = %d", w.Code)
	}
}

func TestExplicitDenyInBucketPolicy(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	alice := e.user(acctA, "alice", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	e.createBucket(a, "guarded")
	e.must(a, treq{method: "PUT", target: "/guarded/secret/x", body: "s"}, 200)
	e.must(a, treq{method: "PUT", target: "/guarded/open/x", body: "o"}, 200)
	e.must(a, treq{method: "PUT", target: "/guarded?policy", body: `{"Version":"2012-10-17","Statement":[{"Sid":"NoSecrets","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::guarded/secret/*"}]}`}, 204)
	w := e.do(alice, treq{method: "GET", target: "/guarded/secret/x"})
	code, msg := errCode(t, w)
	if w.Code != 403 || code != "AccessDenied" {
		t.Fatalf("GET denied object = %d %s", w.Code, code)
	}
	for _, part := range []string{"arn:aws:iam::111111111111:user/alice", "s3:GetObject", "arn:aws:s3:::guarded/secret/x", "explicit deny in a resource-based policy"} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q does not name %q", msg, part)
		}
	}
	e.must(alice, treq{method: "GET", target: "/guarded/open/x"}, 200)
}

func TestUserWithoutPolicy(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.createBucket(rootOf(acctA), "plain")
	bob := e.user(acctA, "bob")
	w := e.do(bob, treq{method: "GET", target: "/plain?list-type=2"})
	code, msg := errCode(t, w)
	if w.Code != 403 || code != "AccessDenied" || !strings.Contains(msg, "because no identity-based policy allows the s3:ListBucket action") {
		t.Errorf("ListObjectsV2 by bob = %d %s %q", w.Code, code, msg)
	}
	// Missing key without s3:ListBucket: AccessDenied, not NoSuchKey.
	reader := e.user(acctA, "reader", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	w = e.do(reader, treq{method: "GET", target: "/plain/missing"})
	if code, _ := errCode(t, w); w.Code != 403 || code != "AccessDenied" {
		t.Errorf("GET missing without ListBucket = %d %s, want 403", w.Code, code)
	}
	w = e.do(rootOf(acctA), treq{method: "GET", target: "/plain/missing"})
	if code, _ := errCode(t, w); w.Code != 404 || code != "NoSuchKey" {
		t.Errorf("GET missing as owner = %d %s, want 404 NoSuchKey", w.Code, code)
	}
}

// TestSeed004RolePolicyWrongResource replays seed 004: a role in account B
// whose policy names arn:aws:s3:::222222222222/cross-account-bucket cannot
// put objects into cross-account-bucket.
func TestSeed004RolePolicyWrongResource(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.createBucket(rootOf(acctB), "cross-account-bucket")
	roleARN := "arn:aws:iam::222222222222:role/role-in-accountb"
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:PutObjectAcl"],"Resource":"arn:aws:s3:::222222222222/cross-account-bucket"}]}`
	if err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(acctB, store.KindRole, "role-in-accountb", &store.Role{Name: "role-in-accountb", Path: "/",
			ID: "AROAEXAMPLEEXAMPLE01", ARN: roleARN, Policies: store.Policies{Inline: map[string]string{"s3": doc}}})
	}); err != nil {
		t.Fatal(err)
	}
	sessionARN := "arn:aws:sts::222222222222:assumed-role/role-in-accountb/botocore-session-1"
	caller := authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: acctB, ARN: sessionARN,
		UserID:  "AROAEXAMPLEEXAMPLE01:botocore-session-1",
		Session: &store.Session{Account: acctB, RoleARN: roleARN, RoleName: "role-in-accountb", SessionName: "botocore-session-1"}}
	w := e.do(caller, treq{method: "PUT", target: "/cross-account-bucket/test.txt", body: "hello"})
	code, msg := errCode(t, w)
	if w.Code != 403 || code != "AccessDenied" {
		t.Fatalf("PutObject = %d %s, want 403 AccessDenied", w.Code, code)
	}
	want := "User: " + sessionARN + " is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::cross-account-bucket/test.txt\" because no identity-based policy allows the s3:PutObject action"
	if msg != want {
		t.Errorf("message = %q, want %q", msg, want)
	}
}
