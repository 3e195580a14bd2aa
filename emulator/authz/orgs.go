package authz

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// This file gathers the AWS Organizations side of a decision: the SCPs on
// the principal's account, the RCPs on the resource's account, and the
// organization condition keys (aws:PrincipalOrgID, aws:PrincipalOrgPaths,
// aws:ResourceOrgID, aws:ResourceOrgPaths, aws:SourceOrgID,
// aws:SourceOrgPaths).
//
// SCPs limit the principals of member accounts (root user included), never
// the management account's, and not service-linked roles
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
// RCPs limit access to member accounts' resources for the services RCPs
// support, whoever asks (root users, other accounts, anonymous callers and
// AWS service principals alike: the RCP examples' confused-deputy guard
// tests aws:PrincipalIsAWSService), except the management account's
// resources and service-linked roles; "Resources and entities not
// restricted by RCPs" names no other exemption
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).

// rcpServices are the action prefixes of the services RCPs govern (the
// RCP page's "List of AWS services that support RCPs", which has grown
// from the ten services of its launch). fakeaws serves S3 and STS; the
// others matter to the policy simulator.
var rcpServices = []string{
	"aoss", "appconfig", "appstream", "autoscaling", "autoscaling-plans", "budgets",
	"clouddirectory", "cloudfront", "cloudsearch", "cloudtrail-data", "codeartifact",
	"codebuild", "codecommit", "codepipeline", "cognito-identity", "cognito-idp",
	"comprehend", "comprehendmedical", "compute-optimizer", "cost-optimization-hub",
	"dax", "dsql", "dynamodb", "ecr", "ecr-public", "events", "firehose", "fis", "fms",
	"gamelift", "health", "inspector-scan", "kendra", "kinesisvideo", "kms", "logs",
	"memorydb", "networkmonitor", "notifications", "opensearch", "pca-connector-ad",
	"personalize", "polly", "pricing", "resource-groups", "rolesanywhere", "s3",
	"secretsmanager", "servicediscovery", "signin", "sqs", "sts", "support", "swf",
	"textract", "timestream-influxdb", "transcribe", "transfer", "translate", "wafv2",
	"workspaces", "xray",
}

// RCPService reports whether prefix (lower-case, as "s3") names a service
// RCPs govern; Organizations refuses RCP actions of other services.
func RCPService(prefix string) bool { return slices.Contains(rcpServices, prefix) }

// orgAccount is what one account's organization means for decisions.
type orgAccount struct {
	orgID string // "" when the account is in no organization
	// paths is aws:PrincipalOrgPaths / aws:ResourceOrgPaths:
	// "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/".
	paths string
	// scp and rcp are the levels root → account, nil when the type is not
	// enabled or the account is the management account.
	scp, rcp []evaluator.OrgLevel
}

// orgCache keeps each account's orgAccount until the next identity write
// (organization records count as identity records for store.Generation).
type orgCache struct {
	mu       sync.Mutex
	gen      uint64
	accounts map[string]*orgAccount
}

