// Package authz decides every request: it gathers the policies that apply to
// the caller (identity policies of the user and its groups or of the assumed
// role, the permissions boundary, session policies) from the store, adds the
// resource-based policy the service supplies (bucket policy, trust policy),
// fills the global condition keys from the request, asks the evaluator, and
// records the decision for /_fakeaws/decisions.
//
// UserPolicies, EntityPolicies and SessionPolicies are the one place that
// gathers a principal's policies, in a fixed order (inline policies sorted
// by name); the IAM policy simulator reads them too, so it and the
// authorizer see the same policies.
//
// Each decision also notes the attempt of the IAM user or role behind the
// caller, per service (lastaccess.go): the data of IAM's last accessed
// reports, kept in memory and written coalesced.
//
// Services never decide access themselves: they call Authorizer.Authorize
// with the action, resource and service-specific condition keys.
package authz
