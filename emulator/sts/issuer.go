package sts

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// IssuerPath is where the issuer lives under the server's base URL; the
// issuer URL (iss) is base URL + IssuerPath.
const IssuerPath = "/_fakeaws/oidc"

// issuerKeyName is the SigningKey record key.
const issuerKeyName = "oidc-issuer"

// IssuerOptions configure NewIssuer.
type IssuerOptions struct {
	// DB, when set, keeps the signing key in the store so tokens minted
	// before a restart stay valid. Without it a fresh key is generated at
	// every start.
	DB     *store.DB
	Now    func() time.Time
	Logger *slog.Logger
}

// Issuer is fakeaws's own OpenID Connect issuer: it mints RS256 ID tokens
// for tests and CI jobs that exercise AssumeRoleWithWebIdentity.
//
// Its RSA-2048 key is loaded or generated on first use, not at start:
// generating one takes tens of milliseconds and most runs never need it.
type Issuer struct {
	db     *store.DB
	now    func() time.Time
	logger *slog.Logger

	mu  sync.Mutex
	key loadedKey // its RSA key (issuerKey)
}

// NewIssuer returns an Issuer whose signing key is loaded from the store
// when opts.DB holds one, and generated (and stored) otherwise.
func NewIssuer(opts IssuerOptions) (*Issuer, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Issuer{db: opts.DB, now: opts.Now, logger: opts.Logger}, nil
}

// issuerKey is the inbound issuer's RSA-2048 key.
var issuerKey = keySpec{
	name:     issuerKeyName,
	fits:     func(k crypto.Signer) bool { _, ok := k.(*rsa.PrivateKey); return ok },
	generate: func() (crypto.Signer, error) { return rsa.GenerateKey(rand.Reader, 2048) },
}

// signingKey returns the issuer's key and kid, loading or generating them
// on first use (loadedKey.refresh).
func (i *Issuer) signingKey() (*rsa.PrivateKey, string, error) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if err := i.key.refresh(context.Background(), i.db, i.logger, i.now(), issuerKey); err != nil {
		return nil, "", err
	}
	return i.key.key.(*rsa.PrivateKey), i.key.kid, nil
}

// KeyID is the kid of the issuer's signing key ("" if it cannot be
// loaded).
func (i *Issuer) KeyID() string {
	_, kid, _ := i.signingKey()
	return kid
}

// TokenRequest describes a token to mint.
type TokenRequest struct {
	Issuer   string   // iss
	Subject  string   // sub
	Audience []string // aud (a single value is written as a string)
	// Claims are merged in last and may override any claim.
	Claims map[string]any
	// ExpiresIn is the lifetime (default one hour); negative values mint
	// already-expired tokens.
	ExpiresIn time.Duration
}

// Mint signs a token. iss defaults to nothing: callers pass the issuer URL.
func (i *Issuer) Mint(req TokenRequest) (string, error) {
	now := i.now()
	if req.ExpiresIn == 0 {
		req.ExpiresIn = time.Hour
	}
	claims := map[string]any{
		"iss": req.Issuer,
		"sub": req.Subject,
		"iat": now.Unix(),
		"nbf": now.Unix(),
		"exp": now.Add(req.ExpiresIn).Unix(),
	}
	switch len(req.Audience) {
	case 0:
	case 1:
		claims["aud"] = req.Audience[0]
	default:
		claims["aud"] = req.Audience
	}
	for k, v := range req.Claims {
		claims[k] = v
	}
	key, kid, err := i.signingKey()
	if err != nil {
		return "", err
	}
	return signJWT(key, "RS256", kid, claims)
}

// Errors Verify returns (wrapped).
var (
	// ErrTokenExpired: exp is not after the current time.
	ErrTokenExpired = errors.New("token expired")
	// ErrTokenNotYetValid: nbf is after the current time.
	ErrTokenNotYetValid = errors.New("token not yet valid")
	// ErrForeignToken: the token was not signed by this issuer's key.
	ErrForeignToken = errors.New("token not issued by this issuer")
)

// owns reports whether t names this issuer's key.
func (i *Issuer) owns(t *jwt) bool {
	_, kid, err := i.signingKey()
	return err == nil && t.Kid == kid
}

// verifySignature checks that t was signed by this issuer.
func (i *Issuer) verifySignature(t *jwt) error {
	key, kid, err := i.signingKey()
	if err != nil {
		return err
	}
	if t.Kid != kid {
		return ErrForeignToken
	}
	if t.Alg != "RS256" {
		return errBadSignature
	}
	return t.verify(&key.PublicKey)
}

