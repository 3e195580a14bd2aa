package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// IAM's last accessed reports and ListPoliciesGrantingServiceAccess. The
// AWS CLI's examples hold AWS's answers to the successful calls; no
// recording of their errors was found: their error cases are the
// AccessDenied ones of iamops_test.go (iamDeniable).

const codeCommitAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"codecommit:*","Resource":"*"}]}`

func TestIAMLastAccessed(t *testing.T) {
	var userJob, groupJob string // the reports the cases' set-ups generate
	Run(t, []Case{{
		// The example's user sofia holds the inline policy
		// Grant-Sofia-Access-To-CodeCommit; its document is not shown,
		// any that allows CodeCommit fits.
		Name:   "ListPoliciesGrantingServiceAccess/inline user policy",
		Source: cliExample("iam/list-policies-granting-service-access.rst"),
		Setup: setup(func(ctx context.Context, c *iam.Client) error {
			if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("sofia")}); err != nil {
				return err
			}
			_, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("sofia"),
				PolicyName: aws.String("Grant-Sofia-Access-To-CodeCommit"), PolicyDocument: aws.String(codeCommitAll)})
			return err
		}),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).ListPoliciesGrantingServiceAccess(ctx, &iam.ListPoliciesGrantingServiceAccessInput{
				Arn: aws.String("arn:aws:iam::" + iamAcct + ":user/sofia"), ServiceNamespaces: []string{"codecommit"}})
		},
		Want: Want{Fields: map[string]any{
			"PoliciesGrantingServiceAccess":                           Len(1),
			"PoliciesGrantingServiceAccess[0].ServiceNamespace":       "codecommit",
			"PoliciesGrantingServiceAccess[0].Policies":               Len(1),
			"PoliciesGrantingServiceAccess[0].Policies[0].PolicyName": "Grant-Sofia-Access-To-CodeCommit",
			"PoliciesGrantingServiceAccess[0].Policies[0].PolicyType": "INLINE",
			"PoliciesGrantingServiceAccess[0].Policies[0].PolicyArn":  Absent,
			"PoliciesGrantingServiceAccess[0].Policies[0].EntityType": "USER",
			"PoliciesGrantingServiceAccess[0].Policies[0].EntityName": "sofia",
			"IsTruncated": false,
		}},
	}, {
		Name:   "GenerateServiceLastAccessedDetails/customer managed policy",
		Source: cliExample("iam/generate-service-last-accessed-details.rst") + ", Example 1",
		Setup: setup(func(ctx context.Context, c *iam.Client) error {
			_, err := c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("intern-boundary"), PolicyDocument: aws.String(lambdaAll)})
			return err
		}),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).GenerateServiceLastAccessedDetails(ctx, &iam.GenerateServiceLastAccessedDetailsInput{
				Arn: aws.String("arn:aws:iam::" + iamAcct + ":policy/intern-boundary")})
		},
		Want: Want{Fields: map[string]any{"JobId": Len(36)}},
	}, {
		Name:   "GenerateServiceLastAccessedDetails/AWS managed policy",
		Source: cliExample("iam/generate-service-last-accessed-details.rst") + ", Example 2",
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).GenerateServiceLastAccessedDetails(ctx, &iam.GenerateServiceLastAccessedDetailsInput{
				Arn: aws.String("arn:aws:iam::aws:policy/AdministratorAccess")})
		},
		Want: Want{Fields: map[string]any{"JobId": Len(36)}},
	}, {
		// The example's report lists AWS Lambda among others; here the
		// user's one policy allows Lambda only.
		Name:   "GetServiceLastAccessedDetails/completed report",
		Source: cliExample("iam/get-service-last-accessed-details.rst"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			setup(mkUserWith("admin", lambdaAll))(ctx, t, w)
			userJob = generateReport(ctx, t, w, "user/admin")
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).GetServiceLastAccessedDetails(ctx, &iam.GetServiceLastAccessedDetailsInput{JobId: aws.String(userJob)})
		},
		Want: Want{Fields: map[string]any{
			"JobStatus":                                "COMPLETED",
			"JobCreationDate":                          Present,
			"ServicesLastAccessed":                     Len(1),
			"ServicesLastAccessed[0].ServiceName":      "AWS Lambda",
			"ServicesLastAccessed[0].ServiceNamespace": "lambda",
		}},
	}, {
		// The example lists two users, neither the group nor the
		// policy; here they are a group's members with no attempt yet,
		// listed by name.
		Name:   "GetServiceLastAccessedDetailsWithEntities/group members",
		Source: cliExample("iam/get-service-last-accessed-details-with-entities.rst"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			setup(mkUserWith("admin", ""), mkUserWith("developer", ""), func(ctx context.Context, c *iam.Client) error {
				if _, err := c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("lambda-users")}); err != nil {
					return err
				}
				for _, u := range []string{"admin", "developer"} {
					if _, err := c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("lambda-users"), UserName: aws.String(u)}); err != nil {
						return err
					}
				}
				_, err := c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String("lambda-users"), PolicyName: aws.String("lambda"),
					PolicyDocument: aws.String(lambdaAll)})
				return err
			})(ctx, t, w)
			groupJob = generateReport(ctx, t, w, "group/lambda-users")
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).GetServiceLastAccessedDetailsWithEntities(ctx, &iam.GetServiceLastAccessedDetailsWithEntitiesInput{
				JobId: aws.String(groupJob), ServiceNamespace: aws.String("lambda")})
		},
		Want: Want{Fields: map[string]any{
			"JobStatus":                            "COMPLETED",
			"JobCompletionDate":                    Present,
			"EntityDetailsList":                    Len(2),
			"EntityDetailsList[0].EntityInfo.Arn":  "arn:aws:iam::" + iamAcct + ":user/admin",
			"EntityDetailsList[0].EntityInfo.Name": "admin",
			"EntityDetailsList[0].EntityInfo.Type": "USER",
			"EntityDetailsList[0].EntityInfo.Id":   Match(`^AIDA[A-Z0-9]{17}$`),
			"EntityDetailsList[0].EntityInfo.Path": "/",
			"EntityDetailsList[1].EntityInfo.Name": "developer",
		}},
	}})
}

const lambdaAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:*","Resource":"*"}]}`

// mkUserWith makes user name with an inline policy doc (none when "").
func mkUserWith(name, doc string) func(context.Context, *iam.Client) error {
	return func(ctx context.Context, c *iam.Client) error {
		if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)}); err != nil || doc == "" {
			return err
		}
		_, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String("p"), PolicyDocument: aws.String(doc)})
		return err
	}
}

// generateReport generates, as the account's root, the report of the
// entity at path ("user/admin") and returns its job id.
func generateReport(ctx context.Context, t *testing.T, w *World, path string) string {
	t.Helper()
	out, err := iamc(w).GenerateServiceLastAccessedDetails(ctx, &iam.GenerateServiceLastAccessedDetailsInput{
		Arn: aws.String("arn:aws:iam::" + iamAcct + ":" + path)})
	must(t, "GenerateServiceLastAccessedDetails", err)
	return aws.ToString(out.JobId)
}
