package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// Error cases from LocalStack's split IAM instance profile tests,
// tests/aws/services/iam/test_iam_instance_profiles.py (recorded from AWS
// 12 Feb 2026).

func TestIAMLSInstanceProfileErrors(t *testing.T) {
	src := func(test, key string) string { return lsIAM("instance_profiles", test, key, "2026-02-12") }
	const (
		ops    = "TestInstanceProfileRoles::test_role_instance_profile_operations_errors"
		errs   = "TestInstanceProfileLifecycle::test_instance_profile_errors"
		tagErr = "TestInstanceProfileTags::test_instance_profile_tag_errors"
		gone   = "nonexistent-profile"
		noIP   = "Instance Profile nonexistent-profile cannot be found."
		noRole = "The role with name nonexistent-role cannot be found."
	)
	profile, role := lsInstanceProfile("ip"), mkRole("r", "", lsTrust)
	getIP := func(name string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(name)})
		}
	}
	deleteIP := func(name string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: aws.String(name)})
		}
	}
	addRole := func(ip, r string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String(ip), RoleName: aws.String(r)})
		}
	}
	removeRole := func(ip, r string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: aws.String(ip), RoleName: aws.String(r)})
		}
	}
	Run(t, []Case{
		fails("GetInstanceProfile/deleted", src("TestInstanceProfileLifecycle::test_instance_profile_lifecycle", "get-deleted-error"), steps(profile, do(deleteIP("ip"))), getIP("ip"), 404, "NoSuchEntity", "Instance Profile ip cannot be found."),
		fails("GetInstanceProfile/no such profile", src(errs, "get-nonexistent-error"), nil, getIP(gone), 404, "NoSuchEntity", noIP),
		fails("CreateInstanceProfile/exists", src(errs, "create-duplicate-error"), steps(profile), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String("ip")})
		}, 409, "EntityAlreadyExists", "Instance Profile ip already exists."),
		fails("DeleteInstanceProfile/no such profile", src(errs, "delete-nonexistent-error"), nil, deleteIP(gone), 404, "NoSuchEntity", noIP),
		fails("AddRoleToInstanceProfile/second role", src("TestInstanceProfileRoles::test_add_second_role_to_instance_profile_error", "add-second-role-error"),
			steps(profile, role, mkRole("r2", "", lsTrust), lsAddRole("ip", "r")), addRole("ip", "r2"), 409, "LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"),
		fails("DeleteInstanceProfile/with a role", src("TestInstanceProfileRoles::test_delete_instance_profile_with_role_error", "delete-with-role-error"),
			steps(profile, role, lsAddRole("ip", "r")), deleteIP("ip"), 409, "DeleteConflict", "Cannot delete entity, must remove roles from instance profile first."),
		fails("AddRoleToInstanceProfile/no such profile", src(ops, "add-role-nonexistent-profile-error"), steps(profile, role), addRole(gone, "r"), 404, "NoSuchEntity", noIP),
		fails("AddRoleToInstanceProfile/no such role", src(ops, "add-nonexistent-role-error"), steps(profile, role), addRole("ip", "nonexistent-role"), 404, "NoSuchEntity", noRole),
		fails("RemoveRoleFromInstanceProfile/no such profile", src(ops, "remove-role-nonexistent-profile-error"), steps(profile, role), removeRole(gone, "r"), 404, "NoSuchEntity", noIP),
		fails("RemoveRoleFromInstanceProfile/no such role", src(ops, "remove-nonexistent-role-error"), steps(profile, role), removeRole("ip", "nonexistent-role"), 404, "NoSuchEntity", noRole),
		fails("RemoveRoleFromInstanceProfile/not in it", src(ops, "remove-unattached-role-error"), steps(profile, role), removeRole("ip", "r"), 404, "NoSuchEntity", "Role r in Instance Profile ip cannot be found."),
		fails("ListInstanceProfilesForRole/no such role", src(ops, "list-profiles-nonexistent-role-error"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("nonexistent-role")})
		}, 404, "NoSuchEntity", noRole),
		fails("TagInstanceProfile/no such profile", src(tagErr, "tag-nonexistent-error"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.TagInstanceProfile(ctx, &iam.TagInstanceProfileInput{InstanceProfileName: aws.String(gone), Tags: iamTags("Key", "Value")})
		}, 404, "NoSuchEntity", noIP),
		fails("UntagInstanceProfile/no such profile", src(tagErr, "untag-nonexistent-error"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.UntagInstanceProfile(ctx, &iam.UntagInstanceProfileInput{InstanceProfileName: aws.String(gone), TagKeys: []string{"Key"}})
		}, 404, "NoSuchEntity", noIP),
		fails("ListInstanceProfileTags/no such profile", src(tagErr, "list-tags-nonexistent-error"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.ListInstanceProfileTags(ctx, &iam.ListInstanceProfileTagsInput{InstanceProfileName: aws.String(gone)})
		}, 404, "NoSuchEntity", noIP),
	})
}
