package golden

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// IAM and STS limits: the quotas AWS documents and the member constraints
// of AWS's service models, answered as AWS answers them.

// quotasPage cites the IAM User Guide's "IAM and AWS STS quotas" page.
func quotasPage(what string) string {
	return "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (" + what + ")"
}

// botocoreIAM and botocoreSTS cite a member constraint of botocore's
// service model; AWS words a violation "1 validation error detected: Value
// 'x' at 'member' failed to satisfy constraint: Member must ..." (recorded:
// LocalStack sts test_sts.snapshot.json
// TestSTSIntegrations::test_sts_invalid_parameters, "invalid-session-name").
func botocoreIAM(shape string) string {
	return "boto/botocore botocore/data/iam/2010-05-08/service-2.json " + shape + " (message in AWS's ValidationError form)"
}

func botocoreSTS(shape string) string {
	return "boto/botocore botocore/data/sts/2011-06-15/service-2.json " + shape + " (message in AWS's ValidationError form)"
}

// tooLong is the ValidationError for value past max characters at member.
func tooLong(value, member string, max int) string {
	return "1 validation error detected: Value '" + value + "' at '" + member +
		"' failed to satisfy constraint: Member must have length less than or equal to " + strconv.Itoa(max)
}

// tooShort is the ValidationError for value under min characters at member.
func tooShort(value, member string, min int) string {
	return "1 validation error detected: Value '" + value + "' at '" + member +
		"' failed to satisfy constraint: Member must have length greater than or equal to " + strconv.Itoa(min)
}

// unechoedTooLong is the ValidationError for a member past max characters
// whose value IAM leaves out of the message, as AWS answered for tags,
// tag keys and values, tagKeys and path when LocalStack recorded its split
// IAM tests (unechoedSource).
func unechoedTooLong(member string, max int) string {
	return "1 validation error detected: Value at '" + member +
		"' failed to satisfy constraint: Member must have length less than or equal to " + strconv.Itoa(max)
}

// unechoedSource names the recordings in which IAM's validation messages
// carry no value.
var unechoedSource = "; value left out as AWS answered in " +
	localstack("iam/test_iam_roles.snapshot.json", "TestRoleTags::test_role_tag_errors",
		"create-role-tag-key-too-long, create-role-tag-value-too-long", "2026-02-11")

// validationError is a 400 ValidationError with message msg.
func validationError(msg string) Want {
	return Want{Status: 400, Code: "ValidationError", Message: msg}
}

// limitExceededWant is a 409 LimitExceeded with message msg.
func limitExceededWant(msg string) Want {
	return Want{Status: 409, Code: "LimitExceeded", Message: msg}
}

// many runs step(i) for i in [0, n), failing the set-up on an error.
func many(n int, step func(ctx context.Context, c *iam.Client, i int) error) func(context.Context, *iam.Client) error {
	return func(ctx context.Context, c *iam.Client) error {
		for i := 0; i < n; i++ {
			if err := step(ctx, c, i); err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
		}
		return nil
	}
}

// attachEach attaches n customer managed policies p0..p(n-1) (made here) with
// attach.
func attachEach(n int, attach func(ctx context.Context, c *iam.Client, arn string) error) func(context.Context, *iam.Client) error {
	return many(n, func(ctx context.Context, c *iam.Client, i int) error {
		name := "p" + strconv.Itoa(i)
		if err := mkPolicy(name, listBucket)(ctx, c); err != nil {
			return err
		}
		return attach(ctx, c, policyARN(name))
	})
}

// compactPolicy is an identity policy of exactly size non-white-space
// characters.
func compactPolicy(size int) string {
	const head = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::`
	const tail = `"}]}`
	return head + strings.Repeat("a", size-len(head)-len(tail)) + tail
}