// Verify checks a token this issuer minted: its signature, exp and nbf.
// It returns the claims (numbers as json.Number).
func (i *Issuer) Verify(token string) (map[string]any, error) {
	t, err := parseJWT(token)
	if err != nil {
		return nil, err
	}
	if err := i.verifySignature(t); err != nil {
		return nil, err
	}
	now := i.now().Unix()
	exp, ok, err := t.numericDate("exp")
	if err != nil {
		return nil, err
	}
	if ok && now >= exp {
		return nil, fmt.Errorf("%w: exp %d, now %d", ErrTokenExpired, exp, now)
	}
	nbf, ok, err := t.numericDate("nbf")
	if err != nil {
		return nil, err
	}
	if ok && nbf > now {
		return nil, fmt.Errorf("%w: nbf %d, now %d", ErrTokenNotYetValid, nbf, now)
	}
	return t.Claims, nil
}

// Handler serves the issuer's endpoints under IssuerPath:
// GET .well-known/openid-configuration, GET jwks and POST token. baseURL
// gives the URL clients reach the server at; the issuer URL is
// baseURL(r) + IssuerPath.
func (i *Issuer) Handler(baseURL func(r *http.Request) string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		iss := strings.TrimRight(baseURL(r), "/") + IssuerPath
		switch strings.TrimPrefix(r.URL.Path, IssuerPath) {
		case "/.well-known/openid-configuration":
			if !allowMethods(w, r, http.MethodGet, http.MethodHead) {
				return
			}
			writeJSON(w, http.StatusOK, map[string]any{
				"issuer":                                iss,
				"jwks_uri":                              iss + "/jwks",
				"token_endpoint":                        iss + "/token",
				"response_types_supported":              []string{"id_token"},
				"subject_types_supported":               []string{"public"},
				"id_token_signing_alg_values_supported": []string{"RS256"},
				"claims_supported":                      []string{"sub", "aud", "exp", "iat", "iss", "nbf", "amr"},
			})
		case "/jwks":
			if !allowMethods(w, r, http.MethodGet, http.MethodHead) {
				return
			}
			key, kid, err := i.signingKey()
			if err != nil {
				i.logger.Error("oidc signing key", "err", err)
				http.Error(w, "signing key unavailable", http.StatusInternalServerError)
				return
			}
			writeJSON(w, http.StatusOK, map[string]any{"keys": []jwk{jwkOf(kid, &key.PublicKey)}})
		case "/token":
			if !allowMethods(w, r, http.MethodPost) {
				return
			}
			i.serveToken(w, r, iss)
		default:
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "not_found"})
		}
	})
}

func allowMethods(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "method_not_allowed"})
	return false
}

// tokenParams is the body of POST /_fakeaws/oidc/token.
type tokenParams struct {
	Sub       string          `json:"sub"`
	Aud       json.RawMessage `json:"aud"`
	Iss       string          `json:"iss"`
	Claims    map[string]any  `json:"claims"`
	ExpiresIn *int64          `json:"expires_in"`
}

func (i *Issuer) serveToken(w http.ResponseWriter, r *http.Request, iss string) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "error_description": err.Error()})
		return
	}
	var p tokenParams
	var aud []string
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/x-www-form-urlencoded" || (ct == "" && len(body) > 0 && body[0] != '{') {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "error_description": err.Error()})
			return
		}
		p.Sub, p.Iss, aud = form.Get("sub"), form.Get("iss"), form["aud"]
		if c := form.Get("claims"); c != "" {
			if err := json.Unmarshal([]byte(c), &p.Claims); err != nil {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "error_description": "claims: " + err.Error()})
				return
			}
		}
		if e := form.Get("expires_in"); e != "" {
			n, err := strconv.ParseInt(e, 10, 64)
			if err != nil {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "error_description": "expires_in: not an integer"})
				return
			}
			p.ExpiresIn = &n
		}
	} else if len(body) > 0 {
		if err := json.Unmarshal(body, &p); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "error_description": err.Error()})
			return
		}
		if len(p.Aud) > 0 {
			var one string
			if json.Unmarshal(p.Aud, &one) == nil {
				aud = []string{one}
			} else if err := json.Unmarshal(p.Aud, &aud); err != nil {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "error_description": "aud: want a string or an array of strings"})
				return
			}
		}
	}
	req := TokenRequest{Issuer: iss, Subject: p.Sub, Audience: aud, Claims: p.Claims}
	if p.Iss != "" {
		req.Issuer = p.Iss
	}
	if req.Subject == "" {
		req.Subject = "fakeaws-subject"
	}
	if len(req.Audience) == 0 {
		req.Audience = []string{"sts.amazonaws.com"}
	}
	expiresIn := int64(3600)
	if p.ExpiresIn != nil {
		expiresIn = *p.ExpiresIn
	}
	if expiresIn == 0 {
		expiresIn = -1 // explicitly zero: already expired
	}
	req.ExpiresIn = time.Duration(expiresIn) * time.Second
	tok, err := i.Mint(req)
	if err != nil {
		i.logger.Error("mint OIDC token", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "server_error"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id_token": tok, "token": tok,
		"token_type": "Bearer", "expires_in": expiresIn})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
