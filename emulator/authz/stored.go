package authz

import (
	"github.com/fakeaws/fakeaws/evaluator"
)

// UnreadablePolicySid is the Sid of the statement that stands in for a
// stored policy that no longer parses; decision logs and AccessDenied
// explanations name it.
const UnreadablePolicySid = "FakeawsStoredPolicyDoesNotParse"

// denyAllDocuments deny every action, one document per policy kind (each
// kind has its own grammar: resource and trust policies need a Principal,
// trust policies have no Resource).
var denyAllDocuments = map[evaluator.Kind]string{
	evaluator.KindIdentity: `{"Version":"2012-10-17","Statement":[{"Sid":"` + UnreadablePolicySid + `","Effect":"Deny","Action":"*","Resource":"*"}]}`,
	evaluator.KindBoundary: `{"Version":"2012-10-17","Statement":[{"Sid":"` + UnreadablePolicySid + `","Effect":"Deny","Action":"*","Resource":"*"}]}`,
	evaluator.KindSession:  `{"Version":"2012-10-17","Statement":[{"Sid":"` + UnreadablePolicySid + `","Effect":"Deny","Action":"*","Resource":"*"}]}`,
	evaluator.KindResource: `{"Version":"2012-10-17","Statement":[{"Sid":"` + UnreadablePolicySid + `","Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}`,
	evaluator.KindTrust:    `{"Version":"2012-10-17","Statement":[{"Sid":"` + UnreadablePolicySid + `","Effect":"Deny","Principal":"*","Action":"*"}]}`,
	evaluator.KindSCP:      `{"Version":"2012-10-17","Statement":[{"Sid":"` + UnreadablePolicySid + `","Effect":"Deny","Action":"*","Resource":"*"}]}`,
	evaluator.KindRCP:      `{"Version":"2012-10-17","Statement":[{"Sid":"` + UnreadablePolicySid + `","Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}`,
}

// ParseStored parses a policy read back from the store for a decision.
//
// Stored policies were validated when written, but a document can stop
// parsing (stricter rules in a newer fakeaws, a damaged record). Skipping it
// would fail open: a Deny it holds would vanish. So ParseStored fails
// closed: it logs why at error level and returns, under the same name, a
// policy that explicitly denies every action, so every request it takes
// part in is denied and the denial names the policy.
func (a *Authorizer) ParseStored(name, doc string, kind evaluator.Kind) evaluator.NamedPolicy {
	pol, err := a.cache.Parse(doc, kind)
	if err == nil {
		return evaluator.NamedPolicy{Name: name, Policy: pol}
	}
	a.logger.Error("stored policy does not parse; denying every request it applies to",
		"policy", name, "kind", kind.String(), "err", err)
	deny, derr := evaluator.Parse(denyAllDocuments[kind], kind)
	if derr != nil {
		// Only an unknown kind gets here; an identity deny-all still
		// denies, whichever side the policy was meant for.
		deny, _ = evaluator.Parse(denyAllDocuments[evaluator.KindIdentity], evaluator.KindIdentity)
	}
	return evaluator.NamedPolicy{Name: name, Policy: deny}
}
