package evaluator

import (
	"strings"
	"sync/atomic"
)

// StatementRef names one statement that took part in a decision.
type StatementRef struct {
	Kind   Kind
	Policy string // NamedPolicy.Name
	Sid    string
	Index  int // 0-based statement index in the policy
	Effect string
	// Start and End are the 1-based line/column of the statement's opening
	// and closing braces in the policy document (IAM's StartPosition and
	// EndPosition).
	Start, End Position
}

// ConditionFailure is a statement whose action, resource and principal
// matched but whose condition did not hold.
type ConditionFailure struct {
	Statement StatementRef
	Operator  string // as written, e.g. "StringEquals"
	Key       string // as written, e.g. "aws:SourceIp"
	Missing   bool   // the key was absent from the request context
}

// PolicyResult is what one policy contributed to a decision (filled by
// EvaluatePolicies only).
type PolicyResult struct {
	Kind   Kind
	Policy string
	// Allows and Denies report whether an Allow / Deny statement applied.
	Allows, Denies bool
	// Matched are the statements that applied.
	Matched []StatementRef
	// Failed are statements that matched action, resource and principal
	// but failed a condition.
	Failed []ConditionFailure
}

// Decision is the verdict and the reasons for it.
type Decision struct {
	Effect Effect
	// Kind is the policy kind that explicitly denied, or, for an implicit
	// deny, the kind that failed to allow. For Allow it is the kind of the
	// first deciding statement.
	Kind Kind
	// Statements are the statements that decided (matching Deny statements
	// for ExplicitDeny; matching Allow statements for Allow).
	Statements []StatementRef
	// Matched lists every statement that applied to the request, across
	// all policies (EvaluatePolicies only).
	Matched []StatementRef
	// MissingContextKeys are condition keys, as written in the policies,
	// referenced by statements whose action, resource and principal
	// matched, that were absent from the request context.
	MissingContextKeys []string
	// Policies details each policy's contribution (EvaluatePolicies only).
	Policies []PolicyResult
	// SCP and RCP report the AWS Organizations layers: nil when no
	// service control policy (resource control policy) applied.
	SCP, RCP *OrgResult
}

// refCache keeps, per Policy, the StatementRefs for the name/kind it was
// last evaluated under, so Evaluate can report deciding statements without
// allocating.
type refCache struct {
	p atomic.Pointer[refEntry]
}

type refEntry struct {
	name string
	kind Kind
	refs []StatementRef
}

func (p *Policy) ref(name string, kind Kind, i int) []StatementRef {
	r := p.refs.p.Load()
	if r == nil || r.name != name || r.kind != kind {
		r = &refEntry{name: name, kind: kind, refs: make([]StatementRef, len(p.stmts))}
		for j := range p.stmts {
			st := &p.stmts[j]
			r.refs[j] = StatementRef{Kind: kind, Policy: name, Sid: st.sid, Index: j, Effect: effectName(st.allow), Start: st.start, End: st.end}
		}
		p.refs.p.Store(r)
	}
	return r.refs[i : i+1 : i+1]
}

type evalState struct {
	req         *Request
	d           *Decision
	detailed    bool
	sameAccount bool
	// boundary is set when the caller is an IAM user or role session with
	// a permissions boundary: a Deny with NotPrincipal then applies to it
	// whatever the NotPrincipal lists (NotPrincipal page, key points).
	boundary  bool
	actionSvc uint64 // serviceHash(req.Action)
	// identitySide is hasIdentitySide(req), asked once.
	identitySide bool
}

// side is the combined result of the policies of one kind.
type side struct {
	allow, deny       bool
	cls               principalClass
	allowRef, denyRef []StatementRef
}

