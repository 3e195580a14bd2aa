package sts

import (
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/saml"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// SAML attribute names AWS reads
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html).
const (
	samlAttrPrefix          = "https://aws.amazon.com/SAML/Attributes/"
	samlAttrRole            = samlAttrPrefix + "Role"
	samlAttrRoleSessionName = samlAttrPrefix + "RoleSessionName"
	samlAttrSourceIdentity  = samlAttrPrefix + "SourceIdentity"
	samlAttrSessionDuration = samlAttrPrefix + "SessionDuration"
	samlAttrPrincipalTag    = samlAttrPrefix + "PrincipalTag:"
	samlAttrTransitiveTags  = samlAttrPrefix + "TransitiveTagKeys"
	maxSAMLAssertion        = 100000
	// samlRedeemWindow is how long after its IssueInstant an assertion may
	// be redeemed.
	samlRedeemWindow   = 5 * time.Minute
	nameIDFormatPrefix = "urn:oasis:names:tc:SAML:2.0:nameid-format:"
)

// Messages of AssumeRoleWithSAML errors.
const (
	msgSAMLDenied      = "Not authorized to perform sts:AssumeRoleWithSAML"
	msgSAMLSignature   = "Response signature invalid"
	msgSAMLNoProvider  = "Specified provider doesn't exist"
	msgSAMLIssuer      = "Issuer not present in specified provider"
	msgSAMLSessionName = "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}"
	msgSAMLRedeem      = "Token must be redeemed within 5 minutes of issuance"
	msgSAMLExpired     = "Response has expired" // AWS's, quoted in Versent/saml2aws#759 (2022)
	msgSAMLInvalid     = "Invalid SAML response"
	msgSAMLAudience    = "Audience restriction not satisfied"
	msgSAMLNotYetValid = "Token is not yet valid"
	// msgSAMLConfirmation and msgSAMLSessionDuration are our wording
	// (docs/deviations.md).
	msgSAMLConfirmation    = "The assertion must have one SubjectConfirmation whose SubjectConfirmationData has NotOnOrAfter and the AWS sign-in endpoint as Recipient"
	msgSAMLSessionDuration = "SessionDuration must be one whole number of seconds from 900 to 43200"
)

// samlSessionNameOK reports whether an assertion's RoleSessionName matches
// [a-zA-Z_0-9+=,.@-]{2,64} (msgSAMLSessionName); a loop, not a regexp,
// which compiled at every start cost more than any other package's init.
func samlSessionNameOK(name string) bool {
	if len(name) < 2 || len(name) > 64 {
		return false
	}
	for _, r := range name {
		if !sessionNameRune(r) {
			return false
		}
	}
	return true
}

// samlAudiences are the service provider identifiers AWS accepts as the
// assertion's audience: the sign-in endpoint (global or regional) and
// urn:amazon:webservices.
func samlAudienceOK(aud string) bool {
	if aud == "urn:amazon:webservices" || aud == "https://signin.aws.amazon.com/saml" {
		return true
	}
	rest, ok := strings.CutPrefix(aud, "https://")
	if !ok {
		return false
	}
	region, ok := strings.CutSuffix(rest, ".signin.aws.amazon.com/saml")
	return ok && region != "" && !strings.ContainsAny(region, "/.")
}

type assumeRoleWithSAMLResult struct {
	XMLName          xml.Name           `xml:"AssumeRoleWithSAMLResult"`
	Audience         string             `xml:"Audience"`
	AssumedRoleUser  assumedRoleUserXML `xml:"AssumedRoleUser"`
	Credentials      credentialsXML     `xml:"Credentials"`
	Issuer           string             `xml:"Issuer"`
	NameQualifier    string             `xml:"NameQualifier"`
	PackedPolicySize *int               `xml:"PackedPolicySize,omitempty"`
	SourceIdentity   string             `xml:"SourceIdentity,omitempty"`
	Subject          string             `xml:"Subject"`
	SubjectType      string             `xml:"SubjectType"`
	tokenSizeXML
}

