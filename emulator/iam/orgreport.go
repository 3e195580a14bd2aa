package iam

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// Organizations access reports
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateOrganizationsAccessReport.html,
// IAM User Guide, access_policies_last-accessed-view-data-orgs.html): the
// management account asks, for an entity of its organization (root, OU or
// account, named by its entity path), which services the SCPs that apply
// along that path allow ("a list of services that are allowed by any
// service control policies (SCPs) that apply to the entity"), or the one
// SCP OrganizationsPolicyId names allows, and for each the latest attempt
// of the principals of the accounts under the entity. It is made as a last
// accessed report is (buildReport over the tracked attempts), with one
// report entity per account: its IAM users' and roles' attempts merged,
// named by the account's entity path (AccessDetail.EntityPath), so
// TotalAuthenticatedEntities counts accounts ("The number of accounts with
// authenticated principals ... that attempted to access the service").

// errSCPsNotEnabled refuses a report for an organization whose root has
// SCPs disabled ("SCPs must be enabled for your organization root"). AWS's
// code and wording are not recorded (docs/deviations.md).
func errSCPsNotEnabled(root string) error {
	return invalidInput("Service control policies are not enabled for the organization root %s.", root)
}

// reportOrg returns the caller's organization once it may generate an
// Organizations access report: an all-features organization with SCPs
// enabled, and the caller its management account.
func reportOrg(tx *store.Tx, acct string) (*store.Organization, error) {
	o, err := allFeaturesOrg(tx, acct)
	switch {
	case err != nil:
		return nil, err
	case o.ManagementAccount != acct:
		return nil, errNotManagement()
	case !o.PolicyTypeEnabled(store.PolicyTypeSCP):
		return nil, errSCPsNotEnabled(o.Root.ID)
	}
	return o, nil
}

// resolveEntityPath returns the id of the root, OU or account path names
// in o: the organization id, the root id, then each OU below the one
// before, and at most one account last.
func resolveEntityPath(o *store.Organization, path string) (string, error) {
	unknown := noSuchEntity("The entity path %s does not name an entity of organization %s.", path, o.ID)
	segs := strings.Split(strings.TrimSuffix(path, "/"), "/")
	if len(segs) < 2 || segs[0] != o.ID || segs[1] != o.Root.ID {
		return "", unknown
	}
	for i := 2; i < len(segs); i++ {
		id := segs[i]
		_, isOU := o.OUs[id]
		_, isAccount := o.Accounts[id]
		if !(isOU || isAccount && i == len(segs)-1) || o.Parent(id) != segs[i-1] {
			return "", unknown
		}
	}
	return segs[len(segs)-1], nil
}

// entityPath is the entity path of id (root, OU or account) in o.
func entityPath(o *store.Organization, id string) string {
	return o.ID + "/" + strings.Join(o.Path(id), "/")
}

// reportSCPs returns, per level of target's path from the root down, the
// SCPs attached there; a service is allowed when some SCP of every level
// allows it. With policyID, the one SCP it names is the only level.
func (h *Handler) reportSCPs(o *store.Organization, target, policyID string) ([][]grantingPolicy, error) {
	scps := func(list []*store.OrgPolicy) []grantingPolicy {
		pps := make([]authz.PrincipalPolicy, 0, len(list))
		for _, p := range list {
			pps = append(pps, authz.PrincipalPolicy{Kind: evaluator.KindIdentity, ARN: p.ARN, Name: p.Name, Document: p.Content})
		}
		return h.grantingPolicies(pps)
	}
	if policyID != "" {
		p := o.Policies[policyID]
		if p == nil || p.Type != store.PolicyTypeSCP {
			return nil, noSuchEntity("The service control policy with id %s cannot be found.", policyID)
		}
		return [][]grantingPolicy{scps([]*store.OrgPolicy{p})}, nil
	}
	var levels [][]grantingPolicy
	for _, id := range o.Path(target) {
		levels = append(levels, scps(o.Attached(id, store.PolicyTypeSCP)))
	}
	return levels, nil
}

