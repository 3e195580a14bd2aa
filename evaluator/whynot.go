package evaluator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// This file answers "why not?" statement by statement: for every statement
// of every policy in a PolicySet, which of action, resource, principal and
// condition matched the request, and for the part that failed, the value
// the statement names that comes nearest to the request's. It uses the
// same matchers as Evaluate, so it cannot disagree with the decision.

// Parts of a statement, in the order they are checked.
const (
	PartAction    = "action"
	PartResource  = "resource"
	PartPrincipal = "principal"
	PartCondition = "condition"
)

// PartCheck is how one part of a statement met the request.
type PartCheck struct {
	Part string `json:"part"`
	// Element is the element as written: Action, NotAction, Resource,
	// NotResource, Principal, NotPrincipal or Condition.
	Element string `json:"element"`
	Matched bool   `json:"matched"`
	// Request is the request's value for this part.
	Request string `json:"request,omitempty"`
	// Nearest is, for a part that did not match, the statement's value
	// closest to Request.
	Nearest string `json:"nearest,omitempty"`
	// Detail says in words what happened, and for common slips what was
	// probably meant.
	Detail string `json:"detail,omitempty"`
}

// StatementCheck is how one statement met the request.
type StatementCheck struct {
	Statement StatementRef `json:"statement"`
	// Label names the statement for people: `statement #2 (Sid "ReadLogs")`.
	Label string `json:"label"`
	// Text is the statement as written, indented for reading.
	Text string `json:"text"`
	// Applies is true when every part matched.
	Applies bool `json:"applies"`
	// Failed is the first part that did not match ("" when it applies).
	Failed string      `json:"failed,omitempty"`
	Parts  []PartCheck `json:"parts"`
	// Summary is one sentence: what the statement grants or denies and
	// why it does or does not apply.
	Summary string `json:"summary"`
}

// PolicyCheck is every statement of one policy, checked.
type PolicyCheck struct {
	Kind       Kind             `json:"kind"`
	Policy     string           `json:"policy"`
	Allows     bool             `json:"allows"`
	Denies     bool             `json:"denies"`
	Statements []StatementCheck `json:"statements"`
}

// WhyNot checks every statement of every policy in ps against req. Policies
// that do not take part for this principal (identity policies of the root
// user, or of a web-identity caller) are left out, as Evaluate leaves them
// out.
func WhyNot(req *Request, ps *PolicySet) []PolicyCheck {
	var d Decision
	e := newEvalState(req, ps, &d)
	idSide := e.identitySide
	var out []PolicyCheck
	add := func(np *NamedPolicy, kind Kind) {
		if np == nil {
			return
		}
		pc := PolicyCheck{Kind: kind, Policy: np.Name}
		if np.Policy == nil {
			// Present, allowing nothing: as Evaluate counts it.
			out = append(out, pc)
			return
		}
		for i := range np.Policy.stmts {
			sc := e.checkStatement(np, kind, i)
			if sc.Applies {
				if sc.Statement.Effect == "Allow" {
					pc.Allows = true
				} else {
					pc.Denies = true
				}
			}
			pc.Statements = append(pc.Statements, sc)
		}
		out = append(out, pc)
	}
	if idSide {
		for i := range ps.Identity {
			add(&ps.Identity[i], KindIdentity)
		}
		add(ps.Boundary, KindBoundary)
	}
	if e.sessionPoliciesApply() {
		for i := range ps.Session {
			add(&ps.Session[i], KindSession)
		}
	}
	resKind := KindResource
	if ps.ResourceKind == KindTrust {
		resKind = KindTrust
	}
	add(ps.Resource, resKind)
	for i := range ps.ExtraResource {
		add(&ps.ExtraResource[i], KindResource)
	}
	// Organization guardrails: every level must allow.
	for _, lv := range ps.SCP {
		for i := range lv.Policies {
			add(&lv.Policies[i], KindSCP)
		}
	}
	for _, lv := range ps.RCP {
		for i := range lv.Policies {
			add(&lv.Policies[i], KindRCP)
		}
	}
	return out
}

// checkStatement checks statement i of np part by part. Unlike applies, it
// does not stop at the first part that fails, so the learner sees every
// mismatch at once.
func (e *evalState) checkStatement(np *NamedPolicy, kind Kind, i int) StatementCheck {
	pol := np.Policy
	st := &pol.stmts[i]
	ref := pol.ref(np.Name, kind, i)[0]
	sc := StatementCheck{Statement: ref, Label: Label(ref), Text: statementText(pol.doc, st)}
	sc.Parts = append(sc.Parts, e.checkAction(st))
	if st.hasResource {
		sc.Parts = append(sc.Parts, e.checkResource(st))
	}
	if st.hasPrincipal {
		sc.Parts = append(sc.Parts, e.checkPrincipal(st))
	}
	for j := range st.conds {
		sc.Parts = append(sc.Parts, e.checkCondition(&st.conds[j]))
	}
	sc.Applies = true
	for _, p := range sc.Parts {
		if !p.Matched {
			sc.Applies = false
			sc.Failed = p.Part
			break
		}
	}
	sc.Summary = summary(&sc, st, e.req)
	return sc
}

