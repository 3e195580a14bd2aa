package iam

import (
	"regexp"
	"strings"
	"testing"
)

// TestGetGroupFollowsWrites: GetGroup lists a group's users from the
// group-members index the writes keep (store.KindGroupMembers); after each write it
// answers the members as they now are (added, renamed, moved to another
// path, removed, deleted), in name order without case, paged by MaxItems.
func TestGetGroupFollowsWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateGroup", "GroupName", "Team")
	e.must("CreateGroup", "GroupName", "other")
	for _, u := range []string{"carol", "Bob", "alice", "dave"} {
		e.must("CreateUser", "UserName", u)
	}
	e.must("AddUserToGroup", "GroupName", "other", "UserName", "dave")
	userRE := regexp.MustCompile(`<UserName>([^<]*)</UserName>(?s:.*?)<Arn>([^<]*)</Arn>`)
	members := func(kv ...string) string {
		r := e.must("GetGroup", append([]string{"GroupName", "team"}, kv...)...)
		var out []string
		for _, m := range userRE.FindAllStringSubmatch(r.body, -1) {
			out = append(out, m[1]+"="+m[2][strings.LastIndex(m[2], ":")+1:])
		}
		if r.field("IsTruncated") == "true" {
			out = append(out, "more")
		}
		return strings.Join(out, ",")
	}
	steps := []struct {
		action string
		kv     []string
		want   string
	}{
		{"", nil, ""},
		{"AddUserToGroup", []string{"GroupName", "Team", "UserName", "carol"}, "carol=user/carol"},
		{"AddUserToGroup", []string{"GroupName", "TEAM", "UserName", "Bob"}, "Bob=user/Bob,carol=user/carol"},
		{"AddUserToGroup", []string{"GroupName", "team", "UserName", "alice"}, "alice=user/alice,Bob=user/Bob,carol=user/carol"},
		{"UpdateUser", []string{"UserName", "carol", "NewUserName", "Aaron"}, "Aaron=user/Aaron,alice=user/alice,Bob=user/Bob"},
		{"UpdateUser", []string{"UserName", "Bob", "NewPath", "/ops/"}, "Aaron=user/Aaron,alice=user/alice,Bob=user/ops/Bob"},
		{"RemoveUserFromGroup", []string{"GroupName", "Team", "UserName", "alice"}, "Aaron=user/Aaron,Bob=user/ops/Bob"},
	}
	for _, s := range steps {
		if s.action != "" {
			e.must(s.action, s.kv...)
		}
		if got := members(); got != s.want {
			t.Errorf("after %s %v: GetGroup members %q, want %q", s.action, s.kv, got, s.want)
		}
	}
	if got, want := members("MaxItems", "1"), "Aaron=user/Aaron,more"; got != want {
		t.Errorf("GetGroup MaxItems=1: %q, want %q", got, want)
	}
}
