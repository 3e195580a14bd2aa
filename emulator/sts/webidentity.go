package sts

import (
	"context"
	"crypto"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// jwksTTL is how long other issuers' keys are cached.
const jwksTTL = 10 * time.Minute

// sessionTagsClaim carries session tags in OIDC tokens
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role-idp).
const sessionTagsClaim = "https://aws.amazon.com/tags"

// sourceIdentityClaim carries the source identity in OIDC tokens.
const sourceIdentityClaim = "https://aws.amazon.com/source_identity"

// msgSourceIdentity refuses a source identity from an identity provider
// that breaks the rules AssumeRole's SourceIdentity follows (our wording:
// AWS's answer is not recorded).
const msgSourceIdentity = "SourceIdentity must match [a-zA-Z_0-9+=,.@-]{2,64}"

type assumeRoleWithWebIdentityResult struct {
	XMLName                     xml.Name           `xml:"AssumeRoleWithWebIdentityResult"`
	SubjectFromWebIdentityToken string             `xml:"SubjectFromWebIdentityToken"`
	Audience                    string             `xml:"Audience"`
	AssumedRoleUser             assumedRoleUserXML `xml:"AssumedRoleUser"`
	Credentials                 credentialsXML     `xml:"Credentials"`
	SourceIdentity              string             `xml:"SourceIdentity,omitempty"`
	Provider                    string             `xml:"Provider"`
	PackedPolicySize            *int               `xml:"PackedPolicySize,omitempty"`
	tokenSizeXML
}

func invalidIdentityToken(msg string) error {
	return awserr.New("InvalidIdentityToken", http.StatusBadRequest, msg)
}

// Messages STS uses for web identity tokens.
const (
	msgNotJWT       = "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)"
	msgNoKey        = "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"
	msgBadSignature = "The ID Token signature could not be verified."
	msgAudience     = "Incorrect token audience"
	msgWebDenied    = "Not authorized to perform sts:AssumeRoleWithWebIdentity"
)

// providerKey is the store key of the IAM OIDC provider for issuer iss: the
// lower-cased URL without its scheme and trailing slash.
func providerKey(iss string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(iss, "https://"), "http://")
	return strings.ToLower(strings.TrimRight(s, "/"))
}

// issuerIs reports whether the token's iss names the provider whose URL
// (host and path, no scheme) is providerURL. Providers are found by their
// lower-cased URL, but only the host of a URL is case-insensitive: OpenID
// Connect Core 1.0 section 2 makes iss "a case sensitive URL", and the
// signing keys are fetched from iss. Without this, a token whose iss was
// the provider's URL with its path in another case (another tenant of a
// multi-tenant issuer) was verified with that tenant's keys and accepted
// for the provider (found by probing).
func issuerIs(iss, providerURL string) bool {
	s := strings.TrimRight(strings.TrimPrefix(strings.TrimPrefix(iss, "https://"), "http://"), "/")
	host, path, _ := strings.Cut(s, "/")
	wantHost, wantPath, _ := strings.Cut(strings.TrimRight(providerURL, "/"), "/")
	return strings.EqualFold(host, wantHost) && path == wantPath
}

