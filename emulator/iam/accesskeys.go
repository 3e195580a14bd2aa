package iam

import (
	"context"
	"errors"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

const maxAccessKeys = 2

// keyOwner resolves the user an access-key or MFA action is about: the
// UserName parameter, else the calling IAM user, else "" for the root
// user; and authorizes action on that user (or on root).
func (h *Handler) keyOwner(ctx context.Context, action, name string, named bool) (user string, err error) {
	return h.keyOwnerWith(ctx, action, name, named, nil)
}

// keyOwnerWith is keyOwner with the request's condition keys.
func (h *Handler) keyOwnerWith(ctx context.Context, action, name string, named bool, keys map[string][]string) (user string, err error) {
	c := caller(ctx)
	acct := c.Account
	var resource string
	switch {
	case named:
		user, resource = name, h.userARN(ctx, acct, name)
	case c.Root():
		user, resource = "", c.ARN
	case c.Type == evaluator.PrincipalUser && c.UserName != "":
		user, resource = c.UserName, h.userARN(ctx, acct, c.UserName)
	default:
		return "", awserr.ValidationError("Must specify userName when calling with non-User credentials")
	}
	if err := h.authorizeWith(ctx, action, resource, keys); err != nil {
		return "", err
	}
	return user, nil
}

// ownerName returns the stored spelling of user's name, "" for the root
// user (""); NoSuchEntity when the user does not exist.
func ownerName(tx *store.Tx, acct, user string) (string, error) {
	if user == "" {
		return "", nil
	}
	u, err := loadUser(tx, acct, user)
	if err != nil {
		return "", err
	}
	return u.Name, nil
}

type xmlAccessKey struct {
	UserName        string `xml:"UserName,omitempty"`
	AccessKeyID     string `xml:"AccessKeyId"`
	Status          string `xml:"Status"`
	SecretAccessKey string `xml:"SecretAccessKey,omitempty"`
	CreateDate      string `xml:"CreateDate"`
}

type createAccessKeyResult struct {
	AccessKey xmlAccessKey `xml:"AccessKey"`
}

// createAccessKey serves CreateAccessKey: an AKIA key id and a 40-character
// secret, at most two keys per user (and for the root user).
func (h *Handler) createAccessKey(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 128, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	user, err := h.keyOwner(ctx, "CreateAccessKey", name, named)
	if err != nil {
		return nil, err
	}
	acct := account(ctx)
	k := &store.AccessKey{ID: ids.AccessKeyID(ids.AccessKeyPrefix), Secret: ids.Secret(), Account: acct,
		Status: "Active", Created: h.clock()}
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// k.UserName afresh, as a second run must.
	err = h.db.Batch(ctx, func(tx *store.Tx) error {
		k.UserName = ""
		var err error
		if k.UserName, err = ownerName(tx, acct, user); err != nil {
			return err
		}
		keys, err := tx.AccessKeysOf(acct, k.UserName)
		if err != nil {
			return err
		}
		if len(keys) >= maxAccessKeys {
			return limitExceeded("Cannot exceed quota for AccessKeysPerUser: %d", maxAccessKeys)
		}
		return tx.Create(store.Global, store.KindAccessKey, k.ID, k)
	})
	if err != nil {
		return nil, wrap("create access key", err)
	}
	return &createAccessKeyResult{AccessKey: xmlAccessKey{UserName: k.UserName, AccessKeyID: k.ID,
		Status: k.Status, SecretAccessKey: k.Secret, CreateDate: isoTime(k.Created)}}, nil
}

type listAccessKeysResult struct {
	AccessKeyMetadata members[xmlAccessKey] `xml:"AccessKeyMetadata"`
	pageInfo
}

// listAccessKeys serves ListAccessKeys.
func (h *Handler) listAccessKeys(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 128, patName)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	user, err := h.keyOwner(ctx, "ListAccessKeys", name, named)
	if err != nil {
		return nil, err
	}
	acct := account(ctx)
	var keys []*store.AccessKey
	err = h.db.View(ctx, func(tx *store.Tx) error {
		owner, err := ownerName(tx, acct, user)
		if err != nil {
			return err
		}
		keys, err = tx.AccessKeysOf(acct, owner)
		return err
	})
	if err != nil {
		return nil, wrap("list access keys", err)
	}
	pg, more := page(keys, func(k *store.AccessKey) string { return k.ID }, pp)
	res := &listAccessKeysResult{pageInfo: more}
	res.AccessKeyMetadata.Member = []xmlAccessKey{}
	for _, k := range pg {
		res.AccessKeyMetadata.Member = append(res.AccessKeyMetadata.Member, xmlAccessKey{UserName: k.UserName,
			AccessKeyID: k.ID, Status: k.Status, CreateDate: isoTime(k.Created)})
	}
	return res, nil
}

func noSuchAccessKey(id string) error {
	return noSuchEntity("The Access Key with id %s cannot be found.", id)
}

