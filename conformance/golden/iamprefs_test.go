package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

func TestIAMSecurityTokenServicePreferences(t *testing.T) {
	Run(t, []Case{{
		Name:   "SetSecurityTokenServicePreferences/v2Token",
		Source: cliExample("iam/set-security-token-service-preferences.rst"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.IAM(Root(owner)).SetSecurityTokenServicePreferences(ctx, &iam.SetSecurityTokenServicePreferencesInput{
				GlobalEndpointTokenVersion: iamtypes.GlobalEndpointTokenVersionV2Token})
		},
	}})
}