func TestIAMLimitsQuotas(t *testing.T) {
	attachUser := func(ctx context.Context, c *iam.Client, arn string) error {
		_, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("u"), PolicyArn: aws.String(arn)})
		return err
	}
	attachGroup := func(ctx context.Context, c *iam.Client, arn string) error {
		_, err := c.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String("g"), PolicyArn: aws.String(arn)})
		return err
	}
	Run(t, []Case{{
		Name: "CreateInstanceProfile/InstanceProfilesPerAccount",
		Source: quotasPage("instance profiles in an AWS account: 1,000") + "; AWS's answer quoted in ansible/workshops#1801 " +
			"(409 LimitExceeded \"Cannot exceed quota for InstanceProfilesPerAccount: 1000\")",
		Setup: setup(many(1000, func(ctx context.Context, c *iam.Client, i int) error {
			_, err := c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String("ip" + strconv.Itoa(i))})
			return err
		})),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String("one-more")})
		},
		Want: limitExceededWant("Cannot exceed quota for InstanceProfilesPerAccount: 1000"),
	}, {
		Name:   "CreateGroup/GroupsPerAccount",
		Source: quotasPage("groups in an AWS account: 300") + "; message in the form recorded for InstanceProfilesPerAccount (ansible/workshops#1801)",
		Setup: setup(many(300, func(ctx context.Context, c *iam.Client, i int) error {
			return mkGroup("g"+strconv.Itoa(i))(ctx, c)
		})),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("one-more")})
		},
		Want: limitExceededWant("Cannot exceed quota for GroupsPerAccount: 300"),
	}, {
		Name: "AttachUserPolicy/PoliciesPerUser",
		Source: quotasPage("managed policies attached to an IAM user: 10") + "; message form as AWS's for groups " +
			"(aws/aws-cdk#13515: \"Cannot exceed quota for PoliciesPerGroup: 10\", 409 LimitExceeded)",
		Setup: setup(mkUser("u"), attachEach(10, attachUser)),
		Call: func(ctx context.Context, w *World) (any, error) {
			return nil, attachUser(ctx, iamc(w), "arn:aws:iam::aws:policy/ReadOnlyAccess")
		},
		Want: limitExceededWant("Cannot exceed quota for PoliciesPerUser: 10"),
	}, {
		Name:   "AttachGroupPolicy/PoliciesPerGroup",
		Source: quotasPage("managed policies attached to an IAM group: 10") + "; AWS's answer quoted in aws/aws-cdk#13515",
		Setup:  setup(mkGroup("g"), attachEach(10, attachGroup)),
		Call: func(ctx context.Context, w *World) (any, error) {
			return nil, attachGroup(ctx, iamc(w), "arn:aws:iam::aws:policy/ReadOnlyAccess")
		},
		Want: limitExceededWant("Cannot exceed quota for PoliciesPerGroup: 10"),
	}, {
		Name:   "AddUserToGroup/GroupsPerUser",
		Source: quotasPage("groups an IAM user can be a member of: 10") + "; message in the form AWS gives its per-entity quotas",
		Setup: setup(mkUser("u"), many(10, func(ctx context.Context, c *iam.Client, i int) error {
			name := "g" + strconv.Itoa(i)
			if err := mkGroup(name)(ctx, c); err != nil {
				return err
			}
			_, err := c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String(name), UserName: aws.String("u")})
			return err
		}), mkGroup("eleventh")),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("eleventh"), UserName: aws.String("u")})
		},
		Want: limitExceededWant("Cannot exceed quota for GroupsPerUser: 10"),
	}, {
		Name:   "PutGroupPolicy/aggregate over 5,120",
		Source: quotasPage("group policy size: 5,120 characters, white space not counted") + "; message form as the user's (existing golden case)",
		Setup:  setup(mkGroup("g")),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String("g"), PolicyName: aws.String("p"),
				PolicyDocument: aws.String(compactPolicy(5121))})
		},
		Want: limitExceededWant("Maximum policy size of 5120 bytes exceeded for group g"),
	}, {
		Name:   "PutGroupPolicy/aggregate of exactly 5,120",
		Source: quotasPage("group policy size: 5,120 characters"),
		Setup:  setup(mkGroup("g")),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String("g"), PolicyName: aws.String("p"),
				PolicyDocument: aws.String(compactPolicy(5120))})
		},
		Want: Want{},
	}, {
		Name:   "CreatePolicy/exactly 6,144 characters",
		Source: quotasPage("managed policy size: 6,144 characters, white space not counted"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("p"), PolicyDocument: aws.String(compactPolicy(6144))})
		},
		Want: Want{Fields: map[string]any{"Policy.PolicyName": "p"}},
	}})
}

