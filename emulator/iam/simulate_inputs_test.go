package iam

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	iamsdk "github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/evaluator"
)

// SCP documents for OrderedOrganizationPolicyInputList.
const (
	scpFull     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	scpEC2Only  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`
	scpDenyGet  = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/secret"}]}`
	scpNamesWho = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
	scpField    = "orderedOrganizationPolicyInputList.1.member.serviceControlPolicyInputList.1.member"
)

// scpInput is the parameters of OrderedOrganizationPolicyInputList with
// one level per argument, each a list of SCP documents (nil: a level
// with none).
func scpInput(levels ...[]string) []string {
	var kv []string
	for i, docs := range levels {
		base := "OrderedOrganizationPolicyInputList.member." + itoa(i+1) + ".ServiceControlPolicyInputList"
		if len(docs) == 0 {
			kv = append(kv, base, "")
		}
		for j, d := range docs {
			kv = append(kv, base+".member."+itoa(j+1), d)
		}
	}
	return kv
}

// TestSimulateCustomPolicySCPs: SimulateCustomPolicy's
// OrderedOrganizationPolicyInputList takes part as an organization's SCP
// levels, root first: every level must allow, a Deny at any level denies,
// and OrganizationsDecisionDetail.AllowedByOrganizations reports it (API
// reference, SimulateCustomPolicy and OrderedOrganizationPolicyType;
// Organizations User Guide, "SCP evaluation"). Each SCP is checked as an
// SCP: no Principal (MalformedPolicyDocument), 1 to 131,072 characters.
func TestSimulateCustomPolicySCPs(t *testing.T) {
	t.Parallel()
	base := []string{"PolicyInputList.member.1", s3Read, "ActionNames.member.1", "s3:GetObject", "ResourceArns.member.1", "arn:aws:s3:::bucket/key"}
	secret := []string{"PolicyInputList.member.1", s3Read, "ActionNames.member.1", "s3:GetObject",
		"ResourceArns.member.1", "arn:aws:s3:::bucket/key", "ResourceArns.member.2", "arn:aws:s3:::bucket/secret"}
	allowed := func(decision, org string) map[string]string {
		return map[string]string{"EvalDecision": decision, "AllowedByOrganizations": org}
	}
	runCases(t, []actionCase{
		{name: "no SCPs: no organizations detail", action: "SimulateCustomPolicy", kv: base, fields: allowed("allowed", "")},
		{name: "FullAWSAccess at root and account", action: "SimulateCustomPolicy",
			kv: with(base, scpInput([]string{scpFull}, []string{scpFull})...), fields: allowed("allowed", "true")},
		{name: "an OU that allows only ec2", action: "SimulateCustomPolicy",
			kv: with(base, scpInput([]string{scpFull}, []string{scpEC2Only}, []string{scpFull})...), fields: allowed("implicitDeny", "false")},
		{name: "the ec2 level allows its own service", action: "SimulateCustomPolicy",
			kv: with([]string{"PolicyInputList.member.1", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`,
				"ActionNames.member.1", "ec2:RunInstances"}, scpInput([]string{scpFull}, []string{scpEC2Only})...),
			fields: allowed("allowed", "true")},
		{name: "a level with no SCP allows nothing", action: "SimulateCustomPolicy",
			kv: with(base, scpInput([]string{scpFull}, nil)...), fields: allowed("implicitDeny", "false")},
		{name: "an allow beside a level's deny", action: "SimulateCustomPolicy",
			kv: with(secret, scpInput([]string{scpFull}, []string{scpFull, scpDenyGet})...),
			fields: map[string]string{"EvalDecision": "explicitDeny", "AllowedByOrganizations": "false",
				"SourcePolicyId": "OrderedOrganizationPolicyInputList.2.ServiceControlPolicyInputList.2"}},
		{name: "the deny spares other resources", action: "SimulateCustomPolicy",
			kv: with(base, scpInput([]string{scpFull}, []string{scpFull, scpDenyGet})...), fields: allowed("allowed", "true")},
		{name: "an empty list is no organization", action: "SimulateCustomPolicy",
			kv: with(base, "OrderedOrganizationPolicyInputList", ""), fields: allowed("allowed", "")},
		{name: "an SCP naming a principal", action: "SimulateCustomPolicy", kv: with(base, scpInput([]string{scpNamesWho})...),
			status: 400, code: "MalformedPolicyDocument", message: "SCPs do not support specifying principals."},
		{name: "an SCP that is not JSON", action: "SimulateCustomPolicy", kv: with(base, scpInput([]string{scpFull}, []string{"{"})...),
			status: 400, code: "MalformedPolicyDocument", message: "Syntax errors in policy."},
		{name: "an empty SCP document", action: "SimulateCustomPolicy", kv: with(base, scpInput([]string{""})...),
			status: 400, code: "ValidationError",
			message: "Value '' at '" + scpField + "' failed to satisfy constraint: Member must have length greater than or equal to 1"},
	})
}

// TestSimulatePrincipalPolicyExclusions: SimulatePrincipalPolicy's
// PolicyExclusionList leaves the principal's policies it identifies out of
// the simulation, by PolicyType, PolicyArn (wildcards in the resource
// name) or InlinePolicyIdentifier (wildcards in AttachmentName);
// identifiers that match nothing (and RCPs) are ignored, syntactically
// invalid ones fail with InvalidInput (API reference,
// SimulatePrincipalPolicy, PolicyIdentifier, InlinePolicyIdentifierType).
func TestSimulatePrincipalPolicyExclusions(t *testing.T) {
	t.Parallel()
	const denyGet = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`
	inline := []step{mkUser, s("PutUserPolicy", "UserName", "alice", "PolicyName", "inl", "PolicyDocument", s3Read)}
	managed := []step{mkUser, s("AttachUserPolicy", "UserName", "alice", "PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")}
	custom := []step{mkUser, mkPol, s("AttachUserPolicy", "UserName", "alice", "PolicyArn", polARN)}
	bounded := []step{mkUser, mkPol, s("AttachUserPolicy", "UserName", "alice", "PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"),
		s("PutUserPermissionsBoundary", "UserName", "alice", "PermissionsBoundary", "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess")}
	denied := []step{mkUser, mkPol, s("AttachUserPolicy", "UserName", "alice", "PolicyArn", polARN),
		s("PutUserPolicy", "UserName", "alice", "PolicyName", "no-get", "PolicyDocument", denyGet)}
	grouped := []step{mkUser, mkGroup, s("AddUserToGroup", "GroupName", "devs", "UserName", "alice"),
		s("PutGroupPolicy", "GroupName", "devs", "PolicyName", "inl", "PolicyDocument", s3Read)}
	sim := []string{"PolicySourceArn", "arn:aws:iam::111111111111:user/alice", "ActionNames.member.1", "s3:GetObject",
		"ResourceArns.member.1", "arn:aws:s3:::bucket/x"}
	ex := func(kv ...string) []string {
		out := append([]string{}, sim...)
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, "PolicyExclusionList.member.1."+kv[i], kv[i+1])
		}
		return out
	}
	inl := func(typ, name, policy string) []string {
		return ex("InlinePolicyIdentifier.AttachmentType", typ, "InlinePolicyIdentifier.AttachmentName", name, "InlinePolicyIdentifier.PolicyName", policy)
	}
	is := func(decision string) map[string]string { return map[string]string{"EvalDecision": decision} }
	cases := []actionCase{
		{name: "nothing excluded", setup: inline, kv: sim, fields: is("allowed")},
		{name: "PolicyType inline", setup: inline, kv: ex("PolicyType", "inline"), fields: is("implicitDeny")},
		{name: "PolicyType user-managed spares inline", setup: inline, kv: ex("PolicyType", "user-managed"), fields: is("allowed")},
		{name: "inline by name", setup: inline, kv: inl("user", "alice", "inl"), fields: is("implicitDeny")},
		{name: "inline by wildcard entity", setup: inline, kv: inl("user", "a?i*", "inl"), fields: is("implicitDeny")},
		{name: "inline of another user is ignored", setup: inline, kv: inl("user", "bob", "inl"), fields: is("allowed")},
		{name: "inline of another type is ignored", setup: inline, kv: inl("group", "alice", "inl"), fields: is("allowed")},
		{name: "inline of the user's group", setup: grouped, kv: inl("group", "dev*", "inl"), fields: is("implicitDeny")},
		{name: "PolicyType aws-managed", setup: managed, kv: ex("PolicyType", "aws-managed"), fields: is("implicitDeny")},
		{name: "PolicyArn of an AWS managed policy", setup: managed, kv: ex("PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"), fields: is("implicitDeny")},
		{name: "PolicyArn with * and ?", setup: managed, kv: ex("PolicyArn", "arn:aws:iam::aws:policy/Amazon?3*"), fields: is("implicitDeny")},
		{name: "PolicyArn matching nothing", setup: managed, kv: ex("PolicyArn", "arn:aws:iam::aws:policy/AmazonEC2*"), fields: is("allowed")},
		{name: "PolicyType user-managed", setup: custom, kv: ex("PolicyType", "user-managed"), fields: is("implicitDeny")},
		{name: "PolicyType aws-managed spares customer policies", setup: custom, kv: ex("PolicyType", "aws-managed"), fields: is("allowed")},
		{name: "PolicyArn of a customer policy", setup: custom, kv: ex("PolicyArn", polARN), fields: is("implicitDeny")},
		{name: "the boundary caps", setup: bounded, kv: sim, fields: is("implicitDeny")},
		{name: "PolicyType permission-boundary", setup: bounded, kv: ex("PolicyType", "permission-boundary"), fields: is("allowed")},
		{name: "an excluded deny no longer denies", setup: denied, kv: inl("user", "alice", "no-get"), fields: is("allowed")},
		{name: "the deny stands", setup: denied, kv: ex("PolicyType", "user-managed"), fields: is("explicitDeny")},
		{name: "PolicyType rcp is ignored", setup: inline, kv: ex("PolicyType", "rcp"), fields: is("allowed")},
		{name: "PolicyType scp outside an organization", setup: inline, kv: ex("PolicyType", "scp"),
			fields: map[string]string{"EvalDecision": "allowed", "AllowedByOrganizations": "true"}},
		{name: "two members", setup: denied, kv: with(ex("PolicyType", "inline"), "PolicyExclusionList.member.2.PolicyArn", polARN),
			fields: is("implicitDeny")},
	}
	for _, bad := range []struct{ name, key, value, code, message string }{
		{"PolicyArn not an ARN", "PolicyArn", "not-an-arn-but-long-enough", "InvalidInput", "ARN not-an-arn-but-long-enough is not valid."},
		{"PolicyArn of another service", "PolicyArn", "arn:aws:s3:::bucket-of-mine", "InvalidInput", "is not valid"},
		{"PolicyArn wildcard account", "PolicyArn", "arn:aws:iam::*:policy/AmazonS3ReadOnlyAccess", "InvalidInput", "wildcards are supported only in the resource name"},
		{"PolicyArn wildcard path", "PolicyArn", "arn:aws:iam::aws:policy/*/AmazonS3ReadOnlyAccess", "InvalidInput", "wildcards are supported only in the resource name"},
		{"PolicyArn two stars", "PolicyArn", "arn:aws:iam::aws:policy/A*S3*", "InvalidInput", "at most one *"},
		{"PolicyArn too short", "PolicyArn", "arn:aws:iam::1:p/x", "ValidationError", "policyExclusionList.1.member.policyArn"},
		{"PolicyType unknown", "PolicyType", "session", "ValidationError",
			"Value 'session' at 'policyExclusionList.1.member.policyType' failed to satisfy constraint: Member must satisfy enum value set"},
	} {
		cases = append(cases, actionCase{name: bad.name, setup: inline, kv: ex(bad.key, bad.value), status: 400, code: bad.code, message: bad.message})
	}
	cases = append(cases,
		actionCase{name: "two members of one union", setup: inline, kv: ex("PolicyType", "inline", "PolicyArn", polARN),
			status: 400, code: "InvalidInput", message: "exactly one of PolicyType, PolicyArn or InlinePolicyIdentifier"},
		actionCase{name: "wildcard in an inline policy name", setup: inline, kv: inl("user", "alice", "in*"),
			status: 400, code: "InvalidInput", message: "cannot contain wildcard characters"},
		actionCase{name: "two stars in an attachment name", setup: inline, kv: inl("user", "*li*", "inl"),
			status: 400, code: "InvalidInput", message: "at most one wildcard character"},
		actionCase{name: "inline identifier without a policy name", setup: inline,
			kv:     ex("InlinePolicyIdentifier.AttachmentType", "user", "InlinePolicyIdentifier.AttachmentName", "alice"),
			status: 400, code: "ValidationError", message: "Value null at 'policyExclusionList.1.member.inlinePolicyIdentifier.policyName'"},
		actionCase{name: "inline identifier of an unknown type", setup: inline, kv: inl("instance-profile", "alice", "inl"),
			status: 400, code: "ValidationError", message: "'policyExclusionList.1.member.inlinePolicyIdentifier.attachmentType'"},
	)
	for i := range cases {
		cases[i].action = "SimulatePrincipalPolicy"
	}
	runCases(t, cases)
}

// TestSimulateNewInputsSDK sends both parameters with aws-sdk-go-v2's IAM
// client, so the query names the server reads are the ones the SDK writes
// (OrderedOrganizationPolicyInputList.member.N.ServiceControlPolicyInputList.member.M,
// PolicyExclusionList.member.N.{PolicyType,PolicyArn,InlinePolicyIdentifier.*}).
func TestSimulateNewInputsSDK(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "alice")
	e.must("PutUserPolicy", "UserName", "alice", "PolicyName", "inl", "PolicyDocument", s3Read)
	e.must("AttachUserPolicy", "UserName", "alice", "PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
	c := sdkClient(t, e)
	ctx := context.Background()
	obj := []string{"arn:aws:s3:::bucket/secret"}
	sc, err := c.SimulateCustomPolicy(ctx, &iamsdk.SimulateCustomPolicyInput{PolicyInputList: []string{s3Read},
		ActionNames: []string{"s3:GetObject"}, ResourceArns: obj,
		OrderedOrganizationPolicyInputList: []types.OrderedOrganizationPolicyType{
			{ServiceControlPolicyInputList: []string{scpFull}}, {ServiceControlPolicyInputList: []string{scpFull, scpDenyGet}}}})
	if err != nil || len(sc.EvaluationResults) != 1 {
		t.Fatalf("SimulateCustomPolicy = %+v, %v", sc, err)
	}
	if r := sc.EvaluationResults[0]; r.EvalDecision != types.PolicyEvaluationDecisionTypeExplicitDeny ||
		r.OrganizationsDecisionDetail == nil || r.OrganizationsDecisionDetail.AllowedByOrganizations {
		t.Errorf("SimulateCustomPolicy with SCPs = %s, %+v; want explicitDeny, AllowedByOrganizations false", r.EvalDecision, r.OrganizationsDecisionDetail)
	}
	_, err = c.SimulateCustomPolicy(ctx, &iamsdk.SimulateCustomPolicyInput{PolicyInputList: []string{s3Read}, ActionNames: []string{"s3:GetObject"},
		OrderedOrganizationPolicyInputList: []types.OrderedOrganizationPolicyType{{ServiceControlPolicyInputList: []string{scpNamesWho}}}})
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "MalformedPolicyDocument" {
		t.Errorf("SimulateCustomPolicy(SCP with Principal) error = %v, want MalformedPolicyDocument", err)
	}
	in := &iamsdk.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String("arn:aws:iam::111111111111:user/alice"),
		ActionNames: []string{"s3:GetObject"}, ResourceArns: obj}
	for _, tc := range []struct {
		exclude []types.PolicyIdentifier
		want    types.PolicyEvaluationDecisionType
	}{
		{nil, types.PolicyEvaluationDecisionTypeAllowed},
		{[]types.PolicyIdentifier{&types.PolicyIdentifierMemberPolicyType{Value: types.PolicyIdentifierPolicyTypeInline}}, types.PolicyEvaluationDecisionTypeAllowed},
		{[]types.PolicyIdentifier{&types.PolicyIdentifierMemberPolicyType{Value: types.PolicyIdentifierPolicyTypeInline},
			&types.PolicyIdentifierMemberPolicyArn{Value: "arn:aws:iam::aws:policy/AmazonS3*"}}, types.PolicyEvaluationDecisionTypeImplicitDeny},
		{[]types.PolicyIdentifier{&types.PolicyIdentifierMemberPolicyType{Value: types.PolicyIdentifierPolicyTypeAwsManaged},
			&types.PolicyIdentifierMemberInlinePolicyIdentifier{Value: types.InlinePolicyIdentifierType{
				AttachmentType: types.AttachmentTypeUser, AttachmentName: aws.String("al*"), PolicyName: aws.String("inl")}}},
			types.PolicyEvaluationDecisionTypeImplicitDeny},
	} {
		in.PolicyExclusionList = tc.exclude
		out, err := c.SimulatePrincipalPolicy(ctx, in)
		if err != nil || len(out.EvaluationResults) != 1 || out.EvaluationResults[0].EvalDecision != tc.want {
			t.Errorf("SimulatePrincipalPolicy(exclude %d) = %+v, %v; want %s", len(tc.exclude), out, err, tc.want)
		}
	}
	in.PolicyExclusionList = []types.PolicyIdentifier{&types.PolicyIdentifierMemberPolicyArn{Value: "arn:aws:iam::*:policy/x"}}
	_, err = c.SimulatePrincipalPolicy(ctx, in)
	var ii *types.InvalidInputException
	if !errors.As(err, &ii) || !errors.As(err, &api) || api.ErrorCode() != "InvalidInput" {
		t.Errorf("SimulatePrincipalPolicy(wildcard account) error = %v, want InvalidInputException", err)
	}
}

// sdkClient is an aws-sdk-go-v2 IAM client of e's handler, every request
// run as the root of 111111111111 (no signature check).
func sdkClient(t *testing.T, e *testEnv) *iamsdk.Client {
	t.Helper()
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
	return iamsdk.New(iamsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("111111111111", "test", "")})
}

// TestExclusionsSCPs: PolicyExclusionList leaves an organization's SCPs
// out of SimulatePrincipalPolicy: all of them for PolicyType scp (no
// organization layer), those a PolicyArn matches from every level (a
// level left with none allows nothing); other identifiers keep them.
func TestExclusionsSCPs(t *testing.T) {
	t.Parallel()
	const (
		full = "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess"
		mine = "arn:aws:organizations::222222222222:policy/o-abcdefghij/service_control_policy/p-nodelete1"
	)
	levels := []evaluator.OrgLevel{
		{Target: "r-ab12", Policies: []evaluator.NamedPolicy{{Name: full}}},
		{Target: "ou-ab12-cdefghij", Policies: []evaluator.NamedPolicy{{Name: full}, {Name: mine}}},
	}
	render := func(lv []evaluator.OrgLevel) string {
		if lv == nil {
			return "none"
		}
		var parts []string
		for _, l := range lv {
			parts = append(parts, l.Target+"="+itoa(len(l.Policies)))
		}
		return strings.Join(parts, ",")
	}
	for _, tc := range []struct {
		name string
		x    exclusions
		want string
	}{
		{"nothing excluded", nil, "r-ab12=1,ou-ab12-cdefghij=2"},
		{"PolicyType scp", exclusions{{policyType: "scp"}}, "none"},
		{"PolicyType inline keeps SCPs", exclusions{{policyType: "inline"}}, "r-ab12=1,ou-ab12-cdefghij=2"},
		{"PolicyArn of a customer SCP", exclusions{{arn: mine}}, "r-ab12=1,ou-ab12-cdefghij=1"},
		{"PolicyArn of FullAWSAccess empties the root", exclusions{{arn: full}}, "r-ab12=0,ou-ab12-cdefghij=1"},
		{"PolicyArn with a wildcard name", exclusions{{arn: "arn:aws:organizations::222222222222:policy/o-abcdefghij/service_control_policy/p-*"}},
			"r-ab12=1,ou-ab12-cdefghij=1"},
		{"PolicyArn of an RCP is ignored", exclusions{{arn: "arn:aws:organizations::222222222222:policy/o-abcdefghij/resource_control_policy/p-*"}},
			"r-ab12=1,ou-ab12-cdefghij=2"},
	} {
		if got := render(tc.x.scps(levels)); got != tc.want {
			t.Errorf("%s: levels = %s, want %s", tc.name, got, tc.want)
		}
	}
	if got := render(levels); got != "r-ab12=1,ou-ab12-cdefghij=2" {
		t.Errorf("scps changed its input: %s", got)
	}
}
