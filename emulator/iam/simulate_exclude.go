package iam

import (
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/evaluator"
)

// This file holds SimulatePrincipalPolicy's PolicyExclusionList
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html,
// API_PolicyIdentifier.html, API_InlinePolicyIdentifierType.html): policies
// of the principal left out of the simulation, each entry a PolicyIdentifier
// union of exactly one of
//
//   - PolicyType: every policy of a type: inline, aws-managed and
//     user-managed (the identity policies the principal holds, its groups'
//     included), permission-boundary, scp; rcp is accepted and ignored
//     (RCPs are not supported in this release);
//   - PolicyArn: the attached managed policies (or the account's SCPs) of
//     that ARN, with at most one "*" and any number of "?" in the resource
//     name (the part after the last "/");
//   - InlinePolicyIdentifier: an inline policy by PolicyName on the
//     entities of AttachmentType whose name matches AttachmentName (at most
//     one "*", any number of "?").
//
// Syntactically invalid identifiers (a malformed ARN, a wildcard in a
// position that takes none) fail the request with InvalidInput; valid ones
// that match nothing are ignored. The PolicyInputList and
// PermissionsBoundaryPolicyInputList documents of the request are never
// excluded: they are not attached to the principal.

// policyExclusion is one PolicyIdentifier.
type policyExclusion struct {
	policyType string // the PolicyType member, or ""
	arn        string // the PolicyArn member, or ""
	// inline is the InlinePolicyIdentifier member: AttachmentType,
	// AttachmentName and PolicyName.
	inline *[3]string
}

// exclusions is a PolicyExclusionList; nil excludes nothing.
type exclusions []policyExclusion

// exclusionPolicyTypes are PolicyIdentifierPolicyType's values.
var exclusionPolicyTypes = []string{"inline", "aws-managed", "user-managed", "permission-boundary", "scp", "rcp"}

// exclusionList reads PolicyExclusionList.member.N: the members'
// constraints (length, pattern, enum, required) go to v as validation
// errors; the first syntactically invalid identifier is returned as
// InvalidInput, for the caller to answer once the request is authorized.
func (v *validator) exclusionList(p query.Params) (exclusions, error) {
	var out exclusions
	var bad error
	keep := func(err error) {
		if bad == nil {
			bad = err
		}
	}
	for _, n := range p.Members("PolicyExclusionList.member") {
		base := "PolicyExclusionList.member." + itoa(n) + "."
		field := "policyExclusionList." + itoa(n) + ".member."
		var e policyExclusion
		set := 0
		if p.Has(base + "PolicyType") {
			set++
			e.policyType = p.Get(base + "PolicyType")
			v.enum(e.policyType, field+"policyType", exclusionPolicyTypes...)
		}
		if p.Has(base + "PolicyArn") {
			set++
			e.arn = p.Get(base + "PolicyArn")
			v.str(e.arn, field+"policyArn", 20, 2048, "")
			keep(checkExclusionARN(e.arn))
		}
		if hasParamPrefix(p, base+"InlinePolicyIdentifier") {
			set++
			e.inline = v.inlineIdentifier(p, base+"InlinePolicyIdentifier.", field+"inlinePolicyIdentifier.", keep)
		}
		if set != 1 {
			keep(invalidInput("PolicyExclusionList member %d must specify exactly one of PolicyType, PolicyArn or InlinePolicyIdentifier.", n))
		}
		out = append(out, e)
	}
	return out, bad
}

