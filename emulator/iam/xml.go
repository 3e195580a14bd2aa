package iam

import (
	"net/url"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// XML types of the IAM API, with AWS's element names. Lists use <member>.

// isoTime renders t as IAM does: ISO 8601, UTC, seconds, "Z".
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func isoTimePtr(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return isoTime(*t)
}

// encodeDocument URL-encodes a policy document the way IAM returns it:
// every byte except unreserved characters percent-encoded, spaces as %20
// (clients decode with unquote / url.QueryUnescape).
func encodeDocument(doc string) string {
	return strings.ReplaceAll(url.QueryEscape(doc), "+", "%20")
}

type xmlTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

// xmlTags renders tags as an optional <Tags> list: nil (no element) when
// there are none, as IAM omits it.
func xmlTags(tags []store.Tag) *members[xmlTag] {
	if len(tags) == 0 {
		return nil
	}
	out := &members[xmlTag]{Member: make([]xmlTag, len(tags))}
	for i, t := range tags {
		out.Member[i] = xmlTag{Key: t.Key, Value: t.Value}
	}
	return out
}

// xmlTagList renders tags as a <Tags> list that is present even when empty,
// as GetPolicy and GetServerCertificate answer (LocalStack iam resource
// providers test_managed_policy_with_empty_resource and
// test_server_certificate, validated against AWS: "Tags": []).
func xmlTagList(tags []store.Tag) *members[xmlTag] {
	if out := xmlTags(tags); out != nil {
		return out
	}
	return &members[xmlTag]{}
}

type xmlBoundary struct {
	Type string `xml:"PermissionsBoundaryType"`
	ARN  string `xml:"PermissionsBoundaryArn"`
}

// boundary is a user's or role's PermissionsBoundary element. AWS answers
// PermissionsBoundaryType "Policy", not the API reference's enum value
// PermissionsBoundaryPolicy (LocalStack iam
// test_create_user_with_permission_boundary, validated against AWS; the AWS
// CLI's get-user example).
func boundary(arn string) *xmlBoundary {
	if arn == "" {
		return nil
	}
	return &xmlBoundary{Type: "Policy", ARN: arn}
}

type xmlUser struct {
	// Path is empty only for the root user, whose GetUser has none.
	Path                string           `xml:"Path,omitempty"`
	UserName            string           `xml:"UserName,omitempty"`
	UserID              string           `xml:"UserId"`
	ARN                 string           `xml:"Arn"`
	CreateDate          string           `xml:"CreateDate"`
	PasswordLastUsed    string           `xml:"PasswordLastUsed,omitempty"`
	PermissionsBoundary *xmlBoundary     `xml:"PermissionsBoundary,omitempty"`
	Tags                *members[xmlTag] `xml:"Tags,omitempty"`
}

// userXML renders u; full adds the fields List* calls leave out
// (permissions boundary and tags).
func userXML(u *store.User, full bool) xmlUser {
	x := xmlUser{Path: u.Path, UserName: u.Name, UserID: u.ID, ARN: u.ARN,
		CreateDate: isoTime(u.Created), PasswordLastUsed: isoTimePtr(u.PasswordLastUsed)}
	if full {
		x.PermissionsBoundary = boundary(u.Boundary)
		x.Tags = xmlTags(u.Tags)
	}
	return x
}

type xmlGroup struct {
	Path       string `xml:"Path"`
	GroupName  string `xml:"GroupName"`
	GroupID    string `xml:"GroupId"`
	ARN        string `xml:"Arn"`
	CreateDate string `xml:"CreateDate"`
}

func groupXML(g *store.Group) xmlGroup {
	return xmlGroup{Path: g.Path, GroupName: g.Name, GroupID: g.ID, ARN: g.ARN, CreateDate: isoTime(g.Created)}
}

type xmlRoleLastUsed struct {
	LastUsedDate string `xml:"LastUsedDate,omitempty"`
	Region       string `xml:"Region,omitempty"`
}

type xmlRole struct {
	Path                     string           `xml:"Path"`
	RoleName                 string           `xml:"RoleName"`
	RoleID                   string           `xml:"RoleId"`
	ARN                      string           `xml:"Arn"`
	CreateDate               string           `xml:"CreateDate"`
	AssumeRolePolicyDocument string           `xml:"AssumeRolePolicyDocument,omitempty"`
	Description              string           `xml:"Description,omitempty"`
	MaxSessionDuration       int              `xml:"MaxSessionDuration,omitempty"`
	PermissionsBoundary      *xmlBoundary     `xml:"PermissionsBoundary,omitempty"`
	Tags                     *members[xmlTag] `xml:"Tags,omitempty"`
	RoleLastUsed             *xmlRoleLastUsed `xml:"RoleLastUsed,omitempty"`
}

// xmlPolicyFields are the fields a managed policy shows in every answer
// (GetPolicy, ListPolicies, GetAccountAuthorizationDetails), in AWS's
// order; encoding/xml writes an embedded struct's fields in place.
type xmlPolicyFields struct {
	PolicyName                    string `xml:"PolicyName"`
	PolicyID                      string `xml:"PolicyId"`
	ARN                           string `xml:"Arn"`
	Path                          string `xml:"Path"`
	DefaultVersionID              string `xml:"DefaultVersionId"`
	AttachmentCount               int    `xml:"AttachmentCount"`
	PermissionsBoundaryUsageCount int    `xml:"PermissionsBoundaryUsageCount"`
	IsAttachable                  bool   `xml:"IsAttachable"`
	Description                   string `xml:"Description,omitempty"`
	CreateDate                    string `xml:"CreateDate"`
	UpdateDate                    string `xml:"UpdateDate"`
}

type xmlPolicy struct {
	xmlPolicyFields
	Tags *members[xmlTag] `xml:"Tags,omitempty"`
}

type xmlPolicyVersion struct {
	Document         string `xml:"Document,omitempty"`
	VersionID        string `xml:"VersionId"`
	IsDefaultVersion bool   `xml:"IsDefaultVersion"`
	CreateDate       string `xml:"CreateDate"`
}

type xmlAttachedPolicy struct {
	PolicyName string `xml:"PolicyName"`
	PolicyARN  string `xml:"PolicyArn"`
}

type xmlInstanceProfile struct {
	Path                string           `xml:"Path"`
	InstanceProfileName string           `xml:"InstanceProfileName"`
	InstanceProfileID   string           `xml:"InstanceProfileId"`
	ARN                 string           `xml:"Arn"`
	CreateDate          string           `xml:"CreateDate"`
	Roles               []xmlRole        `xml:"Roles>member"`
	Tags                *members[xmlTag] `xml:"Tags,omitempty"`
}

// members is a required IAM list: rendered as <Name><member>…</member></Name>,
// and as an empty <Name></Name> when there are no items (the CLI then shows
// an empty list, as with AWS).
type members[T any] struct {
	Member []T `xml:"member"`
}

func list[T any](items []T) members[T] { return members[T]{Member: items} }
