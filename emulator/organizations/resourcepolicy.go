package organizations

import (
	"context"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// This file holds the organization's resource-based delegation policy
// (Put/Describe/DeleteResourcePolicy): a resource policy, kept in the
// management account, naming the member accounts that may call the
// read-only and policy management operations ("Delegated administrator for
// AWS Organizations", Organizations User Guide). delegation.go enforces
// it. ResourcePolicy.Content is 1..40,000 characters and the
// ResourcePolicySummary's Id "rp-" + 4..128 of [0-9a-zA-Z_], its Arn
// arn:aws:organizations::MGMT:resourcepolicy/o-.../rp-... (API reference,
// ResourcePolicy and ResourcePolicySummary).

// maxResourcePolicy is the longest Content, in characters.
const maxResourcePolicy = 40000

func newResourcePolicyID() string { return "rp-" + ids.Random(lowerAlnum, 8) }

type resourcePolicySummaryOut struct {
	ID  string `json:"Id"`
	ARN string `json:"Arn"`
}

type resourcePolicyOut struct {
	Summary resourcePolicySummaryOut `json:"ResourcePolicySummary"`
	Content string                   `json:"Content"`
}

func resourcePolicyShape(p *store.OrgResourcePolicy) map[string]any {
	return map[string]any{"ResourcePolicy": resourcePolicyOut{
		Summary: resourcePolicySummaryOut{ID: p.ID, ARN: p.ARN}, Content: p.Content}}
}

func errResourcePolicyNotFound() error {
	return errf("ResourcePolicyNotFoundException", "We can't find a resource policy request with the parameter that you specified.")
}

// checkResourcePolicy checks Content's length and that it parses as a
// resource policy (a Principal in each statement, the IAM grammar); a
// document that does not is MalformedPolicyDocumentException, as
// CreatePolicy answers a malformed SCP.
func (h *Handler) checkResourcePolicy(content string) error {
	if err := checkLength(content, 1, maxResourcePolicy); err != nil {
		return err
	}
	if _, err := h.authz.Parse(content, evaluator.KindResource); err != nil {
		return errMalformedPolicy(err.Error())
	}
	return nil
}

func (h *Handler) putResourcePolicy(ctx context.Context, c *call) (any, error) {
	var in struct {
		Content string  `json:"Content"`
		Tags    []tagIO `json:"Tags"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := firstErr(h.checkResourcePolicy(in.Content), checkTags(in.Tags)); err != nil {
		return nil, err
	}
	c.keys = requestTagKeys(nil, in.Tags)
	var out store.OrgResourcePolicy
	err := h.manage(ctx, c, "PutResourcePolicy", nil, func(tx *store.Tx, o *store.Organization) error {
		p := store.OrgResourcePolicy{Content: in.Content}
		if o.ResourcePolicy != nil && len(in.Tags) > 0 {
			// "Calls with tags apply to the initial creation of the
			// resource policy, otherwise an exception is thrown" (API
			// reference; the exception is not named).
			return errf("InvalidInputException", "Tags can be given only when the resource policy is created.")
		}
		if o.ResourcePolicy != nil {
			p.ID, p.ARN = o.ResourcePolicy.ID, o.ResourcePolicy.ARN
		} else {
			p.ID = newResourcePolicyID()
			p.ARN = arns.Organizations(o.ManagementAccount, "resourcepolicy/"+o.ID+"/"+p.ID)
		}
		if err := setTags(o, p.ID, in.Tags); err != nil {
			return err
		}
		o.ResourcePolicy = &p
		out = p
		return nil
	})
	if err != nil {
		return nil, err
	}
	return resourcePolicyShape(&out), nil
}

func (h *Handler) describeResourcePolicy(ctx context.Context, c *call) (any, error) {
	var out store.OrgResourcePolicy
	err := h.read(ctx, c, "DescribeResourcePolicy", nil, func(o *store.Organization) error {
		if o.ResourcePolicy == nil {
			return errResourcePolicyNotFound()
		}
		out = *o.ResourcePolicy
		return nil
	})
	if err != nil {
		return nil, err
	}
	return resourcePolicyShape(&out), nil
}

func (h *Handler) deleteResourcePolicy(ctx context.Context, c *call) (any, error) {
	return nil, h.manage(ctx, c, "DeleteResourcePolicy", nil, func(tx *store.Tx, o *store.Organization) error {
		if o.ResourcePolicy == nil {
			return errResourcePolicyNotFound()
		}
		delete(o.Tags, o.ResourcePolicy.ID)
		o.ResourcePolicy = nil
		return nil
	})
}