// samlRequest is a validated AssumeRoleWithSAML request.
type samlRequest struct {
	role        roleRef
	provider    string
	providerAcc string
	providerNm  string
	assertion   string
	duration    int
	tokenMin    int // MinimumSessionTokenSize
	policies    sessionPolicies
}

func parseSAMLParams(p query.Params) (*samlRequest, error) {
	var v validation
	req := &samlRequest{}
	roleARN, ok := v.required(p, "RoleArn", "roleArn")
	if ok {
		v.pattern("roleArn", roleARN, patText, textRune)
		v.length("roleArn", roleARN, 20, 2048)
	}
	principal, ok := v.required(p, "PrincipalArn", "principalArn")
	if ok {
		v.pattern("principalArn", principal, patText, textRune)
		v.length("principalArn", principal, 20, 2048)
	}
	assertion, ok := v.required(p, "SAMLAssertion", "sAMLAssertion")
	if n := len(assertion); ok && (n < 4 || n > maxSAMLAssertion) {
		v.length("sAMLAssertion", assertion, 4, maxSAMLAssertion)
	}
	var err error
	if req.duration, _, err = v.durationSeconds(p, defaultDuration, maxRoleDuration); err != nil {
		return nil, err
	}
	if req.tokenMin, err = v.minimumTokenSize(p); err != nil {
		return nil, err
	}
	req.policies = v.sessionPolicies(p)
	if err := v.errWith(req.policies); err != nil {
		return nil, err
	}
	ref, ok := parseRoleARN(roleARN)
	if !ok {
		return nil, awserr.ValidationError("Request ARN is invalid")
	}
	req.role = ref
	acct, name, ok := samlProviderARN(principal)
	if !ok {
		return nil, awserr.ValidationError("Request ARN is invalid")
	}
	req.provider, req.providerAcc, req.providerNm = principal, acct, name
	req.assertion = assertion
	return req, nil
}

// samlProviderARN splits arn:PARTITION:iam::ACCOUNT:saml-provider/NAME.
func samlProviderARN(s string) (acct, name string, ok bool) {
	r, err := arns.ParseIAM(s)
	if err != nil || r.Type != "saml-provider" || r.Path != "/" || !arns.IsAccountID(r.Account) {
		return "", "", false
	}
	return r.Account, r.Name, true
}

