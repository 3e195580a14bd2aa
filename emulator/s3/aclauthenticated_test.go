package s3

import "testing"

// TestAuthenticatedUsersGrantNeedsASignature pins the AuthenticatedUsers
// group of an ACL (x-amz-acl: authenticated-read): any AWS account's
// signed request, never an anonymous one ("Access control list (ACL)
// overview", Amazon S3 predefined groups). Anonymous requests carry
// aws:PrincipalAccount ("anonymous"), so the grant keys on
// aws:PrincipalArn, which they lack.
func TestAuthenticatedUsersGrantNeedsASignature(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.openBucket(a, "authread", "BucketOwnerPreferred")
	e.must(a, treq{method: "PUT", target: "/authread/k", body: "x", header: map[string]string{"x-amz-acl": "authenticated-read"}}, 200)
	other := e.user(acctB, "reader", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	cases := []struct {
		name   string
		caller func() int
		want   int
	}{
		{"anonymous", func() int { return e.do(anonymous, treq{method: "GET", target: "/authread/k"}).Code }, 403},
		{"another account's user", func() int { return e.do(other, treq{method: "GET", target: "/authread/k"}).Code }, 200},
	}
	for _, tc := range cases {
		if got := tc.caller(); got != tc.want {
			t.Errorf("GET /authread/k as %s = %d, want %d", tc.name, got, tc.want)
		}
	}
}
