package evaluator

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// This file runs the core-engine corpus of cloud-copilot/iam-simulate
// (https://github.com/cloud-copilot/iam-simulate, a TypeScript IAM policy
// simulator) against Evaluate. It is a manual runner: nothing of
// iam-simulate is committed, the test reads a checkout named by
// IAMSIMULATE_SRC and skips without one:
//
//	IAMSIMULATE_SRC=/path/to/iam-simulate go test -run TestIAMSimulate -v ./evaluator/
//
// Each case of src/core_engine/coreEngineTests/**/*.json gives a request,
// the policies of each kind and the expected decision (Allowed,
// ImplicitlyDenied, ExplicitlyDenied). A case that differs from Evaluate
// fails unless iamSimulateJudged lists it with the reason (the AWS page
// that settles it); a listed case that agrees again fails too, so the list
// stays true. Cases outside the evaluator's scope (iamSimulateOutOfScope)
// are counted and not run. docs/deviations.md ("iam-simulate's corpus")
// has the counts.

// iamSimCase is one case of the core-engine corpus, as the project's own
// harness (src/core_engine/coreSimulatorEngine.test.ts) reads it.
type iamSimCase struct {
	Name    string `json:"name"`
	Request struct {
		Action    string                     `json:"action"`
		Resource  iamSimResource             `json:"resource"`
		Principal json.RawMessage            `json:"principal"`
		Context   map[string]json.RawMessage `json:"context"`
	} `json:"request"`
	IdentityPolicies        []json.RawMessage `json:"identityPolicies"`
	SessionPolicy           json.RawMessage   `json:"sessionPolicy"`
	ResourcePolicy          json.RawMessage   `json:"resourcePolicy"`
	PermissionBoundaries    []json.RawMessage `json:"permissionBoundaries"`
	ServiceControlPolicies  []iamSimOrgLevel  `json:"serviceControlPolicies"`
	ResourceControlPolicies []iamSimOrgLevel  `json:"resourceControlPolicies"`
	EndpointPolicies        []json.RawMessage `json:"endpointPolicies"`
	Simulation              struct {
		Mode string `json:"mode"`
	} `json:"simulation"`
	Expected struct {
		Response string `json:"response"`
		// BlockedBy names the policy types that turned an allowed
		// request into a denied one ("scp", "rcp", "pb", "identity",
		// "resource", "session", "vpce"); Decision.Kind must be one.
		BlockedBy []string `json:"blockedBy"`
	} `json:"expected"`
}

type iamSimResource struct {
	Resource  string `json:"resource"`
	AccountID string `json:"accountId"`
}

type iamSimOrgLevel struct {
	OrgIdentifier string            `json:"orgIdentifier"`
	Policies      []json.RawMessage `json:"policies"`
}

