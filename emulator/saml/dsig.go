package saml

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// Namespaces and algorithm identifiers.
const (
	NSDSig       = "http://www.w3.org/2000/09/xmldsig#"
	AlgExcC14N   = "http://www.w3.org/2001/10/xml-exc-c14n#"
	AlgEnvelope  = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
	AlgRSASHA1   = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
	AlgRSASHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
	AlgSHA1      = "http://www.w3.org/2000/09/xmldsig#sha1"
	AlgSHA256    = "http://www.w3.org/2001/04/xmlenc#sha256"
)

// ErrSignature reports a signature that is missing, malformed, uses an
// unsupported algorithm, or does not verify.
var ErrSignature = errors.New("saml: signature invalid")

func sigErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrSignature, fmt.Sprintf(format, args...))
}

// Signature returns el's enveloped ds:Signature child, or nil.
func Signature(el *Element) *Element {
	return el.Element(NSDSig, "Signature")
}

// VerifySignature checks the enveloped signature that is a direct child of
// el: its Reference must name el by ID (unique within root), its digest must
// match el's exclusive canonical form without the signature, and its
// SignatureValue must verify with one of certs.
func VerifySignature(root, el *Element, certs []*x509.Certificate) error {
	sig := Signature(el)
	if sig == nil {
		return sigErr("no signature")
	}
	id, err := uniqueID(root, el)
	if err != nil {
		return err
	}
	si := sig.Element(NSDSig, "SignedInfo")
	if si == nil {
		return sigErr("no SignedInfo")
	}
	cm, sigHash, err := signedInfoMethods(si)
	if err != nil {
		return err
	}
	refs := si.Elements(NSDSig, "Reference")
	if len(refs) != 1 {
		return sigErr("want exactly one Reference, got %d", len(refs))
	}
	inclusive, err := referenceTransforms(refs[0], id)
	if err != nil {
		return err
	}
	if err := checkDigest(refs[0], el, sig, inclusive); err != nil {
		return err
	}
	return checkSignatureValue(sig, Canonicalize(si, nil, prefixList(cm)), sigHash, certs)
}

// uniqueID returns el's ID attribute, which must be set and name no other
// element of root (ID, Id or id), so the Reference cannot be redirected.
func uniqueID(root, el *Element) (string, error) {
	id, ok := el.Attr("ID")
	if !ok || id == "" {
		return "", sigErr("signed element has no ID")
	}
	n := 0
	root.walk(func(x *Element) {
		for _, a := range x.Attrs {
			if a.Prefix == "" && (a.Local == "ID" || a.Local == "Id" || a.Local == "id") && a.Value == id {
				n++
			}
		}
	})
	if n != 1 {
		return "", sigErr("ID %q is not unique", id)
	}
	return id, nil
}

// signedInfoMethods returns SignedInfo's CanonicalizationMethod (exclusive
// C14N only) and the hash of its SignatureMethod (RSA with SHA-256 or
// SHA-1).
func signedInfoMethods(si *Element) (*Element, crypto.Hash, error) {
	cm := si.Element(NSDSig, "CanonicalizationMethod")
	if cm == nil {
		return nil, 0, sigErr("no CanonicalizationMethod")
	}
	if alg, _ := cm.Attr("Algorithm"); alg != AlgExcC14N {
		return nil, 0, sigErr("unsupported canonicalization %q", alg)
	}
	sm := si.Element(NSDSig, "SignatureMethod")
	if sm == nil {
		return nil, 0, sigErr("no SignatureMethod")
	}
	switch alg, _ := sm.Attr("Algorithm"); alg {
	case AlgRSASHA256:
		return cm, crypto.SHA256, nil
	case AlgRSASHA1:
		return cm, crypto.SHA1, nil
	default:
		return nil, 0, sigErr("unsupported signature method %q", alg)
	}
}

// referenceTransforms checks that the Reference names the element with id
// and applies the enveloped-signature transform (and at most exclusive
// C14N); it returns the C14N transform's inclusive prefixes.
func referenceTransforms(ref *Element, id string) ([]string, error) {
	if uri, _ := ref.Attr("URI"); uri != "#"+id {
		return nil, sigErr("Reference URI %q does not name the signed element", uri)
	}
	var inclusive []string
	enveloped := false
	if tr := ref.Element(NSDSig, "Transforms"); tr != nil {
		for _, t := range tr.Elements(NSDSig, "Transform") {
			switch alg, _ := t.Attr("Algorithm"); alg {
			case AlgEnvelope:
				enveloped = true
			case AlgExcC14N:
				inclusive = prefixList(t)
			default:
				return nil, sigErr("unsupported transform %q", alg)
			}
		}
	}
	if !enveloped {
		return nil, sigErr("enveloped-signature transform missing")
	}
	return inclusive, nil
}

// checkDigest compares the Reference's DigestValue with the digest of el's
// canonical form without its signature.
func checkDigest(ref, el, sig *Element, inclusive []string) error {
	dm := ref.Element(NSDSig, "DigestMethod")
	dv := ref.Element(NSDSig, "DigestValue")
	if dm == nil || dv == nil {
		return sigErr("no DigestMethod or DigestValue")
	}
	want, err := base64.StdEncoding.DecodeString(stripSpace(dv.Text()))
	if err != nil {
		return sigErr("DigestValue is not base64")
	}
	canon := Canonicalize(el, sig, inclusive)
	var got []byte
	switch alg, _ := dm.Attr("Algorithm"); alg {
	case AlgSHA256:
		s := sha256.Sum256(canon)
		got = s[:]
	case AlgSHA1:
		s := sha1.Sum(canon)
		got = s[:]
	default:
		return sigErr("unsupported digest method %q", alg)
	}
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return sigErr("digest mismatch")
	}
	return nil
}

// checkSignatureValue verifies SignatureValue over the canonical SignedInfo
// with the RSA key of one of certs.
func checkSignatureValue(sig *Element, siCanon []byte, sigHash crypto.Hash, certs []*x509.Certificate) error {
	sv := sig.Element(NSDSig, "SignatureValue")
	if sv == nil {
		return sigErr("no SignatureValue")
	}
	sigBytes, err := base64.StdEncoding.DecodeString(stripSpace(sv.Text()))
	if err != nil {
		return sigErr("SignatureValue is not base64")
	}
	h := sigHash.New()
	h.Write(siCanon)
	sum := h.Sum(nil)
	for _, c := range certs {
		pub, ok := c.PublicKey.(*rsa.PublicKey)
		if !ok {
			continue
		}
		if rsa.VerifyPKCS1v15(pub, sigHash, sum, sigBytes) == nil {
			return nil
		}
	}
	return sigErr("signature does not verify with the provider's certificates")
}

// prefixList reads an ec:InclusiveNamespaces PrefixList below a transform
// or canonicalization method.
func prefixList(t *Element) []string {
	for _, c := range t.Children {
		if ce, ok := c.(*Element); ok && ce.Local == "InclusiveNamespaces" && ce.Space == AlgExcC14N {
			v, _ := ce.Attr("PrefixList")
			return strings.Fields(v)
		}
	}
	return nil
}

// stripSpace removes all white space (base64 in XML is often wrapped).
func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
}
