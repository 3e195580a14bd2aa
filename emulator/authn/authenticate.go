package authn

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/sigv4"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// DefaultAccount is the account of the test/test credentials.
const DefaultAccount = "000000000000"

// RootSecret is the secret of every account-id access key.
const RootSecret = "test"

// Store is the part of the store the authenticator reads keys and
// sessions from (and creates accounts in).
type Store interface {
	View(ctx context.Context, fn func(*store.Tx) error) error
	Update(ctx context.Context, fn func(*store.Tx) error) error
	// Generation changes after every committed write (store.DB.Generation).
	Generation() uint64
}

// Authenticator verifies signatures and resolves access keys to callers.
type Authenticator struct {
	DB Store
	// Strict turns off auto-created accounts: only keys in the store work.
	Strict bool
	// Now judges expiry (sessions, presigned URLs); Wall judges how far a
	// signed request time may be from the server's (nil: Now).
	Now  func() time.Time
	Wall func() time.Time
	// BucketFromHost names the bucket of a virtual-hosted S3 request.
	BucketFromHost func(host string) string
	// Keys caches derived signing keys (nil: derive every time).
	Keys *sigv4.KeyCache

	mu      sync.Mutex
	keys    map[string]*keyEntry
	lastUse map[string]time.Time // when each stored key's use was last written
}

// Authenticate verifies r and returns what is known about it. r.Body may be
// replaced by a decoding reader (aws-chunked uploads). Errors are
// *awserr.Error values ready to render.
func (a *Authenticator) Authenticate(r *http.Request, requestID string) (*Info, error) {
	now := a.Now()
	service, region, _ := sigv4.Scope(r)
	info := &Info{
		RequestID: requestID,
		Service:   service,
		Region:    region,
		SourceIP:  sourceIP(r),
		Secure:    r.TLS != nil,
		UserAgent: r.UserAgent(),
		Referer:   r.Referer(),
		Time:      now,
	}
	v := sigv4.Verifier{
		Now:            a.Now,
		Wall:           a.Wall,
		BucketFromHost: a.BucketFromHost,
		Keys:           a.Keys,
		Lookup: func(ctx context.Context, accessKeyID string) (sigv4.Key, error) {
			key, err := a.resolve(ctx, service, accessKeyID, &info.Caller)
			info.Caller.AccessKeyID = accessKeyID
			return key, err
		},
	}
	res, err := v.Verify(r)
	if err != nil {
		return info, convert(err)
	}
	if res.Anonymous {
		info.Caller = Caller{Type: evaluator.PrincipalAnonymous}
	} else if e, err := a.lookupKey(r.Context(), service, res.AccessKeyID); err == nil && e.stored {
		a.recordUse(r.Context(), res.AccessKeyID, service, region)
	}
	info.SignatureVersion = res.Version
	info.AuthType = res.AuthType
	info.ContentSHA256 = res.ContentSHA256
	if info.Region == "" {
		info.Region = res.Region
	}
	return info, nil
}

// convert turns a sigv4 error into the AWS error value.
func convert(err error) error {
	var se *sigv4.Error
	if errors.As(err, &se) {
		return &awserr.Error{Code: awserr.Code(se.Code), Status: se.Status, Message: se.Message, Fields: se.Fields}
	}
	return err
}

func sourceIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// keyEntry is a resolved access key, valid while the store's generation
// is gen.
type keyEntry struct {
	gen    uint64
	caller Caller
	key    sigv4.Key
	// stored marks a long-term key kept in the store (CreateAccessKey or
	// --config), whose last use GetAccessKeyLastUsed reports.
	stored bool
}

// maxCachedKeys bounds the key cache; when full it starts over.
const maxCachedKeys = 10000

// resolve finds the key's secret and fills the caller it belongs to. A
// resolved key is cached until the next committed write to the store, so
// a busy client's requests do not re-read its key, user or session;
// session expiry is still checked on every request.
func (a *Authenticator) resolve(ctx context.Context, service, akid string, c *Caller) (sigv4.Key, error) {
	e, err := a.lookupKey(ctx, service, akid)
	if err != nil {
		return sigv4.Key{}, err
	}
	*c = e.caller
	return e.key, nil
}

func (a *Authenticator) lookupKey(ctx context.Context, service, akid string) (*keyEntry, error) {
	gen := a.DB.Generation()
	a.mu.Lock()
	e, ok := a.keys[akid]
	a.mu.Unlock()
	if ok && e.gen == gen {
		if s := e.caller.Session; s != nil && !a.Now().Before(s.Expiration) {
			return nil, convert(expired(service))
		}
		return e, nil
	}
	e = &keyEntry{gen: gen}
	key, stored, err := a.resolveFromStore(ctx, service, akid, &e.caller)
	if err != nil {
		return nil, err
	}
	e.key, e.stored = key, stored
	a.mu.Lock()
	if a.keys == nil || len(a.keys) >= maxCachedKeys {
		a.keys = map[string]*keyEntry{}
	}
	a.keys[akid] = e
	a.mu.Unlock()
	return e, nil
}

// lastUseInterval is how often a long-term key's last use is written: AWS
// reports it with coarse precision, and each write costs a commit.
const lastUseInterval = time.Hour

