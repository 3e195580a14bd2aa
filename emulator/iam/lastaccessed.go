package iam

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// IAM's last accessed reports
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html):
// GenerateServiceLastAccessedDetails makes the report of a user, group,
// role or managed policy at once, from the attempts authz tracks, and
// keeps it in the store; GetServiceLastAccessedDetails and
// GetServiceLastAccessedDetailsWithEntities read it. A report lists the
// services the permissions policies allow (evaluator.Policy.AllowsService)
// and, for each, the latest attempt of the entities it counts: the user or
// role itself, a group's members, or the users and roles a policy is
// attached to (directly or through a group).

// jobStatusCompleted is the status of every report: it is made at once.
const jobStatusCompleted = "COMPLETED"

// maxLastAccessedJobs is how many reports an account keeps; generating
// another drops the oldest. AWS documents no lifetime for a job id.
const maxLastAccessedJobs = 1000

// reportEntity is an IAM user or role whose attempts a report counts.
type reportEntity struct {
	arn, name, typ, id, path string
	access                   store.ServiceAccess
}

// reportTarget reads what the report of arn is made of: its permissions
// policies and the entities it counts, with their last accessed data.
func (h *Handler) reportTarget(tx *store.Tx, acct, arn string) ([]grantingPolicy, []reportEntity, error) {
	if strings.Contains(arn, ":policy/") {
		return h.policyReportTarget(tx, acct, arn)
	}
	id, err := h.loadIdentity(tx, acct, arn)
	if err != nil {
		return nil, nil, err
	}
	var entities []reportEntity
	switch id.kind {
	case "group":
		members, err := tx.GroupMembers(acct, id.name)
		if err != nil {
			return nil, nil, err
		}
		for _, u := range members {
			entities = append(entities, reportEntity{arn: u.ARN, name: u.Name, typ: "USER", id: u.ID, path: u.Path})
		}
	default:
		entities = []reportEntity{{arn: id.arn, name: id.name, typ: strings.ToUpper(id.kind), id: id.id, path: id.path}}
	}
	return h.grantingPolicies(id.policies), entities, h.readAccess(tx, acct, entities)
}

// policyReportTarget is reportTarget for a managed policy: the users and
// roles it is attached to, and the members of the groups it is attached to.
func (h *Handler) policyReportTarget(tx *store.Tx, acct, arn string) ([]grantingPolicy, []reportEntity, error) {
	if _, err := h.lookupPolicy(tx, arn); err != nil {
		return nil, nil, err
	}
	doc, _, err := authz.ManagedDocument(tx, h.managed, arn)
	if err != nil {
		return nil, nil, err
	}
	policies := h.grantingPolicies([]authz.PrincipalPolicy{{Kind: evaluator.KindIdentity, ARN: arn, Document: doc}})
	seen := map[string]bool{}
	var entities []reportEntity
	add := func(e reportEntity) {
		if !seen[e.id] {
			seen[e.id] = true
			entities = append(entities, e)
		}
	}
	err = store.Each(tx, acct, store.KindUser, func(u *store.User) error {
		if containsFold(u.Attached, arn) {
			add(reportEntity{arn: u.ARN, name: u.Name, typ: "USER", id: u.ID, path: u.Path})
		}
		return nil
	})
	if err == nil {
		err = store.Each(tx, acct, store.KindGroup, func(g *store.Group) error {
			if !containsFold(g.Attached, arn) {
				return nil
			}
			members, err := tx.GroupMembers(acct, g.Name)
			for _, u := range members {
				add(reportEntity{arn: u.ARN, name: u.Name, typ: "USER", id: u.ID, path: u.Path})
			}
			return err
		})
	}
	if err == nil {
		err = store.Each(tx, acct, store.KindRole, func(r *store.Role) error {
			if containsFold(r.Attached, arn) {
				add(reportEntity{arn: r.ARN, name: r.Name, typ: "ROLE", id: r.ID, path: r.Path})
			}
			return nil
		})
	}
	if err != nil {
		return nil, nil, err
	}
	return policies, entities, h.readAccess(tx, acct, entities)
}

