package sts

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// keySpec says which private key a STS token signer keeps in the store
// (KindSigningKey, Global scope) and how to make one.
type keySpec struct {
	name     string                   // the record's key
	fits     func(crypto.Signer) bool // a stored key of the right kind
	generate func() (crypto.Signer, error)
}

// storedSigner returns the private key spec names, and its kid: the one
// kept in db, or a new one it generates and keeps (so tokens signed before
// a restart stay valid). A stored key that cannot be read or is of another
// kind is replaced, with a warning. Without a db every call makes a new key.
func storedSigner(ctx context.Context, db *store.DB, logger *slog.Logger, now time.Time, spec keySpec) (crypto.Signer, string, error) {
	if db != nil {
		var rec store.SigningKey
		err := db.View(ctx, func(tx *store.Tx) error {
			return tx.Get(store.Global, store.KindSigningKey, spec.name, &rec)
		})
		switch {
		case err == nil:
			k, perr := x509.ParsePKCS8PrivateKey(rec.PKCS8)
			if s, ok := k.(crypto.Signer); perr == nil && ok && spec.fits(s) {
				return s, rec.ID, nil
			}
			logger.Warn("stored signing key unreadable; generating a new one", "key", spec.name, "err", perr)
		case !errors.Is(err, store.ErrNotFound):
			return nil, "", fmt.Errorf("load signing key %s: %w", spec.name, err)
		}
	}
	key, err := spec.generate()
	if err != nil {
		return nil, "", fmt.Errorf("generate signing key %s: %w", spec.name, err)
	}
	kid := keyID(key.Public())
	if db == nil {
		return key, kid, nil
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, "", fmt.Errorf("encode signing key %s: %w", spec.name, err)
	}
	// Shares a commit with concurrent writes (store.DB.Batch): a run only
	// puts what was made before it, so a second run does the same.
	err = db.Batch(ctx, func(tx *store.Tx) error {
		return tx.Put(store.Global, store.KindSigningKey, spec.name,
			&store.SigningKey{ID: kid, PKCS8: der, Created: now})
	})
	if err != nil {
		return nil, "", fmt.Errorf("store signing key %s: %w", spec.name, err)
	}
	return key, kid, nil
}

// currentSigner is storedSigner for a caller that holds key (kid), loaded
// before the store last changed: key is kept when the store still holds
// it (no key to parse again), and otherwise storedSigner loads or makes
// the one to use (after a Reset removed it).
func currentSigner(ctx context.Context, db *store.DB, logger *slog.Logger, now time.Time, spec keySpec, key crypto.Signer, kid string) (crypto.Signer, string, error) {
	if db != nil && key != nil {
		var rec store.SigningKey
		err := db.View(ctx, func(tx *store.Tx) error {
			return tx.Get(store.Global, store.KindSigningKey, spec.name, &rec)
		})
		if err == nil && rec.ID == kid {
			return key, kid, nil
		}
	}
	return storedSigner(ctx, db, logger, now, spec)
}

// keyID derives a stable kid from a public key: its RFC 7638 JWK
// thumbprint, shortened to 16 characters.
func keyID(pub crypto.PublicKey) string {
	j := publicJWK("", pub)
	var members string
	switch j.Kty {
	case "EC":
		members = `{"crv":"` + j.Crv + `","kty":"EC","x":"` + j.X + `","y":"` + j.Y + `"}`
	default:
		members = `{"e":"` + j.E + `","kty":"RSA","n":"` + j.N + `"}`
	}
	sum := sha256.Sum256([]byte(members))
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}

// publicJWK is pub (RSA or ECDSA) as a JWK for a JWKS document.
func publicJWK(kid string, pub crypto.PublicKey) jwk {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		return ecJWK(kid, k)
	case *rsa.PublicKey:
		return jwkOf(kid, k)
	}
	return jwk{Kid: kid}
}
