package iam

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Everything a user owns follows it through UpdateUser NewUserName, keeps
// blocking DeleteUser under the new name, and none of it passes to a new
// user created under the old name. Before the fix the login profile,
// signing certificates, SSH keys and service-specific credentials stayed
// under the old name: the renamed user lost them, DeleteUser went through,
// and a new user of the old name got the old console password and keys.
func TestRenameMovesUserCredentials(t *testing.T) {
	e := newEnv(t)
	cert := newTestCert(t, "signer", fixedNow.Add(24*time.Hour), nil)
	body, _ := sshRSABody(t, 2048)
	e.must("CreateUser", "UserName", "old")
	e.must("CreateLoginProfile", "UserName", "old", "Password", "Abcdefgh1!xyz")
	e.must("UploadSigningCertificate", "UserName", "old", "CertificateBody", cert.certPEM)
	e.must("UploadSSHPublicKey", "UserName", "old", "SSHPublicKeyBody", body)
	e.must("CreateServiceSpecificCredential", "UserName", "old", "ServiceName", "codecommit.amazonaws.com")
	e.must("UpdateUser", "UserName", "old", "NewUserName", "New")

	owned := []struct {
		action, member string
	}{
		{"GetLoginProfile", "<UserName>"},
		{"ListSigningCertificates", "<CertificateId>"},
		{"ListSSHPublicKeys", "<SSHPublicKeyId>"},
		{"ListServiceSpecificCredentials", "<ServiceSpecificCredentialId>"},
	}
	for _, o := range owned {
		if r := e.call(o.action, "UserName", "New"); r.status != http.StatusOK || !strings.Contains(r.body, o.member) {
			t.Errorf("%s of the renamed user = %d %s, want its record", o.action, r.status, r.body)
		}
	}
	if r := e.call("DeleteUser", "UserName", "New"); r.code() != "DeleteConflict" {
		t.Errorf("DeleteUser of the renamed user with credentials = %d %s, want DeleteConflict", r.status, r.body)
	}
	e.must("CreateUser", "UserName", "old")
	for _, o := range owned {
		r := e.call(o.action, "UserName", "old")
		if strings.Contains(r.body, o.member) {
			t.Errorf("%s of a new user named like the renamed one = %s, want nothing of the old user", o.action, r.body)
		}
	}
	if r := e.must("GetLoginProfile", "UserName", "New"); r.field("UserName") != "New" {
		t.Errorf("GetLoginProfile UserName = %q, want New", r.field("UserName"))
	}
}

// Renaming or moving a user or group needs the action on the target ARN
// too (API_UpdateUser, API_UpdateGroup). A user allowed iam:* only on its
// own ARN (the User Guide's self-management pattern) could rename itself
// to any name; a caller allowed /team/ entities could move them anywhere.
func TestUpdateUserGroupTargetAuthorized(t *testing.T) {
	e := newEnv(t)
	e.must("CreateUser", "UserName", "self")
	e.must("PutUserPolicy", "UserName", "self", "PolicyName", "own", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":[`+
			`"arn:aws:iam::`+testAccount+`:user/${aws:username}",`+
			`"arn:aws:iam::`+testAccount+`:user/team/*",`+
			`"arn:aws:iam::`+testAccount+`:group/team/*"]}]}`)
	e.must("CreateUser", "UserName", "member", "Path", "/team/")
	e.must("CreateGroup", "GroupName", "crew", "Path", "/team/")
	self := userInfo(testAccount, "self")
	cases := []struct {
		name   string
		action string
		kv     []string
		code   string
	}{
		{"rename self", "UpdateUser", []string{"UserName", "self", "NewUserName", "admin"}, "AccessDenied"},
		{"move self", "UpdateUser", []string{"UserName", "self", "NewPath", "/x/"}, "AccessDenied"},
		{"move member out", "UpdateUser", []string{"UserName", "member", "NewPath", "/"}, "AccessDenied"},
		{"rename and move member out", "UpdateUser", []string{"UserName", "member", "NewUserName", "m", "NewPath", "/"}, "AccessDenied"},
		{"move group out", "UpdateGroup", []string{"GroupName", "crew", "NewPath", "/"}, "AccessDenied"},
		{"rename member in place", "UpdateUser", []string{"UserName", "MEMBER", "NewUserName", "member2"}, ""},
		{"rename group in place", "UpdateGroup", []string{"GroupName", "crew", "NewGroupName", "crew2"}, ""},
	}
	for _, c := range cases {
		if r := e.callAs(self, c.action, c.kv...); r.code() != c.code {
			t.Errorf("%s: %s(%v) = %d %s, want code %q", c.name, c.action, c.kv, r.status, r.body, c.code)
		}
	}
	if r := e.call("GetUser", "UserName", "self"); r.status != http.StatusOK {
		t.Errorf("GetUser self after the refused renames = %d %s", r.status, r.body)
	}
}

// A service-linked role's description is editable (IAM User Guide, "Update
// a service-linked role": "You can edit the description of any role");
// everything else about it, MaxSessionDuration included, stays
// UnmodifiableEntity. Both UpdateRoleDescription and UpdateRole with only a
// Description were refused.
func TestServiceLinkedRoleDescriptionEditable(t *testing.T) {
	e := newEnv(t)
	e.must("CreateServiceLinkedRole", "AWSServiceName", "autoscaling.amazonaws.com")
	const slr = "AWSServiceRoleForAutoScaling"
	cases := []struct {
		action string
		kv     []string
		code   string
	}{
		{"UpdateRoleDescription", []string{"RoleName", slr, "Description", "one"}, ""},
		{"UpdateRole", []string{"RoleName", slr, "Description", "two"}, ""},
		{"UpdateRole", []string{"RoleName", slr, "Description", "three", "MaxSessionDuration", "7200"}, "UnmodifiableEntity"},
		{"UpdateRole", []string{"RoleName", slr, "MaxSessionDuration", "7200"}, "UnmodifiableEntity"},
	}
	for _, c := range cases {
		if r := e.call(c.action, c.kv...); r.code() != c.code {
			t.Errorf("%s(%v) = %d %s, want code %q", c.action, c.kv, r.status, r.body, c.code)
		}
	}
	r := e.must("GetRole", "RoleName", slr)
	if got := r.field("Description"); got != "two" {
		t.Errorf("Description after the updates = %q, want two", got)
	}
	if got := r.field("MaxSessionDuration"); got != "3600" {
		t.Errorf("MaxSessionDuration after the refused updates = %q, want 3600", got)
	}
}

// ListServiceSpecificCredentials answers IsTruncated false, as AWS's
// answers recorded since March 2026 do (LocalStack test_iam_users.py
// test_user_rename_updates_service_specific_credentials
// "list-service-credentials-after-rename"): one page, with or without
// credentials.
func TestListServiceSpecificCredentialsIsTruncated(t *testing.T) {
	e := newEnv(t)
	e.must("CreateUser", "UserName", "u")
	for _, create := range []bool{false, true} {
		if create {
			e.must("CreateServiceSpecificCredential", "UserName", "u", "ServiceName", "codecommit.amazonaws.com")
		}
		if r := e.must("ListServiceSpecificCredentials", "UserName", "u"); r.field("IsTruncated") != "false" {
			t.Errorf("ListServiceSpecificCredentials (credential made: %v) IsTruncated = %q, want false:\n%s", create, r.field("IsTruncated"), r.body)
		}
	}
}
