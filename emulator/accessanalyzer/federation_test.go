package accessanalyzer

import (
	"fmt"
	"testing"
)

// TestFederationChecks: the reference's checks of OIDC and GitHub
// principals in role trust policies, of service principals without a
// source condition, and of actions a bucket or trust policy cannot hold,
// with the details of AWS's "IAM policy validation check reference".
func TestFederationChecks(t *testing.T) {
	github := `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"%s}`
	bucket := `{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*"%s}`
	runCheckCases(t, []checkCase{
		{"GitHub without sub", fmt.Sprintf(trustDoc, fmt.Sprintf(github, `,"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}`)), ResourcePolicy, trustPolicyType,
			[]want{{"MISSING_GITHUB_REPO_CONDITION_KEY", SecurityWarning, "Statement[0].Principal{Federated}", `"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"`, "Granting a federated GitHub principal permissions without a condition key can allow more sources to assume the role than you intended. Add the token.actions.githubusercontent.com:sub condition key and specify the branch and repository name in the value."}}},
		{"GitHub sub with a wildcard", fmt.Sprintf(trustDoc, fmt.Sprintf(github, `,"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo-org/*"}}`)), ResourcePolicy, trustPolicyType,
			[]want{{"SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED", Warning, "Statement[0].Condition{StringLike}{token.actions.githubusercontent.com:sub}", `"repo:octo-org/*"`, "Using a wildcard (*) in token.actions.githubusercontent.com:sub can allow requests from more sources than you intended. Specify the value of token.actions.githubusercontent.com:sub with the repository and branch name. If the subject claim does not include the branch, specify it in a token.actions.githubusercontent.com:ref condition key."}}},
		{"GitHub with repository and branch", fmt.Sprintf(trustDoc, fmt.Sprintf(github, `,"Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:octo-org/app:ref:refs/heads/main"}}`)), ResourcePolicy, trustPolicyType, nil},
		{"OIDC provider without its keys", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"},"Action":"sts:AssumeRoleWithWebIdentity"}`), ResourcePolicy, trustPolicyType,
			[]want{{"MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", SecurityWarning, "Statement[0].Principal{Federated}", `"arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"`, "Using an Open ID Connect principal without a condition can be overly permissive. Add condition keys with a prefix that matches your federated OIDC principals to ensure that only the intended identity provider assumes the role."}}},
		{"OIDC provider with its keys", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"},"Action":"sts:AssumeRoleWithWebIdentity",`+
			`"Condition":{"StringEquals":{"oidc.eks.us-east-1.amazonaws.com/id/ABC:sub":"system:serviceaccount:ns:app"}}}`), ResourcePolicy, trustPolicyType, nil},
		{"service principal without a source", fmt.Sprintf(trustDoc, fmt.Sprintf(bucket, "")), ResourcePolicy, S3BucketResourceType,
			[]want{{"RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL", SecurityWarning, "Statement[0].Principal{Service}", `"logging.s3.amazonaws.com"`, "Granting access to a service principal without specifying a source is overly permissive. Use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths condition key to grant fine-grained access."}}},
		{"service principal with its source", fmt.Sprintf(trustDoc, fmt.Sprintf(bucket, `,"Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}}`)), ResourcePolicy, S3BucketResourceType, nil},
		{"service principal in a trust policy", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`), ResourcePolicy, trustPolicyType, nil},
		{"KMS action in a bucket policy", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":["s3:GetObject","kms:Decrypt"],"Resource":"arn:aws:s3:::b/*"}`), ResourcePolicy, S3BucketResourceType,
			[]want{{"UNSUPPORTED_ACTION_IN_POLICY", Error, "Statement[0].Action[1]", `"kms:Decrypt"`, "The action kms:Decrypt is not supported for the resource-based policy attached to the resource type AWS::S3::Bucket."}}},
		{"S3 action in a trust policy", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":["sts:AssumeRole","s3:GetObject"]}`), ResourcePolicy, trustPolicyType,
			[]want{{"UNSUPPORTED_ACTION_IN_POLICY", Error, "Statement[0].Action[1]", `"s3:GetObject"`, "The action s3:GetObject is not supported for the resource-based policy attached to the resource type AWS::IAM::AssumeRolePolicyDocument."}}},
	})
}

