package iam

// Managed policy versions: CreatePolicyVersion, GetPolicyVersion,
// ListPolicyVersions, DeletePolicyVersion and SetDefaultPolicyVersion. A
// customer managed policy keeps at most maxVersions; AWS managed policies
// answer their versions but cannot be changed (awsManagedUnmodifiable).

import (
	"context"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

type policyVersionResult struct {
	PolicyVersion xmlPolicyVersion `xml:"PolicyVersion"`
}

// createPolicyVersion serves CreatePolicyVersion.
func (h *Handler) createPolicyVersion(ctx context.Context, p query.Params) (any, error) {
	var v validator
	policyARN := v.policyARN(p, "PolicyArn")
	doc := v.document(p, "PolicyDocument")
	setDefault := p.Bool("SetAsDefault", false)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "CreatePolicyVersion", policyARN); err != nil {
		return nil, err
	}
	if err := h.checkManagedPolicy(doc); err != nil {
		return nil, err
	}
	if policySize(doc) > managedPolicySize {
		return nil, limitExceeded("Cannot exceed quota for PolicySize: %d", managedPolicySize)
	}
	var res *policyVersionResult
	err := h.updateCustomerPolicy(ctx, "CreatePolicyVersion", policyARN, func(tx *store.Tx, mp *store.ManagedPolicy) error {
		res = nil // a second run sets it afresh (store.DB.Batch)
		if len(mp.Versions) >= maxVersions {
			return limitExceeded("A managed policy can have up to %d versions. Before you create a new version, you must delete an existing version.", maxVersions)
		}
		if mp.NextVersion < 2 {
			mp.NextVersion = len(mp.Versions) + 1
		}
		now := h.clock()
		ver := store.PolicyVersion{ID: "v" + itoa(mp.NextVersion), Document: doc, Created: now}
		mp.NextVersion++
		if setDefault {
			for i := range mp.Versions {
				mp.Versions[i].IsDefault = false
			}
			ver.IsDefault = true
			mp.DefaultVersion = ver.ID
		}
		mp.Versions = append(mp.Versions, ver)
		mp.Updated = now
		res = &policyVersionResult{PolicyVersion: xmlPolicyVersion{VersionID: ver.ID,
			IsDefaultVersion: ver.IsDefault, CreateDate: isoTime(now)}}
		return savePolicy(tx, mp)
	})
	if err != nil {
		return nil, wrap("create policy version", err)
	}
	return res, nil
}

func noSuchVersion(policyARN, version string) error {
	return noSuchEntity("Policy %s version %s does not exist or is not attachable.", policyARN, version)
}

// getPolicyVersion serves GetPolicyVersion.
func (h *Handler) getPolicyVersion(ctx context.Context, p query.Params) (any, error) {
	var v validator
	policyARN := v.policyARN(p, "PolicyArn")
	version := v.required(p, "VersionId", 1, 128, patVersionID)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "GetPolicyVersion", policyARN); err != nil {
		return nil, err
	}
	var res *policyVersionResult
	err := h.db.View(ctx, func(tx *store.Tx) error {
		r, err := h.lookupPolicy(tx, policyARN)
		if err != nil {
			// As for a missing version (LocalStack test_iam_policies.py
			// test_policy_version_errors "err-get-version-nonexistent-policy",
			// validated 2026-02-10).
			return noSuchEntityAs(err, noSuchVersion(policyARN, version))
		}
		for _, ver := range versionsOf(r) {
			if ver.ID == version {
				res = &policyVersionResult{PolicyVersion: xmlPolicyVersion{Document: encodeDocument(ver.Document),
					VersionID: ver.ID, IsDefaultVersion: ver.IsDefault, CreateDate: isoTime(ver.Created)}}
				return nil
			}
		}
		return noSuchVersion(policyARN, version)
	})
	if err != nil {
		return nil, wrap("get policy version", err)
	}
	return res, nil
}