// assumeRoleWithWebIdentity serves AssumeRoleWithWebIdentity
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html).
// The request is unsigned: the token is the proof of identity.
func (h *Handler) assumeRoleWithWebIdentity(ctx context.Context, p query.Params) (any, error) {
	reqv, err := parseSessionParams(p, false)
	if err != nil {
		return nil, err
	}
	req := &reqv
	token, err := webIdentityParams(p)
	if err != nil {
		return nil, err
	}
	if err := h.checkSessionPolicy(req.policies); err != nil {
		return nil, err
	}
	now := h.now()

	t, err := parseJWT(token)
	if err != nil {
		return nil, invalidIdentityToken(msgNotJWT)
	}
	iss, err := federationIssuer(t)
	if err != nil {
		return nil, err
	}

	// The role and the provider, both in the role's account.
	var provider store.OIDCProvider
	r, providerFound, err := h.loadRoleAndProvider(ctx, req.role, req.role.Account, store.KindOIDCProvider, providerKey(iss), &provider)
	if err != nil {
		return nil, fmt.Errorf("load role and provider: %w", err)
	}
	if !providerFound || !issuerIs(iss, provider.URL) {
		return nil, invalidIdentityToken("No OpenIDConnect provider found in your account for " + iss)
	}

	if err := h.verifyToken(ctx, t, iss); err != nil {
		return nil, err
	}
	claims, err := checkTokenClaims(t, now, provider.ClientIDs)
	if err != nil {
		return nil, err
	}

	if r == nil {
		return nil, awserr.AccessDenied(msgWebDenied)
	}
	tags, transitive, sourceIdentity, err := tokenSession(t)
	if err != nil {
		return nil, err
	}
	packed, err := packedPolicySize(req.policies, tagPairs(tags))
	if err != nil {
		return nil, err
	}

	cond := webIdentityContext(req, provider.ARN, iss, t, claims)
	if sourceIdentity != "" {
		cond["sts:SourceIdentity"] = []string{sourceIdentity}
	}
	addTagContext(cond, tagPairs(tags), transitive)
	check := h.trustCheck("sts:AssumeRoleWithWebIdentity", req.role, r, cond, federatedCaller(provider.ARN, claims.sub, now))
	if err := h.authorizeFederated(ctx, check, msgWebDenied, len(tags) > 0, sourceIdentity != ""); err != nil {
		return nil, err
	}

	if err := checkMaxSessionDuration(&r.role, req.duration); err != nil {
		return nil, err
	}
	sess := roleSession("AssumeRoleWithWebIdentity", req.role, r, req.sessionName, now, req.duration)
	s := &sess
	s.Federated, s.Subject = provider.ARN, claims.sub
	s.Context = webIdentityKeys(iss, t, claims)
	s.Tags, s.TransitiveTags, s.SourceIdentity = tags, transitive, sourceIdentity
	creds, err := h.issue(ctx, s, req.policies, req.tokenMin)
	if err != nil {
		return nil, err
	}
	return &assumeRoleWithWebIdentityResult{
		SubjectFromWebIdentityToken: claims.sub,
		Audience:                    claims.audience,
		AssumedRoleUser:             assumedRoleUser(req.role.Partition, s),
		Credentials:                 creds,
		SourceIdentity:              sourceIdentity,
		Provider:                    provider.ARN,
		PackedPolicySize:            packed,
		tokenSizeXML:                tokenSizeOf(creds.SessionToken),
	}, nil
}

// webIdentityParams validates AssumeRoleWithWebIdentity's own members and
// returns the token.
func webIdentityParams(p query.Params) (string, error) {
	var v validation
	token, ok := v.required(p, "WebIdentityToken", "webIdentityToken")
	if !ok {
		return "", v.err()
	}
	if n := len(token); n < 4 || n > maxTokenLen {
		v.length("webIdentityToken", token, 4, maxTokenLen)
		return "", v.err()
	}
	if pid, ok := optional(p, "ProviderId"); ok {
		v.length("providerId", pid, 4, 2048)
		if err := v.err(); err != nil {
			return "", err
		}
	}
	return token, nil
}

// tokenClaims are the claims of a verified web identity token that the
// session and its trust check use.
type tokenClaims struct {
	sub      string
	audience string // :aud, azp or aud (tokenAudience)
	oaud     string // :oaud, the token's aud
}

