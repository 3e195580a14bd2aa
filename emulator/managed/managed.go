// Package managed holds the AWS managed policies that exist in every account
// (arn:aws:iam::aws:policy/...), embedded as AWS publishes them.
//
// Each policy is one JSON file under policies/ named after the policy, with
// the path and the current version id as AWS reports them.
package managed

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/fakeaws/fakeaws/emulator/arns"
)

//go:embed policies/*.json
var files embed.FS

// Policy is one AWS managed policy.
type Policy struct {
	Name           string
	Path           string // "/" or e.g. "/job-function/", "/service-role/"
	ARN            string
	ID             string // ANPA...
	DefaultVersion string
	Description    string
	Document       string
}

// Set is the loaded collection.
type Set struct {
	byARN map[string]*Policy
	list  []*Policy
}

type file struct {
	Name           string          `json:"PolicyName"`
	Path           string          `json:"Path"`
	ID             string          `json:"PolicyId"`
	DefaultVersion string          `json:"DefaultVersionId"`
	Description    string          `json:"Description"`
	Document       json.RawMessage `json:"Document"`
}

// Load returns the embedded policies, parsed on the first call (a few
// milliseconds of JSON, which start-up can overlap with opening the store:
// see cmd/fakeaws) and shared by every later call. The Set and its
// policies are read-only.
func Load() (*Set, error) { return loaded() }

var loaded = sync.OnceValues(parse)

// parse parses the embedded policies.
func parse() (*Set, error) {
	entries, err := files.ReadDir("policies")
	if err != nil {
		return nil, err
	}
	s := &Set{byARN: map[string]*Policy{}}
	for _, e := range entries {
		raw, err := files.ReadFile("policies/" + e.Name())
		if err != nil {
			return nil, err
		}
		var f file
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("managed policy %s: %w", e.Name(), err)
		}
		if f.Path == "" {
			f.Path = "/"
		}
		if f.DefaultVersion == "" {
			f.DefaultVersion = "v1"
		}
		p := &Policy{Name: f.Name, Path: f.Path, ID: f.ID, DefaultVersion: f.DefaultVersion,
			Description: f.Description, Document: string(f.Document),
			ARN: arns.Policy(arns.AWSAccount, f.Path, f.Name)}
		s.byARN[strings.ToLower(p.ARN)] = p
		s.list = append(s.list, p)
	}
	sort.Slice(s.list, func(i, j int) bool { return s.list[i].Name < s.list[j].Name })
	return s, nil
}

// Lookup returns the managed policy with the given ARN.
func (s *Set) Lookup(arn string) (*Policy, bool) {
	p, ok := s.byARN[strings.ToLower(arn)]
	return p, ok
}

// All returns every policy, sorted by name.
func (s *Set) All() []*Policy { return s.list }

// IsAWSManaged reports whether arn names an AWS managed policy.
func IsAWSManaged(arn string) bool { return strings.HasPrefix(arn, arns.AWSManagedPolicyPrefix) }
