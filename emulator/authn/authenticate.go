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
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/sessiontoken"
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
	// Batch is Update sharing a commit with concurrent calls; fn may run
	// more than once (store.DB.Batch).
	Batch(ctx context.Context, fn func(*store.Tx) error) error
	// Generation changes after every committed write (store.DB.Generation).
	Generation() uint64
	// AccountClosed reports whether Organizations closed account
	// (store.DB.AccountClosed).
	AccountClosed(account string) bool
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
	// Sessions opens session tokens; nil makes one over DB on first use.
	// Share it with the STS handler that seals them.
	Sessions *sessiontoken.Sealer

	sessionsOnce sync.Once
	mu           sync.Mutex
	keys         map[string]*keyEntry
	lastUse      map[string]time.Time // when each stored key's use was last written
	pendingUse   map[string]keyUse    // latest use not written yet (see recordUse)
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
		Host:      r.Host,
		UserAgent: header(r, "User-Agent"),
		Referer:   header(r, "Referer"),
		Time:      now,
	}
	if r.Method == http.MethodOptions {
		// A CORS preflight is never authenticated: browsers send it
		// without credentials, and S3 answers it from the bucket's CORS
		// rules even at a presigned URL, whose signature is for another
		// method (ceph/s3-tests test_cors_presigned_get_object: 400 for
		// a preflight without Origin, not a signature error).
		info.Caller = Caller{Type: evaluator.PrincipalAnonymous}
		return info, nil
	}
	if err := scopeRegionError(service, region, r.Host); err != nil {
		return info, err
	}
	v := sigv4.Verifier{
		Now:            a.Now,
		Wall:           a.Wall,
		BucketFromHost: a.BucketFromHost,
		Keys:           a.Keys,
		Lookup: func(ctx context.Context, accessKeyID string) (sigv4.Key, error) {
			key, err := a.resolve(ctx, service, accessKeyID, securityToken(r), &info.Caller, &info.storedKey)
			info.Caller.AccessKeyID = accessKeyID
			if errors.Is(err, errTokenRefused) {
				// sigv4 owns the answer to a missing or wrong token
				// (InvalidAccessKeyId, InvalidToken with Token-0,
				// InvalidClientTokenId): hand it a key whose token no
				// request carries, so it finds the mismatch.
				info.Caller = Caller{}
				return refusedKey, nil
			}
			return key, err
		},
	}
	res, err := v.Verify(r)
	if err != nil {
		return info, convert(err)
	}
	if res.Anonymous {
		info.Caller = Caller{Type: evaluator.PrincipalAnonymous}
	} else if info.storedKey {
		a.recordUse(r.Context(), res.AccessKeyID, service, region)
	}
	info.SignatureVersion = res.Version
	info.AuthType = res.AuthType
	info.ContentSHA256 = res.ContentSHA256
	info.SignedAt = res.SignedAt
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

// securityToken is the session token r carries: the X-Amz-Security-Token
// header, or the query parameter of a presigned URL (SigV4 or SigV2
// spelling). Which one the signature covers is sigv4's to check: it
// compares the token it finds with the resolved key's.
func securityToken(r *http.Request) string {
	if t := header(r, "X-Amz-Security-Token"); t != "" {
		return t
	}
	if !containsFold(r.URL.RawQuery, "security-token") {
		return ""
	}
	q := r.URL.Query()
	if t := q.Get("X-Amz-Security-Token"); t != "" {
		return t
	}
	return q.Get("x-amz-security-token")
}

// header returns the first value of the header with canonical name key,
// without canonicalizing key again as Header.Get does.
func header(r *http.Request, key string) string {
	if v := r.Header[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// containsFold reports whether s contains lower, a lower-case ASCII
// string, in any case, as strings.Contains(strings.ToLower(s), lower)
// would, without lowering a copy of s (a presigned URL's whole query).
func containsFold(s, lower string) bool {
	for i := 0; i+len(lower) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(lower)], lower) {
			return true
		}
	}
	return false
}

