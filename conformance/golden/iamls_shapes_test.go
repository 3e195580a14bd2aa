package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Success answers from LocalStack's split IAM tests,
// tests/aws/services/iam/test_iam_<area>.py (recorded from AWS Feb-Mar
// 2026), as conformance/localstack-snap/run.sh compared them: which
// elements an answer carries, which it leaves out (Missing) and which it
// carries empty (EmptyList). Ids and dates are not compared (LocalStack's
// transformers replace them).

func lsCreateRoleWith(in iam.CreateRoleInput) iamCall {
	return func(ctx context.Context, c *iam.Client) (any, error) {
		if in.AssumeRolePolicyDocument == nil {
			in.AssumeRolePolicyDocument = aws.String(lsTrust)
		}
		return c.CreateRole(ctx, &in)
	}
}

func TestIAMLSRoleShapes(t *testing.T) {
	roles := func(test, key string) string { return lsIAM("roles", test, key, "2026-02-11") }
	details := func(test, key string) string {
		return lsIAM("account_authorization_details", "TestGetAccountAuthorizationDetails::"+test, key, "2026-02-17")
	}
	described := lsCreateRoleWith(iam.CreateRoleInput{RoleName: aws.String("r"), Description: aws.String("testing role")})
	Run(t, []Case{
		ok("CreateRole/answer leaves out the Description", roles("TestRolePagination::test_list_roles_pagination", "create-role-0"), nil,
			described, map[string]any{"Role.RoleName": "r", "Role.Description": Missing, "Role.MaxSessionDuration": Missing, "Role.RoleLastUsed": Missing}),
		ok("CreateRole/with boundary, answer leaves out the Description", roles("TestRolePermissionsBoundary::test_role_permissions_boundary_lifecycle", "create-role-with-boundary"),
			steps(mkPolicy("p", listBucket)), lsCreateRoleWith(iam.CreateRoleInput{RoleName: aws.String("r"), Description: aws.String("Role with permissions boundary"),
				PermissionsBoundary: aws.String(policyARN("p"))}),
			map[string]any{"Role.Description": Missing, "Role.PermissionsBoundary.PermissionsBoundaryArn": policyARN("p"), "Role.PermissionsBoundary.PermissionsBoundaryType": "Policy"}),
		ok("GetRole/shows the Description", roles("TestRolePermissionsBoundary::test_role_permissions_boundary_lifecycle", "get-role-with-boundary"),
			steps(do(described)), func(ctx context.Context, c *iam.Client) (any, error) {
				return c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("r")})
			}, map[string]any{"Role.Description": "testing role", "Role.MaxSessionDuration": 3600, "Role.RoleLastUsed": Present}),
		ok("UpdateRoleDescription/answer has no MaxSessionDuration or RoleLastUsed", roles("TestRoleLifecycle::test_update_role", "update-role-description-response"),
			steps(do(described)), func(ctx context.Context, c *iam.Client) (any, error) {
				return c.UpdateRoleDescription(ctx, &iam.UpdateRoleDescriptionInput{RoleName: aws.String("r"), Description: aws.String("description via update_role_description")})
			}, map[string]any{"Role.Description": "description via update_role_description", "Role.MaxSessionDuration": Missing, "Role.RoleLastUsed": Missing}),
		ok("GetAccountAuthorizationDetails/a profile's role has no Description or Tags", details("test_get_account_authorization_details_filter_role", "role-filter-result"),
			steps(do(described), do(lsTagRole("r", iamTags("somekey", "somevalue", "someotherkey", "someothervalue")...)), lsInstanceProfile("ip"), lsAddRole("ip", "r")),
			func(ctx context.Context, c *iam.Client) (any, error) {
				return c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{types.EntityTypeRole}})
			}, map[string]any{
				"RoleDetailList[0].Tags":                                               Len(2),
				"RoleDetailList[0].RoleLastUsed":                                       Present,
				"RoleDetailList[0].InstanceProfileList[0].Roles[0].RoleName":           "r",
				"RoleDetailList[0].InstanceProfileList[0].Roles[0].Description":        Missing,
				"RoleDetailList[0].InstanceProfileList[0].Roles[0].Tags":               Missing,
				"RoleDetailList[0].InstanceProfileList[0].Roles[0].MaxSessionDuration": Missing,
			}),
	})
}

