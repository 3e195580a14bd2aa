package sts

import (
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// idpTag is one session tag an identity provider passes (a PrincipalTag
// SAML attribute or a principal_tags entry of an OIDC token), with every
// value it gave; ok is false when a value was not a string.
type idpTag struct {
	key    string
	values []string
	ok     bool
}

// errIdPTags is STS's answer to session tags from an identity provider that
// break the tag rules: ValidationError "Unable to validate tags", as
// recorded from sts.amazonaws.com for AssumeRoleWithWebIdentity
// (hashicorp/terraform-provider-aws#44712; the token's tags are not in the
// report, so which rule they broke is not known).
func errIdPTags() error { return awserr.ValidationError("Unable to validate tags") }

// idpSessionTags checks the session tags an identity provider passed and
// the keys it marked transitive, and returns them as a session's tags.
//
// The IAM User Guide's rules for session tags hold whoever passes them
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html):
// at most 50; keys of 1 to 128 and values of up to 256 characters, letters,
// numbers, spaces and _ . : / = + - @ (id_tags.html#id_tags_rules_creating);
// "You must pass a single value for each session tag. Multivalued session
// tags are not supported."; keys unique whatever their case ("you cannot
// have separate Department and department tag keys"), answered as AssumeRole
// answers a repeated key (InvalidParameterValue, recorded from AWS: LocalStack
// tests/aws/services/sts/test_sts.snapshot.json,
// test_assume_role_tag_validation). A transitive key that names no tag is
// refused as AssumeRole refuses it, instead of being dropped.
//
// Taking the first of several values, or one of two keys that differ only
// in case, would decide aws:PrincipalTag conditions on a value the IdP did
// not pass alone (fakeaws did both).
func idpSessionTags(list []idpTag, transitive []string) (map[string]string, []string, error) {
	if len(list) == 0 && len(transitive) == 0 {
		return nil, nil, nil
	}
	if len(list) > maxSessionTags {
		return nil, nil, awserr.InvalidParameterValue("The number of session tags exceeds the limit of 50.")
	}
	tags := make(map[string]string, len(list))
	seen := make(map[string]string, len(list))
	for _, t := range list {
		if !t.ok || len(t.values) != 1 || !tagTextOK(t.key, 1, 128) || !tagTextOK(t.values[0], 0, 256) {
			return nil, nil, errIdPTags()
		}
		lower := strings.ToLower(t.key)
		if _, dup := seen[lower]; dup {
			return nil, nil, errDuplicateTagKeys()
		}
		seen[lower] = t.key
		tags[t.key] = t.values[0]
	}
	var keys []string
	for _, k := range transitive {
		key, ok := seen[strings.ToLower(k)]
		if !ok {
			return nil, nil, errTransitiveNotTagged()
		}
		if !containsFold(keys, key) {
			keys = append(keys, key)
		}
	}
	if len(tags) == 0 {
		tags = nil
	}
	return tags, keys, nil
}

// tagTextOK reports whether s is a tag key or value of min to max
// characters that tagRune accepts.
func tagTextOK(s string, min, max int) bool {
	n := 0
	for _, r := range s {
		if !tagRune(r) {
			return false
		}
		n++
	}
	return n >= min && n <= max
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
