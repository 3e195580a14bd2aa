package iam

import (
	"context"
	"crypto/ed25519"
	"crypto/md5"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// SSH public keys of IAM users (used by CodeCommit): UploadSSHPublicKey
// and friends, at most maxSSHPublicKeys per user. Keys are accepted in the
// OpenSSH format (ssh-rsa, ssh-ed25519) or as a PEM public key; RSA keys
// must have at least 2048 bits. The actions are authorized on the user's
// ARN.

const (
	maxSSHPublicKeys = 5
	minSSHRSABits    = 2048
	patSSHKeyID      = `[\w]+`
	sshKeyPrefix     = "APKA"

	msgInvalidPublicKey = "The request was rejected because the public key is malformed or otherwise invalid."
	msgUnrecognizedKey  = "The request was rejected because the public key encoding format is unsupported or unrecognized."
	msgDuplicateSSHKey  = "The request was rejected because the SSH public key is already associated with the specified IAM user."
)

func noSuchSSHPublicKey(id string) *awserr.Error {
	return noSuchEntity("The Public Key with id %s cannot be found.", id)
}

func invalidPublicKey() *awserr.Error {
	return awserr.New("InvalidPublicKey", http.StatusBadRequest, msgInvalidPublicKey)
}

// sshKey is a parsed SSH public key in its two encodings.
type sshKey struct {
	body        string // OpenSSH encoding
	pem         string // PEM (PKIX) encoding
	fingerprint string // MD5 of the SSH wire encoding, hex with colons
}

// parseSSHPublicKey decodes body (OpenSSH or PEM) and checks the key.
func parseSSHPublicKey(body string) (*sshKey, error) {
	body = strings.TrimSpace(body)
	var pub any
	sshBody := ""
	switch {
	case strings.HasPrefix(body, "-----BEGIN"):
		b, _ := pem.Decode([]byte(body))
		if b == nil {
			return nil, invalidPublicKey()
		}
		var err error
		switch b.Type {
		case "PUBLIC KEY":
			pub, err = x509.ParsePKIXPublicKey(b.Bytes)
		case "RSA PUBLIC KEY":
			pub, err = x509.ParsePKCS1PublicKey(b.Bytes)
		default:
			return nil, awserr.New("UnrecognizedPublicKeyEncoding", http.StatusBadRequest, msgUnrecognizedKey)
		}
		if err != nil {
			return nil, invalidPublicKey()
		}
	case strings.HasPrefix(body, "ssh-rsa ") || strings.HasPrefix(body, "ssh-ed25519 "):
		f := strings.Fields(body)
		blob, err := base64.StdEncoding.DecodeString(f[1])
		if err != nil {
			return nil, invalidPublicKey()
		}
		if pub = parseSSHWire(f[0], blob); pub == nil {
			return nil, invalidPublicKey()
		}
		sshBody = body
	default:
		return nil, awserr.New("UnrecognizedPublicKeyEncoding", http.StatusBadRequest, msgUnrecognizedKey)
	}
	var blob []byte
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if k.N.BitLen() < minSSHRSABits {
			return nil, invalidPublicKey()
		}
		blob = sshString(nil, []byte("ssh-rsa"))
		blob = sshString(blob, mpint(big.NewInt(int64(k.E))))
		blob = sshString(blob, mpint(k.N))
	case ed25519.PublicKey:
		blob = sshString(sshString(nil, []byte("ssh-ed25519")), k)
	default:
		return nil, invalidPublicKey()
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, invalidPublicKey()
	}
	sum := md5.Sum(blob)
	h := hex.EncodeToString(sum[:])
	parts := make([]string, 0, len(sum))
	for i := 0; i < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	if sshBody == "" {
		sshBody = string(readSSHString(blob)) + " " + base64.StdEncoding.EncodeToString(blob)
	}
	return &sshKey{body: sshBody, fingerprint: strings.Join(parts, ":"),
		pem: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))}, nil
}

