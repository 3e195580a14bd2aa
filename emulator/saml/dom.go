package saml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// xmlNamespace is the namespace bound to the reserved prefix "xml".
const xmlNamespace = "http://www.w3.org/XML/1998/namespace"

// Element is one XML element with its namespace context.
type Element struct {
	Prefix string // "" for an unprefixed name
	Local  string
	Space  string // resolved namespace URI
	Attrs  []Attr // attributes other than namespace declarations, in document order
	// NS are the namespace declarations on this element: prefix ("" for
	// the default namespace) → URI.
	NS       map[string]string
	Children []any // *Element or string (character data)
	Parent   *Element
}

// Attr is an attribute other than a namespace declaration.
type Attr struct {
	Prefix, Local, Space, Value string
}

// Attr returns the value of the unqualified attribute named local.
func (e *Element) Attr(local string) (string, bool) {
	for _, a := range e.Attrs {
		if a.Prefix == "" && a.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// Elements returns the child elements in namespace space named local.
func (e *Element) Elements(space, local string) []*Element {
	var out []*Element
	for _, c := range e.Children {
		if ce, ok := c.(*Element); ok && ce.Space == space && ce.Local == local {
			out = append(out, ce)
		}
	}
	return out
}

// Element returns the only child element space:local, or nil when there is
// none or more than one.
func (e *Element) Element(space, local string) *Element {
	if list := e.Elements(space, local); len(list) == 1 {
		return list[0]
	}
	return nil
}

// Text is the element's character data (direct children only), trimmed.
func (e *Element) Text() string {
	var b strings.Builder
	for _, c := range e.Children {
		if s, ok := c.(string); ok {
			b.WriteString(s)
		}
	}
	return strings.TrimSpace(b.String())
}

// lookup resolves prefix in e's scope.
func (e *Element) lookup(prefix string) (string, bool) {
	if prefix == "xml" {
		return xmlNamespace, true
	}
	for x := e; x != nil; x = x.Parent {
		if uri, ok := x.NS[prefix]; ok {
			return uri, true
		}
	}
	return "", false
}

// walk calls fn for e and every element below it, in document order.
func (e *Element) walk(fn func(*Element)) {
	fn(e)
	for _, c := range e.Children {
		if ce, ok := c.(*Element); ok {
			ce.walk(fn)
		}
	}
}

// ErrDoctype reports a document carrying a DOCTYPE declaration.
var ErrDoctype = errors.New("saml: DOCTYPE not allowed")

// Parse reads an XML document into an element tree. Comments and
// processing instructions are dropped (exclusive c14n without comments
// ignores them); a DOCTYPE is refused.
func Parse(data []byte) (*Element, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var root, cur *Element
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("saml: parse: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root != nil && cur == nil {
				return nil, errors.New("saml: parse: content after the root element")
			}
			el := &Element{Prefix: t.Name.Space, Local: t.Name.Local, Parent: cur}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					el.setNS("", a.Value)
				case a.Name.Space == "xmlns":
					if a.Value == "" {
						return nil, fmt.Errorf("saml: parse: empty namespace for prefix %q", a.Name.Local)
					}
					el.setNS(a.Name.Local, a.Value)
				default:
					el.Attrs = append(el.Attrs, Attr{Prefix: a.Name.Space, Local: a.Name.Local, Value: a.Value})
				}
			}
			if err := el.resolve(); err != nil {
				return nil, err
			}
			if cur == nil {
				root = el
			} else {
				cur.Children = append(cur.Children, el)
			}
			cur = el
		case xml.EndElement:
			if cur == nil || t.Name.Space != cur.Prefix || t.Name.Local != cur.Local {
				return nil, fmt.Errorf("saml: parse: unexpected end element %s", t.Name.Local)
			}
			cur = cur.Parent
		case xml.CharData:
			if cur != nil {
				cur.Children = append(cur.Children, string(t))
			} else if len(bytes.TrimSpace(t)) > 0 {
				return nil, errors.New("saml: parse: text outside the root element")
			}
		case xml.Directive:
			return nil, ErrDoctype
		}
	}
	if root == nil || cur != nil {
		return nil, errors.New("saml: parse: no complete root element")
	}
	return root, nil
}

func (e *Element) setNS(prefix, uri string) {
	if e.NS == nil {
		e.NS = map[string]string{}
	}
	e.NS[prefix] = uri
}

// resolve fills in the namespace URIs of the element and its attributes.
func (e *Element) resolve() error {
	uri, ok := e.lookup(e.Prefix)
	if !ok && e.Prefix != "" {
		return fmt.Errorf("saml: parse: undeclared namespace prefix %q", e.Prefix)
	}
	e.Space = uri
	for i := range e.Attrs {
		a := &e.Attrs[i]
		if a.Prefix == "" {
			continue
		}
		uri, ok := e.lookup(a.Prefix)
		if !ok {
			return fmt.Errorf("saml: parse: undeclared namespace prefix %q", a.Prefix)
		}
		a.Space = uri
	}
	return nil
}
