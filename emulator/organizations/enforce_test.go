package organizations_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	iamsdk "github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	orgsdk "github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/organizations/types"
	s3sdk "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

func s3Client(url, key, secret string) *s3sdk.Client {
	return s3sdk.New(s3sdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(url), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(key, secret, "")})
}

// wantDenied checks err is AccessDenied whose message contains want.
func wantDenied(t *testing.T, step string, err error, want string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "AccessDenied" {
		t.Errorf("%s: got %v, want AccessDenied", step, err)
		return
	}
	if !strings.Contains(ae.ErrorMessage(), want) {
		t.Errorf("%s: message %q does not contain %q", step, ae.ErrorMessage(), want)
	}
}

// TestSCPAndRCPEnforced builds an organization with an OU, an SCP denying
// s3:DeleteBucket to the OU's member account (whose administrator has
// AdministratorAccess) and an RCP denying principals outside the
// organization the member's bucket its bucket policy opens to them.
func TestSCPAndRCPEnforced(t *testing.T) {
	t.Parallel()
	ts, _ := startServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	m := orgClient(ts.URL, mgmt)
	step := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	orgID, member := orgWithMember(ctx, t, m)
	roots, err := m.ListRoots(ctx, &orgsdk.ListRootsInput{})
	step("ListRoots", err)
	root := roots.Roots[0].Id
	for _, typ := range []types.PolicyType{types.PolicyTypeServiceControlPolicy, types.PolicyTypeResourceControlPolicy} {
		_, err = m.EnablePolicyType(ctx, &orgsdk.EnablePolicyTypeInput{RootId: root, PolicyType: typ})
		step("EnablePolicyType "+string(typ), err)
	}
	ou, err := m.CreateOrganizationalUnit(ctx, &orgsdk.CreateOrganizationalUnitInput{ParentId: root, Name: aws.String("Prod")})
	step("CreateOrganizationalUnit", err)
	_, err = m.MoveAccount(ctx, &orgsdk.MoveAccountInput{AccountId: aws.String(member), SourceParentId: root, DestinationParentId: ou.OrganizationalUnit.Id})
	step("MoveAccount", err)

	// The member's administrator: an IAM user with AdministratorAccess.
	mi := iamsdk.New(iamsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(ts.URL),
		Credentials: credentials.NewStaticCredentialsProvider(member, "test", "")})
	_, err = mi.CreateUser(ctx, &iamsdk.CreateUserInput{UserName: aws.String("admin")})
	step("CreateUser", err)
	_, err = mi.AttachUserPolicy(ctx, &iamsdk.AttachUserPolicyInput{UserName: aws.String("admin"), PolicyArn: aws.String("arn:aws:iam::aws:policy/AdministratorAccess")})
	step("AttachUserPolicy", err)
	key, err := mi.CreateAccessKey(ctx, &iamsdk.CreateAccessKeyInput{UserName: aws.String("admin")})
	step("CreateAccessKey", err)
	admin := s3Client(ts.URL, aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey))
	bucket := "prod-data-" + member
	_, err = admin.CreateBucket(ctx, &s3sdk.CreateBucketInput{Bucket: aws.String(bucket)})
	step("CreateBucket", err)

	// The SCP on the OU denies s3:DeleteBucket to the member's admin.
	pol, err := m.CreatePolicy(ctx, &orgsdk.CreatePolicyInput{Name: aws.String("NoDeleteBucket"), Description: aws.String(""),
		Type: types.PolicyTypeServiceControlPolicy, Content: aws.String(denyDel)})
	step("CreatePolicy", err)
	_, err = m.AttachPolicy(ctx, &orgsdk.AttachPolicyInput{PolicyId: pol.Policy.PolicySummary.Id, TargetId: ou.OrganizationalUnit.Id})
	step("AttachPolicy", err)
	_, err = admin.DeleteBucket(ctx, &s3sdk.DeleteBucketInput{Bucket: aws.String(bucket)})
	wantDenied(t, "member admin DeleteBucket", err, "with an explicit deny in a service control policy")
	_, err = s3Client(ts.URL, member, "test").DeleteBucket(ctx, &s3sdk.DeleteBucketInput{Bucket: aws.String(bucket)})
	wantDenied(t, "member root DeleteBucket", err, "with an explicit deny in a service control policy")

	// IAM's simulator reports the SCP layer.
	sim, err := mi.SimulatePrincipalPolicy(ctx, &iamsdk.SimulatePrincipalPolicyInput{
		PolicySourceArn: aws.String("arn:aws:iam::" + member + ":user/admin"), ActionNames: []string{"s3:DeleteBucket", "s3:ListBucket"}})
	step("SimulatePrincipalPolicy", err)
	for i, want := range []struct {
		decision iamtypes.PolicyEvaluationDecisionType
		allowed  bool
	}{{iamtypes.PolicyEvaluationDecisionTypeExplicitDeny, false}, {iamtypes.PolicyEvaluationDecisionTypeAllowed, true}} {
		r := sim.EvaluationResults[i]
		if r.EvalDecision != want.decision || r.OrganizationsDecisionDetail == nil || r.OrganizationsDecisionDetail.AllowedByOrganizations != want.allowed {
			t.Errorf("SimulatePrincipalPolicy(%s) = %s, OrganizationsDecisionDetail %+v; want %s, AllowedByOrganizations %v",
				aws.ToString(r.EvalActionName), r.EvalDecision, r.OrganizationsDecisionDetail, want.decision, want.allowed)
		}
	}

	// The management account is never limited by SCPs, even attached to
	// the root.
	_, err = m.AttachPolicy(ctx, &orgsdk.AttachPolicyInput{PolicyId: pol.Policy.PolicySummary.Id, TargetId: root})
	step("AttachPolicy root", err)
	ms3 := s3Client(ts.URL, mgmt, "test")
	_, err = ms3.CreateBucket(ctx, &s3sdk.CreateBucketInput{Bucket: aws.String("mgmt-" + mgmt)})
	step("management CreateBucket", err)
	_, err = ms3.DeleteBucket(ctx, &s3sdk.DeleteBucketInput{Bucket: aws.String("mgmt-" + mgmt)})
	if err != nil {
		t.Errorf("management DeleteBucket under an SCP on the root: %v", err)
	}

	// The bucket policy opens reads to an outside account and to the
	// management account (in the organization).
	const outsider = "333333333333"
	bp := `{"Version":"2012-10-17","Statement":[{"Sid":"Partners","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::` + outsider + `:root","arn:aws:iam::` + mgmt + `:root"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::` + bucket + `/*"}]}`
	_, err = admin.PutBucketPolicy(ctx, &s3sdk.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(bp)})
	step("PutBucketPolicy", err)
	_, err = admin.PutObject(ctx, &s3sdk.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("k"), Body: strings.NewReader("v")})
	step("PutObject", err)
	out := s3Client(ts.URL, outsider, "test")
	get := &s3sdk.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("k")}
	if r, err := out.GetObject(ctx, get); err != nil {
		t.Fatalf("outsider GetObject before the RCP: %v", err)
	} else {
		r.Body.Close()
	}
	rcp := `{"Version":"2012-10-17","Statement":[{"Sid":"EnforceOrgIdentities","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"` + orgID + `"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}`
	rp, err := m.CreatePolicy(ctx, &orgsdk.CreatePolicyInput{Name: aws.String("OrgPerimeter"), Description: aws.String(""),
		Type: types.PolicyTypeResourceControlPolicy, Content: aws.String(rcp)})
	step("CreatePolicy RCP", err)
	_, err = m.AttachPolicy(ctx, &orgsdk.AttachPolicyInput{PolicyId: rp.Policy.PolicySummary.Id, TargetId: root})
	step("AttachPolicy RCP", err)
	_, err = out.GetObject(ctx, get)
	wantDenied(t, "outsider GetObject under the RCP", err, "")
	if r, err := ms3.GetObject(ctx, get); err != nil {
		t.Errorf("management account GetObject under the RCP: %v", err)
	} else {
		r.Body.Close()
	}

	// /_fakeaws/explain shows the SCP layer level by level.
	q := url.Values{"principal": {"arn:aws:iam::" + member + ":user/admin"}, "action": {"s3:DeleteBucket"}, "resource": {"arn:aws:s3:::" + bucket}}
	er, err := http.Get(ts.URL + "/_fakeaws/explain?" + q.Encode())
	step("GET /_fakeaws/explain", err)
	defer er.Body.Close()
	var ex struct {
		Decision string `json:"decision"`
		Kind     string `json:"kind"`
		SCP      *struct {
			Denied bool `json:"denied"`
			Levels []struct {
				Target string `json:"target"`
				Denies bool   `json:"denies"`
			} `json:"levels"`
		} `json:"scp"`
	}
	step("decode explain", json.NewDecoder(er.Body).Decode(&ex))
	if ex.Decision != "ExplicitDeny" || ex.Kind != "scp" || ex.SCP == nil || !ex.SCP.Denied || len(ex.SCP.Levels) != 3 || ex.SCP.Levels[2].Target != member {
		t.Errorf("explain = %+v, want ExplicitDeny by scp over root, OU and %s", ex, member)
	}

	// /_fakeaws/world shows the tree: the member account under the OU, the
	// SCP on the OU.
	resp, err := http.Get(ts.URL + "/_fakeaws/world")
	step("GET /_fakeaws/world", err)
	defer resp.Body.Close()
	var world struct {
		Organizations []struct {
			ID   string `json:"id"`
			Root struct {
				Children []struct {
					ID       string   `json:"id"`
					Type     string   `json:"type"`
					Policies []string `json:"policies"`
					Children []struct {
						ID string `json:"id"`
					} `json:"children"`
				} `json:"children"`
			} `json:"root"`
		} `json:"organizations"`
	}
	step("decode world", json.NewDecoder(resp.Body).Decode(&world))
	found := false
	for _, c := range world.Organizations[0].Root.Children {
		if c.ID == aws.ToString(ou.OrganizationalUnit.Id) {
			found = len(c.Children) == 1 && c.Children[0].ID == member &&
				slices.Contains(c.Policies, aws.ToString(pol.Policy.PolicySummary.Id))
		}
	}
	if len(world.Organizations) != 1 || world.Organizations[0].ID != orgID || !found {
		t.Errorf("world organizations = %+v, want %s with OU %s holding %s and the SCP", world.Organizations, orgID, aws.ToString(ou.OrganizationalUnit.Id), member)
	}
}
