#!/bin/sh
# Regenerates the xmlsec1-signed SAML fixtures in this directory.
#
# They are signed by an independent implementation (xmlsec1, from Debian's
# xmlsec1 package: apt-get install -y xmlsec1) so that saml.Verify is
# checked against signatures and canonical forms it did not produce itself.
# The tests read only the committed *.xml files and cert.pem; xmlsec1 is
# needed only to run this script. A fresh key is made on every run and the
# private key is not kept.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out cert.pem \
  -days 36500 -subj "/CN=idp.example.com" 2>/dev/null

A=urn:oasis:names:tc:SAML:2.0:assertion
P=urn:oasis:names:tc:SAML:2.0:protocol

# sig ID [sha1]: a signature template over the element with ID.
sig() {
  sm=http://www.w3.org/2001/04/xmldsig-more#rsa-sha256
  dm=http://www.w3.org/2001/04/xmlenc#sha256
  if [ "${2:-}" = sha1 ]; then
    sm=http://www.w3.org/2000/09/xmldsig#rsa-sha1
    dm=http://www.w3.org/2000/09/xmldsig#sha1
  fi
  cat <<SIG
<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
      <ds:SignedInfo>
        <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
        <ds:SignatureMethod Algorithm="$sm"/>
        <ds:Reference URI="#$1">
          <ds:Transforms>
            <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
            <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
          </ds:Transforms>
          <ds:DigestMethod Algorithm="$dm"/>
          <ds:DigestValue></ds:DigestValue>
        </ds:Reference>
      </ds:SignedInfo>
      <ds:SignatureValue></ds:SignatureValue>
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>
    </ds:Signature>
SIG
}

# response NAME RESPONSE_SIG ASSERTION_ISSUER ASSERTION_SIG NAMEID
response() {
  cat > "$work/$1.xml" <<DOC
<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="$P" xmlns:saml="$A" Destination="https://signin.aws.amazon.com/saml" ID="_r1" IssueInstant="2024-05-01T12:00:00Z" Version="2.0">
  <saml:Issuer>https://idp.example.com/metadata</saml:Issuer>
  $2
  <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
  <saml:Assertion ID="_a1" IssueInstant="2024-05-01T12:00:00Z" Version="2.0">
    $3
    $4
    <saml:Subject>
      <saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">$5</saml:NameID>
      <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
        <saml:SubjectConfirmationData NotOnOrAfter="2024-05-01T12:05:00Z" Recipient="https://signin.aws.amazon.com/saml"/>
      </saml:SubjectConfirmation>
    </saml:Subject>
    <saml:Conditions NotBefore="2024-05-01T12:00:00Z" NotOnOrAfter="2024-05-01T12:05:00Z">
      <saml:AudienceRestriction><saml:Audience>https://signin.aws.amazon.com/saml</saml:Audience></saml:AudienceRestriction>
    </saml:Conditions>
    <saml:AuthnStatement AuthnInstant="2024-05-01T12:00:00Z" SessionIndex="_a1">
      <saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>
    </saml:AuthnStatement>
    <saml:AttributeStatement>
      <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">
        <saml:AttributeValue>arn:aws:iam::111111111111:role/r,arn:aws:iam::111111111111:saml-provider/idp</saml:AttributeValue>
      </saml:Attribute>
      <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName">
        <saml:AttributeValue>alice@example.com</saml:AttributeValue>
      </saml:Attribute>
    </saml:AttributeStatement>
  </saml:Assertion>
</samlp:Response>
DOC
  if [ -n "$2" ]; then
    xmlsec1 --sign --privkey-pem "$work/key.pem,cert.pem" --id-attr:ID "$P:Response" \
      --output "$1.xml" "$work/$1.xml"
  else
    xmlsec1 --sign --privkey-pem "$work/key.pem,cert.pem" --id-attr:ID "$A:Assertion" \
      --output "$1.xml" "$work/$1.xml"
  fi
}

ISS='<saml:Issuer>https://idp.example.com/metadata</saml:Issuer>'
response signed-assertion "" "$ISS" "$(sig _a1)" 'alice@example.com'
response signed-assertion-sha1 "" "$ISS" "$(sig _a1 sha1)" 'alice@example.com'
response signed-response "$(sig _r1)" "$ISS" "" 'alice@example.com'
response no-assertion-issuer "" "" "$(sig _a1)" 'alice@example.com'
# The IdP's own document carries a comment inside NameID: exclusive c14n
# without comments drops it, so the signed value is the whole text.
response nameid-comment "" "$ISS" "$(sig _a1)" 'user@evil.com<!---->.good.com'
