package accessanalyzer

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// IAM Access Analyzer's custom policy checks (CheckAccessNotGranted,
// CheckNoNewAccess, CheckNoPublicAccess; user guide "IAM Access Analyzer
// custom policy checks",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-custom-policy-checks.html).
// AWS answers FAIL when a policy "might allow" the access in question;
// fakeaws keeps that direction: whatever it cannot judge exactly counts as
// granted (docs/accessanalyzer.md, "Custom policy checks"). This file holds
// what the three share: a policy read as statements, the response shape
// and the errors.

// The results of a custom check (API reference: PASS | FAIL).
const (
	resultPass = "PASS"
	resultFail = "FAIL"
)

// checkOutput is the response of the three checks (API reference,
// CheckAccessNotGranted response syntax). A PASS carries no reasons, as
// AWS's examples show.
type checkOutput struct {
	Result  string          `json:"result"`
	Message string          `json:"message"`
	Reasons []reasonSummary `json:"reasons,omitempty"`
}

// reasonSummary is the API's ReasonSummary.
type reasonSummary struct {
	Description    string  `json:"description"`
	StatementIndex int     `json:"statementIndex"`
	StatementID    *string `json:"statementId,omitempty"`
}

// reason describes st with prefix, as AWS's examples word it: "New access
// in the statement with index: 0.", "Public access granted in the
// following statement with sid: Bob." (with a Sid, statementId is set too).
func reason(prefix string, st *checkStatement) reasonSummary {
	r := reasonSummary{StatementIndex: st.index}
	if st.sid != "" {
		sid := st.sid
		r.StatementID = &sid
		r.Description = prefix + " with sid: " + sid + "."
	} else {
		r.Description = prefix + " with index: " + strconv.Itoa(st.index) + "."
	}
	return r
}

// verdict is FAIL with reasons when there are any, else PASS.
func verdict(reasons []reasonSummary, pass, fail string) *checkOutput {
	if len(reasons) == 0 {
		return &checkOutput{Result: resultPass, Message: pass}
	}
	return &checkOutput{Result: resultFail, Message: fail, Reasons: reasons}
}

// patternSet is an Action/NotAction or Resource/NotResource element: the
// strings it matches are those its patterns match, or with not, all
// others.
type patternSet struct {
	not  bool
	pats []string
}

var everything = patternSet{pats: []string{"*"}}

// principalSet is a Principal or NotPrincipal element of a resource
// policy.
type principalSet struct {
	present bool
	not     bool
	star    bool                // "*" or {"AWS": "*"} (Principal only)
	values  map[string][]string // key (AWS, Service, ...) → values
	text    string              // canonical text, to compare NotPrincipal elements
}

// checkStatement is what the custom checks read of one statement.
type checkStatement struct {
	index     int
	sid       string
	allow     bool
	actions   patternSet // absent: everything (Allow) or nothing (Deny)
	resources patternSet
	principal principalSet
	condition *node // nil when absent
	text      string
}

// conditional reports whether the statement has a non-empty Condition.
func (st *checkStatement) conditional() bool {
	return st.condition != nil && !(st.condition.kind == kObject && len(st.condition.members) == 0)
}

// invalidParameter is the API's InvalidParameterException ("The specified
// parameter is invalid", HTTP 400).
func invalidParameter(msg string) *awserr.Error {
	return awserr.New("InvalidParameterException", http.StatusBadRequest, msg)
}

// tooComplex is the API's UnprocessableEntityException ("The specified
// entity could not be processed", HTTP 422), for a policy whose patterns
// would take too long to compare.
func tooComplex() *awserr.Error {
	return awserr.New("UnprocessableEntityException", http.StatusUnprocessableEntity,
		"The specified entity could not be processed.")
}

