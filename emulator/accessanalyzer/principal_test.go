package accessanalyzer

import (
	"fmt"
	"strings"
	"testing"
)

// want is one finding as a test expects it: issue code, finding type,
// path, the document text its span covers, and the exact details.
type want struct {
	code  string
	typ   FindingType
	path  string
	text  string
	found string
}

func (w want) String() string {
	return fmt.Sprintf("%s %s %s %s %q", w.code, w.typ, w.path, w.text, w.found)
}

// findingsAsWant runs Validate and renders every finding as a want
// (documents are ASCII, so span offsets index the string).
func findingsAsWant(t *testing.T, doc string, typ PolicyType, rt string) []want {
	t.Helper()
	var out []want
	for _, f := range Validate(Input{Document: doc, Type: typ, ResourceType: rt}) {
		sp := f.Locations[0].Span
		out = append(out, want{f.IssueCode, f.FindingType, pathString(f.Locations[0].Path),
			doc[sp.Start.Offset:sp.End.Offset], f.FindingDetails})
		kind := map[FindingType]string{Error: "error", Warning: "general-warning",
			SecurityWarning: "security-warning", Suggestion: "suggestion"}[f.FindingType]
		anchor := "#access-analyzer-reference-policy-checks-" + kind + "-" + strings.ToLower(strings.ReplaceAll(f.IssueCode, "_", "-"))
		if f.LearnMoreLink != referenceURL+anchor {
			t.Errorf("%s: learnMoreLink = %s, want %s", f.IssueCode, f.LearnMoreLink, referenceURL+anchor)
		}
	}
	return out
}

type checkCase struct {
	name string
	doc  string
	typ  PolicyType
	rt   string
	want []want
}

func runCheckCases(t *testing.T, tests []checkCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := findingsAsWant(t, tc.doc, tc.typ, tc.rt)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("findings:\n got %v\nwant %v", got, tc.want)
			}
		})
	}
}

// trustDoc is a role trust policy with one statement.
const trustDoc = `{"Version":"2012-10-17","Statement":[%s]}`

