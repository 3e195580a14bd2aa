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

// allowNothingDocument allows no action (NotAction "*" leaves none). A
// policy document must hold a statement ("Statement": [] does not parse),
// so this is how a limit that grants nothing is written.
const allowNothingDocument = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"*","Resource":"*"}]}`

// allowNothing is a permissions boundary or session policy that allows
// nothing, named name: it stands in for one that limits a caller but no
// longer exists, or for the session policy a GetFederationToken user was
// not given, so the caller is implicitly denied and the denial names it.
func (a *Authorizer) allowNothing(name string, kind evaluator.Kind) evaluator.NamedPolicy {
	pol, err := a.cache.Parse(allowNothingDocument, kind)
	if err != nil {
		// Cannot happen for a boundary or session policy; deny all
		// rather than leave a nil policy behind.
		return a.ParseStored(name, "", kind)
	}
	return evaluator.NamedPolicy{Name: name, Policy: pol}
}

// Gathered is the policy the authorizer decides with for gathered policy p,
// named name: its document parsed, or a deny-all when it no longer parses
// (ParseStored); for a permissions boundary or session policy that no
// longer exists, one that allows nothing, since it still limits its caller.
// ok is false for a managed identity policy that no longer exists: it grants
// nothing and takes no part. The policy simulator asks the same, so it
// answers as requests are decided.
func (a *Authorizer) Gathered(p PrincipalPolicy, name string) (np evaluator.NamedPolicy, ok bool) {
	switch {
	case p.Missing && (p.Kind == evaluator.KindBoundary || p.Kind == evaluator.KindSession):
		return a.allowNothing(name, p.Kind), true
	case p.Missing:
		return evaluator.NamedPolicy{}, false
	}
	return a.ParseStored(name, p.Document, p.Kind), true
}
