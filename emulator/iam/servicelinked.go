package iam

import (
	"context"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Service-linked roles
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html):
// roles under /aws-service-role/SERVICE/ that only the service may assume
// and that DeleteRole refuses.

const serviceRolePath = "/aws-service-role/"

// slrName is the role name AWS gives service's service-linked role (with
// an optional custom suffix): the recorded or documented name, else
// AWSServiceRoleFor + the capitalized service prefix.
func slrName(service, suffix string) string {
	name := ""
	if r, ok := slrRecorded[service]; ok {
		name = r.name
	} else if n, ok := slrOthers[service]; ok {
		name = n
	} else {
		prefix := strings.TrimSuffix(service, ".amazonaws.com")
		var b strings.Builder
		for _, part := range strings.FieldsFunc(prefix, func(r rune) bool { return r == '.' || r == '-' }) {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
		name = "AWSServiceRoleFor" + b.String()
	}
	if suffix != "" {
		name += "_" + suffix
	}
	return name
}

// suffixRefused reports whether AWS refuses a CustomSuffix for service.
func suffixRefused(service string) bool {
	r, ok := slrRecorded[service]
	return ok && !r.suffix
}

func isServiceLinked(r *store.Role) bool { return strings.HasPrefix(r.Path, serviceRolePath) }

// reservedRolePath is where AWS keeps roles it manages for other features
// (IAM Identity Center's AWSReservedSSO_* roles live under
// /aws-reserved/sso.amazonaws.com/).
const reservedRolePath = "/aws-reserved/"

// isProtectedRole reports whether AWS refuses changes to r with
// UnmodifiableEntity: service-linked roles and roles under /aws-reserved/.
// The actions that refuse them are those whose error list names
// UnmodifiableEntity in the IAM API model (aws-sdk-go-v2 service/iam
// deserializers): AddRoleToInstanceProfile, AttachRolePolicy, DeleteRole,
// DeleteRolePermissionsBoundary, DeleteRolePolicy, DetachRolePolicy,
// PutRolePermissionsBoundary, PutRolePolicy, RemoveRoleFromInstanceProfile,
// UpdateAssumeRolePolicy, UpdateRole and UpdateRoleDescription. AWS's
// message, as quoted from AWS in rebuy-de/aws-nuke#441 (DeleteRole on an
// AWSReservedSSO_ role), cloud-nuke#880 (DetachRolePolicy) and
// perkbox/cloud-access-bot#11 (PutRolePolicy), is unmodifiableRole's.
func isProtectedRole(r *store.Role) bool {
	return isServiceLinked(r) || strings.HasPrefix(r.Path, reservedRolePath)
}

func unmodifiableRole(name string) error {
	return awserr.Newf("UnmodifiableEntity", http.StatusBadRequest,
		"Cannot perform the operation on the protected role '%s' - this role is only modifiable by AWS", name)
}

// createServiceLinkedRole serves CreateServiceLinkedRole.
func (h *Handler) createServiceLinkedRole(ctx context.Context, p query.Params) (any, error) {
	var v validator
	service := v.required(p, "AWSServiceName", 1, 128, patName)
	desc := v.description(p)
	suffix, _ := v.optional(p, "CustomSuffix", 1, 64, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	if !strings.HasSuffix(service, ".amazonaws.com") || service == ".amazonaws.com" {
		return nil, invalidInput("Invalid service name: %s", service)
	}
	if suffix != "" && suffixRefused(service) {
		return nil, invalidInput("Custom suffix is not allowed for %s", service)
	}
	acct := account(ctx)
	name := slrName(service, suffix)
	path := serviceRolePath + service + "/"
	roleARN := arn(acct, "role", path, name)
	if err := h.authorizeWith(ctx, "CreateServiceLinkedRole", roleARN, map[string][]string{"iam:AWSServiceName": {service}}); err != nil {
		return nil, err
	}
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + service +
		`"},"Action":"sts:AssumeRole"}]}`
	r := &store.Role{Name: name, Path: path, ID: ids.Unique(ids.RolePrefix), ARN: roleARN, Created: h.clock(),
		Description: desc, MaxSessionDuration: 3600, TrustPolicy: trust}
	if policyARN, ok := h.slrPolicy(service); ok {
		r.Attached = []string{policyARN}
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads r, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		return insert(tx, acct, store.KindRole, key(name), r,
			invalidInput("Service role name %s has been taken in this account, please try a different suffix.", name))
	})
	if err != nil {
		return nil, wrap("create service-linked role", err)
	}
	// With its Description, as before: AWS's answer to a CreateServiceLinkedRole
	// with a description is not recorded (CreateRole's leaves it out).
	return &roleResult{Role: roleXML(r, trust, roleDescribed)}, nil
}

// slrPolicy is the ARN of the AWS managed policy AWS attaches to service's
// service-linked role, when it is recorded and embedded (slrPolicies).
func (h *Handler) slrPolicy(service string) (string, bool) {
	name, ok := slrPolicies[service]
	if !ok || h.managed == nil {
		return "", false
	}
	p, ok := h.managed.Lookup("arn:aws:iam::aws:policy" + serviceRolePath + name)
	if !ok {
		return "", false
	}
	return p.ARN, true
}

type deleteSLRResult struct {
	DeletionTaskID string `xml:"DeletionTaskId"`
}

// deleteServiceLinkedRole serves DeleteServiceLinkedRole: the role goes at
// once and the task reports SUCCEEDED.
func (h *Handler) deleteServiceLinkedRole(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "RoleName", 1, 64, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "DeleteServiceLinkedRole", h.roleARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	var task store.SLRDeletion
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// task afresh, as a second run must.
	var id string
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		task = store.SLRDeletion{}
		r, err := loadRole(tx, acct, name)
		if err != nil {
			return err
		}
		if !isServiceLinked(r) {
			return invalidInput("Role %s is not a service-linked role.", r.Name)
		}
		task = store.SLRDeletion{ID: "task" + r.Path + r.Name + "/" + uuid.NewString(), RoleName: r.Name,
			Status: "SUCCEEDED", Created: h.clock()}
		if err := tx.Put(acct, store.KindSLRDeletion, task.ID, &task); err != nil {
			return err
		}
		if err := tx.DeleteServiceAccess(acct, r.ID); err != nil {
			return err
		}
		id = r.ID
		return tx.Delete(acct, store.KindRole, key(r.Name))
	})
	if err != nil {
		return nil, wrap("delete service-linked role", err)
	}
	h.authz.ForgetAccessEntity(id)
	return &deleteSLRResult{DeletionTaskID: task.ID}, nil
}

type slrStatusResult struct {
	Status string `xml:"Status"`
}

// getServiceLinkedRoleDeletionStatus serves GetServiceLinkedRoleDeletionStatus.
func (h *Handler) getServiceLinkedRoleDeletionStatus(ctx context.Context, p query.Params) (any, error) {
	var v validator
	id := v.required(p, "DeletionTaskId", 1, 1000, "")
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "GetServiceLinkedRoleDeletionStatus", "*"); err != nil {
		return nil, err
	}
	task, err := viewOne(ctx, h, func(tx *store.Tx) (*store.SLRDeletion, error) {
		return get[store.SLRDeletion](tx, acct, store.KindSLRDeletion, id,
			noSuchEntity("Deletion task %s cannot be found.", id))
	})
	if err != nil {
		return nil, wrap("get deletion status", err)
	}
	return &slrStatusResult{Status: task.Status}, nil
}
