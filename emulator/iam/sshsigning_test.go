package iam

import (
	"crypto/ed25519"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestSigningCertificates(t *testing.T) {
	e := newEnv(t)
	e.must("CreateUser", "UserName", "alice")
	exp := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	c1, c2, c3 := newTestCert(t, "a", exp, nil), newTestCert(t, "b", exp, nil), newTestCert(t, "c", exp, nil)
	r := e.must("UploadSigningCertificate", "UserName", "alice", "CertificateBody", c1.certPEM)
	id := r.field("CertificateId")
	if r.field("Status") != "Active" || r.field("UserName") != "alice" || len(id) < 24 {
		t.Fatalf("UploadSigningCertificate: got %s, want Active, alice, a 24+ character id", r.body)
	}
	e.must("UploadSigningCertificate", "UserName", "alice", "CertificateBody", c2.certPEM)
	tests := []struct {
		name, action string
		params       []string
		status       int
		code, msg    string
	}{
		{"third", "UploadSigningCertificate", []string{"UserName", "alice", "CertificateBody", c3.certPEM},
			409, "LimitExceeded", "Cannot exceed quota for CertificatesPerUser: 2"},
		{"duplicate", "UploadSigningCertificate", []string{"CertificateBody", c1.certPEM},
			409, "DuplicateCertificate", "The request was rejected because the same certificate is associated with an IAM user in the account."},
		// LocalStack test_iam_signing_certificates.py (recorded 5 Mar 2026).
		{"malformed", "UploadSigningCertificate", []string{"UserName", "alice", "CertificateBody", "junk"},
			400, "MalformedCertificate", "Certificate junk is malformed."},
		{"no user", "UploadSigningCertificate", []string{"UserName", "nobody", "CertificateBody", c3.certPEM},
			404, "NoSuchEntity", "The user with name nobody cannot be found."},
		{"update missing", "UpdateSigningCertificate", []string{"UserName", "alice", "CertificateId", strings.Repeat("A", 24), "Status", "Inactive"},
			404, "NoSuchEntity", "The Certificate with id " + strings.Repeat("A", 24) + " cannot be found."},
		{"update bad status", "UpdateSigningCertificate", []string{"UserName", "alice", "CertificateId", id, "Status", "Off"},
			400, "ValidationError", "1 validation error detected: Value 'Off' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]"},
		{"other user's id", "DeleteSigningCertificate", []string{"CertificateId", id},
			404, "NoSuchEntity", "The Certificate with id " + id + " cannot be found."},
		{"delete user", "DeleteUser", []string{"UserName", "alice"},
			409, "DeleteConflict", "Cannot delete entity, must delete certificates first."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.call(tt.action, tt.params...)
			if r.status != tt.status || r.code() != tt.code || r.message() != tt.msg {
				t.Errorf("got %d %s %q, want %d %s %q", r.status, r.code(), r.message(), tt.status, tt.code, tt.msg)
			}
		})
	}
	e.must("UpdateSigningCertificate", "UserName", "alice", "CertificateId", id, "Status", "Inactive")
	l := e.must("ListSigningCertificates", "UserName", "alice")
	if n := strings.Count(l.body, "<member>"); n != 2 || !strings.Contains(l.body, "<Status>Inactive</Status>") {
		t.Errorf("ListSigningCertificates: got %d members %s, want 2 with one Inactive", n, l.body)
	}
	// The calling user's certificates when UserName is omitted.
	l = e.callAs(userInfo(testAccount, "alice"), "ListSigningCertificates")
	if l.code() != "AccessDenied" {
		t.Errorf("ListSigningCertificates without permission: got %d %s, want AccessDenied", l.status, l.code())
	}
	for _, m := range regexpAll(`<CertificateId>([^<]*)</CertificateId>`, e.must("ListSigningCertificates", "UserName", "alice").body) {
		e.must("DeleteSigningCertificate", "UserName", "alice", "CertificateId", m)
	}
	e.must("DeleteUser", "UserName", "alice")
}

