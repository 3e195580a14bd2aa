package organizations

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file holds member accounts: listing, moving, creating, inviting and
// removing them.

// accountIDPattern is compiled on first use, not at start-up.
var accountIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{12}$`) })

func (h *Handler) listAccounts(ctx context.Context, c *call) (any, error) {
	var out []accountOut
	err := h.read(ctx, c, "ListAccounts", nil, func(o *store.Organization) error {
		out = sortedAccounts(o, "")
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Accounts": out}, nil
}

func (h *Handler) listAccountsForParent(ctx context.Context, c *call) (any, error) {
	parentID, err := c.decodeID("ParentId", patParent)
	if err != nil {
		return nil, err
	}
	var out []accountOut
	err = h.read(ctx, c, "ListAccountsForParent", func(o *store.Organization) string { return parentARN(o, parentID) },
		func(o *store.Organization) error {
			if !isParent(o, parentID) {
				return errParentNotFound()
			}
			out = sortedAccounts(o, parentID)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Accounts": out}, nil
}

func (h *Handler) describeAccount(ctx context.Context, c *call) (any, error) {
	accountID, err := c.decodeID("AccountId", patAccount)
	if err != nil {
		return nil, err
	}
	var out accountOut
	err = h.read(ctx, c, "DescribeAccount", func(o *store.Organization) string { return parentARN(o, accountID) },
		func(o *store.Organization) error {
			a := o.Accounts[accountID]
			if a == nil {
				return errAccountNotFound()
			}
			out = accountShape(a)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Account": out}, nil
}

func (h *Handler) moveAccount(ctx context.Context, c *call) (any, error) {
	var in struct {
		AccountID     string `json:"AccountId"`
		SourceID      string `json:"SourceParentId"`
		DestinationID string `json:"DestinationParentId"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := firstErr(checkID(patAccount, in.AccountID), checkID(patParent, in.SourceID), checkID(patParent, in.DestinationID)); err != nil {
		return nil, err
	}
	// MoveAccount's resource types are the account, the OUs and the root
	// it moves between.
	c.also = func(o *store.Organization) []string {
		return []string{parentARN(o, in.SourceID), parentARN(o, in.DestinationID)}
	}
	return nil, h.manage(ctx, c, "MoveAccount", func(o *store.Organization) string { return parentARN(o, in.AccountID) },
		func(tx *store.Tx, o *store.Organization) error {
			a := o.Accounts[in.AccountID]
			switch {
			case a == nil:
				return errAccountNotFound()
			case !isParent(o, in.SourceID):
				return errSourceParentNotFound()
			case !isParent(o, in.DestinationID):
				return errDestinationParentNotFound()
			case a.Parent != in.SourceID:
				return errAccountNotFound()
			case a.Parent == in.DestinationID:
				return errDuplicateAccount()
			}
			a.Parent = in.DestinationID
			return nil
		})
}

// join adds account to o under the root, with the default policies.
func join(tx *store.Tx, o *store.Organization, account, name, email, method string, now time.Time) error {
	if o.Accounts == nil {
		o.Accounts = map[string]*store.OrgAccount{}
	}
	o.Accounts[account] = &store.OrgAccount{ID: account, ARN: accountARN(o.ManagementAccount, o.ID, account),
		Name: name, Email: email, JoinedMethod: method, Joined: now, Parent: o.Root.ID}
	attachDefaults(o, account)
	return tx.Put(store.Global, store.KindOrgMember, account, store.OrgRef{OrgID: o.ID})
}

// accessRoleTrust is the trust policy of the role CreateAccount makes in the
// new account: the management account may assume it.
func accessRoleTrust(mgmt string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + arns.Root(mgmt) + `"},"Action":"sts:AssumeRole"}]}`
}

