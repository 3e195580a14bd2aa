package sts

import (
	"crypto"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/sessiontoken"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Namespace is the STS XML namespace.
const Namespace = "https://sts.amazonaws.com/doc/2011-06-15/"

// APIVersion is the STS version every request must name.
const APIVersion = "2011-06-15"

// Options configure a Handler.
type Options struct {
	DB      *store.DB
	Authz   *authz.Authorizer
	Managed *managed.Set
	Now     func() time.Time
	Logger  *slog.Logger
	// Issuer is fakeaws's own OIDC issuer; nil disables it (tokens of other
	// issuers are still verified through their JWKS).
	Issuer *Issuer
	// Sessions seals session credentials; nil makes one keeping its key in
	// DB. Share it with the authenticator that opens them.
	Sessions *sessiontoken.Sealer
	// HTTPClient fetches other issuers' discovery documents and JWKS
	// (default: a client with a 5 second timeout).
	HTTPClient *http.Client
}

// Handler serves the STS actions.
type Handler struct {
	db      *store.DB
	authz   *authz.Authorizer
	managed *managed.Set
	now     func() time.Time
	logger  *slog.Logger
	issuer  *Issuer
	svc     *query.Service
	jwks    *jwksCache
	// sessions seals issued sessions into their tokens.
	sessions *sessiontoken.Sealer
	// roleUse coalesces writes of roles' last use.
	roleUse roleUses
	// roles keeps the roles AssumeRole read, by store generation.
	roles roleCache
	// lastIP is the session context made last (sourceIPContext).
	lastIP atomic.Pointer[ipContext]
	// outbound holds the keys of outbound identity federation tokens.
	outbound outboundSigners
}

// New returns a Handler.
func New(opts Options) *Handler {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 5 * time.Second}
	}
	if opts.Sessions == nil {
		opts.Sessions = sessiontoken.New(opts.DB, opts.Now)
	}
	h := &Handler{db: opts.DB, sessions: opts.Sessions, authz: opts.Authz, managed: opts.Managed, now: opts.Now,
		logger: opts.Logger, issuer: opts.Issuer,
		jwks: &jwksCache{client: opts.HTTPClient, now: opts.Now, entries: map[string]jwksEntry{}}}
	h.svc = &query.Service{Namespace: Namespace, Version: APIVersion, Logger: opts.Logger, Actions: map[string]query.Handler{
		"AssumeRole":                 h.assumeRole,
		"AssumeRoot":                 h.assumeRoot,
		"AssumeRoleWithWebIdentity":  h.assumeRoleWithWebIdentity,
		"AssumeRoleWithSAML":         h.assumeRoleWithSAML,
		"GetCallerIdentity":          h.getCallerIdentity,
		"GetSessionToken":            h.getSessionToken,
		"GetFederationToken":         h.getFederationToken,
		"GetAccessKeyInfo":           h.getAccessKeyInfo,
		"GetWebIdentityToken":        h.getWebIdentityToken,
		"DecodeAuthorizationMessage": h.decodeAuthorizationMessage,
	}}
	for name, fn := range h.svc.Actions {
		h.svc.Actions[name] = checkedSessionActions(name, fn)
	}
	return h
}

// Service is the Query service the server dispatches STS requests to.
func (h *Handler) Service() *query.Service { return h.svc }

// HasAction reports whether name is an STS action this handler serves.
func (h *Handler) HasAction(name string) bool {
	_, ok := h.svc.Actions[name]
	return ok
}

// AllowsAnonymous reports whether action may be called without credentials:
// the web-identity and SAML federation actions, whose caller proves itself
// with the token or assertion it passes.
func AllowsAnonymous(action string) bool {
	return action == "AssumeRoleWithWebIdentity" || action == "AssumeRoleWithSAML"
}

// Response shapes (STS API reference, "Response Elements").

type credentialsXML struct {
	AccessKeyID     string `xml:"AccessKeyId"`
	SecretAccessKey string `xml:"SecretAccessKey"`
	SessionToken    string `xml:"SessionToken"`
	Expiration      string `xml:"Expiration"`
}

// tokenSizeXML is the size of a result's session token and its share of
// the 4,096-byte limit, which every operation that issues credentials
// answers since September 2026 (the SessionTokenUtilization and
// SessionTokenSize members of aws-sdk-go-v2 sts v1.51's outputs, written
// in the order of AWS's model). Where AWS writes them among a result's
// other elements is not recorded: here they come last.
type tokenSizeXML struct {
	SessionTokenUtilization int `xml:"SessionTokenUtilization"`
	SessionTokenSize        int `xml:"SessionTokenSize"`
}

// tokenSizeOf is token's tokenSizeXML. A token of this server's format
// carries the session policy as written, where AWS's compresses it, so
// it can pass 4,096 bytes where AWS's would not: its utilization is then
// reported as 100 (docs/deviations.md).
func tokenSizeOf(token string) tokenSizeXML {
	n := len(token)
	return tokenSizeXML{SessionTokenUtilization: min(100, percent(float64(n)/sessiontoken.MaxTokenSize)), SessionTokenSize: n}
}

// write writes the two elements for a result's WriteElements. (Not named
// WriteElements: the results embed tokenSizeXML, and its method would be
// promoted as theirs.)
func (t *tokenSizeXML) write(e *query.Elements) {
	e.Int("SessionTokenUtilization", t.SessionTokenUtilization)
	e.Int("SessionTokenSize", t.SessionTokenSize)
}

type assumedRoleUserXML struct {
	AssumedRoleID string `xml:"AssumedRoleId"`
	Arn           string `xml:"Arn"`
}

