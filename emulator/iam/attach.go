package iam

import (
	"context"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// codePolicyNotAttachable is Attach*Policy's refusal of a service role
// policy (the API reference's PolicyNotAttachable, HTTP 400).
const codePolicyNotAttachable = awserr.Code("PolicyNotAttachable")

func (h *Handler) attachUserPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.attach(ctx, p, "AttachUserPolicy", "UserName")
}

func (h *Handler) attachGroupPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.attach(ctx, p, "AttachGroupPolicy", "GroupName")
}

func (h *Handler) attachRolePolicy(ctx context.Context, p query.Params) (any, error) {
	return h.attach(ctx, p, "AttachRolePolicy", "RoleName")
}

func (h *Handler) detachUserPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.detach(ctx, p, "DetachUserPolicy", "UserName")
}

func (h *Handler) detachGroupPolicy(ctx context.Context, p query.Params) (any, error) {
	return h.detach(ctx, p, "DetachGroupPolicy", "GroupName")
}

func (h *Handler) detachRolePolicy(ctx context.Context, p query.Params) (any, error) {
	return h.detach(ctx, p, "DetachRolePolicy", "RoleName")
}

func (h *Handler) listAttachedUserPolicies(ctx context.Context, p query.Params) (any, error) {
	return h.listAttached(ctx, p, "ListAttachedUserPolicies", "UserName")
}

func (h *Handler) listAttachedGroupPolicies(ctx context.Context, p query.Params) (any, error) {
	return h.listAttached(ctx, p, "ListAttachedGroupPolicies", "GroupName")
}

func (h *Handler) listAttachedRolePolicies(ctx context.Context, p query.Params) (any, error) {
	return h.listAttached(ctx, p, "ListAttachedRolePolicies", "RoleName")
}

// attachment reads what Attach*Policy and Detach*Policy name, the entity
// and PolicyArn, and authorizes action on the entity with iam:PolicyARN.
func (h *Handler) attachment(ctx context.Context, p query.Params, action, param string) (entityRef, string, error) {
	var v validator
	ref := v.policyTarget(ctx, p, param)
	policyARN := v.policyARN(p, "PolicyArn")
	if err := v.err(); err != nil {
		return ref, "", err
	}
	if err := h.authorizeEntity(ctx, action, ref, map[string][]string{"iam:PolicyARN": {policyARN}}); err != nil {
		return ref, "", err
	}
	if !validPolicyARN(policyARN) {
		return ref, "", invalidInput("ARN %s is not valid.", policyARN)
	}
	return ref, policyARN, nil
}

// attach serves Attach{User,Group,Role}Policy.
func (h *Handler) attach(ctx context.Context, p query.Params, action, param string) (any, error) {
	ref, policyARN, err := h.attachment(ctx, p, action, param)
	if err != nil {
		return nil, err
	}
	acct := ref.acct
	err = h.changeEntity(ctx, ref, func(tx *store.Tx, e *entity) error {
		r, err := h.attachablePolicy(tx, acct, policyARN)
		if err != nil {
			return err
		}
		if r.aws != nil && strings.HasPrefix(r.aws.Path, "/aws-service-role/") {
			return serviceRolePolicyNotAttachable(ref.kind)
		}
		pol := e.policies()
		if containsFold(pol.Attached, policyARN) {
			return nil // attaching twice changes nothing
		}
		if len(pol.Attached) >= maxAttached {
			return limitExceeded("Cannot exceed quota for %s: %d", ref.kind.quota, maxAttached)
		}
		pol.Attached = append(pol.Attached, r.arn())
		if r.customer != nil {
			r.customer.Attachments++
			if err := savePolicy(tx, r.customer); err != nil {
				return err
			}
		}
		return e.save(tx, acct)
	})
	return nil, wrap(action, err)
}

