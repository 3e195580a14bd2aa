package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/emulator/store"
)

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLintFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clean := writeFile(t, dir, "clean.json", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`)
	bad := writeFile(t, dir, "bad.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObjet\", \"Resource\": \"*\"}\n}\n")
	public := writeFile(t, dir, "public.json", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`)
	tests := []struct {
		name    string
		args    []string
		want    string
		wantErr error
	}{
		{"clean", []string{"lint", clean}, "", nil},
		{"invalid action", []string{"lint", clean, bad}, bad + ":3:46: ERROR INVALID_ACTION: The action s3:GetObjet does not exist. Did you mean s3:GetObject?\n", errFindings},
		{"resource policy", []string{"lint", "--type", "RESOURCE_POLICY", public},
			public + ":1:67: SECURITY_WARNING WILDCARD_PRINCIPAL_WITHOUT_CONDITION: The Principal * allows anyone", errFindings},
		{"identity type refuses Principal", []string{"lint", public}, public + ":1:67: ERROR UNSUPPORTED_PRINCIPAL:", errFindings},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			err := run(context.Background(), tt.args, nil, &out, &out)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.want == "" && out.Len() != 0 || !strings.HasPrefix(out.String(), tt.want) {
				t.Errorf("output = %q, want prefix %q", out.String(), tt.want)
			}
		})
	}
}

func TestLintUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"lint"}, {"lint", "--type", "NOPE", "x.json"}, {"lint", "--account", "111111111111"}, {"lint", "missing-file.json"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, nil, &out, &out); err == nil || errors.Is(err, errFindings) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	// Nothing to check is not "both".
	if err := run(context.Background(), []string{"lint"}, nil, &bytes.Buffer{}, &bytes.Buffer{}); err == nil || strings.Contains(err.Error(), "not both") {
		t.Errorf("lint with no files = %v, want it to ask for files or --account", err)
	}
}

// TestLintAccount lints seed 004's stored world: the role's policy names
// a bucket "222222222222" that does not exist.
func TestLintAccount(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := emulator.New(db, emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	world, err := config.Load(filepath.Join("..", "..", "examples", "seed004.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := config.Apply(context.Background(), srv, world, config.Options{}); err != nil {
		t.Fatalf("apply seed004: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	err = run(context.Background(), []string{"lint", "--account", "222222222222", "--data", dir, "--json"}, nil, &out, &out)
	if !errors.Is(err, errFindings) {
		t.Fatalf("err = %v, want findings", err)
	}
	var got []linted
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out.String())
	}
	found := map[string]string{}
	for _, r := range got {
		for _, f := range r.Findings {
			found[r.File] += f.IssueCode + " "
		}
	}
	if want := "role/role-in-accountb/s3-as-in-the-seed"; !strings.Contains(found[want], "RESOURCE_NOT_FOUND_IN_WORLD") {
		t.Errorf("findings = %v, want RESOURCE_NOT_FOUND_IN_WORLD for %s", found, want)
	}
	if f := found["role/role-in-accountb/trust"]; f != "" {
		t.Errorf("trust policy findings = %s, want none", f)
	}

	// Account 111111111111's policy names the role, which exists: clean.
	out.Reset()
	if err := run(context.Background(), []string{"lint", "--account", "111111111111", "--data", dir}, nil, &out, &out); err != nil {
		t.Errorf("account 111111111111: err = %v, output %s", err, out.String())
	}
}

// TestLintAccountOrganizationPolicies lints the customer SCPs and RCPs of
// the organization the account manages: an RCP stored before Organizations
// checked RCP syntax (its Principal names an account) is reported, a valid
// SCP and the AWS managed policies are not, and a member account lints none
// of them.
func TestLintAccountOrganizationPolicies(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const mgmt, member = "111111111111", "222222222222"
	org := &store.Organization{ID: "o-abcdefghij", FeatureSet: "ALL", ManagementAccount: mgmt,
		Root: store.OrgRoot{ID: "r-abcd", Name: "Root"},
		Policies: map[string]*store.OrgPolicy{
			"p-rcpbad01": {ID: "p-rcpbad01", Name: "old-rcp", Type: "RESOURCE_CONTROL_POLICY",
				Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"s3:*","Resource":"*"}]}`},
			"p-scpgood1": {ID: "p-scpgood1", Name: "deny-leave", Type: "SERVICE_CONTROL_POLICY",
				Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}`},
			"p-FullAWSAccess": {ID: "p-FullAWSAccess", Name: "FullAWSAccess", Type: "SERVICE_CONTROL_POLICY", AWSManaged: true,
				Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`},
		}}
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		for _, a := range []string{mgmt, member} {
			if _, err := tx.EnsureAccount(a, time.Now()); err != nil {
				return err
			}
			if err := tx.Put(store.Global, store.KindOrgMember, a, store.OrgRef{OrgID: org.ID}); err != nil {
				return err
			}
		}
		return tx.PutOrganization(org)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	err = run(context.Background(), []string{"lint", "--account", mgmt, "--data", dir, "--json"}, nil, &out, &out)
	if !errors.Is(err, errFindings) {
		t.Fatalf("err = %v, want findings\n%s", err, out.String())
	}
	var got []linted
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out.String())
	}
	found := map[string]string{}
	for _, r := range got {
		found[r.File] = ""
		for _, f := range r.Findings {
			found[r.File] += f.IssueCode + " "
		}
	}
	want := map[string]string{"rcp/old-rcp": "RCP_SYNTAX_ERROR_PRINCIPAL ", "scp/deny-leave": ""}
	if len(found) != len(want) {
		t.Errorf("linted %v, want exactly %v", found, want)
	}
	for name, codes := range want {
		if got, ok := found[name]; !ok || got != codes {
			t.Errorf("%s: findings %q (linted: %v), want %q", name, got, ok, codes)
		}
	}

	out.Reset()
	if err := run(context.Background(), []string{"lint", "--account", member, "--data", dir, "--json"}, nil, &out, &out); err != nil {
		t.Errorf("member account: err = %v, want no policies and no findings\n%s", err, out.String())
	}
}
