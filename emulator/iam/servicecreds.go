package iam

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Service-specific credentials: a user name and password an IAM user has
// for CodeCommit (HTTPS Git) or Amazon Keyspaces, at most
// maxServiceCredentials per user and service. The actions are authorized on
// the owner's ARN (the caller when no UserName is given). Shapes, messages
// and statuses are those recorded from AWS in LocalStack's
// tests/aws/services/iam/test_iam.snapshot.json
// (TestIAMServiceSpecificCredentials, 2025-03-06).

const (
	maxServiceCredentials = 2
	serviceCredentialID   = "ACCA"
	patServiceCredID      = `[\w]+`

	msgDeleteReferenced = "Cannot delete entity, must remove referenced objects first."
)

// credentialServiceKey is the condition key the Service Authorization
// Reference lists for Create, Update, Reset and
// DeleteServiceSpecificCredential: the credential's service. Without it a
// Deny naming one service (StringEquals cassandra.amazonaws.com) never
// applied.
const credentialServiceKey = "iam:ServiceSpecificCredentialServiceName"

// credentialServiceKeys returns the condition keys of an existing
// credential id of the caller's account: its service name (none when the
// credential does not exist; the request then fails NoSuchEntity).
func (h *Handler) credentialServiceKeys(ctx context.Context, id string) map[string][]string {
	var c store.ServiceSpecificCredential
	err := h.db.View(ctx, func(tx *store.Tx) error {
		return tx.Get(account(ctx), store.KindServiceSpecificCredential, id, &c)
	})
	if err != nil || c.ServiceName == "" {
		return nil
	}
	return map[string][]string{credentialServiceKey: {c.ServiceName}}
}

// serviceCredentialServices are the services that issue service-specific
// credentials.
var serviceCredentialServices = map[string]bool{
	"codecommit.amazonaws.com": true,
	"cassandra.amazonaws.com":  true,
}

// credentialIDParam reads a ServiceSpecificCredentialId. AWS leaves the
// value out of this parameter's validation messages (recorded:
// test_user_match_id_mismatch).
func (v *validator) credentialIDParam(p query.Params) string {
	const field = "serviceSpecificCredentialId"
	if !p.Has("ServiceSpecificCredentialId") {
		v.errs = append(v.errs, "Value null at '"+field+"' failed to satisfy constraint: Member must not be null")
		return ""
	}
	id := p.Get("ServiceSpecificCredentialId")
	switch n := utf8.RuneCountInString(id); {
	case n < 20:
		v.errs = append(v.errs, "Value at '"+field+"' failed to satisfy constraint: Member must have length greater than or equal to 20")
	case n > 128:
		v.errs = append(v.errs, "Value at '"+field+"' failed to satisfy constraint: Member must have length less than or equal to 128")
	case !regexps[patAccessKeyID].MatchString(id):
		v.errs = append(v.errs, "Value at '"+field+"' failed to satisfy constraint: Member must satisfy regular expression pattern: "+patServiceCredID)
	}
	return id
}

func noSuchService(name string) error {
	return noSuchEntity("No such service %s is supported for Service Specific Credentials", name)
}

func noSuchCredential(id string) error {
	return noSuchEntity("No such credential %s exists", id)
}

// userServiceCredentials returns user's service-specific credentials in
// acct, oldest first.
func userServiceCredentials(tx *store.Tx, acct, user string) ([]*store.ServiceSpecificCredential, error) {
	return ownedBy(tx, acct, store.KindServiceSpecificCredential, user, func(c *store.ServiceSpecificCredential) (string, time.Time, string) {
		return c.UserName, c.Created, c.ID
	})
}

// loadServiceCredential finds credential id of user (checked to exist
// first, as AWS reports a missing user before a missing credential).
func loadServiceCredential(tx *store.Tx, acct, user, id string) (*store.ServiceSpecificCredential, error) {
	if _, err := ownerName(tx, acct, user); err != nil {
		return nil, err
	}
	c, err := get[store.ServiceSpecificCredential](tx, acct, store.KindServiceSpecificCredential, id, noSuchCredential(id))
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(c.UserName, user) {
		return nil, noSuchCredential(id)
	}
	return c, nil
}

type xmlServiceCredential struct {
	CreateDate                  string `xml:"CreateDate"`
	ServiceName                 string `xml:"ServiceName"`
	ServiceUserName             string `xml:"ServiceUserName"`
	ServicePassword             string `xml:"ServicePassword"`
	ServiceSpecificCredentialID string `xml:"ServiceSpecificCredentialId"`
	UserName                    string `xml:"UserName"`
	Status                      string `xml:"Status"`
}

type serviceCredentialResult struct {
	ServiceSpecificCredential xmlServiceCredential `xml:"ServiceSpecificCredential"`
}