// attachablePolicy resolves the policy Attach*Policy names: a customer
// managed policy of acct or an AWS managed policy AWS still lets attach.
// Anything else is NoSuchEntity "Policy ARN does not exist or is not
// attachable.", which AWS answers for the retired
// arn:aws:iam::aws:policy/service-role/AWSConfigRole (IsAttachable false;
// quoted in newrelic/aws-log-ingestion#77, awslabs/aws-bootstrap-kit#128,
// aws-quickstart/quickstart-aws-fintech-blueprint#31, 2022).
func (h *Handler) attachablePolicy(tx *store.Tx, acct, policyARN string) (*resolvedPolicy, error) {
	r, err := h.lookupPolicy(tx, policyARN)
	if err != nil && !isNoSuchEntity(err) {
		return nil, err
	}
	if err != nil || (r.customer != nil && !strings.HasPrefix(r.customer.ARN, arns.IAM(acct, ""))) || (r.aws != nil && !r.aws.Attachable) {
		return nil, noSuchEntity("Policy %s does not exist or is not attachable.", policyARN)
	}
	return r, nil
}

// serviceRolePolicyNotAttachable is the refusal of an AWS managed policy
// under /aws-service-role/, which only a service's service-linked role may
// have (and those refuse AttachRolePolicy as protected roles).
// AttachRolePolicy's text is AWS's (quoted in aws/aws-cdk#6131, 2020); the
// user and group texts follow it (not recorded).
func serviceRolePolicyNotAttachable(kind entityKind) error {
	who := map[string]string{"user": "User", "group": "Group", "role": "Role"}[kind.arnKind]
	return awserr.New(codePolicyNotAttachable, http.StatusBadRequest, "Cannot attach a Service Role Policy to a Customer "+who+".")
}

// detach serves Detach{User,Group,Role}Policy.
func (h *Handler) detach(ctx context.Context, p query.Params, action, param string) (any, error) {
	ref, policyARN, err := h.attachment(ctx, p, action, param)
	if err != nil {
		return nil, err
	}
	err = h.changeEntity(ctx, ref, func(tx *store.Tx, e *entity) error {
		pol := e.policies()
		i := indexFold(pol.Attached, policyARN)
		if i < 0 {
			return noSuchPolicy(policyARN)
		}
		pol.Attached = append(pol.Attached[:i], pol.Attached[i+1:]...)
		if r, err := h.lookupPolicy(tx, policyARN); err == nil && r.customer != nil {
			if r.customer.Attachments > 0 {
				r.customer.Attachments--
			}
			if err := savePolicy(tx, r.customer); err != nil {
				return err
			}
		}
		return e.save(tx, ref.acct)
	})
	return nil, wrap(action, err)
}

type listAttachedResult struct {
	AttachedPolicies members[xmlAttachedPolicy] `xml:"AttachedPolicies"`
	pageInfo
}

// listAttached serves ListAttached{User,Group,Role}Policies.
func (h *Handler) listAttached(ctx context.Context, p query.Params, action, param string) (any, error) {
	var v validator
	ref := v.policyTarget(ctx, p, param)
	prefix := v.pathAs(p, "PathPrefix", patPolicyPath)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorizeEntity(ctx, action, ref, nil); err != nil {
		return nil, err
	}
	var items []xmlAttachedPolicy
	err := h.viewEntity(ctx, ref, func(_ *store.Tx, e *entity) error {
		for _, a := range e.policies().Attached {
			name, path := policyNamePath(a)
			if pathPrefixMatch(path, prefix) {
				items = append(items, xmlAttachedPolicy{PolicyName: name, PolicyARN: a})
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrap(action, err)
	}
	pg, more := page(items, func(x xmlAttachedPolicy) string { return strings.ToLower(x.PolicyName) + "\x00" + x.PolicyARN }, pp)
	return &listAttachedResult{AttachedPolicies: list(pg), pageInfo: more}, nil
}

// policyNamePath splits a managed policy ARN into its name and path.
func policyNamePath(policyARN string) (name, path string) {
	_, res, _ := strings.Cut(policyARN, ":policy")
	i := strings.LastIndexByte(res, '/')
	if i < 0 {
		return res, "/"
	}
	return res[i+1:], res[:i+1]
}
