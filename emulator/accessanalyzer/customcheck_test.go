package accessanalyzer

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// reasonsOf renders a result's reasons as "index/sid: description" lines.
func reasonsOf(out *checkOutput) string {
	var b []string
	for _, r := range out.Reasons {
		sid := ""
		if r.StatementID != nil {
			sid = *r.StatementID
		}
		b = append(b, fmt.Sprintf("%d/%s: %s", r.StatementIndex, sid, r.Description))
	}
	return strings.Join(b, "\n")
}

func mustParse(t *testing.T, doc string) []checkStatement {
	t.Helper()
	stmts, err := parseCheckPolicy("policyDocument", doc)
	if err != nil {
		t.Fatalf("parse %s: %v", doc, err)
	}
	return stmts
}

// stmt wraps statements into a policy document.
func policy(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

func TestCheckAccessNotGranted(t *testing.T) {
	const bucketRead = `{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::DOC-EXAMPLE-BUCKET","arn:aws:s3:::DOC-EXAMPLE-BUCKET/*"]}`
	for _, c := range []struct {
		name      string
		doc       string
		actions   []string
		resources []string
		resource  bool   // RESOURCE_POLICY
		want      string // reasons, "" for PASS
	}{
		// The CLI reference's check-access-not-granted example: PASS.
		{name: "cli example", doc: policy(bucketRead), actions: []string{"s3:DeleteBucket", "s3:GetBucketLocation"}},
		{name: "named action", doc: policy(bucketRead), actions: []string{"s3:getobject"},
			want: "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "service wildcard", doc: policy(`{"Sid":"All","Effect":"Allow","Action":"s3:*","Resource":"*"}`), actions: []string{"s3:DeleteBucket"},
			want: "0/All: One or more of the listed actions or resources in the statement with sid: All."},
		{name: "star action", doc: policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`), actions: []string{"iam:PassRole"},
			want: "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "listed wildcard meets prefix", doc: policy(`{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}`), actions: []string{"s3:*Acl"},
			want: "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "other service", doc: policy(`{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}`), actions: []string{"iam:*"}},
		{name: "NotAction leaves it out", doc: policy(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), actions: []string{"iam:CreateUser"}},
		{name: "NotAction grants it", doc: policy(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), actions: []string{"s3:PutObject"},
			want: "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "NotAction narrower than listed", doc: policy(`{"Effect":"Allow","NotAction":"iam:Delete*","Resource":"*"}`), actions: []string{"iam:*"},
			want: "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "other resource", doc: policy(bucketRead), resources: []string{"arn:aws:s3:::sensitive/*"}},
		{name: "resource wildcard overlaps", doc: policy(bucketRead), resources: []string{"arn:aws:s3:::DOC-EXAMPLE-BUCKET/secret/*"},
			want: "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "action on other resource", doc: policy(bucketRead), actions: []string{"s3:GetObject"}, resources: []string{"arn:aws:s3:::other/*"}},
		{name: "NotResource leaves it out", doc: policy(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}`),
			resources: []string{"arn:aws:s3:::secret/k"}},
		{name: "NotResource grants the rest", doc: policy(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/a*"}`),
			resources: []string{"arn:aws:s3:::secret/*"},
			want:      "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "deny overrides", doc: policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"iam:*","Resource":"*"}`),
			actions: []string{"iam:CreateUser", "iam:PassRole"}},
		{name: "deny covers one action only", doc: policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"iam:Create*","Resource":"*"}`),
			actions: []string{"iam:CreateUser", "iam:PassRole"},
			want:    "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "conditional deny does not override", doc: policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`,
			`{"Effect":"Deny","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}`),
			actions: []string{"iam:CreateUser"},
			want:    "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "deny on part of the resources", doc: policy(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`,
			`{"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::secret/private/*"}`),
			resources: []string{"arn:aws:s3:::secret/*"},
			want:      "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "condition on allow still grants", doc: policy(`{"Sid":"Mfa","Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`),
			actions: []string{"iam:CreateAccessKey"},
			want:    "0/Mfa: One or more of the listed actions or resources in the statement with sid: Mfa."},
		{name: "variable in resource", doc: policy(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}`),
			resources: []string{"arn:aws:s3:::home/admin/*"},
			want:      "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "two statements", doc: policy(bucketRead, `{"Effect":"Deny","Action":"s3:*","Resource":"*"}`, `{"Sid":"Put","Effect":"Allow","Action":"s3:Put*","Resource":"*"}`),
			actions: []string{"s3:PutObject"}},
		// The API model's examples: a bucket policy granting JohnDoe.
		{name: "model example pass", resource: true, doc: `{"Version":"2012-10-17","Id":"123","Statement":[{"Sid":"AllowJohnDoe","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/JohnDoe"},"Action":"s3:GetObject","Resource":"*"}]}`,
			actions: []string{"s3:PutObject"}},
		{name: "model example fail", resource: true, doc: `{"Version":"2012-10-17","Id":"123","Statement":[{"Sid":"AllowJohnDoe","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/JohnDoe"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::my-bucket/*"}]}`,
			resources: []string{"arn:aws:s3:::my-bucket/*"},
			want:      "0/AllowJohnDoe: One or more of the listed actions or resources in the statement with sid: AllowJohnDoe."},
		{name: "resource deny for one principal does not override", resource: true,
			doc: policy(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`,
				`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`),
			actions: []string{"s3:GetObject"},
			want:    "0/: One or more of the listed actions or resources in the statement with index: 0."},
		{name: "resource deny for everyone overrides", resource: true,
			doc: policy(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`,
				`{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`),
			actions: []string{"s3:GetObject"}},
		{name: "trust policy without resource", resource: true,
			doc:     policy(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`),
			actions: []string{"sts:AssumeRole"},
			want:    "0/: One or more of the listed actions or resources in the statement with index: 0."},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := accessNotGranted(newRelator(), mustParse(t, c.doc), accessInput{Actions: c.actions, Resources: c.resources}, c.resource)
			wantResult, wantMsg := resultPass, msgAccessNotGranted
			if c.want != "" {
				wantResult, wantMsg = resultFail, msgAccessGranted
			}
			if out.Result != wantResult || out.Message != wantMsg || reasonsOf(out) != c.want {
				t.Errorf("got %s %q\n%s\nwant %s %q\n%s", out.Result, out.Message, reasonsOf(out), wantResult, wantMsg, c.want)
			}
		})
	}
}

func TestCheckNoNewAccess(t *testing.T) {
	const (
		existing = `{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::DOC-EXAMPLE-BUCKET","arn:aws:s3:::DOC-EXAMPLE-BUCKET/*"]}`
		newAcl   = `{"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectAcl","s3:ListBucket"],"Resource":["arn:aws:s3:::DOC-EXAMPLE-BUCKET","arn:aws:s3:::DOC-EXAMPLE-BUCKET/*"]}`
		fail0    = "0/: New access in the statement with index: 0."
	)
	for _, c := range []struct {
		name        string
		newDoc, old string
		resource    bool
		want        string
	}{
		// The CLI reference's check-no-new-access example: FAIL at 0.
		{name: "cli example", newDoc: policy(newAcl), old: policy(existing), want: fail0},
		{name: "same policy", newDoc: policy(existing), old: policy(existing)},
		{name: "narrower", newDoc: policy(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::DOC-EXAMPLE-BUCKET/logs/*"}`), old: policy(existing)},
		{name: "wider resource", newDoc: policy(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::DOC-EXAMPLE-*/*"}`), old: policy(existing), want: fail0},
		{name: "wildcard action within wildcard", newDoc: policy(`{"Effect":"Allow","Action":"s3:GetObject*","Resource":"*"}`),
			old: policy(`{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}`)},
		{name: "wildcard action beyond", newDoc: policy(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`),
			old: policy(`{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}`), want: fail0},
		{name: "split across existing statements", newDoc: policy(`{"Sid":"Both","Effect":"Allow","Action":["s3:GetObject","iam:GetUser"],"Resource":"*"}`),
			old: policy(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}`)},
		{name: "second statement new", newDoc: policy(existing, `{"Sid":"Iam","Effect":"Allow","Action":"iam:PassRole","Resource":"*"}`),
			old: policy(existing), want: "1/Iam: New access in the statement with sid: Iam."},
		{name: "NotAction new against Action star", newDoc: policy(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`),
			old: policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`)},
		{name: "NotAction new against narrower NotAction", newDoc: policy(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`),
			old: policy(`{"Effect":"Allow","NotAction":"iam:Create*","Resource":"*"}`)},
		{name: "NotAction new against wider NotAction", newDoc: policy(`{"Effect":"Allow","NotAction":"iam:Create*","Resource":"*"}`),
			old: policy(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), want: fail0},
		{name: "Action against NotAction", newDoc: policy(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`),
			old: policy(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`)},
		{name: "Action inside NotAction", newDoc: policy(`{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}`),
			old: policy(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), want: fail0},
		{name: "NotResource", newDoc: policy(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}`),
			old: policy(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/private/*"}`)},
		{name: "condition dropped", newDoc: policy(`{"Effect":"Allow","Action":"iam:*","Resource":"*"}`),
			old: policy(`{"Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`), want: fail0},
		{name: "condition kept and added", newDoc: policy(`{"Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":["true"]},"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}`),
			old: policy(`{"Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:multifactorauthpresent":"true"}}}`)},
		{name: "condition value changed", newDoc: policy(`{"Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}}`),
			old: policy(`{"Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}`), want: fail0},
		{name: "existing deny dropped", newDoc: policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`),
			old: policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"iam:*","Resource":"*"}`), want: fail0},
		{name: "existing deny kept", newDoc: policy(`{"Sid":"Other","Effect":"Deny","Action":"iam:*","Resource":"*"}`, `{"Effect":"Allow","Action":"*","Resource":"*"}`),
			old: policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"iam:*","Resource":"*"}`)},
		{name: "dropped deny out of reach", newDoc: policy(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`),
			old: policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"iam:*","Resource":"*"}`)},
		{name: "principal same", resource: true,
			newDoc: policy(`{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`),
			old:    policy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`)},
		{name: "principal added", resource: true,
			newDoc: policy(`{"Effect":"Allow","Principal":{"AWS":["111111111111","222222222222"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`),
			old:    policy(`{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`), want: fail0},
		{name: "principal made public", resource: true,
			newDoc: policy(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`),
			old:    policy(`{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`), want: fail0},
		{name: "reference policy with wildcard principal", resource: true,
			newDoc: policy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/ci"},"Action":"sts:AssumeRole"}`),
			old:    policy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/*"},"Action":"sts:AssumeRole"}`)},
		{name: "service principal against AWS", resource: true,
			newDoc: policy(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`),
			old:    policy(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalAccount":"111111111111"}}}`), want: fail0},
		{name: "NotPrincipal new", resource: true,
			newDoc: policy(`{"Effect":"Allow","NotPrincipal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`),
			old:    policy(`{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`), want: fail0},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := noNewAccess(newRelator(), mustParse(t, c.newDoc), mustParse(t, c.old), c.resource)
			wantResult, wantMsg := resultPass, msgNoNewAccess
			if c.want != "" {
				wantResult, wantMsg = resultFail, msgNewAccess
			}
			if out.Result != wantResult || out.Message != wantMsg || reasonsOf(out) != c.want {
				t.Errorf("got %s %q\n%s\nwant %s %q\n%s", out.Result, out.Message, reasonsOf(out), wantResult, wantMsg, c.want)
			}
		})
	}
}

func TestCheckNoPublicAccess(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"open web identity in a trust policy", policy(`{"Sid":"Gh","Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"}`),
			"0/Gh: Public access granted in the following statement with sid: Gh."},
		{"pinned web identity", policy(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity",` +
			`"Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:o/r:ref:refs/heads/main"}}}`), ""},
		{"SAML provider", policy(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:saml-provider/corp"},"Action":"sts:AssumeRoleWithSAML"}`), ""},
		// The API model's examples.
		{"model pass", `{"Version":"2012-10-17","Statement":[{"Sid":"Bob","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/JohnDoe"},"Action":["s3:GetObject"]}]}`, ""},
		{"model fail", `{"Version":"2012-10-17","Statement":[{"Sid":"Bob","Effect":"Allow","Principal":"*","Action":["s3:GetObject"]}]}`,
			"0/Bob: Public access granted in the following statement with sid: Bob."},
		{"second statement", policy(`{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}`,
			`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*"}`),
			"1/: Public access granted in the following statement with index: 1."},
		{"pinned by org", policy(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-123"}}}`), ""},
		{"deny only", policy(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}`), ""},
		{"NotPrincipal", policy(`{"Effect":"Allow","NotPrincipal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}`),
			"0/: Public access granted in the following statement with index: 0."},
		{"other service key not known", policy(`{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111111111111"}}}`),
			"0/: Public access granted in the following statement with index: 0."},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := noPublicAccess(c.doc, mustParse(t, c.doc), trustPolicyType)
			wantResult, wantMsg := resultPass, msgNoPublic
			if c.want != "" {
				wantResult, wantMsg = resultFail, msgPublic
			}
			if out.Result != wantResult || out.Message != wantMsg || reasonsOf(out) != c.want {
				t.Errorf("got %s %q\n%s\nwant %s %q\n%s", out.Result, out.Message, reasonsOf(out), wantResult, wantMsg, c.want)
			}
		})
	}
}

func TestCheckPolicyParseErrors(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`{`, "Invalid policyDocument: it is not a JSON object."},
		{`[]`, "Invalid policyDocument: it is not a JSON object."},
		// JSON to the tree reader but not to encoding/json (publicpolicy).
		{`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"NumericEquals":{"s3:max-keys":01}}}}`, "Invalid policyDocument: it is not a JSON object."},
		{`{"Version":"2012-10-17"}`, "Invalid policyDocument: Statement must be an object or an array of objects."},
		{`{"Statement":[{"Effect":"Allow","Action":"s3:*"}],"Foo":1}`, "Invalid policyDocument: unknown element Foo."},
		{`{"Statement":["x"]}`, "Invalid policyDocument: statement 0: a statement must be an object."},
		{`{"Statement":{"Action":"s3:*"}}`, "Invalid policyDocument: statement 0: Effect is missing."},
		{`{"Statement":{"Effect":"allow","Action":"s3:*"}}`, "Invalid policyDocument: statement 0: Effect must be Allow or Deny."},
		{`{"Statement":{"Effect":"Allow","Action":1}}`, "Invalid policyDocument: statement 0: Action must be a string or an array of strings."},
		{`{"Statement":{"Effect":"Allow","Action":"s3:*","action":"iam:*"}}`, "Invalid policyDocument: statement 0: unknown element action."},
		{`{"Statement":{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*"}}`, "Invalid policyDocument: statement 0: an element and its Not form cannot be combined."},
		{`{"Statement":{"Effect":"Allow","Principal":"arn:aws:iam::111111111111:root","Action":"s3:*"}}`, `Invalid policyDocument: statement 0: Principal must be "*" or an object.`},
		{`{"Statement":{"Effect":"Allow","Action":"s3:*","Condition":{"StringEquals":"x"}}}`, "Invalid policyDocument: statement 0: each Condition operator must map keys to values."},
		{`{"Statement":{"Effect":"Allow","Action":"s3:*","Effect":"Deny"}}`, "Invalid policyDocument: statement 0: duplicate element Effect."},
	} {
		_, err := parseCheckPolicy("policyDocument", c.doc)
		e, ok := awserr.As(err)
		if !ok || e.Code != "InvalidParameterException" || e.Status != 400 || e.Message != c.want {
			t.Errorf("%s: err = %v, want InvalidParameterException %q", c.doc, err, c.want)
		}
	}
}

// TestCheckTooComplex: patterns too long to compare within the budget
// answer UnprocessableEntityException, not a verdict.
func TestCheckTooComplex(t *testing.T) {
	long := "arn:aws:s3:::b/" + strings.Repeat("a*", 1200)
	stmts := mustParse(t, policy(`{"Effect":"Allow","Action":"s3:*","Resource":"`+long+`"}`))
	rel := newRelator()
	out, err := finish(rel, accessNotGranted(rel, stmts, accessInput{Resources: []string{long + "x"}}, false))
	if out != nil || err == nil || !strings.Contains(err.Error(), "could not be processed") {
		t.Fatalf("out = %v, err = %v", out, err)
	}
}

// TestCustomCheckInputValidation: bodies the SDKs refuse to send (missing
// required members) are refused by the server too, worded as
// ValidatePolicy's ValidationException.
func TestCustomCheckInputValidation(t *testing.T) {
	const null = "failed to satisfy constraint: Member must not be null"
	for _, c := range []struct {
		in         interface{ validate() error }
		body, code string
		msg        string
	}{
		{&checkAccessNotGrantedInput{}, `{}`, "ValidationException", "3 validation errors detected: Value null at 'policyDocument' " + null +
			"; Value null at 'access' " + null + "; Value null at 'policyType' " + null},
		{&checkAccessNotGrantedInput{}, `{"policyDocument":"{}","access":[{"actions":["s3:GetObject"]}],"policyType":"IDENTITY_POLICY"}`, "", ""},
		{&checkAccessNotGrantedInput{}, `{"policyDocument":"{}","access":[],"policyType":"IDENTITY_POLICY"}`, "InvalidParameterException",
			"The access object must contain at least one action or resource."},
		{&checkAccessNotGrantedInput{}, `{"policyDocument":"{}","access":[{"resources":["arn:aws:s3:::b/` + strings.Repeat("k", 2040) + `"]}],"policyType":"RESOURCE_POLICY"}`,
			"ValidationException", "1 validation error detected: Value 'arn:aws:s3:::b/" + strings.Repeat("k", 2040) +
				"' at 'access.1.member.resources.1.member' failed to satisfy constraint: Member must have length less than or equal to 2048"},
		{&checkAccessNotGrantedInput{}, `{"policyDocument":"{}","access":[{"actions":[` + strings.TrimSuffix(strings.Repeat(`"s3:GetObject",`, 101), ",") + `]}],"policyType":"IDENTITY_POLICY"}`,
			"ValidationException", "1 validation error detected: Value '[" + strings.TrimSuffix(strings.Repeat("s3:GetObject, ", 101), ", ") +
				"]' at 'access.1.member.actions' failed to satisfy constraint: Member must have length less than or equal to 100"},
		{&checkNoNewAccessInput{}, `{"newPolicyDocument":"{}","policyType":"RESOURCE_POLICY"}`, "ValidationException",
			"1 validation error detected: Value null at 'existingPolicyDocument' " + null},
		{&checkNoNewAccessInput{}, `{"newPolicyDocument":"{}","existingPolicyDocument":"{}","policyType":"identity_policy"}`, "ValidationException",
			"1 validation error detected: Value 'identity_policy' at 'policyType' failed to satisfy constraint: Member must satisfy enum value set: [IDENTITY_POLICY, RESOURCE_POLICY]"},
		{&checkNoPublicAccessInput{}, `{"policyDocument":"{}"}`, "ValidationException", "1 validation error detected: Value null at 'resourceType' " + null},
		{&checkNoPublicAccessInput{}, `{"policyDocument":"{}","resourceType":"AWS::IAM::AssumeRolePolicyDocument"}`, "", ""},
	} {
		if err := json.Unmarshal([]byte(c.body), c.in); err != nil {
			t.Fatal(err)
		}
		err := c.in.validate()
		if c.code == "" {
			if err != nil {
				t.Errorf("%s: %v", c.body, err)
			}
			continue
		}
		e, ok := awserr.As(err)
		if !ok || string(e.Code) != c.code || e.Status != 400 || e.Message != c.msg {
			t.Errorf("%.80s: err = %v\nwant %s %s", c.body, err, c.code, c.msg)
		}
	}
}

// TestCheckLargeInputsWithinBudget: a policy near IAM's 6,144-character
// quota, checked for the API's maximum of 100 actions and 100 resources
// (what cfn-policy-validator sends in one batch), and compared with a
// one-statement change of itself, reaches a verdict within the budget.
func TestCheckLargeInputsWithinBudget(t *testing.T) {
	var stmts []string
	for i := range 5 {
		var acts, res []string
		for j := range 20 {
			acts = append(acts, fmt.Sprintf(`"s3:Get%dObject*"`, j))
		}
		for j := range 10 {
			res = append(res, fmt.Sprintf(`"arn:aws:s3:::bucket-%d-%d/prefix/*"`, i, j))
		}
		stmts = append(stmts, `{"Effect":"Allow","Action":[`+strings.Join(acts, ",")+`],"Resource":[`+strings.Join(res, ",")+`]}`,
			`{"Effect":"Deny","Action":[`+strings.Join(acts, ",")+`],"Resource":["arn:aws:s3:::other-`+fmt.Sprint(i)+`/*"]}`)
	}
	doc := policy(stmts...)
	var acc accessInput
	for j := range 100 {
		acc.Actions = append(acc.Actions, fmt.Sprintf("s3:Get%dObjectAcl", j%20))
		acc.Resources = append(acc.Resources, fmt.Sprintf("arn:aws:s3:::zzz-%d/k", j))
	}
	rel := newRelator()
	if out := accessNotGranted(rel, mustParse(t, doc), acc, false); rel.spent || out.Result != resultPass {
		t.Errorf("CheckAccessNotGranted: %s, budget spent %v", out.Result, rel.spent)
	}
	changed := strings.Replace(doc, `"s3:Get0Object*"`, `"s3:Get0Object*","s3:Put*"`, 1)
	rel = newRelator()
	if out := noNewAccess(rel, mustParse(t, changed), mustParse(t, doc), false); rel.spent || reasonsOf(out) != "0/: New access in the statement with index: 0." {
		t.Errorf("CheckNoNewAccess: %s %s, budget spent %v", out.Result, reasonsOf(out), rel.spent)
	}
}
