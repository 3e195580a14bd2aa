package organizations_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	orgsdk "github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/organizations/types"
)

// Tag policies A, C and D of the User Guide's "Inheritance examples"
// (D with its enforced_for beside tag_value, as the page's result reads).
const (
	tagPolicyA = `{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@assign":["Development","Support"]}}}}`
	tagPolicyC = `{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@append":["Marketing"]},"enforced_for":{"@@append":["redshift:*","dynamodb:table"]}}}}`
	tagPolicyD = `{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@remove":["Development","Marketing"]},"enforced_for":{"@@remove":["redshift:*","dynamodb:table"]}}}}`

	effA   = `{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Development","Support"]}}}`
	effAC  = `{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Development","Support","Marketing"],"enforced_for":["redshift:*","dynamodb:table"]}}}`
	effACD = `{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Support"]}}}`
)

// effWorld is an organization with tag policies enabled, the member in an
// OU, and policies A on the root, C on the OU and D on the member.
type effWorld struct {
	m, mem        *orgsdk.Client
	url           string
	root, ou, mbr string
	pD            string
}

func newEffWorld(ctx context.Context, t *testing.T) *effWorld {
	t.Helper()
	ts, _ := startServer(t)
	w := &effWorld{url: ts.URL, m: orgClient(ts.URL, mgmt)}
	_, w.mbr = orgWithMember(ctx, t, w.m)
	w.mem = orgClient(ts.URL, w.mbr)
	roots, err := w.m.ListRoots(ctx, &orgsdk.ListRootsInput{})
	fatalIf(t, "ListRoots", err)
	w.root = aws.ToString(roots.Roots[0].Id)
	ou, err := w.m.CreateOrganizationalUnit(ctx, &orgsdk.CreateOrganizationalUnitInput{ParentId: aws.String(w.root), Name: aws.String("OU2")})
	fatalIf(t, "CreateOrganizationalUnit", err)
	w.ou = aws.ToString(ou.OrganizationalUnit.Id)
	_, err = w.m.MoveAccount(ctx, &orgsdk.MoveAccountInput{AccountId: aws.String(w.mbr), SourceParentId: aws.String(w.root), DestinationParentId: aws.String(w.ou)})
	fatalIf(t, "MoveAccount", err)
	return w
}

// attach creates a tag policy and attaches it to target.
func (w *effWorld) attach(ctx context.Context, t *testing.T, name, doc, target string) string {
	t.Helper()
	p, err := w.m.CreatePolicy(ctx, &orgsdk.CreatePolicyInput{Name: aws.String(name), Description: aws.String(""),
		Type: types.PolicyTypeTagPolicy, Content: aws.String(doc)})
	fatalIf(t, "CreatePolicy "+name, err)
	id := aws.ToString(p.Policy.PolicySummary.Id)
	_, err = w.m.AttachPolicy(ctx, &orgsdk.AttachPolicyInput{PolicyId: aws.String(id), TargetId: aws.String(target)})
	fatalIf(t, "AttachPolicy "+name, err)
	return id
}

// wantEffective asks c for the effective tag policy of target ("" for the
// caller's account) and checks the answer.
func wantEffective(ctx context.Context, t *testing.T, step string, c *orgsdk.Client, target, wantTarget, want string) {
	t.Helper()
	in := &orgsdk.DescribeEffectivePolicyInput{PolicyType: types.EffectivePolicyTypeTagPolicy}
	if target != "" {
		in.TargetId = aws.String(target)
	}
	out, err := c.DescribeEffectivePolicy(ctx, in)
	if err != nil {
		t.Errorf("%s: %v", step, err)
		return
	}
	ep := out.EffectivePolicy
	if ep == nil || aws.ToString(ep.TargetId) != wantTarget || ep.PolicyType != types.EffectivePolicyTypeTagPolicy || ep.LastUpdatedTimestamp == nil {
		t.Errorf("%s: EffectivePolicy = %+v, want TargetId %s, TAG_POLICY and a timestamp", step, ep, wantTarget)
		return
	}
	var got, exp any
	if err := json.Unmarshal([]byte(aws.ToString(ep.PolicyContent)), &got); err != nil {
		t.Errorf("%s: PolicyContent %q: %v", step, aws.ToString(ep.PolicyContent), err)
	}
	_ = json.Unmarshal([]byte(want), &exp)
	if !reflect.DeepEqual(got, exp) {
		t.Errorf("%s: PolicyContent = %s, want %s", step, aws.ToString(ep.PolicyContent), want)
	}
}

