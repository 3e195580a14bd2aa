package golden

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Cases from LocalStack's split IAM policy tests,
// tests/aws/services/iam/test_iam_policies.py (recorded against AWS in
// February 2026).

// lsPolicyDoc is one document of TestPolicyDocumentValidity: the body
// CreatePolicy was sent (Python's json.dumps of the test's dict, or the raw
// string) and AWS's MalformedPolicyDocument message; an empty message means
// AWS accepted it.
type lsPolicyDoc struct {
	id, validated, doc, message string
}

// lsPolicyDocs is the test's table. In the recorded messages the snapshot
// replaced "aws" and "us-east-1" by <partition> and <region>; they are put
// back here as the documents sent them.
var lsPolicyDocs = []lsPolicyDoc{
	{"invalid-0", "2026-02-18", `This is not a json document`, "Syntax errors in policy."},
	{"invalid-1", "2026-02-18", `{"Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Policy document must be version 2012-10-17 or greater."},
	{"invalid-2", "2026-02-18", `{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Policy document must be version 2012-10-17 or greater."},
	{"invalid-3", "2026-02-18", `{"Version": "2013-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Syntax errors in policy."},
	{"invalid-4", "2026-02-18", `{"Version": "2012-10-17"}`, "Syntax errors in policy."},
	{"invalid-5", "2026-02-18", `{"Version": "2012-10-17", "Statement": ["afd"]}`, "Syntax errors in policy."},
	{"invalid-6", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}, "Extra field": "value"}`, "Syntax errors in policy."},
	{"invalid-7", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Extra field": "value"}}`, "Syntax errors in policy."},
	{"invalid-8", "2026-02-18", `{"Version": "2012-10-17", "Id": ["cd3a324d2343d942772346-34234234423404-4c2242343242349d1642ee"], "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Syntax errors in policy."},
	{"invalid-9", "2026-02-18", `{"Version": "2012-10-17", "Id": {}, "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Syntax errors in policy."},
	{"invalid-10", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "invalid", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Syntax errors in policy."},
	{"invalid-11", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "invalid", "Resource": "arn:aws:s3:::example_bucket"}}`, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
	{"invalid-12", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "", "Resource": "arn:aws:s3:::example_bucket"}}`, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
	{"invalid-13", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "a a:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Vendor a a is not valid"},
	{"invalid-14", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:List:Bucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Actions/Condition can contain only one colon."},
	{"invalid-15", "2026-02-18", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3s:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}, {"Effect": "Allow", "Action": "s:3s:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}]}`, "Actions/Condition can contain only one colon."},
	{"invalid-16", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "invalid resource"}}`, "Resource invalid resource must be in ARN format or \"*\"."},
	{"invalid-17", "2026-02-18", `{"Version": "2012-10-17", "Statement": [{"Sid": "EnableDisableHongKong", "Effect": "Allow", "Action": ["account:EnableRegion", "account:DisableRegion"], "Resource": "", "Condition": {"StringEquals": {"account:TargetRegion": "ap-east-1"}}}, {"Sid": "ViewConsole", "Effect": "Allow", "Action": ["aws-portal:ViewAccount", "account:ListRegions"], "Resource": ""}]}`, "Resource  must be in ARN format or \"*\"."},
	{"invalid-18", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s:3:ListBucket", "Resource": "sdfsadf"}}`, "Resource sdfsadf must be in ARN format or \"*\"."},
	{"invalid-19", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": ["adf"]}}`, "Resource adf must be in ARN format or \"*\"."},
	{"invalid-20", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": ""}}`, "Resource  must be in ARN format or \"*\"."},
	{"invalid-21", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3s:ListBucket", "Resource": "a:bsdfdsafsad"}}`, "Partition \"bsdfdsafsad\" is not valid for resource \"arn:bsdfdsafsad:*:*:*:*\"."},
	{"invalid-22", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3s:ListBucket", "Resource": "a:b:cadfsdf"}}`, "Partition \"b\" is not valid for resource \"arn:b:cadfsdf:*:*:*\"."},
	{"invalid-23", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3s:ListBucket", "Resource": "a:b:c:d:e:f:g:h"}}`, "Partition \"b\" is not valid for resource \"arn:b:c:d:e:f:g:h\"."},
	{"invalid-24", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "aws:s3:::example_bucket"}}`, "Partition \"s3\" is not valid for resource \"arn:s3:::example_bucket:*\"."},
	{"invalid-25", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": ["arn:error:s3:::example_bucket", "arn:error:s3::example_bucket"]}}`, "Partition \"error\" is not valid for resource \"arn:error:s3:::example_bucket\"."},
	{"invalid-26", "2026-02-18", `{"Version": "2012-10-17", "Statement": []}`, "Syntax errors in policy."},
	{"invalid-27", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket"}}`, "Policy statement must contain resources."},
	{"invalid-28", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": []}}`, "Policy statement must contain resources."},
	{"invalid-29", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "invalid"}}`, "Policy statement must contain resources."},
	{"invalid-30", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Resource": "arn:aws:s3:::example_bucket"}}`, "Policy statement must contain actions."},
	{"invalid-31", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Syntax errors in policy."},
	{"invalid-32", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow"}}`, "Policy statement must contain actions."},
	{"invalid-33", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": [], "Resource": "arn:aws:s3:::example_bucket"}}`, "Policy statement must contain actions."},
	{"invalid-34", "2026-02-18", `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny"}, {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}]}`, "Policy statement must contain actions."},
	{"invalid-35", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:iam:::example_bucket"}}`, "IAM resource path must either be \"*\", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/."},
	{"invalid-36", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3::example_bucket"}}`, "The policy failed legacy parsing"},
	{"invalid-37", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Resource": "arn:aws:s3::example_bucket"}}`, "The policy failed legacy parsing"},
	{"invalid-38", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws"}}`, "Resource vendor must be fully qualified and cannot contain regexes."},
	{"invalid-39", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": {"a": "arn:aws:s3:::example_bucket"}}}`, "Syntax errors in policy."},
	{"invalid-40", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:ListBucket", "Resource": ["adfdf", {}]}}`, "Syntax errors in policy."},
	{"invalid-41", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "NotResource": []}}`, "Syntax errors in policy."},
	{"invalid-42", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": [[]], "Resource": "arn:aws:s3:::example_bucket"}}`, "Syntax errors in policy."},
	{"invalid-43", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3s:ListBucket", "Action": [], "Resource": "arn:aws:s3:::example_bucket"}}`, "Syntax errors in policy."},
	{"invalid-44", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": {}, "Resource": "arn:aws:s3:::example_bucket"}}`, "Syntax errors in policy."},
	{"invalid-45", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": []}}`, "Syntax errors in policy."},
	{"invalid-46", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": "a"}}`, "Syntax errors in policy."},
	{"invalid-47", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"a": "b"}}}`, "Syntax errors in policy."},
	{"invalid-48", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateGreaterThan": "b"}}}`, "Syntax errors in policy."},
	{"invalid-49", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateGreaterThan": []}}}`, "Syntax errors in policy."},
	{"invalid-50", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateGreaterThan": {"a": {}}}}}`, "Syntax errors in policy."},
	{"invalid-51", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateGreaterThan": {"a": {}}}}}`, "Syntax errors in policy."},
	{"invalid-52", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"x": {"a": "1"}}}}`, "Syntax errors in policy."},
	{"invalid-53", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"ForAnyValue::StringEqualsIfExists": {"a": "asf"}}}}`, "Syntax errors in policy."},
	{"invalid-54", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": [{"ForAllValues:StringEquals": {"aws:TagKeys": "Department"}}]}}`, "Syntax errors in policy."},
	{"invalid-55", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:iam:us-east-1::example_bucket"}}`, "IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information."},
	{"invalid-56", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:us-east-1::example_bucket"}}`, "Resource arn:aws:s3:us-east-1::example_bucket can not contain region information."},
	{"invalid-57", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Sid": {}, "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Syntax errors in policy."},
	{"invalid-58", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Sid": [], "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Syntax errors in policy."},
	{"invalid-59", "2026-02-18", `{"Version": "2012-10-17", "Statement": [{"Sid": "sdf", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}, {"Sid": "sdf", "Effect": "Allow"}]}`, "Statement IDs (SID) in a single policy must be unique."},
	{"invalid-60", "2026-02-18", `{"Statement": [{"Sid": "sdf", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}, {"Sid": "sdf", "Effect": "Allow"}]}`, "Policy document must be version 2012-10-17 or greater."},
	{"invalid-61", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3:ListBucket", "Action": "iam:dsf", "Resource": "arn:aws:s3:::example_bucket"}}`, "Syntax errors in policy."},
	{"invalid-62", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "NotResource": "*"}}`, "Syntax errors in policy."},
	{"invalid-63", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "denY", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "The policy failed legacy parsing"},
	{"invalid-64", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateGreaterThan": {"a": "sdfdsf"}}}}`, "The policy failed legacy parsing"},
	{"invalid-65", "2026-02-18", `{"Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateGreaterThan": {"a": "sdfdsf"}}}}`, "Policy document must be version 2012-10-17 or greater."},
	{"invalid-66", "2026-02-18", `{"Statement": {"Effect": "denY", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, "Policy document must be version 2012-10-17 or greater."},
	{"invalid-67", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Condition": {"DateGreaterThan": {"a": "sdfdsf"}}}}`, "The policy failed legacy parsing"},
	{"invalid-68", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3:ListBucket", "Resource": "arn:aws::::example_bucket"}}`, "The policy failed legacy parsing"},
	{"invalid-69", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "allow", "Resource": "arn:aws:s3:us-east-1::example_bucket"}}`, "The policy failed legacy parsing"},
	{"invalid-70", "2026-02-18", `{"Version": "2012-10-17", "Statement": [{"Sid": "sdf", "Effect": "aLLow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}, {"Sid": "sdf", "Effect": "Allow"}]}`, "The policy failed legacy parsing"},
	{"invalid-71", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "NotResource": "arn:aws:s3::example_bucket"}}`, "The policy failed legacy parsing"},
	{"invalid-72", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateLessThanEquals": {"a": "234-13"}}}}`, "The policy failed legacy parsing"},
	{"invalid-73", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateLessThanEquals": {"a": "2016-12-13t2:00:00.593194+1"}}}}`, "The policy failed legacy parsing"},
	{"invalid-74", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateLessThanEquals": {"a": "2016-12-13t2:00:00.1999999999+10:59"}}}}`, "The policy failed legacy parsing"},
	{"invalid-75", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateLessThan": {"a": "9223372036854775808"}}}}`, "The policy failed legacy parsing"},
	{"invalid-76", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:error:s3:::example_bucket", "Condition": {"DateGreaterThan": {"a": "sdfdsf"}}}}`, "The policy failed legacy parsing"},
	{"invalid-77", "2026-02-18", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws::fdsasf"}}`, "The policy failed legacy parsing"},
	{"valid-0", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": ["arn:aws:s3:::example_bucket"]}}`, ""},
	{"valid-1", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam: asdf safdsf af ", "Resource": "arn:aws:s3:::example_bucket"}}`, ""},
	{"valid-2", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": ["arn:aws:s3:::example_bucket", "*"]}}`, ""},
	{"valid-3", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::example_bucket"}}`, ""},
	{"valid-4", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}]}`, ""},
	{"valid-5", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "service-prefix:action-name", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2017-07-01T00:00:00Z"}, "DateLessThan": {"aws:CurrentTime": "2017-12-31T23:59:59Z"}}}}`, ""},
	{"valid-6", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "fsx:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, ""},
	{"valid-7", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:iam:::user/example_bucket"}}`, ""},
	{"valid-8", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s33:::example_bucket"}}`, ""},
	{"valid-9", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:fdsasf"}}`, ""},
	{"valid-10", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {}}}`, ""},
	{"valid-11", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": "Department"}}}}`, ""},
	{"valid-12", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:cloudwatch:us-east-1::example_bucket"}}`, ""},
	{"valid-13", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:ec2:us-east-1::example_bucket"}}`, ""},
	{"valid-14", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:invalid-service:::example_bucket"}}`, ""},
	{"valid-15", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:invalid-service:us-east-1::example_bucket"}}`, ""},
	{"valid-16", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2017-07-01T00:00:00Z"}, "DateLessThan": {"aws:CurrentTime": "2017-12-31T23:59:59Z"}}}}`, ""},
	{"valid-17", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateGreaterThan": {}}}}`, ""},
	{"valid-18", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateGreaterThan": {"a": []}}}}`, ""},
	{"valid-19", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"a": {}}}}`, ""},
	{"valid-20", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Sid": "dsfsdfsdfsdfsdfsadfsd", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, ""},
	{"valid-21", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Sid": "ConsoleDisplay", "Effect": "Allow", "Action": ["iam:GetRole", "iam:GetUser", "iam:ListRoles", "iam:ListRoleTags", "iam:ListUsers", "iam:ListUserTags"], "Resource": "*"}, {"Sid": "AddTag", "Effect": "Allow", "Action": ["iam:TagUser", "iam:TagRole"], "Resource": "*", "Condition": {"StringEquals": {"aws:RequestTag/CostCenter": ["A-123", "B-456"]}, "ForAllValues:StringEquals": {"aws:TagKeys": "CostCenter"}}}]}`, ""},
	{"valid-22", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, ""},
	{"valid-23", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"]}}`, ""},
	{"valid-24", "2026-02-10", `{"Version": "2012-10-17", "Id": "sdfsdfsdf", "Statement": {"Effect": "Allow", "NotAction": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, ""},
	{"valid-25", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "aaaaaadsfdsafsadfsadfaaaaa:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, ""},
	{"valid-26", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3-s:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, ""},
	{"valid-27", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3.s:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}}`, ""},
	{"valid-28", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3:ListBucket", "NotResource": "*"}}`, ""},
	{"valid-29", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Sid": "sdf", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}, {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}]}`, ""},
	{"valid-30", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateGreaterThan": {"a": "01T"}}}}`, ""},
	{"valid-31", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"x": {}, "y": {}}}}`, ""},
	{"valid-32", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"StringEqualsIfExists": {"a": "asf"}}}}`, ""},
	{"valid-33", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"ForAnyValue:StringEqualsIfExists": {"a": "asf"}}}}`, ""},
	{"valid-34", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateLessThanEquals": {"a": "2019-07-01T13:20:15Z"}}}}`, ""},
	{"valid-35", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateLessThanEquals": {"a": "2016-12-13T21:20:37.593194+00:00"}}}}`, ""},
	{"valid-36", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateLessThanEquals": {"a": "2016-12-13t2:00:00.593194+23"}}}}`, ""},
	{"valid-37", "2026-02-10", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket", "Condition": {"DateLessThan": {"a": "-292275054"}}}}`, ""},
	{"valid-38", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Sid": "AllowViewAccountInfo", "Effect": "Allow", "Action": ["iam:GetAccountPasswordPolicy", "iam:GetAccountSummary", "iam:ListVirtualMFADevices"], "Resource": "*"}, {"Sid": "AllowManageOwnPasswords", "Effect": "Allow", "Action": ["iam:ChangePassword", "iam:GetUser"], "Resource": "arn:aws:iam::*:user/${aws:username}"}, {"Sid": "AllowManageOwnAccessKeys", "Effect": "Allow", "Action": ["iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys", "iam:UpdateAccessKey"], "Resource": "arn:aws:iam::*:user/${aws:username}"}, {"Sid": "AllowManageOwnSigningCertificates", "Effect": "Allow", "Action": ["iam:DeleteSigningCertificate", "iam:ListSigningCertificates", "iam:UpdateSigningCertificate", "iam:UploadSigningCertificate"], "Resource": "arn:aws:iam::*:user/${aws:username}"}, {"Sid": "AllowManageOwnSSHPublicKeys", "Effect": "Allow", "Action": ["iam:DeleteSSHPublicKey", "iam:GetSSHPublicKey", "iam:ListSSHPublicKeys", "iam:UpdateSSHPublicKey", "iam:UploadSSHPublicKey"], "Resource": "arn:aws:iam::*:user/${aws:username}"}, {"Sid": "AllowManageOwnGitCredentials", "Effect": "Allow", "Action": ["iam:CreateServiceSpecificCredential", "iam:DeleteServiceSpecificCredential", "iam:ListServiceSpecificCredentials", "iam:ResetServiceSpecificCredential", "iam:UpdateServiceSpecificCredential"], "Resource": "arn:aws:iam::*:user/${aws:username}"}, {"Sid": "AllowManageOwnVirtualMFADevice", "Effect": "Allow", "Action": ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"], "Resource": "arn:aws:iam::*:mfa/${aws:username}"}, {"Sid": "AllowManageOwnUserMFA", "Effect": "Allow", "Action": ["iam:DeactivateMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"], "Resource": "arn:aws:iam::*:user/${aws:username}"}, {"Sid": "DenyAllExceptListedIfNoMFA", "Effect": "Deny", "NotAction": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice", "sts:GetSessionToken"], "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}`, ""},
	{"valid-39", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Sid": "ListAndDescribe", "Effect": "Allow", "Action": ["dynamodb:List*", "dynamodb:DescribeReservedCapacity*", "dynamodb:DescribeLimits", "dynamodb:DescribeTimeToLive"], "Resource": "*"}, {"Sid": "SpecificTable", "Effect": "Allow", "Action": ["dynamodb:BatchGet*", "dynamodb:DescribeStream", "dynamodb:DescribeTable", "dynamodb:Get*", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchWrite*", "dynamodb:CreateTable", "dynamodb:Delete*", "dynamodb:Update*", "dynamodb:PutItem"], "Resource": "arn:aws:dynamodb:*:*:table/MyTable"}]}`, ""},
	{"valid-40", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:AttachVolume", "ec2:DetachVolume"], "Resource": ["arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*:*:instance/*"], "Condition": {"ArnEquals": {"ec2:SourceInstanceARN": "arn:aws:ec2:*:*:instance/instance-id"}}}]}`, ""},
	{"valid-41", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:AttachVolume", "ec2:DetachVolume"], "Resource": "arn:aws:ec2:*:*:instance/*", "Condition": {"StringEquals": {"ec2:ResourceTag/Department": "Development"}}}, {"Effect": "Allow", "Action": ["ec2:AttachVolume", "ec2:DetachVolume"], "Resource": "arn:aws:ec2:*:*:volume/*", "Condition": {"StringEquals": {"ec2:ResourceTag/VolumeUser": "${aws:username}"}}}]}`, ""},
	{"valid-42", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Sid": "StartStopIfTags", "Effect": "Allow", "Action": ["ec2:StartInstances", "ec2:StopInstances", "ec2:DescribeTags"], "Resource": "arn:aws:ec2:region:account-id:instance/*", "Condition": {"StringEquals": {"ec2:ResourceTag/Project": "DataAnalytics", "aws:PrincipalTag/Department": "Data"}}}]}`, ""},
	{"valid-43", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Sid": "ListYourObjects", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": ["arn:aws:s3:::bucket-name"], "Condition": {"StringLike": {"s3:prefix": ["cognito/application-name/${cognito-identity.amazonaws.com:sub}"]}}}, {"Sid": "ReadWriteDeleteYourObjects", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], "Resource": ["arn:aws:s3:::bucket-name/cognito/application-name/${cognito-identity.amazonaws.com:sub}", "arn:aws:s3:::bucket-name/cognito/application-name/${cognito-identity.amazonaws.com:sub}/*"]}]}`, ""},
	{"valid-44", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:ListAllMyBuckets", "s3:GetBucketLocation"], "Resource": "*"}, {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bucket-name", "Condition": {"StringLike": {"s3:prefix": ["", "home/", "home/${aws:userid}/*"]}}}, {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::bucket-name/home/${aws:userid}", "arn:aws:s3:::bucket-name/home/${aws:userid}/*"]}]}`, ""},
	{"valid-45", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Sid": "ConsoleAccess", "Effect": "Allow", "Action": ["s3:GetAccountPublicAccessBlock", "s3:GetBucketAcl", "s3:GetBucketLocation", "s3:GetBucketPolicyStatus", "s3:GetBucketPublicAccessBlock", "s3:ListAllMyBuckets"], "Resource": "*"}, {"Sid": "ListObjectsInBucket", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": ["arn:aws:s3:::bucket-name"]}, {"Sid": "AllObjectActions", "Effect": "Allow", "Action": "s3:*Object", "Resource": ["arn:aws:s3:::bucket-name/*"]}]}`, ""},
	{"valid-46", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Sid": "AllowViewAccountInfo", "Effect": "Allow", "Action": ["iam:GetAccountPasswordPolicy", "iam:GetAccountSummary"], "Resource": "*"}, {"Sid": "AllowManageOwnPasswords", "Effect": "Allow", "Action": ["iam:ChangePassword", "iam:GetUser"], "Resource": "arn:aws:iam::*:user/${aws:username}"}, {"Sid": "AllowManageOwnAccessKeys", "Effect": "Allow", "Action": ["iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys", "iam:UpdateAccessKey"], "Resource": "arn:aws:iam::*:user/${aws:username}"}, {"Sid": "AllowManageOwnSigningCertificates", "Effect": "Allow", "Action": ["iam:DeleteSigningCertificate", "iam:ListSigningCertificates", "iam:UpdateSigningCertificate", "iam:UploadSigningCertificate"], "Resource": "arn:aws:iam::*:user/${aws:username}"}, {"Sid": "AllowManageOwnSSHPublicKeys", "Effect": "Allow", "Action": ["iam:DeleteSSHPublicKey", "iam:GetSSHPublicKey", "iam:ListSSHPublicKeys", "iam:UpdateSSHPublicKey", "iam:UploadSSHPublicKey"], "Resource": "arn:aws:iam::*:user/${aws:username}"}, {"Sid": "AllowManageOwnGitCredentials", "Effect": "Allow", "Action": ["iam:CreateServiceSpecificCredential", "iam:DeleteServiceSpecificCredential", "iam:ListServiceSpecificCredentials", "iam:ResetServiceSpecificCredential", "iam:UpdateServiceSpecificCredential"], "Resource": "arn:aws:iam::*:user/${aws:username}"}]}`, ""},
	{"valid-47", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Action": "ec2:*", "Resource": "*", "Effect": "Allow", "Condition": {"StringEquals": {"ec2:Region": "region"}}}]}`, ""},
	{"valid-48", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "rds:*", "Resource": ["arn:aws:rds:region:*:*"]}, {"Effect": "Allow", "Action": ["rds:Describe*"], "Resource": ["*"]}]}`, ""},
	{"valid-49", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Sid": "", "Effect": "Allow", "Action": "rds:*", "Resource": ["arn:aws:rds:region:*:*"]}, {"Sid": "", "Effect": "Allow", "Action": ["rds:Describe*"], "Resource": ["*"]}]}`, ""},
	{"valid-50", "2026-02-10", `{"Version": "2012-10-17", "Statement": [{"Sid": "", "Effect": "Allow", "Action": ["s3:*"], "Resource": ["arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point", "arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point/object/*"]}]}`, ""},
}

func TestIAMLSPolicyDocumentValidity(t *testing.T) {
	var cases []Case
	for _, d := range lsPolicyDocs {
		kind, want := "valid", Want{Fields: map[string]any{
			"Policy.DefaultVersionId": "v1", "Policy.Path": "/", "Policy.AttachmentCount": 0,
			"Policy.IsAttachable": true, "Policy.Arn": policyARN("p"),
		}}
		if d.message != "" {
			kind, want = "invalid", Want{Status: 400, Code: "MalformedPolicyDocument", Message: d.message}
		}
		cases = append(cases, Case{
			Name:   "CreatePolicy/" + d.id,
			Source: localstack("iam/test_iam_policies.snapshot.json", "TestPolicyDocumentValidity::test_create_policy_"+kind+"_document["+d.id+"]", map[bool]string{true: "error", false: "response"}[kind == "invalid"], d.validated),
			Call: func(ctx context.Context, w *World) (any, error) {
				return iamc(w).CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("p"), PolicyDocument: aws.String(d.doc)})
			},
			Want: want,
		})
	}
	Run(t, cases)
}

func lsCreatePolicyTagged(name string, tags ...types.Tag) iamCall {
	return func(ctx context.Context, c *iam.Client) (any, error) {
		return c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String(name), PolicyDocument: aws.String(listBucket), Tags: tags})
	}
}

func lsTagPolicy(arn string, tags ...types.Tag) iamCall {
	return func(ctx context.Context, c *iam.Client) (any, error) {
		return c.TagPolicy(ctx, &iam.TagPolicyInput{PolicyArn: aws.String(arn), Tags: tags})
	}
}

func lsUntagPolicy(arn string, keys ...string) iamCall {
	return func(ctx context.Context, c *iam.Client) (any, error) {
		return c.UntagPolicy(ctx, &iam.UntagPolicyInput{PolicyArn: aws.String(arn), TagKeys: keys})
	}
}

// TestIAMLSPolicyErrors replays the error cases of test_iam_policies.py's
// TestPolicies, TestPolicyTags and TestListEntitiesForPolicy.
func TestIAMLSPolicyErrors(t *testing.T) {
	src := func(test, key, date string) string { return lsIAM("policies", test, key, date) }
	const (
		verErr  = "TestPolicies::test_policy_version_errors"
		create  = "TestPolicyTags::test_policy_tag_create_errors"
		update  = "TestPolicyTags::test_policy_tag_update_errors"
		missing = "TestNonExistingPolicy"
	)
	p := policyARN("p")
	gone := policyARN(missing)
	notAPolicy := policyARN("NotAPolicy")
	pol := mkPolicy("p", listBucket)
	version := func(op, arn, id string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			switch op {
			case "get":
				return c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(arn), VersionId: aws.String(id)})
			case "delete":
				return c.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: aws.String(arn), VersionId: aws.String(id)})
			}
			return c.SetDefaultPolicyVersion(ctx, &iam.SetDefaultPolicyVersionInput{PolicyArn: aws.String(arn), VersionId: aws.String(id)})
		}
	}
	v2 := do(func(ctx context.Context, c *iam.Client) (any, error) {
		return c.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: aws.String(p), PolicyDocument: aws.String(listBucket)})
	})
	noVersion := func(arn, id string) string {
		return "Policy " + arn + " version " + id + " does not exist or is not attachable."
	}
	tooMany := "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"
	keyTooLong := "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128"
	valueTooLong := "1 validation error detected: Value at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256"
	badChar := "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: " + lsTagPattern
	long := func(n int) string { return strings.Repeat("0", n) }
	Run(t, []Case{
		fails("GetPolicyVersion/no such policy", src(verErr, "err-get-version-nonexistent-policy", "2026-02-10"), nil, version("get", gone, "v1"), 404, "NoSuchEntity", noVersion(gone, "v1")),
		fails("GetPolicyVersion/no such version", src(verErr, "err-get-nonexistent-version", "2026-02-10"), steps(pol, v2), version("get", p, "v9"), 404, "NoSuchEntity", noVersion(p, "v9")),
		fails("DeletePolicyVersion/the default", src(verErr, "err-delete-default-version", "2026-02-10"), steps(pol, v2), version("delete", p, "v1"), 409, "DeleteConflict", "Cannot delete the default version of a policy."),
		fails("DeletePolicyVersion/no such version", src(verErr, "err-delete-nonexistent-version", "2026-02-10"), steps(pol, v2), version("delete", p, "v9"), 404, "NoSuchEntity", noVersion(p, "v9")),
		fails("SetDefaultPolicyVersion/no such policy", src(verErr, "err-set-default-nonexistent-policy", "2026-02-10"), nil, version("set", gone, "v1"), 404, "NoSuchEntity", noVersion(gone, "v1")),
		lsElided("SetDefaultPolicyVersion/version id pattern", src(verErr, "err-set-default-invalid-version-format", "2026-02-10"), steps(pol), version("set", p, "invalid"),
			"1 validation error detected: Value at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: "+`v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`),
		fails("SetDefaultPolicyVersion/no such version", src(verErr, "err-set-default-nonexistent-version", "2026-02-10"), steps(pol, v2), version("set", p, "v4"), 404, "NoSuchEntity", noVersion(p, "v4")),
		fails("ListEntitiesForPolicy/no such policy", src("TestListEntitiesForPolicy::test_list_entities_for_policy_errors", "err-nonexistent-policy", "2026-02-17"), nil,
			func(ctx context.Context, c *iam.Client) (any, error) {
				return c.ListEntitiesForPolicy(ctx, &iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(policyARN("NonExistentPolicy"))})
			}, 404, "NoSuchEntity", "Policy "+policyARN("NonExistentPolicy")+" does not exist or is not attachable."),
		lsElided("CreatePolicy/51 tags", src(create, "err-too-many-tags", "2026-02-10"), nil, lsCreatePolicyTagged("p", lsTagRange(51)...), tooMany),
		fails("CreatePolicy/duplicate tag keys", src(create, "err-duplicate-keys", "2026-02-10"), nil, lsCreatePolicyTagged("p", iamTags("0", "", "0", "")...), 400, "InvalidInput", "Duplicate tag keys found."),
		lsElided("CreatePolicy/tag key too long", src(create, "err-large-key", "2026-02-10"), nil, lsCreatePolicyTagged("p", iamTags(long(129), "")...), keyTooLong),
		lsElided("CreatePolicy/tag value too long", src(create, "err-large-value", "2026-02-10"), nil, lsCreatePolicyTagged("p", iamTags("0", long(257))...), valueTooLong),
		lsElided("CreatePolicy/tag key character", src(create, "err-invalid-character", "2026-02-10"), nil, lsCreatePolicyTagged("p", iamTags("NOWAY!", "")...), badChar),
		lsElided("TagPolicy/51 tags", src(update, "err-tag-too-many", "2026-02-10"), steps(pol), lsTagPolicy(p, lsTagRange(51)...), tooMany),
		fails("TagPolicy/duplicate tag keys", src(update, "err-tag-duplicate-keys", "2026-02-10"), steps(pol), lsTagPolicy(p, iamTags("0", "", "0", "")...), 400, "InvalidInput", "Duplicate tag keys found."),
		lsElided("TagPolicy/tag key too long", src(update, "err-tag-large-key", "2026-02-10"), steps(pol), lsTagPolicy(p, iamTags(long(129), "")...), keyTooLong),
		lsElided("TagPolicy/tag value too long", src(update, "err-tag-large-value", "2026-02-10"), steps(pol), lsTagPolicy(p, iamTags("0", long(257))...), valueTooLong),
		lsElided("TagPolicy/tag key character", src(update, "err-tag-invalid-character", "2026-02-10"), steps(pol), lsTagPolicy(p, iamTags("NOWAY!", "")...), badChar),
		fails("TagPolicy/no such policy", src(update, "err-tag-nonexistent-policy", "2026-02-10"), nil, lsTagPolicy(notAPolicy, iamTags("some", "value")...), 404, "NoSuchEntity", "Policy "+notAPolicy+" was not found."),
		lsElided("UntagPolicy/51 keys", src(update, "err-untag-too-many-keys", "2026-02-10"), steps(pol), lsUntagPolicy(p, lsKeyRange(51)...),
			"1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50"),
		lsElided("UntagPolicy/key too long", src(update, "err-untag-large-key", "2026-02-10"), steps(pol), lsUntagPolicy(p, long(129)), lsTagKeysShape),
		lsElided("UntagPolicy/key character", src(update, "err-untag-invalid-character", "2026-02-10"), steps(pol), lsUntagPolicy(p, "NOWAY!"), lsTagKeysShape),
		fails("UntagPolicy/no such policy", src(update, "err-untag-nonexistent-policy", "2026-02-10"), nil, lsUntagPolicy(notAPolicy, "somevalue"), 404, "NoSuchEntity", "Policy "+notAPolicy+" was not found."),
	})
}