func (h *Handler) createAccount(ctx context.Context, c *call) (any, error) {
	var in struct {
		Email       string  `json:"Email"`
		AccountName string  `json:"AccountName"`
		RoleName    string  `json:"RoleName"`
		Tags        []tagIO `json:"Tags"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := firstErr(checkLength(in.AccountName, 1, 50), checkTags(in.Tags)); err != nil {
		return nil, err
	}
	c.keys = requestTagKeys(nil, in.Tags)
	if !strings.Contains(in.Email, "@") || len(in.Email) < 6 || len(in.Email) > 64 {
		return nil, errInvalidInput("INVALID_EMAIL_ADDRESS_TARGET", "You provided an invalid email address.")
	}
	if err := checkNewAccount(in.AccountName, in.RoleName); err != nil {
		return nil, err
	}
	if in.RoleName == "" {
		in.RoleName = "OrganizationAccountAccessRole"
	}
	var status store.OrgCreateAccountStatus
	err := h.manage(ctx, c, "CreateAccount", nil, func(tx *store.Tx, o *store.Organization) error {
		status = store.OrgCreateAccountStatus{}
		for _, a := range o.Accounts {
			if strings.EqualFold(a.Email, in.Email) {
				return errf("DuplicateAccountException", "That account is already present in the specified destination.")
			}
		}
		id := newAccountID()
		for tx.AccountExists(id) {
			id = newAccountID()
		}
		now := h.now().UTC()
		if _, err := tx.EnsureAccount(id, now); err != nil {
			return err
		}
		// As AWS does, the new account gets a role the management account
		// can assume, with AdministratorAccess
		// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access-cross-account-role.html).
		role := store.Role{Name: in.RoleName, Path: "/", ID: ids.Unique(ids.RolePrefix),
			ARN: arns.Role(id, "/", in.RoleName), Created: now, MaxSessionDuration: 3600,
			TrustPolicy: accessRoleTrust(o.ManagementAccount),
			Policies:    store.Policies{Attached: []string{arns.Policy(arns.AWSAccount, "/", "AdministratorAccess")}}}
		if err := tx.Put(id, store.KindRole, strings.ToLower(role.Name), &role); err != nil {
			return err
		}
		if err := join(tx, o, id, in.AccountName, in.Email, "CREATED", now); err != nil {
			return err
		}
		if err := setTags(o, id, in.Tags); err != nil {
			return err
		}
		status = store.OrgCreateAccountStatus{ID: newCreateAccountID(), AccountName: in.AccountName, AccountID: id,
			State: "SUCCEEDED", Requested: now, Completed: now}
		if o.CreateStatuses == nil {
			o.CreateStatuses = map[string]*store.OrgCreateAccountStatus{}
		}
		o.CreateStatuses[status.ID] = &status
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"CreateAccountStatus": createStartedShape(&status)}, nil
}

func (h *Handler) describeCreateAccountStatus(ctx context.Context, c *call) (any, error) {
	iD, err := c.decodeID("CreateAccountRequestId", patCreateAccount)
	if err != nil {
		return nil, err
	}
	var out createAccountStatusOut
	err = h.read(ctx, c, "DescribeCreateAccountStatus", nil, func(o *store.Organization) error {
		s := o.CreateStatuses[iD]
		if s == nil {
			return errCreateStatusNotFound()
		}
		out = createStatusShape(s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"CreateAccountStatus": out}, nil
}

// handshakeLifetime is how long an invitation stays open (15 days, the API
// reference's Handshake.ExpirationTimestamp).
const handshakeLifetime = 15 * 24 * time.Hour

func (h *Handler) inviteAccountToOrganization(ctx context.Context, c *call) (any, error) {
	var in struct {
		Target struct {
			ID   string `json:"Id"`
			Type string `json:"Type"`
		} `json:"Target"`
		Notes string  `json:"Notes"`
		Tags  []tagIO `json:"Tags"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := firstErr(checkLength(in.Notes, 0, 1024), checkTags(in.Tags)); err != nil {
		return nil, err
	}
	c.keys = requestTagKeys(nil, in.Tags)
	if in.Target.Type != "ACCOUNT" || !accountIDPattern().MatchString(in.Target.ID) {
		// fakeaws accounts have no e-mail addresses: invite by account id.
		return nil, errInvalidInput("INVALID_PARTY_TYPE_TARGET", "You specified the wrong type for the handshake's party.")
	}
	var out handshakeOut
	err := h.manage(ctx, c, "InviteAccountToOrganization", nil, func(tx *store.Tx, o *store.Organization) error {
		out = handshakeOut{}
		if _, err := tx.OrganizationOf(in.Target.ID); err == nil {
			return errHandshakeConstraint("ALREADY_IN_AN_ORGANIZATION", "The account is already a member of an organization.")
		} else if !errors.Is(err, store.ErrNoOrganization) {
			return err
		}
		if openInvitation(h, o, in.Target.ID) {
			return errDuplicateHandshake()
		}
		now := h.now().UTC()
		hs := &store.OrgHandshake{Account: in.Target.ID, State: "OPEN", Action: "INVITE",
			Notes: in.Notes, Requested: now, Expiration: now.Add(handshakeLifetime)}
		if err := addHandshake(tx, o, hs); err != nil {
			return err
		}
		out = handshakeShape(o, hs, true, h.now())
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Handshake": out}, nil
}

// handshakeOrg loads the organization that sent handshake id.
func handshakeOrg(tx *store.Tx, id string) (*store.Organization, *store.OrgHandshake, error) {
	var ref store.OrgRef
	if err := tx.Get(store.Global, store.KindOrgHandshake, id, &ref); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil, errHandshakeNotFound()
		}
		return nil, nil, err
	}
	var o store.Organization
	if err := tx.Get(store.Global, store.KindOrganization, ref.OrgID, &o); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil, errHandshakeNotFound()
		}
		return nil, nil, err
	}
	hs := o.Handshakes[id]
	if hs == nil {
		return nil, nil, errHandshakeNotFound()
	}
	return &o, hs, nil
}

