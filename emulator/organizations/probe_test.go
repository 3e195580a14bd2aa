package organizations_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	iamsdk "github.com/aws/aws-sdk-go-v2/service/iam"
)

// rawOrg sends one Organizations JSON request, signed as account's root,
// with no client-side validation (as a hand-written or other SDK's client
// could), and returns the status and decoded body.
func rawOrg(t *testing.T, url, account, op, body string) (int, map[string]any) {
	t.Helper()
	return rawOrgAs(t, url, account, "test", op, body)
}

// rawOrgAs is rawOrg signed with the access key id and secret given.
func rawOrgAs(t *testing.T, url, keyID, secret, op, body string) (int, map[string]any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/", strings.NewReader(body))
	if err != nil {
		t.Fatalf("%s: %v", op, err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "AWSOrganizationsV20161128."+op)
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: keyID, SecretAccessKey: secret}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "organizations", "us-east-1", time.Now()); err != nil {
		t.Fatalf("%s: sign: %v", op, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v (request did not complete)", op, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := map[string]any{}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s: body %q: %v", op, raw, err)
	}
	return resp.StatusCode, out
}

// str walks a decoded JSON body along keys and returns the string there.
func str(v any, keys ...string) string {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = m[k]
	}
	s, _ := v.(string)
	return s
}

// probeWorld is an organization with SCPs and RCPs enabled, an OU and a
// member account in it, and an extra RCP attached to the OU.
type probeWorld struct {
	url, root, ou, member, rcp string
}

