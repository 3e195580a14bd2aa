package emulator

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	s3emu "github.com/fakeaws/fakeaws/emulator/s3"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// explanation is what /_fakeaws/explain answers: the decision for a
// what-if request and, policy by policy and statement by statement, why.
// The top-level fields describe the first action; Results holds one entry
// per action asked.
type explanation struct {
	Principal string `json:"principal"`
	Action    string `json:"action"`
	// Operation is the S3 operation the question named ("" for none).
	Operation          string                   `json:"operation,omitempty"`
	Resource           string                   `json:"resource"`
	Decision           string                   `json:"decision"`
	Kind               string                   `json:"kind,omitempty"`
	Message            string                   `json:"message,omitempty"`
	Statements         []evaluator.StatementRef `json:"statements,omitempty"`
	Policies           []explainedPolicy        `json:"policies"`
	MissingContextKeys []string                 `json:"missingContextKeys,omitempty"`
	Notes              []string                 `json:"notes,omitempty"`
	Results            []actionResult           `json:"results"`
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

// actionResult explains one action: the outcome the client would get, and
// every authorization question the service would ask on the way.
type actionResult struct {
	Action   string `json:"action"`
	Decision string `json:"decision"`
	// ErrorCode, Status and Message are what the client would get ("" and
	// 0 when allowed).
	ErrorCode string `json:"errorCode,omitempty"`
	Status    int    `json:"status,omitempty"`
	Message   string `json:"message,omitempty"`
	// Hint explains a refusal no policy decided (root calling AssumeRole,
	// a missing bucket or role).
	Hint string `json:"hint,omitempty"`
	// WayIn names, for a logged refusal of a user's S3 request, a role the
	// user may assume whose sessions may do it (trustGraph.wayIn).
	WayIn string          `json:"wayIn,omitempty"`
	Steps []explainedStep `json:"steps"`
	Notes []string        `json:"notes,omitempty"`
}

// explainedStep is one question asked of the evaluator.
type explainedStep struct {
	Action             string                  `json:"action"`
	Resource           string                  `json:"resource"`
	ResourceAccount    string                  `json:"resourceAccount,omitempty"`
	Decision           string                  `json:"decision"`
	Kind               string                  `json:"kind,omitempty"`
	Message            string                  `json:"message,omitempty"`
	Sides              []evaluator.SideCheck   `json:"sides"`
	Policies           []evaluator.PolicyCheck `json:"policies"`
	MissingContextKeys []string                `json:"missingContextKeys,omitempty"`
}

type explainedPolicy struct {
	Kind    string                       `json:"kind"`
	Policy  string                       `json:"policy"`
	Allows  bool                         `json:"allows"`
	Denies  bool                         `json:"denies"`
	Matched []evaluator.StatementRef     `json:"matched,omitempty"`
	Failed  []evaluator.ConditionFailure `json:"failedConditions,omitempty"`
}

// explainQuery is a parsed /_fakeaws/explain request.
type explainQuery struct {
	principal string
	actions   []string
	resource  string
	context   map[string][]string
	draft     string
	// operation is the S3 operation that asks the action ("" for none):
	// the answer is then that operation's (s3emu.Question.Operation).
	operation string
	// caller is the logged caller of a requestId question (with its
	// session), nil otherwise.
	caller *authn.Caller
	// refused is the logged refusal of a requestId question that no
	// policy decided and that cannot be asked again (authentication
	// failed, or the service is not served): the log line is the answer.
	refused *authz.Record
}

// explain serves GET or POST /_fakeaws/explain with principal=ARN,
// action=A[,B...] (or several action=), resource=ARN, context.KEY=VALUE,
// policy=DRAFT (an identity policy tried without saving it),
// operation=NAME (the S3 operation that asks the one action named, among
// those explainOperations lists: CopyObject, CreateMultipartUpload), or
// requestId=ID (the principal, action, resource and condition keys of a
// logged decision). It decides the request as if the principal had sent
// it, through the same code the services run (S3's bucket policy, ACLs,
// Block Public Access and object ownership; STS's refusal of root callers
// and missing roles and the role's trust policy), and explains every
// statement's part. Nothing is logged.
func (s *Server) explain(w http.ResponseWriter, r *http.Request) {
	q, err := s.explainInput(r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	if q.refused != nil {
		writeJSON(w, http.StatusOK, refusalExplanation(q.refused))
		return
	}
	var draft *evaluator.NamedPolicy
	if q.draft != "" {
		pol, err := evaluator.Parse(q.draft, evaluator.KindIdentity)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "draft policy: " + err.Error()})
			return
		}
		draft = &evaluator.NamedPolicy{Name: "draft policy (not saved)", Policy: pol}
	}
	caller := q.caller
	if caller == nil {
		err = s.db.View(r.Context(), func(tx *store.Tx) error {
			var err error
			caller, err = explainCaller(tx, q.principal)
			return err
		})
	}
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
	ctx := context.WithoutCancel(r.Context())
	out := explanation{Principal: caller.ARN, Action: q.actions[0], Operation: q.operation, Resource: q.resource, Policies: []explainedPolicy{}}
	if caller.Anonymous() {
		out.Principal = "anonymous"
	}
	for _, action := range q.actions {
		res, first, err := s.explainAction(ctx, caller, action, q, draft)
		if err != nil {
			s.log.Error("explain", "err", err)
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
			return
		}
		if len(out.Results) == 0 {
			out.fillFirst(res, first)
		}
		out.Results = append(out.Results, res)
	}
	if q.caller != nil && out.Decision != evaluator.Allow.String() {
		// A logged request (requestId): the way the trust chain offers.
		if g, err := s.buildGraph(ctx); err == nil {
			out.Results[0].WayIn = g.wayIn(out.Principal, out.Action, out.Resource)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// fillFirst fills the top-level fields from the first action's result.
func (x *explanation) fillFirst(res actionResult, first *authz.Collected) {
	x.Decision, x.Notes = res.Decision, res.Notes
	if res.Decision != evaluator.Allow.String() {
		x.Message = res.Message
	}
	if first == nil {
		return
	}
	d := &first.Decision
	x.Statements, x.MissingContextKeys = d.Statements, d.MissingContextKeys
	x.SCP, x.RCP = orgLayerOf(d.SCP), orgLayerOf(d.RCP)
	if d.Effect != evaluator.Allow {
		x.Kind = d.Kind.String()
		// The operator sees the full reason even across accounts, worded
		// (and quoted, for S3) as the service words it.
		x.Message = d.MessageFor(first.Request, strings.HasPrefix(strings.ToLower(first.Request.Action), "s3:"))
	}
	for _, p := range d.Policies {
		x.Policies = append(x.Policies, explainedPolicy{Kind: p.Kind.String(), Policy: p.Policy,
			Allows: p.Allows, Denies: p.Denies, Matched: p.Matched, Failed: p.Failed})
	}
}

// explainAction runs one action through the service's own authorization
// and explains each question it asked. first is the question whose
// decision decided (the first denial, else the first question).
func (s *Server) explainAction(ctx context.Context, caller *authn.Caller, action string, q *explainQuery, draft *evaluator.NamedPolicy) (actionResult, *authz.Collected, error) {
	res := actionResult{Action: action, Steps: []explainedStep{}}
	col := &authz.Collector{Draft: draft}
	// Service is the action's, as a request signed for it would name it, so
	// an IAM question sees aws:RequestedRegion us-east-1 as the request
	// would (authz.requestedRegion); an S3 one sees its bucket's Region.
	service, _, _ := strings.Cut(strings.ToLower(action), ":")
	ctx = authz.WithCollector(authn.WithInfo(ctx, &authn.Info{Caller: *caller, Service: service, Time: s.opts.Now(), SourceIP: "127.0.0.1"}), col)
	refusal, notes, err := s.askService(ctx, caller, action, q)
	if err != nil {
		return res, nil, err
	}
	res.Notes = notes
	steps := col.Steps()
	var first *authz.Collected
	denied := false
	for i := range steps {
		st := &steps[i]
		res.Steps = append(res.Steps, s.explainStep(ctx, st))
		if first == nil || (!denied && st.Decision.Effect != evaluator.Allow) {
			first, denied = st, st.Decision.Effect != evaluator.Allow
		}
	}
	switch {
	case refusal != nil:
		res.ErrorCode, res.Status, res.Message = string(refusal.Code), refusal.Status, refusal.Message
		res.Decision = authz.Refused
		if len(steps) > 0 && first.Decision.Effect != evaluator.Allow {
			res.Decision = first.Decision.Effect.String()
		} else {
			res.Hint = authz.Hint(res.ErrorCode, res.Message)
		}
	case first != nil:
		res.Decision = evaluator.Allow.String()
	default:
		res.Decision = evaluator.Allow.String()
	}
	return res, first, nil
}

// askService asks the service that owns the resource how it would
// authorize action, collecting the questions in ctx's Collector. It
// returns the AWS error the client would get (nil when allowed).
func (s *Server) askService(ctx context.Context, caller *authn.Caller, action string, q *explainQuery) (*awserr.Error, []string, error) {
	var denied error
	var notes []string
	var err error
	switch {
	case strings.HasPrefix(q.resource, arns.BucketPrefix) && strings.HasPrefix(strings.ToLower(action), "s3:"):
		denied, notes, err = s.s3.Explain(ctx, caller, s3emu.Question{Action: action, Resource: q.resource, Context: q.context, Operation: q.operation})
	case strings.HasPrefix(strings.ToLower(action), "sts:assumerole") || strings.EqualFold(action, "sts:TagSession") ||
		strings.EqualFold(action, "sts:SetSourceIdentity"):
		var check authz.Check
		check, err = s.sts.ExplainAssume(ctx, caller, action, q.resource, q.context)
		if err == nil {
			denied = s.authz.Authorize(ctx, check)
		}
	default:
		check := authz.Check{Action: action, Resource: q.resource, Context: q.context}
		if a, err := arn.Parse(q.resource); err == nil && a.AccountID != "" {
			check.ResourceAccount = a.AccountID
		}
		denied = s.authz.Authorize(ctx, check)
	}
	if err != nil {
		if e, ok := awserr.As(err); ok {
			return e, notes, nil
		}
		return nil, nil, err
	}
	if denied != nil {
		e, ok := awserr.As(denied)
		if !ok {
			return nil, nil, denied
		}
		return e, notes, nil
	}
	return nil, notes, nil
}

// explainStep explains one collected question, statement by statement and
// side by side, and adds what the world knows (a bucket named in a near
// miss that does not exist).
func (s *Server) explainStep(ctx context.Context, c *authz.Collected) explainedStep {
	req, d := c.Request, &c.Decision
	checks := evaluator.WhyNot(req, c.Policies)
	s.noteMissingBuckets(ctx, checks)
	st := explainedStep{Action: req.Action, Resource: req.Resource, Decision: d.Effect.String(),
		Sides: evaluator.Sides(req, c.Policies, checks), Policies: checks, MissingContextKeys: d.MissingContextKeys}
	if st.Policies == nil {
		st.Policies = []evaluator.PolicyCheck{}
	}
	if req.ResourceAccount != req.Principal.Account {
		st.ResourceAccount = req.ResourceAccount
	}
	if d.Effect != evaluator.Allow {
		st.Kind = d.Kind.String()
		st.Message = d.MessageFor(req, strings.HasPrefix(strings.ToLower(req.Action), "s3:"))
	}
	return st
}

// noteMissingBuckets adds to each resource near miss that names an S3
// bucket whether that bucket exists: seed 004's
// arn:aws:s3:::222222222222/cross-account-bucket names a bucket called
// 222222222222, which there is not.
func (s *Server) noteMissingBuckets(ctx context.Context, checks []evaluator.PolicyCheck) {
	_ = s.db.View(ctx, func(tx *store.Tx) error {
		for i := range checks {
			for j := range checks[i].Statements {
				sc := &checks[i].Statements[j]
				for k := range sc.Parts {
					p := &sc.Parts[k]
					if p.Part != evaluator.PartResource || p.Matched {
						continue
					}
					rest, ok := strings.CutPrefix(p.Nearest, arns.BucketPrefix)
					bucket, _, _ := strings.Cut(rest, "/")
					if !ok || bucket == "" || strings.ContainsAny(bucket, "*?$") {
						continue
					}
					var b store.Bucket
					if err := tx.Get(store.Global, store.KindBucket, bucket, &b); errors.Is(err, store.ErrNotFound) {
						note := "; no bucket named \"" + bucket + "\" exists"
						p.Detail += note
						sc.Summary += note
					}
				}
			}
		}
		return nil
	})
}

// refusalExplanation explains a logged refusal no policy decided from the
// log line alone: what the client got, and the learner's hint.
func refusalExplanation(rec *authz.Record) explanation {
	what := rec.Operation
	if what == "" {
		what = rec.Action
	}
	if what == "" {
		what = "request"
	}
	return explanation{Principal: rec.Principal, Action: rec.Action, Resource: rec.Resource, Decision: authz.Refused,
		Message: rec.Message, Policies: []explainedPolicy{},
		Results: []actionResult{{Action: what, Decision: authz.Refused, ErrorCode: rec.ErrorCode, Status: rec.Status,
			Message: rec.Message, Hint: rec.Hint, Steps: []explainedStep{}}}}
}

type badExplainInput struct{ msg string }

func (e *badExplainInput) Error() string { return e.msg }

// explainInput reads the question from the query or form, or from the
// logged decision named by requestId.
func (s *Server) explainInput(r *http.Request) (*explainQuery, error) {
	if err := r.ParseForm(); err != nil {
		return nil, &badExplainInput{"bad form: " + err.Error()}
	}
	f := r.Form
	q := &explainQuery{principal: f.Get("principal"), resource: f.Get("resource"), context: map[string][]string{},
		draft: strings.TrimSpace(f.Get("policy")), operation: strings.TrimSpace(f.Get("operation"))}
	for _, a := range f["action"] {
		for _, one := range strings.Split(a, ",") {
			if one = strings.TrimSpace(one); one != "" {
				q.actions = append(q.actions, one)
			}
		}
	}
	for k, v := range f {
		if key, ok := strings.CutPrefix(k, "context."); ok {
			q.context[key] = v
		}
	}
	if id := f.Get("requestId"); id != "" {
		if q.operation != "" {
			return nil, &badExplainInput{"operation is for what-if questions: a logged request (requestId) is explained as the operation it was"}
		}
		rec, ok := s.authz.Log().Find(id)
		if !ok {
			return nil, &badExplainInput{"no logged decision with requestId " + id}
		}
		if rec.Decision == authz.Refused && (rec.Action == "" || !strings.HasPrefix(rec.Principal, "arn:")) {
			return &explainQuery{refused: &rec}, nil
		}
		// The logged caller keeps its session: its session policies limit
		// the explained decision as they limited the real one.
		q.principal, q.actions, q.resource, q.caller = rec.Principal, []string{rec.Action}, rec.Resource, rec.Caller
		for k, v := range rec.Context {
			q.context[k] = v
		}
	}
	if q.principal == "" || len(q.actions) == 0 {
		return nil, &badExplainInput{"principal and action are required"}
	}
	if q.resource == "" {
		q.resource = "*"
	}
	if err := checkOperation(q); err != nil {
		return nil, err
	}
	return q, nil
}

// checkOperation refuses a question whose operation cannot be asked
// (s3emu.CheckOperation): it must ask the question's one action of the
// object named. Fail closed: a question the operation would not ask is
// not answered as if it named none.
func checkOperation(q *explainQuery) error {
	if q.operation == "" {
		return nil
	}
	if len(q.actions) != 1 {
		return &badExplainInput{"operation " + q.operation + " names the operation of one action: ask one action at a time"}
	}
	err := s3emu.CheckOperation(s3emu.Question{Operation: q.operation, Action: q.actions[0], Resource: q.resource, Context: q.context})
	if err != nil {
		return &badExplainInput{err.Error()}
	}
	return nil
}

// explainOperations serves GET /_fakeaws/explain/operations: for each
// action, the S3 operations a what-if question may name with it
// (operation=), for the console's what-if form.
func (s *Server) explainOperations(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s3emu.Operations())
}

// explainCaller turns a principal ARN into the caller that would send the
// request: the root user, an IAM user, or a session of an IAM role.
func explainCaller(tx *store.Tx, principal string) (*authn.Caller, error) {
	if principal == "anonymous" || principal == "*" {
		return &authn.Caller{Type: evaluator.PrincipalAnonymous}, nil
	}
	if arns.IsAccountID(principal) {
		principal = authn.RootARN(principal)
	}
	a, err := arn.Parse(principal)
	if err != nil {
		return nil, &badExplainInput{"principal must be an ARN, an account id or \"anonymous\""}
	}
	account, res := a.AccountID, a.Resource
	name := res[strings.LastIndexByte(res, '/')+1:]
	switch {
	case a.Service == "iam" && res == "root":
		return &authn.Caller{Type: evaluator.PrincipalAccount, Account: account, ARN: principal, UserID: account}, nil
	case a.Service == "iam" && strings.HasPrefix(res, "user/"):
		var u store.User
		if err := tx.Get(account, store.KindUser, strings.ToLower(name), &u); err != nil {
			return nil, notFound(err, "no such user "+principal)
		}
		return &authn.Caller{Type: evaluator.PrincipalUser, Account: account, ARN: u.ARN, UserID: u.ID, UserName: u.Name}, nil
	case a.Service == "iam" && strings.HasPrefix(res, "role/"):
		return roleSession(tx, account, name, "explain")
	case a.Service == "sts" && strings.HasPrefix(res, "assumed-role/"):
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
