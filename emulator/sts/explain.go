package sts

import (
	"context"
	"fmt"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// ExplainAssume returns the trust check a request by caller for action
// (sts:AssumeRole, sts:TagSession, ...) on roleARN meets, built as
// assumeRole builds it, or the refusal the request gets before any policy
// is read: root credentials, a malformed ARN, a missing role.
func (h *Handler) ExplainAssume(ctx context.Context, caller *authn.Caller, action, roleARN string, cond map[string][]string) (authz.Check, error) {
	if caller.Root() && !strings.EqualFold(action, "sts:AssumeRoleWithWebIdentity") && !strings.EqualFold(action, "sts:AssumeRoleWithSAML") {
		return authz.Check{}, awserr.AccessDenied("Roles may not be assumed by root accounts.")
	}
	ref, ok := parseRoleARN(roleARN)
	if !ok && strings.EqualFold(action, "sts:AssumeRole") && nonRoleARN(roleARN) {
		return authz.Check{}, notAuthorized(caller, action, roleARN)
	}
	if !ok {
		return authz.Check{}, awserr.ValidationError("Request ARN is invalid")
	}
	r, _, err := h.loadRole(ctx, ref, caller, nil)
	if err != nil {
		return authz.Check{}, fmt.Errorf("load role %s: %w", roleARN, err)
	}
	if r == nil {
		return authz.Check{}, notAuthorized(caller, action, roleARN)
	}
	check := h.trustCheck(action, ref, r, cond, caller)
	if s := caller.Session; s != nil && s.RoleARN != "" && strings.EqualFold(action, "sts:AssumeRole") {
		transitiveResourceTags(&check, s)
	}
	return check, nil
}
