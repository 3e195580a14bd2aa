package authn_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func signedRequest(t *testing.T, creds aws.Credentials, service string) *http.Request {
	t.Helper()
	return signedRequestAt(t, creds, service, now)
}

func signedRequestAt(t *testing.T, creds aws.Credentials, service string, at time.Time) *http.Request {
	t.Helper()
	body := "Action=GetCallerIdentity&Version=2011-06-15"
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:4566/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	sum := sha256.Sum256([]byte(body))
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hex.EncodeToString(sum[:]), service, "us-east-1", at); err != nil {
		t.Fatal(err)
	}
	return r
}

func setup(t *testing.T, strict bool) *authn.Authenticator {
	t.Helper()
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		for _, v := range []struct {
			scope, kind, key string
			rec              any
		}{
			{"111111111111", store.KindUser, "alice", &store.User{Name: "alice", ID: "AIDAALICE", ARN: "arn:aws:iam::111111111111:user/alice"}},
			{store.Global, store.KindAccessKey, "AKIAALICE0000000001", &store.AccessKey{ID: "AKIAALICE0000000001", Secret: "alice-secret", Account: "111111111111", UserName: "alice", Status: "Active"}},
			{store.Global, store.KindAccessKey, "AKIAALICE0000000002", &store.AccessKey{ID: "AKIAALICE0000000002", Secret: "old", Account: "111111111111", UserName: "alice", Status: "Inactive"}},
			{store.Global, store.KindSession, "ASIALIVE000000000001", &store.Session{AccessKeyID: "ASIALIVE000000000001", Secret: "s", Token: "tok", Account: "222222222222",
				RoleName: "r", RoleARN: "arn:aws:iam::222222222222:role/r", RoleID: "AROAR", SessionName: "sess", Issued: now, Expiration: now.Add(time.Hour)}},
			{store.Global, store.KindSession, "ASIAOLD0000000000001", &store.Session{AccessKeyID: "ASIAOLD0000000000001", Secret: "s", Token: "tok", Account: "222222222222",
				RoleName: "r", RoleARN: "arn:aws:iam::222222222222:role/r", RoleID: "AROAR", SessionName: "sess", Issued: now.Add(-2 * time.Hour), Expiration: now.Add(-time.Hour)}},
		} {
			if err := tx.Put(v.scope, v.kind, v.key, v.rec); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return &authn.Authenticator{DB: db, Strict: strict, Now: func() time.Time { return now }}
}

func TestAuthenticate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		strict   bool
		creds    aws.Credentials
		wantCode string
		wantARN  string
		wantType evaluator.PrincipalType
	}{
		{"account id is root", false, aws.Credentials{AccessKeyID: "333333333333", SecretAccessKey: "test"}, "", "arn:aws:iam::333333333333:root", evaluator.PrincipalAccount},
		{"test/test is 000000000000", false, aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}, "", "arn:aws:iam::000000000000:root", evaluator.PrincipalAccount},
		{"wrong root secret", false, aws.Credentials{AccessKeyID: "333333333333", SecretAccessKey: "nope"}, "SignatureDoesNotMatch", "", ""},
		{"strict refuses account ids", true, aws.Credentials{AccessKeyID: "333333333333", SecretAccessKey: "test"}, "InvalidClientTokenId", "", ""},
		{"user key", true, aws.Credentials{AccessKeyID: "AKIAALICE0000000001", SecretAccessKey: "alice-secret"}, "", "arn:aws:iam::111111111111:user/alice", evaluator.PrincipalUser},
		{"inactive key", false, aws.Credentials{AccessKeyID: "AKIAALICE0000000002", SecretAccessKey: "old"}, "InvalidClientTokenId", "", ""},
		{"unknown key", false, aws.Credentials{AccessKeyID: "AKIANOBODY000000000", SecretAccessKey: "x"}, "InvalidClientTokenId", "", ""},
		{"live session", false, aws.Credentials{AccessKeyID: "ASIALIVE000000000001", SecretAccessKey: "s", SessionToken: "tok"}, "", "arn:aws:sts::222222222222:assumed-role/r/sess", evaluator.PrincipalAssumedRole},
		{"session without token", false, aws.Credentials{AccessKeyID: "ASIALIVE000000000001", SecretAccessKey: "s"}, "InvalidClientTokenId", "", ""},
		{"expired session", false, aws.Credentials{AccessKeyID: "ASIAOLD0000000000001", SecretAccessKey: "s", SessionToken: "tok"}, "ExpiredToken", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := setup(t, tt.strict)
			info, err := a.Authenticate(signedRequest(t, tt.creds, "sts"), "req")
			if tt.wantCode != "" {
				e, ok := awserr.As(err)
				if !ok || string(e.Code) != tt.wantCode {
					t.Fatalf("Authenticate(%s) = %v, want %s", tt.creds.AccessKeyID, err, tt.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatalf("Authenticate(%s) = %v, want success", tt.creds.AccessKeyID, err)
			}
			if info.Caller.ARN != tt.wantARN || info.Caller.Type != tt.wantType {
				t.Errorf("caller = %s (%s), want %s (%s)", info.Caller.ARN, info.Caller.Type, tt.wantARN, tt.wantType)
			}
			if info.Service != "sts" || info.Region != "us-east-1" {
				t.Errorf("scope = %s/%s, want sts/us-east-1", info.Service, info.Region)
			}
		})
	}
}

