package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/accessanalyzer"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// errFindings makes lint exit 1 when a policy has findings.
var errFindings = errors.New("lint: the policies have findings")

// linted is one policy's findings, for --json.
type linted struct {
	File     string                   `json:"file"`
	Findings []accessanalyzer.Finding `json:"findings"`
}

// policyDoc is one policy to lint: where it came from, and the validator's
// input for it (its World is set when the world is known).
type policyDoc struct {
	name string
	in   accessanalyzer.Input
}

// lintCommand runs IAM Access Analyzer's policy checks on policy files, or
// on every policy an account stores in --data: one finding per line as
// FILE:LINE:COL: TYPE ISSUE_CODE: details (or JSON with --json); exit 0
// when there are no findings, 1 otherwise.
func lintCommand(ctx context.Context, args, _ []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fakeaws lint", flag.ContinueOnError)
	fs.SetOutput(stdout)
	typ := fs.String("type", string(accessanalyzer.IdentityPolicy), "policy type of the files: IDENTITY_POLICY, RESOURCE_POLICY, SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY")
	resourceType := fs.String("resource-type", "", "validatePolicyResourceType of the files (AWS::IAM::AssumeRolePolicyDocument for trust policies)")
	data := fs.String("data", "", "fakeaws --data directory: check that named buckets, roles and users exist (required with --account; the server must not be running on it)")
	account := fs.String("account", "", "lint every policy this account stores in --data")
	asJSON := fs.Bool("json", false, "print the findings as JSON")
	fs.Usage = func() {
		fmt.Fprintln(stdout, "usage: fakeaws lint [--type T] [--resource-type R] [--data DIR] [--json] FILE...\n       fakeaws lint --account ID --data DIR [--json]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !accessanalyzer.PolicyType(*typ).Valid() {
		return fmt.Errorf("lint: --type %q is not a policy type", *typ)
	}
	if (*account == "") == (fs.NArg() == 0) {
		fs.Usage()
		if *account == "" {
			return errors.New("lint: give the policy files to check, or --account ID")
		}
		return errors.New("lint: give policy files or --account, not both")
	}
	if *account != "" && *data == "" {
		return errors.New("lint: --account needs --data")
	}
	var docs []policyDoc
	for _, f := range fs.Args() {
		b, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("lint: %w", err)
		}
		docs = append(docs, policyDoc{name: f, in: accessanalyzer.Input{Document: string(b), Type: accessanalyzer.PolicyType(*typ), ResourceType: *resourceType}})
	}
	results, err := lintAll(ctx, docs, *data, *account)
	if err != nil {
		return err
	}
	return printLint(stdout, results, *asJSON)
}

// lintAll validates docs (and the account's stored policies), against the
// world in data when given.
func lintAll(ctx context.Context, docs []policyDoc, data, account string) ([]linted, error) {
	validate := func(w accessanalyzer.World) []linted {
		var out []linted
		for _, d := range docs {
			in := d.in
			in.World = w
			fs := accessanalyzer.Validate(in)
			out = append(out, linted{File: d.name, Findings: fs})
		}
		return out
	}
	if data == "" {
		return validate(nil), nil
	}
	if _, err := os.Stat(data); err != nil {
		return nil, fmt.Errorf("lint: --data: %w", err)
	}
	db, err := store.Open(data, store.Options{})
	if err != nil {
		return nil, fmt.Errorf("lint: open %s (is a server running on it?): %w", data, err)
	}
	defer db.Close()
	var out []linted
	err = db.View(ctx, func(tx *store.Tx) error {
		if account != "" {
			if !tx.AccountExists(account) {
				return fmt.Errorf("lint: account %s does not exist in %s", account, data)
			}
			stored, err := storedPolicies(tx, account)
			if err != nil {
				return err
			}
			docs = append(docs, stored...)
		}
		out = validate(accessanalyzer.TxWorld{Tx: tx})
		return nil
	})
	return out, err
}

