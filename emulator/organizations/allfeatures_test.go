package organizations_test

import (
	"net/http"
	"testing"
)

// TestEnableAllFeatures migrates a consolidated billing organization with
// an invited and a created member to all features as the User Guide
// describes ("Enabling all features in your organization"): the
// ENABLE_ALL_FEATURES handshake answered REQUESTED with an
// .../enable_all_features/ ARN (the guide's recorded output), an
// APPROVE_ALL_FEATURES handshake for the invited account only, open
// invitations cancelled, no second migration at once, finalized by the
// management account once the invited account approved; then the
// organization has all features (SCPs can be enabled) and a further
// EnableAllFeatures is ORGANIZATION_ALREADY_HAS_ALL_FEATURES.
func TestEnableAllFeatures(t *testing.T) {
	t.Parallel()
	ts, _ := startServer(t)
	w := &probeWorld{url: ts.URL}
	must := func(account, op, body string) map[string]any {
		t.Helper()
		st, out := rawOrg(t, w.url, account, op, body)
		if st != http.StatusOK {
			t.Fatalf("set-up %s: %d %v", op, st, out)
		}
		return out
	}
	must(mgmt, "CreateOrganization", `{"FeatureSet":"CONSOLIDATED_BILLING"}`)
	w.root = str(must(mgmt, "ListRoots", `{}`)["Roots"].([]any)[0], "Id")
	must(invitee, "AcceptHandshake", `{"HandshakeId":"`+str(must(mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"`+invitee+`"}}`), "Handshake", "Id")+`"}`)
	car := str(must(mgmt, "CreateAccount", `{"Email":"c@example.com","AccountName":"c"}`), "CreateAccountStatus", "Id")
	w.member = str(must(mgmt, "DescribeCreateAccountStatus", `{"CreateAccountRequestId":"`+car+`"}`), "CreateAccountStatus", "AccountId")
	pending := str(must(mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"333333333333"}}`), "Handshake", "Id")

	_, out := rawOrg(t, w.url, mgmt, "EnableAllFeatures", `{}`)
	parent := str(out, "Handshake", "Id")
	runSteps(t, w, []orgStep{
		{name: "the migration's handshake", op: "DescribeHandshake", body: `{"HandshakeId":"` + parent + `"}`,
			want: []string{`"Action":"ENABLE_ALL_FEATURES"`, `"State":"REQUESTED"`, `/enable_all_features/` + parent, `"Type":"ORGANIZATION"`}},
		{name: "a second migration", op: "EnableAllFeatures", body: `{}`,
			wantCode: "HandshakeConstraintViolationException", wantReason: "ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION"},
		{name: "open invitation cancelled", op: "DescribeHandshake", body: `{"HandshakeId":"` + pending + `"}`, want: []string{`"State":"CANCELED"`}},
		{name: "the created account is not asked", as: "member", op: "ListHandshakesForAccount", body: `{}`, want: []string{`{"Handshakes":[]}`}},
		{name: "not before the invited account approves", op: "AcceptHandshake", body: `{"HandshakeId":"` + parent + `"}`,
			wantCode: "InvalidHandshakeTransitionException"},
		{name: "the approvals of the migration", op: "ListHandshakesForOrganization", body: `{"Filter":{"ParentHandshakeId":"` + parent + `"}}`,
			want: []string{`"Action":"APPROVE_ALL_FEATURES"`, `"Id":"` + invitee + `"`, `"Value":"` + parent + `"`}},
		{name: "SCPs not yet", op: "EnablePolicyType", body: `{"RootId":"{root}","PolicyType":"SERVICE_CONTROL_POLICY"}`,
			wantCode: "PolicyTypeNotAvailableForOrganizationException"},
	})
	_, out = rawOrg(t, w.url, invitee, "ListHandshakesForAccount", `{"Filter":{"ActionType":"APPROVE_ALL_FEATURES"}}`)
	list, _ := out["Handshakes"].([]any)
	if len(list) != 1 {
		t.Fatalf("invited account's approvals = %v, want one", out)
	}
	approval := str(list[0], "Id")
	runSteps(t, w, []orgStep{
		{name: "the management account cannot approve for it", op: "AcceptHandshake", body: `{"HandshakeId":"` + approval + `"}`,
			wantCode: "HandshakeNotFoundException"},
		{name: "the invited account approves", op: "AcceptHandshake", body: `{"HandshakeId":"` + approval + `"}`, as: "key:" + invitee + " test",
			want: []string{`"State":"ACCEPTED"`, `"Action":"APPROVE_ALL_FEATURES"`}},
		{name: "finalize", op: "AcceptHandshake", body: `{"HandshakeId":"` + parent + `"}`, want: []string{`"State":"ACCEPTED"`}},
		{name: "all features", op: "DescribeOrganization", body: `{}`, want: []string{`"FeatureSet":"ALL"`}},
		{name: "SCPs now", op: "EnablePolicyType", body: `{"RootId":"{root}","PolicyType":"SERVICE_CONTROL_POLICY"}`},
		{name: "already all features", op: "EnableAllFeatures", body: `{}`,
			wantCode: "HandshakeConstraintViolationException", wantReason: "ORGANIZATION_ALREADY_HAS_ALL_FEATURES"},
	})
}

// TestCancelAllFeaturesMigration: cancelling the migration's handshake
// cancels the approvals asked, and a new migration can start.
func TestCancelAllFeaturesMigration(t *testing.T) {
	t.Parallel()
	ts, _ := startServer(t)
	w := &probeWorld{url: ts.URL}
	rawOrg(t, w.url, mgmt, "CreateOrganization", `{"FeatureSet":"CONSOLIDATED_BILLING"}`)
	_, inv := rawOrg(t, w.url, mgmt, "InviteAccountToOrganization", `{"Target":{"Type":"ACCOUNT","Id":"`+invitee+`"}}`)
	rawOrg(t, w.url, invitee, "AcceptHandshake", `{"HandshakeId":"`+str(inv, "Handshake", "Id")+`"}`)
	_, out := rawOrg(t, w.url, mgmt, "EnableAllFeatures", `{}`)
	parent := str(out, "Handshake", "Id")
	runSteps(t, w, []orgStep{
		{name: "cancel", op: "CancelHandshake", body: `{"HandshakeId":"` + parent + `"}`, want: []string{`"State":"CANCELED"`}},
		{name: "approvals cancelled", op: "ListHandshakesForOrganization", body: `{"Filter":{"ActionType":"APPROVE_ALL_FEATURES"}}`,
			want: []string{`"State":"CANCELED"`}, absent: []string{`"State":"OPEN"`}},
		{name: "still consolidated billing", op: "DescribeOrganization", body: `{}`, want: []string{`"FeatureSet":"CONSOLIDATED_BILLING"`}},
		{name: "a new migration", op: "EnableAllFeatures", body: `{}`, want: []string{`"State":"REQUESTED"`}},
	})
}
