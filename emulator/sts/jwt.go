package sts

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
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
// signature is verified by verifyRS256.
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

// verifyRS256 checks the token's RS256 signature with key.
func (t *jwt) verifyRS256(key *rsa.PublicKey) error {
	if t.Alg != "RS256" {
		return fmt.Errorf("%w: algorithm %q is not RS256", errBadSignature, t.Alg)
	}
	sum := sha256.Sum256([]byte(t.signingInput))
	if err := rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], t.signature); err != nil {
		return errBadSignature
	}
	return nil
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
// false when absent, and an error when present but not a number.
func (t *jwt) numericDate(name string) (int64, bool, error) {
	v, present := t.Claims[name]
	if !present {
		return 0, false, nil
	}
	n, ok := v.(json.Number)
	if !ok {
		return 0, true, fmt.Errorf("%w: claim %s is not a number", errMalformedJWT, name)
	}
	if i, err := n.Int64(); err == nil {
		return i, true, nil
	}
	f, err := n.Float64()
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f > math.MaxInt64/2 || f < math.MinInt64/2 {
		return 0, true, fmt.Errorf("%w: claim %s is not a NumericDate", errMalformedJWT, name)
	}
	return int64(f), true, nil
}

// jwk is one RSA key of a JWK Set (RFC 7517).
type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid,omitempty"`
	Use string `json:"use,omitempty"`
	Alg string `json:"alg,omitempty"`
	N   string `json:"n"`
	E   string `json:"e"`
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

func jwkOf(kid string, pub *rsa.PublicKey) jwk {
	return jwk{Kty: "RSA", Kid: kid, Use: "sig", Alg: "RS256",
		N: base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		E: base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes())}
}
