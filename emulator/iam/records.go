package iam

import (
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Store access for IAM entities: keys are lower-cased names (IAM names are
// case-insensitive unique), and a missing entity becomes NoSuchEntity.

func key(name string) string { return strings.ToLower(name) }

func loadUser(tx *store.Tx, acct, name string) (*store.User, error) {
	var u store.User
	if err := tx.Get(acct, store.KindUser, key(name), &u); err != nil {
		return nil, notFound(err, func() *awserr.Error { return noSuchUser(name) })
	}
	return &u, nil
}

func loadRole(tx *store.Tx, acct, name string) (*store.Role, error) {
	var r store.Role
	if err := tx.Get(acct, store.KindRole, key(name), &r); err != nil {
		return nil, notFound(err, func() *awserr.Error { return noSuchRole(name) })
	}
	return &r, nil
}

func loadGroup(tx *store.Tx, acct, name string) (*store.Group, error) {
	var g store.Group
	if err := tx.Get(acct, store.KindGroup, key(name), &g); err != nil {
		return nil, notFound(err, func() *awserr.Error { return noSuchGroup(name) })
	}
	return &g, nil
}

func loadInstanceProfile(tx *store.Tx, acct, name string) (*store.InstanceProfile, error) {
	var ip store.InstanceProfile
	if err := tx.Get(acct, store.KindInstanceProfile, key(name), &ip); err != nil {
		return nil, notFound(err, func() *awserr.Error { return noSuchInstanceProfile(name) })
	}
	return &ip, nil
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

// each decodes every record of kind in acct into a fresh T and calls fn.
func each[T any](tx *store.Tx, acct, kind string, fn func(*T) error) error {
	return tx.ForEach(acct, kind, "", "", func(_ string, decode store.Decoder) error {
		v := new(T)
		if err := decode(v); err != nil {
			return err
		}
		return fn(v)
	})
}

// all returns every record of kind in acct.
func all[T any](tx *store.Tx, acct, kind string) ([]*T, error) {
	var out []*T
	err := each(tx, acct, kind, func(v *T) error {
		out = append(out, v)
		return nil
	})
	return out, err
}

// userAccessKeys returns the access keys of user (root's when user is "")
// in acct.
func userAccessKeys(tx *store.Tx, acct, user string) ([]*store.AccessKey, error) {
	var out []*store.AccessKey
	err := each(tx, store.Global, store.KindAccessKey, func(k *store.AccessKey) error {
		if k.Account == acct && strings.EqualFold(k.UserName, user) {
			out = append(out, k)
		}
		return nil
	})
	return out, err
}

// groupMembers returns the users of acct that belong to group.
func groupMembers(tx *store.Tx, acct, group string) ([]*store.User, error) {
	var out []*store.User
	err := each(tx, acct, store.KindUser, func(u *store.User) error {
		if containsFold(u.Groups, group) {
			out = append(out, u)
		}
		return nil
	})
	return out, err
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
