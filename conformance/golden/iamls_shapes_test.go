package golden

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/fakeaws/fakeaws/emulator/totp"
)

// Success answers from LocalStack's split IAM tests,
// tests/aws/services/iam/test_iam_<area>.py (recorded from AWS Feb-Mar
// 2026), as conformance/localstack-snap/run.sh compared them: which
// elements an answer carries, which it leaves out (Missing) and which it
// carries empty (EmptyList). Ids and dates are not compared (LocalStack's
// transformers replace them).

func lsCreateRoleWith(in iam.CreateRoleInput) iamCall {
	return func(ctx context.Context, c *iam.Client) (any, error) {
		req := in // a copy: cases sharing this call run in parallel
		if req.AssumeRolePolicyDocument == nil {
			req.AssumeRolePolicyDocument = aws.String(lsTrust)
		}
		return c.CreateRole(ctx, &req)
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

// lsSummaryFormat is the SummaryMap of LocalStack test_iam_account_summary.py
// test_get_account_summary_format "transformed-summary": the quotas and
// flags as recorded, the counts (which depend on the account) Present.
var lsSummaryFormat = map[string]any{
	"SummaryMap": Len(34), "SummaryMap.AccessKeysPerUserQuota": 2, "SummaryMap.AccountAccessKeysPresent": 0,
	"SummaryMap.AccountMFAEnabled": 0, "SummaryMap.AccountPasswordPresent": Present, "SummaryMap.AccountSigningCertificatesPresent": 0,
	"SummaryMap.AssumeRolePolicySizeQuota": 2048, "SummaryMap.AttachedPoliciesPerGroupQuota": 10, "SummaryMap.AttachedPoliciesPerRoleQuota": 10,
	"SummaryMap.AttachedPoliciesPerUserQuota": 10, "SummaryMap.GlobalEndpointTokenVersion": 1, "SummaryMap.GroupPolicySizeQuota": 5120,
	"SummaryMap.Groups": Present, "SummaryMap.GroupsPerUserQuota": 10, "SummaryMap.GroupsQuota": 300, "SummaryMap.InstanceProfiles": Present,
	"SummaryMap.InstanceProfilesQuota": 1000, "SummaryMap.MFADevices": Present, "SummaryMap.MFADevicesInUse": Present, "SummaryMap.Policies": Present,
	"SummaryMap.PoliciesQuota": 1500, "SummaryMap.PolicySizeQuota": 6144, "SummaryMap.PolicyVersionsInUse": Present,
	"SummaryMap.PolicyVersionsInUseQuota": 10000, "SummaryMap.Providers": Present, "SummaryMap.RolePolicySizeQuota": 10240,
	"SummaryMap.Roles": Present, "SummaryMap.RolesQuota": 1000, "SummaryMap.ServerCertificates": Present, "SummaryMap.ServerCertificatesQuota": 20,
	"SummaryMap.SigningCertificatesPerUserQuota": 2, "SummaryMap.UserPolicySizeQuota": 2048, "SummaryMap.Users": Present,
	"SummaryMap.UsersQuota": 5000, "SummaryMap.VersionsPerPolicyQuota": 5,
}

// lsSummaryResources makes one of each resource
// test_get_account_summary_with_resources makes, in a fresh account.
func lsSummaryResources(ctx context.Context, t *testing.T, c *iam.Client, _ *material) {
	for _, step := range steps(mkUser("u"), mkGroup("g"), mkRole("r", "", lsTrust), mkPolicy("p", listBucket), lsAttachRole("r", policyARN("p")),
		lsInstanceProfile("ip"), do(func(ctx context.Context, c *iam.Client) (any, error) {
			return c.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://oidc.example.com"), ThumbprintList: []string{strings.Repeat("a", 40)}})
		})) {
		must(t, "set-up", step(ctx, c))
	}
	_, err := c.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("saml"), SAMLMetadataDocument: aws.String(samlMetadataDoc(t))})
	must(t, "CreateSAMLProvider", err)
	r, err := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("mfa")})
	must(t, "CreateVirtualMFADevice", err)
	seed, now := string(r.VirtualMFADevice.Base32StringSeed), time.Now()
	_, err = c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("u"), SerialNumber: r.VirtualMFADevice.SerialNumber,
		AuthenticationCode1: aws.String(totp.Code(seed, now.Add(-30*time.Second))), AuthenticationCode2: aws.String(totp.Code(seed, now))})
	must(t, "EnableMFADevice", err)
	cert, key := selfSigned(t, "www.example.com")
	_, err = c.UploadServerCertificate(ctx, &iam.UploadServerCertificateInput{ServerCertificateName: aws.String("cert"),
		CertificateBody: aws.String(cert), PrivateKey: aws.String(key)})
	must(t, "UploadServerCertificate", err)
}