// checkTokenClaims checks the token's lifetime (exp, and nbf and iat with
// a minute's leeway), its subject and its audience against the provider's
// client ids.
func checkTokenClaims(t *jwt, now time.Time, clientIDs []string) (tokenClaims, error) {
	exp, hasExp, err := t.numericDate("exp")
	if err != nil || !hasExp {
		return tokenClaims{}, invalidIdentityToken(msgNotJWT)
	}
	if now.Unix() >= exp {
		return tokenClaims{}, awserr.Newf("ExpiredTokenException", http.StatusBadRequest,
			"Token expired: current date/time %d must be before the expiration date/time %d", now.Unix(), exp)
	}
	if nbf, ok, err := t.numericDate("nbf"); err != nil || ok && nbf > now.Unix()+60 {
		return tokenClaims{}, awserr.New("IDPRejectedClaim", http.StatusForbidden, "Token used before its not-before time")
	}
	if iat, ok, err := t.numericDate("iat"); err != nil || ok && iat > now.Unix()+60 {
		return tokenClaims{}, awserr.New("IDPRejectedClaim", http.StatusForbidden, "Token used before issued")
	}
	sub := t.str("sub")
	if sub == "" {
		return tokenClaims{}, awserr.New("IDPRejectedClaim", http.StatusForbidden, "Token is missing the sub claim")
	}
	audience, oaud, ok := tokenAudience(t, clientIDs)
	if !ok {
		return tokenClaims{}, invalidIdentityToken(msgAudience)
	}
	return tokenClaims{sub: sub, audience: audience, oaud: oaud}, nil
}

// webIdentityContext is the trust check's condition context: the principal
// is the provider; condition keys are named by the provider URL.
func webIdentityContext(req *sessionRequest, providerARN, iss string, t *jwt, c tokenClaims) map[string][]string {
	cond := webIdentityKeys(iss, t, c)
	cond["sts:RoleSessionName"] = []string{req.sessionName}
	cond["aws:FederatedProvider"] = []string{providerARN}
	return cond
}

// webIdentityKeys are the token's condition keys, named by the provider
// URL: <provider>:sub, :aud, :oaud and :amr. They are in the trust check
// and, kept in the session, in the context of every request the session
// makes: "additional condition keys are available when the temporary
// security credentials are used to make a request"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif),
// as in a Cognito user's "${cognito-identity.amazonaws.com:sub}" folder.
func webIdentityKeys(iss string, t *jwt, c tokenClaims) map[string][]string {
	prefix := providerKey(iss)
	keys := map[string][]string{
		prefix + ":sub": {c.sub},
		prefix + ":aud": {c.audience},
	}
	if c.oaud != "" {
		keys[prefix+":oaud"] = []string{c.oaud}
	}
	if amr := t.strs("amr"); len(amr) > 0 {
		keys[prefix+":amr"] = amr
	}
	return keys
}

// authorizeFederated asks for a federated AssumeRole* action (denied with
// deniedMsg) and then for what the request also does: sts:TagSession when
// the IdP passes session tags, sts:SetSourceIdentity when it sets a source
// identity.
func (h *Handler) authorizeFederated(ctx context.Context, check authz.Check, deniedMsg string, tagged, setsSourceIdentity bool) error {
	if !h.allowed(ctx, check) {
		return awserr.AccessDenied(deniedMsg)
	}
	if tagged {
		check.Action = "sts:TagSession"
		if !h.allowed(ctx, check) {
			return awserr.AccessDenied("Not authorized to perform sts:TagSession")
		}
	}
	if setsSourceIdentity {
		check.Action = "sts:SetSourceIdentity"
		if !h.allowed(ctx, check) {
			return awserr.AccessDenied("Not authorized to perform sts:SetSourceIdentity")
		}
	}
	return nil
}

// allowed asks the authorizer without turning a denial into its message
// (web identity denials have their own wording). In soft and off modes
// everything is allowed.
func (h *Handler) allowed(ctx context.Context, c authz.Check) bool {
	d, _, err := h.authz.Decide(ctx, c)
	if err != nil {
		h.logger.Error("authorize web identity", "err", err)
		return false
	}
	return d.Effect == evaluator.Allow || h.authz.Mode() != authz.Enforce
}

