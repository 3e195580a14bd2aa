package accessanalyzer

import (
	"fmt"
	"strings"

	"github.com/fakeaws/fakeaws/evaluator"
)

// The reference's checks of condition keys against the policy they are
// in: a key a resource policy's own resource makes pointless, and a key
// whose value only an action the statement lacks can set.

// irrelevantKeys are condition keys that tell nothing in the
// resource-based policy of a resource type (lower case): an S3 bucket
// policy's resource account is always the bucket owner's (the reference's
// example, s3:ResourceAccount).
var irrelevantKeys = map[string]map[string]bool{
	S3BucketResourceType: {"s3:resourceaccount": true},
}

// settingActions are, in a role trust policy, the actions a key's value
// needs to be set (lower case): session tags come with sts:TagSession,
// a source identity with sts:SetSourceIdentity.
var settingActions = map[string]string{
	"sts:transitivetagkeys": "sts:TagSession",
	"sts:sourceidentity":    "sts:SetSourceIdentity",
}

// checkKeyScope runs this file's checks on one condition key under the
// operator op.
func (v *validator) checkKeyScope(st *stmt, op string, typ opType, key string, at located) {
	low := strings.ToLower(key)
	v.checkPrefixContext(st, op, typ, low, at)
	if low == "dynamodb:attributes" && st.allow() && !conditionHasKey(st, "dynamodb:select") {
		v.add(issueDynamoDBSelect, "Restricting dynamodb:Attributes without also setting dynamodb:Select to SPECIFIC_ATTRIBUTES allows all attributes to be returned on read requests that omit a projection expression. We recommend that you also set dynamodb:Select to SPECIFIC_ATTRIBUTES.", at)
	}
	if v.in.Type == ResourcePolicy && irrelevantKeys[v.in.ResourceType][low] {
		v.add(issueIrrelevantKey, fmt.Sprintf("The condition key %s is not relevant for the %s policy.  Use this key in an identity-based policy to govern access to this resource.", key, v.in.ResourceType), at)
	}
	action, ok := settingActions[low]
	if !ok || !v.trustPolicy() || !st.allow() || st.action == nil {
		return
	}
	for _, a := range st.action.val.list() {
		if a.kind == kString && evaluator.MatchWildcard(strings.ToLower(a.str), strings.ToLower(action)) {
			return
		}
	}
	v.add(issueMissingActionForKey, fmt.Sprintf("The %s action must be in the action block to allow setting values for the condition key %s. Add %s to the action block.", action, key, action), at)
}

// checkPrefixContext reports s3:prefix in a Deny statement under a
// matching String operator, or in an Allow statement under a negated one:
// a request naming a shorter prefix escapes the condition.
func (v *validator) checkPrefixContext(st *stmt, op string, typ opType, key string, at located) {
	if key != "s3:prefix" || typ != tString || st.effect == nil || st.effect.val.kind != kString {
		return
	}
	negated := strings.Contains(op, "Not")
	if (st.effect.val.str == "Deny" && !negated) || (st.allow() && negated) {
		v.add(issueS3PrefixNegative, "Using the s3:prefix condition key in a Deny statement or with a negated string operator does not block listing the objects under the matching prefixes. A request that specifies a shorter prefix does not match the condition and can still list those objects. To restrict listing to specific prefixes, use s3:prefix with StringLike in an Allow statement, or use a Deny statement with StringNotLike.", at)
	}
}
