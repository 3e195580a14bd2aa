package iam

import (
	"context"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// Organizations access reports (API_GenerateOrganizationsAccessReport,
// API_GetOrganizationsAccessReport): refusals, sort keys and paging, over
// an organization written to the store directly.

const (
	reportOrgID  = "o-a1b2c3d4e5"
	reportRootID = "r-f6g7"
	reportOUID   = "ou-f6g7-k9l8m7n6"
	reportMember = "222222222222"
	reportS3Only = "p-s3only0001"
)

const fullAccessDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

// seedReportOrg stores an organization managed by testAccount with the
// member account in an OU; FullAWSAccess is attached everywhere, S3Only
// (and an RCP) to the OU. edit changes it before it is stored.
func (e *testEnv) seedReportOrg(edit func(*store.Organization)) {
	e.t.Helper()
	everywhere := []string{reportRootID, reportOUID, testAccount, reportMember}
	o := &store.Organization{ID: reportOrgID, FeatureSet: "ALL", ManagementAccount: testAccount,
		Root: store.OrgRoot{ID: reportRootID, PolicyTypes: []string{store.PolicyTypeSCP}},
		OUs:  map[string]*store.OrgUnit{reportOUID: {ID: reportOUID, Name: "prod", Parent: reportRootID}},
		Accounts: map[string]*store.OrgAccount{testAccount: {ID: testAccount, Parent: reportRootID},
			reportMember: {ID: reportMember, Parent: reportOUID}},
		Policies: map[string]*store.OrgPolicy{
			"p-FullAWSAccess": {ID: "p-FullAWSAccess", Name: "FullAWSAccess", Type: store.PolicyTypeSCP, AWSManaged: true,
				Content: fullAccessDoc, Targets: everywhere},
			reportS3Only: {ID: reportS3Only, Name: "S3Only", Type: store.PolicyTypeSCP, Targets: []string{reportOUID},
				Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`},
			"p-rcp0000001": {ID: "p-rcp0000001", Name: "R", Type: store.PolicyTypeRCP, Content: fullAccessDoc},
		}}
	if edit != nil {
		edit(o)
	}
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		if err := tx.PutOrganization(o); err != nil {
			return err
		}
		for id := range o.Accounts {
			if err := tx.Put(store.Global, store.KindOrgMember, id, &store.OrgRef{OrgID: o.ID}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

func TestGenerateOrganizationsAccessReportRefusals(t *testing.T) {
	rootPath := reportOrgID + "/" + reportRootID
	for _, tc := range []struct {
		name   string
		noOrg  bool
		edit   func(*store.Organization)
		caller string
		params []string
		code   string
	}{
		{name: "outside an organization", noOrg: true, params: []string{"EntityPath", rootPath}, code: "OrganizationNotFoundException"},
		{name: "consolidated billing", edit: func(o *store.Organization) { o.FeatureSet = "CONSOLIDATED_BILLING" },
			params: []string{"EntityPath", rootPath}, code: "OrganizationNotInAllFeaturesModeException"},
		{name: "member account", caller: reportMember, params: []string{"EntityPath", rootPath}, code: "CallerIsNotManagementAccountException"},
		{name: "SCPs disabled", edit: func(o *store.Organization) { o.Root.PolicyTypes = nil },
			params: []string{"EntityPath", rootPath}, code: "InvalidInput"},
		{name: "another organization", params: []string{"EntityPath", "o-zzzzzzzzzz/" + reportRootID}, code: "NoSuchEntity"},
		{name: "another root", params: []string{"EntityPath", reportOrgID + "/r-zzzz"}, code: "NoSuchEntity"},
		{name: "account under the wrong parent", params: []string{"EntityPath", rootPath + "/" + reportMember}, code: "NoSuchEntity"},
		{name: "account above an OU", params: []string{"EntityPath", rootPath + "/" + testAccount + "/" + reportOUID}, code: "NoSuchEntity"},
		{name: "unknown policy", params: []string{"EntityPath", rootPath, "OrganizationsPolicyId", "p-zzzzzzzz"}, code: "NoSuchEntity"},
		{name: "an RCP", params: []string{"EntityPath", rootPath, "OrganizationsPolicyId", "p-rcp0000001"}, code: "NoSuchEntity"},
		{name: "no path", params: nil, code: "ValidationError"},
		{name: "path too short", params: []string{"EntityPath", "o-a1b2c3d4e5/r-f6g"}, code: "ValidationError"},
		{name: "malformed path", params: []string{"EntityPath", "o-a1b2c3d4e5/root/ou-x"}, code: "ValidationError"},
		{name: "malformed policy id", params: []string{"EntityPath", rootPath, "OrganizationsPolicyId", "scp-1"}, code: "ValidationError"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			if !tc.noOrg {
				e.seedReportOrg(tc.edit)
			}
			caller := testAccount
			if tc.caller != "" {
				caller = tc.caller
			}
			r := e.callAs(rootInfo(caller), "GenerateOrganizationsAccessReport", tc.params...)
			if r.code() != tc.code {
				t.Errorf("got %d %s (%s), want %s", r.status, r.code(), r.message(), tc.code)
			}
		})
	}
}

func TestGetOrganizationsAccessReportRefusals(t *testing.T) {
	e := newEnv(t)
	e.seedReportOrg(nil)
	job := e.must("GenerateOrganizationsAccessReport", "EntityPath", reportOrgID+"/"+reportRootID).field("JobId")
	for _, tc := range []struct {
		name   string
		params []string
		code   string
	}{
		{"unknown job", []string{"JobId", "a8b6c06f-aaa4-8xmp-28bc-81da71836359"}, "NoSuchEntity"},
		{"short job id", []string{"JobId", "a8b6c06f"}, "ValidationError"},
		{"unknown sort key", []string{"JobId", job, "SortKey", "SERVICE_NAME_ASCENDING"}, "ValidationError"},
		{"MaxItems 0", []string{"JobId", job, "MaxItems", "0"}, "ValidationError"},
	} {
		if r := e.call("GetOrganizationsAccessReport", tc.params...); r.code() != tc.code {
			t.Errorf("%s: got %d %s (%s), want %s", tc.name, r.status, r.code(), r.message(), tc.code)
		}
	}
	if r := e.call("GetServiceLastAccessedDetails", "JobId", job); r.code() != "NoSuchEntity" {
		t.Errorf("read as a last accessed report: got %s, want NoSuchEntity", r.code())
	}
}

// reportPages reads every page of job with sortKey, size services a page,
// and returns the namespaces in order with the first page's counts.
func (e *testEnv) reportPages(job, sortKey string, size int) (namespaces []string, accessible, notAccessed string) {
	e.t.Helper()
	marker := ""
	nsRE := regexp.MustCompile(`<ServiceNamespace>([^<]*)</ServiceNamespace>`)
	for {
		params := []string{"JobId", job, "MaxItems", itoa(size)}
		if sortKey != "" {
			params = append(params, "SortKey", sortKey)
		}
		if marker != "" {
			params = append(params, "Marker", marker)
		}
		r := e.must("GetOrganizationsAccessReport", params...)
		if accessible == "" {
			accessible, notAccessed = r.field("NumberOfServicesAccessible"), r.field("NumberOfServicesNotAccessed")
		}
		page := nsRE.FindAllStringSubmatch(r.body, -1)
		if len(page) > size {
			e.t.Fatalf("a page of %d, MaxItems %d", len(page), size)
		}
		for _, m := range page {
			namespaces = append(namespaces, m[1])
		}
		if r.field("IsTruncated") != "true" {
			return namespaces, accessible, notAccessed
		}
		marker = r.field("Marker")
	}
}

func TestGetOrganizationsAccessReportSortAndPaging(t *testing.T) {
	e := newEnv(t)
	e.seedReportOrg(nil)
	e.callAs(rootInfo(reportMember), "CreateUser", "UserName", "alice")
	// alice's attempts, as authz writes them.
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		var u store.User
		if err := tx.Get(reportMember, store.KindUser, "alice", &u); err != nil {
			return err
		}
		return tx.Put(reportMember, store.KindServiceAccess, u.ID, &store.ServiceAccess{Services: map[string]store.ServiceUse{
			"s3": {At: fixedNow.Add(-time.Hour), Region: "us-east-1"}, "iam": {At: fixedNow.Add(-time.Minute), Region: "us-east-1"}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	job := e.must("GenerateOrganizationsAccessReport", "EntityPath", reportOrgID+"/"+reportRootID).field("JobId")
	byName, accessible, notAccessed := e.reportPages(job, "", 7)
	if accessible != itoa(len(byName)) || notAccessed != itoa(len(byName)-2) || len(byName) < 100 {
		t.Fatalf("%d services, %s accessible, %s not accessed", len(byName), accessible, notAccessed)
	}
	if !slices.IsSorted(byName) {
		t.Errorf("default order is not by namespace: %v", byName[:5])
	}
	desc := slices.Clone(byName)
	slices.Reverse(desc)
	never := slices.DeleteFunc(slices.Clone(byName), func(ns string) bool { return ns == "s3" || ns == "iam" })
	for _, tc := range []struct {
		sortKey string
		want    []string
	}{
		{"SERVICE_NAMESPACE_ASCENDING", byName},
		{"SERVICE_NAMESPACE_DESCENDING", desc},
		{"LAST_AUTHENTICATED_TIME_DESCENDING", append([]string{"iam", "s3"}, never...)},
		{"LAST_AUTHENTICATED_TIME_ASCENDING", append(slices.Clone(never), "s3", "iam")},
	} {
		got, _, _ := e.reportPages(job, tc.sortKey, 30)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v... want %v...", tc.sortKey, got[:3], tc.want[:3])
		}
	}
}
