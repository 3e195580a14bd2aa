package evaluator

import "testing"

func TestAllowsService(t *testing.T) {
	doc := func(stmt string) string { return `{"Version":"2012-10-17","Statement":[` + stmt + `]}` }
	cases := []struct {
		name      string
		statement string
		namespace string
		want      bool
	}{
		{"literal service", `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, "s3", true},
		{"other service", `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, "iam", false},
		{"prefix of a longer namespace", `{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, "s3-outposts", false},
		{"longer namespace not a prefix", `{"Effect":"Allow","Action":"s3-outposts:*","Resource":"*"}`, "s3", false},
		{"case-insensitive", `{"Effect":"Allow","Action":"S3:getobject","Resource":"*"}`, "s3", true},
		{"star", `{"Effect":"Allow","Action":"*","Resource":"*"}`, "lambda", true},
		{"wildcard service", `{"Effect":"Allow","Action":"s*:List*","Resource":"*"}`, "sqs", true},
		{"wildcard service misses", `{"Effect":"Allow","Action":"s*:List*","Resource":"*"}`, "iam", false},
		{"question mark service", `{"Effect":"Allow","Action":"s?:Get*","Resource":"*"}`, "s3", true},
		{"star before the colon", `{"Effect":"Allow","Action":"*3:Get*","Resource":"*"}`, "s3", true},
		{"star service", `{"Effect":"Allow","Action":"*:Get*","Resource":"*"}`, "iam", true},
		{"deny only", `{"Effect":"Deny","Action":"s3:*","Resource":"*"}`, "s3", false},
		{"one of a list", `{"Effect":"Allow","Action":["ec2:Describe*","iam:GetUser"],"Resource":"*"}`, "iam", true},
		{"NotAction excludes the service", `{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`, "iam", false},
		{"NotAction grants other services", `{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`, "s3", true},
		{"NotAction leaves some actions", `{"Effect":"Allow","NotAction":"iam:Get*","Resource":"*"}`, "iam", true},
		{"NotAction star excludes everything", `{"Effect":"Allow","NotAction":"*","Resource":"*"}`, "s3", false},
		// The User Guide's example: NotAction iam:* and organizations:*
		// grants every other service
		// (access_policies_last-accessed-example-scenarios.html).
		{"guide example", `{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}`, "organizations", false},
		{"conditional allow still grants", `{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`, "sts", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse(doc(c.statement), KindIdentity)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.AllowsService(c.namespace); got != c.want {
				t.Errorf("AllowsService(%q) = %v, want %v", c.namespace, got, c.want)
			}
		})
	}
}

func TestAllowsAction(t *testing.T) {
	cases := []struct {
		name, statement, action string
		want                    bool
	}{
		{"named", `{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*"}`, "iam:CreateUser", true},
		{"wildcard", `{"Effect":"Allow","Action":"iam:Create*","Resource":"*"}`, "iam:CreateRole", true},
		{"other action", `{"Effect":"Allow","Action":"iam:Create*","Resource":"*"}`, "iam:DeleteRole", false},
		{"NotAction leaves it out", `{"Effect":"Allow","NotAction":"iam:Delete*","Resource":"*"}`, "iam:CreateRole", true},
		{"NotAction names it", `{"Effect":"Allow","NotAction":"iam:Delete*","Resource":"*"}`, "iam:DeleteRole", false},
		{"deny", `{"Effect":"Deny","Action":"*","Resource":"*"}`, "iam:DeleteRole", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse(`{"Version":"2012-10-17","Statement":[`+c.statement+`]}`, KindIdentity)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.AllowsAction(c.action); got != c.want {
				t.Errorf("AllowsAction(%q) = %v, want %v", c.action, got, c.want)
			}
		})
	}
}