func serviceCredentialXML(c *store.ServiceSpecificCredential) *serviceCredentialResult {
	return &serviceCredentialResult{ServiceSpecificCredential: xmlServiceCredential{CreateDate: isoTime(c.Created),
		ServiceName: c.ServiceName, ServiceUserName: c.ServiceUser, ServicePassword: c.Password,
		ServiceSpecificCredentialID: c.ID, UserName: c.UserName, Status: c.Status}}
}

// servicePassword is a new password: 32 random bytes in base64, the shape
// of CodeCommit's generated Git passwords.
func servicePassword() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// createServiceSpecificCredential serves CreateServiceSpecificCredential.
func (h *Handler) createServiceSpecificCredential(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "UserName", 1, 64, patName)
	service := v.required(p, "ServiceName", 0, 1000, "")
	if p.Has("CredentialAgeDays") {
		// Only Bedrock API keys take it (not issued here), but its range
		// is checked first, as every member's is.
		if n, err := p.Int("CredentialAgeDays", 0); err != nil {
			v.fail(p.Get("CredentialAgeDays"), "credentialAgeDays", "be a number")
		} else {
			v.int(n, "credentialAgeDays", 1, 36600)
		}
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	keys := map[string][]string{credentialServiceKey: {service}}
	if p.Has("CredentialAgeDays") {
		keys["iam:ServiceSpecificCredentialAgeDays"] = []string{p.Get("CredentialAgeDays")}
	}
	if err := h.authorizeWith(ctx, "CreateServiceSpecificCredential", h.userARN(ctx, acct, name), keys); err != nil {
		return nil, err
	}
	rec := &store.ServiceSpecificCredential{ID: ids.Unique(serviceCredentialID), ServiceName: service,
		Password: servicePassword(), Status: "Active", Created: h.clock()}
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// rec's user afresh, as a second run must.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		rec.UserName, rec.ServiceUser = "", ""
		u, err := loadUser(tx, acct, name)
		if err != nil {
			return err
		}
		if !serviceCredentialServices[service] {
			return noSuchService(service)
		}
		creds, err := userServiceCredentials(tx, acct, u.Name)
		if err != nil {
			return err
		}
		n := 0
		for _, c := range creds {
			if c.ServiceName == service {
				n++
			}
		}
		if n >= maxServiceCredentials {
			return limitExceeded("Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: %d", maxServiceCredentials)
		}
		rec.UserName, rec.ServiceUser = u.Name, u.Name+"-at-"+acct
		return tx.Put(acct, store.KindServiceSpecificCredential, rec.ID, rec)
	})
	if err != nil {
		return nil, wrap("create service-specific credential", err)
	}
	return serviceCredentialXML(rec), nil
}

type xmlServiceCredentialMetadata struct {
	CreateDate                  string `xml:"CreateDate"`
	ServiceName                 string `xml:"ServiceName"`
	ServiceUserName             string `xml:"ServiceUserName"`
	ServiceSpecificCredentialID string `xml:"ServiceSpecificCredentialId"`
	UserName                    string `xml:"UserName"`
	Status                      string `xml:"Status"`
}

type listServiceCredentialsResult struct {
	ServiceSpecificCredentials members[xmlServiceCredentialMetadata] `xml:"ServiceSpecificCredentials"`
	pageInfo
}

// listServiceSpecificCredentials serves ListServiceSpecificCredentials: the
// named user's (else the caller's) credentials, or with AllUsers every
// user's in the account, for one service when ServiceName is given, in one
// page: IsTruncated is false (AWS's answers recorded in 2025 had none;
// those of Feb-Mar 2026 carry it, LocalStack test_iam.py
// TestIAMServiceSpecificCredentials test_service_specific_credential_lifecycle
// and test_iam_users.py test_user_rename_updates_service_specific_credentials,
// validated 2026-03-05).
func (h *Handler) listServiceSpecificCredentials(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 64, patName)
	service, byService := v.optional(p, "ServiceName", 0, 1000, "")
	v.paging(p) // checked; every match is listed (see docs/deviations.md)
	if err := v.err(); err != nil {
		return nil, err
	}
	allUsers := p.Bool("AllUsers", false)
	if allUsers && named {
		return nil, invalidInput(msgAllUsersWithUserName)
	}
	if byService && !serviceCredentialServices[service] {
		return nil, noSuchService(service)
	}
	keep := func(creds []*store.ServiceSpecificCredential) []*store.ServiceSpecificCredential {
		out := creds[:0]
		for _, c := range creds {
			if !byService || c.ServiceName == service {
				out = append(out, c)
			}
		}
		return out
	}
	if allUsers {
		return h.listAllServiceCredentials(ctx, keep)
	}
	all := pageParams{maxItems: 1 << 30}
	pg, _, err := listOwned(ctx, h, "ListServiceSpecificCredentials", "list service-specific credentials", name, named, all,
		func(tx *store.Tx, acct, user string) ([]*store.ServiceSpecificCredential, error) {
			if user == "" {
				return nil, nil // the root user has none
			}
			creds, err := userServiceCredentials(tx, acct, user)
			return keep(creds), err
		}, serviceCredentialMetadata)
	if err != nil {
		return nil, err
	}
	return &listServiceCredentialsResult{ServiceSpecificCredentials: list(pg)}, nil
}

