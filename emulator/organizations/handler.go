package organizations

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"math"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// TargetPrefix is the X-Amz-Target prefix of every Organizations operation.
const TargetPrefix = "AWSOrganizationsV20161128."

// maxBody bounds a request body (policies are at most a few KB).
const maxBody = 1 << 20

// DB is the part of the store the handler uses.
type DB interface {
	View(ctx context.Context, fn func(*store.Tx) error) error
	// Batch runs fn in a write transaction that may be shared with
	// concurrent calls; fn may run more than once (store.DB.Batch).
	Batch(ctx context.Context, fn func(*store.Tx) error) error
}

// Authorizer decides the organizations:* actions.
type Authorizer interface {
	Authorize(ctx context.Context, c authz.Check) error
	Parse(doc string, kind evaluator.Kind) (*evaluator.Policy, error)
}

// Options configure a Handler.
type Options struct {
	DB     DB
	Authz  Authorizer
	Now    func() time.Time
	Logger *slog.Logger
}

// Handler serves the Organizations API.
type Handler struct {
	db     DB
	authz  Authorizer
	now    func() time.Time
	logger *slog.Logger
	ops    map[string]op
}

// op runs one operation on its decoded JSON input and returns the value
// encoded as the response.
type op func(ctx context.Context, c *call) (any, error)

// call is one request: the caller and the raw input, and what an
// operation adds to its authorization (see authorizeIn).
type call struct {
	caller *authn.Caller
	input  json.RawMessage
	// keys returns the operation's condition keys (organizations:PolicyType,
	// organizations:ServicePrincipal, aws:RequestTag/..., aws:TagKeys);
	// nil for none.
	keys func(o *store.Organization) map[string][]string
	// also returns the ARNs of the operation's other resources, each
	// authorized as well (AttachPolicy's target, MoveAccount's parents).
	also func(o *store.Organization) []string
}

// decode reads the input into v; a body that does not decode is
// SerializationException, as the JSON protocol answers it.
func (c *call) decode(v any) error {
	if len(c.input) == 0 {
		return nil
	}
	if err := json.Unmarshal(c.input, v); err != nil {
		return awserr.New("SerializationException", http.StatusBadRequest, "Start of structure or map found where not expected.")
	}
	return nil
}

// decodeID reads an input whose one member, field, holds an id, and
// checks the id against p. The input decodes into a struct with that one
// field, as a handler's own input struct would (a member named in another
// case matches; a member that is not a string is SerializationException).
func (c *call) decodeID(field string, p idPattern) (string, error) {
	in := reflect.New(reflect.StructOf([]reflect.StructField{
		{Name: "ID", Type: reflect.TypeFor[string](), Tag: reflect.StructTag(`json:"` + field + `"`)}}))
	if err := c.decode(in.Interface()); err != nil {
		return "", err
	}
	id := in.Elem().Field(0).String()
	return id, checkID(p, id)
}

// New returns a Handler.
func New(opts Options) *Handler {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	h := &Handler{db: opts.DB, authz: opts.Authz, now: opts.Now, logger: opts.Logger}
	h.ops = h.routes()
	return h
}

