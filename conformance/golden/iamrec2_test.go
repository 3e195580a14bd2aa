package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// IAM cases, second batch: the validated LocalStack tests no earlier golden
// file cited (list in the commit that added this file), the answers
// terraform-provider-aws's acceptance tests expect from AWS for bad input
// (internal/service/iam/*_test.go, ExpectError), and AWS answers quoted in
// GitHub issues.

// tfAcc cites a terraform-provider-aws acceptance test: it runs against
// AWS, and its ExpectError pattern is the part of AWS's error it relies on.
func tfAcc(path, test, pattern string) string {
	return "hashicorp/terraform-provider-aws " + path + " " + test + " (acceptance test against AWS; ExpectError " + pattern + ")"
}

// getPolicyDoc is the default version's document of a customer managed
// policy, as boto3 shows it (decoded, keys sorted).
func getPolicyDoc(name string) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		p, err := iamc(w).GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(policyARN(name))})
		if err != nil {
			return nil, err
		}
		out, err := iamc(w).GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(policyARN(name)), VersionId: p.Policy.DefaultVersionId})
		if err != nil {
			return nil, err
		}
		return canon(out.PolicyVersion.Document), nil
	}
}

func putRoleDoc(role, name, doc string) func(context.Context, *iam.Client) error {
	return func(ctx context.Context, c *iam.Client) error {
		_, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name), PolicyDocument: aws.String(doc)})
		return err
	}
}

func attachRoleARN(role, arn string) func(context.Context, *iam.Client) error {
	return func(ctx context.Context, c *iam.Client) error {
		_, err := c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(role), PolicyArn: aws.String(arn)})
		return err
	}
}

const adminARN = "arn:aws:iam::aws:policy/AdministratorAccess"