// parseCheckPolicy reads doc as statements, or answers
// InvalidParameterException naming field when doc is not a policy: not
// JSON, no Statement, a statement that is not an object or has an element
// of the wrong type or an unknown one. Checks of meaning (is the action
// known, is the ARN well formed) are ValidatePolicy's; they do not stop a
// custom check.
func parseCheckPolicy(field, doc string) ([]checkStatement, error) {
	// json.Valid too: CheckNoPublicAccess reads the document again with
	// encoding/json (package publicpolicy), which must see what we saw.
	root, err := parseTree(doc)
	if err != nil || root.kind != kObject || !json.Valid([]byte(doc)) {
		return nil, invalidPolicy(field, "it is not a JSON object")
	}
	for _, m := range root.members {
		switch m.key {
		case "Version", "Id", "Statement":
		default:
			return nil, invalidPolicy(field, "unknown element "+m.key)
		}
	}
	sm := root.get("Statement")
	if sm == nil || (sm.val.kind != kObject && sm.val.kind != kArray) {
		return nil, invalidPolicy(field, "Statement must be an object or an array of objects")
	}
	var out []checkStatement
	for i, sn := range sm.val.list() {
		st, msg := readStatement(i, sn)
		if msg != "" {
			return nil, invalidPolicy(field, fmt.Sprintf("statement %d: %s", i, msg))
		}
		out = append(out, st)
	}
	return out, nil
}

func invalidPolicy(field, why string) *awserr.Error {
	return invalidParameter("Invalid " + field + ": " + why + ".")
}

// readStatement reads one statement, or says what is wrong with it.
func readStatement(i int, sn *node) (checkStatement, string) {
	st := checkStatement{index: i}
	if sn.kind != kObject {
		return st, "a statement must be an object"
	}
	st.text = canonical(sn, true)
	seen := map[string]bool{}
	for _, m := range sn.members {
		if seen[m.key] {
			return st, "duplicate element " + m.key
		}
		seen[m.key] = true
		if msg := st.readElement(m); msg != "" {
			return st, msg
		}
	}
	switch {
	case !seen["Effect"]:
		return st, "Effect is missing"
	case seen["Action"] && seen["NotAction"], seen["Resource"] && seen["NotResource"],
		seen["Principal"] && seen["NotPrincipal"]:
		return st, "an element and its Not form cannot be combined"
	}
	if !seen["Action"] && !seen["NotAction"] && st.allow {
		st.actions = everything
	}
	if !seen["Resource"] && !seen["NotResource"] && st.allow {
		st.resources = everything
	}
	return st, ""
}

// readElement reads one member of a statement into st.
func (st *checkStatement) readElement(m member) string {
	var err string
	switch m.key {
	case "Sid":
		if m.val.kind != kString {
			return "Sid must be a string"
		}
		st.sid = m.val.str
	case "Effect":
		if m.val.kind != kString || (m.val.str != "Allow" && m.val.str != "Deny") {
			return "Effect must be Allow or Deny"
		}
		st.allow = m.val.str == "Allow"
	case "Action", "NotAction":
		st.actions, err = readPatterns(m)
	case "Resource", "NotResource":
		st.resources, err = readPatterns(m)
	case "Principal", "NotPrincipal":
		st.principal, err = readPrincipal(m)
	case "Condition":
		if m.val.kind != kObject {
			return "Condition must be an object"
		}
		for _, op := range m.val.members {
			if op.val.kind != kObject {
				return "each Condition operator must map keys to values"
			}
		}
		st.condition = m.val
	default:
		return "unknown element " + m.key
	}
	return err
}

// readPatterns reads a string or an array of strings.
func readPatterns(m member) (patternSet, string) {
	set := patternSet{not: strings.HasPrefix(m.key, "Not")}
	if m.val.kind != kString && m.val.kind != kArray {
		return set, m.key + " must be a string or an array of strings"
	}
	for _, e := range m.val.list() {
		if e.kind != kString {
			return set, m.key + " must be a string or an array of strings"
		}
		set.pats = append(set.pats, e.str)
	}
	return set, ""
}

// readPrincipal reads "*" or a map of string-or-array values.
func readPrincipal(m member) (principalSet, string) {
	p := principalSet{present: true, not: m.key == "NotPrincipal", values: map[string][]string{},
		text: canonical(m.val, false)}
	if m.val.kind == kString {
		p.star = m.val.str == "*" && !p.not
		if m.val.str != "*" {
			return p, m.key + ` must be "*" or an object`
		}
		return p, ""
	}
	if m.val.kind != kObject {
		return p, m.key + ` must be "*" or an object`
	}
	for _, pm := range m.val.members {
		set, msg := readPatterns(member{key: m.key, val: pm.val})
		if msg != "" {
			return p, msg
		}
		p.values[pm.key] = append(p.values[pm.key], set.pats...)
		if pm.key == "AWS" && !p.not && contains(set.pats, "*") {
			p.star = true
		}
	}
	return p, ""
}
