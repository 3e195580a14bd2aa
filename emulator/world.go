package emulator

import (
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/accessanalyzer"
	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// worldView is what /_fakeaws/world answers: every account with its
// principals and buckets, and every policy document they use.
type worldView struct {
	Accounts []worldAccount `json:"accounts"`
	// Policies are the managed policies, by ARN, with their documents:
	// every customer managed policy, and the AWS managed policies attached
	// somewhere (as a permission or a permissions boundary).
	Policies map[string]worldPolicy `json:"policies"`
	// Organizations are the AWS Organizations trees, with their policies.
	Organizations []worldOrg `json:"organizations"`
}

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
	// ManagedPolicies are the ARNs of the account's customer managed
	// policies (documents in worldView.Policies).
	ManagedPolicies []string `json:"managedPolicies"`
}

type worldEntity struct {
	Name string `json:"name"`
	// Label is the short name a class uses: name@account-alias (or
	// name@account-id without an alias).
	Label    string            `json:"label"`
	ARN      string            `json:"arn"`
	ID       string            `json:"id"`
	Groups   []string          `json:"groups,omitempty"`
	Inline   map[string]string `json:"inlinePolicies,omitempty"`
	Attached []string          `json:"attachedPolicies,omitempty"`
	Boundary string            `json:"permissionsBoundary,omitempty"`
	Trust    string            `json:"trustPolicy,omitempty"`
	// InlineFindings and TrustFindings are Access Analyzer's findings on
	// the inline policies (by name) and the trust policy; a policy without
	// findings has no entry.
	InlineFindings map[string][]accessanalyzer.Finding `json:"inlinePolicyFindings,omitempty"`
	TrustFindings  []accessanalyzer.Finding            `json:"trustPolicyFindings,omitempty"`
}

type worldBucket struct {
	Name      string `json:"name"`
	Ownership string `json:"ownership,omitempty"`
	Policy    string `json:"policy,omitempty"`
	// PolicyFindings are Access Analyzer's findings on the bucket policy.
	PolicyFindings []accessanalyzer.Finding `json:"policyFindings,omitempty"`
}

// worldPolicy is a managed policy and its default document.
type worldPolicy struct {
	ARN      string `json:"arn"`
	Name     string `json:"name"`
	Kind     string `json:"kind"` // "customer managed" or "AWS managed"
	Document string `json:"document"`
	// Findings are Access Analyzer's findings on the document (an empty
	// list when there are none).
	Findings []accessanalyzer.Finding `json:"findings"`
}

func entity(name, label, arn, id string, p store.Policies) worldEntity {
	return worldEntity{Name: name, Label: label, ARN: arn, ID: id, Inline: p.Inline, Attached: p.Attached, Boundary: p.Boundary}
}

