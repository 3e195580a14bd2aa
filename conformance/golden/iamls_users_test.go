package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Error cases from LocalStack's split IAM user tests,
// tests/aws/services/iam/test_iam_users.py (recorded from AWS Feb 2026).

func lsUserCall(f func(ctx context.Context, c *iam.Client) (any, error)) iamCall { return f }

// lsAdminSession makes a role session allowed everything: the caller the
// recordings' "non-User credentials" and <caller> stand for.
func lsAdminSession(ctx context.Context, t *testing.T, w *World) aws.Credentials {
	t.Helper()
	caller := w.User(ctx, t, iamAcct, "caller", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`)
	trust := `{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Principal":{"AWS":"` + userARN("caller") + `"},"Effect":"Allow"}]}`
	must(t, "CreateRole", mkRole("admin", "", trust)(ctx, iamc(w)))
	_, err := iamc(w).PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("admin"), PolicyName: aws.String("all"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)})
	must(t, "PutRolePolicy", err)
	creds, err := roleSession(ctx, w, caller, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("admin")), RoleSessionName: aws.String("session")})
	must(t, "AssumeRole", err)
	return creds
}

func TestIAMLSUserErrors(t *testing.T) {
	src := func(test, key, date string) string { return lsIAM("users", test, key, date) }
	const (
		lc     = "TestUserLifecycle::"
		lp     = "TestUserLoginProfile::test_login_profile_errors"
		ak     = "TestUserAccessKeys::test_access_key_errors"
		gone   = "nonexistent-user"
		noUser = "The user with name nonexistent-user cannot be found."
	)
	user := mkUser("u")
	getUser := func(name string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(name)})
		}
	}
	deleteUser := func(name string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(name)})
		}
	}
	loginProfile := func(name, password string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String(name), Password: aws.String(password), PasswordResetRequired: false})
		}
	}
	deleteLogin := func(name string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{UserName: aws.String(name)})
		}
	}
	attachUser := func(arn string) func(context.Context, *iam.Client) error {
		return func(ctx context.Context, c *iam.Client) error {
			_, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("u"), PolicyArn: aws.String(arn)})
			return err
		}
	}
	putUserPolicy := func(ctx context.Context, c *iam.Client) error {
		_, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String("p"), PolicyDocument: aws.String(listBucket)})
		return err
	}
	rename := func(ctx context.Context, c *iam.Client) error {
		_, err := c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String("u"), NewUserName: aws.String("u2")})
		return err
	}
	accessKey := func(ctx context.Context, c *iam.Client) error {
		_, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("u")})
		return err
	}
	// each case below keeps its own session: cases run in parallel
	var lastUsedSession, deleteSession aws.Credentials
	var keyID string
	cases := []Case{
		fails("GetUser/deleted", src(lc+"test_user_lifecycle[None]", "get-deleted-user-error", "2026-02-19"), steps(user, do(deleteUser("u"))), getUser("u"), 404, "NoSuchEntity", "The user with name u cannot be found."),
		fails("GetUser/renamed", src(lc+"test_user_update", "get-old-user-error", "2026-02-19"), steps(user, rename), getUser("u"), 404, "NoSuchEntity", "The user with name u cannot be found."),
		fails("CreateUser/exists", src(lc+"test_user_errors", "create-duplicate-user-error", "2026-02-19"), steps(user), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u")})
		}, 409, "EntityAlreadyExists", "User with name u already exists."),
		fails("GetUser/no such user", src(lc+"test_user_errors", "get-nonexistent-user-error", "2026-02-19"), nil, getUser(gone), 404, "NoSuchEntity", noUser),
		fails("UpdateUser/no such user", src(lc+"test_user_errors", "update-nonexistent-user-error", "2026-02-19"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String(gone), NewUserName: aws.String("new-name")})
		}, 404, "NoSuchEntity", noUser),
		fails("DeleteUser/no such user", src(lc+"test_user_errors", "delete-nonexistent-user-error", "2026-02-19"), nil, deleteUser(gone), 404, "NoSuchEntity", noUser),
		fails("DeleteUser/attached policy", src(lc+"test_delete_user_with_attached_policy", "delete-user-with-attached-policy-error", "2026-02-19"),
			steps(user, mkPolicy("p", listBucket), attachUser(policyARN("p"))), deleteUser("u"), 409, "DeleteConflict", "Cannot delete entity, must detach all policies first."),
		fails("DeleteUser/inline policy", src(lc+"test_delete_user_with_inline_policy", "delete-user-with-inline-policy-error", "2026-02-19"),
			steps(user, putUserPolicy), deleteUser("u"), 409, "DeleteConflict", "Cannot delete entity, must delete policies first."),
		fails("GetLoginProfile/deleted", src("TestUserLoginProfile::test_login_profile_lifecycle", "get-deleted-login-profile-error", "2026-02-11"),
			steps(user, do(loginProfile("u", "TestPassword123!")), do(deleteLogin("u"))), func(ctx context.Context, c *iam.Client) (any, error) {
				return c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("u")})
			}, 404, "NoSuchEntity", "Login Profile for User u cannot be found."),
		fails("CreateLoginProfile/no such user", src(lp, "create-login-profile-unknown-user-error", "2026-02-11"), nil, loginProfile(gone, "TestPassword123!"), 404, "NoSuchEntity", noUser),
		fails("CreateLoginProfile/exists", src(lp, "create-duplicate-login-profile-error", "2026-02-11"), steps(user, do(loginProfile("u", "TestPassword123!"))), loginProfile("u", "AnotherPassword123!"),
			409, "EntityAlreadyExists", "Login Profile for user u already exists."),
		fails("DeleteLoginProfile/none", src(lp, "delete-nonexistent-login-profile-error", "2026-02-11"), steps(user), deleteLogin("u"), 404, "NoSuchEntity", "Login Profile for User u cannot be found."),
		fails("DeleteLoginProfile/no such user", src(lp, "delete-login-profile-unknown-user-error", "2026-02-11"), nil, deleteLogin(gone), 404, "NoSuchEntity", noUser),
		fails("CreateAccessKey/third", src("TestUserAccessKeys::test_access_key_limit", "create-third-access-key-error", "2026-02-11"), steps(user, accessKey, accessKey), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("u")})
		}, 409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2"),
		fails("CreateAccessKey/no such user", src(ak, "create-access-key-unknown-user-error", "2026-02-24"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(gone)})
		}, 404, "NoSuchEntity", noUser),
		fails("UpdateAccessKey/no such key", src(ak, "update-nonexistent-access-key-error", "2026-02-24"), steps(user), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: aws.String("u"), AccessKeyId: aws.String("AKIAIOSFODNN7EXAMPLE"), Status: types.StatusTypeInactive})
		}, 404, "NoSuchEntity", "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found."),
		{
			Name:   "GetAccessKeyLastUsed/no such key",
			Source: src(ak, "get-last-used-nonexistent-key-error", "2026-02-24") + "; <caller> is the test's caller, here an admin role session",
			Setup:  func(ctx context.Context, t *testing.T, w *World) { lastUsedSession = lsAdminSession(ctx, t, w) },
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.IAM(lastUsedSession).GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: aws.String("AKIAIOSFODNN7EXAMPLE")})
			},
			Want: Want{Status: 403, Code: "AccessDenied", Message: "User: arn:aws:sts::" + iamAcct + ":assumed-role/admin/session is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key AKIAIOSFODNN7EXAMPLE"},
		},
		{
			Name:   "DeleteAccessKey/without UserName as a role session",
			Source: src(ak, "delete-access-key-without-username-error", "2026-02-24"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				must(t, "CreateUser", user(ctx, iamc(w)))
				out, err := iamc(w).CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("u")})
				must(t, "CreateAccessKey", err)
				keyID = aws.ToString(out.AccessKey.AccessKeyId)
				deleteSession = lsAdminSession(ctx, t, w)
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.IAM(deleteSession).DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{AccessKeyId: aws.String(keyID)})
			},
			Want: Want{Status: 400, Code: "ValidationError", Message: "Must specify userName when calling with non-User credentials"},
		},
		fails("AttachUserPolicy/no such policy", src("TestUserPolicies::test_user_managed_policy_errors", "attach-nonexistent-policy-error", "2026-02-11"), steps(user), lsUserCall(func(ctx context.Context, c *iam.Client) (any, error) {
			return c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("u"), PolicyArn: aws.String(policyARN("nonexistent"))})
		}), 404, "NoSuchEntity", "Policy "+policyARN("nonexistent")+" does not exist or is not attachable."),
		fails("DetachUserPolicy/not attached", src("TestUserPolicies::test_user_managed_policy_errors", "detach-unattached-policy-error", "2026-02-11"), steps(user, mkPolicy("p", listBucket)), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: aws.String("u"), PolicyArn: aws.String(policyARN("p"))})
		}, 404, "NoSuchEntity", "Policy "+policyARN("p")+" was not found."),
		fails("TagUser/no such user", src("TestUserTags::test_user_tag_errors", "tag-nonexistent-user-error", "2026-02-11"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.TagUser(ctx, &iam.TagUserInput{UserName: aws.String(gone), Tags: iamTags("key", "value")})
		}, 404, "NoSuchEntity", noUser),
		fails("UntagUser/no such user", src("TestUserTags::test_user_tag_errors", "untag-nonexistent-user-error", "2026-02-11"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.UntagUser(ctx, &iam.UntagUserInput{UserName: aws.String(gone), TagKeys: []string{"key"}})
		}, 404, "NoSuchEntity", noUser),
		fails("ListUserTags/no such user", src("TestUserTags::test_user_tag_errors", "list-tags-nonexistent-user-error", "2026-02-11"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: aws.String(gone)})
		}, 404, "NoSuchEntity", noUser),
		fails("AddUserToGroup/no such user", src("TestUserGroups::test_user_group_errors", "add-nonexistent-user-to-group-error", "2026-02-11"), steps(user, mkGroup("g")), lsGroupMember("add", "g", gone), 404, "NoSuchEntity", noUser),
		fails("AddUserToGroup/no such group", src("TestUserGroups::test_user_group_errors", "add-user-to-nonexistent-group-error", "2026-02-11"), steps(user, mkGroup("g")), lsGroupMember("add", "nonexistent-group", "u"), 404, "NoSuchEntity", "The group with name nonexistent-group cannot be found."),
		fails("RemoveUserFromGroup/no such group", src("TestUserGroups::test_user_group_errors", "remove-user-from-nonexistent-group-error", "2026-02-11"), steps(user, mkGroup("g")), lsGroupMember("remove", "nonexistent-group", "u"), 404, "NoSuchEntity", "The group with name nonexistent-group cannot be found."),
	}
	Run(t, cases)
}

func lsGroupMember(op, group, user string) iamCall {
	return func(ctx context.Context, c *iam.Client) (any, error) {
		if op == "add" {
			return c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String(group), UserName: aws.String(user)})
		}
		return c.RemoveUserFromGroup(ctx, &iam.RemoveUserFromGroupInput{GroupName: aws.String(group), UserName: aws.String(user)})
	}
}
