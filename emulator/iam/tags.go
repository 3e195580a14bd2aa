package iam

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

const maxTags = 50

// tags reads Tags.member.N.Key/Value and checks them; keys differing only
// in case are duplicates, as IAM answers for roles and the other entities.
func (v *validator) tags(p query.Params) ([]store.Tag, error) {
	return v.tagsKeyed(p, foldedKeys)
}

// tagsKeyed is tags with keys compared as keying says: customer managed
// policies take keys differing in case as distinct and answer a duplicate
// without the note on case (LocalStack test_iam_policies.py TestPolicyTags
// test_policy_tag_lifecycle "list-case-sensitive-tags" and
// test_policy_tag_create_errors "err-duplicate-keys", validated
// 2026-02-10).
func (v *validator) tagsKeyed(p query.Params, keying tagKeying) ([]store.Tag, error) {
	pairs := p.Pairs("Tags.member", "Key", "Value")
	if len(pairs) > maxTags {
		v.fail("["+strings.Repeat("Tag,", len(pairs))[:len(pairs)*4-1]+"]", "tags", "have length less than or equal to 50")
		return nil, nil
	}
	seen := map[string]bool{}
	out := make([]store.Tag, 0, len(pairs))
	for i, kv := range pairs {
		n := itoa(i + 1)
		v.str(kv[0], "tags."+n+".member.key", 1, 128, patTagKey)
		v.str(kv[1], "tags."+n+".member.value", 0, 256, patTagValue)
		k := keying.key(kv[0])
		if seen[k] {
			return nil, invalidInput("%s", keying.duplicate())
		}
		seen[k] = true
		out = append(out, store.Tag{Key: kv[0], Value: kv[1]})
	}
	return out, nil
}

// tagKeying says whether a resource's tag keys differ by case.
type tagKeying bool

const (
	foldedKeys tagKeying = false // "Env" and "env" are one key
	exactKeys  tagKeying = true  // customer managed policies
)

func (k tagKeying) key(s string) string {
	if k == exactKeys {
		return s
	}
	return strings.ToLower(s)
}

func (k tagKeying) same(a, b string) bool { return k.key(a) == k.key(b) }

func (k tagKeying) duplicate() string {
	if k == exactKeys {
		return "Duplicate tag keys found."
	}
	return "Duplicate tag keys found. Please note that Tag keys are case insensitive."
}

