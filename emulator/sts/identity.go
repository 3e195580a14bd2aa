package sts

import (
	"context"
	"encoding/base32"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"time"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// GetSessionToken limits
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html).
const (
	sessionTokenDefault = 43200
	sessionTokenMax     = 129600
	rootSessionMax      = 3600
)

type getCallerIdentityResult struct {
	XMLName xml.Name `xml:"GetCallerIdentityResult"`
	Arn     string   `xml:"Arn"`
	UserID  string   `xml:"UserId"`
	Account string   `xml:"Account"`
}

// getCallerIdentity serves GetCallerIdentity. It needs no permission: an
// explicit deny does not stop it, as on AWS.
func (h *Handler) getCallerIdentity(ctx context.Context, _ query.Params) (any, error) {
	c := &authn.FromContext(ctx).Caller
	if c.Anonymous() {
		return nil, errMissingAuthToken()
	}
	return &getCallerIdentityResult{Arn: c.ARN, UserID: c.UserID, Account: c.Account}, nil
}

type getSessionTokenResult struct {
	XMLName     xml.Name       `xml:"GetSessionTokenResult"`
	Credentials credentialsXML `xml:"Credentials"`
	tokenSizeXML
}

// getSessionToken serves GetSessionToken: temporary credentials that act as
// the calling IAM user (or root), optionally MFA-authenticated.
func (h *Handler) getSessionToken(ctx context.Context, p query.Params) (any, error) {
	caller := &authn.FromContext(ctx).Caller
	var v validation
	duration, _, err := v.durationSeconds(p, sessionTokenDefault, sessionTokenMax)
	if err != nil {
		return nil, err
	}
	tokenMin, err := v.minimumTokenSize(p)
	if err != nil {
		return nil, err
	}
	serial, code := v.mfa(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	if caller.Anonymous() {
		return nil, errMissingAuthToken()
	}
	if caller.Session != nil {
		return nil, awserr.AccessDenied("Cannot call GetSessionToken with session credentials")
	}
	if (serial == nil) != (code == nil) {
		return nil, awserr.AccessDenied("MultiFactorAuthentication failed, unable to validate MFA code")
	}
	now := h.now()
	if caller.Root() && duration > rootSessionMax {
		// "Sessions for AWS account owners ... default to one hour."
		duration = rootSessionMax
	}
	var mfaTime *time.Time
	if serial != nil {
		var dev *store.MFADevice
		err := h.db.View(ctx, func(tx *store.Tx) error {
			var err error
			dev, err = readMFADevice(tx, caller.Account, *serial)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("load MFA device: %w", err)
		}
		if !mfaValid(dev, caller, *code, now) {
			return nil, awserr.AccessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code.")
		}
		mfaTime = &now
	}
	s := &store.Session{
		Account:     caller.Account,
		Kind:        "GetSessionToken",
		Issued:      now,
		Expiration:  now.Add(time.Duration(duration) * time.Second),
		UserName:    caller.UserName,
		UserID:      userID(caller),
		MFA:         mfaTime != nil,
		MFAAuthTime: mfaTime,
	}
	creds, err := h.issue(ctx, s, sessionPolicies{}, tokenMin)
	if err != nil {
		return nil, err
	}
	return &getSessionTokenResult{Credentials: creds, tokenSizeXML: tokenSizeOf(creds.SessionToken)}, nil
}

type getAccessKeyInfoResult struct {
	XMLName xml.Name `xml:"GetAccessKeyInfoResult"`
	Account string   `xml:"Account"`
}

// getAccessKeyInfo serves GetAccessKeyInfo: the account that owns a key.
func (h *Handler) getAccessKeyInfo(ctx context.Context, p query.Params) (any, error) {
	var v validation
	id, ok := optional(p, "AccessKeyId")
	switch {
	case arns.IsAccountID(id):
		// fakeaws's root keys are the account id itself (see CONTRACT.md).
		if err := h.authz.Authorize(ctx, authz.Check{Action: "sts:GetAccessKeyInfo", Resource: "*"}); err != nil {
			return nil, err
		}
		return &getAccessKeyInfoResult{Account: id}, nil
	case !ok:
		v.fail("accessKeyId", nil, "Member must not be null")
	default:
		v.length("accessKeyId", id, 16, 128)
		v.pattern("accessKeyId", id, `[\w]*`, isWordRune)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authz.Authorize(ctx, authz.Check{Action: "sts:GetAccessKeyInfo", Resource: "*"}); err != nil {
		return nil, err
	}
	var account string
	err := h.db.View(ctx, func(tx *store.Tx) error {
		var k store.AccessKey
		if err := tx.Get(store.Global, store.KindAccessKey, id, &k); err == nil {
			account = k.Account
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		// Session keys (ASIA...) embed their account, decoded below.
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look up access key: %w", err)
	}
	if account == "" {
		var ok bool
		if account, ok = accountFromKeyID(id); !ok {
			return nil, awserr.InvalidParameterValue("Invalid AccessKeyId: " + id)
		}
	}
	return &getAccessKeyInfoResult{Account: account}, nil
}

// accountFromKeyID decodes the account id AWS embeds in access key ids
// issued since 2019: the 16 characters after the 4-letter prefix are base32,
// and bits 7..46 of the first six decoded bytes are the account number.
func accountFromKeyID(id string) (string, bool) {
	if len(id) < 20 {
		return "", false
	}
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(id[4:20])
	if err != nil || len(raw) < 6 {
		return "", false
	}
	var b [8]byte
	copy(b[2:], raw[:6])
	n := (binary.BigEndian.Uint64(b[:]) & 0x7fffffffff80) >> 7
	return fmt.Sprintf("%012d", n%1_000_000_000_000), true
}

// WriteElements writes the result's children as encoding/xml would
// (query.ResultWriter; GetSessionToken is a hot path).
func (r *getSessionTokenResult) WriteElements(e *query.Elements) {
	r.Credentials.WriteElements(e)
	r.tokenSizeXML.write(e)
}
