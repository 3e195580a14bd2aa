package evaluator

import "testing"

const (
	acctA = "111122223333"
	acctB = "444455556666"
)

func mustParse(t testing.TB, doc string, k Kind) *Policy {
	t.Helper()
	p, err := Parse(doc, k)
	if err != nil {
		t.Fatalf("Parse(%s): %v", doc, err)
	}
	return p
}

func named(t testing.TB, name, doc string, k Kind) NamedPolicy {
	return NamedPolicy{Name: name, Policy: mustParse(t, doc, k)}
}

func namedPtr(t testing.TB, name, doc string, k Kind) *NamedPolicy {
	np := named(t, name, doc, k)
	return &np
}

func userP(acct, name string) Principal {
	return Principal{Type: PrincipalUser, ARN: "arn:aws:iam::" + acct + ":user/" + name, Account: acct, UserID: "AIDAEXAMPLE" + "USERID01", Username: name}
}

func sessionP(acct, role, sess string) Principal {
	return Principal{
		Type: PrincipalAssumedRole, ARN: "arn:aws:sts::" + acct + ":assumed-role/" + role + "/" + sess,
		Account: acct, UserID: "AROAEXAMPLEROLEID01:" + sess, RoleARN: "arn:aws:iam::" + acct + ":role/" + role, SessionName: sess,
	}
}

func rootP(acct string) Principal {
	return Principal{Type: PrincipalAccount, ARN: "arn:aws:iam::" + acct + ":root", Account: acct, UserID: acct}
}

func resDoc(effect, principal, action, resource string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"` + effect + `","Principal":` + principal + `,"Action":"` + action + `","Resource":"` + resource + `"}]}`
}
