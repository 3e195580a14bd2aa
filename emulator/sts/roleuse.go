package sts

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// roleUseInterval is how often a role's last use is written. AWS reports
// RoleLastUsed with coarse precision ("may take up to 4 hours to appear",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html),
// and each write costs a commit and empties the identity caches, so a busy
// role is written at most this often.
const roleUseInterval = time.Hour

// maxRoleUses bounds roleUses.last; when full it starts over.
const maxRoleUses = 10000

// roleUses remembers when each role's last use was written.
type roleUses struct {
	mu   sync.Mutex
	last map[string]time.Time // role unique id → last write
}

// note records that the role (account, name, unique id) was assumed at t,
// writing it to the role's record unless that was done less than
// roleUseInterval ago. A role deleted (or re-created with another id)
// since is left alone.
func (u *roleUses) note(ctx context.Context, db interface {
	Batch(context.Context, func(*store.Tx) error) error
}, account, name, id string, t time.Time) error {
	u.mu.Lock()
	if u.last == nil || len(u.last) >= maxRoleUses {
		u.last = map[string]time.Time{}
	}
	if last, ok := u.last[id]; ok && t.Sub(last) < roleUseInterval && !t.Before(last) {
		u.mu.Unlock()
		return nil
	}
	u.last[id] = t
	u.mu.Unlock()
	// The record keeps a pointer to its own copy of t, taken here: were it
	// t's address, t would move to the heap on every call, the usual ones
	// that return above included.
	used := t
	// Shares a commit with concurrent writes (store.DB.Batch), as the
	// AssumeRole calls of many clients at once would: a run reads the
	// role afresh, as a second run must.
	err := db.Batch(ctx, func(tx *store.Tx) error {
		var role store.Role
		key := strings.ToLower(name)
		if err := tx.Get(account, store.KindRole, key, &role); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return nil
			}
			return err
		}
		if role.ID != id {
			return nil
		}
		role.LastUsed = &used
		return tx.Put(account, store.KindRole, key, &role)
	})
	if err != nil {
		u.mu.Lock()
		delete(u.last, id)
		u.mu.Unlock()
	}
	return err
}
