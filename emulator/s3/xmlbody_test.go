package s3

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// TestXMLBody: xmlBody writes what the header, a copy and bytes.ReplaceAll
// of "&#34;" by "&quot;" wrote before it, in one allocation.
func TestXMLBody(t *testing.T) {
	t.Parallel()
	for _, out := range []string{
		"", "<a/>", "&#34;", "&#34;&#34;", `<ETag>&#34;abc&#34;</ETag>`, "&#3&#34;4;", "&#34", "#34;",
		"x&#34;", "&#34;x", "&amp;#34;", "&&#34;;", "<K>&#34;\xff&#34;&#39;</K>",
	} {
		want := append([]byte(xml.Header), bytes.ReplaceAll([]byte(out), []byte("&#34;"), []byte("&quot;"))...)
		got := xmlBody(out)
		if !bytes.Equal(got, want) {
			t.Errorf("xmlBody(%q) = %q, want %q", out, got, want)
		}
		if cap(got) != len(got) {
			t.Errorf("xmlBody(%q): cap %d, len %d: sized wrong", out, cap(got), len(got))
		}
	}
}