// versionsOf lists a policy's versions; an AWS managed policy has only its
// current (default) version.
func versionsOf(r *resolvedPolicy) []store.PolicyVersion {
	if r.aws != nil {
		return []store.PolicyVersion{{ID: r.aws.DefaultVersion, Document: r.aws.Document,
			IsDefault: true, Created: r.aws.VersionCreated}}
	}
	return r.customer.Versions
}

type listPolicyVersionsResult struct {
	Versions members[xmlPolicyVersion] `xml:"Versions"`
	pageInfo
}

// listPolicyVersions serves ListPolicyVersions (newest first, as IAM lists
// them).
func (h *Handler) listPolicyVersions(ctx context.Context, p query.Params) (any, error) {
	var v validator
	policyARN := v.policyARN(p, "PolicyArn")
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "ListPolicyVersions", policyARN); err != nil {
		return nil, err
	}
	var items []xmlPolicyVersion
	err := h.db.View(ctx, func(tx *store.Tx) error {
		r, err := h.lookupPolicy(tx, policyARN)
		if err != nil {
			return err
		}
		for _, ver := range versionsOf(r) {
			items = append(items, xmlPolicyVersion{VersionID: ver.ID, IsDefaultVersion: ver.IsDefault,
				CreateDate: isoTime(ver.Created)})
		}
		return nil
	})
	if err != nil {
		return nil, wrap("list policy versions", err)
	}
	// Newest first: sort keys invert the version number.
	pg, more := page(items, func(x xmlPolicyVersion) string {
		n := atoi(strings.TrimPrefix(strings.SplitN(x.VersionID, ".", 2)[0], "v"))
		return padded(1_000_000_000 - n)
	}, pp)
	return &listPolicyVersionsResult{Versions: list(pg), pageInfo: more}, nil
}

func padded(n int) string {
	s := itoa(n)
	return strings.Repeat("0", 12-len(s)) + s
}

// deletePolicyVersion serves DeletePolicyVersion.
func (h *Handler) deletePolicyVersion(ctx context.Context, p query.Params) (any, error) {
	var v validator
	policyARN := v.policyARN(p, "PolicyArn")
	version := v.required(p, "VersionId", 1, 128, patVersionID)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "DeletePolicyVersion", policyARN); err != nil {
		return nil, err
	}
	err := h.updateCustomerPolicy(ctx, "DeletePolicyVersion", policyARN, func(tx *store.Tx, mp *store.ManagedPolicy) error {
		for i, ver := range mp.Versions {
			if ver.ID != version {
				continue
			}
			if ver.IsDefault {
				return deleteConflict("Cannot delete the default version of a policy.")
			}
			mp.Versions = append(mp.Versions[:i], mp.Versions[i+1:]...)
			return savePolicy(tx, mp)
		}
		return noSuchVersion(policyARN, version)
	})
	return nil, wrap("delete policy version", err)
}

// setDefaultPolicyVersion serves SetDefaultPolicyVersion.
func (h *Handler) setDefaultPolicyVersion(ctx context.Context, p query.Params) (any, error) {
	var v validator
	policyARN := v.policyARN(p, "PolicyArn")
	version := v.required(p, "VersionId", 1, 128, patVersionID)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := h.authorize(ctx, "SetDefaultPolicyVersion", policyARN); err != nil {
		return nil, err
	}
	err := h.updateCustomerPolicy(ctx, "SetDefaultPolicyVersion", policyARN, func(tx *store.Tx, mp *store.ManagedPolicy) error {
		found := false
		for i := range mp.Versions {
			mp.Versions[i].IsDefault = mp.Versions[i].ID == version
			found = found || mp.Versions[i].IsDefault
		}
		if !found {
			return noSuchVersion(policyARN, version)
		}
		mp.DefaultVersion = version
		mp.Updated = h.clock()
		return savePolicy(tx, mp)
	})
	// A missing policy is answered as a missing version
	// (test_policy_version_errors "err-set-default-nonexistent-policy").
	err = noSuchEntityAs(err, noSuchVersion(policyARN, version))
	return nil, wrap("set default policy version", err)
}
