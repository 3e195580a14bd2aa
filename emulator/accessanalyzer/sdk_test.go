package accessanalyzer_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/fakeawstest"
)

// seed004 is seed 004's role policy: the bucket ARN carries the account
// id, so it names a bucket "222222222222" that does not exist.
const seed004 = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:PutObject",
                "s3:PutObjectAcl"
            ],
            "Resource": "arn:aws:s3:::222222222222/cross-account-bucket"
        }
    ]
}`

func TestValidatePolicyThroughSDK(t *testing.T) {
	ctx := context.Background()
	srv := fakeawstest.Start(t)
	root := srv.RootConfig("222222222222")
	if _, err := s3.NewFromConfig(root, func(o *s3.Options) { o.UsePathStyle = true }).CreateBucket(ctx,
		&s3.CreateBucketInput{Bucket: aws.String("cross-account-bucket")}); err != nil {
		t.Fatalf("create bucket: %v", err)
	}
	aa := accessanalyzer.NewFromConfig(root)
	out, err := aa.ValidatePolicy(ctx, &accessanalyzer.ValidatePolicyInput{
		PolicyDocument: aws.String(seed004), PolicyType: types.PolicyTypeIdentityPolicy})
	if err != nil {
		t.Fatalf("ValidatePolicy: %v", err)
	}
	if len(out.Findings) != 1 {
		t.Fatalf("findings = %+v, want one", out.Findings)
	}
	f := out.Findings[0]
	if *f.IssueCode != "RESOURCE_NOT_FOUND_IN_WORLD" || f.FindingType != types.ValidatePolicyFindingTypeWarning {
		t.Errorf("finding = %s %s", *f.IssueCode, f.FindingType)
	}
	loc := f.Locations[0]
	if len(loc.Path) != 3 {
		t.Fatalf("path = %+v", loc.Path)
	}
	if v, ok := loc.Path[0].(*types.PathElementMemberValue); !ok || v.Value != "Statement" {
		t.Errorf("path[0] = %#v", loc.Path[0])
	}
	if v, ok := loc.Path[1].(*types.PathElementMemberIndex); !ok || v.Value != 0 {
		t.Errorf("path[1] = %#v", loc.Path[1])
	}
	if v, ok := loc.Path[2].(*types.PathElementMemberValue); !ok || v.Value != "Resource" {
		t.Errorf("path[2] = %#v", loc.Path[2])
	}
	if s := loc.Span.Start; *s.Line != 11 || *s.Column != 24 {
		t.Errorf("span start = line %d column %d, want 11:24", *s.Line, *s.Column)
	}

	// Paging: maxResults 1 over three findings.
	bad := `{"Statement":[{"Effect":"Allow","Action":["s3:GetObjet","s3:ListBucket"],"Resource":"arn:aws:s3:::cross-account-bucket/*"}]}`
	var codes []string
	p := accessanalyzer.NewValidatePolicyPaginator(aa, &accessanalyzer.ValidatePolicyInput{
		PolicyDocument: aws.String(bad), PolicyType: types.PolicyTypeIdentityPolicy, MaxResults: aws.Int32(1)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatalf("page: %v", err)
		}
		if len(page.Findings) > 1 {
			t.Fatalf("page of %d findings", len(page.Findings))
		}
		for _, f := range page.Findings {
			codes = append(codes, *f.IssueCode)
		}
	}
	want := []string{"MISSING_VERSION", "INVALID_ACTION", "ACTION_RESOURCE_MISMATCH"}
	if len(codes) != len(want) {
		t.Fatalf("codes = %v, want %v", codes, want)
	}
	for i := range want {
		if codes[i] != want[i] {
			t.Errorf("codes = %v, want %v", codes, want)
		}
	}
}

func TestValidatePolicyErrors(t *testing.T) {
	ctx := context.Background()
	srv := fakeawstest.Start(t)
	// A user with no policies is refused access-analyzer:ValidatePolicy.
	user := accessanalyzer.NewFromConfig(srv.UserConfig(t, "111111111111", "nobody"))
	_, err := user.ValidatePolicy(ctx, &accessanalyzer.ValidatePolicyInput{
		PolicyDocument: aws.String(`{}`), PolicyType: types.PolicyTypeIdentityPolicy})
	var denied *types.AccessDeniedException
	if !errors.As(err, &denied) {
		t.Errorf("no-policy user: err = %v, want AccessDeniedException", err)
	}
	root := accessanalyzer.NewFromConfig(srv.RootConfig("111111111111"))
	_, err = root.ValidatePolicy(ctx, &accessanalyzer.ValidatePolicyInput{
		PolicyDocument: aws.String(`{}`), PolicyType: "NOT_A_TYPE"})
	var invalid *types.ValidationException
	if !errors.As(err, &invalid) {
		t.Errorf("bad policyType: err = %v, want ValidationException", err)
	}
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() != "ValidationException" {
		t.Errorf("code = %s", api.ErrorCode())
	}
	// A policy that is not JSON is a finding, not an HTTP error.
	out, err := root.ValidatePolicy(ctx, &accessanalyzer.ValidatePolicyInput{
		PolicyDocument: aws.String(`{"Version":`), PolicyType: types.PolicyTypeResourcePolicy})
	if err != nil {
		t.Fatalf("syntax error document: %v", err)
	}
	if len(out.Findings) != 1 || *out.Findings[0].IssueCode != "JSON_SYNTAX_ERROR" || out.Findings[0].FindingType != types.ValidatePolicyFindingTypeError {
		t.Errorf("findings = %+v", out.Findings)
	}
}

// TestValidatePolicyLocaleAndNewChecksThroughSDK: every locale AWS lists
// is accepted (findings stay English, a documented deviation), any other
// is a ValidationException; the condition, ARN and size checks reach the
// SDK with AWS's issue codes.
func TestValidatePolicyLocaleAndNewChecksThroughSDK(t *testing.T) {
	ctx := context.Background()
	srv := fakeawstest.Start(t)
	aa := accessanalyzer.NewFromConfig(srv.RootConfig("111111111111"))
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"s3:::b/*",` +
		`"Condition":{"DateGreaterThan":{"aws:CurrentTime":"next week"},"StringEquals":{"aws:PrincipalOrgIdentifier":"o-1"}}}]}`
	want := []string{"INVALID_ARN_PREFIX", "TYPE_MISMATCH_DATE", "INVALID_GLOBAL_CONDITION_KEY"}
	for _, loc := range types.Locale("").Values() {
		out, err := aa.ValidatePolicy(ctx, &accessanalyzer.ValidatePolicyInput{PolicyDocument: aws.String(doc),
			PolicyType: types.PolicyTypeIdentityPolicy, Locale: loc})
		if err != nil {
			t.Errorf("locale %s: %v", loc, err)
			continue
		}
		var got []string
		for _, f := range out.Findings {
			got = append(got, *f.IssueCode)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("locale %s: issue codes %v, want %v", loc, got, want)
		}
		if len(out.Findings) > 0 && *out.Findings[0].FindingDetails != "Add the required prefix (arn) to the resource ARN." {
			t.Errorf("locale %s: details %q, want AWS's English text", loc, *out.Findings[0].FindingDetails)
		}
	}
	if n := len(types.Locale("").Values()); n != 10 {
		t.Errorf("the SDK lists %d locales, want AWS's 10", n)
	}
	for _, loc := range []types.Locale{"EN_US", "en", "XX"} {
		_, err := aa.ValidatePolicy(ctx, &accessanalyzer.ValidatePolicyInput{PolicyDocument: aws.String(doc),
			PolicyType: types.PolicyTypeIdentityPolicy, Locale: loc})
		var invalid *types.ValidationException
		if !errors.As(err, &invalid) || !strings.Contains(invalid.ErrorMessage(), "at 'locale' failed to satisfy constraint") {
			t.Errorf("locale %q: err = %v, want ValidationException naming locale", loc, err)
		}
	}
	big := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":[` +
		strings.TrimSuffix(strings.Repeat(`"arn:aws:s3:::b/`+strings.Repeat("k", 100)+`",`, 70), ",") + `]}]}`
	out, err := aa.ValidatePolicy(ctx, &accessanalyzer.ValidatePolicyInput{PolicyDocument: aws.String(big), PolicyType: types.PolicyTypeIdentityPolicy})
	if err != nil {
		t.Fatalf("large policy: %v", err)
	}
	found := false
	for _, f := range out.Findings {
		found = found || (*f.IssueCode == "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA" && f.FindingType == types.ValidatePolicyFindingTypeWarning)
	}
	if !found {
		t.Errorf("a %d-character identity policy: no POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA warning", len(big))
	}
}
