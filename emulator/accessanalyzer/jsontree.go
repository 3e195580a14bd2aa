package accessanalyzer

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// kind is a JSON value's type.
type kind int

const (
	kObject kind = iota
	kArray
	kString
	kNumber
	kBool
	kNull
)

// node is a JSON value with its byte span in the document, so findings can
// point at the text the user wrote. Object members keep their order and
// duplicates.
type node struct {
	kind       kind
	start, end int // byte offsets: [start, end)
	str        string
	members    []member
	elems      []*node
}

// member is one "key": value pair.
type member struct {
	key      string
	keyStart int
	keyEnd   int
	val      *node
}

// syntaxError is where the document stops being JSON.
type syntaxError struct {
	offset int
	msg    string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("offset %d: %s", e.offset, e.msg) }

// parser is a small recursive-descent JSON reader that records spans.
type parser struct {
	src   string
	pos   int
	depth int
}

// maxDepth bounds nesting so a hostile document cannot exhaust the stack.
const maxDepth = 64

// parseTree parses src as one JSON value.
func parseTree(src string) (*node, error) {
	p := &parser{src: src}
	p.skipSpace()
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.src) {
		return nil, p.fail("unexpected text after the document")
	}
	return n, nil
}

func (p *parser) fail(msg string) error { return &syntaxError{offset: p.pos, msg: msg} }

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value() (*node, error) {
	if p.pos >= len(p.src) {
		return nil, p.fail("unexpected end of document")
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		start := p.pos
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &node{kind: kString, start: start, end: p.pos, str: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		for _, lit := range []struct {
			word string
			k    kind
		}{{"true", kBool}, {"false", kBool}, {"null", kNull}} {
			if strings.HasPrefix(p.src[p.pos:], lit.word) {
				start := p.pos
				p.pos += len(lit.word)
				return &node{kind: lit.k, start: start, end: p.pos, str: lit.word}, nil
			}
		}
		return nil, p.fail("unexpected character")
	}
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.fail("nesting too deep")
	}
	return nil
}

func (p *parser) object() (*node, error) {
	return p.container(kObject, '}', p.member)
}

// member reads one "name": value pair of an object into n.
func (p *parser) member(n *node) error {
	if p.pos >= len(p.src) || p.src[p.pos] != '"' {
		return p.fail("expected a member name")
	}
	ks := p.pos
	key, err := p.str()
	if err != nil {
		return err
	}
	m := member{key: key, keyStart: ks, keyEnd: p.pos}
	p.skipSpace()
	if p.pos >= len(p.src) || p.src[p.pos] != ':' {
		return p.fail("expected ':'")
	}
	p.pos++
	p.skipSpace()
	if m.val, err = p.value(); err != nil {
		return err
	}
	n.members = append(n.members, m)
	return nil
}

func (p *parser) array() (*node, error) {
	return p.container(kArray, ']', func(n *node) error {
		v, err := p.value()
		if err != nil {
			return err
		}
		n.elems = append(n.elems, v)
		return nil
	})
}

// container reads an object or an array from its opening byte to the
// closing one, recording the span: item reads one member or element into
// n, and items are separated by ','.
func (p *parser) container(k kind, closing byte, item func(n *node) error) (*node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	n := &node{kind: k, start: p.pos}
	p.pos++
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == closing {
		p.pos++
		n.end = p.pos
		return n, nil
	}
	for {
		p.skipSpace()
		if err := item(n); err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.src) {
			return nil, p.fail("unexpected end of document")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case closing:
			p.pos++
			n.end = p.pos
			return n, nil
		default:
			return nil, p.fail("expected ',' or '" + string(closing) + "'")
		}
	}
}

// str reads a JSON string starting at the opening quote.
func (p *parser) str() (string, error) {
	start := p.pos
	p.pos++
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			var s string
			if err := json.Unmarshal([]byte(p.src[start:p.pos]), &s); err != nil || !utf8.ValidString(p.src[start:p.pos]) {
				p.pos = start
				return "", p.fail("invalid string")
			}
			return s, nil
		case c == '\\':
			p.pos += 2
		case c < 0x20:
			return "", p.fail("control character in string")
		default:
			p.pos++
		}
	}
	return "", p.fail("unterminated string")
}

func (p *parser) number() (*node, error) {
	start := p.pos
	for p.pos < len(p.src) && strings.IndexByte("+-0123456789.eE", p.src[p.pos]) >= 0 {
		p.pos++
	}
	text := p.src[start:p.pos]
	if _, err := strconv.ParseFloat(text, 64); err != nil {
		p.pos = start
		return nil, p.fail("invalid number")
	}
	return &node{kind: kNumber, start: start, end: p.pos, str: text}, nil
}

// get returns the first member named key (exact case), or nil.
func (n *node) get(key string) *member {
	for i := range n.members {
		if n.members[i].key == key {
			return &n.members[i]
		}
	}
	return nil
}

// list returns a string-or-array element's values: one node for a
// string, the elements for an array.
func (n *node) list() []*node {
	if n.kind == kArray {
		return n.elems
	}
	return []*node{n}
}
