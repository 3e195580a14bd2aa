package store

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
	"time"
)

// Closed accounts. Organizations' CloseAccount closes a member account;
// AWS then keeps its resources for 90 days but "the resources won't be
// available" (API_CloseAccount), so every service refuses the account's
// credentials and S3 disables its buckets. Each closure is a record of
// its own (Global scope, KindClosedAccount, key = account id), so it
// outlives the account's membership of its organization, and the DB
// keeps the set of closed account ids in memory for the checks on every
// request: loaded at Open, added to once a transaction that closed an
// account commits (before its caller is answered), emptied by Reset. With
// no account closed a check is one atomic load.

// KindClosedAccount holds one ClosedAccount per closed account.
const KindClosedAccount = "closed-accounts"

// ClosedAccount is the record of an account's closure.
type ClosedAccount struct {
	Closed time.Time
}

// CloseAccount records that account is closed as of at. The DB reports it
// closed (AccountClosed) once the transaction commits.
func (t *Tx) CloseAccount(account string, at time.Time) error {
	if err := t.Put(Global, KindClosedAccount, account, ClosedAccount{Closed: at}); err != nil {
		return err
	}
	t.closed = append(t.closed, account)
	return nil
}

// AccountClosed reports whether account is closed, as the DB knew when
// the transaction's caller asked (committed closures only).
func (t *Tx) AccountClosed(account string) bool {
	return t.closedSet != nil && t.closedSet.has(account)
}

// AccountClosed reports whether account is closed (Tx.CloseAccount
// committed).
func (db *DB) AccountClosed(account string) bool { return db.closed.has(account) }

// AnyAccountClosed reports whether any account is closed: when it is
// false no request needs to look further.
func (db *DB) AnyAccountClosed() bool { return db.closed.ids.Load() != nil }

// closedSet is the set of closed account ids: a copy-on-write map behind
// an atomic pointer, nil while no account is closed.
type closedSet struct {
	mu  sync.Mutex // serializes writers
	ids atomic.Pointer[map[string]bool]
}

func (s *closedSet) has(account string) bool {
	m := s.ids.Load()
	return m != nil && (*m)[account]
}

// add adds accounts to the set.
func (s *closedSet) add(accounts []string) {
	if len(accounts) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := map[string]bool{}
	if old := s.ids.Load(); old != nil {
		m = maps.Clone(*old)
	}
	for _, a := range accounts {
		m[a] = true
	}
	s.ids.Store(&m)
}

// clear empties the set (Reset).
func (s *closedSet) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ids.Store(nil)
}

// loadClosed fills the set from the store: the closure records, and the
// accounts an organization record shows closed (State set), which a
// store written before closures had records of their own holds.
func (db *DB) loadClosed() error {
	var ids []string
	err := db.View(context.Background(), func(tx *Tx) error {
		if err := tx.ForEach(Global, KindClosedAccount, "", "", func(k string, _ Decoder) error {
			ids = append(ids, k)
			return nil
		}); err != nil {
			return err
		}
		return tx.ForEach(Global, KindOrganization, "", "", func(_ string, dec Decoder) error {
			var o Organization
			if err := dec(&o); err != nil {
				return err
			}
			for id, a := range o.Accounts {
				if a != nil && a.State != "" {
					ids = append(ids, id)
				}
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("load closed accounts: %w", err)
	}
	db.closed.add(ids)
	return nil
}
