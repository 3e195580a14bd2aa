package organizations

import (
	"slices"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// JSON shapes of the API reference's data types, with AWS's member names.

type organizationOut struct {
	ID                   string          `json:"Id"`
	ARN                  string          `json:"Arn"`
	FeatureSet           string          `json:"FeatureSet"`
	MasterAccountARN     string          `json:"MasterAccountArn"`
	MasterAccountID      string          `json:"MasterAccountId"`
	MasterAccountEmail   string          `json:"MasterAccountEmail"`
	AvailablePolicyTypes []policyTypeOut `json:"AvailablePolicyTypes"`
}

type policyTypeOut struct {
	Type   string `json:"Type"`
	Status string `json:"Status"`
}

type rootOut struct {
	ID          string          `json:"Id"`
	ARN         string          `json:"Arn"`
	Name        string          `json:"Name"`
	PolicyTypes []policyTypeOut `json:"PolicyTypes"`
}

type ouOut struct {
	ID   string `json:"Id"`
	ARN  string `json:"Arn"`
	Name string `json:"Name"`
}

type accountOut struct {
	ID              string `json:"Id"`
	ARN             string `json:"Arn"`
	Email           string `json:"Email"`
	Name            string `json:"Name"`
	Status          string `json:"Status"`
	State           string `json:"State"`
	JoinedMethod    string `json:"JoinedMethod"`
	JoinedTimestamp epoch  `json:"JoinedTimestamp"`
}

type policySummaryOut struct {
	ID          string `json:"Id"`
	ARN         string `json:"Arn"`
	Name        string `json:"Name"`
	Description string `json:"Description"`
	Type        string `json:"Type"`
	AWSManaged  bool   `json:"AwsManaged"`
}

type policyOut struct {
	PolicySummary policySummaryOut `json:"PolicySummary"`
	Content       string           `json:"Content"`
}

type childOut struct {
	ID   string `json:"Id"`
	Type string `json:"Type"`
}

type targetOut struct {
	TargetID string `json:"TargetId"`
	ARN      string `json:"Arn"`
	Name     string `json:"Name"`
	Type     string `json:"Type"`
}

type tagIO struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

type handshakePartyOut struct {
	ID   string `json:"Id"`
	Type string `json:"Type"`
}

type handshakeResourceOut struct {
	Type      string                 `json:"Type"`
	Value     string                 `json:"Value"`
	Resources []handshakeResourceOut `json:"Resources,omitempty"`
}

type handshakeOut struct {
	ID                  string                 `json:"Id"`
	ARN                 string                 `json:"Arn"`
	Parties             []handshakePartyOut    `json:"Parties"`
	State               string                 `json:"State"`
	RequestedTimestamp  epoch                  `json:"RequestedTimestamp"`
	ExpirationTimestamp epoch                  `json:"ExpirationTimestamp"`
	Action              string                 `json:"Action"`
	Resources           []handshakeResourceOut `json:"Resources"`
}

type createAccountStatusOut struct {
	ID                 string `json:"Id"`
	AccountName        string `json:"AccountName"`
	State              string `json:"State"`
	RequestedTimestamp epoch  `json:"RequestedTimestamp"`
	CompletedTimestamp epoch  `json:"CompletedTimestamp"`
	AccountID          string `json:"AccountId"`
}

func organizationShape(o *store.Organization) organizationOut {
	return organizationOut{ID: o.ID, ARN: o.ARN, FeatureSet: o.FeatureSet,
		MasterAccountARN: accountARN(o.ManagementAccount, o.ID, o.ManagementAccount),
		MasterAccountID:  o.ManagementAccount, MasterAccountEmail: o.ManagementEmail,
		AvailablePolicyTypes: availablePolicyTypes(o)}
}

// availablePolicyTypes is Organization.AvailablePolicyTypes, deprecated by
// AWS ("Do not use") yet answered: SERVICE_CONTROL_POLICY ENABLED for an
// organization with all features, whatever the root enables (recorded from
// AWS for CreateOrganization and DescribeOrganization, 2024-12), none for
// consolidated billing only.
func availablePolicyTypes(o *store.Organization) []policyTypeOut {
	if o.FeatureSet != "ALL" {
		return []policyTypeOut{}
	}
	return []policyTypeOut{{Type: store.PolicyTypeSCP, Status: "ENABLED"}}
}

func rootShape(o *store.Organization) rootOut {
	r := rootOut{ID: o.Root.ID, ARN: o.Root.ARN, Name: o.Root.Name, PolicyTypes: []policyTypeOut{}}
	for _, t := range o.Root.PolicyTypes {
		r.PolicyTypes = append(r.PolicyTypes, policyTypeOut{Type: t, Status: "ENABLED"})
	}
	return r
}

func ouShape(u *store.OrgUnit) ouOut { return ouOut{ID: u.ID, ARN: u.ARN, Name: u.Name} }

// accountShape answers an account; Status (deprecated) and State say
// ACTIVE until CloseAccount closes it.
func accountShape(a *store.OrgAccount) accountOut {
	state := "ACTIVE"
	if a.State != "" {
		state = a.State
	}
	return accountOut{ID: a.ID, ARN: a.ARN, Email: a.Email, Name: a.Name, Status: state, State: state,
		JoinedMethod: a.JoinedMethod, JoinedTimestamp: epoch(a.Joined)}
}

func policySummary(p *store.OrgPolicy) policySummaryOut {
	p = current(p)
	return policySummaryOut{ID: p.ID, ARN: p.ARN, Name: p.Name, Description: p.Description, Type: p.Type, AWSManaged: p.AWSManaged}
}

func policyShape(p *store.OrgPolicy) policyOut {
	p = current(p)
	return policyOut{PolicySummary: policySummary(p), Content: p.Content}
}

// current returns p, or for an AWS managed policy stored by an older
// fakeaws, its current name, description and content.
func current(p *store.OrgPolicy) *store.OrgPolicy {
	if !p.AWSManaged {
		return p
	}
	m := managedPolicy(p.Type)
	if m == nil || m.ID != p.ID {
		return p
	}
	m.Targets = p.Targets
	return m
}

// handshakeShape describes an invitation as AWS recorded it (2024-12): the
// organization party named without "o-" (after the account party in
// InviteAccountToOrganization's answer, accountFirst, before it
// elsewhere); the ORGANIZATION resource holding MASTER_EMAIL, MASTER_NAME
// and ORGANIZATION_FEATURE_SET, then the ACCOUNT, then the NOTES if any.
// An open handshake past its expiration at now is EXPIRED.
func handshakeShape(o *store.Organization, hs *store.OrgHandshake, accountFirst bool, now time.Time) handshakeOut {
	if hs.Action != "INVITE" {
		return migrationShape(o, hs, now)
	}
	org := handshakePartyOut{ID: strings.TrimPrefix(o.ID, "o-"), Type: "ORGANIZATION"}
	acct := handshakePartyOut{ID: hs.Account, Type: "ACCOUNT"}
	parties := []handshakePartyOut{org, acct}
	if accountFirst {
		parties = []handshakePartyOut{acct, org}
	}
	name := o.ManagementAccount
	if a := o.Accounts[o.ManagementAccount]; a != nil && a.Name != "" {
		name = a.Name
	}
	resources := []handshakeResourceOut{
		{Type: "ORGANIZATION", Value: o.ID, Resources: []handshakeResourceOut{
			{Type: "MASTER_EMAIL", Value: o.ManagementEmail},
			{Type: "MASTER_NAME", Value: name},
			{Type: "ORGANIZATION_FEATURE_SET", Value: o.FeatureSet},
		}},
		{Type: "ACCOUNT", Value: hs.Account},
	}
	if hs.Notes != "" {
		resources = append(resources, handshakeResourceOut{Type: "NOTES", Value: hs.Notes})
	}
	state := hs.State
	if state == "OPEN" && now.After(hs.Expiration) {
		state = "EXPIRED"
	}
	return handshakeOut{ID: hs.ID, ARN: hs.ARN, State: state, Action: hs.Action,
		RequestedTimestamp: epoch(hs.Requested), ExpirationTimestamp: epoch(hs.Expiration),
		Parties: parties, Resources: resources}
}

// createAccountStartedOut is CreateAccount's answer. Account creation is
// asynchronous on AWS: the answer says IN_PROGRESS and holds no account
// id, which DescribeCreateAccountStatus gives once the state is SUCCEEDED
// (API_CreateAccount: "This response structure might not be fully
// populated when you first receive it"; the AWS CLI reference's
// create-account example answers State IN_PROGRESS and the request Id).
// fakeaws creates the account at once, so its first
// DescribeCreateAccountStatus already says SUCCEEDED.
type createAccountStartedOut struct {
	ID                 string `json:"Id"`
	AccountName        string `json:"AccountName"`
	State              string `json:"State"`
	RequestedTimestamp epoch  `json:"RequestedTimestamp"`
}

func createStartedShape(s *store.OrgCreateAccountStatus) createAccountStartedOut {
	return createAccountStartedOut{ID: s.ID, AccountName: s.AccountName, State: "IN_PROGRESS",
		RequestedTimestamp: epoch(s.Requested)}
}

func createStatusShape(s *store.OrgCreateAccountStatus) createAccountStatusOut {
	return createAccountStatusOut{ID: s.ID, AccountName: s.AccountName, State: s.State, AccountID: s.AccountID,
		RequestedTimestamp: epoch(s.Requested), CompletedTimestamp: epoch(s.Completed)}
}

// sortedAccounts returns the accounts (of parent, when not "") by join
// time, then id.
func sortedAccounts(o *store.Organization, parent string) []accountOut {
	var list []*store.OrgAccount
	for _, a := range o.Accounts {
		if parent == "" || a.Parent == parent {
			list = append(list, a)
		}
	}
	slices.SortFunc(list, func(a, b *store.OrgAccount) int {
		if c := a.Joined.Compare(b.Joined); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	out := []accountOut{}
	for _, a := range list {
		out = append(out, accountShape(a))
	}
	return out
}

// sortedOUs returns the OUs under parent by name.
func sortedOUs(o *store.Organization, parent string) []*store.OrgUnit {
	var list []*store.OrgUnit
	for _, u := range o.OUs {
		if u.Parent == parent {
			list = append(list, u)
		}
	}
	slices.SortFunc(list, func(a, b *store.OrgUnit) int { return strings.Compare(a.Name, b.Name) })
	return list
}

func tagsOut(tags []store.Tag) []tagIO {
	out := []tagIO{}
	for _, t := range tags {
		out = append(out, tagIO(t))
	}
	return out
}