// TestPrincipalChecks: the Principal and Sid checks of AWS's "IAM policy
// validation check reference"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html),
// with the answers AWS recorded where a project ran them against AWS:
// awslabs/aws-cloudformation-iam-policy-validator
// cfn_policy_validator/tests/validation_tests/test_role_validator.py
// (`"Principal": {}` gives SUGGESTION EMPTY_OBJECT_PRINCIPAL, a principal
// key "AwS" gives an ERROR, {"AWS": account} with "Action": "*" gives
// nothing) and sjakthol/aws-access-analyzer-validator
// examples/sample_report.md (a trust policy's `"Sid": ""`).
func TestPrincipalChecks(t *testing.T) {
	emptyPrincipal := "This statement includes no principals and does not affect the policy. Specify principals."
	runCheckCases(t, []checkCase{
		{"AWS: empty principal object in a trust policy", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Action":"*","Principal":{}}`), ResourcePolicy, trustPolicyType,
			[]want{{"EMPTY_OBJECT_PRINCIPAL", Suggestion, "Statement[0].Principal", `{}`, emptyPrincipal}}},
		{"AWS: principal key AwS", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Action":"*","Principal":{"AwS":"111111111111"}}`), ResourcePolicy, trustPolicyType,
			[]want{{"INVALID_PRINCIPAL_KEY", Error, "Statement[0].Principal{AwS}", `"AwS"`, "The principal key AwS is not valid."}}},
		{"AWS: account principal with every action", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Action":"*","Principal":{"AWS":"111111111111"}}`), ResourcePolicy, trustPolicyType, nil},
		{"AWS: empty Sid in a trust policy", fmt.Sprintf(trustDoc, `{"Sid":"","Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"}`), ResourcePolicy, trustPolicyType,
			[]want{{"EMPTY_SID_VALUE", Suggestion, "Statement[0].Sid", `""`, "Add a value to the empty string in the Sid element."}}},
		{"empty principal array", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"AWS":[]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), ResourcePolicy, S3BucketResourceType,
			[]want{{"EMPTY_ARRAY_PRINCIPAL", Suggestion, "Statement[0].Principal{AWS}", `[]`, emptyPrincipal}}},
		{"principal given as an ARN string", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":"arn:aws:iam::111111111111:root","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), ResourcePolicy, S3BucketResourceType,
			[]want{{"INVALID_PRINCIPAL_FORMAT", Error, "Statement[0].Principal", `"arn:aws:iam::111111111111:root"`, "The Principal element contents are not valid. Specify a key-value pair in the Principal element."}}},
		{"wildcard service principal", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Service":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), ResourcePolicy, S3BucketResourceType,
			[]want{{"UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Error, "Statement[0].Principal{Service}", `"*"`, "Wildcards (*, ?) are not supported with the principal key Service. Replace the wildcard with a valid principal value."}}},
		{"wildcard in a role ARN principal", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"AWS":["111111111111","arn:aws:iam::111111111111:role/ci-*"]},"Action":"sts:AssumeRole"}`), ResourcePolicy, trustPolicyType,
			[]want{{"UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Error, "Statement[0].Principal{AWS}[1]", `"arn:aws:iam::111111111111:role/ci-*"`, "Wildcards (*, ?) are not supported with the principal key AWS. Replace the wildcard with a valid principal value."}}},
		{"federated principal in a bucket policy", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), ResourcePolicy, S3BucketResourceType,
			[]want{{"FEDERATED_PRINCIPAL_NOT_SUPPORTED", Error, "Statement[0].Principal{Federated}", `"Federated"`, "The policy type does not support a federated identity provider in the principal element. Use a supported principal."}}},
		{"federated principal in a trust policy", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}`), ResourcePolicy, trustPolicyType, nil},
		{"NotPrincipal in a trust policy", fmt.Sprintf(trustDoc, `{"Effect":"Deny","NotPrincipal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"}`), ResourcePolicy, trustPolicyType,
			[]want{{"ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", Error, "Statement[0].NotPrincipal", `{"AWS":"111111111111"}`, "Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead."}}},
		{"Principal * in a trust policy", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x"}}}`), ResourcePolicy, trustPolicyType,
			[]want{{"ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Error, "Statement[0].Principal", `"*"`, `"Principal:" "*" is not supported in the principal element of a role trust policy. Replace the wildcard with a valid principal value.`}}},
		{"Resource in a trust policy", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole","Resource":"arn:aws:iam::111111111111:role/r"}`), ResourcePolicy, trustPolicyType,
			[]want{{"ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", Error, "Statement[0].Resource", `"arn:aws:iam::111111111111:role/r"`, "Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element."}}},
		{"Sid with a hyphen in an identity policy", fmt.Sprintf(trustDoc, `{"Sid":"read-only","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}`), IdentityPolicy, "",
			[]want{{"UNSUPPORTED_SID", Error, "Statement[0].Sid", `"read-only"`, "Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]"}}},
		// ansible-collections/community.aws
		// tests/integration/targets/accessanalyzer_validate_policy_info:
		// RESOURCE_POLICY, no resource type, two statements "DuplicateSID"
		// (the aws:SourceAccount conditions keep the case to the Sid).
		{"AWS: duplicate Sid in a resource policy", fmt.Sprintf(trustDoc, `{"Sid":"DuplicateSID","Effect":"Allow","Action":["sts:AssumeRole"],"Principal":{"Service":"ssm-incidents.amazonaws.com"},"Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}}},`+
			`{"Sid":"DuplicateSID","Effect":"Allow","Action":["sts:AssumeRole"],"Principal":{"Service":"ec2.amazonaws.com"},"Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}}}`), ResourcePolicy, "",
			[]want{{"UNIQUE_SIDS_RECOMMENDED", Warning, "Statement[1].Sid", `"DuplicateSID"`, "We recommend that you use statement IDs that are unique to your policy. Update the Sid value."}}},
		{"duplicate Sid in a trust policy", fmt.Sprintf(trustDoc, `{"Sid":"A","Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"111111111111"}},{"Sid":"A","Effect":"Allow","Action":"sts:TagSession","Principal":{"AWS":"111111111111"}}`), ResourcePolicy, trustPolicyType,
			[]want{{"UNIQUE_SIDS_REQUIRED", Error, "Statement[1].Sid", `"A"`, "Duplicate statement IDs are not supported for this policy type. Update the Sid value."}}},
		{"Allow with NotPrincipal links to its section", fmt.Sprintf(trustDoc, `{"Effect":"Allow","NotPrincipal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), ResourcePolicy, S3BucketResourceType,
			[]want{{"ALLOW_WITH_NOT_PRINCIPAL", SecurityWarning, "Statement[0].NotPrincipal", `{"AWS":"111111111111"}`, "Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead."}}},
		{"Sid with spaces in a bucket policy", fmt.Sprintf(trustDoc, `{"Sid":"Allow reading","Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), ResourcePolicy, S3BucketResourceType, nil},
	})
}

// TestPrincipalReferenceChecks: the reference's checks of the principals
// a resource or role trust policy names (unique IDs, assumed-role
// sessions, federated providers and their actions, IAM Roles Anywhere).
func TestPrincipalReferenceChecks(t *testing.T) {
	fedAction := "The %s action is invalid with the following principal(s): %s. Use a SAML provider principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action. Ensure the provider is Federated if you use either of the two options."
	runCheckCases(t, []checkCase{
		{"role ID as principal", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"AWS":"AROAEXAMPLEID1234567"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), ResourcePolicy, S3BucketResourceType,
			[]want{{"INVALID_ROLE_REFERENCE", Warning, "Statement[0].Principal{AWS}", `"AROAEXAMPLEID1234567"`, "The Principal element includes the IAM role ID AROAEXAMPLEID1234567. We recommend that you use a role ARN instead."}}},
		{"user ID as principal", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"AWS":["111111111111","AIDAEXAMPLEID1234567"]},"Action":"sts:AssumeRole"}`), ResourcePolicy, trustPolicyType,
			[]want{{"INVALID_USER_REFERENCE", Warning, "Statement[0].Principal{AWS}[1]", `"AIDAEXAMPLEID1234567"`, "The Principal element includes the IAM user ID AIDAEXAMPLEID1234567. We recommend that you use a user ARN instead."}}},
		{"session next to its role", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:role/path/ops","arn:aws:sts::111111111111:assumed-role/ops/alice"]},"Action":"sts:AssumeRole"}`), ResourcePolicy, trustPolicyType,
			[]want{{"REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY", Suggestion, "Statement[0].Principal{AWS}[1]", `"arn:aws:sts::111111111111:assumed-role/ops/alice"`, "The assumed-role principal arn:aws:sts::111111111111:assumed-role/ops/alice is redundant with its parent role arn:aws:iam::111111111111:role/path/ops. Remove the assumed-role principal."}}},
		{"session of another role", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:role/ops","arn:aws:sts::222222222222:assumed-role/ops/alice"]},"Action":"sts:AssumeRole"}`), ResourcePolicy, trustPolicyType, nil},
		{"federated principal that is no provider", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:role/r"},"Action":"sts:AssumeRoleWithWebIdentity"}`), ResourcePolicy, trustPolicyType,
			[]want{{"INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY", Error, "Statement[0].Principal{Federated}", `"arn:aws:iam::111111111111:role/r"`, "The principal value specifies a federated principal that does not match the expected format. Update the federated principal to a domain name or a SAML metadata ARN."}}},
		{"SAML provider with web identity", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:saml-provider/corp"},"Action":"sts:AssumeRoleWithWebIdentity"}`), ResourcePolicy, trustPolicyType,
			[]want{{"MISMATCHED_ACTION_FOR_PRINCIPAL", Error, "Statement[0].Action", `"sts:AssumeRoleWithWebIdentity"`, fmt.Sprintf(fedAction, "sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111111111111:saml-provider/corp")}}},
		{"OIDC provider with SAML", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},"Action":["sts:TagSession","sts:AssumeRoleWithSAML"],`+
			`"Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:octo-org/app:ref:refs/heads/main"}}}`), ResourcePolicy, trustPolicyType,
			[]want{{"MISMATCHED_ACTION_FOR_PRINCIPAL", Error, "Statement[0].Action[1]", `"sts:AssumeRoleWithSAML"`, fmt.Sprintf(fedAction, "sts:AssumeRoleWithSAML", "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com")}}},
		{"providers with their actions", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:saml-provider/corp"},"Action":"sts:AssumeRoleWithSAML"},`+
			`{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}`), ResourcePolicy, trustPolicyType, nil},
		{"Roles Anywhere without TagSession", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":["sts:AssumeRole","sts:SetSourceIdentity"]}`), ResourcePolicy, trustPolicyType,
			[]want{{"MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY", Error, "Statement[0].Action", `["sts:AssumeRole","sts:SetSourceIdentity"]`, "The rolesanywhere.amazonaws.com service principal requires the sts:AssumeRole, sts:SetSourceIdentity, and sts:TagSession permissions to assume a role. Add the missing permissions to the policy."}}},
		{"Roles Anywhere with its actions", fmt.Sprintf(trustDoc, `{"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":["sts:AssumeRole","sts:SetSourceIdentity","sts:TagSession"]}`), ResourcePolicy, trustPolicyType, nil},
	})
}
