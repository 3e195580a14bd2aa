package emulator_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

// orgReportWorld is an organization managed by 111111111111 with SCPs
// enabled, an OU "prod" that allows only S3 (S3Only attached,
// FullAWSAccess detached) and a member account in it.
type orgReportWorld struct {
	orgID, rootID, ouID, member, s3OnlyID string
}

func buildOrgReportWorld(ctx context.Context, t *testing.T, w *lastAccessedServer) orgReportWorld {
	t.Helper()
	org := organizations.NewFromConfig(w.config(aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}))
	step := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var ow orgReportWorld
	co, err := org.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll})
	step("CreateOrganization", err)
	ow.orgID = aws.ToString(co.Organization.Id)
	roots, err := org.ListRoots(ctx, &organizations.ListRootsInput{})
	step("ListRoots", err)
	ow.rootID = aws.ToString(roots.Roots[0].Id)
	_, err = org.EnablePolicyType(ctx, &organizations.EnablePolicyTypeInput{RootId: aws.String(ow.rootID), PolicyType: orgtypes.PolicyTypeServiceControlPolicy})
	step("EnablePolicyType", err)
	ou, err := org.CreateOrganizationalUnit(ctx, &organizations.CreateOrganizationalUnitInput{ParentId: aws.String(ow.rootID), Name: aws.String("prod")})
	step("CreateOrganizationalUnit", err)
	ow.ouID = aws.ToString(ou.OrganizationalUnit.Id)
	ca, err := org.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("prod"), Email: aws.String("prod@example.com")})
	step("CreateAccount", err)
	st, err := org.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: ca.CreateAccountStatus.Id})
	step("DescribeCreateAccountStatus", err)
	ow.member = aws.ToString(st.CreateAccountStatus.AccountId)
	_, err = org.MoveAccount(ctx, &organizations.MoveAccountInput{AccountId: aws.String(ow.member),
		SourceParentId: aws.String(ow.rootID), DestinationParentId: aws.String(ow.ouID)})
	step("MoveAccount", err)
	return ow
}

// restrictOU attaches S3Only to the OU and detaches FullAWSAccess from it.
func restrictOU(ctx context.Context, t *testing.T, w *lastAccessedServer, ow *orgReportWorld) {
	t.Helper()
	org := organizations.NewFromConfig(w.config(aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}))
	step := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	cp, err := org.CreatePolicy(ctx, &organizations.CreatePolicyInput{Name: aws.String("S3Only"), Description: aws.String("S3 only"),
		Type:    orgtypes.PolicyTypeServiceControlPolicy,
		Content: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)})
	step("CreatePolicy", err)
	ow.s3OnlyID = aws.ToString(cp.Policy.PolicySummary.Id)
	_, err = org.AttachPolicy(ctx, &organizations.AttachPolicyInput{PolicyId: aws.String(ow.s3OnlyID), TargetId: aws.String(ow.ouID)})
	step("AttachPolicy", err)
	_, err = org.DetachPolicy(ctx, &organizations.DetachPolicyInput{PolicyId: aws.String("p-FullAWSAccess"), TargetId: aws.String(ow.ouID)})
	step("DetachPolicy", err)
}

// memberUser makes a user alice in the member account, without
// permissions, and returns her credentials.
func memberUser(ctx context.Context, t *testing.T, w *lastAccessedServer, member string) aws.Credentials {
	t.Helper()
	admin := w.iamAs(aws.Credentials{AccessKeyID: member, SecretAccessKey: "test"})
	if _, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	key, err := admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("alice")})
	if err != nil {
		t.Fatal(err)
	}
	return aws.Credentials{AccessKeyID: aws.ToString(key.AccessKey.AccessKeyId), SecretAccessKey: aws.ToString(key.AccessKey.SecretAccessKey)}
}

// memberUserAttempts makes alice attempt S3 then IAM (denied attempts
// count: "all attempts", IAM User Guide, access_policies_last-accessed.html).
func memberUserAttempts(ctx context.Context, t *testing.T, w *lastAccessedServer, alice aws.Credentials) {
	t.Helper()
	if _, err := w.s3As(alice).ListBuckets(ctx, &s3.ListBucketsInput{}); err == nil {
		t.Fatal("alice's ListBuckets was allowed; want AccessDenied")
	}
	if _, err := w.iamAs(alice).ListUsers(ctx, &iam.ListUsersInput{}); err == nil {
		t.Fatal("alice's ListUsers was allowed; want AccessDenied")
	}
}

