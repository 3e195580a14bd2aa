package s3

import "testing"

// TestIsPublicPolicyConditionsThatPinNothing: a condition on a key that
// fixes the principal makes a wildcard statement non-public only when it
// holds fixed values for every caller. IfExists and ForAllValues are true
// when the key is absent (an anonymous caller has no aws:PrincipalAccount),
// and a policy variable is not a fixed value
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status:
// "fixed values (values that don't contain a wildcard or an AWS Identity
// and Access Management Policy Variable)"). Found by probing: each of these
// passed BlockPublicPolicy and escaped RestrictPublicBuckets.
func TestIsPublicPolicyConditionsThatPinNothing(t *testing.T) {
	t.Parallel()
	doc := func(cond string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",` +
			`"Resource":"arn:aws:s3:::b/*","Condition":` + cond + `}]}`
	}
	tests := []struct {
		name, cond string
		want       bool
	}{
		{"StringEquals account", `{"StringEquals":{"aws:PrincipalAccount":"222222222222"}}`, false},
		{"StringEqualsIfExists account", `{"StringEqualsIfExists":{"aws:PrincipalAccount":"222222222222"}}`, true},
		{"ArnEqualsIfExists source arn", `{"ArnEqualsIfExists":{"aws:SourceArn":"arn:aws:sns:us-east-1:111111111111:t"}}`, true},
		{"ForAllValues account", `{"ForAllValues:StringEquals":{"aws:PrincipalAccount":"222222222222"}}`, true},
		{"ForAnyValue account", `{"ForAnyValue:StringEquals":{"aws:PrincipalAccount":"222222222222"}}`, false},
		{"policy variable", `{"StringEquals":{"aws:PrincipalAccount":"${aws:PrincipalAccount}"}}`, true},
		{"IfExists beside a fixed key", `{"StringEqualsIfExists":{"aws:SourceAccount":"1"},"StringEquals":{"aws:PrincipalOrgID":"o-abc1234567"}}`, false},
		{"public source ip range", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, false},
	}
	for _, tc := range tests {
		if got := isPublicPolicy(doc(tc.cond)); got != tc.want {
			t.Errorf("isPublicPolicy(%s: %s) = %v, want %v", tc.name, tc.cond, got, tc.want)
		}
	}
}
