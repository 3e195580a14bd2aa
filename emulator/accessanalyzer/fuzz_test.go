package accessanalyzer

import (
	"fmt"
	"testing"
)

// FuzzValidate: no document makes Validate panic, and every finding's
// location lies inside the document (start before end). The seeds cover
// the principal, PassRole, condition and variable checks.
func FuzzValidate(f *testing.F) {
	for _, s := range []string{
		fmt.Sprintf(trustDoc, `{"Effect":"Allow","Action":"*","Principal":{"AwS":"111111111111","Federated":["arn:aws:iam::111111111111:saml-provider/x",""],"Service":[]}}`),
		fmt.Sprintf(identityDoc, `{"Effect":"Allow","NotAction":["s3:*",1],"NotResource":{"a":"b"},"Condition":{"ForAllValues:Null":{"aws:TagKeys":[]}}}`),
		fmt.Sprintf(identityDoc, `{"Sid":"a b","Effect":"Allow","Action":"iam:Pass*","Resource":["arn:aws:iam::*:role/${aws:username","arn:aws:*code*:us-east-7::*"]}`),
		fmt.Sprintf(identityDoc, `{"Effect":"Deny","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"${}"},"IpAddress":{"aws:SourceIp":["10.0.0.1/8","::1/200"]}}}`),
		`{"Statement":{"Principal":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":[1,"2",null]}}}}`,
	} {
		f.Add(s, 0)
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, doc string, kind int) {
		in := Input{Document: doc, Type: IdentityPolicy}
		if kind%2 == 1 {
			in = Input{Document: doc, Type: ResourcePolicy, ResourceType: trustPolicyType}
		}
		n := len([]rune(doc))
		for _, f := range Validate(in) {
			for _, l := range f.Locations {
				if l.Span.Start.Offset > l.Span.End.Offset || l.Span.End.Offset > n {
					t.Fatalf("%s: span %+v outside the %d-character document", f.IssueCode, l.Span, n)
				}
			}
		}
	})
}
