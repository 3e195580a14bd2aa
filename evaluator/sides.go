package evaluator

import "strings"

// This file splits a decision into its two sides, the way AWS's
// cross-account rule needs them: the caller's account (identity policies,
// permissions boundary, session policies) and the resource's account (the
// bucket policy, or the role's trust policy). Across accounts both sides
// must allow; a learner who fixes one side sees the other still missing.

// Side names.
const (
	SideCaller   = "caller"
	SideResource = "resource"
)

// KindVerdict is what the policies of one kind say about a request.
type KindVerdict struct {
	Kind Kind `json:"kind"`
	// Present is false when the principal has no policy of this kind.
	Present bool `json:"present"`
	Allows  bool `json:"allows"`
	Denies  bool `json:"denies"`
}

// SideCheck is one side of a decision.
type SideCheck struct {
	Side    string `json:"side"`
	Account string `json:"account"`
	// Required is true when this side must allow for the request to be
	// allowed (always across accounts; for a role trust policy, always).
	Required bool          `json:"required"`
	Allowed  bool          `json:"allowed"`
	Kinds    []KindVerdict `json:"kinds"`
	// Says is one sentence: what this side decides.
	Says string `json:"says"`
	// Fix says what would make this side allow ("" when it does).
	Fix string `json:"fix,omitempty"`
}

// Sides splits the checks WhyNot made for req into the caller's side and
// the resource's side.
func Sides(req *Request, ps *PolicySet, checks []PolicyCheck) []SideCheck {
	sq := sideQuestion{req: req, ps: ps, checks: checks}
	caller := sq.callerSide()
	res := sq.resourceSide()
	if !sq.crossAccount() && hasIdentitySide(req) {
		sq.sameAccountGrant(&caller, &res)
	}
	bindDenials(&caller)
	bindDenials(&res)
	if !res.Required && !res.Allowed && res.Fix == "" && !caller.Allowed && sq.mayHaveResourcePolicy() {
		res.Fix = sq.resourcePolicyName() + " may name " + trustee(&req.Principal) + " directly (within one account, either side is enough)"
	}
	return []SideCheck{caller, res}
}

// sideQuestion holds what both sides are computed from.
type sideQuestion struct {
	req    *Request
	ps     *PolicySet
	checks []PolicyCheck
}

// verdict folds the checks of one policy kind into what that kind says.
func (sq *sideQuestion) verdict(k Kind) KindVerdict {
	v := KindVerdict{Kind: k}
	for _, pc := range sq.checks {
		if pc.Kind != k {
			continue
		}
		v.Present = true
		v.Allows = v.Allows || pc.Allows
		v.Denies = v.Denies || pc.Denies
	}
	return v
}

// crossAccount reports whether the resource lives in another account than
// the caller.
func (sq *sideQuestion) crossAccount() bool {
	return sq.req.ResourceAccount != "" && sq.req.ResourceAccount != sq.req.Principal.Account
}

// trust reports whether the resource side is a role's trust policy.
func (sq *sideQuestion) trust() bool { return sq.ps.ResourceKind == KindTrust }

// callerSide is the caller's account: root, no identity policies, or the
// identity, boundary and session policies; then the organization's SCPs.
func (sq *sideQuestion) callerSide() SideCheck {
	p := &sq.req.Principal
	caller := SideCheck{Side: SideCaller, Account: p.Account, Required: true}
	switch {
	case p.Type == PrincipalAccount:
		sq.rootCaller(&caller)
	case !hasIdentitySide(sq.req):
		caller.Required = false
		caller.Allowed = true
		caller.Says = principalName(p) + " has no identity policies: only the resource's policy can allow"
	default:
		sq.identityCaller(&caller)
	}
	sq.applySCP(&caller)
	return caller
}

// rootCaller fills the caller's side for an account root user.
func (sq *sideQuestion) rootCaller(caller *SideCheck) {
	p := &sq.req.Principal
	caller.Allowed = true
	caller.Says = "the root user of " + p.Account + " has no identity policies: within its own account it may do everything"
	if sq.trust() {
		caller.Allowed = false
		caller.Says = "the root user cannot assume a role, whatever the policies say"
		caller.Fix = "assume the role as an IAM user (or role) of " + p.Account + ", with an identity policy allowing sts:AssumeRole on " + sq.req.Resource
	}
	if ss := sq.verdict(KindSession); ss.Present {
		// An sts:AssumeRoot session: its task policy (a session policy
		// of Deny statements) limits the root user.
		caller.Kinds = append(caller.Kinds, ss)
		if ss.Denies {
			caller.Allowed = false
			caller.Says = "the task policy of this sts:AssumeRoot session denies " + sq.req.Action
			caller.Fix = "assume root again with a task policy that allows " + sq.req.Action
		}
	}
}

