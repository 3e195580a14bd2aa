// Package samltest is a test SAML 2.0 identity provider: it makes an RSA
// key and self-signed certificate, publishes IdP metadata and issues signed
// SAML Responses for AWS (Role, RoleSessionName, SessionDuration
// attributes).
//
// The signed forms are written out by hand in exclusive canonical form
// (sorted attributes, namespaces declared where used, no empty-element
// tags) and hashed directly, so verification in package saml is checked
// against canonical bytes that its own canonicalizer did not produce.
package samltest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// Attribute names AWS reads.
const (
	AttrRole            = "https://aws.amazon.com/SAML/Attributes/Role"
	AttrRoleSessionName = "https://aws.amazon.com/SAML/Attributes/RoleSessionName"
	AttrSessionDuration = "https://aws.amazon.com/SAML/Attributes/SessionDuration"
	AudienceAWS         = "https://signin.aws.amazon.com/saml"
)

// IdP is a test identity provider.
type IdP struct {
	EntityID string
	Key      *rsa.PrivateKey
	Cert     *x509.Certificate
}

// New makes an IdP with a fresh 2048-bit key valid around now.
func New(entityID string, now time.Time) (*IdP, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "fakeaws test IdP"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &IdP{EntityID: entityID, Key: key, Cert: cert}, nil
}

// Metadata is the IdP's metadata document (at least 1,000 characters, as
// IAM requires).
func (p *IdP) Metadata() string {
	cert := base64.StdEncoding.EncodeToString(p.Cert.Raw)
	return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="` + esc(p.EntityID) + `">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>` + cert + `</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`
}

// Attribute is one SAML attribute.
type Attribute struct {
	Name   string
	Values []string
}

// Assertion describes a Response to issue. Zero fields get defaults.
type Assertion struct {
	ID           string // default "_a1"
	IssueInstant time.Time
	NotOnOrAfter time.Time // Conditions and SubjectConfirmationData; default IssueInstant+5m
	Issuer       string    // default the IdP's entity id
	NameID       string    // default "alice"
	NameIDFormat string    // default persistent
	Recipient    string    // default https://signin.aws.amazon.com/saml
	Audience     string    // default https://signin.aws.amazon.com/saml
	// AudienceRestrictions, when not nil, replace the one
	// AudienceRestriction naming Audience: one element per entry, each
	// with its Audience values.
	AudienceRestrictions [][]string
	Attributes           []Attribute
	// Confirmations, when not nil, replace the SubjectConfirmation element
	// (one bearer confirmation for Recipient until NotOnOrAfter): raw XML
	// in exclusive canonical form (sorted attributes, no empty-element
	// tags, saml: prefix).
	Confirmations []string
	// SignResponse signs the Response instead of the Assertion.
	SignResponse bool
	// Unsigned leaves the signature out.
	Unsigned bool
	// Tamper edits the final XML (after signing).
	Tamper func(string) string
}

// RoleAttributes are the attributes AWS needs: the Role pair and the
// session name.
func RoleAttributes(roleARN, providerARN, sessionName string) []Attribute {
	return []Attribute{
		{Name: AttrRole, Values: []string{roleARN + "," + providerARN}},
		{Name: AttrRoleSessionName, Values: []string{sessionName}},
	}
}

const (
	nsSAML  = "urn:oasis:names:tc:SAML:2.0:assertion"
	nsSAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
	nsDS    = "http://www.w3.org/2000/09/xmldsig#"
)

// Response returns the XML of a SAML Response.
func (p *IdP) Response(a Assertion) string {
	a.setDefaults(p.EntityID)
	issued := stamp(a.IssueInstant)
	notAfter := stamp(a.NotOnOrAfter)
	body := assertionContent(a, issued, notAfter)
	issuer := `<saml:Issuer>` + escText(a.Issuer) + `</saml:Issuer>`
	assertAttrs := ` ID="` + esc(a.ID) + `" IssueInstant="` + issued + `" Version="2.0"`
	// Canonical form of the assertion: it declares the saml namespace it
	// uses. In the document the declaration sits on the Response instead.
	canonAssertion := `<saml:Assertion xmlns:saml="` + nsSAML + `"` + assertAttrs + `>` + issuer + body + `</saml:Assertion>`
	docAssertion := func(sig string) string {
		return `<saml:Assertion` + assertAttrs + `>` + issuer + sig + body + `</saml:Assertion>`
	}
	respID := "_r1"
	respAttrs := ` Destination="` + esc(a.Recipient) + `" ID="` + respID + `" IssueInstant="` + issued + `" Version="2.0"`
	status := `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"></samlp:StatusCode></samlp:Status>`

	var doc string
	switch {
	case a.Unsigned:
		doc = `<samlp:Response xmlns:samlp="` + nsSAMLP + `" xmlns:saml="` + nsSAML + `"` + respAttrs + `>` + issuer + status + docAssertion("") + `</samlp:Response>`
	case a.SignResponse:
		// Canonical form of the Response: samlp and saml are both used
		// (saml by the Issuer, but exclusive c14n declares it where first
		// used: on the Response only if the Response uses it itself, which
		// it does not, so on each saml element's outermost occurrence).
		canonResp := `<samlp:Response xmlns:samlp="` + nsSAMLP + `"` + respAttrs + `>` +
			`<saml:Issuer xmlns:saml="` + nsSAML + `">` + escText(a.Issuer) + `</saml:Issuer>` + status + canonAssertion + `</samlp:Response>`
		sig := p.signature(respID, canonResp)
		doc = `<samlp:Response xmlns:samlp="` + nsSAMLP + `" xmlns:saml="` + nsSAML + `"` + respAttrs + `>` + issuer + sig + status + docAssertion("") + `</samlp:Response>`
	default:
		sig := p.signature(a.ID, canonAssertion)
		doc = `<samlp:Response xmlns:samlp="` + nsSAMLP + `" xmlns:saml="` + nsSAML + `"` + respAttrs + `>` + issuer + status + docAssertion(sig) + `</samlp:Response>`
	}
	if a.Tamper != nil {
		doc = a.Tamper(doc)
	}
	return doc
}

