package iam

import (
	"encoding/xml"
	"net/http"
	"strings"
	"testing"
)

// simResponse decodes a Simulate*Policy response.
type simResponse struct {
	Results []struct {
		Action   string `xml:"EvalActionName"`
		Resource string `xml:"EvalResourceName"`
		Decision string `xml:"EvalDecision"`
		Details  *struct {
			Entry []struct {
				Key   string `xml:"key"`
				Value string `xml:"value"`
			} `xml:"entry"`
		} `xml:"EvalDecisionDetails"`
		Boundary *struct {
			Allowed bool `xml:"AllowedByPermissionsBoundary"`
		} `xml:"PermissionsBoundaryDecisionDetail"`
		Specific *struct {
			Member []struct {
				Resource string   `xml:"EvalResourceName"`
				Decision string   `xml:"EvalResourceDecision"`
				Matched  []string `xml:"MatchedStatements>member>SourcePolicyId"`
			} `xml:"member"`
		} `xml:"ResourceSpecificResults"`
		Matched []string `xml:"MatchedStatements>member>SourcePolicyId"`
	} `xml:"SimulateCustomPolicyResult>EvaluationResults>member"`
}

// details renders EvalDecisionDetails as "key=value" joined by ","; "-"
// when the element is absent.
func (r *simResponse) details(i int) string {
	d := r.Results[i].Details
	if d == nil {
		return "-"
	}
	var parts []string
	for _, e := range d.Entry {
		parts = append(parts, e.Key+"="+e.Value)
	}
	return strings.Join(parts, ",")
}

// specific renders ResourceSpecificResults as "resource=decision" joined
// by ","; "-" when absent.
func (r *simResponse) specific(i int) string {
	s := r.Results[i].Specific
	if s == nil {
		return "-"
	}
	var parts []string
	for _, m := range s.Member {
		parts = append(parts, m.Resource+"="+m.Decision)
	}
	return strings.Join(parts, ",")
}