// orgAccount returns account's organization view.
func (a *Authorizer) orgAccount(ctx context.Context, account string) (*orgAccount, error) {
	if account == "" {
		return &orgAccount{}, nil
	}
	c := &a.orgs
	gen := a.db.Generation()
	c.mu.Lock()
	if c.gen != gen || c.accounts == nil {
		c.gen, c.accounts = gen, map[string]*orgAccount{}
	}
	oa, ok := c.accounts[account]
	c.mu.Unlock()
	if ok {
		return oa, nil
	}
	oa = &orgAccount{}
	err := a.db.View(ctx, func(tx *store.Tx) error {
		o, err := tx.OrganizationOf(account)
		if errors.Is(err, store.ErrNoOrganization) {
			var ref store.OrgRef
			if tx.Get(store.Global, store.KindOrgMember, account, &ref) == nil {
				// A member record naming an organization that is gone.
				a.damagedOrgAccount(ref.OrgID, account, oa)
			}
			return nil
		}
		if err != nil {
			return err
		}
		a.buildOrgAccount(o, account, oa)
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.accounts[account] = oa
	}
	c.mu.Unlock()
	return oa, nil
}

func (a *Authorizer) buildOrgAccount(o *store.Organization, account string, oa *orgAccount) {
	path := o.Path(account)
	if len(path) == 0 || path[0] != o.Root.ID {
		// The account's member record names o, but o's tree does not
		// lead from its root to the account (a damaged record).
		if account != o.ManagementAccount {
			a.damagedOrgAccount(o.ID, account, oa)
		}
		return
	}
	oa.orgID = o.ID
	var b strings.Builder
	b.WriteString(o.ID + "/")
	for _, id := range path[:len(path)-1] {
		b.WriteString(id + "/")
	}
	oa.paths = b.String()
	if account == o.ManagementAccount {
		return
	}
	if o.PolicyTypeEnabled(store.PolicyTypeSCP) {
		oa.scp = a.orgLevels(o, path, store.PolicyTypeSCP, evaluator.KindSCP)
	}
	if o.PolicyTypeEnabled(store.PolicyTypeRCP) {
		oa.rcp = a.orgLevels(o, path, store.PolicyTypeRCP, evaluator.KindRCP)
	}
}

// damagedOrgAccount makes oa deny everything SCPs and RCPs govern: the
// store says account is in organization orgID, but which policies apply to
// it cannot be read, and skipping them would fail open.
func (a *Authorizer) damagedOrgAccount(orgID, account string, oa *orgAccount) {
	if orgID == "" {
		orgID = "o-unreadable"
	}
	name := "organization " + orgID + " (damaged record for account " + account + ")"
	oa.orgID = orgID
	oa.scp = []evaluator.OrgLevel{{Target: orgID, Policies: []evaluator.NamedPolicy{a.ParseStored(name, "", evaluator.KindSCP)}}}
	oa.rcp = []evaluator.OrgLevel{{Target: orgID, Policies: []evaluator.NamedPolicy{a.ParseStored(name, "", evaluator.KindRCP)}}}
}

// orgLevels parses the policies of typ attached along path.
func (a *Authorizer) orgLevels(o *store.Organization, path []string, typ string, kind evaluator.Kind) []evaluator.OrgLevel {
	levels := make([]evaluator.OrgLevel, 0, len(path))
	for _, id := range path {
		lv := evaluator.OrgLevel{Target: id, Policies: []evaluator.NamedPolicy{}}
		for _, p := range o.Attached(id, typ) {
			// Stored policies were validated when written; one that no
			// longer parses denies everything (fail closed): skipping it
			// would drop its Denies beside the level's FullAWSAccess.
			lv.Policies = append(lv.Policies, a.ParseStored(p.ARN, p.Content, kind))
		}
		levels = append(levels, lv)
	}
	return levels
}

// serviceLinked reports whether the caller is a session of a service-linked
// role (path /aws-service-role/).
func serviceLinked(c *authn.Caller) bool {
	return c.Session != nil && strings.Contains(c.Session.RoleARN, ":role/aws-service-role/")
}

// scpApplies reports whether SCPs limit the caller: IAM principals of an
// account (root, users, role sessions, federated users), except
// service-linked roles and web-identity/SAML federation before it assumes
// a role.
func scpApplies(c *authn.Caller, p *evaluator.Principal) bool {
	switch p.Type {
	case evaluator.PrincipalAccount, evaluator.PrincipalUser, evaluator.PrincipalAssumedRole:
	case evaluator.PrincipalFederatedUser:
		if p.Federated != "" {
			return false
		}
	default:
		return false
	}
	return !serviceLinked(c)
}

// noResourceType are the actions, of the RCP services fakeaws serves,
// whose Service Authorization Reference entry has no resource type
// (lower-case). "RCPs apply to the resources that are authorized as part of
// an operation request ... If a resource is specified in the 'Resource
// type' column, then the RCPs of the resource owner's account are applied"
// (RCP page): an action without one meets no RCP.
var noResourceType = []string{
	"s3:listallmybuckets", "s3:getaccountpublicaccessblock", "s3:putaccountpublicaccessblock",
	"s3:listaccesspoints", "s3:listjobs", "s3:createjob", "s3:listallmydirectorybuckets",
	"s3:listmultiregionaccesspoints", "s3:liststoragelensconfigurations", "s3:liststoragelensgroups",
	"s3:listaccessgrantsinstances",
	"sts:getcalleridentity", "sts:getsessiontoken", "sts:getaccesskeyinfo", "sts:decodeauthorizationmessage",
	"sts:getservicebearertoken",
}

// rcpApplies reports whether RCPs govern action on resource for the
// caller: not for service-linked roles' calls, not for actions without a
// resource type, and not for assuming a service-linked role ("the
// service-linked role's trust policy is also not impacted by RCPs", RCP
// page).
func rcpApplies(c *authn.Caller, action, resource string) bool {
	if serviceLinked(c) || resource == "*" || resource == "" {
		return false
	}
	lower := strings.ToLower(action)
	if slices.Contains(noResourceType, lower) {
		return false
	}
	svc, name, ok := strings.Cut(lower, ":")
	if svc == "sts" && strings.HasPrefix(name, "assumerole") && strings.Contains(resource, ":role/aws-service-role/") {
		return false
	}
	return ok && slices.Contains(rcpServices, svc)
}

// organizationSide fills ps.SCP, ps.RCP and the organization condition
// keys of req; the resource's are resourceOwner's (normally
// req.ResourceAccount; see Check.ResourceOwner). It runs after the
// service's own context keys are in req, so it can add aws:SourceOrgID for
// an aws:SourceAccount a service supplied.
func (a *Authorizer) organizationSide(ctx context.Context, caller *authn.Caller, req *evaluator.Request, resourceOwner string, ps *evaluator.PolicySet) error {
	p := &req.Principal
	if !caller.Anonymous() && p.Account != "" {
		po, err := a.orgAccount(ctx, p.Account)
		if err != nil {
			return err
		}
		if po.orgID != "" {
			req.Context["aws:principalorgid"] = []string{po.orgID}
			req.Context["aws:principalorgpaths"] = []string{po.paths}
			if scpApplies(caller, p) {
				ps.SCP = po.scp
			}
		}
	}
	if resourceOwner != "" {
		ro, err := a.orgAccount(ctx, resourceOwner)
		if err != nil {
			return err
		}
		if ro.orgID != "" {
			req.Context["aws:resourceorgid"] = []string{ro.orgID}
			req.Context["aws:resourceorgpaths"] = []string{ro.paths}
			if rcpApplies(caller, req.Action, req.Resource) {
				ps.RCP = ro.rcp
			}
		}
	}
	if src := req.Context["aws:sourceaccount"]; len(src) == 1 {
		so, err := a.orgAccount(ctx, src[0])
		if err != nil {
			return err
		}
		if so.orgID != "" {
			req.Context["aws:sourceorgid"] = []string{so.orgID}
			req.Context["aws:sourceorgpaths"] = []string{so.paths}
		}
	}
	return nil
}

// SCPLevels returns the SCP levels that limit principal (nil when none
// do), for IAM's policy simulator.
func (a *Authorizer) SCPLevels(ctx context.Context, principal evaluator.Principal) ([]evaluator.OrgLevel, error) {
	po, err := a.orgAccount(ctx, principal.Account)
	if err != nil || po.orgID == "" {
		return nil, err
	}
	slr := strings.Contains(principal.RoleARN, ":role/aws-service-role/") || strings.Contains(principal.ARN, ":role/aws-service-role/")
	if scpApplies(&authn.Caller{}, &principal) && !slr {
		return po.scp, nil
	}
	return nil, nil
}

// sameOrganization reports whether the request's principal and resource
// belong to the same organization (from the context keys filled above).
func sameOrganization(req *evaluator.Request) bool {
	p, r := req.Context["aws:principalorgid"], req.Context["aws:resourceorgid"]
	return len(p) == 1 && len(r) == 1 && p[0] == r[0]
}
