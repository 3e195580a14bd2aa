package organizations_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// orgStep is one request in a scenario: who sends it ("" for the
// management account's root, "member" for the member's root, "key:KEYID
// SECRET" for an IAM user's key), and what must come back.
type orgStep struct {
	name       string
	as         string
	op, body   string
	wantCode   string // "" means success
	wantReason string
	wantMsg    string // checked when set
	// want holds substrings the successful answer's body must contain.
	want []string
	// absent holds substrings it must not contain.
	absent []string
}

// runSteps runs steps in order against w; a step's failure does not stop
// the next ones.
func runSteps(t *testing.T, w *probeWorld, steps []orgStep) {
	t.Helper()
	for _, s := range steps {
		key, secret := mgmt, "test"
		switch {
		case s.as == "member":
			key = w.member
		case strings.HasPrefix(s.as, "key:"):
			key, secret, _ = strings.Cut(strings.TrimPrefix(s.as, "key:"), " ")
		}
		st, out := rawOrgAs(t, w.url, key, secret, s.op, w.expand(s.body))
		code, reason, msg := str(out, "__type"), str(out, "Reason"), str(out, "Message")
		if s.wantCode == "" {
			if st != http.StatusOK {
				t.Errorf("%s: %s = %d %s (Reason %q) %q, want success", s.name, s.op, st, code, reason, msg)
				continue
			}
			body := mustJSON(t, out)
			for _, sub := range s.want {
				if !strings.Contains(body, w.expand(sub)) {
					t.Errorf("%s: %s answered %s, want it to contain %s", s.name, s.op, body, w.expand(sub))
				}
			}
			for _, sub := range s.absent {
				if strings.Contains(body, w.expand(sub)) {
					t.Errorf("%s: %s answered %s, want no %s", s.name, s.op, body, w.expand(sub))
				}
			}
			continue
		}
		if st != http.StatusBadRequest || code != s.wantCode || reason != s.wantReason || (s.wantMsg != "" && msg != s.wantMsg) {
			t.Errorf("%s: %s = %d %s (Reason %q) %q, want 400 %s (Reason %q) %q", s.name, s.op, st, code, reason, msg, s.wantCode, s.wantReason, s.wantMsg)
		}
	}
}

