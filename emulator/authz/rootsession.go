package authz

import (
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// rootTaskPolicy puts an AssumeRoot session's task policy into ps as its
// session policy. The task policies only deny, so a task policy that cannot
// be read must not leave the root user's full permissions behind: it
// becomes a deny-all (fail closed).
func (a *Authorizer) rootTaskPolicy(tx *store.Tx, s *store.Session, ps *evaluator.PolicySet) error {
	list, err := SessionPolicies(tx, a.managed, s)
	if err != nil {
		return err
	}
	ps.HasSession = true
	for _, p := range list {
		if p.Missing {
			a.logger.Error("AssumeRoot task policy not found; denying the session every action", "policy", p.ARN)
			p.Document = "" // ParseStored turns it into a deny-all
		}
		ps.Session = append(ps.Session, a.ParseStored(p.ARN, p.Document, evaluator.KindSession))
	}
	if len(ps.Session) == 0 {
		ps.Session = append(ps.Session, a.ParseStored("no task policy", "", evaluator.KindSession))
	}
	return nil
}
