package accessanalyzer

import (
	"strings"

	"github.com/fakeaws/fakeaws/emulator/publicpolicy"
)

// CheckNoPublicAccess (API reference, API_CheckNoPublicAccess.html): can
// a resource policy grant public access to a resource of the given type?
//
// fakeaws applies one definition to every resource type: S3's definition
// of a public policy (package publicpolicy, the rule behind S3's
// PolicyStatus and Block Public Access): an Allow statement whose principal
// is a wildcard (or that uses NotPrincipal), unless a Condition pins the
// caller to fixed values of keys such as aws:SourceArn, aws:SourceAccount,
// aws:PrincipalOrgID or aws:SourceIp in private ranges. Keys of other
// services that AWS may also accept as restricting (kms:CallerAccount,
// lambda:FunctionUrlAuthType, ...) are not known to fakeaws: such a
// statement is a FAIL (docs/accessanalyzer.md). In a role trust policy
// (AWS::IAM::AssumeRolePolicyDocument) a Federated principal other than a
// SAML provider without a Condition is a FAIL too (openFederation).

// The messages and reason of AWS's examples (API model examples "Passing
// check. S3 Bucket policy without public access." and "Failing check. S3
// Bucket policy with public access.", and the CLI reference's
// check-no-public-access example).
const (
	msgPublic   = "The resource policy grants public access for the given resource type."
	msgNoPublic = "The resource policy does not grant public access for the given resource type."
	reasonPub   = "Public access granted in the following statement"
)

// checkResourceTypes is the API's AccessCheckResourceType enum, in the
// API reference's order.
var checkResourceTypes = strings.Fields(`AWS::DynamoDB::Table AWS::DynamoDB::Stream AWS::EFS::FileSystem
AWS::OpenSearchService::Domain AWS::Kinesis::Stream AWS::Kinesis::StreamConsumer AWS::KMS::Key
AWS::Lambda::Function AWS::S3::Bucket AWS::S3::AccessPoint AWS::S3Express::DirectoryBucket AWS::S3::Glacier
AWS::S3Outposts::Bucket AWS::S3Outposts::AccessPoint AWS::SecretsManager::Secret AWS::SNS::Topic
AWS::SQS::Queue AWS::IAM::AssumeRolePolicyDocument AWS::S3Tables::TableBucket AWS::ApiGateway::RestApi
AWS::CodeArtifact::Domain AWS::Backup::BackupVault AWS::CloudTrail::Dashboard AWS::CloudTrail::EventDataStore
AWS::S3Tables::Table AWS::S3Express::AccessPoint`)

// noPublicAccess runs the check on a document parseCheckPolicy accepted
// (stmts are its statements) for resourceType.
func noPublicAccess(doc string, stmts []checkStatement, resourceType string) *checkOutput {
	public := map[int]bool{}
	for _, i := range publicpolicy.Statements(doc) {
		public[i] = true
	}
	var reasons []reasonSummary
	for i := range stmts {
		if public[i] || resourceType == trustPolicyType && openFederation(&stmts[i]) {
			reasons = append(reasons, reason(reasonPub, &stmts[i]))
		}
	}
	return verdict(reasons, msgNoPublic, msgPublic)
}

// openFederation reports a role trust statement that lets web identities
// of a Federated principal other than a SAML provider assume the role
// with no Condition: any user of that identity provider (any Cognito
// identity pool, any GitHub repository), which publicpolicy's rule, made
// for "*" principals, does not see. fakeaws's own rule, towards FAIL.
func openFederation(st *checkStatement) bool {
	if !st.allow || st.conditional() || st.principal.not {
		return false
	}
	for _, f := range st.principal.values["Federated"] {
		if !strings.Contains(f, ":saml-provider/") {
			return true
		}
	}
	return false
}
