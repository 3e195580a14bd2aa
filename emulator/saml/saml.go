package saml

import (
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"time"
)

// SAML 2.0 namespaces.
const (
	NSMetadata  = "urn:oasis:names:tc:SAML:2.0:metadata"
	NSAssertion = "urn:oasis:names:tc:SAML:2.0:assertion"
	NSProtocol  = "urn:oasis:names:tc:SAML:2.0:protocol"
	StatusOK    = "urn:oasis:names:tc:SAML:2.0:status:Success"
)

// Metadata is what AWS reads from an IdP metadata document.
type Metadata struct {
	EntityID   string
	ValidUntil *time.Time
	// Certs are the IdP's signing certificates (KeyDescriptor use="signing"
	// or without use) from its IDPSSODescriptor.
	Certs []*x509.Certificate
}

// ErrMetadata reports a metadata document IAM cannot use.
var ErrMetadata = errors.New("saml: invalid metadata")

// ParseMetadata reads an EntityDescriptor (or the first one with an
// IDPSSODescriptor inside an EntitiesDescriptor).
func ParseMetadata(doc []byte) (*Metadata, error) {
	root, err := Parse(doc)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMetadata, err)
	}
	var ed *Element
	switch {
	case root.Space == NSMetadata && root.Local == "EntityDescriptor":
		ed = root
	case root.Space == NSMetadata && root.Local == "EntitiesDescriptor":
		for _, e := range root.Elements(NSMetadata, "EntityDescriptor") {
			if len(e.Elements(NSMetadata, "IDPSSODescriptor")) > 0 {
				ed = e
				break
			}
		}
	}
	if ed == nil {
		return nil, fmt.Errorf("%w: no EntityDescriptor", ErrMetadata)
	}
	md := &Metadata{}
	md.EntityID, _ = ed.Attr("entityID")
	if md.EntityID == "" {
		return nil, fmt.Errorf("%w: no entityID", ErrMetadata)
	}
	if v, ok := ed.Attr("validUntil"); ok {
		t, err := parseTime(v)
		if err != nil {
			return nil, fmt.Errorf("%w: validUntil: %v", ErrMetadata, err)
		}
		md.ValidUntil = &t
	}
	for _, idp := range ed.Elements(NSMetadata, "IDPSSODescriptor") {
		for _, kd := range idp.Elements(NSMetadata, "KeyDescriptor") {
			if use, ok := kd.Attr("use"); ok && use != "signing" {
				continue
			}
			ki := kd.Element(NSDSig, "KeyInfo")
			if ki == nil {
				continue
			}
			for _, xd := range ki.Elements(NSDSig, "X509Data") {
				for _, xc := range xd.Elements(NSDSig, "X509Certificate") {
					der, err := base64.StdEncoding.DecodeString(stripSpace(xc.Text()))
					if err != nil {
						return nil, fmt.Errorf("%w: X509Certificate is not base64", ErrMetadata)
					}
					cert, err := x509.ParseCertificate(der)
					if err != nil {
						return nil, fmt.Errorf("%w: X509Certificate: %v", ErrMetadata, err)
					}
					md.Certs = append(md.Certs, cert)
				}
			}
		}
	}
	if len(md.Certs) == 0 {
		return nil, fmt.Errorf("%w: no signing certificate in IDPSSODescriptor", ErrMetadata)
	}
	return md, nil
}

// Assertion holds the fields of a verified SAML assertion AWS uses.
type Assertion struct {
	ID           string
	IssueInstant time.Time
	// Issuer is the assertion's own Issuer; an assertion without one is
	// refused.
	Issuer string
	// NameID and its Format; NameQualifier / SPNameQualifier as given.
	NameID       string
	NameIDFormat string
	// Recipient and NotOnOrAfter of the bearer SubjectConfirmationData.
	Recipient            string
	ConfirmationNotAfter *time.Time
	// Confirmations is how many SubjectConfirmation elements the Subject
	// has (AWS wants exactly one).
	Confirmations           int
	NotBefore, NotOnOrAfter *time.Time // Conditions
	Audiences               []string
	// AudienceRestrictions holds each AudienceRestriction's audiences:
	// the assertion is for a party named in every one of them (SAML 2.0
	// Core, 2.5.1.4: the audiences of one restriction form an OR,
	// several restrictions an AND).
	AudienceRestrictions [][]string
	// SessionNotOnOrAfter of the AuthnStatement.
	SessionNotOnOrAfter *time.Time
	// Attributes maps each Attribute Name to its values.
	Attributes map[string][]string
}

// Errors of Verify besides ErrSignature.
var (
	ErrMalformed = errors.New("saml: malformed response")
	ErrStatus    = errors.New("saml: response status is not Success")
	ErrEncrypted = errors.New("saml: encrypted assertions are not supported")
)

