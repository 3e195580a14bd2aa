package iam

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
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

// TestTrustBrokenByRecreate pins AWS's behaviour: a trust policy names the
// user's unique id, so a user deleted and recreated under the same name is
// no longer trusted and GetRole shows the old id.
func TestTrustBrokenByRecreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "alice")
	userARN := "arn:aws:iam::111111111111:user/alice"
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + userARN + `"},"Action":"sts:AssumeRole"}]}`
	e.must("CreateRole", "RoleName", "r1", "AssumeRolePolicyDocument", trust)
	var oldID string
	_ = e.db.View(context.Background(), func(tx *store.Tx) error {
		u, err := loadUser(tx, testAccount, "alice")
		if err == nil {
			oldID = u.ID
		}
		r, err := loadRole(tx, testAccount, "r1")
		if err == nil && r.TrustPrincipalIDs[userARN] != oldID {
			t.Errorf("TrustPrincipalIDs = %v, want %s → %s", r.TrustPrincipalIDs, userARN, oldID)
		}
		return nil
	})
	doc := func() string {
		d, _ := url.QueryUnescape(e.must("GetRole", "RoleName", "r1").field("AssumeRolePolicyDocument"))
		return d
	}
	if got := doc(); !strings.Contains(got, userARN) {
		t.Errorf("trust policy before delete = %s, want the ARN", got)
	}
	e.must("DeleteUser", "UserName", "alice")
	e.must("CreateUser", "UserName", "alice")
	got := doc()
	if strings.Contains(got, userARN) || !strings.Contains(got, `"`+oldID+`"`) {
		t.Errorf("trust policy after recreate = %s, want the old unique id %s instead of the ARN", got, oldID)
	}
	// ListRoles shows the same.
	if d, _ := url.QueryUnescape(e.must("ListRoles").field("AssumeRolePolicyDocument")); !strings.Contains(d, oldID) {
		t.Errorf("ListRoles trust = %s, want old id", d)
	}
}

func svcTrust(svc string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + svc +
		`"},"Action":"sts:AssumeRole"}]}`
}

func fedTrust(fed string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":["` + fed +
		`"]},"Action":"sts:AssumeRoleWithWebIdentity"}]}`
}

// TestTrustPrincipalsValidated pins the MalformedPolicyDocument answers for
// Federated and Service principals in trust policies (cases first found by
// testdata/cli_qa.py).
func TestTrustPrincipalsValidated(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{name: "trust with a role ARN as Federated", action: "CreateRole",
			kv:     []string{"RoleName", "r1", "AssumeRolePolicyDocument", fedTrust("arn:aws:iam::111111111111:role/x")},
			status: 400, code: "MalformedPolicyDocument", message: "Federated principals must be valid domain names or SAML metadata ARNs"},
		{name: "trust with a missing OIDC provider", action: "CreateRole",
			kv:     []string{"RoleName", "r1", "AssumeRolePolicyDocument", fedTrust(oidcARN)},
			status: 400, code: "MalformedPolicyDocument", message: "Federated principals must be valid domain names or SAML metadata ARNs"},
		{name: "trust with a missing SAML provider", setup: []step{mkRole}, action: "UpdateAssumeRolePolicy",
			kv:     []string{"RoleName", "r1", "PolicyDocument", fedTrust("arn:aws:iam::111111111111:saml-provider/idp")},
			status: 400, code: "MalformedPolicyDocument", message: "Federated principals must be valid domain names or SAML metadata ARNs"},
		{name: "trust with an existing OIDC provider", setup: []step{mkOIDC}, action: "CreateRole",
			kv: []string{"RoleName", "r1", "AssumeRolePolicyDocument", fedTrust(oidcARN)}},
		{name: "trust with a web identity domain", action: "CreateRole",
			kv: []string{"RoleName", "r1", "AssumeRolePolicyDocument", fedTrust("cognito-identity.amazonaws.com")}},
		{name: "trust with a misspelled service", action: "CreateRole",
			kv:     []string{"RoleName", "r1", "AssumeRolePolicyDocument", svcTrust("codepipeiine")},
			status: 400, code: "MalformedPolicyDocument", message: `Invalid principal in policy: "SERVICE":"codepipeiine"`},
		{name: "trust with a China partition service", action: "CreateRole",
			kv:     []string{"RoleName", "r1", "AssumeRolePolicyDocument", svcTrust("eks.amazonaws.com.cn")},
			status: 400, code: "MalformedPolicyDocument", message: `Invalid principal in policy: "SERVICE":"eks.amazonaws.com.cn"`},
		{name: "trust with a regional service", action: "CreateRole",
			kv: []string{"RoleName", "r1", "AssumeRolePolicyDocument", svcTrust("states.us-east-1.amazonaws.com")}},
	})
}
