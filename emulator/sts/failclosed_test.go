package sts

import (
	"net/http"
	"testing"
)

// TestUnparsableTrustPolicyDenies stores a trust policy that no longer
// parses: AssumeRole is denied (explicitly, naming the trust policy), even
// for a caller whose identity policy allows it and who was trusted.
func TestUnparsableTrustPolicyDenies(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	alice := e.user(acctA, "alice", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`)
	broken := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acctA +
		`:root"},"Action":"sts:AssumeRole","Future":1}]}`
	role := e.role(acctA, "Broken", broken, 0, nil)
	resp := e.call(alice, map[string]string{"Action": "AssumeRole", "RoleArn": role.ARN, "RoleSessionName": "s1"})
	wantErr(t, "AssumeRole under an unparsable trust policy", resp, http.StatusForbidden, "AccessDenied", "")
	recs := e.az.Log().Records()
	if len(recs) == 0 || recs[len(recs)-1].Decision != "ExplicitDeny" {
		t.Errorf("decision log = %+v, want an ExplicitDeny from the unparsable trust policy", recs)
	}
}
