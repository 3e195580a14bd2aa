package emulator

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/principals"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// explanation is what /_fakeaws/explain answers: the decision for a
// what-if request and, policy by policy, why.
type explanation struct {
	Principal          string                   `json:"principal"`
	Action             string                   `json:"action"`
	Resource           string                   `json:"resource"`
	Decision           string                   `json:"decision"`
	Kind               string                   `json:"kind,omitempty"`
	Message            string                   `json:"message,omitempty"`
	Statements         []evaluator.StatementRef `json:"statements,omitempty"`
	Policies           []explainedPolicy        `json:"policies"`
	MissingContextKeys []string                 `json:"missingContextKeys,omitempty"`
	Notes              []string                 `json:"notes,omitempty"`
	// SCP and RCP are the Organizations layers, level by level (absent
	// when none applied).
	SCP *orgLayer `json:"scp,omitempty"`
	RCP *orgLayer `json:"rcp,omitempty"`
}

// orgLayer is an evaluator.OrgResult as the explainer shows it.
type orgLayer struct {
	Allowed bool       `json:"allowed"`
	Denied  bool       `json:"denied"`
	Levels  []orgLevel `json:"levels"`
}

type orgLevel struct {
	Target string `json:"target"`
	Allows bool   `json:"allows"`
	Denies bool   `json:"denies"`
}

func orgLayerOf(r *evaluator.OrgResult) *orgLayer {
	if r == nil {
		return nil
	}
	l := &orgLayer{Allowed: r.Allowed, Denied: r.Denied, Levels: []orgLevel{}}
	for _, lv := range r.Levels {
		l.Levels = append(l.Levels, orgLevel(lv))
	}
	return l
}

type explainedPolicy struct {
	Kind    string                       `json:"kind"`
	Policy  string                       `json:"policy"`
	Allows  bool                         `json:"allows"`
	Denies  bool                         `json:"denies"`
	Matched []evaluator.StatementRef     `json:"matched,omitempty"`
	Failed  []evaluator.ConditionFailure `json:"failedConditions,omitempty"`
}

