package sts

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// GetFederationToken limits
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html).
const (
	federationDefault = 43200
	federationMax     = 129600
)

type federatedUserXML struct {
	FederatedUserID string `xml:"FederatedUserId"`
	Arn             string `xml:"Arn"`
}

type getFederationTokenResult struct {
	XMLName          xml.Name         `xml:"GetFederationTokenResult"`
	Credentials      credentialsXML   `xml:"Credentials"`
	FederatedUser    federatedUserXML `xml:"FederatedUser"`
	PackedPolicySize *int             `xml:"PackedPolicySize,omitempty"`
}

// FederatedUserARN is the ARN of a federated user session:
// arn:aws:sts::ACCOUNT:federated-user/NAME.
func FederatedUserARN(partition, account, name string) string {
	if partition == "" {
		partition = "aws"
	}
	return "arn:" + partition + ":sts::" + account + ":federated-user/" + name
}

// federationRequest is a validated GetFederationToken request.
type federationRequest struct {
	name       string
	duration   int
	policy     string
	policyARNs []string
	tags       [][2]string
}

func parseFederationParams(p query.Params) (*federationRequest, error) {
	var v validation
	req := &federationRequest{duration: federationDefault}
	name, ok := optional(p, "Name")
	if !ok {
		v.fail("name", nil, "Member must not be null")
	} else {
		v.length("name", name, 2, 32)
		v.pattern("name", name, patSessionName, sessionNameRune)
	}
	req.name = name
	if d, ok := optional(p, "DurationSeconds"); ok {
		n, err := strconv.Atoi(d)
		if err != nil {
			return nil, awserr.ValidationError("Value '" + d + "' at 'durationSeconds' failed to satisfy constraint: Member must be a number")
		}
		if n < minDuration {
			v.fail("durationSeconds", &d, "Member must have value greater than or equal to 900")
		}
		if n > federationMax {
			v.fail("durationSeconds", &d, "Member must have value less than or equal to 129600")
		}
		req.duration = n
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
	req.tags = p.Pairs("Tags.member", "Key", "Value")
	if len(req.tags) > maxSessionTags {
		n := strconv.Itoa(len(req.tags)) + " tags"
		v.fail("tags", &n, "Member must have length less than or equal to 50")
	}
	for i, t := range req.tags {
		m := "tags." + strconv.Itoa(i+1) + ".member."
		v.length(m+"key", t[0], 1, 128)
		v.pattern(m+"key", t[0], patTagKey, tagRune)
		v.length(m+"value", t[1], 0, 256)
		v.pattern(m+"value", t[1], patTagValue, tagRune)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if len([]rune(req.policy)) > maxPolicyChars {
		return nil, awserr.ValidationError("1 validation error detected: Value '" + req.policy +
			"' at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048")
	}
	return req, nil
}

// getFederationToken serves GetFederationToken: temporary credentials for a
// federated user, acting with the calling IAM user's (or root's)
// permissions capped by the session policies. Without session policies the
// federated user has no permissions
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html).
func (h *Handler) getFederationToken(ctx context.Context, p query.Params) (any, error) {
	info := authn.FromContext(ctx)
	caller := &info.Caller
	req, err := parseFederationParams(p)
	if err != nil {
		return nil, err
	}
	if caller.Anonymous() {
		return nil, awserr.New("MissingAuthenticationToken", http.StatusForbidden,
			"Request is missing Authentication Token")
	}
	if caller.Session != nil {
		return nil, awserr.AccessDenied("Cannot call GetFederationToken with session credentials")
	}
	if req.policy != "" {
		if _, err := h.authz.Parse(req.policy, evaluator.KindSession); err != nil {
			return nil, malformedPolicy(err)
		}
	}
	seen := map[string]bool{}
	for _, t := range req.tags {
		k := strings.ToLower(t[0])
		if seen[k] {
			return nil, awserr.InvalidParameterValue("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
		}
		seen[k] = true
	}
	packed := 0
	hasPacked := req.policy != "" || len(req.policyARNs) > 0 || len(req.tags) > 0
	if hasPacked {
		packed = packedSize(req.policy, req.policyARNs, req.tags)
		if packed > 100 {
			return nil, awserr.Newf("PackedPolicyTooLarge", http.StatusBadRequest,
				"Packed policy consumes %d%% of allotted space, please use smaller policy for request.", packed)
		}
	}

	fedARN := FederatedUserARN("aws", caller.Account, req.name)
	check := authz.Check{Action: "sts:GetFederationToken", Resource: fedARN}
	if len(req.tags) > 0 {
		cond := map[string][]string{}
		keys := make([]string, 0, len(req.tags))
		for _, t := range req.tags {
			cond["aws:RequestTag/"+t[0]] = []string{t[1]}
			keys = append(keys, t[0])
		}
		cond["aws:TagKeys"] = keys
		check.Context = cond
	}
	if err := h.authz.Authorize(ctx, check); err != nil {
		return nil, err
	}
	if len(req.tags) > 0 {
		check.Action = "sts:TagSession"
		if err := h.authz.Authorize(ctx, check); err != nil {
			return nil, err
		}
	}
	duration := req.duration
	if caller.Root() && duration > rootSessionMax {
		// "If the specified duration is longer than one hour, the session
		// obtained by using root user credentials defaults to one hour."
		duration = rootSessionMax
	}
	tags, err := h.federationTags(ctx, caller, req.tags)
	if err != nil {
		return nil, err
	}
	now := h.now()
	s := &store.Session{
		Account:     caller.Account,
		Kind:        "GetFederationToken",
		Issued:      now,
		Expiration:  now.Add(time.Duration(duration) * time.Second),
		SessionName: req.name,
		PolicyARNs:  req.policyARNs,
		Tags:        tags,
	}
	if !caller.Root() {
		s.UserName = caller.UserName
	}
	if req.policy != "" {
		s.SessionPolicies = []string{req.policy}
	}
	if info.SourceIP != "" {
		s.Context = map[string][]string{"aws:SourceIp": {info.SourceIP}}
	}
	if err := h.issue(ctx, s, "", ""); err != nil {
		return nil, err
	}
	out := &getFederationTokenResult{
		Credentials:   credentialsOf(s),
		FederatedUser: federatedUserXML{FederatedUserID: caller.Account + ":" + req.name, Arn: fedARN},
	}
	if hasPacked {
		out.PackedPolicySize = &packed
	}
	return out, nil
}

// federationTags are the principal tags of a federated user: the calling
// IAM user's tags, overridden by the session tags with the same key (keys
// compare case-insensitively).
func (h *Handler) federationTags(ctx context.Context, caller *authn.Caller, req [][2]string) (map[string]string, error) {
	tags := map[string]string{}
	if !caller.Root() && caller.UserName != "" {
		var u store.User
		err := h.db.View(ctx, func(tx *store.Tx) error {
			return tx.Get(caller.Account, store.KindUser, strings.ToLower(caller.UserName), &u)
		})
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("load user %s: %w", caller.UserName, err)
		}
		for _, t := range u.Tags {
			tags[t.Key] = t.Value
		}
	}
	for _, t := range req {
		for k := range tags {
			if strings.EqualFold(k, t[0]) {
				delete(tags, k)
			}
		}
		tags[t[0]] = t[1]
	}
	if len(tags) == 0 {
		return nil, nil
	}
	return tags, nil
}