func TestIAMLimitsNames(t *testing.T) {
	long := func(n int) string { return strings.Repeat("n", n) }
	Run(t, []Case{{
		Name:   "CreateUser/UserName of 65",
		Source: quotasPage("IAM user names: 64 characters") + "; " + botocoreIAM("userNameType (max 64)"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(long(65))})
		},
		Want: validationError(tooLong(long(65), "userName", 64)),
	}, {
		Name:   "CreateGroup/GroupName of 129",
		Source: quotasPage("group names: 128 characters") + "; " + botocoreIAM("groupNameType (max 128)"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String(long(129))})
		},
		Want: validationError(tooLong(long(129), "groupName", 128)),
	}, {
		Name:   "CreateRole/RoleName of 65",
		Source: quotasPage("role names: 64 characters") + "; " + botocoreIAM("roleNameType (max 64)"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(long(65)), AssumeRolePolicyDocument: aws.String(ec2Trust)})
		},
		Want: validationError(tooLong(long(65), "roleName", 64)),
	}, {
		Name:   "CreatePolicy/PolicyName of 129",
		Source: quotasPage("policy names: 128 characters") + "; " + botocoreIAM("policyNameType (max 128)"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String(long(129)), PolicyDocument: aws.String(listBucket)})
		},
		Want: validationError(tooLong(long(129), "policyName", 128)),
	}, {
		Name:   "CreateInstanceProfile/name of 129",
		Source: quotasPage("instance profile names: 128 characters") + "; " + botocoreIAM("instanceProfileNameType (max 128)"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String(long(129))})
		},
		Want: validationError(tooLong(long(129), "instanceProfileName", 128)),
	}, {
		Name:   "CreateUser/Path of 513",
		Source: quotasPage("path: 512 characters") + "; " + botocoreIAM("pathType (max 512)") + unechoedSource,
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u"), Path: aws.String("/" + long(511) + "/")})
		},
		Want: validationError(unechoedTooLong("path", 512)),
	}})
}

