package iam

import (
	"context"

	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Tags of instance profiles, OpenID Connect providers and virtual MFA
// devices (TagInstanceProfile, TagOpenIDConnectProvider, TagMFADevice and
// their Untag*/List*Tags actions), which IAM supports like user and role
// tags: at most 50, keys case-insensitive.

// recordTags is the tagTarget of the records of kind (account scope) that
// load finds by the id read takes from the request, authorized as action
// on the ARN resource gives.
func recordTags[T any](h *Handler, kind string, read func(v *validator, p query.Params) string,
	resource func(ctx context.Context, id string) string, load func(tx *store.Tx, acct, id string) (*T, string, error),
	tags func(*T) *[]store.Tag) tagTarget {
	return tagTarget{
		param: func(_ context.Context, v *validator, p query.Params) string { return read(v, p) },
		tagsNull: func(p query.Params) bool {
			return len(p.Pairs("Tags.member", "Key", "Value")) == 0
		},
		tags: func(ctx context.Context, action, id string, keys map[string][]string, change func(*[]store.Tag) error) ([]store.Tag, error) {
			if err := h.authorizeWith(ctx, action, resource(ctx, id), keys); err != nil {
				return nil, err
			}
			acct := account(ctx)
			var out []store.Tag
			run := func(tx *store.Tx) error {
				rec, k, err := load(tx, acct, id)
				if err != nil {
					return err
				}
				if change != nil {
					if err := change(tags(rec)); err != nil {
						return err
					}
					if err := tx.Put(acct, kind, k, rec); err != nil {
						return err
					}
				}
				out = *tags(rec)
				return nil
			}
			var err error
			if change == nil {
				err = h.db.View(ctx, run)
			} else {
				err = h.db.Update(ctx, run)
			}
			return out, wrap(action, err)
		},
	}
}

func (h *Handler) instanceProfileTags() tagTarget {
	return recordTags(h, store.KindInstanceProfile,
		func(v *validator, p query.Params) string {
			return v.required(p, "InstanceProfileName", 1, 128, patName)
		},
		func(ctx context.Context, name string) string { return h.instanceProfileARN(ctx, account(ctx), name) },
		func(tx *store.Tx, acct, name string) (*store.InstanceProfile, string, error) {
			ip, err := loadInstanceProfile(tx, acct, name)
			return ip, key(name), err
		},
		func(ip *store.InstanceProfile) *[]store.Tag { return &ip.Tags })
}

func (h *Handler) oidcProviderTags() tagTarget {
	return recordTags(h, store.KindOIDCProvider,
		func(v *validator, p query.Params) string { return v.arnParam(p, "OpenIDConnectProviderArn") },
		func(_ context.Context, providerARN string) string { return providerARN },
		func(tx *store.Tx, acct, providerARN string) (*store.OIDCProvider, string, error) {
			a, k, ok := oidcKeyFromARN(providerARN)
			if !ok {
				return nil, "", invalidInput("ARN %s is not valid.", providerARN)
			}
			if a != acct {
				return nil, "", noSuchOIDCProvider(providerARN)
			}
			rec, err := get[store.OIDCProvider](tx, acct, store.KindOIDCProvider, k, noSuchOIDCProvider(providerARN))
			return rec, k, err
		},
		func(o *store.OIDCProvider) *[]store.Tag { return &o.Tags })
}

func (h *Handler) mfaDeviceTags() tagTarget {
	return recordTags(h, store.KindMFADevice,
		func(v *validator, p query.Params) string {
			return v.required(p, "SerialNumber", 9, 256, patSerialNumber)
		},
		func(_ context.Context, serial string) string { return serial },
		func(tx *store.Tx, acct, serial string) (*store.MFADevice, string, error) {
			d, err := loadMFA(tx, acct, serial)
			return d, serial, err
		},
		func(d *store.MFADevice) *[]store.Tag { return &d.Tags })
}

func (h *Handler) tagInstanceProfile(ctx context.Context, p query.Params) (any, error) {
	return h.tag(ctx, p, "TagInstanceProfile", h.instanceProfileTags())
}

func (h *Handler) untagInstanceProfile(ctx context.Context, p query.Params) (any, error) {
	return h.untag(ctx, p, "UntagInstanceProfile", h.instanceProfileTags())
}

func (h *Handler) listInstanceProfileTags(ctx context.Context, p query.Params) (any, error) {
	return h.listTags(ctx, p, "ListInstanceProfileTags", h.instanceProfileTags())
}

func (h *Handler) tagOpenIDConnectProvider(ctx context.Context, p query.Params) (any, error) {
	return h.tag(ctx, p, "TagOpenIDConnectProvider", h.oidcProviderTags())
}

func (h *Handler) untagOpenIDConnectProvider(ctx context.Context, p query.Params) (any, error) {
	return h.untag(ctx, p, "UntagOpenIDConnectProvider", h.oidcProviderTags())
}

func (h *Handler) listOpenIDConnectProviderTags(ctx context.Context, p query.Params) (any, error) {
	return h.listTags(ctx, p, "ListOpenIDConnectProviderTags", h.oidcProviderTags())
}

func (h *Handler) tagMFADevice(ctx context.Context, p query.Params) (any, error) {
	return h.tag(ctx, p, "TagMFADevice", h.mfaDeviceTags())
}

func (h *Handler) untagMFADevice(ctx context.Context, p query.Params) (any, error) {
	return h.untag(ctx, p, "UntagMFADevice", h.mfaDeviceTags())
}

func (h *Handler) listMFADeviceTags(ctx context.Context, p query.Params) (any, error) {
	return h.listTags(ctx, p, "ListMFADeviceTags", h.mfaDeviceTags())
}