// acceptHandshake lets the invited account join the organization, or
// answers an all-features migration handshake (allfeatures.go).
func (h *Handler) acceptHandshake(ctx context.Context, c *call) (any, error) {
	return h.answerInvitation(ctx, c, "AcceptHandshake", func(tx *store.Tx, o *store.Organization, hs *store.OrgHandshake) error {
		switch hs.Action {
		case actionApproveAllFeatures:
			return closeHandshake(h, hs, "ACCEPTED")
		case actionEnableAllFeatures:
			return finalizeAllFeatures(h, o, hs)
		}
		now := h.now().UTC()
		if err := closeHandshake(h, hs, "ACCEPTED"); err != nil {
			return err
		}
		if _, err := tx.OrganizationOf(hs.Account); err == nil {
			return errHandshakeConstraint("ALREADY_IN_AN_ORGANIZATION", "The account is already a member of an organization.")
		} else if !errors.Is(err, store.ErrNoOrganization) {
			return err
		}
		acct, err := tx.EnsureAccount(hs.Account, now)
		if err != nil {
			return err
		}
		name := acct.Alias
		if name == "" {
			name = hs.Account
		}
		return join(tx, o, hs.Account, name, accountEmail(hs.Account), "INVITED", now)
	})
}

func (h *Handler) describeHandshake(ctx context.Context, c *call) (any, error) {
	id, err := handshakeID(c)
	if err != nil {
		return nil, err
	}
	var o *store.Organization
	var hs *store.OrgHandshake
	err = h.db.View(ctx, func(tx *store.Tx) error {
		var err error
		o, hs, err = handshakeOrg(tx, id)
		return err
	})
	if err != nil {
		if e, ok := awserr.As(err); ok && e.Code == "HandshakeNotFoundException" {
			// Authorized on "*" first, as for an id naming no handshake.
			if aerr := h.authorize(ctx, c, "DescribeHandshake", "*", nil); aerr != nil {
				return nil, aerr
			}
		}
		return nil, err
	}
	// The invited account sees its own handshake; the management account,
	// a delegated administrator and a member the delegation policy lets in
	// ("Reference: API operations by account") see the organization's.
	// Anyone else gets HandshakeNotFoundException, as for no handshake.
	if g := grantOf(o, c.caller.Account, "DescribeHandshake"); hs.Account == c.caller.Account || g == "" {
		if err := h.authorize(ctx, c, "DescribeHandshake", hs.ARN, nil); err != nil {
			return nil, err
		}
		if hs.Account != c.caller.Account {
			return nil, errHandshakeNotFound()
		}
	} else if _, err := h.admit(ctx, c, "DescribeHandshake", o, hs.ARN); err != nil {
		return nil, err
	}
	return map[string]any{"Handshake": handshakeShape(o, hs, false, h.now())}, nil
}

// leave removes account from o: its membership, policy attachments and tags.
func leave(tx *store.Tx, o *store.Organization, account string) error {
	delete(o.Accounts, account)
	detachAll(o, account)
	delete(o.Tags, account)
	return tx.Delete(store.Global, store.KindOrgMember, account)
}

func (h *Handler) removeAccountFromOrganization(ctx context.Context, c *call) (any, error) {
	accountID, err := c.decodeID("AccountId", patAccount)
	if err != nil {
		return nil, err
	}
	return nil, h.manage(ctx, c, "RemoveAccountFromOrganization", func(o *store.Organization) string { return parentARN(o, accountID) },
		func(tx *store.Tx, o *store.Organization) error {
			switch {
			case o.Accounts[accountID] == nil:
				return errAccountNotFound()
			case accountID == o.ManagementAccount:
				return errManagementCannotLeave()
			case len(o.DelegatedAdmins[accountID]) > 0:
				return errDelegatedAdminCannotLeave()
			}
			return leave(tx, o, accountID)
		})
}

func (h *Handler) leaveOrganization(ctx context.Context, c *call) (any, error) {
	if err := h.authorize(ctx, c, "LeaveOrganization", "*", nil); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch): a run
	// reads the organization afresh, as a second run must.
	return nil, h.db.Batch(ctx, func(tx *store.Tx) error {
		o, err := orgOf(tx, c.caller.Account)
		if err != nil {
			return err
		}
		if o.ManagementAccount == c.caller.Account {
			return errManagementCannotLeave()
		}
		if len(o.DelegatedAdmins[c.caller.Account]) > 0 {
			return errDelegatedAdminCannotLeave()
		}
		if err := leave(tx, o, c.caller.Account); err != nil {
			return err
		}
		return tx.PutOrganization(o)
	})
}