// TestDescribeEffectivePolicy builds the User Guide's example organization
// through the SDK and checks DescribeEffectivePolicy's answers as policies
// are attached and detached, and who may ask.
func TestDescribeEffectivePolicy(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w := newEffWorld(ctx, t)
	tagIn := func(target string) *orgsdk.DescribeEffectivePolicyInput {
		in := &orgsdk.DescribeEffectivePolicyInput{PolicyType: types.EffectivePolicyTypeTagPolicy}
		if target != "" {
			in.TargetId = aws.String(target)
		}
		return in
	}

	_, err := w.m.DescribeEffectivePolicy(ctx, tagIn(w.mbr))
	wantCode(t, "tag policies not enabled", err, "EffectivePolicyNotFoundException")
	_, err = w.m.EnablePolicyType(ctx, &orgsdk.EnablePolicyTypeInput{RootId: aws.String(w.root), PolicyType: types.PolicyTypeTagPolicy})
	fatalIf(t, "EnablePolicyType TAG_POLICY", err)
	_, err = w.m.DescribeEffectivePolicy(ctx, tagIn(w.mbr))
	wantCode(t, "no tag policy attached", err, "EffectivePolicyNotFoundException")

	w.attach(ctx, t, "A", tagPolicyA, w.root)
	wantEffective(ctx, t, "A on the root, asked for the member", w.m, w.mbr, w.mbr, effA)
	wantEffective(ctx, t, "A on the root, the management account's own", w.m, "", mgmt, effA)
	w.attach(ctx, t, "C", tagPolicyC, w.ou)
	wantEffective(ctx, t, "Example 2: A and C", w.m, w.mbr, w.mbr, effAC)
	wantEffective(ctx, t, "C is on the OU only", w.m, mgmt, mgmt, effA)
	w.pD = w.attach(ctx, t, "D", tagPolicyD, w.mbr)
	wantEffective(ctx, t, "Example 3: A, C and D", w.m, w.mbr, w.mbr, effACD)
	wantEffective(ctx, t, "the member asks for itself", w.mem, "", w.mbr, effACD)
	wantEffective(ctx, t, "the member names itself", w.mem, w.mbr, w.mbr, effACD)
	_, err = w.m.DetachPolicy(ctx, &orgsdk.DetachPolicyInput{PolicyId: aws.String(w.pD), TargetId: aws.String(w.mbr)})
	fatalIf(t, "DetachPolicy D", err)
	wantEffective(ctx, t, "D detached", w.m, w.mbr, w.mbr, effAC)

	_, err = w.mem.DescribeEffectivePolicy(ctx, tagIn(mgmt))
	wantCode(t, "a member names another account", err, "AccessDeniedException")
	_, err = w.m.DescribeEffectivePolicy(ctx, tagIn("333333333333"))
	wantCode(t, "an account outside the organization", err, "TargetNotFoundException")
	_, err = w.m.DescribeEffectivePolicy(ctx, &orgsdk.DescribeEffectivePolicyInput{PolicyType: types.EffectivePolicyTypeBackupPolicy, TargetId: aws.String(w.mbr)})
	wantCode(t, "backup policies not enabled", err, "EffectivePolicyNotFoundException")
	_, err = orgClient(w.url, invitee).DescribeEffectivePolicy(ctx, tagIn(""))
	wantCode(t, "an account in no organization", err, "AWSOrganizationsNotInUseException")

	for _, tc := range []struct{ name, typ, target, reason string }{
		{"an SCP has no effective policy", "SERVICE_CONTROL_POLICY", w.mbr, "INVALID_ENUM"},
		{"an RCP has no effective policy", "RESOURCE_CONTROL_POLICY", w.mbr, "INVALID_ENUM"},
		{"the root is not a supported target", "TAG_POLICY", w.root, "TARGET_NOT_SUPPORTED"},
		{"an OU is not a supported target", "TAG_POLICY", w.ou, "TARGET_NOT_SUPPORTED"},
		{"a target that is no id", "TAG_POLICY", "p-12345678", "INVALID_PATTERN_TARGET_ID"},
	} {
		_, err := w.m.DescribeEffectivePolicy(ctx, &orgsdk.DescribeEffectivePolicyInput{PolicyType: types.EffectivePolicyType(tc.typ), TargetId: aws.String(tc.target)})
		var ie *types.InvalidInputException
		if !errors.As(err, &ie) || ie.Reason != types.InvalidInputExceptionReason(tc.reason) {
			t.Errorf("%s: got %v, want InvalidInputException %s", tc.name, err, tc.reason)
		}
	}
}

