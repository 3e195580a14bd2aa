package iam

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/evaluator"
)

type step struct {
	action string
	kv     []string
}

func s(action string, kv ...string) step { return step{action, kv} }

type actionCase struct {
	name    string
	setup   []step
	action  string
	kv      []string
	status  int
	code    string
	message string // substring of the message, when set
	fields  map[string]string
	// contains are substrings the response body must hold.
	contains []string
}

func runCases(t *testing.T, cases []actionCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			for _, st := range tc.setup {
				e.must(st.action, st.kv...)
			}
			r := e.call(tc.action, tc.kv...)
			want := tc.status
			if want == 0 {
				want = http.StatusOK
			}
			if r.status != want || r.code() != tc.code {
				t.Fatalf("%s(%v) = %d %q, want %d %q\n%s", tc.action, tc.kv, r.status, r.code(), want, tc.code, r.body)
			}
			if tc.message != "" && !strings.Contains(r.message(), tc.message) {
				t.Errorf("%s message = %q, want it to contain %q", tc.action, r.message(), tc.message)
			}
			for _, sub := range tc.contains {
				if !strings.Contains(r.body, sub) {
					t.Errorf("%s body lacks %q:\n%s", tc.action, sub, r.body)
				}
			}
			for k, v := range tc.fields {
				if got := r.field(k); got != v {
					t.Errorf("%s <%s> = %q, want %q", tc.action, k, got, v)
				}
			}
		})
	}
}

var (
	mkUser  = s("CreateUser", "UserName", "alice")
	mkGroup = s("CreateGroup", "GroupName", "devs")
	mkRole  = s("CreateRole", "RoleName", "r1", "AssumeRolePolicyDocument", trustRoot)
	mkPol   = s("CreatePolicy", "PolicyName", "p1", "PolicyDocument", s3Read)
	polARN  = "arn:aws:iam::111111111111:policy/p1"
)

