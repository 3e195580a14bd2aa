package s3

import "testing"

func TestAWSPolicyText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"Statement": {"Resource": "r", "Sid": "s", "Condition": {"Bool": {"aws:SecureTransport": "false"}}, "Effect": "Deny", "NotPrincipal": {"AWS": ["a"]}, "Action": ["s3:*"]}, "Id": "x", "Version": "2012-10-17"}`,
			// A statement alone comes back in a list, a one-element Action
			// list as its element (justincormack/argmin bucket_policy.rs
			// test_bucket_policy_get_returns_normalized_json); Principal
			// and Condition values stay as sent.
			`{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"s","Effect":"Deny","NotPrincipal":{"AWS":["a"]},"Action":"s3:*","Resource":"r","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["a","b"],"NotResource":["r"]}]}`,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["a","b"],"NotResource":"r"}]}`},
		{"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"NotResource\": \"r\", \"NotAction\": \"a\", \"Effect\": \"Allow\", \"Principal\": \"*\"}, {\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"a\",\"Resource\":\"<&>\"}]\n}",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","NotAction":"a","NotResource":"r"},{"Effect":"Deny","Principal":"*","Action":"a","Resource":"<&>"}]}`},
		{`not json`, `not json`},
	} {
		if got := awsPolicyText(c.in); got != c.want {
			t.Errorf("awsPolicyText(%s)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}