// assumeRoleWithSAML serves AssumeRoleWithSAML
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html):
// the caller proves itself with a SAML Response signed by the IdP whose
// metadata the SAML provider in IAM holds.
func (h *Handler) assumeRoleWithSAML(ctx context.Context, p query.Params) (any, error) {
	req, err := parseSAMLParams(p)
	if err != nil {
		return nil, err
	}
	if err := h.checkSessionPolicy(req.policies); err != nil {
		return nil, err
	}
	now := h.now()

	var provider store.SAMLProvider
	r, providerFound, err := h.loadRoleAndProvider(ctx, req.role, req.providerAcc, store.KindSAMLProvider, strings.ToLower(req.providerNm), &provider)
	if err != nil {
		return nil, fmt.Errorf("load role and SAML provider: %w", err)
	}
	if !providerFound {
		return nil, invalidIdentityToken(msgSAMLNoProvider)
	}
	a, err := verifyAssertion(req.assertion, provider.Metadata)
	if err != nil {
		return nil, err
	}
	if err := checkAssertionValidity(a, now); err != nil {
		return nil, err
	}
	sessionName := first(a.Attributes[samlAttrRoleSessionName])
	if !samlSessionNameOK(sessionName) {
		return nil, invalidIdentityToken(msgSAMLSessionName)
	}
	if !samlOffersRole(a.Attributes[samlAttrRole], req.role.ARN, req.provider) {
		return nil, awserr.AccessDenied(msgSAMLDenied)
	}
	if r == nil {
		return nil, awserr.AccessDenied(msgSAMLDenied)
	}
	claims, err := readSAMLClaims(a, req.providerAcc, req.providerNm)
	if err != nil {
		return nil, err
	}
	packed, err := packedPolicySize(req.policies, tagPairs(claims.tags))
	if err != nil {
		return nil, err
	}
	cond := samlTrustContext(req, &provider, a, claims, sessionName)
	check := h.trustCheck("sts:AssumeRoleWithSAML", req.role, r, cond, federatedCaller(provider.ARN, a.NameID, now))
	if err := h.authorizeFederated(ctx, check, msgSAMLDenied, len(claims.tags) > 0, claims.sourceIdentity != ""); err != nil {
		return nil, err
	}

	if err := checkMaxSessionDuration(&r.role, req.duration); err != nil {
		return nil, err
	}
	sess := roleSession("AssumeRoleWithSAML", req.role, r, sessionName, now, req.duration)
	s := &sess
	s.Expiration = samlSessionEnd(s.Expiration, a, claims.sessionDuration, req.duration, now)
	s.Federated, s.Subject = provider.ARN, a.NameID
	// The keys a SAML role's permissions policies may test
	// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml_permission-policy),
	// as in the IAM User Guide's ${saml:namequalifier}/${saml:sub} folder
	// policy (id_roles_providers_saml.html); they were in the trust check
	// only, so such a policy allowed nothing (found by probing).
	s.Context = map[string][]string{"saml:sub": {a.NameID}, "saml:sub_type": {claims.subType}, "saml:namequalifier": {claims.nameQualifier}}
	s.Tags, s.TransitiveTags, s.SourceIdentity = claims.tags, claims.transitive, claims.sourceIdentity
	creds, err := h.issue(ctx, s, req.policies, req.tokenMin)
	if err != nil {
		return nil, err
	}
	return &assumeRoleWithSAMLResult{
		Audience:         a.Recipient,
		AssumedRoleUser:  assumedRoleUser(req.role.Partition, s),
		Credentials:      creds,
		Issuer:           a.Issuer,
		NameQualifier:    claims.nameQualifier,
		PackedPolicySize: packed,
		SourceIdentity:   claims.sourceIdentity,
		Subject:          a.NameID,
		SubjectType:      claims.subType,
		tokenSizeXML:     tokenSizeOf(creds.SessionToken),
	}, nil
}

// samlClaims is what a verified assertion asks of its session besides the
// role: the attributes' session tags, source identity and session
// duration, and the subject's type and name qualifier.
type samlClaims struct {
	tags                   map[string]string
	transitive             []string
	sourceIdentity         string
	sessionDuration        int // seconds; 0 when the assertion sets none
	subType, nameQualifier string
}

// readSAMLClaims reads the claims of assertion a, refusing attributes that
// break their rules.
func readSAMLClaims(a *saml.Assertion, providerAccount, providerName string) (samlClaims, error) {
	var c samlClaims
	var err error
	if c.tags, c.transitive, err = samlTags(a.Attributes); err != nil {
		return c, err
	}
	if c.sourceIdentity, err = samlSourceIdentity(a.Attributes); err != nil {
		return c, err
	}
	if c.sessionDuration, err = samlSessionDuration(a.Attributes); err != nil {
		return c, err
	}
	c.subType = strings.TrimPrefix(a.NameIDFormat, nameIDFormatPrefix)
	c.nameQualifier = samlNameQualifier(a.Issuer, providerAccount, providerName)
	return c, nil
}

