package authn

import (
	"context"
	"time"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// Caller is the principal behind a request.
type Caller struct {
	Type    evaluator.PrincipalType
	Account string
	// ARN: arn:aws:iam::ACCOUNT:root, arn:aws:iam::ACCOUNT:user/path/name,
	// arn:aws:sts::ACCOUNT:assumed-role/Role/session, ...
	ARN string
	// UserID is aws:userid (the account id for root, AIDA... for users,
	// AROA...:session for role sessions).
	UserID string
	// UserName is the IAM user name (users and their GetSessionToken
	// sessions).
	UserName string
	// AccessKeyID is the key that signed the request.
	AccessKeyID string
	// Session is set for temporary credentials.
	Session *store.Session
}

// Root reports whether the caller is an account's root user (including a
// root GetSessionToken session).
func (c *Caller) Root() bool { return c.Type == evaluator.PrincipalAccount }

// Anonymous reports whether the request carried no credentials.
func (c *Caller) Anonymous() bool { return c.Type == evaluator.PrincipalAnonymous }

// Principal converts the caller to the evaluator's form.
func (c *Caller) Principal() evaluator.Principal {
	p := evaluator.Principal{
		Type:     c.Type,
		ARN:      c.ARN,
		Account:  c.Account,
		UserID:   c.UserID,
		Username: c.UserName,
	}
	if s := c.Session; s != nil && s.RoleARN != "" {
		p.RoleARN = s.RoleARN
		p.SessionName = s.SessionName
	}
	if s := c.Session; s != nil && s.Federated != "" {
		p.Federated = s.Federated
	}
	if c.Type == evaluator.PrincipalAnonymous {
		p.ARN = "*"
	}
	return p
}

// RootARN is the ARN of an account's root user.
func RootARN(account string) string { return arns.Root(account) }

// Info is everything known about one request once it is authenticated.
type Info struct {
	RequestID string
	Caller    Caller
	// Service is the SigV4 credential scope's service ("" when unsigned).
	Service string
	Region  string
	// SignatureVersion is "AWS4-HMAC-SHA256", "AWS" (SigV2) or "".
	SignatureVersion string
	// AuthType is s3:authType: "REST-HEADER", "REST-QUERY-STRING" or "POST".
	AuthType      string
	ContentSHA256 string
	// SignedAt is the signature's time (X-Amz-Date or Date; for a SigV2
	// query, its Expires), zero when unsigned.
	SignedAt time.Time
	SourceIP string
	Secure   bool
	// Host is the Host the client addressed (BaseURL).
	Host      string
	UserAgent string
	Referer   string
	Time      time.Time

	// storedKey: the key that signed is a long-term key in the store,
	// whose last use Authenticate records.
	storedKey bool
}

// BaseURL is the URL the client reached the server at: scheme://Host.
func (i *Info) BaseURL() string {
	if i.Secure {
		return "https://" + i.Host
	}
	return "http://" + i.Host
}

// InfoKey is the context key under which WithInfo stores an *Info. A
// context may answer it itself: the server's per-request context carries
// the trace and the caller in one layer, without WithInfo's copy.
type InfoKey struct{}

// WithInfo returns ctx carrying info.
func WithInfo(ctx context.Context, info *Info) context.Context {
	return context.WithValue(ctx, InfoKey{}, info)
}

// FromContext returns the request's Info. Handlers always run with one; a
// missing Info yields an anonymous caller so nothing is allowed by accident.
func FromContext(ctx context.Context) *Info {
	if info, ok := ctx.Value(InfoKey{}).(*Info); ok {
		return info
	}
	return &Info{Caller: Caller{Type: evaluator.PrincipalAnonymous}}
}