// TestDelegatedAdministrators registers the member account as a delegated
// administrator and checks what AWS documents and answered: trusted access
// first (ConstraintViolationException SERVICE_ACCESS_NOT_ENABLED, API
// reference), never the management account ("You cannot register
// management account/yourself ...", recorded in
// aws-samples/iam-identity-center-team#355), not twice ("The provided
// account is already a delegated administrator for your organization.",
// recorded in pepperize/cdk-organizations#716), the listings, read-only
// access for the delegated administrator ("It grants read-only access to
// AWS Organizations service data", API_RegisterDelegatedAdministrator), no
// removal while registered (CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG)
// and the registration gone with trusted access.
func TestDelegatedAdministrators(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	reg := `{"AccountId":"{member}","ServicePrincipal":"ssm.amazonaws.com"}`
	_, inv := rawOrg(t, w.url, mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"`+invitee+`"}}`)
	handshake := str(inv, "Handshake", "Id")
	runSteps(t, w, []orgStep{
		{name: "member cannot describe a handshake", as: "member", op: "DescribeHandshake", body: `{"HandshakeId":"` + handshake + `"}`,
			wantCode: "HandshakeNotFoundException"},
		{name: "member cannot list before", as: "member", op: "ListAccounts", body: `{}`, wantCode: "AccessDeniedException"},
		{name: "before trusted access", op: "RegisterDelegatedAdministrator", body: reg,
			wantCode: "ConstraintViolationException", wantReason: "SERVICE_ACCESS_NOT_ENABLED"},
		{name: "enable trusted access", op: "EnableAWSServiceAccess", body: `{"ServicePrincipal":"ssm.amazonaws.com"}`},
		{name: "management account", op: "RegisterDelegatedAdministrator", body: `{"AccountId":"` + mgmt + `","ServicePrincipal":"ssm.amazonaws.com"}`,
			wantCode: "ConstraintViolationException", wantReason: "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR",
			wantMsg: "You cannot register management account/yourself as delegated administrator for your organization."},
		{name: "no such account", op: "RegisterDelegatedAdministrator", body: `{"AccountId":"999999999999","ServicePrincipal":"ssm.amazonaws.com"}`,
			wantCode: "AccountNotFoundException", wantMsg: "You specified an account that doesn't exist."},
		{name: "bad account id", op: "RegisterDelegatedAdministrator", body: `{"AccountId":"12","ServicePrincipal":"ssm.amazonaws.com"}`,
			wantCode: "InvalidInputException", wantReason: "INVALID_PATTERN"},
		{name: "member cannot register", as: "member", op: "RegisterDelegatedAdministrator", body: reg, wantCode: "AccessDeniedException"},
		{name: "register", op: "RegisterDelegatedAdministrator", body: reg},
		{name: "register again", op: "RegisterDelegatedAdministrator", body: reg,
			wantCode: "AccountAlreadyRegisteredException", wantMsg: "The provided account is already a delegated administrator for your organization."},
		{name: "listed", op: "ListDelegatedAdministrators", body: `{}`, want: []string{`"Id":"{member}"`, `"DelegationEnabledDate":`, `"JoinedMethod":"CREATED"`}},
		{name: "listed for its service", op: "ListDelegatedAdministrators", body: `{"ServicePrincipal":"ssm.amazonaws.com"}`, want: []string{`"Id":"{member}"`}},
		{name: "not listed for another service", op: "ListDelegatedAdministrators", body: `{"ServicePrincipal":"config.amazonaws.com"}`,
			want: []string{`{"DelegatedAdministrators":[]}`}},
		{name: "its services", op: "ListDelegatedServicesForAccount", body: `{"AccountId":"{member}"}`,
			want: []string{`"ServicePrincipal":"ssm.amazonaws.com"`, `"DelegationEnabledDate":`}},
		{name: "management account has none", op: "ListDelegatedServicesForAccount", body: `{"AccountId":"` + mgmt + `"}`, wantCode: "AccountNotRegisteredException"},
		{name: "delegated administrator reads", as: "member", op: "ListAccounts", body: `{}`, want: []string{`"Id":"{member}"`}},
		{name: "delegated administrator lists administrators", as: "member", op: "ListDelegatedAdministrators", body: `{}`, want: []string{`"Id":"{member}"`}},
		{name: "delegated administrator describes a handshake", as: "member", op: "DescribeHandshake", body: `{"HandshakeId":"` + handshake + `"}`,
			want: []string{`"Action":"INVITE"`}},
		{name: "delegated administrator cannot write", as: "member", op: "CreateOrganizationalUnit", body: `{"ParentId":"{root}","Name":"X"}`, wantCode: "AccessDeniedException"},
		{name: "delegated administrator cannot delegate", as: "member", op: "PutResourcePolicy", body: putPolicy(readAccounts), wantCode: "AccessDeniedException"},
		{name: "cannot remove", op: "RemoveAccountFromOrganization", body: `{"AccountId":"{member}"}`,
			wantCode: "ConstraintViolationException", wantReason: "CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"},
		{name: "cannot leave", as: "member", op: "LeaveOrganization", body: `{}`,
			wantCode: "ConstraintViolationException", wantReason: "CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"},
		{name: "deregister another service", op: "DeregisterDelegatedAdministrator", body: `{"AccountId":"{member}","ServicePrincipal":"config.amazonaws.com"}`,
			wantCode: "AccountNotRegisteredException"},
		{name: "deregister no such account", op: "DeregisterDelegatedAdministrator", body: `{"AccountId":"999999999999","ServicePrincipal":"ssm.amazonaws.com"}`,
			wantCode: "AccountNotFoundException"},
		{name: "disable trusted access", op: "DisableAWSServiceAccess", body: `{"ServicePrincipal":"ssm.amazonaws.com"}`},
		{name: "gone with trusted access", op: "ListDelegatedAdministrators", body: `{}`, want: []string{`{"DelegatedAdministrators":[]}`}},
		{name: "no services left", op: "ListDelegatedServicesForAccount", body: `{"AccountId":"{member}"}`, wantCode: "AccountNotRegisteredException"},
		{name: "member cannot list after", as: "member", op: "ListAccounts", body: `{}`, wantCode: "AccessDeniedException"},
		{name: "re-enable", op: "EnableAWSServiceAccess", body: `{"ServicePrincipal":"ssm.amazonaws.com"}`},
		{name: "register once more", op: "RegisterDelegatedAdministrator", body: reg},
		{name: "deregister", op: "DeregisterDelegatedAdministrator", body: reg},
		{name: "deregister twice", op: "DeregisterDelegatedAdministrator", body: reg, wantCode: "AccountNotRegisteredException"},
		{name: "removable once deregistered", op: "RemoveAccountFromOrganization", body: `{"AccountId":"{member}"}`},
	})
}

// mustJSON encodes a decoded body back to compact JSON.
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode %v: %v", v, err)
	}
	return string(b)
}

// readAccounts is a delegation policy letting the member account list the
// organization's accounts.
const readAccounts = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{member}:root"},"Action":"organizations:ListAccounts","Resource":"*"}]}`

