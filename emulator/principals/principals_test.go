package principals

import (
	"testing"
)

func TestCanonicalPrincipals(t *testing.T) {
	t.Parallel()
	rows := []struct{ name, in, want string }{
		{"single account id", `{"Principal":{"AWS":"111111111111"}}`, `{"Principal":{"AWS":"arn:aws:iam::111111111111:root"}}`},
		{"list with spacing", `{"Principal": {"AWS" : ["222222222222", "arn:aws:iam::333333333333:user/u"]}}`,
			`{"Principal": {"AWS" : ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:user/u"]}}`},
		{"NotPrincipal too", `{"NotPrincipal":{"AWS":"444444444444"}}`, `{"NotPrincipal":{"AWS":"arn:aws:iam::444444444444:root"}}`},
		{"root ARN and wildcard unchanged", `{"Principal":{"AWS":["arn:aws:iam::111111111111:root","*"]}}`, `{"Principal":{"AWS":["arn:aws:iam::111111111111:root","*"]}}`},
		{"condition values unchanged", `{"Principal":{"Service":"ec2.amazonaws.com"},"Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}}}`,
			`{"Principal":{"Service":"ec2.amazonaws.com"},"Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}}}`},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			if got := Canonical(row.in); got != row.want {
				t.Errorf("Canonical(%s) =\n%s\nwant\n%s", row.in, got, row.want)
			}
		})
	}
}
