package iam

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Store access for IAM entities: keys are lower-cased names (IAM names are
// case-insensitive unique; the List* walks rely on it for their order, see
// pageWhere), and a missing entity becomes NoSuchEntity.

func key(name string) string { return strings.ToLower(name) }

// get decodes the record kind/k of acct into a new T. A missing record
// returns missing (the action's NoSuchEntity); other store errors are
// returned as they are.
func get[T any](tx *store.Tx, acct, kind, k string, missing error) (*T, error) {
	v := new(T)
	if err := tx.Get(acct, kind, k, v); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, missing
		}
		return nil, err
	}
	return v, nil
}

// viewOne is what read returns from one read-only transaction.
func viewOne[T any](ctx context.Context, h *Handler, read func(*store.Tx) (T, error)) (T, error) {
	var v T
	err := h.db.View(ctx, func(tx *store.Tx) error {
		var err error
		v, err = read(tx)
		return err
	})
	return v, err
}

// remove deletes the record kind/k of acct. A missing record returns
// missing.
func remove(tx *store.Tx, acct, kind, k string, missing error) error {
	if err := tx.Delete(acct, kind, k); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return missing
		}
		return err
	}
	return nil
}

// insert stores rec at kind/k of acct, which must be free: a taken key
// returns exists (the action's EntityAlreadyExists).
func insert(tx *store.Tx, acct, kind, k string, rec any, exists error) error {
	if tx.Exists(acct, kind, k) {
		return exists
	}
	if err := checkAccountQuota(tx, acct, kind); err != nil {
		return err
	}
	return tx.Put(acct, kind, k, rec)
}

func loadUser(tx *store.Tx, acct, name string) (*store.User, error) {
	return get[store.User](tx, acct, store.KindUser, key(name), noSuchUser(name))
}

func loadRole(tx *store.Tx, acct, name string) (*store.Role, error) {
	return get[store.Role](tx, acct, store.KindRole, key(name), noSuchRole(name))
}

// loadChangeableRole loads a role that the action may change: protected
// roles (isProtectedRole) answer UnmodifiableEntity.
func loadChangeableRole(tx *store.Tx, acct, name string) (*store.Role, error) {
	r, err := loadRole(tx, acct, name)
	if err == nil && isProtectedRole(r) {
		return nil, unmodifiableRole(r.Name)
	}
	return r, err
}

// loadDescribableRole loads a role whose description the action may
// change: every role but those under /aws-reserved/. A service-linked
// role's description is the one thing about it its account may edit (IAM
// User Guide, "Update a service-linked role": "You can edit the
// description of any role from the IAM console, API, or CLI", with an AWS
// API procedure for service-linked roles; AWS::IAM::ServiceLinkedRole
// updates Description in place).
func loadDescribableRole(tx *store.Tx, acct, name string) (*store.Role, error) {
	r, err := loadRole(tx, acct, name)
	if err == nil && isProtectedRole(r) && !isServiceLinked(r) {
		return nil, unmodifiableRole(r.Name)
	}
	return r, err
}

func loadGroup(tx *store.Tx, acct, name string) (*store.Group, error) {
	return get[store.Group](tx, acct, store.KindGroup, key(name), noSuchGroup(name))
}

func loadInstanceProfile(tx *store.Tx, acct, name string) (*store.InstanceProfile, error) {
	return get[store.InstanceProfile](tx, acct, store.KindInstanceProfile, key(name), noSuchInstanceProfile(name))
}

func saveUser(tx *store.Tx, acct string, u *store.User) error {
	return tx.Put(acct, store.KindUser, key(u.Name), u)
}

func saveRole(tx *store.Tx, acct string, r *store.Role) error {
	return tx.Put(acct, store.KindRole, key(r.Name), r)
}

func saveGroup(tx *store.Tx, acct string, g *store.Group) error {
	return tx.Put(acct, store.KindGroup, key(g.Name), g)
}

// listAccount serves an unpaginated List* action on the caller's account:
// it authorizes action on "*" and renders every record of kind, in store
// order, as entry does (an empty list, not a missing one, when there are
// none).
func listAccount[T, X any](ctx context.Context, h *Handler, action, kind string, entry func(*T) X) ([]X, error) {
	if err := h.authorize(ctx, action, "*"); err != nil {
		return nil, err
	}
	out := []X{}
	err := h.db.View(ctx, func(tx *store.Tx) error {
		return store.Each(tx, account(ctx), kind, func(v *T) error {
			out = append(out, entry(v))
			return nil
		})
	})
	return out, err
}