// TestSimulateDetails pins the per-resource parts of EvaluationResult as
// the API reference describes them: EvalDecisionDetails populated for
// cross-account simulations, present but empty within one account when
// resource ARNs are given, absent for "*"; one ResourceSpecificResult per
// resource ARN under one result per action carrying the most restrictive
// decision; PermissionsBoundaryDecisionDetail when a boundary is simulated.
func TestSimulateDetails(t *testing.T) {
	t.Parallel()
	const (
		obj      = "arn:aws:s3:::bucket/key"
		other    = "arn:aws:s3:::elsewhere/key"
		owner    = "arn:aws:iam::222222222222:root"
		denyKey  = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/key"}]}`
		bndAllow = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
		bndDeny  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`
	)
	grant := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"` + obj + `"}]}`
	base := []string{"PolicyInputList.member.1", s3Read, "ActionNames.member.1", "s3:GetObject"}
	cases := []struct {
		name      string
		kv        []string
		results   int
		resource  string // top-level EvalResourceName
		decision  string
		details   string // "-" absent
		specific  string // "-" absent
		boundary  string // "-" absent, else "true"/"false"
		matchedBy string // first top-level MatchedStatements SourcePolicyId, "" for none
	}{
		{name: "all resources", kv: base, results: 1, resource: "*", decision: "implicitDeny",
			details: "-", specific: "-", boundary: "-"},
		{name: "one ARN same account", kv: with(base, "ResourceArns.member.1", obj), results: 1, resource: obj,
			decision: "allowed", details: "", specific: obj + "=allowed", boundary: "-", matchedBy: "PolicyInputList.1"},
		{name: "several ARNs: most restrictive on top", kv: with(base, "ResourceArns.member.1", obj, "ResourceArns.member.2", other),
			results: 1, resource: "*", decision: "implicitDeny", details: "",
			specific: obj + "=allowed," + other + "=implicitDeny", boundary: "-"},
		{name: "several ARNs: explicit deny wins", kv: with(base, "PolicyInputList.member.2", denyKey,
			"ResourceArns.member.1", "arn:aws:s3:::bucket/a", "ResourceArns.member.2", obj),
			results: 1, resource: "*", decision: "explicitDeny", details: "",
			specific: "arn:aws:s3:::bucket/a=allowed," + obj + "=explicitDeny", boundary: "-", matchedBy: "PolicyInputList.2"},
		{name: "two actions, two results", kv: with(base, "ActionNames.member.2", "s3:PutObject", "ResourceArns.member.1", obj),
			results: 2, resource: obj, decision: "allowed", details: "", specific: obj + "=allowed", boundary: "-", matchedBy: "PolicyInputList.1"},
		{name: "cross-account without resource policy", kv: with(base, "ResourceArns.member.1", obj, "ResourceOwner", owner),
			results: 1, resource: obj, decision: "implicitDeny", details: "IAM Policy=allowed,Resource Policy=implicitDeny",
			specific: obj + "=implicitDeny", boundary: "-"},
		{name: "cross-account with resource policy", kv: with(base, "ResourceArns.member.1", obj, "ResourceOwner", owner, "ResourcePolicy", grant),
			results: 1, resource: obj, decision: "allowed", details: "IAM Policy=allowed,Resource Policy=allowed",
			specific: obj + "=allowed", boundary: "-", matchedBy: "PolicyInputList.1"},
		{name: "cross-account identity denies", kv: with(base, "PolicyInputList.member.2", denyKey, "ResourceArns.member.1", obj,
			"ResourceOwner", owner, "ResourcePolicy", grant),
			results: 1, resource: obj, decision: "explicitDeny", details: "IAM Policy=explicitDeny,Resource Policy=allowed",
			specific: obj + "=explicitDeny", boundary: "-", matchedBy: "PolicyInputList.2"},
		{name: "boundary allows", kv: with(base, "ResourceArns.member.1", obj, "PermissionsBoundaryPolicyInputList.member.1", bndAllow),
			results: 1, resource: obj, decision: "allowed", details: "", specific: obj + "=allowed", boundary: "true", matchedBy: "PolicyInputList.1"},
		{name: "boundary caps", kv: with(base, "ResourceArns.member.1", obj, "PermissionsBoundaryPolicyInputList.member.1", bndDeny),
			results: 1, resource: obj, decision: "implicitDeny", details: "", specific: obj + "=implicitDeny", boundary: "false"},
		{name: "boundary on all resources", kv: with(base, "PermissionsBoundaryPolicyInputList.member.1", bndAllow),
			results: 1, resource: "*", decision: "implicitDeny", details: "-", specific: "-", boundary: "true"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			r := e.call("SimulateCustomPolicy", tc.kv...)
			if r.status != http.StatusOK {
				t.Fatalf("SimulateCustomPolicy = %d %s, want 200", r.status, r.body)
			}
			var got simResponse
			if err := xml.Unmarshal([]byte(r.body), &got); err != nil {
				t.Fatalf("decode %s: %v", r.body, err)
			}
			if len(got.Results) != tc.results {
				t.Fatalf("EvaluationResults = %d, want %d\n%s", len(got.Results), tc.results, r.body)
			}
			first := got.Results[0]
			if first.Resource != tc.resource || first.Decision != tc.decision {
				t.Errorf("EvalResourceName, EvalDecision = %q, %q, want %q, %q", first.Resource, first.Decision, tc.resource, tc.decision)
			}
			if d := got.details(0); d != tc.details {
				t.Errorf("EvalDecisionDetails = %q, want %q", d, tc.details)
			}
			if s := got.specific(0); s != tc.specific {
				t.Errorf("ResourceSpecificResults = %q, want %q", s, tc.specific)
			}
			b := "-"
			if first.Boundary != nil {
				b = "false"
				if first.Boundary.Allowed {
					b = "true"
				}
			}
			if b != tc.boundary {
				t.Errorf("AllowedByPermissionsBoundary = %s, want %s", b, tc.boundary)
			}
			m := ""
			if len(first.Matched) > 0 {
				m = first.Matched[0]
			}
			if m != tc.matchedBy {
				t.Errorf("MatchedStatements[0].SourcePolicyId = %q, want %q", m, tc.matchedBy)
			}
		})
	}
}

