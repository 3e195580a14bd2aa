package organizations_test

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	orgsdk "github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/smithy-go"
)

const (
	mgmt    = "111111111111"
	invitee = "222222222222"
	denyDel = `{"Version":"2012-10-17","Statement":[{"Sid":"NoDeleteBucket","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`
)

func orgClient(url, account string) *orgsdk.Client {
	return orgsdk.New(orgsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: credentials.NewStaticCredentialsProvider(account, "test", "")})
}

// orgWithMember has mgmt create an organization with all features and one
// created member account, and returns their ids.
func orgWithMember(ctx context.Context, t *testing.T, m *orgsdk.Client) (orgID, member string) {
	t.Helper()
	co, err := m.CreateOrganization(ctx, &orgsdk.CreateOrganizationInput{FeatureSet: types.OrganizationFeatureSetAll})
	if err != nil {
		t.Fatalf("CreateOrganization: %v", err)
	}
	ca, err := m.CreateAccount(ctx, &orgsdk.CreateAccountInput{AccountName: aws.String("prod"), Email: aws.String("prod@example.com")})
	if err != nil {
		t.Fatalf("CreateAccount: %v", err)
	}
	ds, err := m.DescribeCreateAccountStatus(ctx, &orgsdk.DescribeCreateAccountStatusInput{CreateAccountRequestId: ca.CreateAccountStatus.Id})
	if err != nil {
		t.Fatalf("DescribeCreateAccountStatus: %v", err)
	}
	return aws.ToString(co.Organization.Id), aws.ToString(ds.CreateAccountStatus.AccountId)
}

// wantCode checks err is the AWS error code (and Reason, when given).
func wantCode(t *testing.T, step string, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Errorf("%s: got %v, want %s", step, err, code)
		return
	}
	if ae.ErrorCode() != code {
		t.Errorf("%s: got %s (%s), want %s", step, ae.ErrorCode(), ae.ErrorMessage(), code)
	}
}