// samlTrustContext is the request context of the role's trust check: the
// session name, the provider, the saml: keys and the attributes' keys,
// DurationSeconds when given, the source identity and the session tags.
func samlTrustContext(req *samlRequest, provider *store.SAMLProvider, a *saml.Assertion, c samlClaims, sessionName string) map[string][]string {
	cond := map[string][]string{
		"sts:RoleSessionName":   {sessionName},
		"aws:FederatedProvider": {provider.ARN},
		"saml:aud":              {a.Recipient},
		"saml:iss":              {a.Issuer},
		"saml:sub":              {a.NameID},
		"saml:sub_type":         {c.subType},
		"saml:namequalifier":    {c.nameQualifier},
		"saml:doc":              {req.providerAcc + "/" + provider.Name},
	}
	for k, v := range samlAttributeKeys(a.Attributes) {
		cond[k] = v
	}
	if c.sourceIdentity != "" {
		cond["sts:SourceIdentity"] = []string{c.sourceIdentity}
	}
	addTagContext(cond, tagPairs(c.tags), c.transitive)
	return cond
}

// samlSessionEnd is when a SAML session ends: after DurationSeconds (end),
// or earlier at the assertion's SessionNotOnOrAfter or after its
// SessionDuration attribute, whichever comes first.
func samlSessionEnd(end time.Time, a *saml.Assertion, sessionDuration, duration int, now time.Time) time.Time {
	if a.SessionNotOnOrAfter != nil && a.SessionNotOnOrAfter.Before(end) {
		end = *a.SessionNotOnOrAfter
	}
	if sessionDuration > 0 && sessionDuration < duration {
		if limit := now.Add(time.Duration(sessionDuration) * time.Second); limit.Before(end) {
			end = limit
		}
	}
	return end
}

// verifyAssertion decodes the base64 SAML Response, checks its signature
// against the provider metadata's certificates and its issuer against the
// metadata's entity id.
func verifyAssertion(assertion, metadata string) (*saml.Assertion, error) {
	md, err := saml.ParseMetadata([]byte(metadata))
	if err != nil {
		return nil, invalidIdentityToken(msgSAMLNoProvider)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(assertion))
	if err != nil {
		return nil, invalidIdentityToken(msgSAMLInvalid)
	}
	a, err := saml.Verify(raw, md.Certs)
	switch {
	case errors.Is(err, saml.ErrSignature):
		return nil, invalidIdentityToken(msgSAMLSignature)
	case err != nil:
		return nil, invalidIdentityToken(msgSAMLInvalid)
	}
	if a.Issuer != md.EntityID {
		return nil, invalidIdentityToken(msgSAMLIssuer)
	}
	return a, nil
}

// checkAssertionValidity checks the assertion's times (redeemed within five
// minutes of issue, not expired, valid now give or take a minute) and that
// one audience is an AWS sign-in endpoint.
func checkAssertionValidity(a *saml.Assertion, now time.Time) error {
	if now.After(a.IssueInstant.Add(samlRedeemWindow)) {
		return awserr.New("ExpiredTokenException", http.StatusBadRequest, msgSAMLRedeem)
	}
	for _, t := range []*time.Time{a.NotOnOrAfter, a.ConfirmationNotAfter} {
		if t != nil && !now.Before(*t) {
			return awserr.New("ExpiredTokenException", http.StatusBadRequest, msgSAMLExpired)
		}
	}
	if a.NotBefore != nil && now.Add(time.Minute).Before(*a.NotBefore) {
		return invalidIdentityToken(msgSAMLNotYetValid)
	}
	if a.Confirmations != 1 || a.ConfirmationNotAfter == nil || !samlRecipientOK(a.Recipient) {
		return invalidIdentityToken(msgSAMLConfirmation)
	}
	if !samlForAWS(a.AudienceRestrictions) {
		return invalidIdentityToken(msgSAMLAudience)
	}
	return nil
}

// samlForAWS reports whether the assertion's audience restrictions admit
// AWS: there is one, and each names an AWS audience. Each
// AudienceRestriction "MUST be evaluated independently", so several form a
// conjunction (SAML 2.0 Core, saml-core-2.0-os, 2.5.1.4); fakeaws accepted
// an assertion restricted to AWS and, in a second restriction, only to
// another party, which no party satisfies (found by probing).
func samlForAWS(restrictions [][]string) bool {
	for _, r := range restrictions {
		if !slices.ContainsFunc(r, samlAudienceOK) {
			return false
		}
	}
	return len(restrictions) > 0
}

