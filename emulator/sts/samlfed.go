package sts

import (
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/iam"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/sts/saml"
	"github.com/fakeaws/fakeaws/evaluator"
)

// SAML attribute names AWS reads
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html).
const (
	samlAttrPrefix          = "https://aws.amazon.com/SAML/Attributes/"
	samlAttrRole            = samlAttrPrefix + "Role"
	samlAttrRoleSessionName = samlAttrPrefix + "RoleSessionName"
	samlAttrSourceIdentity  = samlAttrPrefix + "SourceIdentity"
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
	msgSAMLExpired     = "Token is expired"
	msgSAMLInvalid     = "Invalid SAML response"
	msgSAMLAudience    = "Audience restriction not satisfied"
	msgSAMLNotYetValid = "Token is not yet valid"
)

var sessionNameRE = regexp.MustCompile(`^[a-zA-Z_0-9+=,.@-]{2,64}$`)

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
}

// samlRequest is a validated AssumeRoleWithSAML request.
type samlRequest struct {
	role        roleRef
	provider    string
	providerAcc string
	providerNm  string
	assertion   string
	duration    int
	durationSet bool
	policy      string
	policyARNs  []string
}

func parseSAMLParams(p query.Params) (*samlRequest, error) {
	var v validation
	req := &samlRequest{duration: defaultDuration}
	roleARN, ok := optional(p, "RoleArn")
	if !ok {
		v.fail("roleArn", nil, "Member must not be null")
	} else {
		v.length("roleArn", roleARN, 20, 2048)
	}
	principal, ok := optional(p, "PrincipalArn")
	if !ok {
		v.fail("principalArn", nil, "Member must not be null")
	} else {
		v.length("principalArn", principal, 20, 2048)
	}
	assertion, ok := optional(p, "SAMLAssertion")
	if !ok {
		v.fail("sAMLAssertion", nil, "Member must not be null")
	} else if n := len(assertion); n < 4 || n > maxSAMLAssertion {
		v.length("sAMLAssertion", assertion, 4, maxSAMLAssertion)
	}
	if d, ok := optional(p, "DurationSeconds"); ok {
		n, err := strconv.Atoi(d)
		if err != nil {
			return nil, awserr.ValidationError("Value '" + d + "' at 'durationSeconds' failed to satisfy constraint: Member must be a number")
		}
		if n < minDuration {
			v.fail("durationSeconds", &d, "Member must have value greater than or equal to 900")
		}
		if n > maxRoleDuration {
			v.fail("durationSeconds", &d, "Member must have value less than or equal to 43200")
		}
		req.duration, req.durationSet = n, true
	}
	if pol, ok := optional(p, "Policy"); ok {
		v.length("policy", pol, 1, 100000)
		v.pattern("policy", pol, patText, textRune)
		req.policy = pol
	}
	req.policyARNs = p.List("PolicyArns.member", "arn")
	if len(req.policyARNs) > maxPolicyARNs {
		n := "[" + strings.Join(req.policyARNs, ", ") + "]"
		v.fail("policyArns", &n, "Member must have length less than or equal to 10")
	}
	for i, a := range req.policyARNs {
		v.length("policyArns."+strconv.Itoa(i+1)+".member.arn", a, 20, 2048)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if len([]rune(req.policy)) > maxPolicyChars {
		return nil, awserr.ValidationError("1 validation error detected: Value '" + req.policy +
			"' at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048")
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
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "iam" || parts[3] != "" || !isAccountID(parts[4]) {
		return "", "", false
	}
	name, ok = strings.CutPrefix(parts[5], "saml-provider/")
	if !ok || name == "" || strings.Contains(name, "/") {
		return "", "", false
	}
	return parts[4], name, true
}

// assumeRoleWithSAML serves AssumeRoleWithSAML
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html):
// the caller proves itself with a SAML Response signed by the IdP whose
// metadata the SAML provider in IAM holds.
func (h *Handler) assumeRoleWithSAML(ctx context.Context, p query.Params) (any, error) {
	info := authn.FromContext(ctx)
	req, err := parseSAMLParams(p)
	if err != nil {
		return nil, err
	}
	if req.policy != "" {
		if _, err := h.authz.Parse(req.policy, evaluator.KindSession); err != nil {
			return nil, malformedPolicy(err)
		}
	}
	now := h.now()

	var provider store.SAMLProvider
	var role store.Role
	var trustDoc string
	providerFound, roleFound := true, true
	err = h.db.View(ctx, func(tx *store.Tx) error {
		err := tx.Get(req.providerAcc, store.KindSAMLProvider, strings.ToLower(req.providerNm), &provider)
		if errors.Is(err, store.ErrNotFound) {
			providerFound = false
		} else if err != nil {
			return err
		}
		err = tx.Get(req.role.Account, store.KindRole, strings.ToLower(req.role.Name), &role)
		if errors.Is(err, store.ErrNotFound) {
			roleFound = false
			return nil
		}
		if err != nil {
			return err
		}
		trustDoc, err = iam.TrustPolicy(tx, &role)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load role and SAML provider: %w", err)
	}
	if !providerFound {
		return nil, invalidIdentityToken(msgSAMLNoProvider)
	}
	md, err := saml.ParseMetadata([]byte(provider.Metadata))
	if err != nil {
		return nil, invalidIdentityToken(msgSAMLNoProvider)
	}

	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(req.assertion))
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
	if now.After(a.IssueInstant.Add(samlRedeemWindow)) {
		return nil, awserr.New("ExpiredTokenException", http.StatusBadRequest, msgSAMLRedeem)
	}
	for _, t := range []*time.Time{a.NotOnOrAfter, a.ConfirmationNotAfter} {
		if t != nil && !now.Before(*t) {
			return nil, awserr.New("ExpiredTokenException", http.StatusBadRequest, msgSAMLExpired)
		}
	}
	if a.NotBefore != nil && now.Add(time.Minute).Before(*a.NotBefore) {
		return nil, invalidIdentityToken(msgSAMLNotYetValid)
	}
	audOK := false
	for _, aud := range a.Audiences {
		audOK = audOK || samlAudienceOK(aud)
	}
	if !audOK {
		return nil, invalidIdentityToken(msgSAMLAudience)
	}
	sessionName := first(a.Attributes[samlAttrRoleSessionName])
	if !sessionNameRE.MatchString(sessionName) {
		return nil, invalidIdentityToken(msgSAMLSessionName)
	}
	if !samlOffersRole(a.Attributes[samlAttrRole], req.role.ARN, req.provider) {
		return nil, awserr.AccessDenied(msgSAMLDenied)
	}
	if !roleFound {
		return nil, awserr.AccessDenied(msgSAMLDenied)
	}
	tags, transitive, err := samlTags(a.Attributes)
	if err != nil {
		return nil, err
	}
	sourceIdentity := first(a.Attributes[samlAttrSourceIdentity])
	packed := 0
	hasPacked := req.policy != "" || len(req.policyARNs) > 0 || len(tags) > 0
	if hasPacked {
		packed = packedSize(req.policy, req.policyARNs, tagPairs(tags))
		if packed > 100 {
			return nil, awserr.Newf("PackedPolicyTooLarge", http.StatusBadRequest,
				"Packed policy consumes %d%% of allotted space, please use smaller policy for request.", packed)
		}
	}

	subType := strings.TrimPrefix(a.NameIDFormat, nameIDFormatPrefix)
	nameQualifier := samlNameQualifier(a.Issuer, req.providerAcc, req.providerNm)
	cond := map[string][]string{
		"sts:RoleSessionName":   {sessionName},
		"aws:FederatedProvider": {provider.ARN},
		"saml:aud":              {a.Recipient},
		"saml:iss":              {a.Issuer},
		"saml:sub":              {a.NameID},
		"saml:sub_type":         {subType},
		"saml:namequalifier":    {nameQualifier},
		"saml:doc":              {req.providerAcc + "/" + provider.Name},
	}
	if req.durationSet {
		cond["sts:DurationSeconds"] = []string{strconv.Itoa(req.duration)}
	}
	if sourceIdentity != "" {
		cond["sts:SourceIdentity"] = []string{sourceIdentity}
	}
	if len(tags) > 0 {
		keys := make([]string, 0, len(tags))
		for k, v := range tags {
			cond["aws:RequestTag/"+k] = []string{v}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		cond["aws:TagKeys"] = keys
	}
	if len(transitive) > 0 {
		cond["sts:TransitiveTagKeys"] = transitive
	}
	trust, _ := h.authz.Parse(trustDoc, evaluator.KindTrust)
	federated := &authn.Caller{
		Type:    evaluator.PrincipalFederatedUser,
		ARN:     provider.ARN,
		UserID:  provider.ARN + ":" + a.NameID,
		Session: &store.Session{Federated: provider.ARN, Issued: now, Subject: a.NameID},
	}
	check := authz.Check{
		Action:          "sts:AssumeRoleWithSAML",
		Resource:        role.ARN,
		ResourceAccount: req.role.Account,
		ResourceKind:    evaluator.KindTrust,
		Context:         cond,
		Caller:          federated,
	}
	if trust != nil {
		check.ResourcePolicy = &evaluator.NamedPolicy{Name: "trust policy of role/" + role.Name, Policy: trust}
	}
	if !h.allowed(ctx, check) {
		return nil, awserr.AccessDenied(msgSAMLDenied)
	}
	if len(tags) > 0 {
		check.Action = "sts:TagSession"
		if !h.allowed(ctx, check) {
			return nil, awserr.AccessDenied("Not authorized to perform sts:TagSession")
		}
	}
	if sourceIdentity != "" {
		check.Action = "sts:SetSourceIdentity"
		if !h.allowed(ctx, check) {
			return nil, awserr.AccessDenied("Not authorized to perform sts:SetSourceIdentity")
		}
	}

	maxDur := role.MaxSessionDuration
	if maxDur == 0 {
		maxDur = defaultDuration
	}
	if req.duration > maxDur {
		return nil, awserr.ValidationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	// The session lasts DurationSeconds or until the assertion's
	// SessionNotOnOrAfter, whichever comes first.
	expires := now.Add(time.Duration(req.duration) * time.Second)
	if a.SessionNotOnOrAfter != nil && a.SessionNotOnOrAfter.Before(expires) {
		expires = *a.SessionNotOnOrAfter
	}
	s := &store.Session{
		Account:        req.role.Account,
		Kind:           "AssumeRoleWithSAML",
		Issued:         now,
		Expiration:     expires,
		RoleName:       role.Name,
		RoleARN:        role.ARN,
		RoleID:         role.ID,
		SessionName:    sessionName,
		Federated:      provider.ARN,
		Subject:        a.NameID,
		PolicyARNs:     req.policyARNs,
		Tags:           tags,
		TransitiveTags: transitive,
		SourceIdentity: sourceIdentity,
	}
	if req.policy != "" {
		s.SessionPolicies = []string{req.policy}
	}
	if info.SourceIP != "" {
		s.Context = map[string][]string{"aws:SourceIp": {info.SourceIP}}
	}
	if err := h.issue(ctx, s, req.role.Account, role.Name); err != nil {
		return nil, err
	}
	out := &assumeRoleWithSAMLResult{
		Audience:        a.Recipient,
		AssumedRoleUser: assumedRoleUser(req.role.Partition, s),
		Credentials:     credentialsOf(s),
		Issuer:          a.Issuer,
		NameQualifier:   nameQualifier,
		SourceIdentity:  sourceIdentity,
		Subject:         a.NameID,
		SubjectType:     subType,
	}
	if hasPacked {
		out.PackedPolicySize = &packed
	}
	return out, nil
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

// samlTags reads the PrincipalTag:KEY and TransitiveTagKeys attributes.
func samlTags(attrs map[string][]string) (map[string]string, []string, error) {
	tags := map[string]string{}
	seen := map[string]bool{}
	for name, vals := range attrs {
		k, ok := strings.CutPrefix(name, samlAttrPrincipalTag)
		if !ok || k == "" {
			continue
		}
		if seen[strings.ToLower(k)] {
			return nil, nil, awserr.InvalidParameterValue("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
		}
		seen[strings.ToLower(k)] = true
		tags[k] = first(vals)
	}
	if len(tags) > maxSessionTags {
		return nil, nil, awserr.InvalidParameterValue("The number of session tags exceeds the limit of 50.")
	}
	var transitive []string
	for _, k := range attrs[samlAttrTransitiveTags] {
		if _, ok := tags[k]; ok {
			transitive = append(transitive, k)
		}
	}
	if len(tags) == 0 {
		tags = nil
	}
	return tags, transitive, nil
}

func first(vals []string) string {
	if len(vals) == 0 {
		return ""
	}
	return vals[0]
}
