package evaluator

import (
	"encoding/json"
	"fmt"
	"strings"
)

// AWS's policy-validation messages, as IAM (MalformedPolicyDocument) and S3
// (MalformedPolicy) return them.
const (
	MsgSyntax           = "Syntax errors in policy."
	MsgVersion          = "The policy must contain a valid version string"
	MsgNoPrincipal      = "Policy document should not specify a principal."
	MsgNeedResources    = "Policy statement must contain resources."
	MsgNeedActions      = "Policy statement must contain actions."
	MsgMissingPrincipal = "Missing required field Principal"
	MsgMissingAction    = "Missing required field Action"
	MsgMissingResource  = "Missing required field Resource"
	MsgTrustResource    = "Has prohibited field Resource"
	MsgDuplicateSid     = "Statement IDs (SID) in a single policy must be unique."
	MsgInvalidPrincipal = "Invalid principal in policy"
	MsgVendor           = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
	MsgOneColon         = "Actions/Condition can contain only one colon."
	MsgLegacy           = "The policy failed legacy parsing"
	MsgResourceVendor   = "Resource vendor must be fully qualified and cannot contain regexes."
	MsgSidAlnum         = "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"
)

// Policy is a parsed, validated, compiled policy document. It is immutable
// and safe for concurrent use.
type Policy struct {
	// Version is the Version element ("2012-10-17", "2008-10-17", or ""
	// when absent, which has 2008-10-17 semantics).
	Version string
	// ID is the Id element.
	ID string

	kind  Kind
	doc   string
	stmts []statement
	refs  refCache
}

// ParseError is a policy document error; Message is AWS's wording, e.g.
// "Syntax errors in policy." or "Invalid principal in policy".
type ParseError struct {
	Message string
	// Statement is the 0-based index of the offending statement, or -1
	// when the error is not about one statement.
	Statement int
	// Position is where the offending statement (or value) starts in the
	// document; zero when unknown.
	Position Position
}

func (e *ParseError) Error() string { return e.Message }

// Position is a 1-based line and column in a policy document.
type Position struct {
	Line, Column int
}

type statement struct {
	index      int
	sid        string
	allow      bool
	start, end Position

	hasPrincipal bool
	notPrincipal bool
	principals   principalSet

	notAction bool
	actions   []pattern
	// actSvc[i] is the hash of actions[i]'s service prefix when that prefix
	// has no wildcard (0 otherwise): a cheap pre-filter.
	actSvc []uint64

	hasResource bool
	notResource bool
	resources   []arnPattern

	conds []condition

	// raw lists, as written, for the accessors.
	rawActions, rawResources, rawAWS []string
}

// Parse parses and validates a policy document for the role it will play.
// It checks in AWS's order: first the syntax of the whole document (every
// statement), then, for identity-like policies, IAM's further phases
// (iamGrammar), then each statement's meaning.
func Parse(doc string, kind Kind) (*Policy, error) {
	root, err := parseJSON(doc)
	if err != nil || root.kind != 'o' {
		return nil, &ParseError{Message: MsgSyntax, Statement: -1}
	}
	p := &Policy{kind: kind, doc: doc}
	list, perr := p.parseTop(root)
	if perr != nil {
		return nil, perr
	}
	elems := make([]stmtElements, len(list))
	for i, sn := range list {
		if msg := statementSyntax(sn, kind, &elems[i]); msg != "" {
			return nil, &ParseError{Message: msg, Statement: i, Position: position(doc, sn.start)}
		}
	}
	vars := p.Version == "2012-10-17"
	if kind.identityLike() {
		if i, msg := iamGrammar(elems, vars); msg != "" {
			return nil, &ParseError{Message: msg, Statement: i, Position: position(doc, list[i].start)}
		}
	}
	sids := map[string]bool{}
	for i, sn := range list {
		st, msg := parseStatement(elems[i], i, kind, vars)
		if msg != "" {
			return nil, &ParseError{Message: msg, Statement: i, Position: position(doc, sn.start)}
		}
		if st.sid != "" {
			if sids[st.sid] {
				return nil, &ParseError{Message: MsgDuplicateSid, Statement: i, Position: position(doc, sn.start)}
			}
			sids[st.sid] = true
		}
		st.start = position(doc, sn.start)
		st.end = position(doc, sn.end)
		p.stmts = append(p.stmts, st)
	}
	return p, nil
}

