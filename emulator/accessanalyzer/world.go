package accessanalyzer

import (
	awsarn "github.com/aws/aws-sdk-go-v2/aws/arn"

	"encoding/json"
	"fmt"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/evaluator"
)

// checkWorld reports an S3 bucket, IAM role or IAM user ARN that names
// nothing in the fakeaws world (fakeaws's own check: AWS cannot know).
// Patterns with wildcards or variables are not judged.
func (v *validator) checkWorld(n *node, p path) {
	if v.in.World == nil || strings.ContainsAny(n.str, "*?") || strings.Contains(n.str, "${") {
		return
	}
	if msg := missingInWorld(v.in.World, n.str); msg != "" {
		v.add(issueNotInWorld, msg, located{n, p})
	}
}

// missingInWorld explains why arn names nothing, or returns "".
func missingInWorld(w World, arn string) string {
	a, err := awsarn.Parse(arn)
	if err != nil {
		return ""
	}
	account, res := a.AccountID, a.Resource
	switch a.Service {
	case "s3":
		if a.Region != "" || account != "" {
			return "" // access points, jobs, Storage Lens: not buckets
		}
		bucket, key, hasKey := strings.Cut(res, "/")
		if bucket == "" || w.BucketExists(bucket) {
			return ""
		}
		msg := fmt.Sprintf("The bucket %s does not exist in this fakeaws world.", bucket)
		if arns.IsAccountID(bucket) && hasKey {
			msg += fmt.Sprintf(" S3 ARNs carry no account ID (arn:aws:s3:::BUCKET/KEY): did you mean arn:aws:s3:::%s?",
				key)
		}
		return msg
	case "iam":
		kind, rest, ok := strings.Cut(res, "/")
		if !ok || !arns.IsAccountID(account) {
			return ""
		}
		name := rest[strings.LastIndex(rest, "/")+1:]
		switch {
		case kind == "role" && !w.RoleExists(account, name):
			return fmt.Sprintf("The role %s does not exist in account %s of this fakeaws world.", name, account)
		case kind == "user" && !w.UserExists(account, name):
			return fmt.Sprintf("The user %s does not exist in account %s of this fakeaws world.", name, account)
		}
	}
	return ""
}

// s3Kinds returns the S3 resource types a Resource entry can name:
// "bucket", "object", both (wildcards, variables, "*"), or none (not S3).
func s3Kinds(res string) map[string]bool {
	if res == "*" {
		return map[string]bool{"bucket": true, "object": true}
	}
	a, err := awsarn.Parse(res)
	if err != nil || !evaluator.MatchWildcard(a.Service, "s3") {
		return nil
	}
	if a.Region != "" || a.AccountID != "" {
		// Access points and other regional S3 resources: not judged.
		return map[string]bool{"bucket": true, "object": true}
	}
	rest := a.Resource
	switch {
	case strings.Contains(rest, "/"):
		return map[string]bool{"object": true}
	case strings.ContainsAny(rest, "*?") || strings.Contains(rest, "${"):
		return map[string]bool{"bucket": true, "object": true}
	}
	return map[string]bool{"bucket": true}
}

// checkActionResourceKinds reports an S3 action none of whose resource
// types the statement's Resource names: s3:ListBucket on
// arn:aws:s3:::b/* grants nothing (fakeaws's check; the IAM console's
// policy summary says "does not apply", and S3 refuses such a bucket
// policy with MalformedPolicy "Action does not apply to any resource(s) in
// statement").
func (v *validator) checkActionResourceKinds(st *stmt) {
	if st.action == nil || st.resource == nil || st.notAction != nil || st.notRes != nil {
		return
	}
	kinds := map[string]bool{}
	var names []string
	for _, r := range st.resource.val.list() {
		if r.kind != kString || malformedARN(r.str) {
			return // a malformed ARN has its own finding (arnformat.go)
		}
		names = append(names, r.str)
		for k := range s3Kinds(r.str) {
			kinds[k] = true
		}
	}
	for _, a := range st.action.val.list() {
		if a.kind != kString {
			continue
		}
		svc, name, _ := strings.Cut(strings.ToLower(a.str), ":")
		want, ok := s3ResourceKinds()[name]
		if svc != "s3" || !ok || kinds[want] {
			continue
		}
		v.add(issueActionResource, fmt.Sprintf("The action %s applies to the %s resource type (%s), but no resource of this statement is one: %s. The action grants nothing here.",
			a.str, want, map[string]string{"bucket": arns.Bucket("BUCKET"), "object": arns.Object("BUCKET", "KEY")}[want], strings.Join(names, ", ")),
			located{a, v.actionPath(st, a)})
	}
}

// actionPath is the path of action node a within the statement.
func (v *validator) actionPath(st *stmt, a *node) path {
	p := st.at.p.value("Action")
	if st.action.val.kind == kArray {
		for i, e := range st.action.val.elems {
			if e == a {
				return p.index(i)
			}
		}
	}
	return p
}

// checkRedundantStatements reports a statement identical to an earlier
// one but for its Sid.
func (v *validator) checkRedundantStatements(stmts []located) {
	seen := map[string]bool{}
	for _, s := range stmts {
		if s.n.kind != kObject {
			continue
		}
		k := canonical(s.n, true)
		if seen[k] {
			v.add(issueRedundantStatement, "The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.", s)
		}
		seen[k] = true
	}
}

// canonical renders n as a comparable string, members in order, without
// the Sid at the top when dropSid.
func canonical(n *node, dropSid bool) string {
	var b strings.Builder
	switch n.kind {
	case kObject:
		b.WriteByte('{')
		for _, m := range n.members {
			if dropSid && m.key == "Sid" {
				continue
			}
			k, _ := json.Marshal(m.key)
			b.Write(k)
			b.WriteByte(':')
			b.WriteString(canonical(m.val, false))
			b.WriteByte(',')
		}
		b.WriteByte('}')
	case kArray:
		b.WriteByte('[')
		for _, e := range n.elems {
			b.WriteString(canonical(e, false))
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case kString:
		s, _ := json.Marshal(n.str)
		b.Write(s)
	default:
		b.WriteString(n.str)
	}
	return b.String()
}
