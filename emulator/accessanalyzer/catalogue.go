package accessanalyzer

import (
	"sort"
	"strings"
	"sync"

	"github.com/fakeaws/fakeaws/evaluator"
)

// The action catalogue: the actions of the services fakeaws serves, as the
// Service Authorization Reference lists them
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html,
// list_awsidentityandaccessmanagementiam.html, list_awssecuritytokenservice.html,
// list_awsorganizations.html, list_awsiamaccessanalyzer.html). Actions of
// other services are not judged (see docs/accessanalyzer.md).

// s3BucketActions act on the bucket resource type (arn:aws:s3:::BUCKET).
var s3BucketActions = words(`CreateBucket DeleteBucket ListBucket ListBucketVersions
ListBucketMultipartUploads GetBucketAcl PutBucketAcl GetBucketPolicy PutBucketPolicy
DeleteBucketPolicy GetBucketPolicyStatus GetBucketLocation GetBucketVersioning
PutBucketVersioning GetBucketCORS PutBucketCORS GetBucketWebsite PutBucketWebsite
DeleteBucketWebsite GetBucketLogging PutBucketLogging GetBucketNotification
PutBucketNotification GetBucketTagging PutBucketTagging GetBucketRequestPayment
PutBucketRequestPayment GetBucketObjectLockConfiguration PutBucketObjectLockConfiguration
GetBucketOwnershipControls PutBucketOwnershipControls GetBucketPublicAccessBlock
PutBucketPublicAccessBlock GetEncryptionConfiguration PutEncryptionConfiguration
GetLifecycleConfiguration PutLifecycleConfiguration GetReplicationConfiguration
PutReplicationConfiguration GetAccelerateConfiguration PutAccelerateConfiguration
GetAnalyticsConfiguration PutAnalyticsConfiguration GetInventoryConfiguration
PutInventoryConfiguration GetMetricsConfiguration PutMetricsConfiguration
GetIntelligentTieringConfiguration PutIntelligentTieringConfiguration
GetBucketMetadataTableConfiguration CreateBucketMetadataTableConfiguration
DeleteBucketMetadataTableConfiguration GetBucketAbac PutBucketAbac CreateSession
ListBucketByTags`)

// s3ObjectActions act on the object resource type (arn:aws:s3:::BUCKET/KEY).
var s3ObjectActions = words(`GetObject GetObjectVersion GetObjectAcl GetObjectVersionAcl
PutObject PutObjectAcl PutObjectVersionAcl DeleteObject DeleteObjectVersion
GetObjectTagging GetObjectVersionTagging PutObjectTagging PutObjectVersionTagging
DeleteObjectTagging DeleteObjectVersionTagging GetObjectAttributes
GetObjectVersionAttributes GetObjectRetention PutObjectRetention GetObjectLegalHold
PutObjectLegalHold BypassGovernanceRetention AbortMultipartUpload ListMultipartUploadParts
RestoreObject GetObjectTorrent GetObjectVersionTorrent ReplicateObject ReplicateDelete
ReplicateTags GetObjectVersionForReplication ObjectOwnerOverrideToBucketOwner
InitiateReplication UpdateObjectEncryption PutObjectAnnotation GetObjectAnnotation
ListObjectAnnotations DeleteObjectAnnotation`)

// s3OtherActions act on other resource types (account, access point, job,
// Storage Lens, ...) or on "*": not checked against bucket or object ARNs.
var s3OtherActions = words(`ListAllMyBuckets GetAccountPublicAccessBlock
PutAccountPublicAccessBlock CreateJob DescribeJob ListJobs UpdateJobPriority
UpdateJobStatus GetJobTagging PutJobTagging DeleteJobTagging CreateAccessPoint
DeleteAccessPoint GetAccessPoint GetAccessPointPolicy PutAccessPointPolicy
DeleteAccessPointPolicy GetAccessPointPolicyStatus ListAccessPoints
CreateMultiRegionAccessPoint DeleteMultiRegionAccessPoint GetMultiRegionAccessPoint
ListMultiRegionAccessPoints GetStorageLensConfiguration PutStorageLensConfiguration
DeleteStorageLensConfiguration ListStorageLensConfigurations
GetStorageLensDashboard TagResource UntagResource ListTagsForResource
ListAccessGrantsInstances CreateAccessGrantsInstance GetDataAccess
ListAccessPointsForObjectLambda CreateAccessPointForObjectLambda
PutAccessPointConfigurationForObjectLambda GetAccessPointConfigurationForObjectLambda`)

