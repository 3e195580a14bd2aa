package iam

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/principals"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// createAccountAlias serves CreateAccountAlias. An account has one alias;
// creating another replaces it. Aliases are unique across accounts.
func (h *Handler) createAccountAlias(ctx context.Context, p query.Params) (any, error) {
	alias, err := accountAliasParam(p)
	if err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "CreateAccountAlias", "*"); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err = h.db.Batch(ctx, func(tx *store.Tx) error {
		var owner store.AccountAlias
		err := tx.Get(store.Global, store.KindAccountAlias, alias, &owner)
		switch {
		case err == nil && owner.Account != acct:
			return entityExists("The account alias %s already exists.", alias)
		case err == nil:
			return nil
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		a, err := tx.EnsureAccount(acct, h.clock())
		if err != nil {
			return err
		}
		if a.Alias != "" {
			if err := tx.Delete(store.Global, store.KindAccountAlias, a.Alias); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		a.Alias = alias
		if err := tx.Put(acct, store.KindAccount, store.KindAccount, a); err != nil {
			return err
		}
		return tx.Put(store.Global, store.KindAccountAlias, alias, &store.AccountAlias{Alias: alias, Account: acct})
	})
	return nil, wrap("create account alias", err)
}

// deleteAccountAlias serves DeleteAccountAlias.
func (h *Handler) deleteAccountAlias(ctx context.Context, p query.Params) (any, error) {
	alias, err := accountAliasParam(p)
	if err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "DeleteAccountAlias", "*"); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err = h.db.Batch(ctx, func(tx *store.Tx) error {
		a, err := tx.EnsureAccount(acct, h.clock())
		if err != nil {
			return err
		}
		if a.Alias != alias {
			return noSuchEntity("The account alias %s cannot be found.", alias)
		}
		a.Alias = ""
		if err := tx.Put(acct, store.KindAccount, store.KindAccount, a); err != nil {
			return err
		}
		if err := tx.Delete(store.Global, store.KindAccountAlias, alias); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		return nil
	})
	return nil, wrap("delete account alias", err)
}

type listAccountAliasesResult struct {
	AccountAliases members[string] `xml:"AccountAliases"`
	IsTruncated    bool            `xml:"IsTruncated"`
}

// listAccountAliases serves ListAccountAliases.
func (h *Handler) listAccountAliases(ctx context.Context, p query.Params) (any, error) {
	var v validator
	v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "ListAccountAliases", "*"); err != nil {
		return nil, err
	}
	res := &listAccountAliasesResult{AccountAliases: list([]string{})}
	a, err := h.accountRecord(ctx, acct)
	if err != nil {
		return nil, wrap("list account aliases", err)
	}
	if a.Alias != "" {
		res.AccountAliases.Member = []string{a.Alias}
	}
	return res, nil
}

type summaryEntry struct {
	Key   string `xml:"key"`
	Value int    `xml:"value"`
}

type getAccountSummaryResult struct {
	SummaryMap []summaryEntry `xml:"SummaryMap>entry"`
}