// msgAllUsersWithUserName refuses AllUsers with UserName, which the API
// reference says "cannot be specified together" (AWS's answer is not
// recorded: InvalidInput is IAM's error for a request it cannot take).
const msgAllUsersWithUserName = "AllUsers cannot be specified together with UserName."

// listAllServiceCredentials is ListServiceSpecificCredentials with AllUsers:
// every user's credentials that keep keeps, by user name, then creation.
// The request names no user: it is authorized on every user of the
// account (arn:aws:iam::ACCOUNT:user/*), which a policy granting the
// action on one user's ARN does not cover (docs/deviations.md).
func (h *Handler) listAllServiceCredentials(ctx context.Context,
	keep func([]*store.ServiceSpecificCredential) []*store.ServiceSpecificCredential) (any, error) {
	acct := account(ctx)
	if err := h.authorize(ctx, "ListServiceSpecificCredentials", arn(acct, "user", "/", "*")); err != nil {
		return nil, err
	}
	var creds []*store.ServiceSpecificCredential
	err := h.db.View(ctx, func(tx *store.Tx) error {
		var err error
		creds, err = all[store.ServiceSpecificCredential](tx, acct, store.KindServiceSpecificCredential)
		return err
	})
	if err != nil {
		return nil, wrap("list service-specific credentials", err)
	}
	creds = keep(creds)
	sort.Slice(creds, func(i, j int) bool {
		a, b := creds[i], creds[j]
		if ua, ub := strings.ToLower(a.UserName), strings.ToLower(b.UserName); ua != ub {
			return ua < ub
		}
		if !a.Created.Equal(b.Created) {
			return a.Created.Before(b.Created)
		}
		return a.ID < b.ID
	})
	items := make([]xmlServiceCredentialMetadata, 0, len(creds))
	for _, c := range creds {
		items = append(items, serviceCredentialMetadata(c))
	}
	return &listServiceCredentialsResult{ServiceSpecificCredentials: list(items)}, nil
}

// serviceCredentialMetadata is c as a listing shows it.
func serviceCredentialMetadata(c *store.ServiceSpecificCredential) xmlServiceCredentialMetadata {
	return xmlServiceCredentialMetadata{CreateDate: isoTime(c.Created), ServiceName: c.ServiceName,
		ServiceUserName: c.ServiceUser, ServiceSpecificCredentialID: c.ID, UserName: c.UserName, Status: c.Status}
}

// updateServiceSpecificCredential serves UpdateServiceSpecificCredential
// (Active or Inactive).
func (h *Handler) updateServiceSpecificCredential(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 64, patName)
	id := v.credentialIDParam(p)
	status := v.required(p, "Status", 0, 1000, "")
	if p.Has("Status") && status != "Active" && status != "Inactive" {
		// Recorded: test_invalid_update_parameters (no value, no list).
		v.errs = append(v.errs, "Value at 'status' failed to satisfy constraint: Member must satisfy enum value set")
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	err := changeOwnedWith(ctx, h, "UpdateServiceSpecificCredential", name, named, id, h.credentialServiceKeys(ctx, id), loadServiceCredential,
		func(tx *store.Tx, acct string, c *store.ServiceSpecificCredential) error {
			c.Status = status
			return tx.Put(acct, store.KindServiceSpecificCredential, c.ID, c)
		})
	return nil, wrap("update service-specific credential", err)
}

// resetServiceSpecificCredential serves ResetServiceSpecificCredential: a
// new password, the status kept.
func (h *Handler) resetServiceSpecificCredential(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 64, patName)
	id := v.credentialIDParam(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	var out *store.ServiceSpecificCredential
	err := changeOwnedWith(ctx, h, "ResetServiceSpecificCredential", name, named, id, h.credentialServiceKeys(ctx, id), loadServiceCredential,
		func(tx *store.Tx, acct string, c *store.ServiceSpecificCredential) error {
			c.Password, out = servicePassword(), c
			return tx.Put(acct, store.KindServiceSpecificCredential, c.ID, c)
		})
	if err != nil {
		return nil, wrap("reset service-specific credential", err)
	}
	return serviceCredentialXML(out), nil
}

// deleteServiceSpecificCredential serves DeleteServiceSpecificCredential.
func (h *Handler) deleteServiceSpecificCredential(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 64, patName)
	id := v.credentialIDParam(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	err := changeOwnedWith(ctx, h, "DeleteServiceSpecificCredential", name, named, id, h.credentialServiceKeys(ctx, id), loadServiceCredential,
		func(tx *store.Tx, acct string, c *store.ServiceSpecificCredential) error {
			return tx.Delete(acct, store.KindServiceSpecificCredential, c.ID)
		})
	return nil, wrap("delete service-specific credential", err)
}