// parseTop reads the top-level elements into p and returns the statements.
func (p *Policy) parseTop(root *jnode) ([]*jnode, *ParseError) {
	var stmtNode *jnode
	for i, k := range root.keys {
		v := root.vals[i]
		switch k {
		case "Version":
			if v.kind != 's' || (v.str != "2012-10-17" && v.str != "2008-10-17") {
				return nil, &ParseError{Message: p.kind.versionMessage(), Statement: -1, Position: position(p.doc, v.start)}
			}
			p.Version = v.str
		case "Id":
			if v.kind != 's' {
				return nil, &ParseError{Message: MsgSyntax, Statement: -1, Position: position(p.doc, v.start)}
			}
			p.ID = v.str
		case "Statement":
			stmtNode = v
		default:
			return nil, &ParseError{Message: MsgSyntax, Statement: -1, Position: position(p.doc, v.start)}
		}
	}
	switch {
	case stmtNode == nil:
		return nil, &ParseError{Message: MsgSyntax, Statement: -1}
	case stmtNode.kind == 'o':
		return []*jnode{stmtNode}, nil
	case stmtNode.kind == 'a' && len(stmtNode.arr) > 0:
		return stmtNode.arr, nil
	}
	return nil, &ParseError{Message: MsgSyntax, Statement: -1, Position: position(p.doc, stmtNode.start)}
}

// identityLike reports the kinds that follow the identity-policy grammar
// (no Principal; actions and resources required). SCPs do (Organizations
// User Guide, "SCP syntax"); RCPs follow the resource-policy grammar
// without NotPrincipal ("RCP syntax").
func (k Kind) identityLike() bool {
	return k == KindIdentity || k == KindBoundary || k == KindSession || k == KindSCP
}

// versionMessage is the answer to a Version other than 2012-10-17 and
// 2008-10-17: IAM's CreatePolicy calls it a syntax error (LocalStack's
// TestPolicyDocumentValidity invalid-3, "2013-10-17", recorded from AWS 18
// Feb 2026); other kinds keep "The policy must contain a valid version
// string".
func (k Kind) versionMessage() string {
	if k.identityLike() {
		return MsgSyntax
	}
	return MsgVersion
}

// stringList accepts a string or a non-empty list of strings.
func stringList(n *jnode) ([]string, bool) {
	switch n.kind {
	case 's':
		return []string{n.str}, true
	case 'a':
		if len(n.arr) == 0 {
			return nil, false
		}
		out := make([]string, 0, len(n.arr))
		for _, e := range n.arr {
			if e.kind != 's' {
				return nil, false
			}
			out = append(out, e.str)
		}
		return out, true
	}
	return nil, false
}

// stmtElements holds a statement's elements by name, nil when absent.
type stmtElements struct {
	sid, effect, principal, notPrincipal, action, notAction, resource, notResource, cond *jnode
}

// parseStatement parses one statement, whose syntax statementSyntax
// checked, for a policy of the given kind, one element at a time; the
// message is "" on success. vars reports Version 2012-10-17 (policy
// variables and the ARN grammar).
func parseStatement(e stmtElements, idx int, kind Kind, vars bool) (statement, string) {
	st := statement{index: idx}
	if e.sid != nil {
		if kind != KindResource && !alnum(e.sid.str) {
			// IAM (identity, boundary, trust) and STS (session) accept
			// only [0-9A-Za-z]; S3 bucket policies accept any Sid.
			return st, MsgSidAlnum
		}
		st.sid = e.sid.str
	}
	if kind == KindTrust && (e.resource != nil || e.notResource != nil) {
		// Reported before a missing Principal: IAM answered "Has prohibited
		// field Resource" to an identity policy (no Principal) given as a
		// trust policy (kubernetes-sigs/external-dns#3085, quoting AWS).
		return st, MsgTrustResource
	}
	st.allow = e.effect.str == "Allow"
	identityLike := kind.identityLike()
	if msg := parseStatementPrincipal(&st, e, kind, identityLike); msg != "" {
		return st, msg
	}
	if msg := parseStatementActions(&st, e, identityLike); msg != "" {
		return st, msg
	}
	if msg := parseStatementResources(&st, e, kind, identityLike, vars); msg != "" {
		return st, msg
	}
	if e.cond != nil {
		cs, msg := parseConditions(e.cond, vars, !identityLike, st.allow)
		if msg != "" {
			return st, msg
		}
		st.conds = cs
	}
	return st, ""
}

