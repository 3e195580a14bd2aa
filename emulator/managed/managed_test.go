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
// the default version id has IAM's form, and the document is accepted by the
// evaluator as an identity policy.
func TestEmbeddedPolicies(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(s.All()) == 0 {
		t.Fatal("no managed policies loaded")
	}
	ids := map[string]string{}
	for _, p := range s.All() {
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
		if p.Description == "" {
			t.Errorf("%s: empty Description", p.Name)
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

// TestFileNamesMatchPolicyNames keeps each file named after the policy it holds.
func TestFileNamesMatchPolicyNames(t *testing.T) {
	entries, err := files.ReadDir("policies")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		raw, err := files.ReadFile("policies/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		var f file
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if e.Name() != f.Name+".json" {
			t.Errorf("file %s holds policy %s", e.Name(), f.Name)
		}
	}
}