// setDefaults fills what a leaves out: an id, the IdP as issuer (entityID),
// alice as persistent NameID, AWS as recipient and audience, five minutes
// of validity.
func (a *Assertion) setDefaults(entityID string) {
	if a.ID == "" {
		a.ID = "_a1"
	}
	if a.Issuer == "" {
		a.Issuer = entityID
	}
	if a.NameID == "" {
		a.NameID = "alice"
	}
	if a.NameIDFormat == "" {
		a.NameIDFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
	}
	if a.Recipient == "" {
		a.Recipient = AudienceAWS
	}
	if a.Audience == "" {
		a.Audience = AudienceAWS
	}
	if a.NotOnOrAfter.IsZero() {
		a.NotOnOrAfter = a.IssueInstant.Add(5 * time.Minute)
	}
}

// assertionContent is what the assertion holds after its Issuer (and
// signature): Subject, Conditions, AuthnStatement, attributes; canonical
// as written (attributes sorted).
func assertionContent(a Assertion, issued, notAfter string) string {
	var body strings.Builder
	body.WriteString(`<saml:Subject><saml:NameID Format="` + esc(a.NameIDFormat) + `">` + escText(a.NameID) + `</saml:NameID>`)
	if a.Confirmations == nil {
		body.WriteString(`<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="` +
			notAfter + `" Recipient="` + esc(a.Recipient) + `"></saml:SubjectConfirmationData></saml:SubjectConfirmation>`)
	}
	for _, c := range a.Confirmations {
		body.WriteString(c)
	}
	body.WriteString(`</saml:Subject>`)
	restrictions := a.AudienceRestrictions
	if restrictions == nil {
		restrictions = [][]string{{a.Audience}}
	}
	body.WriteString(`<saml:Conditions NotBefore="` + issued + `" NotOnOrAfter="` + notAfter + `">`)
	for _, r := range restrictions {
		body.WriteString(`<saml:AudienceRestriction>`)
		for _, aud := range r {
			body.WriteString(`<saml:Audience>` + escText(aud) + `</saml:Audience>`)
		}
		body.WriteString(`</saml:AudienceRestriction>`)
	}
	body.WriteString(`</saml:Conditions>`)
	body.WriteString(`<saml:AuthnStatement AuthnInstant="` + issued + `" SessionIndex="` + esc(a.ID) + `"><saml:AuthnContext><saml:AuthnContextClassRef>` +
		`urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`)
	if len(a.Attributes) > 0 {
		body.WriteString(`<saml:AttributeStatement>`)
		for _, at := range a.Attributes {
			body.WriteString(`<saml:Attribute Name="` + esc(at.Name) + `">`)
			for _, v := range at.Values {
				body.WriteString(`<saml:AttributeValue>` + escText(v) + `</saml:AttributeValue>`)
			}
			body.WriteString(`</saml:Attribute>`)
		}
		body.WriteString(`</saml:AttributeStatement>`)
	}
	return body.String()
}

