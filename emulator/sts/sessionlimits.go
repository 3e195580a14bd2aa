package sts

import (
	"context"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
)

// What credentials STS issued may call, whatever their policies allow: in
// IAM (IAMRefusal, asked by the server before IAM serves a request) and in
// STS itself (sessionMayCall).

// IAMRefusal is IAM's refusal of every call made with a session's
// credentials, or nil: a GetSessionToken session obtained without MFA is
// InvalidClientTokenId "The security token included in the request is
// invalid" (AWS documents the rule in the STS API reference and answers
// that, quoted in 99designs/aws-vault issues 15 and 328); a federated
// user's (GetFederationToken), which AWS documents as unable to call IAM
// at all, is AccessDenied whatever its session policy allows.
func IAMRefusal(c *authn.Caller) error {
	switch s := c.Session; {
	case s == nil:
		return nil
	case s.Kind == "GetSessionToken" && !s.MFA:
		return awserr.InvalidClientTokenID()
	case s.Kind == "GetFederationToken":
		return awserr.AccessDenied("User: " + c.ARN + " is not authorized to call IAM: a federated user's credentials cannot call IAM")
	}
	return nil
}

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
