package query

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// TestTextEscapes: Text writes a value as encoding/xml's EscapeText does,
// whichever bytes it holds.
func TestTextEscapes(t *testing.T) {
	t.Parallel()
	values := []string{
		"", "plain", "FwoGZXIvYXdzE+/=abc", `a"b`, "a'b", "a&b", "a<b", "a>b",
		"tab\there", "new\nline", "cr\rhere", "nul\x00", "del\x7f", "é", "日本",
		"bad utf8 \xff", "\u2028", " ~!@#$%^*()_+-=[]{}|;:,./?`",
	}
	for c := 0; c < 256; c++ {
		values = append(values, string([]byte{'x', byte(c), 'y'}))
	}
	for _, v := range values {
		var want bytes.Buffer
		want.WriteString("<V>")
		if err := xml.EscapeText(&want, []byte(v)); err != nil {
			t.Fatal(err)
		}
		want.WriteString("</V>")
		var e Elements
		e.Text("V", v)
		if got := e.String(); got != want.String() {
			t.Errorf("Text(%q) = %q, want %q", v, got, want.String())
		}
	}
}

// TestInt: Int writes what encoding/xml writes for an int element.
func TestInt(t *testing.T) {
	t.Parallel()
	for _, v := range []int{0, 1, -1, 42, 100, 4096, -2147483648, 9223372036854775807} {
		want, err := xml.Marshal(struct {
			XMLName xml.Name `xml:"V"`
			N       int      `xml:",chardata"`
		}{N: v})
		if err != nil {
			t.Fatal(err)
		}
		var e Elements
		e.Int("V", v)
		if got := e.String(); got != string(want) {
			t.Errorf("Int(%d) = %q, want %q", v, got, want)
		}
	}
}