// identityCaller fills the caller's side from the identity policies, the
// permissions boundary and the session policies.
func (sq *sideQuestion) identityCaller(caller *SideCheck) {
	id, bd, ss := sq.verdict(KindIdentity), sq.verdict(KindBoundary), sq.verdict(KindSession)
	caller.Kinds = []KindVerdict{id, bd, ss}
	caller.Allowed = id.Allows && !id.Denies && limitAllows(bd) && limitAllows(ss)
	caller.Says, caller.Fix = sq.identitySays(id, bd, ss)
	if !sq.crossAccount() && !sq.trust() {
		// Within one account a resource policy naming the principal
		// can allow on its own.
		caller.Required = false
	}
}

// limitAllows reports whether a limiting kind (boundary, session) lets a
// request through: absent, or allowing without denying.
func limitAllows(v KindVerdict) bool {
	return (!v.Present || v.Allows) && !v.Denies
}

// identitySays says what the caller's identity side decides and what
// would fix it.
func (sq *sideQuestion) identitySays(id, bd, ss KindVerdict) (says, fix string) {
	req, p := sq.req, &sq.req.Principal
	switch {
	case id.Denies || bd.Denies || ss.Denies:
		return "a Deny statement on the caller's side matches",
			"remove or narrow the matching Deny statement"
	case !id.Allows:
		return "no identity-based policy of " + principalName(p) + " allows " + req.Action + " on " + req.Resource,
			"attach to " + identityOwner(p) + " a policy allowing " + req.Action + " on " + req.Resource
	case bd.Present && !bd.Allows:
		return "the permissions boundary does not allow " + req.Action,
			"the permissions boundary must allow " + req.Action + " on " + req.Resource + " too"
	case ss.Present && !ss.Allows:
		return "the session policy does not allow " + req.Action,
			"assume the role again with a session policy that allows " + req.Action + ", or none"
	default:
		return "the identity side allows " + req.Action + " on " + req.Resource, ""
	}
}

// applySCP lets the organization's service control policies overrule the
// caller's side.
func (sq *sideQuestion) applySCP(caller *SideCheck) {
	scp := sq.verdict(KindSCP)
	if !scp.Present {
		return
	}
	caller.Kinds = append(caller.Kinds, scp)
	if scp.Denies || !scp.Allows {
		caller.Allowed = false
		caller.Says = "a service control policy of " + sq.req.Principal.Account + "'s organization does not allow " + sq.req.Action
		caller.Fix = "every level of the organization (root, OUs, account) needs an SCP allowing " + sq.req.Action + " and none denying it"
	}
}

// sameAccountGrant adjusts both sides, within one account, to how the
// resource-based (or trust) policy that allows names the caller ("How AWS
// enforcement code logic evaluates requests to allow or deny access"): a
// user, a session or "*" grants on its own; a role (or the IAM user behind
// a federated user) is "limited by an implicit deny in a permissions
// boundary or session policy"; an account leaves the decision to the
// account's identity-based policies.
func (sq *sideQuestion) sameAccountGrant(caller, res *SideCheck) {
	if !res.Allowed {
		return
	}
	req, p := sq.req, &sq.req.Principal
	name := sq.resourcePolicyName()
	switch sq.resourceGrant() {
	case clsExact, clsAny:
		caller.Required = false
	case clsRole:
		caller.Required = false
		if limitAllows(sq.verdict(KindBoundary)) && limitAllows(sq.verdict(KindSession)) {
			return
		}
		res.Allowed = false
		res.Says = name + " names " + cappedName(p) + ", so its grant is limited by the permissions boundary and session policies, and they do not allow " + req.Action
		res.Fix = "name " + p.ARN + " itself in " + name + " (a grant to it is not limited by them), or let the permissions boundary and session policy allow " + req.Action
	case clsAccount:
		caller.Required = true
		res.Says = name + " names account " + p.Account + ": it grants nothing on its own, it leaves " + req.Action + " to the account's identity-based policies"
	}
}

// bindDenials makes a side that denies required: an explicit deny "overrides
// any allows" whichever side holds it, and an SCP or RCP that does not
// allow denies whatever the other side grants ("Policy evaluation logic").
func bindDenials(s *SideCheck) {
	for _, v := range s.Kinds {
		if v.Denies || ((v.Kind == KindSCP || v.Kind == KindRCP) && v.Present && !v.Allows) {
			s.Required, s.Allowed = true, false
		}
	}
}

// cappedName names what a resource-based policy named when its grant is
// capped: the caller's role, or the IAM user that federated.
func cappedName(p *Principal) string {
	if p.Type == PrincipalAssumedRole && p.RoleARN != "" {
		return "the role " + p.RoleARN
	}
	return "the IAM user who created the federated user " + p.ARN
}

