package authz

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// Mode is the --iam setting.
type Mode int

const (
	// Enforce denies what the evaluator denies.
	Enforce Mode = iota
	// Soft logs the decision and allows anyway.
	Soft
	// Off skips evaluation.
	Off
)

// ParseMode reads "enforce", "soft" or "off".
func ParseMode(s string) (Mode, error) {
	switch s {
	case "enforce", "":
		return Enforce, nil
	case "soft":
		return Soft, nil
	case "off":
		return Off, nil
	}
	return Enforce, fmt.Errorf("unknown --iam mode %q (want enforce, soft or off)", s)
}

// Options configure an Authorizer.
type Options struct {
	Mode    Mode
	Managed *managed.Set
	Logger  *slog.Logger
	// LogSize is how many decisions /_fakeaws/decisions keeps (default 1000).
	LogSize int
}

// Store is the part of the store the authorizer reads policies from.
type Store interface {
	View(ctx context.Context, fn func(*store.Tx) error) error
	// Generation changes after every committed write (store.DB.Generation).
	Generation() uint64
}

// Authorizer decides requests.
type Authorizer struct {
	db      Store
	mode    Mode
	managed *managed.Set
	cache   *evaluator.Cache
	log     *DecisionLog
	logger  *slog.Logger

	mu         sync.Mutex
	identities map[identityKey]*identityEntry

	// orgs caches each account's organization view (orgs.go).
	orgs orgCache

	// scratch holds *scratch values for Authorize (scratch.go).
	scratch sync.Pool
	clock   secondClock

	// access holds last accessed data not written yet (lastaccess.go).
	access accessTracker
}

// New returns an Authorizer reading policies from db.
func New(db Store, opts Options) *Authorizer {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.LogSize == 0 {
		opts.LogSize = 1000
	}
	a := &Authorizer{db: db, mode: opts.Mode, managed: opts.Managed,
		cache: evaluator.NewCache(4096), log: NewDecisionLog(opts.LogSize), logger: opts.Logger,
		identities: map[identityKey]*identityEntry{}}
	a.access.writer, _ = db.(accessWriter)
	return a
}

// Log is the decision log.
func (a *Authorizer) Log() *DecisionLog { return a.log }

// Mode is the configured mode.
func (a *Authorizer) Mode() Mode { return a.mode }

// Managed returns the AWS managed policy set.
func (a *Authorizer) Managed() *managed.Set { return a.managed }

// Parse parses a policy document through the shared cache.
func (a *Authorizer) Parse(doc string, kind evaluator.Kind) (*evaluator.Policy, error) {
	return a.cache.Parse(doc, kind)
}

// Check is one authorization question from a service.
type Check struct {
	Action string
	// Resource is the ARN acted on ("*" for actions without a resource).
	Resource string
	// ResourceAccount owns Resource ("" = the caller's account).
	ResourceAccount string
	// ResourceOwner, when set, is the account the resource's condition
	// keys (aws:ResourceAccount, s3:ResourceAccount, aws:ResourceOrgID,
	// aws:ResourceOrgPaths) and resource control policies belong to, where
	// the decision is made in another account's context: S3 decides an
	// object another account wrote in that account's context, but the
	// object is in the bucket owner's account.
	ResourceOwner string
	// Context holds the service's condition keys (s3:prefix, sts:ExternalId,
	// aws:RequestTag/..., ...). Keys are case-insensitive. The decision log
	// keeps a copy of the map (sharing its value slices, which must not
	// change once asked), unless ContextFrozen.
	Context map[string][]string
	// ContextFrozen promises that nothing changes Context, map or values,
	// after this check: the decision log then keeps the map itself
	// instead of a copy. A map reused from call to call must not set it.
	ContextFrozen bool
	// ResourcePolicy is the bucket policy or trust policy, nil if none.
	ResourcePolicy *evaluator.NamedPolicy
	// ResourceKind is evaluator.KindResource or evaluator.KindTrust.
	ResourceKind evaluator.Kind
	// ExtraResource holds resource-side grants such as S3 ACLs.
	ExtraResource []evaluator.NamedPolicy
	// ResourceTags are the tags of the resource acted on (a role, a user, a
	// policy), exposed as aws:ResourceTag/<key>.
	ResourceTags []store.Tag
	// Region is the Region that serves a request whose signature names none
	// (anonymous or SigV2 S3 requests: the bucket's Region), for
	// aws:RequestedRegion, which AWS always includes ("AWS global
	// condition context keys"). A signed request's own Region wins.
	Region string
	// Explain asks for the per-policy detail (Decision.Policies) of a
	// what-if question; the decision is not logged.
	Explain bool
	// Caller overrides the request's caller (used by STS for the principal
	// named in a web identity token).
	Caller *authn.Caller
}