// TestIAMLimitsMembers: members whose botocore constraints IAM checks first.
func TestIAMLimitsMembers(t *testing.T) {
	long := func(n int) string { return strings.Repeat("n", n) }
	Run(t, []Case{{
		Name:   "AttachUserPolicy/UserName of 65",
		Source: botocoreIAM("AttachUserPolicyRequest.UserName: userNameType (max 64)"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String(long(65)),
				PolicyArn: aws.String("arn:aws:iam::aws:policy/ReadOnlyAccess")})
		},
		Want: validationError(tooLong(long(65), "userName", 64)),
	}, {
		Name:   "ListAttachedUserPolicies/UserName of 65",
		Source: botocoreIAM("ListAttachedUserPoliciesRequest.UserName: userNameType (max 64)"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: aws.String(long(65))})
		},
		Want: validationError(tooLong(long(65), "userName", 64)),
	}, {
		Name:   "PutUserPermissionsBoundary/UserName of 65",
		Source: botocoreIAM("PutUserPermissionsBoundaryRequest.UserName: userNameType (max 64)"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).PutUserPermissionsBoundary(ctx, &iam.PutUserPermissionsBoundaryInput{UserName: aws.String(long(65)),
				PermissionsBoundary: aws.String("arn:aws:iam::aws:policy/ReadOnlyAccess")})
		},
		Want: validationError(tooLong(long(65), "userName", 64)),
	}, {
		Name:   "GetMFADevice/UserName of 65",
		Source: botocoreIAM("GetMFADeviceRequest.UserName: userNameType (max 64)"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).GetMFADevice(ctx, &iam.GetMFADeviceInput{UserName: aws.String(long(65)),
				SerialNumber: aws.String("arn:aws:iam::" + iamAcct + ":mfa/device")})
		},
		Want: validationError(tooLong(long(65), "userName", 64)),
	}, {
		Name: "AddUserToGroup/UserName of 100 names no user",
		Source: botocoreIAM("AddUserToGroupRequest.UserName: existingUserNameType (max 128)") +
			"; a name within it passes validation and names no user (NoSuchEntity, as for any missing user)",
		Setup: setup(mkGroup("g")),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("g"), UserName: aws.String(long(100))})
		},
		Want: Want{Status: 404, Code: "NoSuchEntity", Message: "The user with name " + long(100) + " cannot be found."},
	}, {
		Name:   "UntagUser/51 TagKeys",
		Source: botocoreIAM("tagKeyListType (max 50)") + unechoedSource,
		Setup:  setup(mkUser("u")),
		Call: func(ctx context.Context, w *World) (any, error) {
			keys := make([]string, 51)
			for i := range keys {
				keys[i] = "k" + strconv.Itoa(i)
			}
			return iamc(w).UntagUser(ctx, &iam.UntagUserInput{UserName: aws.String("u"), TagKeys: keys})
		},
		Want: validationError("1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50"),
	}, {
		Name:   "TagUser/tag key of 129",
		Source: quotasPage("tag key: 128 characters") + "; " + botocoreIAM("tagKeyType (max 128)") + unechoedSource,
		Setup:  setup(mkUser("u")),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).TagUser(ctx, &iam.TagUserInput{UserName: aws.String("u"),
				Tags: []iamtypes.Tag{{Key: aws.String(long(129)), Value: aws.String("v")}}})
		},
		Want: validationError(unechoedTooLong("tags.1.member.key", 128)),
	}, {
		Name:   "TagUser/tag value of 257",
		Source: quotasPage("tag value: 256 characters") + "; " + botocoreIAM("tagValueType (max 256)") + unechoedSource,
		Setup:  setup(mkUser("u")),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).TagUser(ctx, &iam.TagUserInput{UserName: aws.String("u"),
				Tags: []iamtypes.Tag{{Key: aws.String("k"), Value: aws.String(long(257))}}})
		},
		Want: validationError(unechoedTooLong("tags.1.member.value", 256)),
	}, {
		Name:   "CreateRole/MaxSessionDuration of 43201",
		Source: quotasPage("role maximum session duration: 12 hours") + "; " + botocoreIAM("roleMaxSessionDurationType (3600 to 43200)"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String(ec2Trust),
				MaxSessionDuration: aws.Int32(43201)})
		},
		Want: validationError("1 validation error detected: Value '43201' at 'maxSessionDuration' failed to satisfy constraint: " +
			"Member must have value less than or equal to 43200"),
	}, {
		Name: "CreateLoginProfile/Password of 129 is not shown",
		Source: quotasPage("passwords: 128 characters") + "; " + botocoreIAM("passwordType (sensitive, max 128)") +
			"; AWS leaves a sensitive member's value out, as recorded for STS's webIdentityToken (iterate-ch/cyberduck)",
		Setup: setup(mkUser("u")),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("u"), Password: aws.String(long(129))})
		},
		Want: validationError("1 validation error detected: Value at 'password' failed to satisfy constraint: " +
			"Member must have length less than or equal to 128"),
	}})
}