// applies evaluates one statement: action, resource, principal, then every
// condition. It returns whether the statement applies and how it named the
// principal.
func (e *evalState) applies(st *statement, np *NamedPolicy, kind Kind, pr *PolicyResult) (bool, principalClass) {
	req := e.req
	hit := false
	for i := range st.actions {
		if h := st.actSvc[i]; h != 0 && h != e.actionSvc {
			continue
		}
		if st.actions[i].match(req.Action, true, e) {
			hit = true
			break
		}
	}
	if hit == st.notAction {
		return false, clsNone
	}
	if st.hasResource {
		hit = false
		for i := range st.resources {
			if st.resources[i].match(req.Resource, e) {
				hit = true
				break
			}
		}
		if hit == st.notResource {
			return false, clsNone
		}
	}
	cls := clsAny
	if st.hasPrincipal {
		if st.notPrincipal {
			if !(e.boundary && !st.allow) && st.principals.excludes(&req.Principal, e.sameAccount) {
				return false, clsNone
			}
		} else if cls = st.principals.match(&req.Principal); cls == clsNone {
			return false, clsNone
		}
	}
	ok := true
	for i := range st.conds {
		c := &st.conds[i]
		r, missing := c.eval(e)
		if missing {
			e.noteMissing(c.Key)
		}
		if !r {
			ok = false
			if pr != nil {
				ref := np.Policy.ref(np.Name, kind, st.index)[0]
				pr.Failed = append(pr.Failed, ConditionFailure{Statement: ref, Operator: c.Operator, Key: c.Key, Missing: missing})
			}
		}
	}
	return ok, cls
}

func (e *evalState) noteMissing(key string) {
	for _, k := range e.d.MissingContextKeys {
		if strings.EqualFold(k, key) {
			return
		}
	}
	e.d.MissingContextKeys = append(e.d.MissingContextKeys, key)
}

func (e *evalState) evalPolicy(np *NamedPolicy, kind Kind, s *side) {
	if np == nil || np.Policy == nil {
		return
	}
	pol := np.Policy
	var pr *PolicyResult
	if e.detailed {
		e.d.Policies = append(e.d.Policies, PolicyResult{Kind: kind, Policy: np.Name})
		pr = &e.d.Policies[len(e.d.Policies)-1]
	}
	for i := range pol.stmts {
		st := &pol.stmts[i]
		ok, cls := e.applies(st, np, kind, pr)
		if !ok {
			continue
		}
		if pr != nil {
			ref := pol.ref(np.Name, kind, i)[0]
			pr.Matched = append(pr.Matched, ref)
			e.d.Matched = append(e.d.Matched, ref)
		}
		if st.allow {
			if pr != nil {
				pr.Allows = true
			}
			if !s.allow || cls > s.cls {
				s.allowRef = pol.ref(np.Name, kind, i)
			}
			s.allow = true
			if cls > s.cls {
				s.cls = cls
			}
		} else {
			if pr != nil {
				pr.Denies = true
			}
			if !s.deny {
				s.denyRef = pol.ref(np.Name, kind, i)
			}
			s.deny = true
		}
	}
}

// Evaluate decides req against ps, following AWS's policy evaluation logic
// (see the package documentation). It does not fill Decision.Matched or
// Decision.Policies; use EvaluatePolicies for that.
func Evaluate(req *Request, ps *PolicySet) Decision {
	return evaluate(req, ps, false)
}

// EvaluatePolicies is Evaluate that also records, for each policy, the
// statements that applied and those that failed a condition (for IAM's
// policy simulator).
func EvaluatePolicies(req *Request, ps *PolicySet) Decision {
	return evaluate(req, ps, true)
}

// isSTSAssume reports whether action is one a role trust policy governs.
func isWebOrSAML(action string) bool {
	return equalFoldASCII(action, "sts:AssumeRoleWithWebIdentity") || equalFoldASCII(action, "sts:AssumeRoleWithSAML")
}

// newEvalState prepares the evaluation of req against ps, recording into d.
// Evaluate, WhyNot and Sides all start from it, so they read the policies
// alike.
func newEvalState(req *Request, ps *PolicySet, d *Decision) evalState {
	id := hasIdentitySide(req)
	return evalState{req: req, d: d, actionSvc: serviceHash(req.Action), identitySide: id,
		sameAccount: req.ResourceAccount == "" || req.ResourceAccount == req.Principal.Account,
		boundary:    id && ps.Boundary != nil}
}

// sessionPoliciesApply reports whether the session policies take part: for
// a caller with an identity side, and for a root user, whose session policy
// can only be an sts:AssumeRoot task policy (of which only the denies
// count: a root user needs no allow in its own account).
func (e *evalState) sessionPoliciesApply() bool {
	return e.identitySide || e.req.Principal.Type == PrincipalAccount
}

