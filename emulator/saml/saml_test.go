package saml_test

import (
	"crypto/x509"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/saml"
	"github.com/fakeaws/fakeaws/emulator/saml/samltest"
)

// TestCanonicalize pins exclusive c14n on small documents; the first row is
// the example of https://www.w3.org/TR/xml-exc-c14n/#sec-Enveloping.
func TestCanonicalize(t *testing.T) {
	t.Parallel()
	rows := []struct {
		name      string
		doc       string
		path      []string // local names from the root to the apex
		inclusive []string
		want      string
	}{
		{"spec example", `<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org"><n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"/></n1:elem2></n0:local>`,
			[]string{"elem2"}, nil,
			`<n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"></n3:stuff></n1:elem2>`},
		{"ancestor namespace pulled down, unused dropped", `<a:r xmlns:a="urn:a" xmlns:b="urn:b" xmlns:c="urn:c"><a:x b:k="1"><c:y/></a:x></a:r>`,
			[]string{"x"}, nil,
			`<a:x xmlns:a="urn:a" xmlns:b="urn:b" b:k="1"><c:y xmlns:c="urn:c"></c:y></a:x>`},
		{"attributes sorted by namespace then name", `<r xmlns:z="urn:a" xmlns:a="urn:z" b="2" a:y="3" z:y="4" a="1"/>`,
			nil, nil,
			`<r xmlns:a="urn:z" xmlns:z="urn:a" a="1" b="2" z:y="4" a:y="3"></r>`},
		{"default namespace undone with xmlns=\"\"", `<r xmlns="urn:d"><x><y xmlns=""/></x></r>`,
			[]string{"x"}, nil,
			`<x xmlns="urn:d"><y xmlns=""></y></x>`},
		{"escaping and CDATA", "<r a=\"&lt;&amp;&quot;&#9;&#10;'\">&lt;&amp;&gt;\"'<![CDATA[<b>]]>\r\n</r>",
			nil, nil,
			"<r a=\"&lt;&amp;&quot;&#x9;&#xA;'\">&lt;&amp;&gt;\"'&lt;b&gt;\n</r>"},
		{"comments and PIs dropped", `<r><!-- c --><?pi x?><x/></r>`,
			nil, nil, `<r><x></x></r>`},
		{"inclusive prefix list", `<a:r xmlns:a="urn:a" xmlns:q="urn:q"><a:x/></a:r>`,
			[]string{"x"}, []string{"q"},
			`<a:x xmlns:a="urn:a" xmlns:q="urn:q"></a:x>`},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			root, err := saml.Parse([]byte(row.doc))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			el := root
			for _, name := range row.path {
				var next *saml.Element
				for _, c := range el.Children {
					if ce, ok := c.(*saml.Element); ok && ce.Local == name {
						next = ce
					}
				}
				if next == nil {
					t.Fatalf("no element %s", name)
				}
				el = next
			}
			if got := string(saml.Canonicalize(el, nil, row.inclusive)); got != row.want {
				t.Errorf("Canonicalize =\n%s\nwant\n%s", got, row.want)
			}
		})
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	idp, err := samltest.New("https://idp.example.com/metadata", now)
	if err != nil {
		t.Fatal(err)
	}
	other, err := samltest.New("https://idp.example.com/metadata", now)
	if err != nil {
		t.Fatal(err)
	}
	attrs := append(samltest.RoleAttributes("arn:aws:iam::111111111111:role/r", "arn:aws:iam::111111111111:saml-provider/idp", "alice@example.com"),
		samltest.Attribute{Name: "https://aws.amazon.com/SAML/Attributes/PrincipalTag:Dept", Values: []string{"R&D <x>"}})
	base := samltest.Assertion{IssueInstant: now, NameID: "alice", Attributes: attrs}
	with := func(f func(*samltest.Assertion)) samltest.Assertion {
		a := base
		f(&a)
		return a
	}
	rows := []struct {
		name  string
		idp   *samltest.IdP
		a     samltest.Assertion
		certs []*x509.Certificate
		err   error
	}{
		{"signed assertion", idp, base, nil, nil},
		{"signed response", idp, with(func(a *samltest.Assertion) { a.SignResponse = true }), nil, nil},
		{"unsigned", idp, with(func(a *samltest.Assertion) { a.Unsigned = true }), nil, saml.ErrSignature},
		{"other IdP's key", other, base, nil, saml.ErrSignature},
		{"both certificates, second matches", other, base, []*x509.Certificate{idp.Cert, other.Cert}, nil},
		{"tampered NameID", idp, with(func(a *samltest.Assertion) {
			a.Tamper = func(s string) string { return strings.Replace(s, ">alice<", ">mallory<", 1) }
		}), nil, saml.ErrSignature},
		{"tampered signed response status", idp, with(func(a *samltest.Assertion) {
			a.SignResponse = true
			a.Tamper = func(s string) string { return strings.Replace(s, `Version="2.0">`, `Version="2.0" Extra="x">`, 1) }
		}), nil, saml.ErrSignature},
		{"wrapped: second unsigned assertion", idp, with(func(a *samltest.Assertion) {
			a.Tamper = func(s string) string {
				return strings.Replace(s, "</samlp:Response>", `<saml:Assertion ID="_evil" IssueInstant="2024-05-01T12:00:00Z" Version="2.0"></saml:Assertion></samlp:Response>`, 1)
			}
		}), nil, saml.ErrMalformed},
		{"duplicate ID", idp, with(func(a *samltest.Assertion) {
			a.Tamper = func(s string) string {
				return strings.Replace(s, "<samlp:Status>", `<samlp:Extensions ID="_a1"></samlp:Extensions><samlp:Status>`, 1)
			}
		}), nil, saml.ErrSignature},
		{"doctype refused", idp, with(func(a *samltest.Assertion) {
			a.Tamper = func(s string) string { return `<!DOCTYPE r [<!ENTITY x "y">]>` + s }
		}), nil, saml.ErrMalformed},
		{"not a response", idp, with(func(a *samltest.Assertion) {
			a.Tamper = func(string) string { return `<x/>` }
		}), nil, saml.ErrMalformed},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			certs := row.certs
			if certs == nil {
				certs = []*x509.Certificate{idp.Cert}
			}
			got, err := saml.Verify([]byte(row.idp.Response(row.a)), certs)
			if row.err != nil {
				if !errors.Is(err, row.err) {
					t.Errorf("Verify err = %v, want %v", err, row.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if got.NameID != "alice" || got.Issuer != "https://idp.example.com/metadata" ||
				got.NameIDFormat != "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" ||
				got.Recipient != samltest.AudienceAWS || len(got.Audiences) != 1 || got.Audiences[0] != samltest.AudienceAWS ||
				!got.IssueInstant.Equal(now) || got.NotOnOrAfter == nil || !got.NotOnOrAfter.Equal(now.Add(5*time.Minute)) {
				t.Errorf("Verify = %+v", got)
			}
			if v := got.Attributes["https://aws.amazon.com/SAML/Attributes/PrincipalTag:Dept"]; len(v) != 1 || v[0] != "R&D <x>" {
				t.Errorf("PrincipalTag:Dept = %q, want [R&D <x>]", v)
			}
			if v := got.Attributes[samltest.AttrRoleSessionName]; len(v) != 1 || v[0] != "alice@example.com" {
				t.Errorf("RoleSessionName = %q", v)
			}
		})
	}
}