// resolve finds the key's secret and fills the caller it belongs to, and
// *stored with whether it is a long-term key in the store. token is the
// request's session token (the only place a session's credentials live).
// A resolved key is cached until the next identity write to the store, so
// a busy client's requests do not re-read its key or user, or re-open its
// session token; session expiry is still checked on every request, and
// so is whether the caller's account is closed (closedAccount).
func (a *Authenticator) resolve(ctx context.Context, service, akid, token string, c *Caller, stored *bool) (sigv4.Key, error) {
	e, err := a.lookupKey(ctx, service, akid, token)
	if err != nil {
		return sigv4.Key{}, err
	}
	if a.DB.AccountClosed(e.caller.Account) {
		return sigv4.Key{}, closedAccount(service, akid)
	}
	*c, *stored = e.caller, e.stored
	return e.key, nil
}

func (a *Authenticator) lookupKey(ctx context.Context, service, akid, token string) (*keyEntry, error) {
	gen := a.DB.Generation()
	a.mu.Lock()
	e, ok := a.keys[akid]
	a.mu.Unlock()
	// Session key ids are not unique forever (they are not stored), so a
	// cached session is only reused for the same token.
	if ok && e.gen == gen && (e.caller.Session == nil || e.key.SessionToken == token) {
		if s := e.caller.Session; s != nil && !a.Now().Before(s.Expiration) {
			return nil, convert(expired(service, token))
		}
		return e, nil
	}
	e = &keyEntry{gen: gen}
	key, stored, err := a.resolveFromStore(ctx, service, akid, token, &e.caller)
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

// keyUse is one use of a stored key.
type keyUse struct {
	at              time.Time
	service, region string
}

// recordUse notes that a stored long-term key was used now for service in
// region. The first use in each lastUseInterval is written at once; later
// ones only replace the key's pending use, which the next write after the
// interval, or FlushLastUse at shutdown, stores.
func (a *Authenticator) recordUse(ctx context.Context, akid, service, region string) {
	if service == "" {
		service = "s3" // SigV2 and presigned SigV2 are S3 only
	}
	use := keyUse{at: a.Now(), service: service, region: region}
	a.mu.Lock()
	if a.lastUse == nil {
		a.lastUse, a.pendingUse = map[string]time.Time{}, map[string]keyUse{}
	}
	last, ok := a.lastUse[akid]
	if ok && use.at.Sub(last) < lastUseInterval {
		a.pendingUse[akid] = use
		full := len(a.pendingUse) >= maxCachedKeys
		a.mu.Unlock()
		if full {
			_ = a.FlushLastUse(ctx)
		}
		return
	}
	if len(a.lastUse) >= maxCachedKeys {
		clear(a.lastUse) // pending uses stay: FlushLastUse writes them
	}
	a.lastUse[akid] = use.at
	delete(a.pendingUse, akid)
	a.mu.Unlock()
	// Shares a commit with the other requests' writes (store.DB.Batch): a
	// run reads the key afresh, as a second run must.
	_ = a.DB.Batch(ctx, func(tx *store.Tx) error { return writeUse(tx, akid, use) })
}

// FlushLastUse writes the last use of every stored key whose latest use
// has not been written yet (uses coalesced within lastUseInterval), in
// one transaction. The server calls it at graceful shutdown.
func (a *Authenticator) FlushLastUse(ctx context.Context) error {
	a.mu.Lock()
	pending := a.pendingUse
	if len(pending) == 0 {
		a.mu.Unlock()
		return nil
	}
	a.pendingUse = map[string]keyUse{}
	a.mu.Unlock()
	// Its own transaction (store.DB.Update), not a shared commit: it
	// writes up to maxCachedKeys keys, rarely (a full cache, shutdown).
	return a.DB.Update(ctx, func(tx *store.Tx) error {
		for akid, use := range pending {
			if err := writeUse(tx, akid, use); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		return nil
	})
}

// writeUse stores use as the key's last use unless a later one is stored
// already. A key deleted since is ErrNotFound.
func writeUse(tx *store.Tx, akid string, use keyUse) error {
	var ak store.AccessKey
	if err := tx.Get(store.Global, store.KindAccessKey, akid, &ak); err != nil {
		return err
	}
	if ak.LastUsed != nil && ak.LastUsed.After(use.at) {
		return nil
	}
	ak.LastUsed, ak.LastUsedService, ak.LastUsedRegion = &use.at, use.service, use.region
	return tx.Put(store.Global, store.KindAccessKey, akid, &ak)
}

func (a *Authenticator) resolveFromStore(ctx context.Context, service, akid, token string, c *Caller) (key sigv4.Key, stored bool, err error) {
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
	session := false
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
		if !strings.HasPrefix(akid, "ASIA") {
			return sigv4.InvalidAccessKeyID(service, akid)
		}
		session = true
		return nil
	})
	if err == nil && session {
		key, err = a.resolveSession(ctx, service, akid, token, c)
	}
	if err != nil {
		return sigv4.Key{}, false, convert(err)
	}
	return key, stored, nil
}