// reportAccounts returns one report entity per account under target (or
// target itself): its IAM users' and roles' last accessed data merged.
func (h *Handler) reportAccounts(tx *store.Tx, o *store.Organization, target string) ([]reportEntity, error) {
	var out []reportEntity
	for _, acct := range slices.Sorted(maps.Keys(o.Accounts)) {
		if !slices.Contains(o.Path(acct), target) {
			continue
		}
		var members []reportEntity
		err := store.Each(tx, acct, store.KindUser, func(u *store.User) error {
			members = append(members, reportEntity{id: u.ID})
			return nil
		})
		if err == nil {
			err = store.Each(tx, acct, store.KindRole, func(r *store.Role) error {
				members = append(members, reportEntity{id: r.ID})
				return nil
			})
		}
		if err == nil {
			err = h.readAccess(tx, acct, members)
		}
		if err != nil {
			return nil, err
		}
		path := entityPath(o, acct)
		e := reportEntity{arn: path, name: path, typ: "ACCOUNT", id: acct}
		for i := range members {
			e.access.Merge(&members[i].access)
		}
		out = append(out, e)
	}
	return out, nil
}

// buildOrgReport lists the services every level of SCPs allows, with the
// accounts' latest attempts.
func buildOrgReport(levels [][]grantingPolicy, accounts []reportEntity) []store.ReportedService {
	if len(levels) == 0 {
		return nil
	}
	var out []store.ReportedService
	for _, s := range buildReport(levels[0], accounts, "SERVICE_LEVEL") {
		allowed := true
		for _, level := range levels[1:] {
			allowed = allowed && anyAllows(level, func(p *evaluator.Policy) bool { return p.AllowsService(s.Namespace) })
		}
		if allowed {
			s.Entities = nil // an Organizations report lists no entities
			out = append(out, s)
		}
	}
	return out
}

// generateOrganizationsAccessReport serves GenerateOrganizationsAccessReport:
// the report is made at once and kept for GetOrganizationsAccessReport.
func (h *Handler) generateOrganizationsAccessReport(ctx context.Context, p query.Params) (any, error) {
	var v validator
	path := v.required(p, "EntityPath", 19, 427, patOrgEntityPath)
	policyID, named := v.optional(p, "OrganizationsPolicyId", 0, 1000, patOrgPolicyID)
	if err := v.err(); err != nil {
		return nil, err
	}
	var keys map[string][]string
	if named {
		// The condition key of the IAM User Guide's example policy
		// (reference_policies_examples_iam_service-accessed-data-orgs).
		keys = map[string][]string{"iam:OrganizationsPolicyId": {policyID}}
	}
	if err := h.authorizeWith(ctx, "GenerateOrganizationsAccessReport", "*", keys); err != nil {
		return nil, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return nil, err
	}
	acct := account(ctx)
	job := &store.LastAccessedJob{ID: id.String(), Owner: caller(ctx).ARN, Granularity: "SERVICE_LEVEL",
		EntityPath: path, Created: h.now().UTC()}
	err = h.db.View(ctx, func(tx *store.Tx) error {
		o, err := reportOrg(tx, acct)
		if err != nil {
			return err
		}
		target, err := resolveEntityPath(o, path)
		if err != nil {
			return err
		}
		levels, err := h.reportSCPs(o, target, policyID)
		if err != nil {
			return err
		}
		accounts, err := h.reportAccounts(tx, o, target)
		job.Services = buildOrgReport(levels, accounts)
		return err
	})
	if err == nil {
		err = h.db.Batch(ctx, func(tx *store.Tx) error { return tx.PutLastAccessedJob(acct, job, maxLastAccessedJobs) })
	}
	if err != nil {
		return nil, wrap("generate organizations access report", err)
	}
	return &generateServiceLastAccessedDetailsResult{JobID: job.ID}, nil
}

