package store

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"
)

// AWS Organizations records. An organization is one record (Global scope,
// KindOrganization, key = organization id) holding its tree, policies and
// handshakes; KindOrgMember maps each member account to it, and
// KindOrgHandshake maps each handshake id to it (the invited account is not
// yet a member, so it finds the handshake through this index).
const (
	KindOrganization = "organizations"
	KindOrgMember    = "org-members"
	KindOrgHandshake = "org-handshakes"
)

// Organizations policy types, as the API spells them.
const (
	PolicyTypeSCP = "SERVICE_CONTROL_POLICY"
	PolicyTypeRCP = "RESOURCE_CONTROL_POLICY"
)

// OrgRef points from an account or handshake to its organization.
type OrgRef struct {
	OrgID string
}

// Organization is one AWS Organization.
type Organization struct {
	ID                string // o-xxxxxxxxxx
	ARN               string
	FeatureSet        string // ALL or CONSOLIDATED_BILLING
	ManagementAccount string
	ManagementEmail   string
	Created           time.Time
	Root              OrgRoot
	OUs               map[string]*OrgUnit    `json:",omitempty"`
	Accounts          map[string]*OrgAccount `json:",omitempty"`
	// Policies holds customer policies and, once their type has been
	// enabled, the AWS managed FullAWSAccess / RCPFullAWSAccess.
	Policies map[string]*OrgPolicy `json:",omitempty"`
	// Attachments counts the policy attachments ever made (Attach).
	Attachments    uint64                             `json:",omitempty"`
	Handshakes     map[string]*OrgHandshake           `json:",omitempty"`
	CreateStatuses map[string]*OrgCreateAccountStatus `json:",omitempty"`
	// Tags are the tags of the root, OUs, accounts and policies, by id.
	Tags map[string][]Tag `json:",omitempty"`
	// ServiceAccess holds the service principals given trusted access
	// (EnableAWSServiceAccess), with the time each was enabled.
	ServiceAccess map[string]time.Time `json:",omitempty"`
	// RootFeatures are the centralized root access features IAM enabled
	// for the organization (IAM EnableOrganizationsRootCredentialsManagement
	// and EnableOrganizationsRootSessions): RootCredentialsManagement,
	// RootSessions.
	RootFeatures []string `json:",omitempty"`
	// DelegatedAdmins holds the delegated administrators
	// (RegisterDelegatedAdministrator): by member account, the service
	// principals it administers with the time each was registered.
	DelegatedAdmins map[string]map[string]time.Time `json:",omitempty"`
	// ResourcePolicy is the organization's resource-based delegation
	// policy (PutResourcePolicy), nil when there is none; its tags are in
	// Tags under its id.
	ResourcePolicy *OrgResourcePolicy `json:",omitempty"`
}

// OrgResourcePolicy is the organization's resource-based delegation policy.
type OrgResourcePolicy struct {
	ID      string // rp-xxxxxxxx
	ARN     string
	Content string
}

// Centralized root access features, as IAM names them.
const (
	RootCredentialsManagement = "RootCredentialsManagement"
	RootSessions              = "RootSessions"
)

// RootFeatureEnabled reports whether IAM enabled feature for o.
func (o *Organization) RootFeatureEnabled(feature string) bool {
	return slices.Contains(o.RootFeatures, feature)
}

// OrgRoot is the organization's root.
type OrgRoot struct {
	ID   string // r-xxxx
	ARN  string
	Name string
	// PolicyTypes are the enabled policy types.
	PolicyTypes []string `json:",omitempty"`
}

// OrgUnit is an organizational unit.
type OrgUnit struct {
	ID     string // ou-xxxx-xxxxxxxx
	ARN    string
	Name   string
	Parent string // root or OU id
}

// OrgAccount is a member (or the management) account.
type OrgAccount struct {
	ID           string
	ARN          string
	Name         string
	Email        string
	JoinedMethod string // INVITED or CREATED
	Joined       time.Time
	Parent       string // root or OU id
	// State is "" for ACTIVE, or the account's state once CloseAccount
	// asked for its closure (PENDING_CLOSURE, SUSPENDED).
	State string `json:",omitempty"`
	// CloseRequested is when CloseAccount was called.
	CloseRequested time.Time `json:",omitzero"`
}

// OrgPolicy is an SCP, RCP or other organization policy.
type OrgPolicy struct {
	ID          string // p-xxxxxxxx, or p-FullAWSAccess / p-RCPFullAWSAccess
	ARN         string
	Name        string
	Description string
	Type        string
	AWSManaged  bool
	Content     string
	// Targets are the root, OU and account ids it is attached to.
	Targets []string `json:",omitempty"`
	// Attachments numbers each target's attachment with the
	// organization's Attachments count at the time (Organization.Attach),
	// so the policies of one target can be taken in the order they were
	// attached; targets attached before fakeaws kept it have none.
	Attachments map[string]uint64 `json:",omitempty"`
}