// getAccountSummary serves GetAccountSummary with IAM's default quotas.
func (h *Handler) getAccountSummary(ctx context.Context, _ query.Params) (any, error) {
	acct := account(ctx)
	if err := h.authorize(ctx, "GetAccountSummary", "*"); err != nil {
		return nil, err
	}
	counts := map[string]int{}
	tokenVersion := 1
	err := h.db.View(ctx, func(tx *store.Tx) error {
		var a store.Account
		switch err := tx.Get(acct, store.KindAccount, store.KindAccount, &a); {
		case err == nil && a.GlobalEndpointTokenVersion == tokenV2:
			tokenVersion = 2
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return err
		}
		count := func(kind string) (int, error) {
			n := 0
			err := tx.ForEach(acct, kind, "", "", func(string, store.Decoder) error { n++; return nil })
			return n, err
		}
		for name, kind := range map[string]string{"Users": store.KindUser, "Groups": store.KindGroup,
			"Roles": store.KindRole, "Policies": store.KindPolicy, "InstanceProfiles": store.KindInstanceProfile,
			"Providers": store.KindOIDCProvider, "MFADevices": store.KindMFADevice,
			"ServerCertificates": store.KindServerCertificate} {
			n, err := count(kind)
			if err != nil {
				return err
			}
			counts[name] = n
		}
		// Providers counts SAML providers too: one of each added 2
		// (LocalStack test_iam_account_summary.py
		// test_get_account_summary_with_resources "resource-deltas",
		// validated 2026-02-17).
		saml, err := count(store.KindSAMLProvider)
		if err != nil {
			return err
		}
		counts["Providers"] += saml
		if err := store.Each(tx, acct, store.KindPolicy, func(mp *store.ManagedPolicy) error {
			counts["PolicyVersionsInUse"] += len(mp.Versions)
			return nil
		}); err != nil {
			return err
		}
		if err := store.Each(tx, acct, store.KindMFADevice, func(d *store.MFADevice) error {
			if d.EnableDate != nil {
				counts["MFADevicesInUse"]++
			}
			return nil
		}); err != nil {
			return err
		}
		root, err := tx.AccessKeysOf(acct, "")
		if err != nil {
			return err
		}
		if len(root) > 0 {
			counts["AccountAccessKeysPresent"] = 1
		}
		return nil
	})
	if err != nil {
		return nil, wrap("get account summary", err)
	}
	entries := map[string]int{
		"Users": counts["Users"], "Groups": counts["Groups"], "Roles": counts["Roles"],
		"Policies": counts["Policies"], "InstanceProfiles": counts["InstanceProfiles"],
		"Providers":         counts["Providers"],
		"MFADevices":        counts["MFADevices"],
		"MFADevicesInUse":   counts["MFADevicesInUse"],
		"AccountMFAEnabled": 0, "AccountAccessKeysPresent": counts["AccountAccessKeysPresent"],
		"AccountSigningCertificatesPresent": 0,
		// AWS lists whether the root user has a password (LocalStack
		// test_iam_account_summary.py test_get_account_summary_format,
		// validated 2026-02-17); fakeaws's root users have none.
		"AccountPasswordPresent": 0,
		"ServerCertificates":     counts["ServerCertificates"],
		"UserPolicySizeQuota":    2048, "GroupPolicySizeQuota": 5120, "RolePolicySizeQuota": 10240,
		"PolicySizeQuota": managedPolicySize, "AssumeRolePolicySizeQuota": trustPolicySize,
		"GroupsPerUserQuota": maxGroupsPerUser, "SigningCertificatesPerUserQuota": 2,
		"AccessKeysPerUserQuota":        maxAccessKeys,
		"AttachedPoliciesPerUserQuota":  maxAttached,
		"AttachedPoliciesPerGroupQuota": maxAttached,
		"AttachedPoliciesPerRoleQuota":  maxAttached,
		"PolicyVersionsInUse":           counts["PolicyVersionsInUse"], "PolicyVersionsInUseQuota": 10000,
		"VersionsPerPolicyQuota":     maxVersions,
		"GlobalEndpointTokenVersion": tokenVersion,
	}
	for _, q := range accountQuotas {
		if q.summary != "" {
			entries[q.summary] = q.limit
		}
	}
	res := &getAccountSummaryResult{}
	for k, n := range entries {
		res.SummaryMap = append(res.SummaryMap, summaryEntry{Key: k, Value: n})
	}
	sort.Slice(res.SummaryMap, func(i, j int) bool { return res.SummaryMap[i].Key < res.SummaryMap[j].Key })
	return res, nil
}

// Account authorization details.

type xmlPolicyDetail struct {
	PolicyName     string `xml:"PolicyName"`
	PolicyDocument string `xml:"PolicyDocument"`
}

type xmlUserDetail struct {
	Path                    string                     `xml:"Path"`
	UserName                string                     `xml:"UserName"`
	UserID                  string                     `xml:"UserId"`
	ARN                     string                     `xml:"Arn"`
	CreateDate              string                     `xml:"CreateDate"`
	UserPolicyList          *members[xmlPolicyDetail]  `xml:"UserPolicyList,omitempty"`
	GroupList               members[string]            `xml:"GroupList"`
	AttachedManagedPolicies members[xmlAttachedPolicy] `xml:"AttachedManagedPolicies"`
	PermissionsBoundary     *xmlBoundary               `xml:"PermissionsBoundary,omitempty"`
	Tags                    *members[xmlTag]           `xml:"Tags,omitempty"`
}

