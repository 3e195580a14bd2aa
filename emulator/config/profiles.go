package config

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/policyjson"
)

// Profile is one AWS CLI/SDK profile derived from a config: either static
// credentials (AccessKeyID, SecretAccessKey) or a role to assume (RoleARN
// with SourceProfile).
type Profile struct {
	Name    string
	Account string
	// User is the IAM user owning the key ("" for root keys and roles).
	User            string
	AccessKeyID     string
	SecretAccessKey string
	RoleARN         string
	SourceProfile   string
	ExternalID      string
	// Note explains a profile that could not be completed (a role with no
	// source profile); it is written as a comment.
	Note string
}

// RootSecret is the secret of every 12-digit root access key.
const RootSecret = "test"

// Profiles derives the profiles `fakeaws profile` writes for c, in the
// config's order:
//   - one per account with its root credentials, named after the account's
//     alias (or id), using the first root key the account declares, else the
//     12-digit key with secret "test";
//   - one per further access key, named key.profile, or ACCOUNT-USER
//     (ACCOUNT-root-N for extra root keys), where ACCOUNT is the account
//     profile's name;
//   - one per role: role.profile, or ACCOUNT-ROLE, with role_arn and a
//     source_profile: role.sourceProfile, or the first key profile of a
//     principal the trust policy names (a user's own key; for an account,
//     the first key of one of its users, since root cannot assume roles; for
//     a role, that role's profile).
func Profiles(c *Config) []Profile {
	ix := profileIndex{accountName: map[string]string{}, userProfile: map[string]string{},
		firstUserKey: map[string]string{}, byRole: map[string]string{}}
	var out []Profile
	for _, a := range c.Accounts {
		out = append(out, ix.keyProfiles(a)...)
	}
	type pendingRole struct {
		index int
		trust []string
	}
	var roles []pendingRole
	for _, a := range c.Accounts {
		for _, r := range a.Roles {
			p, trust := ix.roleProfile(a, r)
			roles = append(roles, pendingRole{index: len(out), trust: trust})
			out = append(out, p)
		}
	}
	// A role's source is found once every profile is named: a role may
	// trust a role declared after it.
	for _, pr := range roles {
		ix.setSource(&out[pr.index], pr.trust)
	}
	return out
}

// profileIndex finds profiles by what a trust policy names, as Profiles
// names them.
type profileIndex struct {
	accountName  map[string]string // account → its root profile
	userProfile  map[string]string // account/lower(user) → profile
	firstUserKey map[string]string // account → profile
	byRole       map[string]string // lower(role ARN) → profile
}

// keyProfiles are a's root profile and one profile per further access
// key.
func (ix profileIndex) keyProfiles(a Account) []Profile {
	root := rootProfile(a)
	ix.accountName[a.ID] = root.Name
	out := []Profile{root}
	rootKeys, userKeys := 0, map[string]int{}
	for _, k := range a.AccessKeys {
		p := Profile{Name: k.Profile, Account: a.ID, User: k.User, AccessKeyID: k.ID, SecretAccessKey: k.Secret}
		if k.User == "" {
			rootKeys++
			if k.ID == root.AccessKeyID {
				continue
			}
			if p.Name == "" {
				p.Name = root.Name + "-root-" + strconv.Itoa(rootKeys)
			}
		} else {
			u := strings.ToLower(k.User)
			userKeys[u]++
			if p.Name == "" {
				p.Name = root.Name + "-" + k.User
				if userKeys[u] > 1 {
					p.Name += "-" + strconv.Itoa(userKeys[u])
				}
			}
			if _, ok := ix.userProfile[a.ID+"/"+u]; !ok {
				ix.userProfile[a.ID+"/"+u] = p.Name
			}
			if _, ok := ix.firstUserKey[a.ID]; !ok {
				ix.firstUserKey[a.ID] = p.Name
			}
		}
		out = append(out, p)
	}
	return out
}

// rootProfile is a's root profile: its first root key (named by the key's
// profile, else the alias or id), or the 12-digit key.
func rootProfile(a Account) Profile {
	name := a.Alias
	if name == "" {
		name = a.ID
	}
	root := Profile{Account: a.ID, AccessKeyID: a.ID, SecretAccessKey: RootSecret}
	for _, k := range a.AccessKeys {
		if k.User == "" {
			root.AccessKeyID, root.SecretAccessKey = k.ID, k.Secret
			if k.Profile != "" {
				name = k.Profile
			}
			break
		}
	}
	root.Name = name
	return root
}

// roleProfile is r's profile (its source profile not yet found) and the
// AWS principals its trust policy allows.
func (ix profileIndex) roleProfile(a Account, r Role) (Profile, []string) {
	path := r.Path
	if path == "" {
		path = "/"
	}
	arn := arns.Role(a.ID, path, r.Name)
	p := Profile{Name: r.Profile, Account: a.ID, RoleARN: arn, SourceProfile: r.SourceProfile, ExternalID: r.ExternalID}
	if p.Name == "" {
		p.Name = ix.accountName[a.ID] + "-" + r.Name
	}
	ix.byRole[strings.ToLower(arn)] = p.Name
	trust, _ := r.Trust.Text()
	principals, externalID := trustHints(trust)
	if p.ExternalID == "" {
		p.ExternalID = externalID
	}
	return p, principals
}

// setSource gives the role profile p, unless it names its own, the
// profile of the first principal in trust that has one, or a note saying
// none has.
func (ix profileIndex) setSource(p *Profile, trust []string) {
	if p.SourceProfile != "" {
		return
	}
	for _, principal := range trust {
		if src := ix.sourceFor(principal); src != "" && src != p.Name {
			p.SourceProfile = src
			return
		}
	}
	p.Note = "no access key of a principal this role trusts is declared; set roles[].sourceProfile"
}

func (ix profileIndex) sourceFor(principal string) string {
	if arns.IsAccountID(principal) {
		return ix.firstUserKey[principal]
	}
	r, err := arns.ParseIAM(principal)
	if err != nil || r.Partition != arns.Partition {
		return ""
	}
	switch r.Type {
	case "root":
		return ix.firstUserKey[r.Account]
	case "user":
		return ix.userProfile[r.Account+"/"+strings.ToLower(r.Name)]
	case "role":
		return ix.byRole[strings.ToLower(principal)]
	}
	return ""
}

// trustHints returns the AWS principals a trust policy allows and the
// sts:ExternalId it requires (when it names exactly one).
func trustHints(doc string) (principals []string, externalID string) {
	var p struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(doc), &p) != nil {
		return nil, ""
	}
	type statement struct {
		Effect    string
		Principal json.RawMessage
		Condition map[string]map[string]json.RawMessage
	}
	var stmts []statement
	if json.Unmarshal(p.Statement, &stmts) != nil {
		var one statement
		if json.Unmarshal(p.Statement, &one) != nil {
			return nil, ""
		}
		stmts = []statement{one}
	}
	for _, s := range stmts {
		if s.Effect != "Allow" {
			continue
		}
		var pr struct{ AWS json.RawMessage }
		if json.Unmarshal(s.Principal, &pr) == nil {
			principals = append(principals, policyjson.Strings(pr.AWS)...)
		}
		for _, keys := range s.Condition {
			for k, v := range keys {
				if strings.EqualFold(k, "sts:ExternalId") {
					if vals := policyjson.Strings(v); len(vals) == 1 && externalID == "" {
						externalID = vals[0]
					}
				}
			}
		}
	}
	return principals, externalID
}