func TestIAMLSAccountShapes(t *testing.T) {
	summary := func(test, key string) string {
		return lsIAM("account_summary", "TestGetAccountSummary::"+test, key, "2026-02-17")
	}
	getSummary := func(ctx context.Context, c *iam.Client, _ *material) (any, error) {
		return c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	}
	generate := func(ctx context.Context, c *iam.Client) (any, error) {
		return c.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
	}
	report := func(key string) string {
		return lsIAM("credential_report", "TestIAMCredentialReport::test_credential_report", key, "2026-02-17")
	}
	Run(t, []Case{
		ok("GenerateCredentialReport/STARTED", report("initial-generate-response"), nil, generate,
			map[string]any{"State": "STARTED", "Description": "No report exists. Starting a new report generation task"}),
		ok("GenerateCredentialReport/COMPLETE has no Description", report("generate-completed-response"), steps(do(generate)), generate,
			map[string]any{"State": "COMPLETE", "Description": Missing}),
		credentialCase(Case{Name: "GetAccountSummary/keys", Source: summary("test_get_account_summary_format", "transformed-summary"), Want: Want{Fields: lsSummaryFormat}},
			func(context.Context, *testing.T, *iam.Client, *material) {}, getSummary),
		// The recorded deltas; a fresh account starts at zero.
		credentialCase(Case{Name: "GetAccountSummary/one of each resource", Source: summary("test_get_account_summary_with_resources", "resource-deltas"), Want: Want{Fields: map[string]any{
			"SummaryMap.AccountPasswordPresent": 0, "SummaryMap.Groups": 1, "SummaryMap.InstanceProfiles": 1, "SummaryMap.MFADevices": 1,
			"SummaryMap.MFADevicesInUse": 1, "SummaryMap.Policies": 1, "SummaryMap.PolicyVersionsInUse": 1, "SummaryMap.Providers": 2,
			"SummaryMap.Roles": 1, "SummaryMap.ServerCertificates": 1, "SummaryMap.Users": 1,
		}}}, lsSummaryResources, getSummary),
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

func TestIAMLSProviderShapes(t *testing.T) {
	profiles := func(test, key string) string {
		return lsIAM("instance_profiles", "TestInstanceProfileLifecycle::"+test, key, "2026-02-12")
	}
	samlSrc := func(test, key string) string {
		return lsIAM("saml_providers", "TestSAMLProviders::"+test, key, "2026-02-13")
	}
	samlOne := func(ctx context.Context, t *testing.T, c *iam.Client, m *material) {
		r, err := c.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("saml"), SAMLMetadataDocument: aws.String(samlMetadataDoc(t))})
		must(t, "CreateSAMLProvider", err)
		m.ids["arn"] = *r.SAMLProviderArn
	}
	oidcURL := "https://oidc.example.com"
	Run(t, []Case{
		ok("CreateInstanceProfile/no Tags", profiles("test_instance_profile_lifecycle", "create-instance-profile"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String("ip")})
		}, map[string]any{"InstanceProfile.Tags": Missing, "InstanceProfile.Roles": EmptyList}),
		ok("GetInstanceProfile/empty Tags", profiles("test_instance_profile_lifecycle", "get-instance-profile"), steps(lsInstanceProfile("ip")), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("ip")})
		}, map[string]any{"InstanceProfile.Tags": EmptyList, "InstanceProfile.Roles": EmptyList}),
		ok("GetOpenIDConnectProvider/empty Tags", lsIAM("oidc", "TestOIDCProviderOperations::test_get_open_id_connect_provider", "get-response", "2026-03-03"),
			steps(do(func(ctx context.Context, c *iam.Client) (any, error) {
				return c.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String(oidcURL), ThumbprintList: []string{strings.Repeat("a", 40)}})
			})), func(ctx context.Context, c *iam.Client) (any, error) {
				return c.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String("arn:aws:iam::" + iamAcct + ":oidc-provider/oidc.example.com")})
			}, map[string]any{"Tags": EmptyList, "ClientIDList": EmptyList, "ThumbprintList": Len(1)}),
		credentialCase(Case{Name: "GetSAMLProvider/defaults", Source: samlSrc("test_get_saml_provider", "get-response"), Want: Want{Fields: map[string]any{
			"AssertionEncryptionMode": "Allowed", "PrivateKeyList": EmptyList, "Tags": EmptyList, "ValidUntil": Present, "SAMLProviderUUID": Present,
		}}}, samlOne, func(ctx context.Context, c *iam.Client, m *material) (any, error) {
			return c.GetSAMLProvider(ctx, &iam.GetSAMLProviderInput{SAMLProviderArn: aws.String(m.ids["arn"])})
		}),
		credentialCase(Case{Name: "ListSAMLProviders/ValidUntil", Source: samlSrc("test_list_saml_providers", "list-response"), Want: Want{Fields: map[string]any{
			"SAMLProviderList[0].ValidUntil": Present, "SAMLProviderList[0].CreateDate": Present,
		}}}, samlOne, func(ctx context.Context, c *iam.Client, _ *material) (any, error) {
			return c.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{})
		}),
	})
}

