package accessanalyzer

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// SigningName is the SigV4 service name of IAM Access Analyzer.
const SigningName = "access-analyzer"

// maxBody bounds a request body: a policy document is at most a few KB
// (the API allows policyDocument up to about 1 MB with its JSON escaping).
const maxBody = 2 << 20

// DB is the part of the store the handler reads (the world check).
type DB interface {
	View(ctx context.Context, fn func(*store.Tx) error) error
}

// Authorizer decides access-analyzer:* actions.
type Authorizer interface {
	Authorize(ctx context.Context, c authz.Check) error
}

// Options configure a Handler.
type Options struct {
	DB     DB
	Authz  Authorizer
	Logger *slog.Logger
}

// Handler serves IAM Access Analyzer's ValidatePolicy and the custom
// policy checks (CheckAccessNotGranted, CheckNoNewAccess,
// CheckNoPublicAccess).
type Handler struct {
	db     DB
	authz  Authorizer
	logger *slog.Logger
}

// New returns a Handler.
func New(opts Options) *Handler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Handler{db: opts.DB, authz: opts.Authz, logger: opts.Logger}
}

// validatePolicyInput is the request body (API reference, ValidatePolicy).
type validatePolicyInput struct {
	Locale                     string  `json:"locale"`
	PolicyDocument             *string `json:"policyDocument"`
	PolicyType                 string  `json:"policyType"`
	ValidatePolicyResourceType string  `json:"validatePolicyResourceType"`
}

// validLocale are ValidatePolicy's locales (API reference, ValidatePolicy:
// DE | EN | ES | FR | IT | JA | KO | PT_BR | ZH_CN | ZH_TW). fakeaws answers
// every one in English (docs/deviations.md).
var validLocale = map[string]bool{"DE": true, "EN": true, "ES": true, "FR": true, "IT": true, "JA": true,
	"KO": true, "PT_BR": true, "ZH_CN": true, "ZH_TW": true}

type validatePolicyOutput struct {
	Findings  []Finding `json:"findings"`
	NextToken *string   `json:"nextToken,omitempty"`
}

// operation is one REST-JSON operation the handler serves.
type operation struct {
	name  string
	serve func(h *Handler, r *http.Request) (any, error)
}

// operations maps each POST path to its operation (API reference, request
// syntax of each).
var operations = map[string]operation{
	"/policy/validation": {"ValidatePolicy", func(h *Handler, r *http.Request) (any, error) {
		return h.validatePolicy(r)
	}},
	"/policy/check-access-not-granted": {"CheckAccessNotGranted", (*Handler).checkAccessNotGranted},
	"/policy/check-no-new-access":      {"CheckNoNewAccess", (*Handler).checkNoNewAccess},
	"/policy/check-no-public-access":   {"CheckNoPublicAccess", (*Handler).checkNoPublicAccess},
}

