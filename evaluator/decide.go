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

func evaluate(req *Request, ps *PolicySet, detailed bool) Decision {
	var d Decision
	e := evalState{req: req, d: &d, detailed: detailed, actionSvc: serviceHash(req.Action)}
	p := &req.Principal
	e.sameAccount = req.ResourceAccount == "" || req.ResourceAccount == p.Account

	// Who has an identity side at all.
	identitySide := false
	switch p.Type {
	case PrincipalUser, PrincipalAssumedRole:
		identitySide = true
	case PrincipalFederatedUser:
		identitySide = p.Federated == ""
	}
	if isWebOrSAML(req.Action) {
		identitySide = false
	}
	e.boundary = identitySide && ps.Boundary != nil && ps.Boundary.Policy != nil
	resKind := KindResource
	if ps.ResourceKind == KindTrust {
		resKind = KindTrust
	}

	var id, bd, ss, rs side
	if identitySide {
		for i := range ps.Identity {
			e.evalPolicy(&ps.Identity[i], KindIdentity, &id)
		}
		e.evalPolicy(ps.Boundary, KindBoundary, &bd)
		for i := range ps.Session {
			e.evalPolicy(&ps.Session[i], KindSession, &ss)
		}
	}
	e.evalPolicy(ps.Resource, resKind, &rs)
	for i := range ps.ExtraResource {
		e.evalPolicy(&ps.ExtraResource[i], KindResource, &rs)
	}

	// 1. An explicit deny in any policy wins.
	switch {
	case id.deny:
		return d.deny(ExplicitDeny, KindIdentity, id.denyRef)
	case bd.deny:
		return d.deny(ExplicitDeny, KindBoundary, bd.denyRef)
	case ss.deny:
		return d.deny(ExplicitDeny, KindSession, ss.denyRef)
	case rs.deny:
		k := resKind
		if len(rs.denyRef) > 0 {
			k = rs.denyRef[0].Kind
		}
		return d.deny(ExplicitDeny, k, rs.denyRef)
	}

	// 2. Allows.
	if !identitySide {
		if p.Type == PrincipalAccount {
			// The root user: no identity policies, nothing caps it.
			switch {
			case resKind == KindTrust || !e.sameAccount:
				if !rs.allow {
					return d.deny(ImplicitDeny, resKind, nil)
				}
				return d.allow(resKind, rs.allowRef)
			}
			d.Effect, d.Kind = Allow, KindIdentity
			return d
		}
		// Anonymous, services, web-identity/SAML federation: only the
		// resource (or trust) policy can allow.
		if rs.allow {
			return d.allow(resKind, rs.allowRef)
		}
		return d.deny(ImplicitDeny, resKind, nil)
	}

	hasBoundary := ps.Boundary != nil && ps.Boundary.Policy != nil
	sessionLimits := len(ps.Session) > 0
	bOK := !hasBoundary || bd.allow
	sOK := !sessionLimits || ss.allow
	capKind := KindBoundary // which cap failed
	if bOK {
		capKind = KindSession
	}
	sideOK := id.allow && bOK && sOK
	sideKind := KindIdentity
	if id.allow {
		sideKind = capKind
	}
	addCaps := func() {
		if hasBoundary {
			d.add(bd.allowRef)
		}
		if sessionLimits {
			d.add(ss.allowRef)
		}
	}
	addSide := func() {
		d.add(id.allowRef)
		addCaps()
	}

	if resKind == KindTrust {
		if !rs.allow {
			return d.deny(ImplicitDeny, KindTrust, nil)
		}
		if e.sameAccount && rs.cls >= clsAny {
			return d.allow(KindTrust, rs.allowRef)
		}
		if e.sameAccount && rs.cls == clsRole {
			if bOK && sOK {
				d.allow(KindTrust, rs.allowRef)
				addCaps()
				return d
			}
			return d.deny(ImplicitDeny, capKind, nil)
		}
		if !sideOK {
			return d.deny(ImplicitDeny, sideKind, nil)
		}
		d.allow(KindTrust, rs.allowRef)
		addSide()
		return d
	}

	if e.sameAccount {
		if rs.allow && rs.cls >= clsAny {
			k := resKind
			if len(rs.allowRef) > 0 {
				k = rs.allowRef[0].Kind
			}
			return d.allow(k, rs.allowRef)
		}
		if rs.allow && rs.cls == clsRole && !id.allow {
			if bOK && sOK {
				d.allow(KindResource, rs.allowRef)
				addCaps()
				return d
			}
			return d.deny(ImplicitDeny, capKind, nil)
		}
		if !sideOK {
			return d.deny(ImplicitDeny, sideKind, nil)
		}
		d.allow(KindIdentity, id.allowRef)
		addCaps()
		return d
	}

	// Cross-account: both the identity side and the resource policy.
	if !sideOK {
		return d.deny(ImplicitDeny, sideKind, nil)
	}
	if !rs.allow {
		return d.deny(ImplicitDeny, KindResource, nil)
	}
	d.allow(KindIdentity, id.allowRef)
	addCaps()
	d.add(rs.allowRef)
	return d
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
