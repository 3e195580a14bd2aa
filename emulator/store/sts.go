package store

import "time"

// STS records beyond the shared Session in records.go.

// KindSigningKey holds the OIDC issuer's signing keys in the Global scope
// (key = "oidc-issuer").
const KindSigningKey = "sts-signing-keys"

// SigningKey is a private key the STS OIDC issuer signs tokens with, kept so
// tokens stay valid across restarts.
type SigningKey struct {
	ID      string // kid
	PKCS8   []byte // DER-encoded PKCS #8 private key
	Created time.Time
}
