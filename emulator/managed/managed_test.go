package managed

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/evaluator"
)

var versionRE = regexp.MustCompile(`^v[0-9]+$`)

// TestEmbeddedPolicies checks every embedded AWS managed policy: the ARN is
// built from Path and Name, the PolicyId is an ANPA id no other policy shares,
// the default version id has IAM's form, the dates are in order, and the
// document is accepted by the evaluator as an identity policy.
func TestEmbeddedPolicies(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	if n := len(s.All()); n < 1400 {
		t.Fatalf("%d managed policies loaded, want AWS's full set (1,400+)", n)
	}
	ids := map[string]string{}
	for i, p := range s.All() {
		if i > 0 && s.All()[i-1].Name >= p.Name {
			t.Errorf("%s listed after %s: not sorted by name", p.Name, s.All()[i-1].Name)
		}
		if want := "arn:aws:iam::aws:policy" + p.Path + p.Name; p.ARN != want {
			t.Errorf("%s: ARN %q, want %q", p.Name, p.ARN, want)
		}
		if !strings.HasPrefix(p.Path, "/") || !strings.HasSuffix(p.Path, "/") {
			t.Errorf("%s: Path %q is not slash-delimited", p.Name, p.Path)
		}
		if !strings.HasPrefix(p.ID, "ANPA") || len(p.ID) != 21 {
			t.Errorf("%s: PolicyId %q is not an ANPA id", p.Name, p.ID)
		}
		if other, dup := ids[p.ID]; dup {
			t.Errorf("%s: PolicyId %s already used by %s", p.Name, p.ID, other)
		}
		ids[p.ID] = p.Name
		if !versionRE.MatchString(p.DefaultVersion) {
			t.Errorf("%s: DefaultVersionId %q does not match %s", p.Name, p.DefaultVersion, versionRE)
		}
		if p.Created.IsZero() || p.Updated.Before(p.Created) {
			t.Errorf("%s: CreateDate %v, UpdateDate %v", p.Name, p.Created, p.Updated)
		}
		if !json.Valid([]byte(p.Document)) {
			t.Errorf("%s: document is not valid JSON", p.Name)
			continue
		}
		if _, err := evaluator.Parse(p.Document, evaluator.KindIdentity); err != nil {
			t.Errorf("%s: evaluator rejects document: %v", p.Name, err)
		}
		if got, ok := s.Lookup(strings.ToUpper(p.ARN)); !ok || got != p {
			t.Errorf("%s: Lookup by ARN failed", p.Name)
		}
	}
}

// TestKnownPolicies pins a few policies real flows attach (LocalStack's
// AWS-recorded test_attach_detach_role_policy, common Terraform modules):
// their ARN, id, and a statement they must hold, as MAMIP recorded them.
func TestKnownPolicies(t *testing.T) {
	s, _ := Load()
	for _, c := range []struct {
		arn, id, version, inDoc, description string
		created                              string
	}{
		{"arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "ANPAJX4DPCRGTC4NFDUXI", "v1", `"lambda:InvokeFunction"`, "Default policy for AWS Lambda service role.", "2015-02-06T18:41:28Z"},
		{"arn:aws:iam::aws:policy/AdministratorAccess", "ANPAIWMBCKSKIEE64ZLYK", "v1", `"Action":"*"`, "Provides full access to AWS services and resources.", "2015-02-06T18:39:46Z"},
		{"arn:aws:iam::aws:policy/AmazonEKSClusterPolicy", "", "", `"ec2:`, "", ""},
		{"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "", "", `"ssm:UpdateInstanceInformation"`, "The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.", ""},
		{"arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy", "", "", `"cloudwatch:PutMetricData"`, "", ""},
		{"arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy", "", "", `"ecr:GetAuthorizationToken"`, "", ""},
		{"arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy", "", "", `"Statement"`, "", ""},
	} {
		p, ok := s.Lookup(c.arn)
		if !ok {
			t.Errorf("%s missing", c.arn)
			continue
		}
		if p.ARN != c.arn {
			t.Errorf("%s: ARN %s", c.arn, p.ARN)
		}
		if c.id != "" && p.ID != c.id {
			t.Errorf("%s: PolicyId %s, want %s", c.arn, p.ID, c.id)
		}
		if c.version != "" && p.DefaultVersion != c.version {
			t.Errorf("%s: DefaultVersionId %s, want %s", c.arn, p.DefaultVersion, c.version)
		}
		if !strings.Contains(p.Document, c.inDoc) {
			t.Errorf("%s: document lacks %s: %s", c.arn, c.inDoc, p.Document)
		}
		if p.Description != c.description {
			t.Errorf("%s: Description %q, want %q", c.arn, p.Description, c.description)
		}
		if c.created != "" && p.Created.Format("2006-01-02T15:04:05Z07:00") != c.created {
			t.Errorf("%s: CreateDate %v, want %s", c.arn, p.Created, c.created)
		}
		if !p.Attachable {
			t.Errorf("%s: not attachable", c.arn)
		}
	}
	if _, ok := s.Lookup("arn:aws:iam::aws:policy/NoSuchPolicyAnywhere"); ok {
		t.Error("Lookup found a policy AWS does not have")
	}
	if p, ok := s.Lookup("arn:aws:iam::aws:policy/service-role/AWSConfigRole"); !ok || p.Attachable {
		t.Errorf("AWSConfigRole: found %v, attachable %v; MAMIP lists it with IsAttachable false", ok, ok && p.Attachable)
	}
	if src := s.Source(); src.Repository != "github.com/zoph-io/MAMIP" || len(src.Commit) != 40 || src.Date == "" {
		t.Errorf("Source = %+v", src)
	}
}

// TestDescriptionsKept keeps the descriptions taken from AWS's managed
// policy reference for the policies that were embedded one by one before.
func TestDescriptionsKept(t *testing.T) {
	s, _ := Load()
	n := 0
	for _, p := range s.All() {
		if p.Description != "" {
			n++
		}
	}
	if n < 42 {
		t.Errorf("%d policies have a Description, want at least the 42 from AWS's reference", n)
	}
}

// BenchmarkLoad measures the first-use decode of the whole bundle.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		s := &Set{} // not the shared one, which decodes only once
		if len(s.All()) == 0 {
			b.Fatal("empty")
		}
	}
}

// BenchmarkLoadCold measures what start-up pays: Load without use.
func BenchmarkLoadCold(b *testing.B) {
	for b.Loop() {
		if s, _ := Load(); s == nil {
			b.Fatal("nil")
		}
	}
}