// iamSimRCPFullAccess is the RCPFullAccess policy AWS attaches to every
// level of an organization with RCPs enabled; iam-simulate's harness adds it
// to each RCP level of a case, and so does the runner.
const iamSimRCPFullAccess = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`

// iamSimulateJudged lists the cases where Evaluate and iam-simulate
// disagree and AWS's documentation sides with fakeaws, or the case asks for
// a service rule the evaluator leaves to the emulator's handlers, keyed by
// "file/case name".
var iamSimulateJudged = iamSimJudged(
	iamSimJudge{"boundaryNotPrincipalDenyResource.json", []string{
		"Same Account: NotPrincipal/Deny in Resource Policy should allow",
	}, "iam-simulate's caller is the role itself; an AWS caller is a session of it, and a NotPrincipal naming only the role " +
		"does not exempt its sessions (NotPrincipal page: AWS validates \"the account first, then the role, and then the " +
		"assumed-role user. The assumed-role user is identified by the role session name\")"},
	iamSimJudge{"sessionPolicies.json", []string{
		"Implicit deny in session policy denies even if session ARN in resource policy",
	}, "a same-account resource-based policy naming the role session ARN grants on its own: \"not limited by an implicit deny " +
		"in an identity-based policy, a permissions boundary, or session policy\" (Policy evaluation logic, \"How AWS " +
		"enforcement code logic evaluates requests to allow or deny access\"; docrules_test.go)"},
	iamSimJudge{"sts/getCallerIdentity/getCallerIdentity.json", []string{
		"sts:GetCallerIdentity should be implicitly allowed",
		"sts:GetCallerIdentity should be allowed even if explicitly denied",
	}, "a service rule, not policy evaluation: GetCallerIdentity needs no permission even when denied (STS API " +
		"reference), which emulator/sts serves without asking the evaluator"},
	iamSimJudge{"sessionPolicies.json", []string{
		"sts:GetCallerIdentity allowed if denied by session policy",
	}, "a service rule, not policy evaluation: GetCallerIdentity needs no permission even when denied (STS API " +
		"reference), which emulator/sts serves without asking the evaluator"},
	iamSimJudge{"edgeCases/whitespaceActions.json", []string{
		"Action with empty action after colon does not match",
		"NotAction with empty action after colon always matches",
	}, "IAM refuses a policy whose action is \"s3:\" (no action name), so no decision is made with it"},
	iamSimJudge{"noPrincipalElement.json", []string{
		"Statement without Principal never matches (Allow)",
		"Statement without Principal does not deny when identity allows",
		"Statement without Principal is skipped; sibling statement still applies",
	}, "a resource-based policy statement must name a principal: S3 refuses the bucket policy (\"Missing required field " +
		"Principal\"), so no decision is made with it"},
	iamSimJudge{"resourceWildcards/requestWildcards.json", []string{
		"Allow/Resource: specific resource matches request wildcard '*'",
		"Allow/Resource: wildcard resource matches request wildcard '*'",
		"EC2 specific resource matches request wildcard '*'",
		"Multiple resources with one matching request wildcard '*'",
		"Cross-service policies with request wildcard '*'",
	}, "iam-simulate reads a request for resource \"*\" as \"some resource\"; an AWS request for an action with a " +
		"resource type names one ARN, and \"*\" as a request's resource matches only a policy Resource \"*\""},
	iamSimJudge{"iam/managedPolicies/aws/denied.json", []string{
		"deny iam:CreatePolicy for AWS managed policies", "deny iam:CreatePolicyVersion for AWS managed policies",
		"deny iam:DeletePolicy for AWS managed policies", "deny iam:DeletePolicyVersion for AWS managed policies",
		"deny iam:SetDefaultPolicyVersion for AWS managed policies", "deny iam:TagPolicy for AWS managed policies",
		"deny iam:UntagPolicy for AWS managed policies",
	}, "a service rule, not policy evaluation: IAM refuses to change AWS managed policies whatever the policies allow; " +
		"emulator/iam refuses it after authorizing (only customer managed policies can be updated)"},
	iamSimJudge{"iam/roles/reserved/denied.json", []string{
		"deny iam:AttachRolePolicy for AWS managed roles", "deny iam:CreateRole for AWS managed roles",
		"deny iam:CreateServiceLinkedRole for AWS managed roles", "deny iam:DeleteRole for AWS managed roles",
		"deny iam:DeleteRolePermissionsBoundary for AWS managed roles", "deny iam:DeleteRolePolicy for AWS managed roles",
		"deny iam:DeleteServiceLinkedRole for AWS managed roles", "deny iam:DetachRolePolicy for AWS managed roles",
		"deny iam:PassRole for AWS managed roles", "deny iam:PutRolePermissionsBoundary for AWS managed roles",
		"deny iam:PutRolePolicy for AWS managed roles", "deny iam:TagRole for AWS managed roles",
		"deny iam:UntagRole for AWS managed roles", "deny iam:UpdateAssumeRolePolicy for AWS managed roles",
		"deny iam:UpdateRole for AWS managed roles", "deny iam:UpdateRoleDescription for AWS managed roles",
	}, "a service rule, not policy evaluation: roles under /aws-reserved/ are protected whatever the policies allow; " +
		"emulator/iam answers UnmodifiableEntity after authorizing (changeEntity)"},
)

// iamSimJudge is one reason shared by cases of one corpus file.
type iamSimJudge struct {
	file   string
	names  []string
	reason string
}

func iamSimJudged(judges ...iamSimJudge) map[string]string {
	m := map[string]string{}
	for _, j := range judges {
		for _, n := range j.names {
			m[j.file+"/"+n] = j.reason
		}
	}
	return m
}

// iamSimulateOutOfScope says why a case is not run, or "" to run it.
func iamSimulateOutOfScope(c *iamSimCase) string {
	switch {
	case c.Simulation.Mode != "" && c.Simulation.Mode != "Strict":
		return "discovery mode (iam-simulate reports the conditions that would allow; the evaluator decides one request)"
	case len(c.EndpointPolicies) > 0:
		return "VPC endpoint policies (not modelled)"
	case strings.HasPrefix(strings.ToLower(c.Request.Action), "kms:"):
		return "KMS key policies (KMS is not modelled)"
	case c.Request.Resource.Resource != "*" && strings.ContainsAny(c.Request.Resource.Resource, "*?"):
		return "the request's resource is a pattern (iam-simulate asks whether any matching resource is allowed; an AWS request names one resource)"
	}
	return ""
}

// iamSimPrincipal maps iam-simulate's principal (an ARN, a service name or
// {"type":"Anonymous"}) onto a Principal. A role ARN, which iam-simulate
// accepts as a caller, becomes a session of that role.
func iamSimPrincipal(raw json.RawMessage) (Principal, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		var o struct{ Type string }
		if err := json.Unmarshal(raw, &o); err != nil || o.Type != "Anonymous" {
			return Principal{}, fmt.Errorf("principal %s not understood", raw)
		}
		return Principal{Type: PrincipalAnonymous}, nil
	}
	if !strings.HasPrefix(s, "arn:") {
		return Principal{Type: PrincipalService, Service: s, ARN: s}, nil
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 {
		return Principal{}, fmt.Errorf("principal %q is not an ARN", s)
	}
	acct, res := parts[4], parts[5]
	name := res[strings.LastIndexByte(res, '/')+1:]
	switch {
	case parts[2] == "iam" && res == "root":
		return Principal{Type: PrincipalAccount, ARN: s, Account: acct, UserID: acct}, nil
	case parts[2] == "iam" && strings.HasPrefix(res, "user/"):
		return Principal{Type: PrincipalUser, ARN: s, Account: acct, UserID: "AIDAIAMSIMULATEUSER", Username: name}, nil
	case parts[2] == "iam" && strings.HasPrefix(res, "role/"):
		sess := "iamsimulate"
		return Principal{Type: PrincipalAssumedRole, ARN: "arn:" + parts[1] + ":sts::" + acct + ":assumed-role/" + name + "/" + sess,
			Account: acct, UserID: "AROAIAMSIMULATEROLE:" + sess, RoleARN: s, SessionName: sess}, nil
	case parts[2] == "sts" && strings.HasPrefix(res, "assumed-role/"):
		seg := strings.Split(res, "/")
		if len(seg) != 3 {
			return Principal{}, fmt.Errorf("principal %q: bad session ARN", s)
		}
		return Principal{Type: PrincipalAssumedRole, ARN: s, Account: acct, UserID: "AROAIAMSIMULATEROLE:" + seg[2],
			RoleARN: "arn:" + parts[1] + ":iam::" + acct + ":role/" + seg[1], SessionName: seg[2]}, nil
	case parts[2] == "sts" && strings.HasPrefix(res, "federated-user/"):
		return Principal{Type: PrincipalFederatedUser, ARN: s, Account: acct, UserID: acct + ":" + name, Username: name}, nil
	}
	return Principal{}, fmt.Errorf("principal %q not understood", s)
}

// iamSimRequest builds the Request of a case.
func iamSimRequest(c *iamSimCase) (Request, error) {
	p, err := iamSimPrincipal(c.Request.Principal)
	if err != nil {
		return Request{}, err
	}
	req := Request{Principal: p, Action: c.Request.Action, Resource: c.Request.Resource.Resource,
		ResourceAccount: c.Request.Resource.AccountID, Context: Context{}}
	if err := iamSimSetContext(req.Context, c.Request.Context); err != nil {
		return Request{}, err
	}
	return req, nil
}

// iamSimSetContext sets each key of an iam-simulate request context (a
// string or a list of strings) in ctx.
func iamSimSetContext(ctx Context, keys map[string]json.RawMessage) error {
	for k, raw := range keys {
		var one string
		if json.Unmarshal(raw, &one) == nil {
			ctx.Set(k, one)
			continue
		}
		var many []string
		if err := json.Unmarshal(raw, &many); err != nil {
			return fmt.Errorf("context key %s: %s is neither a string nor a list of strings", k, raw)
		}
		ctx.Set(k, many...)
	}
	return nil
}

// iamSimParse parses one policy of a case, naming it for error messages.
// A document IAM refuses but iam-simulate reads is first rewritten, when
// iamSimNormalize knows how, to the valid document with the meaning
// iam-simulate gives it; *normalized then records that.
func iamSimParse(name string, raw json.RawMessage, k Kind, requestResource string, normalized *bool) (NamedPolicy, error) {
	p, err := Parse(string(raw), k)
	if err != nil {
		fixed, ok := iamSimNormalize(raw, k, requestResource)
		if !ok {
			return NamedPolicy{}, fmt.Errorf("%s does not parse as %v: %v", name, k, err)
		}
		if p, err = Parse(fixed, k); err != nil {
			return NamedPolicy{}, fmt.Errorf("%s does not parse as %v, even normalized: %v", name, k, err)
		}
		*normalized = true
	}
	return NamedPolicy{Name: name, Policy: p}, nil
}

// iamSimNormalize rewrites a document IAM refuses into the valid one that
// means what iam-simulate reads it as, or reports false:
//   - a Principal or NotPrincipal in a policy that names none (identity,
//     boundary, session, SCP): iam-simulate ignores it, so it is dropped;
//   - a Principal written as a bare ARN string ("Principal": "arn:..."),
//     which IAM accepts only as "*": iam-simulate reads it as {"AWS": ARN};
//   - a Resource in a role trust policy, which IAM refuses: dropped when it
//     is "*" or the role's own ARN, which iam-simulate matches anyway.
func iamSimNormalize(raw json.RawMessage, k Kind, requestResource string) (string, bool) {
	var doc map[string]any
	if json.Unmarshal(raw, &doc) != nil {
		return "", false
	}
	stmts, ok := doc["Statement"].([]any)
	if !ok {
		stmts = []any{doc["Statement"]}
	}
	changed := false
	for _, s := range stmts {
		st, ok := s.(map[string]any)
		if !ok {
			return "", false
		}
		changed = iamSimNormalizeStatement(st, k, requestResource) || changed
	}
	if !changed {
		return "", false
	}
	b, err := json.Marshal(doc)
	return string(b), err == nil
}

func iamSimNormalizeStatement(st map[string]any, k Kind, requestResource string) bool {
	changed := false
	switch k {
	case KindIdentity, KindBoundary, KindSession, KindSCP:
		for _, el := range []string{"Principal", "NotPrincipal"} {
			if _, ok := st[el]; ok {
				delete(st, el)
				changed = true
			}
		}
		return changed
	}
	for _, el := range []string{"Principal", "NotPrincipal"} {
		if v, ok := st[el].(string); ok && v != "*" {
			st[el] = map[string]any{"AWS": v}
			changed = true
		}
	}
	if r, ok := st["Resource"].(string); ok && k == KindTrust && (r == "*" || r == requestResource) {
		delete(st, "Resource")
		changed = true
	}
	return changed
}

// iamSimBuilder builds the PolicySet of a case.
type iamSimBuilder struct {
	c *iamSimCase
	// normalized is set when a document had to be rewritten (see
	// iamSimNormalize).
	normalized bool
}

func (b *iamSimBuilder) parse(name string, raw json.RawMessage, k Kind) (NamedPolicy, error) {
	return iamSimParse(name, raw, k, b.c.Request.Resource.Resource, &b.normalized)
}

// policies builds the PolicySet of the case.
func (b *iamSimBuilder) policies() (PolicySet, error) {
	c := b.c
	var ps PolicySet
	for i, raw := range c.IdentityPolicies {
		np, err := b.parse(fmt.Sprintf("identity-%d", i), raw, KindIdentity)
		if err != nil {
			return ps, err
		}
		ps.Identity = append(ps.Identity, np)
	}
	if err := b.boundaryAndSession(&ps); err != nil {
		return ps, err
	}
	if len(c.ResourcePolicy) > 0 {
		ps.ResourceKind = KindResource
		if strings.HasPrefix(strings.ToLower(c.Request.Action), "sts:assumerole") {
			ps.ResourceKind = KindTrust
		}
		np, err := b.parse("resource", c.ResourcePolicy, ps.ResourceKind)
		if err != nil {
			return ps, err
		}
		ps.Resource = &np
	}
	var err error
	if ps.SCP, err = b.org(c.ServiceControlPolicies, KindSCP, ""); err != nil {
		return ps, err
	}
	ps.RCP, err = b.org(c.ResourceControlPolicies, KindRCP, iamSimRCPFullAccess)
	return ps, err
}

func (b *iamSimBuilder) boundaryAndSession(ps *PolicySet) error {
	switch len(b.c.PermissionBoundaries) {
	case 0:
	case 1:
		np, err := b.parse("boundary", b.c.PermissionBoundaries[0], KindBoundary)
		if err != nil {
			return err
		}
		ps.Boundary = &np
	default:
		return fmt.Errorf("%d permissions boundaries: an entity has at most one", len(b.c.PermissionBoundaries))
	}
	if len(b.c.SessionPolicy) > 0 {
		np, err := b.parse("session", b.c.SessionPolicy, KindSession)
		if err != nil {
			return err
		}
		ps.Session, ps.HasSession = []NamedPolicy{np}, true
	}
	return nil
}

// org builds the levels of an Organizations layer, adding base (when not
// "") to every level. A policy with an empty Statement list, which
// Organizations refuses, allows nothing in iam-simulate: it is left out of
// its level, which then allows nothing either.
func (b *iamSimBuilder) org(levels []iamSimOrgLevel, k Kind, base string) ([]OrgLevel, error) {
	var out []OrgLevel
	for _, lv := range levels {
		ol := OrgLevel{Target: lv.OrgIdentifier, Policies: []NamedPolicy{}}
		raws := lv.Policies
		if base != "" {
			raws = append([]json.RawMessage{json.RawMessage(base)}, raws...)
		}
		for i, raw := range raws {
			var empty struct{ Statement []any }
			if json.Unmarshal(raw, &empty) == nil && empty.Statement != nil && len(empty.Statement) == 0 {
				b.normalized = true
				continue
			}
			np, err := b.parse(fmt.Sprintf("%s-%v-%d", lv.OrgIdentifier, k, i), raw, k)
			if err != nil {
				return nil, err
			}
			ol.Policies = append(ol.Policies, np)
		}
		out = append(out, ol)
	}
	return out, nil
}

// iamSimResponse spells an Effect as iam-simulate's response.
func iamSimResponse(e Effect) string {
	switch e {
	case Allow:
		return "Allowed"
	case ExplicitDeny:
		return "ExplicitlyDenied"
	}
	return "ImplicitlyDenied"
}

// iamSimSCPApplies mirrors emulator/authz's scpApplies: SCPs limit the
// IAM principals of an account (root, users, role sessions, federated
// users), never anonymous callers or AWS services; the evaluator leaves
// that choice to its caller (PolicySet.SCP).
func iamSimSCPApplies(p *Principal) bool {
	switch p.Type {
	case PrincipalAccount, PrincipalUser, PrincipalAssumedRole, PrincipalFederatedUser:
		return true
	}
	return false
}

// iamSimOutcome runs one case. diff is "" when Evaluate agrees, else what
// differs; normalized reports a rewritten document (iamSimNormalize).
func iamSimOutcome(c *iamSimCase) (diff string, normalized bool) {
	req, err := iamSimRequest(c)
	if err != nil {
		return "request: " + err.Error(), false
	}
	b := iamSimBuilder{c: c}
	ps, err := b.policies()
	if err != nil {
		return "policies: " + err.Error(), b.normalized
	}
	if !iamSimSCPApplies(&req.Principal) {
		ps.SCP = nil
	}
	d := Evaluate(&req, &ps)
	if got := iamSimResponse(d.Effect); got != c.Expected.Response {
		return fmt.Sprintf("got %s (%v), iam-simulate expects %s", got, d.Kind, c.Expected.Response), b.normalized
	}
	if d.Effect != Allow && len(c.Expected.BlockedBy) > 0 && !iamSimBlockedBy(d.Kind, c.Expected.BlockedBy) {
		return fmt.Sprintf("denied by %v, iam-simulate names %v", d.Kind, c.Expected.BlockedBy), b.normalized
	}
	return "", b.normalized
}

// iamSimBlockedBy reports whether k is one of iam-simulate's blockedBy
// names.
func iamSimBlockedBy(k Kind, names []string) bool {
	want := map[Kind]string{KindSCP: "scp", KindRCP: "rcp", KindBoundary: "pb", KindIdentity: "identity",
		KindResource: "resource", KindTrust: "resource", KindSession: "session"}[k]
	for _, n := range names {
		if n == want {
			return true
		}
	}
	return false
}

// iamSimTally counts the cases of one file or of the whole corpus.
type iamSimTally struct{ run, agree, judged, outOfScope, normalized int }

// iamSimItBlocks maps each it(...) block of a .test.ts source with
// mapBlock, given the block and its title, and returns the cases mapped
// and how many blocks mapBlock left out.
func iamSimItBlocks[C any](src string, mapBlock func(block, title string) (C, bool)) (cases []C, unmapped int) {
	its := iamSimItBlock.FindAllStringSubmatchIndex(src, -1)
	for i, m := range its {
		end := len(src)
		if i+1 < len(its) {
			end = its[i+1][0]
		}
		c, ok := mapBlock(src[m[0]:end], strings.ReplaceAll(src[m[2]:m[3]], `\'`, `'`))
		if !ok {
			unmapped++
			continue
		}
		cases = append(cases, c)
	}
	return cases, unmapped
}

// judge counts one case: diff is "" when fakeaws agrees, and listed says
// the case is on a judged list (with why). A listed case that now agrees,
// or a difference nobody judged, fails t.
func (tally *iamSimTally) judge(t *testing.T, label, diff, why string, listed bool) {
	t.Helper()
	tally.run++
	switch {
	case diff == "" && listed:
		t.Errorf("%s now agrees (%s): remove it from the judged list", label, why)
	case diff == "":
		tally.agree++
	case listed:
		tally.judged++
	default:
		t.Errorf("%s: %s", label, diff)
	}
}

// iamSimCheckout returns the iam-simulate checkout IAMSIMULATE_SRC names,
// skipping t (which would run what) when it is not set.
func iamSimCheckout(t *testing.T, what string) string {
	t.Helper()
	src := os.Getenv("IAMSIMULATE_SRC")
	if src == "" {
		t.Skip("IAMSIMULATE_SRC is not set: point it at a checkout of github.com/cloud-copilot/iam-simulate to run its " + what)
	}
	return src
}

// iamSimJudgeEach judges every case of one .test.ts file (file, as its
// cases' keys begin) with outcome and the file's judged list, and fails t
// for judged entries no case came to.
func iamSimJudgeEach[C any](t *testing.T, file string, cases []C, name func(*C) string, outcome func(*C) string, judged map[string]string) iamSimTally {
	t.Helper()
	var tally iamSimTally
	seen := map[string]bool{}
	for i := range cases {
		c := &cases[i]
		key := file + "/" + name(c)
		seen[key] = true
		why, listed := judged[key]
		tally.judge(t, strconv.Quote(name(c)), outcome(c), why, listed)
	}
	iamSimUnseen(t, judged, seen)
	return tally
}

// iamSimUnseen fails t for each judged case no run came to: its entry is
// stale.
func iamSimUnseen(t *testing.T, judged map[string]string, seen map[string]bool) {
	t.Helper()
	for key := range judged {
		if !seen[key] {
			t.Errorf("judged case %q was not found: remove it from the judged list", key)
		}
	}
}

func (t *iamSimTally) add(o iamSimTally) {
	t.run += o.run
	t.agree += o.agree
	t.judged += o.judged
	t.outOfScope += o.outOfScope
	t.normalized += o.normalized
}

func TestIAMSimulateCorpus(t *testing.T) {
	src := iamSimCheckout(t, "core-engine corpus")
	dir := filepath.Join(src, "src", "core_engine", "coreEngineTests")
	files := iamSimFiles(t, dir)
	seen := map[string]bool{}
	var total iamSimTally
	for _, rel := range files {
		t.Run(rel, func(t *testing.T) {
			tally := iamSimRunFile(t, filepath.Join(dir, rel), rel, seen)
			t.Logf("%s: %d run (%d normalized), %d agree, %d judged, %d out of scope",
				rel, tally.run, tally.normalized, tally.agree, tally.judged, tally.outOfScope)
			total.add(tally)
		})
	}
	for key := range iamSimulateJudged {
		if !seen[key] {
			t.Errorf("judged case %q was not found in the corpus: remove it from iamSimulateJudged", key)
		}
	}
	t.Logf("iam-simulate core engine: %d files, %d cases run (%d normalized), %d agree, %d judged differences, %d out of scope",
		len(files), total.run, total.normalized, total.agree, total.judged, total.outOfScope)
}

// iamSimFiles lists the corpus files under dir, relative, sorted.
func iamSimFiles(t *testing.T, dir string) []string {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".json") {
			rel, _ := filepath.Rel(dir, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading the corpus: %v", err)
	}
	if len(files) == 0 {
		t.Fatalf("no corpus files under %s", dir)
	}
	sort.Strings(files)
	return files
}

// iamSimRunFile runs the cases of one file and checks each difference
// against iamSimulateJudged.
func iamSimRunFile(t *testing.T, path, rel string, seen map[string]bool) iamSimTally {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []iamSimCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return iamSimRunCases(t, rel, cases, iamSimulateJudged, seen)
}

// iamSimRunCases runs the cases of file rel, checking each difference
// against judged and marking each case seen.
func iamSimRunCases(t *testing.T, rel string, cases []iamSimCase, judged map[string]string, seen map[string]bool) iamSimTally {
	var tally iamSimTally
	for i := range cases {
		c := &cases[i]
		key := rel + "/" + c.Name
		seen[key] = true
		if reason := iamSimulateOutOfScope(c); reason != "" {
			tally.outOfScope++
			continue
		}
		diff, normalized := iamSimOutcome(c)
		if normalized {
			tally.normalized++
		}
		why, judged := judged[key]
		tally.judge(t, strconv.Quote(c.Name), diff, why, judged)
	}
	return tally
}
