package evaluator

import "testing"

// This file holds the outcome tables of the current IAM User Guide (the
// pages as published in 2026), one row per table row, each naming the page
// and the sentence or table it follows. Rows already pinned elsewhere with
// an older wording are repeated only where the current page adds a case.

const (
	docOperators = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html"
	docMulti     = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html"
	docNOR       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html"
	docVariables = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html"
	docDenyAllow = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html"
	docPrincipal = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"
)

// TestDocConditionTables replays the "Policy condition / Request context /
// Result" tables of the condition pages: Match is true, No match false.
func TestDocConditionTables(t *testing.T) {
	const (
		tagKeysAll = `{"ForAllValues:StringEquals":{"aws:TagKeys":["environment","cost-center"]},"Null":{"aws:TagKeys":"false"}}`
		tagKeysAny = `{"ForAnyValue:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}`
		createTags = `{"StringEqualsIgnoreCase":{"aws:RequestTag/environment":["preprod","storage"]},"ForAnyValue:StringEquals":{"aws:TagKeys":"environment"}}`
		arnAll     = `{"ForAllValues:ArnLike":{"logs:LogGeneratingResourceArns":["arn:aws:cloudfront::123456789012:distribution/*","arn:aws:cloudfront::123456789012:distribution/support*"]}}`
		andBlock   = `{"StringEquals":{"aws:PrincipalTag/department":["finance","hr","legal"],"aws:PrincipalTag/role":["audit","security"]},"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::222222222222:user/Ana","arn:aws:iam::222222222222:user/Mary"]}}`
		norBlock   = `{"StringEquals":{"aws:PrincipalTag/department":["finance","hr","legal"],"aws:PrincipalTag/role":["audit","security"]},"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::222222222222:user/Ana","arn:aws:iam::222222222222:user/Mary"]}}`
		homePrefix = `{"StringLike":{"s3:prefix":["home/","home/${aws:username}/"]}}`
		mary       = "arn:aws:iam::222222222222:user/Mary"
		nikki      = "arn:aws:iam::222222222222:user/Nikki"
	)
	cases := []struct {
		doc, quote string
		block      string
		ctx        Context
		want       bool
	}{
		// String condition operators, example tables.
		{docOperators, "StringEquals aws:PrincipalTag/job-category: iamuser-admin -> Match",
			`{"StringEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}}`, ctxOf("aws:PrincipalTag/job-category", "iamuser-admin"), true},
		{docOperators, "StringEquals aws:PrincipalTag/job-category: dev-ops -> No match",
			`{"StringEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}}`, ctxOf("aws:PrincipalTag/job-category", "dev-ops"), false},
		{docOperators, "No aws:PrincipalTag/job-category in the request context -> No match",
			`{"StringEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}}`, Context{}, false},
		{docOperators, "StringLike s3:prefix home/${aws:username}/ with aws:username martha_rivera",
			homePrefix, ctxOf("aws:username", "martha_rivera", "s3:prefix", "home/martha_rivera/"), true},
		{docOperators, "home/${aws:username}/ is not another user's home",
			homePrefix, ctxOf("aws:username", "nikki_wolf", "s3:prefix", "home/martha_rivera/"), false},
		{docOperators, "No aws:username in the request context -> No match (home/ still matches its own value)",
			homePrefix, ctxOf("s3:prefix", "home/martha_rivera/"), false},
		// ForAnyValue with StringEqualsIgnoreCase (ec2:CreateTags example).
		{docOperators, "aws:TagKeys environment, aws:RequestTag/environment preprod -> Match",
			createTags, ctxOf("aws:TagKeys", "environment", "aws:RequestTag/environment", "preprod"), true},
		{docOperators, "aws:TagKeys environment+costcenter, aws:RequestTag/environment PreProd -> Match",
			createTags, ctxOf("aws:TagKeys", []string{"environment", "costcenter"}, "aws:RequestTag/environment", "PreProd"), true},
		{docOperators, "aws:TagKeys Environment -> No match (\"ForAnyValue comparison is case sensitive\")",
			createTags, ctxOf("aws:TagKeys", "Environment", "aws:RequestTag/Environment", "preprod"), false},
		{docOperators, "aws:TagKeys costcenter only -> No match",
			createTags, ctxOf("aws:TagKeys", "costcenter", "aws:RequestTag/environment", "preprod"), false},
		{docOperators, "No aws:TagKeys, aws:RequestTag/environment storage -> No match",
			createTags, ctxOf("aws:RequestTag/environment", "storage"), false},
		{docOperators, "aws:TagKeys environment, no aws:RequestTag/environment -> No match",
			createTags, ctxOf("aws:TagKeys", "environment"), false},
		// Boolean, binary, IP and ARN example tables.
		{docOperators, "Bool aws:SecureTransport false, request false -> Match",
			`{"Bool":{"aws:SecureTransport":"false"}}`, ctxOf("aws:SecureTransport", "false"), true},
		{docOperators, "Bool aws:SecureTransport false, request true -> No match",
			`{"Bool":{"aws:SecureTransport":"false"}}`, ctxOf("aws:SecureTransport", "true"), false},
		{docOperators, "ForAnyValue:Bool: \"At least one of the booleans in the context key values must match\"",
			`{"ForAnyValue:Bool":{"aws:x":"true"}}`, ctxOf("aws:x", []string{"false", "true"}), true},
		{docOperators, "ForAllValues:Bool: \"All of the booleans in the context key values must match\"",
			`{"ForAllValues:Bool":{"aws:x":"true"}}`, ctxOf("aws:x", []string{"false", "true"}), false},
		{docOperators, "BinaryEquals key ASIAIOSFODNN7EXAMPLE -> No match",
			`{"BinaryEquals":{"aws:key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}`, ctxOf("aws:key", "ASIAIOSFODNN7EXAMPLE"), false},
		{docOperators, "BinaryEquals no key in the request context -> No match",
			`{"BinaryEquals":{"aws:key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}`, Context{}, false},
		{docOperators, "IpAddress 203.0.113.0/24, aws:SourceIp 203.0.113.1 -> Match",
			`{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctxOf("aws:SourceIp", "203.0.113.1"), true},
		{docOperators, "IpAddress 203.0.113.0/24, aws:SourceIp 198.51.100.1 -> No match",
			`{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctxOf("aws:SourceIp", "198.51.100.1"), false},
		{docOperators, "\"If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32\"",
			`{"IpAddress":{"aws:SourceIp":"203.0.113.1"}}`, ctxOf("aws:SourceIp", "203.0.113.2"), false},
		{docOperators, "ArnEquals aws:SourceArn of account 777788889999 -> No match",
			`{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-west-2:123456789012:TOPIC-ID"}}`, ctxOf("aws:SourceArn", "arn:aws:sns:us-west-2:777788889999:TOPIC-ID"), false},
		{docOperators, "ArnLike: \"The first asterisk matches only us-east-2 and fails on 999999999999:store/abc:\"",
			`{"ArnLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`, ctxOf("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), false},
		{docOperators, "StringLike: \"The first asterisk matches us-east-2:999999999999:store/abc:\"",
			`{"StringLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`, ctxOf("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), true},
		// ForAllValues:ArnLike (logs:PutDeliverySource example).
		{docOperators, "ForAllValues:ArnLike distribution/costcenter -> Match",
			arnAll, ctxOf("logs:LogGeneratingResourceArns", "arn:aws:cloudfront::123456789012:distribution/costcenter"), true},
		{docOperators, "ForAllValues:ArnLike costcenter + support2025 -> Match",
			arnAll, ctxOf("logs:LogGeneratingResourceArns", []string{"arn:aws:cloudfront::123456789012:distribution/costcenter", "arn:aws:cloudfront::123456789012:distribution/support2025"}), true},
		{docOperators, "ForAllValues:ArnLike distribution of account 777788889999 -> No match",
			arnAll, ctxOf("logs:LogGeneratingResourceArns", "arn:aws:cloudfront::777788889999:distribution/costcenter"), false},
		{docOperators, "ForAllValues:ArnLike no logs:LogGeneratingResourceArns -> Match (\"returns true if there are no context keys in the request\")",
			arnAll, Context{}, true},
		{docOperators, "StringLikeIfExists ec2:InstanceType m2.micro -> No match",
			`{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}`, ctxOf("ec2:InstanceType", "m2.micro"), false},
		{docOperators, "Null aws:TokenIssueTime false: \"the key cannot be absent\"",
			`{"Null":{"aws:TokenIssueTime":"false"}}`, Context{}, false},
		// ForAllValues and ForAnyValue (ec2:DeleteTags examples).
		{docMulti, "ForAllValues + Null false, aws:TagKeys environment -> Match", tagKeysAll, ctxOf("aws:TagKeys", "environment"), true},
		{docMulti, "ForAllValues + Null false, aws:TagKeys environment + cost-center -> Match", tagKeysAll, ctxOf("aws:TagKeys", []string{"environment", "cost-center"}), true},
		{docMulti, "ForAllValues + Null false, aws:TagKeys environment + dept -> No match", tagKeysAll, ctxOf("aws:TagKeys", []string{"environment", "dept"}), false},
		{docMulti, "ForAllValues + Null false, no aws:TagKeys -> No match (\"the Null condition check prevents matching\")", tagKeysAll, Context{}, false},
		{docMulti, "ForAnyValue, aws:TagKeys environment + dept -> Match", tagKeysAny, ctxOf("aws:TagKeys", []string{"environment", "dept"}), true},
		{docMulti, "ForAnyValue, aws:TagKeys dept -> No match", tagKeysAny, ctxOf("aws:TagKeys", "dept"), false},
		{docMulti, "ForAnyValue, no aws:TagKeys -> No match", tagKeysAny, Context{}, false},
		// Multiple keys (AND), multiple values (OR), negated values (NOR).
		{docNOR, "department legal, role audit, PrincipalArn Mary -> Match",
			andBlock, ctxOf("aws:PrincipalTag/department", "legal", "aws:PrincipalTag/role", "audit", "aws:PrincipalArn", mary), true},
		{docNOR, "department hr, role audit, PrincipalArn Nikki -> No match",
			andBlock, ctxOf("aws:PrincipalTag/department", "hr", "aws:PrincipalTag/role", "audit", "aws:PrincipalArn", nikki), false},
		{docNOR, "department hr, role payroll, PrincipalArn Mary -> No match",
			andBlock, ctxOf("aws:PrincipalTag/department", "hr", "aws:PrincipalTag/role", "payroll", "aws:PrincipalArn", mary), false},
		{docNOR, "No aws:PrincipalTag/role -> No match",
			andBlock, ctxOf("aws:PrincipalTag/department", "hr", "aws:PrincipalArn", mary), false},
		{docNOR, "ArnNotLike (NOR): PrincipalArn Nikki -> Match",
			norBlock, ctxOf("aws:PrincipalTag/department", "legal", "aws:PrincipalTag/role", "audit", "aws:PrincipalArn", nikki), true},
		{docNOR, "ArnNotLike (NOR): PrincipalArn Mary -> No match",
			norBlock, ctxOf("aws:PrincipalTag/department", "hr", "aws:PrincipalTag/role", "audit", "aws:PrincipalArn", mary), false},
		{docNOR, "ArnNotLike (NOR): role payroll -> No match",
			norBlock, ctxOf("aws:PrincipalTag/department", "hr", "aws:PrincipalTag/role", "payroll", "aws:PrincipalArn", nikki), false},
		{docNOR, "ArnNotLike (NOR): no aws:PrincipalTag -> No match",
			norBlock, ctxOf("aws:PrincipalArn", nikki), false},
		// Policy variables with no value.
		{docVariables, "\"Inverted condition operators like StringNotEquals or StringNotLike do match against a null value\"",
			`{"StringNotEquals":{"s3:ExistingObjectTag/Team":"${aws:PrincipalTag/Team}"}}`, ctxOf("s3:ExistingObjectTag/Team", "red"), true},
		{docVariables, "\"StringEquals or StringLike do not match\" a variable with no value",
			`{"StringEquals":{"s3:ExistingObjectTag/Team":"${aws:PrincipalTag/Team}"}}`, ctxOf("s3:ExistingObjectTag/Team", "red"), false},
		{docVariables, "\"Key names are case-insensitive\": ${AWS:PrincipalTag/Team} reads aws:principaltag/team",
			`{"StringEquals":{"s3:ExistingObjectTag/Team":"${AWS:PrincipalTag/Team}"}}`, ctxOf("s3:ExistingObjectTag/Team", "red", "aws:principaltag/team", "red"), true},
	}
	for _, c := range cases {
		t.Run(c.quote, func(t *testing.T) {
			if got := EvalCondition(c.block, c.ctx); got != c.want {
				t.Errorf("%s\n%s: got %v, want %v", c.doc, c.block, got, c.want)
			}
		})
	}
}

// TestDocPrincipalForms replays "How AWS enforcement code logic evaluates
// requests to allow or deny access" (same account): whether a
// resource-based Allow survives an implicit deny in the identity-based
// policy, the permissions boundary or the session policy depends on the
// principal the statement names.
func TestDocPrincipalForms(t *testing.T) {
	const (
		ec2Only  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`
		s3Read   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
		denyRead = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`
	)
	sess := sessionP(acctA, "examplerole", "examplerolesessionname")
	user := userP(acctA, "exampleuser")
	fed := Principal{Type: PrincipalFederatedUser, ARN: "arn:aws:sts::" + acctA + ":federated-user/exampleuser",
		Account: acctA, UserID: acctA + ":exampleuser", Username: "exampleuser"}
	bucket := func(principal string, cond string) *NamedPolicy {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + principal +
			`,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"` + cond + `}]}`
		return namedPtr(t, "bucket", doc, KindResource)
	}
	byArn := func(arn string) string {
		return `,"Condition":{"ArnEquals":{"aws:PrincipalArn":"` + arn + `"}}`
	}
	get := func(p Principal) Request {
		return Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: acctA}
	}
	boundary := namedPtr(t, "boundary", ec2Only, KindBoundary)
	session := []NamedPolicy{named(t, "session", ec2Only, KindSession)}
	cases := []struct {
		doc, quote string
		req        Request
		ps         PolicySet
		want       Effect
	}{
		{docDenyAllow, "IAM role: \"Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit deny in a permissions boundary\"",
			get(sess), PolicySet{Identity: []NamedPolicy{named(t, "role", s3Read, KindIdentity)}, Boundary: boundary, HasSession: true,
				Resource: bucket(`{"AWS":"`+sess.RoleARN+`"}`, "")}, ImplicitDeny},
		{docDenyAllow, "IAM role: ... \"or session policy\"",
			get(sess), PolicySet{Session: session, HasSession: true, Resource: bucket(`{"AWS":"`+sess.RoleARN+`"}`, "")}, ImplicitDeny},
		{docDenyAllow, "IAM role: with nothing to limit it, the role ARN grant allows on its own",
			get(sess), PolicySet{HasSession: true, Resource: bucket(`{"AWS":"`+sess.RoleARN+`"}`, "")}, Allow},
		{docDenyAllow, "\"Permissions boundaries and session policies do not limit permissions granted using the aws:PrincipalArn condition key with a wildcard(*) in the Principal element\"",
			get(sess), PolicySet{Boundary: boundary, Session: session, HasSession: true, Resource: bucket(`"*"`, byArn(sess.RoleARN))}, Allow},
		{docDenyAllow, "... \"unless the identity-based policies contain an explicit deny\"",
			get(sess), PolicySet{Identity: []NamedPolicy{named(t, "role", denyRead, KindIdentity)}, HasSession: true, Resource: bucket(`"*"`, byArn(sess.RoleARN))}, ExplicitDeny},
		{docDenyAllow, "IAM role session: \"not limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy\"",
			get(sess), PolicySet{Boundary: boundary, Session: session, HasSession: true, Resource: bucket(`{"AWS":"`+sess.ARN+`"}`, "")}, Allow},
		{docDenyAllow, "IAM user: \"not limited by an implicit deny in an identity-based policy or permissions boundary\"",
			get(user), PolicySet{Boundary: boundary, Resource: bucket(`{"AWS":"`+user.ARN+`"}`, "")}, Allow},
		{docDenyAllow, "federated user ARN: \"Permissions granted directly to a session are not limited by ... session policy\"",
			get(fed), PolicySet{Session: session, HasSession: true, Resource: bucket(`{"AWS":"`+fed.ARN+`"}`, "")}, Allow},
		{docDenyAllow, "\"if a resource-based policy grants permission to the ARN of the IAM user who federated, then requests made by the federated user during the session are limited by an implicit deny in a ... session policy\"",
			get(fed), PolicySet{Session: session, HasSession: true, Resource: bucket(`{"AWS":"`+user.ARN+`"}`, "")}, ImplicitDeny},
		{docPrincipal, "All principals: \"For IAM users and role principals within your account, no other permissions are required\"",
			get(user), PolicySet{Resource: bucket(`"*"`, "")}, Allow},
		{docPrincipal, "All principals: \"For principals in other accounts, they must also have identity-based permissions in their account\"",
			Request{Principal: userP(acctB, "bob"), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: acctA},
			PolicySet{Resource: bucket(`"*"`, "")}, ImplicitDeny},
		{docPrincipal, "All principals: \"For anonymous users, the following elements are equivalent: \"Principal\": \"*\" ... { \"AWS\" : \"*\" }\"",
			Request{Principal: Principal{Type: PrincipalAnonymous}, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: acctA},
			PolicySet{Resource: bucket(`{"AWS":"*"}`, "")}, Allow},
		{docPrincipal, "AWS account principals: \"Using the account ARN in the Principal element does not limit permissions to only the root user of the account\"",
			Request{Principal: userP(acctB, "bob"), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: acctA},
			PolicySet{Identity: []NamedPolicy{named(t, "bob", s3Read, KindIdentity)}, Resource: bucket(`{"AWS":"arn:aws:iam::`+acctB+`:root"}`, "")}, Allow},
	}
	for _, c := range cases {
		t.Run(c.quote, func(t *testing.T) {
			if got := Evaluate(&c.req, &c.ps).Effect; got != c.want {
				t.Errorf("%s\ngot %v, want %v", c.doc, got, c.want)
			}
		})
	}
}

// TestDocResourceWildcards replays the Resource page's wildcard example:
// "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*" matches the eight objects it
// lists and not the three after "The ARN would not match the following
// objects". S3's own page ("Policy resources for Amazon S3": "a wildcard
// character can't span segments") keeps every * of an S3 ARN inside its
// colon-separated segment.
func TestDocResourceWildcards(t *testing.T) {
	const (
		docResource = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html"
		docS3       = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html"
	)
	cases := []struct {
		doc, pattern, key string
		want              bool
	}{
		{docResource, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "amzn-s3-demo-bucket/1/test/object.jpg", true},
		{docResource, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "amzn-s3-demo-bucket/1/2/test/object.jpg", true},
		{docResource, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "amzn-s3-demo-bucket/1/2/test/3/object.jpg", true},
		{docResource, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "amzn-s3-demo-bucket/1/2/3/test/4/object.jpg", true},
		{docResource, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "amzn-s3-demo-bucket/1///test///object.jpg", true},
		{docResource, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "amzn-s3-demo-bucket/1/test/.jpg", true},
		{docResource, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "amzn-s3-demo-bucket//test/object.jpg", true},
		{docResource, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "amzn-s3-demo-bucket/1/test/", true},
		{docResource, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "amzn-s3-demo-bucket/1-test/object.jpg", false},
		{docResource, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "amzn-s3-demo-bucket/test/object.jpg", false},
		{docResource, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "amzn-s3-demo-bucket/1/2/test.jpg", false},
		{docS3, "arn:aws:s3:::amzn-s3-demo-example?bucket/*", "amzn-s3-demo-example2bucket/k", true},
		{docS3, "arn:aws:s3:::amzn-s3-demo-example?bucket/*", "amzn-s3-demo-example22bucket/k", false},
		// "a wildcard character can't span segments": the * closing the
		// region segment does not take the colons of a key holding ":b/".
		{docS3, "arn:aws:s3:*:*:b/*", "x/y:z:b/k", false},
	}
	for _, c := range cases {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"` + c.pattern + `"}]}`
		req := Request{Principal: userP(acctA, "alice"), Action: "s3:GetObject", Resource: "arn:aws:s3:::" + c.key}
		ps := PolicySet{Identity: []NamedPolicy{named(t, "p", doc, KindIdentity)}}
		if got := Evaluate(&req, &ps).Effect == Allow; got != c.want {
			t.Errorf("%s\n%s ~ %s: got %v, want %v", c.doc, c.pattern, c.key, got, c.want)
		}
	}
}