func TestIAMRec2LocalStack(t *testing.T) {
	rp := func(test, key string) string { return rpLS("test_iam.snapshot.json", test, key, "2026-02-10") }
	rpAsserted := func(test, what string) string {
		return "localstack/localstack tests/aws/services/iam/resource_providers/test_iam.py " + test +
			" (markers.aws.validated 2026-02-10, through CloudFormation; asserts " + what + ")"
	}
	basicUser := func(test, key, recorded string) string {
		return rpLS("aws_iam_user/test_basic_user.snapshot.json", test, key, recorded)
	}
	// The documents CloudFormation's Fn::Sub produced in the recorded stacks.
	subJSON := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-my-cluster-us-east-1/*"}]}`
	subYAML := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"eks:DescribeCluster\",\n" +
		"      \"Resource\": \"arn:aws:eks:us-east-1:" + iamAcct + ":cluster/my-cluster\"\n    }\n  ]\n}\n"
	subInline := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-bucket-us-east-1/*"}]}`
	anyoneTrust := `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"AWS":"*"}}],"Version":"2012-10-17"}`
	getUserDoc := "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Sid\": \"sgetuser\",\n            \"Effect\": \"Allow\",\n" +
		"            \"Action\": [\"iam:GetUser\"],\n            \"Resource\": \"*\"\n        }\n    ]\n}"
	var creds aws.Credentials
	userFields := map[string]any{"User.UserName": "u", "User.Path": "/", "User.Arn": userARN("u"), "User.UserId": Prefix("AIDA"),
		"User.CreateDate": Present, "User.Tags": noElement, "User.PasswordLastUsed": Absent, "User.PermissionsBoundary": Absent}
	Run(t, []Case{{
		Name:   "GetUser/without UserName as the user",
		Source: lsAsserted("TestIAMExtensions::test_get_user_without_username_as_user", "UserName and Arn of the calling user (validated 2025-03-06)"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			creds = w.User(ctx, t, iamAcct, "u", getUserDoc)
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.IAM(creds).GetUser(ctx, &iam.GetUserInput{})
		},
		Want: Want{Fields: map[string]any{"User.UserName": "u", "User.Arn": userARN("u")}},
	}, {
		Name:   "GetPolicyVersion/document from a JSON string",
		Source: rp("test_managedpolicy_with_fn_sub_json_string", "policy_document"),
		Setup:  setup(mkPolicy("sub-json", subJSON)),
		Call:   getPolicyDoc("sub-json"),
		Want:   Want{Fields: map[string]any{"Document": canonJSON(subJSON)}},
	}, {
		Name:   "GetPolicyVersion/multi-line document",
		Source: rp("test_managedpolicy_with_fn_sub_multiline_yaml", "policy_document_multiline"),
		Setup:  setup(mkPolicy("sub-yaml", subYAML)),
		Call:   getPolicyDoc("sub-yaml"),
		Want:   Want{Fields: map[string]any{"Document": canonJSON(subYAML)}},
	}, {
		Name:   "GetRolePolicy/document from a JSON string",
		Source: rp("test_inline_policy_with_fn_sub_json_string", "inline_policy_document"),
		Setup:  setup(mkRole("r", "", lambdaTrust), putRoleDoc("r", "inline", subInline)),
		Call: func(ctx context.Context, w *World) (any, error) {
			out, err := iamc(w).GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String("inline")})
			if err != nil {
				return nil, err
			}
			return canon(out.PolicyDocument), nil
		},
		Want: Want{Fields: map[string]any{"Document": canonJSON(subInline)}},
	}, {
		Name:   "ListAttachedRolePolicies/role deleted",
		Source: rpAsserted("test_delete_role_detaches_role_policy", "NoSuchEntity after the stack update deleted the role"),
		Setup: setup(mkRole("gone", "", anyoneTrust), attachRoleARN("gone", adminARN), func(ctx context.Context, c *iam.Client) error {
			if _, err := c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String("gone"), PolicyArn: aws.String(adminARN)}); err != nil {
				return err
			}
			_, err := c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("gone")})
			return err
		}),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("gone")})
		},
		Want: Want{Status: 404, Code: "NoSuchEntity", MessagePrefix: "The role with name gone"},
	}, {
		Name:   "ListRolePolicies/two inline policies, one trusting anyone",
		Source: rpAsserted("test_policy_attachments", "two inline policies on the role, whose trust policy names Principal AWS \"*\""),
		Setup: setup(mkRole("r", "", anyoneTrust), attachRoleARN("r", adminARN),
			putRoleDoc("r", "r-s3", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::bucket"]}]}`),
			putRoleDoc("r", "p", `{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`)),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String("r")})
		},
		Want: Want{Fields: map[string]any{"PolicyNames": Len(2), "PolicyNames[0]": "p", "PolicyNames[1]": "r-s3", "IsTruncated": false}},
	}, {
		Name:   "ListRoles/service-linked role with a description",
		Source: rpAsserted("test_policy_attachments", `list_roles(PathPrefix="/aws-service-role/") has the elasticbeanstalk role with its Description and trust Principal {"Service": "elasticbeanstalk.amazonaws.com"}`),
		Setup: setup(func(ctx context.Context, c *iam.Client) error {
			_, err := c.CreateServiceLinkedRole(ctx, &iam.CreateServiceLinkedRoleInput{AWSServiceName: aws.String("elasticbeanstalk.amazonaws.com"),
				Description: aws.String("service linked role abc")})
			return err
		}),
		Call: func(ctx context.Context, w *World) (any, error) {
			out, err := iamc(w).ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("/aws-service-role/")})
			if err != nil || len(out.Roles) == 0 {
				return out, err
			}
			return struct {
				*iam.ListRolesOutput
				Trust canonical
			}{out, canon(out.Roles[0].AssumeRolePolicyDocument)}, nil
		},
		Want: Want{Fields: map[string]any{"Roles": Len(1), "Roles[0].Description": "service linked role abc",
			"Roles[0].Path": "/aws-service-role/elasticbeanstalk.amazonaws.com/", "Trust.Document": slrTrust("elasticbeanstalk.amazonaws.com")}},
	}, {
		Name:   "ListRoles/path prefix finds the role",
		Source: rpAsserted("test_cfn_handle_iam_role_resource_no_role_name", `list_roles(PathPrefix="/test-role-prefix/") has one role`),
		Setup:  setup(mkRole("generated-name", "/test-role-prefix/", ec2Trust), mkRole("other", "", ec2Trust)),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("/test-role-prefix/")})
		},
		Want: Want{Fields: map[string]any{"Roles": Len(1), "Roles[0].RoleName": "generated-name", "IsTruncated": false}},
	}, {
		Name:   "ListRoles/path prefix after the role is deleted",
		Source: rpAsserted("test_cfn_handle_iam_role_resource_no_role_name", `list_roles(PathPrefix="/test-role-prefix/") has no role once the stack is destroyed`),
		Setup: setup(mkRole("generated-name", "/test-role-prefix/", ec2Trust), func(ctx context.Context, c *iam.Client) error {
			_, err := c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("generated-name")})
			return err
		}),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("/test-role-prefix/")})
		},
		Want: Want{Fields: map[string]any{"Roles": Len(0), "IsTruncated": false}},
	}, {
		Name:   "GetUser/user without tags",
		Source: basicUser("TestBasicCRD::test_black_box", "describe-resource", "2023-06-28"),
		Setup:  setup(mkUser("u")),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).GetUser(ctx, &iam.GetUserInput{UserName: aws.String("u")})
		},
		Want: Want{Fields: userFields},
	}})
}

func TestIAMRec2Terraform(t *testing.T) {
	const rolePolicyTest = "internal/service/iam/role_policy_test.go"
	const roleTest = "internal/service/iam/role_test.go"
	// service_linked_role_test.go as stored at commit 0b931023f3158271f1817cb82fd21e47a932ef2c.
	const slrTest = "internal/service/iam/service_linked_role_test.go@0b931023f3158271f1817cb82fd21e47a932ef2c"
	createSLR := func(service, suffix, description string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			in := &iam.CreateServiceLinkedRoleInput{AWSServiceName: aws.String(service)}
			if suffix != "" {
				in.CustomSuffix = aws.String(suffix)
			}
			if description != "" {
				in.Description = aws.String(description)
			}
			return iamc(w).CreateServiceLinkedRole(ctx, in)
		}
	}
	slrFields := func(service, name string) map[string]any {
		path := "/aws-service-role/" + service + "/"
		return map[string]any{"Role.RoleName": name, "Role.Path": path, "Role.Arn": "arn:aws:iam::" + iamAcct + ":role" + path + name,
			"Role.RoleId": Present, "Role.CreateDate": Present}
	}
	Run(t, []Case{{
		Name:   "PutRolePolicy/Resource a list of lists",
		Source: tfAcc(rolePolicyTest, "TestAccIAMRolePolicy_Policy_invalidResource", `"MalformedPolicyDocument" (policy jsonencode: Resource = [["*"]])`),
		Setup:  setup(mkRole("r", "", ec2Trust)),
		Call: func(ctx context.Context, w *World) (any, error) {
			return nil, putRoleDoc("r", "p", `{"Statement":[{"Action":"*","Effect":"Allow","Resource":[["*"]]}],"Version":"2012-10-17"}`)(ctx, iamc(w))
		},
		Want: Want{Status: 400, Code: "MalformedPolicyDocument"},
	}, {
		Name: "PutRolePolicy/empty Resource",
		Source: tfAcc(roleTest, "TestAccIAMRole_InlinePolicy_malformed", "`MalformedPolicyDocument` (inline policy Resource = \"\")") +
			`; the message as quoted from AWS for PutRolePolicy with an empty resource in felipefrizzo/terraform-aws-transfer-server#6: "MalformedPolicyDocument: Resource  must be in ARN format or \"*\"."`,
		Setup: setup(mkRole("r", "", ec2Trust)),
		Call: func(ctx context.Context, w *World) (any, error) {
			return nil, putRoleDoc("r", "p", `{"Statement":[{"Action":["ec2:Describe*"],"Effect":"Allow","Resource":""}],"Version":"2012-10-17"}`)(ctx, iamc(w))
		},
		Want: Want{Status: 400, Code: "MalformedPolicyDocument", Message: `Resource  must be in ARN format or "*".`},
	}, {
		Name:   "CreateServiceLinkedRole/custom-resource.application-autoscaling",
		Source: tfAcc(slrTest, "TestAccAWSIAMServiceLinkedRole_CustomSuffix_DiffSuppressFunc", "none: Check wants the role arn role/aws-service-role/custom-resource.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_CustomResource and custom_suffix CustomResource"),
		Call:   createSLR("custom-resource.application-autoscaling.amazonaws.com", "", ""),
		Want:   Want{Fields: slrFields("custom-resource.application-autoscaling.amazonaws.com", "AWSServiceRoleForApplicationAutoScaling_CustomResource")},
	}, {
		Name:   "CreateServiceLinkedRole/elasticbeanstalk without description",
		Source: tfAcc(slrTest, "TestAccAWSIAMServiceLinkedRole_basic", "none: Check wants name AWSServiceRoleForElasticBeanstalk, path /aws-service-role/elasticbeanstalk.amazonaws.com/ and description \"\""),
		Call:   createSLR("elasticbeanstalk.amazonaws.com", "", ""),
		Want:   Want{Fields: withField(slrFields("elasticbeanstalk.amazonaws.com", "AWSServiceRoleForElasticBeanstalk"), "Role.Description", Absent)},
	}, {
		Name:   "CreateServiceLinkedRole/autoscaling with suffix and description",
		Source: tfAcc(slrTest, "TestAccAWSIAMServiceLinkedRole_Description", "none: Check wants description description1 on the role AWSServiceRoleForAutoScaling_SUFFIX"),
		Call:   createSLR("autoscaling.amazonaws.com", "tf-acc-test-1", "description1"),
		Want:   Want{Fields: withField(slrFields("autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling_tf-acc-test-1"), "Role.Description", "description1")},
	}, {
		Name:   "UpdateRoleDescription/service-linked role",
		Source: tfAcc(slrTest, "TestAccAWSIAMServiceLinkedRole_Description", "none: the second step changes the description to description2 in place"),
		Setup: setup(func(ctx context.Context, c *iam.Client) error {
			_, err := c.CreateServiceLinkedRole(ctx, &iam.CreateServiceLinkedRoleInput{AWSServiceName: aws.String("autoscaling.amazonaws.com"),
				CustomSuffix: aws.String("tf-acc-test-1"), Description: aws.String("description1")})
			return err
		}),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).UpdateRoleDescription(ctx, &iam.UpdateRoleDescriptionInput{RoleName: aws.String("AWSServiceRoleForAutoScaling_tf-acc-test-1"), Description: aws.String("description2")})
		},
		Want: Want{Fields: map[string]any{"Role.Description": "description2", "Role.RoleName": "AWSServiceRoleForAutoScaling_tf-acc-test-1"}},
	}})
}

// withField returns fields with one more path set.
func withField(fields map[string]any, path string, want any) map[string]any {
	fields[path] = want
	return fields
}

// issue cites an AWS answer quoted in a GitHub issue or pull request.
func issue(where, what string) string {
	return "AWS's answer as quoted in " + where + " (" + what + ")"
}

func TestIAMRec2Issues(t *testing.T) {
	deleteUser := func(ctx context.Context, w *World) (any, error) {
		return iamc(w).DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("u")})
	}
	userWith := func(step func(ctx context.Context, t *testing.T, c *iam.Client) error) func(context.Context, *testing.T, *World) {
		return func(ctx context.Context, t *testing.T, w *World) {
			must(t, "CreateUser", mkUser("u")(ctx, iamc(w)))
			must(t, "set-up", step(ctx, t, iamc(w)))
		}
	}
	attachToRole := func(arn string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return iamc(w).AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("r"), PolicyArn: aws.String(arn)})
		}
	}
	const esServiceRole = "arn:aws:iam::aws:policy/aws-service-role/AmazonElasticsearchServiceRolePolicy"
	Run(t, []Case{{
		Name:   "DeleteUser/with a signing certificate",
		Source: issue("rebuy-de/aws-nuke#671", "2021, the AWS CLI's delete-user of a user with a signing certificate"),
		Setup: userWith(func(ctx context.Context, t *testing.T, c *iam.Client) error {
			cert, _ := selfSigned(t, "u")
			_, err := c.UploadSigningCertificate(ctx, &iam.UploadSigningCertificateInput{UserName: aws.String("u"), CertificateBody: aws.String(cert)})
			return err
		}),
		Call: deleteUser,
		Want: Want{Status: 409, Code: "DeleteConflict", Message: "Cannot delete entity, must delete certificates first."},
	}, {
		Name: "DeleteUser/with an SSH public key",
		Source: issue("rebuy-de/aws-nuke#522 and #470", "2020, deleting a user with a CodeCommit SSH public key") + "; also " +
			issue("hashicorp/terraform-provider-aws#4176", "2018, the same for a user with SSH keys"),
		Setup: userWith(func(ctx context.Context, t *testing.T, c *iam.Client) error {
			_, err := c.UploadSSHPublicKey(ctx, &iam.UploadSSHPublicKeyInput{UserName: aws.String("u"), SSHPublicKeyBody: aws.String(sshRSAKey(t))})
			return err
		}),
		Call: deleteUser,
		Want: Want{Status: 409, Code: "DeleteConflict", Message: "Cannot delete entity, must remove referenced objects first."},
	}, {
		Name:   "DeleteUser/with a login profile",
		Source: issue("cloud-custodian/cloud-custodian#1663", "2017, delete_user of a user with a console password"),
		Setup: userWith(func(ctx context.Context, t *testing.T, c *iam.Client) error {
			_, err := c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("u"), Password: aws.String("Correct-Horse-9")})
			return err
		}),
		Call: deleteUser,
		Want: Want{Status: 409, Code: "DeleteConflict", Message: "Cannot delete entity, must delete login profile first."},
	}, {
		Name: "AttachRolePolicy/retired AWS managed policy",
		Source: issue("newrelic/aws-log-ingestion#77, awslabs/aws-bootstrap-kit#128 and aws-quickstart/quickstart-aws-fintech-blueprint#31",
			"2022, CloudFormation attaching arn:aws:iam::aws:policy/service-role/AWSConfigRole, which AWS lists with IsAttachable false"),
		Setup: setup(mkRole("r", "/service-role/", ec2Trust)),
		Call:  attachToRole("arn:aws:iam::aws:policy/service-role/AWSConfigRole"),
		Want: Want{Status: 404, Code: "NoSuchEntity",
			Message: "Policy arn:aws:iam::aws:policy/service-role/AWSConfigRole does not exist or is not attachable."},
	}, {
		Name:   "AttachRolePolicy/AWS managed policy at the wrong path",
		Source: issue("hashicorp/terraform#31748", "2022, arn:aws:iam::aws:policy/AWSLambdaRole, whose policy lives under /service-role/"),
		Setup:  setup(mkRole("r", "", lambdaTrust)),
		Call:   attachToRole("arn:aws:iam::aws:policy/AWSLambdaRole"),
		Want:   Want{Status: 404, Code: "NoSuchEntity", Message: "Policy arn:aws:iam::aws:policy/AWSLambdaRole does not exist or is not attachable."},
	}, {
		Name:   "AttachRolePolicy/service role policy on a customer role",
		Source: issue("aws/aws-cdk#6131", "2020, attaching aws-service-role/AmazonElasticsearchServiceRolePolicy to a role for EC2"),
		Setup:  setup(mkRole("r", "", ec2Trust)),
		Call:   attachToRole(esServiceRole),
		Want:   Want{Status: 400, Code: "PolicyNotAttachable", Message: "Cannot attach a Service Role Policy to a Customer Role."},
	}, {
		Name:   "ListAttachedRolePolicies/service role policy not attached",
		Source: issue("aws/aws-cdk#6131", "the refused attachment leaves the role without the policy"),
		Setup: setup(mkRole("r", "", ec2Trust), func(ctx context.Context, c *iam.Client) error {
			_, _ = c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("r"), PolicyArn: aws.String(esServiceRole)})
			return nil
		}),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("r")})
		},
		Want: Want{Fields: map[string]any{"AttachedPolicies": Len(0)}},
	}})
}

func TestIAMRec2IssuesProviders(t *testing.T) {
	const github = "https://token.actions.githubusercontent.com"
	createGitHub := func(ctx context.Context, c *iam.Client) error {
		_, err := c.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String(github),
			ClientIDList: []string{"sts.amazonaws.com"}, ThumbprintList: []string{"6938fd4d98bab03faadb97b34396831e3780aea1"}})
		return err
	}
	createAlias := func(name string) func(context.Context, *iam.Client) error {
		return func(ctx context.Context, c *iam.Client) error {
			_, err := c.CreateAccountAlias(ctx, &iam.CreateAccountAliasInput{AccountAlias: aws.String(name)})
			return err
		}
	}
	Run(t, []Case{{
		Name: "CreateOpenIDConnectProvider/same URL twice",
		Source: issue("getscaf/sfu-fullstack-template#75", "2025, a second GitHub Actions provider in one account") + "; also " +
			issue("DrFaust92/terraform-kubernetes-ebs-csi-driver#107", "2023, an EKS issuer URL"),
		Setup: setup(createGitHub),
		Call: func(ctx context.Context, w *World) (any, error) {
			return nil, createGitHub(ctx, iamc(w))
		},
		Want: Want{Status: 409, Code: "EntityAlreadyExists", Message: "Provider with url " + github + " already exists."},
	}, {
		Name:   "DeleteServerCertificate/no such certificate",
		Source: issue("convox/rack#783 and #2024", "2016-2017, NoSuchEntity \"The Server Certificate with name acm-c207d9a89188 cannot be found.\", status 404"),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).DeleteServerCertificate(ctx, &iam.DeleteServerCertificateInput{ServerCertificateName: aws.String("acm-c207d9a89188")})
		},
		Want: Want{Status: 404, Code: "NoSuchEntity", Message: "The Server Certificate with name acm-c207d9a89188 cannot be found."},
	}, {
		Name:   "CreateAccountAlias/alias another account holds",
		Source: issue("awslabs/aws-deployment-framework#465", "2022, EntityAlreadyExists \"The account alias security already exists.\""),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			must(t, "CreateAccountAlias in another account", createAlias("security")(ctx, w.IAM(Root("222222222222"))))
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return nil, createAlias("security")(ctx, iamc(w))
		},
		Want: Want{Status: 409, Code: "EntityAlreadyExists", Message: "The account alias security already exists."},
	}, {
		Name: "ListAccountAliases/a second alias replaces the first",
		Source: "AWS's behaviour as observed on a live account and reported in floci-io/floci#2103 (2026: create-account-alias with a " +
			"new name on an account holding one succeeds and swaps the alias)",
		Setup: setup(createAlias("first-alias"), createAlias("second-alias")),
		Call: func(ctx context.Context, w *World) (any, error) {
			return iamc(w).ListAccountAliases(ctx, &iam.ListAccountAliasesInput{})
		},
		Want: Want{Fields: map[string]any{"AccountAliases": Len(1), "AccountAliases[0]": "second-alias", "IsTruncated": false}},
	}})
}

func TestIAMRec2PolicyResources(t *testing.T) {
	doc := func(resource string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"` + resource + `"}]}`
	}
	createPolicy := func(document string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return iamc(w).CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("p"), PolicyDocument: aws.String(document)})
		}
	}
	putRolePolicy := func(document string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return nil, putRoleDoc("r", "p", document)(ctx, iamc(w))
		}
	}
	const placeholder = "arn:${ARN_PARTITION}:s3:::XYZ-ABC-DEFG"
	const iamWithRegion = "arn:aws:iam:us-east-1:111111111111:role/x"
	Run(t, []Case{{
		Name: "CreatePolicy/resource of an unknown partition",
		Source: issue("cloudera-labs/cloudera.exe#112 and #114", "2022, CreatePolicy with the unreplaced placeholder "+placeholder) + "; also " +
			issue("terraform-aws-modules/terraform-aws-iam#39 and aws/copilot-cli#2563", `"Partition \"aws\" is not valid for resource" in the China and GovCloud partitions`),
		Call: createPolicy(doc(placeholder)),
		Want: Want{Status: 400, Code: "MalformedPolicyDocument", Message: `Partition "${ARN_PARTITION}" is not valid for resource "` + placeholder + `".`},
	}, {
		Name:   "CreatePolicy/resource of another partition",
		Source: issue("terraform-aws-modules/terraform-aws-atlantis#83 and eksctl-io/eksctl#4329", `PutRolePolicy and CreatePolicy naming another partition's ARN: Partition "P" is not valid for resource "ARN".`),
		Call:   createPolicy(doc("arn:aws-cn:s3:::b")),
		Want:   Want{Status: 400, Code: "MalformedPolicyDocument", Message: `Partition "aws-cn" is not valid for resource "arn:aws-cn:s3:::b".`},
	}, {
		Name:   "CreatePolicy/wildcard partition",
		Source: "AWS managed policy arn:aws:iam::aws:policy/AIOpsConsoleAdminPolicy as AWS lists it (MAMIP, 2026-03-07): its Resource \"arn:*:ssm:*:*:opsitem/*\" has a wildcard partition",
		Call:   createPolicy(doc("arn:*:s3:::b")),
		Want:   Want{Fields: map[string]any{"Policy.PolicyName": "p"}},
	}, {
		Name:   "PutRolePolicy/IAM resource with a region",
		Source: issue("cloud-gov/terraform-provision#1838", "2025, \"IAM resource <arn> cannot contain region information.\""),
		Setup:  setup(mkRole("r", "", ec2Trust)),
		Call:   putRolePolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"` + iamWithRegion + `"}]}`),
		Want:   Want{Status: 400, Code: "MalformedPolicyDocument", Message: "IAM resource " + iamWithRegion + " cannot contain region information."},
	}, {
		Name:   "CreatePolicy/service-only resource ARN",
		Source: policyValidity("test_create_policy_valid_document[valid-9]", "2026-02-10"),
		Call:   createPolicy(doc("arn:aws:fdsasf")),
		Want:   Want{Fields: map[string]any{"Policy.PolicyName": "p"}},
	}, {
		Name:   "CreatePolicy/resource ARN without a service",
		Source: policyValidity("test_create_policy_invalid_document[invalid-38]", "2026-02-18"),
		Call:   createPolicy(doc("arn:aws")),
		Want:   Want{Status: 400, Code: "MalformedPolicyDocument", Message: "Resource vendor must be fully qualified and cannot contain regexes."},
	}, {
		Name:   "CreatePolicy/resource ARN with an empty service",
		Source: policyValidity("test_create_policy_invalid_document[invalid-77]", "2026-02-18"),
		Call:   createPolicy(doc("arn:aws::fdsasf")),
		Want:   Want{Status: 400, Code: "MalformedPolicyDocument", Message: "The policy failed legacy parsing"},
	}, {
		// AWS's document was "a:b:cadfsdf"; fakeaws refuses a resource
		// not starting with "arn:" before its partition check, as not in
		// ARN format (docs/deviations.md), so the case starts it with "arn:".
		Name:   "CreatePolicy/service-only resource ARN of an unknown partition",
		Source: policyValidity("test_create_policy_invalid_document[invalid-22]", "2026-02-18"),
		Call:   createPolicy(doc("arn:b:cadfsdf")),
		Want:   Want{Status: 400, Code: "MalformedPolicyDocument", Message: `Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*".`},
	}, {
		Name:   "CreatePolicy/action vendor with a space",
		Source: policyValidity("test_create_policy_invalid_document[invalid-13]", "2026-02-18"),
		Call:   createPolicy(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"a a:ListBucket","Resource":"arn:aws:s3:::example_bucket"}}`),
		Want:   Want{Status: 400, Code: "MalformedPolicyDocument", Message: "Vendor a a is not valid"},
	}})
}

// policyValidity cites LocalStack's TestPolicyDocumentValidity, whose
// documents CreatePolicy answered on AWS (the snapshot's "error" or
// "response").
func policyValidity(test, validated string) string {
	return localstack("iam/test_iam_policies.snapshot.json", "TestPolicyDocumentValidity::"+test, "error/response", validated)
}
