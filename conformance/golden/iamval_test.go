package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Cases from LocalStack IAM tests that are validated against AWS but
// assert on fields instead of recording a snapshot
// (tests/aws/services/iam/test_iam.py, TestIAMExtensions).

func lsAsserted(test, what string) string {
	return "localstack/localstack tests/aws/services/iam/test_iam.py " + test + " (markers.aws.validated; asserts " + what + ")"
}

func TestIAMValidatedAssertions(t *testing.T) {
	getUserDoc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}`
	boundaryFields := func(prefix string) map[string]any {
		return map[string]any{
			prefix + ".PermissionsBoundary.PermissionsBoundaryType": "Policy",
			prefix + ".PermissionsBoundary.PermissionsBoundaryArn":  policyARN("b"),
		}
	}
	var creds aws.Credentials
	Run(t, []Case{{
		Name:   "CreateUser/with permissions boundary",
		Source: lsAsserted("TestIAMExtensions::test_create_user_with_permission_boundary", `PermissionsBoundary == {"PermissionsBoundaryArn": ARN, "PermissionsBoundaryType": "Policy"}`),
		Setup:  setup(mkPolicy("b", getUserDoc)),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u"), PermissionsBoundary: aws.String(policyARN("b"))})
		},
		Want: Want{Fields: boundaryFields("User")},
	}, {
		Name:   "GetUser/with permissions boundary added afterwards",
		Source: lsAsserted("TestIAMExtensions::test_create_user_add_permission_boundary_afterwards", `PermissionsBoundaryType "Policy" after PutUserPermissionsBoundary`),
		Setup: setup(mkPolicy("b", getUserDoc), mkUser("u"), func(ctx context.Context, c *iam.Client) error {
			_, err := c.PutUserPermissionsBoundary(ctx, &iam.PutUserPermissionsBoundaryInput{UserName: aws.String("u"), PermissionsBoundary: aws.String(policyARN("b"))})
			return err
		}),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).GetUser(ctx, &iam.GetUserInput{UserName: aws.String("u")})
		},
		Want: Want{Fields: boundaryFields("User")},
	}, {
		Name:   "GetRole/with permissions boundary",
		Source: cliExample("iam/get-user.rst") + ` (PermissionsBoundaryType "Policy"; roles carry the same PermissionsBoundary structure)`,
		Setup: setup(mkPolicy("b", getUserDoc), mkRole("r", "", ec2Trust), func(ctx context.Context, c *iam.Client) error {
			_, err := c.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: aws.String("r"), PermissionsBoundary: aws.String(policyARN("b"))})
			return err
		}),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("r")})
		},
		Want: Want{Fields: boundaryFields("Role")},
	}, {
		Name:   "GetUser/without UserName as a role session",
		Source: lsAsserted("TestIAMExtensions::test_get_user_without_username_as_role", `the error matches "Must specify userName when calling with non-User credentials"`),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			caller := w.User(ctx, t, iamAcct, "caller", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`)
			trust := `{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::` + iamAcct + `:user/caller"},"Effect":"Allow"}]}`
			must(t, "CreateRole", mkRole("target", "", trust)(ctx, iamc(w)))
			_, err := iamc(w).PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("target"), PolicyName: aws.String("p"), PolicyDocument: aws.String(getUserDoc)})
			must(t, "PutRolePolicy", err)
			creds, err = roleSession(ctx, w, caller, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("target")), RoleSessionName: aws.String("session")})
			must(t, "AssumeRole", err)
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.IAM(creds).GetUser(ctx, &iam.GetUserInput{})
		},
		Want: Want{Status: 400, Code: "ValidationError", Message: "Must specify userName when calling with non-User credentials"},
	}})
}