// world serves GET /_fakeaws/world: every account's principals, policies
// (with their documents) and buckets, for the console.
func (s *Server) world(w http.ResponseWriter, r *http.Request) {
	var view worldView
	err := s.db.View(r.Context(), func(tx *store.Tx) error {
		var err error
		view, err = readWorld(tx, s.authz.Managed())
		return err
	})
	if err != nil {
		s.log.Error("world", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		return
	}
	writeJSON(w, http.StatusOK, view)
}

// readWorld reads every account, principal, bucket and managed policy.
func readWorld(tx *store.Tx, set *managed.Set) (worldView, error) {
	view := worldView{Accounts: []worldAccount{}, Policies: map[string]worldPolicy{}}
	var err error
	if view.Organizations, err = worldOrganizations(tx); err != nil {
		return view, err
	}
	if view.Organizations == nil {
		view.Organizations = []worldOrg{}
	}
	// Findings come from the validator `fakeaws lint` runs, against this
	// world, so a resource naming nothing in it is flagged (seed 004).
	aw := accessanalyzer.TxWorld{Tx: tx}
	byID := map[string]*worldAccount{}
	for _, id := range tx.Accounts() {
		var a store.Account
		_ = tx.Get(id, store.KindAccount, store.KindAccount, &a)
		view.Accounts = append(view.Accounts, worldAccount{ID: id, Alias: a.Alias, Users: []worldEntity{}, Groups: []worldEntity{},
			Roles: []worldEntity{}, Buckets: []worldBucket{}, ManagedPolicies: []string{}})
	}
	for i := range view.Accounts {
		acct := &view.Accounts[i]
		byID[acct.ID] = acct
		if err := readPrincipals(tx, acct, aw); err != nil {
			return view, err
		}
		if err := store.Each(tx, acct.ID, store.KindPolicy, func(p *store.ManagedPolicy) error {
			acct.ManagedPolicies = append(acct.ManagedPolicies, p.ARN)
			doc := p.DefaultDocument()
			view.Policies[p.ARN] = worldPolicy{ARN: p.ARN, Name: p.Name, Kind: "customer managed", Document: doc,
				Findings: analyze(accessanalyzer.IdentityInput(doc, aw))}
			return nil
		}); err != nil {
			return view, err
		}
	}
	// AWS managed policies in use, with AWS's documents.
	for _, a := range view.Accounts {
		for _, list := range [][]worldEntity{a.Users, a.Groups, a.Roles} {
			for _, e := range list {
				for _, arn := range append(append([]string(nil), e.Attached...), e.Boundary) {
					if _, seen := view.Policies[arn]; seen || arn == "" {
						continue
					}
					if doc, ok, err := authz.ManagedDocument(tx, set, arn); err == nil && ok && managed.IsAWSManaged(arn) {
						name := strings.TrimPrefix(arn, arns.AWSManagedPolicyPrefix)
						view.Policies[arn] = worldPolicy{ARN: arn, Name: name, Kind: "AWS managed", Document: doc,
							Findings: analyze(accessanalyzer.IdentityInput(doc, aw))}
					}
				}
			}
		}
	}
	err = store.Each(tx, store.Global, store.KindBucket, func(b *store.Bucket) error {
		if acct, ok := byID[b.Account]; ok {
			wb := worldBucket{Name: b.Name, Ownership: b.Ownership, Policy: b.Policy}
			if b.Policy != "" {
				wb.PolicyFindings = accessanalyzer.Validate(accessanalyzer.BucketInput(b.Policy, aw))
			}
			acct.Buckets = append(acct.Buckets, wb)
		}
		return nil
	})
	return view, err
}

// analyze runs Access Analyzer's checks on in; an empty list, not nil,
// when there are no findings.
func analyze(in accessanalyzer.Input) []accessanalyzer.Finding {
	if fs := accessanalyzer.Validate(in); fs != nil {
		return fs
	}
	return []accessanalyzer.Finding{}
}

// checkPolicies fills e's findings on its inline and trust policies.
func (e *worldEntity) checkPolicies(w accessanalyzer.World) {
	for name, doc := range e.Inline {
		if fs := accessanalyzer.Validate(accessanalyzer.IdentityInput(doc, w)); len(fs) > 0 {
			if e.InlineFindings == nil {
				e.InlineFindings = map[string][]accessanalyzer.Finding{}
			}
			e.InlineFindings[name] = fs
		}
	}
	if e.Trust != "" {
		e.TrustFindings = accessanalyzer.Validate(accessanalyzer.TrustInput(e.Trust, w))
	}
}

// readPrincipals fills acct's users, groups and roles, with the findings
// on their inline and trust policies.
func readPrincipals(tx *store.Tx, acct *worldAccount, aw accessanalyzer.World) error {
	at := acct.ID
	if acct.Alias != "" {
		at = acct.Alias
	}
	if err := store.Each(tx, acct.ID, store.KindUser, func(u *store.User) error {
		e := entity(u.Name, u.Name+"@"+at, u.ARN, u.ID, u.Policies)
		e.Groups = u.Groups
		e.checkPolicies(aw)
		acct.Users = append(acct.Users, e)
		return nil
	}); err != nil {
		return err
	}
	if err := store.Each(tx, acct.ID, store.KindGroup, func(g *store.Group) error {
		e := entity(g.Name, g.Name+"@"+at, g.ARN, g.ID, g.Policies)
		e.checkPolicies(aw)
		acct.Groups = append(acct.Groups, e)
		return nil
	}); err != nil {
		return err
	}
	return store.Each(tx, acct.ID, store.KindRole, func(ro *store.Role) error {
		e := entity(ro.Name, ro.Name+"@"+at, ro.ARN, ro.ID, ro.Policies)
		e.Trust = ro.TrustPolicy
		e.checkPolicies(aw)
		acct.Roles = append(acct.Roles, e)
		return nil
	})
}