// samlAttributeKeys maps SAML attribute names to the trust policy keys
// they set, as the IAM User Guide's "Mapping SAML attributes to AWS trust
// policy context keys" tables give them
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html#saml-attribute-mapping):
// eduPerson and eduOrg attributes by their urn:oid names, Active Directory
// claims by their URIs, X.500 attributes by their bare OIDs (2.4.5.42 and
// 0.9.2342.19200300.100.1.45 as the table writes them, and their correct
// forms 2.5.4.42 and 0.9.2342.19200300100.1.45). The table's
// primarygroupsid row, which names uid, is left out (docs/deviations.md).
var samlAttributeKeyNames = map[string]string{
	"urn:oid:1.3.6.1.4.1.5923.1.1.1.1":  "saml:edupersonaffiliation",
	"urn:oid:1.3.6.1.4.1.5923.1.1.1.2":  "saml:edupersonnickname",
	"urn:oid:1.3.6.1.4.1.5923.1.1.1.3":  "saml:edupersonorgdn",
	"urn:oid:1.3.6.1.4.1.5923.1.1.1.4":  "saml:edupersonorgunitdn",
	"urn:oid:1.3.6.1.4.1.5923.1.1.1.5":  "saml:edupersonprimaryaffiliation",
	"urn:oid:1.3.6.1.4.1.5923.1.1.1.6":  "saml:edupersonprincipalname",
	"urn:oid:1.3.6.1.4.1.5923.1.1.1.7":  "saml:edupersonentitlement",
	"urn:oid:1.3.6.1.4.1.5923.1.1.1.8":  "saml:edupersonprimaryorgunitdn",
	"urn:oid:1.3.6.1.4.1.5923.1.1.1.9":  "saml:edupersonscopedaffiliation",
	"urn:oid:1.3.6.1.4.1.5923.1.1.1.10": "saml:edupersontargetedid",
	"urn:oid:1.3.6.1.4.1.5923.1.1.1.11": "saml:edupersonassurance",
	"urn:oid:1.3.6.1.4.1.5923.1.2.1.2":  "saml:eduorghomepageuri",
	"urn:oid:1.3.6.1.4.1.5923.1.2.1.3":  "saml:eduorgidentityauthnpolicyuri",
	"urn:oid:1.3.6.1.4.1.5923.1.2.1.4":  "saml:eduorglegalname",
	"urn:oid:1.3.6.1.4.1.5923.1.2.1.5":  "saml:eduorgsuperioruri",
	"urn:oid:1.3.6.1.4.1.5923.1.2.1.6":  "saml:eduorgwhitepagesuri",
	"urn:oid:2.5.4.3":                   "saml:cn",

	"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name":         "saml:name",
	"http://schemas.xmlsoap.org/claims/CommonName":                       "saml:commonName",
	"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname":    "saml:givenName",
	"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname":      "saml:surname",
	"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress": "saml:mail",

	"2.5.4.3":                    "saml:commonName",
	"2.5.4.4":                    "saml:surname",
	"2.5.4.42":                   "saml:givenName",
	"2.4.5.42":                   "saml:givenName",
	"2.5.4.45":                   "saml:x500UniqueIdentifier",
	"0.9.2342.19200300100.1.1":   "saml:uid",
	"0.9.2342.19200300100.1.3":   "saml:mail",
	"0.9.2342.19200300100.1.45":  "saml:organizationStatus",
	"0.9.2342.19200300.100.1.45": "saml:organizationStatus",
}

// samlAttributeKeys are the trust policy keys the assertion's attributes
// set (samlAttributeKeyNames). fakeaws set none of them, so a trust policy
// testing saml:edupersonaffiliation or saml:mail never matched (found by
// probing).
func samlAttributeKeys(attrs map[string][]string) map[string][]string {
	keys := map[string][]string{}
	names := slices.Sorted(maps.Keys(attrs))
	for _, name := range names {
		k, ok := samlAttributeKeyNames[name]
		if _, taken := keys[k]; ok && !taken && len(attrs[name]) > 0 {
			// "If you include more than one, only one claim will be
			// mapped": the first by name, so the choice is stable.
			keys[k] = attrs[name]
		}
	}
	return keys
}

