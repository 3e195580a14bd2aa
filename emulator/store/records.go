package store

import (
	"errors"
	"sync/atomic"
	"time"
)

// Records shared by several services. Services may add fields; stored JSON
// ignores unknown fields, so adding is compatible.

// Tag is a key/value tag.
type Tag struct {
	Key   string
	Value string
}

// Account is one AWS account (KindAccount, key "account", in its scope).
type Account struct {
	ID          string
	Alias       string
	CanonicalID string // S3 canonical user id
	Created     time.Time
	// PublicAccessBlock is the account-level S3 Block Public Access
	// configuration, nil when never set.
	PublicAccessBlock *PublicAccessBlock `json:",omitempty"`
	// GlobalEndpointTokenVersion is IAM's SetSecurityTokenServicePreferences
	// choice, "v1Token" (the default, "") or "v2Token".
	GlobalEndpointTokenVersion string `json:",omitempty"`
	// OutboundIssuer names the account's outbound identity federation
	// issuer (IAM EnableOutboundWebIdentityFederation), made at the first
	// enable and kept after a disable, so tokens issued before stay
	// verifiable; "" when never enabled. OutboundEnabled says whether
	// sts:GetWebIdentityToken may issue tokens now.
	OutboundIssuer  string `json:",omitempty"`
	OutboundEnabled bool   `json:",omitempty"`
}

// OutboundIssuerPath is where fakeaws serves the outbound identity
// federation issuers: OutboundIssuerPath + OutboundIssuer is an issuer's
// path, under which it answers /.well-known/openid-configuration and
// /.well-known/jwks.json.
const OutboundIssuerPath = "/_fakeaws/outbound/"

// OutboundIssuerURL is the account's issuer URL (the iss of its tokens)
// for a server reached at base (scheme://host).
func (a *Account) OutboundIssuerURL(base string) string {
	return base + OutboundIssuerPath + a.OutboundIssuer
}

// PublicAccessBlock is S3's Block Public Access configuration.
type PublicAccessBlock struct {
	BlockPublicAcls       bool
	IgnorePublicAcls      bool
	BlockPublicPolicy     bool
	RestrictPublicBuckets bool
}

// Policies is what identities carry: inline documents by name and attached
// managed policy ARNs.
type Policies struct {
	Inline   map[string]string `json:",omitempty"` // name → JSON document
	Attached []string          `json:",omitempty"` // managed policy ARNs
	Boundary string            `json:",omitempty"` // permissions boundary policy ARN
}

// User is an IAM user (KindUser, key = lower-cased name).
type User struct {
	Name    string
	Path    string
	ID      string // AIDA...
	ARN     string
	Created time.Time
	Tags    []Tag    `json:",omitempty"`
	Groups  []string `json:",omitempty"` // group names (as created)
	Policies
	PasswordLastUsed *time.Time `json:",omitempty"`
}

// Group is an IAM group (KindGroup, key = lower-cased name).
type Group struct {
	Name    string
	Path    string
	ID      string // AGPA...
	ARN     string
	Created time.Time
	Policies
}

// Role is an IAM role (KindRole, key = lower-cased name).
type Role struct {
	Name               string
	Path               string
	ID                 string // AROA...
	ARN                string
	Created            time.Time
	Description        string `json:",omitempty"`
	MaxSessionDuration int    // seconds, 3600..43200
	Tags               []Tag  `json:",omitempty"`
	// TrustPolicy is the assume-role policy document as given.
	TrustPolicy string
	// TrustPrincipalIDs maps each IAM user/role ARN named in TrustPolicy to
	// the unique id it had when the policy was set. A principal deleted and
	// recreated under the same name has a new id and no longer matches, as
	// on AWS.
	TrustPrincipalIDs map[string]string `json:",omitempty"`
	Policies
	LastUsed *time.Time `json:",omitempty"`
}

// PolicyVersion is one version of a managed policy.
type PolicyVersion struct {
	ID        string // "v1"
	Document  string
	IsDefault bool
	Created   time.Time
}

// ManagedPolicy is a customer managed policy (KindPolicy, key = ARN path
// and name lower-cased: "/path/name").
type ManagedPolicy struct {
	Name           string
	Path           string
	ID             string // ANPA...
	ARN            string
	Description    string `json:",omitempty"`
	Created        time.Time
	Updated        time.Time
	DefaultVersion string
	NextVersion    int
	Versions       []PolicyVersion
	Attachments    int
	BoundaryUses   int
	Tags           []Tag `json:",omitempty"`
}

// DefaultDocument returns the default version's document.
func (p *ManagedPolicy) DefaultDocument() string {
	for _, v := range p.Versions {
		if v.ID == p.DefaultVersion {
			return v.Document
		}
	}
	return ""
}

// AccessKey is a long-term access key (Global, KindAccessKey, key = id).
type AccessKey struct {
	ID       string
	Secret   string
	Account  string
	UserName string // "" for a root key
	Status   string // "Active" or "Inactive"
	Created  time.Time
	LastUsed *time.Time `json:",omitempty"`
	// LastUsedService and LastUsedRegion are the credential scope of the
	// last use ("s3", "us-east-1").
	LastUsedService string `json:",omitempty"`
	LastUsedRegion  string `json:",omitempty"`
}