// Authorize decides c for the request in ctx. It returns nil when allowed
// and an AccessDenied *awserr.Error otherwise.
func (a *Authorizer) Authorize(ctx context.Context, c Check) error {
	return a.Judge(ctx, c, a.verdict)
}

// verdict is Authorize's answer to decision d of req.
func (a *Authorizer) verdict(d evaluator.Decision, req *evaluator.Request) error {
	if d.Effect == evaluator.Allow || a.mode != Enforce {
		return nil
	}
	return awserr.AccessDenied(DeniedMessage(&d, req))
}

// Judge decides c and returns what answer makes of the decision and the
// evaluator request it decided (nil to allow, the service's own error to
// refuse); a failure to gather the policies is returned as it is. Unlike
// Decide it hands the request to no one who keeps it, so the request and
// its context map are reused from one call to the next (scratch.go):
// answer must not keep req, nor any part of its Context, once it returns.
func (a *Authorizer) Judge(ctx context.Context, c Check, answer func(d evaluator.Decision, req *evaluator.Request) error) error {
	if collectorFrom(ctx) != nil {
		// A collector keeps the requests it is given.
		d, req, err := a.Decide(ctx, c)
		if err != nil {
			return err
		}
		return answer(d, req)
	}
	s := a.getScratch()
	defer a.putScratch(s)
	d, err := a.decide(ctx, c, &s.req, &s.ps, s.vals[:0])
	if err != nil {
		return err
	}
	return answer(d, &s.req)
}

// DeniedMessage is AWS's AccessDenied text for a denial: within one account
// it says which kind of policy denied; across accounts it does not reveal
// the other account's policies.
func DeniedMessage(d *evaluator.Decision, req *evaluator.Request) string {
	principalARN := req.Principal.ARN
	if req.Principal.Type == evaluator.PrincipalAnonymous {
		principalARN = "anonymous"
	}
	if req.ResourceAccount != "" && req.ResourceAccount != req.Principal.Account && !sameOrganization(req) {
		// S3 gives the enhanced message within one account or one
		// organization only (S3 User Guide, "Troubleshoot access denied
		// (403 Forbidden) errors").
		return "User: " + principalARN + " is not authorized to perform: " + req.Action +
			" on resource: " + req.Resource
	}
	// S3's newer AccessDenied messages quote the resource ARN; IAM and STS
	// do not.
	return d.MessageFor(req, strings.HasPrefix(strings.ToLower(req.Action), "s3:"))
}

// Decide evaluates c without turning the outcome into an error. The decision
// is recorded in the log.
func (a *Authorizer) Decide(ctx context.Context, c Check) (evaluator.Decision, *evaluator.Request, error) {
	req := &evaluator.Request{
		// Sized for the global keys fillGlobalContext sets and the
		// check's own, so filling it never grows the map.
		Context: make(evaluator.Context, contextKeys+len(c.Context)+len(c.ResourceTags)),
	}
	d, err := a.decide(ctx, c, req, &evaluator.PolicySet{}, make([]string, 0, contextKeys))
	return d, req, err
}

// decide fills req (whose Context is empty) and ps (empty) for c and
// evaluates them. vals is room for the context's single values.
func (a *Authorizer) decide(ctx context.Context, c Check, req *evaluator.Request, ps *evaluator.PolicySet, vals []string) (evaluator.Decision, error) {
	info := authn.FromContext(ctx)
	caller := &info.Caller
	if c.Caller != nil {
		caller = c.Caller
	}
	req.Principal = caller.Principal()
	if !caller.Anonymous() && caller.Account != "" && len(c.Action) > 3 && strings.EqualFold(c.Action[:3], "s3:") {
		// A bucket policy may name an account by its S3 canonical user
		// id ("Principal": {"CanonicalUser": ...}).
		req.Principal.CanonicalUser = store.CanonicalID(caller.Account)
	}
	req.Action, req.Resource, req.ResourceAccount = c.Action, c.Resource, c.ResourceAccount
	if req.ResourceAccount == "" {
		req.ResourceAccount = caller.Account
	}
	a.noteAttempt(ctx, c, info, caller)
	if a.mode == Off {
		return evaluator.Decision{Effect: evaluator.Allow}, nil
	}
	id, err := a.gather(ctx, c, info, caller, req, ps, vals)
	if err != nil {
		return evaluator.Decision{}, err
	}
	if col := collectorFrom(ctx); col != nil {
		return col.collect(c, req, ps), nil
	}
	if c.Explain {
		return evaluator.EvaluatePolicies(req, ps), nil
	}
	return a.record(ctx, c, req, ps, id), nil
}

