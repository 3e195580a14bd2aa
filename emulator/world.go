package emulator

import (
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// worldAccount is one account as the console shows it: its principals with
// the policies that give them permissions, and the buckets it owns with
// their policies.
type worldAccount struct {
	ID      string        `json:"id"`
	Alias   string        `json:"alias,omitempty"`
	Users   []worldEntity `json:"users"`
	Groups  []worldEntity `json:"groups"`
	Roles   []worldEntity `json:"roles"`
	Buckets []worldBucket `json:"buckets"`
}

type worldEntity struct {
	Name     string            `json:"name"`
	ARN      string            `json:"arn"`
	ID       string            `json:"id"`
	Groups   []string          `json:"groups,omitempty"`
	Inline   map[string]string `json:"inlinePolicies,omitempty"`
	Attached []string          `json:"attachedPolicies,omitempty"`
	Boundary string            `json:"permissionsBoundary,omitempty"`
	Trust    string            `json:"trustPolicy,omitempty"`
}

type worldBucket struct {
	Name      string `json:"name"`
	Ownership string `json:"ownership,omitempty"`
	Policy    string `json:"policy,omitempty"`
}

func entity(name, arn, id string, p store.Policies) worldEntity {
	return worldEntity{Name: name, ARN: arn, ID: id, Inline: p.Inline, Attached: p.Attached, Boundary: p.Boundary}
}

// world serves GET /_fakeaws/world: every account's principals, policies and
// buckets, for the console.
func (s *Server) world(w http.ResponseWriter, r *http.Request) {
	var out []worldAccount
	var orgs []worldOrg
	err := s.db.View(r.Context(), func(tx *store.Tx) error {
		var err error
		if orgs, err = worldOrganizations(tx); err != nil {
			return err
		}
		byID := map[string]*worldAccount{}
		for _, id := range tx.Accounts() {
			var a store.Account
			_ = tx.Get(id, store.KindAccount, store.KindAccount, &a)
			out = append(out, worldAccount{ID: id, Alias: a.Alias, Users: []worldEntity{}, Groups: []worldEntity{},
				Roles: []worldEntity{}, Buckets: []worldBucket{}})
		}
		for i := range out {
			acct := &out[i]
			byID[acct.ID] = acct
			if err := tx.ForEach(acct.ID, store.KindUser, "", "", func(_ string, dec store.Decoder) error {
				var u store.User
				if err := dec(&u); err != nil {
					return err
				}
				e := entity(u.Name, u.ARN, u.ID, u.Policies)
				e.Groups = u.Groups
				acct.Users = append(acct.Users, e)
				return nil
			}); err != nil {
				return err
			}
			if err := tx.ForEach(acct.ID, store.KindGroup, "", "", func(_ string, dec store.Decoder) error {
				var g store.Group
				if err := dec(&g); err != nil {
					return err
				}
				acct.Groups = append(acct.Groups, entity(g.Name, g.ARN, g.ID, g.Policies))
				return nil
			}); err != nil {
				return err
			}
			if err := tx.ForEach(acct.ID, store.KindRole, "", "", func(_ string, dec store.Decoder) error {
				var ro store.Role
				if err := dec(&ro); err != nil {
					return err
				}
				e := entity(ro.Name, ro.ARN, ro.ID, ro.Policies)
				e.Trust = ro.TrustPolicy
				acct.Roles = append(acct.Roles, e)
				return nil
			}); err != nil {
				return err
			}
		}
		return tx.ForEach(store.Global, store.KindBucket, "", "", func(_ string, dec store.Decoder) error {
			var b store.Bucket
			if err := dec(&b); err != nil {
				return err
			}
			if acct, ok := byID[b.Account]; ok {
				acct.Buckets = append(acct.Buckets, worldBucket{Name: b.Name, Ownership: b.Ownership, Policy: b.Policy})
			}
			return nil
		})
	})
	if err != nil {
		s.log.Error("world", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		return
	}
	if out == nil {
		out = []worldAccount{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"accounts": out, "organizations": orgs})
}
