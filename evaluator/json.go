package evaluator

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// jnode is one JSON value with the byte offsets of its first and last
// character in the source document. Policy parsing works on this tree rather
// than on map[string]any so that it can report statement positions, keep key
// order, and reject duplicate keys.
type jnode struct {
	kind  byte // 's' string, 'n' number, 'b' bool, 'z' null, 'a' array, 'o' object
	str   string
	b     bool
	arr   []*jnode
	keys  []string
	vals  []*jnode
	start int // offset of the first byte
	end   int // offset of the last byte
}

var errJSON = errors.New("bad json")

// parseJSON decodes doc into a jnode tree. Duplicate object keys and
// trailing data are errors.
func parseJSON(doc string) (*jnode, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(doc)))
	dec.UseNumber()
	n, err := readNode(dec, doc)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errJSON
	}
	return n, nil
}

// tokenStart finds where the token that ends at off (exclusive) begins, by
// skipping back over the token text; for delimiters it is off-1.
func readNode(dec *json.Decoder, doc string) (*jnode, error) {
	before := int(dec.InputOffset())
	tok, err := dec.Token()
	if err != nil {
		return nil, errJSON
	}
	after := int(dec.InputOffset())
	start := skipSpace(doc, before)
	switch t := tok.(type) {
	case json.Delim:
		start = after - 1
		switch t {
		case '{':
			n := &jnode{kind: 'o', start: start}
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, errJSON
				}
				k, ok := kt.(string)
				if !ok || seen[k] {
					return nil, errJSON
				}
				seen[k] = true
				v, err := readNode(dec, doc)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k)
				n.vals = append(n.vals, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, errJSON
			}
			n.end = int(dec.InputOffset()) - 1
			return n, nil
		case '[':
			n := &jnode{kind: 'a', start: start}
			for dec.More() {
				v, err := readNode(dec, doc)
				if err != nil {
					return nil, err
				}
				n.arr = append(n.arr, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, errJSON
			}
			n.end = int(dec.InputOffset()) - 1
			return n, nil
		}
		return nil, errJSON
	case string:
		return &jnode{kind: 's', str: t, start: start, end: after - 1}, nil
	case json.Number:
		return &jnode{kind: 'n', str: string(t), start: start, end: after - 1}, nil
	case bool:
		s := "false"
		if t {
			s = "true"
		}
		return &jnode{kind: 'b', b: t, str: s, start: start, end: after - 1}, nil
	case nil:
		return &jnode{kind: 'z', start: start, end: after - 1}, nil
	}
	return nil, errJSON
}

func skipSpace(doc string, i int) int {
	for i < len(doc) {
		switch doc[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
		default:
			return i
		}
	}
	return i
}

// position converts a byte offset into a 1-based line and column.
func position(doc string, off int) Position {
	line, col := 1, 1
	for i := 0; i < off && i < len(doc); i++ {
		if doc[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return Position{Line: line, Column: col}
}