// gather fills req's context and the policy set ps for c, and returns the
// caller's identity entry.
func (a *Authorizer) gather(ctx context.Context, c Check, info *authn.Info, caller *authn.Caller, req *evaluator.Request, ps *evaluator.PolicySet, vals []string) (*identityEntry, error) {
	ps.Resource, ps.ResourceKind, ps.ExtraResource = c.ResourcePolicy, c.ResourceKind, c.ExtraResource
	if ps.ResourceKind != evaluator.KindTrust {
		ps.ResourceKind = evaluator.KindResource
	}
	id, err := a.identitySide(ctx, caller, ps)
	if err != nil {
		return nil, fmt.Errorf("gather policies for %s: %w", caller.ARN, err)
	}
	a.fillGlobalContext(req, info, caller, id.tags, vals)
	if c.Region != "" && info.Region == "" {
		req.Context["aws:requestedregion"] = []string{c.Region}
	}
	for _, t := range c.ResourceTags {
		req.Context["aws:resourcetag/"+strings.ToLower(t.Key)] = []string{t.Value}
	}
	for k, v := range c.Context {
		req.Context[lowerKey(k)] = v
	}
	resourceOwner := req.ResourceAccount
	if c.ResourceOwner != "" {
		resourceOwner = c.ResourceOwner
		req.Context["aws:resourceaccount"] = []string{resourceOwner}
		if _, ok := req.Context["s3:resourceaccount"]; ok {
			req.Context["s3:resourceaccount"] = []string{resourceOwner}
		}
	}
	if err := a.organizationSide(ctx, caller, req, resourceOwner, ps); err != nil {
		return nil, fmt.Errorf("gather organization policies: %w", err)
	}
	return id, nil
}

// record decides req against ps and logs the decision.
func (a *Authorizer) record(ctx context.Context, c Check, req *evaluator.Request, ps *evaluator.PolicySet, id *identityEntry) evaluator.Decision {
	info := authn.FromContext(ctx)
	d := evaluator.Evaluate(req, ps)
	rec := Record{
		Time: info.Time, RequestID: info.RequestID, Principal: req.Principal.ARN,
		Action: req.Action, Resource: req.Resource, Decision: d.Effect.String(),
		Kind: d.Kind.String(), Statements: d.Statements,
		Message: messageIfDenied(&d, req), Context: c.Context,
	}
	if !c.ContextFrozen {
		rec.Context = maps.Clone(c.Context)
	}
	if req.ResourceAccount != req.Principal.Account {
		rec.ResourceAccount = req.ResourceAccount
	}
	if info.Caller.ARN == req.Principal.ARN {
		rec.Caller = id.loggedCaller(&info.Caller)
	}
	if t := traceFrom(ctx); t != nil {
		t.log(a.log, rec)
	} else {
		a.log.Add(rec)
	}
	if d.Effect != evaluator.Allow {
		a.logger.Debug("access denied", "principal", req.Principal.ARN, "action", req.Action,
			"resource", req.Resource, "decision", d.Effect.String(), "kind", d.Kind.String())
	}
	return d
}

func messageIfDenied(d *evaluator.Decision, req *evaluator.Request) string {
	if d.Effect == evaluator.Allow {
		return ""
	}
	// The log is for the operator: it always carries the full reason,
	// even for cross-account denials whose client message hides it.
	return d.Message(req)
}

// identityKey names a caller in the identity cache: its ARN and, for a
// session, its session token.
type identityKey struct{ arn, token string }