func sshRSABody(t *testing.T, bits int) (string, *rsa.PrivateKey) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		t.Fatal(err)
	}
	blob := sshString(nil, []byte("ssh-rsa"))
	blob = sshString(blob, mpint(big.NewInt(int64(k.E))))
	blob = sshString(blob, mpint(k.N))
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(blob) + " me@host", k
}

func TestSSHPublicKeys(t *testing.T) {
	e := newEnv(t)
	e.must("CreateUser", "UserName", "alice")
	rsaBody, rk := sshRSABody(t, 2048)
	short, _ := sshRSABody(t, 1024)
	edPub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	edBlob := sshString(sshString(nil, []byte("ssh-ed25519")), edPub)
	edDER, _ := x509.MarshalPKIXPublicKey(edPub)
	edPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: edDER}))

	r := e.must("UploadSSHPublicKey", "UserName", "alice", "SSHPublicKeyBody", rsaBody)
	id := r.field("SSHPublicKeyId")
	if !strings.HasPrefix(id, "APKA") || len(id) != 20 || r.field("Status") != "Active" {
		t.Errorf("UploadSSHPublicKey: got %s, want an APKA id of 20 characters, Active", r.body)
	}
	f := strings.Fields(rsaBody)
	raw, _ := base64.StdEncoding.DecodeString(f[1])
	sum := md5.Sum(raw)
	if got, want := strings.ReplaceAll(r.field("Fingerprint"), ":", ""), hex.EncodeToString(sum[:]); got != want || len(r.field("Fingerprint")) != 47 {
		t.Errorf("Fingerprint: got %q, want MD5 %s with colons", r.field("Fingerprint"), want)
	}
	g := e.must("GetSSHPublicKey", "UserName", "alice", "SSHPublicKeyId", id, "Encoding", "PEM")
	b, _ := pem.Decode([]byte(g.field("SSHPublicKeyBody")))
	if b == nil {
		t.Fatalf("GetSSHPublicKey PEM: got %s", g.body)
	}
	if pub, err := x509.ParsePKIXPublicKey(b.Bytes); err != nil || !rk.PublicKey.Equal(pub) {
		t.Errorf("GetSSHPublicKey PEM: key differs (%v)", err)
	}
	if g := e.must("GetSSHPublicKey", "UserName", "alice", "SSHPublicKeyId", id, "Encoding", "SSH"); g.field("SSHPublicKeyBody") != rsaBody {
		t.Errorf("GetSSHPublicKey SSH: got %q, want %q", g.field("SSHPublicKeyBody"), rsaBody)
	}
	// PEM upload: the SSH encoding is derived.
	r = e.must("UploadSSHPublicKey", "UserName", "alice", "SSHPublicKeyBody", edPEM)
	g = e.must("GetSSHPublicKey", "UserName", "alice", "SSHPublicKeyId", r.field("SSHPublicKeyId"), "Encoding", "SSH")
	if want := "ssh-ed25519 " + base64.StdEncoding.EncodeToString(edBlob); g.field("SSHPublicKeyBody") != want {
		t.Errorf("GetSSHPublicKey SSH of a PEM upload: got %q, want %q", g.field("SSHPublicKeyBody"), want)
	}
	for i := 0; i < 3; i++ {
		b, _ := sshRSABody(t, 2048)
		e.must("UploadSSHPublicKey", "UserName", "alice", "SSHPublicKeyBody", b)
	}
	sixth, _ := sshRSABody(t, 2048)
	tests := []struct {
		name, action string
		params       []string
		status       int
		code, msg    string
	}{
		{"sixth", "UploadSSHPublicKey", []string{"UserName", "alice", "SSHPublicKeyBody", sixth},
			409, "LimitExceeded", "Cannot exceed quota for SSHPublicKeysPerUser: 5"},
		{"duplicate", "UploadSSHPublicKey", []string{"UserName", "alice", "SSHPublicKeyBody", rsaBody},
			400, "DuplicateSSHPublicKey", msgDuplicateSSHKey},
		{"short", "UploadSSHPublicKey", []string{"UserName", "alice", "SSHPublicKeyBody", short},
			400, "InvalidPublicKey", msgInvalidPublicKey},
		{"garbage", "UploadSSHPublicKey", []string{"UserName", "alice", "SSHPublicKeyBody", "ssh-rsa AAAA!!"},
			400, "InvalidPublicKey", msgInvalidPublicKey},
		{"unknown", "UploadSSHPublicKey", []string{"UserName", "alice", "SSHPublicKeyBody", "ecdsa-sha2-nistp256 AAAA"},
			400, "UnrecognizedPublicKeyEncoding", msgUnrecognizedKey},
		{"no user", "UploadSSHPublicKey", []string{"UserName", "bob", "SSHPublicKeyBody", sixth},
			404, "NoSuchEntity", "The user with name bob cannot be found."},
		{"bad encoding", "GetSSHPublicKey", []string{"UserName", "alice", "SSHPublicKeyId", id, "Encoding", "DER"},
			400, "ValidationError", "1 validation error detected: Value 'DER' at 'encoding' failed to satisfy constraint: Member must satisfy enum value set: [SSH, PEM]"},
		{"missing key", "GetSSHPublicKey", []string{"UserName", "alice", "SSHPublicKeyId", "APKAAAAAAAAAAAAAAAAA", "Encoding", "SSH"},
			404, "NoSuchEntity", "The Public Key with id APKAAAAAAAAAAAAAAAAA cannot be found."},
		{"delete user", "DeleteUser", []string{"UserName", "alice"},
			409, "DeleteConflict", msgDeleteReferenced},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.call(tt.action, tt.params...)
			if r.status != tt.status || r.code() != tt.code || r.message() != tt.msg {
				t.Errorf("got %d %s %q, want %d %s %q", r.status, r.code(), r.message(), tt.status, tt.code, tt.msg)
			}
		})
	}
	e.must("UpdateSSHPublicKey", "UserName", "alice", "SSHPublicKeyId", id, "Status", "Inactive")
	l := e.must("ListSSHPublicKeys", "UserName", "alice", "MaxItems", "2")
	if strings.Count(l.body, "<member>") != 2 || l.field("IsTruncated") != "true" {
		t.Errorf("ListSSHPublicKeys MaxItems 2: got %s, want 2 members, truncated", l.body)
	}
	l = e.must("ListSSHPublicKeys", "UserName", "alice", "Marker", l.field("Marker"))
	if strings.Count(l.body, "<member>") != 3 || l.field("IsTruncated") != "false" {
		t.Errorf("ListSSHPublicKeys second page: got %s, want 3 members", l.body)
	}
	if l := e.must("ListSSHPublicKeys", "UserName", "alice"); !regexp.MustCompile(`<SSHPublicKeyId>` + id + `</SSHPublicKeyId>\s*<Status>Inactive</Status>`).MatchString(l.body) {
		t.Errorf("ListSSHPublicKeys after UpdateSSHPublicKey: got %s, want %s Inactive", l.body, id)
	}
	if r := e.callAs(userInfo(testAccount, "alice"), "DeleteSSHPublicKey", "UserName", "alice", "SSHPublicKeyId", id); r.code() != "AccessDenied" {
		t.Errorf("DeleteSSHPublicKey without permission: got %d %s, want AccessDenied", r.status, r.code())
	}
	for _, k := range regexpAll(`<SSHPublicKeyId>([^<]*)</SSHPublicKeyId>`, e.must("ListSSHPublicKeys", "UserName", "alice").body) {
		e.must("DeleteSSHPublicKey", "UserName", "alice", "SSHPublicKeyId", k)
	}
	e.must("DeleteUser", "UserName", "alice")
}

// regexpAll returns the first group of every match of pattern in s.
func regexpAll(pattern, s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}
