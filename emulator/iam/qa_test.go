package iam

import "testing"

// TestQAFixes pins the divergences from AWS found by testdata/cli_qa.py.
func TestQAFixes(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{name: "UpdateRole has an empty result element", setup: []step{mkRole}, action: "UpdateRole",
			kv: []string{"RoleName", "r1", "Description", "d"}, contains: []string{"<UpdateRoleResult>"}},
		{name: "SimulateCustomPolicy input statements are IAM Policy", action: "SimulateCustomPolicy",
			kv:     []string{"PolicyInputList.member.1", s3Read, "ActionNames.member.1", "s3:GetObject", "ResourceArns.member.1", "arn:aws:s3:::bucket/k"},
			fields: map[string]string{"EvalDecision": "allowed", "SourcePolicyId": "PolicyInputList.1", "SourcePolicyType": "IAM Policy"}},
	})
}