// samlRecipientOK reports whether recipient, the SubjectConfirmationData
// Recipient, is an AWS SAML sign-in endpoint (global or regional).
//
// "There must be exactly one SubjectConfirmation element with a
// SubjectConfirmationData element that includes both the NotOnOrAfter
// attribute and a Recipient attribute. These attributes include a value
// that must match the AWS endpoint"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html#saml_subject-name-id).
// fakeaws took an assertion without one, with several, without
// NotOnOrAfter, or confirmed for another service provider's endpoint
// (found by probing); saml:aud then named that endpoint.
func samlRecipientOK(recipient string) bool {
	return recipient != "urn:amazon:webservices" && samlAudienceOK(recipient)
}

// samlNameQualifier is BASE64(SHA1(issuer + account + "/" + provider name)),
// as the AssumeRoleWithSAML reference gives it.
func samlNameQualifier(issuer, account, providerName string) string {
	sum := sha1.Sum([]byte(issuer + account + "/" + providerName))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// samlOffersRole reports whether one of the Role attribute values pairs
// roleARN with providerARN ("role,provider" or "provider,role").
func samlOffersRole(values []string, roleARN, providerARN string) bool {
	for _, v := range values {
		a, b, ok := strings.Cut(v, ",")
		if !ok {
			continue
		}
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if a == roleARN && b == providerARN || a == providerARN && b == roleARN {
			return true
		}
	}
	return false
}

// samlTags reads the PrincipalTag:KEY and TransitiveTagKeys attributes
// and checks them by the session tag rules (idpSessionTags).
func samlTags(attrs map[string][]string) (map[string]string, []string, error) {
	var list []idpTag
	for name, vals := range attrs {
		k, ok := strings.CutPrefix(name, samlAttrPrincipalTag)
		if !ok {
			continue
		}
		list = append(list, idpTag{key: k, values: vals, ok: true})
	}
	return idpSessionTags(list, attrs[samlAttrTransitiveTags])
}

// samlSourceIdentity reads the SourceIdentity attribute: "" when absent,
// else one value of 2 to 64 characters of [a-zA-Z_0-9+=,.@-], as for
// AssumeRole ("Things to know about source identity",
// id_credentials_temp_control-access_monitor.html). fakeaws took the first
// of several values and any text.
func samlSourceIdentity(attrs map[string][]string) (string, error) {
	vals, present := attrs[samlAttrSourceIdentity]
	if !present {
		return "", nil
	}
	if len(vals) != 1 || !samlSessionNameOK(vals[0]) {
		return "", invalidIdentityToken(msgSourceIdentity)
	}
	return vals[0], nil
}

// samlSessionDuration reads the SessionDuration attribute: 0 when absent.
// It governs console sessions, but "if it is present in an
// AssumeRoleWithSAML API call, it can be used to shorten the duration of
// the session"; its value is one whole number of seconds from 900 to 43200
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html#saml_role-session-duration).
// fakeaws ignored it, so the credentials outlived what the IdP allowed
// (found by probing).
func samlSessionDuration(attrs map[string][]string) (int, error) {
	vals, present := attrs[samlAttrSessionDuration]
	if !present {
		return 0, nil
	}
	if len(vals) != 1 {
		return 0, invalidIdentityToken(msgSAMLSessionDuration)
	}
	n, err := strconv.Atoi(strings.TrimSpace(vals[0]))
	if err != nil || n < minDuration || n > maxRoleDuration {
		return 0, invalidIdentityToken(msgSAMLSessionDuration)
	}
	return n, nil
}

func first(vals []string) string {
	if len(vals) == 0 {
		return ""
	}
	return vals[0]
}
