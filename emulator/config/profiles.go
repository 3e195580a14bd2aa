package config

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
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
	var out []Profile
	accountName := map[string]string{}
	userProfile := map[string]string{}  // account/lower(user) → profile
	firstUserKey := map[string]string{} // account → profile
	roleProfile := map[string]string{}  // lower(role ARN) → profile
	for _, a := range c.Accounts {
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
		accountName[a.ID] = name
		out = append(out, root)
		rootKeys, userKeys := 0, map[string]int{}
		for _, k := range a.AccessKeys {
			p := Profile{Name: k.Profile, Account: a.ID, User: k.User, AccessKeyID: k.ID, SecretAccessKey: k.Secret}
			if k.User == "" {
				rootKeys++
				if k.ID == root.AccessKeyID {
					continue
				}
				if p.Name == "" {
					p.Name = name + "-root-" + strconv.Itoa(rootKeys)
				}
			} else {
				u := strings.ToLower(k.User)
				userKeys[u]++
				if p.Name == "" {
					p.Name = name + "-" + k.User
					if userKeys[u] > 1 {
						p.Name += "-" + strconv.Itoa(userKeys[u])
					}
				}
				if _, ok := userProfile[a.ID+"/"+u]; !ok {
					userProfile[a.ID+"/"+u] = p.Name
				}
				if _, ok := firstUserKey[a.ID]; !ok {
					firstUserKey[a.ID] = p.Name
				}
			}
			out = append(out, p)
		}
	}
	type pendingRole struct {
		index int
		trust []string
	}
	var roles []pendingRole
	for _, a := range c.Accounts {
		for _, r := range a.Roles {
			path := r.Path
			if path == "" {
				path = "/"
			}
			arn := arns.Role(a.ID, path, r.Name)
			p := Profile{Name: r.Profile, Account: a.ID, RoleARN: arn, SourceProfile: r.SourceProfile, ExternalID: r.ExternalID}
			if p.Name == "" {
				p.Name = accountName[a.ID] + "-" + r.Name
			}
			roleProfile[strings.ToLower(arn)] = p.Name
			trust, _ := r.Trust.Text()
			principals, externalID := trustHints(trust)
			if p.ExternalID == "" {
				p.ExternalID = externalID
			}
			roles = append(roles, pendingRole{index: len(out), trust: principals})
			out = append(out, p)
		}
	}
	for _, pr := range roles {
		p := &out[pr.index]
		if p.SourceProfile != "" {
			continue
		}
		for _, principal := range pr.trust {
			if src := sourceFor(principal, userProfile, firstUserKey, roleProfile); src != "" && src != p.Name {
				p.SourceProfile = src
				break
			}
		}
		if p.SourceProfile == "" {
			p.Note = "no access key of a principal this role trusts is declared; set roles[].sourceProfile"
		}
	}
	return out
}

func sourceFor(principal string, userProfile, firstUserKey, roleProfile map[string]string) string {
	if arns.IsAccountID(principal) {
		return firstUserKey[principal]
	}
	r, err := arns.ParseIAM(principal)
	if err != nil || r.Partition != arns.Partition {
		return ""
	}
	switch r.Type {
	case "root":
		return firstUserKey[r.Account]
	case "user":
		return userProfile[r.Account+"/"+strings.ToLower(r.Name)]
	case "role":
		return roleProfile[strings.ToLower(principal)]
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
			principals = append(principals, stringOrList(pr.AWS)...)
		}
		for _, keys := range s.Condition {
			for k, v := range keys {
				if strings.EqualFold(k, "sts:ExternalId") {
					if vals := stringOrList(v); len(vals) == 1 && externalID == "" {
						externalID = vals[0]
					}
				}
			}
		}
	}
	return principals, externalID
}

func stringOrList(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var list []string
	_ = json.Unmarshal(raw, &list)
	return list
}
