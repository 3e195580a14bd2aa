package evaluator

// This file holds the question the evaluator answers: who (Principal) asks
// to do what (Request) under which policies (PolicySet), and the shape of
// the answer (Effect).

// Kind says which role a policy plays in a decision.
type Kind int

const (
	// KindIdentity is a policy attached to (or inline on) a user, group or role.
	KindIdentity Kind = iota
	// KindBoundary is a permissions boundary.
	KindBoundary
	// KindSession is a session policy passed to AssumeRole or federation.
	KindSession
	// KindResource is a resource-based policy, such as an S3 bucket policy.
	KindResource
	// KindTrust is a role trust policy: a resource-based policy that must
	// always allow explicitly.
	KindTrust
	// KindSCP is an AWS Organizations service control policy: a guardrail
	// on the principals of a member account. It grants nothing; every
	// level from the root to the account must allow.
	KindSCP
	// KindRCP is an AWS Organizations resource control policy: a guardrail
	// on the resources of a member account, whoever asks. It grants
	// nothing; every level from the root to the account must allow.
	KindRCP
)

// PrincipalType is the kind of caller, as aws:PrincipalType reports it.
type PrincipalType string

// Principal types, spelled as aws:PrincipalType spells them.
const (
	PrincipalAccount       PrincipalType = "Account" // root user
	PrincipalUser          PrincipalType = "User"
	PrincipalAssumedRole   PrincipalType = "AssumedRole"
	PrincipalFederatedUser PrincipalType = "FederatedUser"
	PrincipalAnonymous     PrincipalType = "Anonymous"
	PrincipalService       PrincipalType = "Service"
)

// Principal is who makes the request.
type Principal struct {
	Type PrincipalType
	// ARN is the caller's ARN: arn:aws:iam::111122223333:root,
	// arn:aws:iam::111122223333:user/path/alice,
	// arn:aws:sts::111122223333:assumed-role/RoleName/session.
	ARN string
	// Account is the caller's 12-digit account id ("" for anonymous).
	Account string
	// UserID is aws:userid: AIDA... for users, AROA...:session for roles,
	// the account id for root.
	UserID string
	// Username is aws:username (users only).
	Username string
	// RoleARN is the IAM role ARN (arn:aws:iam::ACCOUNT:role/path/Name) of
	// an assumed-role session; "" otherwise.
	RoleARN string
	// SessionName is the role session name of an assumed-role session.
	SessionName string
	// Service is the service principal (e.g. "ec2.amazonaws.com") when
	// Type is PrincipalService.
	Service string
	// Federated is the identity provider (ARN or name, e.g.
	// "arn:aws:iam::111:oidc-provider/token.actions.githubusercontent.com"
	// or "cognito-identity.amazonaws.com") for web-identity and SAML callers.
	Federated string
	// CanonicalUser is the S3 canonical user id of the account, if known.
	CanonicalUser string
}

// Request is one authorization question.
type Request struct {
	Principal Principal
	// Action is "service:Action", e.g. "s3:GetObject".
	Action string
	// Resource is the ARN acted on ("*" when the action has no resource).
	Resource string
	// ResourceAccount is the account that owns Resource ("" if not known,
	// which is treated as the caller's own account).
	ResourceAccount string
	// Context holds condition keys and their values. Keys are matched
	// case-insensitively; single-valued keys have one element.
	Context Context
}

// Context maps condition keys to their values.
type Context map[string][]string

// NamedPolicy is a parsed policy with the name a decision reports for it:
// a managed policy ARN, "user/alice/inline-name", a bucket name, etc.
type NamedPolicy struct {
	Name   string
	Policy *Policy
}

// PolicySet is everything that applies to one Request.
type PolicySet struct {
	// Identity holds the caller's identity-based policies (for a user: its
	// own and its groups'; for a role session: the role's).
	Identity []NamedPolicy
	// Boundary is the permissions boundary, or nil when there is none. A
	// boundary whose Policy is nil allows nothing (fail closed), as does a
	// session policy whose Policy is nil.
	Boundary *NamedPolicy
	// Session holds session policies. HasSession marks a role or federated
	// session even when it was created without session policies (then no
	// session policy limits it).
	Session    []NamedPolicy
	HasSession bool
	// Resource is the resource-based policy (bucket policy, or the role's
	// trust policy when Action is sts:AssumeRole*), or nil.
	Resource *NamedPolicy
	// ResourceKind is KindResource or KindTrust.
	ResourceKind Kind
	// ExtraResourceAllow holds resource-side grants that are not policies
	// but act like them (S3 ACL grants translated into statements).
	ExtraResource []NamedPolicy
	// SCP holds the service control policies that apply to the principal,
	// one OrgLevel per level from the organization root through the OUs
	// to the principal's account. Nil when none apply: the principal's
	// account is in no organization or is its management account, the
	// policy type is not enabled, or the principal is a service-linked
	// role (the caller decides; see orgs.go).
	SCP []OrgLevel
	// RCP holds the resource control policies that apply to the resource,
	// one OrgLevel per level from the root to the resource's account. Nil
	// when none apply (no organization, the management account's
	// resources, a service RCPs do not cover, a service-linked role).
	RCP []OrgLevel
}

// OrgLevel is one level of an organization (the root, an OU or an account)
// with the policies of one type attached to it.
type OrgLevel struct {
	// Target is the level's id: "r-examplerootid111", "ou-exam-ple12345",
	// or the 12-digit account id.
	Target string
	// Policies are the policies attached to the target. A level with no
	// policy allows nothing, as a level whose FullAWSAccess was detached.
	Policies []NamedPolicy
}

// Effect is the outcome of a decision.
type Effect int

const (
	// ImplicitDeny: nothing allowed the request.
	ImplicitDeny Effect = iota
	// Allow: the request is allowed.
	Allow
	// ExplicitDeny: a Deny statement matched.
	ExplicitDeny
)
