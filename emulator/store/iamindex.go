package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Indexes of IAM records, kept by Tx.Put and Tx.Delete themselves in the
// transaction that writes the record they index, so no writer can forget
// one: the writes that ask "which keys has this user?" or "who is in this
// group?" inside their commit read a few index entries instead of every
// access key in the store or every user of the account (schema 6).
//
// Index entries hold no data ("{}"): the record an entry names decides.
// A reader passes over an entry whose record is missing or no longer
// agrees with it, so a stray entry can never add a key or a member.
const (
	// KindAccessKeysByUser, in the owner's account scope, has an entry
	// "<lower-cased user name>/<access key id>" for each access key of
	// the account ("/<access key id>" for a root key).
	KindAccessKeysByUser = "access-keys-by-user"
	// KindGroupMembers, in the account scope, has an entry
	// "<lower-cased group name>/<user key>" for each group a user record
	// lists (User.Groups; the user key is the record's key, its
	// lower-cased name).
	KindGroupMembers = "group-members"
)

// indexEntryValue is the value of every index entry.
var indexEntryValue = []byte("{}")

// indexEntry names one entry of an index.
type indexEntry struct{ scope, kind, key string }

// indexed reports whether records of scope/kind have index entries.
func indexed(scope, kind string) bool {
	return (kind == KindAccessKey && scope == Global) || (kind == KindUser && scope != Global)
}

// indexEntries returns the index entries the record scope/kind/key implies
// when stored as raw (none when raw is nil). v, when not nil, is the
// record raw encodes, which saves decoding it.
func indexEntries(scope, kind, key string, raw []byte, v any) ([]indexEntry, error) {
	if raw == nil {
		return nil, nil
	}
	switch kind {
	case KindAccessKey:
		return accessKeyEntries(key, raw, v)
	case KindUser:
		return memberEntries(scope, key, raw, v)
	}
	return nil, nil
}

// accessKeyEntries is the KindAccessKeysByUser entry of access key id.
func accessKeyEntries(id string, raw []byte, v any) ([]indexEntry, error) {
	k, ok := v.(*AccessKey)
	if !ok {
		k = new(AccessKey)
		if err := json.Unmarshal(raw, k); err != nil {
			return nil, fmt.Errorf("decode %s %q: %w", KindAccessKey, id, err)
		}
	}
	return []indexEntry{{k.Account, KindAccessKeysByUser, accessKeyIndexPrefix(k.UserName) + id}}, nil
}

// memberEntries are the KindGroupMembers entries of the user stored at
// userKey in acct.
func memberEntries(acct, userKey string, raw []byte, v any) ([]indexEntry, error) {
	groups, err := userGroups(userKey, raw, v)
	if err != nil {
		return nil, err
	}
	var out []indexEntry
	for _, g := range groups {
		out = append(out, indexEntry{acct, KindGroupMembers, groupIndexPrefix(g) + userKey})
	}
	return out, nil
}

// groupsField is how a user record that lists groups names them; a record
// without it lists none (Groups is omitted when empty) and is not decoded.
var groupsField = []byte(`"Groups":`)

// userGroups returns the groups of the user record raw (v when it is the
// decoded *User).
func userGroups(userKey string, raw []byte, v any) ([]string, error) {
	if u, ok := v.(*User); ok {
		return u.Groups, nil
	}
	if !bytes.Contains(raw, groupsField) {
		return nil, nil
	}
	var u struct{ Groups []string }
	if err := json.Unmarshal(raw, &u); err != nil {
		return nil, fmt.Errorf("decode %s %q: %w", KindUser, userKey, err)
	}
	return u.Groups, nil
}

func accessKeyIndexPrefix(user string) string { return strings.ToLower(user) + "/" }

func groupIndexPrefix(group string) string { return strings.ToLower(group) + "/" }