// identityEntry is one caller's identity side, as read at generation gen.
type identityEntry struct {
	gen        uint64
	identity   []evaluator.NamedPolicy
	boundary   *evaluator.NamedPolicy
	session    []evaluator.NamedPolicy
	hasSession bool
	tags       map[string]string
	// logged is the caller as the decision log keeps it (loggedCaller).
	logged atomic.Pointer[loggedCopy]
}

// loggedCopy is a caller as the decision log keeps it, and the caller it
// was copied from (without its access key).
type loggedCopy struct {
	from   authn.Caller
	caller *authn.Caller
}

// loggedCaller is c without its secrets (withoutSecrets), for the decision
// log. Requests of one caller differ at most in the access key, which the
// log leaves out, so while c is the same caller the entry's decisions
// share one copy; a copy in the log is never changed. A session caller is
// the same while its session is the same record (the authenticator's key
// cache hands out one per token, and nothing changes it).
func (e *identityEntry) loggedCaller(c *authn.Caller) *authn.Caller {
	from := *c
	from.AccessKeyID = ""
	if l := e.logged.Load(); l != nil && l.from == from {
		return l.caller
	}
	l := &loggedCopy{from: from, caller: withoutSecrets(c)}
	e.logged.Store(l)
	return l.caller
}

// identitySide fills ps with the caller's identity-side policies and
// returns the caller's entry, which holds the principal's tags. The result is cached per caller until the
// next committed write to the store, so a busy principal's requests do not
// re-read and re-decode its user, groups and policies; the cached slices
// are only read, never changed.
func (a *Authorizer) identitySide(ctx context.Context, caller *authn.Caller, ps *evaluator.PolicySet) (*identityEntry, error) {
	key := identityKey{arn: caller.ARN}
	cacheable := true
	if caller.Session != nil {
		// A session is immutable and named by its token (access key ids
		// of sealed sessions may repeat); one without (built in-process)
		// is not cached.
		key.token = caller.Session.Token
		cacheable = caller.Session.AccessKeyID != "" && caller.Session.Token != ""
	}
	gen := a.db.Generation()
	var e *identityEntry
	ok := false
	if cacheable {
		a.mu.Lock()
		e, ok = a.identities[key]
		a.mu.Unlock()
	}
	if !ok || e.gen != gen {
		var fresh evaluator.PolicySet
		var tags map[string]string
		err := a.db.View(ctx, func(tx *store.Tx) error {
			var err error
			tags, err = a.identity(tx, caller, &fresh)
			return err
		})
		if err != nil {
			return nil, err
		}
		e = &identityEntry{gen: gen, identity: fresh.Identity, boundary: fresh.Boundary,
			session: fresh.Session, hasSession: fresh.HasSession, tags: tags}
		if cacheable {
			a.mu.Lock()
			if len(a.identities) >= maxCachedIdentities {
				clear(a.identities)
			}
			a.identities[key] = e
			a.mu.Unlock()
		}
	}
	ps.Identity, ps.Boundary, ps.Session, ps.HasSession = e.identity, e.boundary, e.session, e.hasSession
	return e, nil
}

// maxCachedIdentities bounds the identity cache; when full it starts over.
const maxCachedIdentities = 10000

// roleSessionTags are a role session's principal tags: the role's tags,
// overridden by the session's tags (passed or inherited as transitive)
// "with the same tag key, regardless of case"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_know).
// Keeping a role tag Dept beside a session tag dept left
// aws:PrincipalTag/dept to map order: the role's value won about one
// request in four (found by probing).
func roleSessionTags(role []store.Tag, session map[string]string) map[string]string {
	tags := make(map[string]string, len(role)+len(session))
	for _, t := range role {
		if !hasKeyFold(session, t.Key) {
			tags[t.Key] = t.Value
		}
	}
	for k, v := range session {
		tags[k] = v
	}
	return tags
}

// hasKeyFold reports whether m has key k in any case.
func hasKeyFold(m map[string]string, k string) bool {
	if _, ok := m[k]; ok {
		return true
	}
	for key := range m {
		if strings.EqualFold(key, k) {
			return true
		}
	}
	return false
}

