package organizations

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// This file holds organization policies: enabling their types, the
// policies themselves and their attachments.

// policyTypes are the PolicyType values the API accepts. Only SCPs and RCPs
// are enforced; the others are stored.
var policyTypes = []string{store.PolicyTypeSCP, store.PolicyTypeRCP, "TAG_POLICY", "BACKUP_POLICY",
	"AISERVICES_OPT_OUT_POLICY", "CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2", "SECURITYHUB_POLICY",
	"INSPECTOR_POLICY", "UPGRADE_ROLLOUT_POLICY", "BEDROCK_POLICY", "S3_POLICY", "NETWORK_SECURITY_DIRECTOR_POLICY"}

// errImmutable is the answer to changing or deleting an AWS managed policy
// (the API reference's IMMUTABLE_POLICY reason for UpdatePolicy and
// DeletePolicy; AWS's message is not recorded, this is the reference's).
func errImmutable() error {
	return errInvalidInput("IMMUTABLE_POLICY", "You specified a policy that is managed by Amazon Web Services and can't be modified.")
}

// checkPolicyFields checks the lengths of a policy's name (1..128),
// description (..512) and content (1..) where given.
func checkPolicyFields(name, description, content *string) error {
	var errs []error
	if name != nil {
		errs = append(errs, checkLength(*name, 1, 128))
	}
	if description != nil {
		errs = append(errs, checkLength(*description, 0, 512))
	}
	if content != nil {
		errs = append(errs, checkLength(*content, 1, 1<<30))
	}
	return firstErr(errs...)
}

// maxPolicyChars is the largest document of each policy type, in
// characters (AWS::Organizations::Policy's Content in the CloudFormation
// reference, quoting the Organizations quotas: SCPs and RCPs 5,120, AI
// services opt-out policies 2,500, the other types 10,000;
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
func maxPolicyChars(typ string) int {
	switch typ {
	case store.PolicyTypeSCP, store.PolicyTypeRCP:
		return 5120
	case "AISERVICES_OPT_OUT_POLICY":
		return 2500
	}
	return 10000
}

// maxAttached is how many policies of one type a target may have.
const maxAttached = 5

// managedPolicy returns the AWS managed policy of typ, or nil.
func managedPolicy(typ string) *store.OrgPolicy {
	switch typ {
	case store.PolicyTypeSCP:
		return &store.OrgPolicy{ID: fullAWSAccessID, ARN: fullAWSAccessARN, Name: "FullAWSAccess",
			Description: "Allows access to every operation", Type: typ, AWSManaged: true, Content: fullAWSAccessDoc}
	case store.PolicyTypeRCP:
		return &store.OrgPolicy{ID: rcpFullAWSAccessID, ARN: rcpFullAWSAccessARN, Name: "RCPFullAWSAccess",
			Description: "Allows access to every resource", Type: typ, AWSManaged: true, Content: rcpFullAWSAccessDoc}
	}
	return nil
}

// attachDefaults attaches the managed policy of every enabled type to a
// new root, OU or account, as AWS does.
func attachDefaults(o *store.Organization, target string) {
	for _, typ := range o.Root.PolicyTypes {
		if m := managedPolicy(typ); m != nil {
			p := o.Policies[m.ID]
			if p != nil && !slices.Contains(p.Targets, target) {
				o.Attach(p, target)
			}
		}
	}
}

// detachAll removes target from every policy's targets.
func detachAll(o *store.Organization, target string) {
	for _, p := range o.Policies {
		p.Detach(target)
	}
}

// allTargets lists the root, every OU and every account.
func allTargets(o *store.Organization) []string {
	out := []string{o.Root.ID}
	for id := range o.OUs {
		out = append(out, id)
	}
	for id := range o.Accounts {
		out = append(out, id)
	}
	slices.Sort(out[1:])
	return out
}