// updateIndexes removes the entries in old but not in now and adds those
// in now that are missing.
func (t *Tx) updateIndexes(old, now []indexEntry) error {
	for _, e := range old {
		if !slices.Contains(now, e) {
			if err := t.removeIndexEntry(e); err != nil {
				return err
			}
		}
	}
	for _, e := range now {
		if err := t.addIndexEntry(e); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) addIndexEntry(e indexEntry) error {
	b, err := t.bucket(e.scope, e.kind, true)
	if err != nil {
		return fmt.Errorf("open %s: %w", e.kind, err)
	}
	if b.Get([]byte(e.key)) != nil {
		return nil
	}
	t.touch(e.kind)
	return b.Put([]byte(e.key), indexEntryValue)
}

func (t *Tx) removeIndexEntry(e indexEntry) error {
	b, err := t.bucket(e.scope, e.kind, false)
	if err != nil || b == nil || b.Get([]byte(e.key)) == nil {
		return err
	}
	t.touch(e.kind)
	return b.Delete([]byte(e.key))
}

// AccessKeysOf returns the access keys of user of acct (the root's when
// user is ""), ordered by key id, each the caller's own copy: the keys
// KindAccessKeysByUser names whose records say they are user's.
func (t *Tx) AccessKeysOf(acct, user string) ([]*AccessKey, error) {
	prefix := accessKeyIndexPrefix(user)
	var out []*AccessKey
	err := t.walk(acct, KindAccessKeysByUser, prefix, "", func(k string, _ []byte) error {
		key := new(AccessKey)
		switch err := t.Get(Global, KindAccessKey, k[len(prefix):], key); {
		case err == nil && key.Account == acct && equalFoldASCII(key.UserName, user):
			out = append(out, key)
		case err != nil && !errors.Is(err, ErrNotFound):
			return err
		}
		return nil
	})
	return out, err
}

// GroupMembers returns the users of acct that group has, ordered by their
// keys (EachGroupMember).
func (t *Tx) GroupMembers(acct, group string) ([]*User, error) {
	var out []*User
	err := t.EachGroupMember(acct, group, "", func(_ string, u *User) error {
		out = append(out, u)
		return nil
	})
	return out, err
}

// EachGroupMember calls fn with the key and record of each user of acct
// that group has, in key order, from the first key ≥ start: the users
// KindGroupMembers names whose records list group. Returning ErrStop from
// fn ends the walk without error.
func (t *Tx) EachGroupMember(acct, group, start string, fn func(userKey string, u *User) error) error {
	prefix := groupIndexPrefix(group)
	return t.walk(acct, KindGroupMembers, prefix, prefix+start, func(k string, _ []byte) error {
		u := new(User)
		switch err := t.Get(acct, KindUser, k[len(prefix):], u); {
		case err == nil && slices.ContainsFunc(u.Groups, func(g string) bool { return equalFoldASCII(g, group) }):
			return fn(k[len(prefix):], u)
		case err != nil && !errors.Is(err, ErrNotFound):
			return err
		}
		return nil
	})
}

// buildIAMIndexes writes the index entries of every access key and user:
// the schema 5 to 6 migration, inside the opening transaction, so a crash
// leaves the store wholly without the indexes (schema 5) or with all of
// them. The entries are gathered first and written after the walks.
func buildIAMIndexes(tx *Tx) error {
	entries, err := storedIndexEntries(tx, Global, KindAccessKey)
	if err != nil {
		return err
	}
	for _, acct := range tx.Accounts() {
		users, err := storedIndexEntries(tx, acct, KindUser)
		if err != nil {
			return fmt.Errorf("account %s: %w", acct, err)
		}
		entries = append(entries, users...)
	}
	return tx.updateIndexes(nil, entries)
}

// storedIndexEntries returns the index entries of every record of
// scope/kind.
func storedIndexEntries(tx *Tx, scope, kind string) ([]indexEntry, error) {
	var out []indexEntry
	err := tx.walk(scope, kind, "", "", func(key string, raw []byte) error {
		entries, err := indexEntries(scope, kind, key, raw, nil)
		out = append(out, entries...)
		return err
	})
	return out, err
}