// putPolicy is a PutResourcePolicy input with content doc.
func putPolicy(doc string) string {
	c, _ := json.Marshal(doc)
	return `{"Content":` + string(c) + `}`
}

// delegateSCPs is the User Guide's pattern ("Resource-based policy
// examples for AWS Organizations"): the member account may navigate the
// organization (DescribeOrganizationalUnit, ListAccounts) and create
// policies of one type (organizations:PolicyType), nothing else.
const delegateSCPs = `{"Version":"2012-10-17","Statement":[
	{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{member}:root"},
	 "Action":["organizations:DescribeOrganizationalUnit","organizations:ListAccounts","organizations:DescribeResourcePolicy",
	  "organizations:DescribeHandshake"],"Resource":"*"},
	{"Sid":"SCPs","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{member}:root"},
	 "Action":"organizations:CreatePolicy","Resource":"*",
	 "Condition":{"StringEquals":{"organizations:PolicyType":"SERVICE_CONTROL_POLICY"}}}]}`

// TestDelegationPolicy puts a resource-based delegation policy and checks
// it decides members' calls as a resource policy decides a cross-account
// request: the member's IAM policies and the delegation policy must both
// allow, only for the operations and conditions it names ("Delegated
// administrator for AWS Organizations", Organizations User Guide); without
// it members are refused again.
func TestDelegationPolicy(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	bare, bareSecret := orgUser(t, w.url, w.member, "bare", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`)
	admin, adminSecret := orgUser(t, w.url, w.member, "orgs", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:*","Resource":"*"}]}`)
	asBare, asAdmin := "key:"+bare+" "+bareSecret, "key:"+admin+" "+adminSecret
	scp := policyBody("Delegated", "SERVICE_CONTROL_POLICY", denyDel)
	withTags := `{"Content":` + mustJSON(t, delegateSCPs) + `,"Tags":[{"Key":"team","Value":"sec"}]}`
	_, inv := rawOrg(t, w.url, mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"`+invitee+`"}}`)
	handshake := `{"HandshakeId":"` + str(inv, "Handshake", "Id") + `"}`
	runSteps(t, w, []orgStep{
		{name: "member cannot describe a handshake", as: "member", op: "DescribeHandshake", body: handshake, wantCode: "HandshakeNotFoundException"},
		{name: "invited account describes it", as: "key:" + invitee + " test", op: "DescribeHandshake", body: handshake, want: []string{`"State":"OPEN"`}},
		{name: "member refused without a policy", as: "member", op: "ListAccounts", body: `{}`, wantCode: "AccessDeniedException",
			wantMsg: "You don't have permissions to access this resource."},
		{name: "no policy yet", op: "DescribeResourcePolicy", body: `{}`, wantCode: "ResourcePolicyNotFoundException"},
		{name: "delete without a policy", op: "DeleteResourcePolicy", body: `{}`, wantCode: "ResourcePolicyNotFoundException"},
		{name: "not a resource policy (no Principal)", op: "PutResourcePolicy",
			body:     putPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:ListAccounts","Resource":"*"}]}`),
			wantCode: "MalformedPolicyDocumentException"},
		{name: "empty content", op: "PutResourcePolicy", body: `{"Content":""}`, wantCode: "InvalidInputException", wantReason: "MIN_LENGTH_EXCEEDED"},
		{name: "member cannot put", as: "member", op: "PutResourcePolicy", body: withTags, wantCode: "AccessDeniedException"},
		{name: "put", op: "PutResourcePolicy", body: withTags, want: []string{`"Id":"rp-`, `:resourcepolicy/o-`, `organizations:PolicyType`}},
		{name: "tags only on creation", op: "PutResourcePolicy", body: withTags, wantCode: "InvalidInputException"},
		{name: "update without tags", op: "PutResourcePolicy", body: putPolicy(delegateSCPs), want: []string{`"Id":"rp-`}},
		{name: "describe", op: "DescribeResourcePolicy", body: `{}`, want: []string{`"Sid\":\"SCPs\"`, `"Arn":"arn:aws:organizations::` + mgmt + `:resourcepolicy/`}},
		{name: "member lists accounts", as: "member", op: "ListAccounts", body: `{}`, want: []string{`"Id":"{member}"`}},
		{name: "member describes an OU", as: "member", op: "DescribeOrganizationalUnit", body: `{"OrganizationalUnitId":"{ou}"}`, want: []string{`"Id":"{ou}"`}},
		{name: "member describes the policy", as: "member", op: "DescribeResourcePolicy", body: `{}`, want: []string{`"Id":"rp-`}},
		{name: "member describes a handshake", as: "member", op: "DescribeHandshake", body: handshake, want: []string{`"Action":"INVITE"`}},
		{name: "member user without IAM permission describes no handshake", as: asBare, op: "DescribeHandshake", body: handshake, wantCode: "AccessDeniedException"},
		{name: "member creates an SCP", as: "member", op: "CreatePolicy", body: scp, want: []string{`"Name":"Delegated"`}},
		{name: "member creates a tag policy (condition fails)", as: "member", op: "CreatePolicy", body: policyBody("Tags", "TAG_POLICY", `{"tags":{}}`), wantCode: "AccessDeniedException"},
		{name: "action the policy does not name", as: "member", op: "ListRoots", body: `{}`, wantCode: "AccessDeniedException"},
		{name: "operation that cannot be delegated", as: "member", op: "CreateOrganizationalUnit", body: `{"ParentId":"{root}","Name":"X"}`, wantCode: "AccessDeniedException"},
		{name: "member user without IAM permission", as: asBare, op: "ListAccounts", body: `{}`, wantCode: "AccessDeniedException"},
		{name: "member user with IAM permission", as: asAdmin, op: "ListAccounts", body: `{}`, want: []string{`"Id":"{member}"`}},
	})
	_, out := rawOrg(t, w.url, mgmt, "DescribeResourcePolicy", `{}`)
	rp := str(out, "ResourcePolicy", "ResourcePolicySummary", "Id")
	// SCPs still apply to the member's principals.
	_, out = rawOrg(t, w.url, mgmt, "CreatePolicy", policyBody("NoList", "SERVICE_CONTROL_POLICY",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:ListAccounts","Resource":"*"}]}`))
	if st, out := rawOrg(t, w.url, mgmt, "AttachPolicy", w.expand(`{"PolicyId":"`+str(out, "Policy", "PolicySummary", "Id")+`","TargetId":"{ou}"}`)); st != http.StatusOK {
		t.Fatalf("AttachPolicy: %d %v", st, out)
	}
	runSteps(t, w, []orgStep{
		{name: "an SCP denies the member", as: asAdmin, op: "ListAccounts", body: `{}`, wantCode: "AccessDeniedException"},
		{name: "an SCP denies the member's root", as: "member", op: "ListAccounts", body: `{}`, wantCode: "AccessDeniedException"},
		{name: "what the SCP does not deny", as: "member", op: "DescribeOrganizationalUnit", body: `{"OrganizationalUnitId":"{ou}"}`, want: []string{`"Id":"{ou}"`}},
		{name: "tags of the policy", op: "ListTagsForResource", body: `{"ResourceId":"` + rp + `"}`, want: []string{`"Key":"team"`}},
		{name: "delete", op: "DeleteResourcePolicy", body: `{}`},
		{name: "tags gone with it", op: "ListTagsForResource", body: `{"ResourceId":"` + rp + `"}`, wantCode: "TargetNotFoundException"},
		{name: "gone", op: "DescribeResourcePolicy", body: `{}`, wantCode: "ResourcePolicyNotFoundException"},
		{name: "member refused again", as: "member", op: "ListAccounts", body: `{}`, wantCode: "AccessDeniedException"},
		{name: "member user refused again", as: asAdmin, op: "ListAccounts", body: `{}`, wantCode: "AccessDeniedException"},
	})
}
