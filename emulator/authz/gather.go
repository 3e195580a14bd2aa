package authz

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// PrincipalPolicy is one policy an IAM principal's permissions come from,
// with where it comes from, so each reader (the authorizer, the policy
// simulator) can name it the way its output needs.
type PrincipalPolicy struct {
	// Kind is evaluator.KindIdentity, KindBoundary or KindSession.
	Kind evaluator.Kind
	// OwnerType is "user", "group" or "role": the entity that holds the
	// policy ("" for session policies).
	OwnerType string
	// Owner is that entity's name.
	Owner string
	// Name is an inline policy's name, or "session-policy/N" for the Nth
	// inline session policy; "" for a managed policy.
	Name string
	// ARN is a managed policy's ARN; "" for an inline policy.
	ARN string
	// AWSManaged reports an AWS managed policy.
	AWSManaged bool
	// Missing reports a managed policy that no longer exists (Document is
	// then ""): readers decide what it means (a missing boundary allows
	// nothing to the authorizer).
	Missing bool
	// Document is the policy text (a managed policy's default version).
	Document string
}

// EntityPolicies returns the policies an IAM user, group or role holds
// itself, in a fixed order so a decision names the same statement on every
// run: inline policies sorted by name, then attached managed policies in
// attachment order, then the permissions boundary (groups have none).
func EntityPolicies(tx *store.Tx, set *managed.Set, ownerType, owner string, p store.Policies) ([]PrincipalPolicy, error) {
	out := make([]PrincipalPolicy, 0, len(p.Inline)+len(p.Attached)+1)
	for _, name := range slices.Sorted(maps.Keys(p.Inline)) {
		out = append(out, PrincipalPolicy{Kind: evaluator.KindIdentity, OwnerType: ownerType, Owner: owner,
			Name: name, Document: p.Inline[name]})
	}
	for _, arn := range p.Attached {
		mp, err := managedPolicy(tx, set, arn, evaluator.KindIdentity)
		if err != nil {
			return nil, err
		}
		mp.OwnerType, mp.Owner = ownerType, owner
		out = append(out, mp)
	}
	if p.Boundary != "" && ownerType != "group" {
		mp, err := managedPolicy(tx, set, p.Boundary, evaluator.KindBoundary)
		if err != nil {
			return nil, err
		}
		mp.OwnerType, mp.Owner = ownerType, owner
		out = append(out, mp)
	}
	return out, nil
}

// UserPolicies returns a user's own policies (EntityPolicies) followed by
// each of its groups' in the user's group order; a group that no longer
// exists adds nothing.
func UserPolicies(tx *store.Tx, set *managed.Set, account string, u *store.User) ([]PrincipalPolicy, error) {
	out, err := EntityPolicies(tx, set, "user", u.Name, u.Policies)
	if err != nil {
		return nil, err
	}
	for _, g := range u.Groups {
		var group store.Group
		if err := tx.Get(account, store.KindGroup, strings.ToLower(g), &group); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			return nil, err
		}
		gp, err := EntityPolicies(tx, set, "group", group.Name, group.Policies)
		if err != nil {
			return nil, err
		}
		out = append(out, gp...)
	}
	return out, nil
}

// SessionPolicies returns a session's inline session policies in request
// order, then its managed session policies (PolicyArns) in request order.
func SessionPolicies(tx *store.Tx, set *managed.Set, s *store.Session) ([]PrincipalPolicy, error) {
	out := make([]PrincipalPolicy, 0, len(s.SessionPolicies)+len(s.PolicyARNs))
	for i, doc := range s.SessionPolicies {
		out = append(out, PrincipalPolicy{Kind: evaluator.KindSession, Name: fmt.Sprintf("session-policy/%d", i), Document: doc})
	}
	for _, arn := range s.PolicyARNs {
		if acct, _, ok := PolicyKey(arn); ok && acct != s.Account && !managed.IsAWSManaged(arn) {
			// Managed session policies are the role's account's own (or
			// AWS's): another account's document is not read.
			out = append(out, PrincipalPolicy{Kind: evaluator.KindSession, ARN: arn, Missing: true})
			continue
		}
		mp, err := managedPolicy(tx, set, arn, evaluator.KindSession)
		if err != nil {
			return nil, err
		}
		out = append(out, mp)
	}
	return out, nil
}

// managedPolicy reads the managed policy arn for use as kind.
func managedPolicy(tx *store.Tx, set *managed.Set, arn string, kind evaluator.Kind) (PrincipalPolicy, error) {
	doc, ok, err := ManagedDocument(tx, set, arn)
	if err != nil {
		return PrincipalPolicy{}, err
	}
	return PrincipalPolicy{Kind: kind, ARN: arn, AWSManaged: managed.IsAWSManaged(arn), Missing: !ok, Document: doc}, nil
}