// tokenAudience checks the token's audience against the provider's client
// ids: azp or one of the aud values must be one of them. It returns the
// values of the <provider>:aud and <provider>:oaud condition keys as the
// IAM condition key reference gives them for Google ID tokens
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif):
// :aud is azp when the token has one and aud otherwise; :oaud is aud in
// both cases ("When the azp field is set, the aud field matches the
// accounts.google.com:oaud condition key"; without azp "the aud field
// value matches both"). Of several aud values, the one that is a client id
// is used (the first when none is). fakeaws set :aud to a registered aud
// even when azp named another party, so a token issued to another client
// passed a trust policy's :aud condition, and set no :oaud without azp, so
// AWS's own example policy denied (found by probing).
func tokenAudience(t *jwt, clientIDs []string) (aud, oaud string, ok bool) {
	auds := t.strs("aud")
	for _, a := range auds {
		if slices.Contains(clientIDs, a) {
			oaud, ok = a, true
			break
		}
	}
	if oaud == "" && len(auds) > 0 {
		oaud = auds[0]
	}
	azp := t.str("azp")
	if azp == "" {
		return oaud, oaud, ok
	}
	return azp, oaud, ok || slices.Contains(clientIDs, azp)
}

// tokenSession is what the token asks of its session: its session tags,
// their transitive keys and its source identity.
func tokenSession(t *jwt) (tags map[string]string, transitive []string, sourceIdentity string, err error) {
	if tags, transitive, err = tokenTags(t); err != nil {
		return nil, nil, "", err
	}
	if sourceIdentity, err = tokenSourceIdentity(t); err != nil {
		return nil, nil, "", err
	}
	return tags, transitive, sourceIdentity, nil
}

// tokenTags reads the session tags claim
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role-idp:
// principal_tags maps each key to its value, a string or, as AWS's example
// writes it, an array of one; transitive_tag_keys lists keys) and checks
// them by the session tag rules (idpSessionTags). A claim of another shape
// is refused, not ignored.
func tokenTags(t *jwt) (map[string]string, []string, error) {
	rawClaim, present := t.Claims[sessionTagsClaim]
	if !present {
		return nil, nil, nil
	}
	raw, ok := rawClaim.(map[string]any)
	if !ok {
		return nil, nil, errIdPTags()
	}
	var list []idpTag
	if v, present := raw["principal_tags"]; present {
		pt, ok := v.(map[string]any)
		if !ok {
			return nil, nil, errIdPTags()
		}
		list = make([]idpTag, 0, len(pt))
		for k, v := range pt {
			list = append(list, claimTag(k, v))
		}
	}
	var transitive []string
	if v, present := raw["transitive_tag_keys"]; present {
		tk, ok := v.([]any)
		if !ok {
			return nil, nil, errIdPTags()
		}
		for _, k := range tk {
			s, ok := k.(string)
			if !ok {
				return nil, nil, errIdPTags()
			}
			transitive = append(transitive, s)
		}
	}
	return idpSessionTags(list, transitive)
}

// tokenSourceIdentity reads the source identity claim
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html#id_credentials_temp_control-access_monitor-assume-role-web-id):
// "" when absent. Like AssumeRole's SourceIdentity it is 2 to 64
// characters of [a-zA-Z_0-9+=,.@-] ("Things to know about source
// identity"); setting it needs sts:SetSourceIdentity in the trust policy.
// fakeaws ignored the claim: the session had no source identity, so a
// trust policy's sts:SetSourceIdentity requirement and its
// sts:SourceIdentity conditions were never applied (found by probing).
func tokenSourceIdentity(t *jwt) (string, error) {
	v, present := t.Claims[sourceIdentityClaim]
	if !present {
		return "", nil
	}
	s, ok := v.(string)
	if !ok || !samlSessionNameOK(s) {
		return "", invalidIdentityToken(msgSourceIdentity)
	}
	return s, nil
}

// claimTag is the principal_tags entry k: v.
func claimTag(k string, v any) idpTag {
	switch vv := v.(type) {
	case string:
		return idpTag{key: k, values: []string{vv}, ok: true}
	case []any:
		tag := idpTag{key: k, values: make([]string, 0, len(vv)), ok: true}
		for _, e := range vv {
			s, ok := e.(string)
			tag.ok = tag.ok && ok
			tag.values = append(tag.values, s)
		}
		return tag
	}
	return idpTag{key: k}
}