// ownedKey loads access key id and checks it belongs to user of acct.
func ownedKey(tx *store.Tx, acct, user, id string) (*store.AccessKey, error) {
	k, err := get[store.AccessKey](tx, store.Global, store.KindAccessKey, id, noSuchAccessKey(id))
	if err != nil {
		return nil, err
	}
	if k.Account != acct || key(k.UserName) != key(user) {
		return nil, noSuchAccessKey(id)
	}
	return k, nil
}

// updateOwnedKey runs fn, in an update transaction, on access key id of
// user (root's when user is ""), NoSuchEntity when either is missing.
func (h *Handler) updateOwnedKey(ctx context.Context, acct, user, id string, fn func(*store.Tx, *store.AccessKey) error) error {
	// Shares a commit with concurrent writes (store.DB.Batch); fn gets
	// the key as this run reads it.
	return h.db.Batch(ctx, func(tx *store.Tx) error {
		if _, err := ownerName(tx, acct, user); err != nil {
			return err
		}
		k, err := ownedKey(tx, acct, user, id)
		if err != nil {
			return err
		}
		return fn(tx, k)
	})
}

// updateAccessKey serves UpdateAccessKey (Active/Inactive).
func (h *Handler) updateAccessKey(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 128, patName)
	id := v.required(p, "AccessKeyId", 16, 128, patAccessKeyID)
	status := v.credentialStatus(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	user, err := h.keyOwner(ctx, "UpdateAccessKey", name, named)
	if err != nil {
		return nil, err
	}
	acct := account(ctx)
	err = h.updateOwnedKey(ctx, acct, user, id, func(tx *store.Tx, k *store.AccessKey) error {
		k.Status = status
		return tx.Put(store.Global, store.KindAccessKey, k.ID, k)
	})
	return nil, wrap("update access key", err)
}

// deleteAccessKey serves DeleteAccessKey.
func (h *Handler) deleteAccessKey(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 128, patName)
	id := v.required(p, "AccessKeyId", 16, 128, patAccessKeyID)
	if err := v.err(); err != nil {
		return nil, err
	}
	user, err := h.keyOwner(ctx, "DeleteAccessKey", name, named)
	if err != nil {
		return nil, err
	}
	acct := account(ctx)
	err = h.updateOwnedKey(ctx, acct, user, id, func(tx *store.Tx, k *store.AccessKey) error {
		return tx.Delete(store.Global, store.KindAccessKey, k.ID)
	})
	return nil, wrap("delete access key", err)
}

type xmlAccessKeyLastUsed struct {
	LastUsedDate string `xml:"LastUsedDate,omitempty"`
	ServiceName  string `xml:"ServiceName"`
	Region       string `xml:"Region"`
}

type getAccessKeyLastUsedResult struct {
	UserName          string               `xml:"UserName,omitempty"`
	AccessKeyLastUsed xmlAccessKeyLastUsed `xml:"AccessKeyLastUsed"`
}

// getAccessKeyLastUsed serves GetAccessKeyLastUsed. The service and region
// of the last use are not recorded: they read "N/A" (see deviations).
func (h *Handler) getAccessKeyLastUsed(ctx context.Context, p query.Params) (any, error) {
	var v validator
	id := v.required(p, "AccessKeyId", 16, 128, patAccessKeyID)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	var k store.AccessKey
	err := h.db.View(ctx, func(tx *store.Tx) error {
		return tx.Get(store.Global, store.KindAccessKey, id, &k)
	})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, wrap("get access key last used", err)
	}
	resource := arns.IAM(acct, "user/")
	switch {
	case err != nil || k.Account != acct:
		// Unknown here: authorize against the account, then say so.
	case k.UserName == "":
		resource = arns.Root(acct)
	default:
		resource = h.userARN(ctx, acct, k.UserName)
	}
	if err := h.authorize(ctx, "GetAccessKeyLastUsed", resource); err != nil {
		return nil, err
	}
	if err != nil || k.Account != acct {
		// AWS does not say the key does not exist: LocalStack
		// tests/aws/services/iam/test_iam_users.py,
		// TestUserAccessKeys::test_access_key_errors,
		// "get-last-used-nonexistent-key-error" (recorded 24 Feb 2026;
		// no colon after "perform").
		return nil, awserr.AccessDenied("User: " + caller(ctx).ARN + " is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key " + id)
	}
	res := &getAccessKeyLastUsedResult{UserName: k.UserName,
		AccessKeyLastUsed: xmlAccessKeyLastUsed{ServiceName: "N/A", Region: "N/A"}}
	if k.LastUsed != nil {
		res.AccessKeyLastUsed = xmlAccessKeyLastUsed{LastUsedDate: isoTime(*k.LastUsed),
			ServiceName: orNA(k.LastUsedService), Region: orNA(k.LastUsedRegion)}
	}
	return res, nil
}

// orNA is s, or "N/A" as IAM reports an unknown service or region.
func orNA(s string) string {
	if s == "" {
		return "N/A"
	}
	return s
}