// readAccess fills each entity's last accessed data.
func (h *Handler) readAccess(tx *store.Tx, acct string, entities []reportEntity) error {
	for i := range entities {
		access, err := h.authz.ServiceAccess(tx, acct, entities[i].id)
		if err != nil {
			return err
		}
		entities[i].access = access
	}
	return nil
}

// buildReport lists the services policies allow, each with the entities'
// latest attempts; with ACTION_LEVEL, the tracked actions' too.
func buildReport(policies []grantingPolicy, entities []reportEntity, granularity string) []store.ReportedService {
	var out []store.ReportedService
	for _, ns := range reportedNamespaces {
		if !anyAllows(policies, func(p *evaluator.Policy) bool { return p.AllowsService(ns) }) {
			continue
		}
		rs := store.ReportedService{Namespace: ns, Name: serviceNames[ns],
			Tracked: granularity == "ACTION_LEVEL" && authz.TrackedService(ns)}
		actions := map[string]store.ReportedAction{}
		for _, e := range entities {
			rs.Entities = append(rs.Entities, reportService(&rs, e, ns, policies, actions))
		}
		sortEntities(rs.Entities)
		for _, a := range actions {
			rs.Actions = append(rs.Actions, a)
		}
		sort.Slice(rs.Actions, func(i, j int) bool { return rs.Actions[i].Name < rs.Actions[j].Name })
		out = append(out, rs)
	}
	return out
}

// reportService adds entity e's attempts at service ns to rs (and, for a
// tracked service, its attempts at the actions policies allow to
// actions), and returns e as the report lists it.
func reportService(rs *store.ReportedService, e reportEntity, ns string, policies []grantingPolicy, actions map[string]store.ReportedAction) store.ReportedEntity {
	re := store.ReportedEntity{ARN: e.arn, Name: e.name, Type: e.typ, ID: e.id, Path: e.path}
	use, ok := e.access.Services[ns]
	if !ok {
		return re
	}
	at := use.At
	re.Last = &at
	rs.Total++
	if rs.Last == nil || use.At.After(rs.Last.At) {
		rs.Last = &store.ReportedAttempt{At: use.At, Region: use.Region, EntityARN: e.arn}
	}
	if !rs.Tracked {
		return re
	}
	for name, a := range use.Actions {
		if !anyAllows(policies, func(p *evaluator.Policy) bool { return p.AllowsAction(ns + ":" + name) }) {
			continue
		}
		if cur, seen := actions[name]; !seen || a.At.After(cur.At) {
			actions[name] = store.ReportedAction{Name: name,
				ReportedAttempt: store.ReportedAttempt{At: a.At, Region: a.Region, EntityARN: e.arn}}
		}
	}
	return re
}

// sortEntities orders entities as GetServiceLastAccessedDetailsWithEntities
// lists them: "sorted by date, with the most recent access listed first";
// those without an attempt last, by name.
func sortEntities(list []store.ReportedEntity) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].Last, list[j].Last
		switch {
		case a != nil && b != nil && !a.Equal(*b):
			return a.After(*b)
		case (a == nil) != (b == nil):
			return a != nil
		}
		return list[i].Name < list[j].Name
	})
}

func anyAllows(policies []grantingPolicy, allows func(*evaluator.Policy) bool) bool {
	for _, g := range policies {
		if allows(g.policy) {
			return true
		}
	}
	return false
}

type generateServiceLastAccessedDetailsResult struct {
	JobID string `xml:"JobId"`
}

