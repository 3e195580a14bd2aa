package query

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// ResultWriter is a result that writes its own elements instead of being
// marshalled by reflection: the hot actions' results (AssumeRole,
// GetSessionToken), where encoding/xml was a fifth of the work. The
// output must be what xml.MarshalIndent writes for the result's children
// inside <ActionResult>; each implementation has a test comparing the two.
type ResultWriter interface {
	WriteElements(e *Elements)
}

// Elements writes nested XML elements indented as the Query envelope
// indents a marshalled result's children.
type Elements struct {
	// b receives the elements: the response envelope's own buffer when
	// writeResult writes them, else a buffer of their own.
	b     *bytes.Buffer
	depth int  // of the next element: 1 for the result's children
	open  bool // an element was opened and nothing written in it yet
	any   bool // something was written
}

// indent starts a new line for an element at the current depth. The
// first element has none: the envelope writes its indent.
func (e *Elements) indent() {
	if e.any {
		e.b.WriteByte('\n')
		e.b.WriteString("  ")
		for range e.depth {
			e.b.WriteString("  ")
		}
	}
	e.any = true
}

// Open starts element name; its children follow until Close.
func (e *Elements) Open(name string) {
	if e.depth == 0 {
		e.depth = 1
	}
	e.indent()
	e.tag("<", name)
	e.depth++
	e.open = true
}

// Close ends element name, opened by Open.
func (e *Elements) Close(name string) {
	e.depth--
	if !e.open {
		e.indent()
	}
	e.open = false
	e.tag("</", name)
}

// tag writes <name> or </name> (open is "<" or "</") without building the
// tag as a string first.
func (e *Elements) tag(open, name string) {
	if e.b == nil {
		e.b = bytes.NewBuffer(make([]byte, 0, 1024)) // an AssumeRole result is about 1 KiB
	}
	e.b.WriteString(open)
	e.b.WriteString(name)
	e.b.WriteByte('>')
}

// Text writes <name>value</name>, value escaped as encoding/xml does.
func (e *Elements) Text(name, value string) {
	if e.depth == 0 {
		e.depth = 1
	}
	e.indent()
	e.open = false
	e.tag("<", name)
	if plainText(value) {
		e.b.WriteString(value)
	} else {
		_ = xml.EscapeText(e.b, []byte(value))
	}
	e.tag("</", name)
}

// Int writes <name>v</name> without allocating v's text.
func (e *Elements) Int(name string, v int) {
	var digits [20]byte
	if e.depth == 0 {
		e.depth = 1
	}
	e.indent()
	e.open = false
	e.tag("<", name)
	e.b.Write(strconv.AppendInt(digits[:0], int64(v), 10))
	e.tag("</", name)
}

// plainText reports whether encoding/xml writes s as it is: printable
// ASCII without the characters it escapes (" ' & < >). One pass over s
// (a session token is several hundred bytes), not one per question.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			return false
		}
	}
	return true
}

// plainByte marks the bytes plainText accepts.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = !strings.ContainsRune(`"'&<>`, rune(c))
	}
	return t
}()

// String is what was written (when Elements wrote into a buffer of its
// own).
func (e *Elements) String() string {
	if e.b == nil {
		return ""
	}
	return e.b.String()
}
