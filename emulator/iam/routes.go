package iam

import (
	"fmt"

	"github.com/fakeaws/fakeaws/emulator/query"
)

// routes is the IAM route table: action name → handler, assembled from one
// table per resource family.
func (h *Handler) routes() map[string]query.Handler {
	families := []map[string]query.Handler{
		h.userRoutes(), h.roleRoutes(), h.policyRoutes(), h.credentialRoutes(),
		h.federationRoutes(), h.accountRoutes(), h.simulatorRoutes(), h.tagRoutes(), h.orgFeatureRoutes(),
		h.lastAccessedRoutes(),
	}
	n := 0
	for _, family := range families {
		n += len(family)
	}
	// Sized up front: growing it route by route rehashed it at every start.
	routes := make(map[string]query.Handler, n)
	for _, family := range families {
		for action, serve := range family {
			if _, dup := routes[action]; dup {
				panic(fmt.Sprintf("iam: action %s is routed twice", action))
			}
			routes[action] = serve
		}
	}
	return routes
}

// userRoutes routes users, their access keys and the groups they belong to.
func (h *Handler) userRoutes() map[string]query.Handler {
	return map[string]query.Handler{
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
	}
}

// roleRoutes routes roles, service-linked roles and the instance profiles
// that carry roles.
func (h *Handler) roleRoutes() map[string]query.Handler {
	return map[string]query.Handler{
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

		// Instance profiles.
		"CreateInstanceProfile": h.createInstanceProfile, "GetInstanceProfile": h.getInstanceProfile,
		"ListInstanceProfiles":          h.listInstanceProfiles,
		"AddRoleToInstanceProfile":      h.addRoleToInstanceProfile,
		"RemoveRoleFromInstanceProfile": h.removeRoleFromInstanceProfile,
		"DeleteInstanceProfile":         h.deleteInstanceProfile,
		"ListInstanceProfilesForRole":   h.listInstanceProfilesForRole,
	}
}

// policyRoutes routes managed policies and their versions, their
// attachments, and inline policies.
func (h *Handler) policyRoutes() map[string]query.Handler {
	return map[string]query.Handler{
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
	}
}

// credentialRoutes routes sign-in and signing credentials: passwords, MFA
// devices, certificates, SSH keys and service-specific credentials.
func (h *Handler) credentialRoutes() map[string]query.Handler {
	return map[string]query.Handler{
		// Passwords.
		"CreateLoginProfile": h.createLoginProfile, "GetLoginProfile": h.getLoginProfile,
		"UpdateLoginProfile": h.updateLoginProfile, "DeleteLoginProfile": h.deleteLoginProfile,
		"ChangePassword":              h.changePassword,
		"UpdateAccountPasswordPolicy": h.updateAccountPasswordPolicy,
		"GetAccountPasswordPolicy":    h.getAccountPasswordPolicy,
		"DeleteAccountPasswordPolicy": h.deleteAccountPasswordPolicy,

		// Virtual MFA devices.
		"CreateVirtualMFADevice": h.createVirtualMFADevice, "EnableMFADevice": h.enableMFADevice,
		"ListMFADevices": h.listMFADevices, "ListVirtualMFADevices": h.listVirtualMFADevices,
		"DeactivateMFADevice": h.deactivateMFADevice, "DeleteVirtualMFADevice": h.deleteVirtualMFADevice,
		"ResyncMFADevice": h.resyncMFADevice,
		"GetMFADevice":    h.getMFADevice,

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

		// Service-specific credentials.
		"CreateServiceSpecificCredential": h.createServiceSpecificCredential,
		"ListServiceSpecificCredentials":  h.listServiceSpecificCredentials,
		"UpdateServiceSpecificCredential": h.updateServiceSpecificCredential,
		"ResetServiceSpecificCredential":  h.resetServiceSpecificCredential,
		"DeleteServiceSpecificCredential": h.deleteServiceSpecificCredential,
	}
}

