package s3

import (
	"encoding/xml"
	"testing"
	"time"
)

// TestMarshalXMLControlCharacters: answers echoing a key write its C0
// control characters as S3 does ("&#x1b;"; conformance/golden/s3ruby_test.go
// has the recordings), keep everything else as encoding/xml writes it, and
// leave the value marshalled unchanged.
func TestMarshalXMLControlCharacters(t *testing.T) {
	t.Parallel()
	type part struct {
		PartNumber int
		Modified   time.Time
	}
	type answer struct {
		XMLName xml.Name `xml:"Result"`
		Key     string
		Prefix  *string
		Parts   []part
		Any     any
	}
	prefix := "p\x01"
	for _, tt := range []struct {
		name string
		in   *answer
		want string
	}{
		{"no control characters", &answer{Key: "a<b&c"},
			`<Result><Key>a&lt;b&amp;c</Key></Result>`},
		{"ESC, backspace, NUL", &answer{Key: "LA\x1b\x08\x00"},
			`<Result><Key>LA&#x1b;&#x8;&#x0;</Key></Result>`},
		{"tab, LF, CR as encoding/xml writes them", &answer{Key: "\x07\t\n\r"},
			`<Result><Key>&#x7;&#x9;&#xA;&#xD;</Key></Result>`},
		{"through a pointer, a slice and an interface", &answer{Key: "k", Prefix: &prefix,
			Parts: []part{{1, time.Date(2026, 12, 7, 5, 0, 0, 0, time.UTC)}}, Any: struct{ Key string }{"i\x02"}},
			`<Result><Key>k</Key><Prefix>p&#x1;</Prefix><Parts><PartNumber>1</PartNumber><Modified>2026-12-07T05:00:00Z</Modified></Parts><Any><Key>i&#x2;</Key></Any></Result>`},
		{"bytes that are not UTF-8 stay U+FFFD", &answer{Key: "\x01\xff"},
			"<Result><Key>&#x1;\uFFFD</Key></Result>"},
		{"U+FFFD in the key itself", &answer{Key: "\uFFFD"},
			"<Result><Key>\uFFFD</Key></Result>"},
		{"a placeholder code point in the key: encoding/xml's answer", &answer{Key: "\uE001\x01"},
			"<Result><Key>\uE001\uFFFD</Key></Result>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			key := tt.in.Key
			out, err := marshalXML(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("marshalXML = %q, want %q", out, tt.want)
			}
			if tt.in.Key != key || prefix != "p\x01" {
				t.Errorf("marshalXML changed its input: Key %q, prefix %q", tt.in.Key, prefix)
			}
		})
	}
}
