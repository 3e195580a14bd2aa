// Package authz decides every request: it gathers the policies that apply to
// the caller (identity policies of the user and its groups or of the assumed
// role, the permissions boundary, session policies) from the store, adds the
// resource-based policy the service supplies (bucket policy, trust policy),
// fills the global condition keys from the request, asks the evaluator, and
// records the decision for /_fakeaws/decisions.
//
// Services never decide access themselves: they call Authorizer.Authorize
// with the action, resource and service-specific condition keys.
package authz