func newProbeWorld(t *testing.T) *probeWorld {
	t.Helper()
	ts, _ := startServer(t)
	w := &probeWorld{url: ts.URL}
	must := func(op, body string) map[string]any {
		t.Helper()
		st, out := rawOrg(t, w.url, mgmt, op, body)
		if st != http.StatusOK {
			t.Fatalf("set-up %s %s: %d %v", op, body, st, out)
		}
		return out
	}
	must("CreateOrganization", `{"FeatureSet":"ALL"}`)
	roots := must("ListRoots", `{}`)["Roots"].([]any)
	w.root = str(roots[0], "Id")
	must("EnablePolicyType", `{"RootId":"`+w.root+`","PolicyType":"SERVICE_CONTROL_POLICY"}`)
	must("EnablePolicyType", `{"RootId":"`+w.root+`","PolicyType":"RESOURCE_CONTROL_POLICY"}`)
	w.ou = str(must("CreateOrganizationalUnit", `{"ParentId":"`+w.root+`","Name":"Prod"}`), "OrganizationalUnit", "Id")
	// The account id comes from DescribeCreateAccountStatus, as on AWS
	// (CreateAccount answers IN_PROGRESS without one).
	car := str(must("CreateAccount", `{"Email":"m@example.com","AccountName":"m"}`), "CreateAccountStatus", "Id")
	w.member = str(must("DescribeCreateAccountStatus", `{"CreateAccountRequestId":"`+car+`"}`), "CreateAccountStatus", "AccountId")
	must("MoveAccount", `{"AccountId":"`+w.member+`","SourceParentId":"`+w.root+`","DestinationParentId":"`+w.ou+`"}`)
	rcp, _ := json.Marshal(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"*"}]}`)
	w.rcp = str(must("CreatePolicy", `{"Name":"NoDelete","Description":"","Type":"RESOURCE_CONTROL_POLICY","Content":`+string(rcp)+`}`), "Policy", "PolicySummary", "Id")
	must("AttachPolicy", `{"PolicyId":"`+w.rcp+`","TargetId":"`+w.ou+`"}`)
	return w
}

// expand replaces {root}, {ou}, {member} and {rcp} in s.
func (w *probeWorld) expand(s string) string {
	return strings.NewReplacer("{root}", w.root, "{ou}", w.ou, "{member}", w.member, "{rcp}", w.rcp).Replace(s)
}

// policyBody is a CreatePolicy input with content doc.
func policyBody(name, typ, doc string) string {
	c, _ := json.Marshal(doc)
	return `{"Name":"` + name + `","Description":"","Type":"` + typ + `","Content":` + string(c) + `}`
}

type probeCase struct {
	name       string
	op, body   string
	wantCode   string // "" means success
	wantReason string
}

// runProbes runs each case as the management account against w and checks
// the answer's code and Reason.
func runProbes(t *testing.T, w *probeWorld, cases []probeCase) {
	t.Helper()
	for _, tc := range cases {
		st, out := rawOrg(t, w.url, mgmt, tc.op, w.expand(tc.body))
		code, reason := str(out, "__type"), str(out, "Reason")
		if tc.wantCode == "" {
			if st != http.StatusOK {
				t.Errorf("%s: %s = %d %s %q, want success", tc.name, tc.op, st, code, str(out, "Message"))
			}
			continue
		}
		if code != tc.wantCode || reason != tc.wantReason || st != http.StatusBadRequest {
			t.Errorf("%s: %s = %d %s (Reason %q) %q, want 400 %s (Reason %q)", tc.name, tc.op, st, code, reason, str(out, "Message"), tc.wantCode, tc.wantReason)
		}
	}
}

// TestRCPSyntaxProbes checks CreatePolicy against the RCP syntax page
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html):
// Version "2012-10-17" is required, Principal can only be "*", a customer
// RCP's Action cannot be "*" alone, NotPrincipal and NotAction are not
// supported, and customer RCPs only deny.
func TestRCPSyntaxProbes(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	const rcp = "RESOURCE_CONTROL_POLICY"
	stmt := func(s string) string { return `{"Version":"2012-10-17","Statement":[` + s + `]}` }
	cases := []probeCase{
		{"deny with Principal *", "CreatePolicy", policyBody("ok1", rcp, stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}`)), "", ""},
		{"NotResource", "CreatePolicy", policyBody("ok2", rcp, stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::b/*"}`)), "", ""},
		{"Condition", "CreatePolicy", policyBody("ok3", rcp, stmt(`{"Effect":"Deny","Principal":"*","Action":["s3:*","sts:*"],"Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}`)), "", ""},
		{"Principal AWS ARN", "CreatePolicy", policyBody("b1", rcp, stmt(`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"*"}`)), "MalformedPolicyDocumentException", ""},
		{"Principal AWS *", "CreatePolicy", policyBody("b2", rcp, stmt(`{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}`)), "MalformedPolicyDocumentException", ""},
		{"Principal Service", "CreatePolicy", policyBody("b3", rcp, stmt(`{"Effect":"Deny","Principal":{"Service":"s3.amazonaws.com"},"Action":"s3:*","Resource":"*"}`)), "MalformedPolicyDocumentException", ""},
		{"NotAction", "CreatePolicy", policyBody("b4", rcp, stmt(`{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*"}`)), "MalformedPolicyDocumentException", ""},
		{"Action *", "CreatePolicy", policyBody("b5", rcp, stmt(`{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}`)), "MalformedPolicyDocumentException", ""},
		{"Action * in a list", "CreatePolicy", policyBody("b6", rcp, stmt(`{"Effect":"Deny","Principal":"*","Action":["s3:*","*"],"Resource":"*"}`)), "MalformedPolicyDocumentException", ""},
		{"no Version", "CreatePolicy", policyBody("b7", rcp, `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`), "MalformedPolicyDocumentException", ""},
		{"Version 2008-10-17", "CreatePolicy", policyBody("b8", rcp, `{"Version":"2008-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`), "MalformedPolicyDocumentException", ""},
		{"a service RCPs do not support", "CreatePolicy", policyBody("b11", rcp, stmt(`{"Effect":"Deny","Principal":"*","Action":["s3:*","cognito-sync:*"],"Resource":"*"}`)), "MalformedPolicyDocumentException", ""},
		{"ec2 actions", "CreatePolicy", policyBody("b12", rcp, stmt(`{"Effect":"Deny","Principal":"*","Action":"ec2:RunInstances","Resource":"*"}`)), "MalformedPolicyDocumentException", ""},
		{"services of the RCP list", "CreatePolicy", policyBody("ok4", rcp, stmt(`{"Effect":"Deny","Principal":"*","Action":["kms:*","sqs:SendMessage","secretsmanager:GetSecretValue","dynamodb:*"],"Resource":"*"}`)), "", ""},
		{"NotPrincipal", "CreatePolicy", policyBody("b9", rcp, stmt(`{"Effect":"Deny","NotPrincipal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}`)), "MalformedPolicyDocumentException", ""},
		{"Allow", "CreatePolicy", policyBody("b10", rcp, stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}`)), "MalformedPolicyDocumentException", ""},
		{"UpdatePolicy to Principal ARN", "UpdatePolicy", `{"PolicyId":"{rcp}","Content":` + jsonString(stmt(`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"*"}`)) + `}`, "MalformedPolicyDocumentException", ""},
	}
	runProbes(t, w, cases)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestManagedPolicyProbes checks what AWS lets a caller do with the AWS
// managed FullAWSAccess and RCPFullAWSAccess: RCPFullAWSAccess "is
// automatically attached to the organization root, every OU, and every
// account ... You cannot detach this policy" (RCP syntax page), so
// DetachPolicy answers InvalidInputException NON_DETACHABLE_POLICY ("You
// can't detach this Amazon Web Services Managed Policy", API reference)
// even where another RCP is attached; FullAWSAccess can be detached while
// another SCP stays.
func TestManagedPolicyProbes(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	scp := policyBody("DenyX", "SERVICE_CONTROL_POLICY", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`)
	st, out := rawOrg(t, w.url, mgmt, "CreatePolicy", scp)
	if st != http.StatusOK {
		t.Fatalf("CreatePolicy SCP: %d %v", st, out)
	}
	scpID := str(out, "Policy", "PolicySummary", "Id")
	cases := []probeCase{
		{"detach RCPFullAWSAccess beside another RCP", "DetachPolicy", `{"PolicyId":"p-RCPFullAWSAccess","TargetId":"{ou}"}`, "InvalidInputException", "NON_DETACHABLE_POLICY"},
		{"detach RCPFullAWSAccess alone", "DetachPolicy", `{"PolicyId":"p-RCPFullAWSAccess","TargetId":"{root}"}`, "InvalidInputException", "NON_DETACHABLE_POLICY"},
		{"detach last SCP", "DetachPolicy", `{"PolicyId":"p-FullAWSAccess","TargetId":"{ou}"}`, "ConstraintViolationException", "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"},
		{"attach a second SCP", "AttachPolicy", `{"PolicyId":"` + scpID + `","TargetId":"{ou}"}`, "", ""},
		{"detach FullAWSAccess beside another SCP", "DetachPolicy", `{"PolicyId":"p-FullAWSAccess","TargetId":"{ou}"}`, "", ""},
		{"RCPFullAWSAccess still attached", "DetachPolicy", `{"PolicyId":"p-RCPFullAWSAccess","TargetId":"{ou}"}`, "InvalidInputException", "NON_DETACHABLE_POLICY"},
	}
	runProbes(t, w, cases)
}

// TestInputValidationProbes checks ids against the service model's
// patterns and strings against its lengths (InvalidInputException with
// the API reference's Reason), ahead of the lookups that answer
// ...NotFoundException for a well-formed id that names nothing.
func TestInputValidationProbes(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	const (
		pattern = "INVALID_PATTERN"
		target  = "INVALID_PATTERN_TARGET_ID"
		minLen  = "MIN_LENGTH_EXCEEDED"
		maxLen  = "MAX_LENGTH_EXCEEDED"
		bad     = "InvalidInputException"
		deny    = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`
	)
	long := func(n int) string { return strings.Repeat("x", n) }
	cases := []probeCase{
		{"EnablePolicyType malformed root", "EnablePolicyType", `{"RootId":"root","PolicyType":"TAG_POLICY"}`, bad, pattern},
		{"EnablePolicyType unknown root", "EnablePolicyType", `{"RootId":"r-zzzz","PolicyType":"TAG_POLICY"}`, "RootNotFoundException", ""},
		{"DisablePolicyType malformed root", "DisablePolicyType", `{"RootId":"R-ABCD","PolicyType":"TAG_POLICY"}`, bad, pattern},
		{"DescribePolicy malformed", "DescribePolicy", `{"PolicyId":"policy"}`, bad, pattern},
		{"DescribePolicy unknown", "DescribePolicy", `{"PolicyId":"p-zzzzzzzz"}`, "PolicyNotFoundException", ""},
		{"ListTargetsForPolicy malformed", "ListTargetsForPolicy", `{"PolicyId":"p-1"}`, bad, pattern},
		{"AttachPolicy malformed target", "AttachPolicy", `{"PolicyId":"p-FullAWSAccess","TargetId":"ou-bad"}`, bad, target},
		{"AttachPolicy unknown target", "AttachPolicy", `{"PolicyId":"p-FullAWSAccess","TargetId":"ou-zzzz-zzzzzzzz"}`, "TargetNotFoundException", ""},
		{"DetachPolicy malformed policy", "DetachPolicy", `{"PolicyId":"FullAWSAccess","TargetId":"{ou}"}`, bad, pattern},
		{"ListPoliciesForTarget malformed target", "ListPoliciesForTarget", `{"TargetId":"12345","Filter":"SERVICE_CONTROL_POLICY"}`, bad, target},
		{"ListChildren malformed parent", "ListChildren", `{"ParentId":"{member}","ChildType":"ACCOUNT"}`, bad, pattern},
		{"ListChildren unknown parent", "ListChildren", `{"ParentId":"r-zzzz","ChildType":"ACCOUNT"}`, "ParentNotFoundException", ""},
		{"ListAccountsForParent malformed parent", "ListAccountsForParent", `{"ParentId":"parent"}`, bad, pattern},
		{"ListOrganizationalUnitsForParent malformed parent", "ListOrganizationalUnitsForParent", `{"ParentId":"ou-1"}`, bad, pattern},
		{"ListParents malformed child", "ListParents", `{"ChildId":"{root}"}`, bad, pattern},
		{"ListParents unknown child", "ListParents", `{"ChildId":"999999999999"}`, "ChildNotFoundException", ""},
		{"DescribeAccount malformed", "DescribeAccount", `{"AccountId":"1234"}`, bad, pattern},
		{"DescribeAccount unknown", "DescribeAccount", `{"AccountId":"999999999999"}`, "AccountNotFoundException", ""},
		{"DescribeOrganizationalUnit malformed", "DescribeOrganizationalUnit", `{"OrganizationalUnitId":"{root}"}`, bad, pattern},
		{"DeleteOrganizationalUnit malformed", "DeleteOrganizationalUnit", `{"OrganizationalUnitId":"ou"}`, bad, pattern},
		{"MoveAccount malformed source", "MoveAccount", `{"AccountId":"{member}","SourceParentId":"root","DestinationParentId":"{root}"}`, bad, pattern},
		{"MoveAccount malformed account", "MoveAccount", `{"AccountId":"x","SourceParentId":"{ou}","DestinationParentId":"{root}"}`, bad, pattern},
		{"RemoveAccountFromOrganization malformed", "RemoveAccountFromOrganization", `{"AccountId":"acct"}`, bad, pattern},
		{"DescribeCreateAccountStatus malformed", "DescribeCreateAccountStatus", `{"CreateAccountRequestId":"car-1"}`, bad, pattern},
		{"DescribeHandshake malformed", "DescribeHandshake", `{"HandshakeId":"h-1"}`, bad, pattern},
		{"AcceptHandshake malformed", "AcceptHandshake", `{"HandshakeId":"handshake"}`, bad, pattern},
		// AWS's answer to an ARN as ResourceId (RoadieHQ/roadie-backstage-plugins#1391).
		{"TagResource with an ARN", "TagResource", `{"ResourceId":"arn:aws:organizations::111111111111:account/o-abcdefghij/{member}","Tags":[{"Key":"a","Value":"b"}]}`, bad, pattern},
		{"ListTagsForResource with an ARN", "ListTagsForResource", `{"ResourceId":"arn:aws:organizations::111111111111:ou/o-abcdefghij/{ou}"}`, bad, pattern},
		{"CreateOrganizationalUnit malformed parent", "CreateOrganizationalUnit", `{"ParentId":"{member}","Name":"x"}`, bad, pattern},
		{"CreateOrganizationalUnit empty name", "CreateOrganizationalUnit", `{"ParentId":"{root}","Name":""}`, bad, minLen},
		{"CreateOrganizationalUnit long name", "CreateOrganizationalUnit", `{"ParentId":"{root}","Name":"` + long(129) + `"}`, bad, maxLen},
		{"CreateOrganizationalUnit 128-character name", "CreateOrganizationalUnit", `{"ParentId":"{root}","Name":"` + long(128) + `"}`, "", ""},
		{"UpdateOrganizationalUnit long name", "UpdateOrganizationalUnit", `{"OrganizationalUnitId":"{ou}","Name":"` + long(129) + `"}`, bad, maxLen},
		{"CreatePolicy empty name", "CreatePolicy", policyBody("", "SERVICE_CONTROL_POLICY", deny), bad, minLen},
		{"CreatePolicy long name", "CreatePolicy", policyBody(long(129), "SERVICE_CONTROL_POLICY", deny), bad, maxLen},
		{"CreatePolicy long description", "CreatePolicy", `{"Name":"d","Description":"` + long(513) + `","Type":"SERVICE_CONTROL_POLICY","Content":` + jsonString(deny) + `}`, bad, maxLen},
		{"CreatePolicy 512-character description", "CreatePolicy", `{"Name":"d2","Description":"` + long(512) + `","Type":"SERVICE_CONTROL_POLICY","Content":` + jsonString(deny) + `}`, "", ""},
		{"CreatePolicy empty content", "CreatePolicy", policyBody("e", "SERVICE_CONTROL_POLICY", ""), bad, minLen},
		{"CreatePolicy duplicate tag keys", "CreatePolicy", `{"Name":"t","Description":"","Type":"SERVICE_CONTROL_POLICY","Content":` + jsonString(deny) + `,"Tags":[{"Key":"a","Value":"1"},{"Key":"a","Value":"2"}]}`, bad, "DUPLICATE_TAG_KEY"},
		{"UpdatePolicy long description", "UpdatePolicy", `{"PolicyId":"{rcp}","Description":"` + long(513) + `"}`, bad, maxLen},
		{"UpdatePolicy empty name", "UpdatePolicy", `{"PolicyId":"{rcp}","Name":""}`, bad, minLen},
		{"TagResource duplicate keys", "TagResource", `{"ResourceId":"{ou}","Tags":[{"Key":"a","Value":"1"},{"Key":"a","Value":"2"}]}`, bad, "DUPLICATE_TAG_KEY"},
		// PolicyType values the current model lists.
		{"CreatePolicy S3_POLICY", "CreatePolicy", policyBody("s3p", "S3_POLICY", `{"s3_attributes":{}}`), "", ""},
		{"EnablePolicyType BEDROCK_POLICY", "EnablePolicyType", `{"RootId":"{root}","PolicyType":"BEDROCK_POLICY"}`, "", ""},
		// "IMMUTABLE_POLICY: You specified a policy that is managed by
		// Amazon Web Services and can't be modified" (API reference).
		{"UpdatePolicy FullAWSAccess", "UpdatePolicy", `{"PolicyId":"p-FullAWSAccess","Name":"x"}`, bad, "IMMUTABLE_POLICY"},
		{"DeletePolicy RCPFullAWSAccess", "DeletePolicy", `{"PolicyId":"p-RCPFullAWSAccess"}`, bad, "IMMUTABLE_POLICY"},
	}
	runProbes(t, w, cases)
}

// TestAttachmentLimitProbe attaches SCPs to an OU up to the quota of five
// per target (FullAWSAccess included): the sixth is ConstraintViolation
// MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED ("You attempted to exceed the
// number of policies of a certain type that can be attached to an entity at
// one time"), not POLICY_NUMBER_LIMIT_EXCEEDED, which the API reference
// keeps for the number of policies in an organization.
func TestAttachmentLimitProbe(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	var cases []probeCase
	for i := range 5 {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`
		name := "limit" + string(rune('a'+i))
		st, out := rawOrg(t, w.url, mgmt, "CreatePolicy", policyBody(name, "SERVICE_CONTROL_POLICY", doc))
		if st != http.StatusOK {
			t.Fatalf("CreatePolicy %s: %d %v", name, st, out)
		}
		id := str(out, "Policy", "PolicySummary", "Id")
		want := ""
		if i == 4 {
			want = "ConstraintViolationException"
		}
		cases = append(cases, probeCase{"attach SCP " + name, "AttachPolicy", `{"PolicyId":"` + id + `","TargetId":"{ou}"}`, want, map[bool]string{true: "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"}[i == 4]})
	}
	runProbes(t, w, cases)
}

// TestManagedPolicyFields checks the AWS managed policies' names and
// descriptions as AWS's managed-policy table lists them ("Allows access to
// every operation." / "Allows access to every resource.", Organizations
// User Guide, orgs_manage_policies_reference; the API answers them without
// the final period, as moto's FullAWSAccess).
func TestManagedPolicyFields(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	for _, tc := range []struct{ id, name, desc, arn string }{
		{"p-FullAWSAccess", "FullAWSAccess", "Allows access to every operation", "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess"},
		{"p-RCPFullAWSAccess", "RCPFullAWSAccess", "Allows access to every resource", "arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess"},
	} {
		st, out := rawOrg(t, w.url, mgmt, "DescribePolicy", `{"PolicyId":"`+tc.id+`"}`)
		sum := func(k string) string { return str(out, "Policy", "PolicySummary", k) }
		if st != http.StatusOK || sum("Name") != tc.name || sum("Description") != tc.desc || sum("Arn") != tc.arn {
			t.Errorf("DescribePolicy(%s) = %d %v, want name %q, description %q, ARN %q", tc.id, st, out, tc.name, tc.desc, tc.arn)
		}
	}
}

// TestRecordedShapes compares answers with ones recorded from AWS in
// CloudShell (a public course's notes, 2024-12, "Chapter 12 - Secure
// Architectures"): CreateOrganization lists SERVICE_CONTROL_POLICY as
// available for an ALL-features organization; EnablePolicyType answers the
// root as it was before the (asynchronous) change, "PolicyTypes": []; an
// invitation's handshake nests MASTER_EMAIL, MASTER_NAME and
// ORGANIZATION_FEATURE_SET under the ORGANIZATION resource, then lists the
// ACCOUNT and the NOTES, and names the organization party without "o-",
// the account party first in InviteAccountToOrganization's answer and
// second in AcceptHandshake's.
func TestRecordedShapes(t *testing.T) {
	t.Parallel()
	ts, _ := startServer(t)
	call := func(account, op, body string) map[string]any {
		t.Helper()
		st, out := rawOrg(t, ts.URL, account, op, body)
		if st != http.StatusOK {
			t.Fatalf("%s: %d %v", op, st, out)
		}
		return out
	}
	jsonOf := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	org := call(mgmt, "CreateOrganization", `{}`)
	orgID := str(org, "Organization", "Id")
	if got, want := jsonOf(org["Organization"].(map[string]any)["AvailablePolicyTypes"]), `[{"Status":"ENABLED","Type":"SERVICE_CONTROL_POLICY"}]`; got != want {
		t.Errorf("CreateOrganization AvailablePolicyTypes = %s, want %s", got, want)
	}
	root := str(call(mgmt, "ListRoots", `{}`)["Roots"].([]any)[0], "Id")
	en := call(mgmt, "EnablePolicyType", `{"RootId":"`+root+`","PolicyType":"SERVICE_CONTROL_POLICY"}`)
	if got := jsonOf(en["Root"].(map[string]any)["PolicyTypes"]); got != `[]` {
		t.Errorf("EnablePolicyType Root.PolicyTypes = %s, want [] (the root before the change)", got)
	}
	after := call(mgmt, "ListRoots", `{}`)["Roots"].([]any)[0].(map[string]any)
	if got, want := jsonOf(after["PolicyTypes"]), `[{"Status":"ENABLED","Type":"SERVICE_CONTROL_POLICY"}]`; got != want {
		t.Errorf("ListRoots after EnablePolicyType: PolicyTypes = %s, want %s", got, want)
	}

	bare := strings.TrimPrefix(orgID, "o-")
	resources := `[{"Resources":[{"Type":"MASTER_EMAIL","Value":"` + mgmt + `@example.com"},{"Type":"MASTER_NAME","Value":"` + mgmt + `"},` +
		`{"Type":"ORGANIZATION_FEATURE_SET","Value":"ALL"}],"Type":"ORGANIZATION","Value":"` + orgID + `"},` +
		`{"Type":"ACCOUNT","Value":"` + invitee + `"},{"Type":"NOTES","Value":"Please join"}]`
	inv := call(mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"`+invitee+`"},"Notes":"Please join"}`)["Handshake"].(map[string]any)
	if got, want := jsonOf(inv["Parties"]), `[{"Id":"`+invitee+`","Type":"ACCOUNT"},{"Id":"`+bare+`","Type":"ORGANIZATION"}]`; got != want {
		t.Errorf("InviteAccountToOrganization Parties = %s, want %s", got, want)
	}
	if got := jsonOf(inv["Resources"]); got != resources {
		t.Errorf("InviteAccountToOrganization Resources = %s, want %s", got, resources)
	}
	acc := call(invitee, "AcceptHandshake", `{"HandshakeId":"`+str(inv, "Id")+`"}`)["Handshake"].(map[string]any)
	if got, want := jsonOf(acc["Parties"]), `[{"Id":"`+bare+`","Type":"ORGANIZATION"},{"Id":"`+invitee+`","Type":"ACCOUNT"}]`; got != want {
		t.Errorf("AcceptHandshake Parties = %s, want %s", got, want)
	}
	if got := jsonOf(acc["Resources"]); got != resources {
		t.Errorf("AcceptHandshake Resources = %s, want %s", got, resources)
	}
}

// TestOperationsToolsCall covers operations that tools call on every read
// of an organization (Terraform's aws_organizations_organization reads
// ListAWSServiceAccessForOrganization; the invitation flow lists
// handshakes) and that answered UnknownOperationException.
func TestOperationsToolsCall(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	const other = "333333333333"
	call := func(account, op, body string) (int, map[string]any) {
		t.Helper()
		return rawOrg(t, w.url, account, op, w.expand(body))
	}
	want := func(step string, st int, out map[string]any, wantCode string) {
		t.Helper()
		if code := str(out, "__type"); (wantCode == "" && st != http.StatusOK) || code != wantCode {
			t.Errorf("%s = %d %s %q, want %q", step, st, code, str(out, "Message"), wantCode)
		}
	}
	count := func(out map[string]any, key string) int { l, _ := out[key].([]any); return len(l) }

	_, inv := call(mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"`+invitee+`"}}`)
	first := str(inv, "Handshake", "Id")
	st, out := call(invitee, "ListHandshakesForAccount", `{}`)
	want("ListHandshakesForAccount", st, out, "")
	if count(out, "Handshakes") != 1 {
		t.Errorf("ListHandshakesForAccount = %v, want the one invitation", out)
	}
	st, out = call(other, "ListHandshakesForAccount", `{"Filter":{"ActionType":"INVITE"}}`)
	want("ListHandshakesForAccount (another account)", st, out, "")
	if count(out, "Handshakes") != 0 {
		t.Errorf("ListHandshakesForAccount as %s = %v, want none", other, out)
	}
	st, out = call(invitee, "DeclineHandshake", `{"HandshakeId":"`+first+`"}`)
	want("DeclineHandshake", st, out, "")
	if str(out, "Handshake", "State") != "DECLINED" {
		t.Errorf("DeclineHandshake = %v, want State DECLINED", out)
	}
	st, out = call(invitee, "AcceptHandshake", `{"HandshakeId":"`+first+`"}`)
	want("AcceptHandshake after DeclineHandshake", st, out, "InvalidHandshakeTransitionException")
	_, inv = call(mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"`+invitee+`"}}`)
	second := str(inv, "Handshake", "Id")
	st, out = call(mgmt, "CancelHandshake", `{"HandshakeId":"`+second+`"}`)
	want("CancelHandshake", st, out, "")
	if str(out, "Handshake", "State") != "CANCELED" {
		t.Errorf("CancelHandshake = %v, want State CANCELED", out)
	}
	st, out = call(mgmt, "ListHandshakesForOrganization", `{}`)
	want("ListHandshakesForOrganization", st, out, "")
	if count(out, "Handshakes") != 2 {
		t.Errorf("ListHandshakesForOrganization = %v, want both invitations", out)
	}

	st, out = call(mgmt, "EnableAWSServiceAccess", `{"ServicePrincipal":"sso.amazonaws.com"}`)
	want("EnableAWSServiceAccess", st, out, "")
	st, out = call(mgmt, "EnableAWSServiceAccess", `{"ServicePrincipal":"nothing"}`)
	want("EnableAWSServiceAccess of no service", st, out, "InvalidInputException")
	st, out = call(mgmt, "ListAWSServiceAccessForOrganization", `{}`)
	want("ListAWSServiceAccessForOrganization", st, out, "")
	if l, _ := out["EnabledServicePrincipals"].([]any); len(l) != 1 || str(l[0], "ServicePrincipal") != "sso.amazonaws.com" {
		t.Errorf("ListAWSServiceAccessForOrganization = %v, want sso.amazonaws.com", out)
	}
	st, out = call(w.member, "ListAWSServiceAccessForOrganization", `{}`)
	want("ListAWSServiceAccessForOrganization by a member", st, out, "AccessDeniedException")
	st, out = call(mgmt, "DisableAWSServiceAccess", `{"ServicePrincipal":"sso.amazonaws.com"}`)
	want("DisableAWSServiceAccess", st, out, "")
	st, out = call(mgmt, "ListAWSServiceAccessForOrganization", `{}`)
	if count(out, "EnabledServicePrincipals") != 0 {
		t.Errorf("ListAWSServiceAccessForOrganization after DisableAWSServiceAccess = %d %v, want none", st, out)
	}
	st, out = call(mgmt, "ListDelegatedAdministrators", `{}`)
	want("ListDelegatedAdministrators", st, out, "")
	if l, ok := out["DelegatedAdministrators"].([]any); !ok || len(l) != 0 {
		t.Errorf("ListDelegatedAdministrators = %v, want an empty list", out)
	}
	st, out = call(mgmt, "DescribeResourcePolicy", `{}`)
	want("DescribeResourcePolicy", st, out, "ResourcePolicyNotFoundException")
	st, out = call(mgmt, "ListDelegatedServicesForAccount", `{"AccountId":"{member}"}`)
	want("ListDelegatedServicesForAccount", st, out, "AccountNotRegisteredException")
	st, out = call(mgmt, "ListDelegatedServicesForAccount", `{"AccountId":"999999999999"}`)
	want("ListDelegatedServicesForAccount of another account", st, out, "AccountNotFoundException")
	st, out = call(mgmt, "ListCreateAccountStatus", `{"States":["SUCCEEDED"]}`)
	want("ListCreateAccountStatus", st, out, "")
	if l, _ := out["CreateAccountStatuses"].([]any); len(l) != 1 || str(l[0], "AccountId") != w.member {
		t.Errorf("ListCreateAccountStatus = %v, want the member's", out)
	}
	st, out = call(mgmt, "ListCreateAccountStatus", `{"States":["FAILED"]}`)
	if count(out, "CreateAccountStatuses") != 0 {
		t.Errorf("ListCreateAccountStatus FAILED = %d %v, want none", st, out)
	}
}

// TestPolicySizeInCharacters checks the 5,120 limit counts characters
// ("All characters in your SCP count against its maximum size", quotas
// page), not bytes: a document of 5,120 characters, some of them
// multi-byte, is accepted; one more character is
// POLICY_CONTENT_LIMIT_EXCEEDED.
func TestPolicySizeInCharacters(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	doc := func(chars int) string {
		head := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"`
		tail := `"}}}]}`
		return head + strings.Repeat("é", chars-len(head)-len(tail)) + tail
	}
	runProbes(t, w, []probeCase{
		{"5,120 characters", "CreatePolicy", policyBody("fits", "SERVICE_CONTROL_POLICY", doc(5120)), "", ""},
		{"5,121 characters", "CreatePolicy", policyBody("big", "SERVICE_CONTROL_POLICY", doc(5121)), "ConstraintViolationException", "POLICY_CONTENT_LIMIT_EXCEEDED"},
	})
}

// TestOrganizationsAuthorizationProbes checks IAM policies of a
// management-account user against what the Service Authorization
// Reference gives Organizations actions: organizations:PolicyType and
// aws:RequestTag/aws:TagKeys condition keys, aws:ResourceTag of the
// resource, and AttachPolicy authorized on its target as well as on the
// policy. Without them a Deny on SERVICE_CONTROL_POLICY never matched and
// a user allowed on policies only could attach them anywhere.
func TestOrganizationsAuthorizationProbes(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	iamc := iamsdk.New(iamsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(w.url),
		Credentials: credentials.NewStaticCredentialsProvider(mgmt, "test", "")})
	policy := `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"organizations:*","Resource":["arn:aws:organizations::*:policy/*","arn:aws:organizations::*:root/*","arn:aws:organizations::*:account/*"]},
		{"Effect":"Allow","Action":"organizations:CreatePolicy","Resource":"*"},
		{"Effect":"Deny","Action":"organizations:CreatePolicy","Resource":"*","Condition":{"StringEquals":{"organizations:PolicyType":"SERVICE_CONTROL_POLICY"}}},
		{"Effect":"Deny","Action":"organizations:TagResource","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestTag/env":"prod"}}},
		{"Effect":"Deny","Action":"organizations:UntagResource","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"owner"}}},
		{"Effect":"Deny","Action":"organizations:DetachPolicy","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/locked":"yes"}}},
		{"Effect":"Deny","Action":"organizations:ListTagsForResource","Resource":"*","Condition":{"StringEquals":{"organizations:PolicyType":"SERVICE_CONTROL_POLICY"}}}]}`
	steps := []func() error{
		func() error {
			_, err := iamc.CreateUser(ctx, &iamsdk.CreateUserInput{UserName: aws.String("orgadmin")})
			return err
		},
		func() error {
			_, err := iamc.PutUserPolicy(ctx, &iamsdk.PutUserPolicyInput{UserName: aws.String("orgadmin"), PolicyName: aws.String("p"), PolicyDocument: aws.String(policy)})
			return err
		},
	}
	for i, f := range steps {
		if err := f(); err != nil {
			t.Fatalf("set-up step %d: %v", i, err)
		}
	}
	key, err := iamc.CreateAccessKey(ctx, &iamsdk.CreateAccessKeyInput{UserName: aws.String("orgadmin")})
	if err != nil {
		t.Fatalf("CreateAccessKey: %v", err)
	}
	id, secret := aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey)
	deny := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`
	st, out := rawOrg(t, w.url, mgmt, "CreatePolicy", policyBody("Locked", "SERVICE_CONTROL_POLICY", deny))
	if st != http.StatusOK {
		t.Fatalf("CreatePolicy as root: %d %v", st, out)
	}
	locked := str(out, "Policy", "PolicySummary", "Id")
	for _, body := range []string{`{"PolicyId":"` + locked + `","TargetId":"{member}"}`} {
		if st, out := rawOrg(t, w.url, mgmt, "AttachPolicy", w.expand(body)); st != http.StatusOK {
			t.Fatalf("AttachPolicy as root: %d %v", st, out)
		}
	}
	if st, out := rawOrg(t, w.url, mgmt, "TagResource", `{"ResourceId":"`+locked+`","Tags":[{"Key":"locked","Value":"yes"},{"Key":"owner","Value":"x"}]}`); st != http.StatusOK {
		t.Fatalf("TagResource as root: %d %v", st, out)
	}
	cases := []struct {
		name, op, body, wantCode string
	}{
		{"CreatePolicy of an SCP (denied on organizations:PolicyType)", "CreatePolicy", policyBody("s1", "SERVICE_CONTROL_POLICY", deny), "AccessDeniedException"},
		{"CreatePolicy of a tag policy", "CreatePolicy", policyBody("t1", "TAG_POLICY", `{"tags":{}}`), ""},
		{"AttachPolicy to an account (policy and target allowed)", "AttachPolicy", `{"PolicyId":"{rcp}","TargetId":"{member}"}`, ""},
		{"AttachPolicy to an OU (target not allowed)", "AttachPolicy", `{"PolicyId":"` + locked + `","TargetId":"{ou}"}`, "AccessDeniedException"},
		{"TagResource without env=prod", "TagResource", `{"ResourceId":"{rcp}","Tags":[{"Key":"env","Value":"dev"}]}`, "AccessDeniedException"},
		{"TagResource with env=prod", "TagResource", `{"ResourceId":"{rcp}","Tags":[{"Key":"env","Value":"prod"}]}`, ""},
		{"UntagResource of owner (denied on aws:TagKeys)", "UntagResource", `{"ResourceId":"` + locked + `","TagKeys":["owner"]}`, "AccessDeniedException"},
		{"DetachPolicy of a locked policy (denied on aws:ResourceTag)", "DetachPolicy", `{"PolicyId":"` + locked + `","TargetId":"{member}"}`, "AccessDeniedException"},
		{"ListTagsForResource of an SCP (denied on organizations:PolicyType)", "ListTagsForResource", `{"ResourceId":"` + locked + `"}`, "AccessDeniedException"},
		{"ListTagsForResource of an RCP", "ListTagsForResource", `{"ResourceId":"{rcp}"}`, ""},
	}
	for _, tc := range cases {
		st, out := rawOrgAs(t, w.url, id, secret, tc.op, w.expand(tc.body))
		code := str(out, "__type")
		if (tc.wantCode == "" && st != http.StatusOK) || code != tc.wantCode {
			t.Errorf("%s: %s = %d %s %q, want %q", tc.name, tc.op, st, code, str(out, "Message"), tc.wantCode)
		}
	}
}

// TestFullAWSAccessContent checks FullAWSAccess's Content as AWS answered
// DescribePolicy (recorded in a public lab's CLI transcript): indented by
// two spaces, no final newline.
func TestFullAWSAccessContent(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	const want = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}"
	st, out := rawOrg(t, w.url, mgmt, "DescribePolicy", `{"PolicyId":"p-FullAWSAccess"}`)
	if got := str(out, "Policy", "Content"); st != http.StatusOK || got != want {
		t.Errorf("DescribePolicy(p-FullAWSAccess) Content = %d %q, want %q", st, got, want)
	}
}

// TestCreateAccountInputProbes checks CreateAccount's RoleName and
// AccountName against the model (RoleName [\w+=,.@-]{1,64}, AccountName
// printable ASCII) and the API reference's INVALID_ROLE_NAME: "A role name
// can't begin with the reserved prefix AWSServiceRoleFor".
func TestCreateAccountInputProbes(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	runProbes(t, w, []probeCase{
		{"reserved role name", "CreateAccount", `{"Email":"r1@example.com","AccountName":"r1","RoleName":"AWSServiceRoleForX"}`, "InvalidInputException", "INVALID_ROLE_NAME"},
		{"role name with a space", "CreateAccount", `{"Email":"r2@example.com","AccountName":"r2","RoleName":"my role"}`, "InvalidInputException", "INVALID_PATTERN"},
		{"non-ASCII account name", "CreateAccount", `{"Email":"r3@example.com","AccountName":"prod-é"}`, "InvalidInputException", "INVALID_PATTERN"},
		{"custom role name", "CreateAccount", `{"Email":"r4@example.com","AccountName":"r4","RoleName":"Admin.Access@org"}`, "", ""},
	})
}

// TestHandshakeStateProbes checks the handshake errors the API reference
// tells apart: inviting an account that has an open invitation is
// DuplicateHandshakeException; accepting an accepted handshake (or
// declining a declined one, canceling a canceled one) is
// HandshakeAlreadyInStateException; accepting a declined or canceled one,
// or canceling an accepted one, is InvalidHandshakeTransitionException.
func TestHandshakeStateProbes(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	const other = "333333333333"
	type step struct {
		name, account, op, body, wantCode string
	}
	var ids []string
	invite := func(account string) {
		t.Helper()
		st, out := rawOrg(t, w.url, mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"`+account+`"}}`)
		if st != http.StatusOK {
			t.Fatalf("InviteAccountToOrganization(%s): %d %v", account, st, out)
		}
		ids = append(ids, str(out, "Handshake", "Id"))
	}
	run := func(steps []step) {
		t.Helper()
		for _, s := range steps {
			body := s.body
			for i, id := range ids {
				body = strings.ReplaceAll(body, "{"+string(rune('0'+i))+"}", id)
			}
			st, out := rawOrg(t, w.url, s.account, s.op, body)
			if code := str(out, "__type"); (s.wantCode == "" && st != http.StatusOK) || code != s.wantCode {
				t.Errorf("%s: %s = %d %s %q, want %q", s.name, s.op, st, code, str(out, "Message"), s.wantCode)
			}
		}
	}
	invite(invitee)
	run([]step{
		{"invite again while open", mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"` + invitee + `"}}`, "DuplicateHandshakeException"},
		{"decline", invitee, "DeclineHandshake", `{"HandshakeId":"{0}"}`, ""},
		{"decline again", invitee, "DeclineHandshake", `{"HandshakeId":"{0}"}`, "HandshakeAlreadyInStateException"},
		{"accept a declined handshake", invitee, "AcceptHandshake", `{"HandshakeId":"{0}"}`, "InvalidHandshakeTransitionException"},
		{"cancel a declined handshake", mgmt, "CancelHandshake", `{"HandshakeId":"{0}"}`, "InvalidHandshakeTransitionException"},
	})
	invite(other)
	run([]step{
		{"accept", other, "AcceptHandshake", `{"HandshakeId":"{1}"}`, ""},
		{"accept again", other, "AcceptHandshake", `{"HandshakeId":"{1}"}`, "HandshakeAlreadyInStateException"},
		{"cancel an accepted handshake", mgmt, "CancelHandshake", `{"HandshakeId":"{1}"}`, "InvalidHandshakeTransitionException"},
	})
}

// TestConsolidatedBillingProbe: in an organization with consolidated
// billing only, policies are not available (CreatePolicy lists
// PolicyTypeNotAvailableForOrganizationException: "You can't use the
// specified policy type with the feature set currently enabled for this
// organization"); fakeaws created the SCP.
func TestConsolidatedBillingProbe(t *testing.T) {
	t.Parallel()
	ts, _ := startServer(t)
	w := &probeWorld{url: ts.URL}
	if st, out := rawOrg(t, w.url, mgmt, "CreateOrganization", `{"FeatureSet":"CONSOLIDATED_BILLING"}`); st != http.StatusOK {
		t.Fatalf("CreateOrganization: %d %v", st, out)
	}
	deny := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`
	runProbes(t, w, []probeCase{
		{"CreatePolicy SCP", "CreatePolicy", policyBody("x", "SERVICE_CONTROL_POLICY", deny), "PolicyTypeNotAvailableForOrganizationException", ""},
		{"CreatePolicy tag policy", "CreatePolicy", policyBody("t", "TAG_POLICY", `{"tags":{}}`), "PolicyTypeNotAvailableForOrganizationException", ""},
	})
}

// TestPaginationProbes checks MaxResults (1..20 in the model) and
// NextToken on a List operation: a page of MaxResults items with a
// NextToken while more remain; fakeaws answered every item and ignored
// both.
func TestPaginationProbes(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	runProbes(t, w, []probeCase{
		{"MaxResults 0", "ListAccounts", `{"MaxResults":0}`, "InvalidInputException", "MIN_VALUE_EXCEEDED"},
		{"MaxResults 21", "ListAccounts", `{"MaxResults":21}`, "InvalidInputException", "MAX_VALUE_EXCEEDED"},
		{"a token fakeaws did not issue", "ListAccounts", `{"NextToken":"not-a-token"}`, "InvalidInputException", "INVALID_NEXT_TOKEN"},
	})
	var seen []string
	body := `{"MaxResults":1}`
	for range 3 {
		st, out := rawOrg(t, w.url, mgmt, "ListAccounts", body)
		l, _ := out["Accounts"].([]any)
		if st != http.StatusOK || len(l) != 1 {
			t.Fatalf("ListAccounts(%s) = %d %v, want one account", body, st, out)
		}
		seen = append(seen, str(l[0], "Id"))
		next := str(out, "NextToken")
		if next == "" {
			break
		}
		body = `{"MaxResults":1,"NextToken":"` + next + `"}`
	}
	if len(seen) != 2 || seen[0] == seen[1] {
		t.Errorf("ListAccounts one at a time = %v, want the two accounts, then no NextToken", seen)
	}
}

// TestPolicySizeByType checks each policy type's own size quota: tag
// policies take up to 10,000 characters, AI services opt-out policies
// 2,500 (fakeaws applied the SCP's 5,120 to every type).
func TestPolicySizeByType(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	sized := func(n int) string { return `{"x":"` + strings.Repeat("a", n-8) + `"}` }
	runProbes(t, w, []probeCase{
		{"tag policy of 10,000", "CreatePolicy", policyBody("tag10k", "TAG_POLICY", sized(10000)), "", ""},
		{"tag policy of 10,001", "CreatePolicy", policyBody("tag10k1", "TAG_POLICY", sized(10001)), "ConstraintViolationException", "POLICY_CONTENT_LIMIT_EXCEEDED"},
		{"AI opt-out policy of 2,501", "CreatePolicy", policyBody("ai", "AISERVICES_OPT_OUT_POLICY", sized(2501)), "ConstraintViolationException", "POLICY_CONTENT_LIMIT_EXCEEDED"},
		{"AI opt-out policy of 2,500", "CreatePolicy", policyBody("ai2", "AISERVICES_OPT_OUT_POLICY", sized(2500)), "", ""},
	})
}

// TestHandshakeAuthorizedOnItsARN: AcceptHandshake, DeclineHandshake and
// DescribeHandshake act on a handshake resource; an invited account's user
// allowed them on "arn:aws:organizations::*:handshake/*" was refused
// because fakeaws asked about "*".
func TestHandshakeAuthorizedOnItsARN(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	iamc := iamsdk.New(iamsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(w.url),
		Credentials: credentials.NewStaticCredentialsProvider(invitee, "test", "")})
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["organizations:DescribeHandshake","organizations:AcceptHandshake"],"Resource":"arn:aws:organizations::*:handshake/*"}]}`
	if _, err := iamc.CreateUser(ctx, &iamsdk.CreateUserInput{UserName: aws.String("joiner")}); err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	if _, err := iamc.PutUserPolicy(ctx, &iamsdk.PutUserPolicyInput{UserName: aws.String("joiner"), PolicyName: aws.String("p"), PolicyDocument: aws.String(policy)}); err != nil {
		t.Fatalf("PutUserPolicy: %v", err)
	}
	key, err := iamc.CreateAccessKey(ctx, &iamsdk.CreateAccessKeyInput{UserName: aws.String("joiner")})
	if err != nil {
		t.Fatalf("CreateAccessKey: %v", err)
	}
	st, out := rawOrg(t, w.url, mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"`+invitee+`"}}`)
	if st != http.StatusOK {
		t.Fatalf("InviteAccountToOrganization: %d %v", st, out)
	}
	hid := str(out, "Handshake", "Id")
	for _, op := range []string{"DescribeHandshake", "AcceptHandshake"} {
		st, out := rawOrgAs(t, w.url, aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey), op, `{"HandshakeId":"`+hid+`"}`)
		if st != http.StatusOK {
			t.Errorf("%s by a user allowed on handshake/* = %d %s %q, want success", op, st, str(out, "__type"), str(out, "Message"))
		}
	}
}

// orgUser creates an IAM user in account with the inline policy given and
// returns its access key id and secret.
func orgUser(t *testing.T, url, account, name, policy string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	iamc := iamsdk.New(iamsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: credentials.NewStaticCredentialsProvider(account, "test", "")})
	if _, err := iamc.CreateUser(ctx, &iamsdk.CreateUserInput{UserName: aws.String(name)}); err != nil {
		t.Fatalf("CreateUser %s: %v", name, err)
	}
	if _, err := iamc.PutUserPolicy(ctx, &iamsdk.PutUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String("p"), PolicyDocument: aws.String(policy)}); err != nil {
		t.Fatalf("PutUserPolicy %s: %v", name, err)
	}
	key, err := iamc.CreateAccessKey(ctx, &iamsdk.CreateAccessKeyInput{UserName: aws.String(name)})
	if err != nil {
		t.Fatalf("CreateAccessKey %s: %v", name, err)
	}
	return aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey)
}

// TestActionsWithoutResourceType: ListAccounts, ListRoots, ListPolicies,
// DescribeOrganization, CreateAccount and the other actions with no
// resource type in the Service Authorization Reference are authorized on
// "*", so a policy naming the organization's ARN neither grants nor denies
// them (fakeaws asked about the organization's ARN), while ListParents
// acts on the child.
func TestActionsWithoutResourceType(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	orgOnly := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:*","Resource":"arn:aws:organizations::*:organization/*"}]}`
	star := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:*","Resource":"*"},
		{"Effect":"Deny","Action":"organizations:*","Resource":"arn:aws:organizations::*:organization/*"}]}`
	accountsOnly := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:ListParents","Resource":"arn:aws:organizations::*:account/*"}]}`
	a1, s1 := orgUser(t, w.url, mgmt, "orgonly", orgOnly)
	a2, s2 := orgUser(t, w.url, mgmt, "star", star)
	a3, s3 := orgUser(t, w.url, mgmt, "accounts", accountsOnly)
	for _, tc := range []struct {
		name, id, secret, op, body, wantCode string
	}{
		{"ListAccounts, allowed on the organization ARN only", a1, s1, "ListAccounts", `{}`, "AccessDeniedException"},
		{"DescribeOrganization, allowed on the organization ARN only", a1, s1, "DescribeOrganization", `{}`, "AccessDeniedException"},
		{"ListRoots, allowed on *, denied on the organization ARN", a2, s2, "ListRoots", `{}`, ""},
		{"ListPolicies, allowed on *, denied on the organization ARN", a2, s2, "ListPolicies", `{"Filter":"SERVICE_CONTROL_POLICY"}`, ""},
		{"ListParents of an account, allowed on account/*", a3, s3, "ListParents", `{"ChildId":"{member}"}`, ""},
	} {
		st, out := rawOrgAs(t, w.url, tc.id, tc.secret, tc.op, w.expand(tc.body))
		if code := str(out, "__type"); (tc.wantCode == "" && st != http.StatusOK) || code != tc.wantCode || (code != "" && st != http.StatusBadRequest) {
			t.Errorf("%s: %s = %d %s %q, want %q", tc.name, tc.op, st, code, str(out, "Message"), tc.wantCode)
		}
	}
}

// TestTagLimitProbe: a resource carries at most 50 tags (quotas page);
// the 51st is ConstraintViolationException MAX_TAG_LIMIT_EXCEEDED.
func TestTagLimitProbe(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	tags := func(from, n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"Key":"k` + strconv.Itoa(from+i) + `","Value":"v"}`)
		}
		return "[" + b.String() + "]"
	}
	runProbes(t, w, []probeCase{
		{"50 tags", "TagResource", `{"ResourceId":"{ou}","Tags":` + tags(0, 50) + `}`, "", ""},
		{"a 51st tag", "TagResource", `{"ResourceId":"{ou}","Tags":` + tags(50, 1) + `}`, "ConstraintViolationException", "MAX_TAG_LIMIT_EXCEEDED"},
		{"an existing key again", "TagResource", `{"ResourceId":"{ou}","Tags":` + tags(0, 1) + `}`, "", ""},
		{"CreateOrganizationalUnit with 51 tags", "CreateOrganizationalUnit", `{"ParentId":"{root}","Name":"many","Tags":` + tags(0, 51) + `}`, "ConstraintViolationException", "MAX_TAG_LIMIT_EXCEEDED"},
	})
}

// TestHandshakeExpiresProbe: an invitation left open past its
// ExpirationTimestamp (15 days) is EXPIRED (HandshakeState) wherever it is
// shown, can no longer be accepted, and does not block a new invitation.
// fakeaws kept showing it OPEN.
func TestHandshakeExpiresProbe(t *testing.T) {
	t.Parallel()
	ts, srv := startServer(t)
	if st, out := rawOrg(t, ts.URL, mgmt, "CreateOrganization", `{}`); st != http.StatusOK {
		t.Fatalf("CreateOrganization: %d %v", st, out)
	}
	st, out := rawOrg(t, ts.URL, mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"`+invitee+`"}}`)
	if st != http.StatusOK {
		t.Fatalf("InviteAccountToOrganization: %d %v", st, out)
	}
	id := str(out, "Handshake", "Id")
	if _, err := srv.Clock().Advance(16 * 24 * time.Hour); err != nil {
		t.Fatalf("advance the clock: %v", err)
	}
	st, out = rawOrg(t, ts.URL, invitee, "DescribeHandshake", `{"HandshakeId":"`+id+`"}`)
	if st != http.StatusOK || str(out, "Handshake", "State") != "EXPIRED" {
		t.Errorf("DescribeHandshake 16 days on = %d %v, want State EXPIRED", st, out)
	}
	st, out = rawOrg(t, ts.URL, mgmt, "ListHandshakesForOrganization", `{}`)
	if l, _ := out["Handshakes"].([]any); st != http.StatusOK || len(l) != 1 || str(l[0], "State") != "EXPIRED" {
		t.Errorf("ListHandshakesForOrganization 16 days on = %d %v, want one EXPIRED", st, out)
	}
	st, out = rawOrg(t, ts.URL, invitee, "AcceptHandshake", `{"HandshakeId":"`+id+`"}`)
	if str(out, "__type") != "InvalidHandshakeTransitionException" {
		t.Errorf("AcceptHandshake of an expired handshake = %d %v, want InvalidHandshakeTransitionException", st, out)
	}
	if st, out := rawOrg(t, ts.URL, mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"`+invitee+`"}}`); st != http.StatusOK {
		t.Errorf("a new invitation after expiry = %d %v, want success", st, out)
	}
}
