package iam

import (
	"encoding/base64"
	"sort"
	"strconv"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/query"
)

// pageParams are the Marker/MaxItems of a List* call.
type pageParams struct {
	marker   string // decoded: the sort key (or position) of the first item to return
	maxItems int
}

// paging reads Marker and MaxItems (1..1000, default 100).
func (v *validator) paging(p query.Params) pageParams {
	pp := pageParams{maxItems: 100}
	if m, ok := v.optional(p, "Marker", 1, 320, patMarker); ok {
		raw, err := base64.RawURLEncoding.DecodeString(m)
		key, ok := strings.CutPrefix(string(raw), markerTag)
		if err != nil || !ok {
			// LocalStack test_iam_mfa.py test_list_virtual_mfa_devices,
			// "list-invalid-marker-error" (recorded 17 Feb 2026).
			v.badMarker = true
		}
		pp.marker = key
	}
	if p.Has("MaxItems") {
		n, err := p.Int("MaxItems", 100)
		if err != nil {
			v.fail(p.Get("MaxItems"), "maxItems", "be a number")
			return pp
		}
		v.int(n, "maxItems", 1, 1000)
		pp.maxItems = n
	}
	return pp
}

// pageInfo ends every paginated IAM result: embedded last in a result
// struct, its elements follow the list.
type pageInfo struct {
	IsTruncated bool   `xml:"IsTruncated"`
	Marker      string `xml:"Marker,omitempty"`
}

// page sorts items by key and returns the page starting at pp.marker and
// whether (and where) the list goes on.
func page[T any](items []T, key func(T) string, pp pageParams) ([]T, pageInfo) {
	sort.SliceStable(items, func(i, j int) bool { return key(items[i]) < key(items[j]) })
	start := 0
	if pp.marker != "" {
		start = sort.Search(len(items), func(i int) bool { return key(items[i]) >= pp.marker })
	}
	end := start + pp.maxItems
	if end >= len(items) {
		return items[start:], pageInfo{}
	}
	return items[start:end], pageInfo{IsTruncated: true, Marker: encodeMarker(key(items[end]))}
}

// pageInOrder returns the page of items, kept in their order, starting at
// the position pp.marker holds: for lists without a sort key (tags,
// simulation results).
func pageInOrder[T any](items []T, pp pageParams) ([]T, pageInfo) {
	start := 0
	if pp.marker != "" {
		start = atoi(pp.marker)
	}
	if start > len(items) {
		start = len(items)
	}
	end := start + pp.maxItems
	if end < len(items) {
		return items[start:end], pageInfo{IsTruncated: true, Marker: encodeMarker(itoa(end))}
	}
	return items[start:], pageInfo{}
}

// markerTag starts every marker fakeaws gives out, so that one it did not
// is told apart: IAM answers ValidationError "Invalid Marker." to it.
const markerTag = "m1:"

func encodeMarker(s string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(markerTag + s))
}

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
