package iam

import (
	"strings"

	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

const maxTags = 50

// readTags reads Tags.member.N.Key/Value and checks them.
func (v *validator) tags(p query.Params) ([]store.Tag, error) {
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
		lk := strings.ToLower(kv[0])
		if seen[lk] {
			return nil, invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
		}
		seen[lk] = true
		out = append(out, store.Tag{Key: kv[0], Value: kv[1]})
	}
	return out, nil
}

// tagKeys reads TagKeys.member.N.
func (v *validator) tagKeys(p query.Params) []string {
	keys := p.List("TagKeys.member", "")
	if !p.Has("TagKeys.member.1") && len(keys) == 0 {
		v.errs = append(v.errs, "Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
	}
	for i, k := range keys {
		v.str(k, "tagKeys."+itoa(i+1)+".member", 1, 128, patTagKey)
	}
	return keys
}

// mergeTags adds or replaces (case-insensitively by key) tags on existing,
// returning LimitExceeded when the result has more than 50.
func mergeTags(existing, add []store.Tag, kind string) ([]store.Tag, error) {
	out := append([]store.Tag(nil), existing...)
	for _, t := range add {
		replaced := false
		for i := range out {
			if strings.EqualFold(out[i].Key, t.Key) {
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

// removeTags drops tags whose key matches one of keys (case-insensitive).
func removeTags(existing []store.Tag, keys []string) []store.Tag {
	var out []store.Tag
	for _, t := range existing {
		if !containsFold(keys, t.Key) {
			out = append(out, t)
		}
	}
	return out
}

type listTagsResult struct {
	Tags members[xmlTag] `xml:"Tags"`
	pageInfo
}

func tagsPage(tags []store.Tag, pp pageParams) *listTagsResult {
	items := []xmlTag{}
	if x := xmlTags(tags); x != nil {
		items = x.Member
	}
	// Tags keep their insertion order; the marker is a position.
	pg, more := pageInOrder(items, pp)
	return &listTagsResult{Tags: list(pg), pageInfo: more}
}
