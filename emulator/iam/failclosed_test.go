package iam

import (
	"net/http"
	"testing"
	"time"
)

// TestNilAuthorizerDenies builds a handler without an authorizer: it must
// refuse every request rather than allow it (before, it allowed all).
func TestNilAuthorizerDenies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.h = New(Options{DB: e.db, Now: func() time.Time { return e.now }})
	for _, call := range [][]string{
		{"CreateUser", "UserName", "mallory"},
		{"ListUsers"},
		{"CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", `{"Version":"2012-10-17","Statement":[]}`},
	} {
		r := e.call(call[0], call[1:]...)
		if r.status != http.StatusForbidden || r.code() != "AccessDenied" {
			t.Errorf("%s without an authorizer = %d %s, want 403 AccessDenied", call[0], r.status, r.body)
		}
	}
}