// federationRoutes routes the OpenID Connect and SAML identity providers.
func (h *Handler) federationRoutes() map[string]query.Handler {
	return map[string]query.Handler{
		// OpenID Connect providers.
		"CreateOpenIDConnectProvider":             h.createOpenIDConnectProvider,
		"GetOpenIDConnectProvider":                h.getOpenIDConnectProvider,
		"ListOpenIDConnectProviders":              h.listOpenIDConnectProviders,
		"DeleteOpenIDConnectProvider":             h.deleteOpenIDConnectProvider,
		"AddClientIDToOpenIDConnectProvider":      h.addClientIDToOpenIDConnectProvider,
		"RemoveClientIDFromOpenIDConnectProvider": h.removeClientIDFromOpenIDConnectProvider,
		"UpdateOpenIDConnectProviderThumbprint":   h.updateOpenIDConnectProviderThumbprint,

		// SAML providers.
		"CreateSAMLProvider": h.createSAMLProvider, "GetSAMLProvider": h.getSAMLProvider,
		"ListSAMLProviders": h.listSAMLProviders, "UpdateSAMLProvider": h.updateSAMLProvider,
		"DeleteSAMLProvider": h.deleteSAMLProvider,
	}
}

// accountRoutes routes account-wide settings and reports.
func (h *Handler) accountRoutes() map[string]query.Handler {
	return map[string]query.Handler{
		// Account.
		"CreateAccountAlias": h.createAccountAlias, "DeleteAccountAlias": h.deleteAccountAlias,
		"ListAccountAliases": h.listAccountAliases, "GetAccountSummary": h.getAccountSummary,
		"GetAccountAuthorizationDetails":     h.getAccountAuthorizationDetails,
		"GenerateCredentialReport":           h.generateCredentialReport,
		"GetCredentialReport":                h.getCredentialReport,
		"SetSecurityTokenServicePreferences": h.setSecurityTokenServicePreferences,

		// Outbound identity federation (sts:GetWebIdentityToken's switch).
		"EnableOutboundWebIdentityFederation":  h.enableOutboundWebIdentityFederation,
		"DisableOutboundWebIdentityFederation": h.disableOutboundWebIdentityFederation,
		"GetOutboundWebIdentityFederationInfo": h.getOutboundWebIdentityFederationInfo,
	}
}

// simulatorRoutes routes the policy simulator.
func (h *Handler) simulatorRoutes() map[string]query.Handler {
	return map[string]query.Handler{
		// Policy simulator.
		"SimulateCustomPolicy": h.simulateCustomPolicy, "SimulatePrincipalPolicy": h.simulatePrincipalPolicy,
		"GetContextKeysForCustomPolicy":    h.getContextKeysForCustomPolicy,
		"GetContextKeysForPrincipalPolicy": h.getContextKeysForPrincipalPolicy,
	}
}

// lastAccessedRoutes routes the reports of what IAM identities can reach
// and last attempted to reach.
func (h *Handler) lastAccessedRoutes() map[string]query.Handler {
	return map[string]query.Handler{
		"ListPoliciesGrantingServiceAccess":         h.listPoliciesGrantingServiceAccess,
		"GenerateServiceLastAccessedDetails":        h.generateServiceLastAccessedDetails,
		"GetServiceLastAccessedDetails":             h.getServiceLastAccessedDetails,
		"GetServiceLastAccessedDetailsWithEntities": h.getServiceLastAccessedDetailsWithEntities,
		"GenerateOrganizationsAccessReport":         h.generateOrganizationsAccessReport,
		"GetOrganizationsAccessReport":              h.getOrganizationsAccessReport,
	}
}

// tagRoutes routes the Tag<kind>, Untag<kind> and List<kind>Tags actions of
// each kind of resource IAM tags.
func (h *Handler) tagRoutes() map[string]query.Handler {
	routes := map[string]query.Handler{}
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
