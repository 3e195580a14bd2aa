package sts

import (
	"context"
	"encoding/base32"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/totp"
	"github.com/fakeaws/fakeaws/evaluator"
)

// totpForTest is the current code of seed.
func totpForTest(t testing.TB, seed string, now time.Time) string {
	t.Helper()
	code := totp.Code(seed, now)
	if code == "" {
		t.Fatalf("bad seed %q", seed)
	}
	return code
}

// TestTOTPVectors pins the MFA codes STS accepts to RFC 6238 appendix B
// (SHA-1, last six digits), with one step of skew and no more.
func TestTOTPVectors(t *testing.T) {
	t.Parallel()
	seed := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte("12345678901234567890"))
	d := &store.MFADevice{Seed: seed, UserName: "alice", EnableDate: &time.Time{}}
	alice := &authn.Caller{Type: evaluator.PrincipalUser, UserName: "alice"}
	for _, v := range []struct {
		unix int64
		code string
	}{{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"}, {1234567890, "005924"}, {2000000000, "279037"}} {
		now := time.Unix(v.unix, 0)
		if !mfaValid(d, alice, v.code, now) || !mfaValid(d, alice, v.code, now.Add(30*time.Second)) {
			t.Errorf("mfaValid(%s at %d) = false, want true", v.code, v.unix)
		}
		if mfaValid(d, alice, v.code, now.Add(5*time.Minute)) {
			t.Errorf("mfaValid(%s at %d + 5m) = true, want false", v.code, v.unix)
		}
		bob := &authn.Caller{Type: evaluator.PrincipalUser, UserName: "bob"}
		if mfaValid(d, bob, v.code, now) {
			t.Errorf("mfaValid accepted alice's device for bob")
		}
	}
}

func TestGetCallerIdentity(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	alice := e.user(acctA, "alice", `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}`)
	roleSession := &store.Session{AccessKeyID: "ASIAEXAMPLEEXAMPLE01", Account: acctB, Kind: "AssumeRole",
		RoleName: "Reader", RoleARN: "arn:aws:iam::" + acctB + ":role/team/Reader", RoleID: "AROAEXAMPLEEXAMPLE01", SessionName: "s3-access"}
	userSession := &store.Session{AccessKeyID: "ASIAEXAMPLEEXAMPLE02", Account: acctA, Kind: "GetSessionToken", UserName: "alice"}
	userSessionCaller := sessionCaller(userSession)
	userSessionCaller.UserID = alice.UserID
	rows := []struct {
		name                 string
		caller               authn.Caller
		arn, userID, account string
	}{
		{"root", rootCaller(acctA), "arn:aws:iam::" + acctA + ":root", acctA, acctA},
		{"user denied everything", alice, alice.ARN, alice.UserID, acctA},
		{"assumed role", sessionCaller(roleSession), "arn:aws:sts::" + acctB + ":assumed-role/Reader/s3-access",
			"AROAEXAMPLEEXAMPLE01:s3-access", acctB},
		{"GetSessionToken session", userSessionCaller, alice.ARN, alice.UserID, acctA},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			resp := e.call(row.caller, map[string]string{"Action": "GetCallerIdentity"})
			wantOK(t, "GetCallerIdentity", resp)
			r := resp.Result
			if r.Arn != row.arn || r.UserID != row.userID || r.Account != row.account {
				t.Errorf("GetCallerIdentity = {%s %s %s}, want {%s %s %s}", r.Arn, r.UserID, r.Account, row.arn, row.userID, row.account)
			}
		})
	}
	anon := authn.Caller{Type: evaluator.PrincipalAnonymous}
	wantErr(t, "anonymous GetCallerIdentity", e.call(anon, map[string]string{"Action": "GetCallerIdentity"}),
		http.StatusForbidden, "MissingAuthenticationToken", "")
}

func TestGetSessionToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	alice := e.user(acctA, "alice")
	const seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	serial := "arn:aws:iam::" + acctA + ":mfa/alice"
	enabled := e.clock.Now()
	e.update(func(tx *store.Tx) error {
		return tx.Put(acctA, store.KindMFADevice, serial, &store.MFADevice{Serial: serial, Seed: seed,
			UserName: "alice", EnableDate: &enabled, Account: acctA})
	})
	roleSession := sessionCaller(&store.Session{AccessKeyID: "ASIAEXAMPLEEXAMPLE01", Account: acctA,
		RoleName: "R", RoleARN: "arn:aws:iam::" + acctA + ":role/R", RoleID: "AROAEXAMPLEEXAMPLE01", SessionName: "s"})
	gstSession := sessionCaller(&store.Session{AccessKeyID: "ASIAEXAMPLEEXAMPLE02", Account: acctA, Kind: "GetSessionToken", UserName: "alice"})
	rows := []struct {
		name    string
		caller  authn.Caller
		params  map[string]string
		status  int
		code    string
		msg     string
		lasts   time.Duration
		mfa     bool
		account string
	}{
		{name: "user, default 12 hours", caller: alice, status: 200, lasts: 12 * time.Hour},
		{name: "user, 36 hours", caller: alice, params: map[string]string{"DurationSeconds": "129600"}, status: 200, lasts: 36 * time.Hour},
		{name: "root is held to one hour", caller: rootCaller(acctA), params: map[string]string{"DurationSeconds": "129600"}, status: 200, lasts: time.Hour},
		{name: "over 36 hours", caller: alice, params: map[string]string{"DurationSeconds": "129601"}, status: 400, code: "ValidationError",
			msg: "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600"},
		{name: "under 15 minutes", caller: alice, params: map[string]string{"DurationSeconds": "899"}, status: 400, code: "ValidationError"},
		{name: "role session", caller: roleSession, status: 403, code: "AccessDenied", msg: "Cannot call GetSessionToken with session credentials"},
		{name: "GetSessionToken session", caller: gstSession, status: 403, code: "AccessDenied", msg: "Cannot call GetSessionToken with session credentials"},
		{name: "valid MFA", caller: alice, params: map[string]string{"SerialNumber": serial, "TokenCode": totpForTest(t, seed, e.clock.Now())},
			status: 200, lasts: 12 * time.Hour, mfa: true},
		{name: "bad MFA", caller: alice, params: map[string]string{"SerialNumber": serial, "TokenCode": "12345a"}, status: 400, code: "ValidationError"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			params := map[string]string{"Action": "GetSessionToken"}
			for k, v := range row.params {
				params[k] = v
			}
			resp := e.call(row.caller, params)
			if row.status != 200 {
				wantErr(t, "GetSessionToken", resp, row.status, row.code, row.msg)
				return
			}
			wantOK(t, "GetSessionToken", resp)
			s := e.session(resp.Result.Credentials.AccessKeyID, resp.Result.Credentials.SessionToken)
			if got := s.Expiration.Sub(e.clock.Now()); got != row.lasts {
				t.Errorf("session lasts %v, want %v", got, row.lasts)
			}
			if s.Kind != "GetSessionToken" || s.UserName != row.caller.UserName || s.Account != acctA || s.RoleARN != "" {
				t.Errorf("stored session = %+v", s)
			}
			if s.MFA != row.mfa {
				t.Errorf("session MFA = %v, want %v", s.MFA, row.mfa)
			}
			if want := e.clock.Now().Add(row.lasts).UTC().Format(time.RFC3339); resp.Result.Credentials.Expiration != want {
				t.Errorf("Expiration = %s, want %s", resp.Result.Credentials.Expiration, want)
			}
		})
	}
}

func TestGetAccessKeyInfo(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	alice := e.user(acctA, "alice", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:GetAccessKeyInfo","Resource":"*"}}`)
	bob := e.user(acctA, "bob")
	e.update(func(tx *store.Tx) error {
		if err := tx.Put(store.Global, store.KindAccessKey, "AKIAFAKEAWSFAKEAWS01", &store.AccessKey{ID: "AKIAFAKEAWSFAKEAWS01", Account: acctB}); err != nil {
			return err
		}
		return nil
	})
	issued := &store.Session{Account: acctB, Kind: "GetSessionToken", Issued: e.clock.Now(), Expiration: e.clock.Now().Add(time.Hour)}
	if err := e.h.sessions.Seal(context.Background(), issued); err != nil {
		t.Fatal(err)
	}
	rows := []struct {
		name, key string
		caller    authn.Caller
		status    int
		account   string
	}{
		{"root key id", acctB, alice, 200, acctB},
		{"stored long-term key", "AKIAFAKEAWSFAKEAWS01", alice, 200, acctB},
		{"session key", issued.AccessKeyID, alice, 200, acctB},
		// The account AWS encodes in its key ids.
		{"AWS-issued key", "ASIAQNZGKIQY56JQ7WML", alice, 200, "029608264753"},
		{"too short", "AKIA123", alice, 400, ""},
		{"needs sts:GetAccessKeyInfo", "AKIAFAKEAWSFAKEAWS01", bob, 403, ""},
		{"root may", "AKIAFAKEAWSFAKEAWS01", rootCaller(acctA), 200, acctB},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			resp := e.call(row.caller, map[string]string{"Action": "GetAccessKeyInfo", "AccessKeyId": row.key})
			if resp.Status != row.status {
				t.Fatalf("GetAccessKeyInfo(%s) status %d (%s), want %d", row.key, resp.Status, resp.Error.Code, row.status)
			}
			if row.status == 200 && resp.Result.Account != row.account {
				t.Errorf("GetAccessKeyInfo(%s) = %s, want %s", row.key, resp.Result.Account, row.account)
			}
		})
	}
}

