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
	issueJSONSyntax          = issue{"JSON_SYNTAX_ERROR", Error, "Json syntax error"}
	issueDataType            = issue{"DATA_TYPE_MISMATCH", Error, "Data type mismatch"}
	issuePolicyElement       = issue{"INVALID_POLICY_ELEMENT", Error, "Invalid policy element"}
	issueInvalidVersion      = issue{"INVALID_VERSION", Error, "Invalid version"}
	issueMissingVersion      = issue{"MISSING_VERSION", Warning, "Missing version"}
	issueVariableVersion     = issue{"VARIABLE_UNSUPPORTED_IN_VERSION", Error, "Variable unsupported in version"}
	issueMissingStatement    = issue{"MISSING_STATEMENT", Error, "Missing statement"}
	issueMissingEffect       = issue{"MISSING_EFFECT", Error, "Missing effect"}
	issueInvalidEffect       = issue{"INVALID_EFFECT", Error, "Invalid effect"}
	issueMissingAction       = issue{"MISSING_ACTION", Error, "Missing action"}
	issueMissingResource     = issue{"MISSING_RESOURCE", Error, "Missing resource"}
	issueMissingPrincipal    = issue{"MISSING_PRINCIPAL", Error, "Missing principal"}
	issueUnsupportedPrinc    = issue{"UNSUPPORTED_PRINCIPAL", Error, "Unsupported principal"}
	issueElementCombination  = issue{"UNSUPPORTED_ELEMENT_COMBINATION", Error, "Unsupported element combination"}
	issueInvalidAction       = issue{"INVALID_ACTION", Error, "Invalid action"}
	issueUniqueSids          = issue{"UNIQUE_SIDS_REQUIRED", Error, "Unique Sids required"}
	issueAllowNotPrincipal   = issue{"ALLOW_WITH_NOT_PRINCIPAL", SecurityWarning, "Allow with NotPrincipal"}
	issueRedundantAction     = issue{"REDUNDANT_ACTION", Suggestion, "Redundant action"}
	issueRedundantResource   = issue{"REDUNDANT_RESOURCE", Suggestion, "Redundant resource"}
	issueRedundantStatement  = issue{"REDUNDANT_STATEMENT", Suggestion, "Redundant statement"}
	issueEmptyArrayAction    = issue{"EMPTY_ARRAY_ACTION", Suggestion, "Empty array action"}
	issueEmptyArrayResource  = issue{"EMPTY_ARRAY_RESOURCE", Suggestion, "Empty array resource"}
	issueNotInWorld          = issue{"RESOURCE_NOT_FOUND_IN_WORLD", Warning, ""}
	issueActionResource      = issue{"ACTION_RESOURCE_MISMATCH", Warning, ""}
	issueWildcardNoCondition = issue{"WILDCARD_PRINCIPAL_WITHOUT_CONDITION", SecurityWarning, ""}
)

// referenceURL is AWS's policy check reference.
const referenceURL = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"

// fakeawsURL documents the checks fakeaws adds.
const fakeawsURL = "https://github.com/fakeaws/fakeaws/blob/main/docs/accessanalyzer.md"

// link is the learnMoreLink: the reference section's anchor.
func (i issue) link() string {
	if i.title == "" {
		return fakeawsURL + "#" + strings.ToLower(strings.ReplaceAll(i.code, "_", "-"))
	}
	kind := map[FindingType]string{Error: "error", Warning: "general-warning",
		SecurityWarning: "security-warning", Suggestion: "suggestion"}[i.typ]
	return referenceURL + "#access-analyzer-reference-policy-checks-" + kind + "-" +
		strings.ToLower(strings.ReplaceAll(i.title, " ", "-"))
}