var iamActions = words(`AddClientIDToOpenIDConnectProvider AddRoleToInstanceProfile
AddUserToGroup AttachGroupPolicy AttachRolePolicy AttachUserPolicy ChangePassword
CreateAccessKey CreateAccountAlias CreateGroup CreateInstanceProfile CreateLoginProfile
CreateOpenIDConnectProvider CreatePolicy CreatePolicyVersion CreateRole
CreateSAMLProvider CreateServiceLinkedRole CreateServiceSpecificCredential CreateUser
CreateVirtualMFADevice DeactivateMFADevice DeleteAccessKey DeleteAccountAlias
DeleteAccountPasswordPolicy DeleteCloudFrontPublicKey DeleteGroup DeleteGroupPolicy
DeleteInstanceProfile DeleteLoginProfile DeleteOpenIDConnectProvider DeletePolicy
DeletePolicyVersion DeleteRole DeleteRolePermissionsBoundary DeleteRolePolicy
DeleteSAMLProvider DeleteSSHPublicKey DeleteServerCertificate DeleteServiceLinkedRole
DeleteServiceSpecificCredential DeleteSigningCertificate DeleteUser
DeleteUserPermissionsBoundary DeleteUserPolicy DeleteVirtualMFADevice DetachGroupPolicy
DetachRolePolicy DetachUserPolicy DisableOrganizationsRootCredentialsManagement
DisableOrganizationsRootSessions DisableOutboundWebIdentityFederation EnableMFADevice
EnableOrganizationsRootCredentialsManagement EnableOrganizationsRootSessions
EnableOutboundWebIdentityFederation
GenerateCredentialReport GenerateOrganizationsAccessReport GenerateServiceLastAccessedDetails
GetAccessKeyLastUsed GetAccountAuthorizationDetails GetAccountEmailAddress GetAccountName
GetAccountPasswordPolicy GetAccountSummary GetCloudFrontPublicKey
GetContextKeysForCustomPolicy GetContextKeysForPrincipalPolicy GetCredentialReport
GetGroup GetGroupPolicy GetInstanceProfile GetLoginProfile GetMFADevice
GetOpenIDConnectProvider GetOrganizationsAccessReport GetOutboundWebIdentityFederationInfo GetPolicy GetPolicyVersion GetRole
GetRolePolicy GetSAMLProvider GetSSHPublicKey GetServerCertificate
GetServiceLastAccessedDetails GetServiceLastAccessedDetailsWithEntities
GetServiceLinkedRoleDeletionStatus GetUser GetUserPolicy ListAccessKeys
ListAccountAliases ListAttachedGroupPolicies ListAttachedRolePolicies
ListAttachedUserPolicies ListCloudFrontPublicKeys ListEntitiesForPolicy ListGroupPolicies
ListGroups ListGroupsForUser ListInstanceProfileTags ListInstanceProfiles
ListInstanceProfilesForRole ListMFADeviceTags ListMFADevices
ListOpenIDConnectProviderTags ListOpenIDConnectProviders
ListOrganizationsFeatures ListPolicies ListPoliciesGrantingServiceAccess ListPolicyTags
ListPolicyVersions ListRolePolicies ListRoleTags ListRoles ListSAMLProviderTags
ListSAMLProviders ListSSHPublicKeys ListSTSRegionalEndpointsStatus
ListServerCertificateTags ListServerCertificates ListServiceSpecificCredentials
ListSigningCertificates ListUserPolicies ListUserTags ListUsers ListVirtualMFADevices
PassRole PutGroupPolicy PutRolePermissionsBoundary PutRolePolicy
PutUserPermissionsBoundary PutUserPolicy RemoveClientIDFromOpenIDConnectProvider
RemoveRoleFromInstanceProfile RemoveUserFromGroup ResetServiceSpecificCredential
ResyncMFADevice SetDefaultPolicyVersion SetSecurityTokenServicePreferences
SimulateCustomPolicy SimulatePrincipalPolicy TagInstanceProfile TagMFADevice
TagOpenIDConnectProvider TagPolicy TagRole TagSAMLProvider TagServerCertificate TagUser
UntagInstanceProfile UntagMFADevice UntagOpenIDConnectProvider UntagPolicy UntagRole
UntagSAMLProvider UntagServerCertificate UntagUser UpdateAccessKey UpdateAccountEmailAddress
UpdateAccountName UpdateAccountPasswordPolicy UpdateAssumeRolePolicy
UpdateCloudFrontPublicKey UpdateGroup UpdateLoginProfile
UpdateOpenIDConnectProviderThumbprint UpdateRole UpdateRoleDescription UpdateSAMLProvider
UpdateSSHPublicKey UpdateServerCertificate UpdateServiceSpecificCredential
UpdateSigningCertificate UpdateUser UploadCloudFrontPublicKey UploadSSHPublicKey
UploadServerCertificate UploadSigningCertificate`)

