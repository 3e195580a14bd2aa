package iam

import (
	"context"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/principals"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// The IAM policy simulator
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html):
// each action × resource pair is decided by the evaluator directly.

type xmlPosition struct {
	Line   int `xml:"Line"`
	Column int `xml:"Column"`
}

type xmlStatement struct {
	SourcePolicyID   string       `xml:"SourcePolicyId"`
	SourcePolicyType string       `xml:"SourcePolicyType"`
	StartPosition    *xmlPosition `xml:"StartPosition,omitempty"`
	EndPosition      *xmlPosition `xml:"EndPosition,omitempty"`
}

type xmlDetailEntry struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

// xmlDetails is an EvalDecisionDetails map: nil is left out, empty is
// present but empty (same-account simulations with resource ARNs).
type xmlDetails struct {
	Entry []xmlDetailEntry `xml:"entry"`
}

type xmlBoundaryDetail struct {
	Allowed bool `xml:"AllowedByPermissionsBoundary"`
}

type xmlEvaluationResult struct {
	EvalActionName       string                      `xml:"EvalActionName"`
	EvalResourceName     string                      `xml:"EvalResourceName"`
	EvalDecision         string                      `xml:"EvalDecision"`
	MatchedStatements    members[xmlStatement]       `xml:"MatchedStatements"`
	MissingContextValues members[string]             `xml:"MissingContextValues"`
	Organizations        *xmlOrganizationsDetail     `xml:"OrganizationsDecisionDetail,omitempty"`
	BoundaryDetail       *xmlBoundaryDetail          `xml:"PermissionsBoundaryDecisionDetail,omitempty"`
	EvalDecisionDetails  *xmlDetails                 `xml:"EvalDecisionDetails,omitempty"`
	ResourceSpecific     *members[xmlResourceResult] `xml:"ResourceSpecificResults,omitempty"`
}

// xmlResourceResult is one ResourceSpecificResult
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ResourceSpecificResult.html).
type xmlResourceResult struct {
	EvalResourceName     string                `xml:"EvalResourceName"`
	EvalResourceDecision string                `xml:"EvalResourceDecision"`
	MatchedStatements    members[xmlStatement] `xml:"MatchedStatements"`
	MissingContextValues *members[string]      `xml:"MissingContextValues,omitempty"`
	EvalDecisionDetails  *xmlDetails           `xml:"EvalDecisionDetails,omitempty"`
	BoundaryDetail       *xmlBoundaryDetail    `xml:"PermissionsBoundaryDecisionDetail,omitempty"`
}

type xmlOrganizationsDetail struct {
	Allowed bool `xml:"AllowedByOrganizations"`
}

type simulateResult struct {
	EvaluationResults members[xmlEvaluationResult] `xml:"EvaluationResults"`
	pageInfo
}

// simPolicy is one policy taking part in a simulation, with how IAM names
// it in MatchedStatements.
type simPolicy struct {
	np         evaluator.NamedPolicy
	sourceType string // "IAM Policy" (identity), aws-managed, user-managed (boundaries), resource, none
}

// simInput is everything a simulation needs besides the action/resource
// pairs.
type simInput struct {
	principal evaluator.Principal
	identity  []simPolicy
	boundary  []simPolicy
	resource  *simPolicy
	resOwner  string
	context   evaluator.Context
	actions   []string
	resources []string
	pp        pageParams
	// principalSim marks SimulatePrincipalPolicy, whose results always
	// carry OrganizationsDecisionDetail (see runSimulation).
	principalSim bool
	// scp is SimulateCustomPolicy's OrderedOrganizationPolicyInputList,
	// nil when not given (simulate_scp.go).
	scp []evaluator.OrgLevel
	// exclude is SimulatePrincipalPolicy's PolicyExclusionList
	// (simulate_exclude.go).
	exclude exclusions
}

