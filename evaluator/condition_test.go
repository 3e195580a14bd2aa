package evaluator

import "testing"

func ctxOf(kv ...any) Context {
	c := Context{}
	for i := 0; i < len(kv); i += 2 {
		switch v := kv[i+1].(type) {
		case string:
			c.Set(kv[i].(string), v)
		case []string:
			c.Set(kv[i].(string), v...)
		}
	}
	return c
}

func TestConditionOperators(t *testing.T) {
	cases := []struct {
		name  string
		block string
		ctx   Context
		want  bool
	}{
		// String
		{"StringEquals match", `{"StringEquals":{"aws:username":"alice"}}`, ctxOf("aws:username", "alice"), true},
		{"StringEquals case-sensitive value", `{"StringEquals":{"aws:username":"alice"}}`, ctxOf("aws:username", "Alice"), false},
		{"StringEquals key case-insensitive", `{"StringEquals":{"AWS:UserName":"alice"}}`, ctxOf("aws:username", "alice"), true},
		{"StringEquals OR across values", `{"StringEquals":{"aws:username":["bob","alice"]}}`, ctxOf("aws:username", "alice"), true},
		{"StringEquals missing key", `{"StringEquals":{"aws:username":"alice"}}`, Context{}, false},
		{"StringEquals star is literal", `{"StringEquals":{"s3:prefix":"home/*"}}`, ctxOf("s3:prefix", "home/x"), false},
		{"StringNotEquals", `{"StringNotEquals":{"aws:username":"bob"}}`, ctxOf("aws:username", "alice"), true},
		{"StringNotEquals equal", `{"StringNotEquals":{"aws:username":"alice"}}`, ctxOf("aws:username", "alice"), false},
		{"StringNotEquals missing key is true", `{"StringNotEquals":{"aws:username":"alice"}}`, Context{}, true},
		{"StringEqualsIgnoreCase", `{"StringEqualsIgnoreCase":{"aws:username":"ALICE"}}`, ctxOf("aws:username", "alice"), true},
		{"StringNotEqualsIgnoreCase", `{"StringNotEqualsIgnoreCase":{"aws:username":"ALICE"}}`, ctxOf("aws:username", "alice"), false},
		// "Exact matching, ignoring case" folds a substituted variable as it
		// folds a literal value, beyond ASCII too.
		{"StringEqualsIgnoreCase non-ASCII literal", `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"ÄRZTE"}}`, ctxOf("aws:PrincipalTag/team", "ärzte"), true},
		{"StringEqualsIgnoreCase non-ASCII variable", `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"${aws:PrincipalTag/lead}"}}`, ctxOf("aws:PrincipalTag/team", "ärzte", "aws:PrincipalTag/lead", "ÄRZTE"), true},
		{"StringEqualsIgnoreCase variable with text", `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"X-${aws:PrincipalTag/lead}"}}`, ctxOf("aws:PrincipalTag/team", "x-ÄRZTE", "aws:PrincipalTag/lead", "ärzte"), true},
		{"StringNotEqualsIgnoreCase variable without value", `{"StringNotEqualsIgnoreCase":{"aws:PrincipalTag/team":"${aws:PrincipalTag/lead}"}}`, ctxOf("aws:PrincipalTag/team", "x"), true},
		{"StringLike", `{"StringLike":{"s3:prefix":["home/*"]}}`, ctxOf("s3:prefix", "home/alice/"), true},
		{"StringLike ?", `{"StringLike":{"s3:prefix":"a?c"}}`, ctxOf("s3:prefix", "abc"), true},
		{"StringLike no match", `{"StringLike":{"s3:prefix":"home/*"}}`, ctxOf("s3:prefix", "other/"), false},
		{"StringNotLike", `{"StringNotLike":{"s3:prefix":"home/*"}}`, ctxOf("s3:prefix", "other/"), true},
		{"StringLike ? is one multibyte character", `{"StringLike":{"s3:prefix":"caf?"}}`, ctxOf("s3:prefix", "café"), true},
		{"StringLike empty value matches empty", `{"StringLike":{"s3:prefix":""}}`, ctxOf("s3:prefix", ""), true},
		{"Numeric hex request value is not a number", `{"NumericEquals":{"s3:max-keys":"16"}}`, ctxOf("s3:max-keys", "0x10"), false},
		{"Numeric Inf is not a number", `{"NumericGreaterThan":{"s3:max-keys":"10"}}`, ctxOf("s3:max-keys", "Inf"), false},
		{"NumericNotEquals non-number is true", `{"NumericNotEquals":{"s3:max-keys":"10"}}`, ctxOf("s3:max-keys", "ten"), true},
		{"ForAllValues empty-string data set", `{"ForAllValues:StringEquals":{"aws:TagKeys":"a"}}`, ctxOf("aws:TagKeys", ""), true},
		{"ForAnyValue empty-string data set", `{"ForAnyValue:StringEquals":{"aws:TagKeys":""}}`, ctxOf("aws:TagKeys", ""), false},
		{"Null true on empty-string data set", `{"Null":{"aws:TagKeys":"true"}}`, ctxOf("aws:TagKeys", ""), true},
		{"Bool True is true", `{"Bool":{"aws:SecureTransport":"True"}}`, ctxOf("aws:SecureTransport", "true"), true},
		{"IpAddress malformed request value", `{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ctxOf("aws:SourceIp", "10.0.0.300"), false},
		{"NotIpAddress malformed request value", `{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ctxOf("aws:SourceIp", "not-an-ip"), true},
		{"IpAddress IPv4 policy, IPv6 request", `{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`, ctxOf("aws:SourceIp", "2001:db8::1"), false},
		{"ArnLike fewer components", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`, ctxOf("aws:PrincipalArn", "arn:aws:iam:role/x"), false},
		{"ArnLike role wildcard", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`, ctxOf("aws:PrincipalArn", "arn:aws:iam::111122223333:role/a/b"), true},
		{"DateEquals epoch vs ISO", `{"DateEquals":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctxOf("aws:CurrentTime", "1577836800"), true},
		{"StringNotLike missing is true", `{"StringNotLike":{"s3:prefix":"home/*"}}`, Context{}, true},
		// Numeric
		{"NumericEquals", `{"NumericEquals":{"s3:max-keys":"10"}}`, ctxOf("s3:max-keys", "10"), true},
		{"NumericEquals json number", `{"NumericEquals":{"s3:max-keys":10}}`, ctxOf("s3:max-keys", "10.0"), true},
		{"NumericNotEquals", `{"NumericNotEquals":{"s3:max-keys":"10"}}`, ctxOf("s3:max-keys", "11"), true},
		{"NumericLessThan", `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctxOf("s3:max-keys", "9"), true},
		{"NumericLessThan equal", `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctxOf("s3:max-keys", "10"), false},
		{"NumericLessThanEquals", `{"NumericLessThanEquals":{"s3:max-keys":"10"}}`, ctxOf("s3:max-keys", "10"), true},
		{"NumericGreaterThan", `{"NumericGreaterThan":{"s3:max-keys":"10"}}`, ctxOf("s3:max-keys", "11"), true},
		{"NumericGreaterThanEquals", `{"NumericGreaterThanEquals":{"s3:max-keys":"10"}}`, ctxOf("s3:max-keys", "9"), false},
		{"Numeric unparsable request", `{"NumericEquals":{"s3:max-keys":"10"}}`, ctxOf("s3:max-keys", "ten"), false},
		{"Numeric missing", `{"NumericLessThan":{"s3:max-keys":"10"}}`, Context{}, false},
		// Date
		{"DateEquals iso", `{"DateEquals":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctxOf("aws:CurrentTime", "2020-01-01T00:00:00Z"), true},
		{"DateEquals offset", `{"DateEquals":{"aws:CurrentTime":"2020-01-01T01:00:00+01:00"}}`, ctxOf("aws:CurrentTime", "2020-01-01T00:00:00Z"), true},
		{"DateEquals epoch vs iso", `{"DateEquals":{"aws:EpochTime":"1577836800"}}`, ctxOf("aws:EpochTime", "2020-01-01T00:00:00Z"), true},
		{"DateNotEquals", `{"DateNotEquals":{"aws:CurrentTime":"2020-01-01"}}`, ctxOf("aws:CurrentTime", "2020-01-02T00:00:00Z"), true},
		{"DateLessThan", `{"DateLessThan":{"aws:CurrentTime":"2020-06-30T00:00:00Z"}}`, ctxOf("aws:CurrentTime", "2020-01-01T00:00:00Z"), true},
		{"DateLessThan after", `{"DateLessThan":{"aws:CurrentTime":"2020-06-30T00:00:00Z"}}`, ctxOf("aws:CurrentTime", "2021-01-01T00:00:00Z"), false},
		// Past 2262, where Unix nanoseconds overflow (argmin bucket_policy.rs,
		// asserted against AWS).
		{"DateLessThan year 2999", `{"DateLessThan":{"aws:CurrentTime":"2999-01-01T00:00:00Z"}}`, ctxOf("aws:CurrentTime", "2026-12-07T00:00:00Z"), true},
		{"DateGreaterThan year 2999", `{"DateGreaterThan":{"aws:CurrentTime":"2999-01-01T00:00:00.123456789Z"}}`, ctxOf("aws:CurrentTime", "2026-12-07T00:00:00Z"), false},
		{"DateLessThan epoch past 2262", `{"DateLessThan":{"aws:CurrentTime":"32503680000"}}`, ctxOf("aws:CurrentTime", "2026-12-07T00:00:00Z"), true},
		{"DateLessThanEquals", `{"DateLessThanEquals":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctxOf("aws:CurrentTime", "2020-01-01T00:00:00Z"), true},
		{"DateGreaterThan", `{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctxOf("aws:CurrentTime", "2020-01-01T00:00:01Z"), true},
		{"DateGreaterThanEquals epoch", `{"DateGreaterThanEquals":{"aws:EpochTime":1577836800}}`, ctxOf("aws:EpochTime", "1577836799"), false},
		// Bool
		{"Bool true", `{"Bool":{"aws:SecureTransport":"true"}}`, ctxOf("aws:SecureTransport", "true"), true},
		{"Bool json false", `{"Bool":{"aws:SecureTransport":false}}`, ctxOf("aws:SecureTransport", "true"), false},
		{"Bool missing", `{"Bool":{"aws:SecureTransport":"false"}}`, Context{}, false},
		{"BoolIfExists missing", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}`, Context{}, true},
		// Binary
		{"BinaryEquals", `{"BinaryEquals":{"aws:x":"QmluYXJ5VmFsdWU="}}`, ctxOf("aws:x", "QmluYXJ5VmFsdWU="), true},
		{"BinaryEquals differs", `{"BinaryEquals":{"aws:x":"QmluYXJ5VmFsdWU="}}`, ctxOf("aws:x", "QmluYXJ5"), false},
		// IP
		{"IpAddress cidr", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctxOf("aws:SourceIp", "203.0.113.7"), true},
		{"IpAddress outside", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctxOf("aws:SourceIp", "198.51.100.7"), false},
		{"IpAddress bare ip", `{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}`, ctxOf("aws:SourceIp", "203.0.113.7"), true},
		{"IpAddress ipv6", `{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678::/64"]}}`, ctxOf("aws:SourceIp", "2001:db8:1234:5678::1"), true},
		{"IpAddress v4-mapped", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctxOf("aws:SourceIp", "::ffff:203.0.113.9"), true},
		{"NotIpAddress", `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctxOf("aws:SourceIp", "198.51.100.7"), true},
		{"NotIpAddress missing", `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, Context{}, true},
		// ARN
		{"ArnEquals", `{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:topic"}}`, ctxOf("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic"), true},
		{"ArnLike", `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}`, ctxOf("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic"), true},
		{"ArnLike other account", `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}`, ctxOf("aws:SourceArn", "arn:aws:sns:us-east-1:444455556666:topic"), false},
		{"ArnNotEquals", `{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin"}}`, ctxOf("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Dev"), true},
		{"ArnNotLike", `{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Admin*"}}`, ctxOf("aws:PrincipalArn", "arn:aws:iam::111122223333:role/AdminX"), false},
		// Null
		{"Null true absent", `{"Null":{"aws:TokenIssueTime":"true"}}`, Context{}, true},
		{"Null true present", `{"Null":{"aws:TokenIssueTime":"true"}}`, ctxOf("aws:TokenIssueTime", "2020-01-01T00:00:00Z"), false},
		{"Null false present", `{"Null":{"aws:TokenIssueTime":"false"}}`, ctxOf("aws:TokenIssueTime", "2020-01-01T00:00:00Z"), true},
		{"Null false absent", `{"Null":{"aws:TokenIssueTime":false}}`, Context{}, false},
		// IfExists
		{"StringEqualsIfExists missing", `{"StringEqualsIfExists":{"ec2:InstanceType":"t2.micro"}}`, Context{}, true},
		{"StringEqualsIfExists present mismatch", `{"StringEqualsIfExists":{"ec2:InstanceType":"t2.micro"}}`, ctxOf("ec2:InstanceType", "m5.large"), false},
		{"NumericLessThanIfExists present", `{"NumericLessThanIfExists":{"s3:max-keys":"10"}}`, ctxOf("s3:max-keys", "5"), true},
		{"DateLessThanIfExists missing", `{"DateLessThanIfExists":{"aws:CurrentTime":"2020-01-01"}}`, Context{}, true},
		{"IpAddressIfExists missing", `{"IpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"}}`, Context{}, true},
		{"ArnLikeIfExists missing", `{"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:s3:::x"}}`, Context{}, true},
		// Multivalued keys
		{"ForAllValues all in set", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctxOf("aws:TagKeys", []string{"env", "team"}), true},
		{"ForAllValues one outside", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctxOf("aws:TagKeys", []string{"env", "cost"}), false},
		{"ForAllValues missing key is true", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, Context{}, true},
		{"ForAllValues empty key is true", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, ctxOf("aws:TagKeys", []string{}), true},
		{"ForAllValues StringNotEquals", `{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}`, ctxOf("aws:TagKeys", []string{"env", "team"}), true},
		{"ForAllValues StringNotEquals one hit", `{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}`, ctxOf("aws:TagKeys", []string{"env", "secret"}), false},
		{"ForAnyValue one in set", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, ctxOf("aws:TagKeys", []string{"cost", "env"}), true},
		{"ForAnyValue none in set", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, ctxOf("aws:TagKeys", []string{"cost"}), false},
		{"ForAnyValue missing key is false", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, Context{}, false},
		{"ForAnyValue empty key is false", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, ctxOf("aws:TagKeys", []string{}), false},
		{"ForAnyValue StringNotEquals", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, ctxOf("aws:TagKeys", []string{"env", "x"}), true},
		{"ForAnyValue StringLike", `{"ForAnyValue:StringLike":{"aws:TagKeys":["team-*"]}}`, ctxOf("aws:TagKeys", []string{"team-a"}), true},
		{"ForAllValues StringLikeIfExists missing", `{"ForAllValues:StringLikeIfExists":{"aws:TagKeys":["a*"]}}`, Context{}, true},
		// Single-valued operator on a multivalued key.
		{"StringEquals any request value", `{"StringEquals":{"aws:PrincipalServiceNamesList":"env"}}`, ctxOf("aws:PrincipalServiceNamesList", []string{"x", "env"}), true},
		{"StringNotEquals any request value", `{"StringNotEquals":{"aws:PrincipalServiceNamesList":"env"}}`, ctxOf("aws:PrincipalServiceNamesList", []string{"x", "env"}), false},
		// aws:TagKeys and s3:RequestObjectTagKeys: a single-valued operator
		// never matches (argmin bucket_policy_multivalue.rs, against AWS).
		{"StringEquals aws:TagKeys one equal value", `{"StringEquals":{"aws:TagKeys":"env"}}`, ctxOf("aws:TagKeys", []string{"env"}), false},
		{"StringEquals aws:TagKeys equal lists", `{"StringEquals":{"aws:TagKeys":["env","team"]}}`, ctxOf("aws:TagKeys", []string{"env", "team"}), false},
		{"StringEquals s3:RequestObjectTagKeys", `{"StringEquals":{"s3:RequestObjectTagKeys":"env"}}`, ctxOf("s3:RequestObjectTagKeys", []string{"env"}), false},
		{"StringNotEquals aws:TagKeys", `{"StringNotEquals":{"aws:TagKeys":"env"}}`, ctxOf("aws:TagKeys", []string{"env"}), true},
		// AND across keys and operators.
		{"AND across keys", `{"StringEquals":{"aws:username":"alice","aws:PrincipalType":"User"}}`, ctxOf("aws:username", "alice"), false},
		{"AND across operators", `{"StringEquals":{"aws:username":"alice"},"Bool":{"aws:SecureTransport":"true"}}`, ctxOf("aws:username", "alice", "aws:SecureTransport", "true"), true},
		{"operator name case-insensitive", `{"stringequals":{"aws:username":"alice"}}`, ctxOf("aws:username", "alice"), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := EvalCondition(c.block, c.ctx); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestContextMixedCaseKeys(t *testing.T) {
	// A context filled without Set still matches, case-insensitively.
	ctx := Context{"AWS:SourceIp": {"10.1.2.3"}}
	if !EvalCondition(`{"IpAddress":{"aws:sourceip":"10.0.0.0/8"}}`, ctx) {
		t.Errorf("got false, want true")
	}
	v, ok := ctx.Get("aws:SOURCEIP")
	if !ok || v[0] != "10.1.2.3" {
		t.Errorf("Get: got %v %v", v, ok)
	}
}