// Detach removes target from p's targets.
func (p *OrgPolicy) Detach(target string) {
	p.Targets = slices.DeleteFunc(p.Targets, func(t string) bool { return t == target })
	delete(p.Attachments, target)
}

// DetachAll removes every target of p.
func (p *OrgPolicy) DetachAll() {
	p.Targets, p.Attachments = nil, nil
}

// OrgHandshake is an invitation to join the organization, or a handshake
// of its migration to all features (EnableAllFeatures).
type OrgHandshake struct {
	ID      string // h-xxxxxxxxxx
	ARN     string
	Account string // the invited account
	State   string // OPEN (REQUESTED for ENABLE_ALL_FEATURES), ACCEPTED, DECLINED, CANCELED
	Action  string // INVITE, ENABLE_ALL_FEATURES, APPROVE_ALL_FEATURES
	// Parent is the ENABLE_ALL_FEATURES handshake an APPROVE_ALL_FEATURES
	// one belongs to.
	Parent     string `json:",omitempty"`
	Notes      string `json:",omitempty"`
	Requested  time.Time
	Expiration time.Time
}

// OrgCreateAccountStatus is the record of a CreateAccount request.
type OrgCreateAccountStatus struct {
	ID          string // car-xxxxxxxx
	AccountName string
	AccountID   string
	State       string
	Requested   time.Time
	Completed   time.Time
}

// ErrNoOrganization is returned by OrganizationOf for an account that
// belongs to no organization.
var ErrNoOrganization = errors.New("not in an organization")

// OrganizationOf returns the organization account belongs to, or an error
// wrapping ErrNoOrganization.
func (t *Tx) OrganizationOf(account string) (*Organization, error) {
	var ref OrgRef
	if err := t.Get(Global, KindOrgMember, account, &ref); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("account %s: %w", account, ErrNoOrganization)
		}
		return nil, err
	}
	var o Organization
	if err := t.Get(Global, KindOrganization, ref.OrgID, &o); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("account %s: %w", account, ErrNoOrganization)
		}
		return nil, err
	}
	return &o, nil
}

// PutOrganization stores o.
func (t *Tx) PutOrganization(o *Organization) error {
	return t.Put(Global, KindOrganization, o.ID, o)
}

// Parent returns the parent id of an OU or account ("" for the root or an
// unknown id).
func (o *Organization) Parent(id string) string {
	if ou, ok := o.OUs[id]; ok {
		return ou.Parent
	}
	if a, ok := o.Accounts[id]; ok {
		return a.Parent
	}
	return ""
}

// Path returns the ids from the root down to id (the root, each OU, then
// id itself). It returns nil when id is not in the organization.
func (o *Organization) Path(id string) []string {
	if id != o.Root.ID && o.OUs[id] == nil && o.Accounts[id] == nil {
		return nil
	}
	var rev []string
	for cur := id; cur != ""; cur = o.Parent(cur) {
		rev = append(rev, cur)
		if cur == o.Root.ID || len(rev) > 10 {
			break
		}
	}
	slices.Reverse(rev)
	return rev
}

// PolicyTypeEnabled reports whether typ is enabled on the root.
func (o *Organization) PolicyTypeEnabled(typ string) bool {
	return slices.Contains(o.Root.PolicyTypes, typ)
}

// Attach attaches p to target (not attached yet) as the organization's
// latest attachment.
func (o *Organization) Attach(p *OrgPolicy, target string) {
	o.Attachments++
	p.Targets = append(p.Targets, target)
	if p.Attachments == nil {
		p.Attachments = map[string]uint64{}
	}
	p.Attachments[target] = o.Attachments
}

// AttachedInOrder is Attached in the order the policies were attached to
// target (those attached before fakeaws numbered attachments first, by id).
func (o *Organization) AttachedInOrder(target, typ string) []*OrgPolicy {
	out := o.Attached(target, typ)
	slices.SortStableFunc(out, func(a, b *OrgPolicy) int {
		return cmp.Compare(a.Attachments[target], b.Attachments[target])
	})
	return out
}

// Attached returns the policies of type typ attached to target, ordered
// by id.
func (o *Organization) Attached(target, typ string) []*OrgPolicy {
	var out []*OrgPolicy
	for _, p := range o.Policies {
		if p.Type == typ && slices.Contains(p.Targets, target) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *OrgPolicy) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return out
}
