package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
)

// IAM's Organizations access reports. The AWS CLI's examples hold AWS's
// answers to the successful calls; no recording of their errors was
// found: their error cases are the AccessDenied ones of iamops_test.go
// (iamDeniable).

// scpOrg makes an organization managed by rootMgmt with SCPs enabled and
// one created member account, directly under the root; it returns the
// root's entity path and the member's id.
func scpOrg(ctx context.Context, t *testing.T, w *World) (rootPath, member string) {
	t.Helper()
	org := organizations.NewFromConfig(w.Config(Root(rootMgmt)))
	co, err := org.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll})
	must(t, "CreateOrganization", err)
	roots, err := org.ListRoots(ctx, &organizations.ListRootsInput{})
	must(t, "ListRoots", err)
	rootID := aws.ToString(roots.Roots[0].Id)
	_, err = org.EnablePolicyType(ctx, &organizations.EnablePolicyTypeInput{RootId: aws.String(rootID), PolicyType: orgtypes.PolicyTypeServiceControlPolicy})
	must(t, "EnablePolicyType", err)
	ca, err := org.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("member"), Email: aws.String("member@example.com")})
	must(t, "CreateAccount", err)
	st, err := org.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: ca.CreateAccountStatus.Id})
	must(t, "DescribeCreateAccountStatus", err)
	return aws.ToString(co.Organization.Id) + "/" + rootID, aws.ToString(st.CreateAccountStatus.AccountId)
}

func TestIAMOrganizationsAccessReport(t *testing.T) {
	// Cases run in parallel: each keeps what its Setup found in variables
	// of its own.
	var rootPath1, rootPath2, member2, rootPath3, job3 string
	mgmt := func(w *World) *iam.Client { return w.IAM(Root(rootMgmt)) }
	Run(t, []Case{{
		Name:   "GenerateOrganizationsAccessReport/root",
		Source: cliExample("iam/generate-organizations-access-report.rst") + ", Example 1",
		Setup:  func(ctx context.Context, t *testing.T, w *World) { rootPath1, _ = scpOrg(ctx, t, w) },
		Call: func(ctx context.Context, w *World) (any, error) {
			return mgmt(w).GenerateOrganizationsAccessReport(ctx, &iam.GenerateOrganizationsAccessReportInput{EntityPath: aws.String(rootPath1)})
		},
		Want: Want{Fields: map[string]any{"JobId": Len(36)}},
	}, {
		Name:   "GenerateOrganizationsAccessReport/account",
		Source: cliExample("iam/generate-organizations-access-report.rst") + ", Example 2",
		Setup:  func(ctx context.Context, t *testing.T, w *World) { rootPath2, member2 = scpOrg(ctx, t, w) },
		Call: func(ctx context.Context, w *World) (any, error) {
			return mgmt(w).GenerateOrganizationsAccessReport(ctx, &iam.GenerateOrganizationsAccessReportInput{EntityPath: aws.String(rootPath2 + "/" + member2)})
		},
		Want: Want{Fields: map[string]any{"JobId": Len(36)}},
	}, {
		// The example's organization allows every service (FullAWSAccess)
		// and lists Alexa for Business, never attempted, first.
		Name:   "GetOrganizationsAccessReport/root",
		Source: cliExample("iam/get-organizations-access-report.rst"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			rootPath3, _ = scpOrg(ctx, t, w)
			out, err := mgmt(w).GenerateOrganizationsAccessReport(ctx, &iam.GenerateOrganizationsAccessReportInput{EntityPath: aws.String(rootPath3)})
			must(t, "GenerateOrganizationsAccessReport", err)
			job3 = aws.ToString(out.JobId)
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			// A short page: the case checks the first service only.
			return mgmt(w).GetOrganizationsAccessReport(ctx, &iam.GetOrganizationsAccessReportInput{JobId: aws.String(job3), MaxItems: aws.Int32(10)})
		},
		Want: Want{Fields: map[string]any{
			"JobStatus":                                   "COMPLETED",
			"JobCreationDate":                             Present,
			"JobCompletionDate":                           Present,
			"NumberOfServicesAccessible":                  Present,
			"NumberOfServicesNotAccessed":                 Present,
			"AccessDetails[0].ServiceName":                "Alexa for Business",
			"AccessDetails[0].ServiceNamespace":           "a4b",
			"AccessDetails[0].TotalAuthenticatedEntities": int32(0),
			"AccessDetails[0].LastAuthenticatedTime":      Absent,
			"AccessDetails[0].EntityPath":                 Absent,
			"AccessDetails[0].Region":                     Absent,
		}},
	}})
}
