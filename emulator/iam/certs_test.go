package iam

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"
)

// testCert is a certificate generated at test time with its private key.
type testCert struct {
	cert    *x509.Certificate
	certPEM string
	key     crypto.Signer
	keyPEM  string
}

// newTestCert makes a certificate for cn valid until notAfter, signed by
// parent (self-signed when parent is nil).
func newTestCert(t *testing.T, cn string, notAfter time.Time, parent *testCert) *testCert {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: fixedNow.Add(-time.Hour), NotAfter: notAfter, IsCA: parent == nil, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign}
	issuer, signer := tmpl, crypto.Signer(k)
	if parent != nil {
		issuer, signer = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, issuer, k.Public(), signer)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	kd, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return &testCert{cert: c, key: k,
		certPEM: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		keyPEM:  string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd}))}
}

func TestServerCertificates(t *testing.T) {
	e := newEnv(t)
	expiry := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	ca := newTestCert(t, "ca", expiry, nil)
	leaf := newTestCert(t, "www.example.com", expiry, ca)
	other := newTestCert(t, "other", expiry, nil)

	r := e.must("UploadServerCertificate", "ServerCertificateName", "web", "Path", "/cloudfront/",
		"CertificateBody", leaf.certPEM, "PrivateKey", leaf.keyPEM, "CertificateChain", ca.certPEM,
		"Tags.member.1.Key", "env", "Tags.member.1.Value", "prod")
	for field, want := range map[string]string{
		"Arn":                   "arn:aws:iam::111111111111:server-certificate/cloudfront/web",
		"ServerCertificateName": "web", "Path": "/cloudfront/",
		"UploadDate": "2026-11-23T15:04:05Z", "Expiration": "2030-01-02T03:04:05Z", "Key": "env",
	} {
		if got := r.field(field); got != want {
			t.Errorf("UploadServerCertificate %s: got %q, want %q", field, got, want)
		}
	}
	if id := r.field("ServerCertificateId"); !strings.HasPrefix(id, "ASCA") || len(id) != 21 {
		t.Errorf("ServerCertificateId: got %q, want ASCA + 17 characters", id)
	}
	if sum := e.must("GetAccountSummary"); !strings.Contains(strings.Join(strings.Fields(sum.body), ""), "<key>ServerCertificates</key><value>1</value>") {
		t.Errorf("GetAccountSummary does not count the uploaded server certificate:\n%s", sum.body)
	}

	tests := []struct {
		name, action string
		params       []string
		status       int
		code, msg    string
	}{
		{"duplicate", "UploadServerCertificate", []string{"ServerCertificateName", "WEB", "CertificateBody", leaf.certPEM, "PrivateKey", leaf.keyPEM},
			409, "EntityAlreadyExists", "The Server Certificate with name WEB already exists."},
		{"not PEM", "UploadServerCertificate", []string{"ServerCertificateName", "x", "CertificateBody", "hello", "PrivateKey", leaf.keyPEM},
			400, "MalformedCertificate", msgMalformedCertificate},
		{"bad key", "UploadServerCertificate", []string{"ServerCertificateName", "x", "CertificateBody", leaf.certPEM, "PrivateKey", "nope"},
			400, "MalformedCertificate", msgMalformedPrivateKey},
		{"key mismatch", "UploadServerCertificate", []string{"ServerCertificateName", "x", "CertificateBody", leaf.certPEM, "PrivateKey", other.keyPEM},
			400, "KeyPairMismatch", msgKeyPairMismatch},
		{"wrong chain", "UploadServerCertificate", []string{"ServerCertificateName", "x", "CertificateBody", leaf.certPEM, "PrivateKey", leaf.keyPEM, "CertificateChain", other.certPEM},
			400, "MalformedCertificate", strings.Replace(msgMalformedChain, "%d", "-1", 1)},
		{"missing body", "UploadServerCertificate", []string{"ServerCertificateName", "x", "PrivateKey", leaf.keyPEM},
			400, "ValidationError", "1 validation error detected: Value null at 'certificateBody' failed to satisfy constraint: Member must not be null"},
		{"get missing", "GetServerCertificate", []string{"ServerCertificateName", "nope"},
			404, "NoSuchEntity", "The Server Certificate with name nope cannot be found."},
		{"delete missing", "DeleteServerCertificate", []string{"ServerCertificateName", "nope"},
			404, "NoSuchEntity", "The Server Certificate with name nope cannot be found."},
		{"update missing", "UpdateServerCertificate", []string{"ServerCertificateName", "nope", "NewPath", "/x/"},
			404, "NoSuchEntity", "The Server Certificate with name nope cannot be found."},
		{"update bad path", "UpdateServerCertificate", []string{"ServerCertificateName", "web", "NewPath", "x"},
			400, "ValidationError", "The specified value for newPath is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."},
		{"tags missing", "ListServerCertificateTags", []string{"ServerCertificateName", "nope"},
			404, "NoSuchEntity", "The Server Certificate with name nope cannot be found."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.call(tt.action, tt.params...)
			if r.status != tt.status || r.code() != tt.code || r.message() != tt.msg {
				t.Errorf("got %d %s %q, want %d %s %q", r.status, r.code(), r.message(), tt.status, tt.code, tt.msg)
			}
		})
	}

	g := e.must("GetServerCertificate", "ServerCertificateName", "web")
	if got := g.field("CertificateBody"); got != leaf.certPEM {
		t.Errorf("GetServerCertificate CertificateBody: got %q, want the uploaded body", got)
	}
	if got := g.field("CertificateChain"); got != ca.certPEM {
		t.Errorf("GetServerCertificate CertificateChain: got %q, want the uploaded chain", got)
	}
	if strings.Contains(g.body, "PRIVATE KEY") {
		t.Errorf("GetServerCertificate returns the private key: %s", g.body)
	}

	e.must("UploadServerCertificate", "ServerCertificateName", "api", "CertificateBody", other.certPEM, "PrivateKey", other.keyPEM)
	// An untagged certificate still has its empty <Tags/> (LocalStack
	// test_server_certificate, validated against AWS: "Tags": []).
	if a := e.must("GetServerCertificate", "ServerCertificateName", "api"); !strings.Contains(a.body, "<Tags></Tags>") {
		t.Errorf("GetServerCertificate of an untagged certificate has no empty Tags: %s", a.body)
	}
	l := e.must("ListServerCertificates", "PathPrefix", "/cloudfront/")
	if n := strings.Count(l.body, "<member>"); n != 1 || l.field("ServerCertificateName") != "web" {
		t.Errorf("ListServerCertificates /cloudfront/: got %d members %s, want web only", n, l.body)
	}
	l = e.must("ListServerCertificates", "MaxItems", "1")
	if l.field("ServerCertificateName") != "api" || l.field("IsTruncated") != "true" {
		t.Errorf("ListServerCertificates MaxItems 1: got %s, want api and IsTruncated", l.body)
	}
	l = e.must("ListServerCertificates", "Marker", l.field("Marker"))
	if l.field("ServerCertificateName") != "web" || l.field("IsTruncated") != "false" {
		t.Errorf("ListServerCertificates second page: got %s, want web", l.body)
	}

	if r := e.call("UpdateServerCertificate", "ServerCertificateName", "web", "NewServerCertificateName", "api"); r.code() != "EntityAlreadyExists" {
		t.Errorf("rename onto api: got %d %s, want EntityAlreadyExists", r.status, r.code())
	}
	e.must("UpdateServerCertificate", "ServerCertificateName", "web", "NewServerCertificateName", "web2", "NewPath", "/elb/")
	g = e.must("GetServerCertificate", "ServerCertificateName", "web2")
	if got, want := g.field("Arn"), "arn:aws:iam::111111111111:server-certificate/elb/web2"; got != want {
		t.Errorf("Arn after update: got %q, want %q", got, want)
	}
	e.must("TagServerCertificate", "ServerCertificateName", "web2", "Tags.member.1.Key", "team", "Tags.member.1.Value", "a")
	e.must("UntagServerCertificate", "ServerCertificateName", "web2", "TagKeys.member.1", "env")
	tg := e.must("ListServerCertificateTags", "ServerCertificateName", "web2")
	if tg.field("Key") != "team" || strings.Count(tg.body, "<member>") != 1 {
		t.Errorf("ListServerCertificateTags: got %s, want team only", tg.body)
	}
	e.must("DeleteServerCertificate", "ServerCertificateName", "web2")
	if r := e.call("GetServerCertificate", "ServerCertificateName", "web2"); r.code() != "NoSuchEntity" {
		t.Errorf("get after delete: got %s, want NoSuchEntity", r.code())
	}

	// A user without permissions is refused before anything is checked.
	e.must("CreateUser", "UserName", "bob")
	r = e.callAs(userInfo(testAccount, "bob"), "UploadServerCertificate", "ServerCertificateName", "b",
		"CertificateBody", "x", "PrivateKey", "y")
	if r.status != 403 || r.code() != "AccessDenied" || !strings.Contains(r.message(), "iam:UploadServerCertificate on resource: arn:aws:iam::111111111111:server-certificate/b") {
		t.Errorf("unauthorized upload: got %d %s %q, want 403 AccessDenied", r.status, r.code(), r.message())
	}
}