// simulateCustomPolicy serves SimulateCustomPolicy.
func (h *Handler) simulateCustomPolicy(ctx context.Context, p query.Params) (any, error) {
	var v validator
	docs := p.List("PolicyInputList.member", "")
	if len(docs) == 0 {
		v.errs = append(v.errs, "Value null at 'policyInputList' failed to satisfy constraint: Member must not be null")
	}
	in := v.simParams(p)
	levels := v.scpInputs(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "SimulateCustomPolicy", "*"); err != nil {
		return nil, err
	}
	if err := h.simPolicies(in, p); err != nil {
		return nil, err
	}
	if err := h.addInputs(in, docs, "PolicyInputList", evaluator.KindIdentity, &in.identity); err != nil {
		return nil, err
	}
	var err error
	if in.scp, err = h.scpLevels(levels); err != nil {
		return nil, err
	}
	acct := account(ctx)
	in.principal = evaluator.Principal{Type: evaluator.PrincipalUser, Account: acct,
		ARN: arns.User(acct, "/", "simulated-user"), UserID: "AIDASIMULATEDUSER0000", Username: "simulated-user"}
	if callerARN := p.Get("CallerArn"); callerARN != "" {
		acctOf, kind, name, ok := principals.Split(callerARN)
		if !ok || kind != "user" {
			return nil, invalidInput("Invalid CallerArn %s: only IAM users can be simulated.", callerARN)
		}
		in.principal = evaluator.Principal{Type: evaluator.PrincipalUser, Account: acctOf, ARN: callerARN, Username: name}
	}
	return h.runSimulation(ctx, in)
}

// simulatePrincipalPolicy serves SimulatePrincipalPolicy: the policies of
// the user (with its groups), group or role named by PolicySourceArn, plus
// any PolicyInputList documents.
func (h *Handler) simulatePrincipalPolicy(ctx context.Context, p query.Params) (any, error) {
	var v validator
	source := v.arnParam(p, "PolicySourceArn")
	in := v.simParams(p)
	excl, badExclusion := v.exclusionList(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "SimulatePrincipalPolicy", source); err != nil {
		return nil, err
	}
	if badExclusion != nil {
		return nil, badExclusion
	}
	in.exclude = excl
	if err := h.simPolicies(in, p); err != nil {
		return nil, err
	}
	acct := account(ctx)
	err := h.db.View(ctx, func(tx *store.Tx) error {
		return h.principalPolicies(tx, acct, source, in)
	})
	if err != nil {
		return nil, wrap("simulate principal policy", err)
	}
	if err := h.addInputs(in, p.List("PolicyInputList.member", ""), "PolicyInputList", evaluator.KindIdentity, &in.identity); err != nil {
		return nil, err
	}
	in.principalSim = true
	return h.runSimulation(ctx, in)
}