// identity fills ps with the caller's identity-side policies and returns the
// principal's tags.
func (a *Authorizer) identity(tx *store.Tx, caller *authn.Caller, ps *evaluator.PolicySet) (map[string]string, error) {
	switch {
	case caller.Root() && caller.Session != nil && caller.Session.Kind == "AssumeRoot":
		return nil, a.rootTaskPolicy(tx, caller.Session, ps)
	case caller.Anonymous(), caller.Root():
		return nil, nil
	case caller.Session != nil && caller.Session.RoleARN != "":
		s := caller.Session
		var role store.Role
		if err := tx.Get(s.Account, store.KindRole, strings.ToLower(s.RoleName), &role); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return nil, nil // role deleted: the session keeps no permissions
			}
			return nil, err
		}
		if s.RoleID != "" && role.ID != s.RoleID {
			return nil, nil // another role of the same name: not this session's
		}
		list, err := EntityPolicies(tx, a.managed, "role", role.Name, role.Policies)
		if err != nil {
			return nil, err
		}
		a.addGathered(ps, list)
		ps.HasSession = true
		if err := a.sessionPolicies(tx, s, ps); err != nil {
			return nil, err
		}
		return roleSessionTags(role.Tags, s.Tags), nil
	case caller.Type == evaluator.PrincipalFederatedUser && caller.Session != nil:
		// GetFederationToken: the calling user's policies (none for root)
		// capped by the session policies, which must exist to grant anything.
		s := caller.Session
		var tags map[string]string
		if s.UserName != "" {
			// caller.UserName is the user's name now (authn finds a user
			// renamed since the session began by its unique id).
			var user store.User
			if err := tx.Get(s.Account, store.KindUser, strings.ToLower(caller.UserName), &user); err != nil {
				if errors.Is(err, store.ErrNotFound) {
					return nil, nil
				}
				return nil, err
			}
			if s.UserID != "" && user.ID != s.UserID {
				return nil, nil // another user of the same name
			}
			if err := a.userPolicies(tx, s.Account, &user, ps); err != nil {
				return nil, err
			}
		} else {
			admin, _ := a.cache.Parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, evaluator.KindIdentity)
			ps.Identity = append(ps.Identity, evaluator.NamedPolicy{Name: "root", Policy: admin})
		}
		ps.HasSession = true
		if err := a.sessionPolicies(tx, s, ps); err != nil {
			return nil, err
		}
		if len(ps.Session) == 0 {
			// No session policy: the federated user has no permissions.
			ps.Session = append(ps.Session, a.allowNothing("no session policy", evaluator.KindSession))
		}
		for k, v := range s.Tags {
			if tags == nil {
				tags = map[string]string{}
			}
			tags[k] = v
		}
		return tags, nil
	case caller.UserName != "":
		var user store.User
		if err := tx.Get(caller.Account, store.KindUser, strings.ToLower(caller.UserName), &user); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return nil, nil
			}
			return nil, err
		}
		if err := a.userPolicies(tx, caller.Account, &user, ps); err != nil {
			return nil, err
		}
		tags := map[string]string{}
		for _, t := range user.Tags {
			tags[t.Key] = t.Value
		}
		return tags, nil
	}
	return nil, nil
}

// userPolicies adds a user's own and its groups' policies and its boundary.
func (a *Authorizer) userPolicies(tx *store.Tx, account string, user *store.User, ps *evaluator.PolicySet) error {
	list, err := UserPolicies(tx, a.managed, account, user)
	if err != nil {
		return err
	}
	a.addGathered(ps, list)
	return nil
}

// sessionPolicies adds a session's inline and managed session policies.
func (a *Authorizer) sessionPolicies(tx *store.Tx, s *store.Session, ps *evaluator.PolicySet) error {
	list, err := SessionPolicies(tx, a.managed, s)
	if err != nil {
		return err
	}
	a.addGathered(ps, list)
	return nil
}

// addGathered parses gathered policies into ps (Gathered), naming an inline
// policy OWNERTYPE/OWNER/NAME and a managed one by its ARN.
func (a *Authorizer) addGathered(ps *evaluator.PolicySet, list []PrincipalPolicy) {
	for _, p := range list {
		name := p.ARN
		if name == "" {
			name = p.Name
			if p.OwnerType != "" {
				name = p.OwnerType + "/" + p.Owner + "/" + p.Name
			}
		}
		np, ok := a.Gathered(p, name)
		switch {
		case !ok:
			// A managed policy that no longer exists grants nothing.
		case p.Kind == evaluator.KindBoundary:
			ps.Boundary = &np
		case p.Kind == evaluator.KindSession:
			ps.Session = append(ps.Session, np)
		default:
			ps.Identity = append(ps.Identity, np)
		}
	}
}

