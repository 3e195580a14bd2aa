package golden

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Error cases from LocalStack's split IAM role tests,
// tests/aws/services/iam/test_iam_roles.py (recorded from AWS Feb 2026).

// lsIAM cites a snapshot of tests/aws/services/iam/test_iam_<area>.py.
func lsIAM(area, test, key, validated string) string {
	return localstack("iam/test_iam_"+area+".snapshot.json", test, key, validated)
}

const lsTrust = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`

// lsTagRange is n tags "0".."n-1" with equal values, as the tests build them.
func lsTagRange(n int) []types.Tag {
	var out []types.Tag
	for i := 0; i < n; i++ {
		out = append(out, types.Tag{Key: aws.String(strconv.Itoa(i)), Value: aws.String(strconv.Itoa(i))})
	}
	return out
}

func lsKeyRange(n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, strconv.Itoa(i))
	}
	return out
}

const (
	lsTagPattern   = `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`
	lsDuplicateTag = "Duplicate tag keys found. Please note that Tag keys are case insensitive."
	lsTagKeysShape = "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: " + lsTagPattern + ", Member must not be null]"
)

func lsCreateRole(name string, tags ...types.Tag) iamCall {
	return func(ctx context.Context, c *iam.Client) (any, error) {
		return c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(lsTrust), Tags: tags})
	}
}

func lsTagRole(name string, tags ...types.Tag) iamCall {
	return func(ctx context.Context, c *iam.Client) (any, error) {
		return c.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String(name), Tags: tags})
	}
}

func lsUntagRole(name string, keys ...string) iamCall {
	return func(ctx context.Context, c *iam.Client) (any, error) {
		return c.UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String(name), TagKeys: keys})
	}
}

func lsRoleCall(f func(ctx context.Context, c *iam.Client, role string) (any, error), role string) iamCall {
	return func(ctx context.Context, c *iam.Client) (any, error) { return f(ctx, c, role) }
}

func lsPutRolePolicy(role, name string) func(context.Context, *iam.Client) error {
	return func(ctx context.Context, c *iam.Client) error {
		_, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name), PolicyDocument: aws.String(listBucket)})
		return err
	}
}

func lsAttachRole(role, arn string) func(context.Context, *iam.Client) error {
	return func(ctx context.Context, c *iam.Client) error {
		_, err := c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(role), PolicyArn: aws.String(arn)})
		return err
	}
}

func TestIAMLSRoleErrors(t *testing.T) {
	src := func(test, key, date string) string { return lsIAM("roles", test, key, date) }
	const (
		errs   = "TestRoleLifecycle::test_role_errors"
		tagErr = "TestRoleTags::test_role_tag_errors"
		pbErr  = "TestRolePermissionsBoundary::test_role_permissions_boundary_errors"
		inErr  = "TestRoleInlinePolicies::test_role_inline_policy_errors"
		mpErr  = "TestRoleManagedPolicies::test_role_managed_policy_errors"
		awsMP  = "TestRoleManagedPolicies::test_attach_detach_aws_managed_policy_role"
		gone   = "test-nonexistent-role"
		noRole = "The role with name test-nonexistent-role cannot be found."
	)
	role := mkRole("r", "", lsTrust)
	getRole := func(ctx context.Context, c *iam.Client, r string) (any, error) {
		return c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(r)})
	}
	deleteRole := func(ctx context.Context, c *iam.Client, r string) (any, error) {
		return c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(r)})
	}
	updateAssume := func(doc string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("r"), PolicyDocument: aws.String(doc)})
		}
	}
	rolePolicy := func(op, r string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			switch op {
			case "get":
				return c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(r), PolicyName: aws.String("non-existent-policy")})
			case "delete":
				return c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(r), PolicyName: aws.String("non-existent-policy")})
			}
			return c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(r), PolicyName: aws.String("non-existent-policy"), PolicyDocument: aws.String(listBucket)})
		}
	}
	attach := func(arn string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("r"), PolicyArn: aws.String(arn)})
		}
	}
	detach := func(arn string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String("r"), PolicyArn: aws.String(arn)})
		}
	}
	putBoundary := func(r, arn string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: aws.String(r), PermissionsBoundary: aws.String(arn)})
		}
	}
	createWithBoundary := func(arn string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("r2"), AssumeRolePolicyDocument: aws.String(lsTrust), PermissionsBoundary: aws.String(arn)})
		}
	}
	badBoundary := "arn:aws:iam::" + iamAcct + ":not_a_policy/invalid"
	emr := "arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole"
	long := func(c string, n int) string { return strings.Repeat(c, n) }
	tooMany := "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"
	keyTooLong := "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128"
	valueTooLong := "1 validation error detected: Value at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256"
	badChar := "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: " + lsTagPattern
	Run(t, []Case{
		fails("GetRole/no such role", src(errs, "get-role-error", "2026-02-11"), nil, lsRoleCall(getRole, gone), 404, "NoSuchEntity", noRole),
		fails("UpdateRole/no such role", src(errs, "update-role-error", "2026-02-11"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: aws.String(gone), Description: aws.String("d")})
		}, 404, "NoSuchEntity", noRole),
		fails("DeleteRole/no such role", src(errs, "delete-role-error", "2026-02-11"), nil, lsRoleCall(deleteRole, gone), 404, "NoSuchEntity", noRole),
		fails("CreateRole/exists", src(errs, "create-role-already-exists-error", "2026-02-11"), steps(role), lsCreateRole("r"), 409, "EntityAlreadyExists", "Role with name r already exists."),
		fails("DeleteRole/attached policy", src("TestRoleLifecycle::test_delete_role_with_attached_policy", "delete-role-with-policy-error", "2026-02-11"),
			steps(role, mkPolicy("p", listBucket), lsAttachRole("r", policyARN("p"))), lsRoleCall(deleteRole, "r"), 409, "DeleteConflict", "Cannot delete entity, must detach all policies first."),
		fails("DeleteRole/inline policy", src("TestRoleLifecycle::test_delete_role_with_inline_policy", "delete-role-with-inline-policy-error", "2026-02-11"),
			steps(role, lsPutRolePolicy("r", "p")), lsRoleCall(deleteRole, "r"), 409, "DeleteConflict", "Cannot delete entity, must delete policies first."),
		fails("DeleteRole/in an instance profile", src("TestRoleLifecycle::test_delete_role_with_instance_profile", "delete-role-with-instance-profile-error", "2026-02-12"),
			steps(role, lsInstanceProfile("ip"), lsAddRole("ip", "r")), lsRoleCall(deleteRole, "r"), 409, "DeleteConflict", "Cannot delete entity, must remove roles from instance profile first."),
		fails("UpdateAssumeRolePolicy/invalid JSON", src("TestRoleLifecycle::test_update_assume_role_policy_errors", "invalid-json-error", "2026-02-11"),
			steps(role), updateAssume("not valid json"), 400, "MalformedPolicyDocument", "This policy contains invalid Json"),
		fails("UpdateAssumeRolePolicy/not an AssumeRole action", src("TestRoleLifecycle::test_update_assume_role_policy_errors", "invalid-action-error", "2026-02-11"),
			steps(role), updateAssume(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:InvalidAction"}]}`),
			400, "MalformedPolicyDocument", "AssumeRole policy may only specify STS AssumeRole actions."),
		fails("UpdateAssumeRolePolicy/Resource", src("TestRoleLifecycle::test_update_assume_role_policy_errors", "resource-field-error", "2026-02-11"),
			steps(role), updateAssume(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "arn:aws:s3:::example_bucket"}]}`),
			400, "MalformedPolicyDocument", "Has prohibited field Resource"),
		fails("GetRolePolicy/deleted", src("TestRoleInlinePolicies::test_role_inline_policy_lifecycle", "get-deleted-policy-error", "2026-02-11"),
			steps(role, lsPutRolePolicy("r", "non-existent-policy"), do(rolePolicy("delete", "r"))), rolePolicy("get", "r"), 404, "NoSuchEntity", "The role policy with name non-existent-policy cannot be found."),
		fails("GetRolePolicy/no such policy", src(inErr, "get-nonexistent-policy-error", "2026-02-11"), steps(role), rolePolicy("get", "r"), 404, "NoSuchEntity", "The role policy with name non-existent-policy cannot be found."),
		fails("DeleteRolePolicy/no such policy", src(inErr, "delete-nonexistent-policy-error", "2026-02-11"), steps(role), rolePolicy("delete", "r"), 404, "NoSuchEntity", "The role policy with name non-existent-policy cannot be found."),
		fails("PutRolePolicy/no such role", src(inErr, "put-policy-nonexistent-role-error", "2026-02-11"), nil, rolePolicy("put", "nonexistent-role"), 404, "NoSuchEntity", "The role with name nonexistent-role cannot be found."),
		fails("GetRolePolicy/no such role", src(inErr, "get-policy-nonexistent-role-error", "2026-02-11"), nil, rolePolicy("get", "nonexistent-role"), 404, "NoSuchEntity", "The role with name nonexistent-role cannot be found."),
		fails("DeleteRolePolicy/no such role", src(inErr, "delete-policy-nonexistent-role-error", "2026-02-11"), nil, rolePolicy("delete", "nonexistent-role"), 404, "NoSuchEntity", "The role with name nonexistent-role cannot be found."),
		fails("DetachRolePolicy/not attached", src(mpErr, "detach-not-attached-policy-error", "2026-02-19"), steps(role, mkPolicy("p", listBucket)), detach(policyARN("p")), 404, "NoSuchEntity", "Policy "+policyARN("p")+" was not found."),
		fails("AttachRolePolicy/not an ARN", src(mpErr, "non-existent-malformed-policy-arn", "2026-02-19"), steps(role), attach("longpolicynamebutnoarn"), 400, "ValidationError", "ARN longpolicynamebutnoarn is not valid."),
		fails("AttachRolePolicy/a policy's name", src(mpErr, "existing-policy-name-provided", "2026-02-19"), steps(role, mkPolicy("p", listBucket)), attach("p"), 400, "ValidationError", "ARN p is not valid."),
		fails("AttachRolePolicy/no such policy", src(mpErr, "attach-nonexistent-policy-error", "2026-02-19"), steps(role), attach(policyARN("nonexistent-policy")), 404, "NoSuchEntity", "Policy "+policyARN("nonexistent-policy")+" does not exist or is not attachable."),
		fails("DeletePolicy/attached", src(mpErr, "delete-attached-policy-error", "2026-02-19"), steps(role, mkPolicy("p", listBucket), lsAttachRole("r", policyARN("p"))), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: aws.String(policyARN("p"))})
		}, 409, "DeleteConflict", "Cannot delete a policy attached to entities."),
		fails("DetachRolePolicy/AWS managed, detached", src(awsMP, "detach-already-detached-error", "2026-02-19"), steps(role, lsAttachRole("r", emr), do(detach(emr))), detach(emr), 404, "NoSuchEntity", "Policy "+emr+" was not found."),
		fails("DetachRolePolicy/AWS managed, no such policy", src(awsMP, "detach-nonexistent-policy-error", "2026-02-19"), steps(role), detach("arn:aws:iam::aws:policy/Nonexistent"), 404, "NoSuchEntity", "Policy arn:aws:iam::aws:policy/Nonexistent was not found."),
		fails("PutRolePermissionsBoundary/not a policy ARN", src(pbErr, "put-invalid-boundary-error", "2026-02-11"), steps(role), putBoundary("r", badBoundary), 400, "InvalidInput", "ARN "+badBoundary+" is not valid."),
		fails("CreateRole/boundary not a policy ARN", src(pbErr, "create-role-invalid-boundary-error", "2026-02-11"), nil, createWithBoundary(badBoundary), 400, "InvalidInput", "ARN "+badBoundary+" is not valid."),
		fails("PutRolePermissionsBoundary/no such policy", src(pbErr, "put-nonexistent-policy-error", "2026-02-11"), steps(role), putBoundary("r", policyARN("nonexistent-policy")), 404, "NoSuchEntity", "Scope ARN: "+policyARN("nonexistent-policy")+" does not exist or is not attachable."),
		fails("CreateRole/boundary no such policy", src(pbErr, "create-role-nonexistent-policy-error", "2026-02-11"), nil, createWithBoundary(policyARN("nonexistent-policy")), 404, "NoSuchEntity", "Scope ARN: "+policyARN("nonexistent-policy")+" does not exist or is not attachable."),
		fails("PutRolePermissionsBoundary/no such role", src(pbErr, "put-boundary-nonexistent-role-error", "2026-02-11"), steps(mkPolicy("p", listBucket)), putBoundary("nonexistent-role", policyARN("p")), 404, "NoSuchEntity", "The role with name nonexistent-role cannot be found."),
		fails("TagRole/no such role", src(tagErr, "tag-nonexistent-role-error", "2026-02-11"), nil, lsTagRole(gone, iamTags("somekey", "somevalue")...), 404, "NoSuchEntity", noRole),
		fails("UntagRole/no such role", src(tagErr, "untag-nonexistent-role-error", "2026-02-11"), nil, lsUntagRole(gone, "somekey"), 404, "NoSuchEntity", noRole),
		fails("ListRoleTags/no such role", src(tagErr, "list-tags-nonexistent-role-error", "2026-02-11"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String(gone)})
		}, 404, "NoSuchEntity", noRole),
		lsElided("CreateRole/51 tags", src(tagErr, "create-role-too-many-tags", "2026-02-11"), nil, lsCreateRole("r", lsTagRange(51)...), tooMany),
		lsElided("TagRole/51 tags, no such role", src(tagErr, "tag-role-too-many-tags", "2026-02-11"), steps(role), lsTagRole(gone, lsTagRange(51)...), tooMany),
		fails("CreateRole/duplicate tag keys", src(tagErr, "create-role-duplicate-tags", "2026-02-11"), nil, lsCreateRole("r", iamTags("dupkey", "val1", "dupkey", "val2")...), 400, "InvalidInput", lsDuplicateTag),
		fails("CreateRole/tag keys differing in case", src(tagErr, "create-role-duplicate-tags-different-case", "2026-02-11"), nil, lsCreateRole("r", iamTags("mykey", "val1", "MyKey", "val2")...), 400, "InvalidInput", lsDuplicateTag),
		lsElided("CreateRole/tag key too long", src(tagErr, "create-role-tag-key-too-long", "2026-02-11"), nil, lsCreateRole("r", iamTags(long("k", 129), "value")...), keyTooLong),
		lsElided("CreateRole/tag value too long", src(tagErr, "create-role-tag-value-too-long", "2026-02-11"), nil, lsCreateRole("r", iamTags("key", long("v", 257))...), valueTooLong),
		lsElided("CreateRole/tag key character", src(tagErr, "create-role-tag-invalid-char", "2026-02-11"), nil, lsCreateRole("r", iamTags("invalid!key", "value")...), badChar),
		fails("TagRole/duplicate tag keys", src(tagErr, "tag-role-duplicate-tags", "2026-02-11"), steps(role), lsTagRole("r", iamTags("dupkey", "val1", "dupkey", "val2")...), 400, "InvalidInput", lsDuplicateTag),
		fails("TagRole/tag keys differing in case", src(tagErr, "tag-role-duplicate-tags-different-case", "2026-02-11"), steps(role), lsTagRole("r", iamTags("mykey", "val1", "MyKey", "val2")...), 400, "InvalidInput", lsDuplicateTag),
		lsElided("TagRole/tag key too long", src(tagErr, "tag-role-tag-key-too-long", "2026-02-11"), steps(role), lsTagRole("r", iamTags(long("k", 129), "value")...), keyTooLong),
		lsElided("TagRole/tag value too long", src(tagErr, "tag-role-tag-value-too-long", "2026-02-11"), steps(role), lsTagRole("r", iamTags("key", long("v", 257))...), valueTooLong),
		lsElided("TagRole/tag key character", src(tagErr, "tag-role-tag-invalid-char", "2026-02-11"), steps(role), lsTagRole("r", iamTags("invalid!key", "value")...), badChar),
		lsElided("UntagRole/51 keys", src(tagErr, "untag-role-too-many-keys", "2026-02-11"), steps(role), lsUntagRole("r", lsKeyRange(51)...),
			"1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50"),
		// One constraint list for the whole member, whichever is broken.
		lsElided("UntagRole/key too long", src(tagErr, "untag-role-key-too-long", "2026-02-11"), steps(role), lsUntagRole("r", long("k", 129)), lsTagKeysShape),
		lsElided("UntagRole/key character", src(tagErr, "untag-role-invalid-char", "2026-02-11"), steps(role), lsUntagRole("r", "invalid!key"), lsTagKeysShape),
	})
}

// lsElided is a ValidationError case whose recorded message names no
// value ("Value at 'tags' failed ...", as AWS answered in Feb 2026 where
// older quotes echo it).
func lsElided(name, source string, steps []func(context.Context, *iam.Client) error, call iamCall, msg string) Case {
	return fails(name, source, steps, call, 400, "ValidationError", msg)
}

func lsInstanceProfile(name string) func(context.Context, *iam.Client) error {
	return func(ctx context.Context, c *iam.Client) error {
		_, err := c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String(name)})
		return err
	}
}

func lsAddRole(profile, role string) func(context.Context, *iam.Client) error {
	return func(ctx context.Context, c *iam.Client) error {
		_, err := c.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String(profile), RoleName: aws.String(role)})
		return err
	}
}