// ServeHTTP serves one authenticated request (authn.Info in its context).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	info := authn.FromContext(r.Context())
	op, ok := operations[strings.TrimSuffix(r.URL.Path, "/")]
	if r.Method != http.MethodPost || !ok {
		WriteError(w, info.RequestID, awserr.New("UnknownOperationException", http.StatusNotFound, "Unknown operation"))
		return
	}
	if info.Caller.Anonymous() {
		WriteError(w, info.RequestID, awserr.New("MissingAuthenticationTokenException", http.StatusForbidden, "Missing Authentication Token"))
		return
	}
	out, err := op.serve(h, r)
	if err != nil {
		if _, ok := awserr.As(err); !ok {
			h.logger.Error("internal error", "requestId", info.RequestID, "operation", op.name, "err", err)
		}
		WriteError(w, info.RequestID, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	awserr.SetRequestID(w.Header(), info.RequestID)
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(out)
}

// validatePolicy decodes, authorizes and runs the checks, then pages the
// findings (maxResults, nextToken in the query).
func (h *Handler) validatePolicy(r *http.Request) (*validatePolicyOutput, error) {
	var in validatePolicyInput
	if err := readJSON(r, &in); err != nil {
		return nil, err
	}
	if in.PolicyDocument == nil {
		return nil, validationError("1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null")
	}
	if !PolicyType(in.PolicyType).Valid() {
		return nil, validationError("1 validation error detected: Value '" + in.PolicyType +
			"' at 'policyType' failed to satisfy constraint: Member must satisfy enum value set: [SERVICE_CONTROL_POLICY, RESOURCE_POLICY, IDENTITY_POLICY, RESOURCE_CONTROL_POLICY]")
	}
	if in.Locale != "" && !validLocale[in.Locale] {
		return nil, validationError("1 validation error detected: Value '" + in.Locale +
			"' at 'locale' failed to satisfy constraint: Member must satisfy enum value set: [DE, EN, ES, FR, IT, JA, KO, PT_BR, ZH_CN, ZH_TW]")
	}
	start, limit, err := page(r)
	if err != nil {
		return nil, err
	}
	if err := h.authz.Authorize(r.Context(), authz.Check{Action: "access-analyzer:ValidatePolicy", Resource: "*"}); err != nil {
		return nil, err
	}
	var findings []Finding
	err = h.db.View(r.Context(), func(tx *store.Tx) error {
		findings = Validate(Input{Document: *in.PolicyDocument, Type: PolicyType(in.PolicyType),
			ResourceType: in.ValidatePolicyResourceType, World: TxWorld{tx}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := &validatePolicyOutput{Findings: []Finding{}}
	if start < len(findings) {
		end := min(start+limit, len(findings))
		out.Findings = findings[start:end]
		if end < len(findings) {
			tok := base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end)))
			out.NextToken = &tok
		}
	}
	return out, nil
}

// page reads maxResults (default: all) and nextToken (an opaque offset).
func page(r *http.Request) (start, limit int, err error) {
	q := r.URL.Query()
	limit = int(^uint(0) >> 1)
	if s := q.Get("maxResults"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return 0, 0, validationError("maxResults must be a positive integer")
		}
		limit = n
	}
	if s := q.Get("nextToken"); s != "" {
		b, err := base64.RawURLEncoding.DecodeString(s)
		n, err2 := strconv.Atoi(string(b))
		if err != nil || err2 != nil || n < 0 {
			return 0, 0, validationError("Invalid nextToken")
		}
		start = n
	}
	return start, limit, nil
}

func validationError(msg string) *awserr.Error {
	e := awserr.New("ValidationException", http.StatusBadRequest, msg)
	e.Fields = append(e.Fields, [2]string{"reason", "other"})
	return e
}

// WriteError writes err in the REST-JSON envelope: x-amzn-ErrorType and
// {"message": ...}. AccessDenied from authz becomes AccessDeniedException
// (403), the code this API uses.
func WriteError(w http.ResponseWriter, requestID string, err error) {
	e, ok := awserr.As(err)
	if !ok {
		e = awserr.Internal()
		e.Code = "InternalServerException"
	}
	code := string(e.Code)
	status := e.Status
	if code == "AccessDenied" {
		code, status = "AccessDeniedException", http.StatusForbidden
	}
	body := map[string]string{"message": e.Message}
	for _, f := range e.Fields {
		body[f[0]] = f[1]
	}
	w.Header().Set("Content-Type", "application/json")
	awserr.SetRequestID(w.Header(), requestID)
	// x-amzn-ErrorType in AWS's spelling, as the REST-JSON protocol
	// sends it (not Go's canonical X-Amzn-Errortype).
	w.Header()["x-amzn-ErrorType"] = []string{code}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// TxWorld answers World questions from one read transaction.
type TxWorld struct{ Tx *store.Tx }

// BucketExists reports whether the bucket exists.
func (t TxWorld) BucketExists(name string) bool {
	return t.Tx.Exists(store.Global, store.KindBucket, name)
}

// RoleExists reports whether account has a role called name.
func (t TxWorld) RoleExists(account, name string) bool {
	return t.Tx.Exists(account, store.KindRole, strings.ToLower(name))
}

// UserExists reports whether account has a user called name.
func (t TxWorld) UserExists(account, name string) bool {
	return t.Tx.Exists(account, store.KindUser, strings.ToLower(name))
}
