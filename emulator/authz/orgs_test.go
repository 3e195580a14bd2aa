package authz_test

import (
	"context"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

const (
	orgMgmt   = "111111111111"
	orgMember = "222222222222"
	outsider  = "333333333333"
)

// orgWorld stores an organization: 111111111111 manages it, 222222222222
// sits in OU ou-ab12-prod00001 with an SCP and an RCP denying everything
// at the root (besides FullAWSAccess everywhere), both types enabled.
func orgWorld(t *testing.T) *authz.Authorizer {
	return orgWorldWith(t, func(o *store.Organization) map[string]string {
		o.Policies["p-denyall1"] = &store.OrgPolicy{ID: "p-denyall1", ARN: "scp-deny", Type: store.PolicyTypeSCP, Content: deny("*", "*"), Targets: []string{"r-ab12"}}
		o.Policies["p-denyall2"] = &store.OrgPolicy{ID: "p-denyall2", ARN: "rcp-deny", Type: store.PolicyTypeRCP, Targets: []string{"r-ab12"},
			Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}`}
		return nil
	})
}

func rootOf(account string) authn.Caller {
	return authn.Caller{Type: evaluator.PrincipalAccount, Account: account, ARN: authn.RootARN(account), UserID: account}
}

func TestOrganizationLayers(t *testing.T) {
	t.Parallel()
	az := orgWorld(t)
	slr := authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: orgMember,
		ARN: "arn:aws:sts::" + orgMember + ":assumed-role/AWSServiceRoleForX/s", UserID: "AROAX:s",
		Session: &store.Session{RoleARN: "arn:aws:iam::" + orgMember + ":role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX", RoleName: "AWSServiceRoleForX"}}
	service := authn.Caller{Type: evaluator.PrincipalService, ARN: "cloudtrail.amazonaws.com"}
	tests := []struct {
		name     string
		caller   authn.Caller
		action   string
		resource string
		owner    string
		want     evaluator.Effect
		kind     evaluator.Kind
	}{
		{"member root is limited by the SCP", rootOf(orgMember), "iam:CreateUser", "arn:aws:iam::" + orgMember + ":user/x", orgMember, evaluator.ExplicitDeny, evaluator.KindSCP},
		{"management account is exempt", rootOf(orgMgmt), "iam:CreateUser", "arn:aws:iam::" + orgMgmt + ":user/x", orgMgmt, evaluator.Allow, evaluator.KindIdentity},
		{"RCP covers the member's S3 resources", rootOf(orgMgmt), "s3:GetObject", "arn:aws:s3:::b/k", orgMember, evaluator.ExplicitDeny, evaluator.KindRCP},
		{"RCP does not cover IAM", rootOf(outsider), "iam:GetUser", "arn:aws:iam::" + orgMember + ":user/x", orgMember, evaluator.ImplicitDeny, evaluator.KindResource},
		{"an outsider meets the RCP", rootOf(outsider), "s3:GetObject", "arn:aws:s3:::b/k", orgMember, evaluator.ExplicitDeny, evaluator.KindRCP},
		{"service-linked roles are exempt from both", slr, "s3:GetObject", "arn:aws:s3:::b/k", orgMember, evaluator.ImplicitDeny, evaluator.KindIdentity},
		// The RCP page exempts service-linked roles, not service principals.
		{"an AWS service principal meets the RCP", service, "s3:GetObject", "arn:aws:s3:::b/k", orgMember, evaluator.ExplicitDeny, evaluator.KindRCP},
		// "RCPs also do not impact AWS services' ability to assume a
		// service-linked role" (RCP page): the trust policy decides.
		{"assuming a service-linked role is exempt from RCPs", service, "sts:AssumeRole", slr.Session.RoleARN, orgMember, evaluator.ImplicitDeny, evaluator.KindResource},
		{"assuming another role meets the RCP", service, "sts:AssumeRole", "arn:aws:iam::" + orgMember + ":role/r", orgMember, evaluator.ExplicitDeny, evaluator.KindRCP},
		// No resource type in the Service Authorization Reference: no RCP.
		{"an action without a resource type meets no RCP", rootOf(orgMgmt), "s3:ListAllMyBuckets", "arn:aws:s3:::*", orgMember, evaluator.ImplicitDeny, evaluator.KindResource},
		{"RCP covers a service of the page's longer list", rootOf(outsider), "cloudfront:GetDistribution", "arn:aws:cloudfront::" + orgMember + ":distribution/E1", orgMember, evaluator.ExplicitDeny, evaluator.KindRCP},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: tt.caller, Time: time.Now()})
			d, req, err := az.Decide(ctx, authz.Check{Action: tt.action, Resource: tt.resource, ResourceAccount: tt.owner})
			if err != nil {
				t.Fatal(err)
			}
			if d.Effect != tt.want || d.Kind != tt.kind {
				t.Errorf("Decide(%s, %s) = %v/%v, want %v/%v (%s)", tt.caller.ARN, tt.action, d.Effect, d.Kind, tt.want, tt.kind, d.Message(req))
			}
		})
	}
}

func TestOrganizationContextKeys(t *testing.T) {
	t.Parallel()
	az := orgWorld(t)
	ctx := authn.WithInfo(context.Background(), &authn.Info{Caller: rootOf(orgMember), Time: time.Now()})
	_, req, err := az.Decide(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: orgMgmt,
		Context: map[string][]string{"aws:SourceAccount": {orgMember}}, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"aws:principalorgid":    "o-exampleorg",
		"aws:principalorgpaths": "o-exampleorg/r-ab12/ou-ab12-prod0001/",
		"aws:resourceorgid":     "o-exampleorg",
		"aws:resourceorgpaths":  "o-exampleorg/r-ab12/",
		"aws:sourceorgid":       "o-exampleorg",
	}
	for k, v := range want {
		if got := req.Context[k]; len(got) != 1 || got[0] != v {
			t.Errorf("context %s = %v, want %q", k, got, v)
		}
	}
	ctx = authn.WithInfo(context.Background(), &authn.Info{Caller: rootOf(outsider), Time: time.Now()})
	_, req, err = az.Decide(ctx, authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: outsider, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := req.Context["aws:principalorgid"]; ok {
		t.Errorf("outsider has aws:PrincipalOrgID %v, want none", v)
	}
}