func TestUsers(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{name: "create", action: "CreateUser", kv: []string{"UserName", "alice", "Path", "/eng/"},
			fields: map[string]string{"Arn": "arn:aws:iam::111111111111:user/eng/alice", "CreateDate": "2026-11-23T15:04:05Z"}},
		{name: "create duplicate case-insensitive", setup: []step{mkUser}, action: "CreateUser", kv: []string{"UserName", "ALICE"},
			status: 409, code: "EntityAlreadyExists", message: "User with name ALICE already exists."},
		{name: "create bad name", action: "CreateUser", kv: []string{"UserName", "a b"}, status: 400, code: "ValidationError",
			message: `1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
		{name: "create name too long", action: "CreateUser", kv: []string{"UserName", strings.Repeat("a", 65)}, status: 400, code: "ValidationError",
			message: "Member must have length less than or equal to 64"},
		{name: "create missing name", action: "CreateUser", status: 400, code: "ValidationError",
			message: "Value null at 'userName' failed to satisfy constraint: Member must not be null"},
		{name: "create bad path", action: "CreateUser", kv: []string{"UserName", "a", "Path", "eng"}, status: 400, code: "ValidationError"},
		{name: "create with tags", action: "CreateUser", kv: []string{"UserName", "a", "Tags.member.1.Key", "team", "Tags.member.1.Value", "x"},
			fields: map[string]string{"Key": "team", "Value": "x"}},
		{name: "create duplicate tag keys", action: "CreateUser", kv: []string{"UserName", "a", "Tags.member.1.Key", "k", "Tags.member.1.Value", "x", "Tags.member.2.Key", "K", "Tags.member.2.Value", "y"},
			status: 400, code: "InvalidInput"},
		{name: "create boundary missing", action: "CreateUser", kv: []string{"UserName", "a", "PermissionsBoundary", "arn:aws:iam::111111111111:policy/none"},
			status: 404, code: "NoSuchEntity", message: "Scope ARN: arn:aws:iam::111111111111:policy/none does not exist or is not attachable."},
		{name: "get", setup: []step{mkUser}, action: "GetUser", kv: []string{"UserName", "alice"}, fields: map[string]string{"UserName": "alice"}},
		{name: "get missing", action: "GetUser", kv: []string{"UserName", "bob"}, status: 404, code: "NoSuchEntity",
			message: "The user with name bob cannot be found."},
		{name: "get root", action: "GetUser", fields: map[string]string{"Arn": "arn:aws:iam::111111111111:root", "UserId": "111111111111"}},
		{name: "update rename", setup: []step{mkUser}, action: "UpdateUser", kv: []string{"UserName", "alice", "NewUserName", "alicia"}},
		{name: "update missing", action: "UpdateUser", kv: []string{"UserName", "x", "NewUserName", "y"}, status: 404, code: "NoSuchEntity"},
		{name: "update to taken name", setup: []step{mkUser, s("CreateUser", "UserName", "bob")}, action: "UpdateUser",
			kv: []string{"UserName", "alice", "NewUserName", "bob"}, status: 409, code: "EntityAlreadyExists"},
		{name: "delete", setup: []step{mkUser}, action: "DeleteUser", kv: []string{"UserName", "alice"}},
		{name: "delete missing", action: "DeleteUser", kv: []string{"UserName", "alice"}, status: 404, code: "NoSuchEntity"},
		{name: "delete with key", setup: []step{mkUser, s("CreateAccessKey", "UserName", "alice")}, action: "DeleteUser",
			kv: []string{"UserName", "alice"}, status: 409, code: "DeleteConflict", message: "Cannot delete entity, must delete access keys first."},
		{name: "delete with inline", setup: []step{mkUser, s("PutUserPolicy", "UserName", "alice", "PolicyName", "i", "PolicyDocument", s3Read)},
			action: "DeleteUser", kv: []string{"UserName", "alice"}, status: 409, code: "DeleteConflict", message: "must delete policies first."},
		{name: "delete with attached", setup: []step{mkUser, s("AttachUserPolicy", "UserName", "alice", "PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess")},
			action: "DeleteUser", kv: []string{"UserName", "alice"}, status: 409, code: "DeleteConflict", message: "must detach all policies first."},
		{name: "delete in group", setup: []step{mkUser, mkGroup, s("AddUserToGroup", "GroupName", "devs", "UserName", "alice")},
			action: "DeleteUser", kv: []string{"UserName", "alice"}, status: 409, code: "DeleteConflict"},
		{name: "tag", setup: []step{mkUser}, action: "TagUser", kv: []string{"UserName", "alice", "Tags.member.1.Key", "a", "Tags.member.1.Value", "b"}},
		{name: "list tags", setup: []step{mkUser, s("TagUser", "UserName", "alice", "Tags.member.1.Key", "a", "Tags.member.1.Value", "b")},
			action: "ListUserTags", kv: []string{"UserName", "alice"}, fields: map[string]string{"Key": "a", "Value": "b", "IsTruncated": "false"}},
		{name: "untag", setup: []step{mkUser}, action: "UntagUser", kv: []string{"UserName", "alice", "TagKeys.member.1", "a"}},
		{name: "list users path prefix", setup: []step{mkUser, s("CreateUser", "UserName", "bob", "Path", "/ops/")},
			action: "ListUsers", kv: []string{"PathPrefix", "/ops/"}, fields: map[string]string{"UserName": "bob"}},
		{name: "list users max items", setup: []step{mkUser, s("CreateUser", "UserName", "bob")},
			action: "ListUsers", kv: []string{"MaxItems", "1"}, fields: map[string]string{"UserName": "alice", "IsTruncated": "true"}},
		{name: "list users bad max items", action: "ListUsers", kv: []string{"MaxItems", "0"}, status: 400, code: "ValidationError"},
		{name: "put boundary", setup: []step{mkUser, mkPol}, action: "PutUserPermissionsBoundary", kv: []string{"UserName", "alice", "PermissionsBoundary", polARN}},
		{name: "delete boundary", setup: []step{mkUser, mkPol, s("PutUserPermissionsBoundary", "UserName", "alice", "PermissionsBoundary", polARN)},
			action: "DeleteUserPermissionsBoundary", kv: []string{"UserName", "alice"}},
	})
}

func TestAccessKeys(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{name: "create", setup: []step{mkUser}, action: "CreateAccessKey", kv: []string{"UserName", "alice"},
			fields: map[string]string{"UserName": "alice", "Status": "Active"}},
		{name: "create missing user", action: "CreateAccessKey", kv: []string{"UserName", "alice"}, status: 404, code: "NoSuchEntity"},
		{name: "create third", setup: []step{mkUser, s("CreateAccessKey", "UserName", "alice"), s("CreateAccessKey", "UserName", "alice")},
			action: "CreateAccessKey", kv: []string{"UserName", "alice"}, status: 409, code: "LimitExceeded",
			message: "Cannot exceed quota for AccessKeysPerUser: 2"},
		{name: "create root key", action: "CreateAccessKey", fields: map[string]string{"Status": "Active", "UserName": ""}},
		{name: "list", setup: []step{mkUser, s("CreateAccessKey", "UserName", "alice")}, action: "ListAccessKeys", kv: []string{"UserName", "alice"},
			fields: map[string]string{"UserName": "alice", "IsTruncated": "false"}},
		{name: "update unknown", setup: []step{mkUser}, action: "UpdateAccessKey", kv: []string{"UserName", "alice", "AccessKeyId", "AKIAAAAAAAAAAAAAAAAA", "Status", "Inactive"},
			status: 404, code: "NoSuchEntity", message: "The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found."},
		{name: "update bad status", setup: []step{mkUser}, action: "UpdateAccessKey", kv: []string{"UserName", "alice", "AccessKeyId", "AKIAAAAAAAAAAAAAAAAA", "Status", "Off"},
			status: 400, code: "ValidationError", message: "Member must satisfy enum value set: [Active, Inactive, Expired]"},
		{name: "delete unknown", setup: []step{mkUser}, action: "DeleteAccessKey", kv: []string{"UserName", "alice", "AccessKeyId", "AKIAAAAAAAAAAAAAAAAA"},
			status: 404, code: "NoSuchEntity"},
		// AWS hides whether the key exists: LocalStack test_iam_users.py
		// TestUserAccessKeys::test_access_key_errors (recorded 24 Feb 2026).
		{name: "last used unknown", action: "GetAccessKeyLastUsed", kv: []string{"AccessKeyId", "AKIAAAAAAAAAAAAAAAAA"}, status: 403, code: "AccessDenied"},
	})
}

func TestAccessKeyLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "alice")
	r := e.must("CreateAccessKey", "UserName", "alice")
	id, secret := r.field("AccessKeyId"), r.field("SecretAccessKey")
	if !strings.HasPrefix(id, "AKIA") || len(id) != 20 {
		t.Errorf("AccessKeyId = %q, want AKIA + 16 characters", id)
	}
	if len(secret) != 40 {
		t.Errorf("len(SecretAccessKey) = %d, want 40", len(secret))
	}
	e.must("UpdateAccessKey", "UserName", "alice", "AccessKeyId", id, "Status", "Inactive")
	if got := e.must("ListAccessKeys", "UserName", "alice").field("Status"); got != "Inactive" {
		t.Errorf("Status after update = %q, want Inactive", got)
	}
	lu := e.must("GetAccessKeyLastUsed", "AccessKeyId", id)
	if lu.field("ServiceName") != "N/A" || lu.field("UserName") != "alice" {
		t.Errorf("GetAccessKeyLastUsed = %s, want ServiceName N/A and UserName alice", lu.body)
	}
	// A renamed user keeps its keys.
	e.must("UpdateUser", "UserName", "alice", "NewUserName", "alicia")
	if got := e.must("ListAccessKeys", "UserName", "alicia").field("AccessKeyId"); got != id {
		t.Errorf("keys of renamed user = %q, want %q", got, id)
	}
	e.must("DeleteAccessKey", "UserName", "alicia", "AccessKeyId", id)
	e.must("DeleteUser", "UserName", "alicia")
}

func TestGroups(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{name: "create", action: "CreateGroup", kv: []string{"GroupName", "devs"}, fields: map[string]string{"Arn": "arn:aws:iam::111111111111:group/devs"}},
		{name: "create duplicate", setup: []step{mkGroup}, action: "CreateGroup", kv: []string{"GroupName", "Devs"}, status: 409, code: "EntityAlreadyExists",
			message: "Group with name Devs already exists."},
		{name: "get with users", setup: []step{mkUser, mkGroup, s("AddUserToGroup", "GroupName", "devs", "UserName", "alice")},
			action: "GetGroup", kv: []string{"GroupName", "devs"}, fields: map[string]string{"UserName": "alice", "GroupName": "devs"}},
		{name: "get missing", action: "GetGroup", kv: []string{"GroupName", "devs"}, status: 404, code: "NoSuchEntity",
			message: "The group with name devs cannot be found."},
		{name: "add missing user", setup: []step{mkGroup}, action: "AddUserToGroup", kv: []string{"GroupName", "devs", "UserName", "x"}, status: 404, code: "NoSuchEntity"},
		{name: "remove non-member", setup: []step{mkUser, mkGroup}, action: "RemoveUserFromGroup", kv: []string{"GroupName", "devs", "UserName", "alice"}, status: 200}, // cloud-custodian#4730
		{name: "groups for user", setup: []step{mkUser, mkGroup, s("AddUserToGroup", "GroupName", "devs", "UserName", "alice")},
			action: "ListGroupsForUser", kv: []string{"UserName", "alice"}, fields: map[string]string{"GroupName": "devs"}},
		{name: "delete with member", setup: []step{mkUser, mkGroup, s("AddUserToGroup", "GroupName", "devs", "UserName", "alice")},
			action: "DeleteGroup", kv: []string{"GroupName", "devs"}, status: 409, code: "DeleteConflict",
			message: "Cannot delete entity, must remove users from group first."},
		{name: "delete with policy", setup: []step{mkGroup, mkPol, s("AttachGroupPolicy", "GroupName", "devs", "PolicyArn", polARN)},
			action: "DeleteGroup", kv: []string{"GroupName", "devs"}, status: 409, code: "DeleteConflict"},
		{name: "delete", setup: []step{mkGroup}, action: "DeleteGroup", kv: []string{"GroupName", "devs"}},
		{name: "rename keeps members", setup: []step{mkUser, mkGroup, s("AddUserToGroup", "GroupName", "devs", "UserName", "alice"),
			s("UpdateGroup", "GroupName", "devs", "NewGroupName", "engineers")},
			action: "ListGroupsForUser", kv: []string{"UserName", "alice"}, fields: map[string]string{"GroupName": "engineers"}},
	})
}

func TestRoles(t *testing.T) {
	t.Parallel()
	ghost := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/ghost"},"Action":"sts:AssumeRole"}]}`
	withUser := strings.Replace(ghost, "ghost", "alice", 1)
	runCases(t, []actionCase{
		{name: "create", action: "CreateRole", kv: []string{"RoleName", "r1", "AssumeRolePolicyDocument", trustRoot},
			fields: map[string]string{"Arn": "arn:aws:iam::111111111111:role/r1", "MaxSessionDuration": ""}},
		{name: "create duplicate", setup: []step{mkRole}, action: "CreateRole", kv: []string{"RoleName", "R1", "AssumeRolePolicyDocument", trustRoot},
			status: 409, code: "EntityAlreadyExists", message: "Role with name R1 already exists."},
		{name: "create missing trust", action: "CreateRole", kv: []string{"RoleName", "r1"}, status: 400, code: "ValidationError"},
		{name: "create malformed trust", action: "CreateRole", kv: []string{"RoleName", "r1", "AssumeRolePolicyDocument", "{"},
			status: 400, code: "MalformedPolicyDocument"},
		{name: "create identity-style trust", action: "CreateRole", kv: []string{"RoleName", "r1", "AssumeRolePolicyDocument", s3Read},
			status: 400, code: "MalformedPolicyDocument"},
		{name: "create ghost principal", action: "CreateRole", kv: []string{"RoleName", "r1", "AssumeRolePolicyDocument", ghost},
			status: 400, code: "MalformedPolicyDocument", message: `Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:user/ghost"`},
		{name: "create existing principal", setup: []step{mkUser}, action: "CreateRole", kv: []string{"RoleName", "r1", "AssumeRolePolicyDocument", withUser}},
		{name: "create principal in unknown account", action: "CreateRole",
			kv:     []string{"RoleName", "r1", "AssumeRolePolicyDocument", strings.Replace(withUser, "111111111111", "999999999999", 1)},
			status: 400, code: "MalformedPolicyDocument"},
		{name: "create max session too low", action: "CreateRole", kv: []string{"RoleName", "r1", "AssumeRolePolicyDocument", trustRoot, "MaxSessionDuration", "100"},
			status: 400, code: "ValidationError", message: "Member must have value greater than or equal to 3600"},
		{name: "create max session too high", action: "CreateRole", kv: []string{"RoleName", "r1", "AssumeRolePolicyDocument", trustRoot, "MaxSessionDuration", "43201"},
			status: 400, code: "ValidationError"},
		{name: "create trust too big", action: "CreateRole", kv: []string{"RoleName", "r1", "AssumeRolePolicyDocument",
			strings.Replace(trustRoot, `"Action":"sts:AssumeRole"`, `"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"`+strings.Repeat("x", 2100)+`"}}`, 1)},
			status: 409, code: "LimitExceeded", message: "Cannot exceed quota for ACLSizePerRole: 2048"},
		{name: "get", setup: []step{mkRole}, action: "GetRole", kv: []string{"RoleName", "r1"},
			fields: map[string]string{"MaxSessionDuration": "3600", "RoleName": "r1"}},
		{name: "get missing", action: "GetRole", kv: []string{"RoleName", "r1"}, status: 404, code: "NoSuchEntity",
			message: "The role with name r1 cannot be found."},
		{name: "update", setup: []step{mkRole}, action: "UpdateRole", kv: []string{"RoleName", "r1", "MaxSessionDuration", "7200", "Description", "d"}},
		{name: "update bad duration", setup: []step{mkRole}, action: "UpdateRole", kv: []string{"RoleName", "r1", "MaxSessionDuration", "60"},
			status: 400, code: "ValidationError"},
		{name: "update description", setup: []step{mkRole}, action: "UpdateRoleDescription", kv: []string{"RoleName", "r1", "Description", "hello"},
			fields: map[string]string{"Description": "hello"}},
		{name: "update trust ghost", setup: []step{mkRole}, action: "UpdateAssumeRolePolicy", kv: []string{"RoleName", "r1", "PolicyDocument", ghost},
			status: 400, code: "MalformedPolicyDocument"},
		{name: "delete with attached", setup: []step{mkRole, s("AttachRolePolicy", "RoleName", "r1", "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess")},
			action: "DeleteRole", kv: []string{"RoleName", "r1"}, status: 409, code: "DeleteConflict",
			message: "Cannot delete entity, must detach all policies first."},
		{name: "delete with inline", setup: []step{mkRole, s("PutRolePolicy", "RoleName", "r1", "PolicyName", "i", "PolicyDocument", s3Read)},
			action: "DeleteRole", kv: []string{"RoleName", "r1"}, status: 409, code: "DeleteConflict", message: "Cannot delete entity, must delete policies first."},
		{name: "delete in profile", setup: []step{mkRole, s("CreateInstanceProfile", "InstanceProfileName", "ip"),
			s("AddRoleToInstanceProfile", "InstanceProfileName", "ip", "RoleName", "r1")},
			action: "DeleteRole", kv: []string{"RoleName", "r1"}, status: 409, code: "DeleteConflict"},
		{name: "delete", setup: []step{mkRole}, action: "DeleteRole", kv: []string{"RoleName", "r1"}},
		{name: "tag", setup: []step{mkRole}, action: "TagRole", kv: []string{"RoleName", "r1", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v"}},
		{name: "list tags", setup: []step{mkRole, s("TagRole", "RoleName", "r1", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v")},
			action: "ListRoleTags", kv: []string{"RoleName", "r1"}, fields: map[string]string{"Key": "k"}},
		{name: "boundary", setup: []step{mkRole}, action: "PutRolePermissionsBoundary",
			kv: []string{"RoleName", "r1", "PermissionsBoundary", "arn:aws:iam::aws:policy/PowerUserAccess"}},
		{name: "boundary bad arn", setup: []step{mkRole}, action: "PutRolePermissionsBoundary",
			kv: []string{"RoleName", "r1", "PermissionsBoundary", "not-an-arn-at-all-xxxx"}, status: 400, code: "InvalidInput"},
		{name: "UpdateRole has an empty result element", setup: []step{mkRole}, action: "UpdateRole",
			kv: []string{"RoleName", "r1", "Description", "d"}, contains: []string{"<UpdateRoleResult>"}},
	})
}

func TestManagedPolicies(t *testing.T) {
	t.Parallel()
	seed004 := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::222222222222/cross-account-bucket"}]}`
	v2 := s("CreatePolicyVersion", "PolicyArn", polARN, "PolicyDocument", s3Read)
	runCases(t, []actionCase{
		{name: "create", action: "CreatePolicy", kv: []string{"PolicyName", "p1", "PolicyDocument", s3Read, "Path", "/team/"},
			fields: map[string]string{"Arn": "arn:aws:iam::111111111111:policy/team/p1", "DefaultVersionId": "v1", "AttachmentCount": "0", "IsAttachable": "true"}},
		{name: "create seed 004 resource", action: "CreatePolicy", kv: []string{"PolicyName", "p1", "PolicyDocument", seed004}},
		{name: "create duplicate", setup: []step{mkPol}, action: "CreatePolicy", kv: []string{"PolicyName", "p1", "PolicyDocument", s3Read},
			status: 409, code: "EntityAlreadyExists", message: "A policy called p1 already exists. Duplicate names are not allowed."},
		{name: "create with principal", action: "CreatePolicy", kv: []string{"PolicyName", "p1", "PolicyDocument", trustRoot},
			status: 400, code: "MalformedPolicyDocument"},
		{name: "create syntax", action: "CreatePolicy", kv: []string{"PolicyName", "p1", "PolicyDocument", "nope"},
			status: 400, code: "MalformedPolicyDocument", message: "Syntax errors in policy."},
		{name: "create too big", action: "CreatePolicy", kv: []string{"PolicyName", "p1", "PolicyDocument",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + strings.Repeat("b", 6200) + `"}]}`},
			status: 409, code: "LimitExceeded", message: "Cannot exceed quota for PolicySize: 6144"},
		{name: "get", setup: []step{mkPol}, action: "GetPolicy", kv: []string{"PolicyArn", polARN}, fields: map[string]string{"PolicyName": "p1"}},
		{name: "get missing", action: "GetPolicy", kv: []string{"PolicyArn", polARN}, status: 404, code: "NoSuchEntity",
			message: "Policy arn:aws:iam::111111111111:policy/p1 was not found."},
		{name: "get aws managed", action: "GetPolicy", kv: []string{"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"},
			fields: map[string]string{"PolicyId": "ANPAIWMBCKSKIEE64ZLYK"}},
		{name: "version", setup: []step{mkPol}, action: "CreatePolicyVersion", kv: []string{"PolicyArn", polARN, "PolicyDocument", s3Read, "SetAsDefault", "true"},
			fields: map[string]string{"VersionId": "v2", "IsDefaultVersion": "true"}},
		{name: "sixth version", setup: []step{mkPol, v2, v2, v2, v2}, action: "CreatePolicyVersion", kv: []string{"PolicyArn", polARN, "PolicyDocument", s3Read},
			status: 409, code: "LimitExceeded", message: "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version."},
		{name: "get version", setup: []step{mkPol}, action: "GetPolicyVersion", kv: []string{"PolicyArn", polARN, "VersionId", "v1"},
			fields: map[string]string{"Document": encodeDocument(s3Read)}},
		{name: "get version missing", setup: []step{mkPol}, action: "GetPolicyVersion", kv: []string{"PolicyArn", polARN, "VersionId", "v7"},
			status: 404, code: "NoSuchEntity"},
		{name: "delete default version", setup: []step{mkPol}, action: "DeletePolicyVersion", kv: []string{"PolicyArn", polARN, "VersionId", "v1"},
			status: 409, code: "DeleteConflict", message: "Cannot delete the default version of a policy."},
		{name: "delete version", setup: []step{mkPol, v2}, action: "DeletePolicyVersion", kv: []string{"PolicyArn", polARN, "VersionId", "v2"}},
		{name: "set default", setup: []step{mkPol, v2}, action: "SetDefaultPolicyVersion", kv: []string{"PolicyArn", polARN, "VersionId", "v2"}},
		{name: "list versions", setup: []step{mkPol, v2}, action: "ListPolicyVersions", kv: []string{"PolicyArn", polARN},
			fields: map[string]string{"VersionId": "v2"}},
		{name: "delete with versions", setup: []step{mkPol, v2}, action: "DeletePolicy", kv: []string{"PolicyArn", polARN},
			status: 409, code: "DeleteConflict"},
		{name: "delete attached", setup: []step{mkPol, mkUser, s("AttachUserPolicy", "UserName", "alice", "PolicyArn", polARN)},
			action: "DeletePolicy", kv: []string{"PolicyArn", polARN}, status: 409, code: "DeleteConflict", message: "Cannot delete a policy attached to entities."},
		{name: "delete", setup: []step{mkPol}, action: "DeletePolicy", kv: []string{"PolicyArn", polARN}},
		{name: "delete aws managed", action: "DeletePolicy", kv: []string{"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"},
			status: 403, code: "AccessDenied"},
		{name: "list local", setup: []step{mkPol}, action: "ListPolicies", kv: []string{"Scope", "Local"},
			fields: map[string]string{"PolicyName": "p1", "IsTruncated": "false"}},
		{name: "list bad scope", action: "ListPolicies", kv: []string{"Scope", "Mine"}, status: 400, code: "ValidationError"},
		{name: "entities", setup: []step{mkPol, mkUser, s("AttachUserPolicy", "UserName", "alice", "PolicyArn", polARN)},
			action: "ListEntitiesForPolicy", kv: []string{"PolicyArn", polARN}, fields: map[string]string{"UserName": "alice"}},
		{name: "tag policy", setup: []step{mkPol}, action: "TagPolicy", kv: []string{"PolicyArn", polARN, "Tags.member.1.Key", "k", "Tags.member.1.Value", "v"}},
		{name: "policy tags", setup: []step{mkPol, s("TagPolicy", "PolicyArn", polARN, "Tags.member.1.Key", "k", "Tags.member.1.Value", "v")},
			action: "ListPolicyTags", kv: []string{"PolicyArn", polARN}, fields: map[string]string{"Key": "k"}},
	})
}

func TestAttachAndInline(t *testing.T) {
	t.Parallel()
	admin := "arn:aws:iam::aws:policy/AdministratorAccess"
	var tenRole []step
	tenRole = append(tenRole, mkRole)
	for i := range 10 {
		name := "q" + itoa(i)
		tenRole = append(tenRole, s("CreatePolicy", "PolicyName", name, "PolicyDocument", s3Read),
			s("AttachRolePolicy", "RoleName", "r1", "PolicyArn", "arn:aws:iam::111111111111:policy/"+name))
	}
	bigDoc := func(n int) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + strings.Repeat("b", n) + `"}]}`
	}
	runCases(t, []actionCase{
		{name: "attach aws managed", setup: []step{mkRole}, action: "AttachRolePolicy", kv: []string{"RoleName", "r1", "PolicyArn", admin}},
		{name: "attach missing policy", setup: []step{mkRole}, action: "AttachRolePolicy",
			kv: []string{"RoleName", "r1", "PolicyArn", "arn:aws:iam::aws:policy/NoSuchThing"}, status: 404, code: "NoSuchEntity",
			message: "Policy arn:aws:iam::aws:policy/NoSuchThing does not exist or is not attachable."},
		{name: "attach missing role", action: "AttachRolePolicy", kv: []string{"RoleName", "r1", "PolicyArn", admin}, status: 404, code: "NoSuchEntity"},
		{name: "attach bad arn", setup: []step{mkRole}, action: "AttachRolePolicy", kv: []string{"RoleName", "r1", "PolicyArn", "arn:aws:s3:::bucket-name-x"},
			status: 400, code: "InvalidInput"},
		{name: "attach eleventh", setup: tenRole, action: "AttachRolePolicy", kv: []string{"RoleName", "r1", "PolicyArn", admin},
			status: 409, code: "LimitExceeded", message: "Cannot exceed quota for PoliciesPerRole: 10"},
		{name: "detach not attached", setup: []step{mkRole}, action: "DetachRolePolicy", kv: []string{"RoleName", "r1", "PolicyArn", admin},
			status: 404, code: "NoSuchEntity", message: "Policy arn:aws:iam::aws:policy/AdministratorAccess was not found."},
		{name: "detach", setup: []step{mkRole, s("AttachRolePolicy", "RoleName", "r1", "PolicyArn", admin)}, action: "DetachRolePolicy",
			kv: []string{"RoleName", "r1", "PolicyArn", admin}},
		{name: "list attached", setup: []step{mkUser, s("AttachUserPolicy", "UserName", "alice", "PolicyArn", admin)},
			action: "ListAttachedUserPolicies", kv: []string{"UserName", "alice"}, fields: map[string]string{"PolicyName": "AdministratorAccess", "PolicyArn": admin}},
		{name: "attachment count", setup: []step{mkPol, mkGroup, s("AttachGroupPolicy", "GroupName", "devs", "PolicyArn", polARN)},
			action: "GetPolicy", kv: []string{"PolicyArn", polARN}, fields: map[string]string{"AttachmentCount": "1"}},
		{name: "put inline", setup: []step{mkRole}, action: "PutRolePolicy", kv: []string{"RoleName", "r1", "PolicyName", "i", "PolicyDocument", s3Read}},
		{name: "put inline malformed", setup: []step{mkRole}, action: "PutRolePolicy", kv: []string{"RoleName", "r1", "PolicyName", "i", "PolicyDocument", `{"Statement":[]}`},
			status: 400, code: "MalformedPolicyDocument"},
		{name: "put inline too big user", setup: []step{mkUser}, action: "PutUserPolicy", kv: []string{"UserName", "alice", "PolicyName", "i", "PolicyDocument", bigDoc(2100)},
			status: 409, code: "LimitExceeded", message: "Maximum policy size of 2048 bytes exceeded for user alice"},
		{name: "put inline aggregate role", setup: []step{mkRole, s("PutRolePolicy", "RoleName", "r1", "PolicyName", "a", "PolicyDocument", bigDoc(6000))},
			action: "PutRolePolicy", kv: []string{"RoleName", "r1", "PolicyName", "b", "PolicyDocument", bigDoc(4300)},
			status: 409, code: "LimitExceeded", message: "Maximum policy size of 10240 bytes exceeded for role r1"},
		{name: "get inline", setup: []step{mkGroup, s("PutGroupPolicy", "GroupName", "devs", "PolicyName", "i", "PolicyDocument", s3Read)},
			action: "GetGroupPolicy", kv: []string{"GroupName", "devs", "PolicyName", "i"}, fields: map[string]string{"GroupName": "devs", "PolicyDocument": encodeDocument(s3Read)}},
		{name: "get inline missing", setup: []step{mkRole}, action: "GetRolePolicy", kv: []string{"RoleName", "r1", "PolicyName", "x"},
			status: 404, code: "NoSuchEntity", message: "The role policy with name x cannot be found."},
		{name: "list inline", setup: []step{mkRole, s("PutRolePolicy", "RoleName", "r1", "PolicyName", "i", "PolicyDocument", s3Read)},
			action: "ListRolePolicies", kv: []string{"RoleName", "r1"}, fields: map[string]string{"member": "i"}},
		{name: "delete inline missing", setup: []step{mkUser}, action: "DeleteUserPolicy", kv: []string{"UserName", "alice", "PolicyName", "x"},
			status: 404, code: "NoSuchEntity"},
	})
}

func TestInstanceProfiles(t *testing.T) {
	t.Parallel()
	mkIP := s("CreateInstanceProfile", "InstanceProfileName", "ip")
	add := s("AddRoleToInstanceProfile", "InstanceProfileName", "ip", "RoleName", "r1")
	runCases(t, []actionCase{
		{name: "create", action: "CreateInstanceProfile", kv: []string{"InstanceProfileName", "ip"},
			fields: map[string]string{"Arn": "arn:aws:iam::111111111111:instance-profile/ip"}},
		{name: "create duplicate", setup: []step{mkIP}, action: "CreateInstanceProfile", kv: []string{"InstanceProfileName", "ip"}, status: 409, code: "EntityAlreadyExists"},
		{name: "add role", setup: []step{mkIP, mkRole}, action: "AddRoleToInstanceProfile", kv: []string{"InstanceProfileName", "ip", "RoleName", "r1"}},
		{name: "add second role", setup: []step{mkIP, mkRole, add, s("CreateRole", "RoleName", "r2", "AssumeRolePolicyDocument", trustRoot)},
			action: "AddRoleToInstanceProfile", kv: []string{"InstanceProfileName", "ip", "RoleName", "r2"}, status: 409, code: "LimitExceeded",
			message: "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"},
		{name: "get", setup: []step{mkIP, mkRole, add}, action: "GetInstanceProfile", kv: []string{"InstanceProfileName", "ip"},
			fields: map[string]string{"RoleName": "r1"}},
		{name: "for role", setup: []step{mkIP, mkRole, add}, action: "ListInstanceProfilesForRole", kv: []string{"RoleName", "r1"},
			fields: map[string]string{"InstanceProfileName": "ip"}},
		{name: "delete with role", setup: []step{mkIP, mkRole, add}, action: "DeleteInstanceProfile", kv: []string{"InstanceProfileName", "ip"},
			status: 409, code: "DeleteConflict"},
		{name: "remove role", setup: []step{mkIP, mkRole, add}, action: "RemoveRoleFromInstanceProfile", kv: []string{"InstanceProfileName", "ip", "RoleName", "r1"}},
		{name: "delete missing", action: "DeleteInstanceProfile", kv: []string{"InstanceProfileName", "ip"}, status: 404, code: "NoSuchEntity"},
	})
}

func TestAccount(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{name: "alias", action: "CreateAccountAlias", kv: []string{"AccountAlias", "my-org"}},
		{name: "alias bad", action: "CreateAccountAlias", kv: []string{"AccountAlias", "My--Org"}, status: 400, code: "ValidationError"},
		{name: "list aliases", setup: []step{s("CreateAccountAlias", "AccountAlias", "my-org")}, action: "ListAccountAliases",
			fields: map[string]string{"member": "my-org"}},
		{name: "delete alias missing", action: "DeleteAccountAlias", kv: []string{"AccountAlias", "my-org"}, status: 404, code: "NoSuchEntity"},
		{name: "summary", setup: []step{mkUser, mkRole}, action: "GetAccountSummary"},
		{name: "details", setup: []step{mkUser, mkRole, mkPol, s("AttachRolePolicy", "RoleName", "r1", "PolicyArn", polARN)},
			action: "GetAccountAuthorizationDetails", fields: map[string]string{"UserName": "alice", "RoleName": "r1", "PolicyName": "p1"}},
		{name: "details bad filter", action: "GetAccountAuthorizationDetails", kv: []string{"Filter.member.1", "Bucket"}, status: 400, code: "ValidationError"},
		{name: "GetAccountAuthorizationDetails first page", setup: []step{mkUser, s("CreateUser", "UserName", "bob")},
			action: "GetAccountAuthorizationDetails", kv: []string{"Filter.member.1", "User", "MaxItems", "1"},
			fields: map[string]string{"UserName": "alice", "IsTruncated": "true", "Marker": encodeMarker("1")}},
		{name: "GetAccountAuthorizationDetails second page", setup: []step{mkUser, s("CreateUser", "UserName", "bob")},
			action: "GetAccountAuthorizationDetails", kv: []string{"Filter.member.1", "User", "MaxItems", "1", "Marker", encodeMarker("1")},
			fields: map[string]string{"UserName": "bob", "IsTruncated": "false"}},
		{name: "GetAccountAuthorizationDetails page spans lists", setup: []step{mkUser, mkGroup, mkRole},
			action: "GetAccountAuthorizationDetails", kv: []string{"Filter.member.1", "User", "Filter.member.2", "Group", "Filter.member.3", "Role", "MaxItems", "2"},
			fields: map[string]string{"UserName": "alice", "GroupName": "devs", "RoleName": "", "IsTruncated": "true"}},
	})
}

func TestAliasUniqueAcrossAccounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateAccountAlias", "AccountAlias", "shared")
	r := e.callAs(rootInfo("222222222222"), "CreateAccountAlias", "AccountAlias", "shared")
	if r.status != 409 || r.code() != "EntityAlreadyExists" {
		t.Errorf("second account alias = %d %s, want 409 EntityAlreadyExists", r.status, r.code())
	}
}

func TestAccountSummaryCounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "alice")
	e.must("CreateUser", "UserName", "bob")
	body := strings.Join(strings.Fields(e.must("GetAccountSummary").body), "")
	for _, want := range []string{"<key>Users</key><value>2</value>", "<key>RolesQuota</key><value>1000</value>",
		"<key>AttachedPoliciesPerRoleQuota</key><value>10</value>"} {
		if !strings.Contains(body, want) {
			t.Errorf("GetAccountSummary body lacks %q:\n%s", want, body)
		}
	}
}