// all returns every record of kind in acct.
func all[T any](tx *store.Tx, acct, kind string) ([]*T, error) {
	var out []*T
	err := store.Each(tx, acct, kind, func(v *T) error {
		out = append(out, v)
		return nil
	})
	return out, err
}

// ownedBy returns the records of kind in acct that belong to user (compared
// without case), oldest first; about reports a record's owner, upload time
// and id (the tie-breaker).
func ownedBy[T any](tx *store.Tx, acct, kind, user string, about func(*T) (owner string, uploaded time.Time, id string)) ([]*T, error) {
	recs, err := all[T](tx, acct, kind)
	if err != nil {
		return nil, err
	}
	out := recs[:0]
	for _, r := range recs {
		if owner, _, _ := about(r); strings.EqualFold(owner, user) {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		_, ti, idi := about(out[i])
		_, tj, idj := about(out[j])
		if !ti.Equal(tj) {
			return ti.Before(tj)
		}
		return idi < idj
	})
	return out, nil
}

func containsFold(list []string, s string) bool {
	return indexFold(list, s) >= 0
}

func indexFold(list []string, s string) int {
	for i, v := range list {
		if strings.EqualFold(v, s) {
			return i
		}
	}
	return -1
}

// pathPrefixMatch reports whether path starts with prefix.
func pathPrefixMatch(path, prefix string) bool { return strings.HasPrefix(path, prefix) }

// pathed describes a kind of IAM record listed by path (users, groups,
// roles, instance profiles): where it is stored, the resource type in its
// ARN, and how to read a record's path and name.
type pathed[T any] struct {
	storeKind, arnKind string
	path, name         func(*T) string
}

var (
	usersByPath    = pathed[store.User]{store.KindUser, "user", func(u *store.User) string { return u.Path }, func(u *store.User) string { return u.Name }}
	groupsByPath   = pathed[store.Group]{store.KindGroup, "group", func(g *store.Group) string { return g.Path }, func(g *store.Group) string { return g.Name }}
	rolesByPath    = pathed[store.Role]{store.KindRole, "role", func(r *store.Role) string { return r.Path }, func(r *store.Role) string { return r.Name }}
	profilesByPath = pathed[store.InstanceProfile]{store.KindInstanceProfile, "instance-profile",
		func(ip *store.InstanceProfile) string { return ip.Path }, func(ip *store.InstanceProfile) string { return ip.Name }}
)

// listByPath is ListUsers, ListGroups, ListRoles and ListInstanceProfiles:
// it reads PathPrefix, Marker and MaxItems, authorizes action on the ARN
// prefix of kind, and returns the page, ordered by name
// (case-insensitively), of the account's records under the prefix, each
// rendered inside the read transaction.
func listByPath[T, X any](ctx context.Context, h *Handler, p query.Params, action string, kind pathed[T],
	render func(*store.Tx, *T) (X, error)) ([]X, pageInfo, error) {
	var v validator
	prefix := v.pathPrefix(p)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, pageInfo{}, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, action, arn(acct, kind.arnKind, prefix, "")); err != nil {
		return nil, pageInfo{}, err
	}
	out, more, err := pageWhere(ctx, h, acct, kind, pp, func(r *T) bool { return pathPrefixMatch(kind.path(r), prefix) }, render)
	if err != nil {
		return nil, pageInfo{}, wrap(action, err)
	}
	return out, more, nil
}

// pageWhere returns the page, ordered by name (case-insensitively), of the
// records of kind in acct that keep accepts, each rendered inside the read
// transaction. Every writer stores an entity under key(its name), so the
// store's key order is the list's order: the walk starts at the marker and
// decodes records only up to the first one past the page, and renders only
// the page, however many records the account holds (it decoded, rendered
// and sorted all of them before).
func pageWhere[T, X any](ctx context.Context, h *Handler, acct string, kind pathed[T], pp pageParams,
	keep func(*T) bool, render func(*store.Tx, *T) (X, error)) ([]X, pageInfo, error) {
	var out []X
	var more pageInfo
	err := h.db.View(ctx, func(tx *store.Tx) error {
		out, more = nil, pageInfo{}
		return tx.ForEach(acct, kind.storeKind, "", pp.marker, func(k string, decode store.Decoder) error {
			r := new(T)
			if err := decode(r); err != nil {
				return err
			}
			if !keep(r) {
				return nil
			}
			if len(out) == pp.maxItems {
				more = pageInfo{IsTruncated: true, Marker: encodeMarker(k)}
				return store.ErrStop
			}
			x, err := render(tx, r)
			if err != nil {
				return err
			}
			out = append(out, x)
			return nil
		})
	})
	if err != nil {
		return nil, pageInfo{}, err
	}
	return out, more, nil
}