// principalPolicies loads the entity named by source and its policies,
// gathered as the authorizer gathers them (authz.UserPolicies,
// authz.EntityPolicies).
func (h *Handler) principalPolicies(tx *store.Tx, acct, source string, in *simInput) error {
	rest, ok := strings.CutPrefix(source, arns.IAM(acct, ""))
	invalid := invalidInput("Invalid ARN %s.", source)
	if !ok {
		return invalid
	}
	name := rest[strings.LastIndexByte(rest, '/')+1:]
	var list []authz.PrincipalPolicy
	switch {
	case strings.HasPrefix(rest, "user/"):
		u, err := loadUser(tx, acct, name)
		if err != nil {
			return err
		}
		in.principal = evaluator.Principal{Type: evaluator.PrincipalUser, Account: acct, ARN: u.ARN, UserID: u.ID, Username: u.Name}
		if list, err = authz.UserPolicies(tx, h.managed, acct, u); err != nil {
			return err
		}
	case strings.HasPrefix(rest, "group/"):
		g, err := loadGroup(tx, acct, name)
		if err != nil {
			return err
		}
		in.principal = evaluator.Principal{Type: evaluator.PrincipalUser, Account: acct, ARN: g.ARN, UserID: g.ID}
		if list, err = authz.EntityPolicies(tx, h.managed, "group", g.Name, g.Policies); err != nil {
			return err
		}
	case strings.HasPrefix(rest, "role/"):
		r, err := loadRole(tx, acct, name)
		if err != nil {
			return err
		}
		in.principal = evaluator.Principal{Type: evaluator.PrincipalAssumedRole, Account: acct,
			ARN: arns.AssumedRole(acct, r.Name, "simulation"), UserID: r.ID + ":simulation",
			RoleARN: r.ARN, SessionName: "simulation"}
		if list, err = authz.EntityPolicies(tx, h.managed, "role", r.Name, r.Policies); err != nil {
			return err
		}
	default:
		return invalid
	}
	for _, pp := range list {
		if in.exclude.excludes(pp) {
			continue // PolicyExclusionList
		}
		sp, ok := h.simPolicy(pp)
		switch {
		case !ok:
			// a managed identity policy deleted since: takes no part
		case pp.Kind == evaluator.KindBoundary:
			in.boundary = append(in.boundary, sp)
		default:
			in.identity = append(in.identity, sp)
		}
	}
	return nil
}

// simPolicy parses a gathered policy and names it as IAM does in
// MatchedStatements: an inline policy "<user|group|role>_<entity
// name>_<policy name>" and a managed identity policy by its name, both of
// SourcePolicyType "IAM Policy"; a boundary by its ARN, as aws-managed or
// user-managed. The policy itself is the one the authorizer decides with
// (authz.Authorizer.Gathered), so a simulation never allows what a request
// would be refused; ok is false for a managed identity policy that no
// longer exists.
func (h *Handler) simPolicy(pp authz.PrincipalPolicy) (sp simPolicy, ok bool) {
	sp.sourceType = sourceIAMPolicy
	name := pp.ARN
	switch {
	case pp.ARN == "":
		name = pp.OwnerType + "_" + pp.Owner + "_" + pp.Name
	case pp.Kind == evaluator.KindIdentity:
		name = pp.ARN[strings.LastIndexByte(pp.ARN, '/')+1:]
	case pp.AWSManaged:
		sp.sourceType = "aws-managed"
	default:
		sp.sourceType = "user-managed"
	}
	sp.np, ok = h.authz.Gathered(pp, name)
	return sp, ok
}

// sourceIAMPolicy is the SourcePolicyType AWS reports for identity
// policies (inline, managed and PolicyInputList entries alike), a value
// missing from the documented PolicySourceType enum.
const sourceIAMPolicy = "IAM Policy"

// simParams reads and checks the parameters both simulator actions share;
// simPolicies parses their policies once the caller is authorized.
func (v *validator) simParams(p query.Params) *simInput {
	in := &simInput{context: evaluator.Context{}}
	in.actions = p.List("ActionNames.member", "")
	if len(in.actions) == 0 {
		v.errs = append(v.errs, "Value null at 'actionNames' failed to satisfy constraint: Member must not be null")
	}
	for i, a := range in.actions {
		v.str(a, "actionNames."+itoa(i+1)+".member", 3, 128, "")
	}
	in.resources = p.List("ResourceArns.member", "")
	for i, r := range in.resources {
		v.str(r, "resourceArns."+itoa(i+1)+".member", 1, 2048, "")
	}
	if len(in.resources) == 0 {
		in.resources = []string{"*"}
	}
	v.simMembers(p)
	in.pp = v.paging(p)
	return in
}

