package iam

import "testing"

// TestQAFixes pins the divergences from AWS found by testdata/cli_qa.py.
func TestQAFixes(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{name: "UpdateRole has an empty result element", setup: []step{mkRole}, action: "UpdateRole",
			kv: []string{"RoleName", "r1", "Description", "d"}, contains: []string{"<UpdateRoleResult>"}},
	})
}
