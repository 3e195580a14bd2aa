package authz

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// Last accessed data: every authorization of an IAM user's or role's
// request notes the attempt (allowed or not: "The service last accessed
// data includes all attempts to access an AWS API, not just the successful
// ones", https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html),
// per entity and service, for IAM's last accessed reports. As with access
// keys' last use (authn) and roles' (sts), the latest attempts are kept in
// memory and written coalesced: an entity's data at most once per
// accessWriteInterval, and the rest by FlushServiceAccess at shutdown.
// Reports merge the written data with the pending (ServiceAccess), so
// they show an attempt at once.

// accessWriteInterval is how often an entity's last accessed data is
// written: AWS itself reports activity "usually within four hours".
const accessWriteInterval = time.Hour

// maxPendingAccess bounds the entities whose attempts wait in memory; when
// full, they are all written (FlushServiceAccess).
const maxPendingAccess = 10000

// accessWriter is the part of the store that writes last accessed data
// (store.DB's Batch and Update).
type accessWriter interface {
	Batch(ctx context.Context, fn func(*store.Tx) error) error
	Update(ctx context.Context, fn func(*store.Tx) error) error
}

// accessTracker holds the attempts not written yet.
type accessTracker struct {
	writer  accessWriter // nil: a store that cannot write; nothing is tracked
	mu      sync.Mutex
	written map[string]time.Time      // entity unique id → when its data was last written
	pending map[string]*pendingAccess // entity unique id → attempts not written yet
}

// pendingAccess is one entity's attempts not written yet.
type pendingAccess struct {
	account string
	kind    string // store.KindUser or store.KindRole
	name    string
	access  store.ServiceAccess
}

// accessEntity names the IAM entity behind caller whose attempts are
// tracked: an IAM user (also through its GetSessionToken sessions) or the
// role behind a role session. Root, federated users and anonymous callers
// are not IAM entities: ok is false.
func accessEntity(caller *authn.Caller) (id, kind, name string, ok bool) {
	switch {
	case caller.Type == evaluator.PrincipalAssumedRole && caller.Session != nil && caller.Session.RoleID != "":
		return caller.Session.RoleID, store.KindRole, caller.Session.RoleName, true
	case caller.Type == evaluator.PrincipalUser && caller.UserName != "" && caller.UserID != "":
		return caller.UserID, store.KindUser, caller.UserName, true
	}
	return "", "", "", false
}

// TrackedAction reports whether IAM keeps action-level last accessed
// information for action ("s3:CreateBucket"): the management actions of
// Amazon EC2, IAM, AWS Lambda and Amazon S3 ("Action last accessed
// information is available for Amazon EC2, IAM, Lambda, and Amazon S3
// management actions", IAM User Guide, access_policies_last-accessed.html,
// Things to know), except iam:PassRole ("not tracked"), and not S3's data
// events: its object-level actions (CloudTrail logs them as data events).
func TrackedAction(action string) bool {
	ns, name, ok := strings.Cut(action, ":")
	if !ok || !TrackedService(ns) {
		return false
	}
	switch strings.ToLower(ns) {
	case "iam":
		return !strings.EqualFold(name, "PassRole")
	case "s3":
		return !strings.Contains(name, "Object") && !strings.Contains(name, "Multipart") &&
			name != "ListBucket" && name != "ListBucketVersions"
	}
	return true
}

// TrackedService reports whether IAM keeps action-level last accessed
// information for some actions of the service namespace (TrackedAction).
func TrackedService(namespace string) bool {
	switch strings.ToLower(namespace) {
	case "ec2", "iam", "lambda", "s3":
		return true
	}
	return false
}

// noteAttempt tracks the attempt a decision is about, unless the decision
// answers a question (an explanation, a simulation's collector) rather
// than a request, or the caller has no account (anonymous).
func (a *Authorizer) noteAttempt(ctx context.Context, c Check, info *authn.Info, caller *authn.Caller) {
	if c.Explain || collectorFrom(ctx) != nil || caller.Account == "" {
		return
	}
	region := info.Region
	if region == "" {
		region = c.Region
	}
	a.trackAccess(ctx, info, caller, c.Action, region)
}

