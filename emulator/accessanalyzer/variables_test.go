package accessanalyzer

import (
	"fmt"
	"testing"
)

// TestVariableChecks: the reference's policy variable checks, its
// WILDCARD_IN_SERVICE_NAME suggestion and MISSING_QUALIFIER error, with
// the details of AWS's "IAM policy validation check reference".
func TestVariableChecks(t *testing.T) {
	res := func(r string) string {
		return fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"s3:GetObject","Resource":`+r+`}`)
	}
	runCheckCases(t, []checkCase{
		{"variable without its closing brace", res(`"arn:aws:s3:::b/${aws:username/*"`), IdentityPolicy, "",
			[]want{{"MISSING_BRACE_IN_VARIABLE", Error, "Statement[0].Resource", `"arn:aws:s3:::b/${aws:username/*"`, "The policy variable is missing a closing curly brace. Add } after the variable text."}}},
		{"empty variable", res(`["arn:aws:s3:::b/${aws:username}/*","arn:aws:s3:::b/${ }/*"]`), IdentityPolicy, "",
			[]want{{"EMPTY_VARIABLE", Error, "Statement[0].Resource[1]", `"arn:aws:s3:::b/${ }/*"`, "Empty policy variable. Remove the ${ } variable structure or provide a variable within the structure."}}},
		{"space in a variable", res(`"arn:aws:s3:::b/${aws: username}/*"`), IdentityPolicy, "",
			[]want{{"UNSUPPORTED_SPACE_IN_VARIABLE", Error, "Statement[0].Resource", `"arn:aws:s3:::b/${aws: username}/*"`, "A space is not supported within the policy variable text. Remove the space."}}},
		{"default value without quotes", res(`"arn:aws:s3:::b-${aws:PrincipalTag/team, company-wide}/*"`), IdentityPolicy, "",
			[]want{{"MISSING_QUOTE_IN_VARIABLE", Error, "Statement[0].Resource", `"arn:aws:s3:::b-${aws:PrincipalTag/team, company-wide}/*"`, "The policy variable default value must begin and end with a single quote. Add the missing quote."}}},
		{"variables done right", res(`["arn:aws:s3:::b-${aws:PrincipalTag/team, 'company-wide'}/*","arn:aws:s3:::b/${*}/${aws:userid}"]`), IdentityPolicy, "", nil},
		{"variable in a condition value", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringLike":{"s3:prefix":"home/${aws:username/*"}}}`), IdentityPolicy, "",
			[]want{{"MISSING_BRACE_IN_VARIABLE", Error, "Statement[0].Condition{StringLike}{s3:prefix}", `"home/${aws:username/*"`, "The policy variable is missing a closing curly brace. Add } after the variable text."}}},
		{"variable in Action", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"s3:${aws:username}","Resource":"*"}`), IdentityPolicy, "",
			[]want{{"VARIABLE_UNSUPPORTED_IN_ELEMENT", Error, "Statement[0].Action", `"s3:${aws:username}"`, "Policy variables are supported in the Resource and Condition elements. Remove the policy variable ${aws:username} from this element."}}},
		{"variable in Principal", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/${aws:username}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), ResourcePolicy, S3BucketResourceType,
			[]want{{"VARIABLE_UNSUPPORTED_IN_ELEMENT", Error, "Statement[0].Principal{AWS}", `"arn:aws:iam::111111111111:user/${aws:username}"`, "Policy variables are supported in the Resource and Condition elements. Remove the policy variable ${aws:username} from this element."}}},
		{"wildcard in a resource's service", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"codecommit:GitPull","Resource":"arn:aws:*code*::111111111111:*"}`), IdentityPolicy, "",
			[]want{{"WILDCARD_IN_SERVICE_NAME", Suggestion, "Statement[0].Resource", `"arn:aws:*code*::111111111111:*"`, "Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names."}}},
		{"wildcard in an action's service", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"code*:Get*","Resource":"*"}`), IdentityPolicy, "",
			[]want{{"WILDCARD_IN_SERVICE_NAME", Suggestion, "Statement[0].Action", `"code*:Get*"`, "Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names."}}},
		{"every service", res(`"arn:aws:*:*:111111111111:*"`), IdentityPolicy, "", nil},
		{"multivalued key without a qualifier", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:TagRole","Resource":"*","Condition":{"StringEquals":{"aws:TagKeys":["team","env"]}}}`), IdentityPolicy, "",
			[]want{{"MISSING_QUALIFIER", Error, "Statement[0].Condition{StringEquals}{aws:TagKeys}", `"aws:TagKeys"`, "The request context key aws:TagKeys has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy."}}},
		{"multivalued key under Null", fmt.Sprintf(identityDoc, `{"Effect":"Allow","Action":"iam:TagRole","Resource":"*","Condition":{"Null":{"aws:TagKeys":"false"}}}`), IdentityPolicy, "", nil},
	})
}