func TestDecodeAuthorizationMessage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	alice := e.user(acctA, "alice", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:DecodeAuthorizationMessage","Resource":"*"}}`)
	bob := e.user(acctA, "bob")
	req := &evaluator.Request{
		Principal: evaluator.Principal{Type: evaluator.PrincipalUser, ARN: bob.ARN, UserID: bob.UserID, Username: "bob", Account: acctA},
		Action:    "s3:GetObject", Resource: "arn:aws:s3:::bucket/key",
		Context: evaluator.Context{"aws:sourceip": {"10.0.0.1"}},
	}
	d := evaluator.Decision{Effect: evaluator.ExplicitDeny, Kind: evaluator.KindIdentity,
		Statements: []evaluator.StatementRef{{Sid: "NoS3", Effect: "Deny", Policy: "user/bob/p"}}}
	msg := EncodeAuthorizationMessage(DetailsFromDecision(d, req))

	resp := e.call(alice, map[string]string{"Action": "DecodeAuthorizationMessage", "EncodedMessage": msg})
	wantOK(t, "DecodeAuthorizationMessage", resp)
	var got AuthorizationDetails
	if err := json.Unmarshal([]byte(resp.Result.DecodedMessage), &got); err != nil {
		t.Fatalf("decoded message is not JSON: %v\n%s", err, resp.Result.DecodedMessage)
	}
	if got.Allowed || !got.ExplicitDeny || got.Context.Action != "s3:GetObject" || got.Context.Principal.ARN != bob.ARN ||
		len(got.MatchedStatements.Items) != 1 || got.MatchedStatements.Items[0].Effect != "DENY" ||
		len(got.Context.Conditions.Items) != 1 || got.Context.Conditions.Items[0].Values.Items[0].Value != "10.0.0.1" {
		t.Errorf("decoded = %+v", got)
	}
	for _, k := range []string{`"allowed":false`, `"explicitDeny":true`, `"matchedStatements":{"items":[`, `"conditions":{"items":[`} {
		if !strings.Contains(resp.Result.DecodedMessage, k) {
			t.Errorf("decoded message lacks %s:\n%s", k, resp.Result.DecodedMessage)
		}
	}

	wantErr(t, "decode garbage", e.call(alice, map[string]string{"Action": "DecodeAuthorizationMessage", "EncodedMessage": "not-a-message"}),
		http.StatusBadRequest, "InvalidAuthorizationMessageException", "")
	wantErr(t, "decode truncated", e.call(alice, map[string]string{"Action": "DecodeAuthorizationMessage", "EncodedMessage": msg[:len(msg)-5]}),
		http.StatusBadRequest, "InvalidAuthorizationMessageException", "")
	wantErr(t, "decode without permission", e.call(bob, map[string]string{"Action": "DecodeAuthorizationMessage", "EncodedMessage": msg}),
		http.StatusForbidden, "AccessDenied", "")
}

func TestRouting(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	for _, a := range []string{"AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity", "GetSessionToken",
		"GetAccessKeyInfo", "DecodeAuthorizationMessage"} {
		if !e.h.HasAction(a) {
			t.Errorf("HasAction(%s) = false", a)
		}
	}
	if e.h.HasAction("CreateUser") {
		t.Error("HasAction(CreateUser) = true")
	}
	for a, want := range map[string]bool{"AssumeRoleWithWebIdentity": true, "AssumeRoleWithSAML": true, "AssumeRole": false, "GetCallerIdentity": false} {
		if got := AllowsAnonymous(a); got != want {
			t.Errorf("AllowsAnonymous(%s) = %v, want %v", a, got, want)
		}
	}
	if e.h.Service().Namespace != "https://sts.amazonaws.com/doc/2011-06-15/" {
		t.Errorf("Namespace = %s", e.h.Service().Namespace)
	}
}