func TestIAMLSPolicyListing(t *testing.T) {
	Run(t, []Case{
		// AWS's first five AWS managed policies, all created 2015-02-06 in
		// this order; the names are masked in the recording but follow
		// from the default versions (v1, v12, v178, v7, v14) and the one
		// left readable (AWSCloudFormation<ReadOnlyAccess>).
		ok("ListPolicies/Scope AWS in creation order", lsIAM("managed_policies", "TestListPoliciesScope::test_list_policies_scope_aws", "list-policies-aws-page", "2026-02-24"), nil,
			func(ctx context.Context, c *iam.Client) (any, error) {
				return c.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws, MaxItems: aws.Int32(5)})
			}, map[string]any{
				"Policies": Len(5), "IsTruncated": true, "Marker": Present,
				"Policies[0].PolicyName": "AdministratorAccess", "Policies[0].DefaultVersionId": "v1",
				"Policies[1].PolicyName": "PowerUserAccess", "Policies[1].DefaultVersionId": "v12",
				"Policies[2].PolicyName": "ReadOnlyAccess", "Policies[2].DefaultVersionId": Match(`^v\d+$`),
				"Policies[3].PolicyName": "AWSCloudFormationReadOnlyAccess", "Policies[3].DefaultVersionId": "v7",
				"Policies[4].PolicyName": "CloudFrontFullAccess", "Policies[4].DefaultVersionId": "v14",
				"Policies[4].PermissionsBoundaryUsageCount": 0, "Policies[4].IsAttachable": true, "Policies[4].Path": "/",
			}),
		ok("ListPolicies/a new customer policy on the first page", lsIAM("policies", "TestPolicies::test_policy_lifecycle[/]", "filtered-policy-list", "2026-02-10"),
			steps(mkPolicy("test-policy", listBucket)), func(ctx context.Context, c *iam.Client) (any, error) {
				return c.ListPolicies(ctx, &iam.ListPoliciesInput{})
			}, map[string]any{
				"Policies": Len(100), "Policies[0].PolicyName": "test-policy", "Policies[0].AttachmentCount": 0,
				"Policies[0].PermissionsBoundaryUsageCount": 0, "Policies[0].IsAttachable": true, "Policies[0].Tags": Missing,
			}),
	})
}

