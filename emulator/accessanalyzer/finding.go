package accessanalyzer

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

// positions turns byte offsets of src into Positions.
type positions struct{ src string }

func (ps positions) at(byteOff int) Position {
	if byteOff > len(ps.src) {
		byteOff = len(ps.src)
	}
	pos := Position{Line: 1}
	for _, r := range ps.src[:byteOff] {
		pos.Offset++
		if r == '\n' {
			pos.Line++
			pos.Column = 0
		} else {
			pos.Column++
		}
	}
	return pos
}

func (ps positions) span(start, end int) Span {
	return Span{Start: ps.at(start), End: ps.at(end)}
}
