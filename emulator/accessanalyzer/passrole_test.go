package accessanalyzer

import (
	"fmt"
	"testing"
)

// identityDoc is an identity policy with the given statements.
const identityDoc = `{"Version":"2012-10-17","Statement":[%s]}`

// TestRoleGrantChecks: the iam:PassRole and iam:CreateServiceLinkedRole
// checks of AWS's "IAM policy validation check reference". AWS's recorded
// answers: awslabs/aws-cloudformation-iam-policy-validator
// test_role_validator.py (iam:PassRole on "*" gives exactly one
// SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE; `"Resource":
// {"NotAValid": "Resource"}` exactly one ERROR DATA_TYPE_MISMATCH) and
// sjakthol/aws-access-analyzer-validator examples/sample_report.md
// (AdministratorAccess, "*" on "*", gives the WARNING and the
// SECURITY_WARNING with these details).
func TestRoleGrantChecks(t *testing.T) {
	passStar := "Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement."
	runCheckCases(t, []checkCase{
		{"AWS: PassRole on *", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}`), IdentityPolicy, "",
			[]want{{"PASS_ROLE_WITH_STAR_IN_RESOURCE", SecurityWarning, "Statement[0].Resource", `"*"`, passStar}}},
		{"AWS: PassRole on an object", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:PassRole","Resource":{"NotAValid":"Resource"}}`), IdentityPolicy, "",
			[]want{{"DATA_TYPE_MISMATCH", Error, "Statement[0].Resource", `{"NotAValid":"Resource"}`, "The text does not match the expected JSON data type String."}}},
		{"AWS: AdministratorAccess", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"*","Resource":"*"}`), IdentityPolicy, "",
			[]want{{"PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", SecurityWarning, "Statement[0].Resource", `"*"`, "Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement."},
				{"CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", Warning, "Statement[0].Resource", `"*"`, "Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead."}}},
		{"PassRole on every role of an account", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":["s3:ListAllMyBuckets","iam:passrole"],"Resource":["arn:aws:s3:::b","arn:aws:iam::111111111111:role/*"]}`), IdentityPolicy, "",
			[]want{{"PASS_ROLE_WITH_STAR_IN_RESOURCE", SecurityWarning, "Statement[0].Resource[1]", `"arn:aws:iam::111111111111:role/*"`, passStar}}},
		{"PassRole with NotResource", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::111111111111:role/admin"}`), IdentityPolicy, "",
			[]want{{"PASS_ROLE_WITH_NOT_RESOURCE", SecurityWarning, "Statement[0].NotResource", `"arn:aws:iam::111111111111:role/admin"`, "Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead."}}},
		{"iam:* with NotResource", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:*","NotResource":"arn:aws:iam::111111111111:role/admin"}`), IdentityPolicy, "",
			[]want{{"PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", SecurityWarning, "Statement[0].NotResource", `"arn:aws:iam::111111111111:role/admin"`, "Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead."},
				{"CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", Warning, "Statement[0].NotResource", `"arn:aws:iam::111111111111:role/admin"`, "Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead."}}},
		{"NotAction on *", fmt.Sprintf(identityDoc, `{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}`), IdentityPolicy, "",
			[]want{{"PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", SecurityWarning, "Statement[0].Resource", `"*"`, "Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement."},
				{"CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", Warning, "Statement[0].Resource", `"*"`, "Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead."}}},
		{"NotAction with NotResource", fmt.Sprintf(identityDoc, `{"Effect":"Allow","NotAction":"s3:*","NotResource":"arn:aws:s3:::b"}`), IdentityPolicy, "",
			[]want{{"PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", SecurityWarning, "Statement[0].NotResource", `"arn:aws:s3:::b"`, "Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources.. We recommend that you specify resource ARNs instead."},
				{"CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE", Warning, "Statement[0].NotResource", `"arn:aws:s3:::b"`, "Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead."}}},
		{"CreateServiceLinkedRole on every service role", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"arn:aws:iam::*:role/aws-service-role/*"}`), IdentityPolicy, "",
			[]want{{"CREATE_SLR_WITH_STAR_IN_RESOURCE", Warning, "Statement[0].Resource", `"arn:aws:iam::*:role/aws-service-role/*"`, "Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead."}}},
		{"CreateServiceLinkedRole with NotResource", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","NotResource":"arn:aws:iam::111111111111:role/r"}`), IdentityPolicy, "",
			[]want{{"CREATE_SLR_WITH_NOT_RESOURCE", Warning, "Statement[0].NotResource", `"arn:aws:iam::111111111111:role/r"`, "Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead."}}},
		{"Deny PassRole on *", fmt.Sprintf(identityDoc, `{"Effect":"Deny","Action":"iam:PassRole","Resource":"*"}`), IdentityPolicy, "", nil},
		{"PassRole narrowed by iam:PassedToService", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}`), IdentityPolicy, "", nil},
		{"PassRole on one role", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111111111111:role/app"}`), IdentityPolicy, "", nil},
		{"iam:Get* on *", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}`), IdentityPolicy, "", nil},
		{"PassRole on users only", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::111111111111:user/*"}`), IdentityPolicy, "", nil},
		{"NotAction excluding iam", fmt.Sprintf(identityDoc, `{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), IdentityPolicy, "", nil},
	})
}

// TestConditionSetChecks: the set-qualifier, IfExists, IP range and
// paired-key checks. AWS's recorded answer: sjakthol/aws-access-analyzer-
// validator examples/sample_report.md for test/templates/test-resources.yaml
// (`"IpAddress": {"aws:VpcSourceIp": "172.0.0.1/30"}` gives the SUGGESTION
// "Replace address with 172.0.0.0." and the SECURITY_WARNING naming
// aws:SourceVPC, aws:SourceVPCE; aws:SourceArn naming an S3 bucket wants
// aws:SourceAccount).
func TestConditionSetChecks(t *testing.T) {
	cond := func(c string) string {
		return fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*","Condition":`+c+`}`)
	}
	runCheckCases(t, []checkCase{
		{"AWS: VpcSourceIp with host bits", cond(`{"IpAddress":{"aws:VpcSourceIp":"172.0.0.1/30"}}`), IdentityPolicy, "",
			[]want{{"MISSING_PAIRED_CONDITION_KEYS", SecurityWarning, "Statement[0].Condition{IpAddress}{aws:VpcSourceIp}", `"aws:VpcSourceIp"`, "Using the condition key aws:VpcSourceIp can be overly permissive without also using the following condition keys: aws:SourceVPC, aws:SourceVPCE. Condition keys like this one are more secure when paired with a related key. We recommend that you add the related condition keys to the same condition block."},
				{"IMPROVE_IP_RANGE", Suggestion, "Statement[0].Condition{IpAddress}{aws:VpcSourceIp}", `"172.0.0.1/30"`, "The non-zero bits in the IP address after the masked bits are ignored. Replace address with 172.0.0.0."}}},
		{"VpcSourceIp with SourceVpc", cond(`{"IpAddress":{"aws:VpcSourceIp":"172.0.0.0/30"},"StringEquals":{"aws:SourceVpc":"vpc-12345678"}}`), IdentityPolicy, "", nil},
		{"AWS: SourceArn of a bucket", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:s3:::src"}}}]}`, ResourcePolicy, "",
			[]want{{"MISSING_PAIRED_CONDITION_KEYS", SecurityWarning, "Statement[0].Condition{StringEquals}{aws:SourceArn}", `"aws:SourceArn"`, "Using the condition key aws:SourceArn can be overly permissive without also using the following condition keys: aws:SourceAccount. Condition keys like this one are more secure when paired with a related key. We recommend that you add the related condition keys to the same condition block."}}},
		{"SourceArn with an account", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:111111111111:t"}}}]}`, ResourcePolicy, "", nil},
		{"ForAllValues with no values", cond(`{"ForAllValues:StringEquals":{"aws:TagKeys":[]}}`), IdentityPolicy, "",
			[]want{{"EMPTY_ARRAY_CONDITION_FORALLVALUES", Suggestion, "Statement[0].Condition{ForAllValues:StringEquals}{aws:TagKeys}", `[]`, "The ForAllValues prefix with an empty condition key matches only if the key aws:TagKeys is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead."}}},
		{"ForAnyValue with no values", cond(`{"ForAnyValue:StringLike":{"aws:TagKeys":[]}}`), IdentityPolicy, "",
			[]want{{"EMPTY_ARRAY_CONDITION_FORANYVALUE", Suggestion, "Statement[0].Condition{ForAnyValue:StringLike}{aws:TagKeys}", `[]`, "The ForAnyValue prefix with an empty condition key aws:TagKeys never matches the request context and it does not affect the policy. Specify conditions."}}},
		{"IfExists with no values", cond(`{"StringEqualsIfExists":{"aws:username":[]}}`), IdentityPolicy, "",
			[]want{{"EMPTY_ARRAY_CONDITION_IFEXISTS", Suggestion, "Statement[0].Condition{StringEqualsIfExists}{aws:username}", `[]`, "The IfExists suffix with an empty condition key matches only if the key aws:username is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead."}}},
		{"ForAllValues with a single-valued key", cond(`{"ForAllValues:StringEquals":{"aws:PrincipalTag/team":["blue","green"]}}`), IdentityPolicy, "",
			[]want{{"FORALLVALUES_WITH_SINGLE_VALUED_KEY", SecurityWarning, "Statement[0].Condition{ForAllValues:StringEquals}{aws:PrincipalTag/team}", `"aws:PrincipalTag/team"`, "Using ForAllValues qualifier with the single-valued condition key aws:PrincipalTag/team can be overly permissive. We recommend that you remove ForAllValues:."}}},
		{"ForAllValues with multivalued keys", cond(`{"ForAllValues:StringEquals":{"aws:TagKeys":["a"],"aws:CalledVia":"athena.amazonaws.com"},"ForAllValues:StringLike":{"aws:PrincipalServiceNamesList":"ec2.*"}}`), IdentityPolicy, "", nil},
		{"Null with a qualifier", cond(`{"ForAnyValue:Null":{"aws:TagKeys":"true"}}`), IdentityPolicy, "",
			[]want{{"NULL_WITH_QUALIFIER", Suggestion, "Statement[0].Condition{ForAnyValue:Null}", `"ForAnyValue:Null"`, "Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively."}}},
	})
}