// TestDescribeEffectivePolicyIAM: the caller's IAM policies decide
// organizations:DescribeEffectivePolicy, with organizations:PolicyType.
func TestDescribeEffectivePolicyIAM(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w := newEffWorld(ctx, t)
	_, err := w.m.EnablePolicyType(ctx, &orgsdk.EnablePolicyTypeInput{RootId: aws.String(w.root), PolicyType: types.PolicyTypeTagPolicy})
	fatalIf(t, "EnablePolicyType TAG_POLICY", err)
	w.attach(ctx, t, "A", tagPolicyA, w.root)

	tagsOnly := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:DescribeEffectivePolicy","Resource":"*",` +
		`"Condition":{"StringEquals":{"organizations:PolicyType":"TAG_POLICY"}}}]}`
	other := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:DescribePolicy","Resource":"*"}]}`
	for i, tc := range []struct {
		name, account, policy, typ, wantCode string
	}{
		{"management user allowed for tag policies", mgmt, tagsOnly, "TAG_POLICY", ""},
		{"management user asking for backup policies", mgmt, tagsOnly, "BACKUP_POLICY", "AccessDeniedException"},
		{"management user without the action", mgmt, other, "TAG_POLICY", "AccessDeniedException"},
		{"member user allowed", w.mbr, tagsOnly, "TAG_POLICY", ""},
		{"member user without the action", w.mbr, other, "TAG_POLICY", "AccessDeniedException"},
	} {
		key, secret := orgUser(t, w.url, tc.account, fmt.Sprintf("user%d", i), tc.policy)
		c := orgsdk.New(orgsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(w.url),
			Credentials: credentials.NewStaticCredentialsProvider(key, secret, "")})
		_, err := c.DescribeEffectivePolicy(ctx, &orgsdk.DescribeEffectivePolicyInput{PolicyType: types.EffectivePolicyType(tc.typ)})
		if tc.wantCode == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		wantCode(t, tc.name, err, tc.wantCode)
	}
}