// tagKeys reads TagKeys.member.N.
func (v *validator) tagKeys(p query.Params) []string {
	keys := p.List("TagKeys.member", "")
	if !p.Has("TagKeys.member.1") && len(keys) == 0 {
		v.errs = append(v.errs, "Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
	}
	if len(keys) > maxTags {
		// A list of strings is shown as Java prints one, as STS shows
		// policyArns.
		v.fail("["+strings.Join(keys, ", ")+"]", "tagKeys", "have length less than or equal to 50")
	}
	v.members(keys, "tagKeys", memberType{min: 1, max: 128, pattern: patTagKey, notNull: true})
	return keys
}

// mergeTags adds or replaces (by key, compared as keying says) tags on
// existing, returning LimitExceeded when the result has more than 50.
func mergeTags(existing, add []store.Tag, keying tagKeying) ([]store.Tag, error) {
	out := append([]store.Tag(nil), existing...)
	for _, t := range add {
		replaced := false
		for i := range out {
			if keying.same(out[i].Key, t.Key) {
				out[i] = t
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, t)
		}
	}
	if len(out) > maxTags {
		return nil, limitExceeded("The number of tags has reached the maximum limit.")
	}
	return out, nil
}

// removeTags drops tags whose key matches one of keys (compared as keying
// says).
func removeTags(existing []store.Tag, keys []string, keying tagKeying) []store.Tag {
	var out []store.Tag
	for _, t := range existing {
		if !slices.ContainsFunc(keys, func(k string) bool { return keying.same(k, t.Key) }) {
			out = append(out, t)
		}
	}
	return out
}

type listTagsResult struct {
	Tags members[xmlTag] `xml:"Tags"`
	pageInfo
}

func tagsPage(tags []store.Tag, pp pageParams, keying tagKeying) *listTagsResult {
	items := []xmlTag{}
	if x := xmlTags(tags); x != nil {
		items = x.Member
	}
	if keying == exactKeys {
		// ListPolicyTags lists shorter keys first, then by code point:
		// a, b, z, abc for tags given as abc, b, z, a (LocalStack
		// test_iam_policies.py test_policy_tag_order "list-tags",
		// validated 2026-02-18), A before a, somekey before someotherkey.
		slices.SortStableFunc(items, func(a, b xmlTag) int {
			return cmp.Or(cmp.Compare(len(a.Key), len(b.Key)), strings.Compare(a.Key, b.Key))
		})
	}
	// Other tags keep their insertion order; the marker is a position.
	pg, more := pageInOrder(items, pp)
	return &listTagsResult{Tags: list(pg), pageInfo: more}
}

// tagTarget is a kind of resource the Tag*, Untag* and List*Tags actions
// address: users, roles, customer managed policies, SAML and OpenID Connect
// providers, instance profiles, virtual MFA devices, server certificates.
type tagTarget struct {
	// keying compares tag keys: foldedKeys but for customer managed
	// policies.
	keying tagKeying
	// param reads the parameter naming the resource.
	param func(ctx context.Context, v *validator, p query.Params) string
	// tagsNull reports a Tag* call without tags; nil when the action does
	// not check.
	tagsNull func(p query.Params) bool
	// tags authorizes action on the resource id names, with the request's
	// condition keys (aws:RequestTag/..., aws:TagKeys), and loads it; with
	// change it changes the resource's tags and saves them, in one
	// transaction. It returns the tags as loaded.
	tags func(ctx context.Context, action, id string, keys map[string][]string, change func(*[]store.Tag) error) ([]store.Tag, error)
}

// tag serves the Tag* actions: tags are added, or replace those with the
// same key.
func (h *Handler) tag(ctx context.Context, p query.Params, action string, t tagTarget) (any, error) {
	var v validator
	id := t.param(ctx, &v, p)
	if t.tagsNull != nil && t.tagsNull(p) {
		v.errs = append(v.errs, "Value null at 'tags' failed to satisfy constraint: Member must not be null")
	}
	tags, terr := v.tagsKeyed(p, t.keying)
	if err := v.errThen(terr); err != nil {
		return nil, err
	}
	_, err := t.tags(ctx, action, id, requestTagKeys(nil, tags), func(cur *[]store.Tag) error {
		merged, err := mergeTags(*cur, tags, t.keying)
		if err != nil {
			return err
		}
		*cur = merged
		return nil
	})
	return nil, err
}

// untag serves the Untag* actions.
func (h *Handler) untag(ctx context.Context, p query.Params, action string, t tagTarget) (any, error) {
	var v validator
	id := t.param(ctx, &v, p)
	keys := v.tagKeys(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	// Untag* requests carry the keys they remove as aws:TagKeys.
	_, err := t.tags(ctx, action, id, map[string][]string{"aws:TagKeys": keys}, func(cur *[]store.Tag) error {
		*cur = removeTags(*cur, keys, t.keying)
		return nil
	})
	return nil, err
}

// listTags serves the List*Tags actions.
func (h *Handler) listTags(ctx context.Context, p query.Params, action string, t tagTarget) (any, error) {
	var v validator
	id := t.param(ctx, &v, p)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	tags, err := t.tags(ctx, action, id, nil, nil)
	if err != nil {
		return nil, err
	}
	return tagsPage(tags, pp, t.keying), nil
}

// recordTags is the tagTarget of the records of kind (account scope) that
// load finds by the id read takes from the request, authorized as action
// on the ARN resource gives. Instance profiles, OpenID Connect providers
// and virtual MFA devices use it: IAM tags them like users and roles (at
// most 50, keys case-insensitive).
func recordTags[T any](h *Handler, kind string, read func(v *validator, p query.Params) string,
	resource func(ctx context.Context, id string) string, load func(tx *store.Tx, acct, id string) (*T, string, error),
	tags func(*T) *[]store.Tag) tagTarget {
	return tagTarget{
		param: func(_ context.Context, v *validator, p query.Params) string { return read(v, p) },
		tagsNull: func(p query.Params) bool {
			return len(p.Pairs("Tags.member", "Key", "Value")) == 0
		},
		tags: func(ctx context.Context, action, id string, keys map[string][]string, change func(*[]store.Tag) error) ([]store.Tag, error) {
			if err := h.authorizeWith(ctx, action, resource(ctx, id), keys); err != nil {
				return nil, err
			}
			acct := account(ctx)
			var out []store.Tag
			run := func(tx *store.Tx) error {
				out = nil
				rec, k, err := load(tx, acct, id)
				if err != nil {
					return err
				}
				if change != nil {
					if err := change(tags(rec)); err != nil {
						return err
					}
					if err := tx.Put(acct, kind, k, rec); err != nil {
						return err
					}
				}
				out = *tags(rec)
				return nil
			}
			var err error
			if change == nil {
				err = h.db.View(ctx, run)
			} else {
				// Shares a commit with concurrent writes (store.DB.Batch);
				// a run sets out afresh, as a second run must.
				err = h.db.Batch(ctx, run)
			}
			return out, wrap(action, err)
		},
	}
}

// addTagRoutes adds the Tag<kind>, Untag<kind> and List<kind>Tags actions
// on the resources target addresses to routes.
func (h *Handler) addTagRoutes(routes map[string]query.Handler, kind string, target func() tagTarget) {
	routes["Tag"+kind] = func(ctx context.Context, p query.Params) (any, error) {
		return h.tag(ctx, p, "Tag"+kind, target())
	}
	routes["Untag"+kind] = func(ctx context.Context, p query.Params) (any, error) {
		return h.untag(ctx, p, "Untag"+kind, target())
	}
	routes["List"+kind+"Tags"] = func(ctx context.Context, p query.Params) (any, error) {
		return h.listTags(ctx, p, "List"+kind+"Tags", target())
	}
}
