package iam

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestListServiceSpecificCredentialsAllUsers: AllUsers lists every user's
// credentials in the account (API_ListServiceSpecificCredentials.html), for
// one service when ServiceName is given; it cannot be sent with UserName;
// it is authorized on every user of the account.
func TestListServiceSpecificCredentialsAllUsers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const cc, ks = "codecommit.amazonaws.com", "cassandra.amazonaws.com"
	for _, u := range []string{"carol", "alice", "bob"} {
		e.must("CreateUser", "UserName", u)
	}
	e.must("CreateServiceSpecificCredential", "UserName", "bob", "ServiceName", cc)
	e.must("CreateServiceSpecificCredential", "UserName", "alice", "ServiceName", ks)
	e.must("CreateServiceSpecificCredential", "UserName", "carol", "ServiceName", cc)
	e.must("PutUserPolicy", "UserName", "alice", "PolicyName", "one", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListServiceSpecificCredentials","Resource":"arn:aws:iam::`+testAccount+`:user/alice"}]}`)
	e.must("PutUserPolicy", "UserName", "bob", "PolicyName", "all", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListServiceSpecificCredentials","Resource":"arn:aws:iam::`+testAccount+`:user/*"}]}`)
	users := regexp.MustCompile(`<UserName>([^<]*)</UserName>`)
	listed := func(r response) string {
		var names []string
		for _, m := range users.FindAllStringSubmatch(r.body, -1) {
			names = append(names, m[1])
		}
		return strings.Join(names, ",")
	}
	rows := []struct {
		name       string
		caller     string // "" for root
		kv         []string
		status     int
		code, want string // want: the users listed, in order
	}{
		{"all users", "", []string{"AllUsers", "true"}, 200, "", "alice,bob,carol"},
		{"all users of one service", "", []string{"AllUsers", "true", "ServiceName", cc}, 200, "", "bob,carol"},
		{"AllUsers false is the caller's", "bob", []string{"AllUsers", "false"}, 200, "", "bob"},
		{"AllUsers with UserName", "", []string{"AllUsers", "true", "UserName", "bob"}, 400, "InvalidInput", ""},
		{"a user allowed on every user", "bob", []string{"AllUsers", "true"}, 200, "", "alice,bob,carol"},
		{"a user allowed on its own ARN only", "alice", []string{"AllUsers", "true"}, 403, "AccessDenied", ""},
	}
	for _, row := range rows {
		info := rootInfo(testAccount)
		if row.caller != "" {
			info = userInfo(testAccount, row.caller)
		}
		r := e.callAs(info, "ListServiceSpecificCredentials", row.kv...)
		if r.status != row.status || r.code() != row.code {
			t.Errorf("%s: %d %s, want %d %s:\n%s", row.name, r.status, r.code(), row.status, row.code, r.body)
			continue
		}
		if row.status == http.StatusOK && (listed(r) != row.want || r.field("IsTruncated") != "false") {
			t.Errorf("%s: listed %q (IsTruncated %q), want %q", row.name, listed(r), r.field("IsTruncated"), row.want)
		}
	}
	if r := e.call("ListServiceSpecificCredentials", "AllUsers", "true", "UserName", "bob"); r.message() != msgAllUsersWithUserName {
		t.Errorf("AllUsers with UserName: message %q", r.message())
	}
}