// TestIAMLimitsPatterns: members whose pattern or own rule IAM checks first.
func TestIAMLimitsPatterns(t *testing.T) {
	long := func(n int) string { return strings.Repeat("n", n) }
	Run(t, []Case{{
		Name: "CreateAccountAlias/upper-case alias",
		Source: "AWS's answer quoted in app-sre/qontract-schemas#824 (2025: ValidationError \"The specified value for accountAlias " +
			"is invalid. ...\", in place of the model's pattern message)",
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateAccountAlias(ctx, &iam.CreateAccountAliasInput{AccountAlias: aws.String("My-Company")})
		},
		Want: validationError("The specified value for accountAlias is invalid. It must be a minimum length of 3 characters " +
			"and maximum length of 63 characters, contain only digits, lowercase letters, and hyphens (-), but cannot begin or end with a hyphen."),
	}, {
		Name:   "ListPolicies/PathPrefix without its closing slash",
		Source: botocoreIAM("ListPoliciesRequest.PathPrefix: policyPathType ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).ListPolicies(ctx, &iam.ListPoliciesInput{PathPrefix: aws.String("/team")})
		},
		Want: validationError("1 validation error detected: Value '/team' at 'pathPrefix' failed to satisfy constraint: " +
			"Member must satisfy regular expression pattern: ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/"),
	}, {
		Name:   "CreatePolicy/Path outside policyPathType",
		Source: botocoreIAM("CreatePolicyRequest.Path: policyPathType ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("p"), Path: aws.String("/a*b/"),
				PolicyDocument: aws.String(listBucket)})
		},
		// AWS answers a path outside its pattern with its own sentence, not the
		// model's pattern message (recorded for CreateRole; see iamrec_test.go
		// "CreateRole/Path without its leading slash").
		Want: validationError("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."),
	}, {
		Name: "GetContextKeysForCustomPolicy/document outside Latin-1",
		Source: quotasPage("policy documents: tab, line feed, carriage return and U+0020 to U+00FF") + "; " +
			botocoreIAM("policyDocumentType [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).GetContextKeysForCustomPolicy(ctx, &iam.GetContextKeysForCustomPolicyInput{
				PolicyInputList: []string{"{\"Sid\":\"\u20ac\"}"}})
		},
		Want: validationError("1 validation error detected: Value '{\"Sid\":\"\u20ac\"}' at 'policyInputList.1.member' failed to satisfy " +
			"constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"),
	}, {
		Name:   "SimulateCustomPolicy/ResourceHandlingOption of 65",
		Source: botocoreIAM("ResourceHandlingOptionType (max 64)"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).SimulateCustomPolicy(ctx, &iam.SimulateCustomPolicyInput{PolicyInputList: []string{listBucket},
				ActionNames: []string{"s3:ListBucket"}, ResourceHandlingOption: aws.String(long(65))})
		},
		Want: validationError(tooLong(long(65), "resourceHandlingOption", 64)),
	}, {
		Name:   "CreateServiceSpecificCredential/CredentialAgeDays of 0",
		Source: botocoreIAM("credentialAgeDays (1 to 36600)"),
		Setup:  setup(mkUser("u")),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{UserName: aws.String("u"),
				ServiceName: aws.String("bedrock.amazonaws.com"), CredentialAgeDays: aws.Int32(0)})
		},
		Want: validationError("1 validation error detected: Value '0' at 'credentialAgeDays' failed to satisfy constraint: " +
			"Member must have value greater than or equal to 1"),
	}})
}

// lastsAbout wants a credential Expiration about d from now (a minute
// either way).
func lastsAbout(d time.Duration) Matcher {
	return matcherFunc(func(v reflect.Value, found bool) error {
		if !found {
			return errors.New("want an expiration, got absent")
		}
		exp, ok := v.Interface().(time.Time)
		if !ok {
			return fmt.Errorf("want a time, got %s", show(v))
		}
		if got := time.Until(exp); got < d-time.Minute || got > d+time.Minute {
			return fmt.Errorf("lasts %v, want about %v", got.Round(time.Second), d)
		}
		return nil
	})
}

