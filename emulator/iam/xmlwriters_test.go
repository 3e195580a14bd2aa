package iam

import (
	"testing"

	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/query/querytest"
)

// TestResultWritersMatchEncodingXML checks that the hand-written list
// results write exactly what encoding/xml marshals for them: empty lists,
// every optional element present and absent, and text that needs
// escaping.
func TestResultWritersMatchEncodingXML(t *testing.T) {
	odd := []string{"", "plain", `a"b'c&d<e>f`, "tab\tnl\ncr\r", "é 日本", "bad\xffutf8", "nul\x00", "\uFFFD", "/path/"}
	var cases []query.ResultWriter
	cases = append(cases, &listUsersResult{}, &listRolesResult{}, &listPoliciesResult{},
		&listUsersResult{pageInfo: pageInfo{IsTruncated: true, Marker: "bWFya2Vy"}})
	for i, s := range odd {
		tags := &members[xmlTag]{Member: []xmlTag{{Key: s, Value: s + "v"}, {Key: "k", Value: ""}}}
		var bound *xmlBoundary
		var lastUsed *xmlRoleLastUsed
		if i%2 == 0 {
			bound = &xmlBoundary{Type: "Policy", ARN: "arn:aws:iam::aws:policy/" + s}
			lastUsed = &xmlRoleLastUsed{}
			tags = nil
		} else {
			lastUsed = &xmlRoleLastUsed{LastUsedDate: s, Region: "us-east-1"}
		}
		user := xmlUser{Path: s, UserName: s, UserID: "AIDA" + s, ARN: s, CreateDate: s, PasswordLastUsed: s,
			PermissionsBoundary: bound, Tags: tags}
		role := xmlRole{Path: s, RoleName: s, RoleID: s, ARN: s, CreateDate: s, AssumeRolePolicyDocument: s,
			Description: s, MaxSessionDuration: i * 1800, PermissionsBoundary: bound, Tags: tags, RoleLastUsed: lastUsed}
		policy := xmlPolicy{xmlPolicyFields: xmlPolicyFields{PolicyName: s, PolicyID: s, ARN: s, Path: s,
			DefaultVersionID: s, AttachmentCount: i, PermissionsBoundaryUsageCount: i % 3, IsAttachable: i%2 == 0,
			Description: s, CreateDate: s, UpdateDate: s}, Tags: tags}
		bare := xmlRole{RoleName: s}
		more := pageInfo{IsTruncated: i%2 == 1, Marker: s}
		cases = append(cases,
			&listUsersResult{Users: list([]xmlUser{user, {UserID: s}}), pageInfo: more},
			&listRolesResult{Roles: list([]xmlRole{role, bare}), pageInfo: more},
			&listPoliciesResult{Policies: list([]xmlPolicy{policy, {}}), pageInfo: more})
	}
	for i, c := range cases {
		want, err := query.MarshalledElements(c)
		if err != nil {
			t.Fatalf("case %d: marshal: %v", i, err)
		}
		var e query.Elements
		c.WriteElements(&e)
		if got := e.String(); got != want {
			t.Errorf("case %d (%T):\n got %q\nwant %q", i, c, got, want)
		}
	}
}

// TestResultWritersWriteEveryField fills every field of each result, nested
// structs, pointers and lists included, by reflection, and compares the
// hand-written writer with encoding/xml: a field added to xmlUser, xmlRole
// or xmlPolicy but not to its writer fails here rather than vanishing from
// the answer.
func TestResultWritersWriteEveryField(t *testing.T) {
	for _, c := range []query.ResultWriter{&listUsersResult{}, &listRolesResult{}, &listPoliciesResult{}} {
		querytest.Fill(c)
		want, err := query.MarshalledElements(c)
		if err != nil {
			t.Fatalf("%T: marshal: %v", c, err)
		}
		var e query.Elements
		c.WriteElements(&e)
		if got := e.String(); got != want {
			t.Errorf("%T with every field set:\n got %q\nwant %q", c, got, want)
		}
	}
}
