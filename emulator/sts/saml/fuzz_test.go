package saml_test

import (
	"bytes"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/sts/saml"
)

// FuzzCanonicalize: whatever parses canonicalizes, and the canonical form
// is a fixed point (parsing and canonicalizing it again changes nothing).
func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{
		`<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org"><n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"/></n1:elem2></n0:local>`,
		`<r xmlns="urn:d" a="&lt;&#9;"><x><y xmlns=""/>t&amp;<![CDATA[c]]></x></r>`,
		`<a:r xmlns:a="urn:a" xmlns:b="urn:b" b:k="1" k="2"><!-- c --><a:x/></a:r>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		root, err := saml.Parse(doc)
		if err != nil {
			if root != nil {
				t.Fatalf("Parse error %v with a non-nil tree", err)
			}
			return
		}
		c1 := saml.Canonicalize(root, nil, nil)
		root2, err := saml.Parse(c1)
		if err != nil {
			t.Fatalf("canonical form %q does not parse: %v", c1, err)
		}
		if c2 := saml.Canonicalize(root2, nil, nil); !bytes.Equal(c1, c2) {
			t.Fatalf("not a fixed point:\n%s\n%s", c1, c2)
		}
	})
}
