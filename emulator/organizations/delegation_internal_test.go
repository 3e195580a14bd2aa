package organizations

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// allowAll allows every check and fails every parse: what is left to
// decide whether a member gets in is admit's own logic.
type allowAll struct{}

func (allowAll) Authorize(context.Context, authz.Check) error { return nil }
func (allowAll) Parse(string, evaluator.Kind) (*evaluator.Policy, error) {
	return nil, errors.New("does not parse")
}

// TestAdmit checks which accounts admit lets in before IAM decides: the
// management account always; a delegated administrator for read-only
// operations only; a member under a delegation policy that no longer
// parses never (fail closed); a closed account or another
// organization's never.
func TestAdmit(t *testing.T) {
	const mgmt, admin, member, closed = "111111111111", "222222222222", "333333333333", "444444444444"
	acct := func(id, state string) *store.OrgAccount { return &store.OrgAccount{ID: id, State: state} }
	o := &store.Organization{ManagementAccount: mgmt,
		Accounts: map[string]*store.OrgAccount{mgmt: acct(mgmt, ""), admin: acct(admin, ""), member: acct(member, ""), closed: acct(closed, "SUSPENDED")},
		DelegatedAdmins: map[string]map[string]time.Time{
			admin:  {"ssm.amazonaws.com": time.Now()},
			closed: {"ssm.amazonaws.com": time.Now()}},
		ResourcePolicy: &store.OrgResourcePolicy{ID: "rp-abcd1234", Content: "not parsed"},
	}
	h := New(Options{Authz: allowAll{}})
	cases := []struct {
		account, op string
		allowed     bool
	}{
		{mgmt, "CreateOrganizationalUnit", true},
		{mgmt, "ListAccounts", true},
		{admin, "ListAccounts", true},
		{admin, "DescribeResourcePolicy", true},
		{admin, "CreatePolicy", false},   // not read-only; the policy does not parse
		{member, "ListAccounts", false},  // the policy does not parse
		{member, "CreatePolicy", false},  // the policy does not parse
		{member, "CreateAccount", false}, // never delegable
		{closed, "ListAccounts", false},  // closed accounts call nothing
		{"555555555555", "ListAccounts", false},
	}
	for _, tc := range cases {
		c := &call{caller: &authn.Caller{Account: tc.account}}
		_, err := h.admit(context.Background(), c, tc.op, o, "*")
		if tc.allowed != (err == nil) {
			t.Errorf("admit(%s, %s) = %v, want allowed %v", tc.account, tc.op, err, tc.allowed)
		}
		if e, ok := awserr.As(err); err != nil && (!ok || e.Code != "AccessDeniedException") {
			t.Errorf("admit(%s, %s) = %v, want AccessDeniedException", tc.account, tc.op, err)
		}
	}
}
