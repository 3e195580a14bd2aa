package sts

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// jwsKey is a test signing key and its JWK.
type jwsKey struct {
	priv crypto.Signer
	jwk  jwk
}

func ecTestKey(t *testing.T, kid string, curve elliptic.Curve, crv string) jwsKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(curve, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	point, err := k.PublicKey.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	size := (len(point) - 1) / 2
	return jwsKey{priv: k, jwk: jwk{Kty: "EC", Kid: kid, Use: "sig", Crv: crv,
		X: base64.RawURLEncoding.EncodeToString(point[1 : 1+size]), Y: base64.RawURLEncoding.EncodeToString(point[1+size:])}}
}

// signJWS signs header.claims with key by alg (RFC 7518 3.3, 3.4).
func signJWS(t *testing.T, alg, kid string, key crypto.Signer, claims map[string]any) string {
	t.Helper()
	h, _ := json.Marshal(map[string]string{"alg": alg, "kid": kid, "typ": "JWT"})
	c, _ := json.Marshal(claims)
	input := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	hash := jwsAlgs[alg].hash
	if hash == 0 {
		hash = crypto.SHA256
	}
	d := hash.New()
	d.Write([]byte(input))
	sum := d.Sum(nil)
	var sig []byte
	switch k := key.(type) {
	case *rsa.PrivateKey:
		var err error
		if sig, err = rsa.SignPKCS1v15(rand.Reader, k, hash, sum); err != nil {
			t.Fatal(err)
		}
	case *ecdsa.PrivateKey:
		r, s, err := ecdsa.Sign(rand.Reader, k, sum)
		if err != nil {
			t.Fatal(err)
		}
		size := (k.Curve.Params().BitSize + 7) / 8
		sig = make([]byte, 2*size)
		r.FillBytes(sig[:size])
		s.FillBytes(sig[size:])
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// TestWebIdentitySigningAlgorithms: "Tokens must be signed using either RSA
// keys (RS256, RS384, or RS512) or ECDSA keys (ES256, ES384, or ES512)"
// (AssumeRoleWithWebIdentity API reference, WebIdentityToken). fakeaws took
// RS256 only. A token's alg must fit its key: an RSA key never verifies an
// ES* token or an EC key an RS* one, an EC key only its own curve's alg,
// and none, HS256 and points off the curve are refused.
func TestWebIdentitySigningAlgorithms(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]jwsKey{
		"rsa":  {priv: rsaKey, jwk: jwkOf("rsa", &rsaKey.PublicKey)},
		"p256": ecTestKey(t, "p256", elliptic.P256(), "P-256"),
		"p384": ecTestKey(t, "p384", elliptic.P384(), "P-384"),
		"p521": ecTestKey(t, "p521", elliptic.P521(), "P-521"),
	}
	offCurve := ecTestKey(t, "off", elliptic.P256(), "P-256")
	offCurve.jwk.Y = keys["p256"].jwk.Y // X of one point, Y of another
	keys["off"] = offCurve

	var base string
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"issuer": base, "jwks_uri": base + "/jwks"})
	})
	mux.HandleFunc("/jwks", func(w http.ResponseWriter, _ *http.Request) {
		set := []jwk{}
		for _, k := range keys {
			set = append(set, k.jwk)
		}
		writeJSON(w, http.StatusOK, map[string]any{"keys": set})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	base = srv.URL
	prov := e.provider(acctA, strings.TrimPrefix(srv.URL, "http://"), "client")
	role := e.role(acctA, "Algs", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"`+prov.ARN+
		`"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`, 0, nil)
	claims := map[string]any{"iss": base, "sub": "u", "aud": "client", "exp": e.clock.Now().Add(time.Hour).Unix()}

	hs256 := func() string {
		h, _ := json.Marshal(map[string]string{"alg": "HS256", "kid": "rsa"})
		c, _ := json.Marshal(claims)
		input := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
		mac := hmac.New(sha256.New, []byte(new(big.Int).Set(rsaKey.N).String()))
		mac.Write([]byte(input))
		return input + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	}()
	rows := []struct {
		name, alg, kid string
		signer         string // key that signs ("" for a hand-made token)
		token          string
		ok             bool
		msg            string
	}{
		{name: "RS256", alg: "RS256", kid: "rsa", signer: "rsa", ok: true},
		{name: "RS384", alg: "RS384", kid: "rsa", signer: "rsa", ok: true},
		{name: "RS512", alg: "RS512", kid: "rsa", signer: "rsa", ok: true},
		{name: "ES256", alg: "ES256", kid: "p256", signer: "p256", ok: true},
		{name: "ES384", alg: "ES384", kid: "p384", signer: "p384", ok: true},
		{name: "ES512", alg: "ES512", kid: "p521", signer: "p521", ok: true},
		{name: "ES384 with a P-256 key", alg: "ES384", kid: "p256", signer: "p256", msg: msgBadSignature},
		{name: "ES256 naming an RSA key", alg: "ES256", kid: "rsa", signer: "p256", msg: msgBadSignature},
		{name: "RS256 naming an EC key", alg: "RS256", kid: "p256", signer: "rsa", msg: msgBadSignature},
		{name: "RS384 signed as RS256", alg: "RS384", kid: "rsa", token: "rs256-as-rs384", msg: msgBadSignature},
		{name: "a point off the curve is no key", alg: "ES256", kid: "off", signer: "off", msg: msgNoKey},
		{name: "HS256 keyed with the public key", token: hs256, msg: msgBadSignature},
		{name: "PS256 is not taken", alg: "PS256", kid: "rsa", signer: "rsa", msg: msgBadSignature},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			tok := row.token
			switch {
			case tok == "rs256-as-rs384":
				parts := strings.Split(signJWS(t, "RS256", "rsa", rsaKey, claims), ".")
				h, _ := json.Marshal(map[string]string{"alg": "RS384", "kid": "rsa", "typ": "JWT"})
				tok = base64.RawURLEncoding.EncodeToString(h) + "." + parts[1] + "." + parts[2]
			case tok == "":
				tok = signJWS(t, row.alg, row.kid, keys[row.signer].priv, claims)
			}
			resp := e.call(anonymous, map[string]string{"Action": "AssumeRoleWithWebIdentity", "RoleArn": role.ARN,
				"RoleSessionName": "alg", "WebIdentityToken": tok})
			if row.ok {
				wantOK(t, "AssumeRoleWithWebIdentity", resp)
				return
			}
			wantErr(t, "AssumeRoleWithWebIdentity", resp, http.StatusBadRequest, "InvalidIdentityToken", row.msg)
		})
	}
}

