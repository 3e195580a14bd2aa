package evaluator

import "testing"

func TestPolicyVariables(t *testing.T) {
	alice := userP(acctA, "alice")
	cases := []struct {
		name     string
		version  string
		resource string
		cond     string
		req      Request
		want     Effect
	}{
		{"username in resource", "2012-10-17", "arn:aws:s3:::b/home/${aws:username}/*", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/home/alice/f"}, Allow},
		{"username other home", "2012-10-17", "arn:aws:s3:::b/home/${aws:username}/*", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/home/bob/f"}, ImplicitDeny},
		{"2008 version does not substitute", "2008-10-17", "arn:aws:s3:::b/home/${aws:username}/*", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/home/alice/f"}, ImplicitDeny},
		{"2008 version literal text", "2008-10-17", "arn:aws:s3:::b/home/${aws:username}/*", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/home/${aws:username}/f"}, Allow},
		{"missing version does not substitute", "", "arn:aws:s3:::b/home/${aws:username}/*", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/home/alice/f"}, ImplicitDeny},
		{"missing key never matches", "2012-10-17", "arn:aws:s3:::b/${aws:PrincipalTag/team}/*", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b//f"}, ImplicitDeny},
		{"principal tag from context", "2012-10-17", "arn:aws:s3:::b/${aws:PrincipalTag/team}/*", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/red/f", Context: ctxOf("aws:PrincipalTag/team", "red")}, Allow},
		{"default value used", "2012-10-17", "arn:aws:s3:::b/${aws:PrincipalTag/team, 'company-wide'}/*", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/company-wide/f"}, Allow},
		{"default not used when present", "2012-10-17", "arn:aws:s3:::b/${aws:PrincipalTag/team, 'company-wide'}/*", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/company-wide/f", Context: ctxOf("aws:PrincipalTag/team", "red")}, ImplicitDeny},
		{"escape star is literal", "2012-10-17", "arn:aws:s3:::b/${*}", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*"}, Allow},
		{"escape star not wildcard", "2012-10-17", "arn:aws:s3:::b/${*}", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x"}, ImplicitDeny},
		{"escape question and dollar", "2012-10-17", "arn:aws:s3:::b/${?}${$}", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/?$"}, Allow},
		{"variable value is literal", "2012-10-17", "arn:aws:s3:::b/${aws:PrincipalTag/team}", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/xyz", Context: ctxOf("aws:PrincipalTag/team", "*")}, ImplicitDeny},
		{"userid derived from principal", "2012-10-17", "arn:aws:s3:::b/${aws:userid}/*", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/" + alice.UserID + "/x"}, Allow},
		{"variable in StringLike condition", "2012-10-17", "arn:aws:s3:::b", `{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}`,
			Request{Principal: alice, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", Context: ctxOf("s3:prefix", "home/alice/docs")}, Allow},
		{"variable in StringLike condition other user", "2012-10-17", "arn:aws:s3:::b", `{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}`,
			Request{Principal: alice, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", Context: ctxOf("s3:prefix", "home/bob/docs")}, ImplicitDeny},
		{"variable in StringEquals condition", "2012-10-17", "*", `{"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}}`,
			Request{Principal: alice, Action: "ec2:StopInstances", Resource: "*", Context: ctxOf("aws:ResourceTag/owner", "alice")}, Allow},
		{"s3:prefix variable", "2012-10-17", "arn:aws:s3:::b/${s3:prefix}*", "",
			Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/pre/x", Context: ctxOf("s3:prefix", "pre/")}, Allow},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := `{`
			if c.version != "" {
				doc += `"Version":"` + c.version + `",`
			}
			doc += `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"` + c.resource + `"`
			if c.cond != "" {
				doc += `,"Condition":` + c.cond
			}
			doc += `}]}`
			if c.req.Action == "ec2:StopInstances" {
				doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":` + c.cond + `}]}`
			}
			ps := PolicySet{Identity: []NamedPolicy{named(t, "p", doc, KindIdentity)}}
			if got := Evaluate(&c.req, &ps).Effect; got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}
