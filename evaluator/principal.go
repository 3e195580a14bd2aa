package evaluator

import "strings"

// principalClass says how specifically a Principal entry names the caller;
// it matters for same-account resource-policy grants
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html).
type principalClass uint8

const (
	clsNone    principalClass = iota
	clsAccount                // account id or :root — delegates to the account
	clsRole                   // role ARN or AROA id — capped by boundary/session
	clsAny                    // "*"
	clsExact                  // user, session, federated user, service, IdP
)

type pkind uint8

const (
	pkAny pkind = iota
	pkAccount
	pkUserARN
	pkRoleARN
	pkSessionARN // assumed-role and federated-user ARNs
	pkUserID     // AIDA...
	pkRoleID     // AROA...
	pkService
	pkFederated
	pkCanonical
)

type principalEntry struct {
	kind pkind
	val  string
}

type principalSet struct {
	entries []principalEntry
}

var partitions = map[string]bool{"aws": true, "aws-cn": true, "aws-us-gov": true, "aws-iso": true, "aws-iso-b": true, "aws-iso-e": true, "aws-iso-f": true, "aws-eusc": true}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < 12; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isUniqueID(s, prefix string) bool {
	if !strings.HasPrefix(s, prefix) || len(s) < 16 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// parseAWSPrincipal classifies one "AWS" principal value.
func parseAWSPrincipal(v string) (principalEntry, bool) {
	if v == "*" {
		return principalEntry{kind: pkAny}, true
	}
	if strings.ContainsAny(v, "*? ") {
		return principalEntry{}, false
	}
	if isAccountID(v) {
		return principalEntry{kind: pkAccount, val: v}, true
	}
	if isUniqueID(v, "AIDA") {
		return principalEntry{kind: pkUserID, val: v}, true
	}
	if isUniqueID(v, "AROA") {
		return principalEntry{kind: pkRoleID, val: v}, true
	}
	parts, ok := splitARN(v)
	if !ok || parts[0] != "arn" || !partitions[parts[1]] || parts[3] != "" || !isAccountID(parts[4]) {
		return principalEntry{}, false
	}
	res := parts[5]
	switch parts[2] {
	case "iam":
		switch {
		case res == "root":
			return principalEntry{kind: pkAccount, val: parts[4]}, true
		case strings.HasPrefix(res, "user/") && len(res) > 5 && !strings.HasSuffix(res, "/"):
			return principalEntry{kind: pkUserARN, val: v}, true
		case strings.HasPrefix(res, "role/") && len(res) > 5 && !strings.HasSuffix(res, "/"):
			return principalEntry{kind: pkRoleARN, val: v}, true
		}
	case "sts":
		switch {
		case strings.HasPrefix(res, "assumed-role/") && strings.Count(res, "/") == 2 && !strings.HasSuffix(res, "/") && !strings.Contains(res, "//"):
			return principalEntry{kind: pkSessionARN, val: v}, true
		case strings.HasPrefix(res, "federated-user/") && len(res) > len("federated-user/"):
			return principalEntry{kind: pkSessionARN, val: v}, true
		}
	}
	return principalEntry{}, false
}

// parsePrincipal parses a Principal/NotPrincipal element. It returns the
// compiled set, the AWS values as written, and an error message.
func parsePrincipal(n *jnode) (principalSet, []string, string) {
	var ps principalSet
	if n.kind == 's' {
		if n.str != "*" {
			return ps, nil, MsgInvalidPrincipal
		}
		ps.entries = append(ps.entries, principalEntry{kind: pkAny})
		return ps, []string{"*"}, ""
	}
	if n.kind != 'o' || len(n.keys) == 0 {
		return ps, nil, MsgInvalidPrincipal
	}
	var raw []string
	for i, k := range n.keys {
		vals, ok := stringList(n.vals[i])
		if !ok {
			return ps, nil, MsgInvalidPrincipal
		}
		for _, v := range vals {
			switch k {
			case "AWS":
				e, ok := parseAWSPrincipal(v)
				if !ok {
					return ps, nil, MsgInvalidPrincipal
				}
				ps.entries = append(ps.entries, e)
				raw = append(raw, v)
			case "Service", "Federated", "CanonicalUser":
				if v == "" || strings.ContainsAny(v, " \t\n") || (v != "*" && strings.ContainsAny(v, "*?")) {
					return ps, nil, MsgInvalidPrincipal
				}
				kind := pkService
				if k == "Federated" {
					kind = pkFederated
				} else if k == "CanonicalUser" {
					kind = pkCanonical
				}
				// "*" stays within its principal type: every service,
				// every identity provider's users, every canonical user
				// (see classifyNonIAM), never every caller.
				ps.entries = append(ps.entries, principalEntry{kind: kind, val: v})
			default:
				return ps, nil, MsgInvalidPrincipal
			}
		}
	}
	return ps, raw, ""
}

// namesUser reports whether userARN (arn:PARTITION:iam::ACCOUNT:user/path/NAME)
// is the user name in account; user names are unique in an account
// whatever their path.
func namesUser(userARN, account, name string) bool {
	if name == "" || account == "" {
		return false
	}
	parts, ok := splitARN(userARN)
	if !ok || parts[4] != account {
		return false
	}
	res := parts[5]
	i := strings.LastIndexByte(res, '/')
	return i >= 0 && strings.EqualFold(res[i+1:], name)
}

// roleIDPrefix returns the AROA... part of an assumed-role aws:userid
// ("AROA...:session").
func roleIDPrefix(uid string) string {
	if i := strings.IndexByte(uid, ':'); i >= 0 {
		return uid[:i]
	}
	return uid
}

// classify returns how entry e names principal p (clsNone if it does not).
func (e *principalEntry) classify(p *Principal) principalClass {
	switch e.kind {
	case pkAny:
		return clsAny
	case pkAccount:
		if p.Account != "" && p.Account == e.val && p.Type != PrincipalAnonymous && p.Type != PrincipalService {
			return clsAccount
		}
	case pkUserARN, pkRoleARN, pkSessionARN:
		return e.classifyARN(p)
	case pkUserID, pkRoleID:
		return e.classifyUniqueID(p)
	case pkService, pkFederated, pkCanonical:
		return e.classifyNonIAM(p)
	}
	return clsNone
}

// classifyARN classifies an entry that names a user, role or session ARN.
func (e *principalEntry) classifyARN(p *Principal) principalClass {
	switch e.kind {
	case pkUserARN:
		if p.ARN == e.val {
			return clsExact
		}
		if p.Type == PrincipalFederatedUser && p.Federated == "" && namesUser(e.val, p.Account, p.Username) {
			// A GetFederationToken session: a grant to the IAM user that
			// created it counts, capped by the session policy (Session
			// policies: "the session policy limits the total permissions
			// granted by the resource-based policy").
			return clsRole
		}
	case pkRoleARN:
		if p.RoleARN == e.val {
			return clsRole
		}
		if p.ARN == e.val {
			return clsExact
		}
	case pkSessionARN:
		if p.ARN == e.val {
			return clsExact
		}
	}
	return clsNone
}

// classifyUniqueID classifies an entry that names a user's (AIDA...) or a
// role's (AROA...) unique id.
func (e *principalEntry) classifyUniqueID(p *Principal) principalClass {
	switch e.kind {
	case pkUserID:
		if p.UserID == e.val {
			return clsExact
		}
	case pkRoleID:
		if p.Type == PrincipalAssumedRole && roleIDPrefix(p.UserID) == e.val {
			return clsRole
		}
	}
	return clsNone
}

// classifyNonIAM classifies an entry that names a service, a federated
// identity provider or an S3 canonical user.
//
// A wildcard value ("Service": "*") names every principal of that type
// only: AWS documents "*" as everyone only as "Principal": "*" and
// {"AWS": "*"} (reference_policies_elements_principal.html, "All
// principals"), and its answer for a wildcard of another type is not
// recorded, so it fails closed (docs/deviations.md, Attack probes).
func (e *principalEntry) classifyNonIAM(p *Principal) principalClass {
	switch e.kind {
	case pkService:
		if namesValue(e.val, p.Service) {
			return clsExact
		}
	case pkFederated:
		if namesValue(e.val, p.Federated) {
			return clsExact
		}
	case pkCanonical:
		if namesValue(e.val, p.CanonicalUser) {
			return clsAccount
		}
	}
	return clsNone
}

// namesValue reports whether a principal entry's value names have, the
// caller's value of the entry's type ("" when the caller has none).
func namesValue(val, have string) bool {
	return have != "" && (val == "*" || val == have)
}

// match returns the strongest class with which the set names p.
func (ps *principalSet) match(p *Principal) principalClass {
	best := clsNone
	for i := range ps.entries {
		if c := ps.entries[i].classify(p); c > best {
			best = c
		}
	}
	return best
}

// excludes reports whether a NotPrincipal set exempts p. Following the
// NotPrincipal page, a member of an account is exempt only when the
// account is listed too, unless it is in the resource's own account; an
// assumed-role session is exempt only when its session ARN is listed
// ("principals must always name a specific session"), and, from another
// account, its role ARN and account as well. See
// docs/deviations.md.
func (ps *principalSet) excludes(p *Principal, sameAccount bool) bool {
	var any, account, role, exact bool
	for i := range ps.entries {
		switch ps.entries[i].classify(p) {
		case clsAny:
			any = true
		case clsAccount:
			account = true
		case clsRole:
			role = true
		case clsExact:
			exact = true
		}
	}
	if any {
		return true
	}
	switch p.Type {
	case PrincipalAccount:
		return account
	case PrincipalAssumedRole:
		if sameAccount {
			return exact
		}
		return exact && role && account
	case PrincipalUser, PrincipalFederatedUser:
		if p.Type == PrincipalFederatedUser && p.Federated != "" {
			return exact
		}
		return exact && (account || sameAccount)
	}
	return exact || role
}
