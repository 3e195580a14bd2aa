package iam

import (
	"testing"
)

func TestGolden(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.must("CreateRole", "RoleName", "golden", "Path", "/svc/", "AssumeRolePolicyDocument", trustRoot, "Description", "pinned")
	golden(t, "CreateRole", r.body)
	e.must("TagRole", "RoleName", "golden", "Tags.member.1.Key", "team", "Tags.member.1.Value", "iam")
	golden(t, "GetRole", e.must("GetRole", "RoleName", "golden").body)
	e.must("CreatePolicy", "PolicyName", "alpha", "PolicyDocument", s3Read)
	e.must("CreatePolicy", "PolicyName", "beta", "PolicyDocument", s3Read)
	golden(t, "ListPolicies", e.must("ListPolicies", "Scope", "Local", "MaxItems", "1").body)
	// GetPolicy answers an empty <Tags/> (validated against AWS, see
	// xmlTagList); CreatePolicy does not.
	golden(t, "GetPolicy", e.must("GetPolicy", "PolicyArn", "arn:aws:iam::111111111111:policy/alpha").body)
	golden(t, "GetPolicyVersion", e.must("GetPolicyVersion", "PolicyArn", "arn:aws:iam::111111111111:policy/alpha", "VersionId", "v1").body)
	golden(t, "NoSuchRole", e.call("GetRole", "RoleName", "nope").body)
}