// closedAccount is the answer to a key of a closed account (its root's,
// its users', or a session of its roles or users, issued before the
// closure or not): the unknown key's, S3's 403 InvalidAccessKeyId and
// elsewhere 403 InvalidClientTokenId. AWS makes a closed account's
// resources unavailable (API_CloseAccount) but its answer to the
// account's credentials is not recorded; refusing them as unknown keys
// fails closed and tells the caller nothing a deleted key would not.
func closedAccount(service, akid string) error {
	return convert(sigv4.InvalidAccessKeyID(service, akid))
}

// resolveSession opens the session token of session key akid and fills
// the caller it acts as. It must not run inside a transaction: opening may
// read the sealing key, and a read nested in a read can deadlock with a
// writer growing the file.
func (a *Authenticator) resolveSession(ctx context.Context, service, akid, token string, c *Caller) (sigv4.Key, error) {
	s, err := a.sessions().Open(ctx, akid, token)
	if errors.Is(err, sessiontoken.ErrMalformed) {
		return sigv4.Key{}, errTokenRefused
	}
	if errors.Is(err, sessiontoken.ErrInvalid) {
		// A session token, but not this key's (another session's, or
		// sealed before a reset): S3 answers it as an unknown key, as it
		// answers a missing token (recorded against AWS in
		// justincormack/argmin guides/aws-compatibility.md, 2026-07-13);
		// IAM and STS InvalidClientTokenId.
		return sigv4.Key{}, sigv4.InvalidAccessKeyID(service, akid)
	}
	if err != nil {
		return sigv4.Key{}, err
	}
	if !a.Now().Before(s.Expiration) {
		return sigv4.Key{}, expired(service, token)
	}
	var caller Caller
	if err := a.DB.View(ctx, func(tx *store.Tx) error {
		caller, err = sessionCaller(tx, s)
		return err
	}); err != nil {
		return sigv4.Key{}, err
	}
	if caller.Type == "" {
		// The session's user or role is gone (a role deleted, even if
		// one of the same name was made again): the same unknown key
		// (recorded in the same slice of justincormack/argmin's guide).
		return sigv4.Key{}, sigv4.InvalidAccessKeyID(service, akid)
	}
	*c = caller
	return sigv4.Key{Secret: s.Secret, SessionToken: s.Token}, nil
}

// sessions is the sealer that opens session tokens.
func (a *Authenticator) sessions() *sessiontoken.Sealer {
	a.sessionsOnce.Do(func() {
		if a.Sessions == nil {
			a.Sessions = sessiontoken.New(a.DB, a.Now)
		}
	})
	return a.Sessions
}

// errTokenRefused: the session token does not have a session token's
// form. Authenticate lets sigv4 answer it (see refusedKey: S3's
// InvalidToken naming it in Token-0); ResolveKey answers invalidToken.
var errTokenRefused = errors.New("session token refused")

// refusedKey is the key of a refused session token: its session token
// contains a NUL, which no HTTP header or decoded form value compared with
// it carries, and its secret is random, so nothing verifies against it.
var refusedKey = sigv4.Key{SessionToken: "\x00refused", Secret: ids.Secret()}

// invalidToken is AWS's answer to a session token that is not (or no
// longer) valid: S3's InvalidToken, elsewhere InvalidClientTokenId.
func invalidToken(service string) error {
	if service == "s3" || service == "" {
		return awserr.New("InvalidToken", http.StatusBadRequest, "The provided token is malformed or otherwise invalid.")
	}
	return awserr.InvalidClientTokenID()
}

