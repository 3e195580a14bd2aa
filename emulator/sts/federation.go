package sts

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
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
	tokenSizeXML
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
	name     string
	duration int
	tokenMin int // MinimumSessionTokenSize
	policies sessionPolicies
	tags     [][2]string
}

func parseFederationParams(p query.Params) (*federationRequest, error) {
	var v validation
	req := &federationRequest{}
	name, ok := v.required(p, "Name", "name")
	if ok {
		v.length("name", name, 2, 32)
		v.pattern("name", name, patSessionName, sessionNameRune)
	}
	req.name = name
	var err error
	if req.duration, _, err = v.durationSeconds(p, federationDefault, federationMax); err != nil {
		return nil, err
	}
	if req.tokenMin, err = v.minimumTokenSize(p); err != nil {
		return nil, err
	}
	req.policies = v.sessionPolicies(p)
	req.tags = v.tags(p)
	if err := v.errWith(req.policies); err != nil {
		return nil, err
	}
	return req, nil
}

// getFederationToken serves GetFederationToken: temporary credentials for a
// federated user, acting with the calling IAM user's (or root's)
// permissions capped by the session policies. Without session policies the
// federated user has no permissions
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html).
func (h *Handler) getFederationToken(ctx context.Context, p query.Params) (any, error) {
	caller := &authn.FromContext(ctx).Caller
	req, err := parseFederationParams(p)
	if err != nil {
		return nil, err
	}
	if caller.Anonymous() {
		return nil, errMissingAuthToken()
	}
	if caller.Session != nil {
		return nil, awserr.AccessDenied("Cannot call GetFederationToken with session credentials")
	}
	if err := h.checkSessionPolicy(req.policies); err != nil {
		return nil, err
	}
	if _, err := uniqueTagKeys(req.tags); err != nil {
		return nil, err
	}
	packed, err := packedPolicySize(req.policies, req.tags)
	if err != nil {
		return nil, err
	}
	if packed == nil {
		// GetFederationToken reports PackedPolicySize 0 without session
		// policies or tags (AssumeRole leaves it out): recorded from AWS,
		// LocalStack tests/aws/services/sts/test_sts.snapshot.json,
		// TestSTSIntegrations::test_get_federation_token.
		zero := 0
		packed = &zero
	}

	fedARN := FederatedUserARN("aws", caller.Account, req.name)
	check := authz.Check{Action: "sts:GetFederationToken", Resource: fedARN}
	if len(req.tags) > 0 {
		check.Context = map[string][]string{}
		addTagContext(check.Context, req.tags, nil)
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
		Tags:        tags,
	}
	if !caller.Root() {
		s.UserName, s.UserID = caller.UserName, userID(caller)
	}
	creds, err := h.issue(ctx, s, req.policies, req.tokenMin)
	if err != nil {
		return nil, err
	}
	return &getFederationTokenResult{
		Credentials:      creds,
		FederatedUser:    federatedUserXML{FederatedUserID: caller.Account + ":" + req.name, Arn: fedARN},
		PackedPolicySize: packed,
		tokenSizeXML:     tokenSizeOf(creds.SessionToken),
	}, nil
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
