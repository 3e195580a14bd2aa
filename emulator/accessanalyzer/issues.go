package accessanalyzer

import "strings"

// issue is one check: its issue code, finding type and the reference
// section it links to. AWS's codes, types and details come from the "IAM
// policy validation check reference"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// the fakeaws ones are listed in docs/accessanalyzer.md.
type issue struct {
	code  string
	typ   FindingType
	title string // the reference's heading, "" for fakeaws's own checks
}

var (
	issueJSONSyntax            = issue{"JSON_SYNTAX_ERROR", Error, "Json syntax error"}
	issueDataType              = issue{"DATA_TYPE_MISMATCH", Error, "Data type mismatch"}
	issuePolicyElement         = issue{"INVALID_POLICY_ELEMENT", Error, "Invalid policy element"}
	issueInvalidVersion        = issue{"INVALID_VERSION", Error, "Invalid version"}
	issueMissingVersion        = issue{"MISSING_VERSION", Warning, "Missing version"}
	issueVariableVersion       = issue{"VARIABLE_UNSUPPORTED_IN_VERSION", Error, "Variable unsupported in version"}
	issueMissingStatement      = issue{"MISSING_STATEMENT", Error, "Missing statement"}
	issueMissingEffect         = issue{"MISSING_EFFECT", Error, "Missing effect"}
	issueInvalidEffect         = issue{"INVALID_EFFECT", Error, "Invalid effect"}
	issueMissingAction         = issue{"MISSING_ACTION", Error, "Missing action"}
	issueMissingResource       = issue{"MISSING_RESOURCE", Error, "Missing resource"}
	issueMissingPrincipal      = issue{"MISSING_PRINCIPAL", Error, "Missing principal"}
	issueUnsupportedPrinc      = issue{"UNSUPPORTED_PRINCIPAL", Error, "Unsupported principal"}
	issueElementCombination    = issue{"UNSUPPORTED_ELEMENT_COMBINATION", Error, "Unsupported element combination"}
	issueInvalidAction         = issue{"INVALID_ACTION", Error, "Invalid action"}
	issueUniqueSids            = issue{"UNIQUE_SIDS_REQUIRED", Error, "Unique Sids required"}
	issueUniqueSidsRecommended = issue{"UNIQUE_SIDS_RECOMMENDED", Warning, "Unique Sids recommended"}
	issueAllowNotPrincipal     = issue{"ALLOW_WITH_NOT_PRINCIPAL", SecurityWarning, "Allow with NotPrincipal"}
	issueRedundantAction       = issue{"REDUNDANT_ACTION", Suggestion, "Redundant action"}
	issueRedundantResource     = issue{"REDUNDANT_RESOURCE", Suggestion, "Redundant resource"}
	issueRedundantStatement    = issue{"REDUNDANT_STATEMENT", Suggestion, "Redundant statement"}
	issueEmptyArrayAction      = issue{"EMPTY_ARRAY_ACTION", Suggestion, "Empty array action"}
	issueEmptyArrayResource    = issue{"EMPTY_ARRAY_RESOURCE", Suggestion, "Empty array resource"}

	// Conditions (condition.go).
	issueInvalidOperator         = issue{"INVALID_CONDITION_OPERATOR", Error, "Invalid condition operator"}
	issueNullIfExists            = issue{"NULL_WITH_IF_EXISTS", Error, "Null with if exists"}
	issueConditionKeyFormat      = issue{"INVALID_CONDITION_KEY_FORMAT", Error, "Invalid condition key format"}
	issueInvalidGlobalKey        = issue{"INVALID_GLOBAL_CONDITION_KEY", Error, "Invalid global condition key"}
	issueUnsupportedGlobalKey    = issue{"UNSUPPORTED_GLOBAL_CONDITION_KEY", Error, "Unsupported global condition key"}
	issueInvalidServiceKey       = issue{"INVALID_SERVICE_CONDITION_KEY", Error, "Invalid service condition key"}
	issueUnsupportedActionForKey = issue{"UNSUPPORTED_ACTION_FOR_CONDITION_KEY", Error, "Unsupported action for condition key"}
	issueDuplicateKeysCase       = issue{"DUPLICATE_KEYS_WITH_DIFFERENT_CASE", Error, "Duplicate keys with different case"}
	issueConditionDataType       = issue{"INVALID_CONDITION_DATA_TYPE", Error, "Invalid condition data type"}
	issueMultipleBoolean         = issue{"INVALID_CONDITION_MULTIPLE_BOOLEAN", Error, "Invalid condition multiple Boolean"}
	issueTypeMismatch            = issue{"TYPE_MISMATCH", Warning, "Type mismatch"}
	issueTypeMismatchDate        = issue{"TYPE_MISMATCH_DATE", Warning, "Type mismatch date"}
	issueTypeMismatchNumber      = issue{"TYPE_MISMATCH_NUMBER", Warning, "Type mismatch number"}
	issueTypeMismatchBoolean     = issue{"TYPE_MISMATCH_BOOLEAN", Warning, "Type mismatch Boolean"}
	issueTypeMismatchIPRange     = issue{"TYPE_MISMATCH_IP_RANGE", Error, "Type mismatch IP range"}
	issueTypeMismatchString      = issue{"TYPE_MISMATCH_STRING", Warning, "Type mismatch string"}
	issueInvalidDateValue        = issue{"INVALID_DATE_VALUE", Warning, "Invalid date value"}
	issueEmptyObjectCondition    = issue{"EMPTY_OBJECT_CONDITION", Suggestion, "Empty object condition"}
	issueEmptyArrayCondition     = issue{"EMPTY_ARRAY_CONDITION", Suggestion, "Empty array condition"}
	issueEmptyArrayCondForAll    = issue{"EMPTY_ARRAY_CONDITION_FORALLVALUES", Suggestion, "Empty array condition ForAllValues"}
	issueEmptyArrayCondForAny    = issue{"EMPTY_ARRAY_CONDITION_FORANYVALUE", Suggestion, "Empty array condition ForAnyValue"}
	issueEmptyArrayCondIfExists  = issue{"EMPTY_ARRAY_CONDITION_IFEXISTS", Suggestion, "Empty array condition IfExists"}
	issueNullWithQualifier       = issue{"NULL_WITH_QUALIFIER", Suggestion, "Null with qualifier"}
	issueForAllValuesSingle      = issue{"FORALLVALUES_WITH_SINGLE_VALUED_KEY", SecurityWarning, "ForAllValues with single valued key"}
	issueImproveIPRange          = issue{"IMPROVE_IP_RANGE", Suggestion, "Improve IP range"}
	issueMissingPairedKeys       = issue{"MISSING_PAIRED_CONDITION_KEYS", SecurityWarning, "Missing paired condition keys"}
	issueVPCFormat               = issue{"INVALID_VPC_FORMAT", Error, "Invalid vpc format"}
	issueVPCEFormat              = issue{"INVALID_VPCE_FORMAT", Error, "Invalid vpce format"}
	issuePrivateIP               = issue{"PRIVATE_IP_ADDRESS", Error, "Private IP address"}
	issuePrivateNotIP            = issue{"PRIVATE_NOT_IP_ADDRESS", Error, "Private NotIpAddress"}
	issuePrivateIPSubset         = issue{"PRIVATE_IP_ADDRESS_SUBSET", Suggestion, "Private IP address subset"}
	issuePrivateNotIPSubset      = issue{"PRIVATE_NOT_IP_ADDRESS_SUBSET", Suggestion, "Private NotIpAddress subset"}
	issueWildcardWithoutLike     = issue{"WILDCARD_WITHOUT_LIKE_OPERATOR", Warning, "Wildcard without like operator"}
	issueRedundantNumValue       = issue{"REDUNDANT_CONDITION_VALUE_NUM", Suggestion, "Redundant condition value num"}
	issueVariableForOperator     = issue{"INVALID_VARIABLE_FOR_OPERATOR", Error, "Invalid variable for operator"}
	issueMissingBrace            = issue{"MISSING_BRACE_IN_VARIABLE", Error, "Missing brace in variable"}
	issueMissingQuote            = issue{"MISSING_QUOTE_IN_VARIABLE", Error, "Missing quote in variable"}
	issueSpaceInVariable         = issue{"UNSUPPORTED_SPACE_IN_VARIABLE", Error, "Unsupported space in variable"}
	issueEmptyVariable           = issue{"EMPTY_VARIABLE", Error, "Empty variable"}
	issueVariableInElement       = issue{"VARIABLE_UNSUPPORTED_IN_ELEMENT", Error, "Variable unsupported in element"}
	issueMissingQualifier        = issue{"MISSING_QUALIFIER", Error, "Missing qualifier"}
	issueWildcardInService       = issue{"WILDCARD_IN_SERVICE_NAME", Suggestion, "Wildcard in service name"}
	issueIrrelevantKey           = issue{"IRRELEVANT_CONDITION_KEY_IN_POLICY", Suggestion, "Irrelevant condition key in policy"}
	issueMissingActionForKey     = issue{"MISSING_ACTION_FOR_CONDITION_KEY", Error, "Missing action for condition key"}
	issueS3PrefixNegative        = issue{"S3_PREFIX_IN_NEGATIVE_CONTEXT", SecurityWarning, "S3 prefix in negative context"}
	issueDynamoDBSelect          = issue{"DYNAMODB_ATTRIBUTES_WITHOUT_SELECT", SecurityWarning, "DynamoDB attributes without select"}
	issueMissingTagKey           = issue{"MISSING_TAG_KEY_IN_CONDITION", Error, "Missing tag key in condition"}

	// ARN formats (arnformat.go).
	issueARNPrefix              = issue{"INVALID_ARN_PREFIX", Error, "Invalid ARN prefix"}
	issueMissingARNField        = issue{"MISSING_ARN_FIELD", Error, "Missing ARN field"}
	issueInvalidPartition       = issue{"INVALID_PARTITION", Error, "Invalid partition"}
	issueARNServiceCase         = issue{"INVALID_ARN_SERVICE_CASE", Error, "Invalid ARN service case"}
	issueInvalidARNAccount      = issue{"INVALID_ARN_ACCOUNT", Error, "Invalid ARN account"}
	issueARNAccountNot          = issue{"ARN_ACCOUNT_NOT_ALLOWED", Error, "ARN account not allowed"}
	issueARNRegionNot           = issue{"ARN_REGION_NOT_ALLOWED", Error, "ARN Region not allowed"}
	issueInvalidARNRegion       = issue{"INVALID_ARN_REGION", Error, "Invalid ARN Region"}
	issueInvalidRegion          = issue{"INVALID_REGION", Error, "Invalid Region"}
	issueMissingARNRegion       = issue{"MISSING_ARN_REGION", Error, "Missing ARN Region"}
	issueInvalidARNRes          = issue{"INVALID_ARN_RESOURCE", Error, "Invalid ARN resource"}
	issueUnsupportedResourceARN = issue{"UNSUPPORTED_RESOURCE_ARN_IN_POLICY", Error, "Unsupported resource ARN in policy"}

	// Policy size quotas (size.go).
	issueSizeIdentity = issue{"POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", Warning, "Policy size exceeds identity policy quota"}
	issueSizeResource = issue{"POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", Warning, "Policy size exceeds resource policy quota"}
	issueSizeTrust    = issue{"POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", Warning, "Policy size exceeds role trust policy quota"}
	issueSizeSCP      = issue{"POLICY_SIZE_EXCEEDS_SCP_QUOTA", Error, "Policy size exceeds SCP quota"}
	issueSizeRCP      = issue{"POLICY_SIZE_EXCEEDS_RCP_QUOTA", Error, "Policy size exceeds RCP quota"}

	// Principals (principal.go).
	issueEmptyObjectPrincipal    = issue{"EMPTY_OBJECT_PRINCIPAL", Suggestion, "Empty object principal"}
	issueEmptyArrayPrincipal     = issue{"EMPTY_ARRAY_PRINCIPAL", Suggestion, "Empty array principal"}
	issuePrincipalFormat         = issue{"INVALID_PRINCIPAL_FORMAT", Error, "Invalid principal format"}
	issuePrincipalKey            = issue{"INVALID_PRINCIPAL_KEY", Error, "Invalid principal key"}
	issueWildcardPrincipal       = issue{"UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Error, "Unsupported wildcard in principal"}
	issueFederatedNotSupported   = issue{"FEDERATED_PRINCIPAL_NOT_SUPPORTED", Error, "Federated principal not supported"}
	issueTrustNotPrincipal       = issue{"ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", Error, "Role trust policy syntax error notprincipal"}
	issueTrustWildcard           = issue{"ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Error, "Role trust policy unsupported wildcard in principal"}
	issueTrustResource           = issue{"ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", Error, "Role trust policy syntax error resource"}
	issueRoleReference           = issue{"INVALID_ROLE_REFERENCE", Warning, "Invalid role reference"}
	issueUserReference           = issue{"INVALID_USER_REFERENCE", Warning, "Invalid user reference"}
	issueRedundantTrustPrincipal = issue{"REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY", Suggestion, "Redundant principal in role trust policy"}
	issueFederatedSyntax         = issue{"INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY", Error, "Invalid federated principal syntax in role trust policy"}
	issueMismatchedAction        = issue{"MISMATCHED_ACTION_FOR_PRINCIPAL", Error, "Mismatched action for principal"}
	issueRolesAnywhere           = issue{"MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY", Error, "Missing action for roles anywhere trust policy"}
	issueRestrictService         = issue{"RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL", SecurityWarning, "Restrict access to service principal"}
	issueGitHubRepo              = issue{"MISSING_GITHUB_REPO_CONDITION_KEY", SecurityWarning, "Missing github repo condition key"}
	issueGitHubBranch            = issue{"SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED", Warning, "Specific github repo and branch recommended"}
	issueOIDCCondition           = issue{"MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", SecurityWarning, "Missing condition key for oidc principal"}
	issueUnsupportedAction       = issue{"UNSUPPORTED_ACTION_IN_POLICY", Error, "Unsupported action in policy"}
	issueEmptySid                = issue{"EMPTY_SID_VALUE", Suggestion, "Empty Sid value"}
	issueUnsupportedSid          = issue{"UNSUPPORTED_SID", Error, "Unsupported Sid"}

	issueNotInWorld          = issue{"RESOURCE_NOT_FOUND_IN_WORLD", Warning, ""}
	issueActionResource      = issue{"ACTION_RESOURCE_MISMATCH", Warning, ""}
	issueWildcardNoCondition = issue{"WILDCARD_PRINCIPAL_WITHOUT_CONDITION", SecurityWarning, ""}
)

// referenceURL is AWS's policy check reference.
const referenceURL = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"

// fakeawsURL documents the checks fakeaws adds.
const fakeawsURL = "https://github.com/fakeaws/fakeaws/blob/main/docs/accessanalyzer.md"

// link is the learnMoreLink: the reference section's anchor, which is
// the finding type's word and the issue code in lower case with hyphens
// ("Allow with NotPrincipal" is
// #access-analyzer-reference-policy-checks-security-warning-allow-with-not-principal,
// not the title's spelling).
func (i issue) link() string {
	anchor := strings.ToLower(strings.ReplaceAll(i.code, "_", "-"))
	if i.title == "" {
		return fakeawsURL + "#" + anchor
	}
	kind := map[FindingType]string{Error: "error", Warning: "general-warning",
		SecurityWarning: "security-warning", Suggestion: "suggestion"}[i.typ]
	return referenceURL + "#access-analyzer-reference-policy-checks-" + kind + "-" + anchor
}
