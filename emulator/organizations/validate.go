package organizations

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// This file holds input validation: the id patterns and string lengths of
// the service model's shapes (botocore/aws-sdk organizations
// service-2.json: RootId, ParentId, OrganizationalUnitId, ChildId,
// AccountId, PolicyId, PolicyTargetId, TaggableResourceId, HandshakeId,
// CreateAccountRequestId; PolicyName, PolicyDescription,
// OrganizationalUnitName, ...). AWS refuses a value outside them with
// InvalidInputException and the API reference's Reason: INVALID_PATTERN
// ("You provided a value that does not match the required pattern.", the
// message AWS answered ListTagsForResource given an ARN,
// RoadieHQ/roadie-backstage-plugins#1391), MIN_LENGTH_EXCEEDED or
// MAX_LENGTH_EXCEEDED. Checks run before the organization is looked up,
// as a service's input validation does.

// idPattern names one id shape.
type idPattern int

const (
	patRoot idPattern = iota
	patParent
	patOU
	patChild
	patAccount
	patPolicy
	patTarget
	patTaggable
	patHandshake
	patCreateAccount
	patRoleName
	patAccountName
)

// idPatterns are the shapes' patterns, each alternative anchored (the
// model writes "^(a)|(b)$"; AWS matches the whole value).
var idPatterns = sync.OnceValue(func() map[idPattern]*regexp.Regexp {
	const (
		root = `r-[0-9a-z]{4,32}`
		ou   = `ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}`
		acct = `\d{12}`
		pol  = `p-[0-9a-zA-Z_]{8,128}`
	)
	oneOf := func(alts ...string) *regexp.Regexp {
		s := ""
		for i, a := range alts {
			if i > 0 {
				s += "|"
			}
			s += "(?:" + a + ")"
		}
		return regexp.MustCompile(`^(?:` + s + `)$`)
	}
	return map[idPattern]*regexp.Regexp{
		patRoot:          oneOf(root),
		patParent:        oneOf(root, ou),
		patOU:            oneOf(ou),
		patChild:         oneOf(acct, ou),
		patAccount:       oneOf(acct),
		patPolicy:        oneOf(pol),
		patTarget:        oneOf(root, acct, ou),
		patTaggable:      oneOf(root, acct, ou, pol, `rp-[0-9a-zA-Z_]{4,128}`, `rt-[0-9a-zA-Z_]{8,32}`),
		patHandshake:     oneOf(`h-[0-9a-z]{8,32}`),
		patCreateAccount: oneOf(`car-[a-z0-9]{8,32}`),
		patRoleName:      oneOf(`[\w+=,.@-]{1,64}`),
		patAccountName:   oneOf(`[\x20-\x7E]+`),
	}
})

// errPattern is AWS's answer to a value outside its shape's pattern.
func errPattern() error {
	return errInvalidInput("INVALID_PATTERN", "You provided a value that does not match the required pattern.")
}

// checkID checks v against pattern p. A policy target id has its own
// Reason, INVALID_PATTERN_TARGET_ID ("You specified a policy target ID
// that doesn't match the required pattern", API reference).
func checkID(p idPattern, v string) error {
	switch {
	case idPatterns()[p].MatchString(v):
		return nil
	case p == patTarget:
		return errInvalidInput("INVALID_PATTERN_TARGET_ID", "You specified a policy target ID that doesn't match the required pattern.")
	}
	return errPattern()
}

// checkTags checks tag keys (1..128 characters) and values (0..256) and
// refuses a key given twice (DUPLICATE_TAG_KEY: "Tag keys must be unique
// among the tags attached to the same entity", API reference).
func checkTags(tags []tagIO) error {
	seen := map[string]bool{}
	for _, t := range tags {
		if err := firstErr(checkLength(t.Key, 1, 128), checkLength(t.Value, 0, 256)); err != nil {
			return err
		}
		if seen[t.Key] {
			return errInvalidInput("DUPLICATE_TAG_KEY", "Tag keys must be unique among the tags attached to the same entity.")
		}
		seen[t.Key] = true
	}
	return nil
}

// firstErr returns the first non-nil error of errs.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkLength checks a string parameter against its shape's length
// bounds (in characters).
func checkLength(v string, lo, hi int) error {
	n := utf8.RuneCountInString(v)
	switch {
	case n < lo:
		return errInvalidInput("MIN_LENGTH_EXCEEDED", "You provided a string parameter that is shorter than allowed.")
	case n > hi:
		return errInvalidInput("MAX_LENGTH_EXCEEDED", "You provided a string parameter that is longer than allowed.")
	}
	return nil
}

// optional runs check on *v when v is given.
func optional(v *string, check func(string) error) error {
	if v == nil {
		return nil
	}
	return check(*v)
}

// checkNewAccount checks CreateAccount's AccountName (printable ASCII) and
// RoleName (when given: [\w+=,.@-]{1,64}, not the reserved
// AWSServiceRoleFor prefix, the API reference's INVALID_ROLE_NAME).
func checkNewAccount(name, role string) error {
	if err := checkID(patAccountName, name); err != nil {
		return err
	}
	if role == "" {
		return nil
	}
	if err := checkID(patRoleName, role); err != nil {
		return err
	}
	if strings.HasPrefix(role, "AWSServiceRoleFor") {
		return errInvalidInput("INVALID_ROLE_NAME", "You provided a role name that isn't valid. A role name can't begin with the reserved prefix AWSServiceRoleFor.")
	}
	return nil
}