// TestWebIdentityIntegerTimestamps: "Timestamps in the token must be
// formatted as either an integer or a long integer" (AssumeRoleWithWebIdentity
// API reference). fakeaws took fractions and exponents.
func TestWebIdentityIntegerTimestamps(t *testing.T) {
	t.Parallel()
	e := newEnv(t, true)
	host := "127.0.0.1:4566/_fakeaws/oidc"
	prov := e.provider(acctA, host, "sts.amazonaws.com")
	role := e.role(acctA, "Times", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"`+prov.ARN+
		`"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`, 0, nil)
	exp := e.clock.Now().Add(time.Hour).Unix()
	rows := []struct {
		name   string
		claims map[string]any
		code   string
	}{
		{name: "integers", claims: map[string]any{"exp": exp}},
		{name: "exp with a fraction", claims: map[string]any{"exp": json.Number(itoa(exp) + ".5")}, code: "InvalidIdentityToken"},
		{name: "exp with an exponent", claims: map[string]any{"exp": json.Number("1.9e9")}, code: "InvalidIdentityToken"},
		{name: "iat with a fraction", claims: map[string]any{"iat": json.Number(itoa(e.clock.Now().Unix()) + ".25")}, code: "IDPRejectedClaim"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			tok, err := e.issuer.Mint(TokenRequest{Issuer: localBase + IssuerPath, Subject: "u", Audience: []string{"sts.amazonaws.com"},
				Claims: row.claims})
			if err != nil {
				t.Fatal(err)
			}
			resp := e.call(anonymous, map[string]string{"Action": "AssumeRoleWithWebIdentity", "RoleArn": role.ARN,
				"RoleSessionName": "times", "WebIdentityToken": tok})
			if row.code == "" {
				wantOK(t, "AssumeRoleWithWebIdentity", resp)
				return
			}
			if resp.Status == http.StatusOK || resp.Error.Code != row.code {
				t.Errorf("got %d %s (%s), want %s", resp.Status, resp.Error.Code, resp.Error.Message, row.code)
			}
		})
	}
}