// statementSyntax sorts a statement's keys into e and checks what IAM
// calls syntax, before anything else in the document: known elements of
// the right JSON types, an Effect of Allow or Deny, at most one of each X
// / NotX pair, and Condition blocks of known operators. Identity-like
// policies accept an Effect in any case (IAM then fails its legacy
// parsing), empty Action and Resource lists (IAM then says they must
// contain some) and an unknown operator with no keys (LocalStack's
// TestPolicyDocumentValidity invalid-63, -33, -28 and valid-19, -31,
// recorded from AWS Feb 2026).
func statementSyntax(n *jnode, kind Kind, e *stmtElements) string {
	if n.kind != 'o' {
		return MsgSyntax
	}
	for i, k := range n.keys {
		v := n.vals[i]
		switch k {
		case "Sid":
			e.sid = v
		case "Effect":
			e.effect = v
		case "Principal":
			e.principal = v
		case "NotPrincipal":
			e.notPrincipal = v
		case "Action":
			e.action = v
		case "NotAction":
			e.notAction = v
		case "Resource":
			e.resource = v
		case "NotResource":
			e.notResource = v
		case "Condition":
			e.cond = v
		default:
			return MsgSyntax
		}
	}
	lenient := kind.identityLike()
	switch {
	case e.sid != nil && e.sid.kind != 's':
		return MsgSyntax
	case e.effect == nil || e.effect.kind != 's' || !validEffect(e.effect.str, lenient):
		return MsgSyntax
	case (e.principal != nil && e.notPrincipal != nil) || (e.action != nil && e.notAction != nil) || (e.resource != nil && e.notResource != nil):
		return MsgSyntax
	}
	for _, l := range [...]*jnode{e.action, e.notAction, e.resource, e.notResource} {
		if l != nil && !stringsSyntax(l) {
			return MsgSyntax
		}
	}
	if e.cond != nil && !conditionSyntax(e.cond, lenient) {
		return MsgSyntax
	}
	return ""
}

// validEffect accepts Allow and Deny, in any case when lenient.
func validEffect(s string, lenient bool) bool {
	if lenient {
		return strings.EqualFold(s, "Allow") || strings.EqualFold(s, "Deny")
	}
	return s == "Allow" || s == "Deny"
}

// stringsSyntax accepts a string or a (possibly empty) list of strings.
func stringsSyntax(n *jnode) bool {
	if n.kind == 's' {
		return true
	}
	if n.kind != 'a' {
		return false
	}
	for _, e := range n.arr {
		if e.kind != 's' {
			return false
		}
	}
	return true
}

// parseStatementPrincipal applies the Principal rules of the policy's kind
// and parses Principal or NotPrincipal into st.
func parseStatementPrincipal(st *statement, e stmtElements, kind Kind, identityLike bool) string {
	switch {
	case identityLike && (e.principal != nil || e.notPrincipal != nil):
		return MsgNoPrincipal
	case !identityLike && e.principal == nil && e.notPrincipal == nil:
		return MsgMissingPrincipal
	case (kind == KindTrust || kind == KindRCP) && e.notPrincipal != nil:
		// IAM does not accept NotPrincipal in role trust policies, nor
		// Organizations in RCPs.
		return MsgSyntax
	}
	if e.principal == nil && e.notPrincipal == nil {
		return ""
	}
	pn := e.principal
	if pn == nil {
		pn = e.notPrincipal
		st.notPrincipal = true
	}
	ps, raw, msg := parsePrincipal(pn)
	if msg != "" {
		return msg
	}
	st.hasPrincipal, st.principals, st.rawAWS = true, ps, raw
	return ""
}

// parseStatementActions parses Action or NotAction into st: "*" or
// vendor:pattern with one colon.
func parseStatementActions(st *statement, e stmtElements, identityLike bool) string {
	an := e.action
	if an == nil {
		an = e.notAction
		st.notAction = e.notAction != nil
	}
	if an == nil {
		if identityLike {
			return MsgNeedActions
		}
		return MsgMissingAction
	}
	acts, ok := stringList(an)
	if !ok {
		return MsgSyntax
	}
	for _, a := range acts {
		if msg := checkAction(a, identityLike); msg != "" {
			return msg
		}
		st.actions = append(st.actions, compilePattern(a, false, true, true))
		st.actSvc = append(st.actSvc, patternServiceHash(a))
	}
	st.rawActions = acts
	return ""
}

// checkAction returns the message for an Action or NotAction entry the
// parser refuses, or "". For IAM's identity-like policies a vendor with
// characters IAM does not accept gets AWS's answer to LocalStack's
// TestPolicyDocumentValidity invalid-13 ("a a:ListBucket": "Vendor a a is
// not valid", recorded 18 Feb 2026); other policy types keep the generic
// vendor message, their services' answers not being recorded.
func checkAction(a string, identityLike bool) string {
	if a == "*" {
		return ""
	}
	c := strings.IndexByte(a, ':')
	switch {
	case c <= 0 || c == len(a)-1:
		return MsgVendor
	case strings.Count(a, ":") > 1:
		return MsgOneColon
	case !validVendor(a[:c]) && identityLike:
		return "Vendor " + a[:c] + " is not valid"
	case !validVendor(a[:c]):
		return MsgVendor
	}
	return ""
}

