package sts

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestSessionActionLimits: credentials from GetFederationToken call no STS
// action but GetCallerIdentity, and GetSessionToken's none but AssumeRole
// and GetCallerIdentity, whatever their policies allow (STS API reference,
// GetFederationToken and GetSessionToken); a role session is not limited.
func TestSessionActionLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	const allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	e.role(acctA, "R", trustAWS("arn:aws:iam::"+acctA+":root"), 3600, nil, allowAll)
	fed := sessionCaller(&store.Session{AccessKeyID: "ASIAEXAMPLEEXAMPLE03", Account: acctA, Kind: "GetFederationToken",
		UserName: "alice", SessionName: "fed", SessionPolicies: []string{allowAll}})
	gst := sessionCaller(&store.Session{AccessKeyID: "ASIAEXAMPLEEXAMPLE02", Account: acctA, Kind: "GetSessionToken", UserName: "alice"})
	alice := e.user(acctA, "alice", allowAll)
	r := e.call(alice, map[string]string{"Action": "AssumeRole", "RoleArn": "arn:aws:iam::" + acctA + ":role/R", "RoleSessionName": "first"})
	wantOK(t, "AssumeRole as alice", r)
	role := sessionCaller(e.session(r.Result.Credentials.AccessKeyID, r.Result.Credentials.SessionToken))
	actions := []map[string]string{
		{"Action": "GetCallerIdentity"},
		{"Action": "AssumeRole", "RoleArn": "arn:aws:iam::" + acctA + ":role/R", "RoleSessionName": "next"},
		{"Action": "GetAccessKeyInfo", "AccessKeyId": "AKIAEXAMPLEEXAMPLE01"},
		{"Action": "DecodeAuthorizationMessage", "EncodedMessage": "x"},
	}
	rows := []struct {
		name    string
		kind    string
		refused map[string]bool
	}{
		{name: "federated user", kind: "GetFederationToken",
			refused: map[string]bool{"AssumeRole": true, "GetAccessKeyInfo": true, "DecodeAuthorizationMessage": true}},
		{name: "GetSessionToken session", kind: "GetSessionToken",
			refused: map[string]bool{"GetAccessKeyInfo": true, "DecodeAuthorizationMessage": true}},
		{name: "role session", refused: map[string]bool{}},
	}
	for _, row := range rows {
		c := role
		switch row.kind {
		case "GetFederationToken":
			c = fed
		case "GetSessionToken":
			c = gst
		}
		for _, params := range actions {
			action := params["Action"]
			resp := e.call(c, params)
			limit := "because credentials from " + row.kind + " cannot call it"
			if row.refused[action] {
				wantErr(t, row.name+" "+action, resp, http.StatusForbidden, "AccessDenied",
					"User: "+c.ARN+" is not authorized to perform: sts:"+action+" "+limit)
				continue
			}
			if strings.Contains(resp.Error.Message, "because credentials from") {
				t.Errorf("%s %s refused for its kind: %s", row.name, action, resp.Error.Message)
			}
			if action == "GetCallerIdentity" || action == "AssumeRole" {
				wantOK(t, row.name+" "+action, resp)
			}
		}
	}
}

// TestIAMRefusal: IAM refuses MFA-less GetSessionToken credentials with
// InvalidClientTokenId and a federated user's with AccessDenied; users,
// role sessions and MFA GetSessionToken sessions pass.
func TestIAMRefusal(t *testing.T) {
	t.Parallel()
	rows := []struct {
		name    string
		session *store.Session
		code    string
	}{
		{"user's own keys", nil, ""},
		{"role session", &store.Session{RoleName: "R"}, ""},
		{"GetSessionToken with MFA", &store.Session{Kind: "GetSessionToken", MFA: true}, ""},
		{"GetSessionToken without MFA", &store.Session{Kind: "GetSessionToken"}, "InvalidClientTokenId"},
		{"federated user", &store.Session{Kind: "GetFederationToken"}, "AccessDenied"},
	}
	for _, row := range rows {
		c := authn.Caller{ARN: "arn:aws:iam::" + acctA + ":user/alice", Account: acctA, Session: row.session}
		err := IAMRefusal(&c)
		var ae *awserr.Error
		switch {
		case row.code == "" && err != nil:
			t.Errorf("%s: refused: %v", row.name, err)
		case row.code != "" && (!errors.As(err, &ae) || string(ae.Code) != row.code):
			t.Errorf("%s: %v, want %s", row.name, err, row.code)
		}
	}
}