// hasParamPrefix reports whether a parameter's name starts with prefix.
func hasParamPrefix(p query.Params, prefix string) bool {
	for k := range p.Values {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// inlineIdentifier reads an InlinePolicyIdentifierType: three required
// members, AttachmentType of user, group or role, AttachmentName and
// PolicyName of 1 to 128 characters of patName, AttachmentName with the
// wildcards "*" (once) and "?" besides; a wildcard elsewhere is reported to
// keep as InvalidInput.
func (v *validator) inlineIdentifier(p query.Params, base, field string, keep func(error)) *[3]string {
	var out [3]string
	for i, m := range []string{"AttachmentType", "AttachmentName", "PolicyName"} {
		f := field + fieldName(m)
		if !p.Has(base + m) {
			v.errs = append(v.errs, "Value null at '"+f+"' failed to satisfy constraint: Member must not be null")
			continue
		}
		val := p.Get(base + m)
		out[i] = val
		switch m {
		case "AttachmentType":
			v.enum(val, f, "user", "group", "role")
		case "AttachmentName":
			if strings.Count(val, "*") > 1 {
				keep(invalidInput("AttachmentName %s may contain at most one wildcard character *.", val))
			}
			v.wildName(val, f)
		default:
			if strings.ContainsAny(val, "*?") {
				keep(invalidInput("PolicyName %s of InlinePolicyIdentifier cannot contain wildcard characters.", val))
			}
			v.wildName(val, f)
		}
	}
	return &out
}

// wildName checks a name of 1 to 128 characters of patName, its
// wildcards aside: a wildcard where none is allowed is InvalidInput, as the
// API reference says, not a pattern violation.
func (v *validator) wildName(val, field string) {
	v.str(val, field, 1, 128, "")
	if bare := strings.NewReplacer("*", "", "?", "").Replace(val); bare != "" {
		v.str(bare, field, 1, 128, patName)
	}
}

// checkExclusionARN refuses a PolicyArn that is not the ARN of a policy
// (an IAM policy, arn:PARTITION:iam::ACCOUNT:policy/PATH/NAME, or an
// Organizations policy, arn:PARTITION:organizations::ACCOUNT:policy/...),
// or that has a wildcard outside its resource name or more than one "*".
func checkExclusionARN(s string) error {
	a, err := arns.Parse(s)
	if err != nil {
		return invalidInput("%s", unparsableARN(s))
	}
	rest, isPolicy := strings.CutPrefix(a.Resource, "policy/")
	if !isPolicy || rest == "" || (a.Service != "iam" && a.Service != "organizations") {
		return invalidInput("%s", unparsableARN(s))
	}
	fixed := s[:len(s)-len(rest)] + rest[:strings.LastIndexByte(rest, '/')+1]
	name := rest[strings.LastIndexByte(rest, '/')+1:]
	if strings.ContainsAny(fixed, "*?") || strings.Count(name, "*") > 1 || name == "" {
		return invalidInput("ARN %s is not valid: wildcards are supported only in the resource name, at most one *.", s)
	}
	return nil
}

// wildMatch matches s against pattern, where "*" matches any run of
// characters and "?" exactly one (case-sensitive, as IAM names are kept).
func wildMatch(pattern, s string) bool {
	if star := strings.IndexByte(pattern, '*'); star >= 0 {
		pre, post := pattern[:star], pattern[star+1:]
		return len(s) >= len(pre)+len(post) && wildMatch(pre, s[:len(pre)]) &&
			wildMatch(post, s[len(s)-len(post):]) && !strings.Contains(post, "*")
	}
	if len(pattern) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if pattern[i] != '?' && pattern[i] != s[i] {
			return false
		}
	}
	return true
}

// excludes reports whether a gathered policy of the principal is left out.
func (x exclusions) excludes(pp authz.PrincipalPolicy) bool {
	for _, e := range x {
		switch {
		case e.inline != nil:
			if pp.ARN == "" && pp.Kind == evaluator.KindIdentity && pp.OwnerType == e.inline[0] &&
				wildMatch(e.inline[1], pp.Owner) && pp.Name == e.inline[2] {
				return true
			}
		case e.arn != "":
			if pp.ARN != "" && pp.Kind == evaluator.KindIdentity && wildMatch(e.arn, pp.ARN) {
				return true
			}
		case e.policyType != "":
			if e.policyType == policyTypeOf(pp) {
				return true
			}
		}
	}
	return false
}

// policyTypeOf is a gathered policy's PolicyIdentifierPolicyType.
func policyTypeOf(pp authz.PrincipalPolicy) string {
	switch {
	case pp.Kind == evaluator.KindBoundary:
		return "permission-boundary"
	case pp.Kind != evaluator.KindIdentity:
		return ""
	case pp.ARN == "":
		return "inline"
	case pp.AWSManaged:
		return "aws-managed"
	}
	return "user-managed"
}

// scps returns the SCP levels less the excluded SCPs: none at all for
// PolicyType scp (the simulation then has no organization layer), else
// each level without the SCPs whose ARN a PolicyArn matches (a level left
// with none allows nothing, as in Organizations).
func (x exclusions) scps(levels []evaluator.OrgLevel) []evaluator.OrgLevel {
	if levels == nil || len(x) == 0 {
		return levels
	}
	for _, e := range x {
		if e.policyType == "scp" {
			return nil
		}
	}
	out := make([]evaluator.OrgLevel, len(levels))
	for i, lv := range levels {
		out[i] = evaluator.OrgLevel{Target: lv.Target, Policies: []evaluator.NamedPolicy{}}
		for _, np := range lv.Policies {
			if !x.excludesARN(np.Name) {
				out[i].Policies = append(out[i].Policies, np)
			}
		}
	}
	return out
}

// excludesARN reports whether a PolicyArn entry matches arn.
func (x exclusions) excludesARN(arn string) bool {
	for _, e := range x {
		if e.arn != "" && wildMatch(e.arn, arn) {
			return true
		}
	}
	return false
}
