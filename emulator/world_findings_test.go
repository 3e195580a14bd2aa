package emulator_test

import (
	"context"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/accessanalyzer"
	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// findingsExtra adds to seed 004's world a customer managed policy with a
// misspelt action and a bucket policy with a redundant resource.
const findingsExtra = `{"accounts":[{"id":"222222222222","alias":"accountb",
  "policies":[{"name":"typo","document":{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:GetObjet","Resource":"arn:aws:s3:::cross-account-bucket/*"}]}}],
  "buckets":[{"name":"cross-account-bucket","policy":{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject",
     "Resource":["arn:aws:s3:::cross-account-bucket/*","arn:aws:s3:::cross-account-bucket/reports/*"]}]}}]}]}`

// seed004WithFindings starts a server with examples/seed004.json (the
// role's policy names the bucket arn:aws:s3:::222222222222/...) and
// findingsExtra applied.
func seed004WithFindings(t *testing.T) *httptest.Server {
	t.Helper()
	ts, srv := emulatortest.Start(t, emulator.Options{})
	seed, err := config.Load(filepath.Join("..", "examples", "seed004.json"))
	if err != nil {
		t.Fatal(err)
	}
	extra, err := config.Parse([]byte(findingsExtra))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*config.Config{seed, extra} {
		if err := config.Apply(context.Background(), srv, c, config.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	return ts
}

// worldFindings is the part of /_fakeaws/world that carries findings.
type worldFindings struct {
	Accounts []struct {
		ID    string `json:"id"`
		Users []struct {
			Name           string                              `json:"name"`
			Inline         map[string]string                   `json:"inlinePolicies"`
			InlineFindings map[string][]accessanalyzer.Finding `json:"inlinePolicyFindings"`
		} `json:"users"`
		Roles []struct {
			Name           string                              `json:"name"`
			Inline         map[string]string                   `json:"inlinePolicies"`
			InlineFindings map[string][]accessanalyzer.Finding `json:"inlinePolicyFindings"`
			TrustFindings  *[]accessanalyzer.Finding           `json:"trustPolicyFindings"`
		} `json:"roles"`
		Buckets []struct {
			Name           string                   `json:"name"`
			Policy         string                   `json:"policy"`
			PolicyFindings []accessanalyzer.Finding `json:"policyFindings"`
		} `json:"buckets"`
	} `json:"accounts"`
	Policies map[string]struct {
		Document string                    `json:"document"`
		Findings *[]accessanalyzer.Finding `json:"findings"`
	} `json:"policies"`
}

// spanText is the text a finding's first location marks in doc (offsets
// count characters).
func spanText(doc string, f accessanalyzer.Finding) string {
	r := []rune(doc)
	sp := f.Locations[0].Span
	return string(r[sp.Start.Offset:sp.End.Offset])
}

// TestWorldCarriesFindings pins that /_fakeaws/world runs Access
// Analyzer's checks, world-aware as `fakeaws lint --data` is, on every
// policy: inline, trust, customer managed and bucket policies.
func TestWorldCarriesFindings(t *testing.T) {
	t.Parallel()
	ts := seed004WithFindings(t)
	var w worldFindings
	getJSON(t, ts.URL+"/_fakeaws/world", &w)
	type want struct{ typ, code, text string }
	check := func(what string, doc string, got []accessanalyzer.Finding, wants ...want) {
		t.Helper()
		if len(got) != len(wants) {
			t.Errorf("%s: %d findings %+v, want %d", what, len(got), got, len(wants))
			return
		}
		for i, w := range wants {
			if string(got[i].FindingType) != w.typ || got[i].IssueCode != w.code || spanText(doc, got[i]) != w.text {
				t.Errorf("%s finding %d = %s %s at %q, want %s %s at %q", what, i, got[i].FindingType, got[i].IssueCode,
					spanText(doc, got[i]), w.typ, w.code, w.text)
			}
		}
	}
	roles, buckets := 0, 0
	for _, a := range w.Accounts {
		for _, u := range a.Users {
			if len(u.InlineFindings) != 0 {
				t.Errorf("user %s: findings %+v on policies naming existing roles, want none", u.Name, u.InlineFindings)
			}
		}
		for _, r := range a.Roles {
			roles++
			doc := r.Inline["s3-as-in-the-seed"]
			check("role "+r.Name+" inline policy", doc, r.InlineFindings["s3-as-in-the-seed"],
				want{typ: "WARNING", code: "RESOURCE_NOT_FOUND_IN_WORLD", text: `"arn:aws:s3:::222222222222/cross-account-bucket"`})
			if r.TrustFindings != nil {
				t.Errorf("role %s trust policy: findings %+v, want none", r.Name, *r.TrustFindings)
			}
		}
		for _, b := range a.Buckets {
			buckets++
			check("bucket "+b.Name+" policy", b.Policy, b.PolicyFindings,
				want{typ: "SUGGESTION", code: "REDUNDANT_RESOURCE", text: `"arn:aws:s3:::cross-account-bucket/reports/*"`})
		}
	}
	if roles != 1 || buckets != 1 {
		t.Errorf("the world has %d roles and %d buckets, want seed 004's one of each", roles, buckets)
	}
	typo, ok := w.Policies["arn:aws:iam::222222222222:policy/typo"]
	if !ok || typo.Findings == nil {
		t.Fatalf("the world lacks the customer managed policy typo or its findings: %+v", w.Policies)
	}
	check("policy typo", typo.Document, *typo.Findings, want{typ: "ERROR", code: "INVALID_ACTION", text: `"s3:GetObjet"`})
}

// TestWorldShowsAWSManagedDocuments pins that /_fakeaws/world carries the
// document of an AWS managed policy in use, not only its ARN, so the
// console's Policies tab can show what it allows.
func TestWorldShowsAWSManagedDocuments(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	const v = "&Version=2010-05-08"
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`
	for _, params := range []string{
		"Action=CreateRole&RoleName=reader&AssumeRolePolicyDocument=" + url.QueryEscape(trust) + v,
		"Action=AttachRolePolicy&RoleName=reader&PolicyArn=arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" + v,
	} {
		if resp, body := query(t, ts, "222222222222", "iam", params); resp.StatusCode != 200 {
			t.Fatalf("%s = %d %s", params, resp.StatusCode, body)
		}
	}
	var w struct {
		Policies map[string]struct{ Kind, Document string }
	}
	getJSON(t, ts.URL+"/_fakeaws/world", &w)
	p, ok := w.Policies["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
	if !ok || p.Kind != "AWS managed" || !strings.Contains(p.Document, `"s3:Get*"`) {
		t.Errorf("world's AmazonS3ReadOnlyAccess = %+v (present %v), want the AWS managed document allowing s3:Get*", p, ok)
	}
}