type getOrganizationsAccessReportResult struct {
	JobStatus                   string                   `xml:"JobStatus"`
	JobCreationDate             string                   `xml:"JobCreationDate"`
	JobCompletionDate           string                   `xml:"JobCompletionDate"`
	NumberOfServicesAccessible  int                      `xml:"NumberOfServicesAccessible"`
	NumberOfServicesNotAccessed int                      `xml:"NumberOfServicesNotAccessed"`
	AccessDetails               members[xmlAccessDetail] `xml:"AccessDetails"`
	pageInfo
}

type xmlAccessDetail struct {
	ServiceName                string `xml:"ServiceName"`
	ServiceNamespace           string `xml:"ServiceNamespace"`
	Region                     string `xml:"Region,omitempty"`
	EntityPath                 string `xml:"EntityPath,omitempty"`
	LastAuthenticatedTime      string `xml:"LastAuthenticatedTime,omitempty"`
	TotalAuthenticatedEntities int    `xml:"TotalAuthenticatedEntities"`
}

// Sort keys of GetOrganizationsAccessReport (the API reference's SortKey).
var orgReportSortKeys = []string{"SERVICE_NAMESPACE_ASCENDING", "SERVICE_NAMESPACE_DESCENDING",
	"LAST_AUTHENTICATED_TIME_ASCENDING", "LAST_AUTHENTICATED_TIME_DESCENDING"}

// getOrganizationsAccessReport serves GetOrganizationsAccessReport: the
// report's services in SortKey's order ("By default, the list is sorted
// by service namespace"), a page at a time.
func (h *Handler) getOrganizationsAccessReport(ctx context.Context, p query.Params) (any, error) {
	var v validator
	jobID := v.required(p, "JobId", 36, 36, "")
	pp := v.paging(p)
	sortKey := v.choice(p, "SortKey", orgReportSortKeys[0], orgReportSortKeys...)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "GetOrganizationsAccessReport", "*"); err != nil {
		return nil, err
	}
	job, err := h.loadJob(ctx, jobID, true)
	if err != nil {
		return nil, err
	}
	services := slices.Clone(job.Services)
	sortOrgReport(services, sortKey)
	pg, more := pageInOrder(services, pp)
	res := &getOrganizationsAccessReportResult{JobStatus: jobStatusCompleted, JobCreationDate: isoTime(job.Created),
		JobCompletionDate: isoTime(job.Created), NumberOfServicesAccessible: len(services), pageInfo: more}
	for _, s := range services {
		if s.Last == nil {
			res.NumberOfServicesNotAccessed++
		}
	}
	res.AccessDetails.Member = make([]xmlAccessDetail, 0, len(pg))
	for _, s := range pg {
		d := xmlAccessDetail{ServiceName: s.Name, ServiceNamespace: s.Namespace, TotalAuthenticatedEntities: s.Total}
		if s.Last != nil {
			d.Region, d.EntityPath, d.LastAuthenticatedTime = s.Last.Region, s.Last.EntityARN, isoTime(s.Last.At)
		}
		res.AccessDetails.Member = append(res.AccessDetails.Member, d)
	}
	return res, nil
}

// sortOrgReport orders services by sortKey: by namespace, or by the
// latest attempt (a service never attempted counts as the oldest), ties
// by namespace.
func sortOrgReport(services []store.ReportedService, sortKey string) {
	last := func(s store.ReportedService) time.Time {
		if s.Last == nil {
			return time.Time{}
		}
		return s.Last.At
	}
	slices.SortStableFunc(services, func(a, b store.ReportedService) int {
		byName := strings.Compare(a.Namespace, b.Namespace)
		switch sortKey {
		case "SERVICE_NAMESPACE_DESCENDING":
			return -byName
		case "LAST_AUTHENTICATED_TIME_ASCENDING":
			if c := last(a).Compare(last(b)); c != 0 {
				return c
			}
		case "LAST_AUTHENTICATED_TIME_DESCENDING":
			if c := last(b).Compare(last(a)); c != 0 {
				return c
			}
		}
		return byName
	})
}
