package iam

import (
	"strings"
	"testing"
)

// AddRoleToInstanceProfile needs iam:PassRole on the role too
// (API_AddRoleToInstanceProfile: "The caller of this operation must be
// granted the PassRole permission on the IAM role"). A caller allowed only
// iam:AddRoleToInstanceProfile could put any role, an administrator's
// included, into an instance profile.
func TestAddRoleToInstanceProfileNeedsPassRole(t *testing.T) {
	e := newEnv(t)
	role := "arn:aws:iam::" + testAccount + ":role/app"
	e.must("CreateRole", "RoleName", "app", "AssumeRolePolicyDocument", lambdaTrust)
	e.must("CreateRole", "RoleName", "admin", "AssumeRolePolicyDocument", lambdaTrust)
	e.must("CreateInstanceProfile", "InstanceProfileName", "ip")
	cases := []struct {
		name   string
		policy string
		role   string
		code   string
	}{
		{"no PassRole", `{"Effect":"Allow","Action":"iam:AddRoleToInstanceProfile","Resource":"*"}`, "app", "AccessDenied"},
		{"PassRole on another role", `{"Effect":"Allow","Action":"iam:AddRoleToInstanceProfile","Resource":"*"},` +
			`{"Effect":"Allow","Action":"iam:PassRole","Resource":"` + role + `"}`, "admin", "AccessDenied"},
		{"PassRole to another service", `{"Effect":"Allow","Action":"iam:AddRoleToInstanceProfile","Resource":"*"},` +
			`{"Effect":"Allow","Action":"iam:PassRole","Resource":"` + role + `","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}`, "app", "AccessDenied"},
		{"PassRole to EC2", `{"Effect":"Allow","Action":"iam:AddRoleToInstanceProfile","Resource":"*"},` +
			`{"Effect":"Allow","Action":"iam:PassRole","Resource":"` + role + `","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}`, "app", ""},
	}
	for i, c := range cases {
		user := "u" + string(rune('a'+i))
		e.must("CreateUser", "UserName", user)
		e.must("PutUserPolicy", "UserName", user, "PolicyName", "p", "PolicyDocument",
			`{"Version":"2012-10-17","Statement":[`+c.policy+`]}`)
		r := e.callAs(userInfo(testAccount, user), "AddRoleToInstanceProfile", "InstanceProfileName", "ip", "RoleName", c.role)
		if r.code() != c.code {
			t.Errorf("%s: AddRoleToInstanceProfile(%s) = %d %s, want code %q", c.name, c.role, r.status, r.body, c.code)
		}
	}
}

