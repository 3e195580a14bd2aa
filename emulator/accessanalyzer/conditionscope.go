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

// checkKeyScope runs this file's checks on one condition key.
func (v *validator) checkKeyScope(st *stmt, key string, at located) {
	low := strings.ToLower(key)
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
