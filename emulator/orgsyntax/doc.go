// Package orgsyntax holds the syntax rules AWS applies to AWS Organizations
// policies beyond the IAM policy grammar: resource control policies (RCPs)
// and service control policies (SCPs). It is the one rule set behind both
// Organizations' refusals (MalformedPolicyDocumentException from
// CreatePolicy and UpdatePolicy) and IAM Access Analyzer's ValidatePolicy
// findings for the policy types RESOURCE_CONTROL_POLICY and
// SERVICE_CONTROL_POLICY.
//
// Each Rule carries Access Analyzer's issue code, the heading of its section
// in the "IAM policy validation check reference" and its finding details, as
// that page gives them
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
// The rules read a Statement the caller fills from its own parse, so each
// caller keeps its own way of locating the offending element.
package orgsyntax
