package iam

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/saml"
)

// samlMetadata is an IdP metadata document with a fresh self-signed
// certificate, padded past IAM's 1,000-character minimum.
func samlMetadata(t *testing.T, entityID, validUntil string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "idp"},
		NotBefore: fixedNow.Add(-time.Hour), NotAfter: fixedNow.Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	vu := ""
	if validUntil != "" {
		vu = ` validUntil="` + validUntil + `"`
	}
	return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="` + entityID + `"` + vu + `>
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>
      <ds:X509Certificate>` + base64.StdEncoding.EncodeToString(der) + `</ds:X509Certificate>
    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
<!-- ` + strings.Repeat("padding ", 100) + ` -->
`
}

const msgSAMLEncryption = "fakeaws does not support SAML assertion encryption (AssertionEncryptionMode, AddPrivateKey, RemovePrivateKey)."

func TestSAMLProviders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	md := samlMetadata(t, "https://idp.example.com/metadata", "")
	const arn = "arn:aws:iam::111111111111:saml-provider/corp-idp"
	r := e.must("CreateSAMLProvider", "Name", "corp-idp", "SAMLMetadataDocument", md, "Tags.member.1.Key", "team", "Tags.member.1.Value", "sec")
	if got := r.field("SAMLProviderArn"); got != arn {
		t.Errorf("CreateSAMLProvider ARN = %q, want %q", got, arn)
	}
	g := e.must("GetSAMLProvider", "SAMLProviderArn", arn)
	if g.field("SAMLMetadataDocument") != md || g.field("CreateDate") != "2026-11-23T15:04:05Z" ||
		g.field("ValidUntil") != isoTime(fixedNow.Add(time.Hour)) || g.field("Key") != "team" || len(g.field("SAMLProviderUUID")) != 36 {
		t.Errorf("GetSAMLProvider = %s", g.body)
	}
	l := e.must("ListSAMLProviders")
	if l.field("Arn") != arn || l.field("CreateDate") != "2026-11-23T15:04:05Z" {
		t.Errorf("ListSAMLProviders = %s", l.body)
	}
	md2 := samlMetadata(t, "https://idp.example.com/metadata", "2030-01-02T03:04:05Z")
	if u := e.must("UpdateSAMLProvider", "SAMLProviderArn", arn, "SAMLMetadataDocument", md2); u.field("SAMLProviderArn") != arn {
		t.Errorf("UpdateSAMLProvider = %s", u.body)
	}
	g = e.must("GetSAMLProvider", "SAMLProviderArn", arn)
	if g.field("SAMLMetadataDocument") != md2 || g.field("ValidUntil") != "2030-01-02T03:04:05Z" {
		t.Errorf("GetSAMLProvider after update = %s", g.body)
	}
	e.must("TagSAMLProvider", "SAMLProviderArn", arn, "Tags.member.1.Key", "env", "Tags.member.1.Value", "prod")
	e.must("UntagSAMLProvider", "SAMLProviderArn", arn, "TagKeys.member.1", "team")
	if tags := e.must("ListSAMLProviderTags", "SAMLProviderArn", arn); tags.field("Key") != "env" || strings.Contains(tags.body, "team") {
		t.Errorf("ListSAMLProviderTags = %s", tags.body)
	}

	rows := []struct {
		name   string
		action string
		kv     []string
		status int
		code   string
		msg    string
	}{
		{"duplicate name, other case", "CreateSAMLProvider", []string{"Name", "CORP-idp", "SAMLMetadataDocument", md},
			http.StatusConflict, "EntityAlreadyExists", "Provider with name CORP-idp already exists."},
		{"metadata too short", "CreateSAMLProvider", []string{"Name", "x", "SAMLMetadataDocument", "<x/>"},
			http.StatusBadRequest, "ValidationError",
			"1 validation error detected: Value '<x/>' at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length greater than or equal to 1000"},
		{"bad name", "CreateSAMLProvider", []string{"Name", "a b", "SAMLMetadataDocument", md},
			http.StatusBadRequest, "ValidationError",
			"1 validation error detected: Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w._-]+"},
		{"unparsable metadata", "CreateSAMLProvider", []string{"Name", "x", "SAMLMetadataDocument", strings.Repeat("x", 1000)},
			http.StatusBadRequest, "InvalidInput", "Could not parse metadata"},
		{"update with unparsable metadata", "UpdateSAMLProvider", []string{"SAMLProviderArn", arn, "SAMLMetadataDocument", strings.Repeat("x", 1000)},
			http.StatusBadRequest, "InvalidInput", "Could not parse metadata"},
		// UpdateSAMLProvider's parameters other than the ARN are optional
		// (API reference); fakeaws refuses the encryption ones (deviations).
		{"update without metadata", "UpdateSAMLProvider", []string{"SAMLProviderArn", arn},
			http.StatusOK, "", ""},
		{"update missing without metadata", "UpdateSAMLProvider", []string{"SAMLProviderArn", "arn:aws:iam::111111111111:saml-provider/nope"},
			http.StatusNotFound, "NoSuchEntity", "Manifest not found for arn arn:aws:iam::111111111111:saml-provider/nope"},
		{"update with encryption mode", "UpdateSAMLProvider", []string{"SAMLProviderArn", arn, "AssertionEncryptionMode", "Allowed"},
			http.StatusNotImplemented, "NotImplemented", msgSAMLEncryption},
		{"update removing a key", "UpdateSAMLProvider", []string{"SAMLProviderArn", arn, "RemovePrivateKey", "ABCDEFGHIJKLMNOPQRSTUV"},
			http.StatusNotImplemented, "NotImplemented", msgSAMLEncryption},
		{"update with bad encryption mode", "UpdateSAMLProvider", []string{"SAMLProviderArn", arn, "AssertionEncryptionMode", "Sometimes"},
			http.StatusBadRequest, "ValidationError", "1 validation error detected: Value 'Sometimes' at 'assertionEncryptionMode' failed to satisfy constraint: Member must satisfy enum value set: [Required, Allowed]"},
		{"update with short key id", "UpdateSAMLProvider", []string{"SAMLProviderArn", arn, "RemovePrivateKey", "ABC"},
			http.StatusBadRequest, "ValidationError", "1 validation error detected: Value 'ABC' at 'removePrivateKey' failed to satisfy constraint: Member must have length greater than or equal to 22"},
		{"create with private key", "CreateSAMLProvider", []string{"Name", "enc", "SAMLMetadataDocument", md, "AddPrivateKey", "-----BEGIN PRIVATE KEY-----"},
			http.StatusNotImplemented, "NotImplemented", msgSAMLEncryption},
		{"get missing", "GetSAMLProvider", []string{"SAMLProviderArn", "arn:aws:iam::111111111111:saml-provider/nope"},
			http.StatusNotFound, "NoSuchEntity", "Manifest not found for arn arn:aws:iam::111111111111:saml-provider/nope"},
		{"get other account", "GetSAMLProvider", []string{"SAMLProviderArn", "arn:aws:iam::222222222222:saml-provider/corp-idp"},
			http.StatusNotFound, "NoSuchEntity", "Manifest not found for arn arn:aws:iam::222222222222:saml-provider/corp-idp"},
		{"invalid arn", "GetSAMLProvider", []string{"SAMLProviderArn", "arn:aws:iam::111111111111:role/corp-idp"},
			http.StatusBadRequest, "InvalidInput", "ARN arn:aws:iam::111111111111:role/corp-idp is not valid."},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			r := e.call(row.action, row.kv...)
			if r.status != row.status || r.code() != row.code || r.message() != row.msg {
				t.Errorf("%s = %d %s %q, want %d %s %q", row.action, r.status, r.code(), r.message(), row.status, row.code, row.msg)
			}
		})
	}

	if g := e.must("GetSAMLProvider", "SAMLProviderArn", arn); g.field("SAMLMetadataDocument") != md2 {
		t.Errorf("GetSAMLProvider after the refused and empty updates = %s", g.body)
	}
	if l := e.must("ListSAMLProviders"); strings.Contains(l.body, "saml-provider/enc") {
		t.Errorf("CreateSAMLProvider with a private key created the provider: %s", l.body)
	}
	e.must("DeleteSAMLProvider", "SAMLProviderArn", arn)
	if r := e.call("DeleteSAMLProvider", "SAMLProviderArn", arn); r.code() != "NoSuchEntity" {
		t.Errorf("second DeleteSAMLProvider = %d %s, want NoSuchEntity", r.status, r.code())
	}
	if l := e.must("ListSAMLProviders"); strings.Contains(l.body, "<member>") {
		t.Errorf("ListSAMLProviders after delete = %s", l.body)
	}
	// A user without permission is refused before anything is read.
	denied := e.callAs(userInfo(testAccount, "bob"), "ListSAMLProviders")
	if denied.code() != "AccessDenied" || !strings.Contains(denied.message(), "iam:ListSAMLProviders") {
		t.Errorf("ListSAMLProviders as bob = %d %s", denied.status, denied.body)
	}
}

func TestSAMLValidUntil(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	stated := at("2030-01-01T00:00:00Z")
	certs := []*x509.Certificate{{NotAfter: at("2029-06-01T00:00:00Z")}, {NotAfter: at("2028-03-01T00:00:00Z")}}
	for _, c := range []struct {
		name string
		md   saml.Metadata
		want string
	}{
		{"validUntil wins", saml.Metadata{ValidUntil: &stated, Certs: certs}, "2030-01-01T00:00:00Z"},
		{"earliest certificate expiry", saml.Metadata{Certs: certs}, "2028-03-01T00:00:00Z"},
		{"nothing to go by", saml.Metadata{}, ""},
	} {
		got := ""
		if v := samlValidUntil(&c.md); v != nil {
			got = v.Format(time.RFC3339)
		}
		if got != c.want {
			t.Errorf("%s: samlValidUntil = %q, want %q", c.name, got, c.want)
		}
	}
}
