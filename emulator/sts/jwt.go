package sts

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	_ "crypto/sha256" // RS256, ES256
	_ "crypto/sha512" // RS384, RS512, ES384, ES512
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// maxTokenLen is AssumeRoleWithWebIdentity's WebIdentityToken limit.
const maxTokenLen = 20000

// jwt is a parsed, not yet verified, compact JWS (RFC 7515) carrying JWT
// claims (RFC 7519).
type jwt struct {
	Alg, Kid, Typ string
	Claims        map[string]any
	signingInput  string
	signature     []byte
}

var (
	errMalformedJWT = errors.New("malformed JWT")
	errBadSignature = errors.New("JWT signature does not verify")
)

// b64 is strict base64url: a non-canonical encoding of the same bytes is
// rejected, so one token has exactly one spelling.
var b64 = base64.RawURLEncoding.Strict()

// parseJWT splits and decodes a compact JWS. It checks the shape only: the
// signature is verified by verify.
func parseJWT(token string) (*jwt, error) {
	if len(token) > maxTokenLen {
		return nil, fmt.Errorf("%w: token longer than %d", errMalformedJWT, maxTokenLen)
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: want 3 parts, got %d", errMalformedJWT, len(parts))
	}
	rawHeader, err := b64.DecodeString(parts[0])
	if err != nil {
		return nil, fmt.Errorf("%w: header: %v", errMalformedJWT, err)
	}
	rawClaims, err := b64.DecodeString(parts[1])
	if err != nil {
		return nil, fmt.Errorf("%w: claims: %v", errMalformedJWT, err)
	}
	sig, err := b64.DecodeString(parts[2])
	if err != nil {
		return nil, fmt.Errorf("%w: signature: %v", errMalformedJWT, err)
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
		Typ string `json:"typ"`
	}
	if err := json.Unmarshal(rawHeader, &header); err != nil {
		return nil, fmt.Errorf("%w: header: %v", errMalformedJWT, err)
	}
	claims := map[string]any{}
	dec := json.NewDecoder(bytes.NewReader(rawClaims))
	dec.UseNumber()
	if err := dec.Decode(&claims); err != nil || claims == nil {
		return nil, fmt.Errorf("%w: claims: not a JSON object", errMalformedJWT)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: claims: trailing data", errMalformedJWT)
	}
	return &jwt{Alg: header.Alg, Kid: header.Kid, Typ: header.Typ, Claims: claims,
		signingInput: parts[0] + "." + parts[1], signature: sig}, nil
}

// jwsAlgs are the signature algorithms AssumeRoleWithWebIdentity takes:
// "Tokens must be signed using either RSA keys (RS256, RS384, or RS512) or
// ECDSA keys (ES256, ES384, or ES512)" (the API reference's
// WebIdentityToken), each as RFC 7518 section 3.1 defines it. fakeaws took
// RS256 only.
var jwsAlgs = map[string]struct {
	hash  crypto.Hash
	curve elliptic.Curve // nil: RSASSA-PKCS1-v1_5
}{
	"RS256": {hash: crypto.SHA256},
	"RS384": {hash: crypto.SHA384},
	"RS512": {hash: crypto.SHA512},
	"ES256": {hash: crypto.SHA256, curve: elliptic.P256()},
	"ES384": {hash: crypto.SHA384, curve: elliptic.P384()},
	"ES512": {hash: crypto.SHA512, curve: elliptic.P521()},
}

// verify checks the token's signature with key by the token's alg. The
// key's type must be the alg's (an RSA key for RS*, an EC key on the alg's
// curve for ES*), so a token cannot choose how a key is used.
func (t *jwt) verify(key crypto.PublicKey) error {
	alg, ok := jwsAlgs[t.Alg]
	if !ok {
		return fmt.Errorf("%w: algorithm %q is not supported", errBadSignature, t.Alg)
	}
	h := alg.hash.New()
	h.Write([]byte(t.signingInput))
	sum := h.Sum(nil)
	switch k := key.(type) {
	case *rsa.PublicKey:
		if alg.curve == nil && rsa.VerifyPKCS1v15(k, alg.hash, sum, t.signature) == nil {
			return nil
		}
	case *ecdsa.PublicKey:
		// RFC 7518 3.4: the signature is R and S, each the curve's size.
		size := (k.Curve.Params().BitSize + 7) / 8
		if alg.curve == k.Curve && len(t.signature) == 2*size {
			r := new(big.Int).SetBytes(t.signature[:size])
			s := new(big.Int).SetBytes(t.signature[size:])
			if ecdsa.Verify(k, sum, r, s) {
				return nil
			}
		}
	}
	return errBadSignature
}