// ManagedDocument returns the default version of the managed policy arn,
// AWS managed or customer managed.
func ManagedDocument(tx *store.Tx, set *managed.Set, arn string) (string, bool, error) {
	if managed.IsAWSManaged(arn) {
		if set == nil {
			return "", false, nil
		}
		p, ok := set.Lookup(arn)
		if !ok {
			return "", false, nil
		}
		return p.Document, true, nil
	}
	account, key, ok := PolicyKey(arn)
	if !ok {
		return "", false, nil
	}
	var p store.ManagedPolicy
	if err := tx.Get(account, store.KindPolicy, key, &p); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return "", false, nil
		}
		return "", false, err
	}
	return p.DefaultDocument(), true, nil
}

// PolicyKey splits a managed policy ARN (arn:aws:iam::ACCOUNT:policy/path/Name,
// as arns.ParseIAM reads it) into its account and store key (the
// lower-cased "/path/Name").
func PolicyKey(arn string) (account, key string, ok bool) {
	r, err := arns.ParseIAMOf(arn, "policy")
	if err != nil {
		return "", "", false
	}
	return r.Account, strings.ToLower(r.PathName()), true
}

// sessionKeys copies into ctx the identity provider's keys a session keeps
// for the requests it makes (saml:sub, <provider>:sub, ...; see
// sts.webIdentityKeys and AssumeRoleWithSAML). The aws: keys a session
// holds were true when it was issued (its aws:SourceIp), not for this
// request, and are left out.
func sessionKeys(ctx map[string][]string, keys map[string][]string) {
	for k, v := range keys {
		if lk := strings.ToLower(k); !strings.HasPrefix(lk, "aws:") {
			ctx[lk] = v
		}
	}
}

// contextKeys is about how many keys fillGlobalContext sets for a signed
// S3 request made with session credentials.
const contextKeys = 24

// requestedRegion is aws:RequestedRegion: the Region the request was
// signed for, except for IAM and Organizations, whose single endpoint is in
// us-east-1 whatever Region a client signs for ("IAM calls are always made
// to the us-east-1 Region", "AWS global condition context keys",
// aws:RequestedRegion), so a policy or SCP allowing only other Regions
// denies IAM here as on AWS.
func requestedRegion(info *authn.Info) string {
	switch info.Service {
	case "iam", "organizations":
		return "us-east-1"
	}
	return info.Region
}

// fillGlobalContext sets the keys every request carries. Keys are written
// lower-case, as the evaluator looks them up; the single values share vals'
// backing array, so filling the context allocates nothing for them.
func (a *Authorizer) fillGlobalContext(req *evaluator.Request, info *authn.Info, c *authn.Caller, tags map[string]string, vals []string) {
	f := contextFiller{ctx: req.Context, vals: vals}
	now := info.Time
	if now.IsZero() {
		now = time.Now()
	}
	a.requestKeys(&f, req, info, now)
	if c.Anonymous() {
		// "AWS global condition context keys": aws:PrincipalAccount,
		// aws:PrincipalType and aws:userid are in the context of every
		// request, anonymous ones included ("For anonymous requests, the
		// request context returns anonymous"; the Principal key values of
		// "Policy variables": userid anonymous, type Anonymous), while
		// aws:PrincipalArn and aws:PrincipalIsAWSService are not
		// ("Anonymous requests do not include this key").
		f.set("aws:principalaccount", "anonymous")
		f.set("aws:userid", "anonymous")
		f.set("aws:principaltype", string(evaluator.PrincipalAnonymous))
		return
	}
	f.principalKeys(c, tags)
	if s := c.Session; s != nil {
		f.temporaryKeys(s, now)
	}
}

// contextFiller writes single-valued keys into a request context, each
// value a one-element slice of vals' backing array.
type contextFiller struct {
	ctx  map[string][]string
	vals []string
}

func (f *contextFiller) set(lowerKey, v string) {
	f.vals = append(f.vals, v)
	n := len(f.vals)
	f.ctx[lowerKey] = f.vals[n-1 : n : n]
}

