package saml

import (
	"bytes"
	"sort"
	"strings"
)

// Canonicalize returns the exclusive canonical form
// (https://www.w3.org/TR/xml-exc-c14n/, without comments) of the subtree at
// e, leaving out the subtree at omit (the enveloped signature; nil for
// none). inclusive lists the InclusiveNamespaces PrefixList ("#default"
// names the default namespace): those namespaces are rendered wherever they
// are in scope, as in inclusive canonicalization, instead of only where
// visibly used.
func Canonicalize(e, omit *Element, inclusive []string) []byte {
	var buf bytes.Buffer
	c := &canonicalizer{buf: &buf, omit: omit}
	for _, p := range inclusive {
		if p == "#default" {
			p = ""
		}
		if c.inclusive == nil {
			c.inclusive = map[string]bool{}
		}
		c.inclusive[p] = true
	}
	c.element(e, map[string]string{})
	return buf.Bytes()
}

type canonicalizer struct {
	buf       *bytes.Buffer
	omit      *Element
	inclusive map[string]bool
}

type nsDecl struct{ prefix, uri string }

// element writes e; rendered holds the namespace declarations in effect in
// the output at e's parent (prefix → URI; a missing "" means no default).
func (c *canonicalizer) element(e *Element, rendered map[string]string) {
	// Namespaces visibly utilized by e: its own prefix and its attributes'.
	used := map[string]bool{e.Prefix: true}
	for _, a := range e.Attrs {
		if a.Prefix != "" && a.Prefix != "xml" {
			used[a.Prefix] = true
		}
	}
	for p := range c.inclusive {
		if _, ok := e.lookup(p); ok {
			used[p] = true
		}
	}
	var decls []nsDecl
	for p := range used {
		uri, _ := e.lookup(p)
		prev, had := rendered[p]
		if p == "" {
			// The default namespace: render xmlns="" only to undo a
			// non-empty default rendered above.
			if uri != prev {
				decls = append(decls, nsDecl{"", uri})
			}
			continue
		}
		if !had || prev != uri {
			decls = append(decls, nsDecl{p, uri})
		}
	}
	sort.Slice(decls, func(i, j int) bool { return decls[i].prefix < decls[j].prefix })
	if len(decls) > 0 {
		next := make(map[string]string, len(rendered)+len(decls))
		for k, v := range rendered {
			next[k] = v
		}
		for _, d := range decls {
			next[d.prefix] = d.uri
		}
		rendered = next
	}

	attrs := append([]Attr(nil), e.Attrs...)
	sort.Slice(attrs, func(i, j int) bool {
		if attrs[i].Space != attrs[j].Space {
			return attrs[i].Space < attrs[j].Space
		}
		return attrs[i].Local < attrs[j].Local
	})

	name := e.Local
	if e.Prefix != "" {
		name = e.Prefix + ":" + e.Local
	}
	c.buf.WriteByte('<')
	c.buf.WriteString(name)
	for _, d := range decls {
		if d.prefix == "" {
			c.buf.WriteString(` xmlns="`)
		} else {
			c.buf.WriteString(" xmlns:" + d.prefix + `="`)
		}
		escapeAttr(c.buf, d.uri)
		c.buf.WriteByte('"')
	}
	for _, a := range attrs {
		c.buf.WriteByte(' ')
		if a.Prefix != "" {
			c.buf.WriteString(a.Prefix + ":")
		}
		c.buf.WriteString(a.Local + `="`)
		escapeAttr(c.buf, a.Value)
		c.buf.WriteByte('"')
	}
	c.buf.WriteByte('>')
	for _, ch := range e.Children {
		switch x := ch.(type) {
		case string:
			escapeText(c.buf, x)
		case *Element:
			if x != c.omit {
				c.element(x, rendered)
			}
		}
	}
	c.buf.WriteString("</" + name + ">")
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
)

func escapeText(b *bytes.Buffer, s string) { _, _ = textEscaper.WriteString(b, s) }
func escapeAttr(b *bytes.Buffer, s string) { _, _ = attrEscaper.WriteString(b, s) }
