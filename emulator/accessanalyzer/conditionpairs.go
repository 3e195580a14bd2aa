package accessanalyzer

import (
	"fmt"
	"strings"

	awsarn "github.com/aws/aws-sdk-go-v2/aws/arn"
)

// The MISSING_PAIRED_CONDITION_KEYS check of AWS's "IAM policy validation
// check reference": some keys are more secure with a related key in the
// same Condition. The pairs and the finding's wording are AWS's as
// recorded by sjakthol/aws-access-analyzer-validator (examples/
// sample_report.md, from its test/templates/test-resources.yaml):
// aws:VpcSourceIp wants aws:SourceVPC or aws:SourceVPCE, and aws:SourceArn
// naming an ARN without an account (an S3 bucket's) wants
// aws:SourceAccount.

// pairedKey is a key and the keys it wants beside it.
type pairedKey struct {
	key         string   // lower case
	recommended []string // as AWS spells them in the finding
	// applies judges the key's values; nil: always.
	applies func(vals []*node) bool
}

var pairedKeys = []pairedKey{
	{key: "aws:vpcsourceip", recommended: []string{"aws:SourceVPC", "aws:SourceVPCE"}},
	{key: "aws:sourcearn", recommended: []string{"aws:SourceAccount"}, applies: anyARNWithoutAccount},
}

// anyARNWithoutAccount reports a value that is an ARN with no account
// field (arn:aws:s3:::bucket): it cannot tell whose resource it is.
func anyARNWithoutAccount(vals []*node) bool {
	for _, n := range vals {
		if n.kind != kString {
			continue
		}
		if a, err := awsarn.Parse(n.str); err == nil && a.AccountID == "" {
			return true
		}
	}
	return false
}

// checkPairedKeys reports, in an Allow statement, each key of pairedKeys
// whose related keys the Condition does not name.
func (v *validator) checkPairedKeys(st *stmt) {
	if !st.allow() || st.condition == nil || st.condition.val.kind != kObject {
		return
	}
	base := v.elem(st, st.condition)
	for _, pk := range pairedKeys {
		if pairedPresent(st, pk.recommended) {
			continue
		}
		for op, k := range st.conditionKeys() {
			if strings.ToLower(k.key) != pk.key || (pk.applies != nil && !pk.applies(k.val.list())) {
				continue
			}
			at := located{&node{start: k.keyStart, end: k.keyEnd}, base.p.key(op.key).key(k.key)}
			v.add(issueMissingPairedKeys, fmt.Sprintf("Using the condition key %s can be overly permissive without also using the following condition keys: %s. Condition keys like this one are more secure when paired with a related key. We recommend that you add the related condition keys to the same condition block.",
				k.key, strings.Join(pk.recommended, ", ")), at)
		}
	}
}

// pairedPresent reports whether the Condition names any of keys.
func pairedPresent(st *stmt, keys []string) bool {
	for _, k := range keys {
		if conditionHasKey(st, strings.ToLower(k)) {
			return true
		}
	}
	return false
}
