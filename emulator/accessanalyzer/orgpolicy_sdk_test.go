package accessanalyzer_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/fakeawstest"
)

// TestValidatePolicyAgreesWithOrganizations: each RCP or SCP
// Organizations' CreatePolicy refuses gets, through the SDK, the
// ValidatePolicy finding whose details are the refusal's, so the two read
// one rule set; a policy Organizations accepts gets no finding.
func TestValidatePolicyAgreesWithOrganizations(t *testing.T) {
	ctx := context.Background()
	srv := fakeawstest.Start(t)
	root := srv.RootConfig("111111111111")
	org := organizations.NewFromConfig(root)
	if _, err := org.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll}); err != nil {
		t.Fatalf("CreateOrganization: %v", err)
	}
	aa := accessanalyzer.NewFromConfig(root)
	const rcp = `{"Version":"2012-10-17","Statement":[%s]}`
	tests := []struct {
		name, stmt, code, path string
		scp                    bool
	}{
		{"principal is an account", `{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"*"}`,
			"RCP_SYNTAX_ERROR_PRINCIPAL", "Statement/0/Principal", false},
		{"NotAction", `{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*"}`,
			"RCP_SYNTAX_ERROR_NOTACTION", "Statement/0/NotAction", false},
		{"unsupported service", `{"Effect":"Deny","Principal":"*","Action":["s3:*","cognito-sync:*"],"Resource":"*"}`,
			"RCP_SYNTAX_ERROR_ACTION", "Statement/0/Action/1", false},
		{"NotPrincipal", `{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"*"}`,
			"RCP_SYNTAX_ERROR_PRINCIPAL", "Statement/0/NotPrincipal", false},
		{"no Principal", `{"Effect":"Deny","Action":"s3:*","Resource":"*"}`, "RCP_SYNTAX_ERROR_PRINCIPAL", "Statement/0", false},
		{"SCP with a Principal", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}`, "SCP_SYNTAX_ERROR_PRINCIPAL", "Statement/0/Principal", true},
		{"accepted", `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`, "", "", false},
		{"SCP accepted", `{"Effect":"Allow","NotAction":"iam:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`, "", "", true},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := fmt.Sprintf(rcp, tc.stmt)
			aaType, orgType := types.PolicyTypeResourceControlPolicy, orgtypes.PolicyTypeResourceControlPolicy
			if tc.scp {
				aaType, orgType = types.PolicyTypeServiceControlPolicy, orgtypes.PolicyTypeServiceControlPolicy
			}
			out, err := aa.ValidatePolicy(ctx, &accessanalyzer.ValidatePolicyInput{
				PolicyDocument: aws.String(doc), PolicyType: aaType})
			if err != nil {
				t.Fatalf("ValidatePolicy: %v", err)
			}
			_, cerr := org.CreatePolicy(ctx, &organizations.CreatePolicyInput{Name: aws.String(fmt.Sprintf("rcp%d", i)),
				Description: aws.String(""), Type: orgType, Content: aws.String(doc)})
			if tc.code == "" {
				if len(out.Findings) != 0 || cerr != nil {
					t.Errorf("findings %+v, CreatePolicy %v; want none and success", out.Findings, cerr)
				}
				return
			}
			if len(out.Findings) != 1 {
				t.Fatalf("findings = %+v, want one %s", out.Findings, tc.code)
			}
			f := out.Findings[0]
			if aws.ToString(f.IssueCode) != tc.code || f.FindingType != types.ValidatePolicyFindingTypeError {
				t.Errorf("finding = %s %s, want %s ERROR", aws.ToString(f.IssueCode), f.FindingType, tc.code)
			}
			if got := sdkPath(f.Locations[0].Path); got != tc.path {
				t.Errorf("path = %s, want %s", got, tc.path)
			}
			var ae smithy.APIError
			if !errors.As(cerr, &ae) || ae.ErrorCode() != "MalformedPolicyDocumentException" {
				t.Fatalf("CreatePolicy = %v, want MalformedPolicyDocumentException", cerr)
			}
			if !strings.HasSuffix(ae.ErrorMessage(), aws.ToString(f.FindingDetails)) {
				t.Errorf("CreatePolicy message %q does not end with the finding's details %q", ae.ErrorMessage(), aws.ToString(f.FindingDetails))
			}
		})
	}
}

// sdkPath renders an SDK location path as Statement/0/Action/1.
func sdkPath(p []types.PathElement) string {
	var parts []string
	for _, e := range p {
		switch v := e.(type) {
		case *types.PathElementMemberValue:
			parts = append(parts, v.Value)
		case *types.PathElementMemberIndex:
			parts = append(parts, strconv.Itoa(int(v.Value)))
		case *types.PathElementMemberKey:
			parts = append(parts, "{"+v.Value+"}")
		}
	}
	return strings.Join(parts, "/")
}