func TestIAMLSPolicyTags(t *testing.T) {
	tagSrc := func(test, key, date string) string { return lsIAM("policies", "TestPolicyTags::"+test, key, date) }
	p := policyARN("p")
	listTags := func(ctx context.Context, c *iam.Client) (any, error) {
		return c.ListPolicyTags(ctx, &iam.ListPolicyTagsInput{PolicyArn: aws.String(p)})
	}
	Run(t, []Case{
		ok("CreatePolicy/keys differing in case are two tags", tagSrc("test_policy_tag_lifecycle", "list-case-sensitive-tags", "2026-02-10"),
			steps(do(lsCreatePolicyTagged("p", iamTags("a", "lowercase", "A", "uppercase")...))), listTags,
			map[string]any{"Tags": Len(2), "Tags[0].Key": "A", "Tags[0].Value": "uppercase", "Tags[1].Key": "a", "IsTruncated": false}),
		ok("UntagPolicy/removes the key in its case only", tagSrc("test_policy_tag_operations", "list-after-untag-lowercase", "2026-02-10"),
			steps(mkPolicy("p", listBucket), do(lsTagPolicy(p, iamTags("a", "lowercase", "A", "uppercase")...)), do(lsUntagPolicy(p, "a"))), listTags,
			map[string]any{"Tags": Len(1), "Tags[0].Key": "A"}),
		ok("CreatePolicy/answers the tags in the request's order", tagSrc("test_policy_tag_order", "create-with-case-sensitive-tags", "2026-02-18"), nil,
			lsCreatePolicyTagged("p", iamTags("abc", "first", "b", "second", "z", "third", "a", "fourth")...),
			map[string]any{"Policy.Tags[0].Key": "abc", "Policy.Tags[1].Key": "b", "Policy.Tags[2].Key": "z", "Policy.Tags[3].Key": "a"}),
		ok("ListPolicyTags/shorter keys first", tagSrc("test_policy_tag_order", "list-tags", "2026-02-18"),
			steps(do(lsCreatePolicyTagged("p", iamTags("abc", "first", "b", "second", "z", "third", "a", "fourth")...))), listTags,
			map[string]any{"Tags[0].Key": "a", "Tags[0].Value": "fourth", "Tags[1].Key": "b", "Tags[2].Key": "z", "Tags[3].Key": "abc", "Tags[3].Value": "first"}),
	})
}

// TestIAMLSAWSManagedDetails replays what fakeaws can of
// test_get_account_authorization_details_filter_aws_managed_policy: the
// recording account had AmazonS3FullAccess attached twice (AWS lists AWS
// managed policies in use only), and AWS lists its two versions where
// fakeaws, which embeds default versions only, lists v2 (docs/deviations.md).
func TestIAMLSAWSManagedDetails(t *testing.T) {
	s3Full := "arn:aws:iam::aws:policy/AmazonS3FullAccess"
	sysAdmin := "arn:aws:iam::aws:policy/job-function/SystemAdministrator"
	Run(t, []Case{
		// Only GetPolicy: AWS's ListPolicyVersions lists v12 to v1 where
		// fakeaws has the default version only (docs/deviations.md).
		ok("GetPolicy/an AWS managed policy", lsIAM("managed_policies", "TestGetAwsManagedPolicy::test_get_aws_managed_policy_higher_version", "get-policy", "2026-02-20"), nil,
			func(ctx context.Context, c *iam.Client) (any, error) {
				return c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(sysAdmin)})
			}, map[string]any{
				"Policy.Arn": sysAdmin, "Policy.Path": "/job-function/", "Policy.DefaultVersionId": "v12", "Policy.AttachmentCount": 0,
				"Policy.PermissionsBoundaryUsageCount": 0, "Policy.IsAttachable": true, "Policy.Tags": EmptyList,
				"Policy.Description": "Grants full access permissions necessary for resources required for application and development operations.",
			}),
		ok("GetAccountAuthorizationDetails/AWSManagedPolicy in use", lsIAM("account_authorization_details",
			"TestGetAccountAuthorizationDetails::test_get_account_authorization_details_filter_aws_managed_policy", "aws-managed-policy-result", "2026-02-17"),
			steps(mkUser("u"), mkRole("r", "", lsTrust), lsAttachRole("r", s3Full), do(func(ctx context.Context, c *iam.Client) (any, error) {
				return c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("u"), PolicyArn: aws.String(s3Full)})
			})), func(ctx context.Context, c *iam.Client) (any, error) {
				return c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{types.EntityTypeAWSManagedPolicy}})
			}, map[string]any{
				"UserDetailList": EmptyList, "GroupDetailList": EmptyList, "RoleDetailList": EmptyList,
				"Policies": Len(1), "Policies[0].PolicyName": "AmazonS3FullAccess", "Policies[0].AttachmentCount": 2,
				"Policies[0].DefaultVersionId": "v2", "Policies[0].IsAttachable": true, "Policies[0].Path": "/",
				"Policies[0].PermissionsBoundaryUsageCount":  0,
				"Policies[0].PolicyVersionList[0].VersionId": "v2", "Policies[0].PolicyVersionList[0].IsDefaultVersion": true,
			}),
	})
}

