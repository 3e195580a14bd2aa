package organizations_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// rawOrg sends one Organizations JSON request, signed as account's root,
// with no client-side validation (as a hand-written or other SDK's client
// could), and returns the status and decoded body.
func rawOrg(t *testing.T, url, account, op, body string) (int, map[string]any) {
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
	creds := aws.Credentials{AccessKeyID: account, SecretAccessKey: "test"}
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
	ts, _ := emulatortest.Start(t, emulator.Options{})
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
	w.member = str(must("CreateAccount", `{"Email":"m@example.com","AccountName":"m"}`), "CreateAccountStatus", "AccountId")
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