// Session is a set of temporary credentials. Sessions are not stored:
// emulator/sessiontoken seals them into their session token. KindSession
// records written by older versions are no longer read.
type Session struct {
	AccessKeyID string
	Secret      string
	Token       string
	Account     string
	// Kind is "AssumeRole", "AssumeRoleWithWebIdentity",
	// "AssumeRoleWithSAML", "GetSessionToken" or "GetFederationToken".
	Kind        string
	Issued      time.Time
	Expiration  time.Time
	RoleName    string `json:",omitempty"`
	RoleARN     string `json:",omitempty"` // arn:aws:iam::ACCOUNT:role/path/Name
	RoleID      string `json:",omitempty"`
	SessionName string `json:",omitempty"`
	// UserName is the IAM user of a GetSessionToken or GetFederationToken
	// session ("" for root); UserID is that user's unique id (AIDA...), so
	// a user deleted and re-created under the same name is another user.
	UserName string `json:",omitempty"`
	UserID   string `json:",omitempty"`
	// Federated is the identity provider of a web-identity/SAML session.
	Federated string `json:",omitempty"`
	// Subject is the web identity's sub claim.
	Subject string `json:",omitempty"`
	// SessionPolicies are inline session policy documents; PolicyARNs the
	// managed policies passed as session policies.
	SessionPolicies []string          `json:",omitempty"`
	PolicyARNs      []string          `json:",omitempty"`
	Tags            map[string]string `json:",omitempty"`
	TransitiveTags  []string          `json:",omitempty"`
	SourceIdentity  string            `json:",omitempty"`
	MFA             bool              `json:",omitempty"`
	MFAAuthTime     *time.Time        `json:",omitempty"`
	// Chained marks a session obtained with another session's credentials.
	Chained bool `json:",omitempty"`
	// SourceIP and other context captured at issue time.
	Context map[string][]string `json:",omitempty"`
}

// AnonymousOwner is the owner S3 records for an object an anonymous caller
// wrote where the writer owns what it writes (ObjectWriter, or
// BucketOwnerPreferred without bucket-owner-full-control); it is never an
// account id. AnonymousCanonicalID is the canonical user id AWS names that
// owner by: "When an anonymous user uploads an object to your bucket Amazon
// S3 adds a special canonical user ID (65a011a29cdf8ec533ec3d1ccaae921c) as
// the object owner in the ACL" (S3 User Guide, acl-overview, "Finding an
// AWS account canonical user ID"), and AWS's anonymous listings show it as
// Owner (a recorded ListObjects in jeffkreeftmeijer/ssst
// test/support/http_mock.ex, 2018).
const (
	AnonymousOwner       = "anonymous"
	AnonymousCanonicalID = "65a011a29cdf8ec533ec3d1ccaae921c"
)

// CanonicalID derives an account's stable S3 canonical user id
// (AnonymousCanonicalID for AnonymousOwner, and for "": multipart uploads
// an anonymous caller started before AnonymousOwner existed were stored
// with an empty owner).
func CanonicalID(account string) string {
	if account == AnonymousOwner || account == "" {
		return AnonymousCanonicalID
	}
	if last := lastCanonicalID.Load(); last != nil && last.account == account {
		return last.id
	}
	const hex = "0123456789abcdef"
	// 64 hex chars, deterministic per account so restarts agree.
	var b [64]byte
	h := uint64(14695981039346656037)
	for i := range b {
		h ^= uint64(account[i%len(account)]) + uint64(i)
		h *= 1099511628211
		b[i] = hex[(h>>33)&15]
	}
	id := string(b[:])
	lastCanonicalID.Store(&canonicalIDOf{account, id})
	return id
}

// lastCanonicalID is the last id CanonicalID derived: a pure function of
// the account, asked for several times by every object write (its ACL is
// built, compared with the owner's when stored, and rebuilt when the
// previous version is read), nearly always for the same account.
var lastCanonicalID atomic.Pointer[canonicalIDOf]

type canonicalIDOf struct{ account, id string }

// EnsureAccount returns the account record, creating it on first use. A
// record that cannot be read is an error, never a missing account: taking
// it for one answered a fresh account and, in a write, replaced the stored
// one, losing the account's settings.
func (t *Tx) EnsureAccount(id string, now time.Time) (*Account, error) {
	var a Account
	err := t.Get(id, KindAccount, KindAccount, &a)
	if err == nil {
		return &a, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if !t.btx.Writable() {
		return &Account{ID: id, CanonicalID: CanonicalID(id), Created: now}, nil
	}
	a = Account{ID: id, CanonicalID: CanonicalID(id), Created: now}
	return &a, t.Put(id, KindAccount, KindAccount, &a)
}

// AccountExists reports whether the account has been created.
func (t *Tx) AccountExists(id string) bool { return t.Exists(id, KindAccount, KindAccount) }
