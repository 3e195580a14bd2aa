package iam

import (
	"context"

	"github.com/fakeaws/fakeaws/emulator/orgsyntax"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/evaluator"
)

// This file holds SimulateCustomPolicy's OrderedOrganizationPolicyInputList
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html,
// API_OrderedOrganizationPolicyType.html): an ordered list of Organizations
// levels, root first and the account last, each with the SCPs attached at
// that level (OrderedOrganizationPolicyInputList.member.N.
// ServiceControlPolicyInputList.member.M, as aws-sdk-go-v2 service/iam
// serializes them). The simulator evaluates them as Organizations does
// (evaluator/orgs.go): an applicable Deny at any level denies, and every
// level must have an SCP that allows; OrganizationsDecisionDetail reports
// the outcome.

// orgInputList is the parameter's name.
const orgInputList = "OrderedOrganizationPolicyInputList"

// scpInputs reads the levels of OrderedOrganizationPolicyInputList, each
// document checked as OrderedOrganizationPolicyType's
// ServiceControlPolicyInputList members are (1 to 131,072 characters of
// patDocument). A level with no document is kept: it allows nothing.
func (v *validator) scpInputs(p query.Params) [][]string {
	var levels [][]string
	for _, n := range p.Members(orgInputList + ".member") {
		base := orgInputList + ".member." + itoa(n) + ".ServiceControlPolicyInputList.member"
		docs := p.List(base, "")
		for i, doc := range docs {
			field := "orderedOrganizationPolicyInputList." + itoa(n) + ".member.serviceControlPolicyInputList." + itoa(i+1) + ".member"
			v.str(doc, field, 1, 131072, patDocument)
		}
		levels = append(levels, docs)
	}
	return levels
}

// scpLevels parses the levels read by scpInputs, each document checked as
// an SCP: first the SCP rules beyond the IAM grammar (emulator/orgsyntax:
// no Principal or NotPrincipal), then the grammar of evaluator.KindSCP,
// either refused with MalformedPolicyDocument as PolicyInputList's
// documents are. Each SCP is named "OrderedOrganizationPolicyInputList.N.
// ServiceControlPolicyInputList.M" in MatchedStatements (see deviations).
// No levels (the parameter absent or empty) gives nil: no organization.
func (h *Handler) scpLevels(levels [][]string) ([]evaluator.OrgLevel, error) {
	if len(levels) == 0 {
		return nil, nil
	}
	out := make([]evaluator.OrgLevel, 0, len(levels))
	for i, docs := range levels {
		lv := evaluator.OrgLevel{Target: orgInputList + "." + itoa(i+1), Policies: []evaluator.NamedPolicy{}}
		for j, doc := range docs {
			if msg := orgsyntax.SCPDocument(doc); msg != "" {
				return nil, malformedPolicy(msg)
			}
			parsed, err := h.parse(doc, evaluator.KindSCP)
			if err != nil {
				return nil, policyError(err)
			}
			name := lv.Target + ".ServiceControlPolicyInputList." + itoa(j+1)
			lv.Policies = append(lv.Policies, evaluator.NamedPolicy{Name: name, Policy: parsed})
		}
		out = append(out, lv)
	}
	return out, nil
}

// simSCPs returns the SCP levels of a simulation: the request's
// OrderedOrganizationPolicyInputList when given (it stands for the
// organization, replacing the account's own SCPs), else those of the
// simulated principal's account, as in IAM's simulator
// (OrganizationsDecisionDetail), less the ones PolicyExclusionList names.
func (h *Handler) simSCPs(ctx context.Context, in *simInput) ([]evaluator.OrgLevel, error) {
	if in.scp != nil {
		return in.scp, nil
	}
	if in.principal.Account == "" || h.authz == nil {
		return nil, nil
	}
	scp, err := h.authz.SCPLevels(ctx, in.principal)
	if err != nil {
		return nil, wrap("simulate: organization policies", err)
	}
	return in.exclude.scps(scp), nil
}