type xmlGroupDetail struct {
	Path                    string                     `xml:"Path"`
	GroupName               string                     `xml:"GroupName"`
	GroupID                 string                     `xml:"GroupId"`
	ARN                     string                     `xml:"Arn"`
	CreateDate              string                     `xml:"CreateDate"`
	GroupPolicyList         members[xmlPolicyDetail]   `xml:"GroupPolicyList"`
	AttachedManagedPolicies members[xmlAttachedPolicy] `xml:"AttachedManagedPolicies"`
}

type xmlRoleDetail struct {
	Path                     string                      `xml:"Path"`
	RoleName                 string                      `xml:"RoleName"`
	RoleID                   string                      `xml:"RoleId"`
	ARN                      string                      `xml:"Arn"`
	CreateDate               string                      `xml:"CreateDate"`
	AssumeRolePolicyDocument string                      `xml:"AssumeRolePolicyDocument"`
	InstanceProfileList      members[xmlInstanceProfile] `xml:"InstanceProfileList"`
	RolePolicyList           members[xmlPolicyDetail]    `xml:"RolePolicyList"`
	AttachedManagedPolicies  members[xmlAttachedPolicy]  `xml:"AttachedManagedPolicies"`
	PermissionsBoundary      *xmlBoundary                `xml:"PermissionsBoundary,omitempty"`
	Tags                     *members[xmlTag]            `xml:"Tags,omitempty"`
	RoleLastUsed             *xmlRoleLastUsed            `xml:"RoleLastUsed,omitempty"`
}

type xmlManagedPolicyDetail struct {
	xmlPolicyFields
	PolicyVersionList members[xmlPolicyVersion] `xml:"PolicyVersionList"`
}

type getAccountAuthorizationDetailsResult struct {
	UserDetailList  members[xmlUserDetail]          `xml:"UserDetailList"`
	GroupDetailList members[xmlGroupDetail]         `xml:"GroupDetailList"`
	RoleDetailList  members[xmlRoleDetail]          `xml:"RoleDetailList"`
	Policies        members[xmlManagedPolicyDetail] `xml:"Policies"`
	pageInfo
}

func inlineDetails(inline map[string]string) members[xmlPolicyDetail] {
	names := make([]string, 0, len(inline))
	for n := range inline {
		names = append(names, n)
	}
	sort.Strings(names)
	out := members[xmlPolicyDetail]{}
	for _, n := range names {
		out.Member = append(out.Member, xmlPolicyDetail{PolicyName: n, PolicyDocument: encodeDocument(inline[n])})
	}
	return out
}

func attachedDetails(arns []string) members[xmlAttachedPolicy] {
	out := members[xmlAttachedPolicy]{}
	for _, a := range arns {
		name, _ := policyNamePath(a)
		out.Member = append(out.Member, xmlAttachedPolicy{PolicyName: name, PolicyARN: a})
	}
	return out
}

// getAccountAuthorizationDetails serves GetAccountAuthorizationDetails.
// Policies lists the customer managed policies and the AWS managed ones
// attached in the account.
func (h *Handler) getAccountAuthorizationDetails(ctx context.Context, p query.Params) (any, error) {
	var v validator
	filters := p.List("Filter.member", "")
	for i, f := range filters {
		v.enum(f, "filter."+itoa(i+1)+".member", "User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy")
	}
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	want := func(kind string) bool { return len(filters) == 0 || containsFold(filters, kind) }
	acct := account(ctx)
	if err := h.authorize(ctx, "GetAccountAuthorizationDetails", "*"); err != nil {
		return nil, err
	}
	res := &getAccountAuthorizationDetailsResult{}
	err := h.db.View(ctx, func(tx *store.Tx) error {
		return h.collectDetails(tx, acct, want, res)
	})
	if err != nil {
		return nil, wrap("get account authorization details", err)
	}
	res.pageDetails(pp)
	return res, nil
}