func evaluate(req *Request, ps *PolicySet, detailed bool) Decision {
	var d Decision
	e := newEvalState(req, ps, &d)
	e.detailed = detailed
	identitySide := e.identitySide
	resKind := KindResource
	if ps.ResourceKind == KindTrust {
		resKind = KindTrust
	}

	var s sides
	s.resKind = resKind
	if identitySide {
		for i := range ps.Identity {
			e.evalPolicy(&ps.Identity[i], KindIdentity, &s.id)
		}
		e.evalPolicy(ps.Boundary, KindBoundary, &s.bd)
	}
	if e.sessionPoliciesApply() {
		for i := range ps.Session {
			e.evalPolicy(&ps.Session[i], KindSession, &s.ss)
		}
	}
	e.evalPolicy(ps.Resource, resKind, &s.rs)
	for i := range ps.ExtraResource {
		e.evalPolicy(&ps.ExtraResource[i], KindResource, &s.rs)
	}
	rcp := e.evalOrg(ps.RCP, KindRCP, &d.RCP)
	scp := e.evalOrg(ps.SCP, KindSCP, &d.SCP)

	// 1. An explicit deny in any policy wins.
	if k, refs, ok := s.explicitDeny(&rcp, &scp); ok {
		return d.deny(ExplicitDeny, k, refs)
	}
	// 2. Organizations' guardrails: every level of the resource's RCPs and
	// of the principal's SCPs must allow, before any policy can grant.
	if rcp.applied && !rcp.allow {
		return d.deny(ImplicitDeny, KindRCP, nil)
	}
	if scp.applied && !scp.allow {
		return d.deny(ImplicitDeny, KindSCP, nil)
	}
	// 3. Allows.
	if !identitySide {
		return e.withoutIdentitySide(&s)
	}
	c := newCaps(ps, &s)
	switch {
	case resKind == KindTrust:
		return e.trust(&s, &c)
	case e.sameAccount:
		return e.sameAccountAllow(&s, &c)
	}
	return e.crossAccount(&s, &c)
}

// hasIdentitySide reports whether the caller has identity-based policies
// that take part: IAM users, role sessions and GetFederationToken users, but
// not for web-identity or SAML federation.
func hasIdentitySide(req *Request) bool {
	if isWebOrSAML(req.Action) {
		return false
	}
	switch req.Principal.Type {
	case PrincipalUser, PrincipalAssumedRole:
		return true
	case PrincipalFederatedUser:
		return req.Principal.Federated == ""
	}
	return false
}

// sides holds the combined result of each kind of policy.
type sides struct {
	id, bd, ss, rs side
	resKind        Kind
}

// explicitDeny reports the first kind with an applicable Deny statement, in
// the order of AWS's evaluation flow chart: RCPs, SCPs, then the account's
// own policies.
func (s *sides) explicitDeny(rcp, scp *orgSide) (Kind, []StatementRef, bool) {
	switch {
	case rcp.deny:
		return KindRCP, rcp.denyRef, true
	case scp.deny:
		return KindSCP, scp.denyRef, true
	case s.id.deny:
		return KindIdentity, s.id.denyRef, true
	case s.bd.deny:
		return KindBoundary, s.bd.denyRef, true
	case s.ss.deny:
		return KindSession, s.ss.denyRef, true
	case s.rs.deny:
		k := s.resKind
		if len(s.rs.denyRef) > 0 {
			k = s.rs.denyRef[0].Kind
		}
		return k, s.rs.denyRef, true
	}
	return 0, nil, false
}

// withoutIdentitySide decides for callers with no identity policies: the
// root user, anonymous callers, AWS services and web-identity/SAML
// federation.
func (e *evalState) withoutIdentitySide(s *sides) Decision {
	d := e.d
	if e.req.Principal.Type == PrincipalAccount {
		// The root user: no identity policies, nothing caps it.
		if s.resKind == KindTrust || !e.sameAccount {
			if !s.rs.allow {
				return d.deny(ImplicitDeny, s.resKind, nil)
			}
			return d.allow(s.resKind, s.rs.allowRef)
		}
		d.Effect, d.Kind = Allow, KindIdentity
		return *d
	}
	// Anonymous, services, web-identity/SAML federation: only the
	// resource (or trust) policy can allow.
	if s.rs.allow {
		return d.allow(s.resKind, s.rs.allowRef)
	}
	return d.deny(ImplicitDeny, s.resKind, nil)
}

