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

// slrNames are the role names AWS gives some services' service-linked
// roles; others get AWSServiceRoleFor + the capitalized service prefix.
var slrNames = map[string]string{
	"autoscaling.amazonaws.com":                      "AWSServiceRoleForAutoScaling",
	"elasticloadbalancing.amazonaws.com":             "AWSServiceRoleForElasticLoadBalancing",
	"ecs.amazonaws.com":                              "AWSServiceRoleForECS",
	"eks.amazonaws.com":                              "AWSServiceRoleForAmazonEKS",
	"rds.amazonaws.com":                              "AWSServiceRoleForRDS",
	"elasticbeanstalk.amazonaws.com":                 "AWSServiceRoleForElasticBeanstalk",
	"organizations.amazonaws.com":                    "AWSServiceRoleForOrganizations",
	"sso.amazonaws.com":                              "AWSServiceRoleForSSO",
	"config.amazonaws.com":                           "AWSServiceRoleForConfig",
	"guardduty.amazonaws.com":                        "AWSServiceRoleForAmazonGuardDuty",
	"es.amazonaws.com":                               "AWSServiceRoleForAmazonOpenSearchService",
	"opensearchservice.amazonaws.com":                "AWSServiceRoleForAmazonOpenSearchService",
	"spot.amazonaws.com":                             "AWSServiceRoleForEC2Spot",
	"trustedadvisor.amazonaws.com":                   "AWSServiceRoleForTrustedAdvisor",
	"support.amazonaws.com":                          "AWSServiceRoleForSupport",
	"cloudtrail.amazonaws.com":                       "AWSServiceRoleForCloudTrail",
	"securityhub.amazonaws.com":                      "AWSServiceRoleForSecurityHub",
	"elasticache.amazonaws.com":                      "AWSServiceRoleForElastiCache",
	"dynamodb.application-autoscaling.amazonaws.com": "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
}

// slrName is the role name for service (with an optional custom suffix).
func slrName(service, suffix string) string {
	name, ok := slrNames[service]
	if !ok {
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

func isServiceLinked(r *store.Role) bool { return strings.HasPrefix(r.Path, serviceRolePath) }

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
	err := h.db.Update(ctx, func(tx *store.Tx) error {
		return insert(tx, acct, store.KindRole, key(name), r,
			invalidInput("Service role name %s has been taken in this account, please try a different suffix.", name))
	})
	if err != nil {
		return nil, wrap("create service-linked role", err)
	}
	return &roleResult{Role: roleXML(r, trust, roleCreated)}, nil
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
	err := h.db.Update(ctx, func(tx *store.Tx) error {
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
		return tx.Delete(acct, store.KindRole, key(r.Name))
	})
	if err != nil {
		return nil, wrap("delete service-linked role", err)
	}
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
	var task *store.SLRDeletion
	err := h.db.View(ctx, func(tx *store.Tx) error {
		var err error
		task, err = get[store.SLRDeletion](tx, acct, store.KindSLRDeletion, id,
			noSuchEntity("Deletion task %s cannot be found.", id))
		return err
	})
	if err != nil {
		return nil, wrap("get deletion status", err)
	}
	return &slrStatusResult{Status: task.Status}, nil
}