// TestSimulateCrossAccountGolden pins the XML of a cross-account
// simulation byte for byte.
func TestSimulateCrossAccountGolden(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	grant := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}`
	r := e.must("SimulateCustomPolicy", "PolicyInputList.member.1", s3Read, "ActionNames.member.1", "s3:GetObject",
		"ResourceArns.member.1", "arn:aws:s3:::bucket/a", "ResourceArns.member.2", "arn:aws:s3:::other/b",
		"ResourceOwner", "arn:aws:iam::222222222222:root", "ResourcePolicy", grant)
	golden(t, "SimulateCustomPolicyCrossAccount", r.body)
}

func TestSimulate(t *testing.T) {
	t.Parallel()
	deny := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`
	cond := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}`
	runCases(t, []actionCase{
		{name: "custom allowed", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", s3Read,
			"ActionNames.member.1", "s3:GetObject", "ResourceArns.member.1", "arn:aws:s3:::bucket/key"},
			fields: map[string]string{"EvalDecision": "allowed", "SourcePolicyId": "PolicyInputList.1", "Line": "1"}},
		{name: "custom implicit", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", s3Read,
			"ActionNames.member.1", "s3:PutObject"}, fields: map[string]string{"EvalDecision": "implicitDeny"}},
		{name: "custom explicit", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", s3Read, "PolicyInputList.member.2", deny,
			"ActionNames.member.1", "s3:GetObject", "ResourceArns.member.1", "arn:aws:s3:::bucket/key"},
			fields: map[string]string{"EvalDecision": "explicitDeny", "SourcePolicyId": "PolicyInputList.2"}},
		{name: "custom missing context", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", cond, "ActionNames.member.1", "s3:GetObject"},
			fields: map[string]string{"EvalDecision": "implicitDeny", "member": "aws:RequestedRegion"}},
		{name: "custom context given", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", cond, "ActionNames.member.1", "s3:GetObject",
			"ContextEntries.member.1.ContextKeyName", "aws:RequestedRegion", "ContextEntries.member.1.ContextKeyValues.member.1", "eu-west-1",
			"ContextEntries.member.1.ContextKeyType", "string"}, fields: map[string]string{"EvalDecision": "allowed"}},
		{name: "custom malformed", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", "{", "ActionNames.member.1", "s3:GetObject"},
			status: 400, code: "MalformedPolicyDocument"},
		{name: "custom no actions", action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", s3Read}, status: 400, code: "ValidationError"},
		{name: "principal user via group", setup: []step{mkUser, mkGroup, s("AddUserToGroup", "GroupName", "devs", "UserName", "alice"),
			s("AttachGroupPolicy", "GroupName", "devs", "PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")},
			action: "SimulatePrincipalPolicy", kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:user/alice", "ActionNames.member.1", "s3:ListBucket"},
			fields: map[string]string{"EvalDecision": "allowed", "SourcePolicyType": "IAM Policy", "SourcePolicyId": "AmazonS3ReadOnlyAccess"}},
		{name: "principal role inline", setup: []step{mkRole, s("PutRolePolicy", "RoleName", "r1", "PolicyName", "inl", "PolicyDocument", s3Read)},
			action: "SimulatePrincipalPolicy", kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:role/r1", "ActionNames.member.1", "s3:GetObject",
				"ResourceArns.member.1", "arn:aws:s3:::bucket/x"},
			fields: map[string]string{"EvalDecision": "allowed", "SourcePolicyType": "IAM Policy", "SourcePolicyId": "role_r1_inl"}},
		{name: "principal missing", action: "SimulatePrincipalPolicy", kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:user/ghost", "ActionNames.member.1", "s3:GetObject"},
			status: 404, code: "NoSuchEntity"},
		{name: "boundary caps", setup: []step{mkUser, s("AttachUserPolicy", "UserName", "alice", "PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"),
			s("CreatePolicy", "PolicyName", "b", "PolicyDocument", s3Read), s("PutUserPermissionsBoundary", "UserName", "alice", "PermissionsBoundary", "arn:aws:iam::111111111111:policy/b")},
			action: "SimulatePrincipalPolicy", kv: []string{"PolicySourceArn", "arn:aws:iam::111111111111:user/alice", "ActionNames.member.1", "iam:CreateUser"},
			fields: map[string]string{"EvalDecision": "implicitDeny", "AllowedByPermissionsBoundary": "false"}},
		{name: "SimulateCustomPolicy input statements are IAM Policy", action: "SimulateCustomPolicy",
			kv:     []string{"PolicyInputList.member.1", s3Read, "ActionNames.member.1", "s3:GetObject", "ResourceArns.member.1", "arn:aws:s3:::bucket/k"},
			fields: map[string]string{"EvalDecision": "allowed", "SourcePolicyId": "PolicyInputList.1", "SourcePolicyType": "IAM Policy"}},
	})
}