// routes is the operation table.
func (h *Handler) routes() map[string]op {
	return map[string]op{
		"CreateOrganization":                  h.createOrganization,
		"DescribeOrganization":                h.describeOrganization,
		"DeleteOrganization":                  h.deleteOrganization,
		"ListRoots":                           h.listRoots,
		"CreateOrganizationalUnit":            h.createOrganizationalUnit,
		"UpdateOrganizationalUnit":            h.updateOrganizationalUnit,
		"DeleteOrganizationalUnit":            h.deleteOrganizationalUnit,
		"DescribeOrganizationalUnit":          h.describeOrganizationalUnit,
		"ListOrganizationalUnitsForParent":    h.listOrganizationalUnitsForParent,
		"ListParents":                         h.listParents,
		"ListChildren":                        h.listChildren,
		"ListAccounts":                        h.listAccounts,
		"ListAccountsForParent":               h.listAccountsForParent,
		"DescribeAccount":                     h.describeAccount,
		"MoveAccount":                         h.moveAccount,
		"CreateAccount":                       h.createAccount,
		"DescribeCreateAccountStatus":         h.describeCreateAccountStatus,
		"InviteAccountToOrganization":         h.inviteAccountToOrganization,
		"AcceptHandshake":                     h.acceptHandshake,
		"DescribeHandshake":                   h.describeHandshake,
		"RemoveAccountFromOrganization":       h.removeAccountFromOrganization,
		"LeaveOrganization":                   h.leaveOrganization,
		"EnablePolicyType":                    h.enablePolicyType,
		"DisablePolicyType":                   h.disablePolicyType,
		"CreatePolicy":                        h.createPolicy,
		"UpdatePolicy":                        h.updatePolicy,
		"DeletePolicy":                        h.deletePolicy,
		"DescribePolicy":                      h.describePolicy,
		"ListPolicies":                        h.listPolicies,
		"ListPoliciesForTarget":               h.listPoliciesForTarget,
		"ListTargetsForPolicy":                h.listTargetsForPolicy,
		"AttachPolicy":                        h.attachPolicy,
		"DetachPolicy":                        h.detachPolicy,
		"TagResource":                         h.tagResource,
		"UntagResource":                       h.untagResource,
		"ListTagsForResource":                 h.listTagsForResource,
		"ListHandshakesForAccount":            h.listHandshakesForAccount,
		"ListHandshakesForOrganization":       h.listHandshakesForOrganization,
		"DeclineHandshake":                    h.declineHandshake,
		"CancelHandshake":                     h.cancelHandshake,
		"EnableAWSServiceAccess":              h.enableAWSServiceAccess,
		"DisableAWSServiceAccess":             h.disableAWSServiceAccess,
		"ListAWSServiceAccessForOrganization": h.listAWSServiceAccessForOrganization,
		"ListDelegatedAdministrators":         h.listDelegatedAdministrators,
		"ListCreateAccountStatus":             h.listCreateAccountStatus,
		"DescribeResourcePolicy":              h.describeResourcePolicy,
		"ListDelegatedServicesForAccount":     h.listDelegatedServicesForAccount,
		"RegisterDelegatedAdministrator":      h.registerDelegatedAdministrator,
		"PutResourcePolicy":                   h.putResourcePolicy,
		"CloseAccount":                        h.closeAccount,
		"EnableAllFeatures":                   h.enableAllFeatures,
		"DeleteResourcePolicy":                h.deleteResourcePolicy,
		"DeregisterDelegatedAdministrator":    h.deregisterDelegatedAdministrator,
		"DescribeEffectivePolicy":             h.describeEffectivePolicy,
	}
}

// IsRequest reports whether r is an Organizations JSON request.
func IsRequest(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("X-Amz-Target"), TargetPrefix)
}

// ServeHTTP serves one authenticated request (authn.Info in its context).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	info := authn.FromContext(r.Context())
	name := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), TargetPrefix)
	fn, ok := h.ops[name]
	if !ok {
		WriteError(w, info.RequestID, awserr.New("UnknownOperationException", http.StatusBadRequest, ""))
		return
	}
	if info.Caller.Anonymous() {
		WriteError(w, info.RequestID, awserr.New("MissingAuthenticationTokenException", http.StatusForbidden, "Missing Authentication Token"))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		WriteError(w, info.RequestID, awserr.New("SerializationException", http.StatusBadRequest, "request body too large"))
		return
	}
	var pg page
	listKey, paged := pagedLists[name]
	if paged {
		if pg, err = pageOf(body); err != nil {
			WriteError(w, info.RequestID, err)
			return
		}
	}
	out, err := fn(r.Context(), &call{caller: &info.Caller, input: body})
	if err == nil && paged {
		out = pg.apply(out, listKey)
	}
	if err != nil {
		if _, ok := awserr.As(err); !ok {
			h.logger.Error("internal error", "requestId", info.RequestID, "operation", name, "err", err)
		}
		WriteError(w, info.RequestID, err)
		return
	}
	if out == nil {
		out = struct{}{}
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	awserr.SetRequestID(w.Header(), info.RequestID)
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(out)
}