func TestAnonymous(t *testing.T) {
	t.Parallel()
	a := setup(t, false)
	info, err := a.Authenticate(httptest.NewRequest(http.MethodGet, "http://127.0.0.1:4566/bucket/key", nil), "req")
	if err != nil {
		t.Fatalf("anonymous Authenticate = %v", err)
	}
	if !info.Caller.Anonymous() {
		t.Errorf("caller type = %s, want Anonymous", info.Caller.Type)
	}
}

// Cached keys must follow writes: a key made Inactive stops working on the
// next request, and an expired session is refused even when cached.
func TestKeyCacheFollowsWritesAndExpiry(t *testing.T) {
	t.Parallel()
	a := setup(t, false)
	clock := now
	a.Now = func() time.Time { return clock }
	alice := aws.Credentials{AccessKeyID: "AKIAALICE0000000001", SecretAccessKey: "alice-secret"}
	if _, err := a.Authenticate(signedRequest(t, alice, "sts"), "r1"); err != nil {
		t.Fatalf("first request: %v", err)
	}
	err := a.DB.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(store.Global, store.KindAccessKey, "AKIAALICE0000000001", &store.AccessKey{ID: "AKIAALICE0000000001",
			Secret: "alice-secret", Account: "111111111111", UserName: "alice", Status: "Inactive"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(signedRequest(t, alice, "sts"), "r2"); err == nil {
		t.Error("an Inactive key still authenticates (stale key cache)")
	}

	live := aws.Credentials{AccessKeyID: "ASIALIVE000000000001", SecretAccessKey: "s", SessionToken: "tok"}
	if _, err := a.Authenticate(signedRequest(t, live, "sts"), "r3"); err != nil {
		t.Fatalf("live session: %v", err)
	}
	clock = now.Add(2 * time.Hour)
	_, err = a.Authenticate(signedRequestAt(t, live, "sts", clock), "r4")
	if e, ok := awserr.As(err); !ok || e.Code != "ExpiredToken" {
		t.Errorf("cached session after expiry = %v, want ExpiredToken", err)
	}
}

func TestStoredKeyLastUse(t *testing.T) {
	t.Parallel()
	a := setup(t, false)
	clock := now
	a.Now = func() time.Time { return clock }
	db := a.DB.(*store.DB)
	alice := aws.Credentials{AccessKeyID: "AKIAALICE0000000001", SecretAccessKey: "alice-secret"}
	lastUsed := func() store.AccessKey {
		var ak store.AccessKey
		_ = db.View(context.Background(), func(tx *store.Tx) error {
			return tx.Get(store.Global, store.KindAccessKey, "AKIAALICE0000000001", &ak)
		})
		return ak
	}
	if _, err := a.Authenticate(signedRequestAt(t, alice, "sts", clock), "r1"); err != nil {
		t.Fatal(err)
	}
	ak := lastUsed()
	if ak.LastUsed == nil || !ak.LastUsed.Equal(now) || ak.LastUsedService != "sts" || ak.LastUsedRegion != "us-east-1" {
		t.Fatalf("after first use: LastUsed=%v service=%q region=%q, want %v sts us-east-1", ak.LastUsed, ak.LastUsedService, ak.LastUsedRegion, now)
	}
	gen := db.Generation()
	clock = now.Add(time.Minute)
	if _, err := a.Authenticate(signedRequestAt(t, alice, "sts", clock), "r2"); err != nil {
		t.Fatal(err)
	}
	if db.Generation() != gen {
		t.Error("a second use within the hour wrote to the store")
	}
	clock = now.Add(2 * time.Hour)
	if _, err := a.Authenticate(signedRequestAt(t, alice, "sts", clock), "r3"); err != nil {
		t.Fatal(err)
	}
	if ak := lastUsed(); ak.LastUsed == nil || !ak.LastUsed.Equal(clock) {
		t.Errorf("after two hours LastUsed = %v, want %v", ak.LastUsed, clock)
	}
	// Account-id keys have no record to update (the first use creates the
	// account; later uses write nothing).
	root := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
	if _, err := a.Authenticate(signedRequestAt(t, root, "sts", clock), "r4"); err != nil {
		t.Fatal(err)
	}
	gen = db.Generation()
	if _, err := a.Authenticate(signedRequestAt(t, root, "sts", clock), "r4"); err != nil {
		t.Fatal(err)
	}
	if db.Generation() != gen {
		t.Error("an account-id key's use wrote to the store")
	}
}
