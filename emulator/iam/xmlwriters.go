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
	writeMembers(e, "Users", r.Users.Member, (*xmlUser).writeElements)
	r.pageInfo.writeElements(e)
}

// WriteElements writes ListRoles' result.
func (r *listRolesResult) WriteElements(e *query.Elements) {
	writeMembers(e, "Roles", r.Roles.Member, (*xmlRole).writeElements)
	r.pageInfo.writeElements(e)
}

// WriteElements writes ListPolicies' result.
func (r *listPoliciesResult) WriteElements(e *query.Elements) {
	writeMembers(e, "Policies", r.Policies.Member, (*xmlPolicy).writeElements)
	r.pageInfo.writeElements(e)
}

// writeMembers writes items as the Query API lists them: an element named
// name holding one <member> per item, written by write.
func writeMembers[T any](e *query.Elements, name string, items []T, write func(*T, *query.Elements)) {
	e.Open(name)
	for i := range items {
		e.Open("member")
		write(&items[i], e)
		e.Close("member")
	}
	e.Close(name)
}

func (x *xmlPolicy) writeElements(e *query.Elements) {
	x.xmlPolicyFields.writeElements(e)
	writeTags(e, x.Tags)
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
	writeMembers(e, "Tags", tags.Member, func(t *xmlTag, e *query.Elements) {
		e.Text("Key", t.Key)
		e.Text("Value", t.Value)
	})
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
