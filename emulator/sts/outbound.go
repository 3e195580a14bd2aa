package sts

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Outbound identity federation: GetWebIdentityToken gives the caller a
// JWT that states its identity to a service outside AWS, which verifies it
// with the keys its account's issuer publishes
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_outbound.html,
// API_GetWebIdentityToken.html). The account turns it on with IAM's
// EnableOutboundWebIdentityFederation (emulator/iam), which names the
// issuer; fakeaws serves each issuer's discovery document and keys under
// store.OutboundIssuerPath.

// msgOutboundToken refuses an outbound token offered to
// AssumeRoleWithWebIdentity (fakeaws's words; AWS's are not recorded).
const msgOutboundToken = "Tokens from GetWebIdentityToken cannot be used for federation into AWS"

// GetWebIdentityToken limits (API_GetWebIdentityToken.html).
const (
	webTokenDefault   = 300
	webTokenMin       = 60
	webTokenMax       = 3600
	maxTokenAudiences = 10
)

// claimsNamespace holds the AWS claims of an outbound token
// (id_roles_providers_outbound_token_claims.html).
const claimsNamespace = "https://sts.amazonaws.com/"

// outboundKeys are the keys outbound tokens are signed with, by
// SigningAlgorithm; every account's issuer publishes both.
var outboundKeys = map[string]keySpec{
	"RS256": {
		name:     "outbound-rs256",
		fits:     func(k crypto.Signer) bool { _, ok := k.(*rsa.PrivateKey); return ok },
		generate: func() (crypto.Signer, error) { return rsa.GenerateKey(rand.Reader, 2048) },
	},
	"ES384": {
		name: "outbound-es384",
		fits: func(k crypto.Signer) bool {
			ec, ok := k.(*ecdsa.PrivateKey)
			return ok && ec.Curve == elliptic.P384()
		},
		generate: func() (crypto.Signer, error) { return ecdsa.GenerateKey(elliptic.P384(), rand.Reader) },
	},
}

// signingAlgorithms are outboundKeys' names in the order the JWKS lists them.
var signingAlgorithms = []string{"RS256", "ES384"}

// outboundSigners holds the outbound keys once loaded.
type outboundSigners struct {
	mu   sync.Mutex
	keys map[string]loadedKey
}

// outboundKey returns the key that signs alg's tokens, loading or making
// it on first use (loadedKey.refresh).
func (h *Handler) outboundKey(ctx context.Context, alg string) (loadedKey, error) {
	o := &h.outbound
	o.mu.Lock()
	defer o.mu.Unlock()
	k := o.keys[alg]
	if err := k.refresh(ctx, h.db, h.logger, h.now(), outboundKeys[alg]); err != nil {
		return loadedKey{}, err
	}
	if o.keys == nil {
		o.keys = map[string]loadedKey{}
	}
	o.keys[alg] = k
	return k, nil
}

// webTokenRequest is GetWebIdentityToken's parameters.
type webTokenRequest struct {
	audience []string
	duration int
	alg      string
	tags     [][2]string
}

// webTokenParams validates GetWebIdentityToken's parameters against
// botocore's sts model: Audience 1 to 10 members of 1 to 1,000
// characters, DurationSeconds 60 to 3,600 (default 300), SigningAlgorithm
// RS256 or ES384, at most 50 Tags.
func webTokenParams(p query.Params) (webTokenRequest, error) {
	var v validation
	var req webTokenRequest
	req.audience = p.List("Audience.member", "")
	switch n := len(req.audience); {
	case n == 0:
		v.fail("audience", nil, "Member must not be null")
	case n > maxTokenAudiences:
		s := "[" + strings.Join(req.audience, ", ") + "]"
		v.fail("audience", &s, "Member must have length less than or equal to 10")
	}
	for i, a := range req.audience {
		v.length("audience."+strconv.Itoa(i+1)+".member", a, 1, 1000)
	}
	var err error
	if req.duration, _, err = v.durationSecondsIn(p, webTokenDefault, webTokenMin, webTokenMax); err != nil {
		return req, err
	}
	alg, ok := v.required(p, "SigningAlgorithm", "signingAlgorithm")
	if ok {
		if _, known := outboundKeys[alg]; !known {
			v.fail("signingAlgorithm", &alg, "Member must satisfy enum value set: [RS256, ES384]")
		}
	}
	req.alg = alg
	req.tags = v.tags(p)
	return req, v.err()
}

