package organizations_test

import (
	"fmt"
	"net/http"
	"testing"
)

// TestCloseAccount checks CloseAccount as the API reference documents it:
// not the management account (CANNOT_CLOSE_MANAGEMENT_ACCOUNT), an
// account of the organization (AccountNotFoundException), SUSPENDED once
// closed (fakeaws closes at once; AWS answers PENDING_CLOSURE meanwhile),
// not twice (AccountAlreadyClosedException), at most 10% of member
// accounts, and at least 10, within 30 days (CLOSE_ACCOUNT_QUOTA_EXCEEDED);
// a closed account cannot become a delegated administrator
// (CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR).
func TestCloseAccount(t *testing.T) {
	t.Parallel()
	w := newProbeWorld(t)
	runSteps(t, w, []orgStep{
		{name: "management account", op: "CloseAccount", body: `{"AccountId":"` + mgmt + `"}`,
			wantCode: "ConstraintViolationException", wantReason: "CANNOT_CLOSE_MANAGEMENT_ACCOUNT"},
		{name: "not in the organization", op: "CloseAccount", body: `{"AccountId":"999999999999"}`,
			wantCode: "AccountNotFoundException", wantMsg: "You specified an account that doesn't exist."},
		{name: "bad id", op: "CloseAccount", body: `{"AccountId":"1"}`, wantCode: "InvalidInputException", wantReason: "INVALID_PATTERN"},
		{name: "member cannot close", as: "member", op: "CloseAccount", body: `{"AccountId":"{member}"}`, wantCode: "AccessDeniedException"},
		{name: "close", op: "CloseAccount", body: `{"AccountId":"{member}"}`, want: []string{`{}`}},
		{name: "suspended", op: "DescribeAccount", body: `{"AccountId":"{member}"}`, want: []string{`"State":"SUSPENDED"`, `"Status":"SUSPENDED"`}},
		{name: "still listed", op: "ListAccounts", body: `{}`, want: []string{`"Id":"{member}"`}},
		{name: "twice", op: "CloseAccount", body: `{"AccountId":"{member}"}`, wantCode: "AccountAlreadyClosedException"},
		{name: "enable trusted access", op: "EnableAWSServiceAccess", body: `{"ServicePrincipal":"ssm.amazonaws.com"}`},
		{name: "not a delegated administrator", op: "RegisterDelegatedAdministrator", body: `{"AccountId":"{member}","ServicePrincipal":"ssm.amazonaws.com"}`,
			wantCode: "ConstraintViolationException", wantReason: "CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR"},
		{name: "all features already", op: "EnableAllFeatures", body: `{}`,
			wantCode: "HandshakeConstraintViolationException", wantReason: "ORGANIZATION_ALREADY_HAS_ALL_FEATURES"},
	})
	// Eleven more members (twelve in all): 10% is under the floor of ten,
	// so ten closures in 30 days, the member's included, and no eleventh.
	var ids []string
	for i := range 11 {
		_, out := rawOrg(t, w.url, mgmt, "CreateAccount", fmt.Sprintf(`{"Email":"c%d@example.com","AccountName":"c%d"}`, i, i))
		_, out = rawOrg(t, w.url, mgmt, "DescribeCreateAccountStatus", `{"CreateAccountRequestId":"`+str(out, "CreateAccountStatus", "Id")+`"}`)
		ids = append(ids, str(out, "CreateAccountStatus", "AccountId"))
	}
	for i, id := range ids {
		st, out := rawOrg(t, w.url, mgmt, "CloseAccount", `{"AccountId":"`+id+`"}`)
		switch {
		case i < 9 && st != http.StatusOK:
			t.Errorf("closure %d: %d %v, want success", i+2, st, out)
		case i == 9 && (str(out, "__type") != "ConstraintViolationException" || str(out, "Reason") != "CLOSE_ACCOUNT_QUOTA_EXCEEDED"):
			t.Errorf("closure %d: %d %v, want CLOSE_ACCOUNT_QUOTA_EXCEEDED", i+2, st, out)
		}
		if i == 9 {
			break
		}
	}
}

// TestCloseAccountConsolidatedBilling: closing needs all features.
func TestCloseAccountConsolidatedBilling(t *testing.T) {
	t.Parallel()
	ts, _ := startServer(t)
	w := &probeWorld{url: ts.URL}
	if st, out := rawOrg(t, w.url, mgmt, "CreateOrganization", `{"FeatureSet":"CONSOLIDATED_BILLING"}`); st != http.StatusOK {
		t.Fatalf("CreateOrganization: %d %v", st, out)
	}
	_, out := rawOrg(t, w.url, mgmt, "CreateAccount", `{"Email":"m@example.com","AccountName":"m"}`)
	_, out = rawOrg(t, w.url, mgmt, "DescribeCreateAccountStatus", `{"CreateAccountRequestId":"`+str(out, "CreateAccountStatus", "Id")+`"}`)
	w.member = str(out, "CreateAccountStatus", "AccountId")
	runSteps(t, w, []orgStep{
		{name: "close", op: "CloseAccount", body: `{"AccountId":"{member}"}`,
			wantCode: "ConstraintViolationException", wantReason: "ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"},
		{name: "still active", op: "DescribeAccount", body: `{"AccountId":"{member}"}`, want: []string{`"State":"ACTIVE"`}},
	})
}
