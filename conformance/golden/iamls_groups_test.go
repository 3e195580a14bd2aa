package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// Error cases from LocalStack's split IAM group tests,
// tests/aws/services/iam/test_iam_groups.py (recorded from AWS Feb–Mar 2026).

func TestIAMLSGroupErrors(t *testing.T) {
	src := func(test, key, date string) string { return lsIAM("groups", test, key, date) }
	const crud, member = "TestIAMGroupsCRUD::", "TestIAMGroupsMembership::"
	group := mkGroup("g")
	getGroup := func(name string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.GetGroup(ctx, &iam.GetGroupInput{GroupName: aws.String(name)})
		}
	}
	updateGroup := func(name, newName string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.UpdateGroup(ctx, &iam.UpdateGroupInput{GroupName: aws.String(name), NewGroupName: aws.String(newName)})
		}
	}
	renameUser := func(ctx context.Context, c *iam.Client) error {
		_, err := c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String("u"), NewUserName: aws.String("u2")})
		return err
	}
	Run(t, []Case{
		fails("CreateGroup/exists", src(crud+"test_create_group", "create-group-duplicate", "2026-02-12"), steps(group), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("g")})
		}, 409, "EntityAlreadyExists", "Group with name g already exists."),
		fails("GetGroup/no such group", src(crud+"test_get_group", "get-group-not-found", "2026-02-12"), nil, getGroup("non-existent-group"), 404, "NoSuchEntity", "The group with name non-existent-group cannot be found."),
		fails("DeleteGroup/no such group", src(crud+"test_delete_unknown_group", "delete-unknown-group", "2026-02-12"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: aws.String("unknown-group")})
		}, 404, "NoSuchEntity", "The group with name unknown-group cannot be found."),
		fails("GetGroup/renamed", src(crud+"test_update_group_name", "old-group-not-found", "2026-02-12"), steps(group, do(updateGroup("g", "g2"))), getGroup("g"), 404, "NoSuchEntity", "The group with name g cannot be found."),
		fails("UpdateGroup/no such group", src(crud+"test_update_group_not_found", "update-nonexistent-group", "2026-02-12"), nil, updateGroup("nonexisting", "x"), 404, "NoSuchEntity", "The group with name nonexisting cannot be found."),
		fails("UpdateGroup/new name taken", src(crud+"test_update_group_duplicate_name", "update-duplicate-name", "2026-02-20"), steps(group, mkGroup("g2")), updateGroup("g", "g2"), 409, "EntityAlreadyExists", "Group with name g2 already exists."),
		fails("AddUserToGroup/no such user", src(member+"test_add_unknown_user_to_group", "add-unknown-user", "2026-02-12"), steps(group), lsGroupMember("add", "g", "non-existent-user"), 404, "NoSuchEntity", "The user with name non-existent-user cannot be found."),
		fails("AddUserToGroup/no such group", src(member+"test_add_user_to_unknown_group", "add-user-unknown-group", "2026-02-12"), steps(mkUser("u")), lsGroupMember("add", "non-existent-group", "u"), 404, "NoSuchEntity", "The group with name non-existent-group cannot be found."),
		// Neither exists: the user is named.
		fails("RemoveUserFromGroup/no such group or user", src(member+"test_remove_user_from_unknown_group", "remove-from-unknown-group", "2026-02-12"), nil, lsGroupMember("remove", "non-existent-group", "any-user"), 404, "NoSuchEntity", "The user with name any-user cannot be found."),
		fails("ListGroupsForUser/renamed", src(member+"test_user_rename_preserves_group_membership", "old-user-not-found", "2026-03-04"), steps(group, mkUser("u"), do(lsGroupMember("add", "g", "u")), renameUser), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: aws.String("u")})
		}, 404, "NoSuchEntity", "The user with name u cannot be found."),
		fails("GetGroupPolicy/no such policy", src("TestIAMGroupsPolicies::test_get_group_policy", "get-nonexistent-policy", "2026-02-12"), steps(group), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.GetGroupPolicy(ctx, &iam.GetGroupPolicyInput{GroupName: aws.String("g"), PolicyName: aws.String("p")})
		}, 404, "NoSuchEntity", "The group policy with name p cannot be found."),
		fails("DetachGroupPolicy/not attached", src("TestIAMGroupsPolicies::test_detach_unattached_group_policy", "detach-unattached-error", "2026-02-12"), steps(group, mkPolicy("p", listBucket)), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DetachGroupPolicy(ctx, &iam.DetachGroupPolicyInput{GroupName: aws.String("g"), PolicyArn: aws.String(policyARN("p"))})
		}, 404, "NoSuchEntity", "Policy "+policyARN("p")+" was not found."),
	})
}