// generateServiceLastAccessedDetails serves GenerateServiceLastAccessedDetails:
// the report is made at once and kept for GetServiceLastAccessedDetails.
func (h *Handler) generateServiceLastAccessedDetails(ctx context.Context, p query.Params) (any, error) {
	var v validator
	arn := v.arnParam(p, "Arn")
	granularity := v.choice(p, "Granularity", "SERVICE_LEVEL", "SERVICE_LEVEL", "ACTION_LEVEL")
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "GenerateServiceLastAccessedDetails", arn); err != nil {
		return nil, err
	}
	acct := account(ctx)
	id, err := uuid.NewV7()
	if err != nil {
		return nil, err
	}
	job := &store.LastAccessedJob{ID: id.String(), Owner: caller(ctx).ARN, Granularity: granularity, Created: h.now().UTC()}
	err = h.db.View(ctx, func(tx *store.Tx) error {
		policies, entities, err := h.reportTarget(tx, acct, arn)
		if err != nil {
			return err
		}
		job.Services = buildReport(policies, entities, granularity)
		return nil
	})
	if err == nil {
		err = h.db.Batch(ctx, func(tx *store.Tx) error { return tx.PutLastAccessedJob(acct, job, maxLastAccessedJobs) })
	}
	if err != nil {
		return nil, wrap("generate service last accessed details", err)
	}
	return &generateServiceLastAccessedDetailsResult{JobID: job.ID}, nil
}

// loadJob reads the report jobID of the caller's account. Only the caller
// that generated it may read it ("your credentials must match the
// credentials of the principal that generated the report"): another's is
// as unknown, and so is an Organizations access report unless orgReport
// asks for one (and the other way round).
func (h *Handler) loadJob(ctx context.Context, jobID string, orgReport bool) (*store.LastAccessedJob, error) {
	var job store.LastAccessedJob
	err := h.db.View(ctx, func(tx *store.Tx) error {
		return tx.Get(account(ctx), store.KindLastAccessedJob, jobID, &job)
	})
	switch {
	case errors.Is(err, store.ErrNotFound), err == nil && (job.Owner != caller(ctx).ARN || (job.EntityPath != "") != orgReport):
		return nil, noSuchEntity("The job with id %s cannot be found.", jobID)
	case err != nil:
		return nil, wrap("get service last accessed details", err)
	}
	return &job, nil
}

type getServiceLastAccessedDetailsResult struct {
	JobStatus            string                          `xml:"JobStatus"`
	JobType              string                          `xml:"JobType"`
	JobCreationDate      string                          `xml:"JobCreationDate"`
	ServicesLastAccessed members[xmlServiceLastAccessed] `xml:"ServicesLastAccessed"`
	JobCompletionDate    string                          `xml:"JobCompletionDate"`
	pageInfo
}

type xmlServiceLastAccessed struct {
	ServiceName                string                     `xml:"ServiceName"`
	LastAuthenticated          string                     `xml:"LastAuthenticated,omitempty"`
	ServiceNamespace           string                     `xml:"ServiceNamespace"`
	LastAuthenticatedEntity    string                     `xml:"LastAuthenticatedEntity,omitempty"`
	LastAuthenticatedRegion    string                     `xml:"LastAuthenticatedRegion,omitempty"`
	TotalAuthenticatedEntities int                        `xml:"TotalAuthenticatedEntities"`
	TrackedActions             *members[xmlTrackedAction] `xml:"TrackedActionsLastAccessed,omitempty"`
}

type xmlTrackedAction struct {
	ActionName         string `xml:"ActionName"`
	LastAccessedEntity string `xml:"LastAccessedEntity,omitempty"`
	LastAccessedTime   string `xml:"LastAccessedTime,omitempty"`
	LastAccessedRegion string `xml:"LastAccessedRegion,omitempty"`
}

// getServiceLastAccessedDetails serves GetServiceLastAccessedDetails: the
// report's services, sorted by namespace, a page at a time.
func (h *Handler) getServiceLastAccessedDetails(ctx context.Context, p query.Params) (any, error) {
	var v validator
	jobID := v.required(p, "JobId", 36, 36, "")
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "GetServiceLastAccessedDetails", "*"); err != nil {
		return nil, err
	}
	job, err := h.loadJob(ctx, jobID, false)
	if err != nil {
		return nil, err
	}
	services, more := page(job.Services, func(s store.ReportedService) string { return s.Namespace }, pp)
	res := &getServiceLastAccessedDetailsResult{JobStatus: jobStatusCompleted, JobType: job.Granularity,
		JobCreationDate: isoTime(job.Created), JobCompletionDate: isoTime(job.Created), pageInfo: more}
	res.ServicesLastAccessed.Member = make([]xmlServiceLastAccessed, 0, len(services))
	for _, s := range services {
		res.ServicesLastAccessed.Member = append(res.ServicesLastAccessed.Member, serviceLastAccessed(s))
	}
	return res, nil
}