func TestIAMLSAuthorizationDetailsShapes(t *testing.T) {
	details := func(test, key string) string {
		return lsIAM("account_authorization_details", "TestGetAccountAuthorizationDetails::"+test, key, "2026-02-17")
	}
	get := func(ctx context.Context, c *iam.Client) (any, error) {
		return c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{})
	}
	one := steps(mkUser("u"), mkGroup("g"), mkRole("r", "", lsTrust))
	Run(t, []Case{
		ok("GetAccountAuthorizationDetails/empty lists", details("test_get_account_authorization_details_no_filter", "no-filter-result"), one, get, map[string]any{
			"UserDetailList[0].Tags":                     EmptyList,
			"UserDetailList[0].UserPolicyList":           Missing,
			"UserDetailList[0].GroupList":                EmptyList,
			"UserDetailList[0].AttachedManagedPolicies":  EmptyList,
			"GroupDetailList[0].GroupPolicyList":         EmptyList,
			"GroupDetailList[0].AttachedManagedPolicies": EmptyList,
			"RoleDetailList[0].Tags":                     EmptyList,
			"RoleDetailList[0].RolePolicyList":           EmptyList,
			"RoleDetailList[0].InstanceProfileList":      EmptyList,
			"RoleDetailList[0].AttachedManagedPolicies":  EmptyList,
			"RoleDetailList[0].RoleLastUsed":             Present,
		}),
		ok("GetAccountAuthorizationDetails/inline policies", details("test_get_account_authorization_details_with_inline_policies", "inline-policies-result"),
			steps(mkUserWith("u", listBucket), mkRole("r", "", lsTrust)), get, map[string]any{
				"UserDetailList[0].Tags":                         EmptyList,
				"UserDetailList[0].UserPolicyList":               Len(1),
				"UserDetailList[0].UserPolicyList[0].PolicyName": Present,
				"RoleDetailList[0].Tags":                         EmptyList,
			}),
		ok("GetAccountAuthorizationDetails/tags", details("test_get_account_authorization_details_with_tags", "tags-result"),
			steps(mkUser("u"), do(func(ctx context.Context, c *iam.Client) (any, error) {
				return c.TagUser(ctx, &iam.TagUserInput{UserName: aws.String("u"), Tags: iamTags("environment", "test", "team", "platform")})
			})), get, map[string]any{
				"UserDetailList[0].Tags":           Len(2),
				"UserDetailList[0].Tags[1].Key":    "team",
				"UserDetailList[0].UserPolicyList": Missing,
			}),
	})
}

func TestIAMLSAccountShapes(t *testing.T) {
	Run(t, []Case{
		ok("UpdateAccountPasswordPolicy/defaults", lsIAM("account_password_policy", "TestAccountPasswordPolicy::test_update_account_password_policy_defaults", "password-policy-defaults", "2026-02-13"),
			steps(do(func(ctx context.Context, c *iam.Client) (any, error) {
				return c.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{})
			})), func(ctx context.Context, c *iam.Client) (any, error) {
				return c.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
			}, map[string]any{
				"PasswordPolicy.MinimumPasswordLength":      6,
				"PasswordPolicy.AllowUsersToChangePassword": false,
				"PasswordPolicy.ExpirePasswords":            false,
				"PasswordPolicy.RequireSymbols":             false,
				"PasswordPolicy.MaxPasswordAge":             Missing,
				"PasswordPolicy.PasswordReusePrevention":    Missing,
				"PasswordPolicy.HardExpiry":                 Missing,
			}),
	})
}
