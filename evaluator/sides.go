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
	verdict := func(k Kind) KindVerdict {
		v := KindVerdict{Kind: k}
		for _, pc := range checks {
			if pc.Kind != k {
				continue
			}
			v.Present = true
			v.Allows = v.Allows || pc.Allows
			v.Denies = v.Denies || pc.Denies
		}
		return v
	}
	p := &req.Principal
	cross := req.ResourceAccount != "" && req.ResourceAccount != p.Account
	trust := ps.ResourceKind == KindTrust
	who := principalName(p)

	caller := SideCheck{Side: SideCaller, Account: p.Account, Required: true}
	switch {
	case p.Type == PrincipalAccount:
		caller.Allowed = true
		caller.Says = "the root user of " + p.Account + " has no identity policies: within its own account it may do everything"
		if trust {
			caller.Allowed = false
			caller.Says = "the root user cannot assume a role, whatever the policies say"
			caller.Fix = "assume the role as an IAM user (or role) of " + p.Account + ", with an identity policy allowing sts:AssumeRole on " + req.Resource
		}
	case !hasIdentitySide(req):
		caller.Required = false
		caller.Allowed = true
		caller.Says = who + " has no identity policies: only the resource's policy can allow"
	default:
		id, bd, ss := verdict(KindIdentity), verdict(KindBoundary), verdict(KindSession)
		caller.Kinds = []KindVerdict{id, bd, ss}
		caller.Allowed = id.Allows && !id.Denies && (!bd.Present || bd.Allows) && !bd.Denies &&
			(!ss.Present || ss.Allows) && !ss.Denies
		switch {
		case id.Denies || bd.Denies || ss.Denies:
			caller.Says = "a Deny statement on the caller's side matches"
			caller.Fix = "remove or narrow the matching Deny statement"
		case !id.Allows:
			caller.Says = "no identity-based policy of " + who + " allows " + req.Action + " on " + req.Resource
			caller.Fix = "attach to " + identityOwner(p) + " a policy allowing " + req.Action + " on " + req.Resource
		case bd.Present && !bd.Allows:
			caller.Says = "the permissions boundary does not allow " + req.Action
			caller.Fix = "the permissions boundary must allow " + req.Action + " on " + req.Resource + " too"
		case ss.Present && !ss.Allows:
			caller.Says = "the session policy does not allow " + req.Action
			caller.Fix = "assume the role again with a session policy that allows " + req.Action + ", or none"
		default:
			caller.Says = "the identity side allows " + req.Action + " on " + req.Resource
		}
		if !cross && !trust {
			// Within one account a resource policy naming the principal
			// can allow on its own.
			caller.Required = false
		}
	}

	if scp := verdict(KindSCP); scp.Present {
		caller.Kinds = append(caller.Kinds, scp)
		if scp.Denies || !scp.Allows {
			caller.Allowed = false
			caller.Says = "a service control policy of " + p.Account + "'s organization does not allow " + req.Action
			caller.Fix = "every level of the organization (root, OUs, account) needs an SCP allowing " + req.Action + " and none denying it"
		}
	}
	res := SideCheck{Side: SideResource, Account: req.ResourceAccount, Required: cross || trust}
	if res.Account == "" {
		res.Account = p.Account
	}
	rk := KindResource
	if trust {
		rk = KindTrust
	}
	rv := verdict(rk)
	res.Kinds = []KindVerdict{rv}
	res.Allowed = rv.Allows && !rv.Denies
	name := "the bucket policy"
	if ps.Resource != nil {
		name = ps.Resource.Name
	}
	if trust {
		name = "the trust policy"
		if ps.Resource != nil {
			name = ps.Resource.Name
		}
	}
	switch {
	case rv.Denies:
		res.Says = "a Deny statement in " + name + " matches"
		res.Fix = "remove or narrow the matching Deny statement in " + name
	case res.Allowed:
		res.Says = name + " allows " + who + " to " + req.Action
	case !rv.Present:
		res.Says = "there is no resource-based policy"
		if res.Required {
			res.Fix = "account " + res.Account + " must grant " + req.Action + " to " + trustee(p) + " in a resource-based policy"
		}
	default:
		res.Says = name + " has no statement allowing " + who + " to " + req.Action + " on " + req.Resource
		if res.Required {
			res.Fix = "add to " + name + " (account " + res.Account + ") a statement allowing " + req.Action +
				" for the principal " + trustee(p)
		}
	}
	if rcp := verdict(KindRCP); rcp.Present {
		res.Kinds = append(res.Kinds, rcp)
		if rcp.Denies || !rcp.Allows {
			res.Allowed, res.Required = false, true
			res.Says = "a resource control policy of account " + res.Account + "'s organization does not allow " + req.Action
			res.Fix = "every level of the resource's organization needs an RCP allowing " + req.Action + " and none denying it"
		}
	}
	if !res.Required && !res.Allowed && res.Fix == "" && !caller.Allowed {
		res.Fix = "or, within the account, " + name + " may name " + trustee(p) + " directly"
	}
	return []SideCheck{caller, res}
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
