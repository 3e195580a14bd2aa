package publicpolicy

import (
	"slices"
	"testing"
)

func TestStatements(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		want      []int
	}{
		{"star principal", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`, []int{0}},
		{"AWS star", `{"Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:root","*"]},"Action":"s3:GetObject"}}`, []int{0}},
		{"account wildcard", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:root"},"Action":"s3:GetObject"}]}`, []int{0}},
		{"named principal", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/JohnDoe"},"Action":"s3:GetObject"}]}`, nil},
		{"deny", `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*"}]}`, nil},
		{"not principal", `{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*"}]}`, []int{0}},
		{"pinned by org", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}]}`, nil},
		{"IfExists pins nothing", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abc"}}}]}`, []int{0}},
		{"wildcard value pins nothing", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringLike":{"aws:SourceArn":"arn:aws:sns:*"}}}]}`, []int{0}},
		{"variable pins nothing", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEquals":{"aws:PrincipalAccount":"${aws:PrincipalAccount}"}}}]}`, []int{0}},
		{"private source ip", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/16"}}}]}`, nil},
		{"wide source ip", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}]}`, []int{0}},
		{"second statement", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:*"},{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`, []int{1}},
		{"not json", `{`, nil},
	} {
		if got := Statements(c.doc); !slices.Equal(got, c.want) {
			t.Errorf("%s: Statements = %v, want %v", c.name, got, c.want)
		}
		if IsPublic(c.doc) != (len(c.want) > 0) {
			t.Errorf("%s: IsPublic = %v", c.name, !(len(c.want) > 0))
		}
	}
}
