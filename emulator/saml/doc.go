// Package saml verifies SAML 2.0 authentication responses for STS
// AssumeRoleWithSAML and reads the IdP metadata documents IAM stores for
// SAML providers. It uses encoding/xml and the standard crypto packages
// only.
//
// # What it owns
//
// A small namespace-aware XML tree ([Parse]), exclusive XML
// canonicalization (https://www.w3.org/TR/xml-exc-c14n/, without comments)
// of an element, XML-DSig enveloped signature verification
// (https://www.w3.org/TR/xmldsig-core1/) with RSA-SHA256 or RSA-SHA1 and
// SHA-256 or SHA-1 digests, the SAML Response and Assertion fields AWS
// reads ([Verify]) and IdP metadata ([ParseMetadata]).
//
// # Guarding against signature wrapping
//
// A signature is accepted only when it is a direct child of the element
// its Reference names, that element is the Response or the one Assertion
// directly inside it, its ID is unique in the document, and the fields
// [Verify] returns are read from that signed element, never from elsewhere
// in the document: the Issuer too, so an assertion without its own Issuer
// is refused. Comments are dropped before text is read, so a NameID is the
// whole text the signature covers. Documents with a DOCTYPE are refused.
// testdata/xmlsec holds responses signed by xmlsec1 and the tests build the
// published wrapping attacks (XSW1-8) and comment injections from them.
//
// # Caveats
//
// Canonicalization covers what SAML IdPs produce: exclusive c14n with an
// optional InclusiveNamespaces PrefixList, no comments. Encrypted
// assertions, inclusive c14n (the 2001 and 1.1 algorithms), XPath
// transforms and attribute-value normalization of DTD-declared attributes
// are not supported; such documents fail verification.
package saml