// checkAction checks the statement's Action or NotAction.
func (e *evalState) checkAction(st *statement) PartCheck {
	req := e.req
	act := PartCheck{Part: PartAction, Element: "Action", Request: req.Action}
	hit := false
	for j := range st.actions {
		if st.actions[j].match(req.Action, true, e) {
			hit = true
			break
		}
	}
	if st.notAction {
		act.Element = "NotAction"
	}
	act.Matched = hit != st.notAction
	if !act.Matched {
		act.Nearest = Nearest(req.Action, st.rawActions, true)
		if st.notAction {
			act.Detail = req.Action + " is excluded by NotAction " + act.Nearest
		} else {
			act.Detail = req.Action + " is not among " + strings.Join(st.rawActions, ", ")
		}
	}
	return act
}

// checkResource checks the statement's Resource or NotResource.
func (e *evalState) checkResource(st *statement) PartCheck {
	req := e.req
	res := PartCheck{Part: PartResource, Element: "Resource", Request: req.Resource}
	hit := false
	for j := range st.resources {
		if st.resources[j].match(req.Resource, e) {
			hit = true
			break
		}
	}
	if st.notResource {
		res.Element = "NotResource"
	}
	res.Matched = hit != st.notResource
	if !res.Matched {
		res.Nearest = Nearest(req.Resource, st.rawResources, false)
		if st.notResource {
			res.Detail = req.Resource + " is excluded by NotResource " + res.Nearest
		} else {
			res.Detail = res.Nearest + " does not match " + req.Resource + resourceHint(res.Nearest, req.Resource)
		}
	}
	return res
}

// checkPrincipal checks the statement's Principal or NotPrincipal.
func (e *evalState) checkPrincipal(st *statement) PartCheck {
	req := e.req
	who := principalName(&req.Principal)
	pr := PartCheck{Part: PartPrincipal, Element: "Principal", Request: who}
	if st.notPrincipal {
		pr.Element = "NotPrincipal"
		pr.Matched = (e.boundary && !st.allow) || !st.principals.excludes(&req.Principal, e.sameAccount)
		if !pr.Matched {
			pr.Detail = who + " is exempted by NotPrincipal"
		}
		return pr
	}
	cls := st.principals.match(&req.Principal)
	pr.Matched = cls != clsNone
	if cls == clsAccount && req.Principal.Type != PrincipalAccount {
		// An account principal (the id or :root) names the account, not
		// its root user: it trusts every user and role of that account
		// whose own identity policies allow the action (IAM User Guide,
		// "AWS account principals").
		pr.Detail = "the statement names account " + req.Principal.Account + " (the account, not only its root user): every user and role of " +
			req.Principal.Account + " matches, and " + who + "'s own identity policies must allow " + req.Action + " too"
	}
	if cls == clsRole {
		// A role ARN (or the IAM user behind a federated user) names the
		// session through what it came from ("How AWS enforcement code
		// logic evaluates requests to allow or deny access").
		pr.Detail = "the statement names " + cappedName(&req.Principal) + ", which " + who +
			" comes from: what it grants is limited by the permissions boundary and session policies (a statement naming " + who + " itself is not)"
	}
	if !pr.Matched {
		var named []string
		for _, en := range st.principals.entries {
			if en.kind == pkAny {
				named = append(named, "*")
			} else {
				named = append(named, en.val)
			}
		}
		pr.Nearest = Nearest(who, named, false)
		pr.Detail = "the statement names " + strings.Join(named, ", ") + ", not " + who
	}
	return pr
}

// checkCondition checks one condition: the values the statement wants
// beside the ones the request has.
func (e *evalState) checkCondition(c *condition) PartCheck {
	ok, missing := c.eval(e)
	cp := PartCheck{Part: PartCondition, Element: "Condition", Matched: ok}
	var want []string
	for _, v := range c.vals {
		want = append(want, v.raw)
	}
	vals, _ := e.lookup(c.lkey)
	var got []string
	for k := 0; k < vals.len(); k++ {
		got = append(got, vals.at(k))
	}
	cp.Request = c.Key + "=" + strings.Join(got, ",")
	cp.Nearest = c.Operator + " " + c.Key + " " + strings.Join(want, ", ")
	switch {
	case ok:
		cp.Detail = c.Operator + " on " + c.Key + " holds"
	case missing:
		cp.Request = ""
		cp.Detail = c.Operator + " on " + c.Key + " fails: the request has no " + c.Key
	default:
		cp.Detail = c.Operator + " on " + c.Key + " fails: the request has " + strings.Join(got, ", ") +
			", the statement wants " + strings.Join(want, ", ")
	}
	return cp
}

