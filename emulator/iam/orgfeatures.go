package iam

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Centralized root access for member accounts
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html):
// the management account turns on RootCredentialsManagement and
// RootSessions for its organization, once trusted access for IAM is
// enabled in Organizations (EnableAWSServiceAccess iam.amazonaws.com).
// RootSessions lets it call sts:AssumeRoot on member accounts. fakeaws has
// no delegated administrators, so only the management account may.

// iamServicePrincipal is IAM's service principal for trusted access.
const iamServicePrincipal = "iam.amazonaws.com"

// The errors of the five actions, from the IAM API model (botocore's
// service-2.json: no error code trait, so the code is the shape name and
// the status 400). The messages are the shapes' documentation; AWS's own
// wording is not recorded (docs/deviations.md).
func errOrgNotFound() error {
	return awserr.New("OrganizationNotFoundException", http.StatusBadRequest,
		"The request was rejected because no organization is associated with your account.")
}

func errNotAllFeatures() error {
	return awserr.New("OrganizationNotInAllFeaturesModeException", http.StatusBadRequest,
		"The request was rejected because your organization does not have All features enabled.")
}

func errServiceAccessNotEnabled() error {
	return awserr.New("ServiceAccessNotEnabledException", http.StatusBadRequest,
		"The request was rejected because trusted access is not enabled for IAM in Organizations.")
}

func errNotManagementOrDelegate() error {
	return awserr.New("AccountNotManagementOrDelegatedAdministratorException", http.StatusBadRequest,
		"The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.")
}

func errNotManagement() error {
	return awserr.New("CallerIsNotManagementAccountException", http.StatusBadRequest,
		"The request was rejected because the account making the request is not the management account for the organization.")
}

type orgFeaturesResult struct {
	OrganizationID  string          `xml:"OrganizationId"`
	EnabledFeatures members[string] `xml:"EnabledFeatures"`
}

func featuresResult(o *store.Organization) *orgFeaturesResult {
	return &orgFeaturesResult{OrganizationID: o.ID, EnabledFeatures: list(slices.Clone(o.RootFeatures))}
}

// featureOrg returns the caller's organization once it may manage
// centralized root access; enabling asks for the management account's own
// error (CallerIsNotManagementAccountException).
func featureOrg(tx *store.Tx, acct string, enabling bool) (*store.Organization, error) {
	o, err := allFeaturesOrg(tx, acct)
	switch {
	case err != nil:
		return nil, err
	case o.ManagementAccount != acct && enabling:
		return nil, errNotManagement()
	case o.ManagementAccount != acct:
		return nil, errNotManagementOrDelegate()
	}
	if _, ok := o.ServiceAccess[iamServicePrincipal]; !ok {
		return nil, errServiceAccessNotEnabled()
	}
	return o, nil
}

// listOrganizationsFeatures serves ListOrganizationsFeatures.
func (h *Handler) listOrganizationsFeatures(ctx context.Context, _ query.Params) (any, error) {
	acct := account(ctx)
	if err := h.authorize(ctx, "ListOrganizationsFeatures", "*"); err != nil {
		return nil, err
	}
	var res *orgFeaturesResult
	err := h.db.View(ctx, func(tx *store.Tx) error {
		o, err := featureOrg(tx, acct, false)
		if err == nil {
			res = featuresResult(o)
		}
		return err
	})
	return res, wrap("list organizations features", err)
}

// setRootFeature returns the handler of the Enable or Disable action of
// feature.
func (h *Handler) setRootFeature(action, feature string, enable bool) query.Handler {
	return func(ctx context.Context, _ query.Params) (any, error) {
		acct := account(ctx)
		if err := h.authorize(ctx, action, "*"); err != nil {
			return nil, err
		}
		var res *orgFeaturesResult
		// Shares a commit with concurrent writes (store.DB.Batch); a run
		// reads the organization afresh and sets res, as a second run must.
		err := h.db.Batch(ctx, func(tx *store.Tx) error {
			o, err := featureOrg(tx, acct, enable)
			if err != nil {
				return err
			}
			had := o.RootFeatureEnabled(feature)
			switch {
			case enable && !had:
				o.RootFeatures = append(o.RootFeatures, feature)
				slices.Sort(o.RootFeatures)
			case !enable && had:
				o.RootFeatures = slices.DeleteFunc(o.RootFeatures, func(f string) bool { return f == feature })
			}
			res = featuresResult(o)
			if enable == had {
				return nil
			}
			return tx.PutOrganization(o)
		})
		return res, wrap(action, err)
	}
}

// orgFeatureRoutes routes centralized root access.
func (h *Handler) orgFeatureRoutes() map[string]query.Handler {
	return map[string]query.Handler{
		"ListOrganizationsFeatures": h.listOrganizationsFeatures,
		"EnableOrganizationsRootCredentialsManagement": h.setRootFeature(
			"EnableOrganizationsRootCredentialsManagement", store.RootCredentialsManagement, true),
		"DisableOrganizationsRootCredentialsManagement": h.setRootFeature(
			"DisableOrganizationsRootCredentialsManagement", store.RootCredentialsManagement, false),
		"EnableOrganizationsRootSessions":  h.setRootFeature("EnableOrganizationsRootSessions", store.RootSessions, true),
		"DisableOrganizationsRootSessions": h.setRootFeature("DisableOrganizationsRootSessions", store.RootSessions, false),
	}
}

// allFeaturesOrg returns acct's organization, refusing an account in none
// (OrganizationNotFoundException) or in one without all features
// (OrganizationNotInAllFeaturesModeException): what IAM's organization
// operations ask first.
func allFeaturesOrg(tx *store.Tx, acct string) (*store.Organization, error) {
	o, err := tx.OrganizationOf(acct)
	switch {
	case errors.Is(err, store.ErrNoOrganization):
		return nil, errOrgNotFound()
	case err != nil:
		return nil, err
	case o.FeatureSet != "ALL":
		return nil, errNotAllFeatures()
	}
	return o, nil
}