// simPolicies reads the simulators' context entries, permissions
// boundaries, resource policy and resource owner into in.
func (h *Handler) simPolicies(in *simInput, p query.Params) error {
	for i := 1; ; i++ {
		base := "ContextEntries.member." + itoa(i) + "."
		name := p.Get(base + "ContextKeyName")
		if name == "" {
			break
		}
		vals := p.List(base+"ContextKeyValues.member", "")
		in.context.Add(name, vals...)
	}
	if err := h.addInputs(in, p.List("PermissionsBoundaryPolicyInputList.member", ""),
		"PermissionsBoundaryPolicyInputList", evaluator.KindBoundary, &in.boundary); err != nil {
		return err
	}
	if doc := p.Get("ResourcePolicy"); doc != "" {
		parsed, err := h.parse(doc, evaluator.KindResource)
		if err != nil {
			return policyError(err)
		}
		in.resource = &simPolicy{np: evaluator.NamedPolicy{Name: "ResourcePolicy", Policy: parsed}, sourceType: "resource"}
	}
	in.resOwner = p.Get("ResourceOwner")
	if a, err := arns.Parse(in.resOwner); err == nil && a.Partition == arns.Partition && a.Service == "iam" && a.Region == "" {
		in.resOwner = a.AccountID
	}
	return nil
}

// simMembers checks the simulators' other members against botocore's iam
// model (min, max, pattern): the policy lists, ResourcePolicy,
// ResourceOwner, CallerArn, ResourceHandlingOption and the context entries'
// names and types. What it checks is read again where it is used.
func (v *validator) simMembers(p query.Params) {
	v.policyDocs(p, "PolicyInputList")
	v.policyDocs(p, "PermissionsBoundaryPolicyInputList")
	v.optional(p, "ResourcePolicy", 1, 131072, patDocument)
	v.optional(p, "ResourceOwner", 1, 2048, "")
	v.optional(p, "CallerArn", 1, 2048, "")
	v.optional(p, "ResourceHandlingOption", 1, 64, "")
	for i := 1; ; i++ {
		base := "ContextEntries.member." + itoa(i) + "."
		if !p.Has(base + "ContextKeyName") {
			return
		}
		field := "contextEntries." + itoa(i) + ".member."
		v.str(p.Get(base+"ContextKeyName"), field+"contextKeyName", 5, 256, "")
		if p.Has(base + "ContextKeyType") {
			v.enum(p.Get(base+"ContextKeyType"), field+"contextKeyType", "string", "stringList", "numeric",
				"numericList", "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList")
		}
	}
}

// policyDocs reads the policy documents of list (PolicyInputList.member.N),
// each checked as botocore's policyDocumentType (1 to 131,072 characters
// of patDocument).
func (v *validator) policyDocs(p query.Params, list string) []string {
	docs := p.List(list+".member", "")
	for i, doc := range docs {
		v.str(doc, fieldName(list)+"."+itoa(i+1)+".member", 1, 131072, patDocument)
	}
	return docs
}

// addInputs parses policy documents given inline (PolicyInputList.N).
func (h *Handler) addInputs(in *simInput, docs []string, param string, kind evaluator.Kind, dst *[]simPolicy) error {
	for i, doc := range docs {
		parsed, err := h.parse(doc, kind)
		if err != nil {
			return policyError(err)
		}
		typ := "none"
		if kind == evaluator.KindIdentity {
			typ = sourceIAMPolicy
		}
		*dst = append(*dst, simPolicy{np: evaluator.NamedPolicy{Name: param + "." + itoa(i+1), Policy: parsed}, sourceType: typ})
	}
	return nil
}

