package organizations

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file holds the handshake operations besides inviting and accepting:
// listing an account's or the organization's handshakes, declining (the
// invited account) and canceling (the management account).

// handshakeFilter is the HandshakeFilter input: at most one of its fields.
type handshakeFilter struct {
	ActionType        string `json:"ActionType"`
	ParentHandshakeID string `json:"ParentHandshakeId"`
}

// matches reports whether hs passes f.
func (f handshakeFilter) matches(hs *store.OrgHandshake) bool {
	if f.ParentHandshakeID != "" {
		return hs.Parent == f.ParentHandshakeID
	}
	return f.ActionType == "" || f.ActionType == hs.Action
}

func (f handshakeFilter) check() error {
	if f.ActionType != "" && f.ParentHandshakeID != "" {
		return errInvalidInput("MAX_FILTER_LIMIT_EXCEEDED", "You can specify only one filter parameter for the operation.")
	}
	if f.ParentHandshakeID != "" {
		return checkID(patHandshake, f.ParentHandshakeID)
	}
	return nil
}

// sortHandshakes orders handshakes by request time, then id.
func sortHandshakes(list []handshakeOut) {
	slices.SortFunc(list, func(a, b handshakeOut) int {
		if c := time.Time(a.RequestedTimestamp).Compare(time.Time(b.RequestedTimestamp)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// requestFilter is the handshake listings' Filter, checked.
func requestFilter(c *call) (handshakeFilter, error) {
	var in struct {
		Filter handshakeFilter `json:"Filter"`
	}
	if err := c.decode(&in); err != nil {
		return handshakeFilter{}, err
	}
	return in.Filter, in.Filter.check()
}

func (h *Handler) listHandshakesForAccount(ctx context.Context, c *call) (any, error) {
	filter, err := requestFilter(c)
	if err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, c, "ListHandshakesForAccount", "*", nil); err != nil {
		return nil, err
	}
	out := []handshakeOut{}
	err = h.db.View(ctx, func(tx *store.Tx) error {
		orgs := map[string]*store.Organization{}
		return tx.ForEach(store.Global, store.KindOrgHandshake, "", "", func(id string, decode store.Decoder) error {
			var ref store.OrgRef
			if err := decode(&ref); err != nil {
				return err
			}
			o, ok := orgs[ref.OrgID]
			if !ok {
				o = &store.Organization{}
				if err := tx.Get(store.Global, store.KindOrganization, ref.OrgID, o); err != nil {
					if errors.Is(err, store.ErrNotFound) {
						return nil
					}
					return err
				}
				orgs[ref.OrgID] = o
			}
			if hs := o.Handshakes[id]; hs != nil && hs.Account == c.caller.Account && filter.matches(hs) {
				out = append(out, handshakeShape(o, hs, false, h.now()))
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	sortHandshakes(out)
	return map[string]any{"Handshakes": out}, nil
}

func (h *Handler) listHandshakesForOrganization(ctx context.Context, c *call) (any, error) {
	filter, err := requestFilter(c)
	if err != nil {
		return nil, err
	}
	out := []handshakeOut{}
	err = h.read(ctx, c, "ListHandshakesForOrganization", nil, func(o *store.Organization) error {
		for _, hs := range o.Handshakes {
			if filter.matches(hs) {
				out = append(out, handshakeShape(o, hs, false, h.now()))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortHandshakes(out)
	return map[string]any{"Handshakes": out}, nil
}

// declineHandshake lets the invited account refuse an open invitation.
func (h *Handler) declineHandshake(ctx context.Context, c *call) (any, error) {
	return h.answerInvitation(ctx, c, "DeclineHandshake", func(_ *store.Tx, _ *store.Organization, hs *store.OrgHandshake) error {
		return closeHandshake(h, hs, "DECLINED")
	})
}

// answerInvitation runs the invited account's answer to the handshake the
// request names (action, authorized on the handshake's ARN): answer
// changes the handshake and its organization in one transaction. A
// handshake inviting another account is not found, as on AWS.
func (h *Handler) answerInvitation(ctx context.Context, c *call, action string,
	answer func(tx *store.Tx, o *store.Organization, hs *store.OrgHandshake) error) (any, error) {
	id, err := handshakeID(c)
	if err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, c, action, h.handshakeARN(ctx, id), nil); err != nil {
		return nil, err
	}
	var out handshakeOut
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// out afresh, as a second run must.
	err = h.db.Batch(ctx, func(tx *store.Tx) error {
		out = handshakeOut{}
		o, hs, err := handshakeOrg(tx, id)
		if err != nil {
			return err
		}
		if hs.Account != c.caller.Account {
			return errHandshakeNotFound()
		}
		if err := answer(tx, o, hs); err != nil {
			return err
		}
		out = handshakeShape(o, hs, false, h.now())
		return tx.PutOrganization(o)
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Handshake": out}, nil
}

// handshakeID is the request's HandshakeId, checked against its pattern.
func handshakeID(c *call) (string, error) {
	var in struct {
		ID string `json:"HandshakeId"`
	}
	if err := c.decode(&in); err != nil {
		return "", err
	}
	return in.ID, checkID(patHandshake, in.ID)
}

// cancelHandshake lets the management account withdraw an open invitation.
func (h *Handler) cancelHandshake(ctx context.Context, c *call) (any, error) {
	id, err := handshakeID(c)
	if err != nil {
		return nil, err
	}
	var out handshakeOut
	resource := func(o *store.Organization) string {
		if hs := o.Handshakes[id]; hs != nil {
			return hs.ARN
		}
		return "*"
	}
	err = h.manage(ctx, c, "CancelHandshake", resource, func(tx *store.Tx, o *store.Organization) error {
		out = handshakeOut{}
		hs := o.Handshakes[id]
		if hs == nil {
			return errHandshakeNotFound()
		}
		if err := closeHandshake(h, hs, "CANCELED"); err != nil {
			return err
		}
		cancelApprovals(h, o, hs.ID)
		out = handshakeShape(o, hs, false, h.now())
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"Handshake": out}, nil
}

// closeHandshake moves an open, unexpired handshake to state: one already
// there is HandshakeAlreadyInStateException, any other
// InvalidHandshakeTransitionException.
func closeHandshake(h *Handler, hs *store.OrgHandshake, state string) error {
	switch {
	case hs.State == state:
		return errHandshakeAlreadyInState()
	case !isOpen(h, hs):
		return errInvalidHandshakeTransition()
	}
	hs.State = state
	return nil
}

// openInvitation reports whether o has an open, unexpired invitation for
// account.
func openInvitation(h *Handler, o *store.Organization, account string) bool {
	for _, hs := range o.Handshakes {
		if hs.Account == account && hs.Action == "INVITE" && hs.State == "OPEN" && !h.now().After(hs.Expiration) {
			return true
		}
	}
	return false
}

// handshakeARN is the resource a handshake operation is authorized on:
// the handshake's ARN ("handshake*" in the Service Authorization
// Reference), or "*" for an id that names no handshake (the operation then
// answers HandshakeNotFoundException).
func (h *Handler) handshakeARN(ctx context.Context, id string) string {
	arn := "*"
	_ = h.db.View(ctx, func(tx *store.Tx) error {
		if _, hs, err := handshakeOrg(tx, id); err == nil {
			arn = hs.ARN
		}
		return nil
	})
	return arn
}
