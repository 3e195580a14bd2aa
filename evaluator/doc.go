// Package evaluator implements AWS IAM policy evaluation: it parses and
// validates policy documents the way IAM and S3 do, and decides whether a
// request is allowed, following the AWS IAM User Guide's "Policy evaluation
// logic" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html)
// and "Cross-account policy evaluation logic"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
//
// # Parsing
//
// Parse validates a document for the role it plays (Kind): identity
// policies, permissions boundaries and session policies must not name a
// principal and must name actions and resources; resource-based and role
// trust policies must name a principal; trust policies must not name a
// resource. Errors are *ParseError values carrying AWS's wording ("Syntax
// errors in policy.", "Invalid principal in policy", ...). A parsed Policy is
// compiled: action and resource patterns, condition operators and their
// values (numbers, dates, CIDRs) are prepared once, so Evaluate does no
// parsing and, on the common path, no allocation. Cache memoises Parse.
//
// # Evaluation order
//
// Evaluate applies AWS's order:
//
//  1. Every applicable policy is evaluated — identity-based policies, the
//     permissions boundary, session policies and the resource-based (or
//     trust) policy. A statement applies when its Action/NotAction,
//     Resource/NotResource, Principal/NotPrincipal and every Condition match.
//     An applicable Deny statement in any of them, or in a service control
//     policy (SCP) or resource control policy (RCP) of AWS Organizations,
//     is an explicit deny, and nothing can override it.
//  2. Then the Organizations guardrails, in the order of the flow chart of
//     "Policy evaluation logic": the RCPs of the resource's account, then
//     the SCPs of the principal's account. Each applies per level (root,
//     each OU, the account): every level must have an applicable Allow,
//     else the request is implicitly denied ("because no service control
//     policy allows the ... action"). They grant nothing. The caller
//     decides whether they apply (PolicySet.SCP and PolicySet.RCP are nil
//     for the management account, service-linked roles, and services RCPs
//     do not cover); see
//     https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
//     and
//     https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html.
//     Decision.SCP and Decision.RCP report what each level said.
//  3. Otherwise an Allow is needed. Within one account, an allow in either
//     the identity-based policies or the resource-based policy suffices,
//     except that permissions boundaries and session policies cap the
//     identity side: the identity-based policy, the boundary and the session
//     policy must all allow. A resource-based policy that names the caller
//     exactly (an IAM user ARN, an assumed-role session ARN, a federated user
//     session) or names "*" (with, say, an aws:PrincipalArn condition) grants
//     on its own, unlimited by boundary and session policy; one that names
//     the role ARN is capped by them; one that names the account only
//     delegates to the account's identity-based policies. A boundary or
//     session policy entry whose Policy is nil allows nothing. Sides explains
//     a decision by these same rules.
//  4. Across accounts, the identity side (identity ∩ boundary ∩ session) of
//     the caller's account and the resource-based policy of the resource's
//     account must both allow.
//  5. A role trust policy must always allow sts:AssumeRole* explicitly; when
//     it names the caller's account rather than the caller, the caller's
//     identity-based policies must allow as well.
//  6. Anonymous callers, AWS services and web-identity/SAML federation have
//     no identity side: only the resource-based (trust) policy can allow.
//     The root user has no identity policies and is allowed in its own
//     account unless a resource-based policy denies it, or, for a session
//     from sts:AssumeRoot, its task policy (a session policy of Deny
//     statements) does.
//  7. Nothing allowed: an implicit deny. Decision.Kind then names the kind
//     that failed to allow, which Decision.Message turns into AWS's
//     AccessDenied text ("... because no identity-based policy allows the
//     s3:GetObject action").
//
// Conditions follow "Condition operators"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html),
// "Multivalued context keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html)
// and "Policy variables"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
// Where the guide is silent, the choices made are listed in
// docs/deviations.md.
//
// # Relations between patterns
//
// For reasoning about what a policy can grant rather than about one
// request (IAM Access Analyzer's custom policy checks), relate.go answers
// whether two Action or Resource patterns can match a common string
// (ActionsOverlap, ResourcesOverlap) and whether one matches every string
// the other does (ActionCovers, ResourceCovers), on the patterns as the
// matcher compiles them. Overlap errs towards true and cover towards
// false.
//
// # What the package leaves to its callers
//
// The package is pure: it does no I/O, keeps no clock and knows no
// accounts, users or buckets. The caller resolves which policies apply
// (PolicySet), who the caller is (Principal) and fills the request context
// (Context), including time as aws:CurrentTime and aws:EpochTime, the source
// address as aws:SourceIp, and service keys such as s3:prefix. A few keys
// are derived from the Principal when the caller did not supply them:
// aws:username, aws:userid, aws:PrincipalArn, aws:PrincipalAccount,
// aws:PrincipalType and aws:PrincipalServiceName. Whether named principals
// or resources exist is for the caller to check (see Policy.PrincipalARNs and
// Policy.Resources).
package evaluator