func credentialsOf(s *store.Session) credentialsXML {
	return credentialsXML{AccessKeyID: s.AccessKeyID, SecretAccessKey: s.Secret,
		SessionToken: s.Token, Expiration: isoTime(s.Expiration)}
}

// isoTime formats t as STS does: ISO 8601 in UTC, seconds precision.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// validation collects constraint violations and renders them the way
// STS's request validation does: "2 validation errors detected: Value 'x'
// at 'roleSessionName' failed to satisfy constraint: ...; Value ...".
type validation struct{ msgs []string }

// fail records that value (nil → "null") at member violates constraint.
func (v *validation) fail(member string, value *string, constraint string) {
	if value != nil && sensitiveMembers[member] {
		v.msgs = append(v.msgs, "Value at '"+member+"' failed to satisfy constraint: "+constraint)
		return
	}
	val := "null"
	if value != nil {
		val = "'" + *value + "'"
	}
	v.msgs = append(v.msgs, "Value "+val+" at '"+member+"' failed to satisfy constraint: "+constraint)
}

// sensitiveMembers are the members botocore's sts model marks sensitive:
// AWS leaves their value out of a validation message. Recorded from
// sts.amazonaws.com for an empty token (an AWSSecurityTokenServiceException
// quoted in iterate-ch/cyberduck,
// AssumeRoleWithWebIdentitySTSCredentialsConfigurator.java): "1 validation
// error detected: Value at 'webIdentityToken' failed to satisfy constraint:
// Member must have length greater than or equal to 4".
var sensitiveMembers = map[string]bool{"webIdentityToken": true, "sAMLAssertion": true}

func (v *validation) length(member, value string, min, max int) {
	n := len([]rune(value))
	if n < min {
		v.fail(member, &value, "Member must have length greater than or equal to "+strconv.Itoa(min))
	}
	if n > max {
		v.fail(member, &value, "Member must have length less than or equal to "+strconv.Itoa(max))
	}
}

// pattern records member's pattern error when value has a rune ok refuses,
// or is empty and the pattern asks for at least one character ("]+"): AWS
// answers an empty RoleArn with both the pattern and the length error
// (recorded in justincormack/argmin sts_oracle.rs assume-role-empty-role-arn).
func (v *validation) pattern(member, value, pattern string, ok func(rune) bool) {
	if value == "" && strings.HasSuffix(pattern, "+") {
		v.fail(member, &value, "Member must satisfy regular expression pattern: "+pattern)
		return
	}
	for _, r := range value {
		if !ok(r) {
			v.fail(member, &value, "Member must satisfy regular expression pattern: "+pattern)
			return
		}
	}
}

func (v *validation) err() error {
	switch len(v.msgs) {
	case 0:
		return nil
	case 1:
		return awserr.ValidationError("1 validation error detected: " + v.msgs[0])
	}
	return awserr.ValidationError(strconv.Itoa(len(v.msgs)) + " validation errors detected: " +
		strings.Join(v.msgs, "; "))
}

// Patterns from the STS API reference.
const (
	patSessionName = `[\w+=,.@-]*`
	patText        = `[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+`
	patSerial      = `[\w+=/:,.@-]*`
	patTokenCode   = `[\d]*`
	patExternalID  = `[\w+=,.@:\/-]*`
	patTagKey      = `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`
	patTagValue    = `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`
	// patPolicy is sessionPolicyDocumentType's: tab, line feed, carriage
	// return and U+0020 to U+00FF, as the API reference's Policy says.
	patPolicy = `[\u0009\u000A\u000D\u0020-\u00FF]+`
)

func policyRune(r rune) bool { return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xff }

func isWordRune(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func sessionNameRune(r rune) bool { return isWordRune(r) || strings.ContainsRune("+=,.@-", r) }
func serialRune(r rune) bool      { return isWordRune(r) || strings.ContainsRune("+=/:,.@-", r) }
func digitRune(r rune) bool       { return r >= '0' && r <= '9' }
func externalIDRune(r rune) bool  { return isWordRune(r) || strings.ContainsRune("+=,.@:/-", r) }

// textRune is patText as AWS applies it. The pattern AWS prints ends in
// "\u10000-\u10FFFF", but its validator refuses every character past
// U+FFFF: 2,048 emoji in a RoleArn get the pattern error alone, 2,049 the
// pattern and the length error (recorded in justincormack/argmin
// sts_oracle.rs and guides/aws-compatibility.md, 2026-07-13/19).
func textRune(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7e || r == 0x85 ||
		r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd
}

// ptr is a pointer to a copy of s: taking it only where a value is
// present keeps absent ones from costing an allocation.
func ptr(s string) *string { return &s }

// optional returns the parameter and whether it was given.
func optional(p query.Params, name string) (string, bool) {
	if !p.Has(name) {
		return "", false
	}
	return p.Get(name), true
}

// jwksCache holds other issuers' signing keys for a while.
type jwksCache struct {
	client  *http.Client
	now     func() time.Time
	mu      sync.Mutex
	entries map[string]jwksEntry
}

// jwksEntry is one issuer's key set, decoded when fetched and never
// changed afterwards, so concurrent lookups share it without locking.
type jwksEntry struct {
	keys    map[string]crypto.PublicKey
	fetched time.Time
}

// WriteElements writes the Credentials element (query.ResultWriter).
func (c *credentialsXML) WriteElements(e *query.Elements) {
	e.Open("Credentials")
	e.Text("AccessKeyId", c.AccessKeyID)
	e.Text("SecretAccessKey", c.SecretAccessKey)
	e.Text("SessionToken", c.SessionToken)
	e.Text("Expiration", c.Expiration)
	e.Close("Credentials")
}