func TestParseMetadata(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	idp, err := samltest.New("https://idp.example.com/metadata", now)
	if err != nil {
		t.Fatal(err)
	}
	md, err := saml.ParseMetadata([]byte(idp.Metadata()))
	if err != nil {
		t.Fatalf("ParseMetadata: %v", err)
	}
	if md.EntityID != idp.EntityID || len(md.Certs) != 1 || !md.Certs[0].Equal(idp.Cert) || md.ValidUntil != nil {
		t.Errorf("ParseMetadata = %+v", md)
	}
	valid := strings.Replace(idp.Metadata(), `entityID=`, `validUntil="2030-01-02T03:04:05Z" entityID=`, 1)
	if md, err := saml.ParseMetadata([]byte(valid)); err != nil || md.ValidUntil == nil || md.ValidUntil.Year() != 2030 {
		t.Errorf("ParseMetadata(validUntil) = %+v, %v", md, err)
	}
	for name, doc := range map[string]string{
		"not XML":        "hello",
		"no certificate": `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:IDPSSODescriptor/></md:EntityDescriptor>`,
		"no entityID":    strings.Replace(idp.Metadata(), `entityID="https://idp.example.com/metadata"`, "", 1),
		"bad cert":       strings.Replace(idp.Metadata(), "<ds:X509Certificate>", "<ds:X509Certificate>AAAA", 1),
	} {
		if _, err := saml.ParseMetadata([]byte(doc)); !errors.Is(err, saml.ErrMetadata) {
			t.Errorf("ParseMetadata(%s) err = %v, want ErrMetadata", name, err)
		}
	}
}