// Base64 is Response, base64-encoded as the SAMLAssertion parameter wants.
func (p *IdP) Base64(a Assertion) string {
	return base64.StdEncoding.EncodeToString([]byte(p.Response(a)))
}

// signature signs canon (the canonical form of the element with ID id) and
// returns the ds:Signature element as it appears in the document:
// namespace declared on Signature, empty-element tags, indentation.
func (p *IdP) signature(id, canon string) string {
	digest := sha256.Sum256([]byte(canon))
	dv := base64.StdEncoding.EncodeToString(digest[:])
	inner := func(empty func(name, attrs string) string) string {
		return `<ds:SignedInfo>` +
			empty("ds:CanonicalizationMethod", ` Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"`) +
			empty("ds:SignatureMethod", ` Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"`) +
			`<ds:Reference URI="#` + esc(id) + `"><ds:Transforms>` +
			empty("ds:Transform", ` Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"`) +
			empty("ds:Transform", ` Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"`) +
			`</ds:Transforms>` +
			empty("ds:DigestMethod", ` Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"`) +
			`<ds:DigestValue>` + dv + `</ds:DigestValue></ds:Reference></ds:SignedInfo>`
	}
	canonSI := inner(func(n, at string) string { return "<" + n + at + "></" + n + ">" })
	canonSI = strings.Replace(canonSI, `<ds:SignedInfo>`, `<ds:SignedInfo xmlns:ds="`+nsDS+`">`, 1)
	h := sha256.Sum256([]byte(canonSI))
	sv, err := rsa.SignPKCS1v15(rand.Reader, p.Key, crypto.SHA256, h[:])
	if err != nil {
		panic(fmt.Sprintf("samltest: sign: %v", err))
	}
	docSI := inner(func(n, at string) string { return "<" + n + at + "/>" })
	return `<ds:Signature xmlns:ds="` + nsDS + `">` + docSI +
		"\n<ds:SignatureValue>" + wrap(base64.StdEncoding.EncodeToString(sv)) + "</ds:SignatureValue></ds:Signature>"
}

// wrap breaks base64 into 64-character lines, as many IdPs do.
func wrap(s string) string {
	var parts []string
	for len(s) > 64 {
		parts = append(parts, s[:64])
		s = s[64:]
	}
	return strings.Join(append(parts, s), "\n")
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

var (
	attrEsc = strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;")
	textEsc = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
)

func esc(s string) string     { return attrEsc.Replace(s) }
func escText(s string) string { return textEsc.Replace(s) }
