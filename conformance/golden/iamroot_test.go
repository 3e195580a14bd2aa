package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// Centralized root access (IAM's organization features and sts:AssumeRoot).
// The AWS CLI's examples hold AWS's answers to the successful calls; no
// recording of their errors was found (coverage_test.go allowGap).

const rootMgmt = "111111111111"

// rootOrg makes an organization managed by rootMgmt with one created
// member account, trusted access for IAM, and the root features enabled;
// it returns the member's id.
func rootOrg(ctx context.Context, t *testing.T, w *World, features ...func(context.Context, *iam.Client) error) string {
	t.Helper()
	org := organizations.NewFromConfig(w.Config(Root(rootMgmt)))
	_, err := org.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll})
	must(t, "CreateOrganization", err)
	ca, err := org.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("member"), Email: aws.String("member@example.com")})
	must(t, "CreateAccount", err)
	st, err := org.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: ca.CreateAccountStatus.Id})
	must(t, "DescribeCreateAccountStatus", err)
	_, err = org.EnableAWSServiceAccess(ctx, &organizations.EnableAWSServiceAccessInput{ServicePrincipal: aws.String("iam.amazonaws.com")})
	must(t, "EnableAWSServiceAccess", err)
	for _, enable := range features {
		must(t, "enable a root feature", enable(ctx, w.IAM(Root(rootMgmt))))
	}
	return aws.ToString(st.CreateAccountStatus.AccountId)
}

func enableRootSessions(ctx context.Context, c *iam.Client) error {
	_, err := c.EnableOrganizationsRootSessions(ctx, &iam.EnableOrganizationsRootSessionsInput{})
	return err
}

func enableRootCredentials(ctx context.Context, c *iam.Client) error {
	_, err := c.EnableOrganizationsRootCredentialsManagement(ctx, &iam.EnableOrganizationsRootCredentialsManagementInput{})
	return err
}

func TestIAMRootAccess(t *testing.T) {
	features := func(names ...string) Want {
		f := map[string]any{"OrganizationId": Match(`^o-[a-z0-9]{10,32}$`), "EnabledFeatures": Len(len(names))}
		for i, n := range names {
			f["EnabledFeatures["+string(rune('0'+i))+"]"] = n
		}
		return Want{Fields: f}
	}
	type featureCall struct {
		op, example string
		both        bool // both features are enabled first
		call        func(context.Context, *iam.Client) (any, error)
		want        []string
	}
	calls := []featureCall{
		{"EnableOrganizationsRootSessions", "iam/enable-organizations-root-sessions.rst", false,
			func(ctx context.Context, c *iam.Client) (any, error) {
				return c.EnableOrganizationsRootSessions(ctx, &iam.EnableOrganizationsRootSessionsInput{})
			}, []string{"RootSessions"}},
		{"EnableOrganizationsRootCredentialsManagement", "iam/enable-organizations-root-credentials-management.rst", false,
			func(ctx context.Context, c *iam.Client) (any, error) {
				return c.EnableOrganizationsRootCredentialsManagement(ctx, &iam.EnableOrganizationsRootCredentialsManagementInput{})
			}, []string{"RootCredentialsManagement"}},
		{"ListOrganizationsFeatures", "iam/list-organizations-features.rst", true,
			func(ctx context.Context, c *iam.Client) (any, error) {
				return c.ListOrganizationsFeatures(ctx, &iam.ListOrganizationsFeaturesInput{})
			}, []string{"RootCredentialsManagement", "RootSessions"}},
		{"DisableOrganizationsRootSessions", "iam/disable-organizations-root-sessions.rst", true,
			func(ctx context.Context, c *iam.Client) (any, error) {
				return c.DisableOrganizationsRootSessions(ctx, &iam.DisableOrganizationsRootSessionsInput{})
			}, []string{"RootCredentialsManagement"}},
		{"DisableOrganizationsRootCredentialsManagement", "iam/disable-organizations-root-credentials-management.rst", true,
			func(ctx context.Context, c *iam.Client) (any, error) {
				return c.DisableOrganizationsRootCredentialsManagement(ctx, &iam.DisableOrganizationsRootCredentialsManagementInput{})
			}, []string{"RootSessions"}},
	}
	var cases []Case
	for _, fc := range calls {
		enabled := []func(context.Context, *iam.Client) error{}
		if fc.both {
			enabled = append(enabled, enableRootSessions, enableRootCredentials)
		}
		cases = append(cases, Case{Name: fc.op, Source: cliExample(fc.example),
			Setup: func(ctx context.Context, t *testing.T, w *World) { rootOrg(ctx, t, w, enabled...) },
			Call:  func(ctx context.Context, w *World) (any, error) { return fc.call(ctx, w.IAM(Root(rootMgmt))) },
			Want:  features(fc.want...)})
	}
	var member string         // set by the AssumeRoot case's set-up
	var admin aws.Credentials // likewise
	Run(t, append(cases, Case{Name: "AssumeRoot",
		Source: cliExample("sts/assume-root.rst"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			member = rootOrg(ctx, t, w, enableRootSessions)
			admin = w.User(ctx, t, rootMgmt, "root-admin", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoot","Resource":"*"}]}`)
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.STS(admin).AssumeRoot(ctx, &sts.AssumeRootInput{DurationSeconds: aws.Int32(900), TargetPrincipal: aws.String(member),
				TaskPolicyArn: &ststypes.PolicyDescriptorType{Arn: aws.String("arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy")}})
		},
		Want: Want{Fields: map[string]any{"Credentials.AccessKeyId": Prefix("ASIA"), "Credentials.SessionToken": Present}},
	}))
}
