package accessanalyzer

import (
	"fmt"
	"strings"
	"testing"
)

// fakeWorld holds the buckets, roles and users a test's world has.
type fakeWorld map[string]bool

func (w fakeWorld) BucketExists(name string) bool        { return w["bucket:"+name] }
func (w fakeWorld) RoleExists(account, name string) bool { return w["role:"+account+":"+name] }
func (w fakeWorld) UserExists(account, name string) bool { return w["user:"+account+":"+name] }

// pathString renders a location path as Statement[0].Action[1].
func pathString(p []PathElement) string {
	var b strings.Builder
	for _, e := range p {
		switch {
		case e.Index != nil:
			fmt.Fprintf(&b, "[%d]", *e.Index)
		case e.Value != nil:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(*e.Value)
		case e.Key != nil:
			fmt.Fprintf(&b, "{%s}", *e.Key)
		}
	}
	return b.String()
}

const allowS3 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":%s,"Resource":%s}]}`

func TestValidateChecks(t *testing.T) {
	world := fakeWorld{"bucket:cross-account-bucket": true, "role:222222222222:role-in-accountb": true, "user:111111111111:alice": true}
	tests := []struct {
		name     string
		doc      string
		typ      PolicyType
		code     string
		findType FindingType
		path     string
		details  string // substring
	}{
		{"unknown action", fmt.Sprintf(allowS3, `"s3:GetObjet"`, `"arn:aws:s3:::cross-account-bucket/*"`), IdentityPolicy,
			"INVALID_ACTION", Error, "Statement[0].Action", "The action s3:GetObjet does not exist. Did you mean s3:GetObject?"},
		{"unknown action in a list", fmt.Sprintf(allowS3, `["s3:GetObject","iam:GetRoel"]`, `"*"`), IdentityPolicy,
			"INVALID_ACTION", Error, "Statement[0].Action[1]", "Did you mean iam:GetRole?"},
		{"wildcard matching nothing", fmt.Sprintf(allowS3, `"sts:Nothing*"`, `"*"`), IdentityPolicy,
			"INVALID_ACTION", Error, "Statement[0].Action", "The action sts:Nothing* does not exist."},
		{"missing version", `{"Statement":{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}}`, IdentityPolicy,
			"MISSING_VERSION", Warning, "", "We recommend that you specify the Version element"},
		{"variables without version", `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}}`, IdentityPolicy,
			"VARIABLE_UNSUPPORTED_IN_VERSION", Error, "Statement.Resource", "use the policy version 2012-10-17"},
		{"variables in an old version", `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"${aws:username}"}}}]}`, IdentityPolicy,
			"VARIABLE_UNSUPPORTED_IN_VERSION", Error, "Statement[0].Condition{StringEquals}{s3:prefix}", "2012-10-17"},
		{"invalid version", `{"Version":"2012-10-18","Statement":[]}`, IdentityPolicy,
			"INVALID_VERSION", Error, "Version", "The version 2012-10-18 is not valid."},
		{"list bucket on objects", fmt.Sprintf(allowS3, `"s3:ListBucket"`, `"arn:aws:s3:::cross-account-bucket/*"`), IdentityPolicy,
			"ACTION_RESOURCE_MISMATCH", Warning, "Statement[0].Action", "s3:ListBucket applies to the bucket resource type"},
		{"get object on a bucket", fmt.Sprintf(allowS3, `["s3:ListBucket","s3:GetObject"]`, `"arn:aws:s3:::cross-account-bucket"`), IdentityPolicy,
			"ACTION_RESOURCE_MISMATCH", Warning, "Statement[0].Action[1]", "s3:GetObject applies to the object resource type"},
		{"seed 004's bucket with an account id", fmt.Sprintf(allowS3, `"s3:PutObject"`, `"arn:aws:s3:::222222222222/cross-account-bucket"`), IdentityPolicy,
			"RESOURCE_NOT_FOUND_IN_WORLD", Warning, "Statement[0].Resource", "The bucket 222222222222 does not exist in this fakeaws world. S3 ARNs carry no account ID (arn:aws:s3:::BUCKET/KEY): did you mean arn:aws:s3:::cross-account-bucket?"},
		{"missing role", fmt.Sprintf(allowS3, `"sts:AssumeRole"`, `"arn:aws:iam::222222222222:role/role-in-accountc"`), IdentityPolicy,
			"RESOURCE_NOT_FOUND_IN_WORLD", Warning, "Statement[0].Resource", "The role role-in-accountc does not exist in account 222222222222"},
		{"missing user as principal", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:user/alice","arn:aws:iam::111111111111:user/bob"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account-bucket/*"}]}`, ResourcePolicy,
			"RESOURCE_NOT_FOUND_IN_WORLD", Warning, "Statement[0].Principal{AWS}[1]", "The user bob does not exist"},
		{"allow with NotPrincipal", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account-bucket/*"}]}`, ResourcePolicy,
			"ALLOW_WITH_NOT_PRINCIPAL", SecurityWarning, "Statement[0].NotPrincipal", "Using Allow with NotPrincipal can be overly permissive."},
		{"wildcard principal without condition", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account-bucket/*"}]}`, ResourcePolicy,
			"WILDCARD_PRINCIPAL_WITHOUT_CONDITION", SecurityWarning, "Statement[0].Principal", "The Principal * allows anyone"},
		{"wildcard AWS principal without condition", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account-bucket/*"}]}`, ResourcePolicy,
			"WILDCARD_PRINCIPAL_WITHOUT_CONDITION", SecurityWarning, "Statement[0].Principal{AWS}", "allows anyone"},
		{"redundant action", fmt.Sprintf(allowS3, `["iam:Get*","iam:List*","iam:GetCredentialReport"]`, `"*"`), IdentityPolicy,
			"REDUNDANT_ACTION", Suggestion, "Statement[0].Action[2]", "The 1 action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: iam:GetCredentialReport."},
		{"duplicate action", fmt.Sprintf(allowS3, `["s3:GetObject","S3:getobject"]`, `"arn:aws:s3:::cross-account-bucket/*"`), IdentityPolicy,
			"REDUNDANT_ACTION", Suggestion, "Statement[0].Action[1]", "such as: S3:getobject."},
		{"redundant resource", fmt.Sprintf(allowS3, `"s3:GetObject"`, `["arn:aws:s3:::cross-account-bucket/*","arn:aws:s3:::cross-account-bucket/a.txt"]`), IdentityPolicy,
			"REDUNDANT_RESOURCE", Suggestion, "Statement[0].Resource[1]", "The 1 resource ARN(s) are redundant"},
		{"redundant statement", `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"},{"Sid":"B","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`, IdentityPolicy,
			"REDUNDANT_STATEMENT", Suggestion, "Statement[1]", "The statements are redundant because they provide identical permissions."},
		{"json syntax", `{"Version": "2012-10-17",}`, IdentityPolicy,
			"JSON_SYNTAX_ERROR", Error, "", "Fix the JSON syntax error at index 25 line 1 column 25."},
		{"not an object", `[]`, IdentityPolicy, "DATA_TYPE_MISMATCH", Error, "", "expected JSON data type"},
		{"missing statement", `{"Version":"2012-10-17"}`, IdentityPolicy, "MISSING_STATEMENT", Error, "", "Add a statement to the policy"},
		{"unknown element", `{"Version":"2012-10-17","Statment":[]}`, IdentityPolicy, "INVALID_POLICY_ELEMENT", Error, "Statment", "The policy element Statment is not valid."},
		{"missing effect", `{"Version":"2012-10-17","Statement":[{"Action":"s3:ListAllMyBuckets","Resource":"*"}]}`, IdentityPolicy,
			"MISSING_EFFECT", Error, "Statement[0]", "Add an Effect element"},
		{"invalid effect", `{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`, IdentityPolicy,
			"INVALID_EFFECT", Error, "Statement[0].Effect", `The effect "allow" is not valid. Use Allow or Deny.`},
		{"missing action", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}`, IdentityPolicy,
			"MISSING_ACTION", Error, "Statement[0]", "Add an Action or NotAction element"},
		{"missing resource", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets"}]}`, IdentityPolicy,
			"MISSING_RESOURCE", Error, "Statement[0]", "Add a Resource or NotResource element"},
		{"principal in identity policy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`, IdentityPolicy,
			"UNSUPPORTED_PRINCIPAL", Error, "Statement[0].Principal", "The policy type IDENTITY_POLICY does not support the Principal element."},
		{"missing principal in resource policy", fmt.Sprintf(allowS3, `"s3:GetObject"`, `"arn:aws:s3:::cross-account-bucket/*"`), ResourcePolicy,
			"MISSING_PRINCIPAL", Error, "Statement[0]", "Add a Principal element"},
		{"action and NotAction", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","NotAction":"iam:*","Resource":"*"}]}`, IdentityPolicy,
			"UNSUPPORTED_ELEMENT_COMBINATION", Error, "Statement[0].NotAction", "The policy elements Action and NotAction can not be used in the same statement."},
		{"duplicate sid", `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`, IdentityPolicy,
			"UNIQUE_SIDS_REQUIRED", Error, "Statement[1].Sid", "Duplicate statement IDs are not supported"},
		{"empty action array", fmt.Sprintf(allowS3, `[]`, `"*"`), IdentityPolicy,
			"EMPTY_ARRAY_ACTION", Suggestion, "Statement[0].Action", "This statement includes no actions"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := Validate(Input{Document: tc.doc, Type: tc.typ, World: world})
			for _, f := range fs {
				if f.IssueCode != tc.code {
					continue
				}
				if f.FindingType != tc.findType {
					t.Errorf("%s: findingType = %s, want %s", tc.code, f.FindingType, tc.findType)
				}
				if got := pathString(f.Locations[0].Path); got != tc.path {
					t.Errorf("%s: path = %s, want %s", tc.code, got, tc.path)
				}
				if !strings.Contains(f.FindingDetails, tc.details) {
					t.Errorf("%s: details = %q, want it to contain %q", tc.code, f.FindingDetails, tc.details)
				}
				if f.LearnMoreLink == "" {
					t.Errorf("%s: no learnMoreLink", tc.code)
				}
				return
			}
			t.Errorf("no %s finding; got %+v", tc.code, codes(fs))
		})
	}
}

func codes(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.IssueCode+" "+f.FindingDetails)
	}
	return out
}

// TestValidateClean: well-written policies get no findings.
func TestValidateClean(t *testing.T) {
	world := fakeWorld{"bucket:cross-account-bucket": true, "role:222222222222:role-in-accountb": true}
	docs := []struct {
		doc string
		typ PolicyType
		rt  string
	}{
		{`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::222222222222:role/role-in-accountb"}}`, IdentityPolicy, ""},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:PutObjectAcl"],"Resource":"arn:aws:s3:::cross-account-bucket/*"},` +
			`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::cross-account-bucket"}]}`, IdentityPolicy, ""},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`, ResourcePolicy, trustPolicyType},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:DescribeInstances","kms:Nope"],"Resource":"*"}]}`, IdentityPolicy, ""},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account-bucket/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}]}`, ResourcePolicy, ""},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"s3:*","Resource":"*"}]}`, ServiceControlPolicy, ""},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::cross-account-bucket/${aws:username}/*"}]}`, IdentityPolicy, ""},
		// Access point ARNs are neither buckets of the world nor objects.
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":["arn:aws:s3:us-east-1:111111111111:accesspoint/ap","arn:aws:s3:us-east-1:111111111111:accesspoint/ap/object/*"]}]}`, IdentityPolicy, ""},
		// The object annotation actions (2026) act on objects.
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObjectAnnotation","s3:GetObjectAnnotation","s3:ListObjectAnnotations","s3:DeleteObjectAnnotation"],"Resource":"arn:aws:s3:::cross-account-bucket/*"}]}`, IdentityPolicy, ""},
		// NotResource names nothing that must exist.
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::no-such-bucket"}]}`, IdentityPolicy, ""},
	}
	for i, d := range docs {
		if fs := Validate(Input{Document: d.doc, Type: d.typ, ResourceType: d.rt, World: world}); len(fs) != 0 {
			t.Errorf("doc %d: findings %v", i, codes(fs))
		}
	}
}

// TestSpans: positions count lines from 1 and columns and offsets from 0,
// in characters; a string's span includes its quotes.
func TestSpans(t *testing.T) {
	doc := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObjet\", \"Resource\": \"*\"}]\n}"
	fs := Validate(Input{Document: doc, Type: IdentityPolicy})
	if len(fs) != 1 || fs[0].IssueCode != "INVALID_ACTION" {
		t.Fatalf("findings = %v", codes(fs))
	}
	sp := fs[0].Locations[0].Span
	want := Span{Start: Position{Line: 3, Column: 46, Offset: 75}, End: Position{Line: 3, Column: 59, Offset: 88}}
	if sp != want {
		t.Errorf("span = %+v, want %+v", sp, want)
	}
	if got := doc[sp.Start.Offset:sp.End.Offset]; got != `"s3:GetObjet"` {
		t.Errorf("span text = %s", got)
	}
	// Non-ASCII before the finding: offsets count characters, not bytes.
	doc = `{"Id":"é","Statement":{"Effect":"Allow","Action":"s3:GetObjet","Resource":"*"}}`
	fs = Validate(Input{Document: doc, Type: IdentityPolicy})
	for _, f := range fs {
		if f.IssueCode == "INVALID_ACTION" {
			if got := []rune(doc)[f.Locations[0].Span.Start.Offset]; got != '"' {
				t.Errorf("offset points at %q", got)
			}
			if f.Locations[0].Span.Start.Offset != 49 {
				t.Errorf("offset = %d, want 49", f.Locations[0].Span.Start.Offset)
			}
		}
	}
}

func TestCatalogueCoversServedActions(t *testing.T) {
	for _, a := range []string{"s3:GetObject", "s3:PutBucketPolicy", "iam:CreateRole", "iam:PassRole", "sts:AssumeRole",
		"sts:GetCallerIdentity", "organizations:CreatePolicy", "access-analyzer:ValidatePolicy",
		"s3:PutObjectAnnotation", "s3:GetObjectAnnotation", "s3:ListObjectAnnotations", "s3:DeleteObjectAnnotation"} {
		svc, name, _ := strings.Cut(a, ":")
		if len(defaultCatalogue().expand(svc, name)) != 1 {
			t.Errorf("catalogue lacks %s", a)
		}
	}
	if got := strings.Join(Services(), ","); got != "access-analyzer,iam,organizations,s3,sts" {
		t.Errorf("Services() = %s", got)
	}
}

// TestLargeDocument: a document with thousands of entries and findings is
// answered (positions are indexed once; the quadratic redundancy check is
// bounded) with every INVALID_ACTION found.
func TestLargeDocument(t *testing.T) {
	var acts []string
	for i := 0; i < 2000; i++ {
		acts = append(acts, fmt.Sprintf(`"s3:NoSuchAction%d"`, i))
	}
	doc := fmt.Sprintf(allowS3, "["+strings.Join(acts, ",\n")+"]", `"*"`)
	n := 0
	for _, f := range Validate(Input{Document: doc, Type: IdentityPolicy}) {
		if f.IssueCode == "INVALID_ACTION" {
			n++
		}
	}
	if n != 2000 {
		t.Errorf("INVALID_ACTION findings = %d, want 2000", n)
	}
}
