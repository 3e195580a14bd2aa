package accessanalyzer_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"

	"github.com/fakeaws/fakeaws/fakeawstest"
)

// TestCustomChecksThroughSDK replays AWS's documented examples of the three
// custom policy checks through aws-sdk-go-v2: the CLI reference's
// check-access-not-granted (PASS) and check-no-new-access (FAIL at index
// 0) examples, and the API model's CheckNoPublicAccess and
// CheckAccessNotGranted failing examples (reasons with sid).
func TestCustomChecksThroughSDK(t *testing.T) {
	ctx := context.Background()
	srv := fakeawstest.Start(t)
	aa := accessanalyzer.NewFromConfig(srv.RootConfig("111111111111"))
	read := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],` +
		`"Resource":["arn:aws:s3:::DOC-EXAMPLE-BUCKET","arn:aws:s3:::DOC-EXAMPLE-BUCKET/*"]}]}`

	cang, err := aa.CheckAccessNotGranted(ctx, &accessanalyzer.CheckAccessNotGrantedInput{PolicyDocument: aws.String(read),
		PolicyType: types.AccessCheckPolicyTypeIdentityPolicy,
		Access:     []types.Access{{Actions: []string{"s3:DeleteBucket", "s3:GetBucketLocation"}}}})
	if err != nil {
		t.Fatalf("CheckAccessNotGranted: %v", err)
	}
	if cang.Result != types.CheckAccessNotGrantedResultPass || len(cang.Reasons) != 0 ||
		*cang.Message != "The policy document does not grant access to perform the listed actions or resources." {
		t.Errorf("CheckAccessNotGranted = %s %q %+v", cang.Result, *cang.Message, cang.Reasons)
	}

	johnDoe := `{"Version":"2012-10-17","Id":"123","Statement":[{"Sid":"AllowJohnDoe","Effect":"Allow",` +
		`"Principal":{"AWS":"arn:aws:iam::123456789012:user/JohnDoe"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::my-bucket/*"}]}`
	cang, err = aa.CheckAccessNotGranted(ctx, &accessanalyzer.CheckAccessNotGrantedInput{PolicyDocument: aws.String(johnDoe),
		PolicyType: types.AccessCheckPolicyTypeResourcePolicy,
		Access:     []types.Access{{Resources: []string{"arn:aws:s3:::my-bucket/*"}}}})
	if err != nil {
		t.Fatalf("CheckAccessNotGranted: %v", err)
	}
	if cang.Result != types.CheckAccessNotGrantedResultFail || len(cang.Reasons) != 1 ||
		*cang.Message != "The policy document grants access to perform one or more of the listed actions or resources." {
		t.Fatalf("CheckAccessNotGranted = %s %q %+v", cang.Result, *cang.Message, cang.Reasons)
	}
	if r := cang.Reasons[0]; *r.Description != "One or more of the listed actions or resources in the statement with sid: AllowJohnDoe." ||
		*r.StatementId != "AllowJohnDoe" || *r.StatementIndex != 0 {
		t.Errorf("reason = %q %v %v", *r.Description, r.StatementId, *r.StatementIndex)
	}

	newDoc := strings.Replace(read, `"s3:GetObject",`, `"s3:GetObject","s3:GetObjectAcl",`, 1)
	cnna, err := aa.CheckNoNewAccess(ctx, &accessanalyzer.CheckNoNewAccessInput{NewPolicyDocument: aws.String(newDoc),
		ExistingPolicyDocument: aws.String(read), PolicyType: types.AccessCheckPolicyTypeIdentityPolicy})
	if err != nil {
		t.Fatalf("CheckNoNewAccess: %v", err)
	}
	if cnna.Result != types.CheckNoNewAccessResultFail || len(cnna.Reasons) != 1 ||
		*cnna.Message != "The modified permissions grant new access compared to your existing policy." ||
		*cnna.Reasons[0].Description != "New access in the statement with index: 0." || *cnna.Reasons[0].StatementIndex != 0 ||
		cnna.Reasons[0].StatementId != nil {
		t.Errorf("CheckNoNewAccess = %s %q %+v", cnna.Result, *cnna.Message, cnna.Reasons)
	}

	public := `{"Version":"2012-10-17","Statement":[{"Sid":"Bob","Effect":"Allow","Principal":"*","Action":["s3:GetObject"]}]}`
	cnpa, err := aa.CheckNoPublicAccess(ctx, &accessanalyzer.CheckNoPublicAccessInput{PolicyDocument: aws.String(public),
		ResourceType: types.AccessCheckResourceTypeS3Bucket})
	if err != nil {
		t.Fatalf("CheckNoPublicAccess: %v", err)
	}
	if cnpa.Result != types.CheckNoPublicAccessResultFail || len(cnpa.Reasons) != 1 ||
		*cnpa.Message != "The resource policy grants public access for the given resource type." ||
		*cnpa.Reasons[0].Description != "Public access granted in the following statement with sid: Bob." {
		t.Errorf("CheckNoPublicAccess = %s %q %+v", cnpa.Result, *cnpa.Message, cnpa.Reasons)
	}
}

// TestCustomCheckErrorsThroughSDK: the calls are authorized like
// ValidatePolicy, and bad input answers the API's exceptions.
func TestCustomCheckErrorsThroughSDK(t *testing.T) {
	ctx := context.Background()
	srv := fakeawstest.Start(t)
	doc := aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	user := accessanalyzer.NewFromConfig(srv.UserConfig(t, "111111111111", "nobody"))
	_, err := user.CheckNoNewAccess(ctx, &accessanalyzer.CheckNoNewAccessInput{NewPolicyDocument: doc,
		ExistingPolicyDocument: doc, PolicyType: types.AccessCheckPolicyTypeIdentityPolicy})
	var denied *types.AccessDeniedException
	if !errors.As(err, &denied) || !strings.Contains(denied.ErrorMessage(), "access-analyzer:CheckNoNewAccess") {
		t.Errorf("no-policy user: err = %v, want AccessDeniedException for access-analyzer:CheckNoNewAccess", err)
	}

	aa := accessanalyzer.NewFromConfig(srv.RootConfig("111111111111"))
	_, err = aa.CheckNoPublicAccess(ctx, &accessanalyzer.CheckNoPublicAccessInput{PolicyDocument: doc, ResourceType: "AWS::EC2::Instance"})
	var invalid *types.ValidationException
	if !errors.As(err, &invalid) || !strings.HasPrefix(invalid.ErrorMessage(),
		"1 validation error detected: Value 'AWS::EC2::Instance' at 'resourceType' failed to satisfy constraint: Member must satisfy enum value set: [AWS::DynamoDB::Table, ") {
		t.Errorf("bad resourceType: err = %v", err)
	}
	_, err = aa.CheckAccessNotGranted(ctx, &accessanalyzer.CheckAccessNotGrantedInput{PolicyDocument: doc,
		PolicyType: "SERVICE_CONTROL_POLICY", Access: []types.Access{{}, {}}})
	if !errors.As(err, &invalid) || invalid.ErrorMessage() != "2 validation errors detected: "+
		"Value '[2 items]' at 'access' failed to satisfy constraint: Member must have length less than or equal to 1; "+
		"Value 'SERVICE_CONTROL_POLICY' at 'policyType' failed to satisfy constraint: Member must satisfy enum value set: [IDENTITY_POLICY, RESOURCE_POLICY]" {
		t.Errorf("two access objects, bad policyType: err = %v", err)
	}
	_, err = aa.CheckAccessNotGranted(ctx, &accessanalyzer.CheckAccessNotGrantedInput{PolicyDocument: doc,
		PolicyType: types.AccessCheckPolicyTypeIdentityPolicy, Access: []types.Access{{}}})
	var param *types.InvalidParameterException
	if !errors.As(err, &param) {
		t.Errorf("access without actions or resources: err = %v, want InvalidParameterException", err)
	}
	_, err = aa.CheckNoNewAccess(ctx, &accessanalyzer.CheckNoNewAccessInput{NewPolicyDocument: aws.String(`{"Version":`),
		ExistingPolicyDocument: doc, PolicyType: types.AccessCheckPolicyTypeIdentityPolicy})
	if !errors.As(err, &param) || param.ErrorMessage() != "Invalid newPolicyDocument: it is not a JSON object." {
		t.Errorf("not JSON: err = %v, want InvalidParameterException", err)
	}
	long := `"arn:aws:s3:::b/` + strings.Repeat("a*", 1000) + `"`
	_, err = aa.CheckNoNewAccess(ctx, &accessanalyzer.CheckNoNewAccessInput{
		NewPolicyDocument:      aws.String(`{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":` + long + `}}`),
		ExistingPolicyDocument: aws.String(`{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":` + strings.Replace(long, "a*", "b*", 1) + `}}`),
		PolicyType:             types.AccessCheckPolicyTypeIdentityPolicy})
	var complex *types.UnprocessableEntityException
	if !errors.As(err, &complex) {
		t.Errorf("too complex: err = %v, want UnprocessableEntityException", err)
	}
}