// str returns a string claim ("" when absent or not a string).
func (t *jwt) str(name string) string {
	s, _ := t.Claims[name].(string)
	return s
}

// strs returns a claim that is a string or an array of strings.
func (t *jwt) strs(name string) []string {
	switch v := t.Claims[name].(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// numericDate returns a NumericDate claim (seconds since the epoch); ok is
// false when absent, and an error when present but not an integer:
// "Timestamps in the token must be formatted as either an integer or a
// long integer" (AssumeRoleWithWebIdentity API reference,
// WebIdentityToken). fakeaws also took fractions and exponents (1.8e9).
func (t *jwt) numericDate(name string) (int64, bool, error) {
	v, present := t.Claims[name]
	if !present {
		return 0, false, nil
	}
	n, ok := v.(json.Number)
	if !ok {
		return 0, true, fmt.Errorf("%w: claim %s is not a number", errMalformedJWT, name)
	}
	i, err := n.Int64()
	if err != nil {
		return 0, true, fmt.Errorf("%w: claim %s is not an integer", errMalformedJWT, name)
	}
	return i, true, nil
}

// jwk is one RSA or EC key of a JWK Set (RFC 7517, RFC 7518 section 6).
type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid,omitempty"`
	Use string `json:"use,omitempty"`
	Alg string `json:"alg,omitempty"`
	N   string `json:"n,omitempty"`
	E   string `json:"e,omitempty"`
	Crv string `json:"crv,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
}

// publicKey decodes the JWK: an *rsa.PublicKey or an *ecdsa.PublicKey.
func (k *jwk) publicKey() (crypto.PublicKey, error) {
	switch k.Kty {
	case "RSA":
		return k.rsaKey()
	case "EC":
		return k.ecKey()
	}
	return nil, fmt.Errorf("key %q: kty %q is not RSA or EC", k.Kid, k.Kty)
}

// rsaKey decodes the JWK's modulus and exponent. It does not cache the
// result: a jwk may be shared between goroutines, so callers that want the
// key once keep the returned value (jwksCache decodes each set on fetch).
func (k *jwk) rsaKey() (*rsa.PublicKey, error) {
	if k.Kty != "RSA" {
		return nil, fmt.Errorf("key %q: kty %q is not RSA", k.Kid, k.Kty)
	}
	n, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(k.N, "="))
	if err != nil || len(n) == 0 {
		return nil, fmt.Errorf("key %q: bad modulus", k.Kid)
	}
	e, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(k.E, "="))
	if err != nil || len(e) == 0 || len(e) > 4 {
		return nil, fmt.Errorf("key %q: bad exponent", k.Kid)
	}
	exp := int(new(big.Int).SetBytes(e).Int64())
	if exp < 3 {
		return nil, fmt.Errorf("key %q: bad exponent", k.Kid)
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: exp}, nil
}

// jwkCurves are the curves of RFC 7518 section 6.2.1.1.
var jwkCurves = map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}

// ecKey decodes the JWK's curve and point, refusing a point that is not on
// the curve.
func (k *jwk) ecKey() (*ecdsa.PublicKey, error) {
	curve, ok := jwkCurves[k.Crv]
	if !ok {
		return nil, fmt.Errorf("key %q: curve %q is not supported", k.Kid, k.Crv)
	}
	size := (curve.Params().BitSize + 7) / 8
	x, errX := base64.RawURLEncoding.DecodeString(strings.TrimRight(k.X, "="))
	y, errY := base64.RawURLEncoding.DecodeString(strings.TrimRight(k.Y, "="))
	if errX != nil || errY != nil || len(x) != size || len(y) != size {
		return nil, fmt.Errorf("key %q: bad point", k.Kid)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(curve, append(append([]byte{4}, x...), y...))
	if err != nil {
		return nil, fmt.Errorf("key %q: point not on %s", k.Kid, k.Crv)
	}
	return pub, nil
}

func jwkOf(kid string, pub *rsa.PublicKey) jwk {
	return jwk{Kty: "RSA", Kid: kid, Use: "sig", Alg: "RS256",
		N: base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		E: base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes())}
}

// ecJWK is an ES384 signing key's public half (P-384: 48-byte coordinates).
func ecJWK(kid string, pub *ecdsa.PublicKey) jwk {
	point, _ := pub.Bytes() // 0x04 || X || Y; fails only for an invalid key
	n := (len(point) - 1) / 2
	return jwk{Kty: "EC", Kid: kid, Use: "sig", Alg: "ES384", Crv: pub.Curve.Params().Name,
		X: base64.RawURLEncoding.EncodeToString(point[1 : 1+n]),
		Y: base64.RawURLEncoding.EncodeToString(point[1+n:])}
}