// runSimulation evaluates every action on every resource. Each action
// gets one EvaluationResult
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html):
// for resource "*" alone, its decision; for resource ARNs, the most
// restrictive decision across them, with one ResourceSpecificResult each
// and EvalDecisionDetails (empty within one account).
func (h *Handler) runSimulation(ctx context.Context, in *simInput) (any, error) {
	ps := &evaluator.PolicySet{ResourceKind: evaluator.KindResource}
	types := map[string]string{}
	for _, sp := range in.identity {
		ps.Identity = append(ps.Identity, sp.np)
		types[sp.np.Name] = sp.sourceType
	}
	if len(in.boundary) > 0 {
		// Several boundary inputs act as one boundary: the first is used,
		// as a principal has at most one.
		b := in.boundary[0].np
		ps.Boundary = &b
		types[b.Name] = in.boundary[0].sourceType
	}
	if in.principal.Type == evaluator.PrincipalAssumedRole {
		ps.HasSession = true
	}
	acct := account(ctx)
	scp, err := h.simSCPs(ctx, in)
	if err != nil {
		return nil, err
	}
	ps.SCP = scp
	crossAccount := in.resOwner != "" && in.resOwner != in.principal.Account
	onlyStar := len(in.resources) == 1 && in.resources[0] == "*"
	var results []xmlEvaluationResult
	for _, action := range in.actions {
		var per []simOutcome
		for _, res := range in.resources {
			set := *ps
			if in.resource != nil {
				set.Resource = &in.resource.np
				types[in.resource.np.Name] = "resource"
			}
			// Assuming a role of this account: its trust policy is the
			// resource policy (see deviations).
			if trust := h.trustFor(ctx, acct, action, res); trust != nil {
				set.Resource, set.ResourceKind = trust, evaluator.KindTrust
				types[trust.Name] = "resource"
			}
			req := &evaluator.Request{Principal: in.principal, Action: action, Resource: res,
				ResourceAccount: in.resOwner, Context: in.context}
			d := evaluator.EvaluatePolicies(req, &set)
			per = append(per, simOutcome{resource: res, d: d})
		}
		r := simResult(action, per, types, ps.Boundary != nil, crossAccount, onlyStar)
		// AWS reports AllowedByOrganizations for a principal's simulation
		// (recorded: LocalStack iam test_simulate_principle_policy, 2025);
		// without an organization nothing denies, so it is true.
		if ps.SCP != nil || in.principalSim {
			r.Organizations = organizationsDetail(per)
		}
		results = append(results, r)
	}
	pg, more := pageInOrder(results, in.pp)
	return &simulateResult{EvaluationResults: list(pg), pageInfo: more}, nil
}

// organizationsDetail reports whether the SCPs allowed the action on every
// resource.
func organizationsDetail(per []simOutcome) *xmlOrganizationsDetail {
	allowed := true
	for i := range per {
		if scp := per[i].d.SCP; scp != nil && !scp.Allowed {
			allowed = false
		}
	}
	return &xmlOrganizationsDetail{Allowed: allowed}
}

// simOutcome is the decision for one action on one resource.
type simOutcome struct {
	resource string
	d        evaluator.Decision
}

// trustFor returns the trust policy of the role res names when action is
// sts:AssumeRole* and the role exists in acct.
func (h *Handler) trustFor(ctx context.Context, acct, action, res string) *evaluator.NamedPolicy {
	if !strings.HasPrefix(strings.ToLower(action), "sts:assumerole") {
		return nil
	}
	a, kind, name, ok := principals.Split(res)
	if !ok || kind != "role" || a != acct {
		return nil
	}
	var np *evaluator.NamedPolicy
	_ = h.db.View(ctx, func(tx *store.Tx) error {
		r, err := loadRole(tx, acct, name)
		if err != nil {
			return err
		}
		doc, err := principals.TrustPolicy(tx, r)
		if err != nil {
			return err
		}
		parsed, err := h.parse(doc, evaluator.KindTrust)
		if err != nil {
			return err
		}
		np = &evaluator.NamedPolicy{Name: r.ARN, Policy: parsed}
		return nil
	})
	return np
}

func decisionName(e evaluator.Effect) string {
	switch e {
	case evaluator.Allow:
		return "allowed"
	case evaluator.ExplicitDeny:
		return "explicitDeny"
	}
	return "implicitDeny"
}

// restrictiveness orders decisions: explicitDeny over implicitDeny over
// allowed.
func restrictiveness(e evaluator.Effect) int {
	switch e {
	case evaluator.ExplicitDeny:
		return 2
	case evaluator.ImplicitDeny:
		return 1
	}
	return 0
}

