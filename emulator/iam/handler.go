package iam

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/awserr"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Namespace is the IAM Query API's XML namespace.
const Namespace = "https://iam.amazonaws.com/doc/2010-05-08/"

// APIVersion is the IAM Query API version every request must name.
const APIVersion = "2010-05-08"

// Options configure a Handler.
type Options struct {
	DB      *store.DB
	Authz   *authz.Authorizer
	Managed *managed.Set
	Now     func() time.Time
	Logger  *slog.Logger
}

// Handler serves the IAM actions.
type Handler struct {
	db      *store.DB
	authz   *authz.Authorizer
	managed *managed.Set
	now     func() time.Time
	logger  *slog.Logger
	svc     *query.Service
	// usage caches the AWS managed policies' counts per account;
	// customerListings the customer managed policies in ListPolicies order.
	usage            accountCache[*usage]
	customerListings accountCache[[]listedPolicy]
	// awsListing is the AWS managed policies in ListPolicies order.
	awsListing     []listedPolicy
	awsListingOnce sync.Once
}

// New returns a Handler.
func New(opts Options) *Handler {
	h := &Handler{db: opts.DB, authz: opts.Authz, managed: opts.Managed, now: opts.Now, logger: opts.Logger}
	if h.now == nil {
		h.now = time.Now
	}
	if h.logger == nil {
		h.logger = slog.New(slog.DiscardHandler)
	}
	if h.managed == nil && h.authz != nil {
		h.managed = h.authz.Managed()
	}
	if h.managed == nil {
		if set, err := managed.Load(); err == nil {
			h.managed = set
		}
	}
	h.svc = &query.Service{Namespace: Namespace, Version: APIVersion, Actions: h.routes(), Logger: h.logger}
	return h
}

// Service returns the Query service serving IAM.
func (h *Handler) Service() *query.Service { return h.svc }

// HasAction reports whether name is an IAM action.
func (h *Handler) HasAction(name string) bool {
	_, ok := h.svc.Actions[name]
	return ok
}

// clock returns the current time in UTC, truncated to seconds as IAM
// reports times.
func (h *Handler) clock() time.Time { return h.now().UTC().Truncate(time.Second) }

// caller returns the authenticated caller of ctx.
func caller(ctx context.Context) *authn.Caller { return &authn.FromContext(ctx).Caller }

// account returns the caller's account id.
func account(ctx context.Context) string { return caller(ctx).Account }

// authorize asks authz whether the caller may perform iam:action on
// resource.
func (h *Handler) authorize(ctx context.Context, action, resource string) error {
	return h.authorizeWith(ctx, action, resource, nil)
}

// authorizeWith is authorize with the request's condition keys
// (aws:RequestTag/..., iam:PolicyARN, ...); the resource's tags are added
// (see abac.go).
func (h *Handler) authorizeWith(ctx context.Context, action, resource string, keys map[string][]string) error {
	if h.authz == nil {
		// Fail closed: a handler built without an authorizer allows nothing.
		h.logger.Error("iam: no authorizer configured; denying", "action", action)
		return awserr.AccessDenied("User is not authorized to perform: " + action + " on resource: " + resource +
			" because no authorizer is configured")
	}
	check, err := h.resourceCheck(ctx, action, resource, keys)
	if err != nil {
		return err
	}
	return h.authz.Authorize(ctx, check)
}

// arn builds arn:aws:iam::ACCOUNT:kind + path + name.
func arn(acct, kind, path, name string) string {
	return arns.IAM(acct, kind+path+name)
}