// TestConditionScopeChecks: IRRELEVANT_CONDITION_KEY_IN_POLICY (the
// reference's example: s3:ResourceAccount in a bucket policy),
// MISSING_ACTION_FOR_CONDITION_KEY in role trust policies,
// S3_PREFIX_IN_NEGATIVE_CONTEXT and DYNAMODB_ATTRIBUTES_WITHOUT_SELECT.
func TestConditionScopeChecks(t *testing.T) {
	prefixNegative := "Using the s3:prefix condition key in a Deny statement or with a negated string operator does not block listing the objects under the matching prefixes. A request that specifies a shorter prefix does not match the condition and can still list those objects. To restrict listing to specific prefixes, use s3:prefix with StringLike in an Allow statement, or use a Deny statement with StringNotLike."
	runCheckCases(t, []checkCase{
		{"s3:ResourceAccount in a bucket policy", fmt.Sprintf(trustDoc, `{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEquals":{"s3:ResourceAccount":"111111111111"}}}`), ResourcePolicy, S3BucketResourceType,
			[]want{{"IRRELEVANT_CONDITION_KEY_IN_POLICY", Suggestion, "Statement[0].Condition{StringNotEquals}{s3:ResourceAccount}", `"s3:ResourceAccount"`, "The condition key s3:ResourceAccount is not relevant for the AWS::S3::Bucket policy.  Use this key in an identity-based policy to govern access to this resource."}}},
		{"s3:ResourceAccount in an identity policy", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"s3:ResourceAccount":"111111111111"}}}`), IdentityPolicy, "", nil},
		{"transitive tag keys without TagSession", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole","Condition":{"ForAllValues:StringEquals":{"sts:TransitiveTagKeys":["team"]}}}`), ResourcePolicy, trustPolicyType,
			[]want{{"MISSING_ACTION_FOR_CONDITION_KEY", Error, "Statement[0].Condition{ForAllValues:StringEquals}{sts:TransitiveTagKeys}", `"sts:TransitiveTagKeys"`, "The sts:TagSession action must be in the action block to allow setting values for the condition key sts:TransitiveTagKeys. Add sts:TagSession to the action block."}}},
		{"s3:prefix in a Deny statement", fmt.Sprintf(identityDoc, `{"Effect":"Deny","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringLike":{"s3:prefix":"private/*"}}}`), IdentityPolicy, "",
			[]want{{"S3_PREFIX_IN_NEGATIVE_CONTEXT", SecurityWarning, "Statement[0].Condition{StringLike}{s3:prefix}", `"s3:prefix"`, prefixNegative}}},
		{"s3:prefix negated in an Allow statement", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringNotLike":{"s3:prefix":"private/*"}}}`), IdentityPolicy, "",
			[]want{{"S3_PREFIX_IN_NEGATIVE_CONTEXT", SecurityWarning, "Statement[0].Condition{StringNotLike}{s3:prefix}", `"s3:prefix"`, prefixNegative}}},
		{"s3:prefix as the reference recommends", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringLike":{"s3:prefix":"home/*"}}},`+
			`{"Effect":"Deny","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringNotLike":{"s3:prefix":"home/*"}}}`), IdentityPolicy, "", nil},
		{"dynamodb:Attributes without dynamodb:Select", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:111111111111:table/t","Condition":{"ForAllValues:StringEquals":{"dynamodb:Attributes":["id","name"]}}}`), IdentityPolicy, "",
			[]want{{"DYNAMODB_ATTRIBUTES_WITHOUT_SELECT", SecurityWarning, "Statement[0].Condition{ForAllValues:StringEquals}{dynamodb:Attributes}", `"dynamodb:Attributes"`, "Restricting dynamodb:Attributes without also setting dynamodb:Select to SPECIFIC_ATTRIBUTES allows all attributes to be returned on read requests that omit a projection expression. We recommend that you also set dynamodb:Select to SPECIFIC_ATTRIBUTES."}}},
		// The IAM User Guide's example (reference_policies_examples_dynamodb_attributes).
		{"dynamodb:Attributes with dynamodb:Select", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:111111111111:table/t","Condition":{"ForAllValues:StringEquals":{"dynamodb:Attributes":["id","name"]},"StringEqualsIfExists":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"}}}`), IdentityPolicy, "", nil},
		{"source identity with SetSourceIdentity", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":["sts:AssumeRole","sts:SetSourceIdentity"],"Condition":{"StringLike":{"sts:SourceIdentity":"${aws:username}"}}}`), ResourcePolicy, trustPolicyType, nil},
	})
}