// serviceLastAccessed is s as GetServiceLastAccessedDetails lists it.
func serviceLastAccessed(s store.ReportedService) xmlServiceLastAccessed {
	x := xmlServiceLastAccessed{ServiceName: s.Name, ServiceNamespace: s.Namespace, TotalAuthenticatedEntities: s.Total}
	if s.Last != nil {
		x.LastAuthenticated, x.LastAuthenticatedEntity, x.LastAuthenticatedRegion = isoTime(s.Last.At), s.Last.EntityARN, s.Last.Region
	}
	if s.Tracked {
		x.TrackedActions = &members[xmlTrackedAction]{Member: []xmlTrackedAction{}}
		for _, a := range s.Actions {
			x.TrackedActions.Member = append(x.TrackedActions.Member, xmlTrackedAction{ActionName: a.Name,
				LastAccessedEntity: a.EntityARN, LastAccessedTime: isoTime(a.At), LastAccessedRegion: a.Region})
		}
	}
	return x
}

type getServiceLastAccessedDetailsWithEntitiesResult struct {
	JobStatus         string                    `xml:"JobStatus"`
	JobCreationDate   string                    `xml:"JobCreationDate"`
	JobCompletionDate string                    `xml:"JobCompletionDate"`
	EntityDetailsList members[xmlEntityDetails] `xml:"EntityDetailsList"`
	pageInfo
}

type xmlEntityDetails struct {
	EntityInfo        xmlEntityInfo `xml:"EntityInfo"`
	LastAuthenticated string        `xml:"LastAuthenticated,omitempty"`
}

type xmlEntityInfo struct {
	ARN  string `xml:"Arn"`
	Name string `xml:"Name"`
	Type string `xml:"Type"`
	ID   string `xml:"Id"`
	Path string `xml:"Path,omitempty"`
}

// getServiceLastAccessedDetailsWithEntities serves
// GetServiceLastAccessedDetailsWithEntities: the entities the report
// counts for one of its services, latest attempt first. A service the
// report does not list has none.
func (h *Handler) getServiceLastAccessedDetailsWithEntities(ctx context.Context, p query.Params) (any, error) {
	var v validator
	jobID := v.required(p, "JobId", 36, 36, "")
	ns := v.required(p, "ServiceNamespace", 1, 64, patServiceNamespace)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "GetServiceLastAccessedDetailsWithEntities", "*"); err != nil {
		return nil, err
	}
	job, err := h.loadJob(ctx, jobID, false)
	if err != nil {
		return nil, err
	}
	var entities []store.ReportedEntity
	for _, s := range job.Services {
		if strings.EqualFold(s.Namespace, ns) {
			entities = s.Entities
		}
	}
	pg, more := pageInOrder(entities, pp)
	res := &getServiceLastAccessedDetailsWithEntitiesResult{JobStatus: jobStatusCompleted,
		JobCreationDate: isoTime(job.Created), JobCompletionDate: isoTime(job.Created), pageInfo: more}
	res.EntityDetailsList.Member = make([]xmlEntityDetails, 0, len(pg))
	for _, e := range pg {
		d := xmlEntityDetails{EntityInfo: xmlEntityInfo{ARN: e.ARN, Name: e.Name, Type: e.Type, ID: e.ID, Path: e.Path}}
		if e.Last != nil {
			d.LastAuthenticated = isoTime(*e.Last)
		}
		res.EntityDetailsList.Member = append(res.EntityDetailsList.Member, d)
	}
	return res, nil
}
