package iam

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

const lambdaRoleARN = "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"

// listPolicyPages pages through ListPolicies with MaxItems max, following
// Marker, and returns each page's body.
func (e *testEnv) listPolicyPages(t *testing.T, max string, kv ...string) []string {
	t.Helper()
	var pages []string
	marker := ""
	for range 100 {
		args := append([]string{"MaxItems", max}, kv...)
		if marker != "" {
			args = append(args, "Marker", marker)
		}
		r := e.must("ListPolicies", args...)
		pages = append(pages, r.body)
		if r.field("IsTruncated") != "true" {
			return pages
		}
		if marker = r.field("Marker"); marker == "" {
			t.Fatalf("page %d: IsTruncated without Marker", len(pages))
		}
	}
	t.Fatal("ListPolicies never stopped truncating")
	return nil
}

var policyNameRE = regexp.MustCompile(`<PolicyName>([^<]*)</PolicyName>`)

// TestAttachAWSLambdaRole follows LocalStack's AWS-recorded
// test_attach_detach_role_policy: a role takes
// service-role/AWSLambdaRole, which GetPolicy reports with AWS's fields, and
// which grants lambda:InvokeFunction (and nothing else) in the simulator.
func TestAttachAWSLambdaRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateRole", "RoleName", "fn", "AssumeRolePolicyDocument", trustRoot)
	e.must("AttachRolePolicy", "RoleName", "fn", "PolicyArn", lambdaRoleARN)
	r := e.must("GetPolicy", "PolicyArn", lambdaRoleARN)
	for field, want := range map[string]string{
		"PolicyName": "AWSLambdaRole", "PolicyId": "ANPAJX4DPCRGTC4NFDUXI", "Arn": lambdaRoleARN,
		"Path": "/service-role/", "DefaultVersionId": "v1", "AttachmentCount": "1",
		"PermissionsBoundaryUsageCount": "0", "IsAttachable": "true",
		"CreateDate": "2015-02-06T18:41:28Z", "UpdateDate": "2015-02-06T18:41:28Z",
		"Description": "Default policy for AWS Lambda service role.", // AWS managed policy reference, AWSLambdaRole
	} {
		if got := r.field(field); got != want {
			t.Errorf("GetPolicy %s = %q, want %q", field, got, want)
		}
	}
	v := e.must("GetPolicyVersion", "PolicyArn", lambdaRoleARN, "VersionId", "v1")
	if doc := v.field("Document"); !strings.Contains(doc, "lambda%3AInvokeFunction") {
		t.Errorf("GetPolicyVersion Document = %q, want lambda:InvokeFunction", doc)
	}
	if got := v.field("CreateDate"); got != "2015-02-06T18:41:28Z" {
		t.Errorf("GetPolicyVersion CreateDate = %q", got)
	}
	att := e.must("ListAttachedRolePolicies", "RoleName", "fn")
	if got := att.field("PolicyArn"); got != lambdaRoleARN {
		t.Errorf("ListAttachedRolePolicies PolicyArn = %q", got)
	}
	for action, want := range map[string]string{"lambda:InvokeFunction": "allowed", "lambda:DeleteFunction": "implicitDeny"} {
		s := e.must("SimulatePrincipalPolicy", "PolicySourceArn", "arn:aws:iam::"+testAccount+":role/fn",
			"ActionNames.member.1", action, "ResourceArns.member.1", "arn:aws:lambda:us-east-1:"+testAccount+":function:f")
		if got := s.field("EvalDecision"); got != want {
			t.Errorf("simulate %s = %q, want %q:\n%s", action, got, want, s.body)
		}
	}
	e.must("DetachRolePolicy", "RoleName", "fn", "PolicyArn", lambdaRoleARN)
	if got := e.must("GetPolicy", "PolicyArn", lambdaRoleARN).field("AttachmentCount"); got != "0" {
		t.Errorf("AttachmentCount after detach = %q, want 0", got)
	}
}

// TestListPoliciesScopeAWS pages through every AWS managed policy as AWS
// does: 100 by default, Marker to continue, each policy once, in creation
// order (then name; see awsListingKey).
func TestListPoliciesScopeAWS(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	total := len(e.h.managed.All())
	if total < 1400 {
		t.Fatalf("%d AWS managed policies, want the full set", total)
	}
	var order []string
	for _, lp := range e.h.awsPolicyListing() {
		order = append(order, lp.r.aws.Name)
	}
	if order[0] != "AdministratorAccess" || order[4] != "CloudFrontFullAccess" {
		t.Errorf("AWS managed policies begin %v, want AWS's AdministratorAccess ... CloudFrontFullAccess", order[:5])
	}
	first := e.must("ListPolicies", "Scope", "AWS")
	if n := len(policyNameRE.FindAllString(first.body, -1)); n != 100 || first.field("IsTruncated") != "true" {
		t.Errorf("first page without MaxItems: %d policies, IsTruncated %s; want 100, true", n, first.field("IsTruncated"))
	}
	for _, max := range []string{"100", "1000"} {
		var names []string
		for _, body := range e.listPolicyPages(t, max, "Scope", "AWS") {
			for _, m := range policyNameRE.FindAllStringSubmatch(body, -1) {
				names = append(names, m[1])
			}
		}
		if len(names) != total {
			t.Errorf("MaxItems %s: paged %d policies, want %d", max, len(names), total)
		}
		seen := map[string]bool{}
		for i, n := range names {
			if seen[n] {
				t.Errorf("MaxItems %s: %s listed twice", max, n)
			}
			seen[n] = true
			if i < len(order) && order[i] != n {
				t.Errorf("MaxItems %s: #%d is %s, want %s (creation order)", max, i, n, order[i])
			}
		}
		if !seen["AWSLambdaRole"] || !seen["AmazonEKSClusterPolicy"] {
			t.Errorf("MaxItems %s: AWSLambdaRole or AmazonEKSClusterPolicy not listed", max)
		}
	}
	e.must("CreatePolicy", "PolicyName", "mine", "PolicyDocument", s3Read)
	all := 0
	for _, body := range e.listPolicyPages(t, "1000", "Scope", "All") {
		all += len(policyNameRE.FindAllString(body, -1))
	}
	if all != total+1 {
		t.Errorf("Scope=All lists %d, want %d AWS + 1 local", all, total)
	}
}