// conditions are the request's condition keys: sts:IdentityTokenAudience,
// sts:DurationSeconds (present for web identity tokens, unlike role
// sessions), sts:SigningAlgorithm and the tags' aws:RequestTag/KEY and
// aws:TagKeys.
func (req webTokenRequest) conditions() map[string][]string {
	cond := map[string][]string{
		"sts:IdentityTokenAudience": req.audience,
		"sts:DurationSeconds":       {strconv.Itoa(req.duration)},
		"sts:SigningAlgorithm":      {req.alg},
	}
	addTagContext(cond, req.tags, nil)
	return cond
}

type getWebIdentityTokenResult struct {
	XMLName          xml.Name `xml:"GetWebIdentityTokenResult"`
	WebIdentityToken string   `xml:"WebIdentityToken"`
	Expiration       string   `xml:"Expiration"`
}

// getWebIdentityToken serves GetWebIdentityToken.
func (h *Handler) getWebIdentityToken(ctx context.Context, p query.Params) (any, error) {
	req, err := webTokenParams(p)
	if err != nil {
		return nil, err
	}
	info := authn.FromContext(ctx)
	caller := &info.Caller
	if caller.Anonymous() {
		return nil, errMissingAuthToken()
	}
	check := authz.Check{Action: "sts:GetWebIdentityToken", Resource: "*", Context: req.conditions()}
	if err := h.authz.Authorize(ctx, check); err != nil {
		return nil, err
	}
	acct, err := h.outboundAccount(ctx, caller.Account)
	if err != nil {
		return nil, err
	}
	now := h.now()
	exp := now.Add(time.Duration(req.duration) * time.Second)
	if s := caller.Session; s != nil && exp.After(s.Expiration) {
		return nil, awserr.New("SessionDurationEscalationException", http.StatusForbidden,
			"The requested token duration would extend the session beyond its original expiration time.")
	}
	facts, err := h.authz.Facts(ctx, caller)
	if err != nil {
		return nil, fmt.Errorf("read the caller's tags and organization: %w", err)
	}
	claims := outboundClaims(info, facts, req, now, exp)
	claims["iss"] = acct.OutboundIssuerURL(info.BaseURL())
	token, err := h.signOutbound(ctx, req.alg, claims)
	if err != nil {
		return nil, err
	}
	return &getWebIdentityTokenResult{WebIdentityToken: token, Expiration: isoTime(exp)}, nil
}

// outboundAccount is the caller's account record, refused unless the
// account has outbound identity federation enabled.
func (h *Handler) outboundAccount(ctx context.Context, account string) (*store.Account, error) {
	var a store.Account
	err := h.db.View(ctx, func(tx *store.Tx) error {
		return tx.Get(account, store.KindAccount, store.KindAccount, &a)
	})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("read account %s: %w", account, err)
	}
	if !a.OutboundEnabled {
		return nil, awserr.New("OutboundWebIdentityFederationDisabledException", http.StatusForbidden,
			"The outbound web identity federation feature is not enabled for this account.")
	}
	return &a, nil
}

