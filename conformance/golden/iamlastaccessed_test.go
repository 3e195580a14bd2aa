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
	}})
}
