package saml_test

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/saml"
)

// The fixtures in testdata/xmlsec were signed by xmlsec1 (see gen.sh there),
// an implementation independent of ours: verifying them checks our
// canonicalization and signature code against another's, and the attacks
// below start from signatures we did not make.

func xmlsecCerts(t testing.TB) []*x509.Certificate {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "xmlsec", "cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil {
		t.Fatal("testdata/xmlsec/cert.pem: no PEM block")
	}
	c, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return []*x509.Certificate{c}
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "xmlsec", name+".xml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// between returns the first substring of s from the start of open to the
// end of the close that follows it.
func between(t *testing.T, s, open, close string) string {
	t.Helper()
	i := strings.Index(s, open)
	if i < 0 {
		t.Fatalf("no %q in fixture", open)
	}
	j := strings.Index(s[i:], close)
	if j < 0 {
		t.Fatalf("no %q after %q in fixture", close, open)
	}
	return s[i : i+j+len(close)]
}

func TestVerifyXmlsecFixtures(t *testing.T) {
	t.Parallel()
	certs := xmlsecCerts(t)
	rows := []struct {
		fixture    string
		wantNameID string
		wantErr    error
	}{
		{"signed-assertion", "alice@example.com", nil},
		{"signed-assertion-sha1", "alice@example.com", nil},
		{"signed-response", "alice@example.com", nil},
		// The signed assertion has no Issuer; the Response's Issuer is
		// outside the signature and must not stand in for it.
		{"no-assertion-issuer", "", saml.ErrMalformed},
		// The IdP signed a NameID holding a comment; exclusive c14n without
		// comments signs the whole text, so that is the name.
		{"nameid-comment", "user@evil.com.good.com", nil},
	}
	for _, row := range rows {
		t.Run(row.fixture, func(t *testing.T) {
			t.Parallel()
			got, err := saml.Verify([]byte(fixture(t, row.fixture)), certs)
			if row.wantErr != nil {
				if !errors.Is(err, row.wantErr) {
					t.Errorf("Verify(%s) = %+v, %v; want %v", row.fixture, got, err, row.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Verify(%s): %v", row.fixture, err)
			}
			if got.NameID != row.wantNameID || got.Issuer != "https://idp.example.com/metadata" || got.ID != "_a1" ||
				len(got.Attributes["https://aws.amazon.com/SAML/Attributes/RoleSessionName"]) != 1 {
				t.Errorf("Verify(%s) = %+v, want NameID %q from the signed assertion", row.fixture, got, row.wantNameID)
			}
		})
	}
}

// TestCommentInjectionInNameID inserts comments into a signed NameID after
// signing. Comments are outside exclusive c14n, so the signature still
// verifies; the NameID must still be the whole signed text, never the part
// before the comment (the flaw of CVE-2017-11427 and its siblings).
func TestCommentInjectionInNameID(t *testing.T) {
	t.Parallel()
	certs := xmlsecCerts(t)
	signed := fixture(t, "signed-assertion")
	for _, injected := range []string{
		"alice@example.com<!---->",
		"alice@<!---->example.com",
		"alice<!-- x -->@example<!---->.com",
		"<!---->alice@example.com",
	} {
		doc := strings.Replace(signed, ">alice@example.com</saml:NameID>", ">"+injected+"</saml:NameID>", 1)
		got, err := saml.Verify([]byte(doc), certs)
		if err != nil {
			t.Errorf("Verify(NameID %q): %v; the signature covers the text without comments", injected, err)
			continue
		}
		if got.NameID != "alice@example.com" {
			t.Errorf("Verify(NameID %q).NameID = %q, want the signed alice@example.com", injected, got.NameID)
		}
	}
	// The same holds for attribute values AWS reads.
	doc := strings.Replace(signed, "<saml:AttributeValue>alice@example.com</saml:AttributeValue>",
		"<saml:AttributeValue>alice@<!---->example.com</saml:AttributeValue>", 1)
	if got, err := saml.Verify([]byte(doc), certs); err != nil ||
		strings.Join(got.Attributes["https://aws.amazon.com/SAML/Attributes/RoleSessionName"], ",") != "alice@example.com" {
		t.Errorf("Verify(RoleSessionName with a comment) = %+v, %v; want alice@example.com", got, err)
	}
}

// TestSignatureWrapping builds the XML signature wrapping attacks (XSW1-8 of
// Somorovsky et al., "On Breaking SAML", 2012) from xmlsec1-signed
// responses: each moves the signed element somewhere the signature still
// verifies and puts an unsigned assertion for mallory where a careless
// verifier reads. Every one must be refused.
func TestSignatureWrapping(t *testing.T) {
	t.Parallel()
	certs := xmlsecCerts(t)
	signedA := fixture(t, "signed-assertion")
	signedR := fixture(t, "signed-response")

	// Pieces of the assertion-signed response.
	assertion := between(t, signedA, "<saml:Assertion ", "</saml:Assertion>")
	sigA := between(t, assertion, "<ds:Signature", "</ds:Signature>")
	evil := func(id string, sig string) string {
		e := strings.Replace(assertion, sigA, sig, 1)
		e = strings.Replace(e, `ID="_a1"`, `ID="`+id+`"`, 1)
		return strings.Replace(e, ">alice@example.com</saml:NameID>", ">mallory@example.com</saml:NameID>", 1)
	}
	withObject := func(sig, content string) string {
		return strings.Replace(sig, "</ds:Signature>", "<ds:Object>"+content+"</ds:Object></ds:Signature>", 1)
	}
	replaceAssertion := func(with string) string { return strings.Replace(signedA, assertion, with, 1) }
	extensions := func(doc, content string) string {
		return strings.Replace(doc, "<samlp:Status>", "<samlp:Extensions>"+content+"</samlp:Extensions><samlp:Status>", 1)
	}

	// Pieces of the Response-signed response.
	respOpen := between(t, signedR, "<samlp:Response ", ">")
	respBody := between(t, signedR, "<samlp:Response ", "</samlp:Response>")
	sigR := between(t, signedR, "<ds:Signature", "</ds:Signature>")
	assertionR := between(t, signedR, "<saml:Assertion ", "</saml:Assertion>")
	evilR := strings.Replace(assertionR, ">alice@example.com</saml:NameID>", ">mallory@example.com</saml:NameID>", 1)
	evilRespOpen := strings.Replace(respOpen, `ID="_r1"`, `ID="_evil"`, 1)
	issuer := `<saml:Issuer>https://idp.example.com/metadata</saml:Issuer>`
	status := between(t, signedR, "<samlp:Status>", "</samlp:Status>")

	rows := []struct{ name, doc string }{
		{"XSW1: new Response, signed original inside the Signature's Object", evilRespOpen + issuer +
			withObject(sigR, respBody) + status + evilR + "</samlp:Response>"},
		{"XSW2: new Response, signed original detached beside the Signature", evilRespOpen + issuer +
			respBody + sigR + status + evilR + "</samlp:Response>"},
		{"XSW2b: new Response keeps the signed ID, original nested", strings.Replace(signedR, assertionR, evilR+respBody, 1)},
		{"signed Response with its assertion replaced", strings.Replace(signedR, assertionR, evilR, 1)},
		{"XSW3: unsigned assertion before the signed one", replaceAssertion(evil("_evil", "") + assertion)},
		{"XSW4: unsigned assertion wrapping the signed one", replaceAssertion(
			strings.Replace(evil("_evil", ""), "</saml:Assertion>", assertion+"</saml:Assertion>", 1))},
		{"XSW5: copied signature on the evil assertion, original in Extensions", extensions(replaceAssertion(evil("_a1", sigA)), assertion)},
		{"XSW5b: copied signature, evil keeps its own ID", extensions(replaceAssertion(evil("_evil", sigA)), assertion)},
		{"XSW6: original inside the copied signature's Object", replaceAssertion(evil("_evil", withObject(sigA, assertion)))},
		{"XSW6b: same ID, original inside the Object", replaceAssertion(evil("_a1", withObject(sigA, assertion)))},
		{"XSW7: original in Extensions, evil assertion in its place", extensions(replaceAssertion(evil("_evil", "")), assertion)},
		{"XSW8: original without its signature inside the evil one's Object", replaceAssertion(
			evil("_evil", withObject(sigA, strings.Replace(assertion, sigA, "", 1))))},
		{"signed assertion with mallory's NameID", replaceAssertion(evil("_a1", sigA))},
		{"Issuer of the signed assertion changed", strings.Replace(signedA,
			"<saml:Issuer>https://idp.example.com/metadata</saml:Issuer>\n    <ds:Signature",
			"<saml:Issuer>https://evil.example.com/metadata</saml:Issuer>\n    <ds:Signature", 1)},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			if row.doc == signedA || row.doc == signedR {
				t.Fatal("the attack did not change the document")
			}
			got, err := saml.Verify([]byte(row.doc), certs)
			if err == nil {
				t.Errorf("Verify accepted a wrapped document, NameID %q", got.NameID)
				return
			}
			if !errors.Is(err, saml.ErrSignature) && !errors.Is(err, saml.ErrMalformed) {
				t.Errorf("Verify err = %v, want ErrSignature or ErrMalformed", err)
			}
		})
	}
}