// outboundClaims are an outbound token's claims but iss: the caller as
// sub (a role session's role, as the guide's sample token shows), the
// audience, the times, and under claimsNamespace the caller's account,
// Region, organization, principal tags and the request's tags.
func outboundClaims(info *authn.Info, facts authz.PrincipalFacts, req webTokenRequest, now, exp time.Time) map[string]any {
	sub := info.Caller.ARN
	if s := info.Caller.Session; s != nil && s.RoleARN != "" {
		sub = s.RoleARN
	}
	aws := map[string]any{"aws_account": info.Caller.Account, "source_region": info.Region}
	if facts.OrgID != "" {
		aws["org_id"], aws["ou_path"] = facts.OrgID, facts.OrgPath
	}
	if len(facts.Tags) > 0 {
		aws["principal_tags"] = facts.Tags
	}
	if len(req.tags) > 0 {
		tags := make(map[string]string, len(req.tags))
		for _, t := range req.tags {
			tags[t[0]] = t[1]
		}
		aws["request_tags"] = tags
	}
	var aud any = req.audience
	if len(req.audience) == 1 {
		aud = req.audience[0]
	}
	return map[string]any{"aud": aud, "sub": sub, "iat": now.Unix(), "exp": exp.Unix(),
		"jti": uuid.NewString(), claimsNamespace: aws}
}

// signOutbound signs claims with alg's outbound key as a compact JWS.
func (h *Handler) signOutbound(ctx context.Context, alg string, claims map[string]any) (string, error) {
	k, err := h.outboundKey(ctx, alg)
	if err != nil {
		return "", err
	}
	return signJWT(k.key, alg, k.kid, claims)
}

// jwsSignature signs a JWS signing input: RS256 as PKCS #1 v1.5 over SHA-256,
// ES384 as the raw r || s pair over SHA-384 (RFC 7518, section 3.4).
func jwsSignature(key crypto.Signer, alg, input string) ([]byte, error) {
	if alg == "ES384" {
		sum := sha512.Sum384([]byte(input))
		r, s, err := ecdsa.Sign(rand.Reader, key.(*ecdsa.PrivateKey), sum[:])
		if err != nil {
			return nil, err
		}
		sig := make([]byte, 96)
		r.FillBytes(sig[:48])
		s.FillBytes(sig[48:])
		return sig, nil
	}
	sum := sha256.Sum256([]byte(input))
	return rsa.SignPKCS1v15(rand.Reader, key.(*rsa.PrivateKey), crypto.SHA256, sum[:])
}

// OutboundHandler serves every outbound issuer's discovery document and
// keys: GET OutboundIssuerPath + ID + /.well-known/openid-configuration
// and /.well-known/jwks.json. baseURL gives the URL clients reach the
// server at. An issuer stays readable after its account disables the
// feature: the tokens it issued before stay valid until they expire.
func (h *Handler) OutboundHandler(baseURL func(r *http.Request) string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, doc, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, store.OutboundIssuerPath), "/")
		if uuid.Validate(id) != nil {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "not_found"})
			return
		}
		if !allowMethods(w, r, http.MethodGet, http.MethodHead) {
			return
		}
		iss := strings.TrimRight(baseURL(r), "/") + store.OutboundIssuerPath + id
		switch doc {
		case ".well-known/openid-configuration":
			writeJSON(w, http.StatusOK, map[string]any{
				"issuer":                                iss,
				"jwks_uri":                              iss + "/.well-known/jwks.json",
				"response_types_supported":              []string{"id_token"},
				"subject_types_supported":               []string{"public"},
				"id_token_signing_alg_values_supported": signingAlgorithms,
			})
		case ".well-known/jwks.json":
			h.serveOutboundKeys(w, r)
		default:
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "not_found"})
		}
	})
}

// serveOutboundKeys answers the JWKS of the outbound keys.
func (h *Handler) serveOutboundKeys(w http.ResponseWriter, r *http.Request) {
	keys := make([]jwk, 0, len(signingAlgorithms))
	for _, alg := range signingAlgorithms {
		k, err := h.outboundKey(r.Context(), alg)
		if err != nil {
			h.logger.Error("outbound signing key", "alg", alg, "err", err)
			http.Error(w, "signing key unavailable", http.StatusInternalServerError)
			return
		}
		keys = append(keys, publicJWK(k.kid, k.key.Public()))
	}
	writeJSON(w, http.StatusOK, map[string]any{"keys": keys})
}