var stsActions = words(`AssumeRole AssumeRoleWithSAML AssumeRoleWithWebIdentity AssumeRoot
DecodeAuthorizationMessage GetAccessKeyInfo GetCallerIdentity GetFederationToken
GetServiceBearerToken GetSessionToken GetWebIdentityToken SetContext SetSourceIdentity TagSession`)

var organizationsActions = words(`AcceptHandshake AttachPolicy CancelHandshake CloseAccount
CreateAccount CreateGovCloudAccount CreateOrganization CreateOrganizationalUnit
CreatePolicy DeclineHandshake DeleteOrganization DeleteOrganizationalUnit DeletePolicy
DeleteResourcePolicy DeregisterDelegatedAdministrator DescribeAccount
DescribeCreateAccountStatus DescribeEffectivePolicy DescribeHandshake
DescribeOrganization DescribeOrganizationalUnit DescribePolicy DescribeResourcePolicy
DetachPolicy DisableAWSServiceAccess DisablePolicyType EnableAWSServiceAccess
EnableAllFeatures EnablePolicyType InviteAccountToOrganization LeaveOrganization
ListAWSServiceAccessForOrganization ListAccounts ListAccountsForParent
ListAccountsWithInvalidEffectivePolicy ListChildren ListCreateAccountStatus
ListDelegatedAdministrators ListDelegatedServicesForAccount
ListEffectivePolicyValidationErrors ListHandshakesForAccount
ListHandshakesForOrganization ListOrganizationalUnitsForParent ListParents ListPolicies
ListPoliciesForTarget ListRoots ListTagsForResource ListTargetsForPolicy MoveAccount
PutResourcePolicy RegisterDelegatedAdministrator RemoveAccountFromOrganization
TagResource UntagResource UpdateOrganizationalUnit UpdatePolicy`)

var accessAnalyzerActions = words(`ApplyArchiveRule CancelPolicyGeneration
CheckAccessNotGranted CheckNoNewAccess CheckNoPublicAccess CreateAccessPreview
CreateAnalyzer CreateArchiveRule DeleteAnalyzer DeleteArchiveRule
GenerateFindingRecommendation GetAccessPreview GetAnalyzedResource GetAnalyzer
GetArchiveRule GetFinding GetFindingRecommendation GetFindingsStatistics
GetGeneratedPolicy ListAccessPreviewFindings ListAccessPreviews ListAnalyzedResources
ListAnalyzers ListArchiveRules ListFindings ListPolicyGenerations ListTagsForResource
StartPolicyGeneration StartResourceScan TagResource UntagResource UpdateAnalyzer
UpdateArchiveRule UpdateFindings ValidatePolicy`)

// catalogue maps a service prefix to its actions, by lower-cased name.
type catalogue map[string]map[string]string

func newCatalogue() catalogue {
	c := catalogue{}
	add := func(svc string, lists ...[]string) {
		m := map[string]string{}
		for _, l := range lists {
			for _, a := range l {
				m[strings.ToLower(a)] = a
			}
		}
		c[svc] = m
	}
	add("s3", s3BucketActions, s3ObjectActions, s3OtherActions)
	add("iam", iamActions)
	add("sts", stsActions)
	add("organizations", organizationsActions)
	add("access-analyzer", accessAnalyzerActions)
	return c
}

// Services lists the service prefixes the catalogue knows.
func Services() []string {
	var out []string
	for s := range defaultCatalogue() {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// defaultCatalogue is built on first use (not at every start of the
// server, which may never validate a policy) and read-only after.
var defaultCatalogue = sync.OnceValue(newCatalogue)

// s3ResourceKinds maps a lower-cased S3 action to the ARN kinds it applies
// to: "bucket" or "object" (other actions are absent). It is built on
// first use.
var s3ResourceKinds = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, a := range s3BucketActions {
		m[strings.ToLower(a)] = "bucket"
	}
	for _, a := range s3ObjectActions {
		m[strings.ToLower(a)] = "object"
	}
	return m
})

func words(s string) []string { return strings.Fields(s) }

// expand returns the catalogue's actions of svc that pattern (the part
// after "service:", with * and ?) matches, in canonical spelling.
func (c catalogue) expand(svc, pattern string) []string {
	var out []string
	for low, name := range c[svc] {
		if evaluator.MatchWildcard(strings.ToLower(pattern), low) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// nearest returns the action of svc closest to name by edit distance,
// case-insensitively; the alphabetically first of equals.
func (c catalogue) nearest(svc, name string) string {
	names := make([]string, 0, len(c[svc]))
	for _, canon := range c[svc] {
		names = append(names, canon)
	}
	sort.Strings(names)
	return evaluator.Nearest(name, names, true)
}
