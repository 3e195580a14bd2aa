// Package sts implements the AWS Security Token Service Query API
// (https://docs.aws.amazon.com/STS/latest/APIReference/welcome.html) and a
// small OpenID Connect issuer for local web-identity federation.
//
// # What it owns
//
// The STS actions (AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML,
// GetSessionToken, GetFederationToken, GetCallerIdentity, GetAccessKeyInfo,
// DecodeAuthorizationMessage), their
// parameter validation with AWS's messages, and the sessions they issue
// (store.Session), sealed into their session tokens by
// emulator/sessiontoken so issuing one writes nothing; the authentication
// layer opens the token again to find the caller. The sealing key lives in
// the store, so sessions survive restarts (but not a reset).
//
// Deciding access is emulator/authz's: AssumeRole asks it about
// sts:AssumeRole (and sts:TagSession, sts:SetSourceIdentity) with the role's
// trust policy as the resource policy; the evaluator applies the trust
// combining rules (the trust policy must always allow; naming the account
// root delegates to the caller's identity policies; across accounts both
// sides must allow).
//
// # Trust policies and recreated principals
//
// IAM records, for each user or role ARN named in a trust policy, the unique
// id it had when the policy was set (store.Role.TrustPrincipalIDs).
// principals.TrustPolicy replaces an ARN whose entity was deleted or recreated by the
// stored unique id, so a recreated user with the same name no longer matches,
// as on AWS
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles).
//
// # The OIDC issuer
//
// Issuer serves /_fakeaws/oidc/.well-known/openid-configuration,
// /_fakeaws/oidc/jwks and /_fakeaws/oidc/token, and signs RS256 ID tokens
// whose iss is the server's base URL plus "/_fakeaws/oidc". Register it in
// IAM as an OIDC provider with the URL "127.0.0.1:4566/_fakeaws/oidc" and
// AssumeRoleWithWebIdentity accepts its tokens. Tokens of other issuers are
// verified against their published JWKS, fetched over HTTP(S).
//
// # Caveats
//
// AssumeRoleWithSAML verifies the SAML Response with package
// [github.com/fakeaws/fakeaws/emulator/saml] against the signing
// certificates of the SAML provider's metadata (IAM CreateSAMLProvider);
// its exclusive canonicalization covers what IdPs produce, not every XML
// document. GetFederationToken sessions act as the calling IAM user (or
// root) capped by their session policies. See docs/deviations.md (STS section) for
// the differences from AWS.
package sts
