package accessanalyzer

import (
	"fmt"
	"strings"
	"testing"
)

// withCondition is an identity policy allowing s3:GetObject under cond.
const withCondition = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":%s}]}`

// TestValidateConditionARNAndSizeChecks pins the condition, ARN format and
// policy size checks: AWS's issue codes and finding types from the "IAM
// policy validation check reference"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html),
// the finding details of its programmatic form, and where each points.
func TestValidateConditionARNAndSizeChecks(t *testing.T) {
	big := `[` + strings.Repeat(`"arn:aws:s3:::a-bucket-with-a-long-name/some/prefix/*",`, 200) + `"arn:aws:s3:::b/*"]`
	tests := []struct {
		name    string
		doc     string
		typ     PolicyType
		rt      string
		code    string
		ftype   FindingType
		path    string
		details string // substring
	}{
		// Conditions.
		{"unknown global key", fmt.Sprintf(withCondition, `{"StringEquals":{"aws:PrincipalOrgIdentifier":"o-1"}}`), IdentityPolicy, "",
			"INVALID_GLOBAL_CONDITION_KEY", Error, "Statement[0].Condition{StringEquals}{aws:PrincipalOrgIdentifier}",
			"The condition key aws:PrincipalOrgIdentifier does not exist. Use a valid condition key."},
		{"aws:ARN", fmt.Sprintf(withCondition, `{"ArnEquals":{"aws:ARN":"arn:aws:iam::111111111111:user/a"}}`), IdentityPolicy, "",
			"UNSUPPORTED_GLOBAL_CONDITION_KEY", Error, "Statement[0].Condition{ArnEquals}{aws:ARN}", "Use aws:PrincipalArn or aws:SourceArn instead."},
		{"unknown s3 key", fmt.Sprintf(withCondition, `{"StringEquals":{"s3:prefixes":"home/"}}`), IdentityPolicy, "",
			"INVALID_SERVICE_CONDITION_KEY", Error, "Statement[0].Condition{StringEquals}{s3:prefixes}",
			"The condition key s3:prefixes does not exist in the service s3. Use a valid condition key."},
		{"key of another service than the actions", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetUser","s3:ListBucket"],"Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/*"}}}]}`, IdentityPolicy, "",
			"UNSUPPORTED_ACTION_FOR_CONDITION_KEY", Error, "Statement[0].Condition{StringLike}{s3:prefix}",
			"The following actions: iam:GetUser are not supported by the condition key s3:prefix."},
		{"key without service", fmt.Sprintf(withCondition, `{"StringEquals":{"SourceIp":"1.2.3.4"}}`), IdentityPolicy, "",
			"INVALID_CONDITION_KEY_FORMAT", Error, "Statement[0].Condition{StringEquals}{SourceIp}", "Use the format service:keyname."},
		{"unknown operator", fmt.Sprintf(withCondition, `{"StringEqual":{"aws:username":"a"}}`), IdentityPolicy, "",
			"INVALID_CONDITION_OPERATOR", Error, "Statement[0].Condition{StringEqual}", "The condition operator StringEqual is not valid. Use a valid condition operator."},
		{"Null with IfExists", fmt.Sprintf(withCondition, `{"NullIfExists":{"aws:TokenIssueTime":"true"}}`), IdentityPolicy, "",
			"NULL_WITH_IF_EXISTS", Error, "Statement[0].Condition{NullIfExists}", "The Null condition operator cannot be used with the IfExists suffix."},
		{"date operator on a string key", fmt.Sprintf(withCondition, `{"DateGreaterThan":{"aws:username":"2020-01-01"}}`), IdentityPolicy, "",
			"TYPE_MISMATCH", Warning, "Statement[0].Condition{DateGreaterThan}{aws:username}",
			"Use the operator type String instead of operator DateGreaterThan for the condition key aws:username."},
		{"string operator on a Bool key", fmt.Sprintf(withCondition, `{"StringEquals":{"aws:MultiFactorAuthPresent":"true"}}`), IdentityPolicy, "",
			"TYPE_MISMATCH", Warning, "Statement[0].Condition{StringEquals}{aws:MultiFactorAuthPresent}", "Use the operator type Bool instead of operator StringEquals"},
		{"DateGreaterThan with a non-date", fmt.Sprintf(withCondition, `{"DateGreaterThan":{"aws:CurrentTime":"yesterday"}}`), IdentityPolicy, "",
			"TYPE_MISMATCH_DATE", Warning, "Statement[0].Condition{DateGreaterThan}{aws:CurrentTime}",
			"The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format."},
		{"DateLessThanIfExists with a non-date in a list", fmt.Sprintf(withCondition, `{"DateLessThanIfExists":{"aws:TokenIssueTime":["2024-05-01T00:00:00Z","soon"]}}`), IdentityPolicy, "",
			"TYPE_MISMATCH_DATE", Warning, "Statement[0].Condition{DateLessThanIfExists}{aws:TokenIssueTime}[1]", "invalid value"},
		{"epoch date", fmt.Sprintf(withCondition, `{"DateGreaterThan":{"aws:CurrentTime":"1700000000"}}`), IdentityPolicy, "",
			"INVALID_DATE_VALUE", Warning, "Statement[0].Condition{DateGreaterThan}{aws:CurrentTime}",
			"The date 1700000000 might not resolve as expected. We recommend that you use the YYYY-MM-DD format."},
		{"numeric operator with a word", fmt.Sprintf(withCondition, `{"NumericLessThan":{"aws:MultiFactorAuthAge":"an hour"}}`), IdentityPolicy, "",
			"TYPE_MISMATCH_NUMBER", Warning, "Statement[0].Condition{NumericLessThan}{aws:MultiFactorAuthAge}", "Add a valid numeric value for the condition operator NumericLessThan."},
		{"Bool with yes", fmt.Sprintf(withCondition, `{"Bool":{"aws:SecureTransport":"yes"}}`), IdentityPolicy, "",
			"TYPE_MISMATCH_BOOLEAN", Warning, "Statement[0].Condition{Bool}{aws:SecureTransport}", "Add a valid Boolean value (true or false) for the condition operator Bool."},
		{"Bool with two values", fmt.Sprintf(withCondition, `{"Bool":{"aws:SecureTransport":["true","false"]}}`), IdentityPolicy, "",
			"INVALID_CONDITION_MULTIPLE_BOOLEAN", Error, "Statement[0].Condition{Bool}{aws:SecureTransport}", "The condition key does not support multiple Boolean values."},
		{"bad CIDR", fmt.Sprintf(withCondition, `{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}`), IdentityPolicy, "",
			"TYPE_MISMATCH_IP_RANGE", Error, "Statement[0].Condition{IpAddress}{aws:SourceIp}", "The condition operator IpAddress is used with an invalid IP range value."},
		{"BinaryEquals not base64", fmt.Sprintf(withCondition, `{"BinaryEquals":{"aws:UserAgent":"not base64!"}}`), IdentityPolicy, "",
			"TYPE_MISMATCH_STRING", Warning, "Statement[0].Condition{BinaryEquals}{aws:UserAgent}", "Add a valid base64-encoded string value for the condition operator BinaryEquals."},
		{"keys differing in case", fmt.Sprintf(withCondition, `{"StringEquals":{"aws:username":"a","aws:UserName":"b"}}`), IdentityPolicy, "",
			"DUPLICATE_KEYS_WITH_DIFFERENT_CASE", Error, "Statement[0].Condition{StringEquals}{aws:UserName}", "appears more than once with different capitalization"},
		{"values of mixed types", fmt.Sprintf(withCondition, `{"NumericEquals":{"s3:max-keys":["10",10]}}`), IdentityPolicy, "",
			"INVALID_CONDITION_DATA_TYPE", Error, "Statement[0].Condition{NumericEquals}{s3:max-keys}", "The condition value data types do not match."},
		{"empty condition", fmt.Sprintf(withCondition, `{}`), IdentityPolicy, "",
			"EMPTY_OBJECT_CONDITION", Suggestion, "Statement[0].Condition", "This condition block is empty and it does not affect the policy."},
		{"empty values", fmt.Sprintf(withCondition, `{"StringEquals":{"aws:username":[]}}`), IdentityPolicy, "",
			"EMPTY_ARRAY_CONDITION", Suggestion, "Statement[0].Condition{StringEquals}{aws:username}", "There are no values for the condition key aws:username"},

		// ARN formats.
		{"no arn prefix", fmt.Sprintf(allowS3, `"s3:GetObject"`, `"s3:::b/*"`), IdentityPolicy, "",
			"INVALID_ARN_PREFIX", Error, "Statement[0].Resource", "Add the required prefix (arn) to the resource ARN."},
		{"too few fields", fmt.Sprintf(allowS3, `"s3:GetObject"`, `"arn:aws:s3:b/*"`), IdentityPolicy, "",
			"MISSING_ARN_FIELD", Error, "Statement[0].Resource", "Resource ARNs must include at least 6 fields in the following structure: arn:partition:service:region:account:resource"},
		{"unknown partition", fmt.Sprintf(allowS3, `"s3:GetObject"`, `"arn:amazon:s3:::b/*"`), IdentityPolicy, "",
			"INVALID_PARTITION", Error, "Statement[0].Resource", "The resource ARN for the service s3 does not support the partition amazon. Use the supported values: aws, aws-cn, aws-us-gov"},
		{"service in capitals", fmt.Sprintf(allowS3, `"s3:GetObject"`, `"arn:aws:S3:::b/*"`), IdentityPolicy, "",
			"INVALID_ARN_SERVICE_CASE", Error, "Statement[0].Resource", "Update the service name S3 in the resource ARN to use all lowercase letters."},
		{"eleven-digit account", fmt.Sprintf(allowS3, `"sts:AssumeRole"`, `["arn:aws:iam::222222222222:role/a","arn:aws:iam::22222222222:role/r"]`), IdentityPolicy, "",
			"INVALID_ARN_ACCOUNT", Error, "Statement[0].Resource[1]", "The resource ARN account ID 22222222222 is not valid. Provide a 12-digit account ID."},
		{"S3 bucket ARN with an account", fmt.Sprintf(allowS3, `"s3:GetObject"`, `"arn:aws:s3::222222222222:cross-account-bucket/*"`), IdentityPolicy, "",
			"ARN_ACCOUNT_NOT_ALLOWED", Error, "Statement[0].Resource", "The service s3 does not support specifying an account ID in the resource ARN."},
		{"S3 bucket ARN with a Region", fmt.Sprintf(allowS3, `"s3:GetObject"`, `"arn:aws:s3:us-east-1::b/*"`), IdentityPolicy, "",
			"ARN_REGION_NOT_ALLOWED", Error, "Statement[0].Resource", "The service s3 does not support specifying a Region in the resource ARN."},
		{"IAM ARN with a Region", fmt.Sprintf(allowS3, `"sts:AssumeRole"`, `"arn:aws:iam:us-east-1:222222222222:role/r"`), IdentityPolicy, "",
			"ARN_REGION_NOT_ALLOWED", Error, "Statement[0].Resource", "The service iam does not support specifying a Region in the resource ARN."},
		{"IAM resource type misspelt", fmt.Sprintf(allowS3, `"sts:AssumeRole"`, `"arn:aws:iam::222222222222:roles/r"`), IdentityPolicy, "",
			"INVALID_ARN_RESOURCE", Error, "Statement[0].Resource", "Resource ARN does not match the expected ARN format. Update the resource portion of the ARN."},
		{"analyzer ARN without Region", fmt.Sprintf(allowS3, `"access-analyzer:GetAnalyzer"`, `"arn:aws:access-analyzer::111111111111:analyzer/a"`), IdentityPolicy, "",
			"MISSING_ARN_REGION", Error, "Statement[0].Resource", "Add a Region to the access-analyzer resource ARN."},
		{"KMS key in a bucket policy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject",` +
			`"Resource":["arn:aws:s3:::b/*","arn:aws:kms:us-east-1:111111111111:key/k"]}]}`, ResourcePolicy, S3BucketResourceType,
			"UNSUPPORTED_RESOURCE_ARN_IN_POLICY", Error, "Statement[0].Resource[1]", "The resource ARN is not supported for the resource-based policy attached to the resource type AWS::S3::Bucket."},
		{"NotResource checked too", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::b/*","arn:aws:S3:::c/*"]}]}`, IdentityPolicy, "",
			"INVALID_ARN_SERVICE_CASE", Error, "Statement[0].NotResource[1]", "Update the service name S3"},

		// Policy size quotas.
		{"identity policy over 6,144", fmt.Sprintf(allowS3, `"s3:GetObject"`, big), IdentityPolicy, "",
			"POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", Warning, "", "characters in the identity policy, excluding whitespace, exceed the 6144 character maximum for inline and managed policies."},
		{"trust policy over 2,048", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[` +
			strings.TrimSuffix(strings.Repeat(`"arn:aws:iam::111111111111:root",`, 70), ",") + `]},"Action":"sts:AssumeRole"}]}`, ResourcePolicy, trustPolicyType,
			"POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", Warning, "", "The characters in the role trust policy, excluding whitespace, exceed the character maximum."},
		{"bucket policy over 20 KB", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":` +
			big + strings.Repeat(" ", 20*1024) + `}]}`, ResourcePolicy, S3BucketResourceType,
			"POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", Warning, "", "exceed the 20480 character maximum for resource policies."},
		{"SCP over 5,120", fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":%s}]}`, big), ServiceControlPolicy, "",
			"POLICY_SIZE_EXCEEDS_SCP_QUOTA", Error, "", "character maximum for SCPs."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := Validate(Input{Document: tc.doc, Type: tc.typ, ResourceType: tc.rt})
			for _, f := range fs {
				if f.IssueCode != tc.code {
					continue
				}
				if f.FindingType != tc.ftype {
					t.Errorf("%s: findingType = %s, want %s", tc.code, f.FindingType, tc.ftype)
				}
				if got := pathString(f.Locations[0].Path); got != tc.path {
					t.Errorf("%s: path = %s, want %s", tc.code, got, tc.path)
				}
				if !strings.Contains(f.FindingDetails, tc.details) {
					t.Errorf("%s: details = %q, want it to contain %q", tc.code, f.FindingDetails, tc.details)
				}
				if !strings.Contains(f.LearnMoreLink, "#access-analyzer-reference-policy-checks-") {
					t.Errorf("%s: learnMoreLink = %s, want a section of AWS's reference", tc.code, f.LearnMoreLink)
				}
				return
			}
			t.Errorf("no %s finding; got %v", tc.code, codes(fs))
		})
	}
}

// TestValidateConditionARNAndSizeClean: well-formed conditions, ARNs and
// sizes get no findings.
func TestValidateConditionARNAndSizeClean(t *testing.T) {
	docs := []struct {
		doc string
		typ PolicyType
		rt  string
	}{
		{fmt.Sprintf(withCondition, `{"DateGreaterThan":{"aws:CurrentTime":"2024-01-01T00:00:00Z"},"DateLessThan":{"aws:CurrentTime":"2030-12-31"},`+
			`"Bool":{"aws:SecureTransport":"true","aws:MultiFactorAuthPresent":true},"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"},`+
			`"IpAddress":{"aws:SourceIp":["203.0.113.0/24","192.0.2.1"]},"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/ci-*"},`+
			`"StringEquals":{"aws:PrincipalTag/team":"blue","s3:ExistingObjectTag/class":"public","aws:username":"${aws:username}"},`+
			`"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]},"StringEqualsIfExists":{"s3:x-amz-acl":"private"},`+
			`"Null":{"aws:TokenIssueTime":"false"},"StringLike":{"kms:ViaService":"s3.*.amazonaws.com"}}`), IdentityPolicy, ""},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole",` +
			`"Condition":{"StringEquals":{"sts:ExternalId":"x"},"NumericLessThanEquals":{"sts:DurationSeconds":"3600"}}}]}`, ResourcePolicy, trustPolicyType},
		{fmt.Sprintf(allowS3, `["iam:GetRole","iam:GetPolicy","sts:AssumeRole","access-analyzer:GetAnalyzer","kms:Decrypt","s3:GetObject"]`,
			`["arn:aws:iam::222222222222:role/path/r","arn:aws:iam::aws:policy/ReadOnlyAccess","arn:aws-cn:iam::222222222222:role/r",`+
				`"arn:aws:access-analyzer:us-east-1:111111111111:analyzer/a","arn:aws:kms:us-east-1:111111111111:key/abc",`+
				`"arn:aws:s3:us-east-1:111111111111:accesspoint/ap/object/*","arn:aws:s3:::b/${aws:username}/*"]`), IdentityPolicy, ""},
		{fmt.Sprintf(allowS3, `"iam:GetRole"`, `"arn:*:iam::*:role/*"`), IdentityPolicy, ""},
	}
	for i, d := range docs {
		if fs := Validate(Input{Document: d.doc, Type: d.typ, ResourceType: d.rt}); len(fs) != 0 {
			t.Errorf("doc %d: findings %v", i, codes(fs))
		}
	}
}