// collectDetails fills res with the account's entities of the kinds want
// accepts, in the order AWS lists them: users, groups, roles, policies.
func (h *Handler) collectDetails(tx *store.Tx, acct string, want func(string) bool, res *getAccountAuthorizationDetailsResult) error {
	if want("User") {
		if err := store.Each(tx, acct, store.KindUser, func(x *store.User) error {
			res.UserDetailList.Member = append(res.UserDetailList.Member, userDetail(x))
			return nil
		}); err != nil {
			return err
		}
	}
	if want("Group") {
		if err := store.Each(tx, acct, store.KindGroup, func(x *store.Group) error {
			res.GroupDetailList.Member = append(res.GroupDetailList.Member, xmlGroupDetail{
				Path: x.Path, GroupName: x.Name, GroupID: x.ID, ARN: x.ARN, CreateDate: isoTime(x.Created),
				GroupPolicyList: inlineDetails(x.Inline), AttachedManagedPolicies: attachedDetails(x.Attached)})
			return nil
		}); err != nil {
			return err
		}
	}
	if want("Role") {
		if err := roleDetails(tx, acct, res); err != nil {
			return err
		}
	}
	return h.policyDetails(tx, acct, want, res)
}

// userDetail renders x as AWS lists users (LocalStack
// test_iam_account_authorization_details.py, recorded Feb 2026): Tags even
// when empty, UserPolicyList only when the user has inline policies
// ("no-filter-result", "inline-policies-result").
func userDetail(x *store.User) xmlUserDetail {
	d := xmlUserDetail{
		Path: x.Path, UserName: x.Name, UserID: x.ID, ARN: x.ARN, CreateDate: isoTime(x.Created),
		GroupList:               list(append([]string{}, x.Groups...)),
		AttachedManagedPolicies: attachedDetails(x.Attached), PermissionsBoundary: boundary(x.Boundary),
		Tags: xmlTagList(x.Tags)}
	if len(x.Inline) > 0 {
		inline := inlineDetails(x.Inline)
		d.UserPolicyList = &inline
	}
	return d
}

// roleDetails adds each role of acct with its trust policy and the
// instance profiles holding it; Tags even when empty, as AWS lists them
// (test_get_account_authorization_details_no_filter "no-filter-result").
func roleDetails(tx *store.Tx, acct string, res *getAccountAuthorizationDetailsResult) error {
	profiles, err := all[store.InstanceProfile](tx, acct, store.KindInstanceProfile)
	if err != nil {
		return err
	}
	return store.Each(tx, acct, store.KindRole, func(x *store.Role) error {
		trust, err := principals.TrustPolicy(tx, x)
		if err != nil {
			return err
		}
		full := roleXML(x, trust, roleFull)
		d := xmlRoleDetail{Path: x.Path, RoleName: x.Name, RoleID: x.ID, ARN: x.ARN,
			CreateDate: isoTime(x.Created), AssumeRolePolicyDocument: encodeDocument(trust),
			RolePolicyList: inlineDetails(x.Inline), AttachedManagedPolicies: attachedDetails(x.Attached),
			PermissionsBoundary: full.PermissionsBoundary, Tags: xmlTagList(x.Tags), RoleLastUsed: full.RoleLastUsed}
		for _, ip := range profiles {
			if containsFold(ip.Roles, x.Name) {
				xi, err := instanceProfileXML(tx, acct, ip, false)
				if err != nil {
					return err
				}
				d.InstanceProfileList.Member = append(d.InstanceProfileList.Member, xi)
			}
		}
		res.RoleDetailList.Member = append(res.RoleDetailList.Member, d)
		return nil
	})
}

