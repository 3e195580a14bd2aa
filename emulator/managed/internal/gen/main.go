// Command gen writes emulator/managed/policies.json.gz from a checkout of
// github.com/zoph-io/MAMIP, which records every AWS managed policy as AWS
// lists it (policies-list.json: ListPolicies Scope=AWS) and its default
// version (policies/NAME: GetPolicyVersion).
//
//	git clone https://github.com/zoph-io/MAMIP /tmp/MAMIP
//	go run ./emulator/managed/internal/gen -src /tmp/MAMIP \
//	    -commit $(git -C /tmp/MAMIP rev-parse HEAD) \
//	    -date $(git -C /tmp/MAMIP log -1 --format=%cI) \
//	    -out emulator/managed/policies.json.gz
//
// MAMIP has no descriptions (ListPolicies leaves them out); those come from
// descriptions.json next to this file, taken from AWS's managed policy
// reference for the policies that have one there.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/fakeaws/fakeaws/emulator/managed/internal/bundle"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	src := fs.String("src", "", "MAMIP checkout (holds policies-list.json and policies/)")
	commit := fs.String("commit", "", "MAMIP commit the checkout is at")
	date := fs.String("date", "", "that commit's date (RFC 3339)")
	descs := fs.String("descriptions", "emulator/managed/internal/gen/descriptions.json", "policy name → Description")
	out := fs.String("out", "emulator/managed/policies.json.gz", "bundle to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *src == "" || *commit == "" || *date == "" {
		return errors.New("-src, -commit and -date are required")
	}
	descriptions := map[string]string{}
	if err := readJSON(*descs, &descriptions); err != nil {
		return err
	}
	idx, docs, err := build(*src, descriptions)
	if err != nil {
		return err
	}
	idx.Source, idx.Commit, idx.Date = "github.com/zoph-io/MAMIP", *commit, *date
	return write(*out, idx, docs)
}

// listed is one policies-list.json entry.
type listed struct {
	PolicyName       string
	PolicyID         string `json:"PolicyId"`
	Path             string
	DefaultVersionID string `json:"DefaultVersionId"`
	IsAttachable     bool
	CreateDate       string
	UpdateDate       string
}

// version is one policies/NAME file.
type version struct {
	PolicyVersion struct {
		VersionID  string `json:"VersionId"`
		CreateDate string
		Document   json.RawMessage
	}
}

func build(src string, descriptions map[string]string) (bundle.Index, [][]byte, error) {
	var list struct{ Policies []listed }
	if err := readJSON(filepath.Join(src, "policies-list.json"), &list); err != nil {
		return bundle.Index{}, nil, err
	}
	sort.Slice(list.Policies, func(i, j int) bool { return list.Policies[i].PolicyName < list.Policies[j].PolicyName })
	var idx bundle.Index
	var docs [][]byte
	seen := map[string]bool{}
	for _, l := range list.Policies {
		if seen[l.PolicyName] {
			return idx, nil, fmt.Errorf("policy %s listed twice", l.PolicyName)
		}
		seen[l.PolicyName] = true
		var v version
		if err := readJSON(filepath.Join(src, "policies", l.PolicyName), &v); err != nil {
			return idx, nil, err
		}
		if v.PolicyVersion.VersionID != l.DefaultVersionID {
			return idx, nil, fmt.Errorf("%s: document is %s, list says default is %s", l.PolicyName, v.PolicyVersion.VersionID, l.DefaultVersionID)
		}
		var doc bytes.Buffer
		if err := json.Compact(&doc, v.PolicyVersion.Document); err != nil {
			return idx, nil, fmt.Errorf("%s: %w", l.PolicyName, err)
		}
		e := bundle.Entry{Name: l.PolicyName, Path: l.Path, ID: l.PolicyID, DefaultVersion: l.DefaultVersionID,
			Description: descriptions[l.PolicyName], NotAttachable: !l.IsAttachable, DocumentLength: doc.Len()}
		var err error
		if e.Created, err = rfc3339(l.CreateDate); err == nil {
			if e.Updated, err = rfc3339(l.UpdateDate); err == nil {
				e.VersionCreated, err = rfc3339(v.PolicyVersion.CreateDate)
			}
		}
		if err != nil {
			return idx, nil, fmt.Errorf("%s: %w", l.PolicyName, err)
		}
		idx.Policies = append(idx.Policies, e)
		docs = append(docs, doc.Bytes())
	}
	for name := range descriptions {
		if !seen[name] {
			return idx, nil, fmt.Errorf("descriptions.json names %s, which MAMIP does not list", name)
		}
	}
	return idx, docs, nil
}

// rfc3339 normalizes MAMIP's dates ("2015-02-06T18:39:46+00:00" or "...Z")
// to UTC with a Z.
func rfc3339(s string) (string, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return "", err
	}
	return t.UTC().Format(time.RFC3339), nil
}

func write(out string, idx bundle.Index, docs [][]byte) error {
	head, err := json.Marshal(idx)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.Write(head)
	zw.Write([]byte("\n"))
	for _, d := range docs {
		zw.Write(d)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

func readJSON(path string, v any) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
