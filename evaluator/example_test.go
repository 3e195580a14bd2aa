package evaluator_test

import (
	"fmt"

	"github.com/fakeaws/fakeaws/evaluator"
)

func Example() {
	identity, err := evaluator.Parse(`{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadOwnHome", "Effect": "Allow", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}
  ]
}`, evaluator.KindIdentity)
	if err != nil {
		panic(err)
	}
	ps := evaluator.PolicySet{Identity: []evaluator.NamedPolicy{{Name: "user/alice/home", Policy: identity}}}

	alice := evaluator.Principal{
		Type: evaluator.PrincipalUser, ARN: "arn:aws:iam::111122223333:user/alice",
		Account: "111122223333", Username: "alice",
	}
	for _, key := range []string{"home/alice/notes.txt", "home/bob/notes.txt"} {
		req := evaluator.Request{
			Principal: alice, Action: "s3:GetObject",
			Resource:        "arn:aws:s3:::amzn-s3-demo-bucket/" + key,
			ResourceAccount: "111122223333",
		}
		d := evaluator.Evaluate(&req, &ps)
		fmt.Println(key, d.Effect)
		if d.Effect == evaluator.Allow {
			s := d.Statements[0]
			fmt.Printf("  allowed by %s statement %q at line %d\n", s.Policy, s.Sid, s.Start.Line)
		} else {
			fmt.Println(" ", d.Message(&req))
		}
	}
	// Output:
	// home/alice/notes.txt Allow
	//   allowed by user/alice/home statement "ReadOwnHome" at line 4
	// home/bob/notes.txt ImplicitDeny
	//   User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::amzn-s3-demo-bucket/home/bob/notes.txt because no identity-based policy allows the s3:GetObject action
}
