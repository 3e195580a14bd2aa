package sts

import (
	"context"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
)

// STS actions that credentials from GetFederationToken and GetSessionToken
// may call, whatever their policies allow. The STS API reference documents
// both limits: a federated user "cannot call any STS operations except
// GetCallerIdentity" (GetFederationToken), and GetSessionToken's
// credentials cannot call "any STS API except AssumeRole or
// GetCallerIdentity" (GetSessionToken). GetSessionToken and
// GetFederationToken refuse every session themselves, with AWS's own
// message, and the web-identity and SAML actions do not use the caller's
// credentials, so those pass here.
var sessionMayCall = map[string]map[string]bool{
	"GetFederationToken": {"GetCallerIdentity": true},
	"GetSessionToken":    {"GetCallerIdentity": true, "AssumeRole": true},
}

// checkedSessionActions refuses a session the actions its kind may never
// call before serving them.
func checkedSessionActions(name string, fn query.Handler) query.Handler {
	switch name {
	case "GetSessionToken", "GetFederationToken", "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML":
		return fn
	}
	return func(ctx context.Context, p query.Params) (any, error) {
		if err := sessionRefusal(&authn.FromContext(ctx).Caller, name); err != nil {
			return nil, err
		}
		return fn(ctx, p)
	}
}

// sessionRefusal is the AccessDenied for a session calling an STS action
// its kind may not call, or nil. AWS's wording is not recorded; this one
// says which rule refused (docs/deviations.md).
func sessionRefusal(c *authn.Caller, action string) error {
	s := c.Session
	if s == nil {
		return nil
	}
	allowed, limited := sessionMayCall[s.Kind]
	if !limited || allowed[action] {
		return nil
	}
	return awserr.AccessDenied("User: " + c.ARN + " is not authorized to perform: sts:" + action +
		" because credentials from " + s.Kind + " cannot call it")
}