// policyDetails adds the customer managed policies and the AWS managed
// ones attached (or used as a boundary) in acct, each with all versions.
func (h *Handler) policyDetails(tx *store.Tx, acct string, want func(string) bool, res *getAccountAuthorizationDetailsResult) error {
	u, err := policyUsage(tx, acct)
	if err != nil {
		return err
	}
	addPolicy := func(r *resolvedPolicy) {
		x := policyXML(r, u, true)
		d := xmlManagedPolicyDetail{xmlPolicyFields: x.xmlPolicyFields}
		for _, ver := range versionsOf(r) {
			d.PolicyVersionList.Member = append(d.PolicyVersionList.Member, xmlPolicyVersion{
				Document: encodeDocument(ver.Document), VersionID: ver.ID,
				IsDefaultVersion: ver.IsDefault, CreateDate: isoTime(ver.Created)})
		}
		res.Policies.Member = append(res.Policies.Member, d)
	}
	if want("LocalManagedPolicy") {
		if err := store.Each(tx, acct, store.KindPolicy, func(mp *store.ManagedPolicy) error {
			addPolicy(&resolvedPolicy{customer: mp})
			return nil
		}); err != nil {
			return err
		}
	}
	if want("AWSManagedPolicy") && h.managed != nil {
		for _, mp := range h.managed.All() {
			l := strings.ToLower(mp.ARN)
			if u.attached[l] > 0 || u.boundary[l] > 0 {
				addPolicy(&resolvedPolicy{aws: mp})
			}
		}
	}
	return nil
}

// pageDetails keeps one page of the details: MaxItems counts users, groups,
// roles and policies together, in that order, and the marker is the
// position in that sequence.
func (res *getAccountAuthorizationDetailsResult) pageDetails(pp pageParams) {
	start := 0
	if pp.marker != "" {
		start = atoi(pp.marker)
	}
	total := len(res.UserDetailList.Member) + len(res.GroupDetailList.Member) + len(res.RoleDetailList.Member) + len(res.Policies.Member)
	left := pp.maxItems
	skip := start
	trim := func(n int) (lo, hi int) {
		lo = min(skip, n)
		skip -= lo
		hi = lo + min(left, n-lo)
		left -= hi - lo
		return lo, hi
	}
	lo, hi := trim(len(res.UserDetailList.Member))
	res.UserDetailList.Member = res.UserDetailList.Member[lo:hi]
	lo, hi = trim(len(res.GroupDetailList.Member))
	res.GroupDetailList.Member = res.GroupDetailList.Member[lo:hi]
	lo, hi = trim(len(res.RoleDetailList.Member))
	res.RoleDetailList.Member = res.RoleDetailList.Member[lo:hi]
	lo, hi = trim(len(res.Policies.Member))
	res.Policies.Member = res.Policies.Member[lo:hi]
	if end := start + pp.maxItems; end < total {
		res.pageInfo = pageInfo{IsTruncated: true, Marker: encodeMarker(itoa(end))}
	}
}

// Global endpoint token versions (SetSecurityTokenServicePreferences).
const (
	tokenV1 = "v1Token"
	tokenV2 = "v2Token"
)

// setSecurityTokenServicePreferences serves
// SetSecurityTokenServicePreferences: which tokens the global STS endpoint
// issues, shown as GlobalEndpointTokenVersion in GetAccountSummary. The
// choice changes nothing else here (fakeaws has one endpoint and one token
// format).
func (h *Handler) setSecurityTokenServicePreferences(ctx context.Context, p query.Params) (any, error) {
	var v validator
	version := v.requiredChoice(p, "GlobalEndpointTokenVersion", tokenV1, tokenV2)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "SetSecurityTokenServicePreferences", "*"); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run reads
	// the account afresh, as a second run must.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		a, err := tx.EnsureAccount(acct, h.clock())
		if err != nil || a.GlobalEndpointTokenVersion == version {
			return err
		}
		a.GlobalEndpointTokenVersion = version
		return tx.Put(acct, store.KindAccount, store.KindAccount, a)
	})
	return nil, wrap("set security token service preferences", err)
}

// accountRecord reads the account's record: a new account's when none is
// stored yet, an error when the stored one cannot be read.
func (h *Handler) accountRecord(ctx context.Context, acct string) (*store.Account, error) {
	var a *store.Account
	err := h.db.View(ctx, func(tx *store.Tx) error {
		var err error
		a, err = tx.EnsureAccount(acct, h.clock())
		return err
	})
	return a, err
}
