package accessanalyzer

import (
	"fmt"
	"testing"
)

// TestConditionValueChecks: the reference's checks of condition values
// (VPC and VPC endpoint IDs, private aws:SourceIp ranges, wildcards
// without a Like operator, redundant numeric bounds, variables under
// operators that take none) and of tag keys missing from tag condition
// keys, with the details of AWS's "IAM policy validation check reference".
func TestConditionValueChecks(t *testing.T) {
	cond := func(c string) string {
		return fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*","Condition":`+c+`}`)
	}
	const mixed = "The values for condition key aws:SourceIp include a mix of private and public IP addresses. "
	runCheckCases(t, []checkCase{
		{"VPC ID too short", cond(`{"StringEquals":{"aws:SourceVpc":["vpc-12345678","vpc-123"]}}`), IdentityPolicy, "",
			[]want{{"INVALID_VPC_FORMAT", Error, "Statement[0].Condition{StringEquals}{aws:SourceVpc}[1]", `"vpc-123"`, "The VPC identifier in the condition key value is not valid. Use the prefix 'vpc-' followed by 8 or 17 alphanumeric characters."}}},
		{"VPC endpoint ID without its prefix", cond(`{"StringNotEquals":{"aws:SourceVpce":"1a2b3c4d5e6f7a8b9"}}`), IdentityPolicy, "",
			[]want{{"INVALID_VPCE_FORMAT", Error, "Statement[0].Condition{StringNotEquals}{aws:SourceVpce}", `"1a2b3c4d5e6f7a8b9"`, "The VPCE identifier in the condition key value is not valid.  Use the prefix 'vpce-' followed by 8 or 17 alphanumeric characters."}}},
		{"VPC and endpoint IDs of both lengths", cond(`{"StringEquals":{"aws:SourceVpc":["vpc-12345678","vpc-0123456789abcdef0"],"aws:SourceVpce":"vpce-0123456789abcdef0"},"StringLike":{"aws:SourceVpc":"vpc-*"}}`), IdentityPolicy, "", nil},
		{"only private SourceIp", cond(`{"IpAddress":{"aws:SourceIp":["10.1.0.0/16","192.168.0.1"]}}`), IdentityPolicy, "",
			[]want{{"PRIVATE_IP_ADDRESS", Error, "Statement[0].Condition{IpAddress}{aws:SourceIp}", `"aws:SourceIp"`, "aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses."}}},
		{"private and public SourceIp", cond(`{"IpAddress":{"aws:SourceIp":["172.16.0.0/12","203.0.113.0/24"]}}`), IdentityPolicy, "",
			[]want{{"PRIVATE_IP_ADDRESS_SUBSET", Suggestion, "Statement[0].Condition{IpAddress}{aws:SourceIp}", `"aws:SourceIp"`, mixed + "The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp."}}},
		{"NotIpAddress of private SourceIp only", cond(`{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`), IdentityPolicy, "",
			[]want{{"PRIVATE_NOT_IP_ADDRESS", Error, "Statement[0].Condition{NotIpAddress}{aws:SourceIp}", `"aws:SourceIp"`, "The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses."}}},
		{"NotIpAddress of private and public SourceIp", cond(`{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","198.51.100.7"]}}`), IdentityPolicy, "",
			[]want{{"PRIVATE_NOT_IP_ADDRESS_SUBSET", Suggestion, "Statement[0].Condition{NotIpAddress}{aws:SourceIp}", `"aws:SourceIp"`, mixed + "The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp."}}},
		{"a range wider than a private one", cond(`{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`), IdentityPolicy, "", nil},
		{"wildcard under StringEquals", cond(`{"StringEquals":{"aws:PrincipalTag/job":"admin-*"}}`), IdentityPolicy, "",
			[]want{{"WILDCARD_WITHOUT_LIKE_OPERATOR", Warning, "Statement[0].Condition{StringEquals}{aws:PrincipalTag/job}", `"admin-*"`, "Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like."}}},
		{"wildcards under Like and ArnEquals", cond(`{"StringLike":{"aws:PrincipalTag/job":"admin-*"},"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::*:role/ci"},"StringEquals":{"aws:username":"${aws:username}"}}`), IdentityPolicy, "", nil},
		{"two upper bounds", cond(`{"NumericLessThan":{"aws:MultiFactorAuthAge":["2700","3600"]}}`), IdentityPolicy, "",
			[]want{{"REDUNDANT_CONDITION_VALUE_NUM", Suggestion, "Statement[0].Condition{NumericLessThan}{aws:MultiFactorAuthAge}", `"aws:MultiFactorAuthAge"`, "Multiple values in NumericLessThan are redundant. Replace with the greatest single value for aws:MultiFactorAuthAge."}}},
		{"two lower bounds", cond(`{"NumericGreaterThanEquals":{"aws:MultiFactorAuthAge":[60,120]}}`), IdentityPolicy, "",
			[]want{{"REDUNDANT_CONDITION_VALUE_NUM", Suggestion, "Statement[0].Condition{NumericGreaterThanEquals}{aws:MultiFactorAuthAge}", `"aws:MultiFactorAuthAge"`, "Multiple values in NumericGreaterThanEquals are redundant. Replace with the least single value for aws:MultiFactorAuthAge."}}},
		{"variable under a numeric operator", cond(`{"NumericLessThan":{"aws:MultiFactorAuthAge":"${aws:EpochTime}"}}`), IdentityPolicy, "",
			[]want{{"INVALID_VARIABLE_FOR_OPERATOR", Error, "Statement[0].Condition{NumericLessThan}{aws:MultiFactorAuthAge}", `"${aws:EpochTime}"`, "Policy variables can only be used with String and ARN operators."}}},
		{"requested Region misspelt", cond(`{"StringEquals":{"aws:RequestedRegion":["eu-west-1","eu-wst-1"]},"StringLike":{"aws:RequestedRegion":"us-*"}}`), IdentityPolicy, "",
			[]want{{"INVALID_REGION", Error, "Statement[0].Condition{StringEquals}{aws:RequestedRegion}[1]", `"eu-wst-1"`, "The Region eu-wst-1 is not valid. Update the condition value to a supported Region."}}},
		{"resource ARN in no Region", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":["kms:Decrypt","s3:GetObject"],"Resource":["arn:aws:kms:us-east-1:111111111111:key/k","arn:aws:kms:us-east-7:111111111111:key/k",`+
			`"arn:aws:kms:*:222222222222:key/*","arn:aws:s3:eu-north-1:111111111111:accesspoint/ap/object/*"]}`), IdentityPolicy, "",
			[]want{{"INVALID_ARN_REGION", Error, "Statement[0].Resource[1]", `"arn:aws:kms:us-east-7:111111111111:key/k"`, "The Region us-east-7 is not valid for this resource. Update the resource ARN to include a supported Region."}}},
		// AWS's wording as recorded by welldone-cloud/aws-lint-iam-policies
		// doc/example_results.json (aws:PrincipalTag in a bucket policy).
		{"AWS: PrincipalTag without a tag key in a bucket policy", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::share/*","Condition":{"StringNotEquals":{"aws:PrincipalTag":"team"}}}]}`, ResourcePolicy, S3BucketResourceType,
			[]want{{"MISSING_TAG_KEY_IN_CONDITION", Error, "Statement[0].Condition{StringNotEquals}{aws:PrincipalTag}", `"aws:PrincipalTag"`, "The condition key aws:PrincipalTag must include a tag-key to control access based on tags. Use the format aws:PrincipalTag/tag-key and specify a key name for tag-key."}}},
		{"tag condition key without a tag key", cond(`{"StringEquals":{"aws:ResourceTag/":"blue","aws:RequestTag":"green"}}`), IdentityPolicy, "",
			[]want{{"MISSING_TAG_KEY_IN_CONDITION", Error, "Statement[0].Condition{StringEquals}{aws:ResourceTag/}", `"aws:ResourceTag/"`, "The condition key aws:ResourceTag must include a tag-key to control access based on tags. Use the format aws:ResourceTag/tag-key and specify a key name for tag-key."},
				{"MISSING_TAG_KEY_IN_CONDITION", Error, "Statement[0].Condition{StringEquals}{aws:RequestTag}", `"aws:RequestTag"`, "The condition key aws:RequestTag must include a tag-key to control access based on tags. Use the format aws:RequestTag/tag-key and specify a key name for tag-key."}}},
	})
}