func fatalIf(t *testing.T, step string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

// TestOrganizationsAPI drives the API through aws-sdk-go-v2's
// organizations client, which pins the JSON shapes and error codes the
// SDKs decode.
func TestOrganizationsAPI(t *testing.T) {
	t.Parallel()
	ts, _ := startServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	m := orgClient(ts.URL, mgmt)

	_, err := m.DescribeOrganization(ctx, &orgsdk.DescribeOrganizationInput{})
	wantCode(t, "DescribeOrganization before CreateOrganization", err, "AWSOrganizationsNotInUseException")

	co, err := m.CreateOrganization(ctx, &orgsdk.CreateOrganizationInput{FeatureSet: types.OrganizationFeatureSetAll})
	fatalIf(t, "CreateOrganization", err)
	org := co.Organization
	if !regexp.MustCompile(`^o-[a-z0-9]{10}$`).MatchString(aws.ToString(org.Id)) || aws.ToString(org.MasterAccountId) != mgmt ||
		aws.ToString(org.Arn) != "arn:aws:organizations::"+mgmt+":organization/"+aws.ToString(org.Id) || org.FeatureSet != types.OrganizationFeatureSetAll {
		t.Errorf("CreateOrganization = %+v", org)
	}
	_, err = m.CreateOrganization(ctx, &orgsdk.CreateOrganizationInput{})
	wantCode(t, "CreateOrganization twice", err, "AlreadyInOrganizationException")

	roots, err := m.ListRoots(ctx, &orgsdk.ListRootsInput{})
	fatalIf(t, "ListRoots", err)
	if len(roots.Roots) != 1 || !regexp.MustCompile(`^r-[a-z0-9]{4}$`).MatchString(aws.ToString(roots.Roots[0].Id)) {
		t.Fatalf("ListRoots = %+v", roots.Roots)
	}
	root := aws.ToString(roots.Roots[0].Id)

	// Policy types: SCPs are not enabled by CreateOrganization.
	scp, err := m.CreatePolicy(ctx, &orgsdk.CreatePolicyInput{Name: aws.String("NoDeleteBucket"),
		Description: aws.String("deny s3:DeleteBucket"), Type: types.PolicyTypeServiceControlPolicy, Content: aws.String(denyDel)})
	fatalIf(t, "CreatePolicy SCP", err)
	scpID := aws.ToString(scp.Policy.PolicySummary.Id)
	_, err = m.AttachPolicy(ctx, &orgsdk.AttachPolicyInput{PolicyId: aws.String(scpID), TargetId: aws.String(root)})
	wantCode(t, "AttachPolicy before EnablePolicyType", err, "PolicyTypeNotEnabledException")
	er, err := m.EnablePolicyType(ctx, &orgsdk.EnablePolicyTypeInput{RootId: aws.String(root), PolicyType: types.PolicyTypeServiceControlPolicy})
	fatalIf(t, "EnablePolicyType", err)
	// AWS answers the root as it was before the change (recorded; see
	// TestRecordedShapes); ListRoots shows the type enabled.
	if len(er.Root.PolicyTypes) != 0 {
		t.Errorf("EnablePolicyType root = %+v, want the root before the change", er.Root.PolicyTypes)
	}
	roots, err = m.ListRoots(ctx, &orgsdk.ListRootsInput{})
	fatalIf(t, "ListRoots after EnablePolicyType", err)
	if pt := roots.Roots[0].PolicyTypes; len(pt) != 1 || pt[0].Status != types.PolicyTypeStatusEnabled {
		t.Errorf("ListRoots after EnablePolicyType: PolicyTypes = %+v", pt)
	}
	_, err = m.EnablePolicyType(ctx, &orgsdk.EnablePolicyTypeInput{RootId: aws.String(root), PolicyType: types.PolicyTypeServiceControlPolicy})
	wantCode(t, "EnablePolicyType twice", err, "PolicyTypeAlreadyEnabledException")
	_, err = m.CreatePolicy(ctx, &orgsdk.CreatePolicyInput{Name: aws.String("bad"), Description: aws.String(""),
		Type: types.PolicyTypeServiceControlPolicy, Content: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`)})
	wantCode(t, "CreatePolicy with Principal", err, "MalformedPolicyDocumentException")

	// OUs and accounts.
	ou, err := m.CreateOrganizationalUnit(ctx, &orgsdk.CreateOrganizationalUnitInput{ParentId: aws.String(root), Name: aws.String("Workloads")})
	fatalIf(t, "CreateOrganizationalUnit", err)
	ouID := aws.ToString(ou.OrganizationalUnit.Id)
	if !regexp.MustCompile(`^ou-[a-z0-9]{4}-[a-z0-9]{8}$`).MatchString(ouID) {
		t.Errorf("OU id = %q", ouID)
	}
	_, err = m.CreateOrganizationalUnit(ctx, &orgsdk.CreateOrganizationalUnitInput{ParentId: aws.String(root), Name: aws.String("Workloads")})
	wantCode(t, "CreateOrganizationalUnit duplicate", err, "DuplicateOrganizationalUnitException")
	ca, err := m.CreateAccount(ctx, &orgsdk.CreateAccountInput{AccountName: aws.String("dev"), Email: aws.String("dev@example.com")})
	fatalIf(t, "CreateAccount", err)
	// AWS answers IN_PROGRESS with the request id and no account id
	// (the AWS CLI reference's create-account example); the account id
	// comes from DescribeCreateAccountStatus once SUCCEEDED.
	if s := ca.CreateAccountStatus; s.State != types.CreateAccountStateInProgress || s.AccountId != nil || s.CompletedTimestamp != nil ||
		!regexp.MustCompile(`^car-[a-z0-9]{8,32}$`).MatchString(aws.ToString(s.Id)) || aws.ToString(s.AccountName) != "dev" || s.RequestedTimestamp == nil {
		t.Fatalf("CreateAccount = %+v", ca.CreateAccountStatus)
	}
	ds, err := m.DescribeCreateAccountStatus(ctx, &orgsdk.DescribeCreateAccountStatusInput{CreateAccountRequestId: ca.CreateAccountStatus.Id})
	fatalIf(t, "DescribeCreateAccountStatus", err)
	member := aws.ToString(ds.CreateAccountStatus.AccountId)
	if ds.CreateAccountStatus.State != types.CreateAccountStateSucceeded || !regexp.MustCompile(`^\d{12}$`).MatchString(member) || ds.CreateAccountStatus.CompletedTimestamp == nil {
		t.Errorf("DescribeCreateAccountStatus = %+v", ds.CreateAccountStatus)
	}
	_, err = m.MoveAccount(ctx, &orgsdk.MoveAccountInput{AccountId: aws.String(member), SourceParentId: aws.String(root), DestinationParentId: aws.String(ouID)})
	if err != nil {
		t.Fatalf("MoveAccount: %v", err)
	}
	_, err = m.MoveAccount(ctx, &orgsdk.MoveAccountInput{AccountId: aws.String(member), SourceParentId: aws.String(ouID), DestinationParentId: aws.String(ouID)})
	wantCode(t, "MoveAccount to its parent", err, "DuplicateAccountException")
	lp, err := m.ListParents(ctx, &orgsdk.ListParentsInput{ChildId: aws.String(member)})
	fatalIf(t, "ListParents", err)
	if len(lp.Parents) != 1 || aws.ToString(lp.Parents[0].Id) != ouID || lp.Parents[0].Type != types.ParentTypeOrganizationalUnit {
		t.Errorf("ListParents = %+v", lp.Parents)
	}
	la, err := m.ListAccountsForParent(ctx, &orgsdk.ListAccountsForParentInput{ParentId: aws.String(ouID)})
	fatalIf(t, "ListAccountsForParent", err)
	if len(la.Accounts) != 1 || aws.ToString(la.Accounts[0].Name) != "dev" || la.Accounts[0].JoinedMethod != types.AccountJoinedMethodCreated || la.Accounts[0].JoinedTimestamp == nil {
		t.Errorf("ListAccountsForParent = %+v", la.Accounts)
	}
	lc, err := m.ListChildren(ctx, &orgsdk.ListChildrenInput{ParentId: aws.String(root), ChildType: types.ChildTypeOrganizationalUnit})
	fatalIf(t, "ListChildren", err)
	if len(lc.Children) != 1 || aws.ToString(lc.Children[0].Id) != ouID {
		t.Errorf("ListChildren = %+v", lc.Children)
	}

	// FullAWSAccess is attached to every target once SCPs are enabled,
	// including the OU and account created afterwards.
	for _, target := range []string{root, ouID, member} {
		pt, err := m.ListPoliciesForTarget(ctx, &orgsdk.ListPoliciesForTargetInput{TargetId: aws.String(target), Filter: types.PolicyTypeServiceControlPolicy})
		fatalIf(t, "ListPoliciesForTarget "+target, err)
		if len(pt.Policies) != 1 || aws.ToString(pt.Policies[0].Id) != "p-FullAWSAccess" || !pt.Policies[0].AwsManaged {
			t.Errorf("ListPoliciesForTarget(%s) = %+v", target, pt.Policies)
		}
	}
	if _, err := m.AttachPolicy(ctx, &orgsdk.AttachPolicyInput{PolicyId: aws.String(scpID), TargetId: aws.String(member)}); err != nil {
		t.Fatalf("AttachPolicy: %v", err)
	}
	_, err = m.AttachPolicy(ctx, &orgsdk.AttachPolicyInput{PolicyId: aws.String(scpID), TargetId: aws.String(member)})
	wantCode(t, "AttachPolicy twice", err, "DuplicatePolicyAttachmentException")
	_, err = m.DetachPolicy(ctx, &orgsdk.DetachPolicyInput{PolicyId: aws.String("p-FullAWSAccess"), TargetId: aws.String(root)})
	var cv *types.ConstraintViolationException
	if !errors.As(err, &cv) || cv.Reason != types.ConstraintViolationExceptionReasonMinPolicyTypeAttachmentLimitExceeded {
		t.Errorf("DetachPolicy last SCP = %v, want ConstraintViolationException MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED", err)
	}
	tp, err := m.ListTargetsForPolicy(ctx, &orgsdk.ListTargetsForPolicyInput{PolicyId: aws.String(scpID)})
	fatalIf(t, "ListTargetsForPolicy", err)
	if len(tp.Targets) != 1 || aws.ToString(tp.Targets[0].TargetId) != member || tp.Targets[0].Type != types.TargetTypeAccount {
		t.Errorf("ListTargetsForPolicy = %+v", tp.Targets)
	}
	_, err = m.DeletePolicy(ctx, &orgsdk.DeletePolicyInput{PolicyId: aws.String(scpID)})
	wantCode(t, "DeletePolicy attached", err, "PolicyInUseException")

	// Members may describe the organization, not manage it.
	mc := orgClient(ts.URL, member)
	if d, err := mc.DescribeOrganization(ctx, &orgsdk.DescribeOrganizationInput{}); err != nil || aws.ToString(d.Organization.Id) != aws.ToString(org.Id) {
		t.Errorf("member DescribeOrganization = %v, %v", d, err)
	}
	_, err = mc.ListAccounts(ctx, &orgsdk.ListAccountsInput{})
	wantCode(t, "member ListAccounts", err, "AccessDeniedException")

	// Invitation and handshake.
	inv, err := m.InviteAccountToOrganization(ctx, &orgsdk.InviteAccountToOrganizationInput{
		Target: &types.HandshakeParty{Id: aws.String(invitee), Type: types.HandshakePartyTypeAccount}})
	fatalIf(t, "InviteAccountToOrganization", err)
	if inv.Handshake.State != types.HandshakeStateOpen || inv.Handshake.Action != types.ActionTypeInviteAccountToOrganization {
		t.Errorf("InviteAccountToOrganization = %+v", inv.Handshake)
	}
	ic := orgClient(ts.URL, invitee)
	_, err = ic.DescribeOrganization(ctx, &orgsdk.DescribeOrganizationInput{})
	wantCode(t, "invitee DescribeOrganization before accepting", err, "AWSOrganizationsNotInUseException")
	ah, err := ic.AcceptHandshake(ctx, &orgsdk.AcceptHandshakeInput{HandshakeId: inv.Handshake.Id})
	fatalIf(t, "AcceptHandshake", err)
	if ah.Handshake.State != types.HandshakeStateAccepted {
		t.Errorf("AcceptHandshake state = %s", ah.Handshake.State)
	}
	accts, err := m.ListAccounts(ctx, &orgsdk.ListAccountsInput{})
	fatalIf(t, "ListAccounts", err)
	if len(accts.Accounts) != 3 {
		t.Errorf("ListAccounts = %d accounts, want 3", len(accts.Accounts))
	}

	// Tags.
	if _, err := m.TagResource(ctx, &orgsdk.TagResourceInput{ResourceId: aws.String(ouID), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("data")}}}); err != nil {
		t.Errorf("TagResource: %v", err)
	}
	tags, err := m.ListTagsForResource(ctx, &orgsdk.ListTagsForResourceInput{ResourceId: aws.String(ouID)})
	fatalIf(t, "ListTagsForResource", err)
	if len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Value) != "data" {
		t.Errorf("ListTagsForResource = %+v", tags.Tags)
	}

	// Tear down.
	_, err = m.DeleteOrganization(ctx, &orgsdk.DeleteOrganizationInput{})
	wantCode(t, "DeleteOrganization with members", err, "OrganizationNotEmptyException")
	_, err = m.RemoveAccountFromOrganization(ctx, &orgsdk.RemoveAccountFromOrganizationInput{AccountId: aws.String(mgmt)})
	wantCode(t, "RemoveAccountFromOrganization management", err, "MasterCannotLeaveOrganizationException")
	for _, a := range []string{member, invitee} {
		if _, err := m.RemoveAccountFromOrganization(ctx, &orgsdk.RemoveAccountFromOrganizationInput{AccountId: aws.String(a)}); err != nil {
			t.Errorf("RemoveAccountFromOrganization(%s): %v", a, err)
		}
	}
	_, err = m.DeleteOrganizationalUnit(ctx, &orgsdk.DeleteOrganizationalUnitInput{OrganizationalUnitId: aws.String(ouID)})
	if err != nil {
		t.Errorf("DeleteOrganizationalUnit: %v", err)
	}
	if _, err := m.DeleteOrganization(ctx, &orgsdk.DeleteOrganizationInput{}); err != nil {
		t.Errorf("DeleteOrganization: %v", err)
	}
	_, err = m.DescribeOrganization(ctx, &orgsdk.DescribeOrganizationInput{})
	wantCode(t, "DescribeOrganization after DeleteOrganization", err, "AWSOrganizationsNotInUseException")
}
