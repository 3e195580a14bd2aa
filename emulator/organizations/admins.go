package organizations

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file holds delegated administrators for AWS services
// (Register/DeregisterDelegatedAdministrator, ListDelegatedAdministrators,
// ListDelegatedServicesForAccount). A delegated administrator's account
// may call the read-only operations (delegation.go).
//
// Recorded AWS answers: registering the management account is
// ConstraintViolationException "You cannot register management
// account/yourself as delegated administrator for your organization."
// (aws-samples/iam-identity-center-team#355, 2025; "master account" in
// 2023, aws-solutions/quota-monitor-for-aws#102); registering an account
// twice is AccountAlreadyRegisteredException "The provided account is
// already a delegated administrator for your organization."
// (pepperize/cdk-organizations#716, 2022). The other texts are the API
// reference's descriptions.

type delegateIn struct {
	AccountID        string `json:"AccountId"`
	ServicePrincipal string `json:"ServicePrincipal"`
}

// decodeDelegate reads and checks a Register/Deregister input and sets its
// organizations:ServicePrincipal condition key.
func decodeDelegate(c *call) (delegateIn, error) {
	var in delegateIn
	if err := c.decode(&in); err != nil {
		return in, err
	}
	if err := firstErr(checkID(patAccount, in.AccountID), checkServicePrincipal(in.ServicePrincipal)); err != nil {
		return in, err
	}
	c.keys = servicePrincipalKeys(in.ServicePrincipal)
	return in, nil
}

func errAccountNotRegistered() error {
	return errf("AccountNotRegisteredException", "The specified account is not a delegated administrator for this Amazon Web Services service.")
}

func (h *Handler) registerDelegatedAdministrator(ctx context.Context, c *call) (any, error) {
	in, err := decodeDelegate(c)
	if err != nil {
		return nil, err
	}
	return nil, h.manage(ctx, c, "RegisterDelegatedAdministrator", func(o *store.Organization) string { return parentARN(o, in.AccountID) },
		func(tx *store.Tx, o *store.Organization) error {
			a := o.Accounts[in.AccountID]
			switch {
			case a == nil:
				return errAccountNotFound()
			case in.AccountID == o.ManagementAccount:
				return errConstraint("CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR", "You cannot register management account/yourself as delegated administrator for your organization.")
			case o.FeatureSet != "ALL":
				return errConstraint("ORGANIZATION_NOT_IN_ALL_FEATURES_MODE", "You attempted to perform an operation that requires the organization to be configured to support all features.")
			case a.State != "":
				return errConstraint("CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR", "You cannot register a suspended account as a delegated administrator.")
			}
			if _, ok := o.ServiceAccess[in.ServicePrincipal]; !ok {
				return errConstraint("SERVICE_ACCESS_NOT_ENABLED", "You attempted to register a delegated administrator before you enabled service access. Call the EnableAWSServiceAccess API first.")
			}
			if _, ok := o.DelegatedAdmins[in.AccountID][in.ServicePrincipal]; ok {
				return errf("AccountAlreadyRegisteredException", "The provided account is already a delegated administrator for your organization.")
			}
			if o.DelegatedAdmins == nil {
				o.DelegatedAdmins = map[string]map[string]time.Time{}
			}
			if o.DelegatedAdmins[in.AccountID] == nil {
				o.DelegatedAdmins[in.AccountID] = map[string]time.Time{}
			}
			o.DelegatedAdmins[in.AccountID][in.ServicePrincipal] = h.now().UTC()
			return nil
		})
}

func (h *Handler) deregisterDelegatedAdministrator(ctx context.Context, c *call) (any, error) {
	in, err := decodeDelegate(c)
	if err != nil {
		return nil, err
	}
	return nil, h.manage(ctx, c, "DeregisterDelegatedAdministrator", func(o *store.Organization) string { return parentARN(o, in.AccountID) },
		func(tx *store.Tx, o *store.Organization) error {
			if o.Accounts[in.AccountID] == nil {
				return errAccountNotFound()
			}
			if _, ok := o.DelegatedAdmins[in.AccountID][in.ServicePrincipal]; !ok {
				return errAccountNotRegistered()
			}
			undelegate(o, in.AccountID, in.ServicePrincipal)
			return nil
		})
}

