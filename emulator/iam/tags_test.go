package iam

import "testing"

// TestTagsOfOtherResources covers the Tag*, Untag* and List*Tags actions of
// instance profiles, OpenID Connect providers and virtual MFA devices (cases
// first found by testdata/cli_qa.py).
func TestTagsOfOtherResources(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
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
	})
}