// explain serves GET /_fakeaws/explain?principal=ARN&action=A&resource=ARN
// [&context.KEY=VALUE...]: it decides the request as if the principal had
// sent it, with the same policies the real request would meet (identity,
// boundary, the bucket policy of an S3 resource, the trust policy of a role
// for sts:AssumeRole*), and explains every policy's part. Nothing is logged.
func (s *Server) explain(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	principal, action, resource := q.Get("principal"), q.Get("action"), q.Get("resource")
	if principal == "" || action == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "principal and action are required"})
		return
	}
	if resource == "" {
		resource = "*"
	}
	check := authz.Check{Action: action, Resource: resource, Explain: true, Context: map[string][]string{}}
	for k, v := range q {
		if key, ok := strings.CutPrefix(k, "context."); ok {
			check.Context[key] = v
		}
	}
	var notes []string
	err := s.db.View(r.Context(), func(tx *store.Tx) error {
		caller, err := explainCaller(tx, principal)
		if err != nil {
			return err
		}
		check.Caller = caller
		notes, err = explainResource(tx, &check)
		return err
	})
	var bad *badExplainInput
	switch {
	case errors.As(err, &bad):
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": bad.msg})
		return
	case err != nil:
		s.log.Error("explain", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		return
	}
	d, req, err := s.authz.Decide(context.WithoutCancel(r.Context()), check)
	if err != nil {
		s.log.Error("explain", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		return
	}
	out := explanation{Principal: req.Principal.ARN, Action: action, Resource: resource,
		Decision: d.Effect.String(), Statements: d.Statements, MissingContextKeys: d.MissingContextKeys,
		Policies: []explainedPolicy{}, Notes: notes, SCP: orgLayerOf(d.SCP), RCP: orgLayerOf(d.RCP)}
	if d.Effect != evaluator.Allow {
		out.Kind = d.Kind.String()
		// The operator sees the full reason even across accounts, worded
		// (and quoted, for S3) as the service words it.
		out.Message = d.MessageFor(req, strings.HasPrefix(strings.ToLower(action), "s3:"))
	}
	for _, p := range d.Policies {
		out.Policies = append(out.Policies, explainedPolicy{Kind: p.Kind.String(), Policy: p.Policy,
			Allows: p.Allows, Denies: p.Denies, Matched: p.Matched, Failed: p.Failed})
	}
	writeJSON(w, http.StatusOK, out)
}

type badExplainInput struct{ msg string }

func (e *badExplainInput) Error() string { return e.msg }

// explainCaller turns a principal ARN into the caller that would send the
// request: the root user, an IAM user, or a session of an IAM role.
func explainCaller(tx *store.Tx, principal string) (*authn.Caller, error) {
	if principal == "anonymous" || principal == "*" {
		return &authn.Caller{Type: evaluator.PrincipalAnonymous}, nil
	}
	if len(principal) == 12 && strings.Trim(principal, "0123456789") == "" {
		principal = authn.RootARN(principal)
	}
	parts := strings.SplitN(principal, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return nil, &badExplainInput{"principal must be an ARN, an account id or \"anonymous\""}
	}
	account, res := parts[4], parts[5]
	name := res[strings.LastIndexByte(res, '/')+1:]
	switch {
	case parts[2] == "iam" && res == "root":
		return &authn.Caller{Type: evaluator.PrincipalAccount, Account: account, ARN: principal, UserID: account}, nil
	case parts[2] == "iam" && strings.HasPrefix(res, "user/"):
		var u store.User
		if err := tx.Get(account, store.KindUser, strings.ToLower(name), &u); err != nil {
			return nil, notFound(err, "no such user "+principal)
		}
		return &authn.Caller{Type: evaluator.PrincipalUser, Account: account, ARN: u.ARN, UserID: u.ID, UserName: u.Name}, nil
	case parts[2] == "iam" && strings.HasPrefix(res, "role/"):
		return roleSession(tx, account, name, "explain")
	case parts[2] == "sts" && strings.HasPrefix(res, "assumed-role/"):
		role, session, _ := strings.Cut(strings.TrimPrefix(res, "assumed-role/"), "/")
		return roleSession(tx, account, role, session)
	}
	return nil, &badExplainInput{"unsupported principal " + principal}
}

func roleSession(tx *store.Tx, account, roleName, session string) (*authn.Caller, error) {
	var role store.Role
	if err := tx.Get(account, store.KindRole, strings.ToLower(roleName), &role); err != nil {
		return nil, notFound(err, "no such role "+roleName+" in "+account)
	}
	return &authn.Caller{Type: evaluator.PrincipalAssumedRole, Account: account,
		ARN:    authn.AssumedRoleARN(account, role.Name, session),
		UserID: role.ID + ":" + session,
		Session: &store.Session{Kind: "AssumeRole", Account: account, RoleName: role.Name, RoleARN: role.ARN,
			RoleID: role.ID, SessionName: session}}, nil
}

func notFound(err error, msg string) error {
	if errors.Is(err, store.ErrNotFound) {
		return &badExplainInput{msg}
	}
	return err
}

// explainResource adds the resource-based policy the real request would
// meet: an S3 bucket's policy, or a role's trust policy for sts:AssumeRole*.
func explainResource(tx *store.Tx, c *authz.Check) (notes []string, err error) {
	if bucketAndKey, ok := strings.CutPrefix(c.Resource, "arn:aws:s3:::"); ok {
		bucket, _, _ := strings.Cut(bucketAndKey, "/")
		var b store.Bucket
		if err := tx.Get(store.Global, store.KindBucket, bucket, &b); err != nil {
			return nil, notFound(err, "no such bucket "+bucket)
		}
		c.ResourceAccount = b.Account
		c.ResourceKind = evaluator.KindResource
		notes = append(notes, "S3 ACLs, Block Public Access and object ownership are not part of this explanation; real S3 requests apply them too")
		if b.Policy == "" {
			return notes, nil
		}
		doc, err := principals.Resolve(tx, b.Policy, b.PolicyPrincipalIDs)
		if err != nil {
			return nil, err
		}
		pol, err := evaluator.Parse(doc, evaluator.KindResource)
		if err != nil {
			return nil, err
		}
		c.ResourcePolicy = &evaluator.NamedPolicy{Name: "bucket policy of " + bucket, Policy: pol}
		return notes, nil
	}
	parts := strings.SplitN(c.Resource, ":", 6)
	if len(parts) != 6 {
		return nil, nil
	}
	c.ResourceAccount = parts[4]
	if parts[2] != "iam" || !strings.HasPrefix(parts[5], "role/") || !strings.HasPrefix(strings.ToLower(c.Action), "sts:assumerole") {
		return nil, nil
	}
	name := parts[5][strings.LastIndexByte(parts[5], '/')+1:]
	var role store.Role
	if err := tx.Get(parts[4], store.KindRole, strings.ToLower(name), &role); err != nil {
		return nil, notFound(err, "no such role "+c.Resource)
	}
	doc, err := principals.TrustPolicy(tx, &role)
	if err != nil {
		return nil, err
	}
	pol, err := evaluator.Parse(doc, evaluator.KindTrust)
	if err != nil {
		return nil, err
	}
	c.ResourcePolicy = &evaluator.NamedPolicy{Name: "trust policy of role/" + role.Name, Policy: pol}
	c.ResourceKind = evaluator.KindTrust
	c.ResourceTags = role.Tags
	return nil, nil
}
