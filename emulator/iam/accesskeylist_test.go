package iam

import (
	"regexp"
	"strings"
	"testing"
)

// TestListAccessKeysFollowsWrites: a user's access keys are listed from a
// per-account index cached per identity generation; after each write
// ListAccessKeys answers the keys (ids and statuses) as they now are,
// follows a renamed user, matches the user name without case, and never
// shows another account's user of the same name.
func TestListAccessKeysFollowsWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const other = "222222222222"
	e.must("CreateUser", "UserName", "dev")
	if r := e.callAs(rootInfo(other), "CreateUser", "UserName", "dev"); r.status != 200 {
		t.Fatalf("CreateUser in %s = %d %s", other, r.status, r.body)
	}
	if r := e.callAs(rootInfo(other), "CreateAccessKey", "UserName", "dev"); r.status != 200 {
		t.Fatalf("CreateAccessKey in %s = %d %s", other, r.status, r.body)
	}
	keyRE := regexp.MustCompile(`<AccessKeyId>([^<]*)</AccessKeyId>`)
	statusRE := regexp.MustCompile(`<Status>([^<]*)</Status>`)
	var ids []string
	newKey := func() {
		r := e.must("CreateAccessKey", "UserName", "dev")
		ids = append(ids, keyRE.FindStringSubmatch(r.body)[1])
	}
	// list names each key listed by its index in ids, with its status.
	list := func(user string) string {
		r := e.must("ListAccessKeys", "UserName", user)
		keys, statuses := keyRE.FindAllStringSubmatch(r.body, -1), statusRE.FindAllStringSubmatch(r.body, -1)
		var rows []string
		for i, k := range keys {
			n := "?"
			for j, id := range ids {
				if id == k[1] {
					n = string(rune('0' + j))
				}
			}
			rows = append(rows, n+":"+statuses[i][1])
		}
		return strings.Join(rows, ",")
	}
	steps := []struct {
		name  string
		write func()
		user  string
		want  func() string
	}{
		{"none", func() {}, "dev", func() string { return "" }},
		{"first key", newKey, "dev", func() string { return "0:Active" }},
		{"any case", func() {}, "DEV", func() string { return "0:Active" }},
		{"second key", newKey, "dev", func() string { return keyOrder(ids, "0:Active", "1:Active") }},
		{"deactivated", func() { e.must("UpdateAccessKey", "UserName", "dev", "AccessKeyId", ids[0], "Status", "Inactive") },
			"dev", func() string { return keyOrder(ids, "0:Inactive", "1:Active") }},
		{"deleted", func() { e.must("DeleteAccessKey", "UserName", "dev", "AccessKeyId", ids[1]) },
			"dev", func() string { return "0:Inactive" }},
		{"renamed", func() { e.must("UpdateUser", "UserName", "dev", "NewUserName", "ops") },
			"ops", func() string { return "0:Inactive" }},
	}
	for _, s := range steps {
		s.write()
		if got, want := list(s.user), s.want(); got != want {
			t.Errorf("%s: ListAccessKeys %s = %q, want %q", s.name, s.user, got, want)
		}
	}
}

// keyOrder orders rows ("N:Status", N an index into ids) as ListAccessKeys
// does: by key id.
func keyOrder(ids []string, rows ...string) string {
	out := append([]string(nil), rows...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if ids[out[j][0]-'0'] < ids[out[i][0]-'0'] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return strings.Join(out, ",")
}
