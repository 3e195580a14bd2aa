package iam

import (
	"encoding/xml"
	"reflect"
	"strings"
	"testing"
)

// grantingAnswer is ListPoliciesGrantingServiceAccess's result, flattened
// to "namespace: NAME TYPE [ARN|ENTITYTYPE/ENTITYNAME]" lines.
func grantingAnswer(t *testing.T, body string) []string {
	t.Helper()
	var doc struct {
		Entries []struct {
			Namespace string `xml:"ServiceNamespace"`
			Policies  []struct {
				Name, Type, ARN, EntityType, EntityName string
			} `xml:"Policies>member"`
		} `xml:"ListPoliciesGrantingServiceAccessResult>PoliciesGrantingServiceAccess>member"`
		IsTruncated string `xml:"ListPoliciesGrantingServiceAccessResult>IsTruncated"`
	}
	// The element names of the policy members, mapped by hand: encoding/xml
	// matches a struct field by its name only.
	body = strings.NewReplacer("<PolicyName>", "<Name>", "</PolicyName>", "</Name>", "<PolicyType>", "<Type>",
		"</PolicyType>", "</Type>", "<PolicyArn>", "<ARN>", "</PolicyArn>", "</ARN>").Replace(body)
	if err := xml.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	if doc.IsTruncated != "false" {
		t.Errorf("IsTruncated = %q, want false", doc.IsTruncated)
	}
	var out []string
	for _, e := range doc.Entries {
		line := e.Namespace + ":"
		for _, p := range e.Policies {
			line += " " + p.Name + " " + p.Type
			if p.ARN != "" {
				line += " " + p.ARN
			} else {
				line += " " + p.EntityType + "/" + p.EntityName
			}
		}
		out = append(out, line)
	}
	return out
}

func TestListPoliciesGrantingServiceAccess(t *testing.T) {
	t.Parallel()
	const (
		s3All   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
		notIAM  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`
		denyS3  = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`
		iamRead = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}]}`
	)
	setup := []step{
		mkUser, mkGroup, mkRole, mkPol, // p1: s3:GetObject
		s("AddUserToGroup", "GroupName", "devs", "UserName", "alice"),
		s("PutUserPolicy", "UserName", "alice", "PolicyName", "own-s3", "PolicyDocument", s3All),
		s("PutUserPolicy", "UserName", "alice", "PolicyName", "deny-s3", "PolicyDocument", denyS3),
		s("AttachUserPolicy", "UserName", "alice", "PolicyArn", polARN),
		s("PutGroupPolicy", "GroupName", "devs", "PolicyName", "not-iam", "PolicyDocument", notIAM),
		s("AttachGroupPolicy", "GroupName", "devs", "PolicyArn", polARN),
		s("AttachGroupPolicy", "GroupName", "devs", "PolicyArn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"),
		s("PutRolePolicy", "RoleName", "r1", "PolicyName", "iam-read", "PolicyDocument", iamRead),
		// A boundary is not a permissions policy: never listed.
		s("PutRolePermissionsBoundary", "RoleName", "r1", "PermissionsBoundary", polARN),
	}
	cases := []struct {
		name       string
		arn        string
		namespaces []string
		want       []string
	}{
		// A user: its own policies, then its groups' (inline with the
		// entity holding them, managed by ARN, each once).
		{"user", "arn:aws:iam::111111111111:user/alice", []string{"s3", "iam", "ec2"}, []string{
			"s3: own-s3 INLINE USER/alice p1 MANAGED " + polARN + " not-iam INLINE GROUP/devs",
			"iam: IAMReadOnlyAccess MANAGED arn:aws:iam::aws:policy/IAMReadOnlyAccess",
			"ec2: not-iam INLINE GROUP/devs",
		}},
		// A group: only its own policies.
		{"group", "arn:aws:iam::111111111111:group/devs", []string{"s3"}, []string{
			"s3: not-iam INLINE GROUP/devs p1 MANAGED " + polARN,
		}},
		// A role: its own policies, not its boundary.
		{"role", "arn:aws:iam::111111111111:role/r1", []string{"iam", "s3"}, []string{
			"iam: iam-read INLINE ROLE/r1", "s3:",
		}},
	}
	e := newEnv(t)
	for _, st := range setup {
		e.must(st.action, st.kv...)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kv := []string{"Arn", c.arn}
			for i, ns := range c.namespaces {
				kv = append(kv, "ServiceNamespaces.member."+itoa(i+1), ns)
			}
			got := grantingAnswer(t, e.must("ListPoliciesGrantingServiceAccess", kv...).body)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestListPoliciesGrantingServiceAccessErrors(t *testing.T) {
	t.Parallel()
	ns := []string{"ServiceNamespaces.member.1", "s3"}
	runCases(t, []actionCase{
		{name: "unknown user", action: "ListPoliciesGrantingServiceAccess",
			kv: append([]string{"Arn", "arn:aws:iam::111111111111:user/nobody"}, ns...), status: 404, code: "NoSuchEntity",
			message: "The user with name nobody cannot be found."},
		{name: "other path", setup: []step{mkUser}, action: "ListPoliciesGrantingServiceAccess",
			kv: append([]string{"Arn", "arn:aws:iam::111111111111:user/eng/alice"}, ns...), status: 404, code: "NoSuchEntity"},
		{name: "policy arn", setup: []step{mkPol}, action: "ListPoliciesGrantingServiceAccess",
			kv: append([]string{"Arn", polARN}, ns...), status: 400, code: "InvalidInput"},
		{name: "no namespaces", setup: []step{mkUser}, action: "ListPoliciesGrantingServiceAccess",
			kv: []string{"Arn", "arn:aws:iam::111111111111:user/alice"}, status: 400, code: "ValidationError",
			message: "Value null at 'serviceNamespaces' failed to satisfy constraint: Member must not be null"},
		{name: "bad namespace", setup: []step{mkUser}, action: "ListPoliciesGrantingServiceAccess",
			kv: []string{"Arn", "arn:aws:iam::111111111111:user/alice", "ServiceNamespaces.member.1", "s3:x"}, status: 400, code: "ValidationError",
			message: "Value 's3:x' at 'serviceNamespaces.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]*"},
		{name: "no arn", action: "ListPoliciesGrantingServiceAccess", kv: ns, status: 400, code: "ValidationError",
			message: "Value null at 'arn' failed to satisfy constraint: Member must not be null"},
	})
}