// setIf sets the keys AWS leaves out of the context when they have no
// value.
func (f *contextFiller) setIf(lowerKey, v string) {
	if v != "" {
		f.set(lowerKey, v)
	}
}

// requestKeys sets the keys of the request itself: time, transport,
// network, Region and, for S3, the signature's keys.
func (a *Authorizer) requestKeys(f *contextFiller, req *evaluator.Request, info *authn.Info, now time.Time) {
	current, epoch := a.clock.format(now)
	f.set("aws:currenttime", current)
	f.set("aws:epochtime", epoch)
	f.set("aws:securetransport", strconv.FormatBool(info.Secure))
	f.set("aws:viaawsservice", "false")
	f.setIf("aws:resourceaccount", req.ResourceAccount)
	f.setIf("aws:sourceip", info.SourceIP)
	f.setIf("aws:useragent", info.UserAgent)
	f.setIf("aws:referer", info.Referer)
	f.setIf("aws:requestedregion", requestedRegion(info))
	if len(req.Action) <= 3 || !strings.EqualFold(req.Action[:3], "s3:") {
		return
	}
	f.setIf("s3:signatureversion", info.SignatureVersion)
	if info.SignatureVersion == "AWS4-HMAC-SHA256" && !info.SignedAt.IsZero() {
		// s3:signatureAge, a SigV4 key: milliseconds since the
		// signature's time (a presigned URL's X-Amz-Date), so "Deny when
		// s3:signatureAge > N" limits how old a link may be
		// (https://docs.aws.amazon.com/AmazonS3/latest/API/bucket-policy-s3-sigv4-conditions.html).
		f.set("s3:signatureage", strconv.FormatInt(max(now.Sub(info.SignedAt).Milliseconds(), 0), 10))
	}
	f.setIf("s3:authtype", info.AuthType)
	f.setIf("s3:x-amz-content-sha256", info.ContentSHA256)
	f.setIf("s3:resourceaccount", req.ResourceAccount)
}

// principalKeys sets the keys naming a signed caller and its tags.
func (f *contextFiller) principalKeys(c *authn.Caller, tags map[string]string) {
	f.set("aws:principalisawsservice", "false")
	f.set("aws:principalaccount", c.Account)
	f.set("aws:userid", c.UserID)
	f.set("aws:principaltype", string(c.Type))
	principalARN := c.ARN
	if s := c.Session; s != nil && s.RoleARN != "" {
		principalARN = s.RoleARN
	}
	f.set("aws:principalarn", principalARN)
	if c.Type == evaluator.PrincipalUser {
		// Only IAM users (and their GetSessionToken sessions) carry
		// aws:username; a GetFederationToken user does not, although it
		// acts with its IAM user's policies ("How do I use IAM policy
		// variables with federated users?", AWS Knowledge Center:
		// ${aws:username} "isn't present if the principal is a federated
		// user"; aws:username's Availability in "AWS global condition
		// context keys").
		f.setIf("aws:username", c.UserName)
	}
	for k, v := range tags {
		f.set("aws:principaltag/"+strings.ToLower(k), v)
	}
}

// temporaryKeys sets the keys of temporary credentials: when they were
// issued, MFA, source identity, federation and the keys the session was
// created with.
func (f *contextFiller) temporaryKeys(s *store.Session, now time.Time) {
	f.set("aws:tokenissuetime", s.Issued.UTC().Format(time.RFC3339))
	if s.MFA && s.MFAAuthTime != nil {
		f.set("aws:multifactorauthage", strconv.FormatInt(int64(now.Sub(*s.MFAAuthTime)/time.Second), 10))
	}
	f.setIf("aws:sourceidentity", s.SourceIdentity)
	f.setIf("aws:federatedprovider", s.Federated)
	if s.Kind == "AssumeRoot" {
		// "aws:AssumedRoot ... Use this key to check whether the request was
		// made using AssumeRoot" (AWS global condition context keys).
		f.set("aws:assumedroot", "true")
	}
	sessionKeys(f.ctx, s.Context)
	if s.Federated == "" {
		// The MFA keys are "not present for federated identities" (web
		// identity and SAML sessions; "AWS global condition context
		// keys", aws:MultiFactorAuthPresent), so a Deny on Bool
		// aws:MultiFactorAuthPresent false spares them.
		f.set("aws:multifactorauthpresent", strconv.FormatBool(s.MFA))
	}
}