// TestIAMLSListShapes pins list answers the split recordings hold and
// fakeaws already matched when they were first run (ListRoles has a
// hand-written XML writer, emulator/iam/xmlwriters.go).
func TestIAMLSListShapes(t *testing.T) {
	pagination := func(key string) string {
		return lsIAM("roles", "TestRolePagination::test_list_roles_pagination", key, "2026-02-11")
	}
	var five []func(context.Context, *iam.Client) error
	for i := 0; i < 5; i++ {
		in := iam.CreateRoleInput{RoleName: aws.String("role-0" + strconv.Itoa(i)), Path: aws.String("/test-pagination/")}
		if i%2 == 0 {
			in.Description = aws.String("Role " + strconv.Itoa(i))
		}
		five = append(five, do(lsCreateRoleWith(in)))
	}
	listRoles := func(max int32, marker bool) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			in := &iam.ListRolesInput{PathPrefix: aws.String("/test-pagination/")}
			if max > 0 {
				in.MaxItems = aws.Int32(max)
			}
			if marker {
				first, err := c.ListRoles(ctx, &iam.ListRolesInput{PathPrefix: in.PathPrefix, MaxItems: aws.Int32(2)})
				if err != nil {
					return nil, err
				}
				in.Marker = first.Marker
			}
			return c.ListRoles(ctx, in)
		}
	}
	profiles := func(test, key string) string { return lsIAM("instance_profiles", test, key, "2026-02-12") }
	entities := func(key string) string {
		return lsIAM("policies", "TestListEntitiesForPolicy::test_list_entities_for_policy", key, "2026-02-17")
	}
	listEntities := func(filter types.EntityType) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.ListEntitiesForPolicy(ctx, &iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(policyARN("p")), EntityFilter: filter})
		}
	}
	Run(t, []Case{
		ok("ListRoles/first page", pagination("list-roles-max-items"), five, listRoles(2, false), map[string]any{
			"IsTruncated": true, "Marker": Present, "Roles": Len(2),
			"Roles[0].RoleName": "role-00", "Roles[0].Description": "Role 0", "Roles[0].MaxSessionDuration": 3600,
			"Roles[0].RoleLastUsed": Missing, "Roles[0].Tags": Missing, "Roles[0].PermissionsBoundary": Missing,
			"Roles[1].RoleName": "role-01", "Roles[1].Description": Missing,
		}),
		ok("ListRoles/after the marker", pagination("list-roles-with-marker"), five, listRoles(0, true), map[string]any{
			"IsTruncated": false, "Marker": Missing, "Roles": Len(3), "Roles[0].RoleName": "role-02", "Roles[0].Description": "Role 2",
			"Roles[1].Description": Missing, "Roles[2].Description": "Role 4", "Roles[2].MaxSessionDuration": 3600,
		}),
		ok("ListRoles/nothing under the prefix", pagination("list-roles-empty"), nil, listRoles(0, false), map[string]any{
			"IsTruncated": false, "Roles": EmptyList, "Marker": Missing,
		}),
		ok("ListInstanceProfiles/with a role", profiles("TestInstanceProfileLifecycle::test_list_instance_profiles", "list-instance-profiles"),
			steps(mkRole("r", "", lsTrust), lsInstanceProfile("ip"), lsAddRole("ip", "r")), func(ctx context.Context, c *iam.Client) (any, error) {
				return c.ListInstanceProfiles(ctx, &iam.ListInstanceProfilesInput{})
			}, map[string]any{
				"IsTruncated": false, "InstanceProfiles": Len(1), "InstanceProfiles[0].Tags": Missing,
				"InstanceProfiles[0].Roles[0].RoleName": "r", "InstanceProfiles[0].Roles[0].MaxSessionDuration": Missing,
				"InstanceProfiles[0].Roles[0].RoleLastUsed": Missing, "InstanceProfiles[0].Roles[0].Description": Missing,
			}),
		ok("ListInstanceProfilesForRole/none", profiles("TestInstanceProfileRoles::test_list_instance_profiles_for_role", "list-for-role-empty"),
			steps(mkRole("r", "", lsTrust)), func(ctx context.Context, c *iam.Client) (any, error) {
				return c.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("r")})
			}, map[string]any{"IsTruncated": false, "InstanceProfiles": EmptyList, "Marker": Missing}),
		ok("ListAttachedRolePolicies/none", lsIAM("roles", "TestRoleManagedPolicies::test_role_managed_policy_lifecycle", "list-attached-policies-empty", "2026-02-11"),
			steps(mkRole("r", "", lsTrust)), func(ctx context.Context, c *iam.Client) (any, error) {
				return c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("r")})
			}, map[string]any{"IsTruncated": false, "AttachedPolicies": EmptyList, "Marker": Missing}),
		ok("ListEntitiesForPolicy/none", entities("empty-entities"), steps(mkPolicy("p", listBucket)), listEntities(""), map[string]any{
			"IsTruncated": false, "PolicyGroups": EmptyList, "PolicyRoles": EmptyList, "PolicyUsers": EmptyList,
		}),
		ok("ListEntitiesForPolicy/EntityFilter Role", entities("filter-role"),
			steps(mkPolicy("p", listBucket), mkUser("u"), mkGroup("g"), mkRole("r", "", lsTrust), lsAttachRole("r", policyARN("p")), do(func(ctx context.Context, c *iam.Client) (any, error) {
				return c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("u"), PolicyArn: aws.String(policyARN("p"))})
			})), listEntities(types.EntityTypeRole), map[string]any{
				"IsTruncated": false, "PolicyGroups": EmptyList, "PolicyUsers": EmptyList, "PolicyRoles": Len(1),
				"PolicyRoles[0].RoleName": "r", "PolicyRoles[0].RoleId": Prefix("AROA"),
			}),
	})
}

