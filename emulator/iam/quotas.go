package iam

import (
	"github.com/fakeaws/fakeaws/emulator/store"
)

// accountQuota is one of IAM's per-account entity quotas: how many records
// of a kind an account may hold, and the name LimitExceeded gives it.
type accountQuota struct {
	name  string // "InstanceProfilesPerAccount"
	limit int
	// summary is the GetAccountSummary key of the quota ("InstanceProfilesQuota").
	summary string
}

// accountQuotas are IAM's default per-account entity quotas, by store kind
// ("IAM object quotas", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
// A create past one answers LimitExceeded 409 "Cannot exceed quota for
// NAME: LIMIT", as recorded from AWS for instance profiles
// ("Cannot exceed quota for InstanceProfilesPerAccount: 1000",
// ansible/workshops#1801) and, in the same form, for RolesPerAccount and
// PoliciesPerAccount in user reports.
var accountQuotas = map[string]accountQuota{
	store.KindUser:              {"UsersPerAccount", 5000, "UsersQuota"},
	store.KindGroup:             {"GroupsPerAccount", 300, "GroupsQuota"},
	store.KindRole:              {"RolesPerAccount", 1000, "RolesQuota"},
	store.KindPolicy:            {"PoliciesPerAccount", 1500, "PoliciesQuota"},
	store.KindInstanceProfile:   {"InstanceProfilesPerAccount", 1000, "InstanceProfilesQuota"},
	store.KindServerCertificate: {"ServerCertificatesPerAccount", maxServerCertificates, "ServerCertificatesQuota"},
	// Not in GetAccountSummary; the names are ours, in AWS's form.
	store.KindOIDCProvider: {"OpenIdConnectProvidersPerAccount", 100, ""},
	store.KindSAMLProvider: {"SAMLProvidersPerAccount", 100, ""},
}

// maxMFADevicesPerUser is how many MFA devices one user may have in use
// (the quotas page: "MFA devices in use by an IAM user: 8").
const maxMFADevicesPerUser = 8

// checkUserMFAQuota refuses to enable another MFA device for user when
// the user has maxMFADevicesPerUser in use. The message is ours, in the
// form of AWS's per-user quotas (not recorded).
func checkUserMFAQuota(tx *store.Tx, acct, user string) error {
	n := 0
	err := store.Each(tx, acct, store.KindMFADevice, func(d *store.MFADevice) error {
		if d.EnableDate != nil && d.UserName == user {
			n++
		}
		return nil
	})
	if err != nil {
		return err
	}
	if n >= maxMFADevicesPerUser {
		return limitExceeded("Cannot exceed quota for MFADevicesPerUser: %d", maxMFADevicesPerUser)
	}
	return nil
}

// checkAccountQuota refuses to add a record of kind to acct when the
// account already holds its quota of them. Kinds without a quota pass.
func checkAccountQuota(tx *store.Tx, acct, kind string) error {
	q, ok := accountQuotas[kind]
	if !ok {
		return nil
	}
	n := 0
	err := tx.ForEach(acct, kind, "", "", func(string, store.Decoder) error {
		if n++; n >= q.limit {
			return store.ErrStop
		}
		return nil
	})
	if err != nil {
		return err
	}
	if n >= q.limit {
		return limitExceeded("Cannot exceed quota for %s: %d", q.name, q.limit)
	}
	return nil
}
