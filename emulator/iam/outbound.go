package iam

import (
	"context"
	"net/http"

	"github.com/google/uuid"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Outbound identity federation's account switch
// (API_EnableOutboundWebIdentityFederation.html and its siblings): while
// it is on, the account's principals may call sts:GetWebIdentityToken
// (emulator/sts/outbound.go). The first enable names the account's issuer;
// the name is kept when the feature is turned off and on again, so the
// issuer URL an external service trusts does not change.

type outboundInfoResult struct {
	IssuerIdentifier  string `xml:"IssuerIdentifier"`
	JwtVendingEnabled *bool  `xml:"JwtVendingEnabled,omitempty"`
}

func errFeatureEnabled() error {
	return awserr.New("FeatureEnabled", http.StatusConflict,
		"Outbound identity federation is already enabled for this account.")
}

func errFeatureDisabled() error {
	return awserr.New("FeatureDisabled", http.StatusNotFound,
		"Outbound identity federation is disabled for this account.")
}

// enableOutboundWebIdentityFederation serves
// EnableOutboundWebIdentityFederation: FeatureEnabled when it is on.
func (h *Handler) enableOutboundWebIdentityFederation(ctx context.Context, _ query.Params) (any, error) {
	acct := account(ctx)
	if err := h.authorize(ctx, "EnableOutboundWebIdentityFederation", "*"); err != nil {
		return nil, err
	}
	var a *store.Account
	// Shares a commit with concurrent writes (store.DB.Batch): a run reads
	// the account afresh and names an issuer only if none is kept.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		var err error
		if a, err = tx.EnsureAccount(acct, h.clock()); err != nil {
			return err
		}
		if a.OutboundEnabled {
			return errFeatureEnabled()
		}
		if a.OutboundIssuer == "" {
			a.OutboundIssuer = uuid.NewString()
		}
		a.OutboundEnabled = true
		return tx.Put(acct, store.KindAccount, store.KindAccount, a)
	})
	if err != nil {
		return nil, wrap("enable outbound web identity federation", err)
	}
	return &outboundInfoResult{IssuerIdentifier: a.OutboundIssuerURL(authn.FromContext(ctx).BaseURL())}, nil
}

// disableOutboundWebIdentityFederation serves
// DisableOutboundWebIdentityFederation: FeatureDisabled when it is off.
// Tokens issued before stay valid, and their issuer keeps publishing its
// keys.
func (h *Handler) disableOutboundWebIdentityFederation(ctx context.Context, _ query.Params) (any, error) {
	acct := account(ctx)
	if err := h.authorize(ctx, "DisableOutboundWebIdentityFederation", "*"); err != nil {
		return nil, err
	}
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		a, err := tx.EnsureAccount(acct, h.clock())
		if err != nil {
			return err
		}
		if !a.OutboundEnabled {
			return errFeatureDisabled()
		}
		a.OutboundEnabled = false
		return tx.Put(acct, store.KindAccount, store.KindAccount, a)
	})
	return nil, wrap("disable outbound web identity federation", err)
}

// getOutboundWebIdentityFederationInfo serves
// GetOutboundWebIdentityFederationInfo: the issuer and whether tokens may
// be issued now; FeatureDisabled for an account that never enabled it.
func (h *Handler) getOutboundWebIdentityFederationInfo(ctx context.Context, _ query.Params) (any, error) {
	acct := account(ctx)
	if err := h.authorize(ctx, "GetOutboundWebIdentityFederationInfo", "*"); err != nil {
		return nil, err
	}
	a, err := h.accountRecord(ctx, acct)
	if err != nil {
		return nil, wrap("read outbound web identity federation", err)
	}
	if a.OutboundIssuer == "" {
		return nil, errFeatureDisabled()
	}
	enabled := a.OutboundEnabled
	return &outboundInfoResult{IssuerIdentifier: a.OutboundIssuerURL(authn.FromContext(ctx).BaseURL()),
		JwtVendingEnabled: &enabled}, nil
}
