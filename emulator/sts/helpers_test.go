package sts

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/store/storetest"
	"github.com/fakeaws/fakeaws/evaluator"
)

const (
	acctA = "111111111111"
	acctB = "222222222222"
)

// clock is a settable fake clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is one test world: a store, an authorizer, a handler, a clock.
type env struct {
	t      testing.TB
	db     *store.DB
	az     *authz.Authorizer
	h      *Handler
	clock  *clock
	issuer *Issuer
}

func newEnv(t testing.TB, withIssuer bool) *env {
	t.Helper()
	// Every batched write runs twice (store.Options.Rehearse): the tests
	// show each is right when a failing neighbour in its commit round
	// makes it run again.
	db := storetest.Open(t, store.Options{Rehearse: true})
	set, err := managed.Load()
	if err != nil {
		t.Fatalf("load managed policies: %v", err)
	}
	e := &env{t: t, db: db, clock: &clock{t: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}}
	e.az = authz.New(db, authz.Options{Managed: set})
	if withIssuer {
		e.issuer, err = NewIssuer(IssuerOptions{DB: db, Now: e.clock.Now})
		if err != nil {
			t.Fatalf("NewIssuer: %v", err)
		}
	}
	e.h = New(Options{DB: db, Authz: e.az, Managed: set, Now: e.clock.Now, Issuer: e.issuer})
	return e
}

func (e *env) update(fn func(tx *store.Tx) error) {
	e.t.Helper()
	if err := e.db.Update(context.Background(), fn); err != nil {
		e.t.Fatalf("update store: %v", err)
	}
}

// user creates an IAM user with inline policies and returns its caller.
func (e *env) user(account, name string, inline ...string) authn.Caller {
	e.t.Helper()
	u := store.User{Name: name, Path: "/", ID: ids.Unique(ids.UserPrefix),
		ARN: "arn:aws:iam::" + account + ":user/" + name, Created: e.clock.Now()}
	if len(inline) > 0 {
		u.Inline = map[string]string{}
		for i, doc := range inline {
			u.Inline["p"+string(rune('0'+i))] = doc
		}
	}
	e.update(func(tx *store.Tx) error {
		if _, err := tx.EnsureAccount(account, e.clock.Now()); err != nil {
			return err
		}
		return tx.Put(account, store.KindUser, strings.ToLower(name), &u)
	})
	return authn.Caller{Type: evaluator.PrincipalUser, Account: account, ARN: u.ARN, UserID: u.ID,
		UserName: name, AccessKeyID: ids.AccessKeyID(ids.AccessKeyPrefix)}
}

// role creates a role; principals maps IAM user/role ARNs named in trust
// to their current unique ids (IAM's TrustPrincipalIDs).
func (e *env) role(account, name, trust string, maxDur int, principals map[string]string, inline ...string) store.Role {
	e.t.Helper()
	r := store.Role{Name: name, Path: "/", ID: ids.Unique(ids.RolePrefix),
		ARN: "arn:aws:iam::" + account + ":role/" + name, Created: e.clock.Now(),
		MaxSessionDuration: maxDur, TrustPolicy: trust, TrustPrincipalIDs: principals}
	if len(inline) > 0 {
		r.Inline = map[string]string{"inline": inline[0]}
	}
	e.update(func(tx *store.Tx) error {
		if _, err := tx.EnsureAccount(account, e.clock.Now()); err != nil {
			return err
		}
		return tx.Put(account, store.KindRole, strings.ToLower(name), &r)
	})
	return r
}

func rootCaller(account string) authn.Caller {
	return authn.Caller{Type: evaluator.PrincipalAccount, Account: account, ARN: authn.RootARN(account),
		UserID: account, AccessKeyID: account}
}

// sessionCaller is the caller authn builds for a stored session.
func sessionCaller(s *store.Session) authn.Caller {
	if s.Kind == "GetFederationToken" {
		return authn.Caller{Type: evaluator.PrincipalFederatedUser, Account: s.Account,
			ARN: FederatedUserARN("aws", s.Account, s.SessionName), UserID: s.Account + ":" + s.SessionName,
			UserName: s.UserName, AccessKeyID: s.AccessKeyID, Session: s}
	}
	if s.RoleARN != "" {
		return authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: s.Account,
			ARN:    SessionARN("aws", s.Account, s.RoleName, s.SessionName),
			UserID: s.RoleID + ":" + s.SessionName, AccessKeyID: s.AccessKeyID, Session: s}
	}
	return authn.Caller{Type: evaluator.PrincipalUser, Account: s.Account,
		ARN: "arn:aws:iam::" + s.Account + ":user/" + s.UserName, UserName: s.UserName,
		AccessKeyID: s.AccessKeyID, Session: s}
}

// session opens the session sealed in credentials id/token.
func (e *env) session(id, token string) *store.Session {
	e.t.Helper()
	s, err := e.h.sessions.Open(context.Background(), id, token)
	if err != nil {
		e.t.Fatalf("open session %s: %v", id, err)
	}
	return s
}

// response is a decoded STS response: a result or an error.
type response struct {
	Status int
	Body   string
	Error  struct {
		Type    string
		Code    string
		Message string
	} `xml:"Error"`
	Result struct {
		Credentials struct {
			AccessKeyID     string `xml:"AccessKeyId"`
			SecretAccessKey string
			SessionToken    string
			Expiration      string
		}
		AssumedRoleUser struct {
			AssumedRoleID string `xml:"AssumedRoleId"`
			Arn           string
		}
		FederatedUser struct {
			FederatedUserID string `xml:"FederatedUserId"`
			Arn             string
		}
		PackedPolicySize            *int
		SourceIdentity              string
		SubjectFromWebIdentityToken string
		Audience                    string
		Provider                    string
		Arn                         string
		UserID                      string `xml:"UserId"`
		Account                     string
		DecodedMessage              string
	} `xml:",any"`
}

// call sends one STS action through the Query service as caller.
func (e *env) call(caller authn.Caller, params map[string]string) response {
	e.t.Helper()
	values := url.Values{"Version": {"2011-06-15"}}
	for k, v := range params {
		values.Set(k, v)
	}
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(values.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	info := &authn.Info{RequestID: "req-1", Caller: caller, Time: e.clock.Now(), SourceIP: "127.0.0.1"}
	r = r.WithContext(authn.WithInfo(r.Context(), info))
	w := httptest.NewRecorder()
	e.h.Service().Serve(w, r, values)
	out := response{Status: w.Code, Body: w.Body.String()}
	if err := xml.Unmarshal(w.Body.Bytes(), &out); err != nil {
		e.t.Fatalf("decode response %q: %v", w.Body.String(), err)
	}
	return out
}

// wantOK fails unless resp is a 200.
func wantOK(t testing.TB, what string, resp response) {
	t.Helper()
	if resp.Status != http.StatusOK {
		t.Fatalf("%s: status %d (%s: %s), want 200", what, resp.Status, resp.Error.Code, resp.Error.Message)
	}
}

// wantErr fails unless resp is the error code with status (and, when msg
// is not empty, that message).
func wantErr(t testing.TB, what string, resp response, status int, code, msg string) {
	t.Helper()
	if resp.Status != status || resp.Error.Code != code {
		t.Errorf("%s: got %d %s (%s), want %d %s", what, resp.Status, resp.Error.Code, resp.Error.Message, status, code)
		return
	}
	if msg != "" && resp.Error.Message != msg {
		t.Errorf("%s: message\n got %q\nwant %q", what, resp.Error.Message, msg)
	}
}
