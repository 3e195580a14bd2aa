package accessanalyzer

import "testing"

// TestCheckNoNewAccessSamples replays AWS's own expectations for
// CheckNoNewAccess: the reference policies and candidate policies of
// aws-samples/iam-access-analyzer-custom-policy-check-samples (the
// repository the API reference points to), each marked PASS or FAIL
// there. Where fakeaws answers FAIL to a documented PASS (it cannot show
// the candidate covered) a case would say so in its fakeaws field; none
// does now.
func TestCheckNoNewAccessSamples(t *testing.T) {
	const (
		// identity-policies/check-access-to-sensitive-resource/s3-bucket.md
		s3Bucket = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},` +
			`{"Effect":"Deny","Action":["s3:CreateBucket","s3:DeleteBucket","s3:DeleteBucketPolicy","s3:GetBucketAcl","s3:ListBucket","s3:PutBucketAcl","s3:PutBucketPolicy"],` +
			`"Resource":"arn:aws:s3:::my-sensitive-bucket"}]}`
		// resource-policies/role-trust-policies/allowlist-account-principals.md
		trust = `{"Version":"2012-10-17","Statement":[{"Sid":"AllowPrincipalsInTheseAccounts","Effect":"Allow",` +
			`"Principal":{"AWS":["111111111111","222222222222"]},"Action":"sts:AssumeRole"},` +
			`{"Sid":"AllowOtherSTSActions","Effect":"Allow","Principal":"*","NotAction":"sts:AssumeRole"}]}`
		// resource-policies/check-who-is-granted-access/s3-all-actions.md
		whoS3 = `{"Version":"2012-10-17","Statement":[{"Sid":"AllowPrincipalElement","Effect":"Allow",` +
			`"Principal":{"AWS":["arn:aws:iam::111111111111:role/MyPrivilegedRole","arn:aws:iam::111111111111:role/MyPrivilegedRole2"]},` +
			`"Action":"s3:*","Resource":["arn:aws:s3:::my-sensitive-bucket","arn:aws:s3:::my-sensitive-bucket/*"]},` +
			`{"Sid":"AllowPrincipalArnKey","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:*",` +
			`"Resource":["arn:aws:s3:::my-sensitive-bucket","arn:aws:s3:::my-sensitive-bucket/*"],` +
			`"Condition":{"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::111111111111:role/MyPrivilegedRole","arn:aws:iam::111111111111:role/MyPrivilegedRole2"]}}}]}`
		// resource-policies/role-trust-policies/allowlist-aws-service-principal.md
		services = `{"Version":"2012-10-17","Statement":[{"Sid":"AllowThisSetOfServicePrincipals","Effect":"Allow",` +
			`"Principal":{"Service":["ec2.amazonaws.com","lambda.amazonaws.com","ecs-tasks.amazonaws.com"]},"Action":"sts:AssumeRole"},` +
			`{"Sid":"AllowOtherSTSActions","Effect":"Allow","Principal":"*","NotAction":"sts:AssumeRole"}]}`
		// resource-policies/role-trust-policies/allowlist-federated-access-oidc.md (<ACCOUNT ID>
		// filled in)
		oidc = `{"Version":"2012-10-17","Statement":[{"Sid":"AllowSpecificOidcProvider","Effect":"Allow",` +
			`"Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/MyProvider"},"Action":"sts:AssumeRoleWithWebIdentity"},` +
			`{"Sid":"AllowOtherSTSActions","Effect":"Allow","Principal":"*","NotAction":["sts:AssumeRoleWithSAML","sts:AssumeRoleWithWebIdentity"]}]}`
		// identity-policies/check-for-privilege-escalation/via-iam-and-sts.md
		escalation = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},` +
			`{"Effect":"Deny","Action":["iam:PassRole"],"NotResource":"arn:aws:iam::*:role/PassableRoles/*"},` +
			`{"Effect":"Deny","Action":["sts:AssumeRole"],"NotResource":"arn:aws:iam::*:role/AssumableRoles/*"},` +
			`{"Effect":"Deny","Action":["iam:CreateUser","iam:CreateAccessKey","iam:CreateLoginProfile","iam:AttachUserPolicy","iam:PutUserPolicy",` +
			`"iam:UpdateLoginProfile","iam:AttachGroupPolicy","iam:PutGroupPolicy","iam:AddUserToGroup","iam:CreateRole","iam:AttachRolePolicy",` +
			`"iam:PutRolePolicy","iam:CreatePolicyVersion","iam:SetDefaultPolicyVersion","iam:UpdateAssumeRolePolicy"],"Resource":"*"}]}`
		// identity-policies/check-for-tag-based-access/run-ec2-instance-with-tag.md
		runTag = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},` +
			`{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*","Condition":{"Null":{"aws:RequestTag/use-your-own-tag-key-here":"true"}}}]}`
		// identity-policies/check-for-tag-based-access/act-on-ec2-instance-with-tag.md
		tag = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},` +
			`{"Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*","Condition":{"Null":{"aws:ResourceTag/use-your-own-tag-key-here":"true"}}}]}`
	)
	for _, c := range []struct {
		name, reference, candidate string
		resource                   bool
		want                       string // AWS's documented result
		fakeaws                    string // fakeaws's, when it differs
	}{
		{"s3-bucket 1", s3Bucket, policy(`{"Effect":"Allow","Action":["s3:DeleteBucket","s3:DeleteBucketPolicy","s3:PutBucketPolicy"],"Resource":"arn:aws:s3:::my-not-sensitive-bucket"}`), false, resultPass, ""},
		{"s3-bucket 2", s3Bucket, policy(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::my-sensitive-bucket"}`), false, resultPass, ""},
		{"s3-bucket 3", s3Bucket, policy(`{"Effect":"Allow","Action":"s3:DeleteBucketPolicy","Resource":"arn:aws:s3:::my-sensitive-bucket"}`), false, resultFail, ""},
		{"s3-bucket 4", s3Bucket, policy(`{"Effect":"Allow","Action":"s3:PutBucketPolicy","Resource":"arn:aws:s3:*:*:*sensitive*"}`), false, resultFail, ""},
		{"s3-bucket 5", s3Bucket, policy(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), false, resultFail, ""},
		{"trust 1", trust, policy(`{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"}`), true, resultPass, ""},
		{"trust 2", trust, policy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/MyRole"},"Action":"sts:AssumeRole"}`), true, resultPass, ""},
		{"trust 3", trust, policy(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/MyProvider"},"Action":"sts:AssumeRoleWithWebIdentity"}`), true, resultPass, ""},
		{"trust 4", trust, policy(`{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}`), true, resultFail, ""},
		{"trust 5", trust, policy(`{"Effect":"Allow","Principal":{"AWS":"333333333333"},"Action":"sts:AssumeRole"}`), true, resultFail, ""},
		{"trust 6", trust, policy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:role/NotMyRole"},"Action":"sts:AssumeRole"}`), true, resultFail, ""},
		{"who-s3 1", whoS3, policy(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::my-sensitive-bucket/*",` +
			`"Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/MyPrivilegedRole"}}}`), true, resultPass, ""},
		{"who-s3 2", whoS3, policy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/MyPrivilegedRole"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::my-sensitive-bucket/*"}`), true, resultPass, ""},
		{"who-s3 3", whoS3, policy(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::my-sensitive-bucket/*"}`), true, resultFail, ""},
		{"who-s3 4", whoS3, policy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/MyOtherRole"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::my-sensitive-bucket/*"}`), true, resultFail, ""},
		{"who-s3 5", whoS3, policy(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::my-sensitive-bucket/*",` +
			`"Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/MyOtherRole"}}}`), true, resultFail, ""},
		{"services 1", services, policy(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`), true, resultPass, ""},
		{"services 2", services, policy(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/MyProvider"},"Action":"sts:AssumeRoleWithWebIdentity"}`), true, resultPass, ""},
		{"services 3", services, policy(`{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}`), true, resultFail, ""},
		{"services 4", services, policy(`{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"}`), true, resultFail, ""},
		{"services 5", services, policy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/MyRole"},"Action":"sts:AssumeRole"}`), true, resultFail, ""},
		{"oidc 1", oidc, policy(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/MyProvider"},"Action":"sts:AssumeRoleWithWebIdentity"}`), true, resultPass, ""},
		{"oidc 2", oidc, policy(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`), true, resultPass, ""},
		{"oidc 3", oidc, policy(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:saml-provider/MyProvider"},"Action":"sts:AssumeRoleWithSAML"}`), true, resultFail, ""},
		{"oidc 4", oidc, policy(`{"Effect":"Allow","Principal":{"Federated":"graph.facebook.com"},"Action":"sts:AssumeRoleWithWebIdentity"}`), true, resultFail, ""},
		{"oidc 5", oidc, policy(`{"Effect":"Allow","Principal":{"Federated":"*"},"Action":"sts:AssumeRoleWithWebIdentity"}`,
			`{"Effect":"Deny","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/NotMyProvider"},"Action":"sts:AssumeRoleWithWebIdentity"}`), true, resultFail, ""},
		{"tag 1", tag, policy(`{"Effect":"Allow","Action":"ec2:TerminateInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/use-your-own-tag-key-here":"tag-value"}}}`), false, resultPass, ""},
		{"tag 2", tag, policy(`{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}`), false, resultPass, ""},
		// A Deny when the tag differs from a value denies when it is absent.
		{"tag 3", tag, policy(`{"Effect":"Allow","Action":"ec2:TerminateInstances","Resource":"*"}`,
			`{"Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceTag/use-your-own-tag-key-here":"tag-value"}}}`), false, resultPass, ""},
		{"escalation 1", escalation, policy(`{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111111111111:role/PassableRoles/MyRole"}`), false, resultPass, ""},
		{"escalation 2", escalation, policy(`{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}`), false, resultPass, ""},
		{"escalation 3", escalation, policy(`{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}`,
			`{"Effect":"Deny","Action":"sts:AssumeRole","NotResource":"arn:aws:iam::*:role/AssumableRoles/MyRole"}`), false, resultPass, ""},
		{"escalation 4", escalation, policy(`{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111111111111:role/WrongPath/MyRole"}`), false, resultFail, ""},
		{"escalation 5", escalation, policy(`{"Effect":"Allow","Action":"iam:PutRolePolicy","Resource":"arn:aws:iam::111111111111:role/PrivilegedRole"}`), false, resultFail, ""},
		{"run-tag 1", runTag, policy(`{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/use-your-own-tag-key-here":"tag-value"}}}`), false, resultPass, ""},
		{"run-tag 2", runTag, policy(`{"Effect":"Allow","Action":"ec2:DescribeInstanceAttribute","Resource":"*"}`), false, resultPass, ""},
		{"run-tag 3", runTag, policy(`{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}`,
			`{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestTag/use-your-own-tag-key-here":"tag-value"}}}`), false, resultPass, ""},
		{"run-tag 4", runTag, policy(`{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"Null":{"aws:RequestTag/use-your-own-tag-key-here":"false"}}}`), false, resultPass, ""},
		{"run-tag 5", runTag, policy(`{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}`), false, resultFail, ""},
		{"run-tag 6", runTag, policy(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), false, resultFail, ""},
		{"tag 4", tag, policy(`{"Effect":"Allow","Action":"ec2:TerminateInstances","Resource":"*"}`), false, resultFail, ""},
		{"tag 5", tag, policy(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), false, resultFail, ""},
	} {
		out := noNewAccess(newRelator(), mustParse(t, c.candidate), mustParse(t, c.reference), c.resource)
		want := c.want
		if c.fakeaws != "" {
			want = c.fakeaws
		}
		if out.Result != want {
			t.Errorf("%s: %s, want %s (AWS: %s)\n%s", c.name, out.Result, want, c.want, reasonsOf(out))
		}
	}
}
