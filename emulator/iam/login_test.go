package iam

import (
	"net/http"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
)

func TestLoginProfilesAndPasswordPolicy(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "alice")
	e.must("CreateUser", "UserName", "bob")
	if r := e.call("GetAccountPasswordPolicy"); r.status != http.StatusNotFound || r.code() != "NoSuchEntity" ||
		r.message() != "The Password Policy with domain name 111111111111 cannot be found." {
		t.Errorf("GetAccountPasswordPolicy without one = %d %s %q", r.status, r.code(), r.message())
	}
	e.must("UpdateAccountPasswordPolicy", "MinimumPasswordLength", "10", "RequireNumbers", "true",
		"RequireSymbols", "true", "AllowUsersToChangePassword", "true", "MaxPasswordAge", "90")
	pp := e.must("GetAccountPasswordPolicy")
	for name, want := range map[string]string{"MinimumPasswordLength": "10", "RequireNumbers": "true", "RequireSymbols": "true",
		"RequireUppercaseCharacters": "false", "AllowUsersToChangePassword": "true", "ExpirePasswords": "true", "MaxPasswordAge": "90"} {
		if got := pp.field(name); got != want {
			t.Errorf("PasswordPolicy.%s = %q, want %q", name, got, want)
		}
	}
	alice := userInfo(testAccount, "alice")
	rows := []struct {
		name   string
		info   *authn.Info
		action string
		kv     []string
		status int
		code   string
		msg    string
	}{
		{"policy violation: too short", nil, "CreateLoginProfile", []string{"UserName", "alice", "Password", "Ab1!"},
			400, "PasswordPolicyViolation", "Password does not conform to the account password policy."},
		{"policy violation: no symbol", nil, "CreateLoginProfile", []string{"UserName", "alice", "Password", "Abcdefgh1234"},
			400, "PasswordPolicyViolation", "Password does not conform to the account password policy."},
		{"create", nil, "CreateLoginProfile", []string{"UserName", "alice", "Password", "Correct-horse-1", "PasswordResetRequired", "true"}, 200, "", ""},
		{"create again", nil, "CreateLoginProfile", []string{"UserName", "alice", "Password", "Correct-horse-1"},
			409, "EntityAlreadyExists", "Login Profile for user alice already exists."},
		{"no such user", nil, "CreateLoginProfile", []string{"UserName", "carol", "Password", "Correct-horse-1"},
			404, "NoSuchEntity", "The user with name carol cannot be found."},
		{"get missing profile", nil, "GetLoginProfile", []string{"UserName", "bob"},
			404, "NoSuchEntity", "Login Profile for User bob cannot be found."},
		{"delete user with profile", nil, "DeleteUser", []string{"UserName", "alice"},
			409, "DeleteConflict", "Cannot delete entity, must delete login profile first."},
		{"change with wrong old password", alice, "ChangePassword", []string{"OldPassword", "nope", "NewPassword", "Battery-staple-2"},
			403, "AccessDenied", "The old password was incorrect."},
		{"change violating policy", alice, "ChangePassword", []string{"OldPassword", "Correct-horse-1", "NewPassword", "short"},
			400, "PasswordPolicyViolation", "Password does not conform to the account password policy."},
		{"change own password (allowed by the policy)", alice, "ChangePassword", []string{"OldPassword", "Correct-horse-1", "NewPassword", "Battery-staple-2"}, 200, "", ""},
		{"root cannot ChangePassword", nil, "ChangePassword", []string{"OldPassword", "a", "NewPassword", "b"},
			400, "InvalidUserType", "Only IAM Users can change their own password."},
		// No value echoed: test_iam_account_password_policy.py (recorded 13 Feb 2026).
		{"minimum length out of range", nil, "UpdateAccountPasswordPolicy", []string{"MinimumPasswordLength", "5"},
			400, "ValidationError", "1 validation error detected: Value at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			info := row.info
			if info == nil {
				info = rootInfo(testAccount)
			}
			r := e.callAs(info, row.action, row.kv...)
			if r.status != row.status || r.code() != row.code || r.message() != row.msg {
				t.Errorf("%s = %d %s %q, want %d %s %q", row.action, r.status, r.code(), r.message(), row.status, row.code, row.msg)
			}
		})
	}
	lp := e.must("GetLoginProfile", "UserName", "alice")
	if lp.field("UserName") != "alice" || lp.field("PasswordResetRequired") != "false" || lp.field("CreateDate") != "2026-11-23T15:04:05Z" {
		t.Errorf("GetLoginProfile after ChangePassword = %s", lp.body)
	}
	e.must("UpdateLoginProfile", "UserName", "alice", "PasswordResetRequired", "true")
	if lp := e.must("GetLoginProfile", "UserName", "alice"); lp.field("PasswordResetRequired") != "true" {
		t.Errorf("PasswordResetRequired after UpdateLoginProfile = %q, want true", lp.field("PasswordResetRequired"))
	}
	e.must("DeleteLoginProfile", "UserName", "alice")
	e.must("DeleteUser", "UserName", "alice")
	e.must("DeleteAccountPasswordPolicy")
	if r := e.call("DeleteAccountPasswordPolicy"); r.code() != "NoSuchEntity" {
		t.Errorf("second DeleteAccountPasswordPolicy = %d %s, want NoSuchEntity", r.status, r.code())
	}
	// Without AllowUsersToChangePassword a user needs iam:ChangePassword.
	e.must("CreateLoginProfile", "UserName", "bob", "Password", "x")
	if r := e.callAs(userInfo(testAccount, "bob"), "ChangePassword", "OldPassword", "x", "NewPassword", "y"); r.code() != "AccessDenied" {
		t.Errorf("ChangePassword without permission = %d %s, want AccessDenied", r.status, r.code())
	}
}