// TestAWSManagedDeepPath reads a service-linked role's policy under
// /aws-service-role/ and lists that path alone.
func TestAWSManagedDeepPath(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const support = "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"
	r := e.must("GetPolicy", "PolicyArn", support)
	if r.field("Path") != "/aws-service-role/" || r.field("PolicyName") != "AWSSupportServiceRolePolicy" || r.field("Arn") != support {
		t.Errorf("GetPolicy %s:\n%s", support, r.body)
	}
	if got := e.call("GetPolicy", "PolicyArn", "arn:aws:iam::aws:policy/AWSSupportServiceRolePolicy"); got.code() != "NoSuchEntity" {
		t.Errorf("GetPolicy without its path = %d %s, want NoSuchEntity", got.status, got.code())
	}
	n := 0
	for _, body := range e.listPolicyPages(t, "1000", "Scope", "AWS", "PathPrefix", "/aws-service-role/") {
		for _, m := range regexp.MustCompile(`<Path>([^<]*)</Path>`).FindAllStringSubmatch(body, -1) {
			n++
			if m[1] != "/aws-service-role/" {
				t.Errorf("PathPrefix /aws-service-role/ listed path %s", m[1])
			}
		}
	}
	if n < 300 {
		t.Errorf("PathPrefix /aws-service-role/ listed %d policies, want the 300+ service-linked role policies", n)
	}
}

// TestAWSManagedRefusesChanges: AWS managed policies, old and newly
// embedded, cannot be changed.
func TestAWSManagedRefusesChanges(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, arn := range []string{lambdaRoleARN, "arn:aws:iam::aws:policy/AdministratorAccess"} {
		for _, c := range [][]string{
			{"CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", s3Read},
			{"DeletePolicy", "PolicyArn", arn},
			{"SetDefaultPolicyVersion", "PolicyArn", arn, "VersionId", "v1"},
		} {
			r := e.call(c[0], c[1:]...)
			want, ok := awsManagedRefusals[c[0]]
			if !ok {
				want = "Cannot modify AWS managed policy " + arn
			}
			if r.status != http.StatusForbidden || r.code() != "AccessDenied" || r.message() != want {
				t.Errorf("%s %s = %d %s %q, want 403 AccessDenied", c[0], arn, r.status, r.code(), r.message())
			}
		}
	}
	if got := e.must("GetPolicy", "PolicyArn", lambdaRoleARN).field("DefaultVersionId"); got != "v1" {
		t.Errorf("DefaultVersionId after refused changes = %q", got)
	}
}

// TestAWSManagedCountsFollowWrites: the attachment and boundary counts of
// an AWS managed policy are per account and cached between requests
// (usageCache); after each write, GetPolicy and ListPolicies with
// OnlyAttached answer the counts the account's users, groups and roles
// now give.
func TestAWSManagedCountsFollowWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const ro = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	e.must("CreateUser", "UserName", "u")
	e.must("CreateGroup", "GroupName", "g")
	e.must("CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", trustRoot)
	steps := []struct {
		action               string
		kv                   []string
		attached, boundaries string
	}{
		{"", nil, "0", "0"},
		{"AttachUserPolicy", []string{"UserName", "u", "PolicyArn", ro}, "1", "0"},
		{"AttachGroupPolicy", []string{"GroupName", "g", "PolicyArn", ro}, "2", "0"},
		{"AttachRolePolicy", []string{"RoleName", "r", "PolicyArn", ro}, "3", "0"},
		{"PutRolePermissionsBoundary", []string{"RoleName", "r", "PermissionsBoundary", ro}, "3", "1"},
		{"DetachGroupPolicy", []string{"GroupName", "g", "PolicyArn", ro}, "2", "1"},
		{"DetachRolePolicy", []string{"RoleName", "r", "PolicyArn", ro}, "1", "1"},
		{"DeleteRolePermissionsBoundary", []string{"RoleName", "r"}, "1", "0"},
		{"DetachUserPolicy", []string{"UserName", "u", "PolicyArn", ro}, "0", "0"},
	}
	for _, s := range steps {
		if s.action != "" {
			e.must(s.action, s.kv...)
		}
		got := e.must("GetPolicy", "PolicyArn", ro)
		if a, b := got.field("AttachmentCount"), got.field("PermissionsBoundaryUsageCount"); a != s.attached || b != s.boundaries {
			t.Errorf("after %s: GetPolicy counts %s/%s, want %s/%s", s.action, a, b, s.attached, s.boundaries)
		}
		listed := e.must("ListPolicies", "Scope", "AWS", "OnlyAttached", "true", "MaxItems", "1000")
		wantListed := s.attached != "0" || s.boundaries != "0"
		if has := strings.Contains(listed.body, "<Arn>"+ro+"</Arn>"); has != wantListed {
			t.Errorf("after %s: ListPolicies OnlyAttached lists ReadOnlyAccess = %v, want %v", s.action, has, wantListed)
		}
		if wantListed && listed.field("AttachmentCount") != s.attached {
			t.Errorf("after %s: ListPolicies AttachmentCount %s, want %s", s.action, listed.field("AttachmentCount"), s.attached)
		}
	}
}
