package sts

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
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

// loadedKey is a signing key, its kid, and the store's Generation read
// before it was loaded.
type loadedKey struct {
	key crypto.Signer
	kid string
	gen uint64
}

// refresh makes k hold spec's key, loading or making it on first use. A
// key loaded is used while the store's Generation is unchanged; after a
// change (a Reset, which removes the stored keys, or any identity write)
// the store is read again: the key is kept when the store still holds it
// (no key to parse again), so a key no longer stored is never used again
// and the one used is always the one a restart loads. The caller holds
// the lock that guards k.
func (k *loadedKey) refresh(ctx context.Context, db *store.DB, logger *slog.Logger, now time.Time, spec keySpec) error {
	var gen uint64
	if db != nil {
		gen = db.Generation()
	}
	if k.key != nil && k.gen == gen {
		return nil
	}
	if db != nil && k.key != nil {
		var rec store.SigningKey
		err := db.View(ctx, func(tx *store.Tx) error {
			return tx.Get(store.Global, store.KindSigningKey, spec.name, &rec)
		})
		if err == nil && rec.ID == k.kid {
			k.gen = gen
			return nil
		}
	}
	key, kid, err := storedSigner(ctx, db, logger, now, spec)
	if err != nil {
		return err
	}
	*k = loadedKey{key: key, kid: kid, gen: gen}
	return nil
}

// signJWT signs claims as a compact JWS with key by alg (RS256 or ES384),
// naming the key kid.
func signJWT(key crypto.Signer, alg, kid string, claims map[string]any) (string, error) {
	header, err := json.Marshal(map[string]string{"alg": alg, "typ": "JWT", "kid": kid})
	if err != nil {
		return "", err
	}
	body, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("encode claims: %w", err)
	}
	input := base64.RawURLEncoding.EncodeToString(header) + "." + base64.RawURLEncoding.EncodeToString(body)
	sig, err := jwsSignature(key, alg, input)
	if err != nil {
		return "", fmt.Errorf("sign token: %w", err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig), nil
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
