package iam

import (
	"net/http"
	"strings"
	"testing"
)

// allowWhen is an identity policy allowing action on every resource when
// cond (a Condition object's JSON) holds.
func allowWhen(action, cond string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"` + action +
		`","Resource":"*","Condition":` + cond + `}]}`
}

// tagged returns Tags.member.N parameters for key, value pairs.
func tagged(kv ...string) []string {
	var out []string
	for i := 0; i+1 < len(kv); i += 2 {
		n := itoa(i/2 + 1)
		out = append(out, "Tags.member."+n+".Key", kv[i], "Tags.member."+n+".Value", kv[i+1])
	}
	return out
}

func with(kv []string, more ...string) []string { return append(append([]string{}, kv...), more...) }

// TestAttributeBasedAccess checks the condition keys IAM's own actions
// carry: the resource's tags (aws:ResourceTag and, for users and roles,
// iam:ResourceTag), the request's tags (aws:RequestTag, aws:TagKeys),
// iam:PermissionsBoundary and iam:PolicyARN. The caller, eve, is tagged
// team=blue and holds only the row's policy.
func TestAttributeBasedAccess(t *testing.T) {
	t.Parallel()
	const (
		sameTeam    = `{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}`
		sameTeamIAM = `{"StringEquals":{"iam:ResourceTag/team":"${aws:PrincipalTag/team}"}}`
		bndARN      = "arn:aws:iam::111111111111:policy/bnd"
		otherARN    = "arn:aws:iam::111111111111:policy/other"
		oidcARN     = "arn:aws:iam::111111111111:oidc-provider/idp.example.com"
		mfaARN      = "arn:aws:iam::111111111111:mfa/tok"
	)
	costCenter := `{"StringEquals":{"aws:RequestTag/CostCenter":["A-123","B-456"]},"ForAllValues:StringEquals":{"aws:TagKeys":"CostCenter"}}`
	onlyTemp := `{"ForAllValues:StringEquals":{"aws:TagKeys":"temp"}}`
	needTeam := `{"StringEquals":{"aws:RequestTag/team":"${aws:PrincipalTag/team}"}}`
	needBnd := `{"StringEquals":{"iam:PermissionsBoundary":"` + bndARN + `"}}`
	onlyS3Read := `{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}}`
	mkBnd := s("CreatePolicy", "PolicyName", "bnd", "PolicyDocument", s3Read)
	mkOther := s("CreatePolicy", "PolicyName", "other", "PolicyDocument", s3Read)
	blueRole := s("CreateRole", with([]string{"RoleName", "blue", "AssumeRolePolicyDocument", trustRoot}, tagged("team", "blue")...)...)
	redRole := s("CreateRole", with([]string{"RoleName", "red", "AssumeRolePolicyDocument", trustRoot}, tagged("team", "red")...)...)
	blueUser := s("CreateUser", with([]string{"UserName", "bob"}, tagged("team", "blue", "temp", "x")...)...)
	redUser := s("CreateUser", with([]string{"UserName", "rob"}, tagged("team", "red")...)...)
	bndUser := s("CreateUser", "UserName", "bound", "PermissionsBoundary", bndARN)
	plainUser := s("CreateUser", "UserName", "plain")
	bluePolicy := s("CreatePolicy", with([]string{"PolicyName", "bp", "PolicyDocument", s3Read}, tagged("team", "blue")...)...)
	redPolicy := s("CreatePolicy", with([]string{"PolicyName", "rp", "PolicyDocument", s3Read}, tagged("team", "red")...)...)
	blueProfile := s("CreateInstanceProfile", with([]string{"InstanceProfileName", "ip"}, tagged("team", "blue")...)...)
	redProfile := s("CreateInstanceProfile", with([]string{"InstanceProfileName", "ip"}, tagged("team", "red")...)...)
	blueOIDC := s("CreateOpenIDConnectProvider", with([]string{"Url", "https://idp.example.com", "ClientIDList.member.1", "a",
		"ThumbprintList.member.1", strings.Repeat("a", 40)}, tagged("team", "blue")...)...)
	redMFA := s("CreateVirtualMFADevice", with([]string{"VirtualMFADeviceName", "tok"}, tagged("team", "red")...)...)
	protect := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},` +
		`{"Effect":"Deny","Action":"iam:DeleteRole","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/protected":"true"}}}]}`

	cases := []struct {
		name   string
		policy string
		setup  []step
		action string
		kv     []string
		code   string // "" for success
	}{
		// aws:ResourceTag on every kind of taggable resource.
		{name: "GetRole same team", policy: allowWhen("iam:GetRole", sameTeam), setup: []step{blueRole},
			action: "GetRole", kv: []string{"RoleName", "blue"}},
		{name: "GetRole other team", policy: allowWhen("iam:GetRole", sameTeam), setup: []step{redRole},
			action: "GetRole", kv: []string{"RoleName", "red"}, code: "AccessDenied"},
		{name: "GetRole iam:ResourceTag alias", policy: allowWhen("iam:GetRole", sameTeamIAM), setup: []step{blueRole},
			action: "GetRole", kv: []string{"RoleName", "blue"}},
		{name: "GetRole iam:ResourceTag other team", policy: allowWhen("iam:GetRole", sameTeamIAM), setup: []step{redRole},
			action: "GetRole", kv: []string{"RoleName", "red"}, code: "AccessDenied"},
		{name: "ListGroupsForUser same team", policy: allowWhen("iam:ListGroupsForUser", sameTeam), setup: []step{blueUser},
			action: "ListGroupsForUser", kv: []string{"UserName", "bob"}},
		{name: "ListGroupsForUser other team", policy: allowWhen("iam:ListGroupsForUser", sameTeamIAM), setup: []step{redUser},
			action: "ListGroupsForUser", kv: []string{"UserName", "rob"}, code: "AccessDenied"},
		{name: "CreateAccessKey for same team", policy: allowWhen("iam:CreateAccessKey", sameTeam), setup: []step{blueUser},
			action: "CreateAccessKey", kv: []string{"UserName", "bob"}},
		{name: "PutUserPolicy other team", policy: allowWhen("iam:PutUserPolicy", sameTeam), setup: []step{redUser},
			action: "PutUserPolicy", kv: []string{"UserName", "rob", "PolicyName", "p", "PolicyDocument", s3Read}, code: "AccessDenied"},
		{name: "GetPolicy same team", policy: allowWhen("iam:GetPolicy", sameTeam), setup: []step{bluePolicy},
			action: "GetPolicy", kv: []string{"PolicyArn", "arn:aws:iam::111111111111:policy/bp"}},
		{name: "CreatePolicyVersion other team", policy: allowWhen("iam:CreatePolicyVersion", sameTeam), setup: []step{redPolicy},
			action: "CreatePolicyVersion", kv: []string{"PolicyArn", "arn:aws:iam::111111111111:policy/rp", "PolicyDocument", s3Read}, code: "AccessDenied"},
		{name: "policy has no iam:ResourceTag", policy: allowWhen("iam:GetPolicy", sameTeamIAM), setup: []step{bluePolicy},
			action: "GetPolicy", kv: []string{"PolicyArn", "arn:aws:iam::111111111111:policy/bp"}, code: "AccessDenied"},
		{name: "GetInstanceProfile same team", policy: allowWhen("iam:GetInstanceProfile", sameTeam), setup: []step{blueProfile},
			action: "GetInstanceProfile", kv: []string{"InstanceProfileName", "ip"}},
		{name: "DeleteInstanceProfile other team", policy: allowWhen("iam:DeleteInstanceProfile", sameTeam), setup: []step{redProfile},
			action: "DeleteInstanceProfile", kv: []string{"InstanceProfileName", "ip"}, code: "AccessDenied"},
		{name: "GetOpenIDConnectProvider same team", policy: allowWhen("iam:GetOpenIDConnectProvider", sameTeam), setup: []step{blueOIDC},
			action: "GetOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", oidcARN}},
		{name: "DeleteVirtualMFADevice other team", policy: allowWhen("iam:DeleteVirtualMFADevice", sameTeam), setup: []step{redMFA},
			action: "DeleteVirtualMFADevice", kv: []string{"SerialNumber", mfaARN}, code: "AccessDenied"},
		{name: "deny protected role", policy: protect, setup: []step{s("CreateRole", with([]string{"RoleName", "keep",
			"AssumeRolePolicyDocument", trustRoot}, tagged("protected", "true")...)...)},
			action: "DeleteRole", kv: []string{"RoleName", "keep"}, code: "AccessDenied"},
		{name: "delete unprotected role", policy: protect, setup: []step{blueRole},
			action: "DeleteRole", kv: []string{"RoleName", "blue"}},

		// aws:RequestTag and aws:TagKeys (the IAM User Guide's
		// "Add a specific tag with specific values" example).
		{name: "TagRole allowed value", policy: allowWhen("iam:TagRole", costCenter), setup: []step{redRole},
			action: "TagRole", kv: with([]string{"RoleName", "red"}, tagged("CostCenter", "A-123")...)},
		{name: "TagRole other value", policy: allowWhen("iam:TagRole", costCenter), setup: []step{redRole},
			action: "TagRole", kv: with([]string{"RoleName", "red"}, tagged("CostCenter", "C-999")...), code: "AccessDenied"},
		{name: "TagRole extra key", policy: allowWhen("iam:TagRole", costCenter), setup: []step{redRole},
			action: "TagRole", kv: with([]string{"RoleName", "red"}, tagged("CostCenter", "A-123", "owner", "eve")...), code: "AccessDenied"},
		{name: "TagPolicy allowed", policy: allowWhen("iam:TagPolicy", costCenter), setup: []step{redPolicy},
			action: "TagPolicy", kv: with([]string{"PolicyArn", "arn:aws:iam::111111111111:policy/rp"}, tagged("CostCenter", "B-456")...)},
		{name: "UntagUser listed key", policy: allowWhen("iam:UntagUser", onlyTemp), setup: []step{blueUser},
			action: "UntagUser", kv: []string{"UserName", "bob", "TagKeys.member.1", "temp"}},
		{name: "UntagUser other key", policy: allowWhen("iam:UntagUser", onlyTemp), setup: []step{blueUser},
			action: "UntagUser", kv: []string{"UserName", "bob", "TagKeys.member.1", "temp", "TagKeys.member.2", "team"}, code: "AccessDenied"},
		{name: "CreateUser with team tag", policy: allowWhen("iam:CreateUser", needTeam),
			action: "CreateUser", kv: with([]string{"UserName", "new"}, tagged("team", "blue")...)},
		{name: "CreateUser without tags", policy: allowWhen("iam:CreateUser", needTeam),
			action: "CreateUser", kv: []string{"UserName", "new"}, code: "AccessDenied"},
		{name: "CreateRole other team tag", policy: allowWhen("iam:CreateRole", needTeam),
			action: "CreateRole", kv: with([]string{"RoleName", "new", "AssumeRolePolicyDocument", trustRoot}, tagged("team", "red")...), code: "AccessDenied"},
		{name: "CreateInstanceProfile with team tag", policy: allowWhen("iam:CreateInstanceProfile", needTeam),
			action: "CreateInstanceProfile", kv: with([]string{"InstanceProfileName", "n"}, tagged("team", "blue")...)},

		// iam:PermissionsBoundary: requested by CreateUser and
		// Put*PermissionsBoundary, current for changes to an entity's
		// policies.
		{name: "CreateUser with boundary", policy: allowWhen("iam:CreateUser", needBnd), setup: []step{mkBnd},
			action: "CreateUser", kv: []string{"UserName", "new", "PermissionsBoundary", bndARN}},
		{name: "CreateUser without boundary", policy: allowWhen("iam:CreateUser", needBnd),
			action: "CreateUser", kv: []string{"UserName", "new"}, code: "AccessDenied"},
		{name: "AttachUserPolicy bounded user", policy: allowWhen("iam:AttachUserPolicy", needBnd), setup: []step{mkBnd, bndUser},
			action: "AttachUserPolicy", kv: []string{"UserName", "bound", "PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}},
		{name: "AttachUserPolicy unbounded user", policy: allowWhen("iam:AttachUserPolicy", needBnd), setup: []step{plainUser},
			action: "AttachUserPolicy", kv: []string{"UserName", "plain", "PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}, code: "AccessDenied"},
		{name: "PutUserPolicy bounded user", policy: allowWhen("iam:PutUserPolicy", needBnd), setup: []step{mkBnd, bndUser},
			action: "PutUserPolicy", kv: []string{"UserName", "bound", "PolicyName", "p", "PolicyDocument", s3Read}},
		{name: "PutUserPermissionsBoundary that boundary", policy: allowWhen("iam:PutUserPermissionsBoundary", needBnd), setup: []step{mkBnd, plainUser},
			action: "PutUserPermissionsBoundary", kv: []string{"UserName", "plain", "PermissionsBoundary", bndARN}},
		{name: "PutUserPermissionsBoundary another boundary", policy: allowWhen("iam:PutUserPermissionsBoundary", needBnd),
			setup:  []step{mkBnd, mkOther, bndUser},
			action: "PutUserPermissionsBoundary", kv: []string{"UserName", "bound", "PermissionsBoundary", otherARN}, code: "AccessDenied"},

		// iam:PolicyARN.
		{name: "AttachRolePolicy listed policy", policy: allowWhen("iam:AttachRolePolicy", onlyS3Read), setup: []step{redRole},
			action: "AttachRolePolicy", kv: []string{"RoleName", "red", "PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}},
		{name: "AttachRolePolicy other policy", policy: allowWhen("iam:AttachRolePolicy", onlyS3Read), setup: []step{redRole},
			action: "AttachRolePolicy", kv: []string{"RoleName", "red", "PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}, code: "AccessDenied"},
		// Put*PermissionsBoundary carries iam:PermissionsBoundary only
		// (Service Authorization Reference), not iam:PolicyARN.
		{name: "PutRolePermissionsBoundary policy arn", policy: allowWhen("iam:PutRolePermissionsBoundary",
			`{"ArnEquals":{"iam:PolicyARN":"`+bndARN+`"}}`), setup: []step{mkBnd, redRole},
			action: "PutRolePermissionsBoundary", kv: []string{"RoleName", "red", "PermissionsBoundary", bndARN}, code: "AccessDenied"},
		{name: "PutRolePermissionsBoundary boundary key", policy: allowWhen("iam:PutRolePermissionsBoundary", needBnd),
			setup:  []step{mkBnd, redRole},
			action: "PutRolePermissionsBoundary", kv: []string{"RoleName", "red", "PermissionsBoundary", bndARN}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.must("CreateUser", with([]string{"UserName", "eve"}, tagged("team", "blue")...)...)
			e.must("PutUserPolicy", "UserName", "eve", "PolicyName", "abac", "PolicyDocument", tc.policy)
			for _, st := range tc.setup {
				e.must(st.action, st.kv...)
			}
			r := e.callAs(userInfo(testAccount, "eve"), tc.action, tc.kv...)
			want := http.StatusOK
			if tc.code != "" {
				want = http.StatusForbidden
			}
			if r.status != want || r.code() != tc.code {
				t.Fatalf("%s(%v) as eve = %d %q, want %d %q\n%s", tc.action, tc.kv, r.status, r.code(), want, tc.code, r.body)
			}
			if tc.code == "AccessDenied" && !strings.Contains(r.message(), "iam:"+tc.action) {
				t.Errorf("%s AccessDenied message %q does not name iam:%s", tc.action, r.message(), tc.action)
			}
		})
	}
}