func (h *Handler) enablePolicyType(ctx context.Context, c *call) (any, error) {
	validate := func(typ string) error {
		if !slices.Contains(policyTypes, typ) {
			return errInvalidInput("INVALID_ENUM", "You specified an invalid value.")
		}
		return nil
	}
	// AWS answers the root as it was before the change, which it applies
	// asynchronously ("PolicyTypes": [] recorded right after enabling the
	// first type, 2024-12); fakeaws applies it at once.
	return h.changePolicyType(ctx, c, "EnablePolicyType", validate, true, func(o *store.Organization, typ string) error {
		switch {
		case o.FeatureSet != "ALL":
			return errTypeNotAvailable()
		case o.PolicyTypeEnabled(typ):
			return errTypeEnabled()
		}
		o.Root.PolicyTypes = append(o.Root.PolicyTypes, typ)
		if m := managedPolicy(typ); m != nil {
			// The managed policy is attached to the root, every OU and
			// every account when the type is enabled.
			m.Targets = allTargets(o)
			if o.Policies == nil {
				o.Policies = map[string]*store.OrgPolicy{}
			}
			o.Policies[m.ID] = m
		}
		return nil
	})
}

func (h *Handler) disablePolicyType(ctx context.Context, c *call) (any, error) {
	return h.changePolicyType(ctx, c, "DisablePolicyType", nil, false, func(o *store.Organization, typ string) error {
		if !o.PolicyTypeEnabled(typ) {
			return errTypeNotEnabled()
		}
		o.Root.PolicyTypes = slices.DeleteFunc(o.Root.PolicyTypes, func(t string) bool { return t == typ })
		// Disabling a type detaches every policy of that type.
		for id, p := range o.Policies {
			if p.Type != typ {
				continue
			}
			if p.AWSManaged {
				delete(o.Policies, id)
				continue
			}
			p.DetachAll()
		}
		return nil
	})
}

