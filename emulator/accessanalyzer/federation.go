package accessanalyzer

import (
	"fmt"
	"strings"
)

// The reference's checks of who a resource policy lets in through a
// provider or a service: OIDC providers (GitHub's in particular) without
// the condition keys that say which identities, service principals with no
// source condition, and actions a policy of the given resource type cannot
// hold.

// githubHost is GitHub Actions' OIDC provider.
const githubHost = "token.actions.githubusercontent.com"

// sourceKeys restrict a service principal to a source (the confused
// deputy keys).
var sourceKeys = []string{"aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"}

// checkFederation runs this file's principal checks on an Allow statement
// of a resource policy.
func (v *validator) checkFederation(st *stmt) {
	if v.in.Type != ResourcePolicy || st.principal == nil || !st.allow() {
		return
	}
	if v.trustPolicy() {
		for _, l := range v.principalValues(st, "Federated") {
			v.checkOIDCConditions(st, l)
		}
		return
	}
	var services []located
	for _, l := range v.principalValues(st, "Service") {
		if !wild(l.n.str) { // a wildcard is UNSUPPORTED_WILDCARD_IN_PRINCIPAL
			services = append(services, l)
		}
	}
	if len(services) == 0 {
		return
	}
	for _, k := range sourceKeys {
		if conditionHasKey(st, k) {
			return
		}
	}
	v.add(issueRestrictService, "Granting access to a service principal without specifying a source is overly permissive. Use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths condition key to grant fine-grained access.", services[0])
}

// checkOIDCConditions reports an OIDC provider principal whose
// statement names none of the provider's condition keys (for GitHub,
// not token.actions.githubusercontent.com:sub), and a GitHub sub value
// with a wildcard.
func (v *validator) checkOIDCConditions(st *stmt, l located) {
	_, host, ok := strings.Cut(l.n.str, ":oidc-provider/")
	if !ok {
		return
	}
	if host == githubHost {
		sub := v.conditionValues(st, githubHost+":sub")
		if len(sub) == 0 {
			v.add(issueGitHubRepo, "Granting a federated GitHub principal permissions without a condition key can allow more sources to assume the role than you intended. Add the token.actions.githubusercontent.com:sub condition key and specify the branch and repository name in the value.", l)
		}
		for _, s := range sub {
			if s.n.kind == kString && strings.Contains(s.n.str, "*") {
				v.add(issueGitHubBranch, "Using a wildcard (*) in token.actions.githubusercontent.com:sub can allow requests from more sources than you intended. Specify the value of token.actions.githubusercontent.com:sub with the repository and branch name. If the subject claim does not include the branch, specify it in a token.actions.githubusercontent.com:ref condition key.", s)
			}
		}
		return
	}
	if !conditionHasPrefix(st, strings.ToLower(host)+":") {
		v.add(issueOIDCCondition, "Using an Open ID Connect principal without a condition can be overly permissive. Add condition keys with a prefix that matches your federated OIDC principals to ensure that only the intended identity provider assumes the role.", l)
	}
}

// conditionValues returns the values the statement's Condition gives key
// (lower case), under any operator.
func (v *validator) conditionValues(st *stmt, key string) []located {
	if st.condition == nil {
		return nil
	}
	base := v.elem(st, st.condition)
	var out []located
	for op, k := range st.conditionKeys() {
		if strings.ToLower(k.key) != key {
			continue
		}
		kp := base.p.key(op.key).key(k.key)
		if k.val.kind != kArray {
			out = append(out, located{k.val, kp})
			continue
		}
		for i, e := range k.val.elems {
			out = append(out, located{e, kp.index(i)})
		}
	}
	return out
}

// conditionHasPrefix reports a Condition key starting with prefix (lower
// case).
func conditionHasPrefix(st *stmt, prefix string) bool {
	for _, k := range st.conditionKeys() {
		if strings.HasPrefix(strings.ToLower(k.key), prefix) {
			return true
		}
	}
	return false
}

// checkPolicyActions reports, in an S3 bucket policy or a role trust
// policy, an action of a service that policy cannot govern (kms:Decrypt in
// a bucket policy, s3:GetObject in a trust policy).
func (v *validator) checkPolicyActions(acts []located) {
	var want, resourceType string
	switch {
	case v.in.Type != ResourcePolicy:
		return
	case v.in.ResourceType == S3BucketResourceType:
		want, resourceType = "s3", S3BucketResourceType
	case v.trustPolicy():
		want, resourceType = "sts", trustPolicyType
	default:
		return
	}
	for _, a := range acts {
		svc, _, ok := strings.Cut(a.n.str, ":")
		if !ok || wild(svc) || strings.ToLower(svc) == want {
			continue
		}
		v.add(issueUnsupportedAction, fmt.Sprintf("The action %s is not supported for the resource-based policy attached to the resource type %s.", a.n.str, resourceType), a)
	}
}
