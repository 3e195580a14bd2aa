package sts

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// tutorialAssumeRole is the access-assume-role policy of the IAM ABAC
// tutorial
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_attribute-based-access-control.html):
// a user may assume the access-* roles whose project, team and cost center
// tags equal its own.
const tutorialAssumeRole = `{"Version":"2012-10-17","Statement":[{"Sid":"TutorialAssumeRole","Effect":"Allow",
"Action":"sts:AssumeRole","Resource":"arn:aws:iam::` + acctA + `:role/access-*","Condition":{"StringEquals":{
"iam:ResourceTag/access-project":"${aws:PrincipalTag/access-project}",
"iam:ResourceTag/access-team":"${aws:PrincipalTag/access-team}",
"iam:ResourceTag/cost-center":"${aws:PrincipalTag/cost-center}"}}}]}`

// sameTeamAssume is the same idea with the global key aws:ResourceTag.
const sameTeamAssume = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*",
"Condition":{"StringEquals":{"aws:ResourceTag/access-team":"${aws:PrincipalTag/access-team}"}}}]}`

// setTags replaces the tags of account's user or role (kind) name.
func (e *env) setTags(account, kind, name string, kv ...string) {
	e.t.Helper()
	var tags []store.Tag
	for i := 0; i+1 < len(kv); i += 2 {
		tags = append(tags, store.Tag{Key: kv[i], Value: kv[i+1]})
	}
	e.update(func(tx *store.Tx) error {
		k := strings.ToLower(name)
		if kind == store.KindUser {
			var u store.User
			if err := tx.Get(account, kind, k, &u); err != nil {
				return err
			}
			u.Tags = tags
			return tx.Put(account, kind, k, &u)
		}
		var r store.Role
		if err := tx.Get(account, kind, k, &r); err != nil {
			return err
		}
		r.Tags = tags
		return tx.Put(account, kind, k, &r)
	})
}

// TestAssumeRoleABAC reproduces the core of the IAM ABAC tutorial: users
// and roles tagged access-project / access-team / cost-center, an identity
// policy matching role tags to the caller's, roles trusting their account.
// The role's tags reach the identity policy (iam:ResourceTag and
// aws:ResourceTag) and the trust policy.
func TestAssumeRoleABAC(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	trustAccount := trustAWS("arn:aws:iam::" + acctA + ":root")
	users := map[string]authn.Caller{}
	for _, u := range []struct{ name, project, team, policy string }{
		{"access-Arnav-peg-eng", "peg", "eng", tutorialAssumeRole},
		{"access-Mary-peg-qas", "peg", "qas", tutorialAssumeRole},
		{"access-Saanvi-uni-eng", "uni", "eng", tutorialAssumeRole},
		{"access-Carlos-uni-qas", "uni", "qas", sameTeamAssume},
	} {
		users[u.name] = e.user(acctA, u.name, u.policy)
		e.setTags(acctA, store.KindUser, u.name, "access-project", u.project, "access-team", u.team, "cost-center", "987654")
	}
	for _, r := range []struct{ name, project, team string }{
		{"access-peg-engineering", "peg", "eng"},
		{"access-peg-quality-assurance", "peg", "qas"},
		{"access-uni-engineering", "uni", "eng"},
		{"access-uni-quality-assurance", "uni", "qas"},
	} {
		e.role(acctA, r.name, trustAccount, 0, nil)
		e.setTags(acctA, store.KindRole, r.name, "access-project", r.project, "access-team", r.team, "cost-center", "987654")
	}
	// A role another account may assume only while it carries shared=true,
	// a condition in its trust policy on its own tags.
	sharedTrust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acctB +
		`:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:ResourceTag/shared":"true"}}}]}`
	e.role(acctA, "shared", sharedTrust, 0, nil)
	e.setTags(acctA, store.KindRole, "shared", "shared", "true")
	e.role(acctA, "unshared", sharedTrust, 0, nil)
	outsider := e.user(acctB, "outsider", allowAssume("*"))

	roleARN := func(name string) string { return "arn:aws:iam::" + acctA + ":role/" + name }
	denied := func(c authn.Caller, role string) string {
		return "User: " + c.ARN + " is not authorized to perform: sts:AssumeRole on resource: " + roleARN(role) +
			" because no identity-based policy allows the sts:AssumeRole action"
	}
	rows := []struct {
		name   string
		caller authn.Caller
		role   string
		code   string
		msg    string
	}{
		{name: "Arnav assumes peg engineering", caller: users["access-Arnav-peg-eng"], role: "access-peg-engineering"},
		{name: "Arnav may not assume peg QA", caller: users["access-Arnav-peg-eng"], role: "access-peg-quality-assurance",
			code: "AccessDenied", msg: denied(users["access-Arnav-peg-eng"], "access-peg-quality-assurance")},
		{name: "Arnav may not assume uni engineering", caller: users["access-Arnav-peg-eng"], role: "access-uni-engineering",
			code: "AccessDenied", msg: denied(users["access-Arnav-peg-eng"], "access-uni-engineering")},
		{name: "Mary assumes peg QA", caller: users["access-Mary-peg-qas"], role: "access-peg-quality-assurance"},
		{name: "Saanvi assumes uni engineering", caller: users["access-Saanvi-uni-eng"], role: "access-uni-engineering"},
		{name: "Saanvi may not assume peg engineering", caller: users["access-Saanvi-uni-eng"], role: "access-peg-engineering",
			code: "AccessDenied", msg: denied(users["access-Saanvi-uni-eng"], "access-peg-engineering")},
		{name: "aws:ResourceTag: Carlos assumes a qas role", caller: users["access-Carlos-uni-qas"], role: "access-peg-quality-assurance"},
		{name: "aws:ResourceTag: Carlos may not assume an eng role", caller: users["access-Carlos-uni-qas"], role: "access-uni-engineering",
			code: "AccessDenied", msg: denied(users["access-Carlos-uni-qas"], "access-uni-engineering")},
		{name: "trust policy reads the role's tags", caller: outsider, role: "shared"},
		{name: "trust policy: tag absent", caller: outsider, role: "unshared", code: "AccessDenied",
			msg: "User: " + outsider.ARN + " is not authorized to perform: sts:AssumeRole on resource: " + roleARN("unshared")},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			resp := e.call(row.caller, map[string]string{"Action": "AssumeRole", "RoleArn": roleARN(row.role),
				"RoleSessionName": "abac"})
			what := "AssumeRole(" + row.caller.UserName + ", role=" + row.role + ")"
			if row.code == "" {
				wantOK(t, what, resp)
				if want := SessionARN("aws", acctA, row.role, "abac"); resp.Result.AssumedRoleUser.Arn != want {
					t.Errorf("%s: AssumedRoleUser.Arn = %q, want %q", what, resp.Result.AssumedRoleUser.Arn, want)
				}
				return
			}
			wantErr(t, what, resp, http.StatusForbidden, row.code, row.msg)
		})
	}
}