func TestUnknownAction(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if e.h.HasAction("Nope") || !e.h.HasAction("CreateRole") {
		t.Errorf("HasAction(Nope)/HasAction(CreateRole) wrong")
	}
	if r := e.call("Nope"); r.status != 400 || r.code() != "InvalidAction" {
		t.Errorf("Nope = %d %s, want 400 InvalidAction", r.status, r.code())
	}
}

func TestAccessDeniedForUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "bob")
	bob := userInfo(testAccount, "bob")
	r := e.callAs(bob, "CreateRole", "RoleName", "x", "AssumeRolePolicyDocument", trustRoot)
	if r.status != 403 || r.code() != "AccessDenied" {
		t.Fatalf("CreateRole as bob = %d %s, want 403 AccessDenied", r.status, r.code())
	}
	for _, want := range []string{"arn:aws:iam::111111111111:user/bob", "iam:CreateRole", "arn:aws:iam::111111111111:role/x", "identity-based policy"} {
		if !strings.Contains(r.message(), want) {
			t.Errorf("AccessDenied message %q lacks %q", r.message(), want)
		}
	}
	// Granting IAM full access through a group lets bob in.
	e.must("CreateGroup", "GroupName", "admins")
	e.must("AttachGroupPolicy", "GroupName", "admins", "PolicyArn", "arn:aws:iam::aws:policy/IAMFullAccess")
	e.must("AddUserToGroup", "GroupName", "admins", "UserName", "bob")
	if r := e.callAs(bob, "CreateRole", "RoleName", "x", "AssumeRolePolicyDocument", trustRoot); r.status != 200 {
		t.Errorf("CreateRole as bob with IAMFullAccess = %d %s, want 200", r.status, r.body)
	}
	// GetUser without a name describes bob himself.
	if got := e.callAs(bob, "GetUser").field("UserName"); got != "bob" {
		t.Errorf("GetUser as bob = %q, want bob", got)
	}
}

func TestManagedPoliciesParse(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	want := []string{"AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "IAMFullAccess", "IAMReadOnlyAccess",
		"IAMUserChangePassword", "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess"}
	for _, name := range want {
		p, ok := e.h.managed.Lookup("arn:aws:iam::aws:policy/" + name)
		if !ok {
			t.Errorf("managed policy %s missing", name)
			continue
		}
		if _, err := evaluator.Parse(p.Document, evaluator.KindIdentity); err != nil {
			t.Errorf("managed policy %s does not parse: %v", name, err)
		}
		if !strings.HasPrefix(p.ID, "ANPA") || len(p.ID) != 21 {
			t.Errorf("managed policy %s id = %q, want ANPA + 17", name, p.ID)
		}
	}
	body := strings.Join(e.listPolicyPages(t, "100", "Scope", "AWS"), "")
	for _, name := range want {
		if !strings.Contains(body, "<PolicyName>"+name+"</PolicyName>") {
			t.Errorf("ListPolicies Scope=AWS lacks %s", name)
		}
	}
}