// parseSSHWire decodes the SSH wire encoding of a key of type typ; nil
// when it is malformed.
func parseSSHWire(typ string, blob []byte) any {
	var fields [][]byte
	for len(blob) > 0 {
		if len(blob) < 4 {
			return nil
		}
		n := binary.BigEndian.Uint32(blob)
		if uint64(len(blob)-4) < uint64(n) {
			return nil
		}
		fields = append(fields, blob[4:4+n])
		blob = blob[4+n:]
	}
	if len(fields) == 0 || string(fields[0]) != typ {
		return nil
	}
	switch {
	case typ == "ssh-rsa" && len(fields) == 3:
		e := new(big.Int).SetBytes(fields[1])
		if !e.IsInt64() || e.Int64() < 3 || e.Int64() > 1<<31-1 {
			return nil
		}
		return &rsa.PublicKey{E: int(e.Int64()), N: new(big.Int).SetBytes(fields[2])}
	case typ == "ssh-ed25519" && len(fields) == 2 && len(fields[1]) == ed25519.PublicKeySize:
		return ed25519.PublicKey(fields[1])
	}
	return nil
}

func sshString(b, s []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

func readSSHString(b []byte) []byte {
	n := binary.BigEndian.Uint32(b)
	return b[4 : 4+n]
}

// mpint is the SSH encoding of a non-negative integer's bytes.
func mpint(n *big.Int) []byte {
	b := n.Bytes()
	if len(b) > 0 && b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	return b
}

// userSSHPublicKeys returns the SSH public keys of user in acct, oldest
// first.
func userSSHPublicKeys(tx *store.Tx, acct, user string) ([]*store.SSHPublicKey, error) {
	return ownedBy(tx, acct, store.KindSSHPublicKey, user, func(k *store.SSHPublicKey) (string, time.Time, string) {
		return k.UserName, k.Uploaded, k.ID
	})
}

// loadSSHPublicKey finds the key id of the existing user.
func loadSSHPublicKey(tx *store.Tx, acct, user, id string) (*store.SSHPublicKey, error) {
	if _, err := loadUser(tx, acct, user); err != nil {
		return nil, err
	}
	k, err := get[store.SSHPublicKey](tx, acct, store.KindSSHPublicKey, id, noSuchSSHPublicKey(id))
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(k.UserName, user) {
		return nil, noSuchSSHPublicKey(id)
	}
	return k, nil
}

type xmlSSHPublicKey struct {
	UserName         string `xml:"UserName"`
	SSHPublicKeyID   string `xml:"SSHPublicKeyId"`
	Fingerprint      string `xml:"Fingerprint"`
	SSHPublicKeyBody string `xml:"SSHPublicKeyBody"`
	Status           string `xml:"Status"`
	UploadDate       string `xml:"UploadDate"`
}

type sshPublicKeyResult struct {
	SSHPublicKey xmlSSHPublicKey `xml:"SSHPublicKey"`
}

func sshPublicKeyXML(k *store.SSHPublicKey, pemEncoding bool) xmlSSHPublicKey {
	body := k.Body
	if pemEncoding {
		body = k.PEM
	}
	return xmlSSHPublicKey{UserName: k.UserName, SSHPublicKeyID: k.ID, Fingerprint: k.Fingerprint,
		SSHPublicKeyBody: body, Status: k.Status, UploadDate: isoTime(k.Uploaded)}
}

// uploadSSHPublicKey serves UploadSSHPublicKey.
func (h *Handler) uploadSSHPublicKey(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "UserName", 1, 64, patName)
	body := v.required(p, "SSHPublicKeyBody", 1, 16384, patCertificate)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "UploadSSHPublicKey", h.userARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	parsed, err := parseSSHPublicKey(body)
	if err != nil {
		return nil, err
	}
	rec := &store.SSHPublicKey{ID: ids.AccessKeyID(sshKeyPrefix), Body: parsed.body, PEM: parsed.pem,
		Fingerprint: parsed.fingerprint, Status: "Active", Uploaded: h.clock()}
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// rec.UserName afresh, as a second run must.
	err = h.db.Batch(ctx, func(tx *store.Tx) error {
		rec.UserName = ""
		u, err := loadUser(tx, acct, name)
		if err != nil {
			return err
		}
		rec.UserName = u.Name
		keys, err := userSSHPublicKeys(tx, acct, u.Name)
		if err != nil {
			return err
		}
		for _, k := range keys {
			if k.Fingerprint == rec.Fingerprint {
				return awserr.New("DuplicateSSHPublicKey", http.StatusBadRequest, msgDuplicateSSHKey)
			}
		}
		if len(keys) >= maxSSHPublicKeys {
			return limitExceeded("Cannot exceed quota for SSHPublicKeysPerUser: %d", maxSSHPublicKeys)
		}
		return tx.Put(acct, store.KindSSHPublicKey, rec.ID, rec)
	})
	if err != nil {
		return nil, wrap("upload SSH public key", err)
	}
	return &sshPublicKeyResult{SSHPublicKey: sshPublicKeyXML(rec, false)}, nil
}