// verifyToken checks t's signature: locally for fakeaws's own issuer,
// otherwise with the keys the issuer publishes.
func (h *Handler) verifyToken(ctx context.Context, t *jwt, iss string) error {
	if _, ok := jwsAlgs[t.Alg]; !ok {
		return invalidIdentityToken(msgBadSignature)
	}
	if h.issuer != nil && h.issuer.owns(t) {
		if h.issuer.verifySignature(t) != nil {
			return invalidIdentityToken(msgBadSignature)
		}
		return nil
	}
	key, err := h.jwks.key(ctx, iss, t.Kid)
	if err != nil {
		h.logger.Debug("fetch OIDC keys", "issuer", iss, "err", err)
		return invalidIdentityToken(msgNoKey)
	}
	if t.verify(key) != nil {
		return invalidIdentityToken(msgBadSignature)
	}
	return nil
}

// key returns issuer iss's signing key kid, fetching its discovery document
// and JWKS when not cached (or when kid is new: keys rotate).
func (c *jwksCache) key(ctx context.Context, iss, kid string) (crypto.PublicKey, error) {
	c.mu.Lock()
	e, ok := c.entries[iss]
	c.mu.Unlock()
	if ok && c.now().Sub(e.fetched) < jwksTTL {
		if k, err := pick(e.keys, kid); err == nil {
			return k, nil
		}
	}
	keys, err := c.fetch(ctx, iss)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.entries[iss] = jwksEntry{keys: keys, fetched: c.now()}
	c.mu.Unlock()
	return pick(keys, kid)
}

func pick(keys map[string]crypto.PublicKey, kid string) (crypto.PublicKey, error) {
	if k, ok := keys[kid]; ok {
		return k, nil
	}
	if kid == "" && len(keys) == 1 {
		for _, k := range keys {
			return k, nil
		}
	}
	return nil, fmt.Errorf("no key %q in JWKS", kid)
}

// fetch reads issuer iss's discovery document and JWKS and decodes its RSA
// signing keys; a key that does not decode is left out.
func (c *jwksCache) fetch(ctx context.Context, iss string) (map[string]crypto.PublicKey, error) {
	if !strings.HasPrefix(iss, "https://") && !strings.HasPrefix(iss, "http://") {
		iss = "https://" + iss
	}
	var conf struct {
		JWKSURI string `json:"jwks_uri"`
	}
	if err := c.getJSON(ctx, strings.TrimRight(iss, "/")+"/.well-known/openid-configuration", &conf); err != nil {
		return nil, err
	}
	if conf.JWKSURI == "" {
		return nil, errors.New("discovery document has no jwks_uri")
	}
	var set struct {
		Keys []*jwk `json:"keys"`
	}
	if err := c.getJSON(ctx, conf.JWKSURI, &set); err != nil {
		return nil, err
	}
	keys := map[string]crypto.PublicKey{}
	for _, k := range set.Keys {
		if k == nil || (k.Use != "" && k.Use != "sig") {
			continue
		}
		if pub, err := k.publicKey(); err == nil {
			keys[k.Kid] = pub
		}
	}
	return keys, nil
}

func (c *jwksCache) getJSON(ctx context.Context, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New("GET " + url + ": status " + strconv.Itoa(resp.StatusCode))
	}
	return json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(v)
}

// federationIssuer is the iss of a token offered for federation into AWS.
// A token from GetWebIdentityToken is refused: "The JSON Web Tokens (JWTs)
// generated by the GetWebIdentityToken API cannot be used for OpenID
// Connect (OIDC) federation into AWS"
// (id_roles_providers_outbound_getting_started.html).
func federationIssuer(t *jwt) (string, error) {
	iss := t.str("iss")
	switch {
	case iss == "":
		return "", invalidIdentityToken(msgNotJWT)
	case strings.Contains(iss, store.OutboundIssuerPath):
		return "", invalidIdentityToken(msgOutboundToken)
	}
	return iss, nil
}