// undelegate removes account as sp's delegated administrator; an account
// left with no service is no delegated administrator at all (the
// reference: "the operation also revokes Organizations read action
// permissions").
func undelegate(o *store.Organization, account, sp string) {
	delete(o.DelegatedAdmins[account], sp)
	if len(o.DelegatedAdmins[account]) == 0 {
		delete(o.DelegatedAdmins, account)
	}
}

// deregisterService removes sp's delegated administrators: trusted access
// disabled, the service administers nothing in the organization.
func deregisterService(o *store.Organization, sp string) {
	for account := range o.DelegatedAdmins {
		undelegate(o, account, sp)
	}
}

// errDelegatedAdminCannotLeave refuses to remove a delegated administrator
// from the organization (ConstraintViolationException
// CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG: "you must first
// deregister this account as a delegated administrator").
func errDelegatedAdminCannotLeave() error {
	return errConstraint("CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG", "You attempted to remove an account that is registered as a delegated administrator for a service integrated with your organization. To complete this operation, you must first deregister this account as a delegated administrator.")
}

type delegatedAdminOut struct {
	accountOut
	DelegationEnabledDate epoch `json:"DelegationEnabledDate"`
}

// firstDelegation is when account first became a delegated administrator
// of one of its services; zero when it is none.
func firstDelegation(o *store.Organization, account string) time.Time {
	var first time.Time
	for _, at := range o.DelegatedAdmins[account] {
		if first.IsZero() || at.Before(first) {
			first = at
		}
	}
	return first
}

func (h *Handler) listDelegatedAdministrators(ctx context.Context, c *call) (any, error) {
	var in struct {
		ServicePrincipal *string `json:"ServicePrincipal"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if in.ServicePrincipal != nil {
		if err := checkServicePrincipal(*in.ServicePrincipal); err != nil {
			return nil, err
		}
		c.keys = servicePrincipalKeys(*in.ServicePrincipal)
	}
	out := []delegatedAdminOut{}
	err := h.read(ctx, c, "ListDelegatedAdministrators", nil, func(o *store.Organization) error {
		for _, account := range slices.Sorted(maps.Keys(o.DelegatedAdmins)) {
			a := o.Accounts[account]
			at := firstDelegation(o, account)
			if in.ServicePrincipal != nil {
				at = o.DelegatedAdmins[account][*in.ServicePrincipal]
			}
			if a == nil || at.IsZero() {
				continue
			}
			out = append(out, delegatedAdminOut{accountOut: accountShape(a), DelegationEnabledDate: epoch(at)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"DelegatedAdministrators": out}, nil
}

type delegatedServiceOut struct {
	ServicePrincipal      string `json:"ServicePrincipal"`
	DelegationEnabledDate epoch  `json:"DelegationEnabledDate"`
}

func (h *Handler) listDelegatedServicesForAccount(ctx context.Context, c *call) (any, error) {
	accountID, err := c.decodeID("AccountId", patAccount)
	if err != nil {
		return nil, err
	}
	out := []delegatedServiceOut{}
	err = h.read(ctx, c, "ListDelegatedServicesForAccount", func(o *store.Organization) string { return parentARN(o, accountID) },
		func(o *store.Organization) error {
			if o.Accounts[accountID] == nil {
				return errAccountNotFound()
			}
			if len(o.DelegatedAdmins[accountID]) == 0 {
				return errAccountNotRegistered()
			}
			for sp, at := range o.DelegatedAdmins[accountID] {
				out = append(out, delegatedServiceOut{ServicePrincipal: sp, DelegationEnabledDate: epoch(at)})
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b delegatedServiceOut) int { return strings.Compare(a.ServicePrincipal, b.ServicePrincipal) })
	return map[string]any{"DelegatedServices": out}, nil
}