// storedPolicies lists the account's policies: inline policies of users,
// groups and roles, customer managed policies, trust policies, the
// customer SCPs and RCPs of the organization it manages and the policies of
// the buckets it owns.
func storedPolicies(tx *store.Tx, account string) ([]policyDoc, error) {
	var out []policyDoc
	identity := func(kind, name string, p store.Policies) {
		names := make([]string, 0, len(p.Inline))
		for n := range p.Inline {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			out = append(out, policyDoc{name: kind + "/" + name + "/" + n, in: accessanalyzer.IdentityInput(p.Inline[n], nil)})
		}
	}
	err := tx.ForEach(account, store.KindUser, "", "", func(_ string, dec store.Decoder) error {
		var u store.User
		if err := dec(&u); err != nil {
			return err
		}
		identity("user", u.Name, u.Policies)
		return nil
	})
	if err == nil {
		err = tx.ForEach(account, store.KindGroup, "", "", func(_ string, dec store.Decoder) error {
			var g store.Group
			if err := dec(&g); err != nil {
				return err
			}
			identity("group", g.Name, g.Policies)
			return nil
		})
	}
	if err == nil {
		err = tx.ForEach(account, store.KindRole, "", "", func(_ string, dec store.Decoder) error {
			var r store.Role
			if err := dec(&r); err != nil {
				return err
			}
			out = append(out, policyDoc{name: "role/" + r.Name + "/trust", in: accessanalyzer.TrustInput(r.TrustPolicy, nil)})
			identity("role", r.Name, r.Policies)
			return nil
		})
	}
	if err == nil {
		err = tx.ForEach(account, store.KindPolicy, "", "", func(_ string, dec store.Decoder) error {
			var p store.ManagedPolicy
			if err := dec(&p); err != nil {
				return err
			}
			out = append(out, policyDoc{name: "policy/" + p.Name, in: accessanalyzer.IdentityInput(p.DefaultDocument(), nil)})
			return nil
		})
	}
	if err == nil {
		var org []policyDoc
		org, err = organizationPolicies(tx, account)
		out = append(out, org...)
	}
	if err == nil {
		err = tx.ForEach(store.Global, store.KindBucket, "", "", func(_ string, dec store.Decoder) error {
			var b store.Bucket
			if err := dec(&b); err != nil {
				return err
			}
			if b.Account == account && b.Policy != "" {
				out = append(out, policyDoc{name: "bucket/" + b.Name + "/policy", in: accessanalyzer.BucketInput(b.Policy, nil)})
			}
			return nil
		})
	}
	return out, err
}

// organizationPolicies lists the customer SCPs and RCPs of the organization
// account manages (none when it manages none), sorted by name, each checked
// as its policy type (Access Analyzer's SERVICE_CONTROL_POLICY and
// RESOURCE_CONTROL_POLICY checks). Other policy types have no checks here.
func organizationPolicies(tx *store.Tx, account string) ([]policyDoc, error) {
	o, err := tx.OrganizationOf(account)
	if errors.Is(err, store.ErrNoOrganization) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if o.ManagementAccount != account {
		return nil, nil
	}
	types := map[string]struct {
		prefix string
		typ    accessanalyzer.PolicyType
	}{
		"SERVICE_CONTROL_POLICY":  {"scp", accessanalyzer.ServiceControlPolicy},
		"RESOURCE_CONTROL_POLICY": {"rcp", accessanalyzer.ResourceControlPolicy},
	}
	var out []policyDoc
	for _, p := range o.Policies {
		t, ok := types[p.Type]
		if !ok || p.AWSManaged {
			continue
		}
		out = append(out, policyDoc{name: t.prefix + "/" + p.Name, in: accessanalyzer.Input{Document: p.Content, Type: t.typ}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// printLint writes the findings and returns errFindings when there are any.
func printLint(w io.Writer, results []linted, asJSON bool) error {
	n := 0
	for _, r := range results {
		n += len(r.Findings)
	}
	if asJSON {
		if results == nil {
			results = []linted{}
		}
		for i := range results {
			if results[i].Findings == nil {
				results[i].Findings = []accessanalyzer.Finding{}
			}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			return err
		}
	} else {
		for _, r := range results {
			for _, f := range r.Findings {
				// Columns count from 1 here, as compilers and editors
				// expect; the JSON keeps AWS's column from 0.
				start := f.Locations[0].Span.Start
				fmt.Fprintf(w, "%s:%d:%d: %s %s: %s\n", r.File, start.Line, start.Column+1, f.FindingType, f.IssueCode,
					strings.ReplaceAll(f.FindingDetails, "\n", " "))
			}
		}
	}
	if n > 0 {
		return errFindings
	}
	return nil
}