// Verify parses a SAML Response, checks that the Response or its single
// Assertion carries a valid enveloped signature by one of certs, and
// returns the assertion's fields. Times are not checked here.
func Verify(doc []byte, certs []*x509.Certificate) (*Assertion, error) {
	root, err := Parse(doc)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if root.Space != NSProtocol || root.Local != "Response" {
		return nil, fmt.Errorf("%w: root is not a samlp:Response", ErrMalformed)
	}
	if len(root.Elements(NSAssertion, "EncryptedAssertion")) > 0 {
		return nil, ErrEncrypted
	}
	asserts := root.Elements(NSAssertion, "Assertion")
	if len(asserts) != 1 {
		return nil, fmt.Errorf("%w: want one Assertion, got %d", ErrMalformed, len(asserts))
	}
	a := asserts[0]
	// A signed Response covers its assertion; otherwise the assertion
	// itself must be signed.
	var sigErr error
	if Signature(root) != nil {
		sigErr = VerifySignature(root, root, certs)
		if sigErr == nil && Signature(a) != nil {
			sigErr = VerifySignature(root, a, certs)
		}
	} else {
		sigErr = VerifySignature(root, a, certs)
	}
	if sigErr != nil {
		return nil, sigErr
	}
	if st := root.Element(NSProtocol, "Status"); st != nil {
		if sc := st.Element(NSProtocol, "StatusCode"); sc != nil {
			if v, _ := sc.Attr("Value"); v != StatusOK {
				return nil, ErrStatus
			}
		}
	}
	return readAssertion(a)
}

func readAssertion(a *Element) (*Assertion, error) {
	out := &Assertion{Attributes: map[string][]string{}}
	out.ID, _ = a.Attr("ID")
	ii, _ := a.Attr("IssueInstant")
	t, err := parseTime(ii)
	if err != nil {
		return nil, fmt.Errorf("%w: IssueInstant: %v", ErrMalformed, err)
	}
	out.IssueInstant = t
	// The Issuer must come from the assertion itself (SAML core 2.0 §2.3.3
	// makes it required). Falling back to the Response's Issuer would trust
	// an element no signature covers when only the assertion is signed.
	iss := a.Element(NSAssertion, "Issuer")
	if iss == nil || iss.Text() == "" {
		return nil, fmt.Errorf("%w: the assertion has no Issuer", ErrMalformed)
	}
	out.Issuer = iss.Text()
	if sub := a.Element(NSAssertion, "Subject"); sub != nil {
		if nid := sub.Element(NSAssertion, "NameID"); nid != nil {
			out.NameID = nid.Text()
			out.NameIDFormat, _ = nid.Attr("Format")
		}
		out.Confirmations = len(sub.Elements(NSAssertion, "SubjectConfirmation"))
		for _, sc := range sub.Elements(NSAssertion, "SubjectConfirmation") {
			if m, _ := sc.Attr("Method"); m != "urn:oasis:names:tc:SAML:2.0:cm:bearer" {
				continue
			}
			if scd := sc.Element(NSAssertion, "SubjectConfirmationData"); scd != nil {
				out.Recipient, _ = scd.Attr("Recipient")
				if out.ConfirmationNotAfter, err = optTime(scd, "NotOnOrAfter"); err != nil {
					return nil, err
				}
			}
			break
		}
	}
	if c := a.Element(NSAssertion, "Conditions"); c != nil {
		if out.NotBefore, err = optTime(c, "NotBefore"); err != nil {
			return nil, err
		}
		if out.NotOnOrAfter, err = optTime(c, "NotOnOrAfter"); err != nil {
			return nil, err
		}
		for _, ar := range c.Elements(NSAssertion, "AudienceRestriction") {
			var r []string
			for _, au := range ar.Elements(NSAssertion, "Audience") {
				r = append(r, au.Text())
			}
			out.Audiences = append(out.Audiences, r...)
			out.AudienceRestrictions = append(out.AudienceRestrictions, r)
		}
	}
	if as := a.Element(NSAssertion, "AuthnStatement"); as != nil {
		if out.SessionNotOnOrAfter, err = optTime(as, "SessionNotOnOrAfter"); err != nil {
			return nil, err
		}
	}
	for _, st := range a.Elements(NSAssertion, "AttributeStatement") {
		for _, at := range st.Elements(NSAssertion, "Attribute") {
			name, _ := at.Attr("Name")
			vals := out.Attributes[name]
			for _, v := range at.Elements(NSAssertion, "AttributeValue") {
				vals = append(vals, v.Text())
			}
			out.Attributes[name] = vals
		}
	}
	return out, nil
}

func optTime(e *Element, attr string) (*time.Time, error) {
	v, ok := e.Attr(attr)
	if !ok {
		return nil, nil
	}
	t, err := parseTime(v)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformed, attr, err)
	}
	return &t, nil
}

// parseTime reads an xs:dateTime as SAML uses it (UTC, optional fraction).
func parseTime(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}
