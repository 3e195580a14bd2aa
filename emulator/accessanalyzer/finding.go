package accessanalyzer

import (
	"sort"
	"unicode/utf8"
)

// FindingType is a finding's impact, as ValidatePolicyFinding.findingType.
type FindingType string

// The finding types (API reference, ValidatePolicyFinding).
const (
	Error           FindingType = "ERROR"
	SecurityWarning FindingType = "SECURITY_WARNING"
	Warning         FindingType = "WARNING"
	Suggestion      FindingType = "SUGGESTION"
)

// Finding is one ValidatePolicyFinding, in the wire shape.
type Finding struct {
	FindingDetails string      `json:"findingDetails"`
	FindingType    FindingType `json:"findingType"`
	IssueCode      string      `json:"issueCode"`
	LearnMoreLink  string      `json:"learnMoreLink"`
	Locations      []Location  `json:"locations"`
}

// Location is a path into the document and the span of text it names.
type Location struct {
	Path []PathElement `json:"path"`
	Span Span          `json:"span"`
}

// PathElement is one step of a path: exactly one field is set (the API's
// union of index, key, substring and value; fakeaws uses index and value).
type PathElement struct {
	Index *int    `json:"index,omitempty"`
	Value *string `json:"value,omitempty"`
	Key   *string `json:"key,omitempty"`
}

// Span is a stretch of the document.
type Span struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Position is line (from 1), column (from 0) and offset (from 0), counted
// in characters as the API reference's Position describes.
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

// path is a location path under construction.
type path []PathElement

func (p path) value(s string) path {
	q := append(path(nil), p...)
	return append(q, PathElement{Value: &s})
}

func (p path) index(i int) path {
	q := append(path(nil), p...)
	return append(q, PathElement{Index: &i})
}

func (p path) key(s string) path {
	q := append(path(nil), p...)
	return append(q, PathElement{Key: &s})
}

// positions turns byte offsets of src into Positions. It indexes the
// document once, so each lookup is a binary search, not a scan: a large
// document with many findings stays cheap.
type positions struct {
	src        string
	lineStarts []int   // byte offset of each line's first byte
	runes      []int32 // rune count before each byte; nil for ASCII documents
}

func newPositions(src string) *positions {
	ps := &positions{src: src, lineStarts: []int{0}}
	ascii := true
	for i := 0; i < len(src); i++ {
		switch {
		case src[i] == '\n':
			ps.lineStarts = append(ps.lineStarts, i+1)
		case src[i] >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii {
		ps.runes = make([]int32, len(src)+1)
		n := int32(0)
		for i := 0; i < len(src); i++ {
			ps.runes[i] = n
			if !utf8.RuneStart(src[i]) {
				continue
			}
			n++
		}
		// A byte inside a rune counts as that rune's start.
		for i := 0; i < len(src); i++ {
			if !utf8.RuneStart(src[i]) && i > 0 {
				ps.runes[i] = ps.runes[i-1]
			}
		}
		ps.runes[len(src)] = n
	}
	return ps
}

// chars is the number of characters before byte offset off.
func (ps *positions) chars(off int) int {
	if ps.runes == nil {
		return off
	}
	return int(ps.runes[off])
}

func (ps *positions) at(off int) Position {
	off = max(0, min(off, len(ps.src)))
	line := sort.Search(len(ps.lineStarts), func(i int) bool { return ps.lineStarts[i] > off }) - 1
	start := ps.lineStarts[line]
	return Position{Line: line + 1, Column: ps.chars(off) - ps.chars(start), Offset: ps.chars(off)}
}

func (ps *positions) span(start, end int) Span {
	return Span{Start: ps.at(start), End: ps.at(end)}
}
