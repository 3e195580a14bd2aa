package principals

import (
	"errors"
	"regexp"
	"strings"
	"sync"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// InvalidError reports a policy principal that names an IAM user
// or role that does not exist. IAM renders it as MalformedPolicyDocument
// `Invalid principal in policy: "AWS":"ARN"`; S3 renders MalformedPolicy
// "Invalid principal in policy".
type InvalidError struct {
	Principal string // the ARN as written
}

func (e *InvalidError) Error() string {
	return evaluator.MsgInvalidPrincipal + `: "AWS":"` + e.Principal + `"`
}

// IDs checks that every AWS principal in doc that names an IAM
// user or role (arn:aws:iam::ACCOUNT:user/..., role/...) exists, and returns
// each such ARN mapped to the entity's unique id (AIDA..., AROA...). IAM
// resolves these principals to unique ids when a policy is saved, so a
// principal deleted and recreated under the same name no longer matches.
//
// Account ids, account root ARNs, assumed-role and federated-user session
// ARNs, "*", unique ids and service/federated principals are not checked
// (AWS does not check sessions). User and role ARNs in accounts that were
// never created do not exist. A missing principal returns an
// *InvalidError.
func IDs(tx *store.Tx, doc *evaluator.Policy) (map[string]string, error) {
	ids := map[string]string{}
	for _, p := range doc.PrincipalARNs() {
		acct, kind, name, ok := Split(p)
		if !ok {
			continue
		}
		if _, done := ids[p]; done {
			continue
		}
		id, _, err := principalID(tx, acct, kind, name, p)
		if err != nil {
			return nil, err
		}
		ids[p] = id
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return ids, nil
}

// principalID returns the unique id and the ARN of the user or role
// principalARN names. IAM names are unique whatever their case, so the
// ARN may differ from principalARN in case.
func principalID(tx *store.Tx, acct, kind, name, principalARN string) (id, arn string, err error) {
	var storeKind string
	switch kind {
	case "user":
		storeKind = store.KindUser
	case "role":
		storeKind = store.KindRole
	}
	var rec struct {
		ID  string
		ARN string
	}
	err = tx.Get(acct, storeKind, strings.ToLower(name), &rec)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !strings.EqualFold(rec.ARN, principalARN)) {
		return "", "", &InvalidError{Principal: principalARN}
	}
	if err != nil {
		return "", "", err
	}
	return rec.ID, rec.ARN, nil
}

// Split splits arn:PARTITION:iam::ACCOUNT:user/path/name (or
// role/...) into account, "user"/"role" and the name.
func Split(s string) (acct, kind, name string, ok bool) {
	// Any account field is kept (not only 12 digits): a user or role ARN
	// in an account that does not exist is an invalid principal, not
	// something to skip.
	a, err := arns.Parse(s)
	if err != nil || a.Service != "iam" || a.Region != "" {
		return "", "", "", false
	}
	kind, rest, _ := strings.Cut(a.Resource, "/")
	name = rest[strings.LastIndexByte(rest, '/')+1:]
	if (kind != "user" && kind != "role") || name == "" {
		return "", "", "", false
	}
	return a.AccountID, kind, name, true
}

// TrustPolicy returns role's trust policy as IAM shows it (and as it now
// acts): every user or role principal whose entity was deleted, or deleted
// and recreated, since the policy was set appears as the unique id it had
// then instead of its ARN.
func TrustPolicy(tx *store.Tx, role *store.Role) (string, error) {
	return Resolve(tx, role.TrustPolicy, role.TrustPrincipalIDs)
}

// Resolve returns a resource-based policy (trust or bucket policy)
// as it acts now. ids maps each user or role principal ARN to the unique id
// IDs found when the policy was saved; a principal whose entity has
// since been deleted, or deleted and recreated, is replaced by that old
// unique id, which matches nobody — as on AWS. Account-id principals become
// root ARNs (Canonical).
func Resolve(tx *store.Tx, doc string, ids map[string]string) (string, error) {
	doc = Canonical(doc)
	for principalARN, id := range ids {
		acct, kind, name, ok := Split(principalARN)
		if !ok {
			continue
		}
		cur, curARN, err := principalID(tx, acct, kind, name, principalARN)
		var ip *InvalidError
		if err != nil && !errors.As(err, &ip) {
			return "", err
		}
		if err == nil && cur == id {
			if curARN != principalARN {
				// Written in another case: IDs accepted it as the
				// entity it names (IAM names are unique whatever their
				// case) and IAM keeps the entity's unique id, so it
				// names that entity, as its own ARN does.
				doc = strings.ReplaceAll(doc, `"`+principalARN+`"`, `"`+curARN+`"`)
			}
			continue
		}
		shown := id
		if kind == "user" {
			// A user renamed or moved since (UpdateUser) keeps its unique
			// id, and IAM updates the policies that name it as a principal
			// to its new name and path (IAM User Guide, "Rename an IAM
			// user"): it shows, and acts, as the user's ARN now.
			renamed, err := userARNByID(tx, acct, id)
			if err != nil {
				return "", err
			}
			if renamed != "" {
				shown = renamed
			}
		}
		doc = strings.ReplaceAll(doc, `"`+principalARN+`"`, `"`+shown+`"`)
	}
	return doc, nil
}

// userARNByID returns the ARN of the user of acct whose unique id is id,
// or "" when none has it (the user was deleted).
func userARNByID(tx *store.Tx, acct, id string) (string, error) {
	found := ""
	err := tx.ForEach(acct, store.KindUser, "", "", func(_ string, decode store.Decoder) error {
		var rec struct {
			ID  string
			ARN string
		}
		if err := decode(&rec); err != nil {
			return err
		}
		if rec.ID == id {
			found = rec.ARN
		}
		return nil
	})
	return found, err
}

// The patterns are compiled on first use, not at start-up.
var (
	awsPrincipalRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"AWS"\s*:\s*(\[[^\]]*\]|"[^"]*")`) })
	accountIDRE    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"(\d{12})"`) })
	// rootTemplate replaces accountIDRE's match with the account's root ARN.
	rootTemplate = `"` + arns.Root("${1}") + `"`
)

// Canonical rewrites account-id principals ("AWS": "123456789012")
// to the account root ARN (arn:aws:iam::123456789012:root), as IAM does when
// it stores a trust policy
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts).
// Only values of "AWS" keys change; everything else keeps its formatting.
func Canonical(doc string) string {
	return awsPrincipalRE().ReplaceAllStringFunc(doc, func(m string) string {
		return accountIDRE().ReplaceAllString(m, rootTemplate)
	})
}
