package iam

import (
	"context"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/totp"
)

func TestVirtualMFA(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "alice")
	r := e.must("CreateVirtualMFADevice", "VirtualMFADeviceName", "alice-phone")
	serial := r.field("SerialNumber")
	if serial != "arn:aws:iam::111111111111:mfa/alice-phone" {
		t.Fatalf("SerialNumber = %q", serial)
	}
	raw, err := base64.StdEncoding.DecodeString(r.field("Base32StringSeed"))
	if err != nil {
		t.Fatalf("Base32StringSeed is not base64: %v", err)
	}
	seed := string(raw)
	bad := e.call("EnableMFADevice", "UserName", "alice", "SerialNumber", serial, "AuthenticationCode1", "000000", "AuthenticationCode2", "000000")
	if bad.status != 403 || bad.code() != "InvalidAuthenticationCode" {
		t.Errorf("EnableMFADevice with bad codes = %d %s, want 403 InvalidAuthenticationCode", bad.status, bad.code())
	}
	c1 := totp.Code(seed, e.now.Add(-30*time.Second))
	c2 := totp.Code(seed, e.now)
	e.must("EnableMFADevice", "UserName", "alice", "SerialNumber", serial, "AuthenticationCode1", c1, "AuthenticationCode2", c2)
	if got := e.must("ListMFADevices", "UserName", "alice").field("SerialNumber"); got != serial {
		t.Errorf("ListMFADevices serial = %q, want %q", got, serial)
	}
	if got := e.call("DeleteUser", "UserName", "alice"); got.code() != "DeleteConflict" {
		t.Errorf("DeleteUser with MFA = %s, want DeleteConflict", got.code())
	}
	if got := e.call("DeleteVirtualMFADevice", "SerialNumber", serial); got.code() != "DeleteConflict" {
		t.Errorf("DeleteVirtualMFADevice in use = %s, want DeleteConflict", got.code())
	}
	e.must("DeactivateMFADevice", "UserName", "alice", "SerialNumber", serial)
	if got := e.must("ListVirtualMFADevices", "AssignmentStatus", "Unassigned").field("SerialNumber"); got != serial {
		t.Errorf("unassigned device = %q, want %q", got, serial)
	}
	e.must("DeleteVirtualMFADevice", "SerialNumber", serial)
	e.must("DeleteUser", "UserName", "alice")
	// The store record is what STS reads.
	err = e.db.View(context.Background(), func(tx *store.Tx) error {
		if tx.Exists(testAccount, store.KindMFADevice, serial) {
			t.Errorf("MFA device record still present after delete")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOIDCProviders(t *testing.T) {
	t.Parallel()
	tp := strings.Repeat("a", 40)
	arn := "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"
	mk := s("CreateOpenIDConnectProvider", "Url", "https://token.actions.githubusercontent.com",
		"ClientIDList.member.1", "sts.amazonaws.com", "ThumbprintList.member.1", tp)
	runCases(t, []actionCase{
		{name: "create", action: mk.action, kv: mk.kv, fields: map[string]string{"OpenIDConnectProviderArn": arn}},
		{name: "create duplicate", setup: []step{mk}, action: mk.action, kv: mk.kv, status: 409, code: "EntityAlreadyExists"},
		{name: "create http", action: "CreateOpenIDConnectProvider", kv: []string{"Url", "http://x.example.com"}, status: 400, code: "ValidationError"},
		{name: "create bad thumbprint", action: "CreateOpenIDConnectProvider", kv: []string{"Url", "https://x.example.com", "ThumbprintList.member.1", "abc"},
			status: 400, code: "ValidationError"},
		{name: "get", setup: []step{mk}, action: "GetOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", arn},
			fields: map[string]string{"Url": "token.actions.githubusercontent.com", "member": "sts.amazonaws.com"}},
		{name: "get missing", action: "GetOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", arn}, status: 404, code: "NoSuchEntity"},
		{name: "list", setup: []step{mk}, action: "ListOpenIDConnectProviders", fields: map[string]string{"Arn": arn}},
		{name: "add client", setup: []step{mk}, action: "AddClientIDToOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", arn, "ClientID", "x"}},
		{name: "thumbprint", setup: []step{mk}, action: "UpdateOpenIDConnectProviderThumbprint",
			kv: []string{"OpenIDConnectProviderArn", arn, "ThumbprintList.member.1", strings.Repeat("b", 40)}},
		{name: "delete", setup: []step{mk}, action: "DeleteOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", arn}},
	})
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

