package iam

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestCreatePolicyDuplicateNames: policy names are unique in an account
// whatever their path and case ("A policy called p1 already exists", as in
// TestManagedPolicies); CreatePolicy finds the duplicate from the store
// keys alone. A name that only extends an existing one, or an existing
// path segment, is not a duplicate.
func TestCreatePolicyDuplicateNames(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreatePolicy", "PolicyName", "Reader", "Path", "/team/a/", "PolicyDocument", s3Read)
	cases := []struct {
		name, path string
		status     int
	}{
		{"Reader", "/", http.StatusConflict},
		{"reader", "/team/a/", http.StatusConflict},
		{"READER", "/other/", http.StatusConflict},
		{"Reader2", "/team/a/", http.StatusOK},
		{"eader", "/team/a/", http.StatusOK},
		{"a", "/", http.StatusOK},
		{"team", "/x/", http.StatusOK},
	}
	for _, c := range cases {
		r := e.call("CreatePolicy", "PolicyName", c.name, "Path", c.path, "PolicyDocument", s3Read)
		if r.status != c.status {
			t.Errorf("CreatePolicy %s%s = %d %s, want %d", c.path, c.name, r.status, r.body, c.status)
		}
		if c.status == http.StatusConflict && !strings.Contains(r.body, "A policy called "+c.name+" already exists. Duplicate names are not allowed.") {
			t.Errorf("CreatePolicy %s%s: %s", c.path, c.name, r.body)
		}
	}
}

// TestListPoliciesLocalFollowsWrites: the account's customer managed
// policies are listed from a listing cached per identity generation; after
// each write ListPolicies Scope=Local answers the policies, default
// versions and attachment counts as they now are.
func TestListPoliciesLocalFollowsWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "u")
	arnOf := func(name string) string { return "arn:aws:iam::" + testAccount + ":policy/" + name }
	row := regexp.MustCompile(`<PolicyName>([^<]*)</PolicyName>(?s:.*?)<DefaultVersionId>([^<]*)</DefaultVersionId>(?s:.*?)<AttachmentCount>([^<]*)</AttachmentCount>`)
	list := func() string {
		var rows []string
		for _, m := range row.FindAllStringSubmatch(e.must("ListPolicies", "Scope", "Local").body, -1) {
			rows = append(rows, m[1]+"/"+m[2]+"/"+m[3])
		}
		return strings.Join(rows, ",")
	}
	steps := []struct {
		action string
		kv     []string
		want   string
	}{
		{"", nil, ""},
		{"CreatePolicy", []string{"PolicyName", "beta", "PolicyDocument", s3Read}, "beta/v1/0"},
		{"CreatePolicy", []string{"PolicyName", "Alpha", "PolicyDocument", s3Read}, "Alpha/v1/0,beta/v1/0"},
		{"AttachUserPolicy", []string{"UserName", "u", "PolicyArn", arnOf("beta")}, "Alpha/v1/0,beta/v1/1"},
		{"CreatePolicyVersion", []string{"PolicyArn", arnOf("Alpha"), "PolicyDocument", s3Read, "SetAsDefault", "true"}, "Alpha/v2/0,beta/v1/1"},
		{"DetachUserPolicy", []string{"UserName", "u", "PolicyArn", arnOf("beta")}, "Alpha/v2/0,beta/v1/0"},
		{"DeletePolicy", []string{"PolicyArn", arnOf("beta")}, "Alpha/v2/0"},
	}
	for _, s := range steps {
		if s.action != "" {
			e.must(s.action, s.kv...)
		}
		if got := list(); got != s.want {
			t.Errorf("after %s: ListPolicies Scope=Local = %q, want %q", s.action, got, s.want)
		}
	}
}
