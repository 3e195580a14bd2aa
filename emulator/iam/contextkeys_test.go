package iam

import "testing"

// TestGetContextKeys pins GetContextKeysForCustomPolicy and
// GetContextKeysForPrincipalPolicy: order, case-insensitive dedupe, errors
// (cases first found by testdata/cli_qa.py).
func TestGetContextKeys(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{name: "GetContextKeysForCustomPolicy CLI example", action: "GetContextKeysForCustomPolicy",
			kv:       []string{"PolicyInputList.member.1", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}`},
			contains: []string{"<ContextKeyNames>\n      <member>aws:username</member>\n      <member>aws:CurrentTime</member>\n    </ContextKeyNames>"}},
		{name: "GetContextKeysForCustomPolicy dedupes across policies", action: "GetContextKeysForCustomPolicy",
			kv: []string{"PolicyInputList.member.1", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"},"ForAnyValue:StringLike":{"aws:TagKeys":"${aws:PrincipalTag/team, 'x'}-*"}}}]}`,
				"PolicyInputList.member.2", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:userid}/*","Condition":{"Bool":{"aws:multifactorauthpresent":"true"}}}]}`},
			contains: []string{"<member>aws:MultiFactorAuthPresent</member>\n      <member>aws:TagKeys</member>\n      <member>aws:PrincipalTag/team</member>\n      <member>aws:userid</member>\n    </ContextKeyNames>"}},
		{name: "GetContextKeysForCustomPolicy none", action: "GetContextKeysForCustomPolicy",
			kv: []string{"PolicyInputList.member.1", s3Read}, contains: []string{"<ContextKeyNames></ContextKeyNames>"}},
		{name: "GetContextKeysForCustomPolicy malformed", action: "GetContextKeysForCustomPolicy",
			kv: []string{"PolicyInputList.member.1", "{"}, status: 400, code: "MalformedPolicyDocument"},
		{name: "GetContextKeysForCustomPolicy no input", action: "GetContextKeysForCustomPolicy", status: 400, code: "ValidationError"},
		{name: "GetContextKeysForPrincipalPolicy user and group", setup: []step{mkUser, mkGroup,
			s("AddUserToGroup", "GroupName", "devs", "UserName", "alice"),
			s("PutGroupPolicy", "GroupName", "devs", "PolicyName", "g", "PolicyDocument", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`),
			s("PutUserPolicy", "UserName", "alice", "PolicyName", "u", "PolicyDocument", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}"}]}`)},
			action: "GetContextKeysForPrincipalPolicy", kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:user/alice"},
			contains: []string{"<member>aws:username</member>\n      <member>aws:SourceIp</member>"}},
		{name: "GetContextKeysForPrincipalPolicy missing", action: "GetContextKeysForPrincipalPolicy",
			kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:role/ghost"}, status: 404, code: "NoSuchEntity"},
	})
}
