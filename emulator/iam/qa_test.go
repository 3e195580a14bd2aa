package iam

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/totp"
)

// TestQAFixes pins the divergences from AWS found by testdata/cli_qa.py.
func TestQAFixes(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{name: "UpdateRole has an empty result element", setup: []step{mkRole}, action: "UpdateRole",
			kv: []string{"RoleName", "r1", "Description", "d"}, contains: []string{"<UpdateRoleResult>"}},
		{name: "SimulateCustomPolicy input statements are IAM Policy", action: "SimulateCustomPolicy",
			kv:     []string{"PolicyInputList.member.1", s3Read, "ActionNames.member.1", "s3:GetObject", "ResourceArns.member.1", "arn:aws:s3:::bucket/k"},
			fields: map[string]string{"EvalDecision": "allowed", "SourcePolicyId": "PolicyInputList.1", "SourcePolicyType": "IAM Policy"}},
		{name: "TagInstanceProfile", setup: []step{s("CreateInstanceProfile", "InstanceProfileName", "ip")}, action: "TagInstanceProfile",
			kv: []string{"InstanceProfileName", "ip", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v"}},
		{name: "ListInstanceProfileTags", setup: []step{s("CreateInstanceProfile", "InstanceProfileName", "ip", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v")},
			action: "ListInstanceProfileTags", kv: []string{"InstanceProfileName", "ip"}, fields: map[string]string{"Key": "k", "Value": "v", "IsTruncated": "false"}},
		{name: "UntagInstanceProfile", setup: []step{s("CreateInstanceProfile", "InstanceProfileName", "ip", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v")},
			action: "UntagInstanceProfile", kv: []string{"InstanceProfileName", "ip", "TagKeys.member.1", "K"}},
		{name: "TagInstanceProfile missing", action: "TagInstanceProfile", kv: []string{"InstanceProfileName", "ip", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v"},
			status: 404, code: "NoSuchEntity", message: "Instance Profile ip cannot be found."},
		{name: "TagOpenIDConnectProvider", setup: []step{mkOIDC}, action: "TagOpenIDConnectProvider",
			kv: []string{"OpenIDConnectProviderArn", oidcARN, "Tags.member.1.Key", "k", "Tags.member.1.Value", "v"}},
		{name: "ListOpenIDConnectProviderTags", setup: []step{mkOIDC, s("TagOpenIDConnectProvider", "OpenIDConnectProviderArn", oidcARN, "Tags.member.1.Key", "k", "Tags.member.1.Value", "v")},
			action: "ListOpenIDConnectProviderTags", kv: []string{"OpenIDConnectProviderArn", oidcARN}, fields: map[string]string{"Key": "k", "Value": "v"}},
		{name: "TagOpenIDConnectProvider missing", action: "TagOpenIDConnectProvider",
			kv: []string{"OpenIDConnectProviderArn", oidcARN, "Tags.member.1.Key", "k", "Tags.member.1.Value", "v"}, status: 404, code: "NoSuchEntity"},
		{name: "TagMFADevice", setup: []step{s("CreateVirtualMFADevice", "VirtualMFADeviceName", "d")}, action: "TagMFADevice",
			kv: []string{"SerialNumber", "arn:aws:iam::111111111111:mfa/d", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v"}},
		{name: "ListMFADeviceTags", setup: []step{s("CreateVirtualMFADevice", "VirtualMFADeviceName", "d", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v")},
			action: "ListMFADeviceTags", kv: []string{"SerialNumber", "arn:aws:iam::111111111111:mfa/d"}, fields: map[string]string{"Key": "k"}},
		{name: "TagMFADevice without tags", setup: []step{s("CreateVirtualMFADevice", "VirtualMFADeviceName", "d")}, action: "TagMFADevice",
			kv: []string{"SerialNumber", "arn:aws:iam::111111111111:mfa/d"}, status: 400, code: "ValidationError"},
		{name: "GetContextKeysForCustomPolicy CLI example", action: "GetContextKeysForCustomPolicy",
			kv:       []string{"PolicyInputList.member.1", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}`},
			contains: []string{"<ContextKeyNames>\n      <member>aws:username</member>\n      <member>aws:CurrentTime</member>\n    </ContextKeyNames>"}},
		{name: "GetContextKeysForCustomPolicy dedupes across policies", action: "GetContextKeysForCustomPolicy",
			kv: []string{"PolicyInputList.member.1", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"},"ForAnyValue:StringLike":{"aws:TagKeys":"${aws:PrincipalTag/team, 'x'}-*"}}}]}`,
				"PolicyInputList.member.2", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:userid}/*","Condition":{"Bool":{"aws:multifactorauthpresent":"true"}}}]}`},
			contains: []string{"<member>aws:MultiFactorAuthPresent</member>\n      <member>aws:TagKeys</member>\n      <member>aws:PrincipalTag/team</member>\n      <member>aws:userid</member>\n    </ContextKeyNames>"}},
		{name: "GetContextKeysForCustomPolicy none", action: "GetContextKeysForCustomPolicy",
			kv: []string{"PolicyInputList.member.1", s3Read}, contains: []string{"<ContextKeyNames></ContextKeyNames>"}},
		{name: "GetContextKeysForCustomPolicy malformed", action: "GetContextKeysForCustomPolicy",
			kv: []string{"PolicyInputList.member.1", "{"}, status: 400, code: "MalformedPolicyDocument"},
		{name: "GetContextKeysForCustomPolicy no input", action: "GetContextKeysForCustomPolicy", status: 400, code: "ValidationError"},
		{name: "GetContextKeysForPrincipalPolicy user and group", setup: []step{mkUser, mkGroup,
			s("AddUserToGroup", "GroupName", "devs", "UserName", "alice"),
			s("PutGroupPolicy", "GroupName", "devs", "PolicyName", "g", "PolicyDocument", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`),
			s("PutUserPolicy", "UserName", "alice", "PolicyName", "u", "PolicyDocument", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}"}]}`)},
			action: "GetContextKeysForPrincipalPolicy", kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:user/alice"},
			contains: []string{"<member>aws:username</member>\n      <member>aws:SourceIp</member>"}},
		{name: "GetContextKeysForPrincipalPolicy missing", action: "GetContextKeysForPrincipalPolicy",
			kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:role/ghost"}, status: 404, code: "NoSuchEntity"},
		{name: "GetAccountAuthorizationDetails first page", setup: []step{mkUser, s("CreateUser", "UserName", "bob")},
			action: "GetAccountAuthorizationDetails", kv: []string{"Filter.member.1", "User", "MaxItems", "1"},
			fields: map[string]string{"UserName": "alice", "IsTruncated": "true", "Marker": "MQ"}},
		{name: "GetAccountAuthorizationDetails second page", setup: []step{mkUser, s("CreateUser", "UserName", "bob")},
			action: "GetAccountAuthorizationDetails", kv: []string{"Filter.member.1", "User", "MaxItems", "1", "Marker", "MQ"},
			fields: map[string]string{"UserName": "bob", "IsTruncated": "false"}},
		{name: "GetAccountAuthorizationDetails page spans lists", setup: []step{mkUser, mkGroup, mkRole},
			action: "GetAccountAuthorizationDetails", kv: []string{"Filter.member.1", "User", "Filter.member.2", "Group", "Filter.member.3", "Role", "MaxItems", "2"},
			fields: map[string]string{"UserName": "alice", "GroupName": "devs", "RoleName": "", "IsTruncated": "true"}},
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

func svcTrust(svc string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + svc +
		`"},"Action":"sts:AssumeRole"}]}`
}

func fedTrust(fed string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":["` + fed +
		`"]},"Action":"sts:AssumeRoleWithWebIdentity"}]}`
}

var (
	oidcARN = "arn:aws:iam::111111111111:oidc-provider/token.example.com"
	mkOIDC  = s("CreateOpenIDConnectProvider", "Url", "https://token.example.com", "ThumbprintList.member.1", strings.Repeat("a", 40))
)

// TestGetMFADevice covers GetMFADevice on an enabled, an unassigned and
// someone else's device.
func TestGetMFADevice(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "alice")
	e.must("CreateUser", "UserName", "bob")
	r := e.must("CreateVirtualMFADevice", "VirtualMFADeviceName", "phone")
	serial := r.field("SerialNumber")
	raw, err := base64.StdEncoding.DecodeString(r.field("Base32StringSeed"))
	if err != nil {
		t.Fatal(err)
	}
	e.must("CreateVirtualMFADevice", "VirtualMFADeviceName", "spare")
	e.must("EnableMFADevice", "UserName", "alice", "SerialNumber", serial,
		"AuthenticationCode1", totp.Code(string(raw), e.now.Add(-30*time.Second)), "AuthenticationCode2", totp.Code(string(raw), e.now))
	tests := []struct {
		name   string
		kv     []string
		status int
		code   string
		fields map[string]string
	}{
		{name: "enabled", kv: []string{"UserName", "alice", "SerialNumber", serial}, status: 200,
			fields: map[string]string{"UserName": "alice", "SerialNumber": serial, "EnableDate": "2026-11-23T15:04:05Z"}},
		{name: "other user's", kv: []string{"UserName", "bob", "SerialNumber", serial}, status: 404, code: "NoSuchEntity"},
		{name: "unassigned", kv: []string{"UserName", "alice", "SerialNumber", "arn:aws:iam::111111111111:mfa/spare"}, status: 404, code: "NoSuchEntity"},
		{name: "missing user", kv: []string{"UserName", "carol", "SerialNumber", serial}, status: 404, code: "NoSuchEntity"},
		{name: "no serial", kv: []string{"UserName", "alice"}, status: 400, code: "ValidationError"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := e.call("GetMFADevice", tc.kv...)
			if got.status != tc.status || got.code() != tc.code {
				t.Fatalf("GetMFADevice(%v) = %d %q, want %d %q\n%s", tc.kv, got.status, got.code(), tc.status, tc.code, got.body)
			}
			for k, v := range tc.fields {
				if f := got.field(k); f != v {
					t.Errorf("<%s> = %q, want %q", k, f, v)
				}
			}
		})
	}
}
