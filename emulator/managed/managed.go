// Package managed holds the AWS managed policies that exist in every account
// (arn:aws:iam::aws:policy/...), embedded as AWS publishes them.
//
// All of them (about 1,450) live in one compressed bundle, policies.json.gz,
// written by ./internal/gen from a snapshot of github.com/zoph-io/MAMIP (see
// Source). The bundle is decompressed on first use, not at start-up, and the
// documents stay text: they are parsed only when something evaluates them.
package managed

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/managed/internal/bundle"
)

//go:embed policies.json.gz
var compressed []byte

// Policy is one AWS managed policy.
type Policy struct {
	Name           string
	Path           string // "/" or e.g. "/job-function/", "/service-role/"
	ARN            string
	ID             string // ANPA...
	DefaultVersion string
	Description    string // empty where the source has none
	Document       string // the default version's document, compact JSON
	Created        time.Time
	Updated        time.Time
	VersionCreated time.Time // the default version's CreateDate
	Attachable     bool      // IsAttachable; false for a few retired policies
}

// Set is the collection of AWS managed policies. Its methods decompress the
// embedded bundle on first use; they are safe for concurrent use.
type Set struct {
	once   sync.Once
	err    error
	source Source
	byARN  map[string]*Policy
	list   []*Policy
}

// Source says where the embedded policies were read from.
type Source struct {
	Repository string // github.com/zoph-io/MAMIP
	Commit     string
	Date       string // the commit's date, RFC 3339
}

// Load returns the embedded policies: one read-only Set shared by every
// call in the process. It does not decompress them; the first Lookup, All
// or Source does, once, so start-up and an idle server stay cheap.
func Load() (*Set, error) { return shared, nil }

var shared = &Set{}

// load decompresses the bundle once. A broken bundle (caught by the tests)
// leaves the set empty, so every AWS managed policy is missing: fail closed.
func (s *Set) load() {
	s.once.Do(func() {
		if err := s.decode(); err != nil {
			s.err = fmt.Errorf("managed policies bundle: %w", err)
			s.byARN, s.list = map[string]*Policy{}, nil
		}
	})
}

func (s *Set) decode() error {
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return err
	}
	br := bufio.NewReader(zr)
	head, err := br.ReadBytes('\n')
	if err != nil {
		return err
	}
	var idx bundle.Index
	if err := json.Unmarshal(head, &idx); err != nil {
		return err
	}
	total := 0
	for _, e := range idx.Policies {
		if e.DocumentLength < 0 {
			return fmt.Errorf("policy %s: negative document length", e.Name)
		}
		total += e.DocumentLength
	}
	// One string holds every document; each Policy.Document is a slice of it.
	var sb strings.Builder
	sb.Grow(total)
	if n, err := io.Copy(&sb, io.LimitReader(br, int64(total)+1)); err != nil {
		return err
	} else if n != int64(total) {
		return fmt.Errorf("documents hold %d bytes, the index says %d", n, total)
	}
	docs := sb.String()
	s.source = Source{Repository: idx.Source, Commit: idx.Commit, Date: idx.Date}
	s.byARN = make(map[string]*Policy, len(idx.Policies))
	s.list = make([]*Policy, 0, len(idx.Policies))
	off := 0
	for _, e := range idx.Policies {
		p, err := policyOf(e, docs[off:off+e.DocumentLength])
		if err != nil {
			return err
		}
		off += e.DocumentLength
		s.byARN[strings.ToLower(p.ARN)] = p
		s.list = append(s.list, p)
	}
	return nil
}

func policyOf(e bundle.Entry, doc string) (*Policy, error) {
	p := &Policy{Name: e.Name, Path: e.Path, ID: e.ID, DefaultVersion: e.DefaultVersion,
		Description: e.Description, Document: doc, Attachable: !e.NotAttachable,
		ARN: arns.Policy(arns.AWSAccount, e.Path, e.Name)}
	for _, f := range []struct {
		dst *time.Time
		src string
	}{{&p.Created, e.Created}, {&p.Updated, e.Updated}, {&p.VersionCreated, e.VersionCreated}} {
		t, err := time.Parse(time.RFC3339, f.src)
		if err != nil {
			return nil, fmt.Errorf("policy %s: %w", e.Name, err)
		}
		*f.dst = t
	}
	return p, nil
}

// Lookup returns the managed policy with the given ARN (matched without
// regard to case; callers compare p.ARN when case matters).
func (s *Set) Lookup(arn string) (*Policy, bool) {
	s.load()
	p, ok := s.byARN[strings.ToLower(arn)]
	return p, ok
}

// All returns every policy, sorted by name. Callers must not modify it.
func (s *Set) All() []*Policy {
	s.load()
	return s.list
}

// Source says where the policies came from.
func (s *Set) Source() Source {
	s.load()
	return s.source
}

// Err reports whether the embedded bundle failed to decode (then the set is
// empty).
func (s *Set) Err() error {
	s.load()
	return s.err
}

// IsAWSManaged reports whether arn names an AWS managed policy.
func IsAWSManaged(arn string) bool { return strings.HasPrefix(arn, arns.AWSManagedPolicyPrefix) }