// simResult is the EvaluationResult of action over its per-resource
// outcomes.
func simResult(action string, per []simOutcome, types map[string]string, hasBoundary, crossAccount, onlyStar bool) xmlEvaluationResult {
	if onlyStar {
		o := &per[0]
		x := xmlEvaluationResult{EvalActionName: action, EvalResourceName: o.resource, EvalDecision: decisionName(o.d.Effect),
			MatchedStatements: list(statementsXML(&o.d, types)), MissingContextValues: list(append([]string{}, o.d.MissingContextKeys...))}
		if hasBoundary {
			x.BoundaryDetail = boundaryDetail(&o.d)
		}
		if crossAccount {
			x.EvalDecisionDetails = decisionDetails(&o.d, hasBoundary)
		}
		return x
	}
	worst := per[0].d.Effect
	for _, o := range per[1:] {
		if restrictiveness(o.d.Effect) > restrictiveness(worst) {
			worst = o.d.Effect
		}
	}
	// One ARN is named as it is; several have no single name (AWS gives
	// the resource type's ARN template, see deviations).
	name := "*"
	if len(per) == 1 {
		name = per[0].resource
	}
	x := xmlEvaluationResult{EvalActionName: action, EvalResourceName: name, EvalDecision: decisionName(worst),
		MatchedStatements: list([]xmlStatement{}), MissingContextValues: list([]string{}),
		EvalDecisionDetails: &xmlDetails{}, ResourceSpecific: &members[xmlResourceResult]{}}
	seenStmt := map[xmlStatement]bool{}
	seenKey := map[string]bool{}
	details := map[string]evaluator.Effect{}
	var detailOrder []string
	boundaryAllowed := true
	for i := range per {
		o := &per[i]
		stmts := statementsXML(&o.d, types)
		r := xmlResourceResult{EvalResourceName: o.resource, EvalResourceDecision: decisionName(o.d.Effect),
			MatchedStatements: list(stmts)}
		// Present even when empty: AWS answers "MissingContextValues": []
		// in each ResourceSpecificResult (LocalStack test_iam.snapshot.json,
		// TestIAMIntegrations::test_simulate_principle_policy).
		mc := list(append([]string{}, o.d.MissingContextKeys...))
		r.MissingContextValues = &mc
		if hasBoundary {
			r.BoundaryDetail = boundaryDetail(&o.d)
			boundaryAllowed = boundaryAllowed && r.BoundaryDetail.Allowed
		}
		if crossAccount {
			r.EvalDecisionDetails = decisionDetails(&o.d, hasBoundary)
			for _, e := range r.EvalDecisionDetails.Entry {
				eff := effectOf(e.Value)
				if prev, ok := details[e.Key]; !ok || restrictiveness(eff) > restrictiveness(prev) {
					if !ok {
						detailOrder = append(detailOrder, e.Key)
					}
					details[e.Key] = eff
				}
			}
		}
		x.ResourceSpecific.Member = append(x.ResourceSpecific.Member, r)
		// The top level unites the statements behind the reported
		// decision and every missing key.
		if o.d.Effect == worst {
			for _, st := range stmts {
				if !seenStmt[st.key()] {
					seenStmt[st.key()] = true
					x.MatchedStatements.Member = append(x.MatchedStatements.Member, st)
				}
			}
		}
		for _, k := range o.d.MissingContextKeys {
			if !seenKey[k] {
				seenKey[k] = true
				x.MissingContextValues.Member = append(x.MissingContextValues.Member, k)
			}
		}
	}
	for _, k := range detailOrder {
		x.EvalDecisionDetails.Entry = append(x.EvalDecisionDetails.Entry, xmlDetailEntry{Key: k, Value: decisionName(details[k])})
	}
	if hasBoundary {
		x.BoundaryDetail = &xmlBoundaryDetail{Allowed: boundaryAllowed}
	}
	return x
}