// TestOrganizationsAccessReport: the management account's reports for the
// root, the OU, the member account and a named SCP list the services the
// SCPs along the path allow, with the member user's latest attempts under
// the member account's entity path (API_GenerateOrganizationsAccessReport,
// API_GetOrganizationsAccessReport).
func TestOrganizationsAccessReport(t *testing.T) {
	ctx := context.Background()
	w := &lastAccessedServer{t: t, dir: t.TempDir()}
	w.start()
	defer w.stop()
	ow := buildOrgReportWorld(ctx, t, w)
	alice := memberUser(ctx, t, w, ow.member)
	restrictOU(ctx, t, w, &ow)
	memberUserAttempts(ctx, t, w, alice)
	mgmt := w.iamAs(aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"})
	rootPath := ow.orgID + "/" + ow.rootID
	ouPath := rootPath + "/" + ow.ouID
	acctPath := ouPath + "/" + ow.member
	for _, tc := range []struct {
		name, path, policy string
		sort               iamtypes.SortKeyType
		wantAll            bool // every service listed (FullAWSAccess), else s3 only
		wantFirst          string
	}{
		{name: "root", path: rootPath, wantAll: true, wantFirst: "a4b"},
		{name: "root by latest attempt", path: rootPath, wantAll: true, sort: iamtypes.SortKeyTypeLastAuthenticatedTimeDescending, wantFirst: "iam"},
		{name: "root by namespace descending", path: rootPath, wantAll: true, sort: iamtypes.SortKeyTypeServiceNamespaceDescending},
		{name: "OU", path: ouPath, wantFirst: "s3"},
		{name: "account", path: acctPath, wantFirst: "s3"},
		{name: "named SCP", path: rootPath, policy: ow.s3OnlyID, wantFirst: "s3"},
		{name: "named FullAWSAccess under the OU", path: ouPath, policy: "p-FullAWSAccess", wantAll: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &iam.GenerateOrganizationsAccessReportInput{EntityPath: aws.String(tc.path)}
			if tc.policy != "" {
				in.OrganizationsPolicyId = aws.String(tc.policy)
			}
			job, err := mgmt.GenerateOrganizationsAccessReport(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			out := allPages(ctx, t, mgmt, &iam.GetOrganizationsAccessReportInput{JobId: job.JobId, SortKey: tc.sort})
			checkOrgReport(t, out, tc.wantAll, acctPath)
			checkNamespaceOrder(t, out.AccessDetails, tc.sort)
			if tc.wantFirst != "" && aws.ToString(out.AccessDetails[0].ServiceNamespace) != tc.wantFirst {
				t.Errorf("first service %s, want %s", aws.ToString(out.AccessDetails[0].ServiceNamespace), tc.wantFirst)
			}
		})
	}
}

// allPages reads every page of a report, 30 services a page, and returns
// the first page's answer with the services of all.
func allPages(ctx context.Context, t *testing.T, c *iam.Client, in *iam.GetOrganizationsAccessReportInput) *iam.GetOrganizationsAccessReportOutput {
	t.Helper()
	in.MaxItems = aws.Int32(30)
	var first *iam.GetOrganizationsAccessReportOutput
	for {
		out, err := retryClosedConn(func() (*iam.GetOrganizationsAccessReportOutput, error) {
			return c.GetOrganizationsAccessReport(ctx, in)
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.AccessDetails) > 30 {
			t.Fatalf("a page of %d services, MaxItems 30", len(out.AccessDetails))
		}
		if first == nil {
			first = out
		} else {
			first.AccessDetails = append(first.AccessDetails, out.AccessDetails...)
		}
		if !out.IsTruncated {
			first.IsTruncated = false
			return first
		}
		in.Marker = out.Marker
	}
}

// checkNamespaceOrder checks a report sorted by namespace (the default)
// is in that order across its pages.
func checkNamespaceOrder(t *testing.T, details []iamtypes.AccessDetail, sort iamtypes.SortKeyType) {
	t.Helper()
	desc := sort == iamtypes.SortKeyTypeServiceNamespaceDescending
	if sort != "" && sort != iamtypes.SortKeyTypeServiceNamespaceAscending && !desc {
		return
	}
	for i := 1; i < len(details); i++ {
		a, b := aws.ToString(details[i-1].ServiceNamespace), aws.ToString(details[i].ServiceNamespace)
		if (a >= b) != desc || a == b {
			t.Fatalf("%s: %s before %s", sort, a, b)
		}
	}
}

// checkOrgReport checks the report lists s3 (attempted by alice) and, when
// all, every service with iam attempted too.
func checkOrgReport(t *testing.T, out *iam.GetOrganizationsAccessReportOutput, all bool, acctPath string) {
	t.Helper()
	if out.JobStatus != iamtypes.JobStatusTypeCompleted || out.JobCompletionDate == nil {
		t.Errorf("job %s completed %v", out.JobStatus, out.JobCompletionDate)
	}
	n := int(aws.ToInt32(out.NumberOfServicesAccessible))
	accessed := map[string]iamtypes.AccessDetail{}
	for _, d := range out.AccessDetails {
		if d.LastAuthenticatedTime != nil {
			accessed[aws.ToString(d.ServiceNamespace)] = d
		}
	}
	want := []string{"s3"}
	if all {
		want = []string{"iam", "s3"}
	}
	if len(accessed) != len(want) || n-int(aws.ToInt32(out.NumberOfServicesNotAccessed)) != len(want) {
		t.Errorf("accessed %v (of %d, %d not accessed), want %v", accessed, n, aws.ToInt32(out.NumberOfServicesNotAccessed), want)
	}
	if (all && n < 100) || (!all && n != 1) || len(out.AccessDetails) != n || out.IsTruncated {
		t.Errorf("%d services accessible, %d listed, truncated %v; all %v", n, len(out.AccessDetails), out.IsTruncated, all)
	}
	for _, ns := range want {
		d := accessed[ns]
		if aws.ToString(d.EntityPath) != acctPath || aws.ToInt32(d.TotalAuthenticatedEntities) != 1 || aws.ToString(d.Region) != "eu-west-1" {
			t.Errorf("%s: entity path %s, %d entities, region %s; want %s, 1, eu-west-1", ns,
				aws.ToString(d.EntityPath), aws.ToInt32(d.TotalAuthenticatedEntities), aws.ToString(d.Region), acctPath)
		}
	}
}

// TestOrganizationsAccessReportRefusals: only the management account of an
// organization may generate a report, for an entity of its organization
// and an SCP of it; paging follows MaxItems and Marker.
func TestOrganizationsAccessReportRefusals(t *testing.T) {
	ctx := context.Background()
	w := &lastAccessedServer{t: t, dir: t.TempDir()}
	w.start()
	defer w.stop()
	mgmt := w.iamAs(aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"})
	_, err := mgmt.GenerateOrganizationsAccessReport(ctx, &iam.GenerateOrganizationsAccessReportInput{EntityPath: aws.String("o-a1b2c3d4e5/r-f6g7")})
	wantAPIError(t, "outside an organization", err, "OrganizationNotFoundException")
	ow := buildOrgReportWorld(ctx, t, w)
	member := w.iamAs(aws.Credentials{AccessKeyID: ow.member, SecretAccessKey: "test"})
	rootPath := ow.orgID + "/" + ow.rootID
	for _, tc := range []struct {
		name   string
		client *iam.Client
		path   string
		policy string
		code   string
	}{
		{"member account", member, rootPath, "", "CallerIsNotManagementAccountException"},
		{"another organization", mgmt, "o-a1b2c3d4e5/" + ow.rootID, "", "NoSuchEntity"},
		{"unknown OU", mgmt, rootPath + "/ou-zzzz-zzzzzzzz", "", "NoSuchEntity"},
		{"account under the wrong parent", mgmt, rootPath + "/" + ow.member, "", "NoSuchEntity"},
		{"unknown SCP", mgmt, rootPath, "p-zzzzzzzz", "NoSuchEntity"},
		{"malformed path", mgmt, "o-a1b2c3d4e5-root", "", "ValidationError"},
	} {
		in := &iam.GenerateOrganizationsAccessReportInput{EntityPath: aws.String(tc.path)}
		if tc.policy != "" {
			in.OrganizationsPolicyId = aws.String(tc.policy)
		}
		_, err := tc.client.GenerateOrganizationsAccessReport(ctx, in)
		wantAPIError(t, tc.name, err, tc.code)
	}
	job, err := mgmt.GenerateOrganizationsAccessReport(ctx, &iam.GenerateOrganizationsAccessReportInput{EntityPath: aws.String(rootPath)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = member.GetOrganizationsAccessReport(ctx, &iam.GetOrganizationsAccessReportInput{JobId: job.JobId})
	wantAPIError(t, "another account's job", err, "NoSuchEntity")
	_, err = mgmt.GetServiceLastAccessedDetails(ctx, &iam.GetServiceLastAccessedDetailsInput{JobId: job.JobId})
	wantAPIError(t, "read as a service last accessed report", err, "NoSuchEntity")
	var seen []string
	in := &iam.GetOrganizationsAccessReportInput{JobId: job.JobId, MaxItems: aws.Int32(25)}
	for {
		out, err := mgmt.GetOrganizationsAccessReport(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range out.AccessDetails {
			seen = append(seen, aws.ToString(d.ServiceNamespace))
		}
		if len(out.AccessDetails) > 25 || !out.IsTruncated {
			if int(aws.ToInt32(out.NumberOfServicesAccessible)) != len(seen) {
				t.Errorf("paged %d services, want %d", len(seen), aws.ToInt32(out.NumberOfServicesAccessible))
			}
			break
		}
		in.Marker = out.Marker
	}
	for i := 1; i < len(seen); i++ {
		if seen[i-1] >= seen[i] {
			t.Fatalf("pages out of order at %d: %s, %s", i, seen[i-1], seen[i])
		}
	}
}

func wantAPIError(t *testing.T, step string, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != code {
		t.Errorf("%s: got %v, want %s", step, err, code)
	}
}
