package accessanalyzer

import (
	"errors"
	"fmt"
	"sort"
)

// PolicyType is ValidatePolicy's policyType.
type PolicyType string

// The policy types ValidatePolicy accepts.
const (
	IdentityPolicy        PolicyType = "IDENTITY_POLICY"
	ResourcePolicy        PolicyType = "RESOURCE_POLICY"
	ServiceControlPolicy  PolicyType = "SERVICE_CONTROL_POLICY"
	ResourceControlPolicy PolicyType = "RESOURCE_CONTROL_POLICY"
)

// Valid reports whether t is one of the four policy types.
func (t PolicyType) Valid() bool {
	switch t {
	case IdentityPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy:
		return true
	}
	return false
}

// trustPolicyType is the validatePolicyResourceType of role trust policies.
const trustPolicyType = "AWS::IAM::AssumeRolePolicyDocument"

// World answers whether the resources a policy names exist. Validate
// skips the RESOURCE_NOT_FOUND_IN_WORLD check when Input.World is nil.
type World interface {
	BucketExists(name string) bool
	RoleExists(account, name string) bool
	UserExists(account, name string) bool
}

// Input is one policy to validate.
type Input struct {
	Document string
	Type     PolicyType
	// ResourceType is validatePolicyResourceType (e.g. AWS::S3::Bucket,
	// AWS::IAM::AssumeRolePolicyDocument); "" when not given.
	ResourceType string
	World        World
}

// Validate runs every check on in.Document and returns the findings in
// document order.
func Validate(in Input) []Finding {
	v := &validator{in: in, ps: newPositions(in.Document), cat: defaultCatalogue()}
	v.run()
	sort.SliceStable(v.findings, func(i, j int) bool {
		return v.findings[i].Locations[0].Span.Start.Offset < v.findings[j].Locations[0].Span.Start.Offset
	})
	return v.findings
}

type validator struct {
	in       Input
	ps       *positions
	cat      catalogue
	findings []Finding
	version  string
	// variables are the strings holding ${...}, checked once the Version
	// is known.
	variables []located
}

// located is a node and its path.
type located struct {
	n *node
	p path
}

func (v *validator) add(i issue, details string, at ...located) {
	f := Finding{FindingDetails: details, FindingType: i.typ, IssueCode: i.code, LearnMoreLink: i.link()}
	for _, l := range at {
		p := []PathElement(l.p)
		if p == nil {
			p = []PathElement{}
		}
		f.Locations = append(f.Locations, Location{Path: p, Span: v.ps.span(l.n.start, l.n.end)})
	}
	v.findings = append(v.findings, f)
}

func (v *validator) run() {
	root, err := parseTree(v.in.Document)
	if err != nil {
		var se *syntaxError
		off := 0
		if errors.As(err, &se) {
			off = se.offset
		}
		pos := v.ps.at(off)
		v.add(issueJSONSyntax, fmt.Sprintf("Fix the JSON syntax error at index %d line %d column %d.", pos.Offset, pos.Line, pos.Column),
			located{&node{start: off, end: off}, nil})
		return
	}
	if root.kind != kObject {
		v.add(issueDataType, "The text does not match the expected JSON data type Object.", located{root, nil})
		return
	}
	v.checkSize(root)
	var stmts *member
	for i := range root.members {
		m := &root.members[i]
		switch m.key {
		case "Version":
			v.checkVersion(m)
		case "Id":
		case "Statement":
			stmts = m
		default:
			v.add(issuePolicyElement, fmt.Sprintf("The policy element %s is not valid.", m.key),
				located{&node{start: m.keyStart, end: m.keyEnd}, path{}.value(m.key)})
		}
	}
	if root.get("Version") == nil {
		v.add(issueMissingVersion, "We recommend that you specify the Version element to help you with debugging permission issues.",
			located{root, nil})
	}
	if stmts == nil {
		v.add(issueMissingStatement, "Add a statement to the policy", located{root, nil})
		return
	}
	v.checkStatements(stmts.val)
	v.checkVariables()
}

func (v *validator) checkVersion(m *member) {
	at := located{m.val, path{}.value("Version")}
	if m.val.kind != kString {
		v.add(issueDataType, "The text does not match the expected JSON data type String.", at)
		return
	}
	v.version = m.val.str
	if v.version != "2012-10-17" && v.version != "2008-10-17" {
		v.add(issueInvalidVersion, fmt.Sprintf("The version %s is not valid. Use one of the following versions: 2012-10-17, 2008-10-17", v.version), at)
	}
}

// checkVariables reports ${...} variables the Version does not support
// (variables need Version 2012-10-17).
func (v *validator) checkVariables() {
	for _, l := range v.variables {
		v.checkVariableSyntax(l)
	}
	if v.version == "2012-10-17" {
		return
	}
	for _, l := range v.variables {
		v.add(issueVariableVersion, "To include variables in your policy, use the policy version 2012-10-17 or later.", l)
	}
}

func (v *validator) checkStatements(n *node) {
	base := path{}.value("Statement")
	var stmts []located
	switch n.kind {
	case kObject:
		stmts = []located{{n, base}}
	case kArray:
		for i, e := range n.elems {
			stmts = append(stmts, located{e, base.index(i)})
		}
	default:
		v.add(issueDataType, "The text does not match the expected JSON data type Object.", located{n, base})
		return
	}
	sids := map[string]bool{}
	for _, s := range stmts {
		if s.n.kind != kObject {
			v.add(issueDataType, "The text does not match the expected JSON data type Object.", s)
			continue
		}
		if sid := s.n.get("Sid"); sid != nil {
			v.checkSid(located{sid.val, s.p.value("Sid")}, sids)
		}
		v.checkStatement(s)
	}
	v.checkRedundantStatements(stmts)
}