// Label names a statement for people, by its 1-based position and its Sid:
// `statement #1 (Sid "AssumeReader")`.
func Label(ref StatementRef) string {
	s := fmt.Sprintf("statement #%d", ref.Index+1)
	if ref.Sid != "" {
		s += fmt.Sprintf(" (Sid %q)", ref.Sid)
	}
	return s
}

func summary(sc *StatementCheck, st *statement, req *Request) string {
	verb := "allows"
	if !st.allow {
		verb = "denies"
	}
	what := strings.Join(st.rawActions, ", ")
	if st.notAction {
		what = "every action except " + what
	}
	on := ""
	if st.hasResource {
		on = " on " + strings.Join(st.rawResources, ", ")
		if st.notResource {
			on = " on everything except " + strings.Join(st.rawResources, ", ")
		}
	}
	head := sc.Label + " " + verb + " " + what + on
	if sc.Applies {
		return head + ": it applies to this request"
	}
	for _, p := range sc.Parts {
		if p.Matched {
			continue
		}
		switch p.Part {
		case PartAction:
			return head + ": it is not about " + req.Action
		case PartResource:
			if !st.notResource {
				return sc.Label + " " + verb + " " + req.Action + " on " + p.Nearest + ", which does not match " +
					req.Resource + resourceHint(p.Nearest, req.Resource)
			}
			return head + ": " + p.Detail
		case PartPrincipal:
			return head + ", but " + p.Detail
		case PartCondition:
			return head + ", but its condition " + p.Detail
		}
	}
	return head
}

// resourceHint explains the usual S3 ARN slips: an account id where the
// bucket name goes, a bucket ARN where objects are meant, and the reverse.
func resourceHint(policyARN, requestARN string) string {
	pb, pk, pS3 := splitS3(policyARN)
	rb, rk, rS3 := splitS3(requestARN)
	if !pS3 || !rS3 {
		return ""
	}
	switch {
	case isAccountID(pb):
		return fmt.Sprintf(" (S3 ARNs carry no account id: %s names a bucket called %q; the bucket is arn:aws:s3:::%s)", policyARN, pb, rb)
	case pb == rb && pk == "" && rk != "":
		return fmt.Sprintf(" (%s is the bucket itself; its objects are %s/*)", policyARN, policyARN)
	case pb == rb && pk != "" && rk == "":
		return fmt.Sprintf(" (%s acts on the bucket %s, not on its objects)", requestARN, requestARN)
	}
	return ""
}

// splitS3 splits arn:aws:s3:::bucket/key.
func splitS3(arn string) (bucket, key string, ok bool) {
	parts, ok := splitARN(arn)
	if !ok || parts[2] != "s3" || parts[3] != "" || parts[4] != "" {
		return "", "", false
	}
	bucket, key, _ = strings.Cut(parts[5], "/")
	return bucket, key, true
}

func principalName(p *Principal) string {
	switch {
	case p.ARN != "":
		return p.ARN
	case p.Service != "":
		return p.Service
	case p.Federated != "":
		return p.Federated
	}
	return "anonymous"
}

// Nearest is the candidate with the smallest edit distance to want (the
// first of equals, in candidates' order), compared case-insensitively when
// fold is set: the "did you mean" of explanations and policy checks.
func Nearest(want string, candidates []string, fold bool) string {
	best, bestD := "", -1
	w := want
	if fold {
		w = strings.ToLower(w)
	}
	for _, c := range candidates {
		cc := c
		if fold {
			cc = strings.ToLower(cc)
		}
		if d := editDistance(w, cc); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// statementText is the statement as written in doc, indented.
func statementText(doc string, st *statement) string {
	from, to := offset(doc, st.start), offset(doc, st.end)
	if from < 0 || to < from || to >= len(doc) {
		return ""
	}
	raw := doc[from : to+1]
	var buf bytes.Buffer
	if json.Indent(&buf, []byte(raw), "", "  ") == nil {
		return buf.String()
	}
	return raw
}

// offset turns a 1-based line/column (as position computes it) back into a
// byte offset in doc, or -1.
func offset(doc string, p Position) int {
	line, col := 1, 1
	for i := 0; i < len(doc); i++ {
		if line == p.Line && col == p.Column {
			return i
		}
		if doc[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return -1
}