// WriteError writes err in the JSON protocol's envelope:
// {"__type": CODE, "Message": ..., "Reason": ...}. IAM-style AccessDenied
// from authz becomes AccessDeniedException, the code this API uses, with
// status 400 as JSON-protocol services answer it (the common errors page;
// MemoryDB and Redshift Serverless IAM denials seen with 400,
// gravitational/teleport#30226), not S3's and IAM's 403.
func WriteError(w http.ResponseWriter, requestID string, err error) {
	e, ok := awserr.As(err)
	if !ok {
		e = awserr.Internal()
		e.Code = "ServiceException"
	}
	code := string(e.Code)
	status := e.Status
	if code == "AccessDenied" || code == "AccessDeniedException" {
		code, status = "AccessDeniedException", http.StatusBadRequest
	}
	body := map[string]string{"__type": code, "Message": e.Message}
	for _, f := range e.Fields {
		body[f[0]] = f[1]
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	awserr.SetRequestID(w.Header(), requestID)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// epoch is a timestamp in the JSON protocol's form: seconds since the
// epoch as a number.
type epoch time.Time

// MarshalJSON writes seconds with millisecond precision.
func (t epoch) MarshalJSON() ([]byte, error) {
	s := float64(time.Time(t).UnixMilli()) / 1000
	if math.IsNaN(s) {
		s = 0
	}
	return json.Marshal(s)
}

// authorize asks authz whether the caller may run organizations:<name> on
// resource.
func (h *Handler) authorize(ctx context.Context, c *call, name, resource string, keys map[string][]string) error {
	return h.authz.Authorize(ctx, authz.Check{Action: "organizations:" + name, Resource: resource, Context: keys})
}

// orgOf loads the caller's organization (AWSOrganizationsNotInUseException
// when there is none).
func orgOf(tx *store.Tx, account string) (*store.Organization, error) {
	o, err := tx.OrganizationOf(account)
	if errors.Is(err, store.ErrNoOrganization) {
		return nil, errNotInUse()
	}
	return o, err
}

// manage runs fn on the caller's organization in one write transaction
// (fn may run more than once: store.DB.Batch),
// after checking the caller may act on it (admit: the management account,
// or a member the delegation policy lets in) and that authz allows
// organizations:<name> on the resource resolve returns, or on "*" when
// resource is nil: the action has no resource type in the Service
// Authorization Reference (ListAccounts, CreatePolicy, ...).
func (h *Handler) manage(ctx context.Context, c *call, name string, resource func(o *store.Organization) string, fn func(tx *store.Tx, o *store.Organization) error) error {
	var res string
	var o *store.Organization
	err := h.db.View(ctx, func(tx *store.Tx) error {
		var err error
		o, err = orgOf(tx, c.caller.Account)
		if err != nil {
			return err
		}
		res = "*"
		if resource != nil {
			res = resource(o)
		}
		return nil
	})
	if err != nil {
		return err
	}
	g, err := h.admit(ctx, c, name, o, res)
	if err != nil {
		return err
	}
	// Shares a commit with concurrent writes (store.DB.Batch): fn gets the
	// organization as this run reads it, and sets what it reports on every
	// run, as a second run must. What let the caller in must still hold
	// (fail closed: a delegation changed meanwhile refuses).
	return h.db.Batch(ctx, func(tx *store.Tx) error {
		o, err := orgOf(tx, c.caller.Account)
		if err != nil {
			return err
		}
		if grantOf(o, c.caller.Account, name) != g {
			return errAccessDenied()
		}
		err = fn(tx, o)
		if errors.Is(err, errDeleted) {
			return tx.Delete(store.Global, store.KindOrganization, o.ID)
		}
		if err != nil {
			return err
		}
		return tx.PutOrganization(o)
	})
}

// callerOrg reads the organization of the caller's account.
func (h *Handler) callerOrg(ctx context.Context, c *call) (*store.Organization, error) {
	var o *store.Organization
	err := h.db.View(ctx, func(tx *store.Tx) error {
		var err error
		o, err = orgOf(tx, c.caller.Account)
		return err
	})
	return o, err
}

// read is manage for operations that change nothing.
func (h *Handler) read(ctx context.Context, c *call, name string, resource func(o *store.Organization) string, fn func(o *store.Organization) error) error {
	o, err := h.callerOrg(ctx, c)
	if err != nil {
		return err
	}
	res := "*"
	if resource != nil {
		res = resource(o)
	}
	if _, err := h.admit(ctx, c, name, o, res); err != nil {
		return err
	}
	return fn(o)
}

// authorizeIn asks authz whether the caller may run organizations:<name>
// in o on resource and on each of the call's other resources (c.also),
// with the call's condition keys and each resource's tags as
// aws:ResourceTag/<key>. AWS authorizes an action against every resource
// type the Service Authorization Reference lists for it: AttachPolicy
// needs the policy and the target allowed.
func (h *Handler) authorizeIn(ctx context.Context, c *call, name string, o *store.Organization, resource string) error {
	return h.authorizeEach(ctx, c, name, o, resource, authz.Check{})
}

// authorizeEach asks authz about organizations:<name> on resource and on
// each of the call's other resources (c.also): one Check per resource,
// made from base with the call's condition keys and the resource's tags.
func (h *Handler) authorizeEach(ctx context.Context, c *call, name string, o *store.Organization, resource string, base authz.Check) error {
	if c.keys != nil {
		base.Context = c.keys(o)
	}
	resources := []string{resource}
	if c.also != nil {
		resources = append(resources, c.also(o)...)
	}
	for _, arn := range resources {
		chk := base
		chk.Action, chk.Resource, chk.ResourceTags = "organizations:"+name, arn, tagsOfARN(o, arn)
		if err := h.authz.Authorize(ctx, chk); err != nil {
			return err
		}
	}
	return nil
}

// tagsOfARN returns the tags of the root, OU, account, policy or resource
// policy whose ARN is arn.
func tagsOfARN(o *store.Organization, arn string) []store.Tag {
	id := arn[strings.LastIndexByte(arn, '/')+1:]
	if targetARN(o, id) == arn || (o.Policies[id] != nil && o.Policies[id].ARN == arn) || (isResourcePolicy(o, id) && o.ResourcePolicy.ARN == arn) {
		return o.Tags[id]
	}
	return nil
}