// changePolicyType serves EnablePolicyType and DisablePolicyType: it
// decodes the root id and policy type, runs validate (if any) before
// authorizing action on the root, refuses another root
// (RootNotFoundException) and lets change check and apply the rest; it
// answers the root as it was before the change (answerBefore) or after.
func (h *Handler) changePolicyType(ctx context.Context, c *call, action string, validate func(policyType string) error,
	answerBefore bool, change func(o *store.Organization, policyType string) error) (any, error) {
	var in struct {
		RootID     string `json:"RootId"`
		PolicyType string `json:"PolicyType"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := checkID(patRoot, in.RootID); err != nil {
		return nil, err
	}
	c.keys = policyTypeKeys(in.PolicyType)
	if validate != nil {
		if err := validate(in.PolicyType); err != nil {
			return nil, err
		}
	}
	var out rootOut
	err := h.manage(ctx, c, action, func(o *store.Organization) string { return o.Root.ARN },
		func(tx *store.Tx, o *store.Organization) error {
			out = rootOut{}
			if in.RootID != o.Root.ID {
				return errRootNotFound()
			}
			out = rootShape(o)
			if err := change(o, in.PolicyType); err != nil {
				return err
			}
			if !answerBefore {
				out = rootShape(o)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Root": out}, nil
}

// validateContent checks a policy document for its type, as
// CreatePolicy and UpdatePolicy do.
func (h *Handler) validateContent(typ, content string) error {
	if utf8.RuneCountInString(content) > maxPolicyChars(typ) {
		return errConstraint("POLICY_CONTENT_LIMIT_EXCEEDED", "You attempted to create a policy that is larger than the maximum size.")
	}
	var kind evaluator.Kind
	switch typ {
	case store.PolicyTypeSCP:
		kind = evaluator.KindSCP
	case store.PolicyTypeRCP:
		kind = evaluator.KindRCP
	default:
		// A management policy "is a plaintext file that is structured
		// according to the rules of JSON" (tag policy syntax page; the same
		// for the other types), one object the inheritance operators merge
		// (inherit.go). What each type's service makes of its settings is
		// not checked: AWS's rules for that are not documented as refusals.
		if _, err := parseDoc(content); err != nil {
			return errMalformedPolicy("")
		}
		return nil
	}
	if msg := orgSyntax(typ, content); msg != "" {
		return errMalformedPolicy(msg)
	}
	if _, err := h.authz.Parse(content, kind); err != nil {
		return errMalformedPolicy(err.Error())
	}
	return nil
}

// findPolicy returns the policy id names: a customer policy or an AWS
// managed one (whether or not its type is enabled).
func findPolicy(o *store.Organization, id string) *store.OrgPolicy {
	if p := o.Policies[id]; p != nil {
		return p
	}
	for _, typ := range []string{store.PolicyTypeSCP, store.PolicyTypeRCP} {
		if m := managedPolicy(typ); m.ID == id {
			return m
		}
	}
	return nil
}

func policyResource(o *store.Organization, id string) string {
	if p := findPolicy(o, id); p != nil {
		return p.ARN
	}
	return o.ARN
}

func (h *Handler) createPolicy(ctx context.Context, c *call) (any, error) {
	var in struct {
		Content     string  `json:"Content"`
		Description string  `json:"Description"`
		Name        string  `json:"Name"`
		Type        string  `json:"Type"`
		Tags        []tagIO `json:"Tags"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if !slices.Contains(policyTypes, in.Type) {
		return nil, errInvalidInput("INVALID_ENUM", "You specified an invalid value.")
	}
	if err := firstErr(checkPolicyFields(&in.Name, &in.Description, &in.Content), checkTags(in.Tags)); err != nil {
		return nil, err
	}
	if err := h.validateContent(in.Type, in.Content); err != nil {
		return nil, err
	}
	c.keys = requestTagKeys(policyTypeKeys(in.Type), in.Tags)
	var out policyOut
	err := h.manage(ctx, c, "CreatePolicy", nil, func(tx *store.Tx, o *store.Organization) error {
		out = policyOut{}
		if o.FeatureSet != "ALL" {
			return errTypeNotAvailable()
		}
		for _, p := range o.Policies {
			if p.Type == in.Type && p.Name == in.Name {
				return errDuplicatePolicy()
			}
		}
		p := &store.OrgPolicy{ID: newPolicyID(), Name: in.Name, Description: in.Description, Type: in.Type, Content: in.Content}
		p.ARN = policyARN(o.ManagementAccount, o.ID, in.Type, p.ID)
		if o.Policies == nil {
			o.Policies = map[string]*store.OrgPolicy{}
		}
		o.Policies[p.ID] = p
		if err := setTags(o, p.ID, in.Tags); err != nil {
			return err
		}
		out = policyShape(p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Policy": out}, nil
}

func (h *Handler) updatePolicy(ctx context.Context, c *call) (any, error) {
	var in struct {
		PolicyID    string  `json:"PolicyId"`
		Name        *string `json:"Name"`
		Description *string `json:"Description"`
		Content     *string `json:"Content"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := firstErr(checkID(patPolicy, in.PolicyID), checkPolicyFields(in.Name, in.Description, in.Content)); err != nil {
		return nil, err
	}
	c.keys = policyTypeOf(in.PolicyID)
	var out policyOut
	err := h.manage(ctx, c, "UpdatePolicy", func(o *store.Organization) string { return policyResource(o, in.PolicyID) },
		func(tx *store.Tx, o *store.Organization) error {
			out = policyOut{}
			p := findPolicy(o, in.PolicyID)
			switch {
			case p == nil:
				return errPolicyNotFound()
			case p.AWSManaged:
				return errImmutable()
			}
			if in.Content != nil {
				if err := h.validateContent(p.Type, *in.Content); err != nil {
					return err
				}
				p.Content = *in.Content
			}
			if in.Name != nil {
				for _, other := range o.Policies {
					if other.ID != p.ID && other.Type == p.Type && other.Name == *in.Name {
						return errDuplicatePolicy()
					}
				}
				p.Name = *in.Name
			}
			if in.Description != nil {
				p.Description = *in.Description
			}
			out = policyShape(p)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Policy": out}, nil
}

func (h *Handler) deletePolicy(ctx context.Context, c *call) (any, error) {
	policyID, err := c.decodeID("PolicyId", patPolicy)
	if err != nil {
		return nil, err
	}
	c.keys = policyTypeOf(policyID)
	return nil, h.manage(ctx, c, "DeletePolicy", func(o *store.Organization) string { return policyResource(o, policyID) },
		func(tx *store.Tx, o *store.Organization) error {
			p := findPolicy(o, policyID)
			switch {
			case p == nil:
				return errPolicyNotFound()
			case p.AWSManaged:
				return errImmutable()
			case len(p.Targets) > 0:
				return errPolicyInUse()
			}
			delete(o.Policies, p.ID)
			delete(o.Tags, p.ID)
			return nil
		})
}

func (h *Handler) describePolicy(ctx context.Context, c *call) (any, error) {
	policyID, err := c.decodeID("PolicyId", patPolicy)
	if err != nil {
		return nil, err
	}
	c.keys = policyTypeOf(policyID)
	var out policyOut
	err = h.read(ctx, c, "DescribePolicy", func(o *store.Organization) string { return policyResource(o, policyID) },
		func(o *store.Organization) error {
			p := findPolicy(o, policyID)
			if p == nil {
				return errPolicyNotFound()
			}
			out = policyShape(p)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Policy": out}, nil
}

// policiesOfType lists the policies of typ (managed ones first), ordered
// by name.
func policiesOfType(o *store.Organization, typ string) []*store.OrgPolicy {
	var list []*store.OrgPolicy
	if m := managedPolicy(typ); m != nil && o.Policies[m.ID] == nil {
		list = append(list, m)
	}
	for _, p := range o.Policies {
		if p.Type == typ {
			list = append(list, p)
		}
	}
	slices.SortFunc(list, func(a, b *store.OrgPolicy) int {
		if a.AWSManaged != b.AWSManaged {
			if a.AWSManaged {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return list
}

func (h *Handler) listPolicies(ctx context.Context, c *call) (any, error) {
	var in struct {
		Filter string `json:"Filter"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if !slices.Contains(policyTypes, in.Filter) {
		return nil, errInvalidInput("INVALID_ENUM", "You specified an invalid value.")
	}
	c.keys = policyTypeKeys(in.Filter)
	out := []policySummaryOut{}
	err := h.read(ctx, c, "ListPolicies", nil, func(o *store.Organization) error {
		for _, p := range policiesOfType(o, in.Filter) {
			out = append(out, policySummary(p))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Policies": out}, nil
}

func (h *Handler) listPoliciesForTarget(ctx context.Context, c *call) (any, error) {
	var in struct {
		TargetID string `json:"TargetId"`
		Filter   string `json:"Filter"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := checkID(patTarget, in.TargetID); err != nil {
		return nil, err
	}
	if !slices.Contains(policyTypes, in.Filter) {
		return nil, errInvalidInput("INVALID_ENUM", "You specified an invalid value.")
	}
	c.keys = policyTypeKeys(in.Filter)
	out := []policySummaryOut{}
	err := h.read(ctx, c, "ListPoliciesForTarget", func(o *store.Organization) string { return parentARN(o, in.TargetID) },
		func(o *store.Organization) error {
			if targetARN(o, in.TargetID) == "" {
				return errTargetNotFound()
			}
			for _, p := range o.Attached(in.TargetID, in.Filter) {
				out = append(out, policySummary(p))
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Policies": out}, nil
}

// targetShape describes one attachment target.
func targetShape(o *store.Organization, id string) targetOut {
	switch {
	case id == o.Root.ID:
		return targetOut{TargetID: id, ARN: o.Root.ARN, Name: o.Root.Name, Type: "ROOT"}
	case o.OUs[id] != nil:
		return targetOut{TargetID: id, ARN: o.OUs[id].ARN, Name: o.OUs[id].Name, Type: "ORGANIZATIONAL_UNIT"}
	}
	a := o.Accounts[id]
	return targetOut{TargetID: id, ARN: a.ARN, Name: a.Name, Type: "ACCOUNT"}
}

func (h *Handler) listTargetsForPolicy(ctx context.Context, c *call) (any, error) {
	policyID, err := c.decodeID("PolicyId", patPolicy)
	if err != nil {
		return nil, err
	}
	c.keys = policyTypeOf(policyID)
	out := []targetOut{}
	err = h.read(ctx, c, "ListTargetsForPolicy", func(o *store.Organization) string { return policyResource(o, policyID) },
		func(o *store.Organization) error {
			p := findPolicy(o, policyID)
			if p == nil {
				return errPolicyNotFound()
			}
			for _, t := range p.Targets {
				if targetARN(o, t) != "" {
					out = append(out, targetShape(o, t))
				}
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Targets": out}, nil
}

type attachInput struct {
	PolicyID string `json:"PolicyId"`
	TargetID string `json:"TargetId"`
}

func (h *Handler) attachPolicy(ctx context.Context, c *call) (any, error) {
	return nil, h.changeAttachment(ctx, c, "AttachPolicy", func(o *store.Organization, p *store.OrgPolicy, target string) error {
		switch {
		case !o.PolicyTypeEnabled(p.Type):
			return errTypeNotEnabled()
		case slices.Contains(p.Targets, target):
			return errDuplicateAttachment()
		case len(o.Attached(target, p.Type)) >= maxAttached:
			// The API reference's reason for a full target;
			// POLICY_NUMBER_LIMIT_EXCEEDED is the organization's count.
			return errConstraint("MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED", "You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.")
		}
		o.Attach(o.Policies[p.ID], target)
		return nil
	})
}

func (h *Handler) detachPolicy(ctx context.Context, c *call) (any, error) {
	return nil, h.changeAttachment(ctx, c, "DetachPolicy", func(o *store.Organization, p *store.OrgPolicy, target string) error {
		switch {
		case p.ID == rcpFullAWSAccessID:
			// RCPFullAWSAccess stays on the root, every OU and every
			// account while RCPs are enabled ("You cannot detach this
			// policy", RCP syntax page).
			return errInvalidInput("NON_DETACHABLE_POLICY", "You can't detach this Amazon Web Services Managed Policy.")
		case !slices.Contains(p.Targets, target):
			return errNotAttached()
		case (p.Type == store.PolicyTypeSCP || p.Type == store.PolicyTypeRCP) && len(o.Attached(target, p.Type)) <= 1:
			// Every root, OU and account keeps at least one SCP (RCP)
			// while the type is enabled.
			return errConstraint("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED", "You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.")
		}
		p.Detach(target)
		return nil
	})
}

// changeAttachment serves AttachPolicy and DetachPolicy: it decodes the
// policy and target ids, authorizes action on the policy, finds both
// (PolicyNotFoundException, then TargetNotFoundException) and lets change
// check and apply the rest in the same transaction.
func (h *Handler) changeAttachment(ctx context.Context, c *call, action string, change func(o *store.Organization, p *store.OrgPolicy, target string) error) error {
	var in attachInput
	if err := c.decode(&in); err != nil {
		return err
	}
	if err := firstErr(checkID(patPolicy, in.PolicyID), checkID(patTarget, in.TargetID)); err != nil {
		return err
	}
	c.keys = policyTypeOf(in.PolicyID)
	c.also = func(o *store.Organization) []string {
		if a := targetARN(o, in.TargetID); a != "" {
			return []string{a}
		}
		return nil
	}
	return h.manage(ctx, c, action, func(o *store.Organization) string { return policyResource(o, in.PolicyID) },
		func(tx *store.Tx, o *store.Organization) error {
			p := findPolicy(o, in.PolicyID)
			switch {
			case p == nil:
				return errPolicyNotFound()
			case targetARN(o, in.TargetID) == "":
				return errTargetNotFound()
			}
			return change(o, p, in.TargetID)
		})
}
