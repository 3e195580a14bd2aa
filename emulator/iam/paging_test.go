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