// caps is how the permissions boundary and session policies limit the
// identity side.
type caps struct {
	hasBoundary, sessionLimits bool
	// ok: the boundary and session policies (where present) allow.
	ok bool
	// capKind is the cap that failed; sideKind the kind an implicit deny
	// of the whole identity side is reported against.
	capKind, sideKind Kind
	// sideOK: identity ∩ boundary ∩ session allows.
	sideOK bool
}

func newCaps(ps *PolicySet, s *sides) caps {
	c := caps{hasBoundary: ps.Boundary != nil, sessionLimits: len(ps.Session) > 0}
	bOK := !c.hasBoundary || s.bd.allow
	sOK := !c.sessionLimits || s.ss.allow
	c.ok = bOK && sOK
	c.capKind = KindBoundary
	if bOK {
		c.capKind = KindSession
	}
	c.sideOK = s.id.allow && c.ok
	c.sideKind = KindIdentity
	if s.id.allow {
		c.sideKind = c.capKind
	}
	return c
}

// addCaps adds the boundary's and session policies' allowing statements.
func (e *evalState) addCaps(s *sides, c *caps) {
	if c.hasBoundary {
		e.d.add(s.bd.allowRef)
	}
	if c.sessionLimits {
		e.d.add(s.ss.allowRef)
	}
}

// trust decides sts:AssumeRole*: the trust policy must allow; when it names
// the caller's account rather than the caller, the identity side must too.
func (e *evalState) trust(s *sides, c *caps) Decision {
	d := e.d
	switch {
	case !s.rs.allow:
		return d.deny(ImplicitDeny, KindTrust, nil)
	case e.sameAccount && s.rs.cls >= clsAny:
		return d.allow(KindTrust, s.rs.allowRef)
	case e.sameAccount && s.rs.cls == clsRole:
		if !c.ok {
			return d.deny(ImplicitDeny, c.capKind, nil)
		}
		d.allow(KindTrust, s.rs.allowRef)
		e.addCaps(s, c)
		return *d
	case !c.sideOK:
		return d.deny(ImplicitDeny, c.sideKind, nil)
	}
	d.allow(KindTrust, s.rs.allowRef)
	d.add(s.id.allowRef)
	e.addCaps(s, c)
	return *d
}

// sameAccountAllow decides within one account: the resource-based policy
// or the identity side may grant.
func (e *evalState) sameAccountAllow(s *sides, c *caps) Decision {
	d := e.d
	switch {
	case s.rs.allow && s.rs.cls >= clsAny:
		k := s.resKind
		if len(s.rs.allowRef) > 0 {
			k = s.rs.allowRef[0].Kind
		}
		return d.allow(k, s.rs.allowRef)
	case s.rs.allow && s.rs.cls == clsRole && !s.id.allow:
		if !c.ok {
			return d.deny(ImplicitDeny, c.capKind, nil)
		}
		d.allow(KindResource, s.rs.allowRef)
		e.addCaps(s, c)
		return *d
	case !c.sideOK:
		return d.deny(ImplicitDeny, c.sideKind, nil)
	}
	d.allow(KindIdentity, s.id.allowRef)
	e.addCaps(s, c)
	return *d
}

// crossAccount decides across accounts: both the identity side and the
// resource-based policy must allow.
func (e *evalState) crossAccount(s *sides, c *caps) Decision {
	d := e.d
	if !c.sideOK {
		return d.deny(ImplicitDeny, c.sideKind, nil)
	}
	if !s.rs.allow {
		return d.deny(ImplicitDeny, KindResource, nil)
	}
	d.allow(KindIdentity, s.id.allowRef)
	e.addCaps(s, c)
	d.add(s.rs.allowRef)
	return *d
}

func (d *Decision) deny(eff Effect, k Kind, refs []StatementRef) Decision {
	d.Effect, d.Kind, d.Statements = eff, k, refs
	return *d
}

func (d *Decision) allow(k Kind, refs []StatementRef) Decision {
	d.Effect, d.Kind = Allow, k
	d.add(refs)
	return *d
}

func (d *Decision) add(refs []StatementRef) {
	if len(refs) == 0 {
		return
	}
	if d.Statements == nil {
		d.Statements = refs
		return
	}
	d.Statements = append(d.Statements, refs...)
}