// trackAccess notes caller's attempt at action at info.Time in region.
// iam:PassRole is no request of its own (it is checked within another
// action) and is not tracked.
func (a *Authorizer) trackAccess(ctx context.Context, info *authn.Info, caller *authn.Caller, action, region string) {
	w := a.access.writer
	if w == nil || info.Time.IsZero() || strings.EqualFold(action, "iam:PassRole") {
		return
	}
	id, kind, name, ok := accessEntity(caller)
	ns, actionName, found := strings.Cut(action, ":")
	if !ok || !found || ns == "" {
		return
	}
	ns = strings.ToLower(ns)
	t := &a.access
	t.mu.Lock()
	if t.pending == nil {
		t.written, t.pending = map[string]time.Time{}, map[string]*pendingAccess{}
	}
	p := t.pending[id]
	if p == nil {
		p = &pendingAccess{account: caller.Account, kind: kind, name: name,
			access: store.ServiceAccess{Services: map[string]store.ServiceUse{}}}
		t.pending[id] = p
	}
	p.note(ns, actionName, action, info.Time, region)
	last, seen := t.written[id]
	if seen && info.Time.Sub(last) < accessWriteInterval && !info.Time.Before(last) {
		full := len(t.pending) >= maxPendingAccess
		t.mu.Unlock()
		if full {
			_ = a.FlushServiceAccess(ctx)
		}
		return
	}
	if len(t.written) >= maxPendingAccess {
		clear(t.written)
	}
	t.written[id] = info.Time
	delete(t.pending, id)
	t.mu.Unlock()
	// Shares a commit with concurrent writes (store.DB.Batch): a run reads
	// the record afresh, as a second run must.
	if err := w.Batch(ctx, func(tx *store.Tx) error { return writeAccess(tx, id, p) }); err != nil {
		a.restorePending(id, p)
	}
}

// note records one attempt.
func (p *pendingAccess) note(ns, actionName, action string, at time.Time, region string) {
	s := p.access.Services[ns]
	if !at.Before(s.At) {
		s.At, s.Region = at, region
	}
	if TrackedAction(action) {
		if s.Actions == nil {
			s.Actions = map[string]store.ActionUse{}
		}
		if old, ok := s.Actions[actionName]; !ok || !at.Before(old.At) {
			s.Actions[actionName] = store.ActionUse{At: at, Region: region}
		}
	}
	p.access.Services[ns] = s
}

// restorePending puts back attempts whose write failed, so the next write
// or FlushServiceAccess stores them.
func (a *Authorizer) restorePending(id string, p *pendingAccess) {
	t := &a.access
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.written, id)
	if cur := t.pending[id]; cur != nil {
		p.access.Merge(&cur.access)
	}
	t.pending[id] = p
}

// writeAccess merges p into the entity's stored data, unless the entity
// no longer exists (or is another of the same name): a deleted entity's
// data goes with it.
func writeAccess(tx *store.Tx, id string, p *pendingAccess) error {
	var entity struct{ ID string }
	if err := tx.Get(p.account, p.kind, strings.ToLower(p.name), &entity); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		return err
	}
	if entity.ID != id {
		return nil
	}
	var stored store.ServiceAccess
	if err := tx.Get(p.account, store.KindServiceAccess, id, &stored); err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	stored.Merge(&p.access)
	return tx.Put(p.account, store.KindServiceAccess, id, &stored)
}

// FlushServiceAccess writes every entity's attempts not written yet, in one
// transaction. The server calls it at graceful shutdown.
func (a *Authorizer) FlushServiceAccess(ctx context.Context) error {
	w := a.access.writer
	if w == nil {
		return nil
	}
	t := &a.access
	t.mu.Lock()
	pending := t.pending
	if len(pending) == 0 {
		t.mu.Unlock()
		return nil
	}
	t.pending = map[string]*pendingAccess{}
	t.mu.Unlock()
	// Its own transaction (store.DB.Update), not a shared commit: it
	// writes up to maxPendingAccess records, rarely.
	err := w.Update(ctx, func(tx *store.Tx) error {
		for id, p := range pending {
			if err := writeAccess(tx, id, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for id, p := range pending {
			a.restorePending(id, p)
		}
	}
	return err
}

// ServiceAccess returns the last accessed data of the IAM user or role
// with unique id in account: what tx holds merged with the attempts not
// written yet.
func (a *Authorizer) ServiceAccess(tx *store.Tx, account, id string) (store.ServiceAccess, error) {
	var stored store.ServiceAccess
	if err := tx.Get(account, store.KindServiceAccess, id, &stored); err != nil && !errors.Is(err, store.ErrNotFound) {
		return stored, err
	}
	t := &a.access
	t.mu.Lock()
	defer t.mu.Unlock()
	if p := t.pending[id]; p != nil && p.account == account {
		stored.Merge(&p.access)
	}
	return stored, nil
}

// RenameAccessEntity notes that the user with unique id is now called
// name, so its attempts not written yet are written under its new name.
func (a *Authorizer) RenameAccessEntity(id, name string) {
	if a == nil {
		return
	}
	t := &a.access
	t.mu.Lock()
	defer t.mu.Unlock()
	if p := t.pending[id]; p != nil {
		p.name = name
	}
}

// ForgetAccessEntity drops the attempts not written yet of the user or
// role with unique id, deleted: its data goes with it.
func (a *Authorizer) ForgetAccessEntity(id string) {
	if a == nil {
		return
	}
	t := &a.access
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.pending, id)
}

// ResetServiceAccess drops every attempt not written yet: the server's
// Reset wipes the store, and the attempts go with the entities.
func (a *Authorizer) ResetServiceAccess() {
	t := &a.access
	t.mu.Lock()
	defer t.mu.Unlock()
	clear(t.pending)
	clear(t.written)
}
