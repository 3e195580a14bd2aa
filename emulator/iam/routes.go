package iam

import "github.com/fakeaws/fakeaws/emulator/query"

// routes is the IAM route table: action name → handler.
func (h *Handler) routes() map[string]query.Handler {
	routes := map[string]query.Handler{
		// Users.
		"CreateUser": h.createUser, "GetUser": h.getUser, "ListUsers": h.listUsers,
		"UpdateUser": h.updateUser, "DeleteUser": h.deleteUser,
		"PutUserPermissionsBoundary":    h.putUserPermissionsBoundary,
		"DeleteUserPermissionsBoundary": h.deleteUserPermissionsBoundary,

		// Access keys.
		"CreateAccessKey": h.createAccessKey, "ListAccessKeys": h.listAccessKeys,
		"UpdateAccessKey": h.updateAccessKey, "DeleteAccessKey": h.deleteAccessKey,
		"GetAccessKeyLastUsed": h.getAccessKeyLastUsed,

		// Groups.
		"CreateGroup": h.createGroup, "GetGroup": h.getGroup, "ListGroups": h.listGroups,
		"UpdateGroup": h.updateGroup, "DeleteGroup": h.deleteGroup,
		"AddUserToGroup": h.addUserToGroup, "RemoveUserFromGroup": h.removeUserFromGroup,
		"ListGroupsForUser": h.listGroupsForUser,

		// Roles.
		"CreateRole": h.createRole, "GetRole": h.getRole, "ListRoles": h.listRoles,
		"UpdateRole": h.updateRole, "UpdateRoleDescription": h.updateRoleDescription,
		"UpdateAssumeRolePolicy": h.updateAssumeRolePolicy, "DeleteRole": h.deleteRole,
		"PutRolePermissionsBoundary":    h.putRolePermissionsBoundary,
		"DeleteRolePermissionsBoundary": h.deleteRolePermissionsBoundary,

		// Service-linked roles.
		"CreateServiceLinkedRole":            h.createServiceLinkedRole,
		"DeleteServiceLinkedRole":            h.deleteServiceLinkedRole,
		"GetServiceLinkedRoleDeletionStatus": h.getServiceLinkedRoleDeletionStatus,

		// Managed policies.
		"CreatePolicy": h.createPolicy, "GetPolicy": h.getPolicy, "ListPolicies": h.listPolicies,
		"DeletePolicy": h.deletePolicy, "CreatePolicyVersion": h.createPolicyVersion,
		"GetPolicyVersion": h.getPolicyVersion, "ListPolicyVersions": h.listPolicyVersions,
		"DeletePolicyVersion": h.deletePolicyVersion, "SetDefaultPolicyVersion": h.setDefaultPolicyVersion,
		"ListEntitiesForPolicy": h.listEntitiesForPolicy,

		// Attached managed policies.
		"AttachUserPolicy": h.attachUserPolicy, "AttachGroupPolicy": h.attachGroupPolicy,
		"AttachRolePolicy": h.attachRolePolicy, "DetachUserPolicy": h.detachUserPolicy,
		"DetachGroupPolicy": h.detachGroupPolicy, "DetachRolePolicy": h.detachRolePolicy,
		"ListAttachedUserPolicies":  h.listAttachedUserPolicies,
		"ListAttachedGroupPolicies": h.listAttachedGroupPolicies,
		"ListAttachedRolePolicies":  h.listAttachedRolePolicies,

		// Inline policies.
		"PutUserPolicy": h.putUserPolicy, "PutGroupPolicy": h.putGroupPolicy, "PutRolePolicy": h.putRolePolicy,
		"GetUserPolicy": h.getUserPolicy, "GetGroupPolicy": h.getGroupPolicy, "GetRolePolicy": h.getRolePolicy,
		"ListUserPolicies": h.listUserPolicies, "ListGroupPolicies": h.listGroupPolicies,
		"ListRolePolicies": h.listRolePolicies, "DeleteUserPolicy": h.deleteUserPolicy,
		"DeleteGroupPolicy": h.deleteGroupPolicy, "DeleteRolePolicy": h.deleteRolePolicy,

		// Instance profiles.
		"CreateInstanceProfile": h.createInstanceProfile, "GetInstanceProfile": h.getInstanceProfile,
		"ListInstanceProfiles":          h.listInstanceProfiles,
		"AddRoleToInstanceProfile":      h.addRoleToInstanceProfile,
		"RemoveRoleFromInstanceProfile": h.removeRoleFromInstanceProfile,
		"DeleteInstanceProfile":         h.deleteInstanceProfile,
		"ListInstanceProfilesForRole":   h.listInstanceProfilesForRole,

		// Server certificates.
		"UploadServerCertificate": h.uploadServerCertificate, "GetServerCertificate": h.getServerCertificate,
		"ListServerCertificates": h.listServerCertificates, "UpdateServerCertificate": h.updateServerCertificate,
		"DeleteServerCertificate": h.deleteServerCertificate,

		// Signing certificates.
		"UploadSigningCertificate": h.uploadSigningCertificate, "ListSigningCertificates": h.listSigningCertificates,
		"UpdateSigningCertificate": h.updateSigningCertificate, "DeleteSigningCertificate": h.deleteSigningCertificate,

		// SSH public keys.
		"UploadSSHPublicKey": h.uploadSSHPublicKey, "GetSSHPublicKey": h.getSSHPublicKey,
		"ListSSHPublicKeys": h.listSSHPublicKeys, "UpdateSSHPublicKey": h.updateSSHPublicKey,
		"DeleteSSHPublicKey": h.deleteSSHPublicKey,

		// Account.
		"CreateAccountAlias": h.createAccountAlias, "DeleteAccountAlias": h.deleteAccountAlias,
		"ListAccountAliases": h.listAccountAliases, "GetAccountSummary": h.getAccountSummary,
		"GetAccountAuthorizationDetails": h.getAccountAuthorizationDetails,
		"GenerateCredentialReport":       h.generateCredentialReport,
		"GetCredentialReport":            h.getCredentialReport,

		// OpenID Connect providers.
		"CreateOpenIDConnectProvider":             h.createOpenIDConnectProvider,
		"GetOpenIDConnectProvider":                h.getOpenIDConnectProvider,
		"ListOpenIDConnectProviders":              h.listOpenIDConnectProviders,
		"DeleteOpenIDConnectProvider":             h.deleteOpenIDConnectProvider,
		"AddClientIDToOpenIDConnectProvider":      h.addClientIDToOpenIDConnectProvider,
		"RemoveClientIDFromOpenIDConnectProvider": h.removeClientIDFromOpenIDConnectProvider,
		"UpdateOpenIDConnectProviderThumbprint":   h.updateOpenIDConnectProviderThumbprint,

		// Passwords.
		"CreateLoginProfile": h.createLoginProfile, "GetLoginProfile": h.getLoginProfile,
		"UpdateLoginProfile": h.updateLoginProfile, "DeleteLoginProfile": h.deleteLoginProfile,
		"ChangePassword":              h.changePassword,
		"UpdateAccountPasswordPolicy": h.updateAccountPasswordPolicy,
		"GetAccountPasswordPolicy":    h.getAccountPasswordPolicy,
		"DeleteAccountPasswordPolicy": h.deleteAccountPasswordPolicy,

		// SAML providers.
		"CreateSAMLProvider": h.createSAMLProvider, "GetSAMLProvider": h.getSAMLProvider,
		"ListSAMLProviders": h.listSAMLProviders, "UpdateSAMLProvider": h.updateSAMLProvider,
		"DeleteSAMLProvider": h.deleteSAMLProvider,

		// Virtual MFA devices.
		"CreateVirtualMFADevice": h.createVirtualMFADevice, "EnableMFADevice": h.enableMFADevice,
		"ListMFADevices": h.listMFADevices, "ListVirtualMFADevices": h.listVirtualMFADevices,
		"DeactivateMFADevice": h.deactivateMFADevice, "DeleteVirtualMFADevice": h.deleteVirtualMFADevice,
		"ResyncMFADevice": h.resyncMFADevice,
		"GetMFADevice":    h.getMFADevice,

		// Policy simulator.
		"SimulateCustomPolicy": h.simulateCustomPolicy, "SimulatePrincipalPolicy": h.simulatePrincipalPolicy,
		"GetContextKeysForCustomPolicy":    h.getContextKeysForCustomPolicy,
		"GetContextKeysForPrincipalPolicy": h.getContextKeysForPrincipalPolicy,
	}
	// The Tag<kind>, Untag<kind> and List<kind>Tags actions of each kind
	// IAM tags.
	for kind, target := range map[string]func() tagTarget{
		"User":                  func() tagTarget { return h.entityTags("UserName") },
		"Role":                  func() tagTarget { return h.entityTags("RoleName") },
		"Policy":                h.policyTags,
		"InstanceProfile":       h.instanceProfileTags,
		"ServerCertificate":     h.serverCertificateTags,
		"OpenIDConnectProvider": h.oidcProviderTags,
		"SAMLProvider":          h.samlTags,
		"MFADevice":             h.mfaDeviceTags,
	} {
		h.addTagRoutes(routes, kind, target)
	}
	return routes
}
