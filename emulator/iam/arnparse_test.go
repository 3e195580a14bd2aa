package iam

import (
	"net/http"
	"testing"
)

// TestMalformedIAMARNs pins what the IAM actions that take a policy or
// identity-provider ARN answer when the ARN is an IAM ARN in form only:
// InvalidInput "ARN X is not valid.", the answer AWS gives for a policy ARN
// whose resource is not a policy's (aws-samples/aws-cdk-examples#287,
// "ARN arn:aws:iam::aws:policy/arn:aws:iam::aws:policy/... is not valid.")
// and, since IAM validates every element of the ARNs passed to it (AWS's
// notice of November 2024, quoted in cloud-gov/aws-broker#383), for an
// ARN of another partition or with a region. That a short account id, an
// empty name or a trailing slash answer the same is inferred
// (docs/deviations.md); they used to answer NoSuchEntity or, for a
// provider ARN with a trailing slash, find the provider.
func TestMalformedIAMARNs(t *testing.T) {
	e := newEnv(t)
	e.must("CreatePolicy", "PolicyName", "p", "PolicyDocument", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}`)
	e.must("CreateUser", "UserName", "alice")
	e.must("CreateOpenIDConnectProvider", "Url", "https://token.example", "ThumbprintList.member.1", "0123456789012345678901234567890123456789")
	rows := []struct {
		name   string
		action string
		kv     []string
	}{
		{"policy, short account", "GetPolicy", []string{"PolicyArn", "arn:aws:iam::1111:policy/p"}},
		{"policy, no name", "GetPolicy", []string{"PolicyArn", "arn:aws:iam::111111111111:policy/"}},
		{"policy, trailing slash", "GetPolicy", []string{"PolicyArn", "arn:aws:iam::111111111111:policy/p/"}},
		{"policy, other partition", "GetPolicy", []string{"PolicyArn", "arn:aws-cn:iam::111111111111:policy/p"}},
		{"policy, region", "GetPolicy", []string{"PolicyArn", "arn:aws:iam:us-east-1:111111111111:policy/p"}},
		{"attach, no account", "AttachUserPolicy", []string{"UserName", "alice", "PolicyArn", "arn:aws:iam:::policy/p"}},
		{"boundary, trailing slash", "PutUserPermissionsBoundary", []string{"UserName", "alice", "PermissionsBoundary", "arn:aws:iam::111111111111:policy/p/"}},
		{"oidc, short account", "GetOpenIDConnectProvider", []string{"OpenIDConnectProviderArn", "arn:aws:iam::1111:oidc-provider/token.example"}},
		{"oidc, trailing slash", "GetOpenIDConnectProvider", []string{"OpenIDConnectProviderArn", "arn:aws:iam::111111111111:oidc-provider/token.example/"}},
		{"saml, short account", "GetSAMLProvider", []string{"SAMLProviderArn", "arn:aws:iam::1111:saml-provider/idp"}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			arn := row.kv[len(row.kv)-1]
			r := e.call(row.action, row.kv...)
			want := "ARN " + arn + " is not valid."
			if r.status != http.StatusBadRequest || r.code() != "InvalidInput" || r.message() != want {
				t.Errorf("%s(%s) = %d %s %q, want 400 InvalidInput %q", row.action, arn, r.status, r.code(), r.message(), want)
			}
		})
	}
	// The well-formed ARNs still find what they name.
	e.must("GetPolicy", "PolicyArn", "arn:aws:iam::111111111111:policy/p")
	e.must("GetOpenIDConnectProvider", "OpenIDConnectProviderArn", "arn:aws:iam::111111111111:oidc-provider/token.example")
}
