package organizations

import (
	"context"
	"slices"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file serves DescribeEffectivePolicy: the effective policy of a
// management policy type for one account, merged from the policies of that
// type attached to the root, each OU on the account's path and the account
// (inherit.go), as the API reference describes it
// (https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeEffectivePolicy.html):
//
//   - any account of the organization may call it; a member account only
//     for itself ("A member account can call this operation only if the
//     TargetId parameter is set to the member account's own ID - it can't
//     target another account", "Reference: API operations by account"),
//     the management account for any account; the caller's IAM policies
//     must allow organizations:DescribeEffectivePolicy on the account, with
//     organizations:PolicyType;
//   - TargetId omitted is the caller's account; a root or OU is "not
//     supported" (InvalidInputException TARGET_NOT_SUPPORTED, the API's
//     reason for it), an account outside the organization
//     TargetNotFoundException;
//   - SCPs and RCPs have no effective policy: PolicyType takes only the
//     EffectivePolicyType values (InvalidInputException INVALID_ENUM
//     otherwise, as the package answers any value outside an enum);
//   - a type that is not enabled, or that no policy on the path has, is
//     EffectivePolicyNotFoundException.

// effectivePolicyTypes are the EffectivePolicyType values of the API
// (aws-sdk-go-v2 service/organizations v1.63 types.EffectivePolicyType).
var effectivePolicyTypes = []string{"TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY",
	"CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2", "SECURITYHUB_POLICY", "SECURITYHUB_CSPM_POLICY",
	"INSPECTOR_POLICY", "UPGRADE_ROLLOUT_POLICY", "BEDROCK_POLICY", "S3_POLICY",
	"NETWORK_SECURITY_DIRECTOR_POLICY", "GUARDDUTY_POLICY"}

// effectivePolicyOut is the API's EffectivePolicy shape.
type effectivePolicyOut struct {
	PolicyContent        string `json:"PolicyContent"`
	LastUpdatedTimestamp epoch  `json:"LastUpdatedTimestamp"`
	TargetID             string `json:"TargetId"`
	PolicyType           string `json:"PolicyType"`
}

// errNoEffectivePolicy is EffectivePolicyNotFoundException with the API
// reference's description as its text (AWS's message is not recorded).
func errNoEffectivePolicy() error {
	return errf("EffectivePolicyNotFoundException", "If you ran this action on the management account, this policy type is not enabled. If you ran the action on a member account, the account doesn't have an effective policy of this type. Contact the administrator of your organization about attaching a policy of this type to the account.")
}

func (h *Handler) describeEffectivePolicy(ctx context.Context, c *call) (any, error) {
	var in struct {
		PolicyType string  `json:"PolicyType"`
		TargetID   *string `json:"TargetId"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if in.TargetID != nil {
		if err := checkID(patTarget, *in.TargetID); err != nil {
			return nil, err
		}
		if !accountIDPattern().MatchString(*in.TargetID) {
			return nil, errInvalidInput("TARGET_NOT_SUPPORTED", "You can't perform the specified operation on that target entity.")
		}
	}
	if !slices.Contains(effectivePolicyTypes, in.PolicyType) {
		return nil, errInvalidInput("INVALID_ENUM", "You specified an invalid value.")
	}
	c.keys = policyTypeKeys(in.PolicyType)
	o, err := h.callerOrg(ctx, c)
	if err != nil {
		return nil, err
	}
	target := c.caller.Account
	if in.TargetID != nil {
		target = *in.TargetID
	}
	if c.caller.Account != o.ManagementAccount {
		a := o.Accounts[c.caller.Account]
		if a == nil || a.State != "" || target != c.caller.Account {
			return nil, errAccessDenied()
		}
	}
	if err := h.authorizeIn(ctx, c, "DescribeEffectivePolicy", o, parentARN(o, target)); err != nil {
		return nil, err
	}
	if o.Accounts[target] == nil {
		return nil, errTargetNotFound()
	}
	content, err := effectiveOf(o, target, in.PolicyType)
	if err != nil {
		return nil, err
	}
	out := effectivePolicyOut{PolicyContent: content, LastUpdatedTimestamp: epoch(h.now()), TargetID: target, PolicyType: in.PolicyType}
	return map[string]any{"EffectivePolicy": out}, nil
}

// effectiveOf merges the policies of typ on account's path
// (EffectivePolicyNotFoundException when the type is not enabled or none
// applies). Policies attached to one target are taken in the order they
// were attached (AWS: "the order in which they were attached").
func effectiveOf(o *store.Organization, account, typ string) (string, error) {
	if !o.PolicyTypeEnabled(typ) {
		return "", errNoEffectivePolicy()
	}
	var levels [][]string
	for _, id := range o.Path(account) {
		var docs []string
		for _, p := range o.AttachedInOrder(id, typ) {
			docs = append(docs, p.Content)
		}
		levels = append(levels, docs)
	}
	content, err := effectivePolicy(levels)
	if err != nil {
		return "", err
	}
	if content == "" {
		return "", errNoEffectivePolicy()
	}
	return content, nil
}
