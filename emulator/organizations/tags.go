package organizations

import (
	"context"
	"slices"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file holds tags on the root, OUs, accounts and policies.

// maxTags is how many tags a root, OU, account or policy may carry.
const maxTags = 50

// setTags adds or replaces tags on id; more than maxTags in all is
// ConstraintViolationException MAX_TAG_LIMIT_EXCEEDED and changes nothing.
func setTags(o *store.Organization, id string, tags []tagIO) error {
	if len(tags) == 0 {
		return nil
	}
	cur := slices.Clone(o.Tags[id])
	for _, t := range tags {
		i := slices.IndexFunc(cur, func(c store.Tag) bool { return c.Key == t.Key })
		if i >= 0 {
			cur[i].Value = t.Value
			continue
		}
		cur = append(cur, store.Tag(t))
	}
	if len(cur) > maxTags {
		return errConstraint("MAX_TAG_LIMIT_EXCEEDED", "You have exceeded the number of tags allowed on this resource.")
	}
	if o.Tags == nil {
		o.Tags = map[string][]store.Tag{}
	}
	o.Tags[id] = cur
	return nil
}

// taggable reports whether id is a root, OU, account, customer policy or
// the resource policy.
func taggable(o *store.Organization, id string) bool {
	return targetARN(o, id) != "" || (o.Policies[id] != nil && !o.Policies[id].AWSManaged) || isResourcePolicy(o, id)
}

// isResourcePolicy reports whether id is o's resource policy.
func isResourcePolicy(o *store.Organization, id string) bool {
	return o.ResourcePolicy != nil && o.ResourcePolicy.ID == id
}

func tagResourceARN(o *store.Organization, id string) string {
	if a := targetARN(o, id); a != "" {
		return a
	}
	if isResourcePolicy(o, id) {
		return o.ResourcePolicy.ARN
	}
	return policyResource(o, id)
}

func (h *Handler) tagResource(ctx context.Context, c *call) (any, error) {
	var in struct {
		ResourceID string  `json:"ResourceId"`
		Tags       []tagIO `json:"Tags"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := firstErr(checkID(patTaggable, in.ResourceID), checkTags(in.Tags)); err != nil {
		return nil, err
	}
	c.keys = requestTagKeys(policyTypeOf(in.ResourceID), in.Tags)
	return nil, h.manage(ctx, c, "TagResource", func(o *store.Organization) string { return tagResourceARN(o, in.ResourceID) },
		func(tx *store.Tx, o *store.Organization) error {
			if !taggable(o, in.ResourceID) {
				return errTargetNotFound()
			}
			return setTags(o, in.ResourceID, in.Tags)
		})
}

func (h *Handler) untagResource(ctx context.Context, c *call) (any, error) {
	var in struct {
		ResourceID string   `json:"ResourceId"`
		TagKeys    []string `json:"TagKeys"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := checkID(patTaggable, in.ResourceID); err != nil {
		return nil, err
	}
	c.keys = withKeys(policyTypeOf(in.ResourceID), tagKeysKeys(in.TagKeys))
	return nil, h.manage(ctx, c, "UntagResource", func(o *store.Organization) string { return tagResourceARN(o, in.ResourceID) },
		func(tx *store.Tx, o *store.Organization) error {
			if !taggable(o, in.ResourceID) {
				return errTargetNotFound()
			}
			if o.Tags == nil {
				return nil
			}
			o.Tags[in.ResourceID] = slices.DeleteFunc(o.Tags[in.ResourceID], func(t store.Tag) bool { return slices.Contains(in.TagKeys, t.Key) })
			return nil
		})
}

func (h *Handler) listTagsForResource(ctx context.Context, c *call) (any, error) {
	resourceID, err := c.decodeID("ResourceId", patTaggable)
	if err != nil {
		return nil, err
	}
	c.keys = policyTypeOf(resourceID)
	var out []tagIO
	err = h.read(ctx, c, "ListTagsForResource", func(o *store.Organization) string { return tagResourceARN(o, resourceID) },
		func(o *store.Organization) error {
			if !taggable(o, resourceID) {
				return errTargetNotFound()
			}
			out = tagsOut(o.Tags[resourceID])
			return nil
		})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Tags": out}, nil
}