func TestSimulate(t *testing.T) {
	t.Parallel()
	deny := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`
	cond := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}`
	runCases(t, []actionCase{
		{name: "custom allowed", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", s3Read,
			"ActionNames.member.1", "s3:GetObject", "ResourceArns.member.1", "arn:aws:s3:::bucket/key"},
			fields: map[string]string{"EvalDecision": "allowed", "SourcePolicyId": "PolicyInputList.1", "Line": "1"}},
		{name: "custom implicit", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", s3Read,
			"ActionNames.member.1", "s3:PutObject"}, fields: map[string]string{"EvalDecision": "implicitDeny"}},
		{name: "custom explicit", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", s3Read, "PolicyInputList.member.2", deny,
			"ActionNames.member.1", "s3:GetObject", "ResourceArns.member.1", "arn:aws:s3:::bucket/key"},
			fields: map[string]string{"EvalDecision": "explicitDeny", "SourcePolicyId": "PolicyInputList.2"}},
		{name: "custom missing context", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", cond, "ActionNames.member.1", "s3:GetObject"},
			fields: map[string]string{"EvalDecision": "implicitDeny", "member": "aws:RequestedRegion"}},
		{name: "custom context given", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", cond, "ActionNames.member.1", "s3:GetObject",
			"ContextEntries.member.1.ContextKeyName", "aws:RequestedRegion", "ContextEntries.member.1.ContextKeyValues.member.1", "eu-west-1",
			"ContextEntries.member.1.ContextKeyType", "string"}, fields: map[string]string{"EvalDecision": "allowed"}},
		{name: "custom malformed", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", "{", "ActionNames.member.1", "s3:GetObject"},
			status: 400, code: "MalformedPolicyDocument"},
		{name: "custom no actions", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", s3Read}, status: 400, code: "ValidationError"},
		{name: "principal user via group", setup: []step{mkUser, mkGroup, s("AddUserToGroup", "GroupName", "devs", "UserName", "alice"),
			s("AttachGroupPolicy", "GroupName", "devs", "PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")},
			action: "SimulatePrincipalPolicy", kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:user/alice", "ActionNames.member.1", "s3:ListBucket"},
			fields: map[string]string{"EvalDecision": "allowed", "SourcePolicyType": "IAM Policy", "SourcePolicyId": "AmazonS3ReadOnlyAccess"}},
		{name: "principal role inline", setup: []step{mkRole, s("PutRolePolicy", "RoleName", "r1", "PolicyName", "inl", "PolicyDocument", s3Read)},
			action: "SimulatePrincipalPolicy", kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:role/r1", "ActionNames.member.1", "s3:GetObject",
				"ResourceArns.member.1", "arn:aws:s3:::bucket/x"},
			fields: map[string]string{"EvalDecision": "allowed", "SourcePolicyType": "IAM Policy", "SourcePolicyId": "role_r1_inl"}},
		{name: "principal missing", action: "SimulatePrincipalPolicy", kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:user/ghost", "ActionNames.member.1", "s3:GetObject"},
			status: 404, code: "NoSuchEntity"},
		{name: "boundary caps", setup: []step{mkUser, s("AttachUserPolicy", "UserName", "alice", "PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"),
			s("CreatePolicy", "PolicyName", "b", "PolicyDocument", s3Read), s("PutUserPermissionsBoundary", "UserName", "alice", "PermissionsBoundary", "arn:aws:iam::111111111111:policy/b")},
			action: "SimulatePrincipalPolicy", kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:user/alice", "ActionNames.member.1", "iam:CreateUser"},
			fields: map[string]string{"EvalDecision": "implicitDeny", "AllowedByPermissionsBoundary": "false"}},
	})
}

func TestGolden(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.must("CreateRole", "RoleName", "golden", "Path", "/svc/", "AssumeRolePolicyDocument", trustRoot, "Description", "pinned")
	golden(t, "CreateRole", r.body)
	e.must("TagRole", "RoleName", "golden", "Tags.member.1.Key", "team", "Tags.member.1.Value", "iam")
	golden(t, "GetRole", e.must("GetRole", "RoleName", "golden").body)
	e.must("CreatePolicy", "PolicyName", "alpha", "PolicyDocument", s3Read)
	e.must("CreatePolicy", "PolicyName", "beta", "PolicyDocument", s3Read)
	golden(t, "ListPolicies", e.must("ListPolicies", "Scope", "Local", "MaxItems", "1").body)
	golden(t, "GetPolicyVersion", e.must("GetPolicyVersion", "PolicyArn", "arn:aws:iam::111111111111:policy/alpha", "VersionId", "v1").body)
	golden(t, "NoSuchRole", e.call("GetRole", "RoleName", "nope").body)
}

// TestPagination walks ListUsers page by page.
func TestPagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, n := range []string{"u1", "u2", "u3", "u4", "u5"} {
		e.must("CreateUser", "UserName", n)
	}
	var seen []string
	marker := ""
	for range 10 {
		kv := []string{"MaxItems", "2"}
		if marker != "" {
			kv = append(kv, "Marker", marker)
		}
		r := e.must("ListUsers", kv...)
		for _, m := range strings.Split(r.body, "<UserName>")[1:] {
			seen = append(seen, m[:strings.Index(m, "<")])
		}
		if r.field("IsTruncated") != "true" {
			break
		}
		marker = r.field("Marker")
	}
	if got := strings.Join(seen, ","); got != "u1,u2,u3,u4,u5" {
		t.Errorf("paged users = %s, want u1..u5", got)
	}
}