// TestManagementPolicyJSON: a management policy must be one JSON object
// ("structured according to the rules of JSON", tag policy syntax page);
// anything else is MalformedPolicyDocumentException with AWS's recorded
// sentence, on CreatePolicy and UpdatePolicy, which then change nothing.
// Documents AWS accepts stay accepted, the settings' values unchecked (a
// tag_value given as a string was accepted by AWS,
// hashicorp/terraform-provider-aws#26129).
func TestManagementPolicyJSON(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ts, _ := startServer(t)
	m := orgClient(ts.URL, mgmt)
	orgWithMember(ctx, t, m)
	const msg = "The provided policy document does not meet the requirements of the specified policy type."
	create := func(name, typ, doc string) (string, error) {
		out, err := m.CreatePolicy(ctx, &orgsdk.CreatePolicyInput{Name: aws.String(name), Description: aws.String(""),
			Type: types.PolicyType(typ), Content: aws.String(doc)})
		if err != nil {
			return "", err
		}
		return aws.ToString(out.Policy.PolicySummary.Id), nil
	}
	for i, tc := range []struct{ typ, doc, wantCode string }{
		{"TAG_POLICY", tagPolicyA, ""},
		{"TAG_POLICY", `{"tags":{"key":{"tag_key":{"@@assign":"key"},"tag_value":{"@@assign":"value"},"enforced_for":{"@@assign":"ec2:*"}}}}`, ""},
		{"AISERVICES_OPT_OUT_POLICY", `{"services":{"default":{"opt_out_policy":{"@@assign":"optOut"}}}}`, ""},
		{"TAG_POLICY", `{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"}}}`, "MalformedPolicyDocumentException"},
		{"TAG_POLICY", `{"tags":{}} {"tags":{}}`, "MalformedPolicyDocumentException"},
		{"BACKUP_POLICY", `["plans"]`, "MalformedPolicyDocumentException"},
		{"CHATBOT_POLICY", `{chatbot: {}}`, "MalformedPolicyDocumentException"},
	} {
		_, err := create(fmt.Sprintf("p%d", i), tc.typ, tc.doc)
		if tc.wantCode == "" {
			if err != nil {
				t.Errorf("CreatePolicy %s %s: %v", tc.typ, tc.doc, err)
			}
			continue
		}
		var me *types.MalformedPolicyDocumentException
		if !errors.As(err, &me) || me.ErrorMessage() != msg {
			t.Errorf("CreatePolicy %s %s: got %v, want MalformedPolicyDocumentException %q", tc.typ, tc.doc, err, msg)
		}
	}
	id, err := create("upd", "TAG_POLICY", tagPolicyA)
	fatalIf(t, "CreatePolicy upd", err)
	_, err = m.UpdatePolicy(ctx, &orgsdk.UpdatePolicyInput{PolicyId: aws.String(id), Content: aws.String(`{"tags":`)})
	wantCode(t, "UpdatePolicy to a document that is not JSON", err, "MalformedPolicyDocumentException")
	d, err := m.DescribePolicy(ctx, &orgsdk.DescribePolicyInput{PolicyId: aws.String(id)})
	fatalIf(t, "DescribePolicy", err)
	if got := aws.ToString(d.Policy.Content); got != tagPolicyA {
		t.Errorf("after the refused update Content = %s, want %s", got, tagPolicyA)
	}
}

// TestEffectivePolicyAttachmentOrder: policies on one target merge in the
// order they were attached ("the order in which they were attached",
// User Guide, "Inheritance operators"), the first @@assign of a setting
// winning (Example 6), whatever their ids.
func TestEffectivePolicyAttachmentOrder(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w := newEffWorld(ctx, t)
	_, err := w.m.EnablePolicyType(ctx, &orgsdk.EnablePolicyTypeInput{RootId: aws.String(w.root), PolicyType: types.PolicyTypeTagPolicy})
	fatalIf(t, "EnablePolicyType TAG_POLICY", err)
	doc := func(key string) string {
		return `{"tags":{"project":{"tag_key":{"@@assign":"` + key + `"}}}}`
	}
	create := func(name, key string) string {
		p, err := w.m.CreatePolicy(ctx, &orgsdk.CreatePolicyInput{Name: aws.String(name), Description: aws.String(""),
			Type: types.PolicyTypeTagPolicy, Content: aws.String(doc(key))})
		fatalIf(t, "CreatePolicy "+name, err)
		return aws.ToString(p.Policy.PolicySummary.Id)
	}
	attach := func(id, target string) {
		_, err := w.m.AttachPolicy(ctx, &orgsdk.AttachPolicyInput{PolicyId: aws.String(id), TargetId: aws.String(target)})
		fatalIf(t, "AttachPolicy "+id+" to "+target, err)
	}
	alpha, beta := create("Alpha", "Alpha"), create("Beta", "Beta")
	attach(alpha, w.mbr)
	attach(beta, w.mbr)
	attach(beta, mgmt)
	attach(alpha, mgmt)
	wantEffective(ctx, t, "member: Alpha attached first", w.m, w.mbr, w.mbr, `{"tags":{"project":{"tag_key":"Alpha"}}}`)
	wantEffective(ctx, t, "management: Beta attached first", w.m, mgmt, mgmt, `{"tags":{"project":{"tag_key":"Beta"}}}`)
	_, err = w.m.DetachPolicy(ctx, &orgsdk.DetachPolicyInput{PolicyId: aws.String(alpha), TargetId: aws.String(w.mbr)})
	fatalIf(t, "DetachPolicy", err)
	attach(alpha, w.mbr)
	wantEffective(ctx, t, "member: Alpha attached again, after Beta", w.m, w.mbr, w.mbr, `{"tags":{"project":{"tag_key":"Beta"}}}`)
}