func TestSTSLimits(t *testing.T) {
	role := roleARN("target")
	session := func(in *sts.AssumeRoleInput) *sts.AssumeRoleInput {
		in.RoleArn, in.RoleSessionName = aws.String(role), aws.String("s1")
		return in
	}
	contexts := func(n int, arn, assertion string) []ststypes.ProvidedContext {
		out := make([]ststypes.ProvidedContext, n)
		for i := range out {
			out[i] = ststypes.ProvidedContext{ProviderArn: aws.String(arn), ContextAssertion: aws.String(assertion)}
		}
		return out
	}
	const idc = "arn:aws:iam::aws:contextProvider/IdentityCenter"
	Run(t, []Case{
		asCaller(Case{
			Name:   "AssumeRole/ExternalId of 1",
			Source: quotasPage("external ID: 2 to 1,224 characters") + "; " + botocoreSTS("externalIdType (min 2)"),
			Want:   validationError(tooShort("x", "externalId", 2)),
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{ExternalId: aws.String("x")}))),
		asCaller(Case{
			Name:   "AssumeRole/ExternalId of 1225",
			Source: quotasPage("external ID: 2 to 1,224 characters") + "; " + botocoreSTS("externalIdType (max 1224)"),
			Want:   validationError(tooLong(strings.Repeat("x", 1225), "externalId", 1224)),
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{ExternalId: aws.String(strings.Repeat("x", 1225))}))),
		asCaller(Case{
			Name:   "AssumeRole/RoleSessionName of 65",
			Source: quotasPage("role session name: 64 characters") + "; " + botocoreSTS("roleSessionNameType (2 to 64)"),
			Want:   validationError(tooLong(strings.Repeat("s", 65), "roleSessionName", 64)),
		}, []string{"target"}, assume(&sts.AssumeRoleInput{RoleArn: aws.String(role), RoleSessionName: aws.String(strings.Repeat("s", 65))})),
		asCaller(Case{
			Name:   "AssumeRole/DurationSeconds of 43201",
			Source: botocoreSTS("roleDurationSecondsType (900 to 43200)"),
			Want: validationError("1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: " +
				"Member must have value less than or equal to 43200"),
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{DurationSeconds: aws.Int32(43201)}))),
		asCaller(Case{
			Name:   "AssumeRole/SourceIdentity of 1",
			Source: botocoreSTS("sourceIdentityType (2 to 64)"),
			Want:   validationError(tooShort("x", "sourceIdentity", 2)),
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{SourceIdentity: aws.String("x")}))),
		asCaller(Case{
			Name:   "AssumeRole/TokenCode of 5 digits",
			Source: botocoreSTS("tokenCodeType (6 to 6)"),
			Want:   validationError(tooShort("12345", "tokenCode", 6)),
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{SerialNumber: aws.String("arn:aws:iam::" + iamAcct + ":mfa/d"),
			TokenCode: aws.String("12345")}))),
		asCaller(Case{
			Name:   "AssumeRole/SerialNumber of 8",
			Source: botocoreSTS("serialNumberType (9 to 256)"),
			Want:   validationError(tooShort("12345678", "serialNumber", 9)),
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{SerialNumber: aws.String("12345678"), TokenCode: aws.String("123456")}))),
		asCaller(Case{
			Name:   "AssumeRole/session tag key of 129",
			Source: quotasPage("session tag keys: 128 characters") + "; " + botocoreSTS("tagKeyType (max 128)"),
			Want:   validationError(tooLong(strings.Repeat("k", 129), "tags.1.member.key", 128)),
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{Tags: tags(strings.Repeat("k", 129), "v")}))),
		asCaller(Case{
			Name:   "AssumeRole/session tag value of 257",
			Source: quotasPage("session tag values: 256 characters") + "; " + botocoreSTS("tagValueType (max 256)"),
			Want:   validationError(tooLong(strings.Repeat("v", 257), "tags.1.member.value", 256)),
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{Tags: tags("k", strings.Repeat("v", 257))}))),
		asCaller(Case{
			Name: "AssumeRole/51 session tags",
			Source: quotasPage("session tags: 50") + "; " + botocoreSTS("tagListType (max 50)") +
				"; how AWS prints the list in the message is not recorded, so only code and status are checked",
			Want: Want{Status: 400, Code: "ValidationError"},
		}, []string{"target"}, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			var kv []string
			for i := 0; i < 51; i++ {
				kv = append(kv, "k"+strconv.Itoa(i), "v")
			}
			return w.STS(creds).AssumeRole(ctx, session(&sts.AssumeRoleInput{Tags: tags(kv...)}))
		}),
		asCaller(Case{
			Name: "AssumeRole/6 ProvidedContexts",
			Source: botocoreSTS("ProvidedContextsListType (max 5)") +
				"; how AWS prints the list in the message is not recorded, so only code and status are checked",
			Want: Want{Status: 400, Code: "ValidationError"},
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{ProvidedContexts: contexts(6, idc, "assertion")}))),
		asCaller(Case{
			Name:   "AssumeRole/ProvidedContexts ProviderArn of 19",
			Source: botocoreSTS("contextProviderArnType (min 20)"),
			Want:   validationError(tooShort(idc[:19], "providedContexts.1.member.providerArn", 20)),
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{ProvidedContexts: contexts(1, idc[:19], "assertion")}))),
		asCaller(Case{
			Name:   "AssumeRole/ProvidedContexts ContextAssertion of 3",
			Source: botocoreSTS("contextAssertionType (min 4)"),
			Want:   validationError(tooShort("abc", "providedContexts.1.member.contextAssertion", 4)),
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{ProvidedContexts: contexts(1, idc, "abc")}))),
		asCaller(Case{
			Name: "AssumeRole/session policy outside Latin-1",
			Source: "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (Policy: \"any ASCII character from the " +
				"space character to the end of the valid character list (\\u0020 through \\u00FF)\"); " +
				botocoreSTS("sessionPolicyDocumentType [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"),
			Want: validationError("1 validation error detected: Value '{\"Sid\":\"\u20ac\"}' at 'policy' failed to satisfy constraint: " +
				"Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"),
		}, []string{"target"}, assume(session(&sts.AssumeRoleInput{Policy: aws.String("{\"Sid\":\"\u20ac\"}")}))),
	})
}