// key is a statement's identity for de-duplication.
func (s xmlStatement) key() xmlStatement {
	if p := s.StartPosition; p != nil {
		s.SourcePolicyType += "@" + itoa(p.Line) + ":" + itoa(p.Column)
	}
	s.StartPosition, s.EndPosition = nil, nil
	return s
}

func effectOf(decision string) evaluator.Effect {
	switch decision {
	case "allowed":
		return evaluator.Allow
	case "explicitDeny":
		return evaluator.ExplicitDeny
	}
	return evaluator.ImplicitDeny
}

// statementsXML is the MatchedStatements of a decision.
func statementsXML(d *evaluator.Decision, types map[string]string) []xmlStatement {
	out := []xmlStatement{}
	for _, st := range d.Statements {
		typ := types[st.Policy]
		if typ == "" {
			typ = "none"
		}
		out = append(out, xmlStatement{SourcePolicyID: st.Policy,
			SourcePolicyType: typ, StartPosition: simPosition(st.Start), EndPosition: simPosition(st.End)})
	}
	return out
}

// simPosition is where the simulator reports a statement's brace: the
// line, and the column just after the brace (1-based), which is one more
// than the brace's own column. Recorded from AWS: the '{' at 1-based
// column 40 and '}' at 112 of {"Version": "2012-10-17", "Statement": {...}}
// come back as 41 and 113 (LocalStack tests/aws/services/iam/
// test_iam.snapshot.json, TestIAMIntegrations::test_simulate_principle_policy),
// and the AWS CLI reference's simulate-custom-policy example reports 38 and
// 167 for braces at columns 37 and 166.
func simPosition(p evaluator.Position) *xmlPosition {
	return &xmlPosition{Line: p.Line, Column: p.Column + 1}
}

// boundaryDetail reports whether the permissions boundary allowed the
// request.
func boundaryDetail(d *evaluator.Decision) *xmlBoundaryDetail {
	allowed := false
	for _, pr := range d.Policies {
		if pr.Kind == evaluator.KindBoundary && pr.Allows && !pr.Denies {
			allowed = true
		}
	}
	return &xmlBoundaryDetail{Allowed: allowed}
}

// Policy type names in EvalDecisionDetails of a cross-account simulation:
// how the identity side (IAM's "IAM Policy" source type), the permissions
// boundary and the resource policy each decided.
const (
	detailIdentity = "IAM Policy"
	detailBoundary = "Permissions Boundary Policy"
	detailResource = "Resource Policy"
)

// decisionDetails is the EvalDecisionDetails of a cross-account decision:
// each policy type's own verdict.
func decisionDetails(d *evaluator.Decision, hasBoundary bool) *xmlDetails {
	verdict := map[string]evaluator.Effect{detailIdentity: evaluator.ImplicitDeny, detailResource: evaluator.ImplicitDeny}
	if hasBoundary {
		verdict[detailBoundary] = evaluator.ImplicitDeny
	}
	for _, pr := range d.Policies {
		var name string
		switch pr.Kind {
		case evaluator.KindIdentity:
			name = detailIdentity
		case evaluator.KindBoundary:
			name = detailBoundary
		case evaluator.KindResource, evaluator.KindTrust:
			name = detailResource
		default:
			continue
		}
		switch {
		case pr.Denies:
			verdict[name] = evaluator.ExplicitDeny
		case pr.Allows && verdict[name] != evaluator.ExplicitDeny:
			verdict[name] = evaluator.Allow
		}
	}
	out := &xmlDetails{}
	for _, name := range []string{detailIdentity, detailBoundary, detailResource} {
		if e, ok := verdict[name]; ok {
			out.Entry = append(out.Entry, xmlDetailEntry{Key: name, Value: decisionName(e)})
		}
	}
	return out
}