// DeleteUserPermissionsBoundary sees the user's current boundary as
// iam:PermissionsBoundary, as the Service Authorization Reference lists and
// as DeleteRolePermissionsBoundary already did. Without it the common guard
// "Deny iam:DeleteUserPermissionsBoundary when iam:PermissionsBoundary is
// the company boundary" never applied: a delegated administrator removed
// the boundary from any user, itself included.
func TestDeleteUserBoundaryGuardApplies(t *testing.T) {
	e := newEnv(t)
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	e.must("CreatePolicy", "PolicyName", "company", "PolicyDocument", doc)
	e.must("CreatePolicy", "PolicyName", "other", "PolicyDocument", doc)
	company := "arn:aws:iam::" + testAccount + ":policy/company"
	other := "arn:aws:iam::" + testAccount + ":policy/other"
	e.must("CreateUser", "UserName", "admin")
	e.must("PutUserPolicy", "UserName", "admin", "PolicyName", "p", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},`+
			`{"Effect":"Deny","Action":["iam:DeleteUserPermissionsBoundary","iam:DeleteRolePermissionsBoundary"],"Resource":"*",`+
			`"Condition":{"StringEquals":{"iam:PermissionsBoundary":"`+company+`"}}}]}`)
	e.must("CreateUser", "UserName", "guarded", "PermissionsBoundary", company)
	e.must("CreateUser", "UserName", "free", "PermissionsBoundary", other)
	admin := userInfo(testAccount, "admin")
	cases := []struct {
		user, code string
	}{
		{"guarded", "AccessDenied"},
		{"free", ""},
	}
	for _, c := range cases {
		if r := e.callAs(admin, "DeleteUserPermissionsBoundary", "UserName", c.user); r.code() != c.code {
			t.Errorf("DeleteUserPermissionsBoundary(%s) = %d %s, want code %q", c.user, r.status, r.body, c.code)
		}
	}
	if r := e.must("GetUser", "UserName", "guarded"); !strings.Contains(r.body, company) {
		t.Errorf("guarded user lost its boundary: %s", r.body)
	}
}

// The role actions the Service Authorization Reference lists with
// iam:PermissionsBoundary (GetRole, DeleteRole, UpdateAssumeRolePolicy,
// UpdateRole, UpdateRoleDescription) see the role's boundary too, so a Deny
// protecting the roles that carry the platform boundary applies to them.
// Before, such a Deny never matched: a caller could rewrite a protected
// role's trust policy and then assume it.
func TestRoleBoundaryGuardApplies(t *testing.T) {
	e := newEnv(t)
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	e.must("CreatePolicy", "PolicyName", "platform", "PolicyDocument", doc)
	platform := "arn:aws:iam::" + testAccount + ":policy/platform"
	e.must("CreateRole", "RoleName", "guarded", "AssumeRolePolicyDocument", lambdaTrust, "PermissionsBoundary", platform)
	e.must("CreateRole", "RoleName", "free", "AssumeRolePolicyDocument", lambdaTrust)
	e.must("CreateUser", "UserName", "dev")
	e.must("PutUserPolicy", "UserName", "dev", "PolicyName", "p", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},`+
			`{"Effect":"Deny","Action":["iam:GetRole","iam:DeleteRole","iam:UpdateAssumeRolePolicy","iam:UpdateRole","iam:UpdateRoleDescription"],"Resource":"*",`+
			`"Condition":{"StringEquals":{"iam:PermissionsBoundary":"`+platform+`"}}}]}`)
	dev := userInfo(testAccount, "dev")
	calls := [][]string{
		{"GetRole"},
		{"UpdateAssumeRolePolicy", "PolicyDocument", lambdaTrust},
		{"UpdateRole", "Description", "x"},
		{"UpdateRoleDescription", "Description", "x"},
		{"DeleteRole"},
	}
	for _, role := range []string{"guarded", "free"} {
		want := ""
		if role == "guarded" {
			want = "AccessDenied"
		}
		for _, c := range calls {
			kv := append([]string{"RoleName", role}, c[1:]...)
			if r := e.callAs(dev, c[0], kv...); r.code() != want {
				t.Errorf("%s(%s) = %d %s, want code %q", c[0], role, r.status, r.body, want)
			}
		}
	}
}

// The service-specific credential actions see the credential's service as
// iam:ServiceSpecificCredentialServiceName (Service Authorization
// Reference), so a Deny naming one service applies to it. It never
// applied: the key was not set.
func TestServiceCredentialServiceKey(t *testing.T) {
	e := newEnv(t)
	e.must("CreateUser", "UserName", "dev")
	e.must("PutUserPolicy", "UserName", "dev", "PolicyName", "p", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},`+
			`{"Effect":"Deny","Action":"iam:*ServiceSpecificCredential","Resource":"*",`+
			`"Condition":{"StringEquals":{"iam:ServiceSpecificCredentialServiceName":"cassandra.amazonaws.com"}}}]}`)
	keyspaces := e.must("CreateServiceSpecificCredential", "UserName", "dev", "ServiceName", "cassandra.amazonaws.com").field("ServiceSpecificCredentialId")
	git := e.must("CreateServiceSpecificCredential", "UserName", "dev", "ServiceName", "codecommit.amazonaws.com").field("ServiceSpecificCredentialId")
	dev := userInfo(testAccount, "dev")
	cases := []struct {
		action string
		kv     []string
		code   string
	}{
		{"CreateServiceSpecificCredential", []string{"UserName", "dev", "ServiceName", "cassandra.amazonaws.com"}, "AccessDenied"},
		{"UpdateServiceSpecificCredential", []string{"UserName", "dev", "ServiceSpecificCredentialId", keyspaces, "Status", "Inactive"}, "AccessDenied"},
		{"ResetServiceSpecificCredential", []string{"UserName", "dev", "ServiceSpecificCredentialId", keyspaces}, "AccessDenied"},
		{"DeleteServiceSpecificCredential", []string{"UserName", "dev", "ServiceSpecificCredentialId", keyspaces}, "AccessDenied"},
		{"UpdateServiceSpecificCredential", []string{"UserName", "dev", "ServiceSpecificCredentialId", git, "Status", "Inactive"}, ""},
		{"ResetServiceSpecificCredential", []string{"UserName", "dev", "ServiceSpecificCredentialId", git}, ""},
		{"DeleteServiceSpecificCredential", []string{"UserName", "dev", "ServiceSpecificCredentialId", git}, ""},
	}
	for _, c := range cases {
		if r := e.callAs(dev, c.action, c.kv...); r.code() != c.code {
			t.Errorf("%s(%v) = %d %s, want code %q", c.action, c.kv, r.status, r.body, c.code)
		}
	}
}
