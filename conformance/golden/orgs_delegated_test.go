package golden

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
)

// Delegated administrators (Organizations RegisterDelegatedAdministrator)
// and the migration to all features (EnableAllFeatures).
// AWS's answers to the refusals below are quoted in public issues; no
// recording of a success's (empty) answer or of the other refusals was
// found (their codes and reasons are checked in emulator/organizations).

// registerAdmin registers account as a delegated administrator for
// iam.amazonaws.com (rootOrg enabled trusted access for it).
func registerAdmin(ctx context.Context, w *World, account string) (any, error) {
	return organizations.NewFromConfig(w.Config(Root(rootMgmt))).RegisterDelegatedAdministrator(ctx,
		&organizations.RegisterDelegatedAdministratorInput{AccountId: aws.String(account), ServicePrincipal: aws.String("iam.amazonaws.com")})
}

// registeredTwice is the case of registering a member a second time; its
// member id is its own.
func registeredTwice() Case {
	var member string
	return Case{Name: "RegisterDelegatedAdministrator twice",
		Source: issue("pepperize/cdk-organizations#716 (2022)",
			"\"Message returned: The provided account is already a delegated administrator for your organization.\" on registering an account registered before"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			member = rootOrg(ctx, t, w)
			_, err := registerAdmin(ctx, w, member)
			must(t, "RegisterDelegatedAdministrator", err)
		},
		Call: func(ctx context.Context, w *World) (any, error) { return registerAdmin(ctx, w, member) },
		Want: Want{Status: http.StatusBadRequest, Code: "AccountAlreadyRegisteredException",
			Message: "The provided account is already a delegated administrator for your organization."},
	}
}

func TestOrgsDelegatedAdministrators(t *testing.T) {
	Run(t, []Case{
		{Name: "RegisterDelegatedAdministrator of the management account",
			Source: issue("aws-samples/iam-identity-center-team#355 (2025)",
				"\"An error occurred (ConstraintViolationException) when calling the RegisterDelegatedAdministrator operation: You cannot register management account/yourself as delegated administrator for your organization.\""),
			Setup: func(ctx context.Context, t *testing.T, w *World) { rootOrg(ctx, t, w) },
			Call:  func(ctx context.Context, w *World) (any, error) { return registerAdmin(ctx, w, rootMgmt) },
			Want: Want{Status: http.StatusBadRequest, Code: "ConstraintViolationException",
				Message: "You cannot register management account/yourself as delegated administrator for your organization."},
		},
		registeredTwice(),
	})
}

// TestOrgsEnableAllFeatures replays the User Guide's recorded output of
// `aws organizations enable-all-features` on a consolidated billing
// organization.
func TestOrgsEnableAllFeatures(t *testing.T) {
	Run(t, []Case{{Name: "EnableAllFeatures",
		Source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_org_support-all-features.html " +
			"(AWS CLI output of enable-all-features recorded in the User Guide)",
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			_, err := organizations.NewFromConfig(w.Config(Root(rootMgmt))).CreateOrganization(ctx,
				&organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetConsolidatedBilling})
			must(t, "CreateOrganization", err)
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return organizations.NewFromConfig(w.Config(Root(rootMgmt))).EnableAllFeatures(ctx, &organizations.EnableAllFeaturesInput{})
		},
		Want: Want{Fields: map[string]any{
			"Handshake.Id":                  Match(`^h-[0-9a-z]{8,32}$`),
			"Handshake.Arn":                 Match(`^arn:aws:organizations::` + rootMgmt + `:handshake/o-[a-z0-9]{10,32}/enable_all_features/h-[0-9a-z]{8,32}$`),
			"Handshake.Action":              "ENABLE_ALL_FEATURES",
			"Handshake.State":               "REQUESTED",
			"Handshake.Parties":             Len(1),
			"Handshake.Parties[0].Type":     "ORGANIZATION",
			"Handshake.Parties[0].Id":       Match(`^[a-z0-9]{10,32}$`),
			"Handshake.Resources":           Len(1),
			"Handshake.Resources[0].Type":   "ORGANIZATION",
			"Handshake.Resources[0].Value":  Match(`^o-[a-z0-9]{10,32}$`),
			"Handshake.RequestedTimestamp":  Present,
			"Handshake.ExpirationTimestamp": Present,
		}},
	}})
}
