package sts

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
)

const (
	allowFederation = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:GetFederationToken","s3:*"],"Resource":"*"}]}`
	listBuckets     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`
)

func TestGetFederationTokenErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	fed := e.user(acctA, "fed", allowFederation)
	plain := e.user(acctA, "plain", listBuckets)
	userSession := sessionCaller(&store.Session{AccessKeyID: "ASIAEXAMPLEEXAMPLE02", Account: acctA, Kind: "GetSessionToken", UserName: "fed"})
	long := strings.Repeat("a", 33)
	rows := []struct {
		name   string
		caller authn.Caller
		params map[string]string
		status int
		code   string
		msg    string
	}{
		{"missing name", fed, map[string]string{}, 400, "ValidationError",
			"1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"},
		{"name too short", fed, map[string]string{"Name": "b"}, 400, "ValidationError",
			"1 validation error detected: Value 'b' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2"},
		{"name too long", fed, map[string]string{"Name": long}, 400, "ValidationError",
			"1 validation error detected: Value '" + long + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 32"},
		{"name pattern", fed, map[string]string{"Name": "bob smith"}, 400, "ValidationError",
			"1 validation error detected: Value 'bob smith' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"},
		{"duration too short", fed, map[string]string{"Name": "bob", "DurationSeconds": "899"}, 400, "ValidationError",
			"1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"},
		{"duration too long", fed, map[string]string{"Name": "bob", "DurationSeconds": "129601"}, 400, "ValidationError",
			"1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600"},
		{"malformed policy", fed, map[string]string{"Name": "bob", "Policy": "{"}, 400, "MalformedPolicyDocument", ""},
		{"session credentials", userSession, map[string]string{"Name": "bob"}, 403, "AccessDenied",
			"Cannot call GetFederationToken with session credentials"},
		{"not allowed", plain, map[string]string{"Name": "bob"}, 403, "AccessDenied",
			"User: " + plain.ARN + " is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::" + acctA + ":federated-user/bob because no identity-based policy allows the sts:GetFederationToken action"},
		{"tags without sts:TagSession", fed, map[string]string{"Name": "bob", "Tags.member.1.Key": "team", "Tags.member.1.Value": "x"}, 403, "AccessDenied", ""},
		{"duplicate tag keys", fed, map[string]string{"Name": "bob", "Tags.member.1.Key": "team", "Tags.member.1.Value": "x",
			"Tags.member.2.Key": "Team", "Tags.member.2.Value": "y"}, 400, "InvalidParameterValue",
			"Duplicate tag keys found. Please note that Tag keys are case insensitive."},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			params := map[string]string{"Action": "GetFederationToken"}
			for k, v := range row.params {
				params[k] = v
			}
			wantErr(t, "GetFederationToken", e.call(row.caller, params), row.status, row.code, row.msg)
		})
	}
}

func TestGetFederationToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	fed := e.user(acctA, "fed", allowFederation, allowTagSession)
	e.update(func(tx *store.Tx) error {
		var u store.User
		if err := tx.Get(acctA, store.KindUser, "fed", &u); err != nil {
			return err
		}
		u.Tags = []store.Tag{{Key: "Dept", Value: "eng"}, {Key: "cost", Value: "1"}}
		return tx.Put(acctA, store.KindUser, "fed", &u)
	})
	now := e.clock.Now()
	rows := []struct {
		name     string
		caller   authn.Caller
		params   map[string]string
		duration time.Duration
		userName string
		packed   bool
		tags     map[string]string
	}{
		{"user default duration", fed, map[string]string{"Name": "bob"}, 12 * time.Hour, "fed", false,
			map[string]string{"Dept": "eng", "cost": "1"}},
		{"user max duration with policy", fed, map[string]string{"Name": "bob@example.com", "DurationSeconds": "129600", "Policy": listBuckets},
			36 * time.Hour, "fed", true, map[string]string{"Dept": "eng", "cost": "1"}},
		{"session tag overrides user tag", fed, map[string]string{"Name": "bob", "Tags.member.1.Key": "dept", "Tags.member.1.Value": "ops"},
			12 * time.Hour, "fed", true, map[string]string{"dept": "ops", "cost": "1"}},
		{"root capped at one hour", rootCaller(acctA), map[string]string{"Name": "bob", "DurationSeconds": "7200"}, time.Hour, "", false, nil},
		{"root short duration", rootCaller(acctA), map[string]string{"Name": "bob", "DurationSeconds": "900"}, 15 * time.Minute, "", false, nil},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			params := map[string]string{"Action": "GetFederationToken"}
			for k, v := range row.params {
				params[k] = v
			}
			resp := e.call(row.caller, params)
			wantOK(t, "GetFederationToken", resp)
			r := resp.Result
			name := row.params["Name"]
			if want := "arn:aws:sts::" + acctA + ":federated-user/" + name; r.FederatedUser.Arn != want {
				t.Errorf("FederatedUser.Arn = %q, want %q", r.FederatedUser.Arn, want)
			}
			if want := acctA + ":" + name; r.FederatedUser.FederatedUserID != want {
				t.Errorf("FederatedUserId = %q, want %q", r.FederatedUser.FederatedUserID, want)
			}
			if want := isoTime(now.Add(row.duration)); r.Credentials.Expiration != want {
				t.Errorf("Expiration = %s, want %s", r.Credentials.Expiration, want)
			}
			// Always present; 0 without policies or tags (recorded:
			// LocalStack test_sts.snapshot.json, test_get_federation_token).
			if r.PackedPolicySize == nil || (*r.PackedPolicySize > 0) != row.packed {
				t.Errorf("PackedPolicySize = %v, want present and non-zero=%v", r.PackedPolicySize, row.packed)
			}
			if !strings.HasPrefix(r.Credentials.AccessKeyID, "ASIA") {
				t.Errorf("AccessKeyId = %q, want ASIA...", r.Credentials.AccessKeyID)
			}
			s := e.session(r.Credentials.AccessKeyID, r.Credentials.SessionToken)
			if s.Kind != "GetFederationToken" || s.SessionName != name || s.UserName != row.userName || s.Account != acctA {
				t.Errorf("session = kind %q name %q user %q account %q, want GetFederationToken %q %q %q",
					s.Kind, s.SessionName, s.UserName, s.Account, name, row.userName, acctA)
			}
			if p, ok := row.params["Policy"]; ok && (len(s.SessionPolicies) != 1 || s.SessionPolicies[0] != p) {
				t.Errorf("SessionPolicies = %v, want [%s]", s.SessionPolicies, p)
			}
			if len(s.Tags) != len(row.tags) {
				t.Errorf("Tags = %v, want %v", s.Tags, row.tags)
			}
			for k, v := range row.tags {
				if s.Tags[k] != v {
					t.Errorf("Tags = %v, want %v", s.Tags, row.tags)
				}
			}

			// The federated user's identity and permissions.
			caller := sessionCaller(s)
			id := e.call(caller, map[string]string{"Action": "GetCallerIdentity"})
			wantOK(t, "GetCallerIdentity", id)
			if id.Result.Arn != r.FederatedUser.Arn || id.Result.UserID != r.FederatedUser.FederatedUserID || id.Result.Account != acctA {
				t.Errorf("GetCallerIdentity = {%s %s %s}, want {%s %s %s}", id.Result.Arn, id.Result.UserID, id.Result.Account,
					r.FederatedUser.Arn, r.FederatedUser.FederatedUserID, acctA)
			}
			again := e.call(caller, map[string]string{"Action": "GetFederationToken", "Name": "carol"})
			wantErr(t, "GetFederationToken with federated credentials", again, http.StatusForbidden, "AccessDenied",
				"Cannot call GetFederationToken with session credentials")
			ctx := authn.WithInfo(t.Context(), &authn.Info{Caller: caller, Time: e.clock.Now()})
			err := e.az.Authorize(ctx, authz.Check{Action: "s3:ListAllMyBuckets", Resource: "*"})
			if allowed := err == nil; allowed != (row.params["Policy"] != "") {
				t.Errorf("federated s3:ListAllMyBuckets allowed = %v (%v), want %v", allowed, err, !allowed)
			}
		})
	}
}