func (a *Authenticator) ensureAccount(ctx context.Context, account string) error {
	exists := false
	if err := a.DB.View(ctx, func(tx *store.Tx) error {
		exists = tx.AccountExists(account)
		return nil
	}); err != nil || exists {
		return err
	}
	// Shares a commit with concurrent writes (store.DB.Batch), as the
	// first requests of many clients of a new account would: a run only
	// reads and writes the account record.
	return a.DB.Batch(ctx, func(tx *store.Tx) error {
		_, err := tx.EnsureAccount(account, a.Now())
		return err
	})
}

// expired is the answer to an expired session's token: S3's echoes the
// token in Token-0 (recorded against AWS in justincormack/argmin
// guides/aws-compatibility.md, expiry slice, 2026-07-15).
func expired(service, token string) error {
	if service == "s3" || service == "" {
		e := awserr.New("ExpiredToken", http.StatusBadRequest, "The provided token has expired.")
		e.Fields = [][2]string{{"Token-0", token}}
		return e
	}
	return awserr.New("ExpiredToken", http.StatusForbidden, "The security token included in the request is expired")
}

func rootCaller(account string) Caller {
	return Caller{Type: evaluator.PrincipalAccount, Account: account, ARN: RootARN(account), UserID: account}
}

func userCaller(u *store.User, account string) Caller {
	return Caller{Type: evaluator.PrincipalUser, Account: account, ARN: u.ARN, UserID: u.ID, UserName: u.Name}
}

// sessionCaller is the principal a session acts as. A session outlives
// nothing it acts as: when its role or IAM user was deleted, or deleted and
// re-created under the same name (another unique id), the zero Caller
// says the token is no longer valid, so an old session never acts as a
// new principal. AWS evaluates a session's permissions on every request
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html);
// the role's policies, aws:TokenIssueTime conditions included
// (AWSRevokeOlderSessions), are read by authz.
func sessionCaller(tx *store.Tx, s *store.Session) (Caller, error) {
	if s.RoleARN != "" {
		var role store.Role
		if ok, err := current(tx, s.Account, store.KindRole, s.RoleName, s.RoleID, &role, &role.ID); !ok || err != nil {
			return Caller{}, err
		}
	}
	userName := s.UserName
	if s.UserName != "" {
		u, err := sessionUser(tx, s)
		if u == nil || err != nil {
			return Caller{}, err
		}
		if s.Kind != "GetFederationToken" {
			c := userCaller(u, s.Account)
			c.Session = s
			return c, nil
		}
		userName = u.Name
	}
	switch {
	case s.Kind == "GetFederationToken":
		// A federated user acts with the permissions of the IAM user (or
		// root) that called GetFederationToken, limited by the session
		// policies passed to it.
		return Caller{
			Type:     evaluator.PrincipalFederatedUser,
			Account:  s.Account,
			ARN:      arns.FederatedUser(s.Account, s.SessionName),
			UserID:   s.Account + ":" + s.SessionName,
			UserName: userName,
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
	default:
		c := rootCaller(s.Account)
		c.Session = s
		return c, nil
	}
}

// sessionUser returns the IAM user whose GetSessionToken or
// GetFederationToken session s is, found by the unique id the session
// keeps: under the name it had, or, renamed or moved since by UpdateUser,
// under its new one (a renamed user keeps its unique id and everything
// attached to it, IAM User Guide "Rename an IAM user"). It returns nil when
// no user has that id any more (deleted, or deleted and recreated).
func sessionUser(tx *store.Tx, s *store.Session) (*store.User, error) {
	var u store.User
	ok, err := current(tx, s.Account, store.KindUser, s.UserName, s.UserID, &u, &u.ID)
	if ok || err != nil {
		return &u, err
	}
	var found *store.User
	err = store.Each(tx, s.Account, store.KindUser, func(rec *store.User) error {
		if rec.ID == s.UserID {
			found = rec
		}
		return nil
	})
	return found, err
}

// current reads the record account/kind/name into v and reports whether
// it exists with the unique id wantID (*id after the read).
func current(tx *store.Tx, account, kind, name, wantID string, v any, id *string) (bool, error) {
	err := tx.Get(account, kind, strings.ToLower(name), v)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return *id == wantID, nil
}

// AssumedRoleARN is the STS ARN of a role session.
func AssumedRoleARN(account, roleName, session string) string {
	return arns.AssumedRole(account, roleName, session)
}
