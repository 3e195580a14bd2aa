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