// TestSTSLimitsSessions: the session actions' members and durations.
func TestSTSLimitsSessions(t *testing.T) {
	role := roleARN("target")
	Run(t, []Case{
		asCaller(Case{
			Name:   "GetFederationToken/Name of 33",
			Source: botocoreSTS("userNameType (2 to 32)"),
			Want:   validationError(tooLong(strings.Repeat("f", 33), "name", 32)),
		}, nil, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			return w.STS(creds).GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String(strings.Repeat("f", 33))})
		}),
		asCaller(Case{
			Name: "GetSessionToken/DurationSeconds of 129601",
			Source: quotasPage("GetSessionToken: 129,600 seconds (36 hours) at most") + "; " +
				botocoreSTS("durationSecondsType (900 to 129600)"),
			Want: validationError("1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: " +
				"Member must have value less than or equal to 129600"),
		}, nil, func(ctx context.Context, w *World, creds aws.Credentials) (any, error) {
			return w.STS(creds).GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(129601)})
		}),
		{
			Name: "AssumeRoleWithWebIdentity/empty token is not shown",
			Source: "AWS's answer from sts.amazonaws.com quoted in iterate-ch/cyberduck " +
				"AssumeRoleWithWebIdentitySTSCredentialsConfigurator.java (an empty token: \"1 validation error detected: Value at " +
				"'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4\"); " +
				botocoreSTS("clientTokenType (sensitive, min 4)"),
			Setup: setup(mkRole("target", "", trustAccount)),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.STS(aws.Credentials{}).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
					RoleArn: aws.String(role), RoleSessionName: aws.String("s1"), WebIdentityToken: aws.String("")})
			},
			Want: validationError("1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: " +
				"Member must have length greater than or equal to 4"),
		}, {
			Name: "GetSessionToken/as root is held to one hour",
			Source: "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html (DurationSeconds: \"Sessions for " +
				"AWS account owners are restricted to a maximum of 3,600 seconds (one hour). If the duration is longer than one " +
				"hour, the session for AWS account owners defaults to one hour.\")",
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.STS(Root(iamAcct)).GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(7200)})
			},
			Want: Want{Fields: map[string]any{"Credentials.Expiration": lastsAbout(time.Hour)}},
		}, {
			Name: "GetFederationToken/as root is held to one hour",
			Source: "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html (DurationSeconds: \"Sessions " +
				"obtained using root user credentials are restricted to a maximum of 3,600 seconds (one hour). If the specified " +
				"duration is longer than one hour, the session obtained by using root user credentials defaults to one hour.\")",
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.STS(Root(iamAcct)).GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("fed"),
					DurationSeconds: aws.Int32(7200)})
			},
			Want: Want{Fields: map[string]any{"Credentials.Expiration": lastsAbout(time.Hour)}},
		},
	})
}
