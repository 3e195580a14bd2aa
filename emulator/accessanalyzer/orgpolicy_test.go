package accessanalyzer

import (
	"fmt"
	"strings"
	"testing"
)

// rcpStmt is an RCP with one statement.
const rcpStmt = `{"Version":"2012-10-17","Statement":[%s]}`

// orgFinding is the part of a finding the organization policy tests pin.
type orgFinding struct {
	code, path, details string
}

// The finding details of AWS's "IAM policy validation check reference"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html),
// programmatic form.
const (
	rcpPrincipalText = `The Principal element contents are not valid. RCPs only support specifying all principals ("*") in the Principal element. The NotPrincipal element is not supported for RCPs.`
	rcpAllowText     = `RCPs only support specifying all principals ("*") in the Principal element, all resources ("*") in the Resource element, and no Condition element with an effect of Allow.`
	rcpNotActionText = "RCPs do not support the NotAction element. Update to use the Action element."
	rcpActionText    = "RCPs only support specifying select service prefixes in the Action element. Learn more here."
	scpPrincipalText = "SCPs do not support specifying principals. Remove the Principal or NotPrincipal element."
)

// TestValidateOrganizationPolicies pins ValidatePolicy's findings for RCPs
// and SCPs: every finding of each policy, with AWS's issue code, finding
// details and the element it points at. All are ERROR.
func TestValidateOrganizationPolicies(t *testing.T) {
	buckets := make([]string, 120)
	for i := range buckets {
		buckets[i] = fmt.Sprintf(`"arn:aws:s3:::a-bucket-with-a-long-name-%03d/*"`, i)
	}
	bigRCP := fmt.Sprintf(rcpStmt, `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":[`+strings.Join(buckets, ",")+`]}`)
	tests := []struct {
		name string
		typ  PolicyType
		doc  string
		want []orgFinding
	}{
		{"RCPFullAWSAccess", ResourceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`), nil},
		{"data perimeter RCP", ResourceControlPolicy, fmt.Sprintf(rcpStmt, `{"Sid":"EnforceOrgIdentities","Effect":"Deny","Principal":"*",`+
			`"Action":["s3:*","sqs:*","kms:*","secretsmanager:*","sts:AssumeRole"],"Resource":"*",`+
			`"Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}`), nil},
		{"principal is an account", ResourceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"*"}`),
			[]orgFinding{{"RCP_SYNTAX_ERROR_PRINCIPAL", "Statement[0].Principal", rcpPrincipalText}}},
		{"principal {AWS: *}", ResourceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}`),
			[]orgFinding{{"RCP_SYNTAX_ERROR_PRINCIPAL", "Statement[0].Principal", rcpPrincipalText}}},
		{"NotPrincipal", ResourceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"*"}`),
			[]orgFinding{{"RCP_SYNTAX_ERROR_PRINCIPAL", "Statement[0].NotPrincipal", rcpPrincipalText}}},
		{"no principal", ResourceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Deny","Action":"s3:*","Resource":"*"}`),
			[]orgFinding{{"RCP_SYNTAX_ERROR_PRINCIPAL", "Statement[0]", rcpPrincipalText}}},
		{"NotAction", ResourceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*"}`),
			[]orgFinding{{"RCP_SYNTAX_ERROR_NOTACTION", "Statement[0].NotAction", rcpNotActionText}}},
		{"action of an unsupported service", ResourceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Deny","Principal":"*","Action":["s3:GetObject","cognito-sync:*","ec2:RunInstances"],"Resource":"*"}`),
			[]orgFinding{{"RCP_SYNTAX_ERROR_ACTION", "Statement[0].Action[1]", rcpActionText}, {"RCP_SYNTAX_ERROR_ACTION", "Statement[0].Action[2]", rcpActionText}}},
		{"deny every action", ResourceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}`),
			[]orgFinding{{"RCP_SYNTAX_ERROR_ACTION", "Statement[0].Action", rcpActionText}}},
		{"allow on one bucket", ResourceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`),
			[]orgFinding{{"RCP_SYNTAX_ERROR_ALLOW", "Statement[0].Resource", rcpAllowText}}},
		{"allow with a condition", ResourceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`),
			[]orgFinding{{"RCP_SYNTAX_ERROR_ALLOW", "Statement[0].Condition", rcpAllowText}}},
		{"several statements", ResourceControlPolicy, fmt.Sprintf(rcpStmt,
			`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Principal":{"Service":"cloudtrail.amazonaws.com"},"NotAction":"ec2:*","Resource":"*"}`),
			[]orgFinding{{"RCP_SYNTAX_ERROR_PRINCIPAL", "Statement[1].Principal", rcpPrincipalText}, {"RCP_SYNTAX_ERROR_NOTACTION", "Statement[1].NotAction", rcpNotActionText}}},
		{"RCP over 5,120 characters", ResourceControlPolicy, bigRCP,
			[]orgFinding{{"POLICY_SIZE_EXCEEDS_RCP_QUOTA", "", fmt.Sprintf("The %d characters in the resource control policy (RCP) exceed the 5120 character maximum for RCPs. We recommend that you use multiple granular policies.", len(bigRCP))}}},

		{"SCP with Principal", ServiceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}`),
			[]orgFinding{{"SCP_SYNTAX_ERROR_PRINCIPAL", "Statement[0].Principal", scpPrincipalText}}},
		{"SCP with NotPrincipal", ServiceControlPolicy,
			fmt.Sprintf(rcpStmt, `{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"*"}`),
			[]orgFinding{{"SCP_SYNTAX_ERROR_PRINCIPAL", "Statement[0].NotPrincipal", scpPrincipalText}}},
		{"SCP in the full IAM language", ServiceControlPolicy, fmt.Sprintf(rcpStmt,
			`{"Effect":"Allow","NotAction":"iam:*","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}},`+
				`{"Effect":"Deny","Action":"s3:*Object","NotResource":"arn:aws:s3:::b/*"}`), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := Validate(Input{Document: tc.doc, Type: tc.typ})
			var got []orgFinding
			for _, f := range fs {
				got = append(got, orgFinding{f.IssueCode, pathString(f.Locations[0].Path), f.FindingDetails})
				if f.FindingType != Error {
					t.Errorf("%s: findingType = %s, want ERROR", f.IssueCode, f.FindingType)
				}
				anchor := "#access-analyzer-reference-policy-checks-error-" + strings.ToLower(strings.ReplaceAll(f.IssueCode, "_", "-"))
				if strings.HasPrefix(f.IssueCode, "RCP_") || strings.HasPrefix(f.IssueCode, "SCP_") {
					if !strings.HasSuffix(f.LearnMoreLink, anchor) {
						t.Errorf("%s: learnMoreLink = %s, want it to end %s", f.IssueCode, f.LearnMoreLink, anchor)
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("findings:\n got %v\nwant %v", got, tc.want)
			}
		})
	}
}
