package iam

import (
	"encoding/base64"
	"sort"
	"strconv"

	"github.com/fakeaws/fakeaws/emulator/query"
)

// pageParams are the Marker/MaxItems of a List* call.
type pageParams struct {
	marker   string // decoded: the sort key of the first item to return
	maxItems int
}

// paging reads Marker and MaxItems (1..1000, default 100).
func (v *validator) paging(p query.Params) pageParams {
	pp := pageParams{maxItems: 100}
	if m, ok := v.optional(p, "Marker", 1, 320, patMarker); ok {
		raw, err := base64.RawURLEncoding.DecodeString(m)
		if err != nil {
			pp.marker = "\xff" // an unknown marker returns nothing further
		} else {
			pp.marker = string(raw)
		}
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

// page sorts items by key and returns the page starting at pp.marker, the
// marker of the next page and whether the list is truncated.
func page[T any](items []T, key func(T) string, pp pageParams) (out []T, marker string, truncated bool) {
	sort.SliceStable(items, func(i, j int) bool { return key(items[i]) < key(items[j]) })
	start := 0
	if pp.marker != "" {
		start = sort.Search(len(items), func(i int) bool { return key(items[i]) >= pp.marker })
	}
	end := start + pp.maxItems
	if end >= len(items) {
		return items[start:], "", false
	}
	return items[start:end], base64.RawURLEncoding.EncodeToString([]byte(key(items[end]))), true
}

func encodeMarker(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