// getSSHPublicKey serves GetSSHPublicKey (Encoding SSH or PEM).
func (h *Handler) getSSHPublicKey(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "UserName", 1, 64, patName)
	id := v.required(p, "SSHPublicKeyId", 20, 128, patSSHKeyID)
	enc := v.requiredChoice(p, "Encoding", "SSH", "PEM")
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "GetSSHPublicKey", h.userARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	k, err := viewOne(ctx, h, func(tx *store.Tx) (*store.SSHPublicKey, error) {
		return loadSSHPublicKey(tx, acct, name, id)
	})
	if err != nil {
		return nil, wrap("get SSH public key", err)
	}
	return &sshPublicKeyResult{SSHPublicKey: sshPublicKeyXML(k, enc == "PEM")}, nil
}

type xmlSSHPublicKeyMetadata struct {
	UserName       string `xml:"UserName"`
	SSHPublicKeyID string `xml:"SSHPublicKeyId"`
	Status         string `xml:"Status"`
	UploadDate     string `xml:"UploadDate"`
}

func sshPublicKeyMetadataXML(k *store.SSHPublicKey) xmlSSHPublicKeyMetadata {
	return xmlSSHPublicKeyMetadata{UserName: k.UserName, SSHPublicKeyID: k.ID,
		Status: k.Status, UploadDate: isoTime(k.Uploaded)}
}

type listSSHPublicKeysResult struct {
	SSHPublicKeys members[xmlSSHPublicKeyMetadata] `xml:"SSHPublicKeys"`
	pageInfo
}

// listSSHPublicKeys serves ListSSHPublicKeys: the named user's keys, else
// the calling user's (none for the root user).
func (h *Handler) listSSHPublicKeys(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 64, patName)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	pg, more, err := listOwned(ctx, h, "ListSSHPublicKeys", "list SSH public keys", name, named, pp,
		func(tx *store.Tx, acct, user string) ([]*store.SSHPublicKey, error) {
			if user == "" {
				return nil, nil // the root user has no SSH public keys
			}
			return userSSHPublicKeys(tx, acct, user)
		}, sshPublicKeyMetadataXML)
	if err != nil {
		return nil, err
	}
	return &listSSHPublicKeysResult{SSHPublicKeys: list(pg), pageInfo: more}, nil
}

// updateSSHPublicKey serves UpdateSSHPublicKey (Active or Inactive).
func (h *Handler) updateSSHPublicKey(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "UserName", 1, 64, patName)
	id := v.required(p, "SSHPublicKeyId", 20, 128, patSSHKeyID)
	status := v.credentialStatus(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	err := changeOwned(ctx, h, "UpdateSSHPublicKey", name, true, id, loadSSHPublicKey,
		func(tx *store.Tx, acct string, k *store.SSHPublicKey) error {
			k.Status = status
			return tx.Put(acct, store.KindSSHPublicKey, k.ID, k)
		})
	return nil, wrap("update SSH public key", err)
}

// deleteSSHPublicKey serves DeleteSSHPublicKey.
func (h *Handler) deleteSSHPublicKey(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "UserName", 1, 64, patName)
	id := v.required(p, "SSHPublicKeyId", 20, 128, patSSHKeyID)
	if err := v.err(); err != nil {
		return nil, err
	}
	err := changeOwned(ctx, h, "DeleteSSHPublicKey", name, true, id, loadSSHPublicKey,
		func(tx *store.Tx, acct string, k *store.SSHPublicKey) error {
			return tx.Delete(acct, store.KindSSHPublicKey, k.ID)
		})
	return nil, wrap("delete SSH public key", err)
}