// TestIAMLSUserShapes pins GetUser and ListUsers answers of the split
// recordings (ListUsers has a hand-written XML writer).
func TestIAMLSUserShapes(t *testing.T) {
	lifecycle := func(key string) string {
		return lsIAM("users", "TestUserLifecycle::test_user_lifecycle[/test-lifecycle-path/]", key, "2026-02-19")
	}
	user := steps(do(func(ctx context.Context, c *iam.Client) (any, error) {
		return c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u"), Path: aws.String("/test-lifecycle-path/")})
	}))
	listUsers := func(prefix string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			return c.ListUsers(ctx, &iam.ListUsersInput{PathPrefix: aws.String(prefix)})
		}
	}
	Run(t, []Case{
		ok("GetUser/no tags, password or boundary", lifecycle("get-user"), user, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("u")})
		}, map[string]any{
			"User.Path": "/test-lifecycle-path/", "User.Arn": "arn:aws:iam::" + iamAcct + ":user/test-lifecycle-path/u", "User.UserId": Prefix("AIDA"),
			"User.Tags": Missing, "User.PasswordLastUsed": Missing, "User.PermissionsBoundary": Missing,
		}),
		ok("ListUsers/path prefix", lifecycle("list-filtered-users"), user, listUsers("/test-lifecycle-path/"), map[string]any{
			"IsTruncated": false, "Marker": Missing, "Users": Len(1), "Users[0].UserName": "u", "Users[0].Tags": Missing,
		}),
		ok("ListUsers/partial path prefix", lifecycle("list-filtered-users-partial-path"), user, listUsers("/test-life"), map[string]any{
			"IsTruncated": false, "Users": Len(1), "Users[0].Path": "/test-lifecycle-path/",
		}),
	})
}
