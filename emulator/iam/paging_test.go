package iam

import (
	"strings"
	"testing"
)

// TestPagination walks ListUsers page by page.
func TestPagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, n := range []string{"u1", "u2", "u3", "u4", "u5"} {
		e.must("CreateUser", "UserName", n)
	}
	var seen []string
	marker := ""
	for range 10 {
		kv := []string{"MaxItems", "2"}
		if marker != "" {
			kv = append(kv, "Marker", marker)
		}
		r := e.must("ListUsers", kv...)
		for _, m := range strings.Split(r.body, "<UserName>")[1:] {
			seen = append(seen, m[:strings.Index(m, "<")])
		}
		if r.field("IsTruncated") != "true" {
			break
		}
		marker = r.field("Marker")
	}
	if got := strings.Join(seen, ","); got != "u1,u2,u3,u4,u5" {
		t.Errorf("paged users = %s, want u1..u5", got)
	}
}

// TestPaginationCaseAndPath walks ListUsers and ListRoles page by page
// under a PathPrefix: names are ordered case-insensitively (IAM names are
// unique without case, and fakeaws lists them as their lower-cased keys
// sort), entities outside the prefix are skipped without ending a page
// early, and a marker resumes exactly where the last page stopped.
func TestPaginationCaseAndPath(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	entities := []struct{ name, path string }{
		{"bravo", "/team/"}, {"Alpha", "/team/"}, {"charlie", "/other/"}, {"Delta", "/team/sub/"},
		{"echo", "/"}, {"FOXTROT", "/team/"}, {"golf", "/other/"}, {"hotel", "/team/"},
	}
	for _, x := range entities {
		e.must("CreateUser", "UserName", x.name, "Path", x.path)
		e.must("CreateRole", "RoleName", x.name, "Path", x.path, "AssumeRolePolicyDocument", trust)
	}
	cases := []struct {
		action, nameField, prefix, maxItems, want string
	}{
		{"ListUsers", "UserName", "/team/", "2", "Alpha,bravo,Delta,FOXTROT,hotel"},
		{"ListRoles", "RoleName", "/team/", "2", "Alpha,bravo,Delta,FOXTROT,hotel"},
		{"ListUsers", "UserName", "/", "3", "Alpha,bravo,charlie,Delta,echo,FOXTROT,golf,hotel"},
		{"ListRoles", "RoleName", "/other/", "1", "charlie,golf"},
		{"ListUsers", "UserName", "/none/", "1", ""},
		{"ListRoles", "RoleName", "/team/", "5", "Alpha,bravo,Delta,FOXTROT,hotel"},
	}
	for _, c := range cases {
		var seen []string
		marker, pages := "", 0
		for ; pages < 20; pages++ {
			kv := []string{"PathPrefix", c.prefix, "MaxItems", c.maxItems}
			if marker != "" {
				kv = append(kv, "Marker", marker)
			}
			r := e.must(c.action, kv...)
			for _, m := range strings.Split(r.body, "<"+c.nameField+">")[1:] {
				seen = append(seen, m[:strings.Index(m, "<")])
			}
			if r.field("IsTruncated") != "true" {
				if r.field("Marker") != "" {
					t.Errorf("%s %s: last page has a Marker", c.action, c.prefix)
				}
				break
			}
			marker = r.field("Marker")
		}
		if got := strings.Join(seen, ","); got != c.want {
			t.Errorf("%s PathPrefix=%s MaxItems=%s paged %s, want %s", c.action, c.prefix, c.maxItems, got, c.want)
		}
	}
}