// recordUse notes that a stored long-term key was used now for service in
// region, at most once per lastUseInterval per key.
func (a *Authenticator) recordUse(ctx context.Context, akid, service, region string) {
	now := a.Now()
	a.mu.Lock()
	if a.lastUse == nil {
		a.lastUse = map[string]time.Time{}
	}
	last, ok := a.lastUse[akid]
	if ok && now.Sub(last) < lastUseInterval {
		a.mu.Unlock()
		return
	}
	if len(a.lastUse) >= maxCachedKeys {
		clear(a.lastUse)
	}
	a.lastUse[akid] = now
	a.mu.Unlock()
	if service == "" {
		service = "s3" // SigV2 and presigned SigV2 are S3 only
	}
	_ = a.DB.Update(ctx, func(tx *store.Tx) error {
		var ak store.AccessKey
		if err := tx.Get(store.Global, store.KindAccessKey, akid, &ak); err != nil {
			return err
		}
		ak.LastUsed, ak.LastUsedService, ak.LastUsedRegion = &now, service, region
		return tx.Put(store.Global, store.KindAccessKey, akid, &ak)
	})
}

func (a *Authenticator) resolveFromStore(ctx context.Context, service, akid string, c *Caller) (key sigv4.Key, stored bool, err error) {
	if !a.Strict && (arns.IsAccountID(akid) || akid == "test") {
		account := akid
		if akid == "test" {
			account = DefaultAccount
		}
		if err := a.ensureAccount(ctx, account); err != nil {
			return sigv4.Key{}, false, err
		}
		*c = rootCaller(account)
		return sigv4.Key{Secret: RootSecret}, false, nil
	}
	err = a.DB.View(ctx, func(tx *store.Tx) error {
		var ak store.AccessKey
		err := tx.Get(store.Global, store.KindAccessKey, akid, &ak)
		if err == nil {
			if ak.Status != "Active" {
				return sigv4.InvalidAccessKeyID(service, akid)
			}
			if ak.UserName == "" {
				*c = rootCaller(ak.Account)
			} else {
				var u store.User
				if err := tx.Get(ak.Account, store.KindUser, strings.ToLower(ak.UserName), &u); err != nil {
					return sigv4.InvalidAccessKeyID(service, akid)
				}
				*c = userCaller(&u, ak.Account)
			}
			key, stored = sigv4.Key{Secret: ak.Secret}, true
			return nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		var s store.Session
		if err := tx.Get(store.Global, store.KindSession, akid, &s); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return sigv4.InvalidAccessKeyID(service, akid)
			}
			return err
		}
		if !a.Now().Before(s.Expiration) {
			return expired(service)
		}
		caller, err := sessionCaller(tx, &s)
		if err != nil {
			return err
		}
		*c = caller
		key = sigv4.Key{Secret: s.Secret, SessionToken: s.Token}
		return nil
	})
	if err != nil {
		return sigv4.Key{}, false, convert(err)
	}
	return key, stored, nil
}

func (a *Authenticator) ensureAccount(ctx context.Context, account string) error {
	exists := false
	if err := a.DB.View(ctx, func(tx *store.Tx) error {
		exists = tx.AccountExists(account)
		return nil
	}); err != nil || exists {
		return err
	}
	return a.DB.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.EnsureAccount(account, a.Now())
		return err
	})
}

func expired(service string) error {
	if service == "s3" || service == "" {
		return awserr.New("ExpiredToken", http.StatusBadRequest, "The provided token has expired.")
	}
	return awserr.New("ExpiredToken", http.StatusForbidden, "The security token included in the request is expired")
}

func rootCaller(account string) Caller {
	return Caller{Type: evaluator.PrincipalAccount, Account: account, ARN: RootARN(account), UserID: account}
}

func userCaller(u *store.User, account string) Caller {
	return Caller{Type: evaluator.PrincipalUser, Account: account, ARN: u.ARN, UserID: u.ID, UserName: u.Name}
}

// sessionCaller is the principal a session acts as.
func sessionCaller(tx *store.Tx, s *store.Session) (Caller, error) {
	switch {
	case s.Kind == "GetFederationToken":
		// A federated user acts with the permissions of the IAM user (or
		// root) that called GetFederationToken, limited by the session
		// policies passed to it.
		return Caller{
			Type:     evaluator.PrincipalFederatedUser,
			Account:  s.Account,
			ARN:      "arn:aws:sts::" + s.Account + ":federated-user/" + s.SessionName,
			UserID:   s.Account + ":" + s.SessionName,
			UserName: s.UserName,
			Session:  s,
		}, nil
	case s.RoleARN != "":
		return Caller{
			Type:    evaluator.PrincipalAssumedRole,
			Account: s.Account,
			ARN:     AssumedRoleARN(s.Account, s.RoleName, s.SessionName),
			UserID:  s.RoleID + ":" + s.SessionName,
			Session: s,
		}, nil
	case s.UserName != "":
		var u store.User
		if err := tx.Get(s.Account, store.KindUser, strings.ToLower(s.UserName), &u); err != nil {
			return Caller{}, awserr.InvalidClientTokenID()
		}
		c := userCaller(&u, s.Account)
		c.Session = s
		return c, nil
	default:
		c := rootCaller(s.Account)
		c.Session = s
		return c, nil
	}
}

// AssumedRoleARN is the STS ARN of a role session.
func AssumedRoleARN(account, roleName, session string) string {
	return arns.AssumedRole(account, roleName, session)
}