// parseStatementResources parses Resource or NotResource into st. A trust
// policy names none (the role itself); identity-like policies need ARNs or
// "*".
func parseStatementResources(st *statement, e stmtElements, kind Kind, identityLike, vars bool) string {
	rn := e.resource
	if rn == nil {
		rn = e.notResource
		st.notResource = e.notResource != nil
	}
	switch {
	case rn == nil && kind == KindTrust:
		// A trust policy names no resource: the role itself.
		return ""
	case rn == nil && identityLike:
		return MsgNeedResources
	case rn == nil:
		return MsgMissingResource
	case kind == KindTrust:
		return MsgTrustResource
	}
	res, ok := stringList(rn)
	if !ok {
		return MsgSyntax
	}
	for _, r := range res {
		pat := r
		if identityLike {
			var msg string
			if pat, msg = identityResource(r, vars); msg != "" && vars {
				return msg
			}
			if pat == "" {
				return MsgLegacy // see iamGrammar
			}
		}
		st.resources = append(st.resources, compileARN(pat, vars))
	}
	st.hasResource = true
	st.rawResources = res
	return ""
}

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func validVendor(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '*' || c == '?' || c == '.') {
			return false
		}
	}
	return true
}

// Statements returns the number of statements in the policy.
func (p *Policy) Statements() int { return len(p.stmts) }

// Kind returns the kind the policy was parsed for.
func (p *Policy) Kind() Kind { return p.kind }

// Source returns the document the policy was parsed from.
func (p *Policy) Source() string { return p.doc }

// MarshalJSON returns the source document, so a Policy round-trips.
func (p *Policy) MarshalJSON() ([]byte, error) {
	if !json.Valid([]byte(p.doc)) {
		return nil, fmt.Errorf("evaluator: invalid stored document")
	}
	return []byte(p.doc), nil
}

// PrincipalARNs returns the AWS principal values (Principal and NotPrincipal
// "AWS" entries, including "*" and bare account ids) exactly as written, in
// document order.
func (p *Policy) PrincipalARNs() []string {
	var out []string
	for i := range p.stmts {
		out = append(out, p.stmts[i].rawAWS...)
	}
	return out
}

// Resources returns every Resource and NotResource string, as written.
func (p *Policy) Resources() []string {
	var out []string
	for i := range p.stmts {
		out = append(out, p.stmts[i].rawResources...)
	}
	return out
}

// Actions returns every Action and NotAction string, as written.
func (p *Policy) Actions() []string {
	var out []string
	for i := range p.stmts {
		out = append(out, p.stmts[i].rawActions...)
	}
	return out
}

// StatementInfo describes one statement of a policy.
type StatementInfo struct {
	Index      int
	Sid        string
	Effect     string
	Start, End Position
}

// StatementInfo returns the description of statement i.
func (p *Policy) StatementInfo(i int) StatementInfo {
	st := &p.stmts[i]
	return StatementInfo{Index: i, Sid: st.sid, Effect: effectName(st.allow), Start: st.start, End: st.end}
}

func effectName(allow bool) string {
	if allow {
		return "Allow"
	}
	return "Deny"
}

// String returns the Kind's name as the corpus and messages spell it.
func (k Kind) String() string {
	switch k {
	case KindIdentity:
		return "identity"
	case KindBoundary:
		return "boundary"
	case KindSession:
		return "session"
	case KindResource:
		return "resource"
	case KindTrust:
		return "trust"
	case KindSCP:
		return "scp"
	case KindRCP:
		return "rcp"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// MarshalText writes the Kind's name, so JSON shows "trust", not 4.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a name written by MarshalText.
func (k *Kind) UnmarshalText(b []byte) error {
	for c := KindIdentity; c <= KindRCP; c++ {
		if c.String() == string(b) {
			*k = c
			return nil
		}
	}
	return fmt.Errorf("unknown policy kind %q", b)
}

// String returns "Allow", "ExplicitDeny" or "ImplicitDeny".
func (e Effect) String() string {
	switch e {
	case Allow:
		return "Allow"
	case ExplicitDeny:
		return "ExplicitDeny"
	}
	return "ImplicitDeny"
}
