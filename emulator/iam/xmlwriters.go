package iam

import (
	"strconv"

	"github.com/fakeaws/fakeaws/emulator/query"
)

// Hand-written writers (query.ResultWriter) for the paginated lists whose
// pages of up to 1,000 entities spent most of their time in encoding/xml's
// reflection: ListUsers, ListRoles and ListPolicies. Each writes exactly
// what xml.MarshalIndent writes for the result's children;
// TestResultWritersMatchEncodingXML compares the two, escapes and every
// optional element included.

// WriteElements writes ListUsers' result.
func (r *listUsersResult) WriteElements(e *query.Elements) {
	e.Open("Users")
	for i := range r.Users.Member {
		e.Open("member")
		r.Users.Member[i].writeElements(e)
		e.Close("member")
	}
	e.Close("Users")
	r.pageInfo.writeElements(e)
}

// WriteElements writes ListRoles' result.
func (r *listRolesResult) WriteElements(e *query.Elements) {
	e.Open("Roles")
	for i := range r.Roles.Member {
		e.Open("member")
		r.Roles.Member[i].writeElements(e)
		e.Close("member")
	}
	e.Close("Roles")
	r.pageInfo.writeElements(e)
}

// WriteElements writes ListPolicies' result.
func (r *listPoliciesResult) WriteElements(e *query.Elements) {
	e.Open("Policies")
	for i := range r.Policies.Member {
		p := &r.Policies.Member[i]
		e.Open("member")
		p.xmlPolicyFields.writeElements(e)
		writeTags(e, p.Tags)
		e.Close("member")
	}
	e.Close("Policies")
	r.pageInfo.writeElements(e)
}

func (x *xmlUser) writeElements(e *query.Elements) {
	textIfSet(e, "Path", x.Path)
	textIfSet(e, "UserName", x.UserName)
	e.Text("UserId", x.UserID)
	e.Text("Arn", x.ARN)
	e.Text("CreateDate", x.CreateDate)
	textIfSet(e, "PasswordLastUsed", x.PasswordLastUsed)
	x.PermissionsBoundary.writeElements(e)
	writeTags(e, x.Tags)
}

func (x *xmlRole) writeElements(e *query.Elements) {
	e.Text("Path", x.Path)
	e.Text("RoleName", x.RoleName)
	e.Text("RoleId", x.RoleID)
	e.Text("Arn", x.ARN)
	e.Text("CreateDate", x.CreateDate)
	textIfSet(e, "AssumeRolePolicyDocument", x.AssumeRolePolicyDocument)
	textIfSet(e, "Description", x.Description)
	if x.MaxSessionDuration != 0 {
		e.Text("MaxSessionDuration", strconv.Itoa(x.MaxSessionDuration))
	}
	x.PermissionsBoundary.writeElements(e)
	writeTags(e, x.Tags)
	if x.RoleLastUsed != nil {
		e.Open("RoleLastUsed")
		textIfSet(e, "LastUsedDate", x.RoleLastUsed.LastUsedDate)
		textIfSet(e, "Region", x.RoleLastUsed.Region)
		e.Close("RoleLastUsed")
	}
}

func (f *xmlPolicyFields) writeElements(e *query.Elements) {
	e.Text("PolicyName", f.PolicyName)
	e.Text("PolicyId", f.PolicyID)
	e.Text("Arn", f.ARN)
	e.Text("Path", f.Path)
	e.Text("DefaultVersionId", f.DefaultVersionID)
	e.Text("AttachmentCount", strconv.Itoa(f.AttachmentCount))
	e.Text("PermissionsBoundaryUsageCount", strconv.Itoa(f.PermissionsBoundaryUsageCount))
	e.Text("IsAttachable", strconv.FormatBool(f.IsAttachable))
	textIfSet(e, "Description", f.Description)
	e.Text("CreateDate", f.CreateDate)
	e.Text("UpdateDate", f.UpdateDate)
}

// writeElements writes a PermissionsBoundary element; none for nil.
func (b *xmlBoundary) writeElements(e *query.Elements) {
	if b == nil {
		return
	}
	e.Open("PermissionsBoundary")
	e.Text("PermissionsBoundaryType", b.Type)
	e.Text("PermissionsBoundaryArn", b.ARN)
	e.Close("PermissionsBoundary")
}

// writeTags writes a Tags list; none for nil.
func writeTags(e *query.Elements, tags *members[xmlTag]) {
	if tags == nil {
		return
	}
	e.Open("Tags")
	for _, t := range tags.Member {
		e.Open("member")
		e.Text("Key", t.Key)
		e.Text("Value", t.Value)
		e.Close("member")
	}
	e.Close("Tags")
}

func (p pageInfo) writeElements(e *query.Elements) {
	e.Text("IsTruncated", strconv.FormatBool(p.IsTruncated))
	textIfSet(e, "Marker", p.Marker)
}

// textIfSet writes an omitempty text element.
func textIfSet(e *query.Elements, name, value string) {
	if value != "" {
		e.Text(name, value)
	}
}
