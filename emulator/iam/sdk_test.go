package iam

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	iamsdk "github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/query"
)

// TestSDKDecodes drives the handler with aws-sdk-go-v2's IAM client (no
// signature check: every request runs as the root of 111111111111) to pin
// that our XML decodes into the SDK's types.
func TestSDKDecodes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		vals, err := query.ParseForm(r)
		if err != nil {
			t.Errorf("parse form: %v", err)
			return
		}
		r = r.WithContext(authn.WithInfo(r.Context(), rootInfo(testAccount)))
		e.h.Service().Serve(w, r, vals)
	}))
	t.Cleanup(srv.Close)
	c := iamsdk.New(iamsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("111111111111", "test", "")})
	ctx := context.Background()

	cr, err := c.CreateRole(ctx, &iamsdk.CreateRoleInput{RoleName: aws.String("sdk"), AssumeRolePolicyDocument: aws.String(trustRoot),
		Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	if err != nil {
		t.Fatalf("CreateRole: %v", err)
	}
	if got := aws.ToString(cr.Role.Arn); got != "arn:aws:iam::111111111111:role/sdk" {
		t.Errorf("CreateRole Arn = %q", got)
	}
	gr, err := c.GetRole(ctx, &iamsdk.GetRoleInput{RoleName: aws.String("sdk")})
	if err != nil {
		t.Fatalf("GetRole: %v", err)
	}
	doc, _ := url.QueryUnescape(aws.ToString(gr.Role.AssumeRolePolicyDocument))
	if doc != trustRoot || aws.ToInt32(gr.Role.MaxSessionDuration) != 3600 || len(gr.Role.Tags) != 1 || !gr.Role.CreateDate.Equal(fixedNow) {
		t.Errorf("GetRole = doc %q, max %d, tags %v, created %v", doc, aws.ToInt32(gr.Role.MaxSessionDuration), gr.Role.Tags, gr.Role.CreateDate)
	}
	lp, err := c.ListPolicies(ctx, &iamsdk.ListPoliciesInput{Scope: types.PolicyScopeTypeAws})
	if err != nil || len(lp.Policies) < 8 {
		t.Errorf("ListPolicies(AWS) = %d policies, %v; want ≥ 8", len(lp.Policies), err)
	}
	u, err := c.GetUser(ctx, &iamsdk.GetUserInput{})
	if err != nil || aws.ToString(u.User.Arn) != "arn:aws:iam::111111111111:root" {
		t.Errorf("GetUser(root) = %v, %v", u, err)
	}
	_, err = c.GetRole(ctx, &iamsdk.GetRoleInput{RoleName: aws.String("nope")})
	var nse *types.NoSuchEntityException
	if !errors.As(err, &nse) {
		t.Errorf("GetRole(nope) error = %v, want NoSuchEntityException", err)
	}
	_, err = c.CreateRole(ctx, &iamsdk.CreateRoleInput{RoleName: aws.String("bad"), AssumeRolePolicyDocument: aws.String(
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/ghost"},"Action":"sts:AssumeRole"}]}`)})
	var mpd *types.MalformedPolicyDocumentException
	if !errors.As(err, &mpd) {
		t.Errorf("CreateRole(ghost) error = %v, want MalformedPolicyDocumentException", err)
	}
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorMessage() != `Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:role/ghost"` {
		t.Errorf("message = %q", api.ErrorMessage())
	}
	ak, err := c.CreateAccessKey(ctx, &iamsdk.CreateAccessKeyInput{})
	if err != nil || len(aws.ToString(ak.AccessKey.SecretAccessKey)) != 40 {
		t.Errorf("CreateAccessKey(root) = %v, %v", ak, err)
	}
	sum, err := c.GetAccountSummary(ctx, &iamsdk.GetAccountSummaryInput{})
	if err != nil || sum.SummaryMap["Roles"] != 1 || sum.SummaryMap["RolesQuota"] != 1000 {
		t.Errorf("GetAccountSummary = %v, %v", sum, err)
	}
	sim, err := c.SimulateCustomPolicy(ctx, &iamsdk.SimulateCustomPolicyInput{PolicyInputList: []string{s3Read},
		ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{"arn:aws:s3:::bucket/k"}})
	if err != nil || len(sim.EvaluationResults) != 1 || sim.EvaluationResults[0].EvalDecision != types.PolicyEvaluationDecisionTypeAllowed ||
		len(sim.EvaluationResults[0].MatchedStatements) != 1 {
		t.Errorf("SimulateCustomPolicy = %+v, %v", sim, err)
	}
}
