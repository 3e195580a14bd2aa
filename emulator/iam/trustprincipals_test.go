package iam

import (
	"net/url"
	"strings"
	"testing"
)

// TestTrustPolicyAccountPrincipalRewritten: IAM stores "AWS": "ACCOUNT" as
// the account's root ARN, and every read shows that form; CreateRole's own
// answer echoes the document as written (TestRecordedAccountPrincipal).
func TestTrustPolicyAccountPrincipalRewritten(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sts:AssumeRole"}]}`
	want := strings.Replace(trust, `"222222222222"`, `"arn:aws:iam::222222222222:root"`, 1)
	reads := map[string]func() response{
		"CreateRole": func() response { return e.must("CreateRole", "RoleName", "x", "AssumeRolePolicyDocument", trust) },
		"GetRole":    func() response { return e.must("GetRole", "RoleName", "x") },
		"ListRoles":  func() response { return e.must("ListRoles") },
		"GetAccountAuthorizationDetails": func() response {
			return e.must("GetAccountAuthorizationDetails", "Filter.member.1", "Role")
		},
	}
	for _, action := range []string{"CreateRole", "GetRole", "ListRoles", "GetAccountAuthorizationDetails"} {
		r := reads[action]()
		doc, _ := url.QueryUnescape(r.field("AssumeRolePolicyDocument"))
		want := want
		if action == "CreateRole" {
			want = trust
		}
		if doc != want {
			t.Errorf("%s AssumeRolePolicyDocument = %s, want %s", action, doc, want)
		}
	}
	e.must("UpdateAssumeRolePolicy", "RoleName", "x", "PolicyDocument", strings.Replace(trust, "222222222222", "333333333333", 1))
	doc, _ := url.QueryUnescape(e.must("GetRole", "RoleName", "x").field("AssumeRolePolicyDocument"))
	if !strings.Contains(doc, `"arn:aws:iam::333333333333:root"`) {
		t.Errorf("after UpdateAssumeRolePolicy: %s", doc)
	}
}
