package evaluator

// This file holds the AWS Organizations layers: service control policies
// (SCPs) on the principal's account and resource control policies (RCPs)
// on the resource's account.
//
// Both follow the same rule ("SCP evaluation", "RCP evaluation" in the
// Organizations User Guide): a Deny statement at any level is an explicit
// deny; otherwise every level, from the root through each OU to the account,
// must have at least one policy with an Allow statement that applies.
// Neither grants anything: they only limit what the other policies grant.
//
// References:
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html

// OrgResult is what one Organizations layer (SCPs or RCPs) contributed to
// a decision.
type OrgResult struct {
	// Allowed is true when every level allowed and no statement denied.
	Allowed bool
	// Denied is true when a Deny statement applied at some level.
	Denied bool
	// Levels are the levels in order, root first.
	Levels []OrgLevelResult
}

// OrgLevelResult is what one level (root, OU or account) of a layer said.
type OrgLevelResult struct {
	Target string
	// Allows and Denies report whether an Allow / Deny statement of one of
	// the level's policies applied.
	Allows, Denies bool
}

// orgSide is the combined result of one Organizations layer.
type orgSide struct {
	applied     bool
	allow, deny bool
	denyRef     []StatementRef
}

// evalOrg evaluates one layer's levels and records the outcome in *out.
// A nil levels slice means the layer does not apply.
func (e *evalState) evalOrg(levels []OrgLevel, kind Kind, out **OrgResult) orgSide {
	if levels == nil {
		return orgSide{}
	}
	o := orgSide{applied: true, allow: true}
	res := &OrgResult{Levels: make([]OrgLevelResult, len(levels))}
	for i := range levels {
		lv := &levels[i]
		var s side
		for j := range lv.Policies {
			e.evalPolicy(&lv.Policies[j], kind, &s)
		}
		res.Levels[i] = OrgLevelResult{Target: lv.Target, Allows: s.allow, Denies: s.deny}
		if s.deny && !o.deny {
			o.deny, o.denyRef = true, s.denyRef
		}
		if !s.allow {
			o.allow = false
		}
	}
	res.Denied = o.deny
	res.Allowed = o.allow && !o.deny
	*out = res
	return o
}