// resourceGrant is how the resource side's applicable Allow statements name
// the caller, the strongest first (clsNone when none applies), with the
// matchers Evaluate uses.
func (sq *sideQuestion) resourceGrant() principalClass {
	var d Decision
	e := newEvalState(sq.req, sq.ps, &d)
	kind := KindResource
	if sq.trust() {
		kind = KindTrust
	}
	var s side
	e.evalPolicy(sq.ps.Resource, kind, &s)
	for i := range sq.ps.ExtraResource {
		e.evalPolicy(&sq.ps.ExtraResource[i], KindResource, &s)
	}
	if !s.allow {
		return clsNone
	}
	return s.cls
}

// mayHaveResourcePolicy reports whether the resource can carry a
// resource-based policy fakeaws reads: a role's trust policy or an S3
// bucket policy. An IAM user, group or policy has none (IAM User Guide,
// "Identity-based policies and resource-based policies": IAM supports
// only trust policies as resource-based policies).
func (sq *sideQuestion) mayHaveResourcePolicy() bool {
	return sq.ps.Resource != nil || sq.trust() || strings.HasPrefix(sq.req.Resource, "arn:aws:s3:::")
}

// resourcePolicyName names the resource side's policy for sentences.
func (sq *sideQuestion) resourcePolicyName() string {
	if sq.ps.Resource != nil {
		return sq.ps.Resource.Name
	}
	if sq.trust() {
		return "the trust policy"
	}
	return "the bucket policy"
}

// resourceSide is the resource's account: the bucket or trust policy, then
// the organization's RCPs.
func (sq *sideQuestion) resourceSide() SideCheck {
	res := SideCheck{Side: SideResource, Account: sq.req.ResourceAccount, Required: sq.crossAccount() || sq.trust()}
	if res.Account == "" {
		res.Account = sq.req.Principal.Account
	}
	rk := KindResource
	if sq.trust() {
		rk = KindTrust
	}
	rv := sq.verdict(rk)
	res.Kinds = []KindVerdict{rv}
	res.Allowed = rv.Allows && !rv.Denies
	res.Says, res.Fix = sq.resourceSays(rv, res.Allowed, res.Required, res.Account)
	sq.applyRCP(&res)
	return res
}

// resourceSays says what the resource's policy decides and, when this side
// is required, what would fix it.
func (sq *sideQuestion) resourceSays(rv KindVerdict, allowed, required bool, account string) (says, fix string) {
	req, p := sq.req, &sq.req.Principal
	name, who := sq.resourcePolicyName(), principalName(p)
	switch {
	case rv.Denies:
		return "a Deny statement in " + name + " matches", "remove or narrow the matching Deny statement in " + name
	case allowed:
		return name + " allows " + who + " to " + req.Action, ""
	case !rv.Present && !sq.mayHaveResourcePolicy() && required:
		return req.Resource + " cannot have a resource-based policy, so account " + account + " cannot grant it to another account's principal",
			"act as a role of account " + account + " that may " + req.Action + " (assume it with sts:AssumeRole)"
	case !rv.Present && !sq.mayHaveResourcePolicy():
		return req.Resource + " cannot have a resource-based policy: only the caller's identity policies decide", ""
	case !rv.Present:
		if required {
			fix = "account " + account + " must grant " + req.Action + " to " + trustee(p) + " in a resource-based policy"
		}
		return "there is no resource-based policy", fix
	default:
		if required {
			fix = "add to " + name + " (account " + account + ") a statement allowing " + req.Action +
				" for the principal " + trustee(p)
		}
		return name + " has no statement allowing " + who + " to " + req.Action + " on " + req.Resource, fix
	}
}

// applyRCP lets the resource organization's resource control policies
// overrule the resource's side.
func (sq *sideQuestion) applyRCP(res *SideCheck) {
	rcp := sq.verdict(KindRCP)
	if !rcp.Present {
		return
	}
	res.Kinds = append(res.Kinds, rcp)
	if rcp.Denies || !rcp.Allows {
		res.Allowed, res.Required = false, true
		res.Says = "a resource control policy of account " + res.Account + "'s organization does not allow " + sq.req.Action
		res.Fix = "every level of the resource's organization needs an RCP allowing " + sq.req.Action + " and none denying it"
	}
}

// identityOwner names what an identity policy would be attached to.
func identityOwner(p *Principal) string {
	if p.Type == PrincipalAssumedRole && p.RoleARN != "" {
		return "the role " + p.RoleARN
	}
	if p.Type == PrincipalUser {
		return "the user " + p.ARN + " (or one of its groups)"
	}
	return p.ARN
}

// trustee is the principal a resource policy should name for p: a role
// session is named by its role, and the account root delegates to the
// account's own identity policies.
func trustee(p *Principal) string {
	arn := p.ARN
	if p.Type == PrincipalAssumedRole && p.RoleARN != "" {
		arn = p.RoleARN
	}
	if arn == "" {
		return "the caller"
	}
	if p.Account != "" && !strings.HasSuffix(arn, ":root") {
		return arn + " (or arn:aws:iam::" + p.Account + ":root, which leaves it to " + p.Account + "'s identity policies)"
	}
	return arn
}
