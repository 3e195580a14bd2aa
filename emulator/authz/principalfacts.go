package authz

import (
	"context"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/evaluator"
)

// PrincipalFacts are what a token about the caller states besides its
// name: the caller's principal tags (aws:PrincipalTag) and its account's
// organization (aws:PrincipalOrgID, aws:PrincipalOrgPaths), as the
// decisions about its requests see them.
type PrincipalFacts struct {
	Tags    map[string]string
	OrgID   string
	OrgPath string // "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"; "" outside an organization
}

// Facts returns the caller's PrincipalFacts, read through the same caches
// as its decisions.
func (a *Authorizer) Facts(ctx context.Context, caller *authn.Caller) (PrincipalFacts, error) {
	var ps evaluator.PolicySet
	id, err := a.identitySide(ctx, caller, &ps)
	if err != nil {
		return PrincipalFacts{}, err
	}
	org, err := a.orgAccount(ctx, caller.Account)
	if err != nil {
		return PrincipalFacts{}, err
	}
	return PrincipalFacts{Tags: id.tags, OrgID: org.orgID, OrgPath: org.paths}, nil
}
