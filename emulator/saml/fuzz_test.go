package saml_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/saml"
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

// FuzzVerify feeds arbitrary documents, seeded with xmlsec1-signed
// responses, to Verify: it must never panic, an error comes with no
// assertion, and whatever verifies carries the assertion's own Issuer.
func FuzzVerify(f *testing.F) {
	for _, name := range []string{"signed-assertion", "signed-response", "nameid-comment", "no-assertion-issuer"} {
		b, err := os.ReadFile(filepath.Join("testdata", "xmlsec", name+".xml"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	certs := xmlsecCerts(f)
	f.Fuzz(func(t *testing.T, doc []byte) {
		a, err := saml.Verify(doc, certs)
		if err != nil {
			if a != nil {
				t.Fatalf("Verify error %v with an assertion %+v", err, a)
			}
			return
		}
		if a.Issuer == "" || a.ID == "" {
			t.Fatalf("Verify accepted an assertion without Issuer or ID: %+v", a)
		}
	})
}
